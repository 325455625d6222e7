"""A claim's event word ("toured", "talks", "discussions") and the PLOVER event it names.

Two reports of one meeting word it apart ("This visit included discussions with Prime Minister Sanae
Takaichi in Nara" / "Lee and Takaichi held summit talks"): their words and embeddings are far apart,
yet both name a meeting (PLOVER's CONSULT) with Takaichi. The event word is the claim's verb as
written, or, after a verb that only carries its object ("held talks", "included discussions", "staged
a protest"), the object's first words; the event is read from the event coder's word lists
(``events.lexicon``), so only words that name one kind of event whatever the sentence count.

Only the reciprocal kinds (a meeting, an agreement, cooperation) tell which event a claim reports by
their participants: one story rarely holds two meetings of the same people. Other kinds do not
("UNHCR condemned the bombing" / "Sudan's army has often been accused of bombing South Kordofan";
"Many in Hong Kong will deplore that decision" / "China has denounced a Hong Kong court ruling": one
kind of event, one name in common, different events), so ``reported_event`` reads no others.
"""

from __future__ import annotations

import re

from newsweave.brief.same_event import EventMention
from newsweave.data import Claim
from newsweave.events.extract import RECIPROCAL_CATEGORIES
from newsweave.events.lexicon import LIGHT_VERBS, NOUN_TRIGGERS, VERB_TRIGGERS, Trigger

#: Verbs the event coder reads as agreeing that one side does alone, about anything: "AMD currently offers
#: only x86 chips", "pledged to cut emissions" report no agreement of the story's parties.
ONE_SIDED = frozenset({"offer", "pledge", "promise", "accept"})
#: Words between a subject and its verb that are not the verb: auxiliaries, adverbs of time and degree.
_NOT_VERB = frozenset({
    "be", "is", "are", "was", "were", "been", "being", "has", "have", "had", "having", "do", "does", "did",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "also", "then", "later",
    "again", "still", "already", "not", "never", "just", "reportedly",
})  # fmt: skip
#: Words that open an object without naming the event: determiners and numbers.
_NOT_HEAD = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "their", "its", "his", "her", "our", "your", "two",
    "three", "several",
})  # fmt: skip
#: Words that end an object's head: "discussions with ...", "talks on ...".
_HEAD_ENDS = frozenset({"with", "in", "on", "at", "of", "for", "to", "by", "about", "and"})
#: Object words kept as the event word: "summit talks", not "summit talks focusing on Seoul's bid".
_OBJECT_WORDS = 2
_WORD = re.compile(r"[\w'’-]+")


def event_word(claim: Claim) -> EventMention | None:
    """The claim's event word as a mention in its text; None when the verb cannot be found there."""
    text = claim.text
    words = list(_WORD.finditer(text))
    subject_words = len(_WORD.findall(claim.subject))
    verb = _verb(words[subject_words:] if _starts_with(words, claim.subject) else words, claim.predicate)
    if verb is None:
        return None
    if claim.predicate in LIGHT_VERBS:
        head = [word for word in words if word.start() >= verb.end()]
        while head and head[0].group().lower() in _NOT_HEAD:
            head = head[1:]
        named = _object_head(head)
        if named:
            return EventMention(text, named[0].start(), named[-1].end())
    return EventMention(text, verb.start(), verb.end())


def _starts_with(words: list[re.Match[str]], subject: str) -> bool:
    # The claim's subject is tokenised ("Wi Sung - lack"): compare word by word.
    expected = [word.lower() for word in _WORD.findall(subject)]
    return bool(expected) and [word.group().lower() for word in words[: len(expected)]] == expected


def _verb(words: list[re.Match[str]], predicate: str) -> re.Match[str] | None:
    """The first word that reads as the predicate's verb: no auxiliary, and it begins with the lemma's
    first letter ("held" / "hold", "met" / "meet")."""
    for word in words:
        lowered = word.group().lower()
        if lowered in _NOT_VERB:
            continue
        if predicate and lowered[:1] == predicate[:1].lower():
            return word
    return None


def _object_head(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The object's first words up to a preposition or a break: "summit talks", "discussions"."""
    head: list[re.Match[str]] = []
    for word in words[:_OBJECT_WORDS]:
        if word.group().lower() in _HEAD_ENDS:
            break
        if head and word.start() - head[-1].end() > 1:
            break  # punctuation between them
        head.append(word)
    return head


def event_trigger(claim: Claim) -> Trigger | None:
    """The PLOVER (category, mode) the claim's event word names, by the event coder's word lists: its
    verb ("met", "arrested"), or after a light verb its object's head ("held talks"); None otherwise."""
    if claim.predicate in VERB_TRIGGERS:
        return VERB_TRIGGERS[claim.predicate]
    if claim.predicate not in LIGHT_VERBS:
        return None
    mention = event_word(claim)
    if mention is None:
        return None
    for word in reversed(mention.sentence[mention.start : mention.end].lower().split()):
        for lemma in (word, word.removesuffix("s")):
            if lemma in NOUN_TRIGGERS:
                return NOUN_TRIGGERS[lemma]
    return None


def reported_event(claim: Claim) -> Trigger | None:
    """``event_trigger`` when it names a reciprocal event (talks, an agreement, cooperation; not a visit
    or a call, which one side makes), else None."""
    if claim.predicate in ONE_SIDED:
        return None
    found = event_trigger(claim)
    return found if found is not None and found[0] in RECIPROCAL_CATEGORIES and found[1] is None else None
