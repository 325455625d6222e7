"""Atomic claims from parsed sentences (placeholder until the claim extractor lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsweave.data import Article, Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsweave.store.analysis_rows import ArticleAnalysis


def extract_claims(article: Article, doc: Doc, analysis: ArticleAnalysis) -> list[Claim]:
    """The claims of one parsed article: one per clause that states something."""
    return []
