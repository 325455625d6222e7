"""Sentences and named-entity mentions of one article, as offsets into its text.

spaCy's NER spans are repaired before they become mentions, each rule for an error seen on the seeds or
ECB+ with en_core_web_sm/md 3.8: "the" and possessives inside spans, hyphenated names cut in two
("Wi Sung-" + "lack"), long names split at "for" ("Comprehensive and Progressive Agreement" + "for" +
"Trans-Pacific Partnership"), title-case headings read as organisations, temples and mines missed or
typed ORG/NORP, surnames typed ORG ("Takaichi"), and the office before a name left outside it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsweave.analysis.countries import country_code
from newsweave.analysis.dates import MONTHS, WEEKDAYS
from newsweave.data import Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _words(text: str) -> frozenset[str]:
    """A frozen set of space-separated words (word lists kept readable in the source)."""
    return frozenset(text.split())


# Numeric and temporal types are read by the quantities and times modules, not kept as mentions.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
# Types whose spans are joined across "for"/"of"/"on": long names of treaties and bodies.
JOINABLE_LABELS = frozenset({"ORG", "LAW", "EVENT", "FAC", "WORK_OF_ART"})
JOINING_WORDS = frozenset({"for", "of", "on"})
EDGE_WORDS = frozenset({"the", "The", "for", "of", "on", "and", "&"})  # never first or last in a name
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
HYPHENS = frozenset({"-", "‐", "‑"})
FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP"})
# A line without final punctuation and at most this many words is a heading ("Focus on Economic
# Integration and Trade Barriers"); both seeds' headings have 3-9 words, their shortest sentence 11.
HEADING_MAX_WORDS = 12
LINE_END_PUNCTUATION = tuple('.!?:;"”’)…')
# Offices and honorifics: a PERSON's title is a run of these words ending left of the name with at least
# one head word ("Prime Minister", "National Security Adviser", "Minister of Foreign Affairs").
TITLE_HEADS = _words(
    "President Minister Premier Chancellor Adviser Advisor Secretary Governor Mayor Senator Sen. Rep."
    " Representative Congressman Congresswoman Ambassador Envoy King Queen Prince Princess Emperor Empress"
    " Pope Chairman Chairwoman Chair Chief Director Commissioner Spokesman Spokeswoman Spokesperson"
    " General Gen. Admiral Adm. Colonel Col. Lieutenant Lt. Major Maj. Captain Capt. Sergeant Sgt. Judge"
    " Justice Speaker Leader Mr. Mrs. Ms. Dr. Prof. Professor Sir Dame Lord Lady Sheikh Cardinal"
    " Archbishop Bishop Rev. Father Marshal Councillor Lawmaker Prosecutor Ayatollah CEO Officer"
    " elect"  # "President-elect" is tokenized "President", "-", "elect"
)
TITLE_MODIFIERS = _words(
    "Prime Vice Deputy Foreign Defence Defense Finance Interior Home Trade Economy Justice Health"
    " Education Energy Industry Unification National Security Cabinet State Crown Supreme Senior Acting"
    " Interim First Executive Attorney Rear Grand Labour Labor Environment Agriculture Transport Culture"
    " Science Opposition Presidential Royal Affairs Party Army Navy Air Force Police Central Bank"
    " Economic Policy"
)
TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS
TITLE_CONNECTORS = frozenset({"of", "for", "-"})
# Nouns that make the name before them a facility: "the Horyuji temple", "the Chosei undersea coal
# mine". At most FACILITY_GAP modifiers may stand between name and noun ("undersea coal").
FACILITY_NOUNS = _words(
    "temple shrine mosque church cathedral monastery mine colliery airport airbase port harbour harbor"
    " bridge dam plant reactor palace castle stadium arena prison camp base station museum tower"
    " complex"
)
FACILITY_GAP = 2
# Labels that a facility noun may turn into FAC; place names keep their type ("Fukushima nuclear plant").
FACILITY_RELABEL = frozenset({"ORG", "NORP", "PRODUCT", "WORK_OF_ART", "PERSON"})
# A one-word "person" right before these words is the place whose body they are: "Staunton police",
# "Troy Police Chief", "Bireun officials" (the small model tags such town names PERSON).
PLACE_BODY_WORDS = _words(
    "police Police officials authorities residents sheriff Sheriff firefighters prosecutors council Council"
)
# Nouns that make the name after "of" a place: "the port city of Bandar Abbas", "the town of Bireun",
# "the villages of Zainabieh and Koohi" (the small model tags such names PERSON, FAC or PRODUCT).
PLACE_NOUNS = _words(
    "city cities town towns village villages port province provinces district districts region county"
    " island islands state capital municipality"
)
# Labels a name after a place noun loses for GPE; places keep theirs ("the island of Sumatra", LOC).
PLACE_RELABEL = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC"})
# Labels that a surname-like mention may lose for PERSON when the article names that person in full.
PERSON_RELABEL = frozenset({"ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC"})
_STRIP_CHARS = " \t\n\"'“”‘’«»()[]{},.;:!?"


@dataclass(slots=True)
class _Span:
    """A mention being repaired: token offsets [start, end) into the Doc."""

    start: int
    end: int
    label: str
    title: tuple[int, int] | None = None


def sentences_and_mentions(doc: Doc) -> tuple[list[Sentence], list[Mention]]:
    """The sentences and named-entity mentions of ``doc``, whose text is the article text."""
    sentences = _sentences(doc)
    # spaCy joins every token each time ``doc.text`` is read: read once, not once per entity (that made
    # mention work grow with the square of the document's length).
    text = doc.text
    spans = [_Span(ent.start, ent.end, ent.label_) for ent in doc.ents if ent.label_ not in NUMERIC_LABELS]
    spans = _join_long_names(doc, spans)
    spans = [cleaned for span in spans if (cleaned := _clean(doc, span)) is not None]
    spans = [span for span in spans if not _is_heading_noise(doc, text, span)]
    spans = _add_facility_names(doc, spans)
    for span in spans:
        if span.label == "PERSON":
            _attach_title(doc, span)
    spans = _drop_inside_titles(spans)
    _relabel_surnames(doc, spans)
    _relabel_place_bodies(doc, spans)
    _relabel_named_places(doc, spans)
    spans = _drop_calendar_words(doc, spans)
    starts = [sentence.start for sentence in sentences]
    mentions: list[Mention] = []
    for span in sorted(spans, key=lambda span: span.start):
        start, end = doc[span.start].idx, doc[span.end - 1].idx + len(doc[span.end - 1])
        title = doc[span.title[0] : span.title[1]].text if span.title else None
        sentence = max(bisect.bisect_right(starts, start) - 1, 0)
        mentions.append(Mention(start, end, text[start:end], span.label, sentence, title))
    return sentences, mentions


def _sentences(doc: Doc) -> list[Sentence]:
    """spaCy's sentences, cut at line breaks (a line break ends a sentence in extracted news text)."""
    sentences: list[Sentence] = []
    for sent in doc.sents:
        piece_start: int | None = None
        for token in sent:
            if token.is_space and "\n" in token.text:
                if piece_start is not None:
                    sentences.append(_trimmed_sentence(doc, piece_start, token.i))
                piece_start = None
            elif piece_start is None and not token.is_space:
                piece_start = token.i
        if piece_start is not None:
            sentences.append(_trimmed_sentence(doc, piece_start, sent.end))
    return sentences


def _trimmed_sentence(doc: Doc, start: int, end: int) -> Sentence:
    while end > start + 1 and doc[end - 1].is_space:
        end -= 1
    last = doc[end - 1]
    return Sentence(doc[start].idx, last.idx + len(last.text))


def _join_long_names(doc: Doc, spans: list[_Span]) -> list[_Span]:
    """Join "X for" + "Y" and "X" + "for" + "Y" spans of one joinable type into one name."""
    joined: list[_Span] = []
    for span in spans:
        previous = joined[-1] if joined else None
        if previous is not None and previous.label == span.label and span.label in JOINABLE_LABELS:
            gap = [token.text for token in doc[previous.end : span.start]]
            ends_joined = doc[previous.end - 1].text in JOINING_WORDS
            if (not gap and ends_joined) or (len(gap) == 1 and gap[0] in JOINING_WORDS):
                previous.end = span.end
                continue
        joined.append(span)
    return joined


def _clean(doc: Doc, span: _Span) -> _Span | None:
    """Trim "the", possessives, quotes, verbs and line breaks; extend over hyphenated words."""
    start, end = span.start, span.end
    for i in range(start, end):  # a span never crosses a line break: keep the part before it
        if "\n" in doc[i].text and any(not doc[j].is_space for j in range(start, i)):
            end = i
            break
    while start < end and _is_edge_noise(doc[start], first=True):
        start += 1
    while end > start and _is_edge_noise(doc[end - 1], first=False):
        end -= 1
    # A hyphenated word cut by the tokenizer ("Wi Sung-" | "lack"): take the whole word.
    while (
        end < len(doc)
        and not doc[end - 1].whitespace_
        and (doc[end - 1].text in HYPHENS or doc[end].text in HYPHENS)
    ):
        end += 1
    while (
        start > 0
        and not doc[start - 1].whitespace_
        and (doc[start].text in HYPHENS or doc[start - 1].text in HYPHENS)
    ):
        start -= 1
    while end > start and doc[end - 1].text in HYPHENS:
        end -= 1
    if start >= end or not any(ch.isalnum() for ch in doc[start:end].text):
        return None
    return _Span(start, end, span.label)


def _is_edge_noise(token: Token, *, first: bool) -> bool:
    text = token.text
    if token.is_space or text in EDGE_WORDS or not text.strip(_STRIP_CHARS):
        return True
    # A name never ends in a possessive or a finite verb (sm reads "Lee Jae Myung Concludes" as a name).
    return not first and (text in POSSESSIVES or token.tag_ in FINITE_VERB_TAGS)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def _is_heading_noise(doc: Doc, text: str, span: _Span) -> bool:
    """A name-like span on a heading line that holds lowercase words ("Focus on ... and Trade Barriers");
    ``text`` is ``doc.text``.

    Titles of works are spared: "'Catching Fire'" in an ECB+ headline is a film, and starts with a VBG.
    """
    if span.label == "WORK_OF_ART":
        return False
    line_start, line_end = _line_bounds(text, doc[span.start].idx, doc[span.end - 1].idx)
    line = text[line_start:line_end].strip()
    if line.endswith(LINE_END_PUNCTUATION) or len(line.split()) > HEADING_MAX_WORDS:
        return False
    words = doc[span.start : span.end]
    return any(token.is_alpha and token.is_lower for token in words) or words[0].tag_ == "VBG"


def _facility_after(doc: Doc, end: int) -> bool:
    """Whether a facility noun follows token ``end`` after at most FACILITY_GAP lowercase modifiers."""
    for i in range(end, min(end + FACILITY_GAP + 1, len(doc))):
        token = doc[i]
        if not (token.is_alpha and token.is_lower):
            return False
        if token.lemma_ in FACILITY_NOUNS or token.text in FACILITY_NOUNS:
            return True
    return False


def _add_facility_names(doc: Doc, spans: list[_Span]) -> list[_Span]:
    """Type names before a facility noun as FAC, and add such names the model left untagged."""
    covered = {i for span in spans for i in range(span.start, span.end)}
    for span in spans:
        if span.label in FACILITY_RELABEL and _facility_after(doc, span.end):
            span.label = "FAC"
    added: list[_Span] = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in covered and doc[j].tag_ in {"NNP", "NNPS"} and doc[j].is_title:
            j += 1
        if j > i and _facility_after(doc, j) and not doc[i].is_sent_start:
            added.append(_Span(i, j, "FAC"))
        i = max(j, i + 1)
    return sorted([*spans, *added], key=lambda span: span.start)


def _attach_title(doc: Doc, span: _Span) -> None:
    """Move a leading office out of a PERSON span, or find it just left of the span, into ``title``."""
    start = span.start
    while start < span.end - 1 and doc[start].text in TITLE_WORDS:
        start += 1
    if any(token.text in TITLE_HEADS for token in doc[span.start : start]):  # "Grand" alone is no office
        span.start = start
    title_end = begin = span.start
    while begin > 0:
        token = doc[begin - 1]
        is_title_word = token.text in TITLE_WORDS
        joins_title_words = (
            token.text in TITLE_CONNECTORS and begin >= 2 and doc[begin - 2].text[:1].isupper()
        )
        if not (is_title_word or joins_title_words):
            break
        begin -= 1
    while begin < title_end and doc[begin].text in TITLE_CONNECTORS:
        begin += 1
    words = {token.text for token in doc[begin:title_end]}
    if begin == title_end or not words & TITLE_HEADS:
        return
    # A nationality right before the office belongs to it: "Chinese President", "South Korean President".
    while begin > 0 and doc[begin - 1].ent_type_ == "NORP" and doc[begin - 1].whitespace_:
        begin -= 1
    span.title = (begin, title_end)


def _drop_inside_titles(spans: list[_Span]) -> list[_Span]:
    """Drop spans inside a title ("National Security" typed ORG); nationalities stay mentions."""
    titles = [span.title for span in spans if span.title]
    return [
        span
        for span in spans
        if span.label in {"NORP", "GPE"}
        or not any(begin <= span.start and span.end <= end for begin, end in titles)
    ]


def _relabel_surnames(doc: Doc, spans: list[_Span]) -> None:
    """A one-word mention matching a word of a longer PERSON name in the article is that person; so is a
    one-word "place" that is the last word of such a name and no country ("Bowe" after "Riddick Bowe",
    tagged GPE: a boxer's two fights are then told from another boxer's)."""
    name_words = _full_name_words(doc, spans)
    surnames = {
        doc[span.end - 1].text for span in spans if span.label == "PERSON" and span.end - span.start > 1
    }
    for span in spans:
        if span.end - span.start != 1:
            continue
        word = doc[span.start].text
        named = span.label in PERSON_RELABEL and word in name_words
        surname = span.label in ("GPE", "LOC") and word in surnames and country_code(word) is None
        if named or surname:
            span.label = "PERSON"


def _relabel_place_bodies(doc: Doc, spans: list[_Span]) -> None:
    """A one-word PERSON right before a local body ("Staunton police") is a place, unless the article
    names a person with that word ("Williams" after "Jim Williams" stays a person)."""
    name_words = _full_name_words(doc, spans)
    for span in spans:
        one_word = span.end - span.start == 1 and span.end < len(doc)
        if (
            one_word
            and span.label == "PERSON"
            and doc[span.end].text in PLACE_BODY_WORDS
            and doc[span.start].text not in name_words
        ):
            span.label = "GPE"


def _full_name_words(doc: Doc, spans: list[_Span]) -> set[str]:
    """The words of the article's PERSON names of two words or more."""
    return {
        doc[i].text
        for span in spans
        if span.label == "PERSON" and span.end - span.start > 1
        for i in range(span.start, span.end)
    }


def _relabel_named_places(doc: Doc, spans: list[_Span]) -> None:
    """A name after a place noun and "of" is a place: "the port city of Bandar Abbas", and so is one
    joined to it by "and" or a comma ("the villages of Zainabieh and Koohi")."""
    after_place = -1  # the end of the last name found after a place noun
    for span in sorted(spans, key=lambda span: span.start):
        start = span.start
        named = start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_NOUNS
        joined = start - 1 == after_place and doc[start - 1].text in {"and", ","}
        if not (named or joined):
            continue
        after_place = span.end
        if span.label in PLACE_RELABEL:
            span.label = "GPE"


def _drop_calendar_words(doc: Doc, spans: list[_Span]) -> list[_Span]:
    """Spans that are only a month or a weekday ("September", tagged a facility) name no entity; a
    person's surname stays ("May" after "Theresa May")."""
    name_words = _full_name_words(doc, spans)
    kept = []
    for span in spans:
        text = doc[span.start : span.end].text.rstrip(".")
        calendar_word = text.lower() in MONTHS or text.lower() in WEEKDAYS
        if calendar_word and not (span.label == "PERSON" and text in name_words):
            continue
        kept.append(span)
    return kept
