"""The slot a value fills: the word it attaches to in the parse, folded into a class of synonyms.

"imposed in 2013" fills *impose*, "the 2011 disaster" fills *disaster*; "nine dead" and "11 people were
killed" both fill *death*. The brief compares values only within one slot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Parts of speech that can head a clause.
VERBAL = frozenset({"VERB", "AUX"})
# Words a value attaches to that say nothing about what it measures: look one step further up.
LIGHT_HEADS = frozenset({"be", "have", "do", "include", "reach", "total", "stand", "number", "some", "about"})
# Nouns for people in general: a count of "people" takes its class from the verb ("11 people were killed").
# "victim" too: three victims "taken to hospital" are not three dead; "one victim died" is, by its verb.
GENERIC_PEOPLE = frozenset(
    {"people", "person", "individual", "resident", "civilian", "inhabitant", "man", "victim"}
)
# Counted words that say nothing of who (or which) unless their verb does: "20,000 people took to the
# streets" and "20 people were ushered to safety" are two counts; so are "three crew members lost their
# lives", "more than 300 crew members held to ransom" and "sixteen crew members were aboard".
COUNTED_BY_VERB = frozenset({"people", "person", "member", "crew"})

# Slot classes: words that name the same thing a value can measure. Calibrated by hand on the brief
# test set's wording (tests/data/brief): each class is one question ("how many died?").
_SLOT_WORDS = {
    "death": "die dead death kill fatality toll life perish fatal",
    "injury": "injure injured wound wounded hurt injury casualty",
    "protester": "protester demonstrator marcher protest rally crowd",
    "evacuation": "evacuate evacuee evacuation displace displaced flee",
    "arrest": "arrest detain detention detainee",
    "missing": "missing",
    "curfew": "curfew lockdown",
    "price": "price cost costs worth value valuation",
    "rate": "rate",
    "magnitude": "magnitude quake earthquake tremor",
    "depth": "depth deep",
    "wind": "wind gust",
    "fine": "fine penalty",
    "sentence": "sentence jail prison",
    "vote": "vote ballot",
    "turnout": "turnout",
    "recall": "recall",
    "salary": "salary wage pay",
}
# What can befall the people counted: "two firefighters were injured" counts injuries, not firefighters.
HARM_CLASSES = frozenset({"death", "injury", "evacuation", "arrest", "missing"})
SLOT_CLASS = {word: name for name, words in _SLOT_WORDS.items() for word in words.split()}
# Slot classes that hold for one kind of value only: a duration "needed"/"took"/"lasted" is the time
# something took; money a club "paid"/"sold for" is the price. ("took three wickets" is no duration.)
_TIME_TAKEN_WORDS = "take need spend last require"
_PRICE_WORDS = "pay sell buy sign acquire purchase fetch cost price fee worth value deal sum bid offer"
KIND_SLOT_CLASSES = {
    "duration": dict.fromkeys(_TIME_TAKEN_WORDS.split(), "time taken"),
    "money": dict.fromkeys(_PRICE_WORDS.split(), "price"),
}


def slot_class(lemma: str) -> str:
    """The class of a slot word: synonyms of one measured thing share a class, other words are their own."""
    word = lemma.casefold()
    return SLOT_CLASS.get(word, word)


def attachment(doc: Doc, start: int, end: int, *, kind: str = "date") -> tuple[str, str]:
    """(slot class, word as written) that the value at [start, end) of the given kind attaches to.

    Climbs from the value's root through prepositions and light verbs: "imposed in 2013" -> impose,
    "the 2011 disaster" -> disaster, "3,000 protesters" -> protester, "11 people were killed" -> death.
    An amount stated of something names it ("54.2% of the vote" -> vote); an amount a verb reports takes
    its subject ("inflation slowed to 1.8%" and "inflation eased to 1.9 per cent" -> inflation); time
    taken and money paid have classes of their own ("needed six hours" = "took nine hours").
    """
    if kind == "age":
        # An age answers one question whatever word it hangs on; whose age it is, is
        # ``brief.holders``'s to tell.
        return "age", "age"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "", ""
    inside = {token.i for token in span}
    amount = kind not in ("date", "place")
    if amount:
        named = _of_what(span)
        if named is not None:
            return _people_class(named)
    if kind == "count":
        # "nine dead", "3,000 protesters": the counted word follows the number inside or just after the span.
        counted_word = _counted_word(span, inside)
        if counted_word is not None:
            return _people_class(counted_word)
    head = span.root.head
    hops = 0
    while hops < 4 and head.i != head.head.i and (head.pos_ == "ADP" or head.lemma_.lower() in LIGHT_HEADS):
        head, hops = head.head, hops + 1
    if head.i in inside or head.is_punct:
        return "", ""
    while amount and head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
        # A compound names its last noun: "a 2-yard touchdown run" measures a run, "a one-yard touchdown
        # pass" a pass (two plays of one game, no rivals); "a 5-hour power cut" a cut.
        head = head.head
    lemma = head.lemma_.lower()
    kind_class = KIND_SLOT_CLASSES.get(kind, {}).get(lemma)
    if kind_class is not None:
        return kind_class, head.text
    if amount and head.pos_ in VERBAL and slot_class(lemma) not in _SLOT_WORDS:
        subject = next((child for child in head.children if child.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ == "NOUN":
            return _people_class(subject)
    return _people_class(head)


def _of_what(span: Span) -> Token | None:
    """The noun of "<amount> of <noun>" right after the span ("54.2% of the vote")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ == "of":
        objects = [child for child in doc[span.end].children if child.dep_ == "pobj"]
        if objects and objects[0].pos_ in ("NOUN", "PROPN"):
            return objects[0]
    return None


def _counted_word(span: Span, inside: set[int]) -> Token | None:
    root = span.root
    if root.i not in inside:
        return None
    if root.head.i not in inside and root.dep_ in ("nummod", "quantmod", "amod", "compound"):
        counted = root.head
        while (
            counted.pos_ == "NUM" and counted.dep_ in ("nummod", "quantmod") and counted.head.i != counted.i
        ):
            # "completed 28 of 41 passes": the parser hangs 28 on 41, which counts the passes.
            counted = counted.head
        return _past_participle_compound(counted)
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    # "leaving nine dead": the parser may hang "dead" on the verb, not on the number.
    if (
        following is not None
        and following.pos_ in ("NOUN", "ADJ", "VERB")
        and (following.head.i in inside or slot_class(following.lemma_) in HARM_CLASSES)
    ):
        return following
    for token in span:
        if token.pos_ in ("NOUN", "ADJ") and not token.like_num and token.i != root.i:
            return token
    return None


def _past_participle_compound(token: Token) -> Token:
    """The noun counted when the parser took the first half of an unhyphenated compound adjective for it:
    in "one rocket propelled grenade launcher", "rocket" leads "rocket propelled", and a launcher is
    counted (not rockets, which "two rockets" elsewhere counts). The parser hangs "propelled" on the
    launcher or makes it a verb of its own; either way its object starts right after it, with no
    determiner ("one man shot a deer" keeps counting men)."""
    participle = token.head
    if token.dep_ != "nsubj" or participle.i != token.i + 1 or participle.tag_ not in ("VBN", "VBD"):
        return token
    counted = [child for child in participle.children if child.dep_ == "dobj" and child.pos_ == "NOUN"]
    if participle.dep_ in ("amod", "conj") and counted and counted[0].left_edge.i == participle.i + 1:
        return counted[0]
    return token


# Grades of injury that count a share of the injured, not all of them: "around 30 people seriously
# injured" beside "more than 200 injured". Not "slightly": a report that gives one count of the
# injured often grades it ("two villagers slightly injured").
SEVERE = frozenset({"seriously", "critically", "severely", "gravely", "badly"})


def _graded(verb_class: str, verb: Token) -> tuple[str, str]:
    """The slot of a harm verb, apart for the severely injured ("30 seriously injured")."""
    grade = next(
        (child.lower_ for child in verb.children if child.dep_ == "advmod" and child.lower_ in SEVERE), None
    )
    if verb_class == "injury" and grade is not None:
        return f"injury:{grade}", f"people {grade} {verb.text}"
    return verb_class, verb.text


def _people_class(token: Token) -> tuple[str, str]:
    """The slot of a counted word: what befell them when a verb of a named class says so.

    "11 people were killed" and "two firefighters were injured" count deaths and injuries; "1,200
    firefighters were deployed" counts firefighters.
    """
    lemma = token.lemma_.lower()
    for child in token.children:
        # A headline's reduced relative: "Two climbers killed in Mt Cook falls" counts deaths.
        if child.dep_ == "acl" and child.pos_ == "VERB" and child.i > token.i:
            child_class = slot_class(child.lemma_)
            if child_class in HARM_CLASSES:
                return _graded(child_class, child)
    if token.head.i != token.i and token.head.pos_ in VERBAL and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb_class = slot_class(token.head.lemma_)
        if verb_class in _SLOT_WORDS and (lemma in GENERIC_PEOPLE or verb_class in HARM_CLASSES):
            return _graded(verb_class, token.head)
    if lemma in GENERIC_PEOPLE | COUNTED_BY_VERB and token.head.i != token.i and token.head.pos_ in VERBAL:
        verb_class = slot_class(token.head.lemma_)
        if verb_class in _SLOT_WORDS:
            return verb_class, token.head.text
        verb = token.head.lemma_.lower()
        said_of = token.dep_ in ("nsubj", "nsubjpass", "dobj")
        if lemma in COUNTED_BY_VERB and said_of and verb not in LIGHT_HEADS:
            # "20,000 people took to the streets", "20 more people were ushered to safety": "people" says
            # nothing of who, what they did or underwent does, so those counts are two slots. "Residents"
            # and "civilians" are a group already ("6,500 residents joined" = "4,000 residents").
            return f"{slot_class(lemma)}:{verb}", token.text
    return slot_class(lemma), token.text
