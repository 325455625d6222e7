"""Event actor coding on the PLOVER gold standard records (PLOVER_GSR_CAMEO.txt), with a baseline.

Run: ``.venv/bin/python benchmarks/event_actors.py``

Each GSR record is one news sentence with its coded source and target actors (text, country code,
sector). Every sentence is analysed as an article (spaCy, places, events) and scored three ways:

1. **Coding given the gold actor text**: the gold actor's words are found in the sentence, the head of
   that span is coded by ``ArticleActors.actor_at``; country accuracy over every gold actor, sector
   accuracy over gold actors with one of PLOVER's 25 sectors (GSR's "***" and non-PLOVER codes such
   as "MOS" are skipped; "CIV" is read as CVL, "CVLalb" as CVL). Baseline: the first country name or
   nationality in the actor's words (``country_code``/``country_of_demonym`` over 1-3 word windows)
   and the majority sector (GOV).
2. **End to end**: the countries of the extractor's actors per sentence against the gold actors'
   countries (precision and recall over (sentence, country) pairs), and the source country of the
   first event against a single-country gold source. Baseline: every country name or nationality in
   the sentence.
3. **Categories**: the PLOVER category of the first event against the gold category (v0.8 names),
   for events named by a trigger word and for classified ones.

Gold country codes follow CAMEO where it differs from ISO-3 (JAP, ITL, VTN are mapped); international
and non-state codes (IGO, NGO, IMG, ISM) mean "no country".
"""

from __future__ import annotations

import json
import shlex
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsweave.analysis.countries import country_code, country_of_demonym
from newsweave.analysis.stage import Analyser
from newsweave.config import load_config
from newsweave.data import Article
from newsweave.events import codebook
from newsweave.events.actors import ArticleActors
from newsweave.events.extract import _ArticleEvents

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
NO_COUNTRY = frozenset({"IGO", "NGO", "IMG", "ISM"})
SECTOR_ALIASES = {"CIV": "CVL"}
MAJORITY_SECTOR = "GOV"


def gold_country(code: str | None) -> str | None:
    """The ISO-3 country of a GSR actor code (None for international and non-state actors)."""
    if not code or code in NO_COUNTRY:
        return None
    return CAMEO_TO_ISO.get(code, code)


def gold_sector(sector: str | None) -> str | None:
    """The PLOVER sector of a GSR sector code ("CVLalb" -> CVL), or None when it is not one."""
    if not sector:
        return None
    head = SECTOR_ALIASES.get(sector[:3].upper(), sector[:3].upper())
    return head if head in codebook.sectors() else None


def dictionary_country(text: str) -> str | None:
    """Baseline: the first country name or nationality among the words (windows of 3, 2, 1 words)."""
    words = text.replace("'s", "").replace("’s", "").split()
    for start in range(len(words)):
        for size in (3, 2, 1):
            phrase = " ".join(words[start : start + size]).strip(".,;:()\"'")
            if phrase:
                iso = country_of_demonym(phrase) or country_code(phrase)
                if iso is not None:
                    return iso
    return None


def dictionary_countries(text: str) -> set[str]:
    """Baseline: every country name or nationality in a sentence."""
    words = text.replace("'s", "").replace("’s", "").split()
    found = set()
    for start in range(len(words)):
        for size in (3, 2, 1):
            phrase = " ".join(words[start : start + size]).strip(".,;:()\"'")
            iso = (country_of_demonym(phrase) or country_code(phrase)) if phrase else None
            if iso is not None:
                found.add(iso)
    return found


def actors_of(record: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """(role, actor) for every gold actor of a record."""
    found = []
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, list):
            found.extend((role, actor) for actor in value)
    return found


def ratio(hits: int, total: int) -> str:
    return f"{hits / total:.3f} ({hits}/{total})" if total else "n/a"


def main() -> None:
    """Score actor coding, end-to-end actor countries and categories; print the figures."""
    print("command:", shlex.join([sys.executable, *sys.argv]))
    records = [
        r for r in json.loads(DATA.read_text(encoding="utf-8")) if r.get("text") and r["event"] != "DOCUMENT"
    ]
    config = load_config(None)
    analyser = Analyser(config)
    articles = [Article(title="", text=record["text"]) for record in records]
    start = time.perf_counter()
    analyses = analyser.analyse(articles)
    docs = list(analyser.nlp.pipe([article.text for article in articles]))
    print(f"GSR records: {len(records)}; analysed in {time.perf_counter() - start:.1f} s")

    coded = Counter[str]()
    for record, article, doc, analysis in zip(records, articles, docs, analyses, strict=True):
        actors = ArticleActors(article.text, doc, analysis)
        for _role, gold in actors_of(record):
            country, sector = gold_country(gold.get("code")), gold_sector(gold.get("sector"))
            where = article.text.find(gold["actorText"])
            span = (
                doc.char_span(where, where + len(gold["actorText"]), alignment_mode="expand")
                if where >= 0
                else None
            )
            found = actors.actor_at(span.root) if span is not None else None
            coded["actors"] += 1
            coded["found"] += span is not None
            coded["country"] += (found.actor.country if found else None) == country
            coded["baseline country"] += dictionary_country(gold["actorText"]) == country
            if sector is not None:
                coded["sectored"] += 1
                coded["sector"] += (found.actor.sector if found else None) == sector
                coded["baseline sector"] += sector == MAJORITY_SECTOR
    print("\n1. Coding given the gold actor text")
    print(f"   gold actors {coded['actors']}, text found in the sentence {coded['found']}")
    print(f"   country accuracy   newsweave {ratio(coded['country'], coded['actors'])}"
          f"   baseline {ratio(coded['baseline country'], coded['actors'])}")  # fmt: skip
    majority = ratio(coded["baseline sector"], coded["sectored"])
    print(f"   sector accuracy    newsweave {ratio(coded['sector'], coded['sectored'])}"
          f"   baseline (all {MAJORITY_SECTOR}) {majority}")  # fmt: skip

    ends = Counter[str]()
    categories = Counter[str]()
    for record, article, doc, analysis in zip(records, articles, docs, analyses, strict=True):
        gold = {c for _role, actor in actors_of(record) if (c := gold_country(actor.get("code")))}
        events = analysis.events
        predicted = {a.country for e in events for a in (e.source, e.target) if a is not None and a.country}
        baseline = dictionary_countries(article.text)
        ends["gold"] += len(gold)
        ends["predicted"] += len(predicted)
        ends["hit"] += len(gold & predicted)
        ends["baseline predicted"] += len(baseline)
        ends["baseline hit"] += len(gold & baseline)
        ends["sentences"] += 1
        ends["with event"] += bool(events)
        sources = {gold_country(a.get("code")) for role, a in actors_of(record) if role == "source"}
        if len(sources) == 1 and None not in sources and events:
            ends["source scored"] += 1
            ends["source hit"] += events[0].source.country in sources
        if events:
            gold_category = codebook.canonical(record["event"])
            candidates = _ArticleEvents(article, doc, analysis).candidates()
            triggered = any(c.trigger is not None for c in candidates if c.sentence == events[0].sentence)
            kind = "trigger" if triggered else "classifier"
            categories[kind] += 1
            categories[f"{kind} hit"] += events[0].category == gold_category
    print("\n2. End to end (extractor actors vs gold actors, countries per sentence)")
    print(f"   sentences with an event: {ratio(ends['with event'], ends['sentences'])}")
    precision, recall = ratio(ends["hit"], ends["predicted"]), ratio(ends["hit"], ends["gold"])
    print(f"   newsweave  precision {precision}  recall {recall}")
    precision = ratio(ends["baseline hit"], ends["baseline predicted"])
    recall = ratio(ends["baseline hit"], ends["gold"])
    print(f"   baseline   precision {precision}  recall {recall}  (every country word in the sentence)")
    print(f"   source country of the first event: {ratio(ends['source hit'], ends['source scored'])}")
    print("\n3. Category of the first event vs the gold category")
    print(f"   trigger words: {ratio(categories['trigger hit'], categories['trigger'])}")
    print(f"   classifier:    {ratio(categories['classifier hit'], categories['classifier'])}")


if __name__ == "__main__":
    main()
