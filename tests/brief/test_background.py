"""Claims about the past are background: their amounts are not compared with today's."""

from __future__ import annotations

from datetime import date

from newsweave.brief.background import background_test, first_report_day, story_year
from newsweave.data import Claim, ClaimValue


def _claim(text: str, *years: str, core: str = "") -> Claim:
    values = [ClaimValue("date", f"{y}-01-01/{y}-12-31", "year", y, 0, 4, "strike") for y in years]
    return Claim("a", 0, 0, len(text), text, "it", "strike", "", core=core, values=values)


def test_a_claim_dated_years_away_from_the_story_is_background() -> None:
    now = [_claim("The quake struck on Sunday in 2009", "2009"), _claim("It hit in 2009", "2009")]
    old = _claim("A 2004 tsunami killed 168,000 people", "2004")
    assert story_year([], [*now, old]) == 2009
    is_background = background_test(2009)
    assert is_background(old) and not any(is_background(claim) for claim in now)
    assert not is_background(_claim("Talks resumed on Tuesday"))
    assert is_background(_claim("The previous quake killed 20"))
    assert is_background(_claim("The catastrophe four years ago killed more than 230,000 people"))


def test_a_past_year_outside_the_claims_core_does_not_make_it_background() -> None:
    text = "About 6,500 residents joined the lawsuit, which was filed in 2021"
    joined = _claim(text, "2021", core="About 6,500 residents joined the lawsuit")
    assert not background_test(2026)(joined)


def test_totals_over_years_and_past_centuries_are_background() -> None:
    is_background = background_test(2019)
    span = _claim("There were 26 cases and 11 deaths between 2009 and 2018", "2009", "2018")
    assert is_background(span)
    assert is_background(_claim("The Black Death killed 50 million in the 14th Century"))
    assert not is_background(_claim("Three cases were diagnosed this week", "2019"))
    assert not is_background(_claim("A plague of the twenty-first century"))


def test_a_sentence_opening_on_a_month_or_on_last_month_tells_the_past() -> None:
    is_background = background_test(None)
    assert is_background(_claim("In May, thieves stole 910,000 pounds of jewellery"))
    assert is_background(_claim("And last month thieves made off with 35,000 pounds of jewellery"))
    assert not is_background(_claim("Thieves stole 2 million euros of gems on Monday"))
    assert not is_background(_claim("The ban imposed in May stays"))  # a month, not an opening
    assert not is_background(_claim("Inflation slowed to 1.8% in February, data showed last week"))
    assert is_background(_claim("Early November, the Royal Navy had captured eight pirates"))
    assert not is_background(_claim("June 5 was the day the quake struck"))
    assert is_background(_claim("This year, pirates have attacked nearly 100 vessels"))
    assert is_background(_claim("On April 20, a 6.4-magnitude earthquake jolted Maluku"))
    assert not is_background(_claim("On Tuesday, a 6.1-magnitude earthquake struck Aceh"))


def test_a_year_opening_the_sentence_or_naming_an_event_tells_the_past() -> None:
    is_background = background_test(None)
    assert is_background(
        _claim("In 2004, a huge earthquake off Aceh triggered a tsunami that killed 230,000")
    )
    assert is_background(_claim("In December 2004, a massive undersea quake triggered a giant tsunami"))
    assert is_background(_claim("Some 168,000 people were killed by the 2004 Asian tsunami"))
    assert not is_background(_claim("The quake struck Aceh in 2013, killing 24"))  # a year, not an opening
    assert not is_background(_claim("The 2013 budget cuts 300 posts"))  # a year names no past event


def test_an_undated_storys_year_comes_from_full_dates_before_bare_years() -> None:
    def dated(text: str, value: str, written: str) -> Claim:
        date = ClaimValue("date", value, "day", written, 0, len(written), "strike")
        return Claim("a", 0, 0, len(text), text, "it", "strike", "", values=[date])

    recalled = [_claim("In 2004, a tsunami killed 230,000", "2004") for _ in range(3)]
    today = dated("Last updated 3 July 2013", "2013-07-03", "3 July 2013")
    assert story_year([], [*recalled, today]) == 2013
    # No full date: the latest year named, not the background's most frequent one.
    assert story_year([], [*recalled, _claim("The town was hit in 2009", "2009")]) == 2009


def test_a_relative_clause_is_dated_by_its_antecedent() -> None:
    sentence = "A massive quake struck off Aceh in 2004, sparking a tsunami that killed 170,000 people"
    clause = _claim("that killed 170,000 people")
    assert background_test(2013, lambda claim: sentence)(clause)
    assert background_test(2013, lambda claim: sentence)(
        _claim("sparking a tsunami that killed 170,000 people")
    )
    toll = "A strong earthquake struck Aceh on Tuesday, killing at least one person"
    assert not background_test(2013, lambda claim: toll)(_claim("killing at least one person"))
    today = "The quake, which struck on Tuesday, killed 24"
    assert not background_test(2013, lambda claim: today)(_claim("which struck on Tuesday"))


def test_in_a_dated_story_a_date_a_month_before_its_first_report_is_another_event() -> None:
    def dated(text: str, value: str, written: str, slot: str = "strike") -> Claim:
        found = ClaimValue("date", value, "day", written, 0, len(written), slot)
        return Claim("a", 0, 0, len(text), text, "it", slot, "", values=[found])

    first = date(2013, 7, 2)
    is_background = background_test(2013, None, first)
    assert is_background(dated("On April 6, an earthquake struck West Papua", "2013-04-06", "April 6"))
    assert is_background(dated("A quake also hit Aceh in May 2012", "2012-05-01/2012-05-31", "May 2012"))
    assert not is_background(dated("A quake struck Aceh on Tuesday", "2013-07-02", "Tuesday"))
    assert not is_background(dated("Refunds run until June 30 next year", "2014-06-30", "June 30"))
    # When it was said, and a relative clause's date, do not date the claim.
    assert not is_background(dated("Officials said on May 3 that", "2013-05-03", "May 3", slot="say"))
    text = "About 6,500 residents joined the lawsuit, which was filed in 2021"
    assert not background_test(2026, None, date(2026, 9, 16))(dated(text, "2021-01-01/2021-12-31", "2021"))
    assert first_report_day([]) is None


def test_a_record_against_the_past_is_todays_value() -> None:
    is_background = background_test(2026)
    turnout = "Turnout was 61%, the highest for a local election in the city since 1990"
    assert not is_background(_claim(turnout))
    assert is_background(_claim("The last time turnout was this high was in 1990, since 1990"))


def test_what_a_sentence_recalls_after_memories_of_is_background() -> None:
    sentence = (
        "The tremors have re-awakened bitter memories of similar deadly quakes that hit Manokwari in 2002, "
        "as well as the Asian tsunami that killed 168,000 people in Indonesia's Aceh province in 2004"
    )
    recalled = "that killed 168,000 people in Indonesia's Aceh province in 2004"
    whole = _claim(sentence)
    is_background = background_test(None, lambda claim: sentence)
    assert is_background(_claim(recalled))
    assert not is_background(whole)  # the tremors' own news opens the sentence
    today = "a girl was killed in the earthquakes, which rekindled bitter memories of quakes in 2002"
    assert not background_test(None, lambda claim: today)(_claim(today))


def test_the_quake_named_after_a_sentence_recalling_a_past_quake_is_that_quake() -> None:
    recalled = "In April last year an 8.6-magnitude quake struck 431 kilometres off Banda Aceh"
    toll = "Five people died and seven were injured in Aceh in the quake and following aftershocks"
    claim = _claim(toll)
    assert background_test(2013, lambda c: toll, None, lambda c: recalled)(claim)
    assert not background_test(2013, lambda c: toll)(claim)  # without the sentence before: today's
    # The sentence before tells today's quake, though it names a year ("the strongest since 2004") ...
    today = "A 6.1-magnitude quake struck Aceh on Tuesday, the strongest there since 2004"
    assert not background_test(2013, lambda c: toll, None, lambda c: today)(claim)
    # ... or it recalls another kind of event; or the sentence has a date of its own.
    flood = "Floods last year killed 30 people in the province"
    assert not background_test(2013, lambda c: toll, None, lambda c: flood)(claim)
    dated = _claim("The quake on Tuesday killed 24 people", "2013")
    assert not background_test(2013, lambda c: dated.text, None, lambda c: recalled)(dated)


def test_weeks_or_months_ago_is_another_event_but_days_ago_may_be_the_news() -> None:
    is_background = background_test(2012)
    assert is_background(_claim("Less than a month ago, Intel and SeaMicro held a joint press event"))
    assert is_background(_claim("Two weeks ago the company announced layoffs"))
    assert not is_background(_claim("Two days ago the quake struck the province"))
