"""The parts of a brief built from its facts: summary, timeline and coverage."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from newsweave.brief.align import GENERIC_SLOTS
from newsweave.brief.compare import compatible
from newsweave.brief.facts import Fact
from newsweave.brief.statements import SentenceKey, sentence_reader
from newsweave.data import Article, Sentence

# At most this many summary sentences: a brief's summary is read in a glance.
SUMMARY_SENTENCES = 4
# Sentences longer than this (words) read badly as summary lines; they are used only when nothing
# shorter carries the fact.
SUMMARY_MAX_WORDS = 45
# A sentence opening with these leans on the one before it ("They agreed ..."): a poor summary line.
_DANGLING_START = re.compile(r"^(?:they|this|these|those|it|he|she|its|their|his|her|both|but|and)\b", re.I)


def summary(
    facts: Sequence[Fact],
    sentences: Mapping[str, Sequence[Sentence]],
    articles: Mapping[str, Article],
    article_order: Sequence[str],
) -> list[dict[str, Any]]:
    """Source sentences that state the best-corroborated facts, each with every article that backs it.

    Extractive: each item's text is a sentence of its first cited article, and every other cited
    article states every fact of that sentence. Corroborated facts come first; single-source facts only
    fill in when fewer than two sentences carry corroborated ones.
    """
    fact_of: dict[tuple[str, int], list[Fact]] = {}
    for fact in facts:
        for claim in fact.claims:
            fact_of.setdefault((claim.article_id, claim.sentence), []).append(fact)
    rank = {article_id: i for i, article_id in enumerate(article_order)}
    text_of = sentence_reader(sentences, articles)

    def score(key: SentenceKey) -> float:
        text = text_of(key)
        words = len(text.split())
        value = 0.0 + sum(len(fact.sources) for fact in fact_of[key] if fact.status == "corroborated")
        if _DANGLING_START.match(text):
            value -= 1.5
        if words > SUMMARY_MAX_WORDS:
            value -= 1.0
        return value - 0.01 * rank.get(key[0], 0) - 0.001 * key[1]

    chosen: list[SentenceKey] = []
    covered: set[int] = set()
    for wanted_status in ("corroborated", "single_source"):
        if wanted_status == "single_source" and len(chosen) >= 2:
            break
        candidates = sorted(
            (key for key, found in fact_of.items() if any(f.status == wanted_status for f in found)),
            key=lambda key: -score(key),
        )
        for key in candidates:
            if len(chosen) >= SUMMARY_SENTENCES:
                break
            new = {id(fact) for fact in fact_of[key] if fact.status == wanted_status} - covered
            if not new or not text_of(key):
                continue
            chosen.append(key)
            covered |= {id(fact) for fact in fact_of[key]}
    chosen.sort(key=lambda key: (key[1], rank.get(key[0], 0)))
    items = []
    for key in chosen:
        backers = [key[0]]
        for article_id in article_order:
            if article_id != key[0] and all(_backs(fact, key[0], article_id) for fact in fact_of[key]):
                backers.append(article_id)
        items.append({"text": text_of(key), "sources": backers})
    return items


def _backs(fact: Fact, article_id: str, other: str) -> bool:
    """Whether ``other`` states ``fact`` as the sentence of ``article_id`` does: for a dispute, with a
    value that agrees ("Assange, 47" is not backed by the report that says he is 48)."""
    if other not in fact.article_ids:
        return False
    if fact.conflict is None:
        return True
    own = [reading.value for reading in fact.conflict.readings if reading.article_id == article_id]
    theirs = [reading.value for reading in fact.conflict.readings if reading.article_id == other]
    return any(compatible(a, b) for a in own for b in theirs)


def timeline(facts: Sequence[Fact]) -> list[dict[str, Any]]:
    """Dated facts in date order: each date a fact's claims give, with the articles that give it.

    Dates that only say when something was said or published are not events of the story and are
    left out (their slots are generic; see ``brief.align.GENERIC_SLOTS``).
    """
    entries: dict[tuple[str, int], dict[str, Any]] = {}
    seen: set[tuple[str, str, int]] = set()
    for index, fact in enumerate(facts):
        for claim in fact.claims:
            for value in claim.values:
                if value.kind != "date" or value.approximate or value.slot in GENERIC_SLOTS:
                    continue
                when = _display_date(value.value, value.unit)
                if (when, claim.article_id, value.start) in seen:
                    continue  # one claim in two facts (its group's and a value's) is one entry
                seen.add((when, claim.article_id, value.start))
                entry = entries.setdefault(
                    (when, index), {"date": when, "text": claim.text, "article_ids": [], "fact": index}
                )
                if claim.article_id not in entry["article_ids"]:
                    entry["article_ids"].append(claim.article_id)
    return sorted(entries.values(), key=lambda entry: (entry["date"], entry["fact"]))


def _display_date(value: str, granularity: str | None) -> str:
    begin = value.partition("/")[0]
    if granularity == "year":
        return begin[:4]
    if granularity == "month":
        return begin[:7]
    return begin


def coverage(
    facts: Sequence[Fact], articles: Sequence[Article], outlet_of: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Per outlet: its articles, and the indexes of the facts no other outlet reports."""
    outlets: dict[str, list[str]] = {}
    for article in articles:
        outlets.setdefault(outlet_of[article.id], []).append(article.id)
    result = []
    for outlet, article_ids in outlets.items():
        adds = [
            index
            for index, fact in enumerate(facts)
            if {outlet_of[article_id] for article_id in fact.article_ids} == {outlet}
        ]
        result.append({"outlet": outlet, "article_ids": article_ids, "adds": adds})
    return result
