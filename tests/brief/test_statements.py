"""Facts as standalone statements: what reads as a sentence, one fact per source sentence, the view."""

from __future__ import annotations

from newsweave.brief.compare import Reading
from newsweave.brief.facts import Fact
from newsweave.brief.statements import reads_as_statement, standalone_facts
from newsweave.brief.view import limit_facts
from newsweave.data import Claim, ClaimValue

SENTENCE = (
    "Lee and Takaichi agreed to conduct DNA analysis on remains found at the Chosei mine, "
    "where a flood in 1942 claimed 183 lives."
)


def _claim(text: str, *, subject: str = "Lee", article: str = "a", sentence: int = 0) -> Claim:
    start = SENTENCE.find(text)
    return Claim(article, sentence, start, start + len(text), text, subject, "agree", "")


def _fact(*claims: Claim, status: str = "single_source") -> Fact:
    return Fact(list(claims), status, {claim.article_id for claim in claims})  # type: ignore[arg-type]


def test_clauses_that_lean_on_another_are_not_statements() -> None:
    assert reads_as_statement(_claim("Lee and Takaichi agreed to conduct DNA analysis"))
    leaning = ("to conduct DNA analysis on remains", "where a flood in 1942 claimed 183 lives", "agreed to")
    for text in leaning:
        assert not reads_as_statement(_claim(text)), text
    assert not reads_as_statement(_claim("Lee and Takaichi agreed to conduct DNA", subject=""))
    assert not reads_as_statement(_claim("Lee and Takaichi agreed to conduct the"))  # an open end


def test_clauses_of_one_sentence_one_source_states_are_one_fact() -> None:
    whole = _claim(SENTENCE)
    clauses = [_claim("to conduct DNA analysis on remains"), _claim("where a flood in 1942 claimed 183")]
    facts = standalone_facts([_fact(whole), *(_fact(clause) for clause in clauses)], lambda key: SENTENCE)
    assert [fact.text for fact in facts] == [SENTENCE.rstrip(".")]
    assert len(facts[0].claims) == 3


def test_a_fragment_alone_is_shown_as_its_sentence() -> None:
    (fact,) = standalone_facts([_fact(_claim("to conduct DNA analysis on remains"))], lambda key: SENTENCE)
    assert fact.text == SENTENCE.rstrip(".")


def test_clauses_a_corroborated_fact_shows_are_not_repeated() -> None:
    shared = _claim("Lee and Takaichi agreed to conduct DNA analysis")
    other = Claim("b", 3, 0, 30, "The leaders agreed on DNA tests", "leaders", "agree", "")
    corroborated = _fact(shared, other, status="corroborated")
    fragment = _fact(_claim("where a flood in 1942 claimed 183 lives"))
    facts = standalone_facts([corroborated, fragment], lambda key: SENTENCE)
    assert [fact.text for fact in facts] == ["Lee and Takaichi agreed to conduct DNA analysis"]
    assert facts[0].status == "corroborated"


def _shown_and_added(
    sentence: str, shown: tuple[str, str], added: tuple[str, str], subject: str, value: ClaimValue
) -> list[Fact]:
    """A sentence of report "a" whose first clause (text, predicate) a fact of "a" and "b" shows, and
    whose other clause gives ``value`` (its offsets counted in the sentence) that "a" alone states."""
    first = Claim("a", 0, 0, len(shown[0]), shown[0], subject, shown[1], "")
    start = sentence.find(added[0])
    second = Claim("a", 0, start, start + len(added[0]), added[0], subject, added[1], "", values=[value])
    other = Claim("b", 3, 0, 30, "Another report says the first clause", subject, shown[1], "")
    corroborated = _fact(first, other, status="corroborated")
    single = Fact([second], "single_source", {"a"}, [Reading(value, second)])
    return standalone_facts([corroborated, single], lambda key: sentence)


def _value(sentence: str, kind: str, number: str, unit: str, text: str, slot: str) -> ClaimValue:
    at = sentence.find(text)
    return ClaimValue(kind, number, unit, text, at, at + len(text), slot, slot)


def test_a_sentence_shown_in_part_adds_only_the_rest_with_its_subject() -> None:
    sentence = (
        "Neumann bought properties he leased back to WeWork, and had planned to charge WeWork $6 million."
    )
    value = _value(sentence, "money", "6e+06", "USD", "$6 million", "charge")
    shown, added = (
        ("Neumann bought properties he leased back to WeWork", "buy"),
        (
            "had planned to charge WeWork $6 million",
            "plan",
        ),
    )
    facts = _shown_and_added(sentence, shown, added, "Neumann", value)
    assert [fact.text for fact in facts] == [shown[0], "Neumann had planned to charge WeWork $6 million"]


def test_the_default_view_keeps_disputed_facts_and_renumbers_references() -> None:
    brief = {
        "facts": [
            {"text": "a", "status": "corroborated", "rank": 1},
            {"text": "b", "status": "disputed", "rank": 3},
            {"text": "c", "status": "single_source", "rank": 0},
            {"text": "d", "status": "single_source", "rank": 2},
        ],
        "coverage": [{"outlet": "x", "article_ids": ["a"], "adds": [2, 3]}],
        "timeline": [{"date": "2026", "fact": 3}, {"date": "2025", "fact": 2}],
        "fact_count": 4,
    }
    view = limit_facts(brief, 2)
    assert [fact["text"] for fact in view["facts"]] == ["a", "b", "c"]
    assert view["coverage"][0]["adds"] == [2]
    assert view["timeline"] == [{"date": "2025", "fact": 2}]
    assert limit_facts(brief, 3)["facts"] == brief["facts"]


def test_an_entity_is_typed_by_most_of_its_mentions() -> None:
    from collections import Counter

    from newsweave.brief.build import _entity_json
    from newsweave.data import Entity

    port = Entity("e1", "Bandar Abbas", "PERSON", aliases={"Bandar Abbas": {"a", "b"}})
    shown = _entity_json(port, {"a", "b"}, Counter({"GPE": 3, "PERSON": 1}))
    assert shown["type"] != _entity_json(port, {"a", "b"}, None)["type"]
    assert shown["type"] == _entity_json(Entity("e2", "Nara", "GPE"), {"a"}, None)["type"]


def test_a_sentence_without_a_subject_is_no_fact() -> None:
    lone = _claim("According to international media", subject="")
    assert standalone_facts([_fact(lone)], lambda key: "According to international media") == []


def test_a_fact_with_the_text_of_an_earlier_one_is_not_listed_again() -> None:
    shared = _claim("Lee and Takaichi agreed to conduct DNA analysis")
    other = Claim("b", 3, 0, 30, "Lee and Takaichi agreed to conduct DNA analysis", "Lee", "agree", "")
    again = Claim("a", 5, 0, 47, "Lee and Takaichi agreed to conduct DNA analysis", "Lee", "agree", "")
    both = _fact(shared, other, status="corroborated")
    facts = standalone_facts([both, _fact(again)], lambda key: SENTENCE)
    assert [(fact.text, fact.status) for fact in facts] == [(shared.text, "corroborated")]


def test_a_clause_several_sources_state_joins_the_fact_its_sentence_shows() -> None:
    # "Athens underground stations were shuttered" and, from the same sentences of the same two
    # reports, "the international airport deserted": one fact, shown as the sentence they share.
    text = "Athens underground stations were shuttered and the airport deserted."
    first = Claim("a", 0, 0, 42, "Athens underground stations were shuttered", "stations", "shutter", "")
    second = Claim("a", 0, 47, 67, "the airport deserted", "airport", "desert", "")
    copy_first = Claim("b", 2, 0, 42, "Athens underground stations were shut", "stations", "shut", "")
    copy_second = Claim("b", 2, 47, 67, "the airport deserted", "airport", "desert", "")
    facts = [
        _fact(first, copy_first, status="corroborated"),
        _fact(second, copy_second, status="corroborated"),
    ]
    (fact,) = standalone_facts(facts, lambda key: text)
    assert fact.text == text.rstrip(".") and len(fact.claims) == 4


def test_a_clause_fewer_sources_state_is_shown_as_the_clause_with_its_subject() -> None:
    # Five reports say the thieves set fire to the car, two of them that they escaped in another: the
    # sentence "They then set fire ... and escaped in another car" shows the first fact, so the second
    # is its own clause, led by the subject it shares, not that sentence again.
    text = "They then set fire to the vehicle and escaped in another car."
    fire = Claim("a", 0, 0, 33, "They then set fire to the vehicle", "They", "set", "fire")
    escape = Claim("a", 0, 38, 61, "escaped in another car", "They", "escape", "")
    others = [
        Claim(name, 1, 0, 30, "The thieves set fire to the car", "thieves", "set", "fire") for name in "cd"
    ]
    other_escape = Claim("b", 0, 38, 61, "escaped in another car", "They", "escape", "")
    facts = [
        _fact(fire, *others, status="corroborated"),
        _fact(escape, other_escape, status="corroborated"),
    ]
    assert [fact.text for fact in standalone_facts(facts, lambda key: text)] == [
        "They then set fire to the vehicle",
        "They escaped in another car",
    ]
    # A noun the parser took for the predicate ("fault lines encircling ...") is no clause to lead.
    lines = Claim("a", 0, 38, 61, "fault lines encircling", "They", "fault", "")
    facts = [_fact(fire, *others, status="corroborated"), _fact(lines, other_escape, status="corroborated")]
    assert standalone_facts(facts, lambda key: text)[1].text == text.rstrip(".")


def test_many_disputes_leave_room_for_fewer_other_facts() -> None:
    disputed = [{"text": f"d{n}", "status": "disputed", "rank": n} for n in range(8)]
    others = [{"text": f"o{n}", "status": "corroborated", "rank": 8 + n} for n in range(30)]
    view = limit_facts({"facts": disputed + others, "coverage": [], "timeline": []}, 15)
    assert len(view["facts"]) == 20 and all(fact in view["facts"] for fact in disputed)
    many = [{"text": f"d{n}", "status": "disputed", "rank": n} for n in range(25)]
    assert len(limit_facts({"facts": many + others}, 15)["facts"]) == 25  # every dispute, nothing else


def test_a_dispute_is_headed_by_a_claim_that_names_what_it_measures() -> None:
    from newsweave.brief.compare import Conflict, Reading
    from newsweave.data import ClaimValue

    def valued(article: str, text: str, number: str, slot_text: str) -> Claim:
        value = ClaimValue("count", number, None, number, 0, 2, "gun", slot_text)
        return Claim(article, 0, 0, len(text), text, "they", "recover", "", values=[value])

    somalis = valued("a", "The apprehended included 12 Somalis and 11 Yemenis", "12", "guns")
    guns = valued("a", "The commandos also recovered 12 AK 47 guns", "12", "guns")
    seven = valued("b", "They seized seven guns from the boats", "7", "guns")
    readings = tuple(Reading(claim.values[0], claim) for claim in (somalis, guns, seven))
    fact = Fact([somalis, guns, seven], "disputed", {"a", "b"}, list(readings))
    fact.conflict = Conflict("count", "gun", "guns", readings)
    (shown,) = standalone_facts([fact], lambda key: "")
    assert "guns" in shown.text and "Somalis" not in shown.text


def test_a_clause_opening_on_its_subject_is_a_statement_once_capitalised() -> None:
    said = Claim(
        "a", 0, 0, 60, "authorities say the suspect is near death with an illness", "authorities", "say", "x"
    )
    charged = Claim(
        "a", 0, 0, 40, "charged Smith with two counts of murder", "Staunton police", "charge", "Smith"
    )
    bare = Claim(
        "a", 0, 0, 40, "This morning, Staunton police have arrested", "Staunton police", "arrest", ""
    )
    assert reads_as_statement(said) and not reads_as_statement(charged) and not reads_as_statement(bare)
    (fact,) = standalone_facts([_fact(said)], lambda key: "")
    assert fact.text == "Authorities say the suspect is near death with an illness"


def _dispute(slot: str, *claims: Claim) -> Fact:
    from newsweave.brief.compare import Conflict, Reading

    readings = tuple(Reading(claim.values[0], claim) for claim in claims)
    fact = Fact(list(claims), "disputed", {claim.article_id for claim in claims}, list(readings))
    fact.conflict = Conflict("count", slot, slot, readings)
    return fact


def test_two_disputes_of_one_sentence_are_shown_by_different_sentences() -> None:
    from newsweave.data import ClaimValue

    def valued(article: str, sentence: int, text: str, number: str, slot: str) -> Claim:
        value = ClaimValue("count", number, None, number, 0, 2, slot, slot)
        return Claim(article, sentence, 0, len(text), text, "people", "kill", "", values=[value])

    both = "Five were killed and 250 injured"  # the shortest: each dispute's first choice
    killed_a, injured_a = valued("a", 0, both, "5", "killed"), valued("a", 0, both, "250", "injured")
    killed_b = valued("b", 0, "One person was killed when the quake struck the province", "1", "killed")
    injured_b = valued("b", 1, "At least 40 people were injured in the quake", "40", "injured")
    facts = standalone_facts(
        [_dispute("killed", killed_a, killed_b), _dispute("injured", injured_a, injured_b)], lambda key: ""
    )
    assert [fact.text for fact in facts] == [both, "At least 40 people were injured in the quake"]


def test_page_date_lines_and_facts_without_a_subject_are_not_facts() -> None:
    dated = Claim("a", 0, 0, 24, "Published April 11, 2007", "", "publish", "")
    dated_copy = Claim("b", 0, 0, 24, "Published April 11, 2007", "", "publish", "")
    updated = Claim("c", 0, 0, 34, "Last updated 15: 48 15 / 09 / 2013", "", "update", "")
    tacked = Claim("a", 1, 0, 40, "Then tacked on a field goal with one second left", "", "tack", "goal")
    tacked_copy = Claim("b", 1, 0, 30, "Then added a field goal late", "", "add", "goal")
    facts = [
        _fact(dated, dated_copy, status="corroborated"),
        _fact(updated),
        _fact(tacked, tacked_copy, status="corroborated"),
    ]
    assert standalone_facts(facts, lambda key: "") == []
    kept = Claim("a", 2, 0, 38, "The paper published the report on Monday", "paper", "publish", "report")
    assert [fact.text for fact in standalone_facts([_fact(kept)], lambda key: "")] == [kept.text]


def test_a_dispute_whose_sentences_are_all_shown_names_what_is_disputed() -> None:
    from newsweave.data import ClaimValue

    def valued(article: str, text: str, number: str, slot: str) -> Claim:
        value = ClaimValue("count", number, None, number, 0, 2, slot, slot)
        return Claim(article, 0, 0, len(text), text, "people", "kill", "", values=[value])

    a_text, b_text = (
        "Five were killed and 250 injured in the quake",
        "One was killed and 40 injured in the quake",
    )
    killed = _dispute("killed", valued("a", a_text, "5", "killed"), valued("b", b_text, "1", "killed"))
    injured = _dispute("injured", valued("a", a_text, "250", "injured"), valued("b", b_text, "40", "injured"))
    texts = [fact.text for fact in standalone_facts([killed, injured], lambda key: "")]
    assert texts[0] in (a_text, b_text) and texts[1] in (a_text, b_text) and texts[0] != texts[1]
    again = _dispute("homes", valued("a", a_text, "800", "homes"), valued("b", b_text, "135", "homes"))
    texts = [fact.text for fact in standalone_facts([killed, injured, again], lambda key: "")]
    assert texts[2] == "Sources differ on the number of homes"


def test_a_clause_sharing_the_subject_before_it_is_shown_with_that_subject() -> None:
    sentence = "The Jaguars scored twice and then tacked on a field goal for a 17-7 lead"
    clause = "then tacked on a field goal for a 17-7 lead"
    tacked = Claim("a", 0, sentence.find(clause), len(sentence), clause, "The Jaguars", "tack", "goal")
    assert not reads_as_statement(tacked)  # "then" does not open on "The"
    (fact,) = standalone_facts([_fact(tacked)], lambda key: clause)
    assert fact.text == "The Jaguars then tacked on a field goal for a 17-7 lead"


def test_a_text_inside_an_earlier_facts_text_is_that_fact() -> None:
    long = Claim(
        "a", 0, 0, 60, "HP said the deal will help its customers equip their data centers", "HP", "say", ""
    )
    inner_text = "the deal will help its customers equip their data centers"
    inner = Claim("b", 3, 0, 50, inner_text, "deal", "help", "")
    facts = standalone_facts([_fact(long), _fact(inner)], lambda key: "")
    assert [fact.text for fact in facts] == [long.text]


def test_a_sentence_that_only_restates_a_fact_of_its_report_is_that_fact() -> None:
    sentence = (
        "A United Nations assessment team was dispatched to the province after two quakes, measuring 7.6 "
        "and 7.4, struck west of Manokwari Jan. 4."
    )
    head = sentence[: sentence.find(", struck")]
    magnitudes = [
        ClaimValue("magnitude", number, "magnitude", number, sentence.find(number), sentence.find(number) + 3,
                   "magnitude", "measuring")
        for number in ("7.6", "7.4")
    ]  # fmt: skip
    shown = Claim("a", 0, 0, len(head), head, "A United Nations assessment team", "dispatch", "",
                  values=magnitudes)  # fmt: skip
    told = (
        "Panicked residents fled to higher ground shortly after the first earthquake measuring 7.6 "
        "struck on Sunday, the USGS said"
    )
    other = Claim("b", 2, 0, len(told), told, "Residents", "flee", "", values=magnitudes[:1])
    agreed = Fact([shown, other], "corroborated", {"a", "b"}, [Reading(magnitudes[0], shown)])
    rest = Claim(
        "a", 0, len(head) + 2, len(sentence) - 1, "struck west of Manokwari Jan. 4", "quakes", "strike", ""
    )
    single = Fact([shown, rest], "single_source", {"a"}, [Reading(magnitudes[1], shown)])
    facts = standalone_facts([agreed, single], lambda key: sentence if key == ("a", 0) else "")
    assert [fact.text for fact in facts] == [head]  # shown once, its rest among the quotes
    assert rest in facts[0].claims
    # A value the fact's text does not show, or of another kind, stays a fact of its own.
    jobs = ClaimValue("count", "2000", None, "2,000", 0, 5, "job", "jobs")
    union = Fact([shown, rest], "single_source", {"a"}, [Reading(jobs, shown)])
    assert len(standalone_facts([agreed, union], lambda key: sentence)) == 2


def test_a_subject_with_an_infinitive_is_no_statement() -> None:
    # "The US wants the UK to extradite Assange, 47, ...": its clause "the UK to extradite Assange" says
    # nothing happened; "This comes after police said ... but to come out" is a statement.
    infinitive = Claim(
        "a", 0, 13, 60, "the UK to extradite Assange, 47, over the leaks", "the UK", "extradite", ""
    )
    assert not reads_as_statement(infinitive)
    finite = Claim(
        "a", 0, 0, 50, "This comes after police said they had no option but to come out", "This", "come", ""
    )
    assert reads_as_statement(finite)


def test_a_passive_clause_is_lent_its_subject_and_auxiliary() -> None:
    # The dispute shows the first clause (the age); what the sentence adds is led by subject and "was".
    sentence = "The 48-year-old Australian was evicted in April and sentenced to 50 weeks in jail."
    value = _value(sentence, "duration", "50", "week", "50 weeks", "jail")
    shown = ("The 48-year-old Australian was evicted in April", "evict")
    facts = _shown_and_added(
        sentence,
        shown,
        ("sentenced to 50 weeks in jail", "sentence"),
        "The 48 - year - old Australian",
        value,
    )
    assert facts[1].text == "The 48-year-old Australian was sentenced to 50 weeks in jail"


def test_a_sentence_a_joined_fact_comes_to_show_is_not_listed_again() -> None:
    # SeaMicro: "That allowed it to develop servers that consume one quarter the power" (a) beside
    # "Current systems use one quarter the power" (b). The infinitive clause joins the fact its sentence
    # shows, which is then shown by that sentence; the sentence's single-source values are that fact.
    sentence = "That allowed it to develop servers that consume one quarter the power."
    relative = "that consume one quarter the power"
    infinitive = "it to develop servers"
    at = sentence.find(relative)
    quarter = Claim("a", 0, at, at + len(relative), relative, "servers", "consume", "power")
    develop = Claim("a", 0, 13, 13 + len(infinitive), infinitive, "it", "develop", "servers")
    others = [Claim("b", 1, 0, 41, "Current systems use one quarter the power", "systems", "use", "power")]
    value = ClaimValue("count", "0.25", "", "one quarter", at + 14, at + 25, "power", "power")
    allowed = Claim("a", 0, 0, len(sentence) - 1, sentence.rstrip("."), "That", "allow", "it", values=[value])
    facts = [
        _fact(quarter, *others, status="corroborated"),
        _fact(
            develop,
            Claim("b", 1, 46, 70, "take one sixth the space", "systems", "take", "space"),
            status="corroborated",
        ),
        Fact([allowed], "single_source", {"a"}, [Reading(value, allowed)]),
    ]
    assert [fact.text for fact in standalone_facts(facts, lambda key: sentence)] == [sentence.rstrip(".")]
