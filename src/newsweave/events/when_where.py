"""Where and when an event happened, and which sentences are background rather than events of the story.

- **Place**: a place under a locative preposition of the predicate or the event noun ("talks in Japan"),
  or a modifier of it ("the Nara summit"); the most specific one found wins.
- **Day**: a day written in the sentence ("on Tuesday", resolved against the publication date by the
  times module).
- Otherwise the place and day written elsewhere in the article with the same event noun ("a summit on
  Tuesday" dates "held summit talks") when that mention names no other party.
- **Background**: sentences dated only by a month or year well before publication ("a ban imposed in
  2013") give no event of the story.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from newsweave.events import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsweave.analysis.times import TimeRef
    from newsweave.data import Actor
    from newsweave.events.actors import ArticleActors
    from newsweave.store.analysis_rows import ArticleAnalysis, PlaceRow

# Time expressions coarser than a week that end this many days or more before publication make the
# sentence background ("a restriction imposed in 2013", "normalized ties in 1965"), not an event of
# the story. A month: news reports what happened in the last days or weeks.
BACKGROUND_DAYS = 31
COARSE_GRANULARITIES = frozenset({"month", "quarter", "year", "decade"})
# Place kinds from most to least specific: an event's place is the most specific one found.
PLACE_RANK = {"city": 0, "region": 1, "country": 2, "continent": 3}


@dataclass(slots=True)
class NounMention:
    """An event noun somewhere in the article, with the day and place written with it."""

    sentence: int
    lemma: str
    day: date | None
    place: PlaceRow | None
    parties: list[str] = field(default_factory=list)


class ArticleWhenWhere:
    """The article-wide places and days an article's events are placed and dated from."""

    def __init__(self, analysis: ArticleAnalysis, actors: ArticleActors, published: date | None) -> None:
        self.analysis = analysis
        self.actors = actors
        self.published = published
        self.nouns: list[NounMention] = []

    def collect_nouns(self, index: int, span: Span) -> None:
        """Keep the event nouns of sentence ``index`` with the day, place and parties written with them."""
        for token in span:
            lemma = token.lemma_.casefold()
            if token.pos_ != "NOUN" or lemma not in lexicon.EVENT_NOUNS:
                continue
            parties = [
                self.analysis.mentions[m].text
                for child in token.children
                if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in {"with", "between"})
                for t in child.subtree
                if (m := self.actors.mention_at(t)) is not None
                and self.analysis.mentions[m].label in {"PERSON", "ORG"}
            ]
            self.nouns.append(
                NounMention(
                    index, lemma, self._day_near(span, token), self._place_at(token), sorted(set(parties))
                )
            )

    def _times_in(self, start: int, end: int) -> list[TimeRef]:
        return [t for t in self.analysis.times if start <= t.start and t.end <= end]

    def is_background(self, start: int, end: int) -> bool:
        """Whether the text between ``start`` and ``end`` is dated only well before publication."""
        times = self._times_in(start, end)
        if (
            not times
            or self.published is None
            or any(t.granularity not in COARSE_GRANULARITIES for t in times)
        ):
            return False
        limit = self.published - timedelta(days=BACKGROUND_DAYS)
        return all(t.end_date is not None and t.end_date < limit for t in times)

    def _day_near(self, span: Span, token: Token) -> date | None:
        """The day written in the sentence nearest to ``token`` (day granularity, "on"/"at" a day)."""
        days = [
            t
            for t in self._times_in(span.start_char, span.end_char)
            if t.granularity == "day" and t.relation == "at" and t.begin is not None
        ]
        if not days:
            return None
        nearest = min(days, key=lambda t: abs(t.start - token.idx))
        return nearest.begin

    def _place_at(self, token: Token) -> PlaceRow | None:
        """A place written with an event word: under "in"/"at" it governs, or a modifier ("Nara summit")."""
        found: list[PlaceRow] = []
        for child in token.children:
            if child.dep_ in {"compound", "amod", "nmod"}:
                found.extend(self._places_of(child))
            elif child.dep_ == "prep" and child.lower_ in lexicon.LOCATIVE_PREPOSITIONS:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    places = self._places_of(pobj)
                    # "outside its embassy in Seoul": the place of the building is the event's.
                    found.extend(places or ([p] if (p := self._place_at(pobj)) else []))
        return _most_specific(found)

    def _places_of(self, token: Token) -> list[PlaceRow]:
        index = self.actors.mention_at(token)
        if index is None or self.analysis.mentions[index].label not in {"GPE", "LOC", "FAC"}:
            return []
        place = self.actors.place_of(index)
        return [place] if place is not None else []

    def where_and_when(
        self,
        span: Span,
        sentence: int,
        predicate: Token,
        anchor: Token,
        actors: Iterable[Actor | None],
        anchor_lemmas: set[str],
    ) -> tuple[PlaceRow | None, date | None]:
        """The place and day of the event in sentence ``sentence`` (``span``) with these actors: from
        its sentence, else from the same event noun elsewhere."""
        heads = [
            predicate,
            anchor,
            *(t for t in span if t.pos_ == "NOUN" and t.lemma_.casefold() in anchor_lemmas),
        ]
        # The objects too: "met his counterpart in Seoul" attaches "in Seoul" to the counterpart.
        heads += [c for c in predicate.children if c.dep_ in {"xcomp", "dobj", "dative"}]
        heads += [g for c in predicate.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        place = _most_specific([p for head in heads if (p := self._place_at(head)) is not None])
        day = self._day_near(span, anchor)
        parties = {w for actor in actors if actor for w in actor.name.split()}
        for noun in self.nouns:
            if noun.lemma not in anchor_lemmas or noun.sentence == sentence:
                continue
            if any(not set(party.split()) & parties for party in noun.parties):
                continue  # the noun names another meeting ("talks with Chinese President Xi")
            place = place or noun.place
            day = day or noun.day
        return place, day


def anchor_lemmas(span: Span, category: str) -> set[str]:
    """Event nouns of a sentence that name ``category`` ("summit", "talks")."""
    return {
        lemma
        for token in span
        if token.pos_ == "NOUN"
        and (lemma := token.lemma_.casefold()) in lexicon.NOUN_TRIGGERS
        and lexicon.NOUN_TRIGGERS[lemma][0] == category
    }


def _most_specific(places: Iterable[PlaceRow]) -> PlaceRow | None:
    ranked = sorted(places, key=lambda p: PLACE_RANK.get(p.kind, len(PLACE_RANK)))
    return ranked[0] if ranked else None
