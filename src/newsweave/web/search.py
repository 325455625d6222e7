"""Search over articles: full text and semantic (what both scopes share: ``web/search_terms.py``).

Both scopes (articles here, facts in ``web/fact_search.py``) and both modes take the same filters
(outlet, entity, date range) and return hits that link to stories. Article search uses the store's FTS5
index (text) and the vectors story assignment stored for every analysed article (``article_vectors``,
semantic). The encoder loads on the first semantic query only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import func, select

from newsweave.store.schema import article_vectors
from newsweave.web import queries
from newsweave.web.fact_search import FactSearcher
from newsweave.web.search_terms import (
    FILTER_OVERFETCH,
    MAX_CANDIDATES,
    SEMANTIC_MIN_SCORE,
    SearchFilters,
    SearchMode,
    query_words,
    snippet,
)

if TYPE_CHECKING:
    from newsweave.config import Config
    from newsweave.data import Article
    from newsweave.store import Store

@dataclass(slots=True)
class SearchHit:
    """One matching article: its story, its score (higher is better) and a snippet to show."""

    article: Article
    story_id: str | None
    score: float
    snippet: list[tuple[str, bool]] = field(default_factory=list)
    """Pieces of text, each with whether it matched a query word (the page marks those)."""

    def as_json(self) -> dict[str, object]:
        """The API's search hit: the article as listed in a story, its story id, score and snippet."""
        from newsweave import shapes

        return {
            "article": shapes.article_summary(self.article),
            "story_id": self.story_id,
            "score": round(self.score, 4),
            "snippet": "".join(text for text, _ in self.snippet),
        }


class Searcher:
    """Full-text and semantic article search over one (reading) store."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.model = config.stories.embedding_model
        self._lock = threading.Lock()
        self._ids: list[str] = []
        self._matrix: NDArray[np.float32] = np.zeros((0, 0), dtype=np.float32)
        self._loaded_count = -1
        #: Search over facts (claims), with the same filters: ``searcher.facts.search(...)``.
        self.facts = FactSearcher(store, config)

    def search(
        self,
        query: str,
        *,
        mode: SearchMode = "text",
        filters: SearchFilters | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Articles matching ``query`` best first, filtered, from ``offset``; at most ``limit``."""
        filters = filters or SearchFilters()
        if not query_words(query):
            return []
        wanted = offset + limit
        if mode == "semantic":
            ranked = self._semantic(query)
        else:
            fetch = min(MAX_CANDIDATES, wanted * (FILTER_OVERFETCH if filters.active else 1))
            ids = self.store.search_articles(query, limit=fetch)
            # FTS5's bm25 rank is not returned by the store: the score is 1/(rank position).
            ranked = [(article_id, 1.0 / (position + 1)) for position, article_id in enumerate(ids)]
        kept = self._filter(ranked, filters)[offset:wanted]
        ids = [article_id for article_id, _ in kept]
        stories = queries.story_of_articles(self.store, ids)
        found = self.store.get_articles(ids)
        words = query_words(query)
        return [
            SearchHit(
                found[article_id], stories.get(article_id), score, snippet(found[article_id].text, words)
            )
            for article_id, score in kept
            if article_id in found
        ]

    def _filter(self, ranked: list[tuple[str, float]], filters: SearchFilters) -> list[tuple[str, float]]:
        if not filters.active:
            return ranked
        meta = queries.article_meta(self.store, [article_id for article_id, _ in ranked])
        naming = queries.articles_mentioning(self.store, filters.entity) if filters.entity else None
        kept = []
        for article_id, score in ranked:
            info = meta.get(article_id)
            if info is None:
                continue
            if filters.outlet is not None and info.outlet != filters.outlet:
                continue
            if naming is not None and article_id not in naming:
                continue
            if filters.since is not None and (info.published is None or info.published < filters.since):
                continue
            if filters.until is not None and (info.published is None or info.published > filters.until):
                continue
            kept.append((article_id, score))
        return kept

    def _semantic(self, query: str) -> list[tuple[str, float]]:
        from newsweave.embeddings import load_encoder

        ids, matrix = self._vectors()
        if not ids:
            return []
        vector = load_encoder(self.model).encode([query])[0]
        scores = matrix @ vector
        order = np.argsort(-scores, kind="stable")
        return [(ids[i], float(scores[i])) for i in order if scores[i] >= SEMANTIC_MIN_SCORE]

    def _vectors(self) -> tuple[list[str], NDArray[np.float32]]:
        # The matrix is reloaded when the number of stored vectors changes (an ingest added some): one
        # COUNT per query instead of reading every vector.
        with self.store.reading() as connection:
            count = connection.scalar(
                select(func.count()).select_from(article_vectors).where(article_vectors.c.model == self.model)
            )
        with self._lock:
            if count != self._loaded_count:
                vectors = self.store.stories.load_vectors(self.model)
                self._ids = sorted(vectors)
                self._matrix = (
                    np.stack([vectors[i] for i in self._ids]).astype(np.float32)
                    if vectors
                    else np.zeros((0, 0), dtype=np.float32)
                )
                self._loaded_count = count or 0
            return self._ids, self._matrix
