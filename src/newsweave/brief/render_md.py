"""A brief as Markdown that also reads well in a terminal (``newsweave brief --format md``).

Sources are numbered once, in the story's order, and every statement cites them as ``[1][2]``.
Text from articles is untrusted: Markdown's special characters in it are backslash-escaped, and a
wrapped line that would start with a list, heading or quote marker is escaped too (``md_text.py``),
so an article cannot add a heading, a link, an image or HTML to the brief or break its lists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsweave.brief.md_text import (
    STATUS_LABELS,
    actor_text,
    cite,
    day,
    entity_type,
    event_date,
    goldstein_text,
    md_escape,
    place_text,
    safe_url,
    value_text,
    wrap,
)
from newsweave.brief.sources import Sources, fact_sources, group_facts, naming_title, outlets_phrase


def render_markdown(brief: dict[str, Any], *, max_facts: int | None = None) -> str:
    """The brief as Markdown: title and dates, numbered sources, summary, facts, discrepancies, entities,
    timeline, events and coverage, every statement citing its sources as ``[n]``.

    ``max_facts`` caps what each list shows (facts per group, outlets with facts of their own,
    discrepancies and their values, entities, coverage); the rest are counted, so a big story stays
    readable in a terminal.
    """
    sources = Sources(brief)
    lines: list[str] = []
    _header(brief, sources, lines)
    _sources(sources, lines)
    _not_compared(brief, sources, lines)
    _summary(brief, sources, lines)
    _facts(brief, sources, lines, max_facts)
    _discrepancies(brief, sources, lines, max_facts)
    _entities(brief, sources, lines, max_facts)
    _timeline(brief, sources, lines)
    _events(brief, sources, lines)
    _coverage(brief, sources, lines, max_facts)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


# With a cap on facts, entities are listed up to this many times the cap (they are one line each).
ENTITIES_PER_FACT = 3


def _first(items: Sequence[Any], limit: int | None) -> Sequence[Any]:
    """The first ``limit`` items (all of them without a limit)."""
    return items if limit is None else items[:limit]


def _more(lines: list[str], total: int, shown: int, what: str) -> None:
    """Count what a capped list left out."""
    if shown < total:
        lines.append(f"- … and {total - shown} more {what} (all of them: `--format json` or `html`)")


def _unnamed(sources: Sources) -> int:
    return sum(1 for source in sources if not source.outlet and not source.duplicate_of)


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
        f"{_plural(len(sources), 'report')} from {outlets_phrase(len(outlets), _unnamed(sources))}",
        (f"{first} to {last}" if last and last != first else first) if first else "",
        f"facts: {', '.join(counts)}" if facts else "",
    ]
    total = int(brief.get("fact_count") or len(facts))
    if total > len(facts):
        parts.append(f"the most salient {len(facts)} of {total} facts (--all lists every one)")
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


def _not_compared(brief: Mapping[str, Any], sources: Sources, lines: list[str]) -> None:
    """Say which sources are left out of the comparison (not in English), so that their silence in the
    facts is not read as agreement or as nothing to add."""
    left = brief.get("not_compared") or []
    if not left:
        return
    named = [
        f"{cite(sources.numbers([item['article_id']]))} ({md_escape(str(item.get('language_name')))})"
        for item in left
    ]
    verb = "is" if len(named) == 1 else "are"
    text = (
        f"Not compared: {', '.join(named)} {verb} not in English. Facts are read in English only and no "
        "translation model runs offline, so their own statements are not set against the other "
        "sources'; a sentence of theirs that states an English fact (found by meaning) is cited with "
        "it, as written."
    )
    lines.append("")
    lines.extend(wrap(text, escaped=True))


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
    groups = group_facts(brief, sources)
    own = [group for group in groups if group[1] is not None]
    shown_own = _first(own, max_facts)
    for status, outlet, indexes in groups:
        if outlet is not None and not any(outlet == kept[1] for kept in shown_own):
            continue
        label = STATUS_LABELS.get(status, md_escape(status))
        heading = f"{label}: {md_escape(outlet)}" if outlet else label
        lines.extend([f"### {heading} ({len(indexes)})", ""])
        shown = _first(indexes, max_facts)
        for index in shown:
            lines.extend(_fact_lines(index, facts[index], sources, quotes=status == "disputed"))
        _more(lines, len(indexes), len(shown), "facts")
        lines.append("")
    if len(shown_own) < len(own):
        hidden = sum(len(group[2]) for group in own[len(shown_own) :])
        lines.extend([f"… and {hidden} single-source facts of {len(own) - len(shown_own)} more outlets.", ""])


def _discrepancies(
    brief: Mapping[str, Any], sources: Sources, lines: list[str], max_facts: int | None
) -> None:
    _section("Discrepancies", lines)
    discrepancies = brief.get("discrepancies") or []
    if not discrepancies:
        lines.append("None: where the sources report the same thing, they agree.")
        return
    for discrepancy in _first(discrepancies, max_facts):
        if discrepancy.get("kind") == "naming":
            heading = "Name spelled differently: " + md_escape(naming_title(discrepancy, sources))
        else:
            heading = "Sources differ on " + md_escape(str(discrepancy.get("about") or "a value"))
        lines.extend(wrap(heading, "### ", "    ", escaped=True))
        lines.append("")
        claims = discrepancy.get("claims") or []
        for claim in _first(claims, max_facts):
            article_id = str(claim.get("article_id") or "")
            said = (
                f"{md_escape(str(claim.get('value') or '?'))}: [{sources.number(article_id)}] "
                f'{md_escape(sources.outlet(article_id))}, "{md_escape(str(claim.get("quote") or ""))}"'
            )
            lines.extend(wrap(said, "- ", escaped=True))
        _more(lines, len(claims), len(_first(claims, max_facts)), "statements")
        if discrepancy.get("explanation"):
            lines.append("")
            lines.extend(wrap("Why: " + md_escape(str(discrepancy["explanation"])), escaped=True))
        lines.append("")
    _more(lines, len(discrepancies), len(_first(discrepancies, max_facts)), "discrepancies")


def _entities(brief: Mapping[str, Any], sources: Sources, lines: list[str], max_facts: int | None) -> None:
    _section("People, organisations and places", lines)
    entities = brief.get("entities") or []
    if not entities:
        lines.append("None recognised.")
        return
    limit = None if max_facts is None else ENTITIES_PER_FACT * max_facts
    for entity in _first(entities, limit):
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
    _more(lines, len(entities), len(_first(entities, limit)), "entities")


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


def _coverage(brief: Mapping[str, Any], sources: Sources, lines: list[str], max_facts: int | None) -> None:
    _section("Coverage", lines)
    coverage = brief.get("coverage") or []
    facts = brief.get("facts") or []
    if not coverage:
        lines.append("No coverage breakdown.")
        return
    for outlet in _first(coverage, max_facts):
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
        if adds:
            # By reference: each fact is written out once, under Facts.
            shown = _first(adds, max_facts)
            refs = ", ".join(f"F{index + 1}" for index in shown)
            more = f" and {len(adds) - len(shown)} more" if len(shown) < len(adds) else ""
            lines.extend(wrap(f"{_plural(len(adds), 'fact')} of its own: {refs}{more}.", escaped=True))
        lines.append("")
    _more(lines, len(coverage), len(_first(coverage, max_facts)), "outlets")
