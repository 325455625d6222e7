"""The server-rendered pages: stories, a story, an article, entities, outlets, relations, search."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsweave.errors import NewsweaveError
from newsweave.web import charts, events_view, queries, views
from newsweave.web.fact_search import anchor_facts
from newsweave.web.search_terms import SearchFilters
from newsweave.web.state import NOT_FOUND, ApiError, WebState, render, state_of

#: Stories (and search hits, entities) per page: a screenful or two, and each listed story's brief is
#: built on first view, so a page stays quick even with a cold cache.
PAGE_SIZE = 25
#: Shared stories of an outlet whose briefs are read for "what it alone reported" (per page).
EXCLUSIVE_STORIES = PAGE_SIZE
_ISO3 = re.compile(r"^[A-Za-z]{3}$")

router = APIRouter(include_in_schema=False)

Page = Annotated[int, Query(ge=1, le=100_000)]
Text = Annotated[str | None, Query(max_length=500)]


def _pages(total: int) -> int:
    return max(1, math.ceil(total / PAGE_SIZE))


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    since: Text = None,
    until: Text = None,
    outlet: Text = None,
    entity: Text = None,
    page: Page = 1,
) -> Response:
    """The story list, newest first, with filters by date, outlet and entity."""
    state = state_of(request)
    filters = queries.StoryFilters(
        since=queries.parse_bound(since, name="since"),
        until=queries.parse_bound(until, name="until", end=True),
        outlet=outlet or None,
        entity=entity or None,
    )
    listing = queries.list_stories(state.store, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    rows = [
        views.story_row(story, _brief_or_queue(state, story.id, listing.versions[story.id]))
        for story in listing.stories
    ]
    entity_record = state.store.analysis.load_entities([entity]) if entity else []
    return render(
        request,
        "stories.html",
        rows=rows,
        total=listing.total,
        page=page,
        pages=_pages(listing.total),
        params={"since": since or "", "until": until or "", "outlet": outlet or "", "entity": entity or ""},
        entity_name=entity_record[0].name if entity_record else entity,
        outlets=state.outlets.get(),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request, story_id: str, all_facts: Annotated[bool, Query(alias="all")] = False
) -> Response:
    """A story: summary, facts, discrepancies, timeline, events, and its sources side by side.

    The most salient facts and the disputed ones; ``all=1`` lists every fact."""
    from newsweave.brief import find_story

    state = state_of(request)
    version = queries.story_version(state.store, story_id)
    if version is None:  # an id prefix (redirected to the full id), or no such story (404)
        story = find_story(state.store, story_id)
        return RedirectResponse(f"/stories/{story.id}", status_code=307)
    page_key = (story_id, version, "all" if all_facts else "")
    cached = state.story_pages.get(page_key)
    if cached is not None:
        return HTMLResponse(cached)
    try:
        brief = state.briefs.get(story_id, version, timeout=state.brief_wait_s)
        pending = False
    except TimeoutError:
        brief, pending = None, True
    story = find_story(state.store, story_id)
    shown = state.brief_view(brief, all_facts=all_facts) if brief is not None else views.empty_brief(story)
    view = views.story_view(story, shown)
    entities = {entity["id"]: entity for entity in view.brief.get("entities", [])}
    response = render(
        request, "story.html", view=view, entities=entities, labels=views.STATUS_LABELS, pending=pending
    )
    if not pending:
        state.story_pages.put(page_key, bytes(response.body).decode())
    return response


def _brief_or_queue(state: WebState, story_id: str, version: str) -> dict[str, Any] | None:
    """The brief when built; else None, and its building is queued so a later view has it."""
    found = state.briefs.cached(story_id, version)
    if found is None:
        state.briefs.request(story_id, version)
    return found


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Response:
    """One article as stored: metadata, text, removed boilerplate, the entities it names."""
    state = state_of(request)
    article = state.store.get_article(article_id)
    if article.id != article_id:
        return RedirectResponse(f"/articles/{article.id}", status_code=307)
    analysis = state.store.analysis.load(article.id)
    entity_ids = sorted({m.entity_id for m in analysis.mentions if m.entity_id})
    entities = state.store.analysis.load_entities(entity_ids)
    story_id = queries.story_of_articles(state.store, [article.id]).get(article.id)
    return render(
        request,
        "article.html",
        article=article,
        story_id=story_id,
        entities=sorted(entities, key=lambda e: (-e.mention_count, e.name)),
        sentences=len(analysis.sentences),
        note=analysis.note,
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, q: Text = None, type: Text = None, page: Page = 1) -> Response:
    """Entities, most mentioned first, with a name filter."""
    state = state_of(request)
    found = queries.find_entities(state.store, name=q, type_=type)
    types = sorted({entity.type for entity in state.store.analysis.load_entities()})
    start = (page - 1) * PAGE_SIZE
    return render(
        request,
        "entities.html",
        entities=found[start : start + PAGE_SIZE],
        total=len(found),
        page=page,
        pages=_pages(len(found)),
        params={"q": q or "", "type": type or ""},
        types=types,
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> Response:
    """An entity: its spellings and who used which, its stories, events and mentions over time."""
    state = state_of(request)
    found = state.store.analysis.load_entities([entity_id])
    if not found:
        raise ApiError(404, NOT_FOUND, f"no entity with id {entity_id!r}")
    entity = found[0]
    article_ids = entity.articles()
    meta = queries.article_meta(state.store, article_ids)
    listing = queries.list_stories(state.store, queries.StoryFilters(entity=entity.id), limit=PAGE_SIZE)
    names = {entity.name, *entity.aliases}
    events = [
        event
        for event in events_view.of_stories(
            events_view.list_events(state.store), [story.id for story in listing.stories]
        )
        if events_view.mentions_entity(event, names)
    ]
    days = queries.mention_days(state.store, article_ids)
    chart = charts.bar_chart(
        "Articles naming it, per day",
        [(day.isoformat(), float(count)) for day, count in days.items()],
        [f"{day.isoformat()}: {count} article{'s' if count != 1 else ''}" for day, count in days.items()],
    )
    return render(
        request,
        "entity.html",
        entity=entity,
        uses=views.alias_uses(entity, meta),
        stories=listing.stories,
        total_stories=listing.total,
        events=events,
        chart=chart,
        article_count=len(article_ids),
    )


@router.get("/storylines", response_class=HTMLResponse)
def storylines_page(request: Request) -> Response:
    """Storylines: the stories of one ongoing matter, each in date order."""
    found = state_of(request).store.stories.storylines()
    storylines = [(sid, title, members) for sid, (title, members) in found.items()]
    return render(request, "storylines.html", storylines=storylines)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request) -> Response:
    """What the follows raised (`newsweave follow`), newest first, with each follow's Atom feed."""
    store = state_of(request).store
    follows = store.follows.all()
    return render(request, "alerts.html", follows=follows, alerts=store.follows.alerts()[:PAGE_SIZE * 4])


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request) -> Response:
    """Every outlet with how much it wrote."""
    return render(request, "outlets.html", outlets=state_of(request).outlets.get())


@router.get("/outlet", response_class=HTMLResponse)
def outlet_page(
    request: Request, name: Annotated[str, Query(min_length=1, max_length=500)], page: Page = 1
) -> Response:
    """An outlet: the stories it covered, those it alone reported, and the facts only it gives."""
    state = state_of(request)
    if not queries.outlet_exists(state.store, name):
        raise ApiError(404, NOT_FOUND, f"no articles from the outlet {name!r}")
    filters = queries.StoryFilters(outlet=name)
    listing = queries.list_stories(state.store, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    alone = [story for story in listing.stories if story.outlets == [name]]
    shared = [story for story in listing.stories if story.outlets != [name]][:EXCLUSIVE_STORIES]
    built = [(story, _brief_or_queue(state, story.id, listing.versions[story.id])) for story in shared]
    briefs = [(story, brief) for story, brief in built if brief is not None]
    return render(
        request,
        "outlet.html",
        name=name,
        stories=listing.stories,
        total=listing.total,
        page=page,
        pages=_pages(listing.total),
        alone=alone,
        exclusives=views.outlet_exclusives(name, briefs),
        unbuilt=len(built) - len(briefs),
    )


@router.get("/relations", response_class=HTMLResponse)
def relations_page(
    request: Request,
    a: Annotated[str | None, Query(max_length=3)] = None,
    b: Annotated[str | None, Query(max_length=3)] = None,
    period: Literal["day", "week"] = "week",
) -> Response:
    """Relations between two countries: the Goldstein sum of their events per period, as a chart."""
    state = state_of(request)
    events = events_view.list_events(state.store)
    pairs: dict[tuple[str, str], int] = {}
    for event in events:
        found = {(event.get("source") or {}).get("country"), (event.get("target") or {}).get("country")}
        countries = sorted(str(country) for country in found if country)
        if len(countries) == 2:
            key = (countries[0], countries[1])
            pairs[key] = pairs.get(key, 0) + 1
    series: list[events_view.RelationPoint] = []
    chart = None
    problem = None
    undated = 0
    if a or b:
        if not (a and b and _ISO3.match(a) and _ISO3.match(b)):
            problem = "Give two ISO 3166-1 alpha-3 country codes, such as KOR and JPN."
        else:
            a, b = a.upper(), b.upper()
            data = events_view.relations(state.store, a, b, period)
            undated = int(data.get("undated", 0))
            series = events_view.relation_points(data)
            chart = charts.bar_chart(
                f"Goldstein sum per {period}, {a}–{b}",
                [(point.label, point.goldstein) for point in series],
                [f"{point.label}: {point.goldstein:+g} ({len(point.events)} events)" for point in series],
            )
    return render(
        request,
        "relations.html",
        a=a or "",
        b=b or "",
        period=period,
        series=series,
        chart=chart,
        problem=problem,
        undated=undated,
        pairs=sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:20],
    )


def _search_hits(
    state: WebState, q: str, mode: Literal["text", "semantic"], scope: str, filters: SearchFilters, page: int
) -> list[Any]:
    """One page of hits (and one more, which tells whether a next page exists), facts anchored."""
    start = (page - 1) * PAGE_SIZE
    if scope == "facts":
        facts = state.searcher.facts.search(q, mode=mode, filters=filters, limit=PAGE_SIZE + 1, offset=start)
        anchor_facts(facts[:PAGE_SIZE], state.briefs, state.store)
        return list(facts)
    return list(state.searcher.search(q, mode=mode, filters=filters, limit=PAGE_SIZE + 1, offset=start))


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Text = None,
    mode: Literal["text", "semantic"] = "text",
    scope: Literal["articles", "facts"] = "articles",
    outlet: Text = None,
    entity: Text = None,
    since: Text = None,
    until: Text = None,
    page: Page = 1,
) -> Response:
    """Full-text or semantic search over articles or facts, with filters; hits link to their stories."""
    state = state_of(request)
    hits: list[Any] = []
    problem = None
    if q and q.strip():
        try:
            filters = SearchFilters(
                outlet=outlet or None,
                entity=entity or None,
                since=queries.parse_bound(since, name="since"),
                until=queries.parse_bound(until, name="until", end=True),
            )
            hits = _search_hits(state, q, mode, scope, filters, page)
        except NewsweaveError as exc:
            problem = str(exc)
    more = len(hits) > PAGE_SIZE
    titles = queries.story_titles(state.store, [hit.story_id for hit in hits if hit.story_id])
    return render(
        request,
        "search.html",
        q=q or "",
        mode=mode,
        scope=scope,
        hits=hits[:PAGE_SIZE],
        more=more,
        page=page,
        page_size=PAGE_SIZE,
        problem=problem,
        titles=titles,
        params={
            "q": q or "",
            "mode": mode,
            # Left out of links when it is the default, so article-search URLs stay as they were.
            "scope": scope if scope == "facts" else "",
            "outlet": outlet or "",
            "entity": entity or "",
            "since": since or "",
            "until": until or "",
        },
        outlets=state.outlets.get(),
    )
