"""False-positive check for boilerplate removal over real story text.

Runs ``footer_cuts`` on every ECB+ document and every ``articleBody`` of the article-extraction ground
truth, as whole documents, then with each line and each sentence as a document of its own (where it
stands in the trailing block, so it meets the footer-only patterns too). Every cut printed is either
boilerplate the data set kept or a false positive to fix.

    .venv/bin/python benchmarks/boilerplate_check.py [--quiet]
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from newsweave.ingest.boilerplate import footer_cuts

# A rough sentence split (full stop, then a capital): enough to try each sentence on its own.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ECBPLUS = DATA / "ecbplus" / "ecbplus_docs.jsonl"
GROUND_TRUTH = DATA / "article-extraction" / "ground-truth.json"


def _corpora() -> dict[str, list[tuple[str, str]]]:
    """(name, text) pairs per corpus."""
    with ECBPLUS.open(encoding="utf-8") as lines:
        ecb = [(record["id"], record["text"]) for record in map(json.loads, lines)]
    truth = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    bodies = [(page_id, page["articleBody"]) for page_id, page in truth.items()]
    return {"ecbplus": ecb, "article-extraction": bodies}


def _split(documents: list[tuple[str, str]], mode: str) -> list[tuple[str, str]]:
    """Whole documents, their non-blank lines, or their sentences, each as a text of its own."""
    if mode == "document":
        return documents
    pieces = [
        (f"{name}:{number}", line)
        for name, text in documents
        for number, line in enumerate(text.splitlines())
        if line.strip()
    ]
    if mode == "line":
        return pieces
    return [
        (f"{name}.{number}", sentence)
        for name, line in pieces
        for number, sentence in enumerate(_SENTENCE_END.split(line))
        if sentence.strip()
    ]


def main() -> int:
    quiet = "--quiet" in sys.argv[1:]
    print("command: .venv/bin/python benchmarks/boilerplate_check.py" + (" --quiet" if quiet else ""))
    started = time.perf_counter()
    total_cuts = 0
    for corpus, documents in _corpora().items():
        for mode in ("document", "line", "sentence"):
            texts = _split(documents, mode)
            reasons: Counter[str] = Counter()
            shown: list[str] = []
            for name, text in texts:
                for cut in footer_cuts(text):
                    reasons[cut.reason] += 1
                    shown.append(f"  {name} [{cut.reason}] {text[cut.start : cut.end][:160]!r}")
            total_cuts += sum(reasons.values())
            print(f"{corpus} ({mode}s): {len(texts)} texts, {sum(reasons.values())} cuts {dict(reasons)}")
            if not quiet:
                print("\n".join(shown))
    print(f"total cuts: {total_cuts} in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
