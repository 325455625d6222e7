"""One article the analysis cannot handle never stops the others, now or in later runs.

Each trigger below once failed `ingest`, `analyse` and the API's ingest for the whole store, for good:
every later run met the same article first and raised.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsweave.analysis import quantities
from newsweave.analysis.nlp import load_pipeline
from newsweave.analysis.stage import FAILED_NOTE_PREFIX, analyse_store
from newsweave.config import Config
from newsweave.data import Article
from newsweave.errors import Errors
from newsweave.ingest.stage import ingest_articles
from newsweave.store import Store
from newsweave.stories.stage import assign_stories

PUBLISHED = datetime(2026, 1, 14, tzinfo=UTC)
REPORT = (
    "Prime Minister Sanae Takaichi met President Lee Jae Myung in Nara on Tuesday. "
    "The two leaders agreed to expand cooperation on supply chains and artificial intelligence. "
)


def _others() -> list[Article]:
    """Two reports of one summit: they must be analysed and share a story whatever else is stored."""
    return [
        Article(title=f"Summit in Nara, {outlet}", text=REPORT * 4, outlet=outlet, published=PUBLISHED)
        for outlet in ("Wire One", "Wire Two")
    ]


def _run(store: Store, config: Config, poison: Article) -> None:
    ingest_articles([poison, *_others()], store, config)
    analyse_store(store, config)
    assign_stories(store, config)


def _summit_story_holds_both_reports(store: Store) -> bool:
    ids = {article.id for article in store.list_articles() if article.title.startswith("Summit")}
    return any(ids <= {article.id for article in record.articles} for record in store.stories.records())


@pytest.mark.parametrize(
    ("published", "text"),
    [
        # calendar arithmetic past year 1 ("Friday" before 0001-01-01) or past 9999 ("next year")
        (datetime(1, 1, 1, tzinfo=UTC), "Late on Friday the council met, and it meets again next year. "),
        (datetime(9999, 12, 31, tzinfo=UTC), "The council meets next year, and met on Friday. "),
    ],
)
def test_an_article_dated_at_the_calendars_edge_is_analysed(
    store: Store, config: Config, published: datetime, text: str
) -> None:
    edge = Article(title="Council", text=text * 6, published=published)
    _run(store, config, edge)
    analysis = store.analysis.load(edge.id)
    assert analysis.note is None
    assert _summit_story_holds_both_reports(store)


def test_an_article_longer_than_the_parser_takes_is_analysed_in_parts(
    store: Store, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # spaCy refuses texts over nlp.max_length (E088; 1,000,000 characters by default). The limit is
    # lowered here so that the same path runs on a short text.
    monkeypatch.setattr(load_pipeline(config.analysis.spacy_model), "max_length", 1_000)
    long_text = REPORT * 20 + "Officials later flew from Nara to Seoul. "
    assert len(long_text) > 3_000
    long = Article(title="Long report", text=long_text, published=PUBLISHED)
    _run(store, config, long)
    analysis = store.analysis.load(long.id)
    assert analysis.note is None
    for mention in analysis.mentions:
        assert long_text[mention.start : mention.end] == mention.text
    assert "Seoul" in {mention.text for mention in analysis.mentions if mention.start > 2_000}
    assert _summit_story_holds_both_reports(store)


def test_an_article_that_fails_is_marked_after_a_second_try_and_skipped_until_redo(
    store: Store, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    tries: list[str] = []
    find_quantities = quantities.find_quantities

    def failing_on_poison(text: str) -> list[quantities.Quantity]:
        if "POISON" in text:
            tries.append(text)
            raise RuntimeError("an unforeseen \\x1b bug")
        return find_quantities(text)

    monkeypatch.setattr(quantities, "find_quantities", failing_on_poison)
    poison = Article(
        title="Poison", text="POISON. The harbour reopened after repairs on Monday. " * 5, published=PUBLISHED
    )
    ingest_articles([poison, *_others()], store, config)

    report = analyse_store(store, config)
    assert len(tries) == 2  # in its batch, then once more on its own
    assert (report.counts["analysed"], report.counts["failed"]) == (2, 1)
    (failure,) = report.failures
    assert poison.id in failure.source and failure.code == Errors.ANALYSIS_FAILED.code
    note = store.analysis.load(poison.id).note
    assert note is not None and note.startswith(f"{FAILED_NOTE_PREFIX}[E604]") and "RuntimeError" in note
    assign_stories(store, config)
    assert _summit_story_holds_both_reports(store)

    assert analyse_store(store, config).counts["failed"] == 0  # marked: not tried again
    assert len(tries) == 2
    monkeypatch.setattr(quantities, "find_quantities", find_quantities)
    assert analyse_store(store, config, redo=True).counts["failed"] == 0
    assert store.analysis.load(poison.id).note is None
