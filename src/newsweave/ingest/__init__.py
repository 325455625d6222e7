"""The ingest stage: inputs in, clean stored articles out.

Takes paths, URLs, feeds and archives (read by :mod:`newsweave.readers`); gives stored
:class:`~newsweave.data.Article` rows with boilerplate removed and duplicates marked, written
transactionally and idempotently.

- :mod:`~newsweave.ingest.boilerplate` and :mod:`~newsweave.ingest.boilerplate_patterns`: the lines a
  site adds to every page (comment policies, share prompts, bylines), cut from the text and kept apart;
- :mod:`~newsweave.ingest.dedupe`: exact and near-duplicate (syndicated) copies;
- :mod:`~newsweave.ingest.stage`: the run over a batch of inputs, with its report.
"""
