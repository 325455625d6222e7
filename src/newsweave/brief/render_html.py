"""A brief as one standalone HTML page: no external resource, no script, readable offline and in print.

The page shows the summary, facts with status badges, discrepancies, timeline, events, coverage and,
side by side, the text of every independent article with each fact's quote highlighted (one column
per article; a syndicated copy is listed under its original). Clicking a fact jumps to the articles
and outlines its passages in every column; clicking a citation next to a fact scrolls that column to
the passage. Both work with CSS ``:target`` alone.

All text comes from articles and is untrusted: the Jinja2 template autoescapes everything, class
names are chosen from fixed tables, URLs become links only when they are http(s), and a Content
Security Policy forbids every script, so even a bypass of the escaping could not run one.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jinja2

from newsweave import __version__
from newsweave.brief.html_columns import Columns, build_columns, column_quotes, status_class, status_label
from newsweave.brief.md_text import (
    STATUS_LABELS,
    actor_text,
    day,
    entity_type,
    event_date,
    goldstein_text,
    place_text,
    safe_url,
    value_text,
)
from newsweave.brief.sources import Sources, fact_sources, group_facts, naming_title, outlets_phrase

if TYPE_CHECKING:
    from newsweave.data import Article

STATUS_SYMBOLS: dict[str, str] = {"corroborated": "✓", "disputed": "≠", "single_source": "●"}
"""A symbol next to each badge's text, so that status never rests on colour alone."""


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The template environment; autoescaping is on for every template, whatever its name."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsweave.brief", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(brief: dict[str, Any], articles: Mapping[str, Article]) -> str:
    """The brief as a standalone HTML page; ``articles`` gives the texts to show side by side (by id).

    An article missing from ``articles`` keeps its column, with a note that its text is unavailable.
    """
    sources = Sources(brief, articles)
    columns = Columns(sources)
    facts = [fact for fact in brief.get("facts") or [] if isinstance(fact, Mapping)]
    quotes = column_quotes(facts, columns)
    column_views, located = build_columns(articles, sources, columns, facts, quotes)
    context = {
        **_story_context(brief, sources),
        "sources": [_source_view(sources, source.number) for source in sources],
        "counts": _status_counts(facts),
        "summary": _summary_views(brief, sources),
        "fact_groups": _fact_groups(facts, sources, columns, located),
        "facts": [_fact_view(index, facts, sources, columns, located) for index in range(len(facts))],
        "discrepancies": [_discrepancy_view(d, sources) for d in brief.get("discrepancies") or []],
        "timeline": _timeline_views(brief, sources),
        "events": [_event_view(event, sources) for event in brief.get("events") or []],
        "coverage": [_coverage_view(outlet, sources, facts) for outlet in brief.get("coverage") or []],
        "entities": [_entity_view(entity, sources) for entity in brief.get("entities") or []],
        "columns": column_views,
    }
    return _environment().get_template("brief.html").render(context)


def _fact_view(
    index: int,
    facts: list[Mapping[str, Any]],
    sources: Sources,
    columns: Columns,
    located: dict[int, set[int]],
) -> dict[str, Any]:
    """What the template needs of one fact: badge, text, citations and, when they differ, its values."""
    fact = facts[index]
    return {
        "index": index,
        "label": f"F{index + 1}",
        "text": str(fact.get("text") or ""),
        "status_class": status_class(fact.get("status")),
        "status_label": status_label(fact.get("status")),
        "symbol": STATUS_SYMBOLS.get(str(fact.get("status")), "?"),
        "cited": _cited_views(index, fact, sources, columns, located),
        "shown_values": [
            {"text": value_text(value), "numbers": sources.numbers(value.get("article_ids") or [])}
            for value in fact.get("values") or []
        ]
        if len(fact.get("values") or []) > 1
        else [],
        "note": str(fact.get("note") or ""),
    }


def _cited_views(
    index: int, fact: Mapping[str, Any], sources: Sources, columns: Columns, located: dict[int, set[int]]
) -> list[dict[str, Any]]:
    """A fact's citations, in source order: each links to its passage if found, else to the article."""
    cited = []
    for article_id in sorted(fact_sources(fact), key=lambda i: sources.number(i) or 0):
        number = sources.number(article_id)
        column = columns.of(article_id)
        found = column is not None and index in located.get(column, set())
        cited.append(
            {
                "number": number,
                "href": f"#q{index}-{column}" if found else f"#a{number}",
                "located": found,
                "outlet": sources.outlet(article_id),
            }
        )
    return cited


def _fact_groups(
    facts: list[Mapping[str, Any]], sources: Sources, columns: Columns, located: dict[int, set[int]]
) -> list[dict[str, Any]]:
    """The facts grouped by status (and by outlet for single-source facts), each group with its title."""
    return [
        {
            "status_class": status_class(status),
            "title": f"{status_label(status)}: only in {outlet}" if outlet else status_label(status),
            "facts": [_fact_view(index, facts, sources, columns, located) for index in indexes],
        }
        for status, outlet, indexes in group_facts({"facts": facts}, sources)
    ]


def _story_context(brief: Mapping[str, Any], sources: Sources) -> dict[str, Any]:
    """The page header: version, title (the story's, else the first article's), id, dates, outlets."""
    story = brief.get("story") or {}
    first, last = day(story.get("first_seen")), day(story.get("last_seen"))
    return {
        "version": __version__,
        "title": str(story.get("title") or next((s.title for s in sources if s.title), None) or "Brief"),
        "story_id": str(story.get("id") or ""),
        "dates": (f"{first} – {last}" if last and last != first else first) if first else "",
        "outlets": outlets_phrase(
            len({s.outlet for s in sources if s.outlet}),
            sum(1 for s in sources if not s.outlet and not s.duplicate_of),
        ),
        "not_compared": [
            {
                "number": sources.number(str(item.get("article_id"))),
                "language": str(item.get("language_name")),
            }
            for item in brief.get("not_compared") or []
            if isinstance(item, Mapping)
        ],
    }


def _status_counts(facts: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """How many facts have each known status, for the badges at the top of the page."""
    return [
        {
            "status_class": status_class(status),
            "label": label,
            "symbol": STATUS_SYMBOLS[status],
            "count": sum(1 for fact in facts if fact.get("status") == status),
        }
        for status, label in STATUS_LABELS.items()
    ]


def _summary_views(brief: Mapping[str, Any], sources: Sources) -> list[dict[str, Any]]:
    """The summary's sentences, each with the numbers of the sources it rests on."""
    return [
        {
            "text": str(sentence.get("text") or ""),
            "numbers": sources.numbers(sentence.get("sources") or []),
        }
        for sentence in brief.get("summary") or []
    ]


def _timeline_views(brief: Mapping[str, Any], sources: Sources) -> list[dict[str, Any]]:
    """The timeline's entries, each with its day ("undated" if none) and the numbers of its sources."""
    return [
        {
            "date": day(entry.get("date")) or "undated",
            "text": str(entry.get("text") or ""),
            "numbers": sources.numbers(entry.get("article_ids") or []),
        }
        for entry in brief.get("timeline") or []
    ]


def _source_view(sources: Sources, number: int) -> dict[str, Any]:
    source = sources.get_number(number)
    original = sources.get(source.duplicate_of) if source.duplicate_of else None
    return {
        "number": number,
        "outlet": source.outlet or f"Source {number}",
        "title": source.title or f"article {source.article_id}",
        "url": safe_url(source.url),
        "published": day(source.published),
        "copy_of": original.number if original else None,
        "copy_outside": bool(source.duplicate_of) and original is None,
    }


def _discrepancy_view(discrepancy: Mapping[str, Any], sources: Sources) -> dict[str, Any]:
    naming = discrepancy.get("kind") == "naming"
    return {
        "naming": naming,
        "title": naming_title(discrepancy, sources) if naming else str(discrepancy.get("about") or "a value"),
        "claims": [
            {
                "value": str(claim.get("value") or "?"),
                "number": sources.number(str(claim.get("article_id") or "")),
                "outlet": sources.outlet(str(claim.get("article_id") or "")),
                "quote": str(claim.get("quote") or ""),
            }
            for claim in discrepancy.get("claims") or []
        ],
        "explanation": str(discrepancy.get("explanation") or ""),
    }


def _event_view(event: Mapping[str, Any], sources: Sources) -> dict[str, Any]:
    ids = [str(event.get("article_id") or "")] + [
        str(source.get("article_id") or "") for source in event.get("sources") or []
    ]
    goldstein = event.get("goldstein")
    tone = "neutral"
    if isinstance(goldstein, int | float) and not isinstance(goldstein, bool):
        tone = "conflict" if goldstein < 0 else "cooperation" if goldstein > 0 else "neutral"
    return {
        "date": event_date(event),
        "category": str(event.get("category") or "?"),
        "cameo": str(event.get("cameo") or "?"),
        "goldstein": goldstein_text(goldstein),
        "tone": tone,
        "source": actor_text(event.get("source")),
        "target": actor_text(event.get("target")) if event.get("target") else "",
        "place": place_text(event.get("place")),
        "quote": str(event.get("quote") or ""),
        "numbers": sources.numbers(ids),
    }


def _coverage_view(
    outlet: Mapping[str, Any], sources: Sources, facts: list[Mapping[str, Any]]
) -> dict[str, Any]:
    ids = [str(article_id) for article_id in outlet.get("article_ids") or []]
    listed = [sources.get(article_id) for article_id in ids]
    originals = [s.duplicate_of for s in listed if s is not None and s.duplicate_of]
    adds = [index for index in outlet.get("adds") or [] if isinstance(index, int) and 0 <= index < len(facts)]
    return {
        "outlet": str(outlet.get("outlet") or "unknown outlet"),
        "numbers": sources.numbers(ids),
        "copy_of": sources.numbers(originals) if originals and len(originals) == len(ids) else [],
        "adds": [
            {
                "index": index,
                "label": f"F{index + 1}",
                "text": str(facts[index].get("text") or ""),
                "status_class": status_class(facts[index].get("status")),
            }
            for index in adds
        ],
    }


def _entity_view(entity: Mapping[str, Any], sources: Sources) -> dict[str, Any]:
    aliases = [
        {"name": str(alias.get("name") or "?"), "numbers": sources.numbers(alias.get("articles") or [])}
        for alias in entity.get("aliases") or []
    ]
    return {
        "name": str(entity.get("name") or "?"),
        "type": entity_type(entity.get("type") or ""),
        "country": str(entity.get("country") or ""),
        "aliases": aliases,
        "numbers": sources.numbers(entity.get("articles") or []),
    }
