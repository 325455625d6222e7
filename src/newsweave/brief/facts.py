"""Facts of a story: aligned claim groups with a status, their values, conflicts and notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from newsweave.brief.align import ClaimGroup
from newsweave.brief.compare import (
    Conflict,
    LookAlike,
    conflicts,
    describe_slot,
    explain_conflict,
    explain_look_alike,
    look_alikes,
    same_value,
)
from newsweave.data import Article, ClaimValue

Status = Literal["corroborated", "single_source", "disputed"]
STATUS_ORDER: dict[str, int] = {"corroborated": 0, "disputed": 1, "single_source": 2}


@dataclass(slots=True)
class Fact:
    """One fact of a story: its claims from each article, status, and what is said about its values."""

    group: ClaimGroup
    status: Status
    sources: set[str]
    """The independent sources that state it (see ``independent_sources``)."""
    conflicts: list[Conflict] = field(default_factory=list)
    look_alikes: list[LookAlike] = field(default_factory=list)

    @property
    def first(self) -> tuple[int, int]:
        """Sort key: where the fact first appears (article order is the caller's)."""
        claim = self.group.claims[0]
        return claim.sentence, claim.start


def independent_sources(articles: Sequence[Article], outlets: Mapping[str, str | None]) -> dict[str, str]:
    """Article id -> its independent source: the outlet of the original it copies, or its own outlet.

    A near-duplicate or syndicated copy points (``duplicate_of``) at the earliest copy, so every copy
    of one original is one source; so is every article of one outlet. ``outlets`` maps article ids
    (originals included) to outlets; an article of unknown outlet is a source of its own.
    """
    result: dict[str, str] = {}
    for article in articles:
        root = article.duplicate_of or article.id
        result[article.id] = outlets.get(root) or root
    return result


def make_fact(group: ClaimGroup, source_of: Mapping[str, str]) -> Fact:
    """A fact from a claim group: disputed when independent sources give different values for a slot."""
    sources = {source_of.get(article_id, article_id) for article_id in group.article_ids}
    found = conflicts(group.claims, source_of)
    status: Status = "disputed" if found else "corroborated" if len(sources) >= 2 else "single_source"
    return Fact(group, status, sources, found, [] if found else look_alikes(group.claims, source_of))


def fact_json(fact: Fact, outlet_of: Mapping[str, str]) -> dict[str, Any]:
    """A fact in the brief's shape (DESIGN.md §4), with its slot when it has one value slot."""
    claims = fact.group.claims
    notes = [explain_look_alike(pair, outlet_of) for pair in fact.look_alikes]
    if fact.conflicts:
        notes = [explain_conflict(conflict, outlet_of) for conflict in fact.conflicts]
    copies = len(fact.group.article_ids) - len(fact.sources)
    if copies > 0 and not fact.conflicts:
        notes.append(
            f"{copies} of its {len(fact.group.article_ids)} reports are copies of another, counted once."
        )
    slots = {value.slot for claim in claims for value in claim.values if value.slot}
    return {
        "text": claims[0].text,
        "status": fact.status,
        "sources": [{"article_id": claim.article_id, "quote": claim.text} for claim in claims],
        "values": _values_json(claims_values(fact)),
        "note": " ".join(notes) or None,
        "slot": (
            describe_slot(fact.conflicts[0].kind, fact.conflicts[0].slot_text)
            if fact.conflicts
            else next(iter(slots))
            if len(slots) == 1
            else None
        ),
    }


def claims_values(fact: Fact) -> list[tuple[ClaimValue, str]]:
    """(value, article id) for every value the fact's claims state."""
    return [(value, claim.article_id) for claim in fact.group.claims for value in claim.values if value.slot]


def _values_json(values: Sequence[tuple[ClaimValue, str]]) -> list[dict[str, Any]]:
    merged: list[dict[str, Any]] = []
    representatives: list[ClaimValue] = []
    for value, article_id in values:
        for index, known in enumerate(representatives):
            if known.slot == value.slot and same_value(known, value):
                entry = merged[index]
                if article_id not in entry["article_ids"]:
                    entry["article_ids"].append(article_id)
                if value.text not in entry["texts"]:
                    entry["texts"].append(value.text)
                break
        else:
            representatives.append(value)
            merged.append(
                {
                    "value": value.value,
                    "unit": value.unit,
                    "kind": value.kind,
                    "slot": value.slot,
                    "texts": [value.text],
                    "article_ids": [article_id],
                }
            )
    return merged


def discrepancy_json(fact: Fact, conflict: Conflict, outlet_of: Mapping[str, str]) -> dict[str, Any]:
    """A value discrepancy: every value with its source and quote, and one sentence explaining it."""
    return {
        "about": describe_slot(conflict.kind, conflict.slot_text),
        "kind": "value",
        "claims": [
            {"article_id": reading.article_id, "quote": reading.claim.text, "value": reading.value.text}
            for reading in conflict.readings
        ],
        "explanation": explain_conflict(conflict, outlet_of),
    }
