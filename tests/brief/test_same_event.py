"""The same-event cross-encoder (brief/same_event.py) and the corroboration check built on it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsweave.brief.compare import Reading
from newsweave.brief.event_gate import SameEventCheck, value_word
from newsweave.brief.same_event import CONTEXT_WORDS, EventMention, SameEventModel, marked, trigger_masks
from newsweave.data import Claim, ClaimValue
from newsweave.embeddings import load_encoder
from newsweave.errors import ConfigError
from tests.benchmark_modules import load_benchmark

ECBPLUS_XML = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus" / "xml"


def _mention(sentence: str, word: str) -> EventMention:
    start = sentence.index(word)
    return EventMention(sentence, start, start + len(word))


@pytest.fixture(scope="module")
def model() -> SameEventModel:
    return SameEventModel()


def test_marked_puts_the_event_word_between_marks_and_cuts_long_sentences() -> None:
    assert marked(_mention("A strong quake struck Aceh on Tuesday .", "struck")) == (
        "A strong quake [ struck ] Aceh on Tuesday ."
    )
    words = [f"w{i}" for i in range(100)]
    text = marked(_mention(" ".join([*words, "exploded", *words]), "exploded"))
    assert text.split() == [*words[-CONTEXT_WORDS:], "[", "exploded", "]", *words[:CONTEXT_WORDS]]


def test_trigger_masks_find_each_segments_marked_words() -> None:
    encoder = load_encoder(str(SameEventModel().folder))
    [(_, ids, types)] = encoder.pair_states([("the quake [ struck ] aceh", "a [ tremor ] hit")])
    first, second = trigger_masks(ids, types, encoder.token_id("["), encoder.token_id("]"))
    assert [int(i) for i in ids[first]] == [encoder.token_id("struck")]
    assert [int(i) for i in ids[second]] == [encoder.token_id("tremor")]
    # No marks in a segment: its whole text stands for the event word.
    [(_, ids, types)] = encoder.pair_states([("the quake struck", "a [ tremor ] hit")])
    first, _ = trigger_masks(ids, types, encoder.token_id("["), encoder.token_id("]"))
    assert first.sum() == int((types == 0).sum()) - 1  # segment 0 less [CLS]


def test_pair_states_read_two_texts_as_one_input() -> None:
    encoder = load_encoder(str(SameEventModel().folder))
    [(hidden, ids, types)] = encoder.pair_states([("one text", "another text here")])
    assert hidden.shape == (len(ids), encoder.dim)
    assert list(types) == [0, 0, 0, 0, 1, 1, 1, 1]  # [CLS] one text [SEP] another text here [SEP]


def test_one_event_in_two_reports_scores_above_two_events(model: SameEventModel) -> None:
    quake = "A magnitude 6.1 earthquake struck Aceh province on Tuesday , killing one person ."
    quake_a, deaths = _mention(quake, "struck"), _mention(quake, "killing")
    quake_b = _mention(
        "The quake hit the Central Aceh district on Tuesday afternoon , officials said .", "hit"
    )
    other = _mention(
        "Police arrested a man in Detroit on Friday over the shooting of three people .", "arrested"
    )
    pairs = [(quake_a, quake_b), (quake_a, other), (quake_a, deaths)]
    same, different, other_event = model.probabilities(pairs)
    assert same > 0.5 > different
    assert same > other_event
    assert model.probabilities([]).shape == (0,)


def test_a_missing_model_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        SameEventModel(tmp_path)


def _reading(article: str, text: str, number: str, slot_text: str) -> Reading:
    value = ClaimValue("count", number, None, number, 0, len(number), slot_text.lower(), slot_text)
    return Reading(value, Claim(article, 0, 0, len(text), text, "", "", "", values=[value]))


def test_value_word_marks_the_word_the_value_measures_nearest_the_value() -> None:
    text = "Police said 3 were hurt; 5 were killed and 2 more were killed later"
    found = value_word(_reading("a", text, "5", "killed"))
    assert found is not None and (found.start, found.end) == (text.index("killed"), text.index("killed") + 6)
    assert value_word(_reading("a", "Five people died", "5", "killed")) is None
    assert value_word(_reading("a", "Five people died", "5", "")) is None


def test_values_of_two_events_are_not_judged_one_event(model: SameEventModel) -> None:
    today = _reading("a", "The magnitude 6.1 quake killed one person in Aceh on Tuesday", "1", "killed")
    today_b = _reading("b", "Three people were killed when the quake struck Aceh on Tuesday", "3", "killed")
    war = _reading("c", "Police arrested 40 protesters in Khartoum on Friday", "40", "arrested")
    lost = _reading("d", "Five people died", "5", "killed")  # the word is not in the text: not judged
    same_article = _reading("a", "Two more people were killed on Wednesday", "2", "killed")
    check = SameEventCheck(model, 0.5)
    check.prepare([[today, today_b, war, lost, same_article]])
    assert check.one_event(today, today_b) and check.one_event(today_b, today)
    assert not check.one_event(today, war)
    assert check.one_event(today, lost) and check.one_event(today, same_article)


def test_check_is_off_when_configured_so() -> None:
    assert SameEventCheck.from_config("none", 0.5) is None
    assert SameEventCheck.from_config("", 0.5) is not None


def test_average_linkage_joins_while_the_mean_reaches_the_threshold() -> None:
    bench = load_benchmark("event_coref")
    scores = np.array([[1, 0.9, 0.2, 0.0], [0.9, 1, 0.6, 0.0], [0.2, 0.6, 1, 0.0], [0.0, 0.0, 0.0, 1]])
    assert sorted(map(sorted, bench.average_linkage(scores.astype(np.float32), 0.5))) == [[0, 1], [2], [3]]
    assert sorted(map(sorted, bench.average_linkage(scores.astype(np.float32), 0.35))) == [[0, 1, 2], [3]]


@pytest.mark.skipif(not ECBPLUS_XML.is_dir(), reason="needs ../shared/data/ecbplus")
def test_the_benchmark_reads_the_standard_test_mentions() -> None:
    bench = load_benchmark("event_coref")
    events = bench.load_events(bench.TEST_TOPICS)
    assert len(events) == 1780  # ECB+'s test split: the count published systems report
    halves = {f"{topic}{half}" for topic in range(36, 46) for half in ("ecb", "ecbplus")}
    assert {event.subtopic for event in events} == halves
    for event in events[:50]:
        assert event.mention.sentence[event.mention.start : event.mention.end].strip()
