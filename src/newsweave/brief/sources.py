"""The brief's numbered source list and the groupings both renderers read a brief by: every article a
brief cites gets one number, facts are grouped for reading, naming discrepancies are titled by outlet.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.data import Article


def outlets_phrase(outlets: int, unnamed: int) -> str:
    """How many outlets reported a story, for headers and lists: "3 outlets", "1 outlet and 2 unnamed",
    "no outlet named". ``unnamed`` counts reports (not copies) that name no outlet (JSON-lines records with
    neither URL nor outlet): each is a source of its own, and "0 outlets" would read as none at all."""
    named = f"{outlets} outlet" + ("" if outlets == 1 else "s")
    if not unnamed:
        return named
    return f"{named} and {unnamed} unnamed" if outlets else "no outlet named"


@dataclass(frozen=True, slots=True)
class Source:
    """One article of the brief's numbered source list."""

    number: int
    article_id: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    duplicate_of: str | None = None


class Sources:
    """The brief's articles numbered 1..n: the story's, in its order, then any other article cited.

    Every citation resolves: an article id the story does not list still gets a number (with what
    ``articles`` knows of it, or its id alone).
    """

    def __init__(self, brief: Mapping[str, Any], articles: Mapping[str, Article] | None = None) -> None:
        self._by_id: dict[str, Source] = {}
        story = brief.get("story") or {}
        for listed in story.get("articles") or []:
            if isinstance(listed, Mapping) and listed.get("id"):
                self._add(str(listed["id"]), listed)
        if not self._by_id:
            # No story listing (a brief of chosen articles): number the articles given, in their order.
            for article_id in articles or {}:
                self._add(article_id, {})
        for article_id in _cited_ids(brief):
            if article_id not in self._by_id:
                self._add(article_id, {})
        if articles:
            self._fill(articles)

    def _add(self, article_id: str, listed: Mapping[str, Any]) -> None:
        if article_id in self._by_id:
            return
        self._by_id[article_id] = Source(
            number=len(self._by_id) + 1,
            article_id=article_id,
            outlet=_text_or_none(listed.get("outlet")),
            title=_text_or_none(listed.get("title")),
            url=_text_or_none(listed.get("url")),
            published=_text_or_none(listed.get("published")),
            duplicate_of=_text_or_none(listed.get("duplicate_of")),
        )

    def _fill(self, articles: Mapping[str, Article]) -> None:
        """Complete what the story's listing lacks from the full articles."""
        for article_id, source in list(self._by_id.items()):
            article = articles.get(article_id)
            if article is None:
                continue
            self._by_id[article_id] = Source(
                number=source.number,
                article_id=article_id,
                outlet=source.outlet or article.outlet,
                title=source.title or article.title,
                url=source.url or article.url,
                published=source.published or (article.published.isoformat() if article.published else None),
                duplicate_of=source.duplicate_of or article.duplicate_of,
            )

    def __iter__(self) -> Iterator[Source]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, article_id: str) -> Source | None:
        """The source of ``article_id``, or None when the brief never mentions it."""
        return self._by_id.get(article_id)

    def get_number(self, number: int) -> Source:
        """The source cited as ``[number]``; ``IndexError`` for a number not in the list."""
        for source in self._by_id.values():
            if source.number == number:
                return source
        raise IndexError(number)

    def number(self, article_id: str) -> int | None:
        """The citation number of ``article_id``."""
        source = self._by_id.get(article_id)
        return source.number if source else None

    def numbers(self, article_ids: Iterable[str]) -> list[int]:
        """Citation numbers, ascending, each once; ids outside the list are left out."""
        return sorted({n for n in (self.number(str(i)) for i in article_ids) if n is not None})

    def outlet(self, article_id: str) -> str:
        """The outlet of an article, or a stand-in naming its number."""
        source = self._by_id.get(article_id)
        if source is None:
            return "unknown source"
        return source.outlet or f"source {source.number}"


def _text_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _cited_ids(brief: Mapping[str, Any]) -> list[str]:
    """Every article id a brief cites, in the order its sections cite them (entities excepted).

    Entities list every article that ever mentioned them, stories outside this one included, so
    they are not a reason to number an article.
    """
    found: list[str] = []

    def add(value: Any) -> None:
        if isinstance(value, str) and value:
            found.append(value)

    for sentence in brief.get("summary") or []:
        for article_id in sentence.get("sources") or []:
            add(article_id)
    for fact in brief.get("facts") or []:
        for source in fact.get("sources") or []:
            add(source.get("article_id"))
    for discrepancy in brief.get("discrepancies") or []:
        for claim in discrepancy.get("claims") or []:
            add(claim.get("article_id"))
    for event in brief.get("events") or []:
        add(event.get("article_id"))
        for source in event.get("sources") or []:
            add(source.get("article_id"))
    for entry in brief.get("timeline") or []:
        for article_id in entry.get("article_ids") or []:
            add(article_id)
    for outlet in brief.get("coverage") or []:
        for article_id in outlet.get("article_ids") or []:
            add(article_id)
    return found


def fact_sources(fact: Mapping[str, Any]) -> list[str]:
    """The article ids a fact cites, in order, each once."""
    ids: list[str] = []
    for source in fact.get("sources") or []:
        article_id = str(source.get("article_id") or "")
        if article_id and article_id not in ids:
            ids.append(article_id)
    return ids


def group_facts(brief: Mapping[str, Any], sources: Sources) -> list[tuple[str, str | None, list[int]]]:
    """Fact indexes grouped for reading: corroborated, disputed, then single-source ones per outlet.

    Each group is ``(status, outlet or None, fact indexes)``; facts with a status the brief's contract
    does not name come last, under their own status.
    """
    facts = brief.get("facts") or []
    by_status: dict[str, list[int]] = {}
    for index, fact in enumerate(facts):
        by_status.setdefault(str(fact.get("status") or "unknown"), []).append(index)
    groups: list[tuple[str, str | None, list[int]]] = []
    for status in ("corroborated", "disputed"):
        if by_status.get(status):
            groups.append((status, None, by_status[status]))
    per_outlet: dict[str, list[int]] = {}
    for index in by_status.get("single_source", []):
        ids = fact_sources(facts[index])
        per_outlet.setdefault(sources.outlet(ids[0]) if ids else "unknown source", []).append(index)
    groups.extend(("single_source", outlet, indexes) for outlet, indexes in per_outlet.items())
    groups.extend(
        (status, None, indexes)
        for status, indexes in by_status.items()
        if status not in ("corroborated", "disputed", "single_source")
    )
    return groups


def naming_title(discrepancy: Mapping[str, Any], sources: Sources) -> str:
    """ "Wi Sung-lac (Pacific Ledger) / Wi Sung-lack (Harbour Times)": each spelling with its outlets."""
    spellings: dict[str, list[str]] = {}
    for claim in discrepancy.get("claims") or []:
        outlets = spellings.setdefault(str(claim.get("value") or claim.get("quote") or "?"), [])
        outlet = sources.outlet(str(claim.get("article_id") or ""))
        if outlet not in outlets:
            outlets.append(outlet)
    return " / ".join(f"{name} ({', '.join(outlets)})" for name, outlets in spellings.items())
