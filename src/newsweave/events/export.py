"""Events as CSV (the brief's event shape, flattened) and TSV (a GDELT-like column layout).

TSV columns, one event per line after a header line, in GDELT 2.0 event-table order where GDELT has
the field (country codes are ISO 3166-1 alpha-3 where GDELT uses CAMEO's; the actor type is the PLOVER
v0.8 sector code; newsweave's own fields follow GDELT's):

====  ======================  ==============================================================
 1    GlobalEventID           newsweave's merged-event id (16 hex digits)
 2    Day                     event date YYYYMMDD (empty when unknown)
 3    MonthYear               YYYYMM
 4    Year                    YYYY
 5    Actor1Name              source actor as written
 6    Actor1CountryCode       ISO-3
 7    Actor1Type1Code         PLOVER sector (GOV, MIL, ...)
 8    Actor2Name              target actor (empty when none)
 9    Actor2CountryCode       ISO-3
10    Actor2Type1Code         PLOVER sector
11    EventCode               CAMEO code
12    EventBaseCode           its first three digits
13    EventRootCode           its first two digits
14    QuadClass               1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
                              4 material conflict
15    GoldsteinScale          -10 .. +10
16    NumMentions             supporting sentences
17    NumArticles             supporting articles
18    ActionGeo_FullName      place as written
19    ActionGeo_CountryCode   ISO-3
20    ActionGeo_Lat
21    ActionGeo_Long
22    SourceArticleID         the article of the representative sentence
23    PloverCategory          PLOVER v0.8 category
24    PloverMode              PLOVER mode (empty when none)
25    IsReciprocal            1 when the actors act together (a meeting, an agreement)
26    DateFromPublished       1 when the date is the publication date (the text gave none)
27    StoryID
28    Quote                   the representative sentence (tabs and line breaks as spaces)
====  ======================  ==============================================================
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

TSV_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventCode", "EventBaseCode", "EventRootCode",
    "QuadClass", "GoldsteinScale", "NumMentions", "NumArticles", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "SourceArticleID", "PloverCategory",
    "PloverMode", "IsReciprocal", "DateFromPublished", "StoryID", "Quote",
)  # fmt: skip
CSV_COLUMNS = (
    "id", "story_id", "date", "date_from_published", "category", "mode", "cameo", "goldstein", "quad_class",
    "reciprocal", "confidence", "source_name", "source_country", "source_sector", "target_name",
    "target_country", "target_sector", "place_name", "place_country", "lat", "lon", "article_id", "quote",
    "source_count", "article_ids",
)  # fmt: skip
QUAD_CODES = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}
SERIES_COLUMNS = ("period_start", "events", "goldstein", "cooperation", "conflict", "a_to_b", "b_to_a")


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _actor(event: dict[str, Any], role: str, field: str) -> Any:
    actor = event.get(role)
    return _blank(actor.get(field)) if actor else ""


def _actor_fields(event: dict[str, Any], role: str) -> list[Any]:
    return [_actor(event, role, field) for field in ("name", "country", "sector")]


def _place(event: dict[str, Any], field: str) -> Any:
    place = event.get("place")
    return _blank(place.get(field)) if place else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def tsv_row(event: dict[str, Any]) -> list[Any]:
    """One event (brief shape with ``sources``) as a row of :data:`TSV_COLUMNS`."""
    day = (event.get("date") or "").replace("-", "")
    cameo = event["cameo"]
    return [
        event["id"], day, day[:6], day[:4],
        *_actor_fields(event, "source"), *_actor_fields(event, "target"),
        cameo, cameo[:3], cameo[:2], QUAD_CODES.get(event["quad_class"], ""), event["goldstein"],
        len(event["sources"]), len({s["article_id"] for s in event["sources"]}),
        _place(event, "name"), _place(event, "country"), _place(event, "lat"), _place(event, "lon"),
        event["article_id"], event["category"], _blank(event.get("mode")), int(bool(event.get("reciprocal"))),
        int(bool(event.get("date_from_published"))), _blank(event.get("story_id")), _one_line(event["quote"]),
    ]  # fmt: skip


def csv_row(event: dict[str, Any]) -> list[Any]:
    """One event as a row of :data:`CSV_COLUMNS`."""
    return [
        event["id"], _blank(event.get("story_id")), _blank(event["date"]), event["date_from_published"],
        event["category"], _blank(event.get("mode")), event["cameo"], event["goldstein"], event["quad_class"],
        event["reciprocal"], event["confidence"],
        *_actor_fields(event, "source"), *_actor_fields(event, "target"),
        _place(event, "name"), _place(event, "country"), _place(event, "lat"), _place(event, "lon"),
        event["article_id"], event["quote"], len(event["sources"]),
        ";".join(dict.fromkeys(s["article_id"] for s in event["sources"])),
    ]  # fmt: skip


def _write(columns: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def events_tsv(events: Iterable[dict[str, Any]]) -> str:
    """Events as tab-separated text in the GDELT-like layout above, with a header line.

    Like GDELT's files, fields are not quoted: tabs and line breaks inside them become spaces.
    """
    lines = ["\t".join(TSV_COLUMNS)]
    lines.extend("\t".join(_one_line(str(value)) for value in tsv_row(event)) for event in events)
    return "\n".join(lines) + "\n"


def events_csv(events: Iterable[dict[str, Any]]) -> str:
    """Events as CSV with a header line (the brief's event shape, flattened)."""
    return _write(CSV_COLUMNS, (csv_row(event) for event in events), ",")


def series_csv(series: Iterable[dict[str, Any]]) -> str:
    """A relations series as CSV with a header line."""
    return _write(SERIES_COLUMNS, ([row[c] for c in SERIES_COLUMNS] for row in series), ",")
