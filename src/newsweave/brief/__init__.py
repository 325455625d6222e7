"""The brief of one story: what each source asserts, where they agree, add and differ (DESIGN.md §4).

``build_brief`` returns the JSON shape of DESIGN.md §4; ``render_markdown`` and ``render_html`` turn
it into text and a standalone page.
"""

from newsweave.brief.build import brief_for_articles, build_brief, find_story

__all__ = ["brief_for_articles", "build_brief", "find_story"]
