"""Story assignment over the store: features from stored analysis, online assignment, storylines.

New (analysed, unassigned) articles are assigned online against the stored stories, whose state is
restored from the store first, so story ids stay stable as articles arrive; ``recluster`` rebuilds
every story from scratch. Embeddings are computed once and kept in the store.

When the articles a batch compares (its new ones and the stories restored for them) include one that is
not in English, every one of them also gets a multilingual embedding (``[stories] multilingual_model``,
newsweave.multilingual) and the story score compares across languages in that space; an English-only
batch never loads that encoder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from newsweave.config import Config, load_config
from newsweave.data import Article
from newsweave.pipeline.runner import Runner, RunReport
from newsweave.stories.assign import StoryAssigner, recluster
from newsweave.stories.features import ENGLISH_SPACE, StoryFeatures, StoryParams
from newsweave.stories.storyline_links import StorylineLinker
from newsweave.stories.timespans import capped, merged_into, moved

if TYPE_CHECKING:
    from newsweave.embeddings import Encoder
    from newsweave.multilingual import TextEncoder
    from newsweave.store import Store
    from newsweave.store.analysis_rows import StoryKeys

# Mention labels whose resolved entities describe what a story is about (who and where).
STORY_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
# Sentences after the title in an article's lead (lead_text): the headline and a lede of one or two
# sentences state the event. Leads of 1, 2 or 3 sentences scored within 0.01 of each other (B3-F1 of the
# real-news calibration half at each lead share and threshold of the issue-14 grid).
LEAD_SENTENCES = 2
# Years from a dated report's publication year that its story features keep: the year before (a report of
# early January tells of December) to the year after. Farther ones are dropped (``features_of``): on the
# real pages' calibration half this took pairwise recall 0.75 -> 0.85 at precision 0.882 -> 0.895, the test
# half unchanged (benchmarks/stories_real.py, RESULTS.md); undated reports (ECB+) keep every year.
RECENT_YEARS = 1
_SENTENCE_END = re.compile("(?<=[.!?])\\s+(?=[\"“‘'(\\[A-Z0-9])")
# Separate publication-time windows a batch's stories are read by; a batch spread wider reads one span.
MAX_WINDOWS = 50


StoryReport = RunReport


def embedding_text(article: Article) -> str:
    """What is embedded for an article: title and text (the encoder reads the first 256 word pieces).

    On ECB+ topics 1-35 embedding the text scored 0.856 B3-F1 (cosine alone) against 0.80 for the lead
    sentence (benchmarks/cluster.py --vector).
    """
    return f"{article.title}\n{article.text}"


def lead_text(article: Article, sentences: int = LEAD_SENTENCES) -> str:
    """What is embedded for an article's lead: its title and its first ``sentences`` sentences.

    Sentences are cut at a full stop, question or exclamation mark followed by a space and a capital,
    digit or quote, and at line ends (a dateline or a one-line paragraph is one): a lead is a short
    stretch of text, and the encoder sees only its meaning, so a rare abbreviation cut ("Gen. Smith")
    shifts it little.
    """
    found: list[str] = []
    for line in article.text.splitlines():
        found.extend(part for part in _SENTENCE_END.split(line.strip()) if part)
        if len(found) >= sentences:
            break
    return "\n".join([article.title, *found[:sentences]]).strip()


def features_of(
    article: Article,
    keys: StoryKeys,
    vector: npt.NDArray[np.float32],
    lead: npt.NDArray[np.float32] | None = None,
) -> StoryFeatures:
    """An article's story features from what its stored analysis found (``load_story_keys``).

    A report in another language takes no entities: the names Korean and Japanese reports share with
    English ones are mostly places ("미국", the United States), which look-alike events share as much
    as one event's reports do; counted, they joined 4 of the 6 test look-alikes instead of 2 at the
    calibrated shift (benchmarks/stories_multilingual.py, RESULTS.md "Entities across scripts").
    """
    english = article.language in ENGLISH_SPACE
    named = keys.entities if english else ()
    entities = frozenset(entity_id for entity_id, label in named if label in STORY_ENTITY_LABELS)
    places = frozenset(
        str(geonames_id) if geonames_id else f"country:{country}" for geonames_id, country in keys.places
    )
    event_dates = tuple(sorted({begin for granularity, begin in keys.times if granularity == "day"}))
    years = frozenset(begin.year for grain, begin in keys.times if grain in ("day", "month", "year"))
    if article.published is not None:
        # A dated report's years far from its own are the past it recalls ("a Swedish woman survived ...
        # in 1999"), not its event's: two reports of one event differ there by chance, and for dated
        # reports years only count against (``features.score``).
        years = frozenset(year for year in years if abs(year - article.published.year) <= RECENT_YEARS)
    return StoryFeatures(
        article_id=article.id,
        vector=vector,
        entities=entities,
        places=places,
        published=article.published.date() if article.published else None,
        event_dates=event_dates,
        duplicate_of=article.duplicate_of,
        years=years,
        lead=lead,
        language=article.language,
    )


class StoryBuilder:
    """Loads articles' features from the store (encoding what is missing) and writes stories back."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.config = config
        self.runner = Runner([])
        self.params = StoryParams()
        self._encoder: Encoder | None = None
        self._multilingual: TextEncoder | None = None

    @property
    def encoder(self) -> Encoder:
        """The sentence encoder named in the config (loaded on first use)."""
        if self._encoder is None:
            from newsweave.embeddings import load_encoder
            from newsweave.pipeline.pool import per_core

            settings = self.config.stories
            self._encoder = load_encoder(settings.embedding_model, threads=per_core(settings.encoder_threads))
        return self._encoder

    @property
    def multilingual_encoder(self) -> TextEncoder:
        """The multilingual encoder named in the config (loaded on first use)."""
        if self._multilingual is None:
            from newsweave.multilingual import load_multilingual_encoder
            from newsweave.pipeline.pool import per_core

            settings = self.config.stories
            self._multilingual = load_multilingual_encoder(
                settings.multilingual_model, threads=per_core(settings.encoder_threads)
            )
        return self._multilingual

    def add_multilingual(self, found: Sequence[StoryFeatures]) -> None:
        """Give each of ``found`` its multilingual vector (stored, or encoded and stored) when any of them
        is in a language outside the English space; the others' ``english`` flags then say which is."""
        model = self.config.stories.multilingual_model
        if not model or all(features.language in ENGLISH_SPACE for features in found):
            return
        ids = [features.article_id for features in found]
        stored = self.store.stories.load_multilingual(model, ids)
        missing = [article_id for article_id in ids if article_id not in stored]
        if missing:
            with self.runner.timed("embed multilingual"):
                articles = self.store.get_articles(missing)
                encoded = self.multilingual_encoder.encode([embedding_text(articles[i]) for i in missing])
            fresh = dict(zip(missing, encoded, strict=True))
            self.store.stories.save_multilingual(model, fresh)
            stored.update(fresh)
        for features in found:
            features.multi = stored[features.article_id]
            features.english = features.language in ENGLISH_SPACE

    def features(self, article_ids: Sequence[str]) -> list[StoryFeatures]:
        """Features of the given articles, in the given order."""
        model = self.config.stories.embedding_model
        articles = self.store.get_articles(article_ids)
        vectors, leads = self.store.stories.load_vectors_and_leads(model, article_ids)
        missing = [article_id for article_id in article_ids if article_id not in vectors]
        # Stores written before leads were kept have vectors without them: only the leads are encoded.
        missing_leads = [i for i in article_ids if i not in leads and i in vectors]
        if missing or missing_leads:
            with self.runner.timed("embed"):
                encoded = self.encoder.encode([embedding_text(articles[i]) for i in missing])
                encoded_leads = self.encoder.encode([lead_text(articles[i]) for i in missing + missing_leads])
            fresh = dict(zip(missing, encoded, strict=True))
            fresh_leads = dict(zip(missing + missing_leads, encoded_leads, strict=True))
            self.store.stories.save_vectors(model, fresh, fresh_leads)
            self.store.stories.save_leads(model, {i: fresh_leads[i] for i in missing_leads})
            vectors.update(fresh)
            leads.update(fresh_leads)
        with self.runner.timed("features"):
            keys = self.store.analysis.load_story_keys(article_ids)
            return [features_of(articles[i], keys[i], vectors[i], leads[i]) for i in article_ids]

    def assign_new(self, on_article: Callable[[int], None] | None = None) -> StoryReport:
        """Assign analysed articles not yet in a story, against the stored stories (``on_article`` is
        called once per article assigned, for a progress display)."""
        report = StoryReport()
        pending = self.store.stories.unassigned_ids()
        if not pending:
            return report
        new = self.features(pending)
        # Only the stories a new article can join are restored: those inside its articles' time
        # windows (an article is never scored against a story outside its window) and those holding
        # the originals of new copies. So the cost of a batch does not grow with the store's history;
        # the entity and place frequencies (IDF) are counted over the restored stories, that is, over
        # the news of the same weeks.
        assigned = self.store.stories.assigned(
            within=self._windows(new), stories_of=[f.duplicate_of for f in new if f.duplicate_of]
        )
        assigner = StoryAssigner(self.params)
        restored = self.features(list(assigned))
        self.add_multilingual([*new, *restored])
        for features in sorted(restored, key=lambda f: (f.duplicate_of is not None, f.sort_key)):
            assigner.restore(features, assigned[features.article_id])
        with self.runner.timed("assign"):
            for features in new:
                assigner.assign(features)
                if on_article is not None:
                    on_article(1)
            # Online assignment alone splits too much (ECB+ B3-F1 0.883); a refinement pass (every
            # article to its best story, then merging look-alikes) brings it to 0.929 (benchmarks/cluster.py).
            # Only the stories the new articles went to are refined: the restored ones were refined
            # when they were built, and refining every story of the window cost most of a batch. So are
            # the restored stories of reports in other languages: one that stayed apart from the English
            # reports of its event (a Japanese report scores lower against English than a Korean one)
            # can join once a report in a nearer language has; such stories are few.
            scope = {story for f in new if (story := assigner.story_of(f.article_id))}
            scope |= {story for f in restored if not f.english and (story := assigner.story_of(f.article_id))}
            assigner.refine(scope=scope)
        partition = assigner.partition()
        changed = {a: s for a, s in partition.items() if assigned.get(a) != s}
        report.counts["assigned"] = len(pending)
        report.counts["new_stories"] = len(set(partition.values()) - set(assigned.values()))
        report.counts["moved"] = len([a for a in changed if a in assigned])
        touched = set(changed.values()) | {assigned[a] for a in changed if a in assigned}
        # Read before saving: a story refinement merged away is gone after, and its storyline with it.
        old_storylines = set(self.store.stories.storyline_of(touched).values())
        self.store.stories.save(changed, self._titles(set(changed.values()), partition))
        with self.runner.timed("storylines"):
            StorylineLinker(self.store, self.config).update(touched, old_storylines)
        report.stages = self.runner.figures()
        return report

    def _windows(self, new: Sequence[StoryFeatures]) -> list[tuple[datetime, datetime]] | None:
        """The spans of publication time whose stories new articles can join: each article's window,
        overlapping ones merged (None: every story, as an undated article is inside every window)."""
        days = [f.published for f in new]
        if not days or any(day is None for day in days):
            return None
        # A day's margin on each side: stories store publication times, features compare dates.
        margin = timedelta(days=self.params.time_window_days + 1)
        spans: list[tuple[datetime, datetime]] = []
        for day in sorted({day for day in days if day is not None}):
            spans = merged_into(spans, (moved(day, -margin), moved(day, margin)))
        return capped(spans, MAX_WINDOWS)  # a batch over many months: one span, fewer SQL terms

    def rebuild(self) -> StoryReport:
        """Rebuild every story from scratch, then the storylines."""
        report = StoryReport()
        features = self.features(self.store.stories.analysed_ids())
        self.add_multilingual(features)
        with self.runner.timed("assign"):
            partition = recluster(features)
        self.store.stories.replace_all(partition, self._titles(set(partition.values()), partition))
        self.link_storylines()
        report.counts["assigned"] = len(partition)
        report.counts["stories"] = len(set(partition.values()))
        report.stages = self.runner.figures()
        return report

    def _titles(self, story_ids: set[str], partition: dict[str, str] | None = None) -> dict[str, str]:
        """Each story's title: that of its earliest original article (in English, when it has one)."""
        wanted = {a: s for a, s in (partition or self.store.stories.assigned()).items() if s in story_ids}
        stored = self.store.get_articles(wanted)
        members: dict[str, list[Article]] = {}
        for article_id, story_id in wanted.items():
            members.setdefault(story_id, []).append(stored[article_id])
        titles: dict[str, str] = {}
        for story_id, articles in members.items():
            originals = [a for a in articles if not a.duplicate_of] or articles
            # An English title when the story has one: the briefs and pages are in English.
            first = min(
                originals,
                key=lambda a: (
                    a.language not in ENGLISH_SPACE,
                    a.published.timestamp() if a.published else float("inf"),
                    a.id,
                ),
            )
            titles[story_id] = first.title
        return titles

    def link_storylines(self) -> None:
        """Recompute every story's summary and every storyline (after a rebuild)."""
        StorylineLinker(self.store, self.config).relink_all()


def assign_stories(
    store: Store,
    config: Config | None = None,
    *,
    rebuild: bool = False,
    on_article: Callable[[int], None] | None = None,
) -> StoryReport:
    """Assign new articles to stories (or rebuild all stories with ``rebuild``); ``on_article``: see
    ``StoryBuilder.assign_new`` (a rebuild reports every article at the end)."""
    builder = StoryBuilder(store, config or load_config())
    if not rebuild:
        return builder.assign_new(on_article)
    report = builder.rebuild()
    if on_article is not None:
        on_article(report.counts["assigned"])
    return report
