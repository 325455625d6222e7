"""Claims: clauses with their values, each value tagged with the slot it fills."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsweave.analysis.stage import Analyser
from newsweave.config import load_config
from newsweave.data import Article, Claim, ClaimValue

PUBLISHED = datetime(2026, 6, 23, tzinfo=UTC)


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser(load_config(None))


def _claims(analyser: Analyser, text: str) -> list[Claim]:
    (analysis,) = analyser.analyse([Article(title="t", text=text, published=PUBLISHED)])
    return analysis.claims


def _values(claims: list[Claim], kind: str) -> list[ClaimValue]:
    return [value for claim in claims for value in claim.values if value.kind == kind]


def test_two_coordinated_clauses_give_two_claims(analyser: Analyser) -> None:
    claims = _claims(analyser, "The leaders discussed the trade pact and addressed the seafood ban.")
    texts = [claim.text for claim in claims]
    assert any(text.startswith("The leaders discussed the trade pact") for text in texts)
    assert "addressed the seafood ban" in texts
    addressed = next(claim for claim in claims if claim.text == "addressed the seafood ban")
    assert addressed.subject == "The leaders"  # a coordinated verb shares its subject


def test_a_year_attaches_to_what_it_dates(analyser: Analyser) -> None:
    imposed = _values(
        _claims(
            analyser,
            "South Korea kept a ban on seafood, a restriction imposed in 2013 following the disaster.",
        ),
        "date",
    )
    disaster = _values(_claims(analyser, "A ban followed the 2011 Fukushima nuclear disaster."), "date")
    assert [(v.text, v.slot) for v in imposed] == [("2013", "impose")]
    assert [(v.text, v.slot) for v in disaster] == [("2011", "disaster")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The earthquake left nine dead, officials said.", "death"),
        ("The centre reported 11 killed and 58 injured.", "death"),
        ("Eleven people were killed in the blast.", "death"),
        ("Two firefighters were injured overnight.", "injury"),
        ("About 1,200 firefighters were deployed.", "firefighter"),
        ("Some 3,600 demonstrators marched through the centre.", "protester"),
        ("One victim died in the attack.", "death"),  # victims are dead by their verb, not their noun
        ("Two climbers killed in Mt Cook falls", "death"),  # a headline's reduced relative
        ("Garrard completed 28 of 41 passes for 329 yards.", "pass"),
        ("There are around 30 people seriously injured.", "injury:seriously"),  # a share of the injured
        ("Two firefighters were critically injured overnight.", "injury:critically"),
        ("Two villagers were slightly injured.", "injury"),
        ("Three climbers who were with him were rescued after a night on the mountain.", "climber"),
    ],
)
def test_counts_fill_the_slot_of_what_they_count(analyser: Analyser, text: str, expected: str) -> None:
    counts = _values(_claims(analyser, text), "count")
    assert counts and counts[0].slot == expected


def test_shares_and_prices_have_comparable_slots(analyser: Analyser) -> None:
    vote_a = _values(_claims(analyser, "Zielinska won the runoff with 54.2% of the vote."), "percent")
    vote_b = _values(_claims(analyser, "She will be mayor after taking 53.8 percent of the vote."), "percent")
    fee_a = _values(
        _claims(analyser, "Villa signed the striker for a club-record fee of €65 million."), "money"
    )
    fee_b = _values(
        _claims(
            analyser,
            "The German club sold the forward to the English side for €58 million, insiders said.",
        ),
        "money",
    )
    assert vote_a[0].slot == vote_b[0].slot == "vote"
    assert fee_a[0].slot == fee_b[0].slot == "price"


def test_quotes_keep_their_units_and_drop_separators(analyser: Analyser) -> None:
    (claim,) = _claims(analyser, "The policy rate now stands at 2.25%.")
    assert claim.text == "The policy rate now stands at 2.25%"


def test_a_heading_without_a_verb_gives_no_claim(analyser: Analyser) -> None:
    assert _claims(analyser, "Focus on Economic Integration and Trade Barriers") == []


def test_a_subject_in_the_line_before_is_not_the_sentences(analyser: Analyser) -> None:
    # The parser reads the date line and the headline as one sentence, "Sun" the subject of "Meet".
    claims = _claims(
        analyser, "Sun., Aug. 4, 2013 11: 29 AM PDT\nMeet your new Time Lord!\nCapaldi was named."
    )
    assert not any(claim.text.startswith("Meet") and claim.subject for claim in claims)


def test_victims_taken_to_hospital_are_not_a_death_toll(analyser: Analyser) -> None:
    counts = _values(_claims(analyser, "The three victims were taken to the hospital."), "count")
    assert counts and counts[0].slot != "death"


def test_people_are_counted_by_what_they_did(analyser: Analyser) -> None:
    marched = _values(_claims(analyser, "As many as 20,000 people took to the streets."), "count")
    ushered = _values(_claims(analyser, "Around 20 people were ushered to safety."), "count")
    assert marched and ushered and marched[0].slot != ushered[0].slot
    joined = _values(_claims(analyser, "About 6,500 residents joined the lawsuit."), "count")
    assert joined and joined[0].slot == "resident"  # a group already: not split by its verb


def test_crew_members_are_counted_by_what_befell_them(analyser: Analyser) -> None:
    lost = _values(_claims(analyser, "It is feared that three crew members lost their lives."), "count")
    held = _values(_claims(analyser, "Pirates hold more than 300 crew members to ransom."), "count")
    aboard = _values(_claims(analyser, "Sixteen crew members were aboard the ship."), "count")
    slots = {values[0].slot for values in (lost, held, aboard) if values}
    assert len(slots) == 3, slots


def test_a_count_before_a_compound_adjective_counts_the_noun_after_it(analyser: Analyser) -> None:
    text = "The cache included seven AK-47 rifles, one rocket propelled grenade launcher and grenades."
    counts = _values(_claims(analyser, text), "count")
    assert "launcher" in {value.slot for value in counts}
    assert "rocket" not in {value.slot for value in counts}


def test_one_man_shooting_a_deer_counts_men(analyser: Analyser) -> None:
    counts = _values(_claims(analyser, "Police said one man shot a deer near the road."), "count")
    assert {value.slot for value in counts} == {"man"}


def test_a_bearing_from_a_town_is_a_value_of_that_town(analyser: Analyser) -> None:
    claims = _claims(
        analyser, "The epicentre was 55 kilometers (34 miles) west of the town of Bireun, officials said."
    )
    (bearing,) = _values(claims, "bearing")
    assert bearing.value == "270"
    assert bearing.text == "55 kilometers (34 miles) west of the town of Bireun"  # the distance with it
    assert bearing.slot.endswith(":Bireun")
    assert bearing.slot_text == "Bireun"


def test_a_counted_clause_inside_a_sentence_is_a_claim_of_its_own(analyser: Analyser) -> None:
    # Another source says "Five bombs were dropped" in a sentence of its own: the count must align.
    claims = _claims(
        analyser,
        "Ryan Boyette said he talked to five aid workers in the camp, all of whom said that four bombs "
        "were dropped.",
    )
    assert "four bombs were dropped" in [claim.text for claim in claims]
    # What a reporting verb's own clause says is its core already: no second claim for it.
    claims = _claims(analyser, "Five bombs were dropped, of which four exploded, they told our reporter.")
    assert [claim.text for claim in claims if claim.text.startswith("Five bombs")] == [
        "Five bombs were dropped, of which four exploded, they told our reporter"
    ]


def test_no_casualties_is_none_killed_and_none_injured(analyser: Analyser) -> None:
    # "at least 12 killed" elsewhere is a rival of it, as "20 wounded" is.
    claims = _claims(analyser, "There appeared to be no casualties in the camp.")
    tolls = {(value.slot, value.value) for value in _values(claims, "count")}
    assert tolls == {("death", "0"), ("injury", "0")}


def test_a_compound_measures_its_last_noun(analyser: Analyser) -> None:
    run = _values(_claims(analyser, "The Jaguars led with a 2-yard touchdown run by Garrard."), "distance")
    catch = _values(_claims(analyser, "Clark collected a one-yard touchdown pass."), "distance")
    assert [v.slot for v in run] == ["run"]
    assert [v.slot for v in catch] == ["pass"]


def test_a_clause_does_not_end_on_the_subject_of_the_next(analyser: Analyser) -> None:
    # spaCy conjoins "a pass" to "the Colts 7 yard line": the clause would end "... but a pass to
    # running back", a fragment shown as a fact (ECB+ 29_3ecb).
    text = (
        "The Jags drove down to the Colts 7 yard line but a pass to running back Maurice Jones-Drew "
        "was completed and he hurt his knee on the play."
    )
    texts = [claim.text for claim in _claims(analyser, text)]
    assert "The Jags drove down to the Colts 7 yard line" in texts
    assert not any(text.endswith("running back") for text in texts)
    # A noun phrase conjoined at a clause's end stays when the sentence goes on with "and".
    texts = [
        claim.text
        for claim in _claims(
            analyser, "The leaders discussed the trade pact and the seafood ban and agreed to meet."
        )
    ]
    assert "The leaders discussed the trade pact and the seafood ban" in texts


def test_a_figure_converted_in_brackets_is_one_value(analyser: Analyser) -> None:
    # One depth written twice is one value; a second figure is not a conversion of the first.
    claims = _claims(analyser, "The quake struck at a depth of 10 kilometers (6 miles), the USGS said.")
    assert [value.text for value in _values(claims, "distance")] == ["10 kilometers"]
    claims = _claims(analyser, "Paganini studied the 1,900-mile-wide (3,100 kilometers) Europa.")
    assert len(_values(claims, "distance")) == 1
    claims = _claims(
        analyser, "The quake struck 55 kilometers west of Bireun and 72 kilometers from Reuleuet."
    )
    assert len(_values(claims, "distance")) == 2
