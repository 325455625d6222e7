"""What article and fact search share: modes, filters, query words and marking them in text.

Below both searchers (``web/search.py`` for articles, ``web/fact_search.py`` for facts), so neither
imports the other's module for these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

SearchMode = Literal["text", "semantic"]
SearchScope = Literal["articles", "facts"]

#: Full-text candidates fetched per wanted hit when filters may drop some: the FTS index knows no outlet
#: or date, so filtering happens after ranking. 10x keeps a page full unless a filter keeps under 10%.
FILTER_OVERFETCH = 10
#: At most this many full-text candidates are ranked per query (bounds the work a query can cause).
MAX_CANDIDATES = 2_000
#: Semantic hits need at least this cosine similarity to the query. Calibrated on real news:
#: benchmarks/search_real.py (34 queries describing the 17 labelled events of the 181 real pages; an
#: article is relevant when it reports the event), the F1 of the top 20 results' recall and precision
#: on the calibration half's events: 0.25 (the cut-off before) 0.742, 0.30 0.852, 0.35 0.946, 0.40
#: 0.907. On the test half 0.35 keeps 95.2% of relevant articles at precision 0.755 (0.25: 95.2% at
#: 0.396). On the bundled sample (benchmarks/web_search_threshold.py, 19 queries) relevant articles
#: score p5 0.34 / median 0.50: 0.35 loses a few of its loosest matches there.
SEMANTIC_MIN_SCORE = 0.35
#: Characters of context either side of the first match in a snippet.
SNIPPET_CONTEXT = 110
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What a search keeps: articles of an outlet, naming an entity, published in a date range."""

    outlet: str | None = None
    entity: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    @property
    def active(self) -> bool:
        """True when some filter is set."""
        return any(value is not None for value in (self.outlet, self.entity, self.since, self.until))


def query_words(query: str) -> list[str]:
    """The words of a query, lower-cased, as matched in snippets."""
    return [word.casefold() for word in _WORD.findall(query)]


def _word_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    wanted = sorted({word.casefold() for word in words if word}, key=len, reverse=True)
    # One alternation scanned in C, not a Python test per word of the text (20x faster on news texts).
    return re.compile(r"\b(?:" + "|".join(map(re.escape, wanted)) + r")\b", re.IGNORECASE) if wanted else None


def mark(text: str, words: Sequence[str]) -> list[tuple[str, bool]]:
    """All of ``text`` in pieces, each with whether it is a query word (whole words, case-insensitive)."""
    pattern = _word_pattern(words)
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for match in pattern.finditer(text) if pattern else ():
        if match.start() > cursor:
            pieces.append((text[cursor : match.start()], False))
        pieces.append((match.group(), True))
        cursor = match.end()
    if cursor < len(text) or not pieces:
        pieces.append((text[cursor:], False))
    return pieces


def has_every_word(text: str, words: Sequence[str]) -> bool:
    """Whether ``text`` holds each of ``words`` as a whole word (case-insensitive)."""
    pattern = _word_pattern(words)
    if pattern is None:
        return True
    found = {match.group().casefold() for match in pattern.finditer(text)}
    return all(word.casefold() in found for word in words)


def snippet(text: str, words: Sequence[str], *, context: int = SNIPPET_CONTEXT) -> list[tuple[str, bool]]:
    """A window of ``text`` around the first query word found, with every query word in it marked.

    Without a match the window is the text's beginning. Matching is on whole words, case-insensitive.
    """
    pattern = _word_pattern(words)
    matches = list(pattern.finditer(text)) if pattern else []
    first = matches[0].start() if matches else 0
    start = max(0, first - context)
    end = min(len(text), first + (context * 2 if matches else context * 3))
    # Cut on word boundaries so the window does not start or end mid-word.
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space > first else end
    pieces: list[tuple[str, bool]] = [("… ", False)] if start > 0 else []
    cursor = start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        if match.start() > cursor:
            pieces.append((text[cursor : match.start()], False))
        pieces.append((match.group(), True))
        cursor = match.end()
    if cursor < end:
        pieces.append((text[cursor:end], False))
    if end < len(text):
        pieces.append((" …", False))
    return pieces
