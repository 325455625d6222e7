"""Ingest end to end: the seeds, re-ingest, syndicated copies, outlet boilerplate, failures."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.config import Config
from newsweave.data import Article
from newsweave.ingest.stage import ingest_articles, ingest_inputs
from newsweave.readers.base import ReadOptions
from newsweave.store import Store, open_store

PUBLISHED = datetime(2026, 1, 14, tzinfo=UTC)
SEED_000_LAST_PARAGRAPH_END = "cooperating on present-day strategic and economic challenges."
COMMENT_POLICY_START = "Comments you share on our site are a valuable resource"


def _options(config: Config, **kwargs: object) -> ReadOptions:
    return ReadOptions(ingest=config.ingest, fetch=config.fetch, **kwargs)  # type: ignore[arg-type]


def _seed(seeds_dir: Path, prefix: str) -> Path:
    return next(seeds_dir.glob(f"{prefix}_*.txt"))


def test_seeds_store_two_articles_without_the_comment_policy(
    store: Store, seeds_dir: Path, config: Config
) -> None:
    report = ingest_inputs([str(seeds_dir)], store, _options(config, published=PUBLISHED), config)
    assert (report.counts["read"], report.counts["new"], report.counts["failed"]) == (2, 2, 0)
    seed_000 = next(a for a in store.list_articles() if a.title.startswith("South Korean and Japanese"))
    full = store.get_article(seed_000.id)
    assert full.text.rstrip().endswith(SEED_000_LAST_PARAGRAPH_END)
    assert [r.reason for r in full.removed] == ["comment-policy"]
    assert full.removed[0].text.startswith(COMMENT_POLICY_START)
    assert full.published == PUBLISHED
    # Neither file names its outlet: each is named after its file, and the report says so.
    assert full.outlet == "000_dc8acf547435bd15"
    assert report.guessed_outlets == {"000_dc8acf547435bd15": 1, "004_7611bd27aecda166": 1}

    again = ingest_inputs([str(seeds_dir)], store, _options(config, published=PUBLISHED), config)
    assert (again.counts["new"], again.counts["existing"]) == (0, 2)
    assert store.count_articles() == 2


def test_syndicated_copy_with_new_headline_and_footer_is_marked_duplicate(
    store: Store, seeds_dir: Path, config: Config, tmp_path: Path
) -> None:
    original = _seed(seeds_dir, "004")
    lines = original.read_text(encoding="utf-8").splitlines()
    copy = tmp_path / "copy.txt"
    body = "\n".join(lines[1:])
    copy.write_text(
        "Seoul and Tokyo agree on DNA tests at wartime mine\n"
        + body
        + "\n\nThis article originally appeared on Example Wire. Republished with permission.\n",
        encoding="utf-8",
    )
    ingest_inputs([str(original)], store, _options(config, published=PUBLISHED), config)
    report = ingest_inputs(
        [str(copy)], store, _options(config, published=PUBLISHED + timedelta(hours=3)), config
    )
    assert report.counts["new"] == 1
    assert report.counts["duplicate"] + report.counts["near_duplicate"] == 1
    stored = {a.title: a for a in store.list_articles()}
    copy_article = stored["Seoul and Tokyo agree on DNA tests at wartime mine"]
    original_article = next(a for t, a in stored.items() if t.startswith("Lee Jae Myung Concludes"))
    assert copy_article.duplicate_of == original_article.id
    assert original_article.duplicate_of is None
    assert any(r.reason == "syndication" for r in store.get_article(copy_article.id).removed)


PLACES = ["Arden", "Belmont", "Carrow", "Dunmore", "Elston", "Fenwick", "Garside", "Holloway"]
THINGS = ["bridge", "school", "hospital", "library", "stadium", "market", "harbour wall", "museum"]
VERBS = ["opened", "closed", "rebuilt", "inspected", "sold", "expanded", "renamed", "reopened"]


def _story(n: int, extra: str = "") -> str:
    """A short report; different ``n`` give reports with few shared five-word shingles."""
    place, thing, verb = PLACES[n % 8], THINGS[(n * 3) % 8], VERBS[(n * 5) % 8]
    return (
        f"Officials in {place} {verb} the {thing} on Monday after {n + 3} years of argument, the "
        f"{place} council said. Residents of {place} had asked for the {thing} to be {verb} since "
        f"{1990 + n}, and traders near the {thing} expect {n + 10} more customers a day. The mayor of "
        f"{place} thanked the workers who {verb} the {thing} and promised a street party in {place} "
        f"next month. {extra}"
    )


def test_earliest_published_copy_becomes_the_original(store: Store, config: Config) -> None:
    late = Article(title="Copy", text=_story(1), outlet="B", published=PUBLISHED)
    early = Article(
        title="Original", text=_story(1) + " More.", outlet="A", published=PUBLISHED - timedelta(days=1)
    )
    third = Article(title="Copy 2", text=_story(1) + " Also.", outlet="C", published=PUBLISHED)
    ingest_articles([late, early, third], store, config)
    stored = {a.title: a for a in store.list_articles()}
    assert stored["Original"].duplicate_of is None
    assert stored["Copy"].duplicate_of == stored["Original"].id
    assert stored["Copy 2"].duplicate_of == stored["Original"].id


LETTERS_LINE = "Write to the Daily Courier at letters@courier.example; we read every one."


def test_line_recurring_across_an_outlets_articles_is_removed_from_all_of_them(
    store: Store, config: Config
) -> None:
    threshold = config.boilerplate.outlet_recurrence_min_articles
    made = [
        Article(
            title=f"Story {n}",
            text=_story(n * 7, f"Different tail {n}.") + "\n" + LETTERS_LINE,
            outlet="Daily Courier",
        )
        for n in range(threshold)
    ]
    ingest_articles(made[:-1], store, config)
    assert all(LETTERS_LINE in store.get_article(a.id).text for a in made[:-1])  # below threshold: kept
    ingest_articles(made[-1:], store, config)
    for article in made:
        stored = store.get_article(article.id)
        assert LETTERS_LINE not in stored.text
        assert [r.reason for r in stored.removed] == ["outlet-recurrent"]
        assert stored.text.startswith("Officials in ")


def test_lines_repeated_by_copies_or_other_outlets_are_not_outlet_boilerplate(
    store: Store, config: Config
) -> None:
    # Three near-copies in one outlet share every line; three outlets share one line: neither is boilerplate.
    copies = [
        Article(title=f"v{n}", text=_story(1) + "\n" + LETTERS_LINE + f"\nUpdate {n}.", outlet="X")
        for n in range(3)
    ]
    others = [
        Article(title=f"o{n}", text=_story(n * 11) + "\n" + LETTERS_LINE, outlet=f"Outlet {n}")
        for n in range(3)
    ]
    ingest_articles(copies + others, store, config)
    for article in copies + others:
        assert LETTERS_LINE in store.get_article(article.id).text


def test_failures_are_reported_recorded_and_the_batch_goes_on(
    store: Store, seeds_dir: Path, config: Config, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    shutil.copy(_seed(seeds_dir, "000"), good)
    report = ingest_inputs(
        [str(empty), str(tmp_path / "missing.txt"), str(good)], store, _options(config), config
    )
    assert report.counts["new"] == 1 and report.counts["failed"] == 2
    assert {f.source for f in report.failures} == {str(empty), str(tmp_path / "missing.txt")}
    assert {f.code for f in report.failures} == {"E103", "E101"}
    run = store.runs()[0]
    assert run["status"] == "done" and run["counts"]["failed"] == 2


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(list(range(6))))
def test_duplicate_groups_do_not_depend_on_arrival_order(
    tmp_path_factory: object, config: Config, order: list[int]
) -> None:
    texts = [
        _story(1),
        _story(1) + " Extra.",
        _story(2),
        _story(2) + " More.",
        _story(3),
        _story(1) + " Tail.",
    ]
    made = [
        Article(title=f"t{i}", text=t, outlet=f"o{i}", published=PUBLISHED + timedelta(hours=i))
        for i, t in enumerate(texts)
    ]
    path = Path(str(tmp_path_factory.mktemp("order"))) / "s.db"  # type: ignore[attr-defined]
    with open_store(str(path)) as store:
        ingest_articles([made[i] for i in order], store, config)
        again = ingest_articles([made[i] for i in order], store, config)
        assert again.counts["new"] == 0
        roots = {a.title: a.duplicate_of or a.id for a in store.list_articles()}
    ids = {a.title: a.id for a in made}
    assert roots == {
        "t0": ids["t0"],
        "t1": ids["t0"],
        "t5": ids["t0"],
        "t2": ids["t2"],
        "t3": ids["t2"],
        "t4": ids["t4"],
    }
