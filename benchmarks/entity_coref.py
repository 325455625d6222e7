"""Cross-document entity coreference on ECB+ with gold mentions: EntityResolver vs a same-head-lemma baseline.

Data: ../shared/data/ecbplus/xml/<topic>/*.xml (read in place). Entity mentions are the markables whose
type is not ACTION_* or NEG_* (people, organisations, places, times, objects); only mentions in the
sentences of ECBplus_coreference_sentences.csv count (the standard evaluation set: 8,289 entity
mentions). Gold clusters are the CROSS_DOC_COREF chains (by chain id) and INTRA_DOC_COREF chains (by
document and target); a mention in no chain is a singleton. Clustering is within each gold topic (ECB and
ECB+ halves together), as is standard; scores are MUC, B3, CEAF-e and CoNLL F1, with singletons kept and,
separately, dropped from both sides. Topics 1-35 were used to choose the fallback; 36-45 are the test.

System: names (mentions whose first word after a determiner or preposition is capitalised, with a
capitalised word the topic never writes in lower case) go through EntityResolver, one resolver per
topic, documents in file-name order, with a spaCy label from the gold type. Other mentions (pronouns,
common nouns, times) need a fallback; on topics 1-35 (CoNLL F1, singletons kept):
  lemma-link 0.705  every mention also joins its head-lemma group (baseline and resolver united)
  salience   0.701  lemma groups of non-names join the name most often just before them (share >= 0.5)
  head-link  0.691  non-name lemma groups join the one entity whose names share their head
  lemma      0.688  non-names by head lemma, names by the resolver only
  singleton  0.469  non-names left alone
so lemma-link is the default. The lemma is lower case with a plural strip (no spaCy needed).

    .venv/bin/python benchmarks/entity_coref.py [--fallback lemma-link|lemma|singleton|pronoun]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coref_metrics import Report, evaluate
from newsweave.analysis.entities import EntityResolver
from newsweave.data import Mention

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus"
DEV_TOPICS = range(1, 36)
TEST_TOPICS = range(36, 46)
# Gold type -> spaCy label for the resolver; types missing here (generic people, times, unknown) are
# never names and take the fallback.
LABELS = {
    "HUMAN_PART_PER": "PERSON", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "GPE", "HUMAN_PART_FAC": "FAC",
    "HUMAN_PART_VEH": "PRODUCT", "NON_HUMAN_PART": "PRODUCT", "LOC_GEO": "GPE", "LOC_FAC": "FAC",
    "LOC_OTHER": "LOC",
}  # fmt: skip
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
PRONOUNS = frozenset({
    "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "he", "him", "his", "himself",
    "she", "her", "hers", "herself", "it", "its", "itself", "we", "us", "our", "ours", "ourselves", "they",
    "them", "their", "theirs", "themselves", "who", "whom", "whose", "which", "that", "this", "these",
    "those", "here", "there",
})  # fmt: skip
LEADING_WORDS = DETERMINERS | frozenset({
    "in", "at", "on", "near", "from", "to", "of", "into", "between", "inside", "outside", "across", "off",
    "by", "for", "with",
})  # fmt: skip
URL_LINE = re.compile(r"http|www|/ /|\. (?:com|org|net)\b")
FALLBACKS = ("lemma-link", "salience", "head-link", "lemma", "singleton")
# Coarse kinds for linking a common noun or pronoun to a preceding name ("the actress" -> Lindsay Lohan).
KINDS = {
    "HUMAN_PART_PER": "per", "HUMAN_PART_ORG": "org", "HUMAN_PART_GPE": "loc", "LOC_GEO": "loc",
    "LOC_FAC": "fac", "LOC_OTHER": "loc", "HUMAN_PART_FAC": "fac", "NON_HUMAN_PART": "obj",
    "HUMAN_PART_VEH": "obj",
}  # fmt: skip
# A lemma group joins the entity that precedes at least this share of its mentions, given at least this
# many mentions with a preceding name (chosen on topics 1-35, see the module docstring).
SALIENCE_SHARE = 0.5
SALIENCE_MIN_VOTES = 1


@dataclass(slots=True)
class GoldMention:
    key: tuple[str, str]  # (document, markable id)
    topic: int
    doc: str
    gold_type: str
    tokens: list[str]
    start: int  # character offsets in the document text the resolver sees
    end: int
    sentence: int
    chain: str


def _selected_sentences() -> set[tuple[str, int]]:
    with (DATA / "ECBplus_coreference_sentences.csv").open(newline="", encoding="utf-8") as handle:
        return {
            (f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])) for row in csv.DictReader(handle)
        }


def _is_entity_type(tag: str) -> bool:
    return not tag.startswith(("ACTION", "NEG_"))


def read_document(
    path: Path, selected: set[tuple[str, int]], keep: Callable[[str], bool] = _is_entity_type
) -> tuple[str, list[GoldMention]]:
    """The document text (tokens joined by spaces, sentences by newlines) and its gold mentions of the
    markable types ``keep`` accepts (entity types by default)."""
    root = ET.parse(path).getroot()
    doc = path.stem
    offsets: dict[str, tuple[int, int, int, str]] = {}
    parts: list[str] = []
    position, last_sentence = 0, None
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if parts:
            parts.append("\n" if sentence != last_sentence else " ")
            position += 1
        word = token.text or ""
        offsets[token.get("t_id", "")] = (position, position + len(word), sentence, word)
        parts.append(word)
        position += len(word)
        last_sentence = sentence
    chains: dict[str, str] = {}
    for relation in root.find("Relations") or []:
        target = relation.find("target")
        chain = (
            relation.get("note")
            or f"{doc}/{target.get('m_id') if target is not None else relation.get('r_id')}"
        )
        for source in relation.findall("source"):
            chains.setdefault(source.get("m_id", ""), chain)
    mentions = []
    for markable in root.find("Markables") or []:
        anchors = [offsets[a.get("t_id", "")] for a in markable.findall("token_anchor")]
        m_id = markable.get("m_id", "")
        if not anchors or not keep(markable.tag) or (doc, anchors[0][2]) not in selected:
            continue
        anchors.sort()
        mentions.append(GoldMention(
            (doc, m_id), int(doc.split("_")[0]), doc, markable.tag, [a[3] for a in anchors], anchors[0][0],
            anchors[-1][1], anchors[0][2], chains.get(m_id, f"{doc}/single/{m_id}"),
        ))  # fmt: skip
    return "".join(parts), mentions


def load_corpus(keep: Callable[[str], bool] = _is_entity_type) -> dict[str, tuple[str, list[GoldMention]]]:
    """Every document with its text and gold mentions (entity mentions by default), by document name."""
    selected = _selected_sentences()
    return {
        path.stem: read_document(path, selected, keep) for path in sorted((DATA / "xml").glob("*/*.xml"))
    }


def lemma(word: str) -> str:
    """Lower case with a simple plural strip ("officers" -> "officer", "police" stays)."""
    word = word.casefold().strip("'’")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def head(tokens: list[str]) -> str:
    """Head lemma: the word before "of" ("President of France"), else the last word that is not "'s"."""
    words = [t for t in tokens if t not in ("'s", "’s", "'", "’")] or tokens
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return lemma(words[-1])


def name_words(mention: GoldMention) -> list[str]:
    """The mention without the determiners and prepositions ECB+ spans start with ("in Mannheim")."""
    words = list(mention.tokens)
    while len(words) > 1 and words[0].casefold() in LEADING_WORDS:
        words.pop(0)
    while len(words) > 1 and not words[-1][:1].isalnum():
        words.pop()
    return words


def is_name(mention: GoldMention, common: frozenset[str] = frozenset()) -> bool:
    """A proper name: starts (after a determiner or preposition) with a capital, is not a pronoun, and has a
    capitalised word that the topic never writes in lower case (``common``): a sentence-initial "Police"
    or "Woman" is not a name."""
    words = name_words(mention)
    if mention.gold_type not in LABELS or not words[0][:1].isupper() or words[0].casefold() in PRONOUNS:
        return False
    return any(w[:1].isupper() and w.casefold() not in common for w in words)


def common_words(texts: Iterable[str]) -> frozenset[str]:
    """Words written in lower case somewhere in the texts, leaving out URL lines ("/ obama - announces")."""
    return frozenset(
        w for text in texts for line in text.splitlines() if not URL_LINE.search(line)
        for w in line.split() if w[:1].islower()
    )  # fmt: skip


class _Union:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, item: object) -> object:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: object, b: object) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self, items: Iterable[object]) -> list[frozenset[object]]:
        found: dict[object, set[object]] = defaultdict(set)
        for item in items:
            found[self.find(item)].add(item)
        return [frozenset(group) for group in found.values()]


def baseline(mentions: list[GoldMention]) -> list[frozenset[object]]:
    """Same head lemma within a topic is one entity."""
    union = _Union()
    for mention in mentions:
        union.join(mention.key, ("lemma", mention.topic, head(mention.tokens)))
    return union.groups(m.key for m in mentions)


def _name_mention(mention: GoldMention, text: str) -> Mention:
    """The resolver's view of a gold name mention: its name words, offsets into the document."""
    words = name_words(mention)
    start = text.index(words[0], mention.start)
    end = text.rindex(words[-1], start, mention.end) + len(words[-1])
    return Mention(start, end, text[start:end], LABELS[mention.gold_type], mention.sentence)


def _resolve_names(
    docs: list[tuple[str, list[GoldMention]]], names: set[tuple[str, str]], union: _Union
) -> dict[tuple[str, str], str]:
    """Run one EntityResolver over a topic's documents; join each name mention to its entity."""
    resolver = EntityResolver()
    entity_of: dict[tuple[str, str], str] = {}
    for text, gold in docs:
        pairs = [(m, _name_mention(m, text))
                 for m in gold if m.key in names]  # fmt: skip
        resolver.resolve_article(gold[0].doc, text, [mention for _, mention in pairs])
        for gold_mention, mention in pairs:
            if mention.entity_id:
                entity_of[gold_mention.key] = mention.entity_id
                union.join(gold_mention.key, ("entity", mention.entity_id))
    return entity_of


def _link_salient(
    docs: list[tuple[str, list[GoldMention]]], entity_of: dict[tuple[str, str], str], union: _Union
) -> None:
    """Join each lemma group of non-names to the named entity that most often precedes its mentions."""
    votes: dict[object, Counter[str]] = defaultdict(Counter)
    for _, gold in docs:
        last: dict[str, str] = {}  # kind -> entity of the nearest preceding name of that kind
        for mention in sorted(gold, key=lambda m: m.start):
            kind = KINDS.get(mention.gold_type)
            if mention.key in entity_of and kind:
                last[kind] = entity_of[mention.key]
            elif kind in last:
                votes[union.find(mention.key)][last[kind]] += 1
    for group, counter in votes.items():
        (entity, count), total = counter.most_common(1)[0], sum(counter.values())
        if count / total >= SALIENCE_SHARE and total >= SALIENCE_MIN_VOTES:
            union.join(group, ("entity", entity))


def _link_heads(
    mentions: list[GoldMention],
    names: set[tuple[str, str]],
    entity_of: dict[tuple[str, str], str],
    union: _Union,
) -> None:
    """Join a lemma group of non-names ("the church", "Cheeks") to the one entity whose names share its head
    ("Wasilla Bible Church", "Maurice Cheeks"); a head shared by several entities links nothing."""
    entities_by_head: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.key in entity_of:
            entities_by_head[lemma(name_words(mention)[-1])].add(entity_of[mention.key])
    for mention in mentions:
        if mention.key not in names:
            found = entities_by_head.get(head(mention.tokens), set())
            if len(found) == 1:
                union.join(mention.key, ("entity", next(iter(found))))


def system(docs: list[tuple[str, list[GoldMention]]], fallback: str) -> list[frozenset[object]]:
    """EntityResolver for names; ``fallback`` (see FALLBACKS) for the other mentions of one topic."""
    union = _Union()
    everything = [m for _, gold in docs for m in gold]
    common = common_words(text for text, _ in docs)
    names = {m.key for m in everything if is_name(m, common)}
    entity_of = _resolve_names(docs, names, union)
    for mention in everything:
        if fallback == "singleton" and mention.key not in names:
            continue
        if fallback == "lemma-link" or mention.key not in names:
            union.join(mention.key, ("lemma", mention.topic, head(mention.tokens)))
    if fallback in ("head-link", "salience"):
        _link_heads(everything, names, entity_of, union)
    if fallback == "salience":
        _link_salient(docs, entity_of, union)
    return union.groups(m.key for m in everything)


def _row(label: str, report: Report) -> str:
    cells = [
        f"{s.recall:.3f} {s.precision:.3f} {s.f1:.3f}" for s in (report.muc, report.b_cubed, report.ceaf_e)
    ]
    return f"| {label:<28} | " + " | ".join(cells) + f" | {report.conll:.3f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fallback", choices=FALLBACKS, default="lemma-link")
    args = parser.parse_args()
    started = time.perf_counter()
    corpus = load_corpus()
    by_topic: dict[int, list[tuple[str, list[GoldMention]]]] = defaultdict(list)
    for text, gold in corpus.values():
        if gold:
            by_topic[gold[0].topic].append((text, gold))
    loaded = time.perf_counter()
    key: dict[int, list[frozenset[object]]] = {}
    responses: dict[str, dict[int, list[frozenset[object]]]] = {"lemma baseline": {}, "EntityResolver": {}}
    for topic, docs in sorted(by_topic.items()):
        mentions = [m for _, gold in docs for m in gold]
        chains: dict[str, set[object]] = defaultdict(set)
        for mention in mentions:
            chains[mention.chain].add(mention.key)
        key[topic] = [frozenset(chain) for chain in chains.values()]
        responses["lemma baseline"][topic] = baseline(mentions)
        responses["EntityResolver"][topic] = system(docs, args.fallback)
    resolved = time.perf_counter()
    print("$ .venv/bin/python benchmarks/entity_coref.py " + " ".join(sys.argv[1:]))
    print(f"ECB+ entity coreference, gold mentions, gold topics; fallback for non-names: {args.fallback}")
    print(f"{sum(len(k) for k in key.values())} gold chains, "
          f"{sum(len(c) for k in key.values() for c in k)} mentions, {len(corpus)} documents; "
          f"read {loaded - started:.1f}s, resolved {resolved - loaded:.1f}s")  # fmt: skip
    for singletons in (True, False):
        print(f"\nsingletons {'kept' if singletons else 'dropped'}; cells are recall precision F1")
        print(f"| {'topics / system':<28} | {'MUC':<17} | {'B3':<17} | {'CEAF-e':<17} | CoNLL |")
        print("|---|---|---|---|---|")
        for span_name, span in (
            ("1-35 (dev)", DEV_TOPICS),
            ("36-45 (test)", TEST_TOPICS),
            ("all", range(1, 46)),
        ):
            for name, response in responses.items():
                gold_clusters = [c for t in span if t in key for c in key[t]]
                system_clusters = [c for t in span if t in response for c in response[t]]
                report = evaluate(gold_clusters, system_clusters, drop_singletons=not singletons)
                print(_row(f"{span_name} {name}", report))


if __name__ == "__main__":
    main()
