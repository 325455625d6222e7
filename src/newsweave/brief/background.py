"""Which claims tell the past: amounts they give are background, not rival answers to today's question.

"A 2004 tsunami killed 168,000" beside "the quake killed four"; "the last strike, in 2023, stopped 300
trains" beside today's 120. Both name the same slot (deaths, trains) but not the same event: a claim is
background when every year it gives lies at least ``BACKGROUND_YEARS`` from the story's year, or when it
says so in words ("previous", "last time", "a year earlier").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from newsweave.brief.align import GENERIC_SLOTS
from newsweave.data import Article, Claim

# Years from the story's year at which a dated claim is about another time. One year is not enough:
# a story of early January often recalls last December.
BACKGROUND_YEARS = 2
_PAST_WORDS = re.compile(
    r"\b(?:previous(?:ly)?|earlier (?:quake|earthquake|attack|strike|disaster)s?|the last time|"
    r"(?:a|one|two|three|\d+) (?:years?|decades?) (?:ago|earlier|before)|in the past|history of|"
    r"since (?:1[89]|20)\d\d|last (?:year|decade))\b",
    re.IGNORECASE,
)


def _years(claim: Claim) -> set[int]:
    # Only the claim's core: "About 6,500 residents joined the lawsuit, which was filed in 2021" is
    # about today's lawsuit; its relative clause dates something else.
    core = claim.core or claim.text
    years = set()
    for value in claim.values:
        dated = value.kind == "date" and value.slot not in GENERIC_SLOTS and value.value[:4].isdigit()
        if dated and value.text in core:
            years.add(int(value.value[:4]))
    return years


def story_year(articles: Iterable[Article], claims: Sequence[Claim]) -> int | None:
    """The story's year: its latest publication year, else the year its claims give most often."""
    published = [article.published.year for article in articles if article.published is not None]
    if published:
        return max(published)
    counted = Counter(year for claim in claims for year in _years(claim))
    return counted.most_common(1)[0][0] if counted else None


def background_test(year: int | None) -> Callable[[Claim], bool]:
    """A predicate: does a claim tell the past, for a story of ``year`` (None: only words count)?"""

    def is_background(claim: Claim) -> bool:
        years = _years(claim)
        if year is not None and years and all(abs(found - year) >= BACKGROUND_YEARS for found in years):
            return True
        return bool(_PAST_WORDS.search(claim.text))

    return is_background
