"""PLOVER events from parsed sentences (placeholder until the event extractor lands)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsweave.config import Config
from newsweave.data import Article, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsweave.store.analysis_rows import ArticleAnalysis


class EventExtractor:
    """Codes the event sentences of parsed articles; models load on first use."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def extract(self, parsed: Sequence[tuple[Article, Doc, ArticleAnalysis]]) -> list[list[Event]]:
        """One list of events per (article, parse, analysis), in input order."""
        return [[] for _ in parsed]
