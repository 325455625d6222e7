"""The bundled sample corpus: dated reports, and the demo's stories each hold one real event."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from newsweave.analysis.stage import analyse_store
from newsweave.config import load_config
from newsweave.ingest.stage import ingest_inputs
from newsweave.store import open_store
from newsweave.stories.stage import assign_stories

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "src" / "newsweave" / "sample" / "ecbplus_sample.jsonl"
sys.path.insert(0, str(ROOT / "tools"))

from build_sample_corpus import EVENT_DAYS, line_date  # noqa: E402


def _records() -> list[dict[str, object]]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated: November 11, 2011 20: 09 IST", date(2011, 11, 11)),
        ("Published on: Fri, 11 Nov 2011 at 09: 56 IST", date(2011, 11, 11)),
        ("3 July 2013 Last updated at 13: 38 GMT", date(2013, 7, 3)),
        ("Article posted on 08. 07. 2012", date(2012, 7, 8)),
        ("3 / 27 / 2012 @ 10: 05AM", date(2012, 3, 27)),
        ("Wladimir Klitschko retains belts", None),
    ],
)
def test_date_lines_give_their_day(line: str, expected: date | None) -> None:
    assert line_date(line) == expected


def test_every_report_is_dated_within_days_of_its_event() -> None:
    for record in _records():
        published = date.fromisoformat(str(record["published"]))
        event = EVENT_DAYS[str(record["story_gold"])]
        assert 0 <= (published - event).days <= 30, record["id"]


def test_demo_stories_never_join_two_events(tmp_path: Path) -> None:
    """What ``newsweave demo`` runs: every story it prints is one ECB+ sub-event (reports may split)."""
    config = load_config()
    event_of = {str(r["outlet"]): str(r["story_gold"]) for r in _records()}
    with open_store(str(tmp_path / "demo.db")) as store:
        ingest_inputs([str(SAMPLE)], store, config=config)
        analyse_store(store, config)
        assign_stories(store, config)
        stories = store.stories.records()
    joined = {story.id: {event_of[str(a.outlet)] for a in story.articles} for story in stories}
    assert all(len(events) == 1 for events in joined.values()), joined
    assert set().union(*joined.values()) == set(EVENT_DAYS)  # every event is found
