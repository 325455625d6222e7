"""Compass bearings from a named place."""

from __future__ import annotations

import pytest

from newsweave.analysis.bearings import angle_between, bearing_before


@pytest.mark.parametrize(
    ("text", "degrees", "opening"),
    [
        ("its epicenter was 55 kilometers ( 34 miles) west of the town of Bireun", 270.0, "west"),
        ("55 kilometres south of Bireun", 180.0, "south"),
        ("some 75 kilometres north-west of Manokwari", 315.0, "north-west"),
        ("72 kilometres southeast of Reuleuet", 135.0, "southeast"),
        ("150 nautical miles east of Aden", 90.0, "east"),
    ],
)
def test_a_direction_before_of_place_is_a_bearing_from_it(text: str, degrees: float, opening: str) -> None:
    place = text.rfind(" ") + 1
    found = bearing_before(text, place)
    assert found is not None
    assert found[0] == degrees
    assert text[found[1] :].startswith(opening)


@pytest.mark.parametrize(
    "text",
    [
        "fighting in the north of Aceh",  # a part of the place, not a bearing from it
        "in the far south of Aceh",
        "the quake struck near Aceh",
        "southern Aceh",
    ],
)
def test_a_part_of_a_place_is_no_bearing(text: str) -> None:
    assert bearing_before(text, text.rfind(" ") + 1) is None


def test_angles_between_bearings_take_the_short_way_round() -> None:
    assert angle_between(180.0, 270.0) == 90.0
    assert angle_between(315.0, 0.0) == 45.0
    assert angle_between(90.0, 270.0) == 180.0
