"""Facts as an analyst reads them: standalone statements, each once.

Claims are clauses ("to examine the remains of Korean forced laborers", "which highlighted ..."): the
right unit for alignment, the wrong one to show. Here each fact gets a text that reads as a sentence of
its own (a claim that does, else the whole sentence it comes from), a source sentence is shown once (the
clauses of one sentence that only one source states become that sentence's one fact). Which come first
is ``brief.salience``'s.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence

from newsweave.brief.conflict_notes import conflict_about
from newsweave.brief.facts import Fact
from newsweave.brief.lent_subjects import opens_on_subject, text_before, with_subject
from newsweave.data import Article, Claim, Sentence

# Words a clause that leans on another opens with: relative pronouns, subordinators, conjunctions,
# infinitive "to". "which highlighted potential ..." is not a statement; "Lee visited Nara" is.
_LEANING_START = re.compile(
    r"^(?:which|who|whom|whose|that|where|when|while|whereas|as|because|although|though|if|unless|"
    r"since|after|before|until|to|and|but|or|nor|so|including|such|with|without|by|for|amid|despite)\b",
    re.IGNORECASE,
)
# A statement does not end on a word that promises more.
_OPEN_END = re.compile(r"(?:\b(?:and|or|but|of|to|the|a|an|with|by|for|in|on|at)|[,;:])\s*$", re.IGNORECASE)
# Fewer words than this rarely make a statement ("Lee said", "challenges").
MIN_STATEMENT_WORDS = 4
# A page's own date line ("Published April 11, 2007", "Last updated 15:48 15/09/2013", "Posted Nov 14th
# 2007 12"): what the page says of itself, not of the story, though two pages of one day "agree" on it.
_PAGE_DATE_LINE = re.compile(
    r"^\W*(?:last\s+)?(?:published|posted|updated|modified|created)\b(?:\W+\w+){0,8}\W*$", re.IGNORECASE
)

SentenceKey = tuple[str, int]
SentenceText = Callable[[SentenceKey], str]


def reads_as_statement(claim: Claim) -> bool:
    """True when the claim's text reads as a sentence on its own (once its first letter is a capital,
    ``_clean``): a subject, no leaning first word, no open end, and a few words at least.

    "authorities say the suspect is near death" is a statement; "which highlighted ...", "to examine
    ..." are not, nor is "Staunton police have arrested", whose object went to a coordinated clause.
    """
    text = claim.text.strip()
    if not text or not claim.subject.strip():
        return False
    opening = text.lstrip("\"'“‘(` ")
    first = opening[:1]
    if not (first.isalpha() or first.isdigit()):
        return False
    if first.islower() and not opens_on_subject(opening, claim.subject):
        return False  # "charged Smith with murder": the subject stayed in the clause before
    return (
        not _LEANING_START.match(text)
        and not _OPEN_END.search(text)
        and not _ends_on_bare_verb(claim)
        and not _infinitive(claim)
        and len(text.split()) >= MIN_STATEMENT_WORDS
    )


def _infinitive(claim: Claim) -> bool:
    # The clause is its subject and an infinitive: "the UK to extradite Assange" (of "The US wants the UK
    # to extradite ..."), "it to develop servers" (of "That allowed it to develop ...").
    words = claim.subject.split()
    if not words:
        return False
    opening = r"\W*" + r"\s*".join(re.escape(word) for word in words) + r"\s+to\s+\w"
    return re.match(opening, claim.text, re.IGNORECASE) is not None


def _ends_on_bare_verb(claim: Claim) -> bool:
    # No object, and the text stops on its own verb: "... have arrested" (and charged Smith).
    last = claim.text.rstrip(" .").rsplit(" ", 1)[-1].casefold()
    stem = claim.predicate.casefold()[:4]
    return not claim.object.strip() and len(stem) >= 3 and last.startswith(stem)


def sentence_reader(
    sentences: Mapping[str, Sequence[Sentence]], articles: Mapping[str, Article]
) -> SentenceText:
    """A function giving the text of (article id, sentence index), "" when out of range."""

    def text(key: SentenceKey) -> str:
        article_id, index = key
        spans = sentences.get(article_id, ())
        if not 0 <= index < len(spans) or article_id not in articles:
            return ""
        span = spans[index]
        return articles[article_id].text[span.start : span.end].strip()

    return text


def standalone_facts(facts: Sequence[Fact], sentence_text: SentenceText) -> list[Fact]:
    """The facts with a standalone text each, every source sentence shown once, repeats dropped.

    ``facts`` come in rank order (those several sources state first). A fact several sources state
    keeps its own claims and is shown by a claim that reads as a statement, else by its first claim's
    sentence; when that sentence already shows an earlier fact of the same sources, the two are one
    fact, shown as the sentence. Single-source facts are merged per source sentence: the clauses of one
    sentence are one statement, shown as the sentence unless a single standalone claim holds all of it;
    clauses that overlap what a multi-source fact shows are dropped (they serve alignment only), and so
    is a sentence none of whose clauses has a subject ("According to international media"). A fact
    whose text, normalised, is an earlier fact's is that fact.
    """
    out: list[Fact] = []
    shown: dict[SentenceKey, list[tuple[int, int]]] = {}
    shown_by: dict[SentenceKey, Fact] = {}
    by_text: dict[str, Fact] = {}
    single: dict[SentenceKey, list[Fact]] = {}
    for fact in facts:
        if any(_PAGE_DATE_LINE.match(claim.text) for claim in fact.claims):
            continue
        if fact.status == "single_source" and fact.conflict is None:
            single.setdefault(_key(fact.claims[0]), []).append(fact)
            continue
        if fact.conflict is None and not any(claim.subject.strip() for claim in fact.claims):
            continue  # "Then tacked on a field goal": no claim says who did it, so it states nothing
        standalone = any(reads_as_statement(claim) for claim in fact.claims)
        earlier = shown_by.get(_key(fact.claims[0]))
        if not standalone and earlier is not None and _joinable(earlier, fact):
            earlier.claims = _unique([*earlier.claims, *fact.claims])
            earlier.text = _clean(sentence_text(_key(fact.claims[0])) or earlier.text)
            by_text.setdefault(_normalise(earlier.text), earlier)  # what it shows now is shown
            continue
        text = _statement(_headline_claims(fact, by_text), sentence_text, shortest=bool(fact.readings))
        if earlier is not None and not standalone and fact.conflict is None:
            text = _fresh_statement(fact, shown_by, sentence_text) or text
        if fact.conflict is not None and _shown_as(by_text, _normalise(text), either_way=True) is not None:
            # Every claim of the dispute is a sentence already shown ("five killed, 250 injured and 800
            # homes destroyed" disputes three slots): name what is disputed rather than repeat it.
            conflict = fact.conflict
            text = f"Sources differ on {conflict_about(conflict)}"
        kept = _add(out, by_text, dataclasses.replace(fact, text=text))
        for claim in fact.claims:
            shown.setdefault(_key(claim), []).append((claim.start, claim.end))
            shown_by.setdefault(_key(claim), kept)
    for key, group in single.items():
        merged = _sentence_fact(key, group, shown.get(key), sentence_text)
        if merged is not None:
            _add(out, by_text, merged)
    return out


def _fresh_statement(
    fact: Fact, shown_by: Mapping[SentenceKey, Fact], sentence_text: SentenceText
) -> str | None:
    """A text for a fact whose sentence already shows an earlier fact of other sources: its clause led
    by the subject it shares with the clause before ("They escaped in another car" where the sentence
    "They then set fire to the vehicle and escaped in another car" shows the fire that five reports
    state), when the clause opens on its verb; else None (the sentence it is)."""
    for claim in fact.claims:
        text = claim.text.strip()
        lemma = claim.predicate.casefold()
        # An inflected form of the claim's verb opens the clause ("escaped"): not a noun the parser
        # took for a predicate ("fault lines encircling the Pacific").
        opens_on_verb = len(lemma) >= 3 and any(
            word.casefold().startswith(lemma[:4]) and word.casefold() != lemma for word in text.split()[:2]
        )
        lent = with_subject(claim, text, text_before(sentence_text(_key(claim)), text))
        if lent != text and opens_on_verb and _key(claim) in shown_by:
            return _clean(lent)
    return None


def _sentence_fact(
    key: SentenceKey,
    group: Sequence[Fact],
    shown: Sequence[tuple[int, int]] | None,
    sentence_text: SentenceText,
) -> Fact | None:
    """The one fact of a source sentence's single-source facts, or None when it has nothing to show.

    ``shown`` holds the spans of the sentence that multi-source facts show (None: the sentence is
    not shown): then only standalone claims outside them are left, unless the facts carry values.
    """
    claims = _unique([claim for fact in group for claim in fact.claims])
    if not any(claim.subject.strip() for claim in claims):
        return None
    if shown is not None and not any(fact.readings for fact in group):
        claims = [
            claim
            for claim in claims
            if reads_as_statement(claim) and _key(claim) == key and not _overlaps(claim, shown)
        ]
        if not claims:
            return None
        text = min(claims, key=lambda claim: claim.start).text
    else:
        whole = [claim for claim in claims if _key(claim) == key]
        distinct = {(claim.start, claim.end) for claim in whole}
        head = whole[0] if whole else claims[0]
        text = head.text if len(distinct) == 1 and reads_as_statement(head) else sentence_text(key)
        text = with_subject(head, text or head.text)
        added = _addition(group, whole, shown, sentence_text(key))
        if added is not None:
            text = added
    return dataclasses.replace(
        group[0],
        claims=claims,
        readings=[reading for fact in group for reading in fact.readings],
        look_alikes=[pair for fact in group for pair in fact.look_alikes],
        text=_clean(text),
    )


def _addition(
    group: Sequence[Fact], whole: Sequence[Claim], shown: Sequence[tuple[int, int]] | None, sentence: str
) -> str | None:
    """What a source's sentence adds to the part of it that other sources' facts already show, as a
    statement ("Neumann had also planned to charge WeWork almost $6 million ..." rather than the whole
    sentence, whose first half is a corroborated fact), or None when that does not read alone or would
    leave out one of its values."""
    if shown is None:
        return None
    fresh = sorted((claim for claim in whole if not _overlaps(claim, shown)), key=lambda claim: claim.start)
    valued = {id(reading.claim) for fact in group for reading in fact.readings}
    if not fresh or not valued <= {id(claim) for claim in fresh}:
        return None
    head = fresh[0]
    text = with_subject(head, head.text, text_before(sentence, head.text))
    if text == head.text and not reads_as_statement(head):
        return None
    return text


def _headline_claims(fact: Fact, shown: Mapping[str, Fact]) -> list[Claim]:
    """The claims a fact's text is chosen from: for a dispute, those giving its values that name what
    they measure ("recovered 12 AK 47 guns" for the number of guns, not "included 12 Somalis"), and not
    a sentence already shown (``shown``: facts by normalised text) when another will do: two disputes
    of one sentence ("five killed, 250 injured") are shown by two sentences when sources give them."""
    if fact.conflict is None:
        return fact.claims
    word = fact.conflict.slot_text.casefold()
    claims = [reading.claim for reading in fact.conflict.readings]
    naming = [claim for claim in claims if word and word in claim.text.casefold()] or claims
    fresh = [
        claim
        for claim in naming
        if reads_as_statement(claim) and _shown_as(shown, _normalise(claim.text), either_way=True) is None
    ]
    return fresh or naming


def _joinable(earlier: Fact, fact: Fact) -> bool:
    # Same status and sources: every source of either states both, so the sentence is theirs.
    return (
        earlier.status == fact.status
        and earlier.conflict is None
        and fact.conflict is None
        and earlier.sources == fact.sources
    )


def _overlaps(claim: Claim, spans: Sequence[tuple[int, int]]) -> bool:
    return any(claim.start < end and start < claim.end for start, end in spans)


def _add(out: list[Fact], by_text: dict[str, Fact], fact: Fact) -> Fact:
    """Append ``fact`` unless a fact of about the same text is there (``_shown_as``): then that fact
    stands for both, their claims joined when their status is the same, and shown by the longer text
    (the one that reads more completely). Returns the fact kept."""
    norm = _normalise(fact.text)
    known = _shown_as(by_text, norm, either_way=True)
    other_status = known is not None and (known.status, known.conflict) != (fact.status, None)
    # The same reports in nearly the same words make one statement, whatever status each fact was given
    # (one counted a sentence two reports copied once, ``independence.fact_sources``; the other did not).
    same_reports = (
        known is not None and known.conflict is None and set(known.article_ids) == set(fact.article_ids)
    )
    if known is not None and _restates(fact, known, norm):
        known.claims = _unique([*known.claims, *fact.claims])
        return known
    if known is not None and other_status and _normalise(known.text) != norm and not same_reports:
        # A text near another of other status says what that one does not: "three needed hospital care"
        # beside a dispute's clause, a union's claim of 2,000 jobs beside an agreed 30-year concession.
        known = None
    if known is None or fact.conflict is not None:  # a discrepancy is never folded away
        by_text.setdefault(norm, fact)
        out.append(fact)
        return fact
    if (known.status == fact.status or same_reports) and known.conflict is None:
        if same_reports and known.status != fact.status:
            # Of the two counts of one statement's sources, the one that found copies holds.
            fewer = min((known, fact), key=lambda each: len(each.sources))
            known.status, known.sources = fewer.status, set(fewer.sources)
        else:
            known.sources |= fact.sources
        known.claims = _unique([*known.claims, *fact.claims])
        known.readings.extend(fact.readings)
        if len(norm) > len(_normalise(known.text)):
            known.text = fact.text
            by_text.setdefault(norm, known)
    return known


def _restates(fact: Fact, known: Fact, norm: str) -> bool:
    """Whether a single-source sentence only restates an undisputed fact its report already states, with
    a clause more and no value of its own: "A United Nations assessment team was dispatched ... after two
    quakes, measuring 7.6 and 7.4, struck west of Manokwari Jan. 4" beside that fact's "... measuring 7.6
    and 7.4". Not when it gives a value of another kind than the fact's (a union's 2,000 jobs beside an
    agreed 30-year concession), nor beside a dispute ("three of which needed hospital treatment" beside
    the disputed count of reports)."""
    kinds = {reading.value.kind for reading in known.readings}
    return (
        fact.status == "single_source"
        and known.conflict is None
        and set(fact.article_ids) <= set(known.article_ids)
        and _normalise(known.text) in norm
        and all(
            reading.value.text in known.text and (not kinds or reading.value.kind in kinds)
            for reading in fact.readings
        )
    )


# A text inside an earlier fact's text, and at least this share of its length, repeats that fact.
CONTAINED_SHARE = 0.6


def _shown_as(by_text: Mapping[str, Fact], norm: str, *, either_way: bool = False) -> Fact | None:
    """The fact shown by the normalised text ``norm``, or by a text that holds it and is not much longer
    ("its customers equip their data centers ..." inside "HP said the acquisition will help its
    customers equip ..."); ``either_way``: or by a text that ``norm`` holds (a headline that would show
    the same sentence again with a few more words)."""
    if not norm or norm in by_text:
        return by_text.get(norm)
    for text, fact in by_text.items():
        short, long = (norm, text) if len(norm) <= len(text) or not either_way else (text, norm)
        if short in long and len(short) >= CONTAINED_SHARE * len(long):
            return fact
    return None


def _statement(claims: Sequence[Claim], sentence_text: SentenceText, *, shortest: bool) -> str:
    """A fact's text: its standalone claim (the first, or for a value's fact the shortest), else the
    first claim's whole sentence."""
    whole = [claim for claim in claims if reads_as_statement(claim)]
    if whole:
        return _clean((min(whole, key=lambda claim: len(claim.text)) if shortest else whole[0]).text)
    return _clean(with_subject(claims[0], sentence_text(_key(claims[0])) or claims[0].text))


def _clean(text: str) -> str:
    """A statement with an opening capital and without its closing full stop (facts are listed, not
    run on), abbreviations kept."""
    text = text.strip()
    if text[:1].islower():
        text = text[:1].upper() + text[1:]
    if text.endswith(".") and len(text) > 1 and not text[-2].isupper():
        return text[:-1].rstrip()
    return text


def _key(claim: Claim) -> SentenceKey:
    return claim.article_id, claim.sentence


def _unique(claims: Sequence[Claim]) -> list[Claim]:
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for claim in claims:
        key = (claim.article_id, claim.start, claim.end)
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
