"""The analysis stage: per-article NLP over stored articles.

Takes an :class:`~newsweave.data.Article`; gives its :class:`~newsweave.data.ArticleAnalysis`: language,
sentences, entity mentions resolved to entities, quantities, dates, places, claims and events.
:mod:`~newsweave.analysis.stage` is the store-facing wrapper (``analyse_store``) that ingest and the CLI
call; the other modules are the components it runs.
"""
