"""What the pages show, assembled from the store and the brief: plain records the templates render.

No HTML here: the templates escape every string, so building views from untrusted article text is
safe by construction. The source columns of a story page are cut into segments by the brief's own
``highlight_spans``, so the web page and the standalone HTML brief mark the same passages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsweave.brief.highlight import Segment, highlight_spans

if TYPE_CHECKING:
    from newsweave.data import Article, Entity
    from newsweave.store.story_rows import StoryRecord

STATUS_LABELS = {
    "corroborated": "Corroborated",
    "single_source": "Single source",
    "disputed": "Disputed",
}
#: The order facts are grouped in on a story page: what is contested first, then what is confirmed.
STATUS_ORDER = ("disputed", "corroborated", "single_source")


@dataclass(slots=True)
class SourceView:
    """One article of a story as a numbered source: [n] in citations, a column when it is an original."""

    number: int
    article: Article
    copy_of: int | None = None
    segments: list[Segment] = field(default_factory=list)
    facts: set[int] = field(default_factory=set)

    @property
    def label(self) -> str:
        """The outlet, or a stand-in when the article names none."""
        return self.article.outlet or f"Source {self.number}"


@dataclass(slots=True)
class Citation:
    """A cited source: its number, label and the quote it gives (when the brief names one)."""

    number: int
    article_id: str
    label: str
    quote: str = ""
    value: str = ""


@dataclass(slots=True)
class FactView:
    """A fact of the brief with its sources resolved to numbered citations."""

    index: int
    text: str
    status: str
    citations: list[Citation]
    values: list[dict[str, Any]]
    note: str | None
    slot: str | None

    @property
    def status_label(self) -> str:
        """The status as a reader reads it."""
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(slots=True)
class StoryView:
    """Everything a story page shows."""

    story: StoryRecord
    brief: dict[str, Any]
    sources: list[SourceView]
    facts: list[FactView]
    summary: list[tuple[str, list[Citation]]]
    discrepancies: list[tuple[dict[str, Any], list[Citation]]]
    timeline: list[tuple[dict[str, Any], list[Citation]]]
    coverage: list[tuple[dict[str, Any], list[FactView]]]
    status_counts: Counter[str]

    @property
    def columns(self) -> list[SourceView]:
        """The sources shown side by side: originals (copies are listed, not repeated)."""
        return [source for source in self.sources if source.copy_of is None]

    @property
    def copies(self) -> list[SourceView]:
        """Syndicated copies of another source of the story."""
        return [source for source in self.sources if source.copy_of is not None]

    def facts_with(self, status: str) -> list[FactView]:
        """The facts of one status, in the brief's order."""
        return [fact for fact in self.facts if fact.status == status]


def _highlight(sources: list[SourceView], facts: list[FactView]) -> None:
    """Split each source's text into segments with the quotes of the facts citing it marked."""
    quotes: dict[str, list[tuple[str, int, str]]] = {}
    for fact in facts:
        for citation in fact.citations:
            if citation.quote:
                quotes.setdefault(citation.article_id, []).append((citation.quote, fact.index, fact.status))
    for source in sources:
        wanted = quotes.get(source.article.id, [])
        source.segments = highlight_spans(source.article.text, wanted)
        source.facts = {index for segment in source.segments for index in segment.facts}


def story_view(story: StoryRecord, brief: Mapping[str, Any]) -> StoryView:
    """A story page's view of a story (articles with their texts) and its brief."""
    sources = [SourceView(number, article) for number, article in enumerate(story.articles, start=1)]
    by_id = {source.article.id: source for source in sources}
    for source in sources:
        original = by_id.get(source.article.duplicate_of or "")
        source.copy_of = original.number if original is not None else None

    def cite(article_id: str, quote: str = "", value: str = "") -> Citation:
        source = by_id.get(article_id)
        if source is None:  # a brief citing an article outside the story: shown, not numbered
            return Citation(0, article_id, article_id, quote, value)
        return Citation(source.number, article_id, source.label, quote, value)

    facts = [
        FactView(
            index=index,
            text=str(fact.get("text", "")),
            status=str(fact.get("status", "")),
            citations=[cite(s["article_id"], s.get("quote", "")) for s in fact.get("sources", [])],
            values=list(fact.get("values") or []),
            note=fact.get("note"),
            slot=fact.get("slot"),
        )
        for index, fact in enumerate(brief.get("facts", []))
    ]
    _highlight(sources, facts)
    return StoryView(
        story=story,
        brief=dict(brief),
        sources=sources,
        facts=facts,
        summary=[
            (item["text"], [cite(i) for i in item.get("sources", [])]) for item in brief.get("summary", [])
        ],
        discrepancies=[
            (
                item,
                [
                    cite(c["article_id"], c.get("quote", ""), str(c.get("value", "")))
                    for c in item.get("claims", [])
                ],
            )
            for item in brief.get("discrepancies", [])
        ],
        timeline=[
            (item, [cite(i) for i in item.get("article_ids", [])]) for item in brief.get("timeline", [])
        ],
        coverage=[
            (item, [facts[i] for i in item.get("adds", []) if 0 <= i < len(facts)])
            for item in brief.get("coverage", [])
        ],
        status_counts=Counter(fact.status for fact in facts),
    )


def empty_brief(story: StoryRecord) -> dict[str, Any]:
    """A brief with nothing in it: a story page shows its sources while the real one is built."""
    from newsweave import shapes

    parts = ("summary", "facts", "discrepancies", "entities", "events", "timeline", "coverage")
    return {"story": shapes.story_json(story), **{part: [] for part in parts}}


@dataclass(slots=True)
class StoryRow:
    """A story in a listing: its record, and counts from its brief (None while it is being built)."""

    story: StoryRecord
    originals: int
    copies: int
    status_counts: Counter[str] | None

    @property
    def disputed(self) -> int:
        """How many of its facts sources disagree on (0 while the brief is being built)."""
        return self.status_counts.get("disputed", 0) if self.status_counts else 0

    @property
    def facts(self) -> int | None:
        """How many facts its brief has, None while it is being built."""
        return sum(self.status_counts.values()) if self.status_counts is not None else None


def story_row(story: StoryRecord, brief: Mapping[str, Any] | None) -> StoryRow:
    """A listing row (the brief may be None when it is not built yet)."""
    originals = sum(1 for article in story.articles if not article.duplicate_of)
    counts: Counter[str] | None = (
        Counter(str(fact.get("status")) for fact in brief.get("facts", [])) if brief is not None else None
    )
    return StoryRow(story, originals, len(story.articles) - originals, counts)


@dataclass(slots=True)
class AliasUse:
    """One spelling of an entity and the articles (with outlets) that used it."""

    alias: str
    articles: list[tuple[str, str | None, str]]
    """(article id, outlet, title) of each article using this spelling."""

    @property
    def outlets(self) -> list[str]:
        """The outlets that used the spelling, sorted."""
        return sorted({outlet for _, outlet, _ in self.articles if outlet})


def alias_uses(entity: Entity, meta: Mapping[str, Any]) -> list[AliasUse]:
    """Who spelled the entity's name which way, most used spelling first."""
    uses = []
    for alias, ids in entity.aliases.items():
        rows = [
            (
                article_id,
                getattr(meta.get(article_id), "outlet", None),
                getattr(meta.get(article_id), "title", ""),
            )
            for article_id in sorted(ids)
        ]
        uses.append(AliasUse(alias, rows))
    return sorted(uses, key=lambda use: (-len(use.articles), use.alias))


def outlet_exclusives(
    outlet: str, stories: Sequence[tuple[StoryRecord, Mapping[str, Any]]]
) -> list[tuple[StoryRecord, list[str]]]:
    """For each story the outlet shares with others: the facts only it reports (from the brief's coverage)."""
    found = []
    for story, brief in stories:
        facts = brief.get("facts", [])
        for entry in brief.get("coverage", []):
            if entry.get("outlet") == outlet and entry.get("adds"):
                texts = [str(facts[i].get("text", "")) for i in entry["adds"] if 0 <= i < len(facts)]
                if texts:
                    found.append((story, texts))
    return found
