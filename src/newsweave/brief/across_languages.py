"""Facts stated in other languages: a sentence of a Korean or Japanese report that says what an English
fact says is one more source of that fact, quoted as written.

No translation model runs offline, so nothing is translated: each fact's English text (its statement,
and each English source's wording of it) and each sentence of a story's reports in other languages are
embedded by the multilingual encoder the stories use (``newsweave.multilingual``, USE multilingual v3),
and a report supports a fact through its most similar sentence (to any of the fact's wordings) when
their cosine reaches ``SUPPORT_THRESHOLD`` and, when the fact carries numbers (a count, a year, a day),
the sentence gives at least one of them: similar wording around another number is another
statement. A fact that gains a source in another language is corroborated by it; a disputed one stays
disputed. The summary and the value comparison stay English-only (their quotes are sentences the
English parser read).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from newsweave.brief.facts import Fact
from newsweave.data import Article, Claim, Sentence

# The cosine a fact (its statement or a source's wording of it) and a sentence in another language must
# reach (USE multilingual v3): the lowest of the grid 0.40-0.80 whose precision on the calibration events
# of benchmarks/brief_across_languages.py reaches 0.9 (with the number rule: 0.901, recall 0.31; at 0.5,
# 0.84). A wrong "corroborated" costs the reader's trust, a missed one only leaves a fact single-source.
SUPPORT_THRESHOLD = 0.55
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

Encode = Callable[[Sequence[str]], NDArray[np.float32]]


@dataclass(frozen=True, slots=True)
class Support:
    """A sentence of a report in another language that states a fact."""

    fact: int
    """Index of the fact in the list given."""
    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    score: float


def numbers_of_text(text: str) -> set[str]:
    """The numbers written in digits in ``text`` ("3,000" and "3000" alike; "8개" and "8県" give 8)."""
    found = set()
    for match in _NUMBER.findall(text):
        plain = match.replace(",", "")
        try:
            number = float(plain)
        except ValueError:
            continue
        found.add(_canonical(number))
    return found


def numbers_of_fact(fact: Fact) -> set[str]:
    """The numbers a fact states: its values' (a date's year and day) and the digits of its text."""
    found = numbers_of_text(fact.text)
    for claim in fact.claims:
        for value in claim.values:
            if value.kind == "place":
                continue  # a name, not a number
            if value.kind == "date":  # "2013", "2026-01-13", a range "begin/end": its year and day
                parts = value.value.split("/")[0].split("-")
                found.update(_canonical(float(part)) for part in (parts[0], parts[-1]) if part.isdigit())
            else:
                try:
                    found.add(_canonical(float(value.value)))
                except ValueError:
                    continue
    return found


def _canonical(number: float) -> str:
    return str(int(number)) if number == int(number) else repr(number)


def supporting_sentences(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    encode: Encode,
    threshold: float = SUPPORT_THRESHOLD,
    *,
    numbers: bool = True,
) -> list[Support]:
    """For each fact and each article (in another language), the article's sentence that states the
    fact, if one does (see the module docstring; ``numbers=False`` drops the number rule, for
    benchmarks/brief_across_languages.py)."""
    if not facts or not articles:
        return []
    # Each fact as its statement and as each English source words it: a foreign sentence may follow
    # one source's wording more closely than the statement shown.
    wordings = [list(dict.fromkeys([fact.text or fact.claims[0].text, *(c.text for c in fact.claims)]))
                for fact in facts]  # fmt: skip
    owner = np.array([index for index, texts in enumerate(wordings) for _ in texts])
    wording_vectors = encode([text for texts in wordings for text in texts])
    wanted = [numbers_of_fact(fact) if numbers else set() for fact in facts]
    found: list[Support] = []
    for article in articles:
        spans = list(sentences.get(article.id) or [])
        if not spans:
            continue
        quoted = [article.text[span.start : span.end] for span in spans]
        by_wording = wording_vectors @ encode(quoted).T
        similarity = np.full((len(facts), len(quoted)), -1.0, dtype=np.float32)
        np.maximum.at(similarity, owner, by_wording)
        for index in range(len(facts)):
            best = int(np.argmax(similarity[index]))
            score = float(similarity[index, best])
            if score < threshold:
                continue
            if wanted[index] and not wanted[index] & numbers_of_text(quoted[best]):
                continue
            span = spans[best]
            found.append(Support(index, article.id, best, span.start, span.end, quoted[best], score))
    return found


def add_support(facts: Sequence[Fact], supports: Sequence[Support], source_of: Mapping[str, str]) -> None:
    """Give each fact its supporting sentences as claims of their articles; a single-source fact that
    now has two independent sources is corroborated."""
    for support in supports:
        fact = facts[support.fact]
        if support.article_id in fact.article_ids:
            continue
        fact.claims.append(
            Claim(
                article_id=support.article_id,
                sentence=support.sentence,
                start=support.start,
                end=support.end,
                text=support.text,
                subject="",
                predicate="",
                object="",
            )
        )
        fact.sources.add(source_of.get(support.article_id, support.article_id))
        if fact.status == "single_source" and len(fact.sources) >= 2:
            fact.status = "corroborated"
