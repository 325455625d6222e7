"""Ingest: read inputs, clean boilerplate, find duplicates, store — transactionally and idempotently.

Articles are written in batches, each batch one transaction and each article a SAVEPOINT inside
it: a crash loses at most the open batch, and a rerun skips what is stored (ids are content
hashes) and redoes the rest in the same order, so it ends with the same store as one clean run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsweave.config import Config, load_config
from newsweave.data import Article, Failure
from newsweave.errors import NewsweaveError
from newsweave.ingest import boilerplate, dedupe
from newsweave.pipeline.runner import Dropped, Runner, Stage, StageResult
from newsweave.readers import expand_inputs, read_input
from newsweave.readers.base import ReadOptions, ReadResult
from newsweave.store import Store

# Articles per transaction. Larger batches commit less often (faster); a crash redoes at most one.
BATCH_SIZE = 50


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did: the counts the CLI prints, every failure, and per-stage figures."""

    run_id: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    dropped: list[Failure] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    guessed_outlets: Counter[str] = field(default_factory=Counter)
    """Outlets named from a URL's host or a file's name (the input said none), with their articles."""

    COUNT_NAMES = ("read", "new", "existing", "duplicate", "near_duplicate", "dropped", "failed")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready report (the CLI's ``--json``)."""
        return {
            "run_id": self.run_id,
            **{name: self.counts[name] for name in self.COUNT_NAMES},
            "failures": [{"source": f.source, "code": f.code, "reason": f.reason} for f in self.failures],
            "dropped_articles": [
                {"source": f.source, "code": f.code, "reason": f.reason} for f in self.dropped
            ],
            "new_ids": self.new_ids,
            "stages": self.stages,
            "guessed_outlets": dict(self.guessed_outlets),
        }


def clean_footers(article: Article) -> Article:
    """Cut boilerplate paragraphs of known kinds (comment policies, sign-ups, ...) wherever seen."""
    return boilerplate.apply_cuts(article, boilerplate.footer_cuts(article.text))


def per_article_stages(config: Config) -> list[Stage]:
    """The store-free stages every article passes before duplicate detection."""
    min_chars = config.ingest.min_text_chars

    def require_text(article: Article) -> StageResult:
        if len(article.text.strip()) < min_chars:
            return Dropped("too little text left after removing boilerplate")
        return article

    return [Stage("clean_footers", clean_footers), Stage("require_text", require_text)]


class Ingester:
    """Writes articles into a store, finding duplicates and outlet boilerplate against what it holds."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.config = config
        self.runner = Runner(per_article_stages(config))

    def add(self, article: Article, report: IngestReport) -> None:
        """Clean, check and store one article (the caller holds the transaction)."""
        if self.store.existing_ids([article.id]):
            report.counts["existing"] += 1
            return
        result = self.runner.run(article)
        if isinstance(result, Dropped):
            report.counts["dropped"] += 1
            report.dropped.append(Failure(article.source, "DROP", result.reason))
            return
        with self.store.atomic():
            with self.runner.timed("dedupe"):
                signature = dedupe.signature(article.text, self.config.dedupe)
                new_root = self._mark_duplicate(article, signature)
            with self.runner.timed("outlet_boilerplate"):
                line_keys = self._cut_outlet_lines(article)
            with self.runner.timed("store"):
                self.store.add_article(article)
                # Only originals go into the LSH buckets: a newcomer is matched against the originals
                # of copy groups, not every copy. Indexing each copy made every lookup read all the
                # earlier copies of its group: quadratic (2,000 near-copies took 27 s, 500 took 2.6 s).
                indexed = article.duplicate_of is None
                self.store.duplicates.add_signature(
                    article.id,
                    dedupe.to_bytes(signature),
                    dedupe.band_keys(signature, self.config.dedupe.lsh_bands) if indexed else [],
                )
                if new_root is not None:
                    self.store.duplicates.make_original(article.id, *new_root)
                if line_keys and article.outlet:
                    self.store.add_outlet_lines(article.outlet, article.id, line_keys)
        report.counts["new"] += 1
        report.new_ids.append(article.id)
        if article.duplicate_kind == "exact":
            report.counts["duplicate"] += 1
        elif article.duplicate_kind == "near":
            report.counts["near_duplicate"] += 1

    def _mark_duplicate(self, article: Article, signature: dedupe.Signature) -> tuple[str, float] | None:
        """Set ``duplicate_of`` to the group's original; if this copy is older, return (old root, sim)."""
        match_id = self.store.duplicates.original_with_hash(article.text_hash)
        similarity, kind = 1.0, "exact"
        if match_id is None:
            if len(article.text.split()) < self.config.dedupe.near_duplicate_min_words:
                return None
            keys = dedupe.band_keys(signature, self.config.dedupe.lsh_bands)
            stored = self.store.duplicates.lsh_candidates(keys)
            candidates = {cid: dedupe.from_bytes(sig) for cid, sig in stored.items()}
            match = dedupe.best_match(signature, candidates, self.config.dedupe.near_duplicate_jaccard)
            if match is None:
                return None
            match_id, similarity, kind = match.article_id, match.similarity, "near"
        root = self.store.duplicates.root_of(match_id)
        root_published = self.store.published_of(root)
        if article.published and root_published and article.published < root_published:
            # "duplicate_of its earliest copy": the newcomer was published first, so it is the original.
            return root, similarity
        article.duplicate_of, article.similarity = root, similarity
        article.duplicate_kind = "exact" if kind == "exact" else "near"
        return None

    def _cut_outlet_lines(self, article: Article) -> list[str]:
        """Cut lines this outlet repeats across articles; re-clean older articles that carry them."""
        settings = self.config.boilerplate
        if not article.outlet or article.duplicate_of:
            return []  # copies would count one line many times
        keyed = boilerplate.line_keys(article.text, max_words=settings.max_recurrent_line_words)
        keys = sorted({key for _, key in keyed})
        seen = self.store.outlet_line_articles(article.outlet, keys)
        threshold = settings.outlet_recurrence_min_articles
        recurrent = {key for key in keys if len(seen.get(key, ())) + 1 >= threshold}
        boilerplate.apply_cuts(
            article,
            boilerplate.recurrent_cuts(article.text, recurrent, max_words=settings.max_recurrent_line_words),
        )
        # Lines that reached the threshold just now were left in the older articles: cut them there too.
        newly = {key for key in recurrent if len(seen.get(key, ())) + 1 == threshold}
        for other_id in sorted(set().union(*(seen[key] for key in newly))) if newly else []:
            other = self.store.get_article(other_id)
            before = len(other.removed)
            cuts = boilerplate.recurrent_cuts(other.text, newly, max_words=settings.max_recurrent_line_words)
            if cuts:
                boilerplate.apply_cuts(other, cuts)
                self.store.replace_text(other, other.removed[before:])
        return keys


def ingest_inputs(
    inputs: Sequence[str],
    store: Store,
    options: ReadOptions | None = None,
    config: Config | None = None,
    *,
    on_input_done: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read every input (files, directories, URLs) into the store; returns what happened.

    Failures of single inputs or records are reported, recorded in the store, and never stop the batch.
    """
    config = config or load_config()
    read_options = options or ReadOptions(ingest=config.ingest, fetch=config.fetch)

    def results() -> Iterator[ReadResult]:
        for item in expand_inputs(inputs):
            yield from read_input(item, read_options)
            if on_input_done is not None:
                on_input_done(item)

    return ingest_results(results(), list(inputs), store, config)


def ingest_articles(articles: Iterable[Article], store: Store, config: Config | None = None) -> IngestReport:
    """Store articles built in code (tests, other front ends) exactly as read inputs are stored."""
    return ingest_results(articles, ["<articles>"], store, config or load_config())


def ingest_results(
    results: Iterable[ReadResult], inputs: list[str], store: Store, config: Config
) -> IngestReport:
    """Store articles and record failures as they come, already read (``inputs`` names them in the
    run's record): what ``ingest_inputs`` does once it has read, and what ``newsweave batch``'s single
    writer does with the articles its workers read."""
    ingester = Ingester(store, config)
    report = IngestReport(run_id=store.start_run(inputs))
    batch: list[Article] = []
    for result in results:
        if isinstance(result, Failure):
            _fail(store, report, result)
            continue
        report.counts["read"] += 1
        if result.outlet_guessed and result.outlet:
            report.guessed_outlets[result.outlet] += 1
        batch.append(result)
        if len(batch) >= BATCH_SIZE:
            _write_batch(ingester, batch, report)
    _write_batch(ingester, batch, report)
    report.stages = ingester.runner.figures()
    store.finish_run(report.run_id, {name: report.counts[name] for name in report.COUNT_NAMES}, report.stages)
    return report


def _fail(store: Store, report: IngestReport, failure: Failure) -> None:
    report.counts["failed"] += 1
    report.failures.append(failure)
    store.record_outcome(report.run_id, "failed", failure)


def _write_batch(ingester: Ingester, batch: list[Article], report: IngestReport) -> None:
    if not batch:
        return
    first_dropped = len(report.dropped)
    with ingester.store.atomic():
        for article in batch:
            try:
                ingester.add(article, report)
            except NewsweaveError as exc:
                # One article's failure (its SAVEPOINT is rolled back) must not cost the batch.
                _fail(ingester.store, report, Failure(article.source, exc.code, exc.reason))
        for failure in report.dropped[first_dropped:]:
            ingester.store.record_outcome(report.run_id, "dropped", failure)
    batch.clear()
