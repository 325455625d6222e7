"""What a brief says of values that differ: who gives which value and how far apart they are, or that
two different-looking values belong to different things (``brief.compare`` decides which is which)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from newsweave.analysis.bearings import angle_between
from newsweave.brief.compare import NOT_AMOUNTS, Conflict, LookAlike, Reading, is_bound, same_value
from newsweave.brief.slot_words import describe_slot

# Outlets named per value in a discrepancy's explanation before "and N more".
NAMED_OUTLETS = 3


def explain_conflict(conflict: Conflict, outlet_of: Mapping[str, str]) -> str:
    """One sentence saying who gives which value for the slot, and how far apart they are."""
    outlets_by_value: dict[str, list[str]] = {}
    for reading in conflict.readings:
        # One entry per value, as the first source wrote it; each outlet named once per value.
        said = next((text for text in outlets_by_value if _said_alike(text, reading, conflict)), None)
        outlets = outlets_by_value.setdefault(said or reading.value.text, [])
        outlet = outlet_of.get(reading.article_id, reading.article_id)
        if outlet not in outlets:
            outlets.append(outlet)
    parts = [f"“{text}” ({_names(outlets)})" for text, outlets in outlets_by_value.items()]
    about = conflict_about(conflict)
    explanation = f"Sources differ on {about}: " + "; ".join(parts) + "."
    amounts = sorted({float(r.value.value) for r in conflict.readings if conflict.kind not in NOT_AMOUNTS})
    if conflict.kind == "bearing":
        gap = max(angle_between(float(a.value.value), float(b.value.value))
                  for a, b in itertools.combinations(conflict.readings, 2))  # fmt: skip
        explanation += f" The directions are {gap:g} degrees apart."
    elif conflict.kind == "age" and len(amounts) >= 2:
        gap = amounts[-1] - amounts[0]
        explanation += f" They are {gap:g} year{'' if gap == 1 else 's'} apart."
    elif len(amounts) >= 2 and amounts[0] > 0:
        spread = (amounts[-1] - amounts[0]) / amounts[0]
        hedged = any(r.value.approximate for r in conflict.readings)
        explanation += f" The highest is {spread:.0%} above the lowest" + (
            ", more than hedging (“about”, “some”) covers." if hedged else "."
        )
    if conflict.soft and any(is_bound(r.value) for r in conflict.readings):
        explanation += " A soft conflict: some figures are bounds (“at least”, “more than”)."
    elif conflict.soft:
        explanation += " A soft conflict: a round figure against a more exact one."
    return explanation


def conflict_about(conflict: Conflict) -> str:
    """What a conflict's values measure, in words: "the number of people injured", and for a past event's
    values "the number of people injured in the earlier event (September)"."""
    about = describe_slot(conflict.kind, conflict.slot_text, conflict.slot)
    return f"{about} in the earlier event ({conflict.past})" if conflict.past else about


def _said_alike(text: str, reading: Reading, conflict: Conflict) -> bool:
    first = next(r for r in conflict.readings if r.value.text == text)
    return same_value(first.value, reading.value)


def _names(outlets: Sequence[str]) -> str:
    # A long list of outlets is cut: the discrepancy's claims list every one.
    if len(outlets) <= NAMED_OUTLETS:
        return ", ".join(outlets)
    return ", ".join(outlets[:NAMED_OUTLETS]) + f" and {len(outlets) - NAMED_OUTLETS} more"


def explain_look_alike(pair: LookAlike, outlet_of: Mapping[str, str]) -> str:
    """One sentence saying that two different-looking values belong to different things."""
    a, b = pair.first, pair.second
    outlet_a = outlet_of.get(a.article_id, a.article_id)
    outlet_b = outlet_of.get(b.article_id, b.article_id)
    return (
        f"Not a conflict: “{a.value.text}” ({outlet_a}) is about “{a.value.slot_text}”, while "
        f"“{b.value.text}” ({outlet_b}) is about “{b.value.slot_text}”: different things."
    )
