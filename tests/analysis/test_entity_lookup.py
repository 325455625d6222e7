"""Entities read from the store by blocking key: the same entities as reading every stored one.

Half the sample corpus is ingested and analysed in three runs (each run's resolver starts empty and reads
from the store what earlier runs made, and saves only the alias rows its entities gained); the same
runs with a lookup that hands over every stored entity whatever the keys, every alias row rewritten at
each save (what the resolver did before keys were stored) must give the same entities, aliases, counts
and mention links.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from newsweave.analysis import stage
from newsweave.analysis.entities import EntityResolver, index_keys
from newsweave.analysis.stage import StoredEntities, analyse_store
from newsweave.config import load_config
from newsweave.data import Entity
from newsweave.ingest.stage import ingest_inputs
from newsweave.store import Store, open_store
from newsweave.store.schema import entity_keys, mentions

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "newsweave" / "sample" / "ecbplus_sample.jsonl"
RUNS = 3
# Reports of the sample taken (every other line: all four of its topics, half the time).
TAKE_EVERY = 2
Analysed = tuple[list[Entity], list[Any], Store]


class EveryEntity(StoredEntities):
    """A lookup that reads every stored entity whatever the keys asked for."""

    def entities_with_keys(self, keys: set[str]) -> list[Entity]:
        return self.store.analysis.load_entities()


def _analyse_in_runs(tmp_path: Path, name: str) -> Analysed:
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line][::TAKE_EVERY]
    config = load_config()
    store = open_store(str(tmp_path / f"{name}.db"))
    for run in range(RUNS):
        part = tmp_path / f"{name}-{run}.jsonl"
        part.write_text("\n".join(lines[run::RUNS]) + "\n", encoding="utf-8")
        ingest_inputs([str(part)], store, config=config)
        analyse_store(store, config)
    with store.reading() as connection:
        query = select(mentions.c.article_id, mentions.c.start, mentions.c.entity_id)
        links = sorted(connection.execute(query))
    return store.analysis.load_entities(), links, store


@pytest.fixture(scope="module")
def by_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Analysed]:
    analysed = _analyse_in_runs(tmp_path_factory.mktemp("by_key"), "by_key")
    yield analysed
    analysed[2].close()


def test_reading_by_key_gives_the_entities_reading_everything_gives(
    by_key: Analysed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stage, "StoredEntities", EveryEntity)
    monkeypatch.setattr(EntityResolver, "take_added", lambda self, ids: None)  # full rewrites
    every_entity, every_link, store = _analyse_in_runs(tmp_path, "every")
    store.close()
    entities, links, _ = by_key
    assert len(entities) > 100
    assert entities == every_entity
    assert links == every_link


def test_a_resolver_reads_only_what_its_names_can_match(by_key: Analysed) -> None:
    entities, _, store = by_key
    resolver = EntityResolver(lookup=StoredEntities(store))
    found = resolver.candidates(["Wladimir Klitschko"], "PERSON")
    assert "Wladimir Klitschko" in {e.name for e in found}
    assert 0 < len(resolver.entities) < len(entities) / 10


def test_keys_missing_from_an_older_store_are_made_once(by_key: Analysed) -> None:
    entities, _, store = by_key
    with store.atomic() as connection:
        kept = sorted(connection.execute(select(entity_keys.c.key, entity_keys.c.entity_id)))
        connection.execute(delete(entity_keys))
    assert store.analysis.entity_keys_missing()
    analyse_store(store, load_config())  # nothing pending: only the keys are made
    with store.reading() as connection:
        assert sorted(connection.execute(select(entity_keys.c.key, entity_keys.c.entity_id))) == kept
    assert not store.analysis.entity_keys_missing()
    expected = sorted((key, e.id) for e in entities for key in index_keys(e))
    assert kept == expected
