"""Alerts: what each follow matches in the store now, against what it already raised.

A follow matches stories: an entity's (the stories of the articles naming it, any spelling), a
search's (the stories of the articles matching its words), an outlet's (the stories it reported), a
story itself; a country pair matches events between the two. An alert is raised once per change:

- ``new_story``: a story the follow matches for the first time;
- ``new_report``: an article that joins a followed story (``story`` follows);
- ``new_event``: an event between a followed pair of countries;
- ``relations``: a day whose Goldstein sum between a followed pair moves past the follow's bound
  (``follow pair KOR JPN --below -5``), instead of one alert per event;
- ``discrepancy``: a discrepancy in a matched story's brief (two values, or one person named two ways)
  that the brief did not have before, which is also how a fact becoming disputed shows.

Alerts are stored by an id hashing what they are about (``store.follow_rows.alert_id``), so a second
check raises nothing for what it raised before, across restarts. What a new follow matches at once is
stored as a silent baseline: a follow alerts on what changes after it is made.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsweave.store.follow_rows import Alert, Follow, alert_id

if TYPE_CHECKING:
    from newsweave.config import Config
    from newsweave.store import Store

# At most this many matching articles are read for a search follow (the search's best matches).
SEARCH_MATCHES = 200


def check_follows(
    store: Store,
    config: Config,
    follows: Iterable[Follow] | None = None,
    *,
    now: datetime | None = None,
    baseline: bool = False,
) -> list[Alert]:
    """Raise the alerts of every follow (or of ``follows``) not raised before; returns the new ones
    shown to the user. ``baseline``: store them all silent and return them (what a follow matches
    when it is made)."""
    when = now or datetime.now(UTC)
    candidates: list[Alert] = []
    for follow in follows if follows is not None else store.follows.all():
        candidates += _candidates(store, config, follow, when, silent=baseline)
    # A story new to a follow is one alert: the discrepancies it came with are said in that alert and
    # kept silent; only those that appear later are alerts of their own.
    known = store.follows.known_ids([a.id for a in candidates if a.kind == "new_story"])
    fresh = {(a.follow_id, a.story_id) for a in candidates if a.kind == "new_story" and a.id not in known}
    came_with: dict[tuple[str, str | None], int] = {}
    for index, candidate in enumerate(candidates):
        if candidate.kind == "discrepancy" and (candidate.follow_id, candidate.story_id) in fresh:
            candidates[index] = dataclasses.replace(candidate, silent=True)
            came_with[(candidate.follow_id, candidate.story_id)] = (
                came_with.get((candidate.follow_id, candidate.story_id), 0) + 1
            )
    for index, candidate in enumerate(candidates):
        count = came_with.get((candidate.follow_id, candidate.story_id), 0)
        if candidate.kind == "new_story" and count:
            detail = f"{count} discrepanc{'y' if count == 1 else 'ies'} between its reports"
            candidates[index] = dataclasses.replace(candidate, detail=detail)
    raised = store.follows.raise_alerts(candidates)
    return raised if baseline else [alert for alert in raised if not alert.silent]


def _candidates(store: Store, config: Config, follow: Follow, when: datetime, *, silent: bool) -> list[Alert]:
    def alert(kind: str, subject: str, title: str, **fields: Any) -> Alert:
        return Alert(
            alert_id(follow.id, kind, subject), follow.id, kind, title, when, silent=silent, **fields
        )

    if follow.kind == "pair":
        from newsweave.events.relations import relations

        a, b, *bound = follow.value.split()
        between = relations(store, a, b)
        if bound:  # "above 5" / "below -5": the daily Goldstein sum moving past it
            side, limit = bound[0], float(bound[1])
            return [
                alert(
                    "relations",
                    row["period_start"],
                    f"{a}-{b} relations {side} {limit:g}: Goldstein sum {row['goldstein']:g} on "
                    f"{row['period_start']} ({row['events']} events)",
                )
                for row in between["series"]
                if (row["goldstein"] > limit if side == "above" else row["goldstein"] < limit)
            ]
        found = []
        for event in between["events"]:
            source, target = event["source"]["name"], (event["target"] or {}).get("name")
            title = f"{event['category']}: {source} -> {target} ({event['date'] or 'undated'})"
            found.append(
                alert("new_event", event["id"], title, story_id=event["story_id"], detail=event["quote"])
            )
        return found
    story_ids = _matched_stories(store, follow)
    if not story_ids:
        return []
    records = {story.id: story for story in store.stories.records(story_ids=sorted(story_ids))}
    found = []
    for story_id, story in sorted(records.items()):
        found.append(alert("new_story", story_id, f"New story: {story.title}", story_id=story_id))
        if follow.kind == "story":
            for article in story.articles:
                title = (
                    f'New report: {article.outlet or "unknown outlet"}: {article.title} (in "{story.title}")'
                )
                found.append(alert("new_report", article.id, title, story_id=story_id, article_id=article.id))
        found += [
            alert(
                "discrepancy",
                key,
                f'New discrepancy: {about} (in "{story.title}")',
                story_id=story_id,
                detail=why,
            )
            for key, about, why in _discrepancies(store, config, story_id)
        ]
    return found


def _matched_stories(store: Store, follow: Follow) -> set[str]:
    if follow.kind == "story":
        return {follow.value}
    if follow.kind == "entity":
        article_ids = {a for entity in store.analysis.entities_named(follow.value) for a in entity.articles()}
    elif follow.kind == "search":
        article_ids = set(store.search_articles(follow.value, limit=SEARCH_MATCHES))
    elif follow.kind == "outlet":
        article_ids = {article.id for article in store.list_articles(outlet=follow.value)}
    else:
        raise ValueError(f"unknown follow kind {follow.kind!r}")
    return set(store.stories.story_of(article_ids).values())


def _discrepancies(store: Store, config: Config, story_id: str) -> list[tuple[str, str, str]]:
    """The story's discrepancies as (key, what differs, explanation); the key is what was said, not the
    brief's wording of it, so the same two values keep one alert."""
    from newsweave.brief.saved import saved_brief

    found = []
    for item in saved_brief(store, story_id, config).get("discrepancies") or []:
        said = sorted((claim["article_id"], str(claim["value"])) for claim in item.get("claims") or [])
        key = hashlib.sha256(json.dumps([story_id, item["kind"], said]).encode()).hexdigest()[:16]
        found.append((key, str(item["about"]), str(item["explanation"])))
    return found


def alert_json(alert: Alert) -> dict[str, Any]:
    """An alert as JSON (`newsweave alerts --json`, `watch --json`)."""
    return {
        "id": alert.id,
        "follow_id": alert.follow_id,
        "kind": alert.kind,
        "title": alert.title,
        "story_id": alert.story_id,
        "article_id": alert.article_id,
        "detail": alert.detail,
        "created_at": alert.created_at.isoformat(),
        "read": alert.read,
    }
