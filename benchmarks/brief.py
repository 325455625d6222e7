"""Briefs on a hand-labelled set: fact status, value discrepancies, naming, clustering, time per brief.

    .venv/bin/python benchmarks/brief.py [--json] [--errors] [--db PATH]

Data: ``tests/data/brief/articles.jsonl`` (27 invented reports of 10 stories, written for this set) and
``tests/data/brief/labels.json``. The set is ingested into a temporary store (ingest, analysis, story
assignment, as ``newsweave ingest`` does); each gold story's brief is built with
:func:`newsweave.brief.brief_for_articles` over the gold story's articles (so clustering errors do not
change the brief figures; clustering is scored separately).

Label format (``labels.json``)::

    {"version": 1,
     "stories": [{
        "id": "peru-earthquake", "title": "...",
        "articles": [url, ...],                       # every article of the story
        "syndicated": [[original_url, copy_url]],     # near-verbatim copies: one source, not two
        "facts": [{"about": "death toll", "status": "corroborated|single_source|disputed",
                   "quotes": {url: phrase}}],         # phrase: short, distinctive, verbatim from the
                                                      # article's sentence stating the fact; a list
                                                      # of phrases where it states it more than once
        "not_conflicts": [{"about": "...", "quotes": {url: phrase}}],
        "naming": [{"about": "...", "spellings": {url: "Name as spelled there"}}]}]}

- ``facts`` are a sample of each story's facts (the clear ones), not every fact: predictions that touch no
  labelled phrase are not scored (counted as "unlabelled").
- Disputed facts are exhaustive: every real value conflict of a story is a ``disputed`` fact, and these
  are also the gold value discrepancies. A fact stated by an original and its syndicated copy only is
  ``single_source``.
- ``not_conflicts`` are pairs that look like conflicts but are not (one value in two units; values of
  different things: the year of a rule vs the year of the disaster it followed, killed vs injured);
  reporting one as a discrepancy is a false positive, counted on its own.
- ``naming``: one entity spelled differently by different articles.

Matching rules:

- A prediction's *sources* are ``(article_id, quote)`` pairs (a fact's ``sources``, a discrepancy's
  ``claims``). It *hits* a gold item in article ``url`` when it has a source of that article whose quote
  contains the gold phrase (case-insensitive, whitespace collapsed). Hits are counted per independent
  source: an article and its syndicated copies are one source.
- A prediction *matches* a gold fact when it hits it in at least 1 source (gold ``single_source``) or 2
  independent sources (``corroborated``, ``disputed``: the point of these labels is that two sources were
  brought together). It *touches* a gold fact when it hits it at all.
- Fact status, per label: predictions that touch some gold fact of their story are scored. Predictions and
  gold facts are paired one to one, most hits first, only when they match and carry the same status:
  each pair is a true positive of that status; every unpaired gold fact is a false negative of its status.
  An unpaired scored prediction is a false positive of its status, unless every gold fact it touches is
  paired and has its status: then it is *redundant* (a second view of facts it agrees with, or another
  fact of a sentence that also states a labelled one) and not scored. Micro-average: sums over labels.
- Value discrepancies: predictions are the brief's discrepancies of kind ``value`` (or no kind), gold the
  disputed facts; pairing as above (matching needs 2 independent sources). An unpaired prediction is a
  false positive; if it hits a ``not_conflicts`` item in 2 independent sources it is also reported as a
  not-conflict flagged.
- Naming: a gold item is found when one ``naming`` discrepancy attests every spelling for at least one of
  its articles (a claim of that article whose value is the spelling, or whose quote holds it as a whole
  word).
- Clustering: a gold story is kept together when all its articles are in one stored story that holds no
  article of another gold story; split = gold stories over more than one stored story, merged = stored
  stories holding articles of more than one gold story.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "brief"
ARTICLES = DATA / "articles.jsonl"
LABELS = DATA / "labels.json"
STATUSES = ("corroborated", "single_source", "disputed")
# Independent sources a corroborated or disputed fact must be matched in: two is what makes it that status.
MULTI_SOURCE_HITS = 2

Sources = list[tuple[str, str]]
"""(article_id, quote) pairs of one prediction."""


# -- labels -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldItem:
    """A labelled fact (with a status) or not-conflict (status ``""``): a phrase per article stating it."""

    about: str
    quotes: Mapping[str, str | tuple[str, ...]]
    """Per article, the phrase stating it, or the phrases of each sentence that does."""
    status: str = ""

    def phrases(self, url: str) -> tuple[str, ...]:
        """The article's phrases stating the item (none for an article that does not)."""
        found = self.quotes.get(url, ())
        return (found,) if isinstance(found, str) else found


@dataclass(frozen=True, slots=True)
class GoldNaming:
    about: str
    spellings: dict[str, str]


@dataclass(frozen=True, slots=True)
class GoldStory:
    id: str
    title: str
    articles: list[str]
    syndicated: list[list[str]]
    facts: list[GoldItem]
    not_conflicts: list[GoldItem]
    naming: list[GoldNaming]

    def source_of(self) -> dict[str, str]:
        """Each article's independent source: the first url of its syndication group, else itself."""
        source = {url: url for url in self.articles}
        for group in self.syndicated:
            for url in group:
                source[url] = source[group[0]]
        return source

    @property
    def disputed(self) -> list[GoldItem]:
        """The gold value discrepancies."""
        return [fact for fact in self.facts if fact.status == "disputed"]


def load_labels(path: Path = LABELS) -> list[GoldStory]:
    """The gold stories of ``labels.json``, checked for consistency (``ValueError`` says what is wrong)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    stories = []
    for item in raw["stories"]:
        story = GoldStory(
            id=item["id"],
            title=item["title"],
            articles=list(item["articles"]),
            syndicated=[list(group) for group in item.get("syndicated", [])],
            facts=[GoldItem(f["about"], _phrases(f["quotes"]), f["status"]) for f in item["facts"]],
            not_conflicts=[
                GoldItem(n["about"], _phrases(n["quotes"])) for n in item.get("not_conflicts", [])
            ],
            naming=[GoldNaming(n["about"], dict(n["spellings"])) for n in item.get("naming", [])],
        )
        _check(story)
        stories.append(story)
    urls = [url for story in stories for url in story.articles]
    if len(urls) != len(set(urls)):
        raise ValueError("an article is in two gold stories")
    return stories


def _phrases(quotes: dict[str, str | list[str]]) -> dict[str, tuple[str, ...]]:
    """A label's quotes, each article's as a tuple of phrases (one phrase may stand alone)."""
    return {url: (phrase,) if isinstance(phrase, str) else tuple(phrase) for url, phrase in quotes.items()}


def _check(story: GoldStory) -> None:
    source = story.source_of()
    for group in story.syndicated:
        if not set(group) <= set(story.articles):
            raise ValueError(f"{story.id}: syndicated urls {group} are not all articles of the story")
    for item in [*story.facts, *story.not_conflicts]:
        if not item.quotes or not set(item.quotes) <= set(story.articles):
            raise ValueError(f"{story.id}: {item.about!r} quotes an article outside the story")
        if item.status and item.status not in STATUSES:
            raise ValueError(f"{story.id}: {item.about!r} has unknown status {item.status!r}")
        independent = len({source[url] for url in item.quotes})
        if item.status != "single_source" and independent < MULTI_SOURCE_HITS:
            raise ValueError(f"{story.id}: {item.about!r} needs quotes from two independent sources")
        if item.status == "single_source" and independent != 1:
            raise ValueError(f"{story.id}: single-source {item.about!r} quotes two independent sources")
    for naming in story.naming:
        if len(set(naming.spellings.values())) < 2 or not set(naming.spellings) <= set(story.articles):
            raise ValueError(
                f"{story.id}: naming {naming.about!r} needs two spellings of the story's articles"
            )


def read_articles(path: Path = ARTICLES) -> list[dict[str, Any]]:
    """The records of ``articles.jsonl``."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- matching ---------------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text compared for containment: NFKC, typographic quotes straightened, spaces collapsed, casefolded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip().casefold()


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def fact_sources(fact: Mapping[str, Any]) -> Sources:
    """A brief fact's (article_id, quote) pairs."""
    return [(str(s["article_id"]), str(s.get("quote") or "")) for s in fact.get("sources", [])]


def claim_sources(discrepancy: Mapping[str, Any]) -> Sources:
    """A brief discrepancy's (article_id, quote) pairs."""
    return [(str(c["article_id"]), str(c.get("quote") or "")) for c in discrepancy.get("claims", [])]


def hits(sources: Sources, item: GoldItem, ids: Mapping[str, str], source_of: Mapping[str, str]) -> set[str]:
    """The independent sources (by their first url) in which ``sources`` state the gold phrase."""
    found = set()
    for url in item.quotes:
        wanted = [normalise(phrase) for phrase in item.phrases(url)]
        for article_id, quote in sources:
            if article_id == ids.get(url) and any(phrase in normalise(quote) for phrase in wanted):
                found.add(source_of[url])
    return found


def needed_hits(status: str) -> int:
    """Independent sources a prediction must hit to match a gold item of ``status``."""
    return 1 if status == "single_source" else MULTI_SOURCE_HITS


@dataclass(slots=True)
class Pairing:
    """One-to-one pairs (prediction index, gold index), and which predictions touched any gold item."""

    pairs: list[tuple[int, int]]
    touches: dict[int, set[int]]
    """Prediction index -> the gold items it hits at all (predictions that hit none are left out)."""
    best_touch: dict[int, int]
    """Gold index -> the prediction with most hits on it (any status), for the confusion table."""


def pair_up(
    predicted: Sequence[tuple[str, Sources]],
    gold: Sequence[GoldItem],
    ids: Mapping[str, str],
    source_of: Mapping[str, str],
) -> Pairing:
    """Pair predictions ``(status, sources)`` with gold items of the same status, most hits first."""
    candidates = []
    touches: dict[int, set[int]] = {}
    best: dict[int, tuple[int, int]] = {}
    for p, (status, sources) in enumerate(predicted):
        for g, item in enumerate(gold):
            n = len(hits(sources, item, ids, source_of))
            if not n:
                continue
            touches.setdefault(p, set()).add(g)
            if n > best.get(g, (0, -1))[0]:
                best[g] = (n, p)
            if n >= needed_hits(item.status) and status == item.status:
                candidates.append((-n, p, g))
    pairs, used_p, used_g = [], set(), set()
    for _, p, g in sorted(candidates):
        if p not in used_p and g not in used_g:
            pairs.append((p, g))
            used_p.add(p)
            used_g.add(g)
    return Pairing(pairs, touches, {g: p for g, (_, p) in best.items()})


_WORD_CHAR = r"[\w-]"


def spelled(discrepancy: Mapping[str, Any], spellings: Iterable[str]) -> dict[str, set[str]]:
    """Article id -> the spellings a naming discrepancy attests for it: a claim's value that is the
    spelling or holds it as whole words. Not its quote: the sentence naming "Zainabieh and Koohi" is no
    discrepancy over Koohi."""
    names = set(spellings)
    found: dict[str, set[str]] = {}
    for claim in discrepancy.get("claims", []):
        value = str(claim.get("value") or "")
        for name in names:
            pattern = rf"(?<!{_WORD_CHAR}){re.escape(name)}(?!{_WORD_CHAR})"
            if value.strip() == name or re.search(pattern, value):
                found.setdefault(str(claim["article_id"]), set()).add(name)
    return found


def naming_found(naming: GoldNaming, discrepancy: Mapping[str, Any], ids: Mapping[str, str]) -> bool:
    """Whether a naming discrepancy attests every spelling of ``naming`` for one of its articles."""
    attested = spelled(discrepancy, naming.spellings.values())
    for name in set(naming.spellings.values()):
        urls = [url for url, spelling in naming.spellings.items() if spelling == name]
        if not any(name in attested.get(ids.get(url, ""), set()) for url in urls):
            return False
    return True


def is_naming(discrepancy: Mapping[str, Any]) -> bool:
    """A naming discrepancy (one entity spelled two ways), as opposed to a value one."""
    return discrepancy.get("kind") == "naming"


# -- scoring ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}  # fmt: skip


@dataclass(slots=True)
class StoryScore:
    """One story's brief scored against its labels; ``errors`` says what went wrong, one line each."""

    story: str
    status: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in STATUSES})
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(gold status, status of the prediction touching it most, or "missing") -> count."""
    discrepancy: Counts = field(default_factory=Counts)
    not_conflicts_flagged: list[str] = field(default_factory=list)
    naming_gold: int = 0
    naming_found: int = 0
    naming_predicted: int = 0
    facts_predicted: int = 0
    facts_unlabelled: int = 0
    facts_redundant: int = 0
    errors: list[str] = field(default_factory=list)


def score_brief(story: GoldStory, brief: Mapping[str, Any], ids: Mapping[str, str]) -> StoryScore:
    """Score one brief (DESIGN.md §4 JSON) against its gold story; ``ids`` maps urls to article ids."""
    score = StoryScore(story.id)
    source_of = story.source_of()
    facts = list(brief.get("facts", []))
    score.facts_predicted = len(facts)
    predicted = [(str(fact.get("status")), fact_sources(fact)) for fact in facts]
    pairing = pair_up(predicted, story.facts, ids, source_of)
    score.facts_unlabelled = len(facts) - len(pairing.touches)
    paired_p = {p for p, _ in pairing.pairs}
    paired_g = {g for _, g in pairing.pairs}
    for p, _ in pairing.pairs:
        score.status[predicted[p][0]].tp += 1
    for p in sorted(set(pairing.touches) - paired_p):
        status = predicted[p][0]
        if pairing.touches[p] <= {g for g in paired_g if story.facts[g].status == status}:
            score.facts_redundant += 1  # another view of labelled facts it agrees with: not an error
            continue
        if status in score.status:
            score.status[status].fp += 1
        score.errors.append(f"FP {status}: {str(facts[p].get('text', ''))[:100]!r}")
    for g, item in enumerate(story.facts):
        best = pairing.best_touch.get(g)
        score.confusion[(item.status, predicted[best][0] if best is not None else "missing")] += 1
        if g not in paired_g:
            score.status[item.status].fn += 1
            got = f"closest prediction {predicted[best][0]}" if best is not None else "not found"
            score.errors.append(f"FN {item.status}: {item.about} ({got})")

    value = [d for d in brief.get("discrepancies", []) if not is_naming(d)]
    gold = story.disputed
    pairing = pair_up([("disputed", claim_sources(d)) for d in value], gold, ids, source_of)
    score.discrepancy.tp = len(pairing.pairs)
    score.discrepancy.fn = len(gold) - len(pairing.pairs)
    paired_p, paired_g = {p for p, _ in pairing.pairs}, {g for _, g in pairing.pairs}
    for p, discrepancy in enumerate(value):
        if p in paired_p:
            continue
        score.discrepancy.fp += 1
        flagged = flagged_not_conflicts(story, claim_sources(discrepancy), ids)
        score.not_conflicts_flagged += flagged
        why = f" (not a conflict: {'; '.join(flagged)})" if flagged else ""
        score.errors.append(f"FP discrepancy: {str(discrepancy.get('about', ''))[:80]!r}{why}")
    for g, item in enumerate(gold):
        if g not in paired_g:
            score.errors.append(f"FN discrepancy: {item.about}")

    naming = [d for d in brief.get("discrepancies", []) if is_naming(d)]
    score.naming_gold, score.naming_predicted = len(story.naming), len(naming)
    for name in story.naming:
        if any(naming_found(name, d, ids) for d in naming):
            score.naming_found += 1
        else:
            score.errors.append(f"FN naming: {name.about}")
    return score


def flagged_not_conflicts(story: GoldStory, sources: Sources, ids: Mapping[str, str]) -> list[str]:
    """The ``not_conflicts`` items that a discrepancy with these sources reports (hit in 2 sources)."""
    source_of = story.source_of()
    return [
        item.about
        for item in story.not_conflicts
        if len(hits(sources, item, ids, source_of)) >= MULTI_SOURCE_HITS
    ]


@dataclass(slots=True)
class Totals:
    """Scores summed over stories."""

    status: dict[str, Counts]
    micro: Counts
    discrepancy: Counts
    not_conflicts_flagged: int
    naming_gold: int
    naming_found: int
    naming_predicted: int
    confusion: Counter[tuple[str, str]]


def total(scores: Sequence[StoryScore]) -> Totals:
    """Sum story scores: per-status and micro-averaged counts, discrepancies, naming."""
    status = {s: Counts() for s in STATUSES}
    micro, discrepancy = Counts(), Counts()
    confusion: Counter[tuple[str, str]] = Counter()
    for score in scores:
        for name, counts in score.status.items():
            status[name].add(counts)
            micro.add(counts)
        discrepancy.add(score.discrepancy)
        confusion.update(score.confusion)
    return Totals(
        status=status,
        micro=micro,
        discrepancy=discrepancy,
        not_conflicts_flagged=sum(len(s.not_conflicts_flagged) for s in scores),
        naming_gold=sum(s.naming_gold for s in scores),
        naming_found=sum(s.naming_found for s in scores),
        naming_predicted=sum(s.naming_predicted for s in scores),
        confusion=confusion,
    )


# -- clustering -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Clustering:
    stories: int
    together: int
    split: int
    merged: int
    apart: list[str]
    """Gold stories not kept together."""


def score_clustering(gold: Sequence[GoldStory], story_of: Mapping[str, str]) -> Clustering:
    """How the stored stories (``story_of``: url -> stored story id) cover the gold stories."""
    gold_of = {url: story.id for story in gold for url in story.articles}
    golds_in: dict[str, set[str]] = {}
    for url, stored_id in story_of.items():
        if url in gold_of:
            golds_in.setdefault(stored_id, set()).add(gold_of[url])
    together, split, apart = 0, 0, []
    for story in gold:
        stored = {story_of.get(url, f"unassigned:{url}") for url in story.articles}
        if len(stored) > 1:
            split += 1
        if len(stored) == 1 and golds_in.get(next(iter(stored)), set()) == {story.id}:
            together += 1
        else:
            apart.append(story.id)
    merged = sum(1 for ids in golds_in.values() if len(ids) > 1)
    return Clustering(len(gold), together, split, merged, apart)


# -- running ----------------------------------------------------------------------------------------------


def ingest_set(store: Any, config: Any, path: Path = ARTICLES) -> dict[str, str]:
    """Ingest, analyse and assign the set into ``store``; returns article id by url."""
    from newsweave.analysis.stage import analyse_store
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.readers.base import ReadOptions
    from newsweave.stories.stage import assign_stories

    report = ingest_inputs([str(path)], store, ReadOptions(ingest=config.ingest, fetch=config.fetch), config)
    if report.failures:
        raise RuntimeError(f"ingest failed: {report.failures}")
    analyse_store(store, config)
    assign_stories(store, config)
    return {str(article.url): article.id for article in store.list_articles()}


def stored_story_of(store: Any) -> dict[str, str]:
    """url -> id of the stored story holding the article."""
    return {str(article.url): story.id for story in store.stories.records() for article in story.articles}


@dataclass(slots=True)
class Run:
    scores: list[StoryScore]
    totals: Totals
    clustering: Clustering
    seconds: list[float]
    articles: int


def run(store: Any, config: Any, gold: Sequence[GoldStory]) -> Run:
    """Ingest the set into ``store``, build and score every gold story's brief."""
    from newsweave.brief import brief_for_articles

    ids = ingest_set(store, config)
    scores, seconds = [], []
    for story in gold:
        started = time.perf_counter()
        brief = brief_for_articles(store, [ids[url] for url in story.articles], config=config)
        seconds.append(time.perf_counter() - started)
        scores.append(score_brief(story, brief, ids))
    return Run(scores, total(scores), score_clustering(gold, stored_story_of(store)), seconds, len(ids))


def as_json(result: Run, command: str) -> dict[str, Any]:
    """The figures as a JSON-ready dict (``--json``)."""
    t, c = result.totals, result.clustering
    return {
        "command": command,
        "articles": result.articles,
        "stories": len(result.scores),
        "status": {name: counts.as_dict() for name, counts in t.status.items()},
        "status_micro": t.micro.as_dict(),
        "confusion": {f"{gold}->{got}": n for (gold, got), n in sorted(t.confusion.items())},
        "discrepancy": t.discrepancy.as_dict(),
        "not_conflicts_flagged": t.not_conflicts_flagged,
        "naming": {"gold": t.naming_gold, "found": t.naming_found, "predicted": t.naming_predicted},
        "clustering": {
            "stories": c.stories,
            "together": c.together,
            "split": c.split,
            "merged": c.merged,
            "apart": c.apart,
        },
        "brief_seconds": {
            "mean": round(statistics.mean(result.seconds), 4),
            "max": round(max(result.seconds), 4),
        },
        "per_story": [
            {
                "story": s.story,
                "facts": s.facts_predicted,
                "unlabelled": s.facts_unlabelled,
                "redundant": s.facts_redundant,
                "status_tp": sum(c.tp for c in s.status.values()),
                "discrepancy": s.discrepancy.as_dict(),
                "seconds": round(sec, 4),
                "errors": s.errors,
            }
            for s, sec in zip(result.scores, result.seconds, strict=True)
        ],
    }


def print_report(result: Run, command: str, *, errors: bool) -> None:
    t, c = result.totals, result.clustering
    print(f"command: {command}")
    print(
        f"data: {ARTICLES.relative_to(DATA.parents[2])} ({result.articles} articles, "
        f"{len(result.scores)} stories), labels: {LABELS.relative_to(DATA.parents[2])}"
    )
    print("| fact status | precision | recall | F1 | tp | fp | fn |")
    print("|---|---|---|---|---|---|---|")
    for name, counts in [*t.status.items(), ("micro", t.micro)]:
        print(
            f"| {name} | {counts.precision:.3f} | {counts.recall:.3f} | {counts.f1:.3f} | "
            f"{counts.tp} | {counts.fp} | {counts.fn} |"
        )
    d = t.discrepancy
    print(
        f"value discrepancies: precision {d.precision:.3f} recall {d.recall:.3f} F1 {d.f1:.3f} "
        f"(tp {d.tp}, fp {d.fp}, fn {d.fn}); not-conflicts flagged: {t.not_conflicts_flagged}"
    )
    print(f"naming discrepancies: {t.naming_found}/{t.naming_gold} found, {t.naming_predicted} reported")
    confusion = ", ".join(f"{gold}->{got} {n}" for (gold, got), n in sorted(t.confusion.items()))
    print(f"gold status -> closest prediction: {confusion}")
    print(
        f"clustering: {c.together}/{c.stories} stories kept together, {c.split} split, {c.merged} merged"
        + (f" (apart: {', '.join(c.apart)})" if c.apart else "")
    )
    print(
        f"brief time per story: mean {statistics.mean(result.seconds):.3f} s, max {max(result.seconds):.3f} s"
    )
    for score, seconds in zip(result.scores, result.seconds, strict=True):
        tp = sum(counts.tp for counts in score.status.values())
        print(
            f"  {score.story}: {score.facts_predicted} facts ({score.facts_unlabelled} unlabelled, "
            f"{score.facts_redundant} redundant), "
            f"{tp} status tp, discrepancies tp {score.discrepancy.tp} fp {score.discrepancy.fp} "
            f"fn {score.discrepancy.fn}, {seconds:.3f} s"
        )
        if errors:
            for line in score.errors:
                print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true", help="list each missed or wrong item")
    parser.add_argument("--db", help="store to ingest into (default: a temporary SQLite file)")
    args = parser.parse_args()
    command = " ".join([".venv/bin/python benchmarks/brief.py", *map(shlex.quote, sys.argv[1:])])

    from newsweave.config import load_config
    from newsweave.store import open_store

    config = load_config(None)
    gold = load_labels()
    with tempfile.TemporaryDirectory() as tmp, open_store(args.db or str(Path(tmp) / "brief.db")) as store:
        result = run(store, config, gold)
    if args.json:
        print(json.dumps(as_json(result, command), indent=2))
    else:
        print_report(result, command, errors=args.errors)


if __name__ == "__main__":
    main()
