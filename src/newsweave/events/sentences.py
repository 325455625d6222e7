"""How the extractor reads one sentence: whether it is a heading, its predicates and their subjects,
whether a predicate is negated or hypothetical, and the PLOVER category its words name (a trigger).

The main predicate is the complement of a reporting verb ("X said Y met Z" codes "met"); its
coordinated verbs and participles ("..., agreeing to conduct DNA analysis") share its subject.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsweave.analysis.mentions import HEADING_MAX_WORDS, LINE_END_PUNCTUATION
from newsweave.events import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

VERBAL = frozenset({"VERB", "AUX"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def is_heading(span: Span) -> bool:
    """Whether a sentence is a heading line (no closing punctuation, a few words): it reports no event."""
    text = span.text.strip()
    return not text.endswith(LINE_END_PUNCTUATION) and len(text.split()) <= HEADING_MAX_WORDS


def negated_or_hypothetical(predicate: Token, *, reported: bool = False) -> bool:
    """Whether a predicate is negated or hypothetical; in reported speech "would" is a future ("Iraq
    said it would allow inspectors back"), not a condition."""
    for child in predicate.children:
        if child.dep_ == "neg":
            return True
        modal = child.lemma_.casefold()
        if (
            child.dep_ == "aux"
            and modal in lexicon.HYPOTHETICAL_MODALS
            and not (reported and modal == "would")
        ):
            return True
    return False


_KNOWN_VERBS = frozenset(
    lexicon.VERB_TRIGGERS.keys()
    | lexicon.LIGHT_VERBS
    | lexicon.EASING_VERBS
    | lexicon.FRAMING_VERBS
    | lexicon.REPORTING_VERBS
)


def verb_lemma(token: Token) -> str:
    """The token's lemma, or its regular base form where the lemmatizer erred ("staged" -> "stag")."""
    lemma = token.lemma_.casefold()
    if lemma in _KNOWN_VERBS:
        return lemma
    lower = token.lower_
    forms = [lower, lower.removesuffix("d"), lower.removesuffix("ed"), lower.removesuffix("ing"),
             lower.removesuffix("ing") + "e", lower.removesuffix("s")]  # fmt: skip
    return next((form for form in forms if form in _KNOWN_VERBS), lemma)


def trigger_of(predicate: Token) -> tuple[lexicon.Trigger, Token] | None:
    """The PLOVER category (and mode) a predicate names by its words, with the word naming it."""
    lemma = verb_lemma(predicate)
    for child in predicate.children:
        if child.dep_ in {"prt", "prep", "dobj"}:
            phrasal = lexicon.PHRASAL_TRIGGERS.get((lemma, child.lemma_.casefold()))
            if phrasal is not None:
                return phrasal, predicate
        if lemma == "be" and child.dep_ == "acomp" and child.lower_ in lexicon.INTENT_ADJECTIVES:
            return ("AGREE", None), child  # "is willing to send troops": an intent to act
    objects = [child for child in predicate.children if child.dep_ in {"dobj", "nsubjpass"}]
    for noun in objects:
        noun_lemma = noun.lemma_.casefold()
        restriction = lexicon.NOUN_TRIGGERS.get(noun_lemma) == ("COERCE", "restrict")
        if lemma in lexicon.EASING_VERBS and restriction:
            return lexicon.EASING_TRIGGER, noun
        if lemma in lexicon.COMPLAINT_VERBS and noun_lemma == "protest":
            return lexicon.COMPLAINT_TRIGGER, noun
        if noun_lemma == "strike" and any(c.lower_ == "hunger" for c in noun.children):
            return lexicon.HUNGER_STRIKE_TRIGGER, noun
        if lemma in lexicon.LIGHT_VERBS and noun_lemma in lexicon.NOUN_TRIGGERS:
            return lexicon.NOUN_TRIGGERS[noun_lemma], noun
    if lemma == "release" and any(noun.lemma_.casefold() in lexicon.PUBLISHED_THINGS for noun in objects):
        return None  # "released the footage": published, not freed
    if predicate.pos_ == "VERB" and lemma in lexicon.VERB_TRIGGERS:
        return lexicon.VERB_TRIGGERS[lemma], predicate
    if lemma in lexicon.FRAMING_VERBS:
        for child in predicate.children:
            if child.dep_ == "xcomp" and child.pos_ in VERBAL:
                return trigger_of(child)
    return None


@dataclass(slots=True)
class Clause:
    """The predicates of a sentence and, in reported speech, who reports it."""

    predicates: list[tuple[Token, bool]]
    """Each predicate with whether it shares the main verb's subject."""
    reporter: Token | None
    """The subject of the reporting verb ("Syria says it will withdraw": Syria)."""

    @property
    def main(self) -> Token:
        """The main predicate."""
        return self.predicates[0][0]


def clause_of(span: Span) -> Clause:
    """The sentence's predicates, each with whether it shares the main verb's subject.

    The main predicate (inside reported speech), the verbs coordinated with it and its participles
    ("..., agreeing to ...") share its subject; its clausal complements have their own ("Tokyo began
    ... after protesters rallied" parsed with "rallied" under "began"). Subordinate clauses with their
    own subject or a conjunction ("after the leaders met") are background, not predicates.
    """
    main = span.root
    reporter: Token | None = None
    while verb_lemma(main) in lexicon.REPORTING_VERBS:
        complements = [c for c in main.children if c.dep_ == "ccomp" and c.pos_ in VERBAL]
        if not complements:
            break
        reporter = next((c for c in main.children if c.dep_ == "nsubj"), reporter)
        main = complements[0]
    found = [(main, True)]
    for child in main.children:
        if child.pos_ not in VERBAL or not span.start <= child.i < span.end:
            continue
        own_subject = any(c.dep_ in SUBJECT_DEPS for c in child.children)
        if child.dep_ == "conj" and child.tag_ != "VBN":
            found.append((child, not own_subject))
        elif child.dep_ == "advcl" and child.tag_ == "VBG" and not own_subject:
            found.append((child, True))
        elif child.dep_ == "ccomp" and own_subject:
            found.append((child, False))
    return Clause(found, reporter)


def _inside(span: Span, tokens: Iterable[Token]) -> list[Token]:
    """The tokens that lie in ``span``: a heading line parsed into the next sentence ("Focus on
    Trade\nThe two sides agreed") must not lend it a subject."""
    return [token for token in tokens if span.start <= token.i < span.end]


def subject_of(span: Span, predicate: Token, main: Token | None) -> tuple[Token | None, bool]:
    """The predicate's subject (else the main verb's, when given) and whether it is passive."""
    for verb in (predicate, main):
        for child in _inside(span, verb.children) if verb is not None else ():
            if child.dep_ in SUBJECT_DEPS:
                return child, child.dep_ == "nsubjpass"
    return None, False
