"""The JSON shapes of DESIGN.md §4, shared by the CLI's ``--json`` output and the HTTP API."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.data import Article, Entity
    from newsweave.store.analysis_rows import ArticleAnalysis
    from newsweave.store.story_rows import StoryRecord


def article_summary(article: Article) -> dict[str, Any]:
    """An article as listed in a story: id, url, outlet, published, title, duplicate_of."""
    return {
        "id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        "duplicate_of": article.duplicate_of,
    }


def article_details(article: Article) -> dict[str, Any]:
    """An article in full: metadata, text and removed boilerplate."""
    return {
        **article_summary(article),
        "author": article.author,
        "language": article.language,
        "source": article.source,
        "source_kind": article.source_kind,
        "duplicate_kind": article.duplicate_kind,
        "similarity": article.similarity,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason, "offset": r.offset} for r in article.removed],
    }


def analysis_details(analysis: ArticleAnalysis) -> dict[str, Any]:
    """An article's analysis: mentions, quantities, times and places with their spans."""

    def spans(items: list[Any], *names: str) -> list[dict[str, Any]]:
        return [
            {"start": i.start, "end": i.end, "text": i.text, **{n: getattr(i, n) for n in names}}
            for i in items
        ]

    return {
        "language": analysis.language,
        "analysis_note": analysis.note,
        "sentences": len(analysis.sentences),
        "mentions": spans(analysis.mentions, "label", "title", "entity_id"),
        "quantities": spans(analysis.quantities, "value", "unit", "kind", "qualifier", "what"),
        "times": spans(analysis.times, "begin", "end_date", "granularity", "relation", "approximate"),
        "places": spans(analysis.places, "canonical", "geonames_id", "country", "kind", "lat", "lon"),
    }


def entity_json(entity: Entity) -> dict[str, Any]:
    """An entity in the brief's shape (DESIGN.md §4): who spelled its name how, and where."""
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": [
            {"name": alias, "articles": sorted(ids)} for alias, ids in sorted(entity.aliases.items())
        ],
        "country": entity.country,
        "articles": sorted(entity.articles()),
    }


def story_json(story: StoryRecord) -> dict[str, Any]:
    """A story in the shape of DESIGN.md §4 (``stories --json``)."""
    return {
        "id": story.id,
        "title": story.title,
        "articles": [article_summary(article) for article in story.articles],
        "outlets": story.outlets,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "storyline": story.storyline,
    }


def storyline_json(storyline_id: str, title: str, members: list[StoryRecord]) -> dict[str, Any]:
    """A storyline with its stories in date order (``newsweave storylines --json``, ``/api/storylines``)."""
    return {"id": storyline_id, "title": title, "stories": [story_json(story) for story in members]}


def json_default(value: Any) -> str:
    """``json.dumps``' fallback: dates and times in ISO 8601 (as every shape above gives them)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
