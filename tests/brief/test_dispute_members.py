"""A disputed fact holds the rival values and their repeats, not every value of its slot.

Two short undated reports of a quake written for this test: the totals differ (at least five / at least
24 dead); one also gives a district's toll, which is no side of the dispute (as ECB+ 37_3ecbplus does).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.brief.fixtures import brief_of_reports

REPORTS = {
    "wire": """Quake kills five in the province
A strong earthquake struck the province on Tuesday, killing at least five people, officials said.
""",
    "daily": """Quake toll rises to 24
The earthquake that struck the province on Tuesday killed at least 24 people, officials said.
Twelve people were killed by a landslide in Bener Meriah district, the disaster agency said.
""",
}


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The brief of both reports, each its own outlet, undated."""
    return brief_of_reports(tmp_path_factory.mktemp("toll"), REPORTS)


def test_a_districts_toll_is_a_fact_of_its_own_not_a_side_of_the_dispute(brief: dict[str, Any]) -> None:
    (killed,) = (d for d in brief["discrepancies"] if d["about"] == "the number of people killed")
    assert {claim["value"] for claim in killed["claims"]} == {"at least five", "at least 24"}
    (disputed,) = (fact for fact in brief["facts"] if fact["status"] == "disputed")
    assert all("Bener Meriah" not in source["quote"] for source in disputed["sources"])
    district = [fact for fact in brief["facts"] if "Bener Meriah" in fact["text"]]
    assert [fact["status"] for fact in district] == ["single_source"]
