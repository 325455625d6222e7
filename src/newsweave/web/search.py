"""Search over articles: full text and semantic, and what both scopes share (filters, word marking).

Both scopes (articles here, facts in ``web/fact_search.py``) and both modes take the same filters
(outlet, entity, date range) and return hits that link to stories. Article search uses the store's FTS5
index (text) and the vectors story assignment stored for every analysed article (``article_vectors``,
semantic). The encoder loads on the first semantic query only.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import func, select

from newsweave.store.schema import article_vectors
from newsweave.web import queries

if TYPE_CHECKING:
    from newsweave.config import Config
    from newsweave.data import Article
    from newsweave.store import Store

SearchMode = Literal["text", "semantic"]
SearchScope = Literal["articles", "facts"]

#: Full-text candidates fetched per wanted hit when filters may drop some: the FTS index knows no outlet
#: or date, so filtering happens after ranking. 10x keeps a page full unless a filter keeps under 10%.
FILTER_OVERFETCH = 10
#: At most this many full-text candidates are ranked per query (bounds the work a query can cause).
MAX_CANDIDATES = 2_000
#: Semantic hits need at least this cosine similarity to the query. benchmarks/web_search_threshold.py
#: (19 hand-written queries x the 97 articles of the bundled sample): the articles of the story a query
#: describes score p5 0.34 / median 0.50, all others median 0.04 / p95 0.27; at 0.25, 99.3% of relevant
#: articles are kept and 5.8% of unrelated ones let through (0.30: 97.5% / 4.3%; 0.20: 100% / 9.4%).
SEMANTIC_MIN_SCORE = 0.25
#: Characters of context either side of the first match in a snippet.
SNIPPET_CONTEXT = 110
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What a search keeps: articles of an outlet, naming an entity, published in a date range."""

    outlet: str | None = None
    entity: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    @property
    def active(self) -> bool:
        """True when some filter is set."""
        return any(value is not None for value in (self.outlet, self.entity, self.since, self.until))


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


def query_words(query: str) -> list[str]:
    """The words of a query, lower-cased, as matched in snippets."""
    return [word.casefold() for word in _WORD.findall(query)]


def _word_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    wanted = sorted({word.casefold() for word in words if word}, key=len, reverse=True)
    # One alternation scanned in C, not a Python test per word of the text (20x faster on news texts).
    return re.compile(r"\b(?:" + "|".join(map(re.escape, wanted)) + r")\b", re.IGNORECASE) if wanted else None


def mark(text: str, words: Sequence[str]) -> list[tuple[str, bool]]:
    """All of ``text`` in pieces, each with whether it is a query word (whole words, case-insensitive)."""
    pattern = _word_pattern(words)
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for match in pattern.finditer(text) if pattern else ():
        if match.start() > cursor:
            pieces.append((text[cursor : match.start()], False))
        pieces.append((match.group(), True))
        cursor = match.end()
    if cursor < len(text) or not pieces:
        pieces.append((text[cursor:], False))
    return pieces


def has_every_word(text: str, words: Sequence[str]) -> bool:
    """Whether ``text`` holds each of ``words`` as a whole word (case-insensitive)."""
    pattern = _word_pattern(words)
    if pattern is None:
        return True
    found = {match.group().casefold() for match in pattern.finditer(text)}
    return all(word.casefold() in found for word in words)


def snippet(text: str, words: Sequence[str], *, context: int = SNIPPET_CONTEXT) -> list[tuple[str, bool]]:
    """A window of ``text`` around the first query word found, with every query word in it marked.

    Without a match the window is the text's beginning. Matching is on whole words, case-insensitive.
    """
    pattern = _word_pattern(words)
    matches = list(pattern.finditer(text)) if pattern else []
    first = matches[0].start() if matches else 0
    start = max(0, first - context)
    end = min(len(text), first + (context * 2 if matches else context * 3))
    # Cut on word boundaries so the window does not start or end mid-word.
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space > first else end
    pieces: list[tuple[str, bool]] = [("… ", False)] if start > 0 else []
    cursor = start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        if match.start() > cursor:
            pieces.append((text[cursor : match.start()], False))
        pieces.append((match.group(), True))
        cursor = match.end()
    if cursor < end:
        pieces.append((text[cursor:end], False))
    if end < len(text):
        pieces.append((" …", False))
    return pieces


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
        from newsweave.web.fact_search import FactSearcher  # it builds on this module's helpers

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
        found = queries.articles_by_id(self.store, ids)
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
