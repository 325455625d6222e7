"""Stored events read back: deduplicated per story, filtered, in the brief's event shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.store import Store


def story_events(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The events of a story's articles, one per real-world event, in the brief's event shape."""
    return []
