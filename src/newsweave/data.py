"""The data model (DESIGN.md §3): small records; text is stored once, everything else points into it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

DuplicateKind = Literal["exact", "near"]

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Text reduced to what survives re-encoding and re-wrapping: NFKC, casefolded, single spaces.

    Two copies of one article that differ only in line breaks, typographic quotes' width or case
    normalise to the same string, so their hashes agree.
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def text_hash(text: str) -> str:
    """Hash of the normalised text: equal for exact duplicates whatever their title or URL."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def content_id(url: str | None, title: str, text: str) -> str:
    """The article id: a hash of its normalised URL, title and text as read (before cleaning).

    Reading the same input again gives the same id, so a re-ingest adds nothing; a copy under
    another headline or URL gets its own id and is linked by ``duplicate_of`` instead.
    """
    key = "\x00".join((normalise_text(url or ""), normalise_text(title), normalise_text(text)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class RemovedText:
    """Text taken out of an article as boilerplate, kept so that nothing is silently lost.

    ``offset`` is where it stood in the cleaned text (the text was cut out at that point).
    """

    text: str
    reason: str
    offset: int


@dataclass(slots=True)
class Article:
    """One news report as read from a source, then cleaned and checked for duplicates."""

    title: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    language: str | None = None
    author: str | None = None
    source: str = ""
    """Where it was read from: a path, a URL, ``feed-url#entry-id`` or ``warc-path#record-id``."""
    source_kind: str = ""
    """The reader that produced it: txt, html, json, feed, warc or url."""
    removed: list[RemovedText] = field(default_factory=list)
    duplicate_of: str | None = None
    duplicate_kind: DuplicateKind | None = None
    similarity: float | None = None
    """Estimated Jaccard similarity to ``duplicate_of`` (1.0 for exact copies)."""
    id: str = ""
    outlet_guessed: bool = False
    """True when the input named no outlet and ``outlet`` is a guess from the URL's host or the file's
    name (``readers.base.guess_outlet``); ingest reports such guesses."""

    def __post_init__(self) -> None:
        # NUL is never text (a JSON "\u0000", a stray byte deep in a file) and PostgreSQL cannot store it.
        if "\x00" in self.text or "\x00" in self.title:
            self.text, self.title = self.text.replace("\x00", ""), self.title.replace("\x00", "")
        if not self.id:
            self.id = content_id(self.url, self.title, self.text)

    @property
    def text_hash(self) -> str:
        """Hash of the (cleaned) normalised text, for exact-duplicate detection."""
        return text_hash(self.text)


@dataclass(slots=True)
class Failure:
    """An input, or one record of it, that could not be read: the batch goes on without it."""

    source: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"[{self.code}] {self.source}: {self.reason}"


@dataclass(slots=True)
class Sentence:
    """A sentence of an article: ``article.text[start:end]``."""

    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """A named-entity mention: ``article.text[start:end]``, its NER label and the sentence it is in.

    ``title`` is an office or honorific written just before a person ("President", "National
    Security Adviser"); ``entity_id`` is set once the mention is resolved to an ``Entity``.
    """

    start: int
    end: int
    text: str
    label: str
    sentence: int
    title: str | None = None
    entity_id: str | None = None


# The types an entity can have (spaCy's labels that name one thing), in the order a tie of mention labels
# is broken in (analysis.entities).
ENTITY_TYPES = ("PERSON", "GPE", "LOC", "FAC", "ORG", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART")
#: The entity types that name places (countries and towns, regions and seas, buildings).
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


@dataclass(slots=True)
class Entity:
    """A real-world person, organisation or place as resolved across articles.

    ``aliases`` maps each spelling used to the ids of the articles that used it, so a brief can say
    who spelled a name how.
    """

    id: str
    name: str
    type: str
    country: str | None = None
    aliases: dict[str, set[str]] = field(default_factory=dict)
    mention_count: int = 0

    def articles(self) -> set[str]:
        """Every article that mentions the entity."""
        return set().union(*self.aliases.values()) if self.aliases else set()


@dataclass(slots=True)
class ClaimValue:
    """A value a claim states (an amount, a date, a place), normalised so that equal values compare equal.

    ``slot`` is the word the value attaches to in the parse ("impose" for "imposed in 2013",
    "disaster" for "the 2011 disaster", "protester" for "3,000 protesters"): two values conflict
    only when they fill the same slot of the same fact.
    """

    kind: str
    """count, money, percent, distance, magnitude, duration, ... (quantities), date, or place."""
    value: str
    """Normalised value as text: ``"7.5e+10"``, ``"2013"``, ``"2026-01-13"``, ``"JPN:Nara"``."""
    unit: str | None
    text: str
    start: int
    end: int
    slot: str
    slot_text: str = ""
    """The slot word as written ("imposed", "disaster"), for explanations."""
    approximate: bool = False


@dataclass(slots=True)
class Claim:
    """An atomic statement from one sentence: subject, predicate, object and the values it carries.

    ``start``/``end`` delimit the quote in the article's text (a clause, or the whole sentence
    when it holds one fact). ``mentions`` are indexes into the article's mentions; ``entity_ids``
    are filled once those mentions are resolved.
    """

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    subject: str
    predicate: str
    object: str
    negated: bool = False
    core: str = ""
    """The claim without its scene-setting (leading adverbials, relative clauses, appositions): what
    alignment compares. Empty when it equals ``text``."""
    mentions: list[int] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)
    values: list[ClaimValue] = field(default_factory=list)


@dataclass(slots=True)
class Actor:
    """An event's source or target: a name resolved to an entity, coded by country and sector."""

    name: str
    country: str | None = None
    """ISO 3166-1 alpha-3."""
    sector: str | None = None
    """One of PLOVER's sector codes (GOV, MIL, LAB, BUS, ...)."""
    mention: int | None = None
    """Index into the article's mentions, when the actor was named there."""
    entity_id: str | None = None


@dataclass(slots=True)
class Event:
    """A PLOVER-coded event reported by one sentence of one article.

    Reciprocal events (a meeting, talks) are one event with both actors (``reciprocal``).
    ``date_from_published`` says the text gave no date and the publication date stands in.
    """

    article_id: str
    sentence: int
    start: int
    end: int
    quote: str
    category: str
    cameo: str
    goldstein: float
    quad_class: str
    confidence: float
    source: Actor
    target: Actor | None = None
    mode: str | None = None
    reciprocal: bool = False
    place_name: str | None = None
    place_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None
    """ISO date (YYYY-MM-DD), or None when neither the text nor the publication gives one."""
    date_from_published: bool = False
