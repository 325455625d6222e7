"""Within one article: its mentions grouped into the clusters the resolver then compares across
articles (``analysis.entities``, rule 1).

Mentions with the same normalised name form a group; full names are clustered first (spelling
variants, middle names, acronyms defined or implied in the text), then short forms: a lone surname
("Lee", "President Lee") joins the one full name in the article with that family name, and stays apart
when there are several or when its office differs ("Chairman" vs "President"). Names in Hangul, kana or
kanji join by their own rules (``analysis.cross_script``: a short form of one full name, a bracketed
reading).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsweave.analysis.coref_rules import (
    RESOLVABLE_LABELS,
    is_acronym,
    label_group,
    name_tokens,
    office_of,
    surface_form,
)
from newsweave.analysis.cross_script import is_full_foreign_name, is_other_script, reads, shortens
from newsweave.analysis.names import MatchDecision, normalise_name, same_entity
from newsweave.data import ENTITY_TYPES, Mention

__all__ = [
    "LABEL_PRIORITY",
    "SHORT_FORM_LABELS",
    "SHORT_FORM_RULES",
    "Cluster",
    "best_match",
    "cluster_article",
    "decide",
    "is_full_name",
]

# Rules that link a lone word to a full name ("Lee" -> "Lee Jae Myung", "Colts" -> "Indianapolis Colts"):
# allowed within an article when the article has one such full name, across articles when one known
# entity matches.
SHORT_FORM_RULES = frozenset({"surname", "surname_variant", "short_form"})
# Labels whose names have short forms. Places are left out: "Korea" may be North or South Korea and
# "Aden" is not the "Gulf of Aden".
SHORT_FORM_LABELS = frozenset({"PERSON", "ORG", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
# Order in which a cluster's type is chosen when its mentions disagree (most specific first).
LABEL_PRIORITY = ENTITY_TYPES


@dataclass(slots=True)
class Cluster:
    """Mentions of one entity within one article."""

    label: str
    names: list[str] = field(default_factory=list)  # distinct surface forms, first seen first
    mentions: list[Mention] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)  # last word of each office ("president")

    def full_names(self) -> list[str]:
        return [n for n in self.names if is_full_name(n, self.label)]

    def is_short(self) -> bool:
        """Known only by a lone word ("Lee", "Takaichi", "Colts")."""
        return self.label in SHORT_FORM_LABELS and not self.full_names()


def is_full_name(name: str, label: str) -> bool:
    """Not a short form: several words, an acronym, or a label without short forms."""
    if is_other_script(name):
        return label not in SHORT_FORM_LABELS or is_full_foreign_name(name)
    return label not in SHORT_FORM_LABELS or len(name_tokens(name, label)) > 1 or is_acronym(name)


def short_form(a: str, b: str, label: str) -> MatchDecision | None:
    """A lone word that is the first or last word of a full name ("Colts", "Indianapolis Colts")."""
    short, full = sorted((name_tokens(a, label), name_tokens(b, label)), key=len)
    if len(short) != 1 or len(full) < 2 or is_acronym(a) or is_acronym(b):
        return None
    if short[0] in (full[0], full[-1]):
        return MatchDecision(True, 0.9, "short_form")
    return None


def decide(a: str, label_a: str, b: str, label_b: str, definitions: dict[str, str]) -> MatchDecision:
    """same_entity with LOC and GPE compared as one group, plus short forms of non-person names."""
    group_a, group_b = label_group(label_a), label_group(label_b)
    if group_a == group_b:
        decision = same_entity(a, b, label=group_a, definitions=definitions)
        if not decision.match and group_a != "PERSON" and group_a in SHORT_FORM_LABELS:
            return short_form(a, b, group_a) or decision
        return decision
    return same_entity(a, b, label=label_a, label_b=label_b, definitions=definitions)


def best_match(
    names_a: list[str], label_a: str, names_b: Iterable[str], label_b: str, definitions: dict[str, str]
) -> MatchDecision:
    """The best matching decision over all name pairs (a non-match if none matches)."""
    best = MatchDecision(False, 0.0, "no_pair")
    for a in names_a:
        for b in names_b:
            decision = decide(a, label_a, b, label_b, definitions)
            if decision.match and (not best.match or decision.score > best.score):
                best = decision
    return best


def cluster_article(mentions: list[Mention], text: str, definitions: dict[str, str]) -> list[Cluster]:
    """Within-article clusters: exact-name groups, then full names, then short forms attached."""
    groups: dict[tuple[str, str], Cluster] = {}
    for mention in mentions:
        if mention.label not in RESOLVABLE_LABELS:
            continue
        name = surface_form(mention)
        key = (label_group(mention.label), normalise_name(name, label=mention.label))
        if not key[1]:
            continue
        group = groups.setdefault(key, Cluster(mention.label))
        if name not in group.names:
            group.names.append(name)
        group.mentions.append(mention)
        office = office_of(mention, text) if mention.label == "PERSON" else None
        if office:
            group.titles.add(office)
    ordered = sorted(groups.values(), key=lambda g: (len(g.full_names()) == 0, g.mentions[0].start))
    clusters: list[Cluster] = []
    for group in ordered:
        target = _attach_target(group, clusters, definitions, text)
        if target is None:
            clusters.append(group)
        else:
            target.names.extend(n for n in group.names if n not in target.names)
            target.mentions.extend(group.mentions)
            target.titles |= group.titles
    for cluster in clusters:
        cluster.label = _cluster_label(cluster)
    return clusters


def _attach_target(
    group: Cluster, clusters: list[Cluster], definitions: dict[str, str], text: str
) -> Cluster | None:
    """The earlier cluster of this article that ``group`` belongs to, or None."""
    if is_other_script(group.names[0]):
        return _attach_other_script(group, clusters, text)
    matches: list[tuple[MatchDecision, Cluster]] = []
    for cluster in clusters:
        decision = best_match(group.names, group.label, cluster.names, cluster.label, definitions)
        if decision.match:
            matches.append((decision, cluster))
    if not group.is_short():
        return max(matches, key=lambda pair: pair[0].score)[1] if matches else None
    full = [(d, c) for d, c in matches if not c.is_short() and d.rule in SHORT_FORM_RULES]
    if len(full) == 1:
        cluster = full[0][1]
        # "Chairman Lee" is not "President Lee Jae Myung": an office given to both must agree.
        if group.titles and cluster.titles and not group.titles & cluster.titles:
            return None
        return cluster
    if full:  # several full names share the surname: ambiguous, left apart
        return None
    return next((c for d, c in matches if d.rule not in SHORT_FORM_RULES), None)


def _attach_other_script(group: Cluster, clusters: list[Cluster], text: str) -> Cluster | None:
    """The cluster a name in Hangul, kana or kanji joins: the name it is the bracketed reading of, else
    (a person) the one full name it shortens or that shortens it ("이" / "이재명", "다카이치" / "다카이치
    사나에"); None when several would do."""
    same = [c for c in clusters if label_group(c.label) == label_group(group.label)]
    for cluster in same:
        if any(reads(text, m.end, g.start) for m in cluster.mentions for g in group.mentions):
            return cluster
    if label_group(group.label) != "PERSON":
        return None
    name = group.names[0]
    found = [c for c in same if any(shortens(name, n) or shortens(n, name) for n in c.names)]
    return found[0] if len(found) == 1 else None


def _cluster_label(cluster: Cluster) -> str:
    votes = Counter(m.label for m in cluster.mentions)
    return min(votes, key=lambda label: (-votes[label], LABEL_PRIORITY.index(label)))
