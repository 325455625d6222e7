"""The single writer of a batch run: the workers' Parquet into a store, then stories.

It replays what the workers read, chunk by chunk and in reading order, through the same functions
``newsweave ingest`` runs (``ingest_results``, ``analyse_store``, ``assign_stories``), so a batch
ends with the store an ingest of the same inputs makes. What the workers computed is used where it
still holds: an article's analysis and vector when its stored text is the text they analysed. Ingest
can change a text after the workers saw it (a line its outlet repeats in many articles is cut only
once the store has seen them); such articles are analysed again here.

Only the current chunk's rows and a map from article id to chunk are held in memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsweave.batch import layout, tables
from newsweave.config import Config
from newsweave.data import Article

if TYPE_CHECKING:
    from newsweave.analysis.stage import AnalysisReport
    from newsweave.ingest.stage import IngestReport
    from newsweave.readers.base import ReadResult
    from newsweave.store import Store
    from newsweave.store.analysis_rows import ArticleAnalysis
    from newsweave.stories.stage import StoryReport

# Chunks whose analyses are held at once: the analysis reads articles in ingest order, which follows
# the chunks but can reach a little into the next one within one transaction.
CACHED_CHUNKS = 2


@dataclass(slots=True)
class LoadReport:
    """What the single writer did: ingest, analysis (how much it reused) and stories."""

    ingest: IngestReport
    analysis: AnalysisReport
    stories: StoryReport
    reused_analyses: int
    reused_vectors: int


def read_chunk(
    output: Path, table: str, chunk: layout.Chunk, columns: list[str] | None = None
) -> list[dict[str, Any]]:
    """Every row one chunk wrote to one table (all its date partitions), all columns or ``columns``."""
    files = layout.chunk_files(output, table, chunk)
    if not files:
        return []
    parts = [pq.read_table(f, columns=columns, schema=tables.SCHEMAS[table]) for f in files]
    rows: list[dict[str, Any]] = pa.concat_tables(parts).to_pylist()
    return rows


class ChunkReader:
    """Reads the chunks' rows back: articles and failures in reading order, analyses and vectors."""

    def __init__(self, output: Path, chunks: Sequence[layout.Chunk]) -> None:
        self.output = output
        self.chunks = list(chunks)
        self.chunk_of: dict[str, int] = {}
        self._cache: OrderedDict[int, dict[str, tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]]] = (
            OrderedDict()
        )

    def results(self) -> Iterator[ReadResult]:
        """Articles and failures of every chunk, in the order the workers read them."""
        for n, chunk in enumerate(self.chunks):
            entries: list[tuple[int, int, ReadResult]] = []
            for row in read_chunk(self.output, "articles", chunk):
                self.chunk_of.setdefault(row["id"], n)
                entries.append((row["position"], 1, tables.article_from_row(row)))
            for row in read_chunk(self.output, "errors", chunk):
                entries.append((row["position"], 0, tables.failure_from_row(row)))
            for _, _, result in sorted(entries, key=lambda entry: entry[:2]):
                yield result

    def analysis_of(self, article: Article) -> ArticleAnalysis | None:
        """The workers' analysis of an article, if they analysed the text it now has."""
        n = self.chunk_of.get(article.id)
        if n is None:
            return None
        found = self._chunk(n).get(article.id)
        if found is None:
            return None
        row, spans = found
        if not row["analysed"] or row["text_hash"] != article.text_hash:
            return None
        return tables.analysis_from_rows(row, spans)

    def vectors(self, n: int) -> dict[str, tuple[str, list[float], list[float] | None]]:
        """One chunk's article vectors, with the text hash each was made from and the lead's vector (None
        in output written before leads were kept: the story stage encodes those)."""
        ids = read_chunk(self.output, "articles", self.chunks[n], columns=["id", "text_hash"])
        hashes = {row["id"]: row["text_hash"] for row in ids}
        return {
            row["article_id"]: (hashes[row["article_id"]], row["vector"], row.get("lead"))
            for row in read_chunk(self.output, "vectors", self.chunks[n])
        }

    def _chunk(self, n: int) -> dict[str, tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]]:
        if n in self._cache:
            self._cache.move_to_end(n)
            return self._cache[n]
        chunk = self.chunks[n]
        rows: dict[str, tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]] = {
            row["id"]: (row, {table: [] for table in tables.SPAN_TABLES})
            for row in read_chunk(self.output, "articles", chunk)
        }
        for table in tables.SPAN_TABLES:
            for row in read_chunk(self.output, table, chunk):
                rows[row["article_id"]][1][table].append(row)
        self._cache[n] = rows
        while len(self._cache) > CACHED_CHUNKS:
            self._cache.popitem(last=False)
        return rows


def load_into_store(output: Path, chunks: Sequence[layout.Chunk], store: Store, config: Config) -> LoadReport:
    """Ingest, analyse (reusing the workers' analyses) and assign stories from the done chunks."""
    from newsweave.analysis.stage import analyse_store
    from newsweave.ingest.stage import ingest_results
    from newsweave.stories.stage import assign_stories

    reader = ChunkReader(output, chunks)
    ingested = ingest_results(reader.results(), [str(output)], store, config)
    reused = 0

    def precomputed(article: Article) -> ArticleAnalysis | None:
        nonlocal reused
        analysis = reader.analysis_of(article)
        reused += analysis is not None
        return analysis

    analysed = analyse_store(store, config, precomputed=precomputed)
    vectors = _save_vectors(reader, store, config, set(ingested.new_ids))
    stories = assign_stories(store, config)
    return LoadReport(ingested, analysed, stories, reused, vectors)


def _save_vectors(reader: ChunkReader, store: Store, config: Config, new_ids: set[str]) -> int:
    """Store the workers' vectors of new articles whose text ingest left as the workers saw it."""
    import numpy as np

    model = config.stories.embedding_model
    saved = 0
    for n in range(len(reader.chunks)):
        made = {i: v for i, v in reader.vectors(n).items() if i in new_ids}
        stored = store.get_articles(made)
        kept = [
            article_id
            for article_id, (text_hash, _, _) in made.items()
            if article_id in stored and stored[article_id].text_hash == text_hash
        ]
        fresh = {article_id: np.asarray(made[article_id][1], dtype=np.float32) for article_id in kept}
        leads = {
            article_id: np.asarray(lead, dtype=np.float32)
            for article_id in kept
            if (lead := made[article_id][2]) is not None
        }
        if fresh:
            store.stories.save_vectors(model, fresh, leads)
            saved += len(fresh)
    return saved
