"""The packaged PLOVER/CAMEO codebook."""

from __future__ import annotations

import pytest

from newsweave.events import codebook


def test_categories_are_plover_v08_roots() -> None:
    names = codebook.categories()
    assert len(names) == 16
    assert {"AGREE", "CONSULT", "PROTEST", "ASSAULT", "SANCTION", "CONCEDE", "RETREAT"} <= set(names)


def test_consult_maps_to_cameo_04x_with_goldstein() -> None:
    code = codebook.cameo_for("CONSULT")
    assert code.startswith("04")
    assert codebook.goldstein(code) == pytest.approx(1.0)
    assert codebook.cameo_for("CONSULT", mode="phone") == "041"
    assert codebook.quad_class("CONSULT") == "verbal cooperation"


def test_agree_and_conflict_categories() -> None:
    assert codebook.cameo_for("AGREE") == "030"
    assert codebook.goldstein("030") == pytest.approx(4.0)
    assert codebook.quad_class("ASSAULT") == "material conflict"
    assert codebook.goldstein(codebook.cameo_for("ASSAULT")) < -5
    assert codebook.quad_class("ACCUSE") == "verbal conflict"
    assert codebook.quad_class("AID") == "material cooperation"


def test_old_names_map_to_v08() -> None:
    assert codebook.canonical("yield") == "CONCEDE"
    with pytest.raises(KeyError):
        codebook.canonical("PICNIC")


def test_sectors() -> None:
    sectors = codebook.sectors()
    assert {"GOV", "MIL", "LAB", "BUS"} <= set(sectors)
    assert len(sectors) == 25
