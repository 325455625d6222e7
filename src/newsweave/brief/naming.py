"""Naming discrepancies: one entity that the story's sources spell differently, with who used which."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from newsweave.analysis.countries import country_code
from newsweave.data import PLACE_TYPES, Article, Entity, Sentence

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
    "Wi Sung-lack" are. Two spellings that the very same reports use are no disagreement between
    sources: one report naming a woman and her brother ("Charlene Kafoury", "Charlie Kafoury") whom
    the resolver took for one person, or a report's own slip. A place two reports spell differently is
    often resolved as two places ("Dargahan" / "Dargehan"): such pairs are flagged too (``_place_pairs``).
    """
    found = []
    for entity in entities:
        used = _used(entity, articles)
        variants = [pair for pair in _variant_pairs(list(used)) if set(used[pair[0]]) != set(used[pair[1]])]
        if variants:
            spellings = sorted({alias for pair in variants for alias in pair})
            found.append(
                _naming(entity, {alias: used[alias] for alias in spellings}, articles, sentences, outlet_of)
            )
    for first, second in _place_pairs(entities, articles):
        used = {**_used(first, articles), **_used(second, articles)}
        found.append(_naming(first, dict(sorted(used.items())), articles, sentences, outlet_of))
    return found


def _used(entity: Entity, articles: Mapping[str, Article]) -> dict[str, list[str]]:
    """The entity's aliases that the given articles use, each with those articles' ids."""
    return {
        alias: sorted(set(ids) & set(articles))
        for alias, ids in entity.aliases.items()
        if set(ids) & set(articles)
    }


_KIND_WORDS = {"PERSON": "person", "ORG": "organisation", "NORP": "group", "EVENT": "event", "LAW": "law"}


def _naming(
    entity: Entity,
    used: Mapping[str, Sequence[str]],
    articles: Mapping[str, Article],
    sentences: Mapping[str, Sequence[Sentence]],
    outlet_of: Mapping[str, str],
) -> dict[str, Any]:
    """A naming discrepancy: each spelling with the reports that use it, quoted."""
    claims = [
        {"article_id": article_id, "quote": _quote(articles[article_id], alias, sentences), "value": alias}
        for alias, ids in used.items()
        for article_id in ids
    ]
    who = "; ".join(
        f"“{alias}” by {', '.join(sorted({outlet_of[a] for a in ids}))}" for alias, ids in used.items()
    )
    kind = "place" if entity.type in PLACE_TYPES else _KIND_WORDS.get(entity.type, "entity")
    return {
        "about": f"the spelling of {entity.name}",
        "kind": "naming",
        "entity_id": entity.id,
        "claims": claims,
        "explanation": f"One {kind} named two ways: {who}.",
    }


# Two places' names this alike (rapidfuzz ratio of their keys, 0-100), of this many letters or more and
# with one first letter, are one place spelled two ways: "Dargahan" / "Dargehan" (88), "Bireun" /
# "Bireuen" (92). Names of two places are rarely this close; "Colombia" / "Columbia" is, and countries
# are left out (their names are standard, and resolved to one code when they are one country).
PLACE_VARIANT_RATIO = 85
MIN_PLACE_LETTERS = 5


def _place_pairs(entities: Sequence[Entity], articles: Mapping[str, Article]) -> list[tuple[Entity, Entity]]:
    """Pairs of place entities (the more reported first) that are one place spelled two ways: alike names
    that no one report uses both of (a report naming both tells of two places)."""
    places = [
        (entity, reports)
        for entity in entities
        if entity.type in PLACE_TYPES
        and country_code(entity.name) is None
        and (reports := {a for ids in entity.aliases.values() for a in ids} & set(articles))
    ]
    pairs = []
    for (first, first_reports), (second, second_reports) in itertools.combinations(places, 2):
        key_a, key_b = name_key(first.name), name_key(second.name)
        if (
            first_reports.isdisjoint(second_reports)
            and key_a != key_b  # one name of two places ("Springfield", Ill. and Mass.) is no spelling
            and min(len(key_a), len(key_b)) >= MIN_PLACE_LETTERS
            and key_a[0] == key_b[0]
            and fuzz.ratio(key_a, key_b) >= PLACE_VARIANT_RATIO
        ):
            more_reported = len(first_reports) >= len(second_reports)
            pairs.append((first, second) if more_reported else (second, first))
    return pairs


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
