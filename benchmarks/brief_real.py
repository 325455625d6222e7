"""Briefs on real reporting: ECB+ stories labelled by reading their reports, scored as an analyst would.

    .venv/bin/python benchmarks/brief_real.py [--split calibration|test|all] [--errors] [--json]
                                              [--baseline REV]

Data: the ECB+ documents in ``../shared/data/ecbplus/ecbplus_docs.jsonl`` (real news, written by no one
here) and the labels in ``benchmarks/labels/brief_real_{calibration,test}.json``, made by reading each
story's 5-6 reports side by side (format: ``benchmarks/brief.py``; an article key is
``https://ecbplus.test/<doc id>``). Calibration stories come from ECB+ topics 1-35, test stories from
topics 36-45: rules and weights are set on the first and only reported on the second.

Each labelled report is ingested as one article (title: its first line; text: the whole document; its
own outlet, so every report is an independent source), analysed and assigned to stories; each story's
brief is built over its labelled reports. Figures, per split:

- value discrepancies: precision and recall against the labelled real conflicts (``disputed`` facts);
  not-conflicts flagged: discrepancies that set labelled tempting non-conflicts against each other;
- fact status: precision, recall, F1 per status (``benchmarks/brief.py``'s matching), whole brief;
- wrong corroborations: corroborated facts of the whole brief that touch a labelled fact but are not
  stated by two of their cited independent sources (or that the labels call single-source), over the
  corroborated facts that touch a labelled fact; and the same with a fact matched to a label only
  through its own text (``wrong_corroborations_by_text``: the first measure lets any quote's incidental
  phrase pick the label);
- fragments: facts whose text does not read as a sentence (spaCy parse: no verb root with a subject,
  or an opening lower-case word); repeats: facts whose text is, or is inside, an earlier fact's text
  (rapidfuzz ratio >= 90, or contained and at least 60% as long);
- key-fact coverage of the default brief: labelled facts a listed fact states (in one source at least),
  and with the labelled status; facts per default brief (mean, max, briefs over 20).

``--baseline REV`` runs the same measures on the code of git revision REV (in a temporary worktree, in
a subprocess of the same run) and prints both, so before and after come from one run on one machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import brief as bench  # benchmarks/brief.py: labels, matching, scoring

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"
LABELS = {
    "calibration": ROOT / "benchmarks" / "labels" / "brief_real_calibration.json",
    "test": ROOT / "benchmarks" / "labels" / "brief_real_test.json",
}
URL_PREFIX = "https://ecbplus.test/"
# A default brief longer than this is not read in a glance (issue 13).
LONG_BRIEF = 20
REPEAT_RATIO = 90
REPEAT_SHARE = 0.6
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def write_articles(stories: Sequence[bench.GoldStory], path: Path) -> None:
    """The labelled reports as a JSONL file newsweave ingests."""
    wanted = {url.removeprefix(URL_PREFIX) for story in stories for url in story.articles}
    with DOCS.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as out:
        for line in source:
            doc = json.loads(line)
            if doc["id"] in wanted:
                record = {
                    "url": URL_PREFIX + doc["id"],
                    "title": doc["text"].split("\n", 1)[0][:300],
                    "text": doc["text"],
                    "outlet": f"ECB+ {doc['id']}",
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                wanted.discard(doc["id"])
    if wanted:
        raise ValueError(f"labelled documents not in {DOCS}: {sorted(wanted)}")


def build(store: Any, config: Any, ids: Sequence[str], *, whole: bool) -> dict[str, Any]:
    """The brief of ``ids``: whole, or the default view (the same on code without a default view)."""
    from newsweave.brief import brief_for_articles

    try:
        return brief_for_articles(store, ids, config=config, all_facts=whole)
    except TypeError:  # a revision from before default views: its one brief is both
        return brief_for_articles(store, ids, config=config)


# -- measures beyond benchmarks/brief.py ------------------------------------------------------------------


def is_fragment(nlp: Any, text: str) -> bool:
    """True when ``text`` does not read as a sentence: a lower-case opening, or no verb with a subject."""
    stripped = text.strip().lstrip("\"'“‘(` ")
    if not stripped or not (stripped[0].isupper() or stripped[0].isdigit()):
        return True
    # Any verb with a subject will do: "Two dead as blast hits bank" has a nominal root but says something.
    return not any(
        token.pos_ in ("VERB", "AUX") and any(child.dep_ in SUBJECTS for child in token.children)
        for token in nlp(text)
    )


def repeats(texts: Sequence[str]) -> list[tuple[str, str]]:
    """(text, earlier text) for each fact that restates an earlier one."""
    from rapidfuzz import fuzz

    found = []
    seen: list[str] = []
    for text in texts:
        norm = bench.normalise(text)
        for earlier in seen:
            short, long = sorted((norm, earlier), key=len)
            contained = short in long and len(short) >= REPEAT_SHARE * len(long)
            if contained or fuzz.ratio(norm, earlier) >= REPEAT_RATIO:
                found.append((text, earlier))
                break
        seen.append(norm)
    return found


def wrong_corroborations(
    story: bench.GoldStory, brief: Mapping[str, Any], ids: Mapping[str, str]
) -> tuple[int, int, list[str]]:
    """(wrong, corroborated facts touching a labelled fact, what was wrong)."""
    source_of = story.source_of()
    wrong, touching, errors = 0, 0, []
    for fact in brief.get("facts", []):
        if fact.get("status") != "corroborated":
            continue
        sources = bench.fact_sources(fact)
        best = max(
            ((len(bench.hits(sources, item, ids, source_of)), item) for item in story.facts),
            key=lambda pair: pair[0],
            default=(0, None),
        )
        if best[1] is None or best[0] == 0:
            continue
        touching += 1
        if best[0] < bench.MULTI_SOURCE_HITS or best[1].status == "single_source":
            wrong += 1
            errors.append(f"wrong corroboration: {str(fact.get('text'))[:90]!r} (label: {best[1].about})")
    return wrong, touching, errors


def wrong_corroborations_by_text(
    story: bench.GoldStory, brief: Mapping[str, Any], ids: Mapping[str, str]
) -> tuple[int, int, list[str]]:
    """Like ``wrong_corroborations``, but a fact is matched to a label only through its own text.

    ``wrong_corroborations`` matches a fact to the label that its quotes hit most, so a fact whose text
    is "'This is a funny game,' Manning said" counts against "the Jaguars led 14-0" when one quote goes
    on to say so. Here a fact touches the labels whose phrase (for any article) its text holds; of
    them, the one its quotes state in most independent sources is the fact's label.
    """
    source_of = story.source_of()
    wrong, touching, errors = 0, 0, []
    for fact in brief.get("facts", []):
        if fact.get("status") != "corroborated":
            continue
        text = bench.normalise(str(fact.get("text") or ""))
        own = [
            item
            for item in story.facts
            if any(bench.normalise(phrase) in text for url in item.quotes for phrase in item.phrases(url))
        ]
        if not own:
            continue
        sources = bench.fact_sources(fact)
        count, item = max(((len(bench.hits(sources, i, ids, source_of)), i) for i in own), key=lambda p: p[0])
        touching += 1
        if count < bench.MULTI_SOURCE_HITS or item.status == "single_source":
            wrong += 1
            errors.append(
                f"wrong corroboration (own text): {str(fact.get('text'))[:90]!r} (label: {item.about})"
            )
    return wrong, touching, errors


def strict_discrepancies(
    story: bench.GoldStory, brief: Mapping[str, Any], ids: Mapping[str, str]
) -> tuple[int, int, int, list[str]]:
    """(true, predicted, gold) value discrepancies under the strict rule, and what was impure.

    ``benchmarks/brief.py`` pairs a discrepancy with a labelled conflict when two of its sources state
    the conflict, however many other values it mixes in; a bag of a story's every number then counts as
    found. Here a discrepancy is true only if at least half of its statements state the labelled
    conflict (quote holds the label's phrase for its article).
    """
    source_of = story.source_of()
    url_of = {article_id: url for url, article_id in ids.items()}
    value = [d for d in brief.get("discrepancies", []) if not bench.is_naming(d)]
    pairing = bench.pair_up(
        [("disputed", bench.claim_sources(d)) for d in value], story.disputed, ids, source_of
    )
    true, errors = 0, []
    for p, g in pairing.pairs:
        item = story.disputed[g]
        claims = bench.claim_sources(value[p])
        stating = sum(
            1
            for article_id, quote in claims
            if any(
                bench.normalise(phrase) in bench.normalise(quote)
                for phrase in item.phrases(url_of.get(article_id, ""))
            )
        )
        if 2 * stating >= len(claims):
            true += 1
        else:
            errors.append(
                f"impure discrepancy: {value[p].get('about')!r}: "
                f"{stating} of {len(claims)} statements state {item.about}"
            )
    return true, len(value), len(story.disputed), errors


def key_coverage(
    story: bench.GoldStory, brief: Mapping[str, Any], ids: Mapping[str, str]
) -> tuple[int, int, list[str]]:
    """(labelled facts the brief states, of them with the labelled status, what is missing)."""
    source_of = story.source_of()
    predicted = [(str(fact.get("status")), bench.fact_sources(fact)) for fact in brief.get("facts", [])]
    stated, right, missing = 0, 0, []
    for item in story.facts:
        hit = [status for status, sources in predicted if bench.hits(sources, item, ids, source_of)]
        if hit:
            stated += 1
            right += item.status in hit
        else:
            missing.append(f"key fact not in the default brief: {item.about}")
    return stated, right, missing


# -- running ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class SplitResult:
    stories: int = 0
    articles: int = 0
    scores: list[bench.StoryScore] = field(default_factory=list)
    facts_whole: int = 0
    fragments: int = 0
    repeats: int = 0
    wrong: int = 0
    corroborated_touching: int = 0
    wrong_by_text: int = 0
    touching_by_text: int = 0
    key_facts: int = 0
    key_stated: int = 0
    key_right: int = 0
    strict_true: int = 0
    strict_predicted: int = 0
    strict_gold: int = 0
    default_sizes: list[int] = field(default_factory=list)
    seconds: float = 0.0
    errors: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        t = bench.total(self.scores)
        return {
            "stories": self.stories,
            "articles": self.articles,
            "discrepancy": t.discrepancy.as_dict(),
            "not_conflicts_flagged": t.not_conflicts_flagged,
            "strict_discrepancy": {
                "true": self.strict_true,
                "predicted": self.strict_predicted,
                "gold": self.strict_gold,
            },
            "naming": {"gold": t.naming_gold, "found": t.naming_found, "predicted": t.naming_predicted},
            "status": {name: counts.as_dict() for name, counts in t.status.items()},
            "status_micro": t.micro.as_dict(),
            "facts_whole": self.facts_whole,
            "fragments": self.fragments,
            "repeats": self.repeats,
            "wrong_corroborations": self.wrong,
            "corroborated_touching": self.corroborated_touching,
            "wrong_by_text": self.wrong_by_text,
            "touching_by_text": self.touching_by_text,
            "key_facts": self.key_facts,
            "key_stated": self.key_stated,
            "key_right": self.key_right,
            "default_facts_mean": round(statistics.mean(self.default_sizes), 1) if self.default_sizes else 0,
            "default_facts_max": max(self.default_sizes, default=0),
            "default_briefs_over_20": sum(1 for n in self.default_sizes if n > LONG_BRIEF),
            "seconds": round(self.seconds, 1),
            "errors": self.errors,
        }


def run_split(name: str) -> dict[str, Any]:
    """Ingest one split's reports into a fresh store and measure every story's brief."""
    from newsweave.analysis.nlp import load_pipeline
    from newsweave.config import load_config
    from newsweave.store import open_store

    config = load_config(None)
    gold = bench.load_labels(LABELS[name])
    nlp = load_pipeline()
    result = SplitResult(stories=len(gold))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        write_articles(gold, articles)
        with open_store(str(Path(tmp) / "brief.db")) as store:
            ids = bench.ingest_set(store, config, articles)
            result.articles = len(ids)
            for story in gold:
                chosen = [ids[url] for url in story.articles]
                whole = build(store, config, chosen, whole=True)
                default = build(store, config, chosen, whole=False)
                score = bench.score_brief(story, whole, ids)
                result.scores.append(score)
                texts = [str(fact.get("text") or "") for fact in whole.get("facts", [])]
                result.facts_whole += len(texts)
                fragments = [text for text in texts if is_fragment(nlp, text)]
                repeated = repeats(texts)
                result.fragments += len(fragments)
                result.repeats += len(repeated)
                wrong, touching, wrong_errors = wrong_corroborations(story, whole, ids)
                result.wrong += wrong
                result.corroborated_touching += touching
                wrong, touching, by_text_errors = wrong_corroborations_by_text(story, whole, ids)
                result.wrong_by_text += wrong
                result.touching_by_text += touching
                strict, predicted, golds, impure = strict_discrepancies(story, whole, ids)
                result.strict_true += strict
                result.strict_predicted += predicted
                result.strict_gold += golds
                stated, right, missing = key_coverage(story, default, ids)
                result.key_facts += len(story.facts)
                result.key_stated += stated
                result.key_right += right
                result.default_sizes.append(len(default.get("facts", [])))
                result.errors[story.id] = [
                    *score.errors,
                    *wrong_errors,
                    *by_text_errors,
                    *impure,
                    *missing,
                    *(f"fragment: {text[:90]!r}" for text in fragments),
                    *(f"repeat: {text[:60]!r} ~ {earlier[:60]!r}" for text, earlier in repeated),
                ]
    result.seconds = time.perf_counter() - started
    return result.as_dict()


def run_baseline(revision: str, splits: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The same measures on the code of ``revision`` (a temporary worktree), in a subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), revision],
                       check=True, capture_output=True)  # fmt: skip
        try:
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            command = [sys.executable, __file__, "--json", "--inner"]
            command += [part for split in splits for part in ("--split", split)]
            done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"the baseline run of {revision} failed:\n{done.stderr[-3000:]}")
            result: dict[str, dict[str, Any]] = json.loads(done.stdout)["splits"]
            return result
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False, capture_output=True)  # fmt: skip


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def print_table(runs: Mapping[str, Mapping[str, dict[str, Any]]]) -> None:
    """One row per (code, split)."""
    print(
        "| code | split | stories | value discr. P | R | strict P | strict R | not-conflicts flagged | "
        "naming found | wrong corrob. | by own text | "
        "fragments | repeats | facts (whole) | key facts stated | with status | "
        "default facts mean / max / >20 | status micro-F1 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for code, splits in runs.items():
        for split, r in splits.items():
            d, st = r["discrepancy"], r["strict_discrepancy"]
            print(
                f"| {code} | {split} | {r['stories']} | {d['precision']:.3f} ({d['tp']}/{d['tp'] + d['fp']}) "
                f"| {d['recall']:.3f} ({d['tp']}/{d['tp'] + d['fn']}) "
                f"| {_ratio(st['true'], st['predicted'])} ({st['true']}/{st['predicted']}) "
                f"| {_ratio(st['true'], st['gold'])} ({st['true']}/{st['gold']}) "
                f"| {r['not_conflicts_flagged']} "
                f"| {r['naming']['found']}/{r['naming']['gold']} ({r['naming']['predicted']} reported) "
                f"| {_ratio(r['wrong_corroborations'], r['corroborated_touching'])} "
                f"({r['wrong_corroborations']}/{r['corroborated_touching']}) "
                f"| {_ratio(r.get('wrong_by_text', 0), r.get('touching_by_text', 0))} "
                f"({r.get('wrong_by_text', 0)}/{r.get('touching_by_text', 0)}) "
                f"| {r['fragments']} | {r['repeats']} | {r['facts_whole']} "
                f"| {_ratio(r['key_stated'], r['key_facts'])} ({r['key_stated']}/{r['key_facts']}) "
                f"| {_ratio(r['key_right'], r['key_facts'])} "
                f"| {r['default_facts_mean']} / {r['default_facts_max']} / {r['default_briefs_over_20']} "
                f"| {r['status_micro']['f1']:.3f} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", action="append", choices=[*LABELS, "all"], help="default: all")
    parser.add_argument("--errors", action="store_true", help="list what is wrong, story by story")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--baseline", metavar="REV", help="also measure git revision REV, in the same run")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    splits = list(LABELS) if not args.split or "all" in args.split else list(dict.fromkeys(args.split))
    command = " ".join([".venv/bin/python benchmarks/brief_real.py", *map(shlex.quote, sys.argv[1:])])
    runs: dict[str, dict[str, dict[str, Any]]] = {}
    if args.baseline and not args.inner:
        runs[f"baseline {args.baseline}"] = run_baseline(args.baseline, splits)
    runs["current"] = {split: run_split(split) for split in splits}
    if args.json:
        print(json.dumps({"command": command, "splits": runs["current"], "runs": runs}, indent=2))
        return
    print(f"command: {command}")
    print_table(runs)
    if args.errors:
        for split, result in runs["current"].items():
            for story, errors in result["errors"].items():
                print(f"\n[{split}] {story}")
                for line in errors:
                    print(f"  {line}")


if __name__ == "__main__":
    main()
