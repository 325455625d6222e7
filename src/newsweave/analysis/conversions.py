"""Figures converted in brackets: "10 kilometers (6 miles)" is one amount written twice."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from newsweave.analysis.quantities import Quantity

# "10 kilometers (6 miles)", "1,900-mile-wide (3,100 kilometers)": a figure and, in brackets right after
# it, the same figure in another unit.
_BRACKET_OPEN = re.compile(r"\s*-?\s*(?:wide|long|high|deep|tall)?\s*\(\s*(?:about |some |or |roughly )?")
_BRACKET_CLOSE = re.compile(r"\s*\)")


def conversions(text: str, quantities: Iterable[Quantity]) -> set[int]:
    """The ids of the quantities that only convert the one before them into another unit: one amount,
    written twice, is one value (two would read as two figures, and across reports as rivals, since a
    converted figure is rounded: 1,900 miles is 3,058 km, written "3,100 kilometers")."""
    ordered = sorted(quantities, key=lambda quantity: quantity.start)
    found: set[int] = set()
    for first, second in itertools.pairwise(ordered):
        if (
            first.kind == second.kind
            and first.unit == second.unit
            and _BRACKET_OPEN.fullmatch(text, first.end, second.start)
            and _BRACKET_CLOSE.match(text, second.end)
        ):
            found.add(id(second))
    return found
