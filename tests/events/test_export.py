"""CSV and GDELT-like TSV output of events (hand-built event dicts, no models)."""

from __future__ import annotations

import csv
import io
from typing import Any

from newsweave.events.export import CSV_COLUMNS, TSV_COLUMNS, events_csv, events_tsv, series_csv


def _event(**changes: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": "0123456789abcdef", "category": "CONSULT", "mode": None, "cameo": "040", "goldstein": 1.0,
        "quad_class": "verbal cooperation", "reciprocal": True, "confidence": 0.9,
        "source": {"name": "Lee Jae Myung", "country": "KOR", "sector": "GOV"},
        "target": {"name": "Sanae Takaichi", "country": "JPN", "sector": "GOV"},
        "place": {"name": "Nara", "country": "JPN", "lat": 34.685, "lon": 135.805},
        "date": "2026-01-13", "date_from_published": False, "article_id": "a1",
        "quote": 'Lee and Takaichi held\t"summit" talks.\nThen they left.',
        "sources": [{"article_id": "a1", "quote": "q1"}, {"article_id": "a1", "quote": "q2"},
                    {"article_id": "b2", "quote": "q3"}],
        "story_id": "s1",
    }  # fmt: skip
    event.update(changes)
    return event


def test_tsv_layout() -> None:
    lines = events_tsv([_event(), _event(target=None, place=None, date=None, mode="visit")]).splitlines()
    assert lines[0].split("\t") == list(TSV_COLUMNS)
    first = dict(zip(TSV_COLUMNS, lines[1].split("\t"), strict=True))
    assert (first["Day"], first["MonthYear"], first["Year"]) == ("20260113", "202601", "2026")
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"], first["QuadClass"]) == (
        "040", "040", "04", "1")  # fmt: skip
    assert (first["NumMentions"], first["NumArticles"], first["IsReciprocal"]) == ("3", "2", "1")
    assert (first["Actor2CountryCode"], first["ActionGeo_FullName"]) == ("JPN", "Nara")
    assert first["Quote"] == 'Lee and Takaichi held "summit" talks. Then they left.'
    second = dict(zip(TSV_COLUMNS, lines[2].split("\t"), strict=True))
    assert (second["Day"], second["Actor2Name"], second["ActionGeo_Lat"], second["PloverMode"]) == (
        "",
        "",
        "",
        "visit",
    )
    assert len(lines) == 3


def test_csv_round_trip() -> None:
    rows = list(csv.DictReader(io.StringIO(events_csv([_event()]))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["quote"] == _event()["quote"]  # quoted, line break and tab kept
    assert (rows[0]["source_country"], rows[0]["target_sector"], rows[0]["article_ids"]) == (
        "KOR",
        "GOV",
        "a1;b2",
    )
    assert rows[0]["source_count"] == "3"


def test_series_csv() -> None:
    text = series_csv([{"period_start": "2026-01-12", "events": 2, "goldstein": 5.0, "cooperation": 2,
                        "conflict": 0, "a_to_b": 0.0, "b_to_a": 0.0}])  # fmt: skip
    assert text.splitlines() == [
        "period_start,events,goldstein,cooperation,conflict,a_to_b,b_to_a",
        "2026-01-12,2,5.0,2,0,0.0,0.0",
    ]
