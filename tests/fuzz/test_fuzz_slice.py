"""A small, deterministic slice of benchmarks/fuzz.py: mutants of every reader, each beside a good file."""

from __future__ import annotations

import pytest

from tests.benchmark_modules import load_benchmark

fuzz = load_benchmark("fuzz")

#: Mutants per reader: enough to meet each mutation a few times, few enough for a few seconds.
PER_READER = 20


@pytest.mark.parametrize("seed", [11])
def test_mutated_inputs_never_crash_hang_go_unnamed_or_lose_a_good_file(seed: int) -> None:
    tallies = fuzz.fuzz(PER_READER, seed, pages_dir=None, hang_s=60)
    assert set(tallies) == set(fuzz.READERS)
    for reader, tally in tallies.items():
        assert tally.mutants == PER_READER
        assert (tally.tracebacks, tally.hangs, tally.unnamed, tally.lost_good) == ([], [], [], []), reader
        assert tally.batches_stored_good == PER_READER


def test_every_mutation_changes_its_input_deterministically() -> None:
    import random

    data = b'{"title": "A", "text": "The harbour reopened on Monday."}\n' * 3
    first = list(fuzz.mutants([data], 20, random.Random(5)))
    assert first == list(fuzz.mutants([data], 20, random.Random(5)))
    assert sum(mutant != data for mutant in first) >= 18
