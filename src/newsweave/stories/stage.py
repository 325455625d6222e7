"""Story assignment over the store: features from stored analysis, online assignment, storylines.

New (analysed, unassigned) articles are assigned online against the stored stories, whose state is
restored from the store first, so story ids stay stable as articles arrive; ``recluster`` rebuilds
every story from scratch. Embeddings are computed once and kept in the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from newsweave.config import Config, load_config
from newsweave.data import Article
from newsweave.pipeline.runner import Runner, RunReport
from newsweave.stories.assign import StoryAssigner, recluster
from newsweave.stories.features import StoryFeatures
from newsweave.stories.storylines import StorySummary, build_storylines

if TYPE_CHECKING:
    from newsweave.embeddings import Encoder
    from newsweave.store import Store
    from newsweave.store.analysis_rows import ArticleAnalysis

# Mention labels whose resolved entities describe what a story is about (who and where).
STORY_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
# Entities that can be a storyline's core actors: people, organisations and countries.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE"})


StoryReport = RunReport


def embedding_text(article: Article) -> str:
    """What is embedded for an article: title and text (the encoder reads the first 256 word pieces).

    On ECB+ topics 1-35 embedding the text scored 0.856 B3-F1 (cosine alone) against 0.80 for the lead
    sentence (benchmarks/cluster.py --vector).
    """
    return f"{article.title}\n{article.text}"


def features_of(
    article: Article, analysis: ArticleAnalysis, vector: npt.NDArray[np.float32]
) -> StoryFeatures:
    """An article's story features from its stored analysis."""
    entities = frozenset(
        m.entity_id for m in analysis.mentions if m.entity_id and m.label in STORY_ENTITY_LABELS
    )
    places = frozenset(
        str(p.geonames_id) if p.geonames_id else f"country:{p.country}" for p in analysis.places
    )
    event_dates = tuple(sorted({t.begin for t in analysis.times if t.granularity == "day" and t.begin}))
    years = frozenset(
        t.begin.year for t in analysis.times if t.begin and t.granularity in ("day", "month", "year")
    )
    return StoryFeatures(
        article_id=article.id,
        vector=vector,
        entities=entities,
        places=places,
        published=article.published.date() if article.published else None,
        event_dates=event_dates,
        duplicate_of=article.duplicate_of,
        years=years,
    )


class StoryBuilder:
    """Loads articles' features from the store (encoding what is missing) and writes stories back."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.config = config
        self.runner = Runner([])
        self._encoder: Encoder | None = None

    @property
    def encoder(self) -> Encoder:
        """The sentence encoder named in the config (loaded on first use)."""
        if self._encoder is None:
            from newsweave.embeddings import load_encoder

            self._encoder = load_encoder(self.config.stories.embedding_model)
        return self._encoder

    def features(self, article_ids: Sequence[str]) -> list[StoryFeatures]:
        """Features of the given articles, in the given order."""
        model = self.config.stories.embedding_model
        articles = {article_id: self.store.get_article(article_id) for article_id in article_ids}
        vectors = self.store.stories.load_vectors(model, article_ids)
        missing = [article_id for article_id in article_ids if article_id not in vectors]
        if missing:
            with self.runner.timed("embed"):
                encoded = self.encoder.encode([embedding_text(articles[i]) for i in missing])
            fresh = dict(zip(missing, encoded, strict=True))
            self.store.stories.save_vectors(model, fresh)
            vectors.update(fresh)
        with self.runner.timed("features"):
            return [features_of(articles[i], self.store.analysis.load(i), vectors[i]) for i in article_ids]

    def assign_new(self) -> StoryReport:
        """Assign analysed articles not yet in a story, against the stored stories."""
        report = StoryReport()
        pending = self.store.stories.unassigned_ids()
        if not pending:
            return report
        assigned = self.store.stories.assigned()
        assigner = StoryAssigner()
        restored = self.features(list(assigned))
        for features in sorted(restored, key=lambda f: (f.duplicate_of is not None, f.sort_key)):
            assigner.restore(features, assigned[features.article_id])
        with self.runner.timed("assign"):
            for features in self.features(pending):
                assigner.assign(features)
            # Online assignment alone splits too much (ECB+ B3-F1 0.883); a refinement pass (every
            # article to its best story, then merging look-alikes) brings it to 0.929 (benchmarks/cluster.py).
            assigner.refine()
        partition = assigner.partition()
        changed = {a: s for a, s in partition.items() if assigned.get(a) != s}
        report.counts["assigned"] = len(pending)
        report.counts["new_stories"] = len(set(partition.values()) - set(assigned.values()))
        report.counts["moved"] = len([a for a in changed if a in assigned])
        self.store.stories.save(changed, self._titles(set(changed.values()), partition))
        self.link_storylines()
        report.stages = self.runner.figures()
        return report

    def rebuild(self) -> StoryReport:
        """Rebuild every story from scratch, then the storylines."""
        report = StoryReport()
        features = self.features(self.store.stories.analysed_ids())
        with self.runner.timed("assign"):
            partition = recluster(features)
        self.store.stories.replace_all(partition, self._titles(set(partition.values()), partition))
        self.link_storylines()
        report.counts["assigned"] = len(partition)
        report.counts["stories"] = len(set(partition.values()))
        report.stages = self.runner.figures()
        return report

    def _titles(self, story_ids: set[str], partition: dict[str, str] | None = None) -> dict[str, str]:
        """Each story's title: that of its earliest original article."""
        members: dict[str, list[Article]] = {}
        for article_id, story_id in (partition or self.store.stories.assigned()).items():
            if story_id in story_ids:
                members.setdefault(story_id, []).append(self.store.get_article(article_id))
        titles: dict[str, str] = {}
        for story_id, articles in members.items():
            originals = [a for a in articles if not a.duplicate_of] or articles
            first = min(
                originals, key=lambda a: (a.published.timestamp() if a.published else float("inf"), a.id)
            )
            titles[story_id] = first.title
        return titles

    def link_storylines(self) -> None:
        """Recompute storylines over every story."""
        known = self.store.analysis.load_entities()
        names = {entity.id: entity.name for entity in known}
        types = {entity.id: entity.type for entity in known}
        summaries = []
        for story in self.store.stories.records():
            ids = [a.id for a in story.articles]
            vectors = self.store.stories.load_vectors(self.config.stories.embedding_model, ids)
            if not vectors:
                continue
            centroid = np.mean(list(vectors.values()), axis=0)
            centroid = (centroid / (np.linalg.norm(centroid) or 1.0)).astype(np.float32)
            actors: Counter[str] = Counter()
            for article_id in ids:
                mentioned = {
                    m.entity_id for m in self.store.analysis.load(article_id).mentions if m.entity_id
                }
                actors.update(e for e in mentioned if types.get(e) in ACTOR_LABELS)
            summaries.append(
                StorySummary(story.id, centroid, actors, len(ids), story.first_seen, story.last_seen)
            )
        members, titles = build_storylines(summaries, names)
        self.store.stories.set_storylines(members, titles)


def assign_stories(store: Store, config: Config | None = None, *, rebuild: bool = False) -> StoryReport:
    """Assign new articles to stories (or rebuild all stories with ``rebuild``)."""
    builder = StoryBuilder(store, config or load_config())
    return builder.rebuild() if rebuild else builder.assign_new()
