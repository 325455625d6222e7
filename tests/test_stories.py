"""Story assignment on hand-built features: look-alike events stay apart, reports of one event join.

Vectors are built with a chosen cosine to each other; the cosines are those all-MiniLM-L6-v2 (int8 ONNX)
gave for real headline + lead pairs written for these cases (measured once, pinned here), so no model runs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.stories.assign import StoryAssigner, StoryFeatures, StoryParams, recluster

DIM = 16
# MiniLM cosines of the pairs (headline + lead), measured with newsweave.embeddings:
SEEDS_COSINE = 0.546  # the two seed articles (tests/data/seeds), title + first paragraph
QUAKES_COSINE = 0.473  # a Sulawesi magnitude-7.1 quake vs a central-Chile magnitude-6.8 quake
SUMMITS_COSINE = 0.783  # Lee-Takaichi summit in Tokyo vs their later summit in Nara
TRADE_COSINE = 0.309  # Korea applies to join CPTPP vs Japan's WTO complaint on Korean steel
DAY = date(2025, 11, 1)


def pair(cosine: float, axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two unit vectors with the given cosine, in their own plane (axis, axis + 1)."""
    first, second = np.zeros(DIM, dtype=np.float32), np.zeros(DIM, dtype=np.float32)
    first[axis] = 1.0
    second[axis], second[axis + 1] = cosine, np.sqrt(1 - cosine**2)
    return first, second


def feature(article_id: str, vector: np.ndarray, entities: set[str] = frozenset(),  # type: ignore[assignment]
            places: set[str] = frozenset(), published: date | None = DAY,  # type: ignore[assignment]
            event_dates: tuple[date, ...] = (), duplicate_of: str | None = None) -> StoryFeatures:
    return StoryFeatures(article_id, vector, frozenset(entities), frozenset(places), published, event_dates,
                         duplicate_of)


def assign_all(*features: StoryFeatures, params: StoryParams | None = None) -> StoryAssigner:
    assigner = StoryAssigner(params)
    for item in features:
        assigner.assign(item)
    return assigner


def test_seed_like_reports_join() -> None:
    a, b = pair(SEEDS_COSINE)
    people = {"lee-jae-myung", "sanae-takaichi", "nara", "japan", "south-korea"}
    assigner = assign_all(
        feature("seed-1", a, people | {"cptpp"}, {"country:JPN", "city:nara"}, event_dates=(DAY,)),
        feature("seed-2", b, people | {"xi-jinping"}, {"country:JPN", "city:nara", "country:CHN"},
                event_dates=(DAY, DAY - timedelta(days=1))),
    )
    assert assigner.story_of("seed-1") == assigner.story_of("seed-2") == "seed-1"


def test_earthquakes_in_different_places_stay_apart() -> None:
    a, b = pair(QUAKES_COSINE)
    assigner = assign_all(
        feature("quake-sulawesi", a, {"sulawesi", "indonesia", "bnpb"}, {"country:IDN", "region:sulawesi"}),
        feature("quake-chile", b, {"chile", "valparaiso", "senapred"}, {"country:CHL", "city:valparaiso"},
                published=DAY + timedelta(days=2)),
    )
    assert assigner.story_of("quake-sulawesi") != assigner.story_of("quake-chile")


def test_earthquakes_apart_even_when_text_is_closer() -> None:
    """Two quake reports written alike (cosine 0.8) are still kept apart by their places and entities."""
    a, b = pair(0.8)
    assigner = assign_all(
        feature("quake-1", a, {"indonesia", "bnpb"}, {"country:IDN"}, event_dates=(DAY,)),
        feature("quake-2", b, {"chile", "senapred"}, {"country:CHL"}, published=DAY + timedelta(days=9),
                event_dates=(DAY + timedelta(days=9),)),
    )
    assert assigner.story_of("quake-1") != assigner.story_of("quake-2")


def test_summits_months_apart_stay_apart() -> None:
    a, b = pair(SUMMITS_COSINE)
    people = {"lee-jae-myung", "sanae-takaichi", "japan", "south-korea"}
    later = DAY + timedelta(days=75)
    assigner = assign_all(
        feature("summit-tokyo", a, people | {"tokyo"}, {"country:JPN"}, event_dates=(DAY,)),
        feature("summit-nara", b, people | {"nara"}, {"country:JPN"}, published=later, event_dates=(later,)),
    )
    assert assigner.story_of("summit-tokyo") != assigner.story_of("summit-nara")
    first_only = assign_all(feature("summit-tokyo", a, people, published=DAY))
    assert first_only.candidates(feature("probe", b, published=later)) == []  # outside the time window


def test_undated_summits_score_their_event_dates_apart() -> None:
    """Undated reports (as in ECB+): event dates 75 days apart give the time term its floor, -1."""
    a, b = pair(SUMMITS_COSINE)
    people = {"lee-jae-myung", "sanae-takaichi", "japan", "south-korea"}
    assigner = assign_all(feature("summit-1", a, people, {"country:JPN"}, published=None, event_dates=(DAY,)))
    later = feature("summit-2", b, people, {"country:JPN"}, published=None,
                    event_dates=(DAY + timedelta(days=75),))
    assert assigner.explain(later, "summit-1").time < -0.99


def test_cptpp_and_wto_dispute_stay_apart() -> None:
    a, b = pair(TRADE_COSINE)
    assigner = assign_all(
        feature("cptpp", a, {"south-korea", "cptpp", "trade-ministry"}, {"country:KOR"}),
        feature("wto", b, {"japan", "south-korea", "wto"}, {"country:JPN", "country:KOR"}),
    )
    assert assigner.story_of("cptpp") != assigner.story_of("wto")


def test_near_duplicate_joins_without_moving_the_story() -> None:
    a, b = pair(0.9)
    copy_vector, _ = pair(0.3, axis=4)  # a changed headline: the copy's own vector points elsewhere
    assigner = assign_all(feature("original", a, {"x"}), feature("report", b, {"x"}))
    story = assigner.story_of("original")
    assert story is not None
    before = assigner.stories[story].centroid.copy()
    entities = assigner.stories[story].entities.copy()
    assert assigner.assign(feature("copy", copy_vector, {"y"}, duplicate_of="original")) == story
    assert np.array_equal(assigner.stories[story].centroid, before)
    assert assigner.stories[story].entities == entities
    assert assigner.stories[story].members == ["original", "report", "copy"]


def test_copy_follows_its_original_when_refined() -> None:
    a, b = pair(0.2)
    assigner = assign_all(feature("a", a, {"x"}), feature("b", b, {"y"}),
                          feature("a-copy", a, duplicate_of="a"))
    assigner.refine()
    assert assigner.story_of("a-copy") == assigner.story_of("a")


def test_ids_are_stable_as_articles_arrive() -> None:
    vectors = [pair(0.95, axis=2 * (i % 3))[i // 3 % 2] for i in range(9)]
    assigner, seen = StoryAssigner(), {}
    for index, vector in enumerate(vectors):
        article = f"a{index}"
        seen[article] = assigner.assign(feature(article, vector, {f"topic-{index % 3}"}))
        assert {a: assigner.story_of(a) for a in seen} == seen  # nothing already placed moves
    assert set(seen.values()) == {"a0", "a1", "a2"}  # a story's id is its first article's id
    assert assigner.assign(feature("a4", vectors[4])) == seen["a4"]  # re-ingest is a no-op


GROUPS = [(0, {"quake", "indonesia"}), (2, {"summit", "lee"}), (4, {"cptpp", "korea"})]


def _small_set() -> list[StoryFeatures]:
    items = []
    for group, (axis, entities) in enumerate(GROUPS):
        for member, cosine in enumerate((1.0, 0.9, 0.8)):
            vector = np.zeros(DIM, dtype=np.float32)
            vector[axis], vector[axis + 1] = cosine, np.sqrt(1 - cosine**2)
            items.append(feature(f"g{group}-{member}", vector, entities | {f"extra-{group}-{member}"},
                                 published=DAY + timedelta(days=member)))
    items.append(feature("g0-copy", items[0].vector, duplicate_of="g0-0", published=DAY + timedelta(days=3)))
    return items


def test_recluster_finds_the_groups() -> None:
    result = recluster(_small_set())
    assert {article: story for article, story in result.items()} == {
        a.article_id: f"g{a.article_id[1]}-0" for a in _small_set()
    }


@settings(max_examples=30, deadline=None)
@given(st.permutations(_small_set()))
def test_recluster_does_not_depend_on_input_order(order: list[StoryFeatures]) -> None:
    assert recluster(order) == recluster(_small_set())


def test_explain_names_the_terms() -> None:
    a, b = pair(0.7)
    assigner = assign_all(feature("a", a, {"x", "y"}, {"country:FRA"}, published=None, event_dates=(DAY,)))
    score = assigner.explain(feature("b", b, {"x"}, {"country:FRA"}, published=None, event_dates=(DAY,)), "a")
    assert score.cosine == np.float32(0.7) or abs(score.cosine - 0.7) < 1e-6
    assert 0 < score.entities < 1 and score.places > 0 and score.time == 1.0 and score.published == 0.0


def test_dated_reports_gain_nothing_from_naming_the_same_day_but_lose_from_days_apart() -> None:
    """Reports published in one week all name its days: agreement counts only between undated reports."""
    a, b = pair(0.7)
    dated = assign_all(feature("a", a, event_dates=(DAY,)))
    assert dated.explain(feature("b", b, event_dates=(DAY,)), "a").time == 0.0
    far = dated.explain(feature("b", b, event_dates=(DAY + timedelta(days=75),)), "a")
    assert far.time < -0.99
    undated = assign_all(feature("a", a, published=None, event_dates=(DAY,)))
    assert undated.explain(feature("b", b, published=None, event_dates=(DAY,)), "a").time == 1.0


def test_a_report_published_days_later_scores_lower() -> None:
    a, b = pair(0.7)
    assigner = assign_all(feature("a", a))
    same_day = assigner.explain(feature("b", b), "a")
    half_life = StoryParams().published_half_life_days
    later = assigner.explain(feature("b", b, published=DAY + timedelta(days=half_life)), "a")
    assert same_day.published == 0.0 and abs(later.published + 0.5) < 1e-9
    assert later.total < same_day.total


# MiniLM cosines of two real same-day pages (benchmarks/stories_real.py), whole text and lead (title and
# two sentences, stories.stage.lead_text): a 13-inch MacBook Pro rumour against a 16-inch MacBook Pro
# review, different events on one topic; and two reports of South Dakota's meth campaign, one event.
MACBOOK_TEXT_COSINE, MACBOOK_LEAD_COSINE = 0.755, 0.411
METH_TEXT_COSINE, METH_LEAD_COSINE = 0.864, 0.745


def _with_lead(item: StoryFeatures, lead: np.ndarray) -> StoryFeatures:
    return replace(item, lead=lead)


def test_a_different_lead_keeps_two_reports_on_one_topic_apart() -> None:
    """The whole texts share the topic's background; the leads say which event each reports."""
    text_a, text_b = pair(MACBOOK_TEXT_COSINE)
    lead_a, lead_b = pair(MACBOOK_LEAD_COSINE, axis=4)
    shared = {"apple", "macbook-pro"}
    rumour = feature("rumour", text_a, shared | {f"r{i}" for i in range(8)})
    review = feature("review", text_b, shared | {f"v{i}" for i in range(20)})
    without_leads = assign_all(rumour, review)
    assert without_leads.story_of("review") == "rumour"  # the topic alone was enough
    with_leads = assign_all(_with_lead(rumour, lead_a), _with_lead(review, lead_b))
    assert with_leads.story_of("review") == "review"
    score = with_leads.explain(_with_lead(review, lead_b), "rumour")
    share = StoryParams().lead_share
    expected = (1 - share) * MACBOOK_TEXT_COSINE + share * MACBOOK_LEAD_COSINE
    assert abs(score.cosine - expected) < 1e-5


def test_reports_of_one_event_still_join_on_their_leads() -> None:
    text_a, text_b = pair(METH_TEXT_COSINE)
    lead_a, lead_b = pair(METH_LEAD_COSINE, axis=4)
    # One shared name among many: an entity overlap near the real pair's (0.13).
    hill = feature("hill", text_a, {"kristi-noem", *(f"h{i}" for i in range(20))})
    nj = feature("nj", text_b, {"kristi-noem", *(f"n{i}" for i in range(20))})
    alone = assign_all(_with_lead(hill, lead_a))
    assert 0 < alone.explain(_with_lead(nj, lead_b), "hill").entities < 0.3
    assigner = assign_all(_with_lead(hill, lead_a), _with_lead(nj, lead_b))
    assert assigner.story_of("nj") == "hill"


def test_a_story_without_leads_is_scored_on_whole_texts() -> None:
    """Vectors stored before leads were kept: an article with a lead against such a story, and back."""
    a, b = pair(0.7)
    lead, _ = pair(0.2, axis=4)
    old = assign_all(feature("a", a))
    assert abs(old.explain(_with_lead(feature("b", b), lead), "a").cosine - 0.7) < 1e-6
    new = assign_all(_with_lead(feature("a", a), lead))
    assert abs(new.explain(feature("b", b), "a").cosine - 0.7) < 1e-6
