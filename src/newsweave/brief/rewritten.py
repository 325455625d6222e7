"""Rewritten wire copy: reports that carry long runs of one text's words copy it throughout.

Ingest marks a copy of a whole report (``duplicate_of``). An outlet that carries a wire story with edits
of its own (a new lede and headline, trimmed or reordered paragraphs, a clause added or cut) is no
duplicate, yet the sentences it kept are the wire's: a second outlet printing them is not a second
witness. ``brief.independence.fact_sources`` counts a sentence worded alike in two reports once; between two
reports found here to be copies, a sentence that shares any long run of words with the other's is the
copy too, however it was edited around that run. Their other sentences stay independent: an outlet
that carried the AP's text may add AFP's later death toll.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.brief.quotes import narration
from newsweave.data import Article

# Runs of this many words, shared by two reports, were copied: two reporters rarely write ten words in
# the same order, other than a quotation or a stock phrase.
RUN_WORDS = 10
# Two reports are copies when they share this share of the shorter one's runs, and at least
# COPY_RUNS runs (a 260-character paywall stub shares a few runs with anything on its topic). Runs are
# taken from the reports' own words, not what they quote: two reports quoting one long statement copy
# the speaker, not each other. On the real ECB+ calibration labels (benchmarks/brief_real.py) the
# syndicated pairs share 0.11-0.67 of their runs (26-85 runs), the reports labelled independent at
# most 0.05 (9 runs).
COPY_SHARE = 0.10
COPY_RUNS = 10
_WORD = re.compile(r"\w+")


def copy_groups(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> the first article (in ``articles``' order) of its group of rewritten copies; an
    article that copies none maps to itself."""
    runs = [_runs(article.text) for article in articles]
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            shorter = min(len(runs[i]), len(runs[j]))
            if not shorter:
                continue
            shared = len(runs[i] & runs[j])
            if shared >= COPY_RUNS and shared >= COPY_SHARE * shorter:
                first, second = sorted((root(i), root(j)))
                parent[second] = first
    return {article.id: articles[root(index)].id for index, article in enumerate(articles)}


def _runs(text: str) -> set[tuple[str, ...]]:
    """The report's runs of ``RUN_WORDS`` words, quoted speech left out (line by line: a quotation
    rarely spans a paragraph break, and a stray mark then spoils one line only)."""
    own = "\n".join(narration(line) for line in text.splitlines())
    words = _WORD.findall(own.casefold())
    return {tuple(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1)}
