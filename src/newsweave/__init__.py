"""newsweave: read many news reports and say what happened, where sources agree, add and differ.

Importing the package loads no model and opens no database. ``newsweave.open(db)`` opens a store for
use from Python (see ``newsweave.library`` and docs/library.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.library import Newsweave

__version__ = "0.1.0"
__all__ = ["__version__", "open"]


def open(db: Any = None, **options: Any) -> Newsweave:
    """Open a newsweave store: ``newsweave.open("news.db")`` (see ``newsweave.library.open_news``)."""
    from newsweave.library import open_news

    return open_news(db, **options)
