"""Naming discrepancies: one entity that the story's sources spell differently, with who used which."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from newsweave.data import Article, Entity, Sentence

# Spellings of one entity closer than this (rapidfuzz ratio, 0-100) are variants of one name, not
# two names: "Wi Sung-lac" / "Wi Sung-lack" is 96; "Lee" / "Lee Jae Myung" is handled as a short form.
NAME_VARIANT_RATIO = 75


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
