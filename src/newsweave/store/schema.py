"""The store's tables as SQLAlchemy Core objects: one schema for SQLite and PostgreSQL.

Alembic migrations (``migrations/versions``) create and change these tables; this module is what
the code queries, and a test checks that the two agree.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ID_CHARS = 16  # content-hash ids: 16 hex digits of SHA-256; a longer "id" names nothing
ID = String(ID_CHARS)
LANGUAGE_CHARS = 16  # a language tag: "en", "pt-BR", "zh-Hant-TW"

articles = Table(
    "articles",
    metadata,
    Column("id", ID, primary_key=True),
    Column("url", Text),
    Column("outlet", Text, index=True),
    Column("published", DateTime(timezone=True), index=True),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("language", String(LANGUAGE_CHARS)),
    Column("author", Text),
    Column("source", Text, nullable=False),
    Column("source_kind", String(16), nullable=False),
    Column("text_hash", String(64), nullable=False, index=True),
    Column("duplicate_of", ID, ForeignKey("articles.id"), index=True),
    Column("duplicate_kind", String(8)),
    Column("similarity", Float),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # Set once the analysis stage has run (or skipped the article, saying why in analysis_note).
    Column("analysed_at", DateTime(timezone=True), index=True),
    Column("analysis_note", Text),
)
# The story stage's question "which analysed articles are in no story yet", in publication order
# (``StoryRows.analysed_ids``), answered from this index alone: without it every article row was read
# to its last column (0.26 s at 100k articles; 0.07 s with it). Migration 0012.
Index(
    "ix_articles_analysed_order",
    articles.c.published,
    articles.c.id,
    sqlite_where=articles.c.analysed_at.is_not(None),
    postgresql_where=articles.c.analysed_at.is_not(None),
)

removed_texts = Table(
    "removed_texts",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("offset", Integer, nullable=False),
    Column("reason", String(32), nullable=False),
    Column("text", Text, nullable=False),
)

# MinHash signatures and their LSH band keys: the near-duplicate index, kept in the store.
minhashes = Table(
    "minhashes",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

lsh_buckets = Table(
    "lsh_buckets",
    metadata,
    Column("band_key", BigInteger, primary_key=True),
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

# Which short lines each outlet's (non-duplicate) articles carry: a line in enough of them is boilerplate.
# A line is kept as the digest of its normalised key (``line_digest``): keys run to 45 words, and
# PostgreSQL enforces both the column's width and a size limit on index entries.
outlet_lines = Table(
    "outlet_lines",
    metadata,
    Column("outlet", Text, primary_key=True),
    Column("line_key", String(32), primary_key=True),
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)


def line_digest(key: str) -> str:
    """The 32 hex digits of SHA-256 that stand for a normalised line key in ``outlet_lines``."""
    return hashlib.sha256(key.encode("utf-8", errors="surrogatepass")).hexdigest()[:32]


ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),
    Column("inputs", JSON, nullable=False),
    Column("counts", JSON),
    Column("stages", JSON),
)

# Every input or article that failed or was dropped in a run, with the reason: nothing vanishes silently.
ingest_outcomes = Table(
    "ingest_outcomes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("ingest_runs.id", ondelete="CASCADE"), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("source", Text, nullable=False),
    Column("code", String(16), nullable=False),
    Column("reason", Text, nullable=False),
)

Index("ix_outlet_lines_article", outlet_lines.c.article_id)


def _article_key() -> Column[str]:
    return Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def _span() -> list[Column[int]]:
    # Analysis rows are spans of the article's text, numbered in text order.
    return [
        Column("idx", Integer, primary_key=True),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
    ]


sentences = Table("sentences", metadata, _article_key(), *_span())

entities = Table(
    "entities",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country", String(3)),
    Column("mention_count", Integer, nullable=False),
)

# Which article wrote an entity's name which way: "Wi Sung-lac" in one, "Wi Sung-lack" in another.
entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_id", String(16), ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", Text, primary_key=True),
    _article_key(),
)
Index("ix_entity_aliases_article", entity_aliases.c.article_id)

# The entity resolver's blocking keys of each entity (analysis.entities.index_keys; migration 0008): a
# batch reads the entities sharing a key with its mentions, not every stored entity. Derived data: a
# change to the keys' rules needs a migration that empties this table (the next analysis refills it).
entity_keys = Table(
    "entity_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("entity_id", String(16), ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_entity_keys_entity", entity_keys.c.entity_id)

mentions = Table(
    "mentions",
    metadata,
    _article_key(),
    *_span(),
    Column("sentence", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("title", Text),
    Column("entity_id", String(16), ForeignKey("entities.id", ondelete="SET NULL"), index=True),
)

quantities = Table(
    "quantities",
    metadata,
    _article_key(),
    *_span(),
    Column("text", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("qualifier", String(32)),
    Column("low", Float),
    Column("high", Float),
    Column("what", Text),
)

time_refs = Table(
    "time_refs",
    metadata,
    _article_key(),
    *_span(),
    Column("text", Text, nullable=False),
    Column("begin", Date),
    Column("end_date", Date),
    Column("granularity", String(16), nullable=False),
    Column("anchored", Boolean, nullable=False),
    Column("relation", String(16), nullable=False),
    Column("approximate", Boolean, nullable=False),
)

places = Table(
    "places",
    metadata,
    _article_key(),
    *_span(),
    Column("text", Text, nullable=False),
    Column("canonical", Text, nullable=False),
    Column("geonames_id", Integer),
    Column("country", String(3)),
    Column("kind", String(16), nullable=False),
    Column("lat", Float),
    Column("lon", Float),
)

storylines = Table(
    "storylines",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("title", Text, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_seen", DateTime(timezone=True)),
    Column("last_seen", DateTime(timezone=True), index=True),
    Column("storyline_id", String(16), ForeignKey("storylines.id", ondelete="SET NULL")),
    # The story's summary for storyline linking (migration 0006): float32 centroid, JSON
    # {entity id: articles naming it}, article count. None until a storyline pass computes it.
    Column("centroid", LargeBinary),
    Column("actor_articles", Text),
    Column("article_count", Integer),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(16), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
)

# Embeddings are derived data kept so that reclustering does not re-encode every article.
article_vectors = Table(
    "article_vectors",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("model", Text, nullable=False),
    Column("vector", LargeBinary, nullable=False),
    # The lead's embedding (title and first sentences, stories.stage.lead_text; migration 0007), same
    # model; NULL in stores written before it, until the story stage encodes it.
    Column("lead", LargeBinary),
    # The text's embedding by the multilingual encoder (newsweave.multilingual, migration 0013): kept only
    # once the story stage has compared the article with one in another language.
    Column("multilingual_model", Text),
    Column("multilingual", LargeBinary),
)

# Atomic claims (one per clause): the brief aligns them across a story's articles. Values and
# entity ids are JSON lists, read and written whole with the claim.
claims = Table(
    "claims",
    metadata,
    _article_key(),
    *_span(),
    Column("sentence", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("predicate", Text, nullable=False),
    Column("object", Text, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("core", Text, nullable=False),
    Column("mentions", Text, nullable=False),
    Column("entity_ids", Text, nullable=False),
    Column("claim_values", Text, nullable=False),
    # The claim's sentence embeddings (core text, then predicate), filled by the first brief that
    # needs them and kept until the claim is replaced: encoding is most of a brief's cost.
    Column("vector_model", Text),
    Column("vectors", LargeBinary),
)

# PLOVER-coded events, one per reporting sentence; per-story deduplication happens on reading.
events = Table(
    "events",
    metadata,
    _article_key(),
    *_span(),
    Column("sentence", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("category", String(16), nullable=False, index=True),
    Column("mode", String(32)),
    Column("cameo", String(8), nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("quad_class", String(32), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("reciprocal", Boolean, nullable=False),
    Column("source_name", Text, nullable=False),
    Column("source_country", String(3), index=True),
    Column("source_sector", String(8)),
    Column("source_entity_id", String(16)),
    Column("target_name", Text),
    Column("target_country", String(3), index=True),
    Column("target_sector", String(8)),
    Column("target_entity_id", String(16)),
    Column("place_name", Text),
    Column("place_country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("date", Date, index=True),
    Column("date_from_published", Boolean, nullable=False),
)

# A story's brief as last built (migration 0009): the whole brief as JSON, for showing it again, and
# its facts and discrepancies as rows, for SQL ("every disputed fact this month") and exports. Rows
# are replaced whole when the story's version (its articles and their analysis, the brief settings)
# changes; a story's rows go with it.


def _story_key() -> Column[str]:
    return Column("story_id", String(16), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True)


briefs = Table(
    "briefs",
    metadata,
    _story_key(),
    Column("version", String(16), nullable=False),
    Column("built_at", DateTime(timezone=True), nullable=False),
    Column("fact_count", Integer, nullable=False),
    Column("body", Text, nullable=False),
)

facts = Table(
    "facts",
    metadata,
    _story_key(),
    Column("idx", Integer, primary_key=True),  # the brief's order (status, then salience)
    Column("rank", Integer, nullable=False),  # salience: 0 the most salient
    Column("shown", Boolean, nullable=False),  # listed by the default brief (not only by --all)
    Column("status", String(16), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("slot", Text),
    Column("note", Text),
    Column("article_count", Integer, nullable=False),
    Column("outlet_count", Integer, nullable=False),
    Column("first_published", DateTime(timezone=True)),
    Column("last_published", DateTime(timezone=True), index=True),
)

fact_sources = Table(
    "fact_sources",
    metadata,
    _story_key(),
    Column("fact_idx", Integer, primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("article_id", ID, nullable=False, index=True),
    Column("outlet", Text),
    Column("quote", Text, nullable=False),
)

fact_values = Table(
    "fact_values",
    metadata,
    _story_key(),
    Column("fact_idx", Integer, primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("article_id", ID, nullable=False),
    Column("value", Text, nullable=False),
    Column("unit", Text),
    Column("kind", String(16)),
    Column("text", Text),
)

discrepancies = Table(
    "discrepancies",
    metadata,
    _story_key(),
    Column("idx", Integer, primary_key=True),
    Column("kind", String(16), nullable=False, index=True),
    Column("about", Text, nullable=False),
    Column("soft", Boolean, nullable=False),
    Column("entity_id", String(16)),
    Column("explanation", Text, nullable=False),
)

discrepancy_claims = Table(
    "discrepancy_claims",
    metadata,
    _story_key(),
    Column("discrepancy_idx", Integer, primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("article_id", ID, nullable=False),
    Column("outlet", Text),
    Column("quote", Text, nullable=False),
    Column("value", Text, nullable=False),
)

# Feeds and pages `newsweave watch` polls (migration 0010): the validators of the last answer for
# conditional requests, when the next poll is due, and how the source has been failing.
sources = Table(
    "sources",
    metadata,
    Column("id", String(16), primary_key=True),  # SHA-256 of the URL, 16 hex digits
    Column("url", Text, nullable=False),
    Column("title", Text),
    Column("interval_s", Integer, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_checked", DateTime(timezone=True)),
    Column("next_check", DateTime(timezone=True), index=True),
    Column("last_success", DateTime(timezone=True)),
    Column("failures", Integer, nullable=False),  # in a row; 0 after a success
    Column("last_error", Text),
    Column("articles_stored", Integer, nullable=False),  # new articles stored from it, in all
    # A unique index, not a UNIQUE constraint: both backends reflect it alike (tests/store).
    Index("ix_sources_url", "url", unique=True),
)

# What a user follows and the alerts it raised (migration 0011). An alert's id hashes what it is
# about (the follow, its kind and subject), so the same change never raises two alerts, across
# restarts; ``silent`` alerts are what was already there when the follow was made (a baseline, never
# shown).
follows = Table(
    "follows",
    metadata,
    Column("id", String(16), primary_key=True),  # SHA-256 of kind and value, 16 hex digits
    Column("kind", String(16), nullable=False),  # entity, search, pair, outlet, story
    Column("value", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("follow_id", String(16), ForeignKey("follows.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # new_story, new_report, new_event, discrepancy
    Column("story_id", String(16)),
    Column("article_id", ID),
    Column("title", Text, nullable=False),
    Column("detail", Text),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("read", Boolean, nullable=False),
    Column("silent", Boolean, nullable=False),
    Column("delivered", Boolean, nullable=False),  # POSTed to the webhook ([watch] webhook_url)
)
