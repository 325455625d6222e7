"""The HTTP API under ``/api``: the JSON shapes of DESIGN.md §4, paginated lists, one error shape."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from newsweave import shapes
from newsweave.data import Entity
from newsweave.web import events_view, queries
from newsweave.web.fact_search import anchor_facts
from newsweave.web.search_terms import SearchFilters
from newsweave.web.state import (
    INVALID_PARAMETER,
    NOT_FOUND,
    ApiError,
    WebState,
    link,
    state_of,
)

#: Items per page when ``limit`` is not given, and the most one request may ask for.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class ErrorDetail(BaseModel):
    """The body of every error: a stable code (a catalogue E-code when the library raised it), a message."""

    code: str
    message: str


class ErrorBody(BaseModel):
    """``{"error": {"code", "message"}}``."""

    error: ErrorDetail


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in statuses}


router = APIRouter(tags=["api"])

# Items a listing may skip: far past any store's size, and inside a 64-bit integer (a larger offset
# overflowed SQLite's and PostgreSQL's integers: 500).
MAX_OFFSET = 1_000_000_000
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Since = Annotated[str | None, Query(description="ISO 8601 date or time: seen (published) on or after.")]
Until = Annotated[str | None, Query(description="ISO 8601 date or time: seen (published) on or before.")]
AllFacts = Annotated[
    bool, Query(alias="all", description="List every fact, not only the most salient and the disputed ones.")
]


def _page(request: Request, items: list[Any], *, limit: int, offset: int, total: int | None) -> JSONResponse:
    """A JSON list with the pagination headers (``Link: rel="next"``, ``X-Total-Count``)."""
    headers: dict[str, str] = {}
    more = offset + len(items) < total if total is not None else len(items) >= limit
    if more:
        params = dict(request.query_params)
        params.update(offset=str(offset + len(items)), limit=str(limit))
        headers["link"] = f'<{link(request.url.path, **params)}>; rel="next"'
    if total is not None:
        headers["x-total-count"] = str(total)
    return JSONResponse(items, headers=headers)


@router.get("/stories", responses=_errors(400, 422))
def list_stories(
    request: Request,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    since: Since = None,
    until: Until = None,
    outlet: Annotated[str | None, Query(description="Only stories this outlet reported.")] = None,
    entity: Annotated[
        str | None, Query(description="Only stories whose articles name this entity id.")
    ] = None,
) -> JSONResponse:
    """Stories, most recently seen first, in the shape of ``newsweave stories --json``."""
    store = state_of(request).store
    filters = queries.StoryFilters(
        since=queries.parse_bound(since, name="since"),
        until=queries.parse_bound(until, name="until", end=True),
        outlet=outlet or None,
        entity=entity or None,
    )
    page = queries.list_stories(store, filters, limit=limit, offset=offset)
    items = [shapes.story_json(story) for story in page.stories]
    return _page(request, items, limit=limit, offset=offset, total=page.total)


@router.get("/storylines")
def list_storylines(request: Request) -> list[dict[str, Any]]:
    """Storylines (stories of one ongoing matter), each with its stories in date order, as
    ``newsweave storylines --json`` prints them."""
    found = state_of(request).store.stories.storylines()
    return [shapes.storyline_json(sid, title, members) for sid, (title, members) in found.items()]


@router.get("/stories/{story_id}", responses=_errors(400, 404))
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """One story (id or unique id prefix)."""
    from newsweave.brief import find_story

    return shapes.story_json(find_story(state_of(request).store, story_id))


@router.get("/stories/{story_id}/brief", responses=_errors(400, 404))
def get_brief(request: Request, story_id: str, all_facts: AllFacts = False) -> dict[str, Any]:
    """A story's brief, as ``newsweave brief ID --format json`` prints it (``all=1``: with ``--all``)."""
    from newsweave.brief import find_story

    state = state_of(request)
    return state.brief_view(state.briefs.get(find_story(state.store, story_id).id), all_facts=all_facts)


@router.get("/articles/{article_id}", responses=_errors(400, 404))
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """One article in full with its analysis (``newsweave show ID --json``), and its story's id."""
    store = state_of(request).store
    article = store.get_article(article_id)
    analysis = shapes.analysis_details(store.analysis.load(article.id))
    story_id = queries.story_of_articles(store, [article.id]).get(article.id)
    return {**shapes.article_details(article), **analysis, "story_id": story_id}


@router.get("/entities", responses=_errors(400, 404, 422))
def list_entities(
    request: Request,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    q: Annotated[str | None, Query(description="Only entities with a spelling containing this.")] = None,
    type: Annotated[
        str | None, Query(description="Only entities of this type (PERSON, ORG, GPE, ...).")
    ] = None,
    story: Annotated[
        str | None, Query(description="Only entities named in this story (id or prefix).")
    ] = None,
) -> JSONResponse:
    """Entities, most mentioned first, in the brief's entity shape (``newsweave entities --json``)."""
    found = _entities(state_of(request), q=q, type_=type, story=story)
    items = [shapes.entity_json(entity) for entity in found[offset : offset + limit]]
    return _page(request, items, limit=limit, offset=offset, total=len(found))


def _entities(state: WebState, *, q: str | None, type_: str | None, story: str | None) -> list[Entity]:
    wanted = None
    if story:
        from newsweave.brief import find_story

        wanted = {article.id for article in find_story(state.store, story).articles}
    return queries.find_entities(state.store, name=q, type_=type_, article_ids=wanted)


@router.get("/entities/{entity_id}", responses=_errors(404))
def get_entity(request: Request, entity_id: str) -> dict[str, Any]:
    """One entity with its mention count and the stories that name it."""
    store = state_of(request).store
    found = store.analysis.load_entities([entity_id])
    if not found:
        raise ApiError(404, NOT_FOUND, f"no entity with id {entity_id!r}")
    entity = found[0]
    stories = queries.story_of_articles(store, entity.articles())
    return {
        **shapes.entity_json(entity),
        "mention_count": entity.mention_count,
        "stories": sorted(set(stories.values())),
    }


@router.get("/events", responses=_errors(400, 404, 422))
def list_events(
    request: Request,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    story: Annotated[str | None, Query(description="Only this story's events (id or prefix).")] = None,
    actor: Annotated[
        str | None, Query(description="Only events with an actor of this country (ISO 3166-1 alpha-3).")
    ] = None,
    since: Since = None,
    until: Until = None,
) -> JSONResponse:
    """Events in the brief's event shape with their story ids, deduplicated per story, in date order.

    The records of ``newsweave events --format json``; undated events come last.
    """
    if actor is not None and not re.fullmatch(r"[A-Za-z]{3}", actor):
        raise ApiError(422, INVALID_PARAMETER, "actor: give an ISO 3166-1 alpha-3 country code such as KOR")
    start = queries.parse_bound(since, name="since")
    end = queries.parse_bound(until, name="until", end=True)
    found = events_view.list_events(
        state_of(request).store,
        story_id=story or None,
        actor=actor.upper() if actor else None,
        since=start.date() if start else None,
    )
    if end is not None:
        found = [event for event in found if _in_range(event.get("date"), None, end)]
    return _page(request, found[offset : offset + limit], limit=limit, offset=offset, total=len(found))


@router.get("/relations", responses=_errors(422))
def get_relations(
    request: Request,
    a: Annotated[str, Query(pattern="^[A-Za-z]{3}$", description="A country (ISO 3166-1 alpha-3).")],
    b: Annotated[str, Query(pattern="^[A-Za-z]{3}$", description="The other country.")],
    period: Annotated[Literal["day", "week"], Query(description="Sum per day or per week.")] = "week",
) -> dict[str, Any]:
    """The events between two countries and their Goldstein sum per period (``newsweave relations``)."""
    return events_view.relations(state_of(request).store, a.upper(), b.upper(), period)


def _in_range(day: str | None, start: Any, end: Any) -> bool:
    if not day:
        return False
    text = str(day)[:10]
    return (start is None or text >= start.date().isoformat()) and (
        end is None or text <= end.date().isoformat()
    )


class ArticleSummary(BaseModel):
    """An article as listed in a story."""

    id: str
    url: str | None
    outlet: str | None
    published: str | None
    title: str | None
    duplicate_of: str | None


class ArticleHit(BaseModel):
    """A hit of ``scope=articles``: the article, its story, a score (higher is better) and a snippet."""

    article: ArticleSummary
    story_id: str | None
    score: float
    snippet: str


class FactValue(BaseModel):
    """A value the claim states, normalised (``"7.5e+10"``, ``"2026-01-13"``, ``"JPN:Nara"``)."""

    kind: str
    value: str
    unit: str | None
    text: str


class FactDetail(BaseModel):
    """The claim: its index in its article, the quote, its core (what alignment compares), values and
    the entities it names."""

    index: int
    quote: str
    core: str
    values: list[FactValue]
    entity_ids: list[str]


class FactHit(BaseModel):
    """A hit of ``scope=facts``: the claim, its article and story, a score, the [start, end) offsets of
    the query words in the quote, the fact's index in the story's brief when the brief is built
    (``brief_fact``), and the page that shows it (``link``: ``/stories/ID#fact-N``, else the story)."""

    article: ArticleSummary
    story_id: str | None
    score: float
    fact: FactDetail
    highlights: list[list[int]]
    brief_fact: int | None
    link: str


SEARCH_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Hits, best first: article hits (scope=articles) or fact hits (scope=facts).",
        "model": list[ArticleHit] | list[FactHit],
    },
    **_errors(400, 422),
}


@router.get("/search", responses=SEARCH_RESPONSES)
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, description="Words to look for, or a description (semantic).")],
    mode: Annotated[Literal["text", "semantic"], Query(description="Full-text or semantic search.")] = "text",
    scope: Annotated[
        Literal["articles", "facts"],
        Query(description="Search articles, or facts (the claims of every article)."),
    ] = "articles",
    outlet: Annotated[str | None, Query(description="Only this outlet's articles.")] = None,
    entity: Annotated[
        str | None, Query(description="Only articles naming this entity id (facts: claims naming it).")
    ] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> JSONResponse:
    """Articles (or facts) matching a query, best first, each with its story id and a snippet (a quote).

    Text mode: articles by full text (FTS5); facts whose quote holds every query word. Semantic mode:
    by cosine of the query's MiniLM vector to the article's vector (or the claim's core vector).
    """
    state = state_of(request)
    filters = SearchFilters(
        outlet=outlet or None,
        entity=entity or None,
        since=queries.parse_bound(since, name="since"),
        until=queries.parse_bound(until, name="until", end=True),
    )
    if scope == "facts":
        facts = state.searcher.facts.search(q, mode=mode, filters=filters, limit=limit, offset=offset)
        anchor_facts(facts, state.briefs, state.store)
        items = [hit.as_json() for hit in facts]
    else:
        hits = state.searcher.search(q, mode=mode, filters=filters, limit=limit, offset=offset)
        items = [hit.as_json() for hit in hits]
    return _page(request, items, limit=limit, offset=offset, total=None)
