"""Names of people and places in Korean and Japanese reports, as mentions the entity resolver takes.

No Korean or Japanese NER model ships inside a PyPI package (spaCy's ``ko``/``ja`` pipelines are
downloads; the PyPI names are placeholders), so names come from the morphological analysers that do ship
with their dictionaries: Kiwi for Korean (its NNP proper-noun tag) and Sudachi's core dictionary for
Japanese (proper nouns typed person name / family name / given name / place). A name becomes a mention
only with a type:

- a **person** when an office or honorific follows it ("이재명 대통령", "다카이치 사나에 일본 총리",
  "高市首相", "魏聖洛（ウィ・ソンラク）国家安保室長"), when Sudachi reads it as a family name followed by a
  given name ("高市" "早苗") or as a whole person's name ("李在明"), or when a kanji name is followed by
  its reading in katakana in brackets, as Japanese reports give Korean and Chinese names; a name typed
  once is a person in the whole article ("이재명" without an office, after "이재명 대통령");
- a **place** when the Korean/Japanese place tables know it (:mod:`newsweave.analysis.cjk_places`).

Other proper nouns (a treaty's name, a temple, a mine) are left out rather than given a guessed type.
"""

from __future__ import annotations

import bisect
import re
import threading
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsweave.analysis.cjk_places import cjk_place
from newsweave.analysis.romanise import HANGUL, KOREAN_SURNAMES
from newsweave.data import Mention, Sentence

if TYPE_CHECKING:
    from kiwipiepy import Kiwi
    from sudachipy import Tokenizer

__all__ = ["JAPANESE_OFFICES", "KOREAN_OFFICES", "find_mentions_cjk"]

# Offices and honorifics written after a person's name (Korean and Japanese order).
KOREAN_OFFICES = (
    "대통령", "총리", "수상", "장관", "차관", "실장", "대변인", "의원", "대표", "위원장", "총재", "회장",
    "사장", "주석", "총통", "국왕", "여왕", "대사", "지사", "시장", "외무상", "외상", "비서관", "수석",
    "특사", "총장", "원장", "청장", "교수", "감독", "선수", "사령관", "장군", "당선인", "씨", "여사",
)  # fmt: skip
JAPANESE_OFFICES = (
    "首相", "大統領", "総理", "大臣", "長官", "室長", "外相", "氏", "さん", "議員", "代表", "委員長",
    "知事", "市長", "大使", "報道官", "国王", "女王", "主席", "総統", "会長", "社長", "首席", "補佐官",
    "特使", "次官", "局長", "教授", "監督", "選手", "司令官", "総裁", "幹事長",
)  # fmt: skip
# Particles after an office ("대통령과", "총리가", "실장에 따르면"): the office ends the word, so "대사관"
# (an embassy) is no "대사" (ambassador).
KOREAN_PARTICLES = (
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "으로", "에게", "께서", "에서",
    "과의", "와의", "으로서", "로서", "이자", "이며", "이었던", "인", "만", "측",
)  # fmt: skip
_KOREAN_OFFICE_WORD = re.compile(
    "^[\uac00-\ud7a3]*(?:" + "|".join(KOREAN_OFFICES) + ")(?:" + "|".join(KOREAN_PARTICLES) + ")?$"
)
# How often a name of Korean shape must be written before it is taken for a person without an office.
KOREAN_NAME_REPEATS = 2
_HANGUL_WORD = re.compile(r"^[\uac00-\ud7a3]+$")
# Sudachi refuses a longer input ("Input is too long, it can't be more than 49149 bytes"); a margin kept.
SUDACHI_MAX_BYTES = 48_000
# How far after a name its office may start: "다카이치 사나에 일본 총리" puts a country between them.
KOREAN_OFFICE_WORDS = 2
# A katakana reading in brackets right after a kanji name: "李在明（イ・ジェミョン）". A Korean or Chinese
# name's reading has a dot between family and given name; a word's gloss has none
# ("覚醒剤（メタンフェタミン）").
KATAKANA_READING = re.compile(
    r"\s*[（(]([\u30a0-\u30fa\u30fc-\u30ff]+[・･][\u30a0-\u30fa\u30fc-\u30ff・･]+)[）)]"
)
# Japanese reports join the words of a foreign name with a middle dot: "アダム・ニューマン".
NAME_JOINERS = frozenset("・･＝=")
# A Japanese noun compound after a name (kanji and katakana, no kana particles): "国家安保室長".
_JAPANESE_COMPOUND = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ffさん]+")
_KANJI_RUN = re.compile(r"[\u4e00-\u9fff]{2,4}$")
_LOCK = threading.Lock()


@dataclass(slots=True)
class _Name:
    start: int
    end: int
    label: str | None  # None: not typed yet


def find_mentions_cjk(text: str, language: str, sentences: list[Sentence]) -> list[Mention]:
    """The typed person and place names of a Korean ("ko") or Japanese ("ja") text, in text order."""
    if language == "ko":
        names = list(_korean_names(text))
    elif language == "ja":
        names = _joined(text, list(_japanese_names(text)))
    else:
        return []
    typed: dict[str, str] = {}
    for name in names:
        if name.label == "PERSON":
            typed[text[name.start : name.end]] = "PERSON"
    mentions: list[Mention] = []
    starts = [sentence.start for sentence in sentences]
    for name in names:
        surface = text[name.start : name.end]
        label = name.label or typed.get(surface) or ("GPE" if cjk_place(surface) is not None else None)
        if label is None or (label == "GPE" and language == "ko" and _glued_after_hangul(text, name.start)):
            continue
        sentence = max(bisect.bisect_right(starts, name.start) - 1, 0)
        mentions.append(Mention(name.start, name.end, surface, label, sentence))
    return mentions


def _joined(text: str, names: list[_Name]) -> list[_Name]:
    """Names whose words the report joins with a middle dot, as one ("アダム" "・" "ニューマン")."""
    joined: list[_Name] = []
    for name in names:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label == name.label == "PERSON"
            and text[last.end : name.start] in NAME_JOINERS
        ):
            last.end = name.end
        else:
            joined.append(name)
    return joined


@cache
def _kiwi() -> Kiwi:
    from kiwipiepy import Kiwi

    # 0: this thread only (the analysis stage has its own worker processes). Kiwi warns that 0 meant
    # "every core" before 0.21; the pinned version reads it as one thread.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return Kiwi(num_workers=0)


@cache
def _sudachi() -> Tokenizer:
    from sudachipy import Dictionary

    return Dictionary(dict="core").tokenizer()  # split mode C: the longest units, a name whole


def _korean_names(text: str) -> Iterator[_Name]:
    """Runs of Kiwi's proper nouns joined by spaces ("다카이치 사나에"), typed as ``_typed_korean_run``
    says; a word of a Korean name's shape written twice is a person (``_korean_name_shape``)."""
    with _LOCK:  # one Kiwi per process; its tokenizer is not documented as thread-safe
        tokens = [(token.start, token.start + token.len, token.tag) for token in _kiwi().tokenize(text)]
    runs: list[list[tuple[int, int]]] = []
    previous_end: int | None = None
    for start, end, tag in tokens:
        if tag != "NNP":
            previous_end = None
            continue
        if previous_end is not None and not text[previous_end:start].strip():
            runs[-1].append((start, end))
        else:
            runs.append([(start, end)])
        previous_end = end
    alone = Counter(
        text[run[0][0] : run[0][1]] for run in runs if len(run) == 1 and _whole_word(text, *run[0])
    )
    typed = [_typed_korean_run(text, run, set(alone)) for run in runs]
    # A name's last word alone, once the full name is a person's ("뉴먼" after "애덤 뉴먼").
    surnames = {text[n.start : n.end].split()[-1] for names in typed for n in names if n.label == "PERSON"}
    for names in typed:
        for name in names:
            word = text[name.start : name.end]
            if name.label is None and (word in surnames or _korean_name_shape(word, alone[word])):
                name.label = "PERSON"
            yield name


def _glued_after_hangul(text: str, start: int) -> bool:
    """Whether a word starts inside a Korean word ("아시아" of "이매진아시아", a company)."""
    return start > 0 and bool(HANGUL.match(text[start - 1]))


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether a Korean name is a word of its own: not glued after Hangul, and followed by a space,
    punctuation or a particle only ("류화영의", not "정덕" of "정덕현의")."""
    if _glued_after_hangul(text, start):
        return False
    rest = re.match(r"[\uac00-\ud7a3]*", text[end:])
    return not rest or not rest[0] or rest[0] in KOREAN_PARTICLES


def _korean_name_shape(word: str, times: int) -> bool:
    """A Korean person's name by its shape: a surname and a one- or two-syllable given name ("류화영"),
    written as a name at least :data:`KOREAN_NAME_REPEATS` times, and no place. Entertainment and
    sports reports name people without an office ("남상미 연기가"); one use alone is as often a
    peninsula, a mine or a brand that starts with a surname's syllable."""
    if times < KOREAN_NAME_REPEATS or not 2 <= len(word) <= 4 or not _HANGUL_WORD.match(word):
        return False
    surname = word[:2] if word[:2] in KOREAN_SURNAMES and len(word) == 4 else word[:1]
    return surname in KOREAN_SURNAMES and len(word) - len(surname) in (1, 2) and cjk_place(word) is None


def _typed_korean_run(text: str, run: list[tuple[int, int]], alone: set[str]) -> list[_Name]:
    """The names of one run of proper nouns: places at either end apart ("다카이치 사나에 일본 총리",
    "미국 뉴욕"); the rest a person when an office follows, or when it has several words and the report
    also writes its last word alone (a surname: "애덤 뉴먼" ... "뉴먼"); else left untyped."""
    run = list(run)
    leading: list[tuple[int, int]] = []
    trailing: list[tuple[int, int]] = []
    while len(run) > 1 and cjk_place(text[run[0][0] : run[0][1]]) is not None:
        leading.append(run.pop(0))
    while len(run) > 1 and cjk_place(text[run[-1][0] : run[-1][1]]) is not None:
        trailing.insert(0, run.pop())
    start, end = run[0][0], run[-1][1]
    after = trailing[0][0] if trailing else end
    person = cjk_place(text[start:end]) is None and (
        _korean_office_follows(text, after) or (len(run) > 1 and text[run[-1][0] : run[-1][1]] in alone)
    )
    middle = [_Name(start, end, "PERSON")] if person else [_Name(a, b, None) for a, b in run]
    return [_Name(a, b, None) for a, b in leading] + middle + [_Name(a, b, None) for a, b in trailing]


def _korean_office_follows(text: str, end: int) -> bool:
    """Whether one of the next words is an office; only a place may stand between ("일본 총리")."""
    for word in re.split(r"[\s·,]+", text[end : end + 40])[:KOREAN_OFFICE_WORDS]:
        if _KOREAN_OFFICE_WORD.match(word):
            return True
        if word and cjk_place(word) is None:
            return False
    return False


def _japanese_names(text: str) -> Iterator[_Name]:
    """Persons and places from Sudachi's proper nouns, and kanji names followed by a katakana reading."""
    morphemes = _sudachi_morphemes(text)
    taken_until = 0
    i = 0
    while i < len(morphemes):
        start, end, pos = morphemes[i]
        i += 1
        if start < taken_until:
            continue
        name = _kanji_name_with_reading(text, start)
        bracket = KATAKANA_READING.match(text, name.end) if name is not None else None
        if name is not None and bracket is not None:
            taken_until = bracket.end()
            yield name
            yield _Name(bracket.start(1), bracket.end(1), "PERSON")  # the reading, a spelling of its own
            continue
        if pos[1] != "固有名詞":
            continue
        kind, detail = pos[2], pos[3]
        if kind == "人名" and detail == "姓" and i < len(morphemes) and morphemes[i][2][3] == "名":
            end = morphemes[i][1]  # family name + given name: "高市" "早苗"
            i += 1
            yield _Name(start, end, "PERSON")
        elif kind == "人名" and detail == "一般":
            yield _Name(start, end, "PERSON")
        elif kind in ("人名", "地名") and _japanese_office_follows(text, end):
            yield _Name(start, end, "PERSON")  # "高市首相": Sudachi types 高市 a place as often
        elif kind == "地名":
            yield _Name(start, end, None)


def _sudachi_morphemes(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, part of speech) of each morpheme, the text read in pieces Sudachi accepts (it
    refuses an input over :data:`SUDACHI_MAX_BYTES`): whole lines where they fit, else sentences, else
    a cut by characters."""
    found: list[tuple[int, int, tuple[str, ...]]] = []
    with _LOCK:
        tokenizer = _sudachi()
        for offset, piece in _pieces(text, SUDACHI_MAX_BYTES):
            found.extend(
                (offset + m.begin(), offset + m.end(), m.part_of_speech()) for m in tokenizer.tokenize(piece)
            )
    return found


def _pieces(text: str, max_bytes: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) of ``text`` in pieces of at most ``max_bytes`` UTF-8 bytes, cut after the last
    line break that fits, else after the last sentence end, else between characters."""
    start = 0
    while start < len(text):
        end, size, line_cut, sentence_cut = start, 0, -1, -1
        while end < len(text):
            size += len(text[end].encode("utf-8"))
            if size > max_bytes:
                break
            end += 1
            if text[end - 1] == "\n":
                line_cut = end
            elif text[end - 1] in "。！？!?":
                sentence_cut = end
        if end < len(text):
            cut = line_cut if line_cut > start else sentence_cut
            end = cut if cut > start else end
        yield start, text[start:end]
        start = end


def _kanji_name_with_reading(text: str, start: int) -> _Name | None:
    """The kanji name starting at ``start`` when a katakana reading in brackets follows it."""
    for end in range(start + 4, start + 1, -1):
        if end <= len(text) and _KANJI_RUN.match(text[start:end]) and KATAKANA_READING.match(text, end):
            return _Name(start, end, "PERSON")
    return None


def _japanese_office_follows(text: str, end: int) -> bool:
    reading = KATAKANA_READING.match(text, end)
    compound = _JAPANESE_COMPOUND.match(text, reading.end() if reading else end)
    return compound is not None and compound[0].endswith(JAPANESE_OFFICES)  # "大使館" is no "大使"


def katakana_reading_after(text: str, end: int) -> str | None:
    """The katakana reading in brackets right after a name ("（イ・ジェミョン）"), else None."""
    found = KATAKANA_READING.match(text, end)
    return found[1] if found else None


def japanese_readings(name: str) -> list[str]:
    """Sudachi's katakana reading of each part of a Japanese name ("高市早苗" -> ["タカイチ", "サナエ"])."""
    with _LOCK:
        return [m.reading_form() for m in _sudachi().tokenize(name)]
