"""The analysis stage: language, sentences and named entities (spaCy), quantities, times, places,
and entities resolved across articles.

Models are loaded on first use. Each batch is computed outside any transaction (spaCy is the slow
part), then resolved against the store's entities and written in one transaction, so a crash
leaves the batch unanalysed and a rerun picks it up.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from newsweave.config import AnalysisConfig, Config, load_config
from newsweave.data import PLACE_TYPES, Article, Entity, Failure, Mention
from newsweave.errors import Errors
from newsweave.pipeline.pool import OrderedPool, per_core
from newsweave.pipeline.runner import Runner, RunReport, StageStats
from newsweave.store.analysis_rows import ArticleAnalysis, PlaceRow

if TYPE_CHECKING:
    from spacy.language import Language

    from newsweave.analysis.entities import EntityResolver
    from newsweave.analysis.places import Gazetteer
    from newsweave.events.extract import EventExtractor
    from newsweave.store import Store

# The analysis note of an article the analysis failed on: later runs skip it, `--redo` tries again.
FAILED_NOTE_PREFIX = "failed: "
# Characters of the error's message kept in the note: enough to recognise it.
FAILURE_MESSAGE_CHARS = 300

# Publication years the analysis resolves times against: wider than any news archive, and far enough
# from the calendar's ends (years 1 and 9999) that date arithmetic of a few centuries cannot leave it.
DATABLE_YEARS = range(1000, 9000)

_log = logging.getLogger(__name__)

# The blocking keys of persons spelled in Hangul, kana or kanji (analysis.cross_script.sound_index_keys).
OTHER_SCRIPT_KEY_PREFIX = "PERSON|phx|"
# NER labels that name places, and so are geocoded.


AnalysisReport = RunReport
# Worker processes that take batches of articles and give back their analyses and step figures.
AnalysisPool = OrderedPool[list[Article], tuple[list[ArticleAnalysis], dict[str, StageStats]]]


class Analyser:
    """Per-article analysis with lazily loaded models; knows nothing of the store."""

    def __init__(self, config: Config, runner: Runner | None = None) -> None:
        self.config = config
        self.runner = runner or Runner([])

    @cached_property
    def nlp(self) -> Language:
        """The spaCy pipeline named in the config (loaded once per process)."""
        from newsweave.analysis.nlp import load_pipeline

        return load_pipeline(self.config.analysis.spacy_model)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The offline gazetteer (its index is built on the first lookup)."""
        from newsweave.analysis.places import Gazetteer

        return Gazetteer(city_set=self.config.analysis.gazetteer_city_set)

    @cached_property
    def event_extractor(self) -> EventExtractor:
        """PLOVER event coding of parsed sentences (its classifier is loaded on first use)."""
        from newsweave.events.extract import EventExtractor

        return EventExtractor(self.config)

    def analyse(self, articles: Sequence[Article]) -> list[ArticleAnalysis]:
        """Analyse a batch; non-English articles get a language and a note saying why they were skipped."""
        from newsweave.analysis.claims import extract_claims
        from newsweave.analysis.language import ENGLISH, detect_language
        from newsweave.analysis.mentions import sentences_and_mentions
        from newsweave.analysis.nlp import analyse_texts
        from newsweave.analysis.quantities import find_quantities
        from newsweave.analysis.times import find_times

        articles = [_datable(article) for article in articles]
        results: list[ArticleAnalysis] = []
        english: list[tuple[Article, ArticleAnalysis]] = []
        with self.runner.timed("language") as stats:
            for article in articles:
                language, _confidence = detect_language(article.text)
                result = ArticleAnalysis(article.id, language=language)
                results.append(result)
                if language == ENGLISH:
                    english.append((article, result))
                else:
                    _read_other_language(article, result)
                    stats.dropped[f"language {language}"] += 1
        if not english:
            return results
        with self.runner.timed("spacy"):
            texts = [article.text for article, _ in english]
            settings = self.config.analysis
            docs = list(analyse_texts(self.nlp, texts, settings.pipe_batch_size, settings.n_process))
        for (article, result), doc in zip(english, docs, strict=True):
            with self.runner.timed("mentions"):
                result.sentences, result.mentions = sentences_and_mentions(doc)
            with self.runner.timed("quantities"):
                result.quantities = find_quantities(article.text)
            with self.runner.timed("times"):
                result.times = find_times(article.text, article.published)
            with self.runner.timed("places"):
                result.places = self.places(result.mentions)
            with self.runner.timed("claims"):
                result.claims = extract_claims(article, doc, result)
        with self.runner.timed("events"):
            parsed = [(article, doc, result) for (article, result), doc in zip(english, docs, strict=True)]
            for (_, _, result), events in zip(parsed, self.event_extractor.extract(parsed), strict=True):
                result.events = events
        return results

    def places(self, mentions: Sequence[Mention]) -> list[PlaceRow]:
        """Geocode the place mentions, with a country prior from the article's other places and demonyms."""
        names = [m.text for m in mentions if m.label in PLACE_TYPES or m.label == "NORP"]
        prior = self.gazetteer.country_prior(names)
        rows: list[PlaceRow] = []
        for mention in mentions:
            if mention.label not in PLACE_TYPES:
                continue
            place = self.gazetteer.resolve(mention.text, country_prior=prior)
            if place is not None:
                rows.append(
                    PlaceRow(
                        mention.start,
                        mention.end,
                        mention.text,
                        place.canonical,
                        place.geonames_id,
                        place.country,
                        place.kind,
                        place.lat,
                        place.lon,
                    )
                )
        return rows


def _read_other_language(article: Article, result: ArticleAnalysis) -> None:
    """What is read of an article the English pipeline skips: its sentences, and where the language's
    forms are known ("13일", "13日", Korean and Japanese names) its dates and the names of its people and
    places; its note says so."""
    from newsweave.analysis.mentions_cjk import find_mentions_cjk
    from newsweave.analysis.sentences import split_sentences
    from newsweave.analysis.times_cjk import CJK_LANGUAGES, find_times_cjk

    language = result.language or ""
    result.sentences = split_sentences(article.text, language)
    result.times = find_times_cjk(article.text, article.published, language)
    result.mentions = find_mentions_cjk(article.text, language, result.sentences)
    read = "sentences, dates and names" if language in CJK_LANGUAGES else "sentences"
    result.note = f"not analysed: language {language!r} (English only for now; its {read} are read)"


def _datable(article: Article) -> Article:
    """The article as the analysis reads it: a publication date outside ``DATABLE_YEARS`` is unknown.

    Times are resolved and events dated by arithmetic on the publication date ("on Friday", "last
    year", "the past 30 days"); near year 1 or 9999 that arithmetic leaves the calendar. The stored
    article keeps the date it came with.
    """
    published = article.published
    if published is None or published.year in DATABLE_YEARS:
        return article
    return dataclasses.replace(article, published=None)


def analyse_store(
    store: Store,
    config: Config | None = None,
    *,
    redo: bool = False,
    on_batch: Callable[[int], None] | None = None,
    precomputed: Callable[[Article], ArticleAnalysis | None] | None = None,
) -> AnalysisReport:
    """Analyse every article not yet analysed (all of them with ``redo``) and resolve entities.

    An article the analysis fails on never stops the others: it is tried once more on its own, then
    marked with its error (E604 in its analysis note), so that later runs skip it until ``redo``.
    ``precomputed`` gives an article's analysis where one was made elsewhere (``newsweave batch``'s
    workers, over the same text): those articles are resolved and saved, not analysed again.
    Otherwise, with ``workers_min_articles`` or more pending, worker processes analyse the batches
    and this process resolves and saves them, in order.
    """
    from newsweave.analysis.entities import EntityResolver, index_keys

    config = config or load_config()
    runner = Runner([])
    analyser = Analyser(config, runner)
    report = AnalysisReport()
    if redo:
        store.analysis.clear_entities()
    elif store.analysis.entity_keys_missing():  # a store from before the keys were kept: once
        store.analysis.replace_entity_keys({e.id: index_keys(e) for e in store.analysis.load_entities()})
    resolver = EntityResolver(lookup=StoredEntities(store))
    pending = store.analysis.pending_ids(redo=redo)
    size = config.analysis.batch_size
    batches = (
        [store.get_article(article_id) for article_id in pending[start : start + size]]
        for start in range(0, len(pending), size)
    )
    expected = 0 if precomputed else len(pending)  # precomputed analyses were made by workers already
    with _analysis_pool(config, expected) as pool:
        for batch, analyses in _analysed_batches(analyser, batches, precomputed, pool):
            with store.atomic(), runner.timed("entities_and_store"):
                for article, analysis in zip(batch, analyses, strict=True):
                    analysis, resolver = _save(store, resolver, article, analysis)
                    _count(report, article, analysis)
            if on_batch is not None:
                on_batch(len(batch))
    report.counts["workers"] = pool.workers if pool is not None else 1
    report.stages = runner.figures()
    return report


def analysis_workers(settings: AnalysisConfig, pending: int) -> int:
    """How many worker processes analyse ``pending`` articles: 1 (this process) below
    ``workers_min_articles``, else ``workers`` (0: one per usable core, at most four)."""
    if pending < max(settings.workers_min_articles, 2):
        return 1
    return max(1, min(per_core(settings.workers), pending))


@contextmanager
def _analysis_pool(config: Config, expected: int) -> Iterator[AnalysisPool | None]:
    """Analysis worker processes for ``expected`` articles, or None where this process is the better
    choice (``analysis_workers``); they stop when the block ends."""
    workers = analysis_workers(config.analysis, expected)
    if workers <= 1:
        yield None
        return
    with OrderedPool(workers, _analyse_in_worker, _start_worker, (config,)) as pool:
        yield pool


def _analysed_batches(
    analyser: Analyser,
    batches: Iterator[list[Article]],
    precomputed: Callable[[Article], ArticleAnalysis | None] | None,
    pool: AnalysisPool | None,
) -> Iterator[tuple[list[Article], list[ArticleAnalysis]]]:
    """Each batch with its analyses, in order: made here, or by the pool's worker processes (the
    store is resolved and written by the caller alone). Batches a dead worker took, and every one
    after, are analysed here instead."""
    if pool is None:
        for batch in batches:
            yield batch, _with_precomputed(analyser, batch, precomputed)
        return
    failed = False
    for batch, made in pool.map(batches):
        if isinstance(made, BaseException):
            if not failed:
                _log.warning("analysis workers stopped (%s); the rest is analysed in this process", made)
            failed = True
            yield batch, analyse_batch(analyser, batch)
            continue
        analyses, stats = made
        analyser.runner.absorb(stats)
        yield batch, analyses


# The worker process's analyser (models loaded on its first batch, kept for the rest).
_WORKER_ANALYSER: Analyser | None = None


def _start_worker(config: Config) -> None:
    global _WORKER_ANALYSER
    _WORKER_ANALYSER = Analyser(config)


def _analyse_in_worker(batch: list[Article]) -> tuple[list[ArticleAnalysis], dict[str, StageStats]]:
    """One batch's analyses in a worker process, with the figures of its steps for this batch."""
    assert _WORKER_ANALYSER is not None, "the pool's initializer builds the analyser"
    _WORKER_ANALYSER.runner = Runner([])
    return analyse_batch(_WORKER_ANALYSER, batch), _WORKER_ANALYSER.runner.stats


def _with_precomputed(
    analyser: Analyser,
    batch: list[Article],
    precomputed: Callable[[Article], ArticleAnalysis | None] | None,
) -> list[ArticleAnalysis]:
    """The batch's analyses, taken from ``precomputed`` where it has them, made here otherwise."""
    given = [precomputed(article) if precomputed else None for article in batch]
    missing = [article for article, analysis in zip(batch, given, strict=True) if analysis is None]
    made = iter(analyse_batch(analyser, missing) if missing else [])
    return [analysis if analysis is not None else next(made) for analysis in given]


def analyse_batch(analyser: Analyser, batch: list[Article]) -> list[ArticleAnalysis]:
    """The batch's analyses; where the batch fails, each article's own, or its failure (never raises)."""
    try:
        return analyser.analyse(batch)
    except Exception:  # one article must not cost the batch: find it by trying each alone
        results: list[ArticleAnalysis] = []
        for article in batch:
            try:
                results.extend(analyser.analyse([article]))
            except Exception as exc:
                results.append(_failed(article, exc))
        return results


def _failed(article: Article, error: BaseException) -> ArticleAnalysis:
    """The analysis row that marks ``article`` as failed, with the error, so later runs skip it."""
    message = " ".join(str(error).split())[:FAILURE_MESSAGE_CHARS]
    reason = Errors.ANALYSIS_FAILED.message.format(error=f"{type(error).__name__}: {message}")
    note = f"{FAILED_NOTE_PREFIX}[{Errors.ANALYSIS_FAILED.code}] {reason}"
    return ArticleAnalysis(article.id, language=article.language, note=note)


def _save(
    store: Store, resolver: EntityResolver, article: Article, analysis: ArticleAnalysis
) -> tuple[ArticleAnalysis, EntityResolver]:
    """Resolve and save one analysis in its own savepoint; a failure there marks the article instead.

    Returns what was saved and the resolver to go on with: after a failure the resolver is read back
    from the store, since the rolled-back savepoint took the entities it had just changed with it.
    """
    from newsweave.analysis.entities import EntityResolver

    try:
        with store.atomic():
            _resolve_and_save(store, resolver, article, analysis)
        return analysis, resolver
    except Exception as exc:
        failed = _failed(article, exc)
        with store.atomic():
            store.analysis.save(failed)
        return failed, EntityResolver(lookup=StoredEntities(store))


def _count(report: AnalysisReport, article: Article, analysis: ArticleAnalysis) -> None:
    if analysis.note is None:
        report.counts["analysed"] += 1
    elif analysis.note.startswith(FAILED_NOTE_PREFIX):
        report.counts["failed"] += 1
        reason = analysis.note.removeprefix(FAILED_NOTE_PREFIX)
        report.failures.append(
            Failure(f"article {article.id} ({article.source})", Errors.ANALYSIS_FAILED.code, reason)
        )
    else:
        report.counts["skipped"] += 1


def _resolve_and_save(
    store: Store, resolver: EntityResolver, article: Article, analysis: ArticleAnalysis
) -> None:
    from newsweave.analysis.entities import index_keys

    if analysis.mentions:
        changed = resolver.resolve_article(article.id, article.text, analysis.mentions)
        # A place entity's country comes from where its mentions geocoded ("Nara" -> JPN).
        geocoded = {(place.start, place.end): place.country for place in analysis.places}
        for mention in analysis.mentions:
            entity = resolver.entities.get(mention.entity_id or "")
            country = geocoded.get((mention.start, mention.end))
            if entity is not None and entity.country is None and country:
                entity.country = country
                changed.add(entity.id)
        saved = sorted(changed)
        store.analysis.save_entities(
            [resolver.entities[i] for i in saved], index_keys, added=resolver.take_added(saved)
        )
        _link_entities(analysis)
    store.analysis.save(analysis)


class StoredEntities:
    """The store's entities as the resolver reads them: by blocking key, as it needs them."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def entities_with_keys(self, keys: set[str]) -> list[Entity]:
        """Every stored entity with one of the blocking ``keys``, with its aliases."""
        ids = self.store.analysis.entity_ids_for_keys(keys)
        return self.store.analysis.load_entities(ids) if ids else []

    def stored(self, ids: set[str]) -> set[str]:
        """Those of ``ids`` that a stored entity has."""
        return self.store.analysis.stored_entity_ids(ids)

    def has_other_scripts(self) -> bool:
        """Whether a stored person has a spelling in Hangul, kana or kanji."""
        return self.store.analysis.has_key_prefix(OTHER_SCRIPT_KEY_PREFIX)


def _link_entities(analysis: ArticleAnalysis) -> None:
    """Give claims and event actors the entity ids their mentions resolved to."""
    entity_of = [mention.entity_id for mention in analysis.mentions]
    for claim in analysis.claims:
        claim.entity_ids = sorted({e for i in claim.mentions if (e := entity_of[i]) is not None})
    for event in analysis.events:
        for actor in (event.source, event.target):
            if actor is not None and actor.mention is not None:
                actor.entity_id = entity_of[actor.mention]
