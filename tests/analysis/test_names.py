"""Entity name matching: merge and no-merge rules, normalisers, acronyms, canonical names."""

from __future__ import annotations

import pytest

from newsweave.analysis.names import (
    acronym_definitions,
    acronym_of,
    choose_canonical,
    family_name,
    fold_accents,
    is_acronym_of,
    normalise_name,
    same_entity,
    strip_title,
)

MERGE = [
    # (a, b, label, rule)
    ("Wi Sung-lac", "Wi Sung-lack", "PERSON", "spelling_variant"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "PERSON", "spelling_variant"),
    ("Volodymyr Zelensky", "Zelenskyy", "PERSON", "surname_variant"),
    ("Zelensky", "Zelenskyy", "PERSON", "spelling_variant"),
    ("Recep Tayyip Erdoğan", "Erdogan", "PERSON", "surname"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "PERSON", "identical"),
    ("José Mujica", "Jose Mujica", "PERSON", "identical"),
    ("Lee", "Lee Jae Myung", "PERSON", "surname"),
    ("President Lee", "Lee Jae Myung", "PERSON", "surname"),
    ("President Lee Jae Myung", "Lee Jae-myung", "PERSON", "identical"),
    ("Lee Jae Myung", "Lee Jaemyung", "PERSON", "spacing"),
    ("Xi", "Xi Jinping", "PERSON", "surname"),
    ("Chinese President Xi Jinping's", "Xi Jinping", "PERSON", "identical"),
    ("Takaichi", "Sanae Takaichi", "PERSON", "surname"),
    ("Prime Minister Sanae Takaichi", "Takaichi", "PERSON", "surname"),
    ("Kim Jong-un", "Kim Jong Un", "PERSON", "identical"),
    ("George W. Bush", "George Bush", "PERSON", "initials_dropped"),
    ("Hillary Clinton", "Hillary Rodham Clinton", "PERSON", "middle_name"),
    ("Ursula von der Leyen", "von der Leyen", "PERSON", "surname"),
    ("Bashar al-Assad", "Assad", "PERSON", "surname"),
    ("Gaddafi", "Qaddafi", "PERSON", "spelling_variant"),
    ("Gaddafi", "Kadhafi", "PERSON", "spelling_variant"),
    ("Muammar Gaddafi", "Moammar Kadhafi", "PERSON", "spelling_variant"),
    ("Muammar Gaddafi", "Qaddafi", "PERSON", "surname_variant"),
    ("ECB", "European Central Bank", "ORG", "acronym"),
    ("European Central Bank", "E.C.B.", "ORG", "acronym"),
    ("CPTPP", "Comprehensive and Progressive Agreement for Trans-Pacific Partnership", "ORG", "acronym"),
    ("DOJ", "Department of Justice", "ORG", "acronym"),
    ("NASA", "National Aeronautics and Space Administration", "ORG", "acronym"),
    ("the Bank of Japan", "Bank of Japan", "ORG", "identical"),
    ("Samsung Electronics Co.", "Samsung Electronics", "ORG", "identical"),
]

NO_MERGE = [
    ("Kim Jong Un", "Kim Yo Jong", "PERSON", "different_tokens"),
    ("Kim Jong Il", "Kim Jong Un", "PERSON", "different_tokens"),
    ("Kim Jong", "Kim Jong Un", "PERSON", "different_tokens"),
    ("George Bush", "Jeb Bush", "PERSON", "different_tokens"),
    ("Lee Jae Myung", "Lee Jae-yong", "PERSON", "different_tokens"),
    ("President Lee", "President Xi", "PERSON", "different_names"),
    ("President", "President Xi", "PERSON", "different_names"),
    ("Sanae", "Sanae Takaichi", "PERSON", "surname_mismatch"),  # given name alone is not a short form
    ("Jinping", "Xi Jinping", "PERSON", "surname_mismatch"),  # family-first: the short form is "Xi"
    ("Bush", "Busch", "PERSON", "different_names"),  # too short for a spelling variant
    ("Jong", "Jang", "PERSON", "different_names"),
    ("Mohammed", "Muhammad", "PERSON", "ambiguous_single_name"),  # decided: needs more tokens
    ("Lee", "Lee Jae Myung", "ORG", "different"),  # ORG has no surname rule
    ("ECB", "European Commission", "ORG", "different"),
    ("Bank of Japan", "Bank of Korea", "ORG", "different"),
]


@pytest.mark.parametrize(("a", "b", "label", "rule"), MERGE)
def test_merges(a: str, b: str, label: str, rule: str) -> None:
    for first, second in ((a, b), (b, a)):  # the rules are symmetric
        decision = same_entity(first, second, label=label)
        assert decision.match, decision
        assert decision.rule == rule
        assert 0.0 < decision.score <= 1.0


@pytest.mark.parametrize(("a", "b", "label", "rule"), NO_MERGE)
def test_no_merges(a: str, b: str, label: str, rule: str) -> None:
    for first, second in ((a, b), (b, a)):
        decision = same_entity(first, second, label=label)
        assert not decision.match, decision
        assert decision.rule == rule


def test_labels_must_agree_except_org_acronyms() -> None:
    assert not same_entity("Jordan", "Jordan", label="PERSON", label_b="GPE").match
    assert same_entity(
        "CPTPP",
        "Comprehensive and Progressive Agreement for Trans-Pacific Partnership",
        label="PERSON",
        label_b="ORG",
    ).match
    assert same_entity("Apple", "Apple", label="PERSON", label_b="ORG").rule == "different_labels"


def test_defined_acronym_need_not_follow_initials() -> None:
    text = "Shares on the Korea Composite Stock Price Index (KOSPI) fell; the KOSPI closed lower."
    definitions = acronym_definitions(text) | {"KOSPI": "Korea Composite Stock Price Index"}
    decision = same_entity("KOSPI", "Korea Composite Stock Price Index", label="ORG", definitions=definitions)
    assert decision.match and decision.rule == "defined_acronym"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The European Central Bank (ECB) raised rates.", {"ECB": "European Central Bank"}),
        (
            "Japan leads the Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP).",
            {"CPTPP": "Comprehensive and Progressive Agreement for Trans-Pacific Partnership"},
        ),
        ("a new European Central Bank (ECB) rule", {"ECB": "European Central Bank"}),
        ("the U.S. Department of Justice (DOJ) said", {"DOJ": "Department of Justice"}),
        ("He said (OK) nothing.", {}),
        ("No acronyms here.", {}),
    ],
)
def test_acronym_definitions(text: str, expected: dict[str, str]) -> None:
    assert acronym_definitions(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("European Central Bank", "ECB"),
        # All content words: the real "CPTPP" skips "Agreement", which is_acronym_of allows.
        ("Comprehensive and Progressive Agreement for Trans-Pacific Partnership", "CPATPP"),
        ("North Atlantic Treaty Organization", "NATO"),
        ("the Bank of Japan", "BJ"),
    ],
)
def test_acronym_of(name: str, expected: str) -> None:
    assert acronym_of(name) == expected


@pytest.mark.parametrize(
    ("acronym", "name", "expected"),
    [
        ("CPTPP", "Comprehensive and Progressive Agreement for Trans-Pacific Partnership", True),
        ("BOJ", "Bank of Japan", True),
        ("BJ", "Bank of Japan", True),
        ("TPP", "Comprehensive and Progressive Agreement for Trans-Pacific Partnership", False),
        ("ECB", "Central Bank", False),
        ("EBB", "European Central Bank of Belgium", True),  # one content word may be skipped ...
        ("EB", "European Central Bank", False),  # ... but not by two letters:
        ("AP", "Agence France-Presse", False),  # the Associated Press is not AFP
        ("AFP", "Agence France-Presse", True),
        ("E", "European", False),
    ],
)
def test_is_acronym_of(acronym: str, name: str, expected: bool) -> None:
    assert is_acronym_of(acronym, name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Erdoğan", "erdogan"),
        ("José", "jose"),
        ("Łódź", "lodz"),
        ("Søren Kierkegaard", "soren kierkegaard"),
        ("Straße", "strasse"),
    ],
)
def test_fold_accents(name: str, expected: str) -> None:
    assert fold_accents(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
        ("President Erdoğan's", "erdogan"),
        ("Erdoğan’s", "erdogan"),
        ("Gen. Mark Milley", "mark milley"),
        ("Mr Wi Sung-lac", "wi sung lac"),
        ("former Prime Minister Shinzo Abe", "shinzo abe"),
        ("Dr. José  Ramos-Horta", "jose ramos horta"),
        ("President", "president"),  # a title alone stays: nothing else to call the entity
    ],
)
def test_normalise_name(name: str, expected: str) -> None:
    assert normalise_name(name) == expected


def test_normalise_org_keeps_title_words() -> None:
    assert normalise_name("General Motors", label="ORG") == "general motors"
    assert normalise_name("The Associated Press", label="ORG") == "associated press"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Prime Minister Sanae Takaichi", ("Prime Minister", "Sanae Takaichi")),
        ("former President Donald Trump", ("former President", "Donald Trump")),
        ("Secretary of State Marco Rubio", ("Secretary of State", "Marco Rubio")),
        ("Lee Jae Myung", (None, "Lee Jae Myung")),
        ("South Korean President Lee Jae Myung", ("South Korean President", "Lee Jae Myung")),
        ("Fed Chair Jerome Powell", ("Fed Chair", "Jerome Powell")),
        ("Chief Keef", ("Chief", "Keef")),  # accepted cost of the title list
        ("Kim Jong Un", (None, "Kim Jong Un")),
        ("President", (None, "President")),
    ],
)
def test_strip_title(name: str, expected: tuple[str | None, str]) -> None:
    assert strip_title(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lee Jae Myung", "lee"),
        ("Xi Jinping", "xi"),
        ("Wi Sung-lac", "wi"),
        ("Sanae Takaichi", "takaichi"),  # Japanese names in English news: given-family order
        ("Ursula von der Leyen", "von der leyen"),
        ("George W. Bush", "bush"),
        ("Erdogan", "erdogan"),
    ],
)
def test_family_name(name: str, expected: str) -> None:
    assert family_name(name) == expected


@pytest.mark.parametrize(
    ("aliases", "label", "expected"),
    [
        ({"Lee": 9, "Lee Jae Myung": 2, "Lee Jae-myung": 5, "President Lee": 4}, None, "Lee Jae-myung"),
        (
            {"Erdogan": 9, "Recep Tayyip Erdoğan": 2, "Recep Tayyip Erdogan": 2},
            "PERSON",
            "Recep Tayyip Erdoğan",  # fullest form; diacritics win the tie
        ),
        ({"Wi Sung-lac": 1, "Wi Sung-lack": 1}, "PERSON", "Wi Sung-lack"),  # tie: longer string
        ({"ECB": 10, "European Central Bank": 3}, "ORG", "European Central Bank"),
        ({"General Motors": 2, "GM": 5}, "ORG", "General Motors"),
        ({"President Xi Jinping": 3}, "PERSON", "Xi Jinping"),
        # The most used full name, not the longest alias one article gave.
        ({"Apple": 9, "Apple AirPods 2 Wireless Earphones": 1}, "ORG", "Apple"),
        ({"US": 8, "United States": 5, "UN Security Council": 1}, "GPE", "United States"),
        ({"George Bush": 4, "George W. Bush": 1, "Bush": 9}, "PERSON", "George Bush"),
    ],
)
def test_choose_canonical(aliases: dict[str, int], label: str | None, expected: str) -> None:
    assert choose_canonical(aliases, label=label) == expected


def test_choose_canonical_needs_aliases() -> None:
    with pytest.raises(ValueError, match="at least one alias"):
        choose_canonical({})


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [("US", "United States", True), ("U.S.", "United States", True), ("South Korea", "North Korea", False)],
)
def test_countries_with_one_iso_code_are_one_entity(a: str, b: str, match: bool) -> None:
    assert same_entity(a, b, label="GPE").match is match
