"""The command line (``newsweave``): one module per group of commands, ``main.py`` the click group.

``main.py`` holds the group and the core commands (ingest, analyse, articles, show, entities, demo);
``stories.py``, ``brief.py``, ``events.py`` and ``serve.py`` add theirs; ``common.py`` is what they
share (the store and config from the context, JSON output, error handling).
"""
