"""The web app and HTTP API (``newsweave serve``): server-rendered pages over a news store.

:func:`newsweave.web.app.create_app` builds the FastAPI application; ``web/state.py`` holds what the
pages (``pages.py``) and the API (``api.py``, ``api_ingest.py``) share, below all three. Importing this
package loads no model and opens no database (the store is opened by ``create_app``, the sentence
encoder on the first semantic search), and imports none of its modules.
"""
