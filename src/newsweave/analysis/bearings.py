"""Compass bearings from a named place: "55 kilometres south of Bireun", "west of the town of Bireun".

Quake, crash and attack reports place what happened by a bearing from a town. Two reports of one quake
that put its epicentre 55 km south and 55 km west of one town disagree, although their distances agree;
the distance alone cannot show it, since the direction word is what the distance attaches to. A bearing
is read as the direction before "of <place>", in degrees clockwise from north, and compared by angle
(``brief.compare``): a report rounding "south-southwest" to "south" or to "southwest" still agrees.
"""

from __future__ import annotations

import re

# Degrees clockwise from north of each direction word (both spellings of the intercardinals).
_POINTS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
    "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}  # fmt: skip
# Up to this many characters before a place are searched for its bearing.
_REACH = 60
# "<direction> of [the town of] " ending right where the place begins: "55 km south of Bireun", "west of
# the town of Bireun", "north-east of Jakarta".
_BEARING = re.compile(
    # Not "in the north of Aceh": a part of the place, not a bearing from it.
    r"(?<![Tt]he )(?<!far )\b(?P<direction>(?:north|south)(?:[- ]?(?:east|west))?|east|west)\s+of\s+"
    r"(?:the\s+(?:town|city|village|island|port|district|province|region|state|capital)\s+of\s+)?$",
    re.IGNORECASE,
)


def bearing_before(text: str, place_start: int) -> tuple[float, int] | None:
    """(degrees from north, start offset of the direction word) of the bearing written right before a
    place that begins at ``place_start`` in ``text``; None when the place has none."""
    window_start = max(0, place_start - _REACH)
    match = _BEARING.search(text[window_start:place_start])
    if match is None:
        return None
    direction = re.sub(r"[- ]", "", match.group("direction").lower())
    return _POINTS[direction], window_start + match.start()


def angle_between(a: float, b: float) -> float:
    """The smaller angle, in degrees, between two bearings."""
    difference = abs(a - b) % 360.0
    return min(difference, 360.0 - difference)
