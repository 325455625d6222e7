"""Search over facts (claims): full text and semantic, with the article search's filters.

Reads the ``claims`` table: text mode keeps claims whose quote holds every query word (portable SQL, so
SQLite and PostgreSQL alike), semantic mode compares the query with each claim's core vector, cached in
the claims table by the briefs or encoded here, in memory only (request threads never write).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import ColumnElement, case, func, select

from newsweave.brief.view import limit_facts
from newsweave.store.claim_rows import load_claims_by_key
from newsweave.store.schema import articles, claims
from newsweave.web import queries
from newsweave.web.search_terms import (
    MAX_CANDIDATES,
    SearchFilters,
    SearchMode,
    has_every_word,
    mark,
    query_words,
)

if TYPE_CHECKING:
    from newsweave.config import Config
    from newsweave.data import Article, Claim
    from newsweave.store import Store
    from newsweave.web.caches import BriefCache

#: A claim's key: (article id, the claim's index in its article).
ClaimKey = tuple[str, int]

#: Semantic fact hits need at least this cosine similarity between the query and a claim's core.
#: benchmarks/search_real.py on the claims of the 181 real pages (a claim relevant when its article
#: reports the query's event: loose, background clauses count): the top 20's F1 is flat from 0.15 to
#: 0.35 on the calibration half (0.756 to 0.755) and falls after (0.40: 0.726); 0.35, the highest of
#: the flat range, keeps fewest unrelated claims when a query has few answers (test half: top-20 recall
#: 0.755, precision 0.755). The same figure as the articles' cut-off, measured apart.
FACT_SEMANTIC_MIN_SCORE = 0.35
#: Claims without a cached vector encoded per semantic fact query, newest articles first; the rest wait
#: for later queries (or for briefs to cache them). MiniLM int8 runs ~130 sentences/s per core
#: (DESIGN.md §5), so this bounds the encoding one request does to about 8 s on one core.
FACT_ENCODE_BUDGET = 1_000


@dataclass(slots=True)
class FactHit:
    """One matching claim: its article, story, score, the quote in marked pieces, and where the story's
    brief shows it (``fact_index``, when the brief is built and lists the claim)."""

    claim: Claim
    index: int
    """The claim's index among its article's claims."""
    article: Article
    story_id: str | None
    score: float
    quote: list[tuple[str, bool]] = field(default_factory=list)
    """The claim's text in pieces, each with whether it is a query word (the page marks those)."""
    fact_index: int | None = None

    @property
    def link(self) -> str:
        """Where the hit leads: the fact in its story, else the story, else the article."""
        if self.story_id is None:
            return f"/articles/{self.article.id}"
        anchor = f"#fact-{self.fact_index}" if self.fact_index is not None else ""
        return f"/stories/{self.story_id}{anchor}"

    def highlights(self) -> list[list[int]]:
        """[start, end) character offsets of the marked query words in the quote."""
        found: list[list[int]] = []
        cursor = 0
        for text, matched in self.quote:
            if matched:
                found.append([cursor, cursor + len(text)])
            cursor += len(text)
        return found

    def as_json(self) -> dict[str, object]:
        """The API's fact hit: the article as listed in a story, story id, score, the claim, and links."""
        from newsweave import shapes

        return {
            "article": shapes.article_summary(self.article),
            "story_id": self.story_id,
            "score": round(self.score, 4),
            "fact": {
                "index": self.index,
                "quote": self.claim.text,
                "core": self.claim.core or self.claim.text,
                "values": [
                    {"kind": value.kind, "value": value.value, "unit": value.unit, "text": value.text}
                    for value in self.claim.values
                ],
                "entity_ids": list(self.claim.entity_ids),
            },
            "highlights": self.highlights(),
            "brief_fact": self.fact_index,
            "link": self.link,
        }


class _FactVectors:
    """The core vectors of every claim, for semantic fact search: cached ones read from the claims
    table, missing ones encoded and kept here (in memory only; the briefs cache vectors in the store)."""

    def __init__(self, store: Store, model: str) -> None:
        self.store = store
        self.model = model
        self.lock = threading.Lock()
        self.keys: list[ClaimKey] = []
        self.entities: dict[ClaimKey, frozenset[str]] = {}
        self.texts: dict[ClaimKey, str] = {}
        self.matrix: NDArray[np.float32] = np.zeros((0, 0), dtype=np.float32)
        self._signature: tuple[int, int] | None = None
        self._rows: list[tuple[ClaimKey, str, bytes | None]] = []
        self._encoded: dict[tuple[str, int, str], NDArray[np.float32]] = {}
        self._pending = True

    def load(self) -> tuple[list[ClaimKey], NDArray[np.float32]]:
        """The claims with a vector and their vectors (row i is claim i), encoding up to a budget."""
        # Reloaded when the number of claims or of vectors cached for the model changes (an ingest, a
        # brief): one COUNT query per search instead of reading every claim.
        with self.store.reading() as connection:
            row = connection.execute(
                select(func.count(), func.count(case((claims.c.vector_model == self.model, 1)))).select_from(
                    claims
                )
            ).one()
        signature = (int(row[0]), int(row[1]))
        with self.lock:
            if signature != self._signature:
                self._reload()
                self._signature = signature
            if self._pending:
                self._encode_some()
            return self.keys, self.matrix

    def _reload(self) -> None:
        from newsweave.brief.align import alignment_text
        from newsweave.store.claim_rows import claim_from_row

        query = (
            select(claims, articles.c.published)
            .join(articles, articles.c.id == claims.c.article_id)
            .order_by(articles.c.published.desc().nulls_last(), claims.c.article_id, claims.c.idx)
        )
        rows: list[tuple[ClaimKey, str, bytes | None]] = []
        entities: dict[ClaimKey, frozenset[str]] = {}
        with self.store.reading() as connection:
            for row in connection.execute(query).mappings():
                key = (row["article_id"], row["idx"])
                blob = row["vectors"] if row["vector_model"] == self.model else None
                # The text the briefs encode (brief.align), so cached and fresh vectors agree.
                rows.append((key, alignment_text(claim_from_row(row)), blob))
                entities[key] = frozenset(json.loads(row["entity_ids"]))
        self._rows = rows
        self.entities = entities
        self.texts = {key: text for key, text, _ in rows}
        live = {(key[0], key[1], text) for key, text, blob in rows if blob is None}
        self._encoded = {item: vector for item, vector in self._encoded.items() if item in live}
        self._pending = True
        self._rebuild()

    def _encode_some(self) -> None:
        from newsweave.embeddings import load_encoder

        missing = [
            (key, text)
            for key, text, blob in self._rows
            if blob is None and (key[0], key[1], text) not in self._encoded
        ]
        batch = missing[:FACT_ENCODE_BUDGET]
        if batch:
            vectors = load_encoder(self.model).encode([text for _, text in batch])
            for (key, text), vector in zip(batch, vectors, strict=True):
                self._encoded[(key[0], key[1], text)] = vector.astype(np.float32)
            self._rebuild()
        self._pending = len(missing) > len(batch)

    def _rebuild(self) -> None:
        keys: list[ClaimKey] = []
        vectors: list[NDArray[np.float32]] = []
        for key, text, blob in self._rows:
            if blob is not None:
                both = np.frombuffer(blob, dtype=np.float32)
                vector = both[: len(both) // 2]  # the core vector; the predicate vector follows
            else:
                found = self._encoded.get((key[0], key[1], text))
                if found is None:
                    continue
                vector = found
            keys.append(key)
            vectors.append(vector)
        self.keys = keys
        self.matrix = np.stack(vectors).astype(np.float32) if vectors else np.zeros((0, 0), dtype=np.float32)


def _like_word(word: str) -> str:
    """A LIKE pattern (escape character ``\\``) matching ``word`` anywhere, its wildcards escaped."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class FactSearcher:
    """Full-text and semantic search over the claims of one (reading) store."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self._vectors = _FactVectors(store, config.stories.embedding_model)
        self.model = config.stories.embedding_model

    def search(
        self,
        query: str,
        *,
        mode: SearchMode = "text",
        filters: SearchFilters | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[FactHit]:
        """Claims matching ``query`` best first, filtered, from ``offset``; at most ``limit``."""
        filters = filters or SearchFilters()
        words = query_words(query)
        if not words:
            return []
        ranked = self._semantic(query, filters) if mode == "semantic" else self._text(words, filters)
        kept = ranked[offset : offset + limit]
        keys = [key for key, _ in kept]
        with self.store.reading() as connection:
            found = load_claims_by_key(connection, keys)
        article_ids = [article_id for article_id, _ in keys]
        stories = queries.story_of_articles(self.store, article_ids)
        found_articles = self.store.get_articles(article_ids)
        return [
            FactHit(
                claim=found[key],
                index=key[1],
                article=found_articles[key[0]],
                story_id=stories.get(key[0]),
                score=score,
                quote=mark(found[key].text, words),
            )
            for key, score in kept
            if key in found and key[0] in found_articles
        ]

    def _conditions(self, filters: SearchFilters) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if filters.outlet is not None:
            found.append(articles.c.outlet == filters.outlet)
        if filters.since is not None:
            found.append(articles.c.published >= filters.since)
        if filters.until is not None:
            found.append(articles.c.published <= filters.until)
        if filters.entity is not None:
            # entity_ids is a JSON list of strings: a quoted id in it is the id (checked again below).
            found.append(claims.c.entity_ids.like(_like_word(json.dumps(filters.entity)), escape="\\"))
        return found

    def _text(self, words: list[str], filters: SearchFilters) -> list[tuple[ClaimKey, float]]:
        conditions = self._conditions(filters)
        # SQL narrows by substring (portable LIKE on the lower-cased text); whole words are checked in
        # Python. SQLite lower-cases ASCII only, so other words are left to the Python check.
        for word in dict.fromkeys(words):
            if word.isascii():
                conditions.append(func.lower(claims.c.text).like(_like_word(word), escape="\\"))
        query = (
            select(claims.c.article_id, claims.c.idx, claims.c.text, claims.c.entity_ids)
            .join(articles, articles.c.id == claims.c.article_id)
            .where(*conditions)
            .order_by(articles.c.published.desc().nulls_last(), claims.c.article_id, claims.c.idx)
            .limit(MAX_CANDIDATES)
        )
        ranked: list[tuple[ClaimKey, float]] = []
        seen: set[tuple[str, str]] = set()
        with self.store.reading() as connection:
            for row in connection.execute(query):
                if (row.article_id, row.text) in seen or not has_every_word(row.text, words):
                    continue
                seen.add((row.article_id, row.text))
                if filters.entity is not None and filters.entity not in json.loads(row.entity_ids):
                    continue
                # No bm25 over claims: the share of the quote's words that are query words, so a claim
                # about the query outranks a long sentence that mentions it (ties: newest first).
                length = max(1, len(query_words(row.text)))
                ranked.append(((row.article_id, row.idx), min(1.0, len(words) / length)))
        ranked.sort(key=lambda item: -item[1])
        return ranked

    def _semantic(self, query: str, filters: SearchFilters) -> list[tuple[ClaimKey, float]]:
        from newsweave.embeddings import load_encoder

        keys, matrix = self._vectors.load()
        if not keys:
            return []
        vector = load_encoder(self.model).encode([query])[0]
        scores = matrix @ vector
        order = np.argsort(-scores, kind="stable")
        ranked: list[tuple[ClaimKey, float]] = []
        seen: set[tuple[str, str]] = set()
        for i in order:
            if scores[i] < FACT_SEMANTIC_MIN_SCORE:
                break
            # A sentence split into overlapping clauses can yield one core twice: show it once.
            unique = (keys[i][0], self._vectors.texts.get(keys[i], ""))
            if unique not in seen:
                seen.add(unique)
                ranked.append((keys[i], float(scores[i])))
        if not filters.active:
            return ranked
        meta = queries.article_meta(self.store, [article_id for (article_id, _), _ in ranked])
        kept = []
        for key, score in ranked:
            info = meta.get(key[0])
            if info is None:
                continue
            if filters.outlet is not None and info.outlet != filters.outlet:
                continue
            if filters.entity is not None and filters.entity not in self._vectors.entities.get(key, ()):
                continue
            if filters.since is not None and (info.published is None or info.published < filters.since):
                continue
            if filters.until is not None and (info.published is None or info.published > filters.until):
                continue
            kept.append((key, score))
        return kept


def anchor_facts(hits: Sequence[FactHit], briefs: BriefCache, store: Store) -> None:
    """Set each hit's ``fact_index``: where its story's brief (when built; none is queued) lists it."""
    by_story: dict[str, dict[tuple[str, str], int]] = {}
    for hit in hits:
        if hit.story_id is None:
            continue
        if hit.story_id not in by_story:
            by_story[hit.story_id] = _fact_positions(briefs, store, hit.story_id)
        hit.fact_index = by_story[hit.story_id].get((hit.article.id, hit.claim.text))


def _fact_positions(briefs: BriefCache, store: Store, story_id: str) -> dict[tuple[str, str], int]:
    version = queries.story_version(store, story_id)
    brief: dict[str, Any] | None = briefs.cached(story_id, version) if version else None
    if brief is not None:  # positions on the story page, which lists the default view
        brief = limit_facts(brief, briefs.config.brief.max_facts)
    positions: dict[tuple[str, str], int] = {}
    for index, fact in enumerate((brief or {}).get("facts", [])):
        for source in fact.get("sources", []):
            positions.setdefault((str(source.get("article_id")), str(source.get("quote"))), index)
    return positions
