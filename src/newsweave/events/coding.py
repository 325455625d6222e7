"""Coding an actor's words: the country a nationality or place word names, the sector an office or an
organisation's name names (PLOVER v0.8 sector codes), and whether an organisation is international.

"South Korean" -> KOR, "Haitians" -> HTI; "President" -> GOV, "troops" -> MIL, "Samsung Electronics"
-> BUS; "United Nations" is international (no country). Word lists live in ``lexicon.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.analysis.countries import country_code, country_of_demonym
from newsweave.events import lexicon

# Words that name an organisation of any sector: the sector is in another word of its name.
GENERIC_ORGANISATION_WORDS = frozenset({"organization", "organisation", "group", "association", "party"})
# A word ending in "s" and longer than this may be a plural nationality ("Haitians"); "Laos" may not.
MIN_PLURAL_LENGTH = 4


def nationality_country(text: str) -> str | None:
    """ISO-3 of a nationality word or phrase ("Japanese", "Rwandan", "Haitians", "Iraqi Kurds").

    The places module's table first, then a few irregular words, then regular endings cut off and
    the stem looked up as a country name (see ``lexicon.NATIONALITY_SUFFIXES``).
    """
    found = country_of_demonym(text) or lexicon.EXTRA_DEMONYMS.get(" ".join(text.casefold().split()))
    if found is not None:
        return found
    words = text.split()
    if len(words) > 1:
        return next((iso for word in words if (iso := nationality_country(word)) is not None), None)
    word = text.strip(".,;:()\"'")
    if not word[:1].isupper() or not word.isalpha() or word.casefold() in lexicon.NOT_NATIONALITIES:
        return None
    singular = word[:-1] if word.endswith("s") and len(word) > MIN_PLURAL_LENGTH else word
    if singular.casefold() in lexicon.EXTRA_DEMONYMS:
        return lexicon.EXTRA_DEMONYMS[singular.casefold()]
    for suffix in lexicon.NATIONALITY_SUFFIXES:
        if not singular.endswith(suffix) or len(singular) - len(suffix) < lexicon.MIN_NATIONALITY_STEM:
            continue
        stem = singular[: len(singular) - len(suffix)]
        for ending in lexicon.NATIONALITY_STEM_ENDINGS:
            iso = country_code(stem + ending)
            if iso is not None:
                return iso
    return None


def country_of_text(text: str) -> str | None:
    """ISO-3 of a nationality or country name ("South Korean", "South Korea's", "Japan")."""
    bare = text.strip().removesuffix("'s").removesuffix("’s").strip()
    return nationality_country(bare) or country_code(bare)


def country_of_words(words: Sequence[str]) -> str | None:
    """The country named by a nationality or country in a run of words, the one nearest the end first."""
    for end in range(len(words), 0, -1):
        for size in (3, 2, 1):
            if size <= end:
                iso = country_of_text(" ".join(words[end - size : end]))
                if iso is not None:
                    return iso
    return None


def _office(word: str) -> str | None:
    """Sector of one office or sector word, singular or plural ("officials" -> GOV)."""
    found = lexicon.OFFICE_SECTORS.get(word)
    if found is None and word.endswith("s"):
        found = lexicon.OFFICE_SECTORS.get(word[:-1])
    return found


def office_sector(words: Sequence[str]) -> str | None:
    """Sector of an office or sector noun phrase's words: the last office word, unless a modifier says.

    "Prime Minister" -> GOV, "National Security Adviser" -> GOV, "former President" -> ELI,
    "opposition leader" -> OPP, "military officials" -> MIL, "police minister" -> GOV,
    "Secretary-General" -> GOV.
    """
    lowered = [part.casefold().strip(".,") for word in words for part in word.split("-")]
    offices = [(i, sector) for i, w in enumerate(lowered) if (sector := _office(w)) is not None]
    if not offices:
        return None
    last, sector = offices[-1]
    if last > 0 and (lowered[last - 1], lowered[last]) in lexicon.COMPOUND_OFFICES:
        sector = lexicon.COMPOUND_OFFICES[(lowered[last - 1], lowered[last])]
    for word in lowered[:last]:
        if word in lexicon.STATUS_MODIFIERS:
            return lexicon.STATUS_MODIFIERS[word]
    if sector == "GOV" and lowered[last].rstrip("s") in lexicon.GENERIC_OFFICES:
        for word in lowered[:last]:
            if word in lexicon.BODY_MODIFIERS:
                return lexicon.BODY_MODIFIERS[word]
    return sector


def organisation_sector(name: str) -> str | None:
    """Sector of an organisation from the words of its name ("Ministry of Foreign Affairs" -> GOV)."""
    for word in reversed(name.split()):
        key = word.casefold().strip(".,()")
        found = lexicon.ORG_SECTOR_WORDS.get(key) or lexicon.ORG_SECTOR_WORDS.get(key.removesuffix("s"))
        if found is None and key not in GENERIC_ORGANISATION_WORDS:  # "Union of Teachers": teachers
            found = _office(key)
        if found is not None:
            return found
    return None


def is_international(name: str) -> bool:
    """Whether a name is an international organisation's ("U.N. Security Council", "the EU")."""
    key = " ".join(name.casefold().split()).removeprefix("the ")
    return key in lexicon.IGO_NAMES or key.replace(".", "") in lexicon.IGO_NAMES
