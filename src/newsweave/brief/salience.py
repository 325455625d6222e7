"""Which facts come first: independent sources, then concrete detail and the lead paragraphs (the salience
``rank`` every fact gets), and the order a brief lists them in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsweave.brief.align import GENERIC_SLOTS, SMALL_COUNT
from newsweave.brief.compare import HARM_SLOTS
from newsweave.brief.facts import SLOT_FACT_KINDS, STATUS_ORDER, Fact
from newsweave.data import ClaimValue

# Salience weights. Each independent source outweighs any position or detail; within one count of
# sources a fact gains for concrete detail (amounts, dates, named things: what an analyst notes) and
# loses a little for standing late in its article (leads carry the news, later paragraphs background).
# Set by reading the seeds' and the real calibration stories' briefs (benchmarks/brief_real.py).
SOURCE_WEIGHT = 100.0
AMOUNT_WEIGHT = 4.0
DATE_WEIGHT = 2.0
ENTITY_WEIGHT = 1.0
POSITION_WEIGHT = 0.25
# Details counted at most: a sentence listing ten numbers is not ten times as important.
MAX_DETAILS = 2
MAX_ENTITIES = 3
# Sentences past this one are all "late": the 30th is no less news than the 16th.
LATE_SENTENCE = 16


def salience(fact: Fact, rank: Mapping[str, int]) -> tuple[float, int, int]:
    """Sort key, most salient first: independent sources, concrete detail (amounts, dates, named
    things) and how early the fact is stated; ties go to the earliest article, then position."""
    values = {
        (v.kind, v.value)
        for claim in fact.claims
        for v in claim.values
        if v.kind in SLOT_FACT_KINDS and v.slot not in GENERIC_SLOTS and not _trivial_count(v)
    }
    amounts = sorted(AMOUNT_WEIGHT if kind != "date" else DATE_WEIGHT for kind, _ in values)[-MAX_DETAILS:]
    entities = {entity for claim in fact.claims for entity in claim.entity_ids}
    lead = min(claim.sentence for claim in fact.claims)
    score = (
        SOURCE_WEIGHT * len(fact.sources)
        + sum(amounts)
        + ENTITY_WEIGHT * min(len(entities), MAX_ENTITIES)
        - POSITION_WEIGHT * min(lead, LATE_SENTENCE)
    )
    return -score, min(rank.get(claim.article_id, 0) for claim in fact.claims), fact.first[1]


def _trivial_count(value: ClaimValue) -> bool:
    # "the two nations", "both leaders": small counts of anything but harm are wording, not detail.
    return value.kind == "count" and value.slot not in HARM_SLOTS and float(value.value) <= SMALL_COUNT


def display_order(facts: Sequence[Fact], rank: Mapping[str, int]) -> list[Fact]:
    """Facts as a brief lists them: by status, single-source ones grouped by source, then salience."""

    def key(fact: Fact) -> tuple[int, int, tuple[float, int, int]]:
        source = min(rank.get(c.article_id, 0) for c in fact.claims) if fact.status == "single_source" else 0
        return STATUS_ORDER[fact.status], source, salience(fact, rank)

    return sorted(facts, key=key)
