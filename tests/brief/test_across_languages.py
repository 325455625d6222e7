"""Facts stated in other languages: the sentence found for a fact, the number rule, the status it gives."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from newsweave.brief.across_languages import (
    add_support,
    numbers_of_fact,
    numbers_of_text,
    supporting_sentences,
)
from newsweave.brief.facts import Fact
from newsweave.data import Article, Claim, ClaimValue, Sentence

BAN = "South Korea has banned seafood imports from eight Japanese prefectures since 2013"
KOREAN = "한국은 2013년부터 일본 8개 현의 수산물 수입을 금지하고 있다. 두 정상은 드럼을 함께 연주했다."
OTHER_YEAR = "한국은 2019년부터 일본 수산물 수입을 금지하고 있다."


def _fact(text: str, values: Sequence[ClaimValue] = ()) -> Fact:
    claim = Claim("en1", 0, 0, len(text), text, "South Korea", "ban", "imports", values=list(values))
    return Fact(claims=[claim], status="single_source", sources={"outlet-a"}, text=text)


def _encoder(similar: dict[str, str]) -> Callable[[Sequence[str]], np.ndarray]:
    """A stand-in encoder: texts starting with a listed prefix share their key's vector, every other
    text gets one of its own."""
    axes: dict[str, int] = {}

    def encode(texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            key = next((group for prefix, group in similar.items() if text.startswith(prefix)), text)
            rows[row, axes.setdefault(key, len(axes))] = 1.0
        return rows

    return encode


def _article(text: str) -> tuple[Article, list[Sentence]]:
    article = Article(title="", text=text, source="test:ko")
    spans, start = [], 0
    for part in text.split(". "):
        end = text.index(part, start) + len(part)
        spans.append(Sentence(text.index(part, start), end))
        start = end
    return article, spans


def test_numbers_are_read_from_digits_and_values() -> None:
    assert numbers_of_text("3,000명이 모였고 8개 현, 8県, 2.5%") == {"3000", "8", "2.5"}
    year = ClaimValue("date", "2013", None, "2013", 0, 4, "ban")
    count = ClaimValue("count", "8", None, "eight", 0, 5, "prefecture")
    place = ClaimValue("place", "JPN:Nara", "city", "Nara", 0, 4, "in")
    assert numbers_of_fact(_fact("seafood ban from eight prefectures", [year, count, place])) == {"2013", "8"}


def test_a_similar_sentence_with_the_facts_number_supports_it_and_corroborates() -> None:
    article, spans = _article(KOREAN)
    encode = _encoder({BAN: "ban", "한국은": "ban"})
    fact = _fact(BAN)
    supports = supporting_sentences([fact], [article], {article.id: spans}, encode, 0.5)
    assert [(s.fact, s.article_id, s.sentence) for s in supports] == [(0, article.id, 0)]
    assert supports[0].text.startswith("한국은 2013년부터")
    add_support([fact], supports, {article.id: "Yonhap"})
    assert fact.status == "corroborated" and fact.sources == {"outlet-a", "Yonhap"}
    assert fact.claims[-1].article_id == article.id and fact.claims[0].article_id == "en1"


def test_a_similar_sentence_with_other_numbers_does_not() -> None:
    article, spans = _article(OTHER_YEAR)
    encode = _encoder({BAN: "ban", "한국은": "ban"})
    facts = [_fact(BAN)]
    assert supporting_sentences(facts, [article], {article.id: spans}, encode, 0.5) == []
    assert len(supporting_sentences(facts, [article], {article.id: spans}, encode, 0.5, numbers=False)) == 1


def test_a_dissimilar_sentence_does_not_and_a_disputed_fact_stays_disputed() -> None:
    article, spans = _article(KOREAN)
    fact = _fact(BAN)
    assert supporting_sentences([fact], [article], {article.id: spans}, _encoder({}), 0.5) == []
    fact.status = "disputed"
    supports = supporting_sentences(
        [fact], [article], {article.id: spans}, _encoder({BAN: "b", "한국은": "b"}), 0.5
    )
    add_support([fact], supports, {article.id: "Yonhap"})
    assert fact.status == "disputed" and len(fact.claims) == 2
