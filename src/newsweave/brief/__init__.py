"""The brief of one story: what each source asserts, where they agree, add and differ (DESIGN.md §4).

``build_brief`` returns the JSON shape of DESIGN.md §4; ``render_brief`` turns it into Markdown, a
standalone HTML page or JSON text.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from newsweave.brief.build import brief_for_articles, build_brief, find_story

if TYPE_CHECKING:
    from newsweave.store import Store

__all__ = ["brief_for_articles", "build_brief", "find_story", "render_brief"]


def render_brief(
    store: Store, brief: dict[str, Any], output_format: str, *, max_facts: int | None = None
) -> str:
    """A built brief as ``md``, ``html`` (the articles are read from ``store``) or ``json`` text.

    ``max_facts`` caps the facts listed per group in Markdown (the other formats have them all).
    """
    if output_format == "json":
        return json.dumps(brief, ensure_ascii=False, indent=2, default=str) + "\n"
    if output_format == "md":
        from newsweave.brief.render_md import render_markdown

        return render_markdown(brief, max_facts=max_facts)
    if output_format == "html":
        from newsweave.brief.render_html import render_html

        story = brief.get("story") or {}
        articles = {item["id"]: store.get_article(item["id"]) for item in story.get("articles", [])}
        return render_html(brief, articles)
    raise ValueError(f"unknown brief format {output_format!r}; use md, html or json")
