"""Find the quotes of a brief's facts in an article's text and cut the text into highlightable segments.

A brief cites each fact by the quote it came from, not by offsets (DESIGN.md §4), so a renderer must
find the quote again. ``highlight_spans`` does it for every fact of one article at once and returns
the text as consecutive ``Segment``s: plain ones, and highlighted ones that say which facts (with
their status) cover them. The HTML brief and the web app render the same segments.

Matching is exact first; a quote that does not occur verbatim is looked for again with both sides
normalised (NFKC, case, runs of whitespace, typographic quotes, dashes and ellipses), because a quote
may have passed through JSON, an editor or a different extraction of the same page. Offsets always
point into the original text.

Overlaps are resolved by splitting, not by dropping: where two quotes overlap, the text is cut at
every quote boundary and each piece carries every fact that covers it, so nothing a reader should
see is lost. ``Segment.primary`` picks the one fact to colour a piece by: the most specific quote
(the shortest) wins, so a short quote nested in a longer one keeps its own colour and the rest of the
longer one shows the other's; equal lengths go by ``STATUS_PRECEDENCE``.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

STATUS_PRECEDENCE: tuple[str, ...] = ("disputed", "single_source", "corroborated")
"""The order in which statuses win where quotes of equal length cover the same text: a contested
passage must stand out first, and a single-source claim is worth flagging over a confirmed one."""

# Characters that differ between copies of one quote without changing what it says.
_EQUIVALENT = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark / apostrophe
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",  # prime
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus sign
    "\u2026": "...",  # ellipsis
}


@dataclass(frozen=True, slots=True)
class Highlight:
    """One fact's quote found in the text: which fact, its status, where, and which occurrence.

    ``start``/``end`` delimit the whole quote (it may span several segments). ``occurrence`` is 0
    for the first place the quote was found, 1 for the next, ...: a renderer anchors a fact at its
    first occurrence and still colours every one.
    """

    fact: int
    status: str
    start: int
    end: int
    occurrence: int = 0


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the text, ``text == article_text[start:end]``, with the facts whose quotes cover it.

    ``highlights`` is empty for plain text, else sorted with the one to show first (see ``primary``).
    ``opens`` are the highlights whose quote begins at this segment (where a renderer puts an anchor).
    """

    start: int
    end: int
    text: str
    highlights: tuple[Highlight, ...] = ()
    opens: tuple[Highlight, ...] = ()

    @property
    def facts(self) -> tuple[int, ...]:
        """The indexes of the facts covering this segment, ascending, each once."""
        return tuple(sorted({highlight.fact for highlight in self.highlights}))

    @property
    def primary(self) -> Highlight | None:
        """The highlight to show this segment as: the shortest quote covering it, ties broken by
        ``STATUS_PRECEDENCE`` then fact index; ``None`` for plain text."""
        return self.highlights[0] if self.highlights else None

    @property
    def status(self) -> str | None:
        """The status of ``primary``: what colour this segment takes (``None`` for plain text)."""
        return self.highlights[0].status if self.highlights else None


def _normalise(text: str) -> tuple[str, list[int]]:
    """``text`` normalised for matching, and for each normalised character the original index it came from.

    Whitespace runs become one space; every other character goes through NFKC, the equivalence table
    and casefolding, each of which may turn one character into several (all mapped to the same index).
    """
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(index)
            continue
        for part in unicodedata.normalize("NFKC", char):
            for piece in _EQUIVALENT.get(part, part).casefold():
                chars.append(piece)
                origin.append(index)
    return "".join(chars), origin


def _occurrences(haystack: str, needle: str) -> list[int]:
    """Start positions of the non-overlapping occurrences of ``needle`` in ``haystack``."""
    found: list[int] = []
    position = haystack.find(needle)
    while position != -1:
        found.append(position)
        position = haystack.find(needle, position + len(needle))
    return found


class _Matcher:
    """Finds quotes in one text; the normalised form of the text is built once, on first need."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._normalised: tuple[str, list[int]] | None = None

    def find(self, quote: str) -> list[tuple[int, int]]:
        needle = quote.strip()
        if not needle:
            return []
        exact = _occurrences(self.text, needle)
        if exact:
            return [(start, start + len(needle)) for start in exact]
        if self._normalised is None:
            self._normalised = _normalise(self.text)
        normalised, origin = self._normalised
        wanted = _normalise(needle)[0].strip()
        if not wanted:
            return []
        return [
            (origin[start], origin[start + len(wanted) - 1] + 1) for start in _occurrences(normalised, wanted)
        ]


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` where ``quote`` occurs in ``text``: exact matches, else normalised ones.

    Occurrences do not overlap; an empty or blank quote, or one not found, gives ``[]``.
    """
    return _Matcher(text).find(quote)


def highlight_spans(text: str, quotes: Sequence[tuple[str, int, str]]) -> list[Segment]:
    """Cut ``text`` into segments, highlighting every occurrence of each ``(quote, fact, status)``.

    The segments are consecutive and cover the whole text (``"".join(s.text for s in segments) ==
    text``); a highlighted segment lists every fact covering it (overlapping quotes split the text at
    each boundary). A quote that cannot be found is left out: compare ``{f for s in segments for f in
    s.facts}`` with the facts asked for to report it. The same fact given twice (two quotes) has its
    occurrences numbered across both.
    """
    matcher = _Matcher(text)
    spans: list[tuple[int, int, Highlight]] = []
    seen: dict[int, int] = {}
    for quote, fact, status in quotes:
        for start, end in matcher.find(quote):
            if start >= end:
                continue
            occurrence = seen.get(fact, 0)
            seen[fact] = occurrence + 1
            spans.append((start, end, Highlight(fact, status, start, end, occurrence)))
    if not text:
        return []
    if not spans:
        return [Segment(0, len(text), text)]
    cuts = sorted({0, len(text)} | {start for start, _, _ in spans} | {end for _, end, _ in spans})
    segments: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = [
            (span_start, highlight)
            for span_start, span_end, highlight in spans
            if span_start <= start and span_end >= end
        ]
        highlights = tuple(sorted((highlight for _, highlight in covering), key=_order))
        opens = tuple(
            sorted((highlight for span_start, highlight in covering if span_start == start), key=_order)
        )
        segments.append(Segment(start, end, text[start:end], highlights, opens))
    return segments


def _order(highlight: Highlight) -> tuple[int, int, int, int]:
    """Sort key, the one to show first: shortest quote, then status (``STATUS_PRECEDENCE``), fact."""
    rank = (
        STATUS_PRECEDENCE.index(highlight.status)
        if highlight.status in STATUS_PRECEDENCE
        else len(STATUS_PRECEDENCE)
    )
    return highlight.end - highlight.start, rank, highlight.fact, highlight.occurrence
