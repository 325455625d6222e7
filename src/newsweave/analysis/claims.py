"""Atomic claims from parsed sentences: one per clause, with the values it states and what they attach to.

A claim is a clause of a sentence (its main clause, or a clause coordinated with it: "the leaders
discussed X and addressed Y" gives two). Its quote is the clause's text; its subject, predicate and
object come from the dependency parse. The amounts, dates and places the analysis stage found inside
the clause become ``ClaimValue``s, each with the *slot* it fills: the word it attaches to in the parse,
folded into a class ("nine dead" and "11 killed" both fill ``death``). The brief compares values only
within one slot, so "imposed in 2013" and "the 2011 disaster" are two things, not a conflict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsweave.analysis.bearings import bearing_before
from newsweave.analysis.conversions import conversions
from newsweave.analysis.quantities import APPROXIMATE_QUALIFIERS, Quantity
from newsweave.analysis.slots import VERBAL, attachment
from newsweave.data import Article, Claim, ClaimValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsweave.store.analysis_rows import ArticleAnalysis, PlaceRow

# Parts of speech that can head a clause, and the dependency labels of clauses that stand on their own.
COORDINATED_CLAUSE = "conj"
# In the order a clause's subject is taken: a tuple, not a set, since a set's order changes from one
# process to the next (string hashing) and "there" (expl) beside a real subject must lose every time.
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
OBJECTS = ("dobj", "attr", "oprd", "acomp", "xcomp", "ccomp", "dative")
# Verbs inside a clause that state a fact of their own when they take an object: "agreed to *continue
# discussions on X*", "engaging in exchanges, such as *playing drums*". They become nested claims, so
# that one source's aside can align with another's main clause.
NESTED_VERB_DEPS = frozenset({"xcomp", "advcl", "pcomp", "acl", "relcl", "conj", "ccomp"})
# Shorter nested predications ("enhancing bilateral ties") are too generic to align on.
NESTED_MIN_WORDS = 4
# A nested clause whose subject is counted ("aid workers said that *four bombs were dropped*") states an
# amount another source may give in a sentence of its own ("Five bombs were dropped"): two words and the
# number are enough.
NESTED_MIN_COUNTED_WORDS = 2
# Modifiers that set the scene rather than state the fact: left out of a claim's core when they come
# before its verb ("In a lighter moment recalling X, the leaders played drums"), and relative clauses
# and appositions wherever they are ("drums, which showcased a rapport").
LEADING_MODIFIERS = frozenset({"advcl", "prep", "npadvmod", "advmod", "parataxis", "mark", "cc"})
ASIDES = frozenset({"relcl", "appos", "parataxis"})
# Punctuation that separates rather than belongs to the words: left off the ends of quotes ("2.25%" keeps
# its sign, "(CPTPP)" its brackets only when both are inside).
SEPARATORS = frozenset({",", ".", ";", ":", "!", "?", '"', "'", "“", "”", "‘", "’", "-", "–", "—", "..."})
# Verbs that attribute a claim ("officials said"), and the clauses that hold what was said.
REPORTING_VERBS = frozenset({"say", "tell", "report", "add", "announce", "state", "confirm", "according"})
REPORTED_CLAUSES = ("ccomp", "parataxis")
# A subject or object longer than this is cut in the stored record (the quote keeps the whole text).
MAX_ROLE_TOKENS = 12


def extract_claims(article: Article, doc: Doc, analysis: ArticleAnalysis) -> list[Claim]:
    """The claims of one parsed article: one per clause that states something, in text order."""
    found: list[Claim] = []
    for index, sentence in enumerate(analysis.sentences):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        inside = range(span.start, span.end)
        for head, tokens in _clauses(span):
            claim = _claim(article, doc, analysis, index, head, tokens, inside)
            if claim is not None:
                found.append(claim)
    return found


def _clauses(sentence: Span) -> list[tuple[Token, list[Token]]]:
    """(head, tokens) for each clause of a sentence: its root's, and each coordinated verb's."""
    inside = {token.i for token in sentence}
    roots = [token for token in sentence if token.head.i not in inside or token.head.i == token.i]
    heads: list[Token] = []
    for root in roots:
        # The parser's sentences are not always ours: a subject it found in the line before ("Sun., Aug.
        # 4" over "Meet your new Time Lord!") is not this sentence's.
        if root.pos_ not in VERBAL and not any(
            child.dep_ in SUBJECTS and child.i in inside for child in root.children
        ):
            continue  # a heading or a fragment: no statement to align
        heads.append(root)
        heads.extend(
            token
            for token in root.subtree
            if token.i in inside
            and token.dep_ == COORDINATED_CLAUSE
            and token.pos_ in VERBAL
            and _clause_chain(token, root)
        )
    clauses: list[tuple[Token, list[Token]]] = []
    head_ids = {head.i for head in heads}
    for head in heads:
        # A clause keeps its subtree minus the clauses coordinated with it (they are claims of their own).
        others = {
            token.i
            for other in head.children
            if other.i in head_ids and other.dep_ == COORDINATED_CLAUSE
            for token in other.subtree
        }
        tokens = [
            token
            for token in head.subtree
            if token.i in inside and token.i not in others and not _dangling_conjunction(token, others)
        ]
        tokens = _without_next_subject(tokens, inside)
        if tokens:
            clauses.append((head, tokens))
            clauses.extend(_nested(head, tokens, inside))
    return clauses


def _without_next_subject(tokens: list[Token], inside: set[int]) -> list[Token]:
    """A clause without the noun it ends on when that noun is the subject of what the sentence goes on
    to say: the parser conjoins "the rioting" to "the Greek Parliament" in "Protesters also tried to
    storm the Greek Parliament and the rioting spread to Greece's second city", and "a pass" to "the
    Colts 7 yard line" in "... but a pass to running back Maurice Jones-Drew was completed", leaving a
    clause that ends "and the rioting". The sign: a noun conjoined at the clause's end, and the sentence
    going on straight after it, with no comma or conjunction, in words the clause does not hold."""
    if not tokens:
        return tokens
    last, members = tokens[-1], {token.i for token in tokens}
    after = last.i + 1
    if after not in inside or after in members:
        return tokens
    following = last.doc[after]
    if following.is_punct or following.dep_ == "cc" or following.pos_ == "CCONJ":
        return tokens
    for token in reversed(tokens):
        if token.dep_ == "conj" and token.pos_ in ("NOUN", "PROPN") and token.right_edge.i == last.i:
            cut = token.left_edge.i
            while cut - 1 in members and last.doc[cut - 1].dep_ in ("cc", "punct"):
                cut -= 1
            return [kept for kept in tokens if kept.i < cut]
    return tokens


def _nested(head: Token, tokens: list[Token], inside: set[int]) -> list[tuple[Token, list[Token]]]:
    """Verbs with an object inside a clause (not its head): each gives a nested claim."""
    members = {token.i for token in tokens}
    nested = []
    for verb in tokens:
        if verb.i == head.i or verb.pos_ != "VERB" or verb.dep_ not in NESTED_VERB_DEPS:
            continue
        counted = _counted_subject(verb) and not _reported_by(verb, head)
        if not counted and not any(child.dep_ == "dobj" for child in verb.children):
            continue
        subtree = _without_next_subject(
            [token for token in verb.subtree if token.i in members and token.i in inside], inside
        )
        if counted and subtree and subtree[0].lower_ == "that" and subtree[0].dep_ == "mark":
            subtree = subtree[1:]  # "that four bombs were dropped" states "four bombs were dropped"
        words = sum(1 for token in subtree if not (token.is_punct or token.is_stop or token.is_space))
        least = NESTED_MIN_COUNTED_WORDS if counted else NESTED_MIN_WORDS
        if words >= least and len(subtree) < len(tokens):
            nested.append((verb, subtree))
    return nested


def _reported_by(verb: Token, head: Token) -> bool:
    """Whether a verb heads what the clause's head reports: most of the claim already ("Five bombs were
    dropped, ..., they told our correspondent", "Some 3,600 protesters marched ..., police estimates
    showed")."""
    return verb.dep_ in REPORTED_CLAUSES and verb.head.i == head.i


def _counted_subject(verb: Token) -> bool:
    """Whether a verb's subject comes with a number ("four bombs were dropped")."""
    return any(
        child.dep_ in ("nsubj", "nsubjpass") and any(grand.dep_ == "nummod" for grand in child.children)
        for child in verb.children
    )


def _clause_chain(token: Token, root: Token) -> bool:
    """True when a coordinated verb hangs off the root through coordinated verbs only."""
    while token.i != root.i:
        if token.dep_ != COORDINATED_CLAUSE or (token.pos_ not in VERBAL and token.i != root.i):
            return False
        token = token.head
    return True


def _dangling_conjunction(token: Token, others: set[int]) -> bool:
    # "and"/"," that joined a clause now split off would dangle at the end of the quote.
    return token.dep_ in ("cc", "punct") and any(child.i in others for child in token.head.children)


def _claim(
    article: Article,
    doc: Doc,
    analysis: ArticleAnalysis,
    sentence: int,
    head: Token,
    tokens: list[Token],
    inside: range,
) -> Claim | None:
    content = [token for token in tokens if not (token.is_space or token.text in SEPARATORS)]
    if len([token for token in content if not token.is_punct]) < 3:
        return None
    first, last = content[0], content[-1]
    start, end = first.idx, last.idx + len(last.text)
    subject = _role(head, SUBJECTS, inside)
    if subject is None and head.dep_ == COORDINATED_CLAUSE:
        subject = _role(_clause_root(head), SUBJECTS, inside)  # "X met Y and agreed ...": X agreed too
    obj = _role(head, OBJECTS, inside) or _prepositional_object(head)
    core = _core(head, content)
    return Claim(
        article_id=article.id,
        sentence=sentence,
        start=start,
        end=end,
        text=article.text[start:end],
        subject=subject or "",
        predicate=_predicate(head),
        object=obj or "",
        negated=any(child.dep_ == "neg" for child in head.children),
        core=core if core != article.text[start:end] else "",
        mentions=[i for i, m in enumerate(analysis.mentions) if start <= m.start and m.end <= end],
        values=list(_values(doc, analysis, start, end)),
    )


def _core(head: Token, content: list[Token]) -> str:
    """What the claim says, for alignment: no leading scene-setting or asides, no attribution.

    "The tremor was centred at a depth of 10 km, seismologists said": what was said is the claim.
    """
    reported = [child for child in head.children if child.dep_ in REPORTED_CLAUSES]
    if head.lemma_.lower() in REPORTING_VERBS and reported:
        kept = {token.i for token in reported[0].subtree}
        content = [token for token in content if token.i in kept]
        head = reported[0]
    dropped: set[int] = set()
    for child in head.children:
        if (child.dep_ in LEADING_MODIFIERS and child.i < head.i) or child.dep_ in ASIDES:
            dropped.update(token.i for token in child.subtree)
    for token in content:
        if token.dep_ in ASIDES and token.i != head.i:
            dropped.update(t.i for t in token.subtree)
    words: list[str] = []
    previous: Token | None = None
    for token in content:
        if token.i in dropped:
            continue
        joined = previous is not None and token.i == previous.i + 1 and not previous.whitespace_
        if joined and words:
            words[-1] += token.text
        else:
            words.append(token.text)
        previous = token
    return " ".join(words).strip(" ,;:")


def _clause_root(token: Token) -> Token:
    while token.dep_ == COORDINATED_CLAUSE and token.head.i != token.i:
        token = token.head
    return token


def _role(head: Token, labels: Iterable[str], inside: range) -> str | None:
    """The phrase of the head's first child with one of ``labels`` (in their order) that lies in the
    sentence (token indices ``inside``)."""
    wanted = tuple(labels)
    for label in wanted:
        for child in head.children:
            if child.dep_ == label and child.i in inside:
                return _phrase(child)
    return None


def _prepositional_object(head: Token) -> str | None:
    for child in head.children:
        if child.dep_ in ("prep", "agent"):
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return f"{child.text} {_phrase(objects[0])}"
    return None


def _phrase(token: Token) -> str:
    subtree = list(token.subtree)[:MAX_ROLE_TOKENS]
    return " ".join(t.text for t in subtree if not t.is_space).strip()


def _predicate(head: Token) -> str:
    particles = [child.text.lower() for child in head.children if child.dep_ == "prt"]
    return " ".join([head.lemma_.lower(), *particles])


def _values(doc: Doc, analysis: ArticleAnalysis, start: int, end: int) -> Iterable[ClaimValue]:
    """The amounts, dates and places stated inside [start, end), each with the slot it fills."""
    converted = conversions(doc.text, analysis.quantities)
    for quantity in analysis.quantities:
        if start <= quantity.start and quantity.end <= end and id(quantity) not in converted:
            attached = _none_slots(quantity) or [
                attachment(doc, quantity.start, quantity.end, kind=quantity.kind)
            ]
            for slot, slot_text in attached:
                yield _quantity_value(quantity, slot, slot_text)
    for time in analysis.times:
        if start <= time.start and time.end <= end and time.begin is not None and time.relation == "at":
            slot, slot_text = attachment(doc, time.start, time.end)
            yield ClaimValue(
                kind="date",
                value=_date_value(
                    time.begin.isoformat(), time.end_date.isoformat() if time.end_date else None
                ),
                unit=time.granularity,
                text=time.text,
                start=time.start,
                end=time.end,
                slot=slot,
                slot_text=slot_text,
                approximate=time.approximate,
            )
    for place in analysis.places:
        if start <= place.start and place.end <= end:
            slot, slot_text = attachment(doc, place.start, place.end, kind="place")
            where = f"{place.country or ''}:{place.canonical}"
            yield ClaimValue("place", where, place.kind, place.text, place.start, place.end, slot, slot_text)
            bearing = _bearing_value(doc.text, analysis, place, where, start)
            if bearing is not None:
                yield bearing


def _bearing_value(
    text: str, analysis: ArticleAnalysis, place: PlaceRow, where: str, start: int
) -> ClaimValue | None:
    """The bearing written right before a place, inside the claim (from ``start``), or None. What it
    answers is where from: the place it is taken from (``where``) is its slot. Its text takes the distance
    before it, if any ("55 km ( 34 miles) west of Bireun")."""
    bearing = bearing_before(text, place.start)
    if bearing is None or bearing[1] < start:
        return None
    degrees, begin = bearing
    begin = max(start, _distance_before(text, analysis, begin))
    return ClaimValue("bearing", f"{degrees:g}", "degree", text[begin : place.end], begin, place.end, where,
                      place.text)  # fmt: skip


# Between a distance and its direction: nothing, or the distance in another unit ("55 km ( 34 miles) west").
_CONVERSION = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?")


def _distance_before(text: str, analysis: ArticleAnalysis, begin: int) -> int:
    """Where the distance written right before a direction word at ``begin`` starts (``begin`` if none)."""
    for quantity in analysis.quantities:
        if quantity.kind != "distance" or quantity.end > begin:
            continue
        if _CONVERSION.fullmatch(text, quantity.end, begin):
            return quantity.start
    return begin


def _quantity_value(quantity: Quantity, slot: str, slot_text: str) -> ClaimValue:
    return ClaimValue(
        kind=quantity.kind,
        value=f"{quantity.value:.6g}",
        unit=quantity.unit,
        text=quantity.text,
        start=quantity.start,
        end=quantity.end,
        slot=slot,
        slot_text=slot_text,
        approximate=quantity.qualifier in APPROXIMATE_QUALIFIERS,
    )


# What a toll of none ("no casualties", ``quantities._nones``) answers: casualties are the killed and the
# injured both, so "no casualties" is a rival of "12 killed" as of "40 injured".
_NONE_SLOTS = {
    "casualties": [("death", "casualties"), ("injury", "casualties")],
    "victims": [("death", "victims"), ("injury", "victims")],
    "deaths": [("death", "deaths")],
    "fatalities": [("death", "fatalities")],
    "dead": [("death", "dead")],
    "injuries": [("injury", "injuries")],
}


def _none_slots(quantity: Quantity) -> list[tuple[str, str]]:
    if quantity.value != 0 or quantity.kind != "count" or not quantity.what:
        return []
    return _NONE_SLOTS.get(quantity.what.lower(), [])


def _date_value(begin: str, end: str | None) -> str:
    return begin if end is None or end == begin else f"{begin}/{end}"
