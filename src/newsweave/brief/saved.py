"""Briefs kept in the store: built once per version of a story, read back until the story changes.

A saved brief's version joins the story's (its articles and when each was last analysed) with the
brief settings, the newsweave version and ``BRIEF_SHAPE``, so a new report, a re-analysis, another
``[brief]`` setting or an upgrade each make it stale; stale and missing briefs are rebuilt on the next read
(``saved_brief``) or all at once (``refresh_briefs``, which `newsweave facts` and `export` run first).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsweave import __version__
from newsweave.brief.build import brief_for_articles, find_story
from newsweave.brief.view import limit_facts
from newsweave.config import Config, load_config
from newsweave.errors import StoreError

if TYPE_CHECKING:
    from newsweave.store import Store
    from newsweave.store.story_rows import StoryRecord

log = logging.getLogger(__name__)

#: Raised whenever what a brief holds changes between releases of one version number (a new key, a
#: new rule), so that briefs saved by the older code are rebuilt. 2: ``not_compared`` and facts stated
#: in other languages (issue 19). 3: value facts per value, near-copies as one source, past dates and
#: counts of the rest (issue 13). 4: bearings from a place ("55 km south of Bireun"), counted clauses,
#: tolls of none ("no casualties"), district breakdowns (issue 13). 5: whose value (pronouns, clauses
#: without a subject), runs and wholes of proportions, copies holding another whole (issue 13). 6: an
#: outlet's edit of a wire story (``brief.rewritten``) as a copy of it (issue 13). 7: one meeting told in
#: other words, counts of groups and kinds, recalled quakes, district counts, clauses shown once, ages
#: referred back to, look-alike notes once, one entity entry per name, one quote word for word (issue 13).
#: 8: a past event's own disputes, places spelled two ways, disputes of rivals only, two agents' acts,
#: counts of two kinds, notes on shown values only (issue 13).
BRIEF_SHAPE = 8


def brief_version(story_version: str, config: Config) -> str:
    """The version a story's brief is saved under (see the module's docstring)."""
    settings = json.dumps(dataclasses.asdict(config.brief), sort_keys=True)
    key = f"{story_version}|{settings}|{__version__}|{BRIEF_SHAPE}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def saved_brief(store: Store, story_id: str, config: Config | None = None) -> dict[str, Any]:
    """The whole brief (every fact) of the story ``story_id`` (an id or unique prefix): the saved one
    when it is current, else built now and saved.

    A store that cannot be written (a read-only file) still gets its brief, unsaved.
    """
    config = config or load_config()
    story = find_story(store, story_id)
    version = brief_version(store.stories.versions([story.id]).get(story.id, ""), config)
    found = store.briefs.load(story.id)
    if found is not None and found[0] == version:
        return found[1]
    return _build_and_save(store, story, version, config)


def _build_and_save(store: Store, story: StoryRecord, version: str, config: Config) -> dict[str, Any]:
    built = brief_for_articles(
        store, [article.id for article in story.articles], story=story, config=config, all_facts=True
    )
    # What is shown and what is read back must be the same: the JSON text, not the Python objects.
    brief: dict[str, Any] = json.loads(json.dumps(built, ensure_ascii=False, default=str))
    try:
        store.briefs.save(story.id, version, brief, shown_facts(brief, config))
    except StoreError as exc:
        log.warning("the brief of story %s was built but not saved: %s", story.id, exc)
    return brief


def shown_facts(brief: dict[str, Any], config: Config) -> list[int]:
    """The indexes of the facts the default brief (``[brief] max_facts``) lists."""
    listed = {id(fact) for fact in limit_facts(brief, config.brief.max_facts)["facts"]}
    return [index for index, fact in enumerate(brief.get("facts") or []) if id(fact) in listed]


@dataclass(slots=True)
class RefreshReport:
    """What ``refresh_briefs`` did: briefs built, found current, and dropped with their story."""

    built: list[str] = field(default_factory=list)
    current: int = 0
    dropped: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready counts."""
        return {"built": len(self.built), "current": self.current, "dropped": self.dropped}


def refresh_briefs(
    store: Store,
    config: Config | None = None,
    *,
    story_ids: list[str] | None = None,
    on_story: Callable[[int], None] | None = None,
) -> RefreshReport:
    """Build and save the brief of every story (or of ``story_ids``) whose saved one is missing or stale,
    and drop those of stories that are gone. ``on_story`` is called once per story checked."""
    config = config or load_config()
    report = RefreshReport(dropped=store.briefs.drop_orphans())
    versions = store.stories.versions(story_ids)
    saved = store.briefs.versions(versions)
    for story_id in sorted(versions):
        version = brief_version(versions[story_id], config)
        if saved.get(story_id) == version:
            report.current += 1
        else:
            _build_and_save(store, store.stories.find(story_id), version, config)
            report.built.append(story_id)
        if on_story is not None:
            on_story(1)
    return report
