"""Assemble a story's brief from the store: facts, discrepancies, entities, events, timeline, coverage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.exc import SQLAlchemyError

from newsweave import shapes
from newsweave.brief.across_languages import add_support, supporting_sentences
from newsweave.brief.align import Aligner, ClaimGroup, alignment_text, predicate_text
from newsweave.brief.background import background_test, first_report_day, past_times, story_year
from newsweave.brief.entity_list import one_per_name
from newsweave.brief.event_gate import SameEventCheck
from newsweave.brief.facts import Fact, discrepancy_json, fact_json, make_facts
from newsweave.brief.holders import holder_test
from newsweave.brief.independence import independent_sources
from newsweave.brief.naming import naming_discrepancies
from newsweave.brief.person_ages import age_disputes
from newsweave.brief.rewritten import copy_groups
from newsweave.brief.salience import display_order, salience
from newsweave.brief.statements import SentenceText, sentence_reader, standalone_facts
from newsweave.brief.view import limit_facts
from newsweave.config import Config, load_config
from newsweave.data import Article, Claim, Entity
from newsweave.errors import StoreError
from newsweave.store.claim_rows import load_claim_vectors, save_claim_vectors

if TYPE_CHECKING:
    from newsweave.store import Store
    from newsweave.store.analysis_rows import ArticleAnalysis
    from newsweave.store.story_rows import StoryRecord


def find_story(store: Store, story_id: str) -> StoryRecord:
    """The one story whose id is or starts with ``story_id`` (see ``StoryRows.find``)."""
    return store.stories.find(story_id)


def build_brief(
    store: Store, story_id: str, config: Config | None = None, *, all_facts: bool = False
) -> dict[str, Any]:
    """The brief of one stored story, in the JSON shape of DESIGN.md §4 (see ``brief_for_articles``)."""
    story = find_story(store, story_id)
    return brief_for_articles(
        store, [article.id for article in story.articles], story=story, config=config, all_facts=all_facts
    )


def brief_for_articles(
    store: Store,
    article_ids: Sequence[str],
    *,
    story: StoryRecord | None = None,
    config: Config | None = None,
    all_facts: bool = False,
) -> dict[str, Any]:
    """The brief of a set of stored articles (a story's, or any chosen set), in DESIGN.md §4's shape.

    It lists every disputed fact and the ``[brief] max_facts`` most salient others, or every fact with
    ``all_facts``; ``fact_count`` says how many there are in all, each fact's ``rank`` its place in
    salience order (0 the most salient; see ``brief.salience.salience``).
    """
    from newsweave.brief.compose import coverage, summary, timeline
    from newsweave.brief.languages import COMPARED, not_compared
    from newsweave.events.query import story_events

    config = config or load_config()
    made = _story_facts(store, article_ids, config)
    articles, analyses, every, rank = made.articles, made.analyses, made.every, made.rank
    by_id = {article.id: article for article in articles}
    outlet_of = {article.id: source_name(article) for article in articles}
    sentences = {article_id: analysis.sentences for article_id, analysis in analyses.items()}
    # Every clause: a summary sentence cites another article only if it states all of them. Taken
    # before reports in other languages join the facts: a summary line is an English sentence.
    summary_lines = summary(made.facts, sentences, by_id, [article.id for article in articles])
    foreign = [article for article in articles if analyses[article.id].language not in (None, COMPARED)]
    if foreign and config.stories.multilingual_model:
        from newsweave.multilingual import load_multilingual_encoder

        encoder = load_multilingual_encoder(config.stories.multilingual_model)
        supports = supporting_sentences(every, foreign, sentences, encoder.encode)
        add_support(every, supports, made.source_of)
    facts = display_order(every, rank)
    salient = {
        id(fact): position for position, fact in enumerate(sorted(every, key=lambda f: salience(f, rank)))
    }
    wanted = set(by_id)
    entities, labels = one_per_name(*_story_entities(store, analyses.values(), wanted))
    discrepancies = [
        discrepancy_json(fact.conflict, outlet_of) for fact in facts if fact.conflict is not None
    ] + naming_discrepancies(entities, by_id, sentences, outlet_of)
    full = {
        "story": shapes.story_json(story) if story is not None else None,
        "summary": summary_lines,
        "facts": [{**fact_json(fact, outlet_of), "rank": salient[id(fact)]} for fact in facts],
        "fact_count": len(every),
        "discrepancies": discrepancies,
        "entities": [_entity_json(entity, wanted, labels.get(entity.id)) for entity in entities],
        "events": story_events(store, [article.id for article in articles]),
        "timeline": timeline(facts),
        # Reports not compared add nothing of their own that the brief could know: left out, not shown
        # as "nothing the other outlets do not also report" (not_compared speaks for them).
        "coverage": coverage(facts, [article for article in articles if article not in foreign], outlet_of),
        "not_compared": not_compared(articles, analyses, outlet_of, every),
    }
    return full if all_facts else limit_facts(full, config.brief.max_facts)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class StoryFacts:
    """A set of articles' facts as statements, with what the brief reads beside them."""

    articles: list[Article]
    """In publication order (undated last), then by id."""
    analyses: dict[str, ArticleAnalysis]
    source_of: dict[str, str]
    rank: dict[str, int]
    """Article id -> its place in ``articles``."""
    facts: list[Fact]
    """Every aligned fact, most sources first (the summary reads these)."""
    every: list[Fact]
    """The standalone statements among them (what the brief lists)."""


def _story_facts(store: Store, article_ids: Sequence[str], config: Config) -> StoryFacts:
    articles = sorted(
        (store.get_article(article_id) for article_id in dict.fromkeys(article_ids)),
        key=lambda article: (article.published is None, article.published or _EPOCH, article.id),
    )
    by_id = {article.id: article for article in articles}
    rank = {article.id: position for position, article in enumerate(articles)}
    source_of = independent_sources(articles, _outlets_with_originals(store, articles))
    analyses = {article.id: store.analysis.load(article.id) for article in articles}
    sentences = {article_id: analysis.sentences for article_id, analysis in analyses.items()}
    sentence_text = sentence_reader(sentences, by_id)
    made = _aligned_facts(store, articles, analyses, source_of, sentence_text, config)
    # Rank order: a fact several sources state claims its sentences before single-source clauses do.
    made.sort(key=lambda fact: (fact.status == "single_source", *salience(fact, rank)))
    every = standalone_facts(made, sentence_text)
    return StoryFacts(articles, analyses, source_of, rank, made, every)


def aligned_story_facts(
    store: Store, article_ids: Sequence[str], config: Config | None = None
) -> list[tuple[int, Fact]]:
    """The facts of a set of stored articles as the brief ranks them ((rank, fact), most salient first),
    before reports in other languages are matched to them (benchmarks/brief_across_languages.py)."""
    made = _story_facts(store, article_ids, config or load_config())
    ordered = sorted(made.every, key=lambda fact: salience(fact, made.rank))
    return list(enumerate(ordered))


def _aligned_facts(
    store: Store,
    articles: Sequence[Article],
    analyses: Mapping[str, ArticleAnalysis],
    source_of: Mapping[str, str],
    sentence_text: SentenceText,
    config: Config,
) -> list[Fact]:
    """The facts of the articles' claims, aligned across articles, before they are made statements."""
    keyed = [
        (article.id, index, claim)
        for article in articles
        for index, claim in enumerate(analyses[article.id].claims)
    ]

    def sentence_of(claim: Claim) -> str:
        return sentence_text((claim.article_id, claim.sentence))

    def previous_of(claim: Claim) -> str:
        return sentence_text((claim.article_id, claim.sentence - 1))

    is_background = background_test(
        story_year(articles, [claim for _, _, claim in keyed]),
        sentence_of,
        first_report_day(articles),
        previous_of,
    )
    groups = align_claims(store, keyed, config, is_background, sentence_of)
    check = SameEventCheck.from_config(config.brief.same_event_model, config.brief.same_event_threshold)
    mentions_of = {article_id: analysis.mentions for article_id, analysis in analyses.items()}
    holders = holder_test(mentions_of, [claim for _, _, claim in keyed])
    copy_of = copy_groups(articles)
    past_of = past_times(sentence_of, previous_of)
    facts = [
        fact
        for group in groups
        for fact in make_facts(group, source_of, is_background, check, holders, copy_of, past_of)
    ]
    return facts + age_disputes(facts, mentions_of, source_of)


def _story_entities(
    store: Store, analyses: Iterable[ArticleAnalysis], wanted: set[str]
) -> tuple[list[Entity], dict[str, Counter[str]]]:
    """The entities the articles mention, most reported first, and the labels of their mentions.

    Only those: a brief must not read the whole entity table.
    """
    labels: dict[str, Counter[str]] = {}
    for analysis in analyses:
        for mention in analysis.mentions:
            if mention.entity_id:
                labels.setdefault(mention.entity_id, Counter())[mention.label] += 1
    entities = sorted(
        (entity for entity in store.analysis.load_entities(set(labels)) if entity.articles() & wanted),
        key=lambda entity: (-len(entity.articles() & wanted), -entity.mention_count, entity.name),
    )
    return entities, labels


def source_name(article: Article) -> str:
    """How a brief names an article's source: its outlet, else its URL's host or file name (stores
    from before ingest guessed outlets), else the input it was read from, else its id."""
    from newsweave.readers.base import guess_outlet

    return article.outlet or guess_outlet(article) or _input_name(article.source) or article.id


def _input_name(source: str | None) -> str | None:
    # "/data/wire.jsonl#line-3" -> "wire.jsonl#line-3": the record, named where the user can find it.
    return source.replace("\\", "/").rsplit("/", 1)[-1] or None if source else None


def align_claims(
    store: Store,
    keyed: Sequence[tuple[str, int, Claim]],
    config: Config,
    background: Callable[[Claim], bool] | None = None,
    sentence_of: Callable[[Claim], str] | None = None,
) -> list[ClaimGroup]:
    """Group claims of different articles that state the same thing.

    ``keyed`` holds (article id, claim index, claim). Embeddings come from the store's cache when a
    previous brief made them with the same model; the others are encoded and cached. The dates of claims
    ``background`` says tell the past join nothing (``Aligner``).
    """
    if not keyed:
        return []
    vectors = claim_vectors(store, keyed, config.stories.embedding_model)
    dim = vectors.shape[1] // 2
    claims = [claim for _, _, claim in keyed]
    return Aligner(claims, vectors[:, :dim], vectors[:, dim:], background, sentence_of).groups(
        config.brief.align_threshold
    )


def claim_vectors(store: Store, keyed: Sequence[tuple[str, int, Claim]], model: str) -> NDArray[np.float32]:
    """Per claim, its core embedding followed by its predicate embedding (cached in the claims table)."""
    from newsweave.embeddings import load_encoder

    with store.reading() as connection:
        cached = load_claim_vectors(connection, {article_id for article_id, _, _ in keyed}, model)
    missing = [i for i, (article_id, index, _) in enumerate(keyed) if (article_id, index) not in cached]
    fresh: dict[int, NDArray[np.float32]] = {}
    if missing:
        encoder = load_encoder(model)
        cores = encoder.encode([alignment_text(keyed[i][2]) for i in missing])
        predicates = encoder.encode([predicate_text(keyed[i][2]) for i in missing])
        fresh = {i: np.concatenate([cores[n], predicates[n]]) for n, i in enumerate(missing)}
        _cache(store, model, [(keyed[i][0], keyed[i][1], fresh[i].tobytes()) for i in missing])
    rows = [
        fresh[i] if i in fresh else np.frombuffer(cached[(article_id, index)], dtype=np.float32)
        for i, (article_id, index, _) in enumerate(keyed)
    ]
    return np.vstack(rows).astype(np.float32)


def _cache(store: Store, model: str, rows: Sequence[tuple[str, int, bytes]]) -> None:
    # Only a cache: when another writer holds the store (an ingest), the next brief encodes again.
    try:
        with store.atomic() as connection:
            save_claim_vectors(connection, model, rows)
    except SQLAlchemyError:
        return


def _outlets_with_originals(store: Store, articles: Sequence[Article]) -> dict[str, str | None]:
    # A copy's original may lie outside the story: look it up so the copy counts as its outlet.
    outlets: dict[str, str | None] = {article.id: article.outlet for article in articles}
    for article in articles:
        if article.duplicate_of and article.duplicate_of not in outlets:
            try:
                outlets[article.duplicate_of] = store.get_article(article.duplicate_of).outlet
            except StoreError:
                outlets[article.duplicate_of] = None
    return outlets


def _entity_json(entity: Entity, wanted: set[str], labels: Counter[str] | None) -> dict[str, Any]:
    """An entity with only the story's articles in its aliases, typed by most of its mentions there.

    The stored type is the first mention's label: one "Bandar Abbas" tagged PERSON made a person of a
    port that every other mention calls a place.
    """
    votes = labels or Counter()
    majority = max(votes, key=lambda label: (votes[label], label == entity.type)) if votes else entity.type
    shown = Entity(
        id=entity.id,
        name=entity.name,
        type=majority,
        country=entity.country,
        aliases={alias: ids & wanted for alias, ids in entity.aliases.items() if ids & wanted},
        mention_count=entity.mention_count,
    )
    return shapes.entity_json(shown)
