"""The story stage: which reports are one story, and which stories are one storyline.

Takes analysed articles (their stored analysis and an embedding of title and text) and gives each a
story; links stories about one ongoing matter into storylines.

- :mod:`~newsweave.stories.features`: what assignment compares (an article's features, a story's
  profile) and the score between them, with every calibrated weight;
- :mod:`~newsweave.stories.centroid_index`: nearest story centroids (exact, or HNSW for many);
- :mod:`~newsweave.stories.assign`: online assignment, refinement and ``recluster`` (pure: features in,
  story ids out);
- :mod:`~newsweave.stories.storylines`: stories linked across time by shared core actors and subject;
- :mod:`~newsweave.stories.stage`: the store-facing wrapper that ingest and the CLI call.

Importing this package loads nothing heavy: each module is imported where it is used.
"""
