"""Event words and the event they name; claims reporting one event in other words join one fact."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.brief.align import Aligner
from newsweave.brief.event_words import event_trigger, event_word, reported_event
from newsweave.data import Claim


def _claim(article_id: str, text: str, subject: str, predicate: str, entities: list[str]) -> Claim:
    rest = text.split(" ", len(subject.split()) + 1)[-1]
    return Claim(article_id, 0, 0, len(text), text, subject, predicate, rest, entity_ids=entities)


VISIT = _claim(
    "a", "This visit included discussions with Prime Minister Sanae Takaichi in Nara", "This visit",
    "include", ["takaichi", "nara"],
)  # fmt: skip
TALKS = _claim(
    "b", "Lee and Takaichi held summit talks focusing on Seoul's bid", "Lee and Takaichi", "hold",
    ["lee", "takaichi", "seoul"],
)  # fmt: skip
TOUR = _claim(
    "b", "Lee and Takaichi toured the Horyuji temple complex in Nara", "Lee and Takaichi", "tour",
    ["lee", "takaichi", "nara"],
)  # fmt: skip


@pytest.mark.parametrize(
    ("claim", "word"),
    [
        (VISIT, "discussions"),  # after a light verb: the object's head
        (TALKS, "summit talks"),  # "held" for "hold": an irregular form
        (TOUR, "toured"),
        (_claim("c", "Police have also arrested two men", "Police", "arrest", []), "arrested"),  # not "have"
    ],
)
def test_the_event_word_is_the_verb_or_a_light_verbs_object(claim: Claim, word: str) -> None:
    mention = event_word(claim)
    assert mention is not None
    assert mention.sentence[mention.start : mention.end] == word


def test_the_event_is_read_from_the_event_coders_word_lists() -> None:
    assert event_trigger(VISIT) == event_trigger(TALKS) == ("CONSULT", None)
    assert event_trigger(TOUR) is None  # touring names no PLOVER event
    assert event_trigger(_claim("c", "Lee met Takaichi", "Lee", "meet", [])) == ("CONSULT", None)
    assert event_trigger(_claim("c", "Police arrested two men", "Police", "arrest", [])) == (
        "COERCE",
        "arrest",
    )
    assert event_trigger(_claim("c", "They held a press conference on Monday", "They", "hold", [])) == (
        "CONSULT",
        None,
    )
    assert event_trigger(_claim("c", "Nobody said a word", "Nobody", "say", [])) is None


def test_only_meetings_agreements_and_cooperation_tell_their_event_by_participants() -> None:
    assert reported_event(TALKS) == ("CONSULT", None)
    agreed = _claim("c", "Greece and the IMF agreed a bailout", "Greece and the IMF", "agree", [])
    assert reported_event(agreed) == ("AGREE", None)
    accused = _claim("c", "Sudan's army has often been accused of bombing", "Sudan's army", "accuse", [])
    assert event_trigger(accused) == ("ACCUSE", None) and reported_event(accused) is None
    offers = _claim("c", "AMD currently offers only x86 chips", "AMD", "offer", [])
    assert event_trigger(offers) == ("AGREE", None) and reported_event(offers) is None
    visit = _claim("c", "Lee made a visit to Japan", "Lee", "make", [])
    assert event_trigger(visit) == ("CONSULT", "visit") and reported_event(visit) is None


def test_accusations_with_a_name_in_common_stay_apart() -> None:
    condemned = _claim("a", "UNHCR condemned the bombing of a camp", "UNHCR", "condemn", ["unhcr", "sudan"])
    accused = _claim(
        "b", "Sudan's army has often been accused of bombing", "Sudan's army", "accuse", ["sudan"]
    )
    assert _groups([condemned, accused]) == [1, 1]


def _groups(claims: list[Claim], background: bool = False) -> list[int]:
    # Alike, not the same (cosine 0.5): far below the threshold on embeddings and words alone.
    vectors = np.array([[1.0, 0.0], [0.5, np.sqrt(0.75)]], dtype=np.float32)
    aligner = Aligner(claims, vectors, background=(lambda claim: True) if background else None)
    return sorted(len(group.claims) for group in aligner.groups(0.42))


def test_two_reports_of_one_meeting_with_one_participant_join() -> None:
    assert _groups([VISIT, TALKS]) == [2]


def test_other_events_other_participants_and_the_past_stay_apart() -> None:
    assert _groups([VISIT, TOUR]) == [1, 1]  # a tour is not the talks
    stranger = _claim(
        "b", "Xi and Putin held summit talks in Moscow", "Xi and Putin", "hold", ["xi", "putin"]
    )
    assert _groups([VISIT, stranger]) == [1, 1]  # another meeting: no participant in common
    assert _groups([VISIT, TALKS], background=True) == [1, 1]  # a meeting recalled from the past
