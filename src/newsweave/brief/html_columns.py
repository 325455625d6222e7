"""The HTML brief's side-by-side columns: which column shows each article, and its highlighted text.

Also the fact-status badge classes, which the columns' highlights and ``render_html``'s fact list share.
Everything returned is data for the autoescaping template; class names come from fixed tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from newsweave.brief.highlight import Segment, highlight_spans
from newsweave.brief.languages import lang_tag
from newsweave.brief.md_text import STATUS_LABELS, day, safe_url
from newsweave.brief.sources import Sources

if TYPE_CHECKING:
    from newsweave.data import Article

STATUS_CLASSES: dict[str, str] = {
    "corroborated": "corroborated",
    "disputed": "disputed",
    "single_source": "single",
}
"""CSS class of each fact status; any other status (the brief is data, it may hold anything) is shown
with the neutral class below, never with its own text as a class name."""
UNKNOWN_STATUS_CLASS = "unknown"


def status_class(status: Any) -> str:
    """The badge class of a fact status (a fixed table: never the status text itself)."""
    return STATUS_CLASSES.get(str(status), UNKNOWN_STATUS_CLASS)


def status_label(status: Any) -> str:
    """The words shown for a fact status."""
    return STATUS_LABELS.get(str(status), str(status or "unclassified").replace("_", " ").capitalize())


class Columns:
    """Which column shows each article: independent articles have their own, copies their original's."""

    def __init__(self, sources: Sources) -> None:
        self.numbers: list[int] = []
        self._column: dict[str, int] = {}
        self.copies: dict[int, list[int]] = {}
        for source in sources:
            original = sources.get(source.duplicate_of) if source.duplicate_of else None
            if original is None:
                self.numbers.append(source.number)
                self._column[source.article_id] = source.number
        for source in sources:
            original = sources.get(source.duplicate_of) if source.duplicate_of else None
            if original is not None:
                column = self._column.get(original.article_id, original.number)
                self._column[source.article_id] = column
                self.copies.setdefault(column, []).append(source.number)

    def of(self, article_id: str) -> int | None:
        """The number of the column that shows ``article_id``'s text."""
        return self._column.get(article_id)


def column_quotes(facts: list[Mapping[str, Any]], columns: Columns) -> dict[int, list[tuple[str, int, str]]]:
    """Each column's quotes: every fact source whose article the column shows (copies included)."""
    quotes: dict[int, list[tuple[str, int, str]]] = {number: [] for number in columns.numbers}
    for index, fact in enumerate(facts):
        for source in fact.get("sources") or []:
            column = columns.of(str(source.get("article_id") or ""))
            entry = (str(source.get("quote") or ""), index, str(fact.get("status") or ""))
            if column is not None and entry not in quotes[column]:
                quotes[column].append(entry)
    return quotes


def build_columns(
    articles: Mapping[str, Article],
    sources: Sources,
    columns: Columns,
    facts: list[Mapping[str, Any]],
    quotes: dict[int, list[tuple[str, int, str]]],
) -> tuple[list[dict[str, Any]], dict[int, set[int]]]:
    """The side-by-side columns, and for each column the facts whose quote was found in its text.

    The second is needed by the fact list, whose citations link to a passage only where it was found.
    """
    column_views = []
    located: dict[int, set[int]] = {}  # column -> facts whose quote was found there
    for number in columns.numbers:
        source = sources.get_number(number)
        article = articles.get(source.article_id)
        segments = highlight_spans(article.text, quotes[number]) if article is not None else []
        located[number] = {fact for segment in segments for fact in segment.facts}
        paragraph_breaks = lone_newlines(article.text) if article is not None else set()
        column_views.append(
            {
                "number": number,
                "outlet": source.outlet or f"Source {number}",
                "title": source.title or "",
                "url": safe_url(source.url),
                "published": day(source.published),
                "copies": [copy_view(sources, copy) for copy in columns.copies.get(number, [])],
                "available": article is not None,
                "lang": lang_tag(article.language) if article is not None else None,
                "segments": [segment_view(segment, number, facts, paragraph_breaks) for segment in segments],
            }
        )
    return column_views, located


def copy_view(sources: Sources, number: int) -> dict[str, Any]:
    """A syndicated copy listed under its original's column."""
    source = sources.get_number(number)
    return {"number": number, "outlet": source.outlet or f"Source {number}", "url": safe_url(source.url)}


def lone_newlines(text: str) -> set[int]:
    """Positions of single line breaks: some sources end paragraphs with one, most with a blank line."""
    return {
        index
        for index, char in enumerate(text)
        if char == "\n"
        and (index == 0 or text[index - 1] != "\n")
        and (index + 1 == len(text) or text[index + 1] != "\n")
    }


def shown_text(segment: Segment, paragraph_breaks: set[int]) -> str:
    """A segment's text with each single line break doubled, so that every paragraph stands apart."""
    if not paragraph_breaks:
        return segment.text
    return "".join(
        "\n\n" if segment.start + offset in paragraph_breaks else char
        for offset, char in enumerate(segment.text)
    )


def segment_view(
    segment: Segment, column: int, facts: list[Mapping[str, Any]], paragraph_breaks: set[int]
) -> dict[str, Any]:
    """What the template needs of one segment: text, classes, hover text and the anchors it opens."""
    text = shown_text(segment, paragraph_breaks)
    if not segment.highlights:
        return {"text": text, "mark": False, "anchors": []}
    covering = segment.facts
    return {
        "text": text,
        "mark": True,
        "status_class": status_class(segment.status),
        "fact_classes": [f"f{index}" for index in covering],
        "hover": "; ".join(
            f"F{index + 1} · {status_label(facts[index].get('status'))}: {facts[index].get('text') or ''}"
            for index in covering
        ),
        "anchors": [
            {"id": f"q{highlight.fact}-{column}", "label": f"F{highlight.fact + 1}"}
            for highlight in segment.opens
            if highlight.occurrence == 0
        ],
    }
