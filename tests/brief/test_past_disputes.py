"""Values of a past event are compared among themselves, by the month they name, never with today's.

Two short undated reports of a quake written for this test, each recalling an earlier quake "in
September" with figures the other contradicts (as ECB+ 20_1ecb and 20_4ecb do).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newsweave.brief.background import background_test, past_times
from newsweave.data import Claim
from tests.brief.fixtures import brief_of_reports

REPORTS = {
    "wire": """Quake injures five on island off the southern coast
A 5.6 magnitude earthquake hit an island off the southern coast on Sunday, injuring five people and \
damaging buildings, state media said.
A powerful quake with a magnitude of 6.1 struck the region in September, killing at least seven people \
and injuring 40.
""",
    "daily": """Island quake hurts two villagers
An earthquake with a magnitude of 5.6 struck the island on Sunday and injured two villagers, the \
governor said.
The same island was hit by a 6.1 quake in September.
That temblor killed at least six people and injured almost 50.
""",
}


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The brief of both reports, each its own outlet, undated."""
    return brief_of_reports(tmp_path_factory.mktemp("quakes"), REPORTS)


def _values(discrepancy: dict[str, Any]) -> set[str]:
    return {claim["value"] for claim in discrepancy["claims"]}


def test_todays_and_the_earlier_events_values_are_two_disputes(brief: dict[str, Any]) -> None:
    injured = {d["about"]: _values(d) for d in brief["discrepancies"] if "injured" in d["about"]}
    assert injured == {
        "the number of people injured": {"five", "two"},
        "the number of people injured in the earlier event (September)": {"40", "almost 50"},
    }
    (killed,) = (d for d in brief["discrepancies"] if "killed" in d["about"])
    assert killed["about"] == "the number of people killed in the earlier event (September)"
    assert _values(killed) == {"at least seven", "at least six"} and killed["soft"]
    assert "earlier event (September)" in killed["explanation"]


def test_a_month_named_alone_makes_an_event_the_past_only_in_an_undated_report() -> None:
    recalled = "A powerful quake struck the region in September, killing at least seven people"
    claim = Claim("a", 0, 0, len(recalled), recalled, "quake", "strike", "")
    assert background_test(None)(claim)
    # A dated story reads the month's date instead; a sentence dated by weekday tells the day's news;
    # a month without an event ("Exports rose 5% in September") may be the news itself.
    assert not background_test(None, None, date(2008, 9, 20))(claim)
    today = "The quake struck on Sunday, the second in September"
    assert not background_test(None)(Claim("a", 0, 0, len(today), today, "quake", "strike", ""))
    exports = "Exports rose 5% in September"
    assert not background_test(None)(Claim("a", 0, 0, len(exports), exports, "exports", "rise", ""))


def _said(text: str, sentence: int = 1) -> Claim:
    return Claim("a", sentence, 0, len(text), text, "quake", "strike", "")


def test_a_past_event_is_known_by_its_month_day_and_year_as_written() -> None:
    sentences = {
        0: "The same island was hit by a 6.1 quake in September",
        1: "That temblor killed at least six people",
        2: "In April last year an 8.6-magnitude quake struck 431 kilometres off Banda Aceh",
        3: "On April 20, a 6.4-magnitude earthquake jolted Maluku",
    }
    times = past_times(
        lambda claim: sentences[claim.sentence], lambda claim: sentences.get(claim.sentence - 1, "")
    )
    # "That temblor" takes the month of the sentence before, which it refers back to.
    assert times(_said(sentences[1], 1)) == {"September"}
    # Two quakes of April, a year apart: not one past event whose figures could be rivals.
    assert times(_said(sentences[2], 2)) == {"April last year"}
    assert times(_said(sentences[3], 3)) == {"April 20"}
