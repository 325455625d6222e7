"""Acronyms and their expansions: "ECB" for "European Central Bank", and the definitions a text gives
("the European Central Bank (ECB)"). Pure functions over strings (used by ``names`` and ``coref_rules``)."""

from __future__ import annotations

import re

# An acronym may leave out at most this many content words ("CPTPP" skips "Agreement").
ACRONYM_MAX_SKIPPED = 1
# Words an acronym may skip for free ("European Central Bank" -> ECB; "Department of Justice" -> DOJ).
ACRONYM_STOPWORDS = frozenset({"and", "for", "of", "the", "on", "in", "to", "a", "an", "&"})
_DEFINITION = re.compile(r"\(\s*((?:[A-Z][A-Z0-9&\-]{1,9}))\s*\)")


def _content_words(name: str) -> list[tuple[str, bool]]:
    """(initial, is_stopword) per word; hyphens split words ("Trans-Pacific" gives T and P)."""
    words = re.split(r"[\s\-/–]+", name.strip())
    return [(w[0].upper(), w.casefold() in ACRONYM_STOPWORDS) for w in words if w and w[0].isalnum()]


def acronym_of(name: str) -> str:
    """Initials of the content words: "European Central Bank" -> "ECB" (and, for, of, the... skipped)."""
    return "".join(initial for initial, stop in _content_words(name) if not stop)


# The fewest letters an acronym that leaves out a content word may have ("CPTPP": yes; "AP": no).
MIN_LETTERS_TO_SKIP = 3


def is_acronym_of(acronym: str, name: str) -> bool:
    """Whether ``acronym`` abbreviates ``name``: its letters are the words' initials in order, where
    stopwords may be skipped or used ("DOJ") and up to :data:`ACRONYM_MAX_SKIPPED` content words skipped
    ("CPTPP" for "Comprehensive and Progressive Agreement for Trans-Pacific Partnership")."""
    letters = acronym.replace(".", "").upper()
    words = _content_words(name)
    if len(letters) < 2 or len(words) < 2:
        return False

    def match(i: int, j: int, skips: int) -> bool:
        if j == len(words):
            return i == len(letters)
        initial, stop = words[j]
        if i < len(letters) and letters[i] == initial and match(i + 1, j + 1, skips):
            return True
        if stop:
            return match(i, j + 1, skips)
        # Never skip the first content word: the acronym starts where the name does.
        return skips > 0 and i > 0 and match(i, j + 1, skips - 1)

    # Two letters that skip a word abbreviate too much: "AP" is not "Agence France-Presse".
    return match(0, 0, ACRONYM_MAX_SKIPPED if len(letters) >= MIN_LETTERS_TO_SKIP else 0)


def acronym_definitions(text: str) -> dict[str, str]:
    """Acronyms defined in text: "the European Central Bank (ECB)" -> {"ECB": "European Central Bank"}.

    The expansion is the shortest run of words before the parenthesis that starts with a capital letter
    and abbreviates to the acronym (see :func:`is_acronym_of`).
    """
    found: dict[str, str] = {}
    for definition in _DEFINITION.finditer(text):
        acronym = definition.group(1).replace("-", "")
        before = text[: definition.start()].split()[-(2 * len(acronym) + 2) :]
        for start in range(len(before) - 1, -1, -1):
            phrase = " ".join(before[start:]).strip(" ,;:\"'“”")
            if phrase[:1].isupper() and is_acronym_of(acronym, phrase):
                found.setdefault(acronym, phrase)
                break
    return found
