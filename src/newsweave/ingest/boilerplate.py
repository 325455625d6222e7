"""Boilerplate out of plain text: footers of known kinds, prompt lines, and lines an outlet repeats.

Pure functions over text; the store side (counting, per outlet, in how many distinct articles each
line key occurs) lives with the ingest pipeline. Precision comes first: only a whole line or
paragraph is ever cut, every sentence of it must match a boilerplate pattern
(``boilerplate_patterns``), and paragraphs that only live in footers are only cut in the article's
trailing run of boilerplate. What is cut is kept on the article (``RemovedText``), with its reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from newsweave.data import Article, RemovedText
from newsweave.ingest.boilerplate_lines import (
    ABBREVIATIONS,
    CREDIT_MAX_WORDS,
    CREDIT_PATTERNS,
    PROMPT_WORDS,
    RELATED_HEADING_STRONG,
    RELATED_HEADING_WEAK,
    RELATED_INLINE,
    RELATED_INLINE_MAX_WORDS,
    RELATED_ITEM_MAX_WORDS,
    RELATED_MAX_ITEMS,
)
from newsweave.ingest.boilerplate_patterns import (
    COPYRIGHT,
    CREDIT,
    OUTLET_RECURRENT,
    RELATED_LINKS,
    REPORTING_VETO,
    SENTENCE_PATTERNS,
    SYNDICATION,
)

__all__ = ["Cut", "apply_cuts", "footer_cuts", "line_keys", "recurrent_cuts"]

# Kinds that also open articles ("This story was originally published by ProPublica."), so a
# leading run of them is cut like the trailing footer.
_HEAD_REASONS = frozenset({SYNDICATION, COPYRIGHT})
# Headings are a few words; a longer line that opens with "Related" is a sentence.
_HEADING_MAX_WORDS = 8
# A line shorter than this means nothing on its own for recurrence (unless a known prompt word).
_MIN_KEY_WORDS = 2

_SPACE = re.compile(r"\s+")
_LINE = re.compile(r"[^\n]+")
_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[\W_]+")
# A candidate sentence boundary; ``_split_sentences`` rejects those after abbreviations and initials.
_BOUNDARY = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_LAST_TOKEN = re.compile(r"(\S+)[.!?…]$")
# Characters before a sentence boundary searched for its last token: longer than any abbreviation.
_LAST_TOKEN_CHARS = 64


@dataclass(frozen=True, slots=True)
class Cut:
    """A character span ``[start, end)`` of an article's text to remove, and why."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class _Unit:
    """A paragraph: one line, or lines joined where a hard wrap continues a sentence."""

    start: int
    end: int
    text: str  # NFKC, whitespace collapsed

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class _Label:
    reason: str
    anywhere: bool


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def _units(text: str) -> list[_Unit]:
    """Non-blank lines, a line that starts in lower case joined to the one above (a hard wrap).

    Joining keeps "... asked him to\\nsubscribe to our newsletter" one paragraph, so its second line
    is never mistaken for a prompt on its own.
    """
    # Spans first, normalised once at the end: normalising each growing join again made the pass
    # quadratic in the length of a hard-wrapped paragraph (60 KB took 35 s).
    spans: list[list[int]] = []
    previous_end = -1
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            previous_end = -1
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        if spans and previous_end >= 0 and stripped[0].islower():
            spans[-1][1] = end
        else:
            spans.append([start, end])
        previous_end = end
    return [_Unit(start, end, _normalise(text[start:end])) for start, end in spans]


def _split_sentences(paragraph: str) -> list[str]:
    """Sentences of a normalised paragraph; a full stop after an abbreviation or initial ends none."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        before = paragraph[start : match.start()]
        # Only the end of `before` can hold its last token: searching all of it again at each
        # boundary skipped (after an abbreviation) was quadratic in the paragraph's length.
        token = _LAST_TOKEN.search(paragraph, max(start, match.start() - _LAST_TOKEN_CHARS), match.start())
        if token is not None:
            word = token.group(1).lower().rstrip(".")
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        if paragraph[match.end()].islower():
            continue
        sentences.append(before)
        start = match.end()
    sentences.append(paragraph[start:])
    return [sentence for sentence in sentences if sentence]


def _sentence_label(sentence: str) -> _Label | None:
    if REPORTING_VETO.search(sentence):
        return None
    for pattern in SENTENCE_PATTERNS:
        if pattern.regex.fullmatch(sentence):
            return _Label(pattern.reason, pattern.anywhere)
    return None


def _classify(unit: _Unit) -> _Label | None:
    """The unit's boilerplate kind, or None when any part of it may be story text."""
    if unit.words <= CREDIT_MAX_WORDS and any(p.fullmatch(unit.text) for p in CREDIT_PATTERNS):
        return _Label(CREDIT, anywhere=True)
    if unit.words <= RELATED_INLINE_MAX_WORDS and RELATED_INLINE.fullmatch(unit.text):
        return _Label(RELATED_LINKS, anywhere=True)
    labels = [_sentence_label(sentence) for sentence in _split_sentences(unit.text)]
    if not labels or any(label is None for label in labels):
        return None
    found = [label for label in labels if label is not None]
    return _Label(found[0].reason, anywhere=all(label.anywhere for label in found))


def _is_link_title(unit: _Unit) -> bool:
    """A line shaped like a headline: a few words, capitalised, no sentence-final full stop."""
    text = unit.text
    return (
        _MIN_KEY_WORDS <= unit.words <= RELATED_ITEM_MAX_WORDS
        and not text[0].islower()
        and text[-1] not in ".;:,"
    )


def _mark_related(units: list[_Unit], labels: list[_Label | None]) -> None:
    """Label "Related:" / "Read more:" headings and the link titles listed under them."""
    label = _Label(RELATED_LINKS, anywhere=True)
    i = 0
    while i < len(units):
        unit = units[i]
        strong = RELATED_HEADING_STRONG.fullmatch(unit.text) is not None
        if unit.words > _HEADING_MAX_WORDS or not (strong or RELATED_HEADING_WEAK.fullmatch(unit.text)):
            i += 1
            continue
        j = i + 1
        while (
            j < len(units) and j - i <= RELATED_MAX_ITEMS and labels[j] is None and _is_link_title(units[j])
        ):
            j += 1
        if j - i > RELATED_MAX_ITEMS and j < len(units) and _is_link_title(units[j]):
            # More "titles" than any link box shows: a product list or story section, not links.
            j = i + 1
        elif j < len(units) and labels[j] is None and j > i + 1:
            # Story goes on after the list: its last "title" may be the next section's subheading.
            j -= 1
        if strong or j > i + 1:
            for k in range(i, j):
                labels[k] = label
        i = max(j, i + 1)


def footer_cuts(text: str) -> list[Cut]:
    """Cuts for paragraphs of known boilerplate kinds, recognised even when seen once.

    Short prompt lines (advertisement, share/follow, sign-up, credits, related lists) are cut
    anywhere; footer paragraphs (comment policies, syndication notices, letters invitations) only in
    the trailing run of boilerplate paragraphs (syndication and copyright also in the leading run).
    """
    units = _units(text)
    labels = [_classify(unit) for unit in units]
    _mark_related(units, labels)
    tail = len(units)
    while tail > 0 and labels[tail - 1] is not None:
        tail -= 1
    head = 0
    while head < tail:
        label = labels[head]
        if label is None or not (label.anywhere or label.reason in _HEAD_REASONS):
            break
        head += 1
    cuts: list[Cut] = []
    for index, (unit, label) in enumerate(zip(units, labels, strict=True)):
        if label is None or not (label.anywhere or index < head or index >= tail):
            continue
        if cuts and cuts[-1].reason == label.reason and _follows(cuts[-1], units, index):
            # One footer split over several lines is one removal.
            cuts[-1] = Cut(cuts[-1].start, unit.end, label.reason)
        else:
            cuts.append(Cut(unit.start, unit.end, label.reason))
    return cuts


def _follows(cut: Cut, units: list[_Unit], index: int) -> bool:
    return index > 0 and units[index - 1].end == cut.end


def _line_key(line: str) -> str:
    """NFKC, casefolded, digit runs folded ("© 2025" = "© 2026"), punctuation and spaces collapsed."""
    folded = _DIGITS.sub("0", unicodedata.normalize("NFKC", line).casefold())
    return _NON_WORD.sub(" ", folded).strip()


def line_keys(text: str, *, max_words: int) -> list[tuple[Cut, str]]:
    """Each short line's span and normalised key, for counting recurrence across an outlet's articles.

    Lines over ``max_words`` words are story paragraphs (left to duplicate detection); lines under
    two words are skipped unless they are a known prompt word ("Advertisement", "Share").
    """
    keys: list[tuple[Cut, str]] = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        words = len(stripped.split())
        if not stripped or words > max_words:
            continue
        key = _line_key(stripped)
        if not key or (words < _MIN_KEY_WORDS and key not in PROMPT_WORDS):
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        keys.append((Cut(start, start + len(stripped), OUTLET_RECURRENT), key))
    return keys


def recurrent_cuts(text: str, recurrent_keys: Collection[str], *, max_words: int) -> list[Cut]:
    """Cuts for the lines whose key the outlet repeats (``recurrent_keys``, counted by the store).

    Only lines in the article's leading or trailing run of repeated lines are cut, and never one
    that reports speech: an outlet that repeats a background sentence ("The neighbours normalised
    ties in 1965.") through a running story keeps it, while its sign-off lines, which sit at the
    edges, go.
    """
    keyed = line_keys(text, max_words=max_words)
    lines = [(match.start(), match.end()) for match in _LINE.finditer(text) if match.group().strip()]
    by_start = {cut.start: (cut, key) for cut, key in keyed}

    def repeated(span: tuple[int, int]) -> Cut | None:
        start = span[0] + (len(text[span[0] : span[1]]) - len(text[span[0] : span[1]].lstrip()))
        found = by_start.get(start)
        if found is None or found[1] not in recurrent_keys or REPORTING_VETO.search(text[span[0] : span[1]]):
            return None
        return found[0]

    cuts: dict[int, Cut] = {}
    for ordered in (lines, lines[::-1]):
        for span in ordered:
            cut = repeated(span)
            if cut is None:
                break
            cuts[cut.start] = cut
    return [cuts[start] for start in sorted(cuts)]


def _whole_line(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span covering all of its line(s) to take the line break too, leaving no blank line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    if text[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    return line_start, min(line_end + 1, len(text))


def _merge(text: str, cuts: Iterable[Cut]) -> list[Cut]:
    """Cuts clipped to the text, merged where they overlap (first reason), widened to whole lines."""
    clipped = [Cut(max(0, c.start), min(len(text), c.end), c.reason) for c in cuts]
    merged = _overlaps_merged([cut for cut in clipped if cut.start < cut.end])
    # Widening can make neighbours overlap (a cut ending where the next one's line break starts).
    return _overlaps_merged([Cut(*_whole_line(text, c.start, c.end), c.reason) for c in merged])


def _overlaps_merged(cuts: list[Cut]) -> list[Cut]:
    merged: list[Cut] = []
    for cut in sorted(cuts, key=lambda cut: (cut.start, -cut.end)):
        if merged and cut.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Cut(last.start, max(last.end, cut.end), last.reason)
        else:
            merged.append(cut)
    return merged


# Whitespace to drop after cutting, applied in turn: trailing spaces on a line, a third (or later)
# line break in a row, and whitespace at either end of the text.
_TIDY = (re.compile(r"[^\S\n]+(?=\n|\Z)"), re.compile(r"(?<=\n\n)\n+"), re.compile(r"\A\s+|\s+\Z"))


def _drop(text: str, pattern: re.Pattern[str]) -> tuple[str, Callable[[int], int]]:
    """``text`` without the matches of ``pattern``, and a map from old positions to new ones."""
    kept: list[str] = []
    runs: list[tuple[int, int]] = []  # dropped [start, end) spans of the old text
    position = 0
    for match in pattern.finditer(text):
        kept.append(text[position : match.start()])
        runs.append((match.start(), match.end()))
        position = match.end()
    kept.append(text[position:])

    def new_position(old: int) -> int:
        # Every dropped character before ``old`` moves it one to the left.
        return old - sum(min(end, old) - start for start, end in runs if start < old)

    return "".join(kept), new_position


def apply_cuts(article: Article, cuts: Iterable[Cut]) -> Article:
    """Remove the cut spans from ``article.text``, record each in ``article.removed``; return it.

    Overlapping cuts merge; whole-line cuts take their line break; blank lines and trailing spaces
    left behind are tidied. Each ``RemovedText.offset`` is where it stood in the new text. With no
    cuts the article is left as it is, so re-applying recomputed cuts to a cleaned text is a no-op.
    """
    text = article.text
    spans = _merge(text, cuts)
    if not spans:
        return article
    pieces: list[str] = []
    marks: list[tuple[int, str, str]] = []  # (position in the cut text, removed text, reason)
    position = length = 0
    for span in spans:
        pieces.append(text[position : span.start])
        length += span.start - position
        removed = text[span.start : span.end].strip()
        if removed:
            marks.append((length, removed, span.reason))
        position = span.end
    pieces.append(text[position:])
    cleaned = "".join(pieces)
    maps: list[Callable[[int], int]] = []
    for pattern in _TIDY:
        cleaned, new_position = _drop(cleaned, pattern)
        maps.append(new_position)
    article.text = cleaned
    for offset, removed, reason in marks:
        for new_position in maps:
            offset = new_position(offset)
        article.removed.append(RemovedText(text=removed, reason=reason, offset=min(offset, len(cleaned))))
    return article
