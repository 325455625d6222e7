"""PLOVER v0.8 categories, CAMEO codes with GDELT Goldstein values, quad classes and sector codes.

Reads the packaged ``codebook.json`` (built by ``tools/build_event_codebook.py``), so nothing outside
the package is needed at run time.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

#: PLOVER v0.8 root categories, in the manual's order.
CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "REQUEST",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
#: Older PLOVER names (PLV data, PLOVER <= 0.6) and the v0.8 category they became. YIELD (CAMEO 08)
#: was split into CONCEDE and RETREAT; "Yield, not specified below" (080) maps to CONCEDE.
ALIASES = {"YIELD": "CONCEDE", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
           "FIGHT": "ASSAULT"}  # fmt: skip
#: The CAMEO code that stands for a whole category where the "x0" rule below would pick a less
#: typical one: ACCUSE spans 09 (investigate) and 11 (disapprove); criticism is the common case.
REPRESENTATIVE = {"ACCUSE": "110", "ASSAULT": "180", "RETREAT": "084"}


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("newsweave.events").joinpath("codebook.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def canonical(category: str) -> str:
    """The PLOVER v0.8 name of ``category`` (upper-cased, old names mapped); KeyError if unknown."""
    name = ALIASES.get(category.upper(), category.upper())
    if name not in CATEGORIES:
        raise KeyError(f"unknown PLOVER category {category!r}")
    return name


def categories() -> list[str]:
    """PLOVER v0.8 root categories."""
    return list(CATEGORIES)


def cameo_for(category: str, mode: str | None = None) -> str:
    """The representative CAMEO code for ``category`` (and ``mode`` when the codebook has it)."""
    name = canonical(category)
    codes = [code for code, row in _data()["cameo"].items() if row["plover"] == name]
    if mode:
        with_mode = [code for code in codes if _data()["cameo"][code]["mode"] == mode]
        if with_mode:
            return str(min(with_mode, key=lambda code: (len(code), code)))
    if not mode and name in REPRESENTATIVE:
        return str(REPRESENTATIVE[name])
    # The 3-digit "not specified below" code (e.g. 040 Consult) is the generic one for its root.
    generic = [code for code in codes if len(code) == 3 and code.endswith("0")]
    return str(min(generic or codes, key=lambda code: (len(code), code)))


def goldstein(cameo: str) -> float:
    """GDELT's Goldstein value (-10 conflict .. +10 cooperation) for a CAMEO code."""
    return float(_data()["cameo"][cameo]["goldstein"])


def describe(cameo: str) -> str:
    """CAMEO's description of a code."""
    return str(_data()["cameo"][cameo]["description"])


def quad_class(category: str) -> str:
    """Quad class of a category: verbal/material cooperation/conflict (CAMEO roots 01-05/06-08/09-13/14-20).

    These are the classes of PLV's ``gold_penta`` (1-4); PLV's few off-root cases (COERCE as verbal
    conflict) come from the sentence, not the category.
    """
    row = _data()["cameo"][cameo_for(category)]
    return str(_data()["quad_names"][row["quad"]])


def plover_score(category: str, mode: str | None = None) -> float:
    """PLOVER v0.8 intensity score of a category (and mode, when listed)."""
    name = canonical(category)
    scores = {(row["category"], row["mode"]): row["score"] for row in _data()["plover_scores"]}
    return float(scores.get((name, mode or ""), scores[(name, "")]))


def sectors() -> dict[str, str]:
    """PLOVER v0.8 actor sector codes and their descriptions."""
    return dict(_data()["sectors"])
