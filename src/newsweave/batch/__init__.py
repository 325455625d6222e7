"""Batch runs (``newsweave batch``): the per-article stages on many workers, Parquet out, one writer.

Takes inputs (files, directories, URLs) and an output folder; gives Parquet tables partitioned by
publication date (articles, sentences, mentions, quantities, times, places, claims, events, vectors,
errors) and, after the single writer, a store with the stories plus the stories, mention-entity and
entity tables.

- :mod:`~newsweave.batch.layout`: chunks of inputs, part files, done markers (resume);
- :mod:`~newsweave.batch.tables`: the Parquet schemas and conversions to and from the data model;
- :mod:`~newsweave.batch.work`: ``ChunkWorker``, one chunk's reading, cleaning, analysis and embedding;
- :mod:`~newsweave.batch.engines`: the local process pool and Ray Data's actor pool that run it;
- :mod:`~newsweave.batch.load`: the single writer (ingest, analysis reused, stories);
- :mod:`~newsweave.batch.export`: the tables only the writer can make;
- :mod:`~newsweave.batch.run`: ``run_batch``, the whole run.
"""
