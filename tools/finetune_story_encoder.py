"""Fine-tune all-MiniLM-L6-v2 into the story encoder: reports of one event close, look-alike events apart.

Run (training only, in its own environment: torch is never a run-time dependency)::

    make finetune-venv
    .venv-finetune/bin/python tools/finetune_story_encoder.py [--output DIR] [--epochs N]

Writes ``build/story_encoder/``: ``model.onnx`` (the fine-tuned transformer, int8 weights, last hidden
state as output; ``newsweave.embeddings.load_encoder`` mean-pools and normalises it as it does the stock
MiniLM, so ``[stories] embedding_model = "build/story_encoder"`` tries it) and its ``vocab.txt``. About
16 minutes on 2 cores.

Not shipped: tried in issue 14 and measured (benchmarks/RESULTS.md, "Stories on real news"). It lifts
ECB+ (dev within-topic AUC 0.903 -> 0.974; topics 1-35 B3-F1 0.898 -> 0.940, 36-45 0.929 -> 0.934 at
the stock settings) but not real news: on the real pages' pairs AP 0.886 -> 0.853, and with the
publication-date settings recalibrated for it the real pages read B3-F1 0.970 / 0.931 (calibration / test
half) against the stock model's 0.975 / 0.929: not worth a second model and a second encoding. ECB+'s
look-alike events are not the look-alikes of a real news week (same-day stories on one company, one
hearing, one product line), so this data does not teach what the real pages need.

Why: the stock MiniLM places two reports of one event and two look-alike events (two earthquakes, two
hockey games, two reports on one topic) about equally close. ECB+ is built of exactly such pairs: each
topic holds two subtopics, two events of one kind. The model learns from documents of topics 1-30
(ECB+ document texts; a "story" is a subtopic): for each document, another report of its subtopic is
the positive and a report of the look-alike subtopic the hard negative, with the batch's other
documents as further negatives (in-batch softmax over cosines, scale ``SCALE``; columns of the anchor's
own subtopic other than its positive are masked, they are not negatives). Topics 31-35 are the dev set
(the figures this prints), topics 36-45 are never read here (benchmarks/cluster.py reports on them), nor
any page of article-extraction (benchmarks/stories_real.py tests on them).

Seeded and run on fixed threads; torch does not promise identical bytes on other hardware.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from finetune_event_encoder import export_encoder, starting_model
from sklearn.metrics import average_precision_score, roc_auc_score  # type: ignore[import-untyped]
from transformers import AutoModel, AutoTokenizer

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"
OUTPUT = ROOT / "build" / "story_encoder"
TRAIN_TOPICS = range(1, 31)
DEV_TOPICS = range(31, 36)
SEED = 17
THREADS = 2
#: Passes over the training documents (each document is an anchor once per pass).
EPOCHS = 3
LEARNING_RATE = 2e-5
BATCH_SIZE = 16
WARMUP = 0.1
#: Word pieces read per document in training: the headline and lead carry the event, and ECB+ texts are
#: short (median ~180 word pieces); newsweave reads 256 at run time.
TRAIN_TOKENS = 192
#: Softmax temperature over cosines (sentence-transformers' MultipleNegativesRankingLoss default).
SCALE = 20.0


@dataclass(frozen=True, slots=True)
class Doc:
    """An ECB+ document: its id, topic, subtopic (the story) and text."""

    id: str
    topic: int
    subtopic: str
    text: str


def load(topics: range) -> list[Doc]:
    """ECB+ documents of the given topics."""
    docs = []
    for line in DOCUMENTS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["topic"] in topics:
            docs.append(Doc(row["id"], row["topic"], row["subtopic"], row["text"]))
    return docs


def triplets(docs: Sequence[Doc], rng: random.Random) -> list[tuple[Doc, Doc, Doc]]:
    """(anchor, another report of its subtopic, a report of the topic's other subtopic) per document."""
    by_subtopic: dict[str, list[Doc]] = defaultdict(list)
    by_topic: dict[int, list[Doc]] = defaultdict(list)
    for doc in docs:
        by_subtopic[doc.subtopic].append(doc)
        by_topic[doc.topic].append(doc)
    found = []
    for doc in docs:
        positives = [d for d in by_subtopic[doc.subtopic] if d.id != doc.id]
        negatives = [d for d in by_topic[doc.topic] if d.subtopic != doc.subtopic]
        if positives and negatives:
            found.append((doc, rng.choice(positives), rng.choice(negatives)))
    rng.shuffle(found)
    return found


class Pooled(torch.nn.Module):
    """MiniLM with mean pooling over the attention mask and L2 normalisation (what newsweave computes)."""

    def __init__(self, model: Path) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(model)

    def forward(self, encoded: dict[str, torch.Tensor]) -> torch.Tensor:
        hidden = self.encoder(**encoded).last_hidden_state
        mask = encoded["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1)
        return torch.nn.functional.normalize(pooled, dim=-1)


def embed(net: Pooled, tokenizer: object, texts: Sequence[str], tokens: int) -> torch.Tensor:
    """Unit vectors of ``texts`` (gradients flow when the caller allows them)."""
    encoded = tokenizer(  # type: ignore[operator]
        list(texts), padding=True, truncation=True, max_length=tokens, return_tensors="pt"
    )
    return net(dict(encoded))


def batch_loss(
    anchors: torch.Tensor, candidates: torch.Tensor, batch: Sequence[tuple[Doc, Doc, Doc]]
) -> torch.Tensor:
    """In-batch softmax loss: each anchor against every positive and hard negative of the batch."""
    columns = [p for _, p, _ in batch] + [n for _, _, n in batch]
    logits = SCALE * anchors @ candidates.T
    # Another anchor's positive from the anchor's own subtopic is a report of the same event, not a negative.
    same = torch.tensor([[c.subtopic == a.subtopic for c in columns] for a, _, _ in batch])
    same.fill_diagonal_(False)
    logits = logits.masked_fill(same, -1e4)
    return torch.nn.functional.cross_entropy(logits, torch.arange(len(batch)))


def train(docs: Sequence[Doc], model: Path, epochs: int) -> tuple[Pooled, object]:
    """The fine-tuned encoder and its tokenizer, seeded."""
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    tokenizer = AutoTokenizer.from_pretrained(model)
    net = Pooled(model)
    optimiser = torch.optim.AdamW(net.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    steps = epochs * -(-len(docs) // BATCH_SIZE)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / (WARMUP * steps)) * max(0.0, (steps - step) / steps)
    )
    net.train()
    for epoch in range(epochs):
        rows, started, total = triplets(docs, rng), time.time(), 0.0
        steps_done = 0
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            anchors = embed(net, tokenizer, [a.text for a, _, _ in batch], TRAIN_TOKENS)
            candidates = embed(
                net, tokenizer, [p.text for _, p, _ in batch] + [n.text for _, _, n in batch], TRAIN_TOKENS
            )
            loss = batch_loss(anchors, candidates, batch)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item()
            steps_done += 1
        print(f"  epoch {epoch + 1}/{epochs}: mean loss {total / max(steps_done, 1):.3f} "
              f"({time.time() - started:.0f} s)", flush=True)  # fmt: skip
    net.eval()
    return net, tokenizer


@torch.no_grad()
def dev_figures(net: Pooled, tokenizer: object, docs: Sequence[Doc]) -> dict[str, float]:
    """Within-topic pair AUC/AP of cosine (same subtopic vs look-alike subtopic) and all-pairs AP."""
    vectors = torch.cat([embed(net, tokenizer, [d.text for d in docs[i : i + 32]], 256)
                         for i in range(0, len(docs), 32)]).numpy()  # fmt: skip
    cos = vectors @ vectors.T
    within, within_y, every, every_y = [], [], [], []
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            same = docs[i].subtopic == docs[j].subtopic
            every.append(cos[i, j])
            every_y.append(same)
            if docs[i].topic == docs[j].topic:
                within.append(cos[i, j])
                within_y.append(same)
    return {
        "within-topic AUC": float(roc_auc_score(within_y, within)),
        "within-topic AP": float(average_precision_score(within_y, within)),
        "all-pairs AP": float(average_precision_score(every_y, every)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    args = parser.parse_args()
    torch.set_num_threads(THREADS)
    model = starting_model()
    train_docs, dev_docs = load(TRAIN_TOPICS), load(DEV_TOPICS)
    print(f"{len(train_docs)} training documents (topics 1-30), {len(dev_docs)} dev (31-35)", flush=True)
    tokenizer = AutoTokenizer.from_pretrained(model)
    before = dev_figures(Pooled(model).eval(), tokenizer, dev_docs)
    print("dev, stock MiniLM:", {k: round(v, 3) for k, v in before.items()}, flush=True)
    net, tokenizer = train(train_docs, model, args.epochs)
    after = dev_figures(net, tokenizer, dev_docs)
    print("dev, fine-tuned:  ", {k: round(v, 3) for k, v in after.items()}, flush=True)
    export_encoder(net.encoder, tokenizer, args.output)
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
