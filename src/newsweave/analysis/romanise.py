"""Latin spellings of Korean and Japanese names, and a sound key that compares them with English ones.

English reports write 이재명 as "Lee Jae Myung" or "Lee Jae-myung", 위성락 as "Wi Sung-lac", 다카이치 사나에
and 高市早苗 (read タカイチ サナエ) as "Sanae Takaichi": no romanisation system gives the English spelling
back, so names are compared by sound, not by spelling:

- Hangul is romanised syllable by syllable with the Revised Romanization's letters (the syllable
  arithmetic of Unicode's Hangul block, no table of words); a Korean surname is also given the spellings
  Koreans use in English ("이" as Lee, Yi, Rhee), from :data:`KOREAN_SURNAMES`.
- Kana is romanised in Hepburn (katakana names, and the readings the Japanese dictionary gives kanji).
- :func:`sound_key` reduces a Latin spelling to its consonants, in classes that these systems and
  English spellings confuse (g/k, d/t, b/p, r/l, j/ch/z, eo/u...): "Myung", "Myeong" and "myon" share
  "mn"; "Sung-lac" and "seong rak" share "snlk". Equal keys are a candidate, never a decision: the
  resolver asks for another signal (``analysis.cross_script``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

__all__ = [
    "HANGUL",
    "KOREAN_SURNAMES",
    "OTHER_SCRIPT",
    "hangul_to_latin",
    "is_latin",
    "kana_to_latin",
    "korean_name_forms",
    "person_sound_keys",
    "romanised_word_forms",
    "sound_key",
]

# Letters of the scripts Korean and Japanese write names in: Hangul syllables, and kana and CJK
# ideographs (Japanese; Korean reports' hanja too). One definition for every module that asks.
HANGUL = re.compile(r"[\uac00-\ud7a3]")
OTHER_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")
# Hangul syllables U+AC00..U+D7A3 are (initial * 21 + medial) * 28 + final (Unicode 15, section 3.12).
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_INITIALS = (
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
)
_MEDIALS = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
    "yu", "eu", "ui", "i",
)  # fmt: skip
# Final consonants as the Revised Romanization writes them at the end of a syllable.
_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
    "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip

# Korean surnames and the spellings their bearers use in English, the most common first: the surnames of
# 100,000+ people in the 2015 South Korean census, with the spellings given in Wikipedia's "List of
# Korean surnames" (its romanisation columns and common-usage notes). "이" is I in the Revised
# Romanization but Lee in nearly every English report.
KOREAN_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"), "이": ("lee", "yi", "rhee", "i"), "박": ("park", "pak", "bak"),
    "최": ("choi", "choe"), "정": ("jung", "chung", "jeong"), "강": ("kang", "gang"),
    "조": ("cho", "jo"), "윤": ("yoon", "yun"), "장": ("jang", "chang"), "임": ("lim", "im", "yim"),
    "한": ("han",), "오": ("oh", "o"), "서": ("seo", "suh"), "신": ("shin", "sin"),
    "권": ("kwon", "gwon"), "황": ("hwang",), "안": ("ahn", "an"), "송": ("song",),
    "전": ("jeon", "chun", "jun"), "홍": ("hong",), "유": ("yoo", "yu", "you"), "류": ("ryu", "yoo", "yu"),
    "고": ("ko", "koh", "go"), "문": ("moon", "mun"), "양": ("yang",), "손": ("son", "sohn"),
    "배": ("bae", "pae"), "백": ("baek", "paik", "paek"), "허": ("heo", "huh", "hur"),
    "남": ("nam",), "심": ("shim", "sim"), "노": ("roh", "noh", "no"), "하": ("ha",),
    "곽": ("kwak", "gwak"), "성": ("sung", "seong"), "차": ("cha",), "주": ("joo", "ju", "chu"),
    "우": ("woo", "u"), "구": ("koo", "gu", "ku"), "민": ("min",), "진": ("jin", "chin"),
    "나": ("na", "ra"), "지": ("ji", "chi"), "엄": ("eom", "um", "uhm"), "채": ("chae",),
    "원": ("won", "weon"), "천": ("cheon", "chun"), "방": ("bang", "pang"), "공": ("kong", "gong"),
    "현": ("hyun", "hyeon"), "함": ("ham",), "변": ("byun", "byeon"), "염": ("yeom", "yum"),
    "여": ("yeo", "yu"), "추": ("choo", "chu"), "도": ("do", "doh"), "소": ("so",),
    "석": ("seok", "suk"), "선": ("sun", "seon"), "설": ("seol", "sul"), "마": ("ma",),
    "길": ("gil", "kil"), "연": ("yeon", "yun"), "위": ("wi", "wee"), "표": ("pyo",),
    "명": ("myung", "myeong"), "기": ("ki", "gi"), "반": ("ban",), "왕": ("wang",),
    "금": ("keum", "geum"), "옥": ("ok",), "육": ("yook", "yuk"), "인": ("in",), "맹": ("maeng",),
    "제": ("je", "jae"), "모": ("mo",), "탁": ("tak",), "국": ("kook", "guk"), "어": ("eo", "uh"),
    "남궁": ("namgoong", "namgung"), "황보": ("hwangbo",), "제갈": ("jegal",), "선우": ("sunwoo", "seonu"),
    "독고": ("dokgo",), "사공": ("sagong",),
}  # fmt: skip
_COMPOUND_SURNAMES = frozenset(s for s in KOREAN_SURNAMES if len(s) == 2)
# Every English spelling of a surname, to the Hangul it spells (a katakana "イ" romanises to "i").
_SURNAME_OF_SPELLING: dict[str, set[str]] = {}
for _hangul, _spellings in KOREAN_SURNAMES.items():
    for _spelling in _spellings:
        _SURNAME_OF_SPELLING.setdefault(_spelling, set()).add(_hangul)

# Hepburn romaji of katakana (hiragana is shifted onto katakana first); digraphs before single kana.
_KANA_DIGRAPHS = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho", "シェ": "she",
    "チャ": "cha", "チュ": "chu", "チョ": "cho", "チェ": "che", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo",
    "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ジェ": "je", "ビャ": "bya", "ビュ": "byu", "ビョ": "byo",
    "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo", "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ティ": "ti",
    "ディ": "di", "トゥ": "tu", "ドゥ": "du", "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo",
    "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo", "ツァ": "tsa", "イェ": "ye", "クァ": "kwa",
    "グァ": "gwa",
}  # fmt: skip
_KANA_LETTERS = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴァィゥェォャュョ"
)
_KANA_LATIN = (
    "a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se", "so",
    "ta", "chi", "tsu", "te", "to", "na", "ni", "nu", "ne", "no", "ha", "hi", "fu", "he", "ho",
    "ma", "mi", "mu", "me", "mo", "ya", "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa", "o", "n",
    "ga", "gi", "gu", "ge", "go", "za", "ji", "zu", "ze", "zo", "da", "ji", "zu", "de", "do",
    "ba", "bi", "bu", "be", "bo", "pa", "pi", "pu", "pe", "po", "vu", "a", "i", "u", "e", "o",
    "ya", "yu", "yo",
)  # fmt: skip
_KANA = dict(zip(_KANA_LETTERS, _KANA_LATIN, strict=True))
_HIRAGANA_TO_KATAKANA = 0x60
# Separators inside a katakana name ("イ・ジェミョン") and between a name's words.
_NAME_SEPARATORS = re.compile(r"[\s・･·=＝\-‐]+")

# Sound classes (see the module docstring): digraphs first, then letters; vowels, y and h go.
_DIGRAPHS = (("tch", "j"), ("ck", "k"), ("ph", "p"), ("sh", "s"), ("ch", "j"), ("ts", "s"), ("ng", "n"))
_LETTERS = str.maketrans("cqgbfvdzrx", "kkkppptjlk", "aeiouyh")
_REPEATS = re.compile(r"(.)\1+")
_NOT_LETTERS = re.compile(r"[^a-z]+")


def is_latin(name: str) -> bool:
    """Whether every letter of ``name`` is Latin (accents allowed): an English-report spelling."""
    if name.isascii():  # nearly every name the resolver sees
        return any(char.isalpha() for char in name)
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(char, "") for char in letters)


def hangul_to_latin(text: str) -> str:
    """Revised Romanization letters of each Hangul syllable, the rest as it is ("위성락" -> "wiseongrak")."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if _HANGUL_FIRST <= code <= _HANGUL_LAST:
            index = code - _HANGUL_FIRST
            initial, rest = divmod(index, 21 * 28)
            medial, final = divmod(rest, 28)
            out.append(_INITIALS[initial] + _MEDIALS[medial] + _FINALS[final])
        else:
            out.append(char)
    return "".join(out)


def kana_to_latin(text: str) -> str:
    """Hepburn romaji of hiragana and katakana ("タカイチ" -> "takaichi", "ウィ・ソンラク" -> "wi・sonraku").

    A small ッ doubles the next consonant, ー lengthens nothing (English spellings drop it); other
    characters are kept as they are.
    """
    katakana = "".join(chr(ord(c) + _HIRAGANA_TO_KATAKANA) if "ぁ" <= c <= "ゖ" else c for c in text)
    out: list[str] = []
    double = False
    i = 0
    while i < len(katakana):
        pair, char = katakana[i : i + 2], katakana[i]
        if pair in _KANA_DIGRAPHS:
            latin, i = _KANA_DIGRAPHS[pair], i + 2
        elif char in _KANA:
            latin, i = _KANA[char], i + 1
        elif char in "ッっ":
            double, i = True, i + 1
            continue
        elif char == "ー":
            i += 1
            continue
        else:
            latin, i = char, i + 1
        if double and latin[:1].isalpha() and latin[0] not in "aeiou":
            latin = latin[0] + latin
        double = False
        out.append(latin)
    return "".join(out)


def korean_name_forms(hangul: str) -> list[list[str]]:
    """The Latin forms of a Korean name, as [surname, given name] word lists, every English spelling of
    the surname ("이재명" -> [["lee", "jaemyeong"], ["yi", "jaemyeong"], ...]). A name of several words
    ("다카이치 사나에", a Japanese name in Hangul) is romanised word by word."""
    words = [word for word in _NAME_SEPARATORS.split(hangul.strip()) if word]
    if len(words) != 1:
        return [[hangul_to_latin(word) for word in words]] if words else []
    word = words[0]
    surname = word[:2] if word[:2] in _COMPOUND_SURNAMES and len(word) > 3 else word[:1]
    given = word[len(surname) :]
    if surname not in KOREAN_SURNAMES or not given:
        return [[hangul_to_latin(word)]]
    return [[spelling, hangul_to_latin(given)] for spelling in KOREAN_SURNAMES[surname]]


def romanised_word_forms(words: Sequence[str]) -> list[list[str]]:
    """Word lists for a name already in Latin letters from kana (["i", "jemyon"]), with every English
    spelling of a first word that spells a Korean surname (Japanese reports give Korean names in kana)."""
    if not words:
        return []
    forms = [list(words)]
    for hangul in sorted(_SURNAME_OF_SPELLING.get(words[0], set())):
        forms += [[spelling, *words[1:]] for spelling in KOREAN_SURNAMES[hangul] if spelling != words[0]]
    return forms


def sound_key(latin: str) -> str:
    """The consonant skeleton of a Latin spelling, in sound classes ("Sung-lac" -> "snlk")."""
    text = _NOT_LETTERS.sub(
        "", unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode().lower()
    )
    for digraph, sound in _DIGRAPHS:
        text = text.replace(digraph, sound)
    return _REPEATS.sub(r"\1", text.translate(_LETTERS))


def person_sound_keys(words: Sequence[str]) -> set[str]:
    """Sound keys of a person's name in both orders: as written and with the last word first ("Sanae
    Takaichi" gives the key of "Takaichi Sanae" too, the order Korean and Japanese write)."""
    words = [word for word in words if word]
    if not words:
        return set()
    orders: Iterable[Sequence[str]] = (words, [words[-1], *words[:-1]]) if len(words) > 1 else (words,)
    return {sound_key("".join(order)) for order in orders}
