"""PLOVER events from parsed sentences: who did what to whom, where and when, one record per sentence.

For each sentence with a predicate and a real actor the extractor finds:
1. **The predicate** (``sentences.py``): the main verb (the complement of a reporting verb: "X said Y
   met Z" codes "met"), its coordinated verbs and participles ("..., agreeing to conduct DNA
   analysis"). Negated and hypothetical predicates ("did not meet", "could meet") report no event.
2. **The category**: a trigger word where one names the category by itself (``lexicon.py``: "met",
   "held talks", "agreed", "imposed tariffs", "rallied"); otherwise the sentence classifier
   (``classify.py``), asked only when the subject is named in the sentence, acts on a named target and
   the predicate is not a description or a statement ("the summit represents", "Lee emphasized"), and
   kept only when it is sure (``is_event`` and ``[events] min_confidence``).
3. **The actors** (``actors.py``): the subject is the source, the nearest party in the predicate's
   objects the target. Two coordinated subjects of a meeting, talks, an agreement or cooperation are
   one *reciprocal* event with both actors ("Lee and Takaichi held talks"); a meeting with a named
   counterpart is reciprocal too (PLOVER's rule). Anaphoric subjects ("they", "the two sides",
   "both leaders") are the pair named last in the article, "he"/"she" the person named last; in
   reported speech a pronoun is the reporter ("Syria says it will withdraw").
4. **Where and when** (``when_where.py``): a place under a locative preposition of the predicate or
   the event noun ("talks in Japan", "the Nara summit"); a day written in the sentence ("on Tuesday",
   resolved against the publication date by the times module). Otherwise the place and day written
   elsewhere in the article with the same event noun ("a summit on Tuesday" dates "held summit talks")
   when that mention names no other party; otherwise the publication date, with
   ``date_from_published``. Sentences dated only by a month or year well before publication are
   background ("a ban imposed in 2013") and give no event of the story.

Every sentence of a batch that needs the classifier is classified in one call.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsweave.config import Config
from newsweave.data import Actor, Article, Event
from newsweave.errors import Errors, NewsweaveError
from newsweave.events import codebook, lexicon
from newsweave.events.actors import ActorRef, Anaphor, ArticleActors, actor_key
from newsweave.events.sentences import (
    SUBJECT_DEPS,
    clause_of,
    is_heading,
    negated_or_hypothetical,
    subject_of,
    trigger_of,
)
from newsweave.events.when_where import ArticleWhenWhere, anchor_lemmas

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsweave.events.classify import EventClassifier
    from newsweave.store.analysis_rows import ArticleAnalysis

# A category named by a trigger word is taken with this confidence: its measured precision. On the
# PLOVER gold records the first event's category was right for 0.84 of the sentences a trigger named it
# in, against 0.70 for the classifier on the others (benchmarks/event_actors.py, section 3; the lexicon
# was extended while reading those records' misses, so the figure is optimistic).
TRIGGER_CONFIDENCE = 0.85
# Categories whose two coordinated parties make one reciprocal event (PLOVER puts the pair in
# source/target): meetings and talks, agreements, cooperation.
RECIPROCAL_CATEGORIES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# A sentence goes to the classifier only when its subject acts on a named target. Measured with
# benchmarks/event_actors.py and event_speed.py: on the PLOVER gold records the classifier's category
# accuracy rose from 0.70 to 0.75 (end-to-end country recall fell from 0.46 to 0.44), and on 200 ECB+
# documents the events step went from 16.8 s to 9.4 s (it classified 10% of sentences instead of 16%).
REQUIRE_TARGET_FOR_CLASSIFIER = True
# Categories that need a counterpart: a meeting with nobody named is no CONSULT event ("lawmakers
# visited the islets").
COUNTERPART_CATEGORIES = frozenset({"CONSULT"})
# A coordinated subject of another category ("Hungary and Romania condemned ...") gives one event per
# party, up to this many (long lists are enumerations, not parties).
MAX_COORDINATED_SOURCES = 3
# Dependencies followed from a predicate to its parties: objects, prepositions, complements.
TARGET_PATH_DEPS = frozenset(
    {"dobj", "dative", "prep", "pobj", "pcomp", "xcomp", "ccomp", "attr", "oprd", "agent", "conj", "poss",
     "compound", "amod", "nmod", "appos", "nsubj"}
)  # fmt: skip


@dataclass(slots=True)
class _Candidate:
    """A sentence's event before its category is settled (trigger) or classified (no trigger)."""

    sentence: int
    predicate: int
    anchor: int
    source: Actor
    target: Actor | None
    reciprocal: bool
    source_text: str | None
    target_text: str | None
    trigger: lexicon.Trigger | None = None


class _ArticleEvents:
    """Event candidates of one article, with the article-wide facts they are dated and placed from."""

    def __init__(self, article: Article, doc: Doc, analysis: ArticleAnalysis) -> None:
        self.article = article
        self.doc = doc
        self.analysis = analysis
        self.actors = ArticleActors(article.text, doc, analysis)
        self.published = article.published.date() if article.published else None
        self.when_where = ArticleWhenWhere(analysis, self.actors, self.published)
        self.spans: dict[int, Span] = {}
        self.pair: list[Actor] = []
        self.person: Actor | None = None
        self.subject: Actor | None = None

    # -- candidates ------------------------------------------------------------------------------

    def candidates(self) -> list[_Candidate]:
        """Every event candidate of the article, in text order."""
        found: list[_Candidate] = []
        for index, sentence in enumerate(self.analysis.sentences):
            span = self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None or len(span) == 0 or is_heading(span):
                continue
            self.spans[index] = span
            self.when_where.collect_nouns(index, span)
            if self.when_where.is_background(sentence.start, sentence.end):
                continue
            found.extend(self._sentence_candidates(index, span))
        return found

    def _sentence_candidates(self, index: int, span: Span) -> list[_Candidate]:
        clause = clause_of(span)
        main = clause.main
        found: list[_Candidate] = []
        triggered = False
        categories: set[str] = set()
        for predicate, shares_subject in clause.predicates:
            subject, passive = subject_of(span, predicate, main if shares_subject else None)
            sources, anaphoric = self._subject_actors(subject, passive, predicate, clause.reporter)
            if predicate.i == main.i:
                self._remember(sources, anaphoric)
            if not sources or negated_or_hypothetical(predicate, reported=clause.reporter is not None):
                continue
            trigger = trigger_of(predicate)
            if trigger is None:
                continue
            triggered = True
            (category, _mode), anchor = trigger
            if category in categories:
                continue
            categories.add(category)
            targets = self._targets(span, predicate, sources)
            if passive and subject is not None:
                targets = [*(ref.actor for ref in self.actors.actors_at(subject)), *targets]
            composed = self._compose(index, predicate, anchor, sources, targets, trigger[0])
            if category in COUNTERPART_CATEGORIES:
                composed = [c for c in composed if c.target is not None]
            found.extend(composed)
        if not triggered:
            found.extend(self._classifier_candidate(index, main, reported=clause.reporter is not None))
        for candidate in found:
            if candidate.reciprocal and candidate.target is not None:
                # A meeting or agreement of two parties names the pair "they" and "the two sides" mean.
                self.pair = [dataclasses.replace(candidate.source), dataclasses.replace(candidate.target)]
                break
        return found

    def _classifier_candidate(self, index: int, main: Token, *, reported: bool) -> list[_Candidate]:
        """The sentence as one classifier candidate, when it reports an action by a named actor."""
        lemma = main.lemma_.casefold()
        if main.pos_ != "VERB" or lemma in lexicon.DESCRIPTIVE_VERBS or lemma in lexicon.STATEMENT_VERBS:
            return []
        if negated_or_hypothetical(main, reported=reported):
            return []
        subject, passive = subject_of(self.spans[index], main, None)
        if subject is None or passive or self.actors.anaphor(subject) is not None:
            return []
        sources = self.actors.actors_at(subject)
        if not sources or not (sources[0].named or sources[0].actor.country):
            return []
        targets = self._targets(self.spans[index], main, sources)
        if REQUIRE_TARGET_FOR_CLASSIFIER and not targets:
            return []
        return self._compose(index, main, main, [ref.actor for ref in sources[:1]], targets, None)

    def _subject_actors(
        self, subject: Token | None, passive: bool, predicate: Token, reporter: Token | None = None
    ) -> tuple[list[Actor], bool]:
        """The source actors of a predicate (anaphors resolved), and whether they came from an anaphor.

        In reported speech a pronoun subject is the reporter: "Syria says it will withdraw", "the rebels
        said they would release".
        """
        if subject is None:
            return [], False
        if reporter is not None and subject.pos_ == "PRON" and subject.lower_ in lexicon.REPORTED_PRONOUNS:
            return [ref.actor for ref in self.actors.actors_at(reporter)], False
        if passive:
            agents = [c for c in predicate.children if c.dep_ == "agent"]
            objects = [g for a in agents for g in a.children if g.dep_ == "pobj"]
            return [ref.actor for ref in self.actors.actors_at(objects[0])] if objects else [], False
        anaphor = self.actors.anaphor(subject)
        if anaphor is Anaphor.PAIR:
            return [dataclasses.replace(actor) for actor in self.pair], True
        if anaphor is Anaphor.PERSON:
            return ([dataclasses.replace(self.person)] if self.person else []), True
        if anaphor is Anaphor.MAKER:
            return ([dataclasses.replace(self.subject)] if self.subject else []), True
        return [ref.actor for ref in self.actors.actors_at(subject)], False

    def _remember(self, sources: list[Actor], anaphoric: bool) -> None:
        """Keep the parties named last, for the anaphors of later sentences."""
        if anaphoric or not sources:
            return
        if len(sources) >= 2:
            self.pair = [dataclasses.replace(actor) for actor in sources[:2]]
            return
        self.subject = dataclasses.replace(sources[0])
        mention = sources[0].mention
        if mention is not None and self.analysis.mentions[mention].label == "PERSON":
            self.person = dataclasses.replace(sources[0])

    def _targets(self, span: Span, predicate: Token, sources: Sequence[ActorRef | Actor]) -> list[Actor]:
        """Parties in the predicate's objects, nearest first (places under "in"/"at" are not parties)."""
        names = {_actor_of(s).name.casefold() for s in sources}
        found: list[Actor] = []
        queue = [c for c in predicate.children if c.dep_ in TARGET_PATH_DEPS and c.dep_ not in SUBJECT_DEPS]
        while queue:
            token = queue.pop(0)
            if not span.start <= token.i < span.end:
                continue
            if (
                token.dep_ == "pobj"
                and token.head.lower_ in lexicon.LOCATIVE_PREPOSITIONS
                and self.actors.is_place(token)
            ):
                continue
            refs = self.actors.actors_at(token) if token.pos_ in {"NOUN", "PROPN"} else []
            if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
                # "withdraw its troops": the source's own, not a party ("his Japanese counterpart" is)
                refs = [ref for ref in refs if ref.named or ref.actor.country]
            if refs:
                found.extend(ref.actor for ref in refs if ref.actor.name.casefold() not in names)
                continue
            queue.extend(c for c in token.children if c.dep_ in TARGET_PATH_DEPS)
        return found

    def _compose(
        self,
        index: int,
        predicate: Token,
        anchor: Token,
        sources: Sequence[Actor],
        targets: Sequence[Actor],
        trigger: lexicon.Trigger | None,
    ) -> list[_Candidate]:
        category = trigger[0] if trigger else None
        mode = trigger[1] if trigger else None

        def candidate(source: Actor, target: Actor | None, reciprocal: bool) -> _Candidate:
            return _Candidate(
                index, predicate.i, anchor.i, dataclasses.replace(source),
                dataclasses.replace(target) if target else None, reciprocal,
                self._written(source, index), self._written(target, index) if target else None, trigger,
            )  # fmt: skip

        if len(sources) >= 2 and (category is None or category in RECIPROCAL_CATEGORIES):
            return [candidate(sources[0], sources[1], reciprocal=True)]
        target = next((t for t in targets if actor_key(t) != actor_key(sources[0])), None)
        reciprocal = category == "CONSULT" and target is not None and mode != "visit"
        return [candidate(source, target, reciprocal) for source in sources[:MAX_COORDINATED_SOURCES]]

    def _written(self, actor: Actor, index: int) -> str | None:
        """The actor's words as written in the sentence (None for an actor named in another sentence)."""
        span = self.spans[index]
        return actor.name if actor.name in span.text else None

    def event(
        self,
        candidate: _Candidate,
        category: str,
        mode: str | None,
        cameo: str,
        goldstein: float,
        confidence: float,
    ) -> Event:
        """The finished event of a candidate whose category is settled."""
        sentence = self.analysis.sentences[candidate.sentence]
        span = self.spans[candidate.sentence]
        place, day = self.when_where.where_and_when(
            span,
            candidate.sentence,
            self.doc[candidate.predicate],
            self.doc[candidate.anchor],
            (candidate.source, candidate.target),
            anchor_lemmas(span, category),
        )
        from_published = day is None and self.published is not None
        if from_published:
            day = self.published
        return Event(
            article_id=self.article.id,
            sentence=candidate.sentence,
            start=sentence.start,
            end=sentence.end,
            quote=self.article.text[sentence.start : sentence.end],
            category=category,
            cameo=cameo,
            goldstein=goldstein,
            quad_class=codebook.quad_class(category),
            confidence=confidence,
            source=candidate.source,
            target=candidate.target,
            mode=mode,
            reciprocal=candidate.reciprocal,
            place_name=place.text if place else None,
            place_country=place.country if place else None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            date=day.isoformat() if day else None,
            date_from_published=from_published,
        )


def _actor_of(item: ActorRef | Actor) -> Actor:
    return item.actor if isinstance(item, ActorRef) else item


class EventExtractor:
    """Codes the event sentences of parsed articles; models load on first use."""

    def __init__(self, config: Config, *, threads: int = 1) -> None:
        self.config = config
        self.threads = threads  # the classifier encoder's threads: one per analysis process by default
        self._classifier: EventClassifier | None = None

    @property
    def classifier(self) -> EventClassifier:
        """The sentence classifier named by ``[events] classifier_model`` (loaded on first use)."""
        if self._classifier is None:
            from newsweave.events.classify import load_classifier

            name, encoder = self.config.events.classifier_model, self.config.events.classifier_encoder
            try:
                self._classifier = load_classifier(
                    Path(name) if name else None, encoder=encoder or None, threads=self.threads
                )
            except (OSError, KeyError, ValueError) as exc:
                raise NewsweaveError(
                    Errors.EVENT_MODEL_NOT_FOUND, model=name or "<packaged>", why=exc
                ) from exc
        return self._classifier

    def extract(self, parsed: Sequence[tuple[Article, Doc, ArticleAnalysis]]) -> list[list[Event]]:
        """One list of events per (article, parse, analysis), in input order."""
        contexts = [_ArticleEvents(article, doc, analysis) for article, doc, analysis in parsed]
        per_article = [context.candidates() for context in contexts]
        pending = [(i, c) for i, found in enumerate(per_article) for c in found if c.trigger is None]
        predictions = (
            self.classifier.classify(
                [str(contexts[i].spans[c.sentence].text) for i, c in pending],
                [c.source_text for _, c in pending],
                [c.target_text for _, c in pending],
            )
            if pending
            else []
        )
        classified = {id(c): p for (_, c), p in zip(pending, predictions, strict=True)}
        results: list[list[Event]] = []
        threshold = self.config.events.min_confidence
        for context, found in zip(contexts, per_article, strict=True):
            events: list[Event] = []
            for candidate in found:
                if candidate.trigger is not None:
                    if threshold > TRIGGER_CONFIDENCE:
                        continue
                    category, mode = candidate.trigger
                    cameo = codebook.cameo_for(category, mode)
                    events.append(
                        context.event(
                            candidate, category, mode, cameo, codebook.goldstein(cameo), TRIGGER_CONFIDENCE
                        )
                    )
                    continue
                prediction = classified[id(candidate)]
                if prediction.is_event and prediction.confidence >= threshold:
                    events.append(
                        context.event(
                            candidate,
                            prediction.category,
                            None,
                            prediction.cameo,
                            prediction.goldstein,
                            prediction.confidence,
                        )
                    )
            results.append(events)
        return results
