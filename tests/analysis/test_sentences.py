"""Sentences of articles the English pipeline does not read (issue 19)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from newsweave.analysis.sentences import split_sentences

KOREAN = [
    "이재명 대통령은 13일 나라에서 정상회담을 열었다.",
    "두 정상은 협력하기로 했다.",
    '위 실장은 "좋았다"고 말했다.',
]
JAPANESE = [
    "高市首相は13日、奈良市で首脳会談を行った。",
    "両首脳は協力で一致した。",
    "「良い会談だった」と述べた。",
]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ko", f"{KOREAN[0]} {KOREAN[1]}\n{KOREAN[2]}", KOREAN),
        ("ja", "".join(JAPANESE), JAPANESE),
        ("pt", "O Sr. Silva chegou cedo. Ele saiu.", ["O Sr. Silva chegou cedo.", "Ele saiu."]),
        ("de", "  Das ist gut.  \n\n Ja.  ", ["Das ist gut.", "Ja."]),
        ("ru", "", []),
    ],
)
def test_sentences_are_spans_of_the_text(language: str, text: str, expected: list[str]) -> None:
    spans = split_sentences(text, language)
    assert [text[s.start : s.end] for s in spans] == expected
    assert all(a.end <= b.start for a, b in pairwise(spans))


def test_an_unknown_language_code_still_gets_sentences() -> None:
    assert len(split_sentences("One here. Two there.", "zz")) == 2
