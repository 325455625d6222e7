"""Reading and writing stories, storylines and article embeddings (used through ``Store.stories``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NoReturn

import numpy as np
import numpy.typing as npt
from sqlalchemy import ColumnElement, Select, and_, delete, func, insert, or_, select, update

from newsweave.data import Article
from newsweave.errors import Errors, StoreError
from newsweave.store.bulk import CANDIDATES_SHOWN, candidate_list, chunks
from newsweave.store.schema import ID_CHARS, article_vectors, articles, stories, story_articles, storylines

if TYPE_CHECKING:
    from newsweave.store.connections import Connections

# A story's storyline summary as stored: centroid, {entity id: articles naming it}, article count.
StoredSummary = tuple[npt.NDArray[np.float32], dict[str, int], int]


@dataclass(slots=True)
class StoryRecord:
    """A story as stored: its articles (oldest first), title, when first and last seen, storyline."""

    id: str
    title: str
    first_seen: datetime | None
    last_seen: datetime | None
    storyline: str | None
    articles: list[Article] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        """The outlets that reported the story, sorted."""
        return sorted({article.outlet for article in self.articles if article.outlet})


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _for_ids(query: Select[Any], column: ColumnElement[str], ids: Iterable[str] | None) -> list[Select[Any]]:
    """``query`` over every row (``ids`` None), or once per chunk of ``ids`` as ``column IN (...)``."""
    if ids is None:
        return [query]
    return [query.where(column.in_(chunk)) for chunk in chunks(sorted(set(ids)))]


def _floats(blob: bytes) -> npt.NDArray[np.float32]:
    """A stored embedding (little-endian float32 bytes) as a float32 array."""
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


def version_key(members: Iterable[tuple[str, datetime | None]]) -> str:
    """A key that changes when a story's articles or their analysis change: its members' ids with the
    time each was last analysed."""
    key = "|".join(
        f"{article_id}@{analysed.isoformat() if analysed else '-'}"
        for article_id, analysed in sorted(members)
    )
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _recency(story: StoryRecord) -> tuple[bool, float, str]:
    """Sort key: most recently seen first, undated last (the order of ``StoryRows.records``)."""
    return (story.last_seen is None, -(story.last_seen.timestamp() if story.last_seen else 0.0), story.id)


def _seen_within(within: Sequence[tuple[datetime, datetime]]) -> ColumnElement[bool]:
    """Stories seen in one of the spans (first seen before its end, last seen after its start), or undated."""
    seen = [and_(stories.c.last_seen >= start, stories.c.first_seen <= end) for start, end in within]
    return or_(stories.c.first_seen.is_(None), *seen)


# An article id given where a story id was expected is looked up only from this many characters:
# shorter prefixes match articles by chance.
MIN_PREFIX = 6


class StoryRows:
    """The story tables of one store."""

    def __init__(self, store: Connections) -> None:
        self.store = store

    # -- embeddings ---------------------------------------------------------------------------

    def save_vectors(
        self,
        model: str,
        vectors: Mapping[str, npt.NDArray[np.float32]],
        leads: Mapping[str, npt.NDArray[np.float32]] | None = None,
    ) -> None:
        """Keep articles' embeddings (float32), and their leads' where given, so that a recluster need not
        encode them again."""
        leads = leads or {}
        with self.store.atomic() as connection:
            for article_id, vector in vectors.items():
                connection.execute(delete(article_vectors).where(article_vectors.c.article_id == article_id))
                lead = leads.get(article_id)
                connection.execute(
                    insert(article_vectors).values(
                        article_id=article_id,
                        model=model,
                        vector=vector.astype("<f4").tobytes(),
                        lead=None if lead is None else lead.astype("<f4").tobytes(),
                    )
                )

    def save_leads(self, model: str, leads: Mapping[str, npt.NDArray[np.float32]]) -> None:
        """Add lead embeddings to articles whose text embedding by ``model`` is stored (others are left)."""
        with self.store.atomic() as connection:
            for article_id, lead in leads.items():
                connection.execute(
                    update(article_vectors)
                    .where(article_vectors.c.article_id == article_id, article_vectors.c.model == model)
                    .values(lead=lead.astype("<f4").tobytes())
                )

    def load_vectors(
        self, model: str, ids: Iterable[str] | None = None
    ) -> dict[str, npt.NDArray[np.float32]]:
        """Stored embeddings made by ``model`` (all, or those of the given articles)."""
        return self._vectors(article_vectors.c.vector, article_vectors.c.model == model, ids)

    def _vectors(
        self, column: ColumnElement[Any], made_by: ColumnElement[bool], ids: Iterable[str] | None
    ) -> dict[str, npt.NDArray[np.float32]]:
        """One vector column of ``article_vectors``, for the rows ``made_by`` selects (and ``ids``)."""
        query = select(article_vectors.c.article_id, column).where(made_by)
        found: dict[str, npt.NDArray[np.float32]] = {}
        with self.store.reading() as connection:
            for part in _for_ids(query, article_vectors.c.article_id, ids):
                for article_id, vector in connection.execute(part):
                    found[article_id] = _floats(vector)
        return found

    def load_vectors_and_leads(
        self, model: str, ids: Iterable[str] | None = None
    ) -> tuple[dict[str, npt.NDArray[np.float32]], dict[str, npt.NDArray[np.float32]]]:
        """Stored embeddings made by ``model`` and, in one read of the same rows, the leads' (articles
        stored before leads were kept have none)."""
        query = select(article_vectors.c.article_id, article_vectors.c.vector, article_vectors.c.lead).where(
            article_vectors.c.model == model
        )
        vectors: dict[str, npt.NDArray[np.float32]] = {}
        leads: dict[str, npt.NDArray[np.float32]] = {}
        with self.store.reading() as connection:
            for part in _for_ids(query, article_vectors.c.article_id, ids):
                for article_id, vector, lead in connection.execute(part):
                    vectors[article_id] = _floats(vector)
                    if lead is not None:
                        leads[article_id] = _floats(lead)
        return vectors, leads

    def save_multilingual(self, model: str, vectors: Mapping[str, npt.NDArray[np.float32]]) -> None:
        """Keep articles' multilingual embeddings by ``model`` beside their stored text embeddings
        (an article with no stored text embedding is left)."""
        with self.store.atomic() as connection:
            for article_id, vector in vectors.items():
                connection.execute(
                    update(article_vectors)
                    .where(article_vectors.c.article_id == article_id)
                    .values(multilingual_model=model, multilingual=vector.astype("<f4").tobytes())
                )

    def load_multilingual(
        self, model: str, ids: Iterable[str] | None = None
    ) -> dict[str, npt.NDArray[np.float32]]:
        """Stored multilingual embeddings made by ``model`` (all, or those of the given articles)."""
        made_by = article_vectors.c.multilingual_model == model
        return self._vectors(article_vectors.c.multilingual, made_by, ids)

    # -- assignments --------------------------------------------------------------------------

    def assigned(
        self, *, within: Sequence[tuple[datetime, datetime]] | None = None, stories_of: Iterable[str] = ()
    ) -> dict[str, str]:
        """Every article's story id; with ``within`` (spans of time), only the articles of the stories
        seen in one of the spans (first seen before its end and last seen after its start), of the
        undated stories, and of the stories that hold ``stories_of``."""
        query = select(story_articles.c.article_id, story_articles.c.story_id)
        if within is None:
            with self.store.reading() as connection:
                return {row.article_id: row.story_id for row in connection.execute(query)}
        in_span = select(stories.c.id).where(_seen_within(within)).scalar_subquery()
        found: dict[str, str] = {}
        with self.store.reading() as connection:
            rows = connection.execute(query.where(story_articles.c.story_id.in_(in_span)))
            found.update({row.article_id: row.story_id for row in rows})
            wanted = [article_id for article_id in dict.fromkeys(stories_of) if article_id not in found]
            for chunk in chunks(wanted):
                holding = select(story_articles.c.story_id).where(story_articles.c.article_id.in_(chunk))
                rows = connection.execute(
                    query.where(story_articles.c.story_id.in_(holding.scalar_subquery()))
                )
                found.update({row.article_id: row.story_id for row in rows})
        return found

    def story_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The story of each of the given articles that is in one."""
        query = select(story_articles.c.article_id, story_articles.c.story_id)
        found: dict[str, str] = {}
        with self.store.reading() as connection:
            for chunk in chunks(list(dict.fromkeys(article_ids))):
                rows = connection.execute(query.where(story_articles.c.article_id.in_(chunk)))
                found.update({row.article_id: row.story_id for row in rows})
        return found

    def unassigned_ids(self) -> list[str]:
        """Analysed articles not yet in a story, in the order a rebuild assigns them (publication, id)."""
        return self.analysed_ids(unassigned_only=True)

    def analysed_ids(self, *, unassigned_only: bool = False) -> list[str]:
        """Every article the story stage takes (analysed, whatever its language), by (publication, id).

        Ingest assigns them all and a rebuild must keep them all: an article skipped by the analysis
        (not English, say) is still one report of its story.
        """
        query = select(articles.c.id).where(articles.c.analysed_at.is_not(None))
        if unassigned_only:
            query = query.where(articles.c.id.not_in(select(story_articles.c.article_id)))
        with self.store.reading() as connection:
            return list(connection.scalars(query.order_by(articles.c.published, articles.c.id)))

    def save(self, assignments: Mapping[str, str], titles: Mapping[str, str]) -> None:
        """Record article -> story assignments; create or refresh the stories they touch."""
        with self.store.atomic() as connection:
            moved = list(assignments)
            # The stories the moved articles leave (to refresh their spans), read by chunks of ids.
            left: set[str] = set()
            for chunk in chunks(moved):
                query = select(story_articles.c.story_id).where(story_articles.c.article_id.in_(chunk))
                left.update(connection.scalars(query))
            for chunk in chunks(moved):
                connection.execute(delete(story_articles).where(story_articles.c.article_id.in_(chunk)))
            touched = sorted(set(assignments.values()))
            for story_id in touched:
                exists = connection.scalar(
                    select(func.count()).select_from(stories).where(stories.c.id == story_id)
                )
                if not exists:
                    connection.execute(insert(stories).values(id=story_id, title=titles.get(story_id, "")))
            if assignments:
                rows = [{"article_id": a, "story_id": s} for a, s in assignments.items()]
                connection.execute(insert(story_articles), rows)
            # Stories whose every article moved elsewhere (refinement merged them) are gone.
            connection.execute(delete(stories).where(stories.c.id.not_in(select(story_articles.c.story_id))))
            self._refresh(sorted((left - set(touched)) | set(touched)), titles)

    def _refresh(self, story_ids: Sequence[str], titles: Mapping[str, str]) -> None:
        with self.store.atomic() as connection:
            for story_id in story_ids:
                span = connection.execute(
                    select(func.min(articles.c.published), func.max(articles.c.published))
                    .select_from(story_articles.join(articles, articles.c.id == story_articles.c.article_id))
                    .where(story_articles.c.story_id == story_id)
                ).one()
                values: dict[str, object] = {"first_seen": span[0], "last_seen": span[1]}
                if story_id in titles:
                    values["title"] = titles[story_id]
                connection.execute(update(stories).where(stories.c.id == story_id).values(**values))

    def replace_all(self, assignments: Mapping[str, str], titles: Mapping[str, str]) -> None:
        """Rebuild every story from scratch (``newsweave recluster``)."""
        with self.store.atomic() as connection:
            connection.execute(delete(story_articles))
            connection.execute(delete(stories))
            connection.execute(delete(storylines))
            self.save(assignments, titles)

    def set_storylines(
        self,
        members: Mapping[str, Sequence[str]],
        titles: Mapping[str, str],
        *,
        replacing: Iterable[str] | None = None,
    ) -> None:
        """Replace the storylines (each maps to its stories; a story is in at most one): all of them, or
        with ``replacing`` those of the given stories (which must hold every story of their storylines)."""
        with self.store.atomic() as connection:
            if replacing is None:
                connection.execute(update(stories).values(storyline_id=None))
                connection.execute(delete(storylines))
            else:
                for chunk in chunks(sorted(set(replacing))):
                    connection.execute(
                        update(stories).where(stories.c.id.in_(chunk)).values(storyline_id=None)
                    )
                pointed = select(stories.c.storyline_id).where(stories.c.storyline_id.is_not(None))
                connection.execute(delete(storylines).where(storylines.c.id.not_in(pointed)))
            for storyline_id, story_ids in members.items():
                connection.execute(insert(storylines).values(id=storyline_id, title=titles[storyline_id]))
                connection.execute(
                    update(stories).where(stories.c.id.in_(list(story_ids))).values(storyline_id=storyline_id)
                )

    # -- reading ------------------------------------------------------------------------------

    def find(self, story_id: str) -> StoryRecord:
        """The one story whose id is or starts with ``story_id`` (E: no such story, or several)."""
        found = self.records(story_id=story_id)
        exact = [story for story in found if story.id == story_id]
        if exact:
            return exact[0]
        if not found:
            self._not_a_story(story_id)
        if len(found) > 1:
            ids = sorted(story.id for story in found)
            raise StoreError(
                Errors.AMBIGUOUS_STORY_ID,
                story_id=story_id,
                count=len(ids),
                candidates=candidate_list(ids[:CANDIDATES_SHOWN], len(ids)),
            )
        return found[0]

    def _not_a_story(self, story_id: str) -> NoReturn:
        """Raise "no such story", naming the story of the article when ``story_id`` is an article's id
        (a user who copied an id from `newsweave articles` or a brief's sources)."""
        try:
            article = self.store.get_article(story_id) if len(story_id) >= MIN_PREFIX else None
        except StoreError:
            article = None
        found = self.story_of([article.id]).get(article.id) if article is not None else None
        if article is not None and found is not None:
            raise StoreError(
                Errors.STORY_ID_IS_ARTICLE, story_id=story_id, article_id=article.id, found=found
            )
        raise StoreError(Errors.NO_SUCH_STORY, story_id=story_id[:40])

    def records(
        self,
        *,
        limit: int | None = None,
        since: datetime | None = None,
        story_id: str | None = None,
        story_ids: Sequence[str] | None = None,
    ) -> list[StoryRecord]:
        """Stories, most recently seen first, with their articles oldest first; those whose id starts
        with ``story_id``, or whose id is one of ``story_ids``, where given."""
        query = select(stories).order_by(stories.c.last_seen.desc().nulls_last(), stories.c.id)
        if since is not None:
            query = query.where(stories.c.last_seen >= since)
        if story_id is not None:
            if len(story_id) > ID_CHARS:
                return []  # longer than any id: a 100,000-character "id" is never sent to the database
            query = query.where(stories.c.id.startswith(story_id, autoescape=True))
        if limit is not None:
            query = query.limit(limit)
        with self.store.reading() as connection:
            found = [
                StoryRecord(
                    row.id, row.title, _aware(row.first_seen), _aware(row.last_seen), row.storyline_id
                )
                for each in _for_ids(query, stories.c.id, story_ids)
                for row in connection.execute(each)
            ]
            if story_ids is not None:  # read in chunks: put the whole list back in order
                found.sort(key=_recency)
            story_ids = [story.id for story in found]
            member_ids: dict[str, list[str]] = {}
            for chunk in chunks(story_ids):
                members = connection.execute(
                    select(story_articles.c.story_id, story_articles.c.article_id).where(
                        story_articles.c.story_id.in_(chunk)
                    )
                )
                for row in members:
                    member_ids.setdefault(row.story_id, []).append(row.article_id)
        stored = self.store.get_articles(article_id for ids in member_ids.values() for article_id in ids)
        for story in found:
            story.articles = sorted(
                (stored[article_id] for article_id in member_ids.get(story.id, []) if article_id in stored),
                key=lambda a: (a.published or datetime.max.replace(tzinfo=UTC), a.id),
            )
        return found

    def spans(
        self, story_ids: Iterable[str] | None = None
    ) -> dict[str, tuple[datetime | None, datetime | None]]:
        """Each story's first and last publication time (every story's, or the given ones')."""
        query = select(stories.c.id, stories.c.first_seen, stories.c.last_seen)
        queries = _for_ids(query, stories.c.id, story_ids)
        with self.store.reading() as connection:
            return {
                row.id: (_aware(row.first_seen), _aware(row.last_seen))
                for part in queries
                for row in connection.execute(part)
            }

    def count(self) -> int:
        """How many stories there are."""
        with self.store.reading() as connection:
            return connection.scalar(select(func.count()).select_from(stories)) or 0

    def versions(self, story_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Each story's ``version_key`` (every story's when ``story_ids`` is None)."""
        query = select(story_articles.c.story_id, articles.c.id, articles.c.analysed_at).join(
            articles, articles.c.id == story_articles.c.article_id
        )
        members: dict[str, list[tuple[str, datetime | None]]] = {}
        with self.store.reading() as connection:
            for each in _for_ids(query, story_articles.c.story_id, story_ids):
                for row in connection.execute(each):
                    members.setdefault(row.story_id, []).append((row.id, _aware(row.analysed_at)))
        return {story_id: version_key(rows) for story_id, rows in members.items()}

    def members(self, story_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
        """Each story's article ids, sorted (every story's, or the given ones')."""
        query = select(story_articles.c.story_id, story_articles.c.article_id)
        queries = _for_ids(query, story_articles.c.story_id, story_ids)
        found: dict[str, list[str]] = {}
        with self.store.reading() as connection:
            for part in queries:
                for row in connection.execute(part):
                    found.setdefault(row.story_id, []).append(row.article_id)
        return {story_id: sorted(ids) for story_id, ids in sorted(found.items())}

    def save_summaries(self, summaries: Mapping[str, StoredSummary]) -> None:
        """Keep each story's storyline summary: (centroid, {entity id: articles naming it}, articles)."""
        with self.store.atomic() as connection:
            for story_id, (centroid, actor_articles, count) in summaries.items():
                connection.execute(
                    update(stories)
                    .where(stories.c.id == story_id)
                    .values(
                        centroid=centroid.astype("<f4").tobytes(),
                        actor_articles=json.dumps(dict(sorted(actor_articles.items()))),
                        article_count=count,
                    )
                )

    def load_summaries(self, story_ids: Iterable[str] | None = None) -> dict[str, StoredSummary]:
        """The stored summaries of the given stories (every story's), for those that have one."""
        query = select(
            stories.c.id, stories.c.centroid, stories.c.actor_articles, stories.c.article_count
        ).where(stories.c.centroid.is_not(None))
        queries = _for_ids(query, stories.c.id, story_ids)
        found: dict[str, StoredSummary] = {}
        with self.store.reading() as connection:
            for part in queries:
                for row in connection.execute(part):
                    centroid = np.frombuffer(row.centroid, dtype="<f4").astype(np.float32)
                    found[row.id] = (centroid, json.loads(row.actor_articles), row.article_count)
        return found

    def stories_within(self, within: Sequence[tuple[datetime, datetime]] | None) -> set[str]:
        """The stories seen in one of the spans of time, and the undated ones (None: every story)."""
        query = select(stories.c.id)
        if within is not None:
            query = query.where(_seen_within(within))
        with self.store.reading() as connection:
            return set(connection.scalars(query))

    def storyline_of(self, story_ids: Iterable[str]) -> dict[str, str]:
        """The storyline of each of the given stories that is in one."""
        query = select(stories.c.id, stories.c.storyline_id).where(stories.c.storyline_id.is_not(None))
        found: dict[str, str] = {}
        with self.store.reading() as connection:
            for chunk in chunks(sorted(set(story_ids))):
                rows = connection.execute(query.where(stories.c.id.in_(chunk)))
                found.update({row.id: row.storyline_id for row in rows})
        return found

    def storyline_stories(self, storyline_ids: Iterable[str]) -> set[str]:
        """Every story of the given storylines."""
        found: set[str] = set()
        with self.store.reading() as connection:
            for chunk in chunks(sorted(set(storyline_ids))):
                found.update(
                    connection.scalars(select(stories.c.id).where(stories.c.storyline_id.in_(chunk)))
                )
        return found

    def storylines(self) -> dict[str, tuple[str, list[StoryRecord]]]:
        """Each storyline's title and its stories in date order."""
        with self.store.reading() as connection:
            titles = {row.id: row.title for row in connection.execute(select(storylines))}
        grouped: dict[str, list[StoryRecord]] = {storyline_id: [] for storyline_id in titles}
        for story in self.records():
            if story.storyline in grouped:
                grouped[story.storyline].append(story)
        return {
            storyline_id: (
                titles[storyline_id],
                sorted(members, key=lambda s: (s.first_seen or datetime.min.replace(tzinfo=UTC), s.id)),
            )
            for storyline_id, members in grouped.items()
        }
