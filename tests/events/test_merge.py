"""Per-story deduplication on hand-built events (no models)."""

from __future__ import annotations

from newsweave.data import Actor, Event
from newsweave.events.merge import compatible, merge_events, pair_key


def _event(
    article: str,
    category: str = "CONSULT",
    source: tuple[str, str | None] = ("KOR", "GOV"),
    target: tuple[str, str | None] | None = ("JPN", "GOV"),
    day: str | None = "2026-01-13",
    *,
    from_published: bool = False,
    reciprocal: bool = False,
    place: tuple[str, str] | None = None,
    confidence: float = 0.9,
    sentence: int = 0,
) -> Event:
    return Event(
        article_id=article,
        sentence=sentence,
        start=0,
        end=10,
        quote=f"quote {article} {sentence}",
        category=category,
        cameo="040",
        goldstein=1.0,
        quad_class="verbal cooperation",
        confidence=confidence,
        source=Actor(f"{source[0]} actor", source[0], source[1]),
        target=Actor(f"{target[0]} actor", target[0], target[1]) if target else None,
        reciprocal=reciprocal,
        place_name=place[0] if place else None,
        place_country=place[1] if place else None,
        date=day,
        date_from_published=from_published,
    )


def test_reports_of_one_meeting_merge_with_every_source() -> None:
    a = _event("a", place=("Japan", "JPN"))
    b = _event("b", source=("JPN", "GOV"), target=("KOR", "GOV"), day="2026-01-14", from_published=True,
               reciprocal=True, place=("Nara", "JPN"))  # fmt: skip
    (merged,) = merge_events([a, b])
    assert merged.sources == [("a", "quote a 0"), ("b", "quote b 0")]
    assert (merged.date, merged.date_from_published) == ("2026-01-13", False)
    assert merged.place is not None and merged.place.place_name == "Nara"  # a city beats its country
    assert merged.reciprocal and merged.representative is b  # reciprocal wins a tie on confidence


def test_directed_events_of_opposite_direction_stay_apart() -> None:
    a = _event("a", "ACCUSE")
    b = _event("b", "ACCUSE", source=("JPN", "GOV"), target=("KOR", "GOV"))
    assert len(merge_events([a, b])) == 2
    assert pair_key(a) != pair_key(b)
    assert pair_key(_event("c")) == pair_key(_event("d", source=("JPN", "GOV"), target=("KOR", "GOV")))


def test_other_category_sector_or_distant_date_is_another_event() -> None:
    base = _event("a")
    assert len(merge_events([base, _event("b", "AGREE")])) == 2
    assert len(merge_events([base, _event("b", source=("KOR", "MIL"))])) == 2
    assert len(merge_events([base, _event("b", day="2026-01-20")])) == 2
    assert len(merge_events([base, _event("b", day="2026-01-14")])) == 1  # a day apart: one visit


def test_date_windows() -> None:
    text = _event("a", day="2026-01-10")
    assert compatible(text, _event("b", day="2026-01-14", from_published=True))  # reported 4 days later
    assert not compatible(text, _event("b", day="2026-01-20", from_published=True))  # 10 days later
    assert not compatible(text, _event("b", day="2026-01-08", from_published=True))  # reported before it
    assert compatible(text, _event("b", day=None))
    (merged,) = merge_events([_event("a", day="2026-01-14", from_published=True)])
    assert (merged.date, merged.date_from_published) == ("2026-01-14", True)


def test_missing_codes_come_from_the_same_entity_in_other_reports() -> None:
    a = _event("a", confidence=0.95)
    a.source = Actor("Lee", None, None, entity_id="e1")
    b = _event("b")
    b.source = Actor("Lee Jae Myung", "KOR", "GOV", entity_id="e1")
    (merged,) = merge_events([a, b])
    assert merged.representative is a and (a.source.country, a.source.sector) == ("KOR", "GOV")
    c = _event("c")
    c.source = Actor("Kim", None, None, entity_id="e2")  # an entity coded nowhere stays uncoded
    assert len(merge_events([b, c])) == 2 and c.source.country is None


def test_output_is_in_date_order_and_ids_are_stable() -> None:
    late, early = _event("a", "AGREE", day="2026-01-15"), _event("b", day="2026-01-01")
    first = [m.id for m in merge_events([late, early])]
    assert [m.date for m in merge_events([late, early])] == ["2026-01-01", "2026-01-15"]
    assert first == [m.id for m in merge_events([early, late])]
