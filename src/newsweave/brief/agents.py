"""Whose act a claim tells, by country: "The German frigate responded to a distress call" and "The Indian
warship ... responded to the distress call" are two ships' acts, however alike their words.

A claim's subject names its agent's country by a nationality word or a country name ("German",
"South Korean", "Japan's"). Two claims whose subjects name countries, neither of which the other claim
names anywhere, tell of different agents: no passive turn ("23 Somali pirates were arrested by the
Indian Navy" beside "The Indian Navy arrested 23 pirates") sets them apart, since each names the other's
country.
"""

from __future__ import annotations

import re

from newsweave.analysis.countries import country_code, country_of_demonym
from newsweave.data import Claim

# Capitalised words, one or two at a time ("South Korean", "Japan's").
_WORD = re.compile(r"[A-Z][\w-]*(?:'s|’s)?")
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
# A subject's own words end at its first comma: "The Indian warship, which was escorting ..." names no
# more of its agent after it.
_SUBJECT_END = re.compile(r"\s*,")


def countries_named(text: str) -> frozenset[str]:
    """ISO-3 codes of the countries a text names by a nationality word or a name."""
    words = [_POSSESSIVE.sub("", word) for word in _WORD.findall(text)]
    found = set()
    for index, word in enumerate(words):
        for phrase in (word, " ".join(words[index : index + 2])):
            code = country_of_demonym(phrase) or country_code(phrase)
            if code is not None:
                found.add(code)
    return frozenset(found)


def subject_countries(claim: Claim) -> frozenset[str]:
    """The countries a claim's subject names (its agent's), read up to the subject's first comma."""
    return countries_named(_SUBJECT_END.split(claim.subject, maxsplit=1)[0]) if claim.subject else frozenset()


def other_agents(
    first: frozenset[str], first_named: frozenset[str], second: frozenset[str], second_named: frozenset[str]
) -> bool:
    """Whether two claims tell acts of agents of different countries: their subjects name countries
    (``first``, ``second``: ``subject_countries``), and neither names the other's anywhere
    (``first_named``, ``second_named``: ``countries_named`` of each claim's text)."""
    return bool(first and second) and first.isdisjoint(second_named) and second.isdisjoint(first_named)
