"""Helpers of the entity resolver: which labels resolve, blocking keys, surface forms, a person's country.

Pure functions, no model and no gazetteer: the resolver (:mod:`newsweave.analysis.entities`) calls them
for every mention, so each is cheap.
"""

from __future__ import annotations

import re

from newsweave.analysis.acronyms import ACRONYM_STOPWORDS, acronym_of
from newsweave.analysis.countries import country_code, country_of_demonym
from newsweave.analysis.cross_script import english_place_name
from newsweave.analysis.names import (
    TITLES,
    family_name,
    normalise_name,
    strip_title,
)
from newsweave.data import Mention

__all__ = [
    "RESOLVABLE_LABELS", "blocking_keys", "country_before", "is_acronym", "label_group", "name_tokens",
    "office_of", "surface_form",
]  # fmt: skip

# spaCy labels that name one real-world thing. NORP ("Japanese", "Democrats") names a group or a
# nationality, not an entity: it feeds a person's country instead. Numeric and time labels never resolve.
RESOLVABLE_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
)
# Labels the tagger swaps for one thing ("Korean Peninsula" LOC or GPE): compared as one group.
LABEL_GROUPS = {"LOC": "GPE"}
# Name tokens shorter than this are not blocking keys ("Wi", "Xi" would pull in every two-letter name;
# such names are still found through their full-name and family-name keys).
MIN_BLOCK_TOKEN = 3
# Prefix and suffix length of a token's fuzzy blocking keys: "Zelensky"/"Zelenskyy" share "zele",
# "Gaddafi"/"Qaddafi" share "dafi"; a variant that differs in both ends is missed (same_entity would
# mostly reject it too).
BLOCK_AFFIX = 4
# How far before a person's name a country may stand as part of the office: "South Korea's National
# Security Adviser" is 5 words; longer runs are a sentence's start, not a title.
MAX_TITLE_WORDS_BEFORE = 6
COUNTRY_PHRASE_WORDS = (3, 2, 1)  # "Democratic Republic of" ... "South Korean", "Japanese"
WINDOW_CHARS = 120
# A capitalised run before a name stops at these (a clause or sentence boundary).
_BOUNDARY = re.compile(r"[!?;:,()\[\]\n\"“”]\s")
_POSSESSIVE = re.compile(r"['’]s?$")
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9&]{1,9}|(?:[A-Z]\.){2,9})$")
_EDGE = " \t\n\"'“”‘’«»()[]{},.;:!?"
_CONNECTORS = frozenset({"of", "the", "for"})


def label_group(label: str) -> str:
    """The label a mention is compared under (LOC and GPE are one group)."""
    return LABEL_GROUPS.get(label, label)


def is_acronym(name: str) -> bool:
    """Whether ``name`` is written as an acronym ("ECB", "U.N.", "CPTPP")."""
    return bool(_ACRONYM.match(name.strip()))


def surface_form(mention: Mention) -> str:
    """The alias a mention contributes: no quotes or possessive; for persons, no office before the name."""
    text = _POSSESSIVE.sub("", mention.text.strip(_EDGE)).strip(_EDGE)
    if mention.label != "PERSON":
        return text
    if mention.title and text.startswith(mention.title) and len(text) > len(mention.title):
        text = text[len(mention.title) :].strip()
    return strip_title(text)[1]


def name_tokens(name: str, label: str) -> list[str]:
    """Comparison tokens; for persons without initials ("George W. Bush" -> ["george", "bush"])."""
    tokens = normalise_name(name, label=label).split()
    if label == "PERSON":
        return [t for t in tokens if len(t) > 1] or tokens
    return tokens


def blocking_keys(name: str, label: str) -> set[str]:
    """Index keys under which a name is stored and looked up: full key, token affixes, family, acronym.

    Keys carry the label group, except acronym keys, which also link an ORG acronym to a LAW or EVENT
    written out in full ("CPTPP"). Stores keep each entity's keys (``entity_keys``): a change here needs
    a migration that empties that table, so that the next analysis run writes them anew.
    """
    group = label_group(label)
    key = normalise_name(name, label=label)
    keys = {f"{group}|n|{key}"}
    english = english_place_name(name) if group == "GPE" else None
    if english:  # "일본" is found, and finds, where "Japan" is
        keys |= blocking_keys(english, label)
    for token in key.split():
        if len(token) >= MIN_BLOCK_TOKEN and token not in ACRONYM_STOPWORDS:
            keys.add(f"{group}|p|{token[:BLOCK_AFFIX]}")
            keys.add(f"{group}|s|{token[-BLOCK_AFFIX:]}")
    if label == "PERSON":
        family = family_name(name)
        if family:
            keys.add(f"{group}|f|{family}")
    elif is_acronym(name):
        keys.add("*|a|" + name.replace(".", "").upper())
    elif len(key.split()) > 1:
        keys.add("*|a|" + acronym_of(name))
    return keys


def _country_of_phrase(phrase: str) -> str | None:
    """ISO-3 code of "Japanese", "South Korean", "South Korea's", "Japan", else None."""
    if _POSSESSIVE.search(phrase):
        return country_code(_POSSESSIVE.sub("", phrase))
    return country_of_demonym(phrase) or country_code(phrase)


def _ends_sentence(word: str) -> bool:
    """A word ending in a full stop ends a sentence unless it is an abbreviation ("U.S.", "Gen.")."""
    if not word.endswith("."):
        return False
    core = word[:-1]
    return "." not in core and core.casefold() not in TITLES


def _title_run(text: str, start: int) -> list[str]:
    """The capitalised words (with "of"/"the") that end where the name starts, nearest last."""
    window = text[max(0, start - WINDOW_CHARS) : start]
    boundaries = [b.end() for b in _BOUNDARY.finditer(window)]
    if boundaries:
        window = window[boundaries[-1] :]
    words = window.split()
    run: list[str] = []
    for word in reversed(words):
        bare = word.strip(_EDGE.replace("'", "").replace("’", ""))
        if not bare or len(run) >= MAX_TITLE_WORDS_BEFORE or _ends_sentence(word):
            break
        if not (bare[0].isupper() or bare in _CONNECTORS):
            break
        run.append(bare)
    run.reverse()
    while run and run[0] in _CONNECTORS:
        run.pop(0)
    return run


def office_of(mention: Mention, text: str) -> str | None:
    """The head word of a person's office, lower case: "Samsung Chairman Lee" -> "chairman", else None.

    Taken from the mention's title, a title inside its text, or the capitalised words just before it.
    """
    title = mention.title or strip_title(mention.text)[0]
    words = title.split() if title else _title_run(text, mention.start)
    head = words[-1].casefold().strip(".") if words else ""
    return head if head in TITLES else None


def country_before(text: str, start: int, title: str | None = None) -> str | None:
    """A person's country from the office written before the name.

    "South Korean President Lee" -> KOR, "South Korea's National Security Adviser Wi" -> KOR,
    "Chinese President Xi" -> CHN. Only a run of capitalised words directly before the name counts (a
    title), so "talks with Chinese officials, Lee" gives nothing. The country nearest the name wins.
    """
    runs = [_title_run(text, start)]
    if title:
        runs.append(title.split())
    for words in runs:
        for end in range(len(words), 0, -1):
            for size in COUNTRY_PHRASE_WORDS:
                if size <= end:
                    iso = _country_of_phrase(" ".join(words[end - size : end]))
                    if iso is not None:
                        return iso
    return None


def opens_name_only(words: set[str], full_names: list[list[str]]) -> bool:
    """Whether normalised ``words`` match some full name's opening token and not its last ("moon" of
    ["moon", "jae", "in"]): a word that only opens a name is a weak sign of it (``analysis.entities``)."""
    return any(tokens and tokens[0] in words and tokens[-1] not in words for tokens in full_names)
