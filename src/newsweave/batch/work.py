"""The per-chunk work of a batch run: read, clean, analyse and embed, then write Parquet.

Everything here is store-free (the architecture's ``Article -> Article`` stages, ``Analyser.analyse``
and the encoder), so any number of workers can run it side by side: a process pool on one machine or
a Ray actor pool. A ``ChunkWorker`` loads its models once and keeps them for every chunk it is given.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsweave.batch import layout, tables
from newsweave.config import Config
from newsweave.data import Article, Failure
from newsweave.errors import Errors
from newsweave.pipeline.runner import Dropped, Runner

if TYPE_CHECKING:
    from newsweave.analysis.stage import Analyser
    from newsweave.embeddings import Encoder
    from newsweave.readers.base import ReadOptions
    from newsweave.store.analysis_rows import ArticleAnalysis


class ChunkWorker:
    """Turns chunks of inputs into part files; one per worker process or Ray actor."""

    def __init__(self, config: Config, options: ReadOptions, output: str) -> None:
        from newsweave.ingest.stage import per_article_stages

        self.config = config
        self.options = options
        self.output = Path(output)
        self.runner = Runner(per_article_stages(config))
        self._analyser: Analyser | None = None
        self._encoder: Encoder | None = None

    @property
    def analyser(self) -> Analyser:
        """The analysis models, loaded on the first chunk and kept."""
        if self._analyser is None:
            from newsweave.analysis.stage import Analyser

            self._analyser = Analyser(self.config)
        return self._analyser

    @property
    def encoder(self) -> Encoder:
        """The story encoder, loaded on the first chunk and kept."""
        if self._encoder is None:
            from newsweave.embeddings import load_encoder

            self._encoder = load_encoder(self.config.stories.embedding_model)
        return self._encoder

    def __call__(self, chunk: layout.Chunk) -> dict[str, Any]:
        """Process one chunk and write its part files; returns its summary (counts, files, memory)."""
        from newsweave.analysis.stage import analyse_batch
        from newsweave.stories.stage import embedding_text, lead_text

        started = time.process_time()
        counts: Counter[str] = Counter()
        rows: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        kept, dropped = self._read(chunk, counts, rows)
        size = self.config.analysis.batch_size
        analyses: list[ArticleAnalysis] = []
        for start in range(0, len(kept), size):
            analyses.extend(
                analyse_batch(self.analyser, [article for _, article in kept[start : start + size]])
            )
        model = self.config.stories.embedding_model
        vectors = self.encoder.encode([embedding_text(article) for _, article in kept]) if kept else ()
        leads = self.encoder.encode([lead_text(article) for _, article in kept]) if kept else ()
        for (where, article), analysis, vector, lead in zip(kept, analyses, vectors, leads, strict=True):
            part = tables.partition_of(article)
            rows["articles"][part].append(tables.article_row(article, where, analysis, None))
            for table, table_rows in tables.analysis_rows(analysis).items():
                rows[table][part].extend(table_rows)
            rows["vectors"][part].append(tables.vector_row(article.id, model, vector, lead))
            counts["analysed" if analysis.note is None else "not_analysed"] += 1
        for where, article, reason in dropped:
            rows["articles"][tables.partition_of(article)].append(
                tables.article_row(article, where, None, reason)
            )
        files = [
            layout.write_part(self.output, table, part, chunk, tables.to_table(table, part_rows))
            for table in tables.CHUNK_TABLES
            for part, part_rows in sorted(rows[table].items())
        ]
        return {
            "counts": dict(counts),
            "files": files,
            "peak_rss_mib": peak_rss_mib(),
            "cpu_s": round(time.process_time() - started, 3),
        }

    def _read(
        self, chunk: layout.Chunk, counts: Counter[str], rows: dict[str, dict[str, list[dict[str, Any]]]]
    ) -> tuple[list[tuple[int, Article]], list[tuple[int, Article, str]]]:
        """Read the chunk's inputs through the per-article stages: (position, article) kept, and
        (position, article, reason) dropped; failures go to ``rows["errors"]``."""
        from newsweave.readers import read_input

        kept: list[tuple[int, Article]] = []
        dropped: list[tuple[int, Article, str]] = []
        position = 0
        for item in chunk.items:
            for result in read_input(item, self.options):
                if isinstance(result, Failure):
                    counts["failed"] += 1
                    rows["errors"][tables.UNDATED].append(tables.error_row(result, position))
                else:
                    counts["read"] += 1
                    cleaned = self.runner.run(result)
                    if isinstance(cleaned, Dropped):
                        counts["dropped"] += 1
                        dropped.append((position, result, cleaned.reason))
                    else:
                        kept.append((position, cleaned))
                position += 1
        return kept, dropped


def failed_chunk_rows(chunk: layout.Chunk, error: str) -> list[dict[str, Any]]:
    """The ``errors`` rows of a chunk whose worker failed: one per input, naming the error."""
    message = " ".join(error.split())[:300]
    reason = Errors.BATCH_CHUNK_FAILED.message.format(error=message)
    return [
        tables.error_row(Failure(item, Errors.BATCH_CHUNK_FAILED.code, reason), position)
        for position, item in enumerate(chunk.items)
    ]


def peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)
