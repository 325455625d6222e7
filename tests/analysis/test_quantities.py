"""Quantities: each normaliser, the equalities a comparison relies on, and the two seed articles."""

from __future__ import annotations

import pytest

from newsweave.analysis.numbers import parse_number_words
from newsweave.analysis.quantities import (
    APPROX_REL_TOL,
    DEFAULT_REL_TOL,
    Quantity,
    find_quantities,
    normalise,
    parse_quantity,
    same_amount,
)

SEED_000 = (
    "According to South Korea's National Security Adviser Wi Sung-lac, the two sides agreed to continue "
    "discussions regarding Seoul's accession to the 12-member CPTPP, a move that would deepen economic "
    "integration between the two nations and across the Pacific Rim. The leaders also tackled the sensitive "
    "issue of South Korea's import ban on seafood from eight Japanese prefectures, a restriction imposed in "
    "2013 following the Fukushima nuclear disaster.\n"
    "The two-day visit, which included a summit on Tuesday, was marked by symbolic cultural gestures. "
    "The neighbors formally normalized ties in 1965. Since then, bilateral trade has flourished, reaching "
    "approximately $75 billion annually, making the economic discussions at this summit vital."
)
SEED_004 = (
    "President Lee Jae Myung concluded a two-day visit to Japan on Wednesday, which highlighted potential "
    "for enhanced economic cooperation. This visit included discussions with Prime Minister Sanae Takaichi "
    "in Nara and marked their second meeting in just over two months as both nations navigate complex "
    "geopolitical challenges. They agreed to conduct DNA analysis on remains found at the Chosei undersea "
    "coal mine in Yamaguchi Prefecture. This site, where a flood in 1942 claimed the lives of 183 "
    "individuals, including 136 Korean laborers, was a focal point of their talks. The South Korean "
    "delegation reiterated its interest in joining the 12-member Comprehensive and Progressive Agreement "
    "for Trans-Pacific Partnership (CPTPP). Past efforts faced obstacles, notably due to a ban on seafood "
    "imports from eight Japanese prefectures following the 2011 Fukushima nuclear disaster. Plans include "
    "consultations on AI, intellectual property rights, and playing drums to popular K-pop songs at Horyuji."
)


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind", "qualifier"),
    [
        # counts
        ("3,000 protesters", 3000, "", "count", None),
        ("some 3,200 people", 3200, "", "count", "some"),
        ("nine dead", 9, "", "count", None),
        ("eleven killed", 11, "", "count", None),
        ("183 individuals", 183, "", "count", None),
        ("a dozen people", 12, "", "count", None),
        ("two million people", 2e6, "", "count", None),
        ("more than 100 people", 100, "", "count", "more than"),
        ("an estimated 5,000 troops", 5000, "", "count", "estimated"),
        ("one person died", 1, "", "count", None),
        # money
        ("$75 billion", 7.5e10, "USD", "money", None),
        ("reaching approximately $75 billion annually", 7.5e10, "USD", "money", "approximately"),
        ("75 billion dollars", 7.5e10, "USD", "money", None),
        ("1.2 trillion won", 1.2e12, "KRW", "money", None),
        ("€5m", 5e6, "EUR", "money", None),
        ("£3.4bn", 3.4e9, "GBP", "money", None),
        ("US$3 million", 3e6, "USD", "money", None),
        ("over a hundred billion dollars of trade", 1e11, "USD", "money", "over"),
        ("half a million people", 5e5, "", "count", None),
        # percentages and rate changes
        ("2.75%", 2.75, "%", "percent", None),
        ("2.75 per cent", 2.75, "%", "percent", None),
        ("2.75 percent", 2.75, "%", "percent", None),
        ("up to 20%", 20, "%", "percent", "up to"),
        ("50 basis points", 0.5, "pp", "rate_change", None),
        ("half a percentage point", 0.5, "pp", "rate_change", None),
        ("a quarter-point cut", 0.25, "pp", "rate_change", None),
        ("0.25 percentage points", 0.25, "pp", "rate_change", None),
        # distances and depths
        ("10 km", 10, "km", "distance", None),
        ("10 kilometres", 10, "km", "distance", None),
        ("a 10-kilometre depth", 10, "km", "distance", None),
        ("about 6 miles", 9.656064, "km", "distance", "about"),
        ("500 metres", 0.5, "km", "distance", None),
        ("3,000 feet", 0.9144, "km", "distance", None),
        ("5m deep", 0.005, "km", "distance", None),
        ("a 2-inch gap", 0.0000508, "km", "distance", None),
        # durations (base unit: hours)
        ("72-hour", 72, "h", "duration", None),
        ("a two-day visit", 48, "h", "duration", None),
        ("two weeks", 336, "h", "duration", None),
        # magnitudes
        ("magnitude 6.1", 6.1, "magnitude", "magnitude", None),
        ("a 6.1-magnitude quake", 6.1, "magnitude", "magnitude", None),
        ("a 7.0 quake", 7.0, "magnitude", "magnitude", None),
        # ordinals and group sizes
        ("their second meeting", 2, "", "ordinal", None),
        ("the 12-member CPTPP", 12, "members", "group_size", None),
        # text tokenised and joined again (ECB+): a spaced thousands comma, a spaced decimal point
        ("killed 230, 000 people", 230000, "", "count", None),
        ("about 1, 500 houses", 1500, "", "count", "about"),
        ("a 6. 1 magnitude quake", 6.1, "magnitude", "magnitude", None),
        ("made off with £1. 7m in gems", 1.7e6, "GBP", "money", None),
        ("He died in 2019. 5 people were hurt", 5, "", "count", None),  # a sentence end, not 2019.5
    ],
)
def test_normalised_value(text: str, value: float, unit: str, kind: str, qualifier: str | None) -> None:
    quantity = only(text)
    assert quantity.value == pytest.approx(value)
    assert (quantity.unit, quantity.kind, quantity.qualifier) == (unit, kind, qualifier)
    assert text[quantity.start : quantity.end] == quantity.text


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("183 individuals, including", "individuals"),
        ("eight Japanese prefectures", "prefectures"),
        ("136 Korean laborers", "laborers"),
        ("27 member states", "states"),
        ("100 people, officials said", "people"),
        ("their second meeting", "meeting"),
    ],
)
def test_counted_noun(text: str, what: str) -> None:
    assert only(text).what == what


@pytest.mark.parametrize(
    "text",
    [
        "in 1942",
        "a restriction imposed in 2013 following",
        "the 2011 Fukushima nuclear disaster",
        "at 10:30 a.m.",
        # Tokenised copy (ECB+ 18_2ecbplus): no count of 10 shooters.
        "when the shooter walked into the office around 10 a. m. Monday",
        "sounds of gunfire around 10: 30 a. m.",
        "call 555-123-4567",
        "on Jan. 14",
        "on 3 March 2025",
        "2026-01-14",
        "COVID-19 cases",
        "playing drums to popular K-pop songs",
        "consultations on AI",
        "the Horyuji temple",
        "Boeing 737 jets",
        "in the 1990s",
        "one of Asia's most critical relationships",
        "At first, he refused",
        "the fighter improved to 52-3",
        "dropped to 45-7-2.",
        "Pukall (14-13-2, 12KOs)",
        "overcome the 3 1/2-inch height advantage",
        "24/7 news",
        "billion dollars of trade",
        "Klitschko's third this year",
        "the quake hit at 7: 48 am",  # a clock time, spaced as some corpora tokenise it
        "Last updated 13:38",
        "smaller quakes with a magnitude over 5.0",  # a count is never written with a decimal point
        "a crater measuring 2.5 across",
    ],
)
def test_not_a_quantity(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("a 5-year-old boy", [5]),
        ("Sixty-year-old Sharron Diane Crawford Smith is now accused", [60]),
        ("On Saturday, 32 - year - old Englishman Robert Buckley fell", [32]),  # tokenised copy
        ("Robert Buckley, 32, was climbing", [32]),
        ("Smith, 60, of Staunton", [60]),
        ("charged Sharron Diane Crawford Smith, age 61, with two counts", [61]),
        ("A 63-year-old woman and two men, ages 47 and 48, were shot", [63, 47, 48]),
        ("he is 70 years old", [70]),
    ],
)
def test_ages_are_ages_not_counts(text: str, ages: list[int]) -> None:
    found = find_quantities(text)
    assert [q.value for q in found if q.kind == "age"] == ages
    assert all(q.unit == "years" for q in found if q.kind == "age")
    # The age's number is not read again as a count or a duration.
    assert not [q for q in found if q.kind in ("count", "duration") and q.value in ages]


@pytest.mark.parametrize(
    "text", ["In Washington, 50 people marched", "Nov. 19, 25 people died", "Smith, 300, of"]
)
def test_not_an_age(text: str) -> None:
    assert not [q for q in find_quantities(text) if q.kind == "age"]


@pytest.mark.parametrize(
    ("text", "low", "high", "value", "unit"),
    [
        ("between 3,000 and 4,000 people", 3000, 4000, 3500, ""),
        ("3,000-4,000 people", 3000, 4000, 3500, ""),
        ("10 to 12 km", 10, 12, 11, "km"),
    ],
)
def test_range_keeps_both_ends(text: str, low: float, high: float, value: float, unit: str) -> None:
    quantity = only(text)
    assert (quantity.low, quantity.high, quantity.value, quantity.unit) == (low, high, value, unit)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("50 basis points", "half a percentage point"),
        ("2.75%", "2.75 per cent"),
        ("2.75 per cent", "2.75 percent"),
        ("10 km", "10 kilometres"),
        ("10 kilometres", "a 10-kilometre"),
        ("about 6 miles", "9.7 km"),
        ("about 6 miles", "10 km"),
        ("72-hour", "three-day"),
        ("$75 billion", "75 billion dollars"),
        ("$75 billion", "US$75bn"),
        ("3,000 people", "three thousand people"),
        ("magnitude 6.1", "a 6.1-magnitude quake"),
        ("3,000 to 4,000 people", "3,500 people"),
    ],
)
def test_same_amount(left: str, right: str) -> None:
    assert same_amount(only(left), only(right))
    assert same_amount(only(right), only(left))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("about 3,000", "some 3,600"),
        ("72-hour", "two-day"),
        ("nine", "11"),
        ("3,000 people", "3,100 people"),
        ("2.75%", "2.75 percentage points"),
        ("10 km", "10 miles"),
        ("$75 billion", "75 billion won"),
        ("12-member", "12 members"),
    ],
)
def test_not_same_amount(left: str, right: str) -> None:
    assert not same_amount(only(left), only(right))


def test_tolerances_are_ordered() -> None:
    assert 0 < DEFAULT_REL_TOL < APPROX_REL_TOL < 0.1


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (6, "miles", (9.656064, "km", "distance")),
        (10, "kilometres", (10, "km", "distance")),
        (50, "basis points", (0.5, "pp", "rate_change")),
        (3, "days", (72, "h", "duration")),
        (5, "€", (5, "EUR", "money")),
        (2.75, "per cent", (2.75, "%", "percent")),
    ],
)
def test_normalise(value: float, unit: str, expected: tuple[float, str, str]) -> None:
    normalised = normalise(value, unit)
    assert normalised[0] == pytest.approx(expected[0])
    assert normalised[1:] == expected[1:]


def test_normalise_rejects_unknown_unit() -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        normalise(1, "furlongs")


@pytest.mark.parametrize(
    ("words", "value"),
    [("nine", 9), ("eleven", 11), ("twenty-five", 25), ("one hundred and twenty", 120), ("a dozen", 12),
     ("two million", 2e6), ("half a dozen", 6), ("banana", None)],
)
def test_number_words(words: str, value: float | None) -> None:
    assert parse_number_words(words) == value


def test_parse_quantity_first_or_none() -> None:
    assert parse_quantity("no numbers here") is None
    quantity = parse_quantity("about 6 miles deep")
    assert quantity is not None and quantity.qualifier == "about"


def summary(text: str) -> list[tuple[str, float, str, str]]:
    return [(q.text, q.value, q.unit, q.kind) for q in find_quantities(text)]


def test_seed_000() -> None:
    assert summary(SEED_000) == [
        ("two", 2, "", "count"),
        ("12-member", 12, "members", "group_size"),
        ("two", 2, "", "count"),
        ("eight", 8, "", "count"),
        ("two-day", 48, "h", "duration"),
        ("approximately $75 billion", 7.5e10, "USD", "money"),
    ]
    eight = find_quantities(SEED_000)[3]
    assert eight.what == "prefectures"


def test_seed_004() -> None:
    found = find_quantities(SEED_004)
    assert [(q.text, q.value, q.kind, q.what) for q in found] == [
        ("two-day", 48, "duration", None),
        ("second", 2, "ordinal", "meeting"),
        ("just over two months", pytest.approx(1461, rel=1e-3), "duration", None),
        ("183", 183, "count", "individuals"),
        ("136", 136, "count", "laborers"),
        ("12-member", 12, "group_size", None),
        ("eight", 8, "count", "prefectures"),
    ]


@pytest.mark.parametrize(
    ("text", "km"),
    [("Buckley fell about 600m while climbing", 0.6), ("They were within 80m of their destination", 0.08)],
)
def test_metres_after_a_fall_or_reach(text: str, km: float) -> None:
    (found,) = find_quantities(text)
    assert found.kind == "distance" and found.value == pytest.approx(km)


def test_m_after_money_words_stays_million() -> None:
    (found,) = find_quantities("The firm raised 600m from investors")
    assert found.kind == "count" and found.value == 600e6


@pytest.mark.parametrize(
    ("text", "magnitudes"),
    [
        ("since 7.6 and 7.5 magnitude quakes struck", [7.6, 7.5]),
        ("after two quakes, measuring 7.6 and 7.4, struck", [7.6, 7.4]),
        ("a 6.1 quake", [6.1]),
    ],
)
def test_magnitudes_written_as_a_pair_or_after_measuring(text: str, magnitudes: list[float]) -> None:
    found = find_quantities(text)
    assert [q.value for q in found if q.kind == "magnitude"] == magnitudes
    assert not any(q.kind == "count" and q.value != int(q.value) for q in found)


def test_an_ordinal_reaches_its_noun_past_a_number_led_modifier() -> None:
    found = find_quantities("shortly after the first 7.6-magnitude quake struck")
    assert [(q.kind, q.value, q.what) for q in found if q.kind == "ordinal"] == [("ordinal", 1.0, "quake")]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("a $10-million deal", 10e6, "money"),
        ("a two-million-euro ( $2.6-million) booty", 2.6e6, "money"),
        ("( $2. 6 - million) booty", 2.6e6, "money"),  # tokenised copy
        ("a $334 million agreement", 334e6, "money"),
    ],
)
def test_a_hyphenated_scale_word_scales(text: str, value: float, kind: str) -> None:
    found = [q for q in find_quantities(text) if q.kind == kind]
    assert found and found[-1].value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Fortunately there were no casualties in the camp", "casualties"),
        ("The quake caused no immediate injuries", "injuries"),
        ("Officials said there were no deaths", "deaths"),
    ],
)
def test_a_toll_of_none_is_a_count_of_zero(text: str, what: str) -> None:
    (none,) = [quantity for quantity in find_quantities(text) if quantity.value == 0]
    assert none.kind == "count"
    assert none.what == what
    assert none.text.startswith("no ")


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("a 31-24 lead with 4 minutes 48 seconds remaining", 4.8 / 60),
        ("with 12 minutes, 31 seconds remaining", (12 + 31 / 60) / 60),
        ("the flight took 2 hours and 30 minutes", 2.5),
    ],
)
def test_a_duration_in_two_units_is_one_amount(text: str, hours: float) -> None:
    (duration,) = find_quantities(text)
    assert duration.kind == "duration"
    assert duration.value == pytest.approx(hours)


def test_two_durations_of_one_unit_stay_two() -> None:
    found = find_quantities("the alarm sounded for 10 minutes and 5 minutes later it stopped")
    assert [quantity.text for quantity in found] == ["10 minutes", "5 minutes"]
