"""Fine-tune all-MiniLM-L6-v2 as a cross-encoder on ECB+ event coreference: the brief's same-event judge.

Run (training only, in its own environment: torch is never a run-time dependency)::

    make finetune-venv
    .venv-finetune/bin/python tools/finetune_same_event.py [--output DIR] [--epochs N]

Writes ``src/newsweave/brief/model/same_event/``: ``model.onnx`` (the fine-tuned transformer, int8
weights, last hidden state as output), its ``vocab.txt`` and ``head.npz`` (``coef``, ``intercept`` of the
linear layer over ``same_event.pair_features``). Then ``benchmarks/event_coref.py --topics dev`` chooses
the clustering threshold and ``--topics test`` measures it.

Data: ECB+ topics 1-30 only (31-35 choose the threshold, 36-45 are the test), gold event mentions with
their sentences (``benchmarks/event_coref.py``). Pairs within each subtopic: every coreferent pair up to
POSITIVES_PER_CHAIN per chain; as many non-coreferent pairs as NEGATIVE_RATIO asks, some of them hard
(the same event word, another event), and per subtopic a share from the topic's other half (the look-alike
event: another quake, another arrest), half of those in the same event word. Each pair is read in a
random order. Seeded and run on fixed threads.
"""

from __future__ import annotations

import argparse
import random
import shlex
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from finetune_event_encoder import starting_model
from transformers import AutoModel, AutoTokenizer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from finetune_event_encoder import export_encoder

from event_coref import TRAIN_TOPICS, Event, by_group, load_events
from newsweave.brief.same_event import (
    CLOSE,
    HEAD_FILE,
    MODEL_DIR,
    OPEN,
    SameEventModel,
    marked,
    trigger_masks,
)

SEED = 13
THREADS = 2
EPOCHS = 1
LEARNING_RATE = 5e-5
HEAD_LEARNING_RATE = 1e-3
BATCH_SIZE = 32
WARMUP = 0.1
#: A long chain (a quake named 40 times) would otherwise give most of the positive pairs.
POSITIVES_PER_CHAIN = 60
#: Non-coreferent pairs per coreferent pair, and the shares of them that are hard or cross-subtopic.
NEGATIVE_RATIO = 2.0
HARD_SHARE = 0.4
OTHER_HALF_SHARE = 0.3
#: Training pairs on which the exported model is compared with the torch network.
AGREEMENT_PAIRS = 200

Pair = tuple[Event, Event, float]


def _word(event: Event) -> str:
    text = event.mention.sentence[event.mention.start : event.mention.end].lower().split()
    return text[-1][:5] if text else ""


def training_pairs(events: Sequence[Event], rng: random.Random) -> list[Pair]:
    """Labelled pairs (see the module docstring), shuffled."""
    pairs: list[Pair] = []
    topics = by_group(events, "topic")
    for subtopic, group in by_group(events, "subtopic").items():
        chains: dict[str, list[Event]] = defaultdict(list)
        for event in group:
            chains[event.chain].append(event)
        positives = []
        for members in chains.values():
            found = [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
            positives += rng.sample(found, min(len(found), POSITIVES_PER_CHAIN))
        wanted = int(NEGATIVE_RATIO * len(positives))
        by_word: dict[str, list[Event]] = defaultdict(list)
        for event in group:
            by_word[_word(event)].append(event)
        hard = [(a, b) for same in by_word.values() for i, a in enumerate(same) for b in same[i + 1 :]
                if a.chain != b.chain]  # fmt: skip
        negatives = rng.sample(hard, min(len(hard), int(HARD_SHARE * wanted)))
        others = [e for e in topics[str(group[0].topic)] if e.subtopic != subtopic]
        # The look-alike event in the same words ("killed" in reports of two quakes) teaches most: half
        # the other-half pairs share their event word.
        look_alike = [(a, b) for b in others for a in by_word.get(_word(b), [])]
        share = int(OTHER_HALF_SHARE * wanted)
        negatives += rng.sample(look_alike, min(len(look_alike), share // 2))
        if others:
            negatives += [(rng.choice(group), rng.choice(others)) for _ in range(share - share // 2)]
        while len(negatives) < wanted:
            a, b = rng.sample(group, 2)
            if a.chain != b.chain:
                negatives.append((a, b))
        pairs += [(a, b, 1.0) for a, b in positives] + [(a, b, 0.0) for a, b in negatives]
    rng.shuffle(pairs)
    return [(b, a, label) if rng.random() < 0.5 else (a, b, label) for a, b, label in pairs]


class PairNet(torch.nn.Module):
    """MiniLM over the pair, and a linear layer over ``same_event.pair_features``."""

    def __init__(self, model: Path) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(model)
        self.head = torch.nn.Linear(4 * self.encoder.config.hidden_size, 1)

    def forward(
        self, encoded: dict[str, torch.Tensor], mask_a: torch.Tensor, mask_b: torch.Tensor
    ) -> torch.Tensor:
        hidden = self.encoder(**encoded).last_hidden_state
        a = (hidden * mask_a.unsqueeze(-1)).sum(1) / mask_a.sum(1, keepdim=True)
        b = (hidden * mask_b.unsqueeze(-1)).sum(1) / mask_b.sum(1, keepdim=True)
        return self.head(torch.cat([hidden[:, 0], a, b, a * b], dim=-1)).squeeze(-1)  # type: ignore[no-any-return]


def encode(
    tokenizer: object, pairs: Sequence[Pair]
) -> tuple[dict[str, torch.Tensor], torch.Tensor, torch.Tensor]:
    """Token tensors of a batch and each row's event-word masks."""
    encoded = tokenizer(  # type: ignore[operator]
        [marked(a.mention) for a, _, _ in pairs], [marked(b.mention) for _, b, _ in pairs],
        padding=True, truncation=True, max_length=256, return_tensors="pt",
    )  # fmt: skip
    open_id, close_id = tokenizer.convert_tokens_to_ids([OPEN, CLOSE])  # type: ignore[attr-defined]
    masks = [
        trigger_masks(ids.numpy(), types.numpy(), open_id, close_id)
        for ids, types in zip(encoded["input_ids"], encoded["token_type_ids"], strict=True)
    ]
    mask_a = torch.tensor(np.array([m[0] for m in masks]), dtype=torch.float32)
    mask_b = torch.tensor(np.array([m[1] for m in masks]), dtype=torch.float32)
    return dict(encoded), mask_a, mask_b


def train(pairs: list[Pair], model: Path, epochs: int) -> tuple[PairNet, object]:
    """The fine-tuned network and its tokenizer, seeded."""
    torch.manual_seed(SEED)
    tokenizer = AutoTokenizer.from_pretrained(model)
    net = PairNet(model)
    optimiser = torch.optim.AdamW(
        [
            {"params": net.encoder.parameters(), "lr": LEARNING_RATE},
            {"params": net.head.parameters(), "lr": HEAD_LEARNING_RATE},
        ],
        weight_decay=0.01,
    )
    steps = epochs * -(-len(pairs) // BATCH_SIZE)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / (WARMUP * steps)) * max(0.0, (steps - step) / steps)
    )
    shuffle = random.Random(SEED)
    net.train()
    for epoch in range(epochs):
        order, started, total = list(range(len(pairs))), time.time(), 0.0
        shuffle.shuffle(order)
        for number, start in enumerate(range(0, len(order), BATCH_SIZE), 1):
            batch = [pairs[i] for i in order[start : start + BATCH_SIZE]]
            encoded, mask_a, mask_b = encode(tokenizer, batch)
            logits = net(encoded, mask_a, mask_b)
            targets = torch.tensor([label for _, _, label in batch])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item()
            if number % 100 == 0:
                print(
                    f"    step {number}: mean loss {total / number:.3f} ({time.time() - started:.0f} s)",
                    flush=True,
                )
        print(
            f"  epoch {epoch + 1}/{epochs}: mean loss {total / number:.3f} ({time.time() - started:.0f} s)",
            flush=True,
        )
    net.eval()
    return net, tokenizer


@torch.no_grad()
def predict(net: PairNet, tokenizer: object, pairs: Sequence[Pair]) -> np.ndarray:
    """P(same event) of each pair from the torch network."""
    found = []
    for start in range(0, len(pairs), 64):
        encoded, mask_a, mask_b = encode(tokenizer, pairs[start : start + 64])
        found.append(torch.sigmoid(net(encoded, mask_a, mask_b)).numpy())
    return np.concatenate(found)


def export(net: PairNet, tokenizer: object, output: Path) -> None:
    """model.onnx (int8 weights), vocab.txt and head.npz into ``output``."""
    export_encoder(net.encoder, tokenizer, output)
    np.savez_compressed(
        output / HEAD_FILE,
        coef=net.head.weight.detach().numpy().reshape(-1).astype(np.float32),
        intercept=net.head.bias.detach().numpy().astype(np.float32),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=MODEL_DIR, help="where to write the model folder")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--limit", type=int, default=0, help="train on this many pairs only (a quick try)")
    options = parser.parse_args()
    print("command:", shlex.join([sys.executable, *sys.argv]))
    torch.set_num_threads(THREADS)
    rng = random.Random(SEED)
    pairs = training_pairs(load_events(TRAIN_TOPICS), rng)
    if options.limit:
        pairs = pairs[: options.limit]
    print(f"{len(pairs)} training pairs, {sum(label for _, _, label in pairs):.0f} coreferent", flush=True)
    net, tokenizer = train(pairs, starting_model(), options.epochs)
    export(net, tokenizer, options.output)
    sample = pairs[:AGREEMENT_PAIRS]
    exported = SameEventModel(options.output).probabilities([(a.mention, b.mention) for a, b, _ in sample])
    trained = predict(net, tokenizer, sample)
    same = int(((exported >= 0.5) == (trained >= 0.5)).sum())
    print(f"int8 export vs torch, {len(sample)} pairs: same side of 0.5 {same}, "
          f"mean |dp| {float(np.abs(exported - trained).mean()):.4f}")  # fmt: skip
    size = sum(path.stat().st_size for path in options.output.iterdir())
    print(f"wrote {options.output} ({size} bytes)")


if __name__ == "__main__":
    main()
