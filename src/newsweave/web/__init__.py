"""The web app and HTTP API (``newsweave serve``): server-rendered pages over a news store.

``create_app`` builds the FastAPI application; importing this package loads no model and opens no
database (the store is opened by ``create_app``, the sentence encoder on the first semantic search).
"""

from newsweave.web.app import create_app

__all__ = ["create_app"]
