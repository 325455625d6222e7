"""Entity name matching rules: when two written names are one entity (pure functions, no model).

Person names are compared token by token after folding accents, dropping titles and initials. Name order:
a name whose first token is a common Korean, Chinese or Vietnamese family name (:data:`FAMILY_FIRST_NAMES`)
is read family-first ("Lee Jae Myung" -> "Lee", "Xi Jinping" -> "Xi"); every other name, Japanese ones
included (English news writes "Sanae Takaichi"), is read given-first, the family name being the last
token with any particles before it ("Ursula von der Leyen" -> "von der Leyen"). Known miss: a Western
name that starts with such a token ("Kim Kardashian", "Lee Anderson") is read family-first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from newsweave.analysis.acronyms import acronym_definitions, acronym_of, is_acronym_of
from newsweave.analysis.folding import fold_accents
from newsweave.analysis.romanise import OTHER_SCRIPT

# Re-exported: the acronym and folding helpers moved out of this module, and callers still import them here.
__all__ = [
    "MatchDecision", "acronym_definitions", "acronym_of", "choose_canonical", "family_name",
    "fold_accents", "is_acronym_of", "normalise_name", "same_entity", "strip_title",
]  # fmt: skip

# Per-token similarity (rapidfuzz ratio, 0-100) for spelling variants of the same name. Chosen on pairs:
# accepts "lac"/"lack" (85.7), "Zelensky"/"Zelenskyy" (94), "Volodymyr"/"Wolodymyr" (89); rejects
# "yong"/"myung" (67, Lee Jae-yong vs Lee Jae Myung) and "Jong"/"Jang" (75).
TOKEN_RATIO = 80.0
# A lone surname that is a spelling variant of a full name's surname ("Zelenskyy" for "Volodymyr
# Zelensky") must be this close and this long: short surnames ("Bush", "Kim") must match exactly.
SURNAME_VARIANT_RATIO = 90.0
MIN_VARIANT_LENGTH = 6
# Lone names are compared by transliteration skeleton ("Gaddafi" = "Qaddafi" = "Kadhafi") only when at
# least this long, and never for names shared by millions (those need more tokens to decide).
MIN_SKELETON_LENGTH = 6
COMMON_GIVEN_NAMES = frozenset({
    "mohammed", "mohammad", "muhammad", "mohamed", "muhammed", "ahmed", "ahmad", "ali", "hassan",
    "hussein", "abdullah", "ibrahim", "omar", "john", "james", "maria", "mary", "jose", "juan",
})  # fmt: skip

TITLES = frozenset({
    "president", "vice president", "prime minister", "minister", "foreign minister", "defense minister",
    "defence minister", "finance minister", "chancellor", "secretary", "secretary of state",
    "secretary general", "secretary-general", "senator", "sen", "representative", "rep", "congressman",
    "congresswoman", "governor", "gov", "mayor", "king", "queen", "prince", "princess", "emperor",
    "empress", "pope", "sheikh", "ayatollah", "chairman", "chairwoman", "chair", "ceo", "general", "gen",
    "lieutenant", "lt", "colonel", "col", "major", "maj", "captain", "capt", "admiral", "adm", "sergeant",
    "sgt", "judge", "justice", "chief justice", "mr", "mrs", "ms", "miss", "mx", "dr", "prof",
    "professor", "sir", "dame", "lord", "lady", "rev", "reverend", "father", "ambassador", "envoy",
    "leader", "supreme leader", "speaker", "premier", "commissioner", "director", "spokesman",
    "spokeswoman", "spokesperson", "chief", "crown prince",
})  # fmt: skip
# Words that may precede a title ("former President", "acting Prime Minister").
TITLE_MODIFIERS = frozenset({"former", "acting", "late", "then", "deputy", "vice", "interim", "incoming"})
MAX_TITLE_WORDS = 3
# Words allowed before a title: a nationality or body ("South Korean President", "Fed Chair").
MAX_TITLE_PREFIX_WORDS = 2
FAMILY_FIRST_NAMES = frozenset({
    # Korean
    "kim", "lee", "yi", "rhee", "park", "pak", "choi", "choe", "jung", "jeong", "chung", "kang", "cho",
    "jo", "yoon", "yun", "jang", "lim", "im", "han", "oh", "seo", "suh", "shin", "kwon", "hwang", "ahn",
    "ryu", "yoo", "hong", "jeon", "chun", "ko", "koh", "moon", "mun", "son", "bae", "baek", "paik", "heo",
    "hur", "nam", "noh", "roh", "ha", "ban", "wi", "woo", "won", "min", "ju", "chu", "cha", "byun",
    # Chinese
    "xi", "li", "wang", "zhang", "liu", "chen", "zhao", "huang", "zhou", "wu", "xu", "sun", "hu", "zhu",
    "gao", "lin", "guo", "ma", "luo", "liang", "zheng", "xie", "tang", "feng", "dong", "xiao", "cao",
    "yuan", "deng", "fu", "shen", "zeng", "peng", "lu", "su", "jiang", "cai", "jia", "ding", "wei", "ye",
    "qin", "qian", "pan", "tian", "yao", "tsai", "lai", "mao", "yang", "song", "chang",
    # Vietnamese
    "nguyen", "tran", "pham", "hoang", "vu", "vo", "bui", "ngo", "duong",
})  # fmt: skip
# Lower-case particles that belong to a Western family name.
SURNAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "del",
        "dos",
        "al",
        "el",
        "bin",
        "ibn",
        "la",
        "le",
        "ter",
        "st",
    }
)
ORG_SUFFIXES = frozenset({"inc", "co", "corp", "corporation", "ltd", "llc", "plc", "ag", "sa", "group"})

_POSSESSIVE = re.compile(r"['’]s?$")
_JOINERS = re.compile(r"['’.`´]")
_SEPARATORS = re.compile(r"[^0-9a-z&]+")
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9&]{1,9}|(?:[A-Z]\.){2,9})$")
_NOT_WORD = re.compile(r"[\W_]+")
# Transliteration skeleton: digraphs and letters that swap between romanisations.
_SKELETON_STEPS = (
    ("dh", "d"),
    ("th", "t"),
    ("kh", "k"),
    ("ph", "f"),
    ("q", "k"),
    ("g", "k"),
    ("c", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("w", "v"),
)


@dataclass(slots=True, frozen=True)
class MatchDecision:
    """Whether two names are one entity, how sure (0-1), and the rule that decided."""

    match: bool
    score: float
    rule: str


def strip_title(name: str) -> tuple[str | None, str]:
    """Split off leading titles: "Prime Minister Sanae Takaichi" -> ("Prime Minister", "Sanae Takaichi").

    Up to :data:`MAX_TITLE_PREFIX_WORDS` capitalised words may precede the first title ("Chinese
    President", "Fed Chair"); at least one word is always left as the name.
    """
    words = name.split()
    lowered = [_JOINERS.sub("", w).casefold() for w in words]
    taken = 0
    for prefix in range(min(MAX_TITLE_PREFIX_WORDS, len(words) - 2) + 1):
        if all(w[:1].isupper() for w in words[:prefix]) and _title_width(lowered, prefix, len(words)):
            taken = prefix
            break
    else:
        return None, name.strip()
    while taken < len(words) - 1:
        if lowered[taken] in TITLE_MODIFIERS:
            taken += 1
            continue
        width = _title_width(lowered, taken, len(words))
        if not width:
            break
        taken += width
    if not taken:
        return None, name.strip()
    return " ".join(words[:taken]), " ".join(words[taken:])


def _title_width(lowered: list[str], start: int, end: int) -> int:
    """Words in the title phrase (after optional modifiers) at ``start`` that leave a name word, else 0."""
    width = 0
    while start + width < end - 1 and lowered[start + width] in TITLE_MODIFIERS:
        width += 1
    for size in range(MAX_TITLE_WORDS, 0, -1):
        if start + width + size < end and " ".join(lowered[start + width : start + width + size]) in TITLES:
            return width + size
    return 0


def normalise_name(name: str, *, label: str | None = None) -> str:
    """Comparison key: no possessive, no title (persons), accents folded, lower case, one space per gap.

    Titles are stripped only when ``label`` is None or "PERSON" ("General Motors" stays whole as ORG).
    """
    text = _POSSESSIVE.sub("", name.strip())
    if OTHER_SCRIPT.search(text):  # Hangul, kana, kanji: the name as written (folding would empty it)
        return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())
    if label in (None, "PERSON"):
        text = strip_title(text)[1]
    key = _SEPARATORS.sub(" ", _JOINERS.sub("", fold_accents(text))).strip()
    if label not in (None, "PERSON"):
        words = key.split()
        if words and words[0] == "the":
            words = words[1:]
        while len(words) > 1 and words[-1] in ORG_SUFFIXES:
            words = words[:-1]
        key = " ".join(words)
    return key


def _person_tokens(name: str) -> list[str]:
    """Name tokens without initials ("George W. Bush" -> ["george", "bush"])."""
    tokens = normalise_name(name, label="PERSON").split()
    return [t for t in tokens if len(t) > 1] or tokens


def family_name(name: str) -> str:
    """The family name by the order heuristic in the module docstring ("Lee Jae Myung" -> "lee")."""
    return _family(_person_tokens(name))


def _family(tokens: list[str]) -> str:
    if not tokens:
        return ""
    if len(tokens) > 1 and tokens[0] in FAMILY_FIRST_NAMES:
        return tokens[0]
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1] in SURNAME_PARTICLES:
        start -= 1
    return " ".join(tokens[start:])


def _skeleton(token: str) -> str:
    """Romanisation-insensitive form: "Gaddafi", "Qaddafi", "Kadhafi" -> "kadafi"."""
    for old, new in _SKELETON_STEPS:
        token = token.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", token)


def _tokens_similar(a: str, b: str) -> float:
    """Similarity 0-100 of two name tokens: spelling ratio, or 100 for equal skeletons of long tokens."""
    if a == b:
        return 100.0
    if min(len(a), len(b)) >= MIN_SKELETON_LENGTH and _skeleton(a) == _skeleton(b):
        return 100.0
    return float(fuzz.ratio(a, b))


def _surname_only(short: str, full: list[str]) -> MatchDecision:
    """A lone name against a full one: equal to its family name, or a long close variant of it."""
    family = _family(full)
    core = family.split()[-1]
    if short in (family, core):
        return MatchDecision(True, 0.9, "surname")
    similarity = _tokens_similar(short, core)
    if min(len(short), len(core)) >= MIN_VARIANT_LENGTH and similarity >= SURNAME_VARIANT_RATIO:
        return MatchDecision(True, similarity / 100 * 0.9, "surname_variant")
    return MatchDecision(False, similarity / 100, "surname_mismatch")


def _lone_names(a: str, b: str) -> MatchDecision:
    """Two one-word names: only long, uncommon names may match as spelling variants."""
    similarity = _tokens_similar(a, b)
    if a in COMMON_GIVEN_NAMES or b in COMMON_GIVEN_NAMES:
        return MatchDecision(False, similarity / 100, "ambiguous_single_name")
    if min(len(a), len(b)) >= MIN_VARIANT_LENGTH and similarity >= SURNAME_VARIANT_RATIO:
        return MatchDecision(True, similarity / 100, "spelling_variant")
    return MatchDecision(False, similarity / 100, "different_names")


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(token in remaining for token in short)


def _same_person(a: str, b: str) -> MatchDecision:
    """Person rules: spacing, per-token spelling variants, surname-only short forms, dropped middle names."""
    ta, tb = _person_tokens(a), _person_tokens(b)
    if not ta or not tb:
        return MatchDecision(False, 0.0, "empty")
    if ta == tb:  # equal once initials are dropped: "George W. Bush" / "George Bush"
        return MatchDecision(True, 0.95, "initials_dropped")
    if "".join(ta) == "".join(tb):  # "Lee Jae-myung" / "Lee Jaemyung"
        return MatchDecision(True, 0.99, "spacing")
    if len(ta) == len(tb):
        if len(ta) == 1:
            return _lone_names(ta[0], tb[0])
        worst = min(_tokens_similar(x, y) for x, y in zip(ta, tb, strict=True))
        if worst >= TOKEN_RATIO:
            return MatchDecision(True, worst / 100, "spelling_variant")
        return MatchDecision(False, worst / 100, "different_tokens")
    short, long = sorted((ta, tb), key=len)
    if len(short) == 1:
        return _surname_only(short[0], long)
    if short[0] == long[0] and short[-1] == long[-1] and _is_subsequence(short, long):
        return MatchDecision(True, 0.9, "middle_name")  # "Hillary Clinton" / "Hillary Rodham Clinton"
    if short[0] in SURNAME_PARTICLES and long[-len(short) :] == short:
        return MatchDecision(True, 0.9, "surname")  # "von der Leyen" / "Ursula von der Leyen"
    return MatchDecision(False, 0.0, "different_tokens")


def _acronym_rule(a: str, b: str, definitions: Mapping[str, str] | None) -> MatchDecision | None:
    for short, full in ((a.strip(), b), (b.strip(), a)):
        if not _ACRONYM.match(short):
            continue
        letters = short.replace(".", "")
        expansion = (definitions or {}).get(letters)
        if expansion and normalise_name(expansion, label="ORG") == normalise_name(full, label="ORG"):
            return MatchDecision(True, 0.95, "defined_acronym")
        if is_acronym_of(letters, full):
            return MatchDecision(True, 0.9, "acronym")
    return None


def same_entity(
    a: str, b: str, *, label: str, label_b: str | None = None, definitions: Mapping[str, str] | None = None
) -> MatchDecision:
    """Whether names ``a`` and ``b`` (spaCy labels ``label`` and ``label_b``, default equal) are one entity.

    ``definitions`` are the article's :func:`acronym_definitions`. Across labels only the acronym rule
    applies, and only when one side is ORG. Callers restrict surname-only matches to one article or to
    a unique full name.
    """
    other = label_b or label
    if label != other:
        if "ORG" in (label, other):
            return _acronym_rule(a, b, definitions) or MatchDecision(False, 0.0, "different_labels")
        return MatchDecision(False, 0.0, "different_labels")
    na, nb = normalise_name(a, label=label), normalise_name(b, label=label)
    if not na or not nb:
        return MatchDecision(False, 0.0, "empty")
    if na == nb:
        return MatchDecision(True, 1.0, "identical")
    if label == "PERSON":
        return _same_person(a, b)
    if label == "ORG":
        acronym = _acronym_rule(a, b, definitions)
        if acronym is not None:
            return acronym
    if na.replace(" ", "") == nb.replace(" ", ""):
        return MatchDecision(True, 0.99, "spacing")
    if label == "GPE":
        # Countries go by many names ("US", "U.S.", "United States"): one ISO code, one entity.
        from newsweave.analysis.countries import country_code

        code = country_code(a)
        if code is not None and code == country_code(b):
            return MatchDecision(True, 0.98, "same_country")
    return MatchDecision(False, fuzz.ratio(na, nb) / 100, "different")


# An alias written as an acronym ("US", "U.N.", "CPTPP"): a short form, whatever its word count.
_ACRONYM_ALIAS = re.compile(r"^(?:[A-Z]\.?){2,8}$|^[A-Z][A-Z&]+[a-z]?$")


def choose_canonical(aliases: Mapping[str, int], *, label: str | None = None) -> str:
    """The display name of an entity from its aliases and how many articles use each.

    The most used *full* name wins: a person's name of two words or more (titles dropped), any other
    entity's name that is not an acronym; then the fullest, then one with diacritics ("Erdoğan" over
    "Erdogan"), then the longer, then the alphabetically first. A stray long alias one article gave
    ("Apple AirPods 2 Wireless Earphones" beside "Apple" in nine) does not become the name. So
    {"Lee": 9, "Lee Jae Myung": 2, "Lee Jae-myung": 5} -> "Lee Jae-myung"; {"US": 8, "United States": 5}
    -> "United States". Short forms are chosen only when the entity has no full name.
    """
    if not aliases:
        raise ValueError("choose_canonical needs at least one alias")

    def bare(alias: str) -> str:
        return strip_title(alias)[1] if label in (None, "PERSON") else alias.strip()

    def rank(alias: str) -> tuple[bool, int, int, bool, int, str]:
        words = len(normalise_name(alias, label=label).split())
        full = words >= 2 if label in (None, "PERSON") else not _ACRONYM_ALIAS.match(alias.strip())
        return (not full, -aliases[alias], -words, alias.isascii(), -len(alias), alias)

    return bare(min(aliases, key=rank))
