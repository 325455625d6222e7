"""The default view of a brief: its most salient facts and every disputed one, indexes kept consistent.

A brief is built whole (every fact, each with its salience ``rank``) and cached whole by the web app;
the default view is cut from it, so ``--all`` / ``?all=1`` and the default never build twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# A default brief is read in a glance: with many disputes, fewer other facts (every dispute is kept).
MAX_LISTED = 20


def limit_facts(brief: Mapping[str, Any], limit: int) -> dict[str, Any]:
    """``brief`` listing its disputed facts and the ``limit`` others of lowest salience ``rank``, fewer
    when that would list more than ``MAX_LISTED`` facts in all.

    Coverage and timeline refer to facts by index: they are renumbered, and what referred to a fact
    left out is left out too (the summary and discrepancies do not refer to facts by index).
    """
    facts = list(brief.get("facts") or [])
    others = sorted(
        (index for index, fact in enumerate(facts) if fact.get("status") != "disputed"),
        key=lambda index: int(facts[index].get("rank", index)),
    )
    disputed = len(facts) - len(others)
    kept = set(others[: max(0, min(limit, MAX_LISTED - disputed))])
    keep = [index for index, fact in enumerate(facts) if fact.get("status") == "disputed" or index in kept]
    if len(keep) == len(facts):
        return dict(brief)
    renumbered = {old: new for new, old in enumerate(keep)}
    view = dict(brief)
    view["facts"] = [facts[index] for index in keep]
    view["coverage"] = [
        {**item, "adds": [renumbered[i] for i in item.get("adds", []) if i in renumbered]}
        for item in brief.get("coverage") or []
    ]
    view["timeline"] = [
        {**entry, "fact": renumbered[entry["fact"]]}
        for entry in brief.get("timeline") or []
        if entry.get("fact") in renumbered
    ]
    return view
