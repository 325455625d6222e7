"""The analysis stage end to end on the two seed reports: entities, quantities, times, places."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from newsweave.analysis.stage import analyse_store
from newsweave.config import Config
from newsweave.data import Article, Entity
from newsweave.ingest.stage import ingest_articles, ingest_inputs
from newsweave.readers.base import ReadOptions
from newsweave.store import Store, open_store

PUBLISHED = datetime(2026, 1, 14, tzinfo=UTC)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, str]]:
    """A store holding both seeds, analysed; and their ids by seed number."""
    from newsweave.config import load_config

    config = load_config(None)
    store = open_store(str(tmp_path_factory.mktemp("seeded") / "s.db"))
    seeds = Path(__file__).parent / "data" / "seeds"
    ingest_inputs([str(seeds)], store, ReadOptions(published=PUBLISHED), config)
    analyse_store(store, config)
    ids = {a.source.split("/")[-1][:3]: a.id for a in store.list_articles()}
    return store, ids


def _entity(store: Store, name: str) -> Entity:
    matches = [e for e in store.analysis.load_entities() if name in e.aliases or e.name == name]
    assert len(matches) == 1, f"{name}: {[(e.name, sorted(e.aliases)) for e in matches]}"
    return matches[0]


def test_wi_sung_lac_is_one_entity_spelled_two_ways(seeded: tuple[Store, dict[str, str]]) -> None:
    store, ids = seeded
    wi = _entity(store, "Wi Sung-lac")
    assert wi.type == "PERSON" and wi.country == "KOR"
    assert wi.aliases["Wi Sung-lac"] == {ids["000"]}
    assert wi.aliases["Wi Sung-lack"] == {ids["004"]}


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Lee Jae Myung", "PERSON", "KOR"),
        ("Sanae Takaichi", "PERSON", "JPN"),
        ("Xi Jinping", "PERSON", "CHN"),
        ("CPTPP", "ORG", None),
    ],
)
def test_leaders_and_the_trade_pact_are_resolved_across_both_reports(
    seeded: tuple[Store, dict[str, str]], name: str, kind: str, country: str | None
) -> None:
    store, ids = seeded
    entity = _entity(store, name)
    assert entity.type == kind
    if country:
        assert entity.country == country
    if name != "Xi Jinping":
        assert entity.articles() == {ids["000"], ids["004"]}


def test_places_are_geocoded_in_japan(seeded: tuple[Store, dict[str, str]]) -> None:
    store, ids = seeded
    places = {p.text: p for i in ids.values() for p in store.analysis.load(i).places}
    assert places["Nara"].country == "JPN" and places["Nara"].lat is not None
    assert places["Yamaguchi Prefecture"].country == "JPN" and places["Yamaguchi Prefecture"].kind == "region"
    mentions = {m.text for i in ids.values() for m in store.analysis.load(i).mentions}
    assert any("Horyuji" in text for text in mentions)
    assert any("Chosei" in text for text in mentions)


def test_quantities_and_times_are_normalised(seeded: tuple[Store, dict[str, str]]) -> None:
    store, ids = seeded
    seed_000, seed_004 = store.analysis.load(ids["000"]), store.analysis.load(ids["004"])
    money = [q for q in seed_000.quantities if q.kind == "money"]
    assert [(q.value, q.unit) for q in money] == [(75e9, "USD")]
    assert any(q.kind == "group_size" and q.value == 12 for q in seed_000.quantities)
    assert any(q.value == 8 and q.what and "prefecture" in q.what for q in seed_000.quantities)
    counts = {q.value for q in seed_004.quantities if q.kind == "count"}
    assert {183, 136} <= counts
    tuesday = next(t for t in seed_000.times if t.text.endswith("Tuesday"))
    assert tuesday.begin == date(2026, 1, 13) == tuesday.end_date
    years = {t.begin.year for t in seed_000.times + seed_004.times if t.granularity == "year" and t.begin}
    assert {1942, 2011, 2013} <= years


def test_non_english_articles_are_stored_marked_and_skipped(store: Store, config: Config) -> None:
    german = Article(
        title="Erdbeben erschüttert die Küste",
        text="Ein schweres Erdbeben hat am Sonntag die Küstenprovinz erschüttert. Tausende Menschen "
        "verbrachten die Nacht im Freien, wie die Behörden mitteilten. Die Schulen bleiben geschlossen.",
    )
    ingest_articles([german], store, config)
    report = analyse_store(store, config)
    assert report.counts["skipped"] == 1
    analysis = store.analysis.load(german.id)
    assert analysis.language == "de" and analysis.note and "language" in analysis.note
    assert analysis.mentions == []


def test_rerun_is_a_no_op_and_redo_rebuilds_the_same_entities(tmp_path: Path, config: Config) -> None:
    seeds = Path(__file__).parent / "data" / "seeds"
    with open_store(str(tmp_path / "s.db")) as store:
        ingest_inputs([str(seeds)], store, ReadOptions(published=PUBLISHED), config)
        analyse_store(store, config)
        before = [(e.id, e.name, e.aliases, e.mention_count) for e in store.analysis.load_entities()]
        assert analyse_store(store, config).counts["analysed"] == 0
        assert analyse_store(store, config, redo=True).counts["analysed"] == 2
        after = [(e.id, e.name, e.aliases, e.mention_count) for e in store.analysis.load_entities()]
    assert after == before
