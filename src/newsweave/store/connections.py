"""What the row modules need of a store: its connections (below ``store.py``, which hands itself in)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Connection

if TYPE_CHECKING:
    from newsweave.data import Article


class Connections(Protocol):
    """What the row modules (``AnalysisRows``, ``StoryRows``, ``DuplicateRows``) use of a store."""

    def atomic(self) -> AbstractContextManager[Connection]:
        """A transaction (nested calls become SAVEPOINTs)."""
        ...

    def reading(self) -> AbstractContextManager[Connection]:
        """A connection for reads."""
        ...

    def get_article(self, id_or_prefix: str) -> Article:
        """One article by id or unique id prefix."""
        ...

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """Articles by their whole ids."""
        ...
