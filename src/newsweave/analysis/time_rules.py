"""Context rules for times.py: which way a sentence looks (past or future), and relation words."""

from __future__ import annotations

import re
from typing import Literal

from newsweave.analysis.dates import Direction
from newsweave.analysis.numbers import word_set

Relation = Literal["at", "since", "by", "until", "before", "after", "span"]

# Hedges before a count of units ("just over two months", "about three years ago").
QUALIFIER_PATTERN = (
    r"just\s+over|just\s+under|more\s+than|less\s+than|about|around|almost|nearly|roughly|"
    r"approximately|some|over|under|at\s+least"
)
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)|\n")
# Verbs and phrases that make a clause look ahead ("will meet on Friday", "is due to ... on Friday").
_FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|'ll|due\s+to|is\s+due|are\s+due|scheduled|set\s+to|expected\s+to|"
    r"plans?\s+to|planned|planning|going\s+to|is\s+to|are\s+to|upcoming|intends?\s+to|aims?\s+to)\b",
    re.IGNORECASE,
)
# Past forms: common irregular verbs and regular lower-case "-ed" forms (capitalised "United" is a name).
_PAST_RE = re.compile(
    r"\b(?:said|told|was|were|had|did|met|held|made|took|gave|went|came|saw|began|left|spoke|"
    r"wrote|won|lost|found|paid|sent|led|fell|rose|[a-z]+ed)\b"
)
# Words that are no verbs though they end in "-ed".
_NOT_PAST = word_set("need indeed speed red bed shed seed feed breed hundred based")
# How far (characters) to look either side of a time expression for the verb that sets its tense.
TENSE_WINDOW = 120
_RELATION_RE = re.compile(
    r"\b(?P<rel>since|by|until|till|before|after|from|through|no\s+later\s+than)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_RELATIONS: dict[str, Relation] = {
    "since": "since", "from": "since", "by": "by", "no later than": "by", "until": "until",
    "till": "until", "through": "until", "before": "before", "after": "after",
}  # fmt: skip


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence holding text[start:end], at most TENSE_WINDOW away."""
    left = max(0, start - TENSE_WINDOW)
    before = list(_SENTENCE_END_RE.finditer(text, left, start))
    sentence_start = before[-1].end() if before else left
    after = _SENTENCE_END_RE.search(text, end, min(len(text), end + TENSE_WINDOW))
    return sentence_start, after.start() if after else min(len(text), end + TENSE_WINDOW)


def _markers(text: str, start: int, end: int) -> list[tuple[int, Direction]]:
    """Positions of future and past verb markers in text[start:end]."""
    future = _FUTURE_RE.finditer(text, start, end)
    past = (m for m in _PAST_RE.finditer(text, start, end) if m.group(0) not in _NOT_PAST)
    return [(m.start(), "future") for m in future] + [(m.start(), "past") for m in past]


def direction_at(text: str, start: int, end: int) -> Direction:
    """Whether the verb nearest text[start:end] in its sentence is future ("will meet on Friday")
    or not; past when no verb says otherwise (news mostly reports what happened)."""
    sentence_start, sentence_end = _sentence_bounds(text, start, end)
    nearest: tuple[int, Direction] | None = None
    for position, direction in _markers(text, sentence_start, sentence_end):
        distance = start - position if position < start else position - end + 1  # ties go to the left
        if nearest is None or distance < nearest[0]:
            nearest = (distance, direction)
    return nearest[1] if nearest else "past"


def relation_before(text: str, start: int) -> tuple[Relation | None, int]:
    """Relation word right before a time expression ("since 1965", "by 2028") and where it begins."""
    window_start = max(0, start - 30)
    match = _RELATION_RE.search(text, window_start, start)
    if not match:
        return None, start
    return _RELATIONS[" ".join(match.group("rel").lower().split())], match.start()
