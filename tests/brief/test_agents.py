"""Claims of acts by agents of different countries never align (brief.agents)."""

from __future__ import annotations

import numpy as np

from newsweave.brief.agents import countries_named, other_agents, subject_countries
from newsweave.brief.align import Aligner
from newsweave.data import Claim


def _claim(article: str, text: str, subject: str) -> Claim:
    return Claim(article, 0, 0, len(text), text, subject, "respond", "")


def _agents(first: Claim, second: Claim) -> bool:
    return other_agents(
        subject_countries(first),
        countries_named(first.text),
        subject_countries(second),
        countries_named(second.text),
    )


def test_countries_are_read_from_nationality_words_and_names() -> None:
    assert countries_named("South Korean President Lee met Japan's prime minister") == {"KOR", "JPN"}
    assert countries_named("The Mysore received a distress call") == frozenset()
    # The subject ends at its first comma: the relative clause after it is no part of the agent.
    claim = _claim(
        "a", "The Indian warship, which escorted German ships, responded", "The Indian warship, which"
    )
    assert subject_countries(claim) == {"IND"}


def test_two_countries_ships_are_two_agents_but_a_passive_turn_is_not() -> None:
    # ECB+ 12_ecb: a German frigate's earlier rescue beside the Indian warship's.
    german = _claim(
        "a", "The German frigate responded to a distress call from the freighter", "The German frigate"
    )
    indian = _claim("b", "The Indian warship responded to the distress call", "The Indian warship")
    assert _agents(german, indian)
    active = _claim("c", "The Indian Navy arrested 23 Somali pirates", "The Indian Navy")
    passive = _claim("d", "23 Somali pirates were arrested by the Indian Navy", "23 Somali pirates")
    assert not _agents(active, passive)  # each names the other's country
    mysore = _claim("e", "The Mysore responded to a distress call", "The Mysore")
    assert not _agents(german, mysore)  # a subject that names no country says nothing of its agent


def test_the_aligner_never_joins_two_agents_acts() -> None:
    german = _claim(
        "a", "The German frigate responded to a distress call from the freighter", "The German frigate"
    )
    indian = _claim(
        "b", "The Indian warship responded to a distress call from the freighter", "The Indian warship"
    )
    vectors = np.ones((2, 4), dtype=np.float32) / 2.0  # identical wording: the embedding alone would join
    aligner = Aligner([german, indian], vectors)
    assert aligner.score(0, 1) == 0.0
    assert [len(group.claims) for group in aligner.groups(0.42)] == [1, 1]
