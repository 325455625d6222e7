"""The parts of a brief built from its facts: summary, timeline, coverage and naming discrepancies."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from newsweave.brief.align import GENERIC_SLOTS
from newsweave.brief.compare import compatible
from newsweave.brief.facts import Fact
from newsweave.brief.statements import SentenceKey, sentence_reader
from newsweave.data import Article, Entity, Sentence

# At most this many summary sentences: a brief's summary is read in a glance.
SUMMARY_SENTENCES = 4
# Sentences longer than this (words) read badly as summary lines; they are used only when nothing
# shorter carries the fact.
SUMMARY_MAX_WORDS = 45
# A sentence opening with these leans on the one before it ("They agreed ..."): a poor summary line.
_DANGLING_START = re.compile(r"^(?:they|this|these|those|it|he|she|its|their|his|her|both|but|and)\b", re.I)
# Spellings of one entity closer than this (rapidfuzz ratio, 0-100) are variants of one name, not
# two names: "Wi Sung-lac" / "Wi Sung-lack" is 96; "Lee" / "Lee Jae Myung" is handled as a short form.
NAME_VARIANT_RATIO = 75


def summary(
    facts: Sequence[Fact],
    sentences: Mapping[str, Sequence[Sentence]],
    articles: Mapping[str, Article],
    article_order: Sequence[str],
) -> list[dict[str, Any]]:
    """Source sentences that state the best-corroborated facts, each with every article that backs it.

    Extractive: each item's text is a sentence of its first cited article, and every other cited
    article states every fact of that sentence. Corroborated facts come first; single-source facts only
    fill in when fewer than two sentences carry corroborated ones.
    """
    fact_of: dict[tuple[str, int], list[Fact]] = {}
    for fact in facts:
        for claim in fact.claims:
            fact_of.setdefault((claim.article_id, claim.sentence), []).append(fact)
    rank = {article_id: i for i, article_id in enumerate(article_order)}
    text_of = sentence_reader(sentences, articles)

    def score(key: SentenceKey) -> float:
        text = text_of(key)
        words = len(text.split())
        value = 0.0 + sum(len(fact.sources) for fact in fact_of[key] if fact.status == "corroborated")
        if _DANGLING_START.match(text):
            value -= 1.5
        if words > SUMMARY_MAX_WORDS:
            value -= 1.0
        return value - 0.01 * rank.get(key[0], 0) - 0.001 * key[1]

    chosen: list[SentenceKey] = []
    covered: set[int] = set()
    for wanted_status in ("corroborated", "single_source"):
        if wanted_status == "single_source" and len(chosen) >= 2:
            break
        candidates = sorted(
            (key for key, found in fact_of.items() if any(f.status == wanted_status for f in found)),
            key=lambda key: -score(key),
        )
        for key in candidates:
            if len(chosen) >= SUMMARY_SENTENCES:
                break
            new = {id(fact) for fact in fact_of[key] if fact.status == wanted_status} - covered
            if not new or not text_of(key):
                continue
            chosen.append(key)
            covered |= {id(fact) for fact in fact_of[key]}
    chosen.sort(key=lambda key: (key[1], rank.get(key[0], 0)))
    items = []
    for key in chosen:
        backers = [key[0]]
        for article_id in article_order:
            if article_id != key[0] and all(_backs(fact, key[0], article_id) for fact in fact_of[key]):
                backers.append(article_id)
        items.append({"text": text_of(key), "sources": backers})
    return items


def _backs(fact: Fact, article_id: str, other: str) -> bool:
    """Whether ``other`` states ``fact`` as the sentence of ``article_id`` does: for a dispute, with a
    value that agrees ("Assange, 47" is not backed by the report that says he is 48)."""
    if other not in fact.article_ids:
        return False
    if fact.conflict is None:
        return True
    own = [reading.value for reading in fact.conflict.readings if reading.article_id == article_id]
    theirs = [reading.value for reading in fact.conflict.readings if reading.article_id == other]
    return any(compatible(a, b) for a in own for b in theirs)


def timeline(facts: Sequence[Fact]) -> list[dict[str, Any]]:
    """Dated facts in date order: each date a fact's claims give, with the articles that give it.

    Dates that only say when something was said or published are not events of the story and are
    left out (their slots are generic; see ``brief.align.GENERIC_SLOTS``).
    """
    entries: dict[tuple[str, int], dict[str, Any]] = {}
    seen: set[tuple[str, str, int]] = set()
    for index, fact in enumerate(facts):
        for claim in fact.claims:
            for value in claim.values:
                if value.kind != "date" or value.approximate or value.slot in GENERIC_SLOTS:
                    continue
                when = _display_date(value.value, value.unit)
                if (when, claim.article_id, value.start) in seen:
                    continue  # one claim in two facts (its group's and a value's) is one entry
                seen.add((when, claim.article_id, value.start))
                entry = entries.setdefault(
                    (when, index), {"date": when, "text": claim.text, "article_ids": [], "fact": index}
                )
                if claim.article_id not in entry["article_ids"]:
                    entry["article_ids"].append(claim.article_id)
    return sorted(entries.values(), key=lambda entry: (entry["date"], entry["fact"]))


def _display_date(value: str, granularity: str | None) -> str:
    begin = value.partition("/")[0]
    if granularity == "year":
        return begin[:4]
    if granularity == "month":
        return begin[:7]
    return begin


def coverage(
    facts: Sequence[Fact], articles: Sequence[Article], outlet_of: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Per outlet: its articles, and the indexes of the facts no other outlet reports."""
    outlets: dict[str, list[str]] = {}
    for article in articles:
        outlets.setdefault(outlet_of[article.id], []).append(article.id)
    result = []
    for outlet, article_ids in outlets.items():
        adds = [
            index
            for index, fact in enumerate(facts)
            if {outlet_of[article_id] for article_id in fact.article_ids} == {outlet}
        ]
        result.append({"outlet": outlet, "article_ids": article_ids, "adds": adds})
    return result


def naming_discrepancies(
    entities: Sequence[Entity],
    articles: Mapping[str, Article],
    sentences: Mapping[str, Sequence[Sentence]],
    outlet_of: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Entities whose name the story's sources spell differently, with who used which spelling.

    A short form ("Lee" for "Lee Jae Myung") is not a different spelling; "Wi Sung-lac" and
    "Wi Sung-lack" are.
    """
    found = []
    for entity in entities:
        used = {
            alias: sorted(set(ids) & set(articles))
            for alias, ids in entity.aliases.items()
            if set(ids) & set(articles)
        }
        variants = _variant_pairs(list(used))
        if not variants:
            continue
        spellings = sorted({alias for pair in variants for alias in pair})
        claims = [
            {
                "article_id": article_id,
                "quote": _quote(articles[article_id], alias, sentences),
                "value": alias,
            }
            for alias in spellings
            for article_id in used[alias]
        ]
        who = "; ".join(
            f"“{alias}” by {', '.join(sorted({outlet_of[a] for a in used[alias]}))}" for alias in spellings
        )
        found.append(
            {
                "about": f"the spelling of {entity.name}",
                "kind": "naming",
                "entity_id": entity.id,
                "claims": claims,
                "explanation": f"One {entity.type.lower()} named two ways: {who}.",
            }
        )
    return found


# Words that tell a company's legal form, not its name: "Apple Inc." is "Apple".
_CORPORATE_SUFFIXES = frozenset(
    {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc", "ag",
     "sa", "nv", "gmbh", "group", "holdings"}
)  # fmt: skip
_NON_WORD = re.compile(r"[\W_]+")
_NAME_WORDS = re.compile(r"[\s・･]+")


def name_key(alias: str) -> str:
    """An alias as a reader would not tell it apart: accents, case, punctuation, spacing, "the",
    a corporate suffix and an "-area" tail dropped ("U.S." / "US", "SeaMicro" / "Sea Micro",
    "A.J. Butler" / "AJ Butler", "Verdane Corp" / "Verdane Corporation", "Woodburn-area" / "Woodburn")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", alias) if not unicodedata.combining(c))
    plain = re.sub(r"-area\b", "", plain.casefold())
    words = [word for word in _NON_WORD.split(plain) if word]
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _CORPORATE_SUFFIXES:
        words = words[:-1]
    return "".join(words)


def _variant_pairs(aliases: Sequence[str]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(aliases):
        for b in aliases[i + 1 :]:
            if name_key(a) == name_key(b):
                continue  # one name written two ways: an alias, shown with the entity
            # Japanese reports join a foreign name's words with "・" ("アダム・ニューマン").
            words_a = _NAME_WORDS.split(a.casefold().strip())
            words_b = _NAME_WORDS.split(b.casefold().strip())
            if _is_short_form(words_a, words_b) or _is_short_form(words_b, words_a):
                continue
            if _hyphened_with(a, b) or _hyphened_with(b, a):
                continue
            if _familiar_given_name(words_a, words_b):
                continue
            if a.casefold() != b.casefold() and fuzz.ratio(a.casefold(), b.casefold()) >= NAME_VARIANT_RATIO:
                pairs.append((a, b))
    return pairs


def _is_short_form(short: list[str], long: list[str]) -> bool:
    return len(short) < len(long) and all(word in long for word in short)


def _hyphened_with(name: str, compound: str) -> bool:
    """Whether ``compound`` joins ``name`` to another word by a hyphen ("ATI-Nvidia" for Nvidia and ATI,
    "Woodburn-area"): two names, or a name in a phrase, not another spelling of it."""
    parts = compound.casefold().split("-")
    return len(parts) > 1 and name.casefold().strip() in parts


# A given name this long or longer that begins another is its familiar form, not another name.
FAMILIAR_NAME_LETTERS = 3


def _familiar_given_name(words_a: list[str], words_b: list[str]) -> bool:
    """Whether two names differ only in a first word that one shortens ("Steve Einhorn" / "Steven
    Einhorn", "Dan" / "Daniel"): one person as friends and reporters call him. A difference in any
    other word is a spelling to flag ("Wi Sung-lac" / "Wi Sung-lack", "Duncan Rait" / "Duncan Raite")."""
    if len(words_a) != len(words_b) or len(words_a) < 2 or words_a[1:] != words_b[1:]:
        return False
    short, long = sorted((words_a[0], words_b[0]), key=len)
    return len(short) >= FAMILIAR_NAME_LETTERS and short != long and long.startswith(short)


def _quote(article: Article, alias: str, sentences: Mapping[str, Sequence[Sentence]]) -> str:
    position = article.text.find(alias)
    for span in sentences.get(article.id, ()):
        if span.start <= position < span.end:
            return article.text[span.start : span.end].strip()
    return alias
