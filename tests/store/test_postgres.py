"""The store on a real PostgreSQL server: the same behaviour as the embedded SQLite store.

Needs $NEWSWEAVE_TEST_PG (``make test-pg`` starts a throwaway server and sets it); each module gets a
fresh database (tests/store/conftest.py). Where PostgreSQL does not yet behave like SQLite, the test
runs on both backends and is a strict xfail on PostgreSQL whose reason names the statement to fix: it
turns red (XPASS) the day the gap closes, so the marker cannot outlive the bug.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from newsweave.analysis.entities import index_keys
from newsweave.analysis.stage import analyse_store
from newsweave.cli.main import main
from newsweave.config import Config, load_config
from newsweave.data import Actor, Article, Claim, ClaimValue, Entity, Event, Mention, RemovedText, Sentence
from newsweave.errors import StoreError
from newsweave.ingest.stage import IngestReport, ingest_inputs
from newsweave.readers.base import ReadOptions
from newsweave.shapes import story_json
from newsweave.store import Store, open_store
from newsweave.store.analysis_rows import ArticleAnalysis
from newsweave.store.claim_rows import load_claims, load_events, replace_claims, replace_events
from newsweave.store.migrate import alembic_config
from newsweave.store.schema import ingest_outcomes, ingest_runs, metadata
from newsweave.stories.stage import assign_stories
from tests.store.concurrent_open import PROCESSES, open_at_once
from tests.store.conftest import (
    BOTH_BACKENDS,
    CI_ENV,
    NO_SERVER,
    PG_ENV,
    DatabaseFactory,
    server_url,
)
from tests.store.conftest import (
    postgres_param as _postgres,
)

SEEDS = Path(__file__).parents[1] / "data" / "seeds"
PUBLISHED = datetime(2026, 1, 14, tzinfo=UTC)
SEED_TITLES = ("Lee Jae Myung", "South Korean and Japanese")

# A server whose clock is not UTC: 20:00 UTC on the 14th is already the 15th there.
FAR_EAST_TIMEZONE = "Asia/Tokyo"

SEARCH_GAP = (
    "PostgreSQL search is to_tsvector('simple', title || ' ' || text) @@ plainto_tsquery('simple', query) "
    "(Store.search_articles): accents must match exactly; unaccent() needs CREATE EXTENSION unaccent"
)


def _article(n: int, **fields: Any) -> Article:
    values: dict[str, Any] = {
        "title": f"Title {n}",
        "text": f"Body text number {n} about the harbour bridge.",
        "outlet": "Test",
    }
    values.update(fields)
    return Article(**values)


# -- the CI rule ------------------------------------------------------------------------------------


def test_without_a_server_the_tests_skip_locally_but_fail_under_ci() -> None:
    with pytest.raises(pytest.skip.Exception, match=PG_ENV):
        server_url({})
    with pytest.raises(pytest.fail.Exception, match="CI must test PostgreSQL"):
        server_url({CI_ENV: "true"})
    assert server_url({PG_ENV: "postgresql://u@h/db", CI_ENV: "true"}) == "postgresql://u@h/db"
    assert "make test-pg" in NO_SERVER


# -- migrations -------------------------------------------------------------------------------------


def _schema_differences(store: Store) -> list[str]:
    """Where the migrated database differs from schema.py: columns, NULLs, keys, indexes, time zones."""
    inspector = inspect(store.engine)
    found: list[str] = []
    for table in metadata.sorted_tables:
        columns = {column["name"]: column for column in inspector.get_columns(table.name)}
        if set(columns) != set(table.columns.keys()):
            found.append(f"{table.name}: columns {sorted(columns)}")
            continue
        for name, column in columns.items():
            declared = table.c[name]
            if column["nullable"] != declared.nullable:
                found.append(f"{table.name}.{name}: nullable {column['nullable']}")
            if getattr(declared.type, "timezone", False) and not getattr(column["type"], "timezone", False):
                found.append(f"{table.name}.{name}: timestamp without time zone")
        primary = inspector.get_pk_constraint(table.name)["constrained_columns"]
        if primary != [column.name for column in table.primary_key.columns]:
            found.append(f"{table.name}: primary key {primary}")
        foreign = {
            (tuple(key["constrained_columns"]), key["referred_table"], key["options"].get("ondelete"))
            for key in inspector.get_foreign_keys(table.name)
        }
        declared_foreign = {
            (tuple(column.name for column in key.columns), key.referred_table.name, key.ondelete)
            for key in table.foreign_key_constraints
        }
        if foreign != declared_foreign:
            found.append(f"{table.name}: foreign keys {sorted(foreign)}")
        indexed = {tuple(index["column_names"]) for index in inspector.get_indexes(table.name)}
        declared_indexed = {tuple(column.name for column in index.columns) for index in table.indexes}
        if indexed != declared_indexed:
            found.append(f"{table.name}: indexes {sorted(map(str, indexed))}")
    return found


def test_migrations_build_the_schema_the_code_queries(pg_databases: DatabaseFactory) -> None:
    url = pg_databases("migrations")
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with open_store(url) as store:
        assert not store.is_sqlite
        assert _schema_differences(store) == []
        with store.reading() as connection:
            assert connection.scalar(text("SELECT version_num FROM alembic_version")) == head
        with store.atomic():
            store.add_article(_article(1))
    with open_store(url) as store:  # reopening a current store migrates nothing and keeps the rows
        assert store.count_articles() == 1


def test_migrations_go_down_to_nothing_and_up_again(pg_databases: DatabaseFactory) -> None:
    url = pg_databases("downgrade")
    with open_store(url) as store:
        config = alembic_config()
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert inspect(store.engine).get_table_names() == ["alembic_version"]
    with open_store(url) as store:
        assert _schema_differences(store) == []


# -- articles and transactions ----------------------------------------------------------------------


def test_articles_round_trip_with_boilerplate_times_and_prefixes(pg_store: Store) -> None:
    first = _article(
        1,
        url="https://example.org/a",
        published=datetime(2026, 1, 14, 9, 30, tzinfo=UTC),
        author="A. Writer",
        source="a.txt",
        source_kind="txt",
        removed=[
            RemovedText(text="Comments are welcome.", reason="comment-policy", offset=40),
            RemovedText(text="Share this.", reason="share-prompt", offset=41),
        ],
    )
    second = _article(2, outlet="Other")
    with pg_store.atomic():
        pg_store.add_article(first)
        pg_store.add_article(second)

    stored = pg_store.get_article(first.id[:6])
    assert stored == first
    assert stored.published is not None and stored.published.utcoffset() == timedelta(0)
    assert [article.id for article in pg_store.list_articles()] == [first.id, second.id]
    assert [article.id for article in pg_store.list_articles(outlet="Other")] == [second.id]
    assert [article.id for article in pg_store.list_articles(limit=1, offset=1)] == [second.id]
    assert pg_store.count_articles() == 2
    assert pg_store.existing_ids([first.id, "0" * 16]) == {first.id}
    with pytest.raises(StoreError, match="E303"):
        pg_store.get_article("zzzz")
    with pytest.raises(StoreError, match="E303"):
        pg_store.get_article("%")  # LIKE wildcards in a prefix are escaped
    with pytest.raises(StoreError, match="E304"):
        pg_store.get_article("")  # every id starts with the empty prefix


def test_inner_failure_rolls_back_only_the_inner_savepoint(pg_store: Store) -> None:
    with pg_store.atomic():
        pg_store.add_article(_article(1))
        with pytest.raises(RuntimeError), pg_store.atomic():
            pg_store.add_article(_article(2))
            raise RuntimeError("boom")
        pg_store.add_article(_article(3))
    assert sorted(article.title for article in pg_store.list_articles()) == ["Title 1", "Title 3"]


def test_outer_failure_rolls_back_every_savepoint(pg_store: Store) -> None:
    with pytest.raises(RuntimeError), pg_store.atomic():
        pg_store.add_article(_article(1))
        with pg_store.atomic():
            pg_store.add_article(_article(2))
        raise RuntimeError("boom")
    assert pg_store.count_articles() == 0


def test_a_failed_statement_in_a_savepoint_leaves_the_transaction_usable(pg_store: Store) -> None:
    # PostgreSQL aborts a whole transaction on an error unless a savepoint is rolled back first.
    with pg_store.atomic():
        pg_store.add_article(_article(1))
        with pytest.raises(IntegrityError), pg_store.atomic():
            pg_store.add_article(_article(1))
        pg_store.add_article(_article(2))
    assert pg_store.count_articles() == 2


def test_ingest_runs_keep_their_inputs_counts_and_outcomes(pg_store: Store) -> None:
    from newsweave.data import Failure

    run_id = pg_store.start_run(["a.txt", "feed.xml"])
    pg_store.record_outcome(run_id, "failed", Failure("feed.xml", "E105", "binary data"))
    pg_store.finish_run(run_id, {"read": 1, "failed": 1}, {"read": {"seconds": 0.5}})
    (run,) = pg_store.runs()
    assert (run["id"], run["status"], run["inputs"]) == (run_id, "done", ["a.txt", "feed.xml"])
    assert (run["counts"], run["stages"]) == ({"read": 1, "failed": 1}, {"read": {"seconds": 0.5}})
    assert run["finished_at"] >= run["started_at"]
    with pg_store.reading() as connection:
        assert connection.scalar(select(ingest_outcomes.c.code)) == "E105"
    assert pg_store.start_run([]) == run_id + 1


# -- the seeds, end to end --------------------------------------------------------------------------


@dataclass
class Seeded:
    """The two seed reports ingested, analysed and clustered into PostgreSQL and, for reference, SQLite."""

    postgres: Store
    sqlite: Store
    config: Config
    first_ingest: IngestReport


def _ingest_seeds(store: Store, config: Config) -> IngestReport:
    options = ReadOptions(ingest=config.ingest, fetch=config.fetch, published=PUBLISHED)
    report = ingest_inputs([str(SEEDS)], store, options, config)
    analyse_store(store, config)
    assign_stories(store, config)
    return report


@pytest.fixture(scope="module")
def seeded(pg_databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """Both stores after one ingest of the seeds (analysis and stories included)."""
    config = load_config(None)
    with (
        open_store(pg_databases("seeded")) as postgres,
        open_store(str(tmp_path_factory.mktemp("seeded") / "s.db")) as sqlite,
    ):
        report = _ingest_seeds(postgres, config)
        _ingest_seeds(sqlite, config)
        yield Seeded(postgres, sqlite, config, report)


def _contents(store: Store) -> dict[str, Any]:
    """Everything ingest, analysis and clustering wrote, in a form equal across backends."""
    ids = sorted(article.id for article in store.list_articles())
    return {
        "articles": [store.get_article(article_id) for article_id in ids],
        "analysis": [store.analysis.load(article_id) for article_id in ids],
        "entities": store.analysis.load_entities(),
        "stories": store.stories.records(),
        "storylines": store.stories.storylines(),
        "assigned": store.stories.assigned(),
    }


def _row_counts(store: Store) -> dict[str, int]:
    skip = {ingest_runs.name, ingest_outcomes.name}  # every ingest records its run, even a no-op one
    with store.reading() as connection:
        return {
            table.name: connection.scalar(select(func.count()).select_from(table)) or 0
            for table in metadata.sorted_tables
            if table.name not in skip
        }


def test_seeds_ingest_analyse_and_cluster_exactly_as_on_sqlite(seeded: Seeded) -> None:
    counts = seeded.first_ingest.counts
    assert (counts["read"], counts["new"], counts["failed"]) == (2, 2, 0)
    contents = _contents(seeded.postgres)
    (story,) = contents["stories"]
    assert sorted(article.title.startswith(SEED_TITLES) for article in story.articles) == [True, True]
    assert all(analysis.sentences and analysis.claims for analysis in contents["analysis"])
    assert contents == _contents(seeded.sqlite)


def test_reingesting_the_seeds_changes_nothing(seeded: Seeded) -> None:
    before, contents = _row_counts(seeded.postgres), _contents(seeded.postgres)
    report = _ingest_seeds(seeded.postgres, seeded.config)
    assert (report.counts["new"], report.counts["existing"], report.counts["failed"]) == (0, 2, 0)
    assert _row_counts(seeded.postgres) == before
    assert _contents(seeded.postgres) == contents


def test_entities_keep_each_spelling_with_the_articles_that_used_it(seeded: Seeded) -> None:
    entities = seeded.postgres.analysis.load_entities()
    (wi,) = [entity for entity in entities if "Wi Sung-lac" in entity.aliases]
    assert set(wi.aliases) >= {"Wi Sung-lac", "Wi Sung-lack"}
    assert wi.aliases["Wi Sung-lac"].isdisjoint(wi.aliases["Wi Sung-lack"])
    assert wi.type == "PERSON" and wi.mention_count >= 2


def test_briefs_kept_and_facts_queried_as_on_sqlite(seeded: Seeded) -> None:
    from newsweave.brief.saved import refresh_briefs, saved_brief
    from newsweave.export.tables import read_table
    from newsweave.store.brief_rows import FactQuery

    for store in (seeded.postgres, seeded.sqlite):
        assert len(refresh_briefs(store, seeded.config).built) == 1
    (story,) = seeded.postgres.stories.records()
    assert saved_brief(seeded.postgres, story.id, seeded.config) == saved_brief(
        seeded.sqlite, story.id, seeded.config
    )
    query = FactQuery(names=["Wi Sung-lac"], since=PUBLISHED)
    assert seeded.postgres.briefs.facts(query) == seeded.sqlite.briefs.facts(query) != []
    for name in ("articles", "facts", "discrepancies"):
        postgres, sqlite = read_table(seeded.postgres, name), read_table(seeded.sqlite, name)
        if name == "articles":  # stored when each was ingested and analysed
            times = ["ingested_at", "analysed_at"]
            postgres, sqlite = postgres.drop_columns(times), sqlite.drop_columns(times)
        assert postgres.equals(sqlite), name


def test_saving_an_entity_again_updates_it_in_place(pg_store: Store) -> None:
    article = _article(1, text="Wi Sung-lac met Wi Sung-lack.")
    with pg_store.atomic():
        pg_store.add_article(article)
    entity = Entity(id="e1", name="Wi Sung-lac", type="PERSON", country="KOR", mention_count=1)
    entity.aliases = {"Wi Sung-lac": {article.id}}
    pg_store.analysis.save_entities([entity], index_keys)
    mention = Mention(start=0, end=11, text="Wi Sung-lac", label="PERSON", sentence=0, entity_id="e1")
    pg_store.analysis.save(ArticleAnalysis(article.id, "en", sentences=[Sentence(0, 29)], mentions=[mention]))
    entity.name, entity.mention_count = "Wi Sung-lack", 2
    entity.aliases["Wi Sung-lack"] = {article.id}
    pg_store.analysis.save_entities([entity], index_keys)
    assert pg_store.analysis.load_entities() == [entity]
    # Updated in place: the mention still points at the entity (a delete would have nulled it).
    assert pg_store.analysis.load(article.id).mentions[0].entity_id == "e1"
    pg_store.analysis.clear_entities()
    assert pg_store.analysis.load_entities() == []
    assert pg_store.analysis.load(article.id).mentions[0].entity_id is None


def test_claims_and_events_round_trip(pg_store: Store) -> None:
    article = _article(1, text="Seoul and Tokyo agreed on 14 January 2026 to cut tariffs by 50 basis points.")
    with pg_store.atomic():
        pg_store.add_article(article)
    claim = Claim(
        article_id=article.id,
        sentence=0,
        start=0,
        end=len(article.text),
        text=article.text,
        subject="Seoul and Tokyo",
        predicate="agree",
        object="to cut tariffs",
        negated=False,
        mentions=[0, 1],
        entity_ids=["e1", "e2"],
        values=[
            ClaimValue(
                "rate_change", "-0.5", "pp", "50 basis points", 60, 75, "cut", "cut", approximate=True
            ),
            ClaimValue("date", "2026-01-14", None, "14 January 2026", 26, 41, "agree"),
        ],
    )
    # The longest codes the codebook holds, so that PostgreSQL's VARCHAR limits are exercised.
    event = Event(
        article_id=article.id,
        sentence=0,
        start=0,
        end=len(article.text),
        quote=article.text,
        category="COOPERATE",
        cameo="0311",
        goldstein=-10.0,
        quad_class="material cooperation",
        confidence=0.875,
        source=Actor("Seoul", "KOR", "GOV", entity_id="e1"),
        target=Actor("Tokyo", "JPN", "GOV", entity_id="e2"),
        mode="economic-policy",
        reciprocal=True,
        place_name="Nara",
        place_country="JPN",
        lat=34.685,
        lon=135.805,
        date="2026-01-14",
        date_from_published=True,
    )
    bare = Event(
        article.id, 0, 0, 5, "Seoul", "CONSULT", "040", 1.0, "verbal cooperation", 0.5, Actor("Seoul")
    )
    with pg_store.atomic() as connection:
        replace_claims(connection, article.id, [claim])
        replace_events(connection, article.id, [event, bare])
    with pg_store.reading() as connection:
        assert load_claims(connection, [article.id]) == [claim]
        assert load_events(connection, [article.id]) == [event, bare]
        assert load_events(connection) == [event, bare]
    with pg_store.atomic() as connection:
        replace_events(connection, article.id, [bare])
    with pg_store.reading() as connection:
        assert load_events(connection, [article.id]) == [bare]


# -- full-text search -------------------------------------------------------------------------------


@pytest.mark.parametrize("backend_store", BOTH_BACKENDS, indirect=True)
def test_search_finds_a_word_of_the_title_or_body_and_follows_updates(backend_store: Store) -> None:
    article = _article(1)
    with backend_store.atomic():
        backend_store.add_article(article)
        backend_store.add_article(_article(2, title="Other", text="Nothing to see."))
    assert backend_store.search_articles("harbour") == [article.id]
    assert backend_store.search_articles("TITLE") == [article.id]
    article.text = "Now about a lighthouse."
    backend_store.replace_text(article, [])
    assert backend_store.search_articles("harbour") == []
    assert backend_store.search_articles("lighthouse") == [article.id]


SEARCH_GAP_BACKENDS = [
    "sqlite",
    _postgres(pytest.mark.xfail(strict=True, raises=AssertionError, reason=SEARCH_GAP)),
]


@pytest.mark.parametrize("backend_store", BOTH_BACKENDS, indirect=True)
def test_search_matches_words_in_any_order_not_one_phrase(backend_store: Store) -> None:
    article = _article(1)
    with backend_store.atomic():
        backend_store.add_article(article)
    assert backend_store.search_articles("bridge harbour") == [article.id]
    assert backend_store.search_articles('title "1') == [article.id]


@pytest.mark.parametrize("backend_store", BOTH_BACKENDS, indirect=True)
def test_search_treats_percent_and_underscore_as_text(backend_store: Store) -> None:
    with backend_store.atomic():
        backend_store.add_article(_article(1))
    assert backend_store.search_articles("%") == []
    assert backend_store.search_articles("h_rbour") == []


@pytest.mark.parametrize("backend_store", SEARCH_GAP_BACKENDS, indirect=True)
def test_search_ignores_accents(backend_store: Store) -> None:
    article = _article(1, text="Talks in São Paulo ended early.")
    with backend_store.atomic():
        backend_store.add_article(article)
    assert backend_store.search_articles("Sao Paulo") == [article.id]


# -- portability gaps found here --------------------------------------------------------------------


def test_times_come_back_in_utc_whatever_the_server_time_zone(pg_databases: DatabaseFactory) -> None:
    url = pg_databases("timezone")
    with open_store(url) as store:
        database = store.engine.url.database
        with store.atomic() as connection:
            connection.execute(text(f"ALTER DATABASE \"{database}\" SET TimeZone = '{FAR_EAST_TIMEZONE}'"))
    late = datetime(2026, 1, 14, 20, 0, tzinfo=UTC)
    with open_store(url) as store:  # new connections take the database's time zone
        with store.atomic():
            store.add_article(_article(1, published=late))
        (stored,) = store.list_articles()
        assert stored.published == late  # the same instant either way ...
        assert stored.published is not None and stored.published.utcoffset() == timedelta(0)
        assert stored.published.date() == date(2026, 1, 14)  # ... but not the same day


def test_a_store_that_cannot_be_opened_is_e301_without_the_password(pg_url: str) -> None:
    wrong = make_url(pg_url).set(password="not-the-password").render_as_string(hide_password=False)
    with pytest.raises(StoreError, match="E301") as caught:
        open_store(wrong)
    assert "password authentication failed" in str(caught.value)
    assert "not-the-password" not in str(caught.value)


# The reader refuses NUL bytes only in a file's first 4 KiB; JSON can escape one anywhere as \\u0000.
NUL_INPUTS = {
    "nul.jsonl": json.dumps({"title": "A NUL", "text": "Body text \u0000 escaped in JSON. " * 5}) + "\n",
    "nul.txt": "A late NUL\n" + "The harbour bridge reopened after repairs. " * 120 + "\u0000 The end.\n",
}


@pytest.mark.parametrize("name", sorted(NUL_INPUTS))
@pytest.mark.parametrize(
    "backend_store",
    ["sqlite", _postgres()],
    indirect=True,
)
def test_a_nul_character_in_an_input_does_not_crash_the_ingest(
    backend_store: Store, tmp_path: Path, config: Config, name: str
) -> None:
    path = tmp_path / name
    path.write_text(NUL_INPUTS[name], encoding="utf-8")
    report = ingest_inputs([str(path), str(SEEDS)], backend_store, config=config)
    # Stored, or refused as one failed input; either way the seeds after it are still read.
    assert report.counts["read"] + report.counts["failed"] == 3
    assert report.counts["new"] + report.counts["failed"] + report.counts["dropped"] == 3


# -- the command line -------------------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_cli_ingest_and_stories_json_on_a_postgresql_url(
    pg_store: Store, pg_url: str, seeded: Seeded
) -> None:
    assert pg_url.startswith("postgresql://")  # the form a user types, not SQLAlchemy's driver URL
    code, out, err = _cli("ingest", str(SEEDS), "--db", pg_url, "--published", "2026-01-14", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["read"], report["new"], report["failed"]) == (2, 2, 0)
    assert report["analysis"]["counts"]["analysed"] == 2
    assert report["stories"]["counts"]["assigned"] == 2

    code, out, err = _cli("stories", "--db", pg_url, "--json")
    assert code == 0, err
    (story,) = listed = json.loads(out)
    assert set(story) == {"id", "title", "articles", "outlets", "first_seen", "last_seen", "storyline"}
    assert len(story["articles"]) == 2 and story["first_seen"].startswith("2026-01-14")
    # What the same seeds give on SQLite, printed the way `stories --json` prints it.
    on_sqlite = [story_json(record) for record in seeded.sqlite.stories.records()]
    assert listed == json.loads(json.dumps(on_sqlite, ensure_ascii=False, default=str))

    code, out, _ = _cli("ingest", str(SEEDS), "--db", pg_url, "--published", "2026-01-14")
    assert code == 0 and "new 0" in out and "already stored 2" in out


@pytest.mark.parametrize("trial", range(2))
def test_processes_migrating_a_fresh_database_at_once_all_succeed(
    pg_databases: DatabaseFactory, trial: int
) -> None:
    # The migration transaction takes an advisory lock: the others wait, then find the schema made.
    url = pg_databases(f"fresh_{trial}")
    assert open_at_once(url) == ["ok"] * PROCESSES
    with Store(url) as store, store.engine.connect() as connection:
        assert len(connection.execute(text("SELECT version_num FROM alembic_version")).fetchall()) == 1


@pytest.mark.parametrize("backend_store", BOTH_BACKENDS, indirect=True)
def test_a_key_prefix_is_found_whatever_the_collation(backend_store: Store) -> None:
    """Whether a person spelled in another script is stored: a prefix of the keys, which PostgreSQL's
    collations would misorder as a range (they pass over punctuation such as "|")."""
    lee = Entity("e1", "Lee Jae Myung", "PERSON", aliases={"Lee Jae Myung": set()})
    with backend_store.atomic():
        backend_store.analysis.save_entities([lee], index_keys)
    assert not backend_store.analysis.has_key_prefix("PERSON|phx|")
    assert backend_store.analysis.has_key_prefix("PERSON|ph|")
    lee.aliases["이재명"] = set()
    with backend_store.atomic():
        backend_store.analysis.save_entities([lee], index_keys)
    assert backend_store.analysis.has_key_prefix("PERSON|phx|")
    assert not backend_store.analysis.has_key_prefix("PERSON|phx|zz")
