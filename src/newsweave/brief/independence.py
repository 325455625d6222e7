"""Which reports are independent sources of a fact: copies of one report, one outlet's reports and
sentences copied word for word (wire copy, a press release) count once."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from newsweave.brief.quotes import narration
from newsweave.data import Article, Claim


def independent_sources(articles: Sequence[Article], outlets: Mapping[str, str | None]) -> dict[str, str]:
    """Article id -> its independent source: the outlet of the original it copies, or its own outlet.

    A near-duplicate or syndicated copy points (``duplicate_of``) at the earliest copy, so every copy
    of one original is one source; so is every article of one outlet. ``outlets`` maps article ids
    (originals included) to outlets; an article of unknown outlet is a source of its own.
    """
    return {article.id: outlets.get(article.duplicate_of or article.id) or article.duplicate_of or article.id
            for article in articles}  # fmt: skip


# A sentence this long, worded the same in two reports, was copied (wire copy, a press release), not
# written twice: the two reports are one source for it. Shorter ones ("The quake also triggered
# landslides") two reporters may well write alike.
COPIED_WORDS = 8
# Wire copy is lightly edited where outlets carry it ("two metres" / "two meters", "The Reuters
# correspondent" / "A Reuters correspondent"): wordings this alike (rapidfuzz ratio, 0-100) are one copy.
# Two reporters writing a sentence of eight words or more on their own rarely come this close.
COPY_RATIO = 90
_NOT_WORD = re.compile(r"[^\w]+")


def fact_sources(
    claims: Sequence[Claim], source_of: Mapping[str, str], copy_of: Mapping[str, str] | None = None
) -> set[str]:
    """The independent sources stating a fact: ``source_of`` of each claim's article, where sources that
    state it in the same words (``COPIED_WORDS`` or more) count once, as the first of them.

    Copies of a whole report are caught at ingest (``duplicate_of``); wire copy rewritten around a few
    shared sentences is not, and those sentences would otherwise read as confirmed by every outlet that
    carried them. ``copy_of`` (``brief.rewritten.copy_groups``) names reports that copy one text
    throughout: between two of them, a sentence sharing any run of ``COPIED_WORDS`` words with the
    other's is the copy, however it was edited around that run ("2,000 tents were ready in case they
    were needed" with or without ", and medical teams ... had been sent").
    """
    seen: list[tuple[str, list[str], str, str]] = []  # (narration, words, source, article) of each claim
    same: dict[str, str] = {}  # source -> the source it copied its wording from
    for claim in claims:
        source = source_of.get(claim.article_id, claim.article_id)
        same.setdefault(source, source)
        wording = _NOT_WORD.sub(" ", narration(claim.text).casefold()).strip()
        words = _NOT_WORD.sub(" ", claim.text.casefold()).split()
        earlier = next(
            (
                first
                for text, other_words, first, article in seen
                if (len(wording.split()) >= COPIED_WORDS and len(text.split()) >= COPIED_WORDS
                    and _copied(wording, text))
                or (copy_of is not None and article != claim.article_id
                    and copy_of.get(article, article) == copy_of.get(claim.article_id, claim.article_id)
                    and _shares_run(words, other_words))
            ),
            source,
        )  # fmt: skip
        seen.append((wording, words, earlier, claim.article_id))
        if _root(same, earlier) != _root(same, source):
            same[_root(same, source)] = _root(same, earlier)
    return {_root(same, source) for source in same}


def _shares_run(words: Sequence[str], other: Sequence[str]) -> bool:
    """Whether two word lists have a run of ``COPIED_WORDS`` words in common."""
    runs = {tuple(words[i : i + COPIED_WORDS]) for i in range(len(words) - COPIED_WORDS + 1)}
    return any(tuple(other[i : i + COPIED_WORDS]) in runs for i in range(len(other) - COPIED_WORDS + 1))


def _copied(wording: str, other: str) -> bool:
    """Whether two wordings (of ``COPIED_WORDS`` or more) are one copy: alike, or one holding the other
    whole ("One Australian and one English climber have fallen to their deaths in New Zealand" with ",
    police confirmed today" added by the outlet that carried it)."""
    short, long = sorted((wording, other), key=len)
    return fuzz.ratio(wording, other) >= COPY_RATIO or f" {short} " in f" {long} "


def _root(same: dict[str, str], source: str) -> str:
    while same[source] != source:
        source = same[source]
    return source
