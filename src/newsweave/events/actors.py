"""Event actors: noun phrases of a parsed sentence that name a party, coded by country and sector.

An actor is found from the head of a noun phrase (a subject, an object, the object of "with"):
- a named mention (PERSON, ORG, GPE, NORP) covering the head: "South Korean President Lee Jae Myung",
  "Japan", "the Foreign Ministry", "Palestinians";
- a common noun that names a sector: "Egyptian police", "South Korea's foreign ministry", "thousands
  of protesters" (the "of" object of a quantity is the head);
- an anaphor: "they", "the two sides", "both leaders" (the pair named before), "he"/"she" (the person
  named before), "this visit" (its maker). The caller resolves them (see ``extract.py``).

Country (ISO-3): a nationality or country written in the phrase or in a person's title ("South Korean
President Lee" -> KOR, "South Korea's National Security Adviser Wi" -> KOR, "Egyptian police" -> EGY,
"students throughout Indonesia" -> IDN); a place's geocoded country ("Seoul" -> KOR); the country given
with the same person elsewhere in the article. Sector (PLOVER v0.8 codes): an office or sector noun
("President" -> GOV, "troops" -> MIL, "police" -> COP, "chipmakers" -> BUS), a word in an
organisation's name ("Ministry" -> GOV, "Electronics" -> BUS), GOV for a state named by a place
("Japan", "Tokyo"), CVL for a people ("Palestinians"); "former" makes an elite (ELI), "opposition" OPP.
International organisations ("United Nations", "EU") have no country.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from newsweave.analysis.coref_rules import country_before
from newsweave.data import PLACE_TYPES, Actor, Mention
from newsweave.events import lexicon
from newsweave.events.coding import (
    country_of_text,
    country_of_words,
    is_international,
    nationality_country,
    office_sector,
    organisation_sector,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsweave.store.analysis_rows import ArticleAnalysis, PlaceRow

# Mention labels that can name an actor. Places named as actors ("Japan protested") are the state.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Dependents that end an actor phrase: coordinated actors, clauses and appositions are phrases of their own.
PHRASE_BREAKS = frozenset({"conj", "cc", "relcl", "acl", "appos", "punct", "advcl", "parataxis", "prep"})
# Prepositions whose object may give a nominal actor its country ("groups in Zimbabwe", "the
# government of Japan"); other prepositional phrases are not searched for the country.
COUNTRY_PREPOSITIONS = frozenset({"in", "of", "from", "throughout", "across"})
# An actor's name is cut to this many tokens (long nominal phrases: "the leaders of the opposition
# parties in the capital ..."); the quote keeps the whole sentence.
MAX_NAME_TOKENS = 8
# Determiners and quantifiers left off an actor's name ("the Foreign Ministry" -> "Foreign Ministry").
NAME_EDGE_WORDS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "some", "its", "their", "his", "her", "our", "my"}
)
# State as an actor (PLOVER codes a country or its capital named as a party as its government).
STATE_SECTOR = "GOV"
# A people named as a party ("Palestinians", "the Japanese") are civilians.
PEOPLE_SECTOR = "CVL"


class Anaphor(Enum):
    """What an anaphoric actor phrase points back to."""

    PAIR = "pair"  # "they", "the two sides": the two parties named last
    PERSON = "person"  # "he", "she": the person named last
    MAKER = "maker"  # "this visit": the actor named last as a subject


@dataclass(slots=True)
class ActorRef:
    """An actor found in a sentence: the coded actor, the tokens it spans, and how it was named."""

    actor: Actor
    head: int
    start: int
    end: int
    named: bool
    """Named by a PERSON/ORG/GPE/NORP mention (not only a common noun)."""

    @property
    def text(self) -> str:
        """The actor's name (for the classifier's actor views)."""
        return self.actor.name


class ArticleActors:
    """Finds and codes the actors of one parsed article (its text, spaCy Doc and analysis)."""

    def __init__(self, text: str, doc: Doc, analysis: ArticleAnalysis) -> None:
        self.text = text
        self.doc = doc
        self.mentions = analysis.mentions
        self.token_mention: list[int | None] = [None] * len(doc)
        for index, mention in enumerate(self.mentions):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                self.token_mention[token.i] = index
        self.places: dict[tuple[int, int], PlaceRow] = {(p.start, p.end): p for p in analysis.places}
        self._person_context: dict[int, tuple[str | None, str | None]] = {}
        self._words_cache: dict[str, int] | None = None

    # -- places --------------------------------------------------------------------------------

    def place_of(self, mention_index: int) -> PlaceRow | None:
        """The geocoded place of a mention, if it was geocoded."""
        mention = self.mentions[mention_index]
        return self.places.get((mention.start, mention.end))

    def mention_at(self, token: Token) -> int | None:
        """Index of the mention covering ``token``."""
        return self.token_mention[token.i]

    def is_place(self, token: Token) -> bool:
        """Whether the token is part of a place mention (GPE, LOC, FAC)."""
        index = self.token_mention[token.i]
        return index is not None and self.mentions[index].label in PLACE_TYPES

    # -- finding ---------------------------------------------------------------------------------

    def anaphor(self, token: Token) -> Anaphor | None:
        """Whether a noun phrase head points back to actors named before, and to which."""
        lower = token.lower_
        if token.pos_ == "PRON":
            if lower in lexicon.PLURAL_PRONOUNS:
                return Anaphor.PAIR
            if lower in lexicon.SINGULAR_PRONOUNS:
                return Anaphor.PERSON
            return None
        if self.token_mention[token.i] is not None:
            return None
        determiners = {child.lower_ for child in token.children if child.dep_ in {"det", "nummod", "predet"}}
        if (
            token.lemma_.casefold() in lexicon.PLURAL_ANAPHOR_NOUNS
            and token.tag_ in {"NNS", "NNPS"}
            and determiners & lexicon.PLURAL_ANAPHOR_DETERMINERS
            and self._country_near(token) is None
        ):
            return Anaphor.PAIR
        if token.lemma_.casefold() in lexicon.VISIT_NOUNS and determiners & {"this", "the"}:
            return Anaphor.MAKER
        return None

    def phrase_head(self, token: Token) -> Token:
        """The actor word of a noun phrase: "thousands of protesters" -> "protesters"."""
        if token.lemma_.casefold() in lexicon.QUANTITY_HEADS or token.pos_ == "NUM":
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return self.phrase_head(objects[0])
        return token

    def coordinated(self, token: Token) -> list[Token]:
        """The heads of a coordination: "Lee and Takaichi" -> [Lee, Takaichi]."""
        heads = [token]
        for child in token.children:
            if child.dep_ == "conj":
                heads.extend(self.coordinated(child))
        return heads

    def actors_at(self, token: Token) -> list[ActorRef]:
        """The actors of the noun phrase headed by ``token`` (several when coordinated)."""
        found: list[ActorRef] = []
        for head in self.coordinated(token):
            actor = self.actor_at(head)
            if actor is not None and not any(_same(actor, other) for other in found):
                found.append(actor)
        return found

    def actor_at(self, token: Token) -> ActorRef | None:
        """The actor named by the noun phrase headed by ``token``, coded; None if it names no actor."""
        head = self.phrase_head(token)
        start, end = self._phrase_bounds(head)
        mention_index = self.token_mention[head.i]
        if mention_index is None and head.pos_ == "PROPN":
            mention_index = self._person_named(head.text)
        if mention_index is not None and self.mentions[mention_index].label in ACTOR_LABELS:
            actor = self._named_actor(mention_index, head, start, end)
            return ActorRef(actor, head.i, start, end, named=True)
        lemma = head.lemma_.casefold()
        if head.pos_ in {"NOUN", "PROPN"} and (
            lemma in lexicon.OFFICE_SECTORS or head.lower_ in lexicon.OFFICE_SECTORS
        ):
            words = [
                t.text for t in self.doc[start:end] if t.dep_ in {"amod", "compound"} and t.head.i == head.i
            ]
            sector = office_sector([*words, head.text])
            name = self._name(start, end)
            actor = Actor(name=name, country=self._country_near(head), sector=sector)
            return ActorRef(actor, head.i, start, end, named=False)
        return None

    # -- coding ----------------------------------------------------------------------------------

    def _named_actor(self, index: int, head: Token, start: int, end: int) -> Actor:
        mention = self.mentions[index]
        label = mention.label
        if label == "PERSON":
            title, country = self.person_context(index)
            # Words of the phrase before the name count with the title: "Former President Moon".
            name_start = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            before = [t.text for t in self.doc[start : name_start.start]] if name_start is not None else []
            words = [*before, *(title or "").split()]
            sector = office_sector(words) if words else None
            if sector is None:
                sector = self._apposition_sector(head)
            country = country or country_of_words(words) or self._country_near(head)
            return Actor(mention.text, country, sector, mention=index)
        if label == "ORG":
            if is_international(mention.text):  # no country; the sector its name says ("Security Council")
                return Actor(mention.text, None, organisation_sector(mention.text), mention=index)
            country = country_of_text(mention.text) or self._country_in_name(mention.text)
            sector = organisation_sector(mention.text) or office_sector(mention.text.split())
            return Actor(mention.text, country or self._country_near(head), sector, mention=index)
        if label == "NORP":  # a people ("Palestinians", "Iraqi Kurds"), or a nationality modifying one
            country = nationality_country(mention.text) or self._country_near(head)
            sector = PEOPLE_SECTOR
            if head.dep_ in {"amod", "compound"} and head.head.pos_ == "NOUN":  # "Hungarian [officials]"
                sector = office_sector([head.head.lemma_]) or PEOPLE_SECTOR
            return Actor(self._name(start, end), country, sector, mention=index)
        place = self.place_of(index)
        country = place.country if place is not None and place.country else country_of_text(mention.text)
        return Actor(mention.text, country, STATE_SECTOR, mention=index)

    def person_context(self, index: int) -> tuple[str | None, str | None]:
        """(title, country) of a person: from this mention, else from another naming the same person.

        "Lee" after "South Korean President Lee Jae Myung" gets ("South Korean President", "KOR").
        """
        if index in self._person_context:
            return self._person_context[index]
        mention = self.mentions[index]
        context = self._own_context(mention)
        if context[0] is None or context[1] is None:
            words = set(mention.text.split())
            for other in self.mentions:
                if other is mention or other.label != "PERSON" or not words & set(other.text.split()):
                    continue
                title, country = self._own_context(other)
                context = (context[0] or title, context[1] or country)
                if context[0] is not None and context[1] is not None:
                    break
        self._person_context[index] = context
        return context

    def _person_named(self, word: str) -> int | None:
        """A person mention elsewhere in the article whose name holds ``word``: the tagger missed
        "Takaichi" in "Lee and Takaichi" after finding "Prime Minister Sanae Takaichi"."""
        if word not in self._person_words:
            return None
        return self._person_words[word]

    @property
    def _person_words(self) -> dict[str, int]:
        if self._words_cache is None:
            self._words_cache = {}
            for index, mention in enumerate(self.mentions):
                if mention.label == "PERSON":
                    for word in mention.text.split():
                        if word[:1].isupper():
                            self._words_cache.setdefault(word, index)
        return self._words_cache

    def _own_context(self, mention: Mention) -> tuple[str | None, str | None]:
        return mention.title, country_before(self.text, mention.start, mention.title)

    def _apposition_sector(self, head: Token) -> str | None:
        """ "Lee, the president, ..." -> GOV."""
        for child in head.children:
            if child.dep_ == "appos":
                sector = office_sector(
                    [t.text for t in child.subtree if t.dep_ in {"amod", "compound"}] + [child.text]
                )
                if sector is not None:
                    return sector
        return None

    def _country_in_name(self, name: str) -> str | None:
        words = name.replace("'s", "").replace("’s", "").split()
        for size in (2, 1):
            for i in range(len(words) - size + 1):
                iso = country_of_text(" ".join(words[i : i + size]))
                if iso is not None:
                    return iso
        return None

    def _country_near(self, head: Token) -> str | None:
        """A country written with the phrase: a nationality, a possessor or a place ("in Zimbabwe")."""
        for child in head.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod"}:
                iso = self._country_of_token(child)
                if iso is not None:
                    return iso
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in COUNTRY_PREPOSITIONS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        iso = self._country_of_token(pobj)
                        if iso is not None:
                            return iso
        return None

    def _country_of_token(self, token: Token) -> str | None:
        index = self.token_mention[token.i]
        if index is not None:
            mention = self.mentions[index]
            if mention.label == "NORP":
                return nationality_country(mention.text)
            if mention.label in PLACE_TYPES:
                place = self.place_of(index)
                if place is not None and place.country:
                    return place.country
                return country_of_text(mention.text)
            if mention.label == "PERSON":
                return self.person_context(index)[1]
            return None
        # A nationality the tagger did not mark ("Korean-born"), or a possessor phrase's own modifier.
        iso = nationality_country(token.text)
        if iso is not None:
            return iso
        children = (c for c in token.children if c.dep_ in {"amod", "compound", "poss"})
        return next((c for c in map(self._country_of_token, children) if c), None)

    def _phrase_bounds(self, head: Token) -> tuple[int, int]:
        """Token span [start, end) of the phrase headed by ``head``, without coordinated parts or clauses."""
        keep = [head.i]
        stack = [child for child in head.children if child.dep_ not in PHRASE_BREAKS]
        while stack:
            token = stack.pop()
            keep.append(token.i)
            stack.extend(
                child for child in token.children if child.dep_ not in {"conj", "cc", "relcl", "punct"}
            )
        index = self.token_mention[head.i]
        if index is not None:  # the whole name, whatever the parse made of it
            span = self.doc.char_span(
                self.mentions[index].start, self.mentions[index].end, alignment_mode="expand"
            )
            if span is not None:
                keep.extend((span.start, span.end - 1))
        return min(keep), max(keep) + 1

    def _name(self, start: int, end: int) -> str:
        tokens = [t for t in self.doc[start:end]]
        while tokens and (
            tokens[0].lower_ in NAME_EDGE_WORDS or tokens[0].is_punct or tokens[0].pos_ == "NUM"
        ):
            tokens.pop(0)
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        tokens = tokens[:MAX_NAME_TOKENS]
        if not tokens:
            return self.doc[start:end].text
        return self.doc[tokens[0].i : tokens[-1].i + 1].text


def _same(a: ActorRef, b: ActorRef) -> bool:
    return a.head == b.head or a.actor.name.casefold() == b.actor.name.casefold()


def actor_key(actor: Actor) -> tuple[str, str]:
    """What makes two actors the same party: country and sector, else the entity, else the name."""
    if actor.country:
        return (actor.country, actor.sector or "")
    if actor.entity_id:
        return ("entity", actor.entity_id)
    return ("name", " ".join(actor.name.casefold().split()))
