"""Align claims across a story's articles: claims about the same thing become one fact.

Two claims from different articles are scored by the cosine of their sentence embeddings, the overlap of
their content words weighted by rarity within the story (so "drums" counts, "leaders" hardly does),
shared entities, and shared value slots ("the number of protesters"). Pairs at or above the threshold are
joined best first, provided the two groups are also close on average (no chaining). Below it, two claims
still join when they give a value for one slot, or report one event with one participant in other words
("This visit included discussions with Prime Minister Sanae Takaichi" / "Lee and Takaichi held summit
talks": ``brief.event_words``). A fact may hold several claims of one article: a lede and a later
paragraph often state one fact twice.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from newsweave.brief.agents import countries_named, other_agents, subject_countries
from newsweave.brief.event_words import reported_event
from newsweave.brief.quotes import quoted_parts
from newsweave.data import Claim, ClaimValue

# Weights of the alignment score's parts. Calibrated with benchmarks/brief.py on the labelled set
# (tests/data/brief): embeddings alone confuse "4 killed" with "12 injured" in one story; word overlap
# alone misses paraphrase ("demonstrators gathered" / "protesters marched").
EMBEDDING_WEIGHT = 0.45
WORDS_WEIGHT = 0.25
PREDICATE_WEIGHT = 0.15
ENTITY_WEIGHT = 0.05
SLOT_WEIGHT = 0.10
# Two groups join only when their claims, on average, score at least this share of the threshold:
# average linkage, so that a chain of pairwise-similar claims does not glue unrelated facts together.
AVERAGE_LINK_SHARE = 1.0
# Claims of different articles that give an amount or date for the same slot ("the death toll", "the
# fee") are about one fact when they are this similar at all: far below the threshold, because two
# sources that disagree on a number often word everything else differently too. Calibrated on the
# labelled set's disputed facts (benchmarks/brief.py).
SLOT_LINK_THRESHOLD = 0.25
# Two reports quoting one speaker word for word state one thing: a run of this many words inside quotation
# marks in both ("is actually not so crazy", ESA's Jennifer Ngo-Anh in CTV and phys.org), with this many
# content words (not a slogan or a title: "Meth. We're on it"), joins claims this similar at all.
QUOTE_RUN_WORDS = 5
QUOTE_CONTENT_WORDS = 2
QUOTE_LINK_FLOOR = 0.15
# Words of the object kept in a claim's predicate text: the head phrase, not its modifiers.
PREDICATE_OBJECT_WORDS = 6
# Counts up to this are too common to tie two claims together on their own.
SMALL_COUNT = 3
# Slots that say nothing about what a value measures: the date an official "said" something.
GENERIC_SLOTS = frozenset({"say", "tell", "report", "announce", "add", "show", "be", "have", "publish", ""})

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")
_STOP_TEXT = """a about above after again against all also am an and any are as at be because been before
being between both but by can could did do does doing during each few for from further had has have having
he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on
once only or other our ours out over own same she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where which while who
whom why will with would you your said says say told according however year years percent"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def content_words(text: str) -> set[str]:
    """Lowercased content words, crudely stemmed so that "drums" meets "drum".

    Capitalised words after the first are left out: they are names, which shared entities already
    score, and two clauses about the same people and place may still say different things.
    """
    words: set[str] = set()
    for position, raw in enumerate(_WORD.findall(text)):
        if position > 0 and raw[0].isupper():
            continue
        word = raw.lower().strip("'-")
        if word in STOP_WORDS or len(word) < 3:
            continue
        words.add(_stem(word))
    return words


def _stem(word: str) -> str:
    # Crude, but enough for "played"/"playing"/"plays", "drums"/"drum" and "imposed"/"impose" to meet.
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def alignment_text(claim: Claim) -> str:
    """What alignment compares: the claim's core when it has one, else its text."""
    return claim.core or claim.text


def predicate_text(claim: Claim) -> str:
    """The claim's predicate with the start of its object: "tour the Horyuji temple complex"."""
    words = claim.object.split()[:PREDICATE_OBJECT_WORDS]
    return " ".join([claim.predicate, *words]) or claim.text


@dataclass(slots=True)
class ClaimGroup:
    """Claims from different articles about one thing: a fact as several sources state it."""

    claims: list[Claim] = field(default_factory=list)
    link: Callable[[Claim, Claim], float] | None = None
    """The aligner's pair score (``Aligner.link``), for comparing values claim by claim."""

    @property
    def article_ids(self) -> list[str]:
        """The articles that state the fact, in claim order."""
        return list(dict.fromkeys(claim.article_id for claim in self.claims))


class Aligner:
    """Scores claim pairs and groups a story's claims into facts.

    Scores are computed for all pairs at once as matrices (a story of 30 reports has ~600 claims and
    ~170,000 pairs); ``score(i, j)`` reads one entry.
    """

    def __init__(
        self,
        claims: Sequence[Claim],
        vectors: NDArray[np.float32],
        predicate_vectors: NDArray[np.float32] | None = None,
        background: Callable[[Claim], bool] | None = None,
        sentence_of: Callable[[Claim], str] | None = None,
    ) -> None:
        self.claims = list(claims)
        self._index = {id(claim): i for i, claim in enumerate(self.claims)}
        # A past date that claims recall ("Trump's July 25 call", in reports of a November hearing) is
        # context they share, not a statement: it ties no claims together (``background``: brief.background).
        self._slots = [_slot_values(claim, background) for claim in self.claims]
        # The meeting or agreement each claim reports, when its own words name one; not for a claim
        # about the past, which recalls another of the same kind.
        self._events = [
            None if background is not None and background(claim) else reported_event(claim)
            for claim in self.claims
        ]
        # What each claim quotes word for word, read in its sentence: a claim's span often starts after
        # the opening quotation mark.
        self._quoted = [
            quoted_runs(sentence_of(claim) if sentence_of else claim.text) & _runs(claim.text)
            for claim in self.claims
        ]
        # "what is done to what" ("tour the temple complex" vs "include discussions"): two clauses
        # naming the same people and place can still say different things.
        predicates = predicate_vectors if predicate_vectors is not None else vectors
        self.scores = (
            EMBEDDING_WEIGHT * np.maximum(vectors @ vectors.T, 0.0)
            + PREDICATE_WEIGHT * np.maximum(predicates @ predicates.T, 0.0)
            + WORDS_WEIGHT * self._word_overlap()
            + ENTITY_WEIGHT * _overlap([set(claim.entity_ids) for claim in self.claims], weights=None)
            + SLOT_WEIGHT
            * _shares_any([{f"{v.kind}\x00{v.slot}" for v in values if v.slot} for values in self._slots])
        ).astype(np.float32)
        # One act of agents of two countries is two acts ("The German frigate responded to a distress
        # call" / "The Indian warship ... responded to the distress call"): such claims never align.
        subjects = [subject_countries(claim) for claim in self.claims]
        named = {i: countries_named(self.claims[i].text) for i, found in enumerate(subjects) if found}
        for i, j in itertools.combinations(named, 2):
            if other_agents(subjects[i], named[i], subjects[j], named[j]):
                self.scores[i, j] = self.scores[j, i] = 0.0

    def score(self, i: int, j: int) -> float:
        """How strongly claims i and j state the same thing (0..1)."""
        return float(self.scores[i, j])

    def link(self, a: Claim, b: Claim) -> float:
        """``score`` of two of the aligner's claims, given as claims."""
        return self.score(self._index[id(a)], self._index[id(b)])

    def _one_event(self, i: int, j: int) -> bool:
        """Claims i and j report one kind of event with a participant in common ("discussions with
        Takaichi" / "Lee and Takaichi held talks"): the story's one meeting, told twice."""
        found = self._events[i]
        return (
            found is not None
            and found == self._events[j]
            and not set(self.claims[i].entity_ids).isdisjoint(self.claims[j].entity_ids)
        )

    def _same_quotes(self, other_article: NDArray[np.bool_]) -> list[tuple[int, int]]:
        """Pairs of claims of different articles that quote one speaker word for word."""
        holders: dict[tuple[str, ...], list[int]] = {}
        for index, runs in enumerate(self._quoted):
            for run in runs:
                holders.setdefault(run, []).append(index)
        pairs = {
            (i, j)
            for indices in holders.values()
            for i, j in itertools.combinations(sorted(set(indices)), 2)
            if other_article[i, j] and self.scores[i, j] >= QUOTE_LINK_FLOOR
        }
        return sorted(pairs)

    def _word_overlap(self) -> NDArray[np.float32]:
        words = [content_words(alignment_text(claim)) for claim in self.claims]
        document_frequency = Counter(word for found in words for word in found)
        total = max(len(self.claims), 1)
        idf = {word: math.log((1 + total) / (1 + count)) + 1.0 for word, count in document_frequency.items()}
        return _overlap(words, weights=idf)

    def groups(self, threshold: float) -> list[ClaimGroup]:
        """Claims grouped into facts (single claims included), in order of each fact's first claim."""
        count = len(self.claims)
        articles = np.array([claim.article_id for claim in self.claims])
        other_article = articles[:, None] != articles[None, :]
        floor = min(threshold, SLOT_LINK_THRESHOLD)
        rows, cols = np.nonzero(np.triu(other_article & (self.scores >= floor), k=1))
        pairs = sorted(
            ((float(self.scores[i, j]), int(i), int(j)) for i, j in zip(rows, cols, strict=True)),
            key=lambda pair: (-pair[0], pair[1], pair[2]),
        )
        parent = list(range(count))
        members: dict[int, list[int]] = {i: [i] for i in range(count)}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def join(root_i: int, root_j: int) -> None:
            parent[root_j] = root_i
            members[root_i] += members.pop(root_j)

        for score, i, j in pairs:
            if score < threshold:
                break
            root_i, root_j = find(i), find(j)
            if root_i == root_j:
                continue
            if len(members[root_i]) + len(members[root_j]) > 2:
                left, right = members[root_i], members[root_j]
                cross = other_article[np.ix_(left, right)]
                if (
                    not cross.any()
                    or self.scores[np.ix_(left, right)][cross].mean() < AVERAGE_LINK_SHARE * threshold
                ):
                    continue
            join(root_i, root_j)
        # Below the threshold, unguarded: one value slot, or one meeting told in other words.
        for score, i, j in pairs:
            if score >= SLOT_LINK_THRESHOLD and (
                _shared_value_slot(self._slots[i], self._slots[j]) or self._one_event(i, j)
            ):
                root_i, root_j = find(i), find(j)
                if root_i != root_j:
                    join(root_i, root_j)
        for i, j in self._same_quotes(other_article):
            root_i, root_j = find(i), find(j)
            # Only claims nothing else aligned: a quote shared by two larger groups would chain them.
            if root_i != root_j and len(members[root_i]) == len(members[root_j]) == 1:
                join(root_i, root_j)
        grouped: dict[int, ClaimGroup] = {}
        for i in range(count):
            grouped.setdefault(find(i), ClaimGroup(link=self.link)).claims.append(self.claims[i])
        return list(grouped.values())


def quoted_runs(text: str) -> set[tuple[str, ...]]:
    """The runs of ``QUOTE_RUN_WORDS`` words inside quotation marks in ``text`` (lower-cased) that hold
    ``QUOTE_CONTENT_WORDS`` content words: a quote opened and not closed in the claim runs to its end."""
    runs: set[tuple[str, ...]] = set()
    for quoted in quoted_parts(text):
        words = _WORD.findall(quoted)
        for at in range(len(words) - QUOTE_RUN_WORDS + 1):
            run = words[at : at + QUOTE_RUN_WORDS]
            # Read with its capitals, so that a title ("Takin' It to the Streets") has no content words.
            if len(content_words("the " + " ".join(run))) >= QUOTE_CONTENT_WORDS:
                runs.add(tuple(word.lower() for word in run))
    return runs


def _runs(text: str) -> set[tuple[str, ...]]:
    """Every run of ``QUOTE_RUN_WORDS`` words of ``text``, lower-cased."""
    words = [word.lower() for word in _WORD.findall(text)]
    return {tuple(words[at : at + QUOTE_RUN_WORDS]) for at in range(len(words) - QUOTE_RUN_WORDS + 1)}


def _overlap(sets: Sequence[set[str]], weights: dict[str, float] | None) -> NDArray[np.float32]:
    """Weighted Jaccard of every pair of sets (0 where either is empty), as a matrix."""
    vocabulary = {item: index for index, item in enumerate(sorted(set().union(*sets)))} if sets else {}
    count = len(sets)
    if not vocabulary:
        return np.zeros((count, count), dtype=np.float32)
    weight = np.ones(len(vocabulary), dtype=np.float32)
    if weights is not None:
        for item, index in vocabulary.items():
            weight[index] = weights[item]
    member = np.zeros((count, len(vocabulary)), dtype=np.float32)
    for row, items in enumerate(sets):
        member[row, [vocabulary[item] for item in items]] = 1.0
    shared = (member * weight) @ member.T
    size = (member * weight).sum(axis=1)
    union = size[:, None] + size[None, :] - shared
    result: NDArray[np.float32] = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    return result


def _slot_values(claim: Claim, background: Callable[[Claim], bool] | None) -> list[ClaimValue]:
    """The values a claim can be joined on: not the dates of a claim about the past."""
    if background is None or not any(value.kind == "date" for value in claim.values) or not background(claim):
        return list(claim.values)
    return [value for value in claim.values if value.kind != "date"]


def _shares_any(sets: Sequence[set[str]]) -> NDArray[np.float32]:
    """1 where two sets share an item, else 0."""
    return (_overlap(sets, weights=None) > 0).astype(np.float32)


def _shared_value_slot(a: Sequence[ClaimValue], b: Sequence[ClaimValue]) -> bool:
    """True when two claims' values give a value for one meaningful slot, or one distinctive amount.

    "38 reports" / "41 reports" share a slot; "the 12-member CPTPP" / "the 12-member Agreement" share
    an amount that is unlikely to be a coincidence (small counts such as "two" are).
    """
    slots_a = {(v.kind, v.slot) for v in a if _meaningful(v.kind, v.slot)}
    if any((v.kind, v.slot) in slots_a for v in b):
        return True
    amounts_a = {(v.kind, v.unit, v.value) for v in a if _distinctive(v.kind, v.value)}
    return any((v.kind, v.unit, v.value) in amounts_a for v in b)


def _distinctive(kind: str, value: str) -> bool:
    # Small counts ("two leaders", "three provinces") recur by chance; other amounts rarely do.
    if kind in ("date", "place", "ordinal", "bearing"):
        return False  # "west" of two towns is no shared amount
    return not (kind == "count" and float(value) <= SMALL_COUNT)


def _meaningful(kind: str, slot: str) -> bool:
    # "said on Tuesday" dates the statement, not the fact; amounts always measure something.
    return bool(slot) and kind not in ("place", "ordinal") and not (kind == "date" and slot in GENERIC_SLOTS)
