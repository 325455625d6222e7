"""MinHash signatures and LSH keys: stable, and faithful to Jaccard similarity."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from newsweave.config import Config
from newsweave.ingest import dedupe

STORY = (
    "Rescue teams searched collapsed buildings through the night after a strong earthquake struck the "
    "coastal province on Sunday, officials said, as aftershocks rattled towns along the shore and "
    "thousands of residents slept outdoors in parks and stadiums for fear of further tremors."
)


def test_shingles_are_word_ngrams_of_the_normalised_text() -> None:
    assert dedupe.shingles("The  QUICK brown\nfox", 2) == ["the quick", "quick brown", "brown fox"]
    assert dedupe.shingles("Two words", 5) == ["two words"]
    assert dedupe.shingles("", 5) == []


def test_signature_is_stable_and_round_trips_through_bytes(config: Config) -> None:
    first = dedupe.signature(STORY, config.dedupe)
    assert np.array_equal(first, dedupe.signature(STORY, config.dedupe))
    assert np.array_equal(dedupe.from_bytes(dedupe.to_bytes(first)), first)
    assert len(dedupe.band_keys(first, config.dedupe.lsh_bands)) == config.dedupe.lsh_bands


def test_similar_texts_share_band_keys_and_different_ones_do_not(config: Config) -> None:
    copy = "EDITED HEADLINE. " + STORY.replace("officials said", "officials told reporters")
    other = "The central bank raised its main interest rate by half a percentage point on Thursday."
    sig, sig_copy, sig_other = (dedupe.signature(t, config.dedupe) for t in (STORY, copy, other))
    keys = set(dedupe.band_keys(sig, config.dedupe.lsh_bands))
    assert keys & set(dedupe.band_keys(sig_copy, config.dedupe.lsh_bands))
    assert not keys & set(dedupe.band_keys(sig_other, config.dedupe.lsh_bands))
    assert dedupe.estimate_jaccard(sig, sig_copy) >= config.dedupe.near_duplicate_jaccard
    assert dedupe.estimate_jaccard(sig, sig_other) < 0.1


def test_best_match_prefers_the_most_similar_above_threshold(config: Config) -> None:
    sig = dedupe.signature(STORY, config.dedupe)
    near = dedupe.signature(STORY + " Schools stayed closed.", config.dedupe)
    far = dedupe.signature("Unrelated words entirely about football transfers.", config.dedupe)
    match = dedupe.best_match(sig, {"b": near, "a": far}, 0.5)
    assert match is not None and match.article_id == "b"
    assert dedupe.best_match(sig, {"a": far}, 0.5) is None


@given(
    st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]), min_size=8, max_size=40)
)
def test_estimate_is_close_to_true_jaccard(words: list[str]) -> None:
    from newsweave.config import load_config

    settings = load_config(None).dedupe
    left = " ".join(words)
    right = " ".join(words[: len(words) // 2] + ["omega"] * 3)
    true_left, true_right = set(dedupe.shingles(left, 5)), set(dedupe.shingles(right, 5))
    true = len(true_left & true_right) / len(true_left | true_right)
    estimate = dedupe.estimate_jaccard(dedupe.signature(left, settings), dedupe.signature(right, settings))
    assert abs(estimate - true) < 0.3  # 128 permutations: standard error <= 0.045; 0.3 is > 6 sigma
