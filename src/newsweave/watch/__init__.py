"""`newsweave watch`: poll feeds and pages on a schedule and take what is new through ingest, analysis
and story assignment, as `newsweave ingest` does.

Takes the sources in the store (``store.sources``: `newsweave sources add | import | list | remove`);
gives stored articles and, per source, what its last poll found (validators for conditional requests,
when it is next due, how it has been failing). ``rounds.run_round`` is one pass over the due sources,
``rounds.watch`` the loop that runs until stopped.
"""
