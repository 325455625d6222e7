"""A brief as Markdown that also reads well in a terminal (``newsweave brief --format md``).

Sources are numbered once, in the story's order, and every statement cites them as ``[1][2]``.
Text from articles is untrusted: Markdown's special characters in it are backslash-escaped, and a
wrapped line that would start with a list, heading or quote marker is escaped too, so an article
cannot add a heading, a link, an image or HTML to the brief or break its lists.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from newsweave.data import Article

LINE_WIDTH = 99
"""Lines stay under 100 characters (terminals and diffs); only an unbreakable word or URL goes over."""

STATUS_LABELS: dict[str, str] = {
    "corroborated": "Corroborated",
    "disputed": "Disputed",
    "single_source": "Single source",
}
"""How each fact status is named to a reader, in the order a brief lists them."""

_SPACE = re.compile(r"\s+")
# Inline Markdown syntax: emphasis, code, links and images, raw HTML, tables, strikethrough.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# An HTML entity or character reference would be decoded by a Markdown renderer: "&amp;" must stay text.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What makes a line a block of its own when it starts it: list items, headings, setext underlines.
_BULLET_START = re.compile(r"^([-+*]|#{1,6})(?=\s|$)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
# A setext heading's underline, or a thematic break made of hyphens ("---", "- - -", "--- -").
_RULE_LINE = re.compile(r"^(=+\s*|(-\s*)+)$")


def md_escape(text: str) -> str:
    """``text`` on one line, with every character Markdown would read as inline syntax escaped."""
    flat = _SPACE.sub(" ", text).strip()
    return _ENTITY.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", flat))


def _escape_line_start(line: str) -> str:
    """Escape a block marker at the start of a line (after wrapping, any word can start one)."""
    if _RULE_LINE.match(line):
        return "\\" + line
    ordered = _ORDERED_START.match(line)
    if ordered:
        return f"{ordered.group(1)}\\{line[ordered.end(1) :]}"
    if _BULLET_START.match(line):
        return "\\" + line
    return line


def wrap(text: str, first: str = "", rest: str | None = None, *, escaped: bool = False) -> list[str]:
    """``text`` wrapped under ``LINE_WIDTH``: the first line after ``first``, the others after ``rest``.

    ``text`` is escaped with ``md_escape`` unless ``escaped`` says it already is (or is our own markup).
    Words are never split, hyphenated names included ("Wi Sung-lac").
    """
    rest = " " * len(first) if rest is None else rest
    body = text if escaped else md_escape(text)
    # One character kept free for the backslash ``_escape_line_start`` may add.
    width = max(LINE_WIDTH - 1 - max(len(first), len(rest)), 20)
    lines = textwrap.wrap(body, width=width, break_long_words=False, break_on_hyphens=False) or [""]
    return [(first if index == 0 else rest) + _escape_line_start(line) for index, line in enumerate(lines)]


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


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL without spaces or control characters, else None."""
    if not url or any(char.isspace() or ord(char) < 32 or char in "<>\"'`\\" for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def day(value: Any) -> str:
    """The date part of an ISO date or timestamp, as is for anything shorter ("1942", "2026-01")."""
    text = str(value or "")
    return text[:10] if len(text) >= 10 and text[4:5] == "-" else text


def cite(numbers: Iterable[int]) -> str:
    """Citation markers: ``[1][3]``."""
    return "".join(f"[{number}]" for number in numbers)


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


ENTITY_TYPES: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "NORP": "group",
    "EVENT": "event",
}
"""Readable names of spaCy's entity labels; any other label is shown in lower case."""


def entity_type(label: Any) -> str:
    """An entity type as a reader says it ("person" for PERSON)."""
    return ENTITY_TYPES.get(str(label), str(label).lower())


def actor_text(actor: Any) -> str:
    """An event actor as "Name (KOR, GOV)"; "someone" when the event has none."""
    if not isinstance(actor, Mapping) or not actor.get("name"):
        return "someone"
    codes = [str(actor[key]) for key in ("country", "sector") if actor.get(key)]
    return f"{actor['name']} ({', '.join(codes)})" if codes else str(actor["name"])


def place_text(place: Any) -> str:
    """An event place as "Nara (JPN)", or "" when the event gives none."""
    if not isinstance(place, Mapping) or not place.get("name"):
        return ""
    return f"{place['name']} ({place['country']})" if place.get("country") else str(place["name"])


def goldstein_text(value: Any) -> str:
    """A Goldstein value with its sign ("+1.9", "-8.0"), or as given when it is not a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:+.1f}"
    return str(value)


def event_date(event: Mapping[str, Any]) -> str:
    """An event's date, saying when it stands in from the publication date."""
    if not event.get("date"):
        return "date unknown"
    return (
        f"{day(event['date'])} (publication date)" if event.get("date_from_published") else day(event["date"])
    )


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number_text(raw: Any) -> str:
    """A normalised number as a reader writes it: "7.5e+10" is "75 billion", "3600.0" is "3,600".

    Anything that is not a plain number (a date, a place, "2013") comes back unchanged; years and
    other integers under 10,000 keep no separator.
    """
    text = str(raw)
    try:
        number = float(text)
    except ValueError:
        return text
    if number != number or number in (float("inf"), float("-inf")):
        return text
    for scale, word in _SCALES:
        if abs(number) >= scale:
            return f"{number / scale:,.3g} {word}"
    if number == int(number):
        return f"{int(number):,}" if abs(number) >= 10_000 else str(int(number))
    return f"{number:,.6g}"


def value_text(value: Mapping[str, Any]) -> str:
    """A normalised fact value with its unit, readable: "75 billion USD"."""
    unit = value.get("unit")
    shown = number_text(value.get("value"))
    return f"{shown} {unit}" if unit else shown


def naming_title(discrepancy: Mapping[str, Any], sources: Sources) -> str:
    """ "Wi Sung-lac (Pacific Ledger) / Wi Sung-lack (Harbour Times)": each spelling with its outlets."""
    spellings: dict[str, list[str]] = {}
    for claim in discrepancy.get("claims") or []:
        outlets = spellings.setdefault(str(claim.get("value") or claim.get("quote") or "?"), [])
        outlet = sources.outlet(str(claim.get("article_id") or ""))
        if outlet not in outlets:
            outlets.append(outlet)
    return " / ".join(f"{name} ({', '.join(outlets)})" for name, outlets in spellings.items())


def render_markdown(brief: dict[str, Any], *, max_facts: int | None = None) -> str:
    """The brief as Markdown: title and dates, numbered sources, summary, facts, discrepancies, entities,
    timeline, events and coverage, every statement citing its sources as ``[n]``.

    ``max_facts`` caps the facts shown per group (corroborated, disputed, each outlet's own); the rest
    are counted, so a big story stays readable in a terminal.
    """
    sources = Sources(brief)
    lines: list[str] = []
    _header(brief, sources, lines)
    _sources(sources, lines)
    _summary(brief, sources, lines)
    _facts(brief, sources, lines, max_facts)
    _discrepancies(brief, sources, lines)
    _entities(brief, sources, lines)
    _timeline(brief, sources, lines)
    _events(brief, sources, lines)
    _coverage(brief, sources, lines)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _section(title: str, lines: list[str]) -> None:
    if lines and lines[-1]:
        lines.append("")
    lines.extend([f"## {title}", ""])


def _header(brief: Mapping[str, Any], sources: Sources, lines: list[str]) -> None:
    story = brief.get("story") or {}
    title = story.get("title") or next((s.title for s in sources if s.title), None) or "Brief"
    lines.extend(wrap(md_escape(str(title)).replace("#", "\\#"), "# ", "  ", escaped=True))
    lines.append("")
    first, last = day(story.get("first_seen")), day(story.get("last_seen"))
    outlets = story.get("outlets") or sorted({s.outlet for s in sources if s.outlet})
    facts = brief.get("facts") or []
    counts = [
        f"{sum(1 for fact in facts if fact.get('status') == status)} {label.lower()}"
        for status, label in STATUS_LABELS.items()
    ]
    parts = [
        f"Story {md_escape(str(story['id']))}" if story.get("id") else "",
        f"{_plural(len(sources), 'report')} from {_plural(len(outlets), 'outlet')}",
        (f"{first} to {last}" if last and last != first else first) if first else "",
        f"facts: {', '.join(counts)}" if facts else "",
    ]
    lines.extend(wrap(" · ".join(part for part in parts if part), escaped=True))


def _sources(sources: Sources, lines: list[str]) -> None:
    _section("Sources", lines)
    if not len(sources):
        lines.append("No sources.")
        return
    for source in sources:
        parts = [f"{md_escape(source.outlet or 'unknown outlet')}:"]
        parts.append(
            f'"{md_escape(source.title)}"' if source.title else md_escape(f"article {source.article_id}")
        )
        if source.published:
            parts.append(f"({day(source.published)})")
        original = sources.number(source.duplicate_of) if source.duplicate_of else None
        if source.duplicate_of:
            parts.append(f"copy of [{original}]" if original else "a copy of an article outside this story")
        first = f"{source.number}. "
        lines.extend(wrap(" ".join(parts), first, escaped=True))
        url = safe_url(source.url)
        if url:
            lines.append(" " * len(first) + f"<{url}>")


def _summary(brief: Mapping[str, Any], sources: Sources, lines: list[str]) -> None:
    _section("Summary", lines)
    sentences = brief.get("summary") or []
    if not sentences:
        lines.append("No summary: no sentence could be drawn from the sources.")
        return
    paragraph = " ".join(
        md_escape(str(sentence.get("text") or "")) + cite(sources.numbers(sentence.get("sources") or []))
        for sentence in sentences
    )
    lines.extend(wrap(paragraph, escaped=True))


def _fact_lines(index: int, fact: Mapping[str, Any], sources: Sources, *, quotes: bool) -> list[str]:
    numbers = sources.numbers(fact_sources(fact))
    out = wrap(
        f"**F{index + 1}** {md_escape(str(fact.get('text') or ''))} {cite(numbers)}", "- ", escaped=True
    )
    values = fact.get("values") or []
    if len(values) > 1 or (values and quotes):
        shown = "; ".join(
            f"{md_escape(value_text(value))} {cite(sources.numbers(value.get('article_ids') or []))}"
            for value in values
        )
        out.extend(wrap(f"Values: {shown}", "  - ", escaped=True))
    if fact.get("note"):
        out.extend(wrap("Note: " + md_escape(str(fact["note"])), "  - ", escaped=True))
    if quotes:
        for source in fact.get("sources") or []:
            article_id = str(source.get("article_id") or "")
            said = f'[{sources.number(article_id)}] {md_escape(sources.outlet(article_id))}: "'
            out.extend(wrap(said + md_escape(str(source.get("quote") or "")) + '"', "  - ", escaped=True))
    return out


def _facts(brief: Mapping[str, Any], sources: Sources, lines: list[str], max_facts: int | None) -> None:
    _section("Facts", lines)
    facts = brief.get("facts") or []
    if not facts:
        lines.append("No facts were extracted.")
        return
    for status, outlet, indexes in group_facts(brief, sources):
        label = STATUS_LABELS.get(status, md_escape(status))
        heading = f"{label}: {md_escape(outlet)}" if outlet else label
        lines.extend([f"### {heading} ({len(indexes)})", ""])
        shown = indexes if max_facts is None else indexes[:max_facts]
        for index in shown:
            lines.extend(_fact_lines(index, facts[index], sources, quotes=status == "disputed"))
        if len(shown) < len(indexes):
            lines.append(f"- … and {len(indexes) - len(shown)} more (all of them: `--format json` or `html`)")
        lines.append("")


def _discrepancies(brief: Mapping[str, Any], sources: Sources, lines: list[str]) -> None:
    _section("Discrepancies", lines)
    discrepancies = brief.get("discrepancies") or []
    if not discrepancies:
        lines.append("None: where the sources report the same thing, they agree.")
        return
    for discrepancy in discrepancies:
        if discrepancy.get("kind") == "naming":
            heading = "Name spelled differently: " + md_escape(naming_title(discrepancy, sources))
        else:
            heading = "Sources differ on " + md_escape(str(discrepancy.get("about") or "a value"))
        lines.extend(wrap(heading, "### ", "    ", escaped=True))
        lines.append("")
        for claim in discrepancy.get("claims") or []:
            article_id = str(claim.get("article_id") or "")
            said = (
                f"{md_escape(str(claim.get('value') or '?'))}: [{sources.number(article_id)}] "
                f'{md_escape(sources.outlet(article_id))}, "{md_escape(str(claim.get("quote") or ""))}"'
            )
            lines.extend(wrap(said, "- ", escaped=True))
        if discrepancy.get("explanation"):
            lines.append("")
            lines.extend(wrap("Why: " + md_escape(str(discrepancy["explanation"])), escaped=True))
        lines.append("")


def _entities(brief: Mapping[str, Any], sources: Sources, lines: list[str]) -> None:
    _section("People, organisations and places", lines)
    entities = brief.get("entities") or []
    if not entities:
        lines.append("None recognised.")
        return
    for entity in entities:
        codes = ", ".join(
            md_escape(entity_type(entity[key]) if key == "type" else str(entity[key]))
            for key in ("type", "country")
            if entity.get(key)
        )
        text = f"**{md_escape(str(entity.get('name') or '?'))}**" + (f" ({codes})" if codes else "")
        aliases = entity.get("aliases") or []
        if len(aliases) > 1:
            spelled = "; ".join(
                md_escape(str(alias.get("name") or "?"))
                + " "
                + cite(sources.numbers(alias.get("articles") or []))
                for alias in aliases
            )
            text += f", written as {spelled}"
        else:
            text += " " + cite(sources.numbers(entity.get("articles") or []))
        lines.extend(wrap(text.rstrip(), "- ", escaped=True))


def _timeline(brief: Mapping[str, Any], sources: Sources, lines: list[str]) -> None:
    _section("Timeline", lines)
    entries = brief.get("timeline") or []
    if not entries:
        lines.append("No dated events.")
        return
    for entry in entries:
        text = (
            f"**{md_escape(day(entry.get('date')) or 'undated')}**: "
            f"{md_escape(str(entry.get('text') or ''))} "
            f"{cite(sources.numbers(entry.get('article_ids') or []))}"
        )
        lines.extend(wrap(text.rstrip(), "- ", escaped=True))


def _events(brief: Mapping[str, Any], sources: Sources, lines: list[str]) -> None:
    _section("Events", lines)
    events = brief.get("events") or []
    if not events:
        lines.append("No coded events.")
        return
    for event in events:
        ids = [str(event.get("article_id") or "")] + [
            str(source.get("article_id") or "") for source in event.get("sources") or []
        ]
        who = actor_text(event.get("source"))
        if event.get("target"):
            who += " → " + actor_text(event.get("target"))
        place = place_text(event.get("place"))
        text = (
            f"{md_escape(event_date(event))} · **{md_escape(str(event.get('category') or '?'))}** "
            f"(CAMEO {md_escape(str(event.get('cameo') or '?'))}, Goldstein "
            f"{md_escape(goldstein_text(event.get('goldstein')))}): {md_escape(who)}"
            + (f", in {md_escape(place)}" if place else "")
            + f" {cite(sources.numbers(ids))}"
        )
        lines.extend(wrap(text, "- ", escaped=True))
        if event.get("quote"):
            lines.extend(wrap(f'"{md_escape(str(event["quote"]))}"', "  ", escaped=True))


def _coverage(brief: Mapping[str, Any], sources: Sources, lines: list[str]) -> None:
    _section("Coverage", lines)
    coverage = brief.get("coverage") or []
    facts = brief.get("facts") or []
    if not coverage:
        lines.append("No coverage breakdown.")
        return
    for outlet in coverage:
        name = md_escape(str(outlet.get("outlet") or "unknown outlet"))
        numbers = cite(sources.numbers(outlet.get("article_ids") or []))
        adds = [
            index for index in outlet.get("adds") or [] if isinstance(index, int) and 0 <= index < len(facts)
        ]
        lines.extend(wrap(f"What only {name} reports {numbers}", "### ", "    ", escaped=True))
        lines.append("")
        copies = [sources.get(str(article_id)) for article_id in outlet.get("article_ids") or []]
        originals = [s.duplicate_of for s in copies if s is not None and s.duplicate_of]
        if not adds:
            if originals and len(originals) == len(copies):
                lines.append(f"Nothing: it ran a copy of {cite(sources.numbers(originals))}.")
            else:
                lines.append("Nothing the other outlets do not also report.")
        for index in adds:
            fact = facts[index]
            text = (
                f"{md_escape(str(fact.get('text') or ''))} (F{index + 1}) "
                f"{cite(sources.numbers(fact_sources(fact)))}"
            )
            lines.extend(wrap(text, "- ", escaped=True))
        lines.append("")
