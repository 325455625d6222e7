"""One person or place across scripts: 이재명 / 李在明 / Lee Jae Myung, 高市早苗 / 다카이치 사나에 / Sanae
Takaichi, 위성락 / 魏聖洛 / Wi Sung-lac, 일본 / 日本 / Japan.

What the entity resolver (``analysis.entities``) asks of a name in another script:

- **places** have their English name from tables (:func:`english_place_name`); a place is linked
  across scripts by that name, as an English name is linked by its spelling;
- **persons** are compared by sound (:func:`sound_keys`, over :mod:`newsweave.analysis.romanise`'s
  Latin forms). A shared sound key is never enough on its own: romanisation collides (several Korean
  names are "Lee Jae ..."), so the resolver links a person across scripts only when another name of the
  same report is, or may be, an entity named in an earlier report beside that person
  (:func:`co_reported`), the way a reader takes "위성락" for Wi Sung-lac because the report is also
  about Lee and Takaichi.

Within one report, a short form joins the full name it shortens ("이" of "이재명 대통령" in "이
대통령", "高市" of "高市早苗"), and a katakana reading in brackets joins the name it reads
("李在明（イ・ジェミョン）").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from newsweave.analysis.cjk_places import CONTINENTS, cjk_place
from newsweave.analysis.countries import country_code
from newsweave.analysis.mentions_cjk import KATAKANA_READING, japanese_readings
from newsweave.analysis.names import normalise_name
from newsweave.analysis.romanise import (
    HANGUL,
    OTHER_SCRIPT,
    is_latin,
    kana_to_latin,
    korean_name_forms,
    person_sound_keys,
    romanised_word_forms,
)
from newsweave.data import Entity

__all__ = [
    "co_reported",
    "english_place_name",
    "full_for_sound",
    "is_full_foreign_name",
    "is_other_script",
    "reads",
    "script_of",
    "shortens",
    "sound_index_keys",
    "sound_keys",
    "sound_lookup_keys",
    "sounds_alike",
    "without_kind",
]

# Sound keys shorter than this ("l" of Lee, "mn" of Myung) match too many names to look anything up by.
MIN_SOUND_KEY = 3
# Aliases whose sound keys are kept in memory (a few hundred bytes each).
SOUND_KEY_CACHE = 65_536
# A Korean name is three syllables, a Japanese one usually four characters or more; a name of one or
# two characters without a space is a surname or a short form ("이", "高市").
MIN_FULL_NAME_CHARS = 3
_KANA_ONLY = re.compile(r"^[\u30a0-\u30ff\u3040-\u309f・･\s]+$")
_WORD_SEPARATORS = re.compile(r"[\s・･]+")
# Name words that are no part of the sound: "Jr", "Sr", "II" (initials, one letter, go too).
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_R_BEFORE_CONSONANT = re.compile(r"r(?![aeiouy])")
_CH = re.compile(r"ch")
_FINAL_ZU = re.compile(r"zu$")
_ENGLISH_KIND = re.compile(r"\s+(?:Prefecture|Province|City|County|Metropolis)$")


def is_other_script(name: str) -> bool:
    """Whether ``name`` is written in Hangul, kana or kanji rather than Latin letters."""
    return not name.isascii() and bool(OTHER_SCRIPT.search(name))


def is_full_foreign_name(name: str) -> bool:
    """A full name, not a surname or short form: several words, or three characters or more."""
    text = name.strip()
    return len(_WORD_SEPARATORS.split(text)) > 1 or len(text) >= MIN_FULL_NAME_CHARS


def shortens(short: str, full: str) -> bool:
    """Whether ``short`` is the first or last word of ``full`` ("다카이치" of "다카이치 사나에", "뉴먼" of
    "애덤 뉴먼", "ニューマン" of "アダム・ニューマン") or, without spaces, its first one or two characters
    ("이" of "이재명", "高市" of "高市早苗")."""
    short, full = short.strip(), full.strip()
    words = _WORD_SEPARATORS.split(full)
    if short == full or (is_full_foreign_name(short) and len(words) == 1):
        return False
    return short in (words[0], words[-1]) or (len(words) == 1 and full.startswith(short))


def reads(text: str, name_end: int, reading_start: int) -> bool:
    """Whether the mention at ``reading_start`` is the bracketed reading of a name ending at ``name_end``."""
    found = KATAKANA_READING.match(text, name_end)
    return found is not None and found.start(1) == reading_start


def person_forms(alias: str) -> list[list[str]]:
    """The Latin word lists a person's alias may stand for (:mod:`newsweave.analysis.romanise`), with
    the variants transcription makes: English "-er", "-rt" lose their r in Japanese and Korean
    ("Jennifer" / "ジェニファー"), "ch" may be k ("Michael" / "마이클"), and a Japanese final "ズ" is an
    English "-s" ("James" / "ジェームズ")."""
    if is_latin(alias):
        words = [
            w for w in normalise_name(alias, label="PERSON").split() if len(w) > 1 and w not in _SUFFIXES
        ]
        return _variants(words, [(_R_BEFORE_CONSONANT, ""), (_CH, "k")])
    if HANGUL.search(alias):
        return korean_name_forms(alias)
    if _KANA_ONLY.match(alias):
        words = [kana_to_latin(word) for word in _WORD_SEPARATORS.split(alias.strip()) if word]
    else:  # kanji: the dictionary's reading of each part ("高市" "早苗" -> "takaichi" "sanae")
        words = [kana_to_latin(reading) for reading in japanese_readings(alias.strip())]
    forms = romanised_word_forms([word for word in words if word.isascii() and word])
    return [variant for form in forms for variant in _variants(form, [(_FINAL_ZU, "su")])]


def _variants(words: list[str], rewrites: list[tuple[re.Pattern[str], str]]) -> list[list[str]]:
    """``words`` as written, and with each rewrite applied to every word (one rewrite at a time)."""
    found = [words]
    for pattern, replacement in rewrites:
        rewritten = [pattern.sub(replacement, word) for word in words]
        if rewritten != words:
            found.append(rewritten)
    return found


def sound_keys(alias: str) -> frozenset[str]:
    """The sound keys of a person's alias, in any script, long enough to look up by."""
    return _sound_keys(alias)


@lru_cache(maxsize=SOUND_KEY_CACHE)
def _sound_keys(alias: str) -> frozenset[str]:
    # Cached: the resolver indexes every alias of every person it holds, again each time one changes.
    keys: set[str] = set()
    for form in person_forms(alias):
        keys |= person_sound_keys(form)
    return frozenset(key for key in keys if len(key) >= MIN_SOUND_KEY)


def sound_index_keys(alias: str, label: str) -> set[str]:
    """Index keys under which a person is found from a name in another script: "PERSON|ph|ljmn" for a
    Latin alias, "PERSON|phx|ljmn" for one in Hangul, kana or kanji (so that an English name looks up
    only the entities known in another script, not every English namesake)."""
    if label != "PERSON" or not full_for_sound(alias):
        return set()
    kind = "ph" if is_latin(alias) else "phx"
    return {f"PERSON|{kind}|{key}" for key in sound_keys(alias)}


def sound_lookup_keys(names: Iterable[str]) -> set[str]:
    """The keys a person's names look up others by: those of another script than theirs."""
    keys: set[str] = set()
    for name in names:
        found = sound_keys(name)
        keys |= {f"PERSON|phx|{key}" for key in found}
        if not is_latin(name):
            keys |= {f"PERSON|ph|{key}" for key in found}
    return keys


def without_kind(name: str) -> str:
    """An English place name without the word for its kind ("Yamaguchi Prefecture" -> "Yamaguchi"), as
    the Korean/Japanese tables give it."""
    return _ENGLISH_KIND.sub("", name)


def english_place_name(alias: str) -> str | None:
    """The English name of a place written in Korean or Japanese ("일본" -> "Japan"), if a table has it."""
    if not is_other_script(alias):
        return None
    place = cjk_place(alias)
    return place.english if place is not None else None


def script_of(name: str) -> str:
    """ "latin", "hangul" or "japanese" (kana and kanji): what a name is compared across."""
    if is_latin(name):
        return "latin"
    return "hangul" if HANGUL.search(name) else "japanese"


def sounds_alike(names: Iterable[str], entity: Entity) -> bool:
    """Whether a full name of ``names`` shares a sound key with a full alias of ``entity`` in another
    script (:func:`full_for_sound`)."""
    names = [name for name in names if full_for_sound(name)]
    keys = frozenset().union(*(sound_keys(name) for name in names))
    scripts = {script_of(name) for name in names}
    return any(
        script_of(alias) not in scripts and full_for_sound(alias) and keys & sound_keys(alias)
        for alias in entity.aliases or {entity.name: set()}
    )


def full_for_sound(name: str) -> bool:
    """A name full enough to be compared by sound: two words or more in Latin letters or kana ("Wi
    Sung-lac", "ウィ・ソンラク"), a full Korean name or kanji name ("이재명", "高市早苗"). One word in
    Latin letters or kana is a surname or a first name: "トゥールーズ" sounds like "Teresa"."""
    if is_latin(name):  # initials are no words: "George W." is one
        return len([word for word in re.split(r"[\s\-.]+", name) if len(word) > 1]) > 1
    if _KANA_ONLY.match(name):  # "イ・ジェミョン": イ is a whole surname
        return len([word for word in _WORD_SEPARATORS.split(name.strip()) if word]) > 1
    return is_full_foreign_name(name)


def co_reported(candidate: Entity, others: Iterable[Entity]) -> int:
    """How many of ``others`` (the entities the report's other names are or may be) an earlier report
    named beside ``candidate``: the second signal a link by sound needs. Countries and continents do
    not count: "United States" or "Japan" is named beside nearly everyone."""
    seen = candidate.articles()
    return sum(
        1
        for other in others
        if other.id != candidate.id and not _everywhere(other) and other.articles() & seen
    )


def _everywhere(entity: Entity) -> bool:
    """A country or continent (by any of its names)."""
    if entity.type not in ("GPE", "LOC"):
        return False
    for alias in entity.aliases or {entity.name: set()}:
        place = cjk_place(alias) if is_other_script(alias) else None
        if (place is not None and (place.country or place.english in CONTINENTS.values())) or (
            not is_other_script(alias) and (country_code(alias) or alias in CONTINENTS.values())
        ):
            return True
    return False
