"""Values of one event only: two sources' numbers are rivals only when they are about one event.

Alignment joins claims on similar words, names and embeddings, and a shared value slot joins them more
loosely still, so "a 2004 quake off Aceh killed 168,000" meets "the quake killed one person on Tuesday",
and "some 2 million died in the civil war" meets "12 were killed in the camp". Before two values of one
slot are set against each other, the same-event model (``brief.same_event``) reads their two claims,
each with the word the value measures marked ("killed", "protesters", "curfew"); a pair it judges two
events is no discrepancy. A value whose word cannot be found in its claim's text is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from newsweave.brief.compare import Reading
from newsweave.brief.same_event import MODEL_DIR, EventMention, SameEventModel

#: ``[brief] same_event_model`` value that turns the check off.
OFF = "none"


def value_word(reading: Reading) -> EventMention | None:
    """The word the reading's value measures (its slot word) as a mention in the claim's text: the
    occurrence nearest the value; None when the claim's text does not hold it."""
    text, word = reading.claim.text, reading.value.slot_text.strip()
    if not word:
        return None
    anchor = max(text.find(reading.value.text), 0)
    found = [m for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)]
    if not found:
        return None
    nearest = min(found, key=lambda m: abs(m.start() - anchor))
    return EventMention(text, nearest.start(), nearest.end())


class SameEventCheck:
    """Judges whether two values of different articles are about one event (see the module docstring)."""

    def __init__(self, model: SameEventModel, threshold: float) -> None:
        self.model = model
        self.threshold = threshold
        self._probability: dict[tuple[int, int], float] = {}

    @classmethod
    def from_config(cls, model: str, threshold: float) -> SameEventCheck | None:
        """The check for ``[brief] same_event_model`` ("" for the packaged model, a folder, or "none")."""
        if model.strip().lower() == OFF:
            return None
        return cls(SameEventModel(Path(model).expanduser() if model else MODEL_DIR), threshold)

    def prepare(self, slots: Sequence[Sequence[Reading]]) -> None:
        """Judge every pair of readings of different articles within each slot, in one model call."""
        pairs, keys = [], []
        for readings in slots:
            mentions = [value_word(reading) for reading in readings]
            for i, first in enumerate(readings):
                for j in range(i + 1, len(readings)):
                    second, a, b = readings[j], mentions[i], mentions[j]
                    key = (id(first), id(second))
                    if first.article_id == second.article_id or a is None or b is None:
                        continue
                    if key not in self._probability:
                        pairs.append((a, b))
                        keys.append(key)
        for key, probability in zip(keys, self.model.probabilities(pairs), strict=True):
            self._probability[key] = float(probability)

    def one_event(self, first: Reading, second: Reading) -> bool:
        """Whether two readings may be about one event: not judged (same article, word not found, not
        prepared), or judged one event."""
        found = self._probability.get((id(first), id(second)), self._probability.get((id(second), id(first))))
        return found is None or found >= self.threshold
