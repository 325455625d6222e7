"""One person or place across Hangul, kana/kanji and Latin spellings: romanisation, the names found in
Korean and Japanese reports, and the resolver's rule that a link by sound needs a second signal."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.analysis.cjk_places import cjk_place
from newsweave.analysis.cross_script import shortens, sound_keys
from newsweave.analysis.entities import EntityResolver
from newsweave.analysis.mentions_cjk import find_mentions_cjk
from newsweave.analysis.romanise import hangul_to_latin, kana_to_latin, korean_name_forms
from newsweave.data import Entity, Mention

DATA = Path(__file__).resolve().parents[1] / "data" / "multilingual"


def test_hangul_and_kana_are_romanised_letter_by_letter() -> None:
    assert hangul_to_latin("위성락") == "wiseongrak"
    assert hangul_to_latin("다카이치 사나에") == "dakaichi sanae"
    assert kana_to_latin("タカイチ") == "takaichi"
    assert kana_to_latin("イ・ジェミョン") == "i・jemyon"
    assert kana_to_latin("ほっかいどう") == "hokkaidou"  # small tsu doubles; hiragana read as katakana
    assert ["lee", "jaemyeong"] in korean_name_forms("이재명")  # the surname as Koreans spell it in English


@pytest.mark.parametrize(
    "spellings",
    [
        ("Lee Jae Myung", "Lee Jae-myung", "이재명", "イ・ジェミョン"),
        ("Sanae Takaichi", "Takaichi Sanae", "다카이치 사나에", "高市早苗", "タカイチ・サナエ"),
        ("Wi Sung-lac", "Wi Sung-lack", "위성락", "ウィ・ソンラク"),
        ("Moon Jae-in", "문재인"),
        # Transcription's habits: "ch" as k, English "-er" without its r, a Japanese final ズ for "-s".
        ("Michael Webb", "마이클 웹"),
        ("Jennifer Ngo-Anh", "ジェニファー・ンゴアン"),
        ("James P. Kennedy Jr", "ジェームズ・ケネディ"),
    ],
)
def test_spellings_of_one_name_share_a_sound_key(spellings: tuple[str, ...]) -> None:
    keys = [sound_keys(spelling) for spelling in spellings]
    assert frozenset.intersection(*keys), dict(zip(spellings, keys, strict=True))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Lee Jae Myung", "이재용"),
        ("Sanae Takaichi", "기시다 후미오"),
        ("Wi Sung-lac", "위성미"),
        ("Kim Jong Un", "김정숙"),
    ],
)
def test_different_names_do_not(one: str, other: str) -> None:
    assert not sound_keys(one) & sound_keys(other)


def test_short_forms_within_a_report() -> None:
    assert (
        shortens("이", "이재명") and shortens("高市", "高市早苗") and shortens("다카이치", "다카이치 사나에")
    )
    assert not shortens("이재명", "이재명") and not shortens("이재용", "이재명")


def test_korean_and_japanese_place_names_have_their_english_names() -> None:
    assert cjk_place("일본") is not None and cjk_place("일본").country == "JPN"  # type: ignore[union-attr]
    assert cjk_place("韓国") is not None and cjk_place("韓国").country == "KOR"  # type: ignore[union-attr]
    assert cjk_place("奈良") is not None and cjk_place("奈良").english == "Nara"  # type: ignore[union-attr]
    assert cjk_place("야마구치현") is not None and cjk_place("야마구치현").english == "Yamaguchi"  # type: ignore[union-attr]
    assert cjk_place("이") is None  # one syllable: a surname, not a place


def test_the_korean_report_gives_its_people_and_places_and_no_untyped_names() -> None:
    text = (DATA / "nara_ko.txt").read_text("utf-8")
    found = {(m.text, m.label) for m in find_mentions_cjk(text, "ko", [])}
    assert {
        ("이재명", "PERSON"),
        ("다카이치 사나에", "PERSON"),
        ("위성락", "PERSON"),
        ("이", "PERSON"),
    } <= found
    assert {("일본", "GPE"), ("한국", "GPE"), ("야마구치현", "GPE")} <= found
    # A treaty's name, a temple, a peninsula and a mine are proper nouns of no type we could give.
    assert not {name for name, _ in found} & {"환태평양", "호류지", "한반도", "조세이"}
    assert (
        "다카이치 사나에 일본",
        "PERSON",
    ) not in found  # the country before the office is no part of the name


def test_the_japanese_report_gives_names_with_their_readings() -> None:
    text = (DATA / "nara_ja.txt").read_text("utf-8")
    found = {(m.text, m.label) for m in find_mentions_cjk(text, "ja", [])}
    assert {
        ("高市早苗", "PERSON"),
        ("李在明", "PERSON"),
        ("イ・ジェミョン", "PERSON"),
        ("魏聖洛", "PERSON"),
    } <= found
    assert {
        ("ウィ・ソンラク", "PERSON"),
        ("高市", "PERSON"),
        ("李", "PERSON"),
    } <= found  # "高市首相", "李大統領"
    assert {("奈良", "GPE"), ("韓国", "GPE"), ("日本", "GPE")} <= found


def test_a_korean_name_without_an_office_is_a_person_when_written_twice_as_a_word() -> None:
    text = "류화영의 해명은 늦었다. 사진을 공개한 쪽보다 류화영이 더 비난받았다. 정덕현의 칼럼이다."
    found = [(m.text, m.label) for m in find_mentions_cjk(text, "ko", [])]
    assert found.count(("류화영", "PERSON")) == 2
    assert all(name != "정덕" for name, _ in found)  # a cut name ("정덕" of 정덕현의) is no word of its own


def test_a_korean_place_inside_a_longer_word_is_not_the_place() -> None:
    found = {m.text for m in find_mentions_cjk("[사진=JTBC, 이매진아시아] 아시아 시장이 커졌다.", "ko", [])}
    assert found == {"아시아"}
    mentions = find_mentions_cjk("사진=이매진아시아", "ko", [])
    assert mentions == []


def _mentions(text: str, *names: tuple[str, str]) -> list[Mention]:
    mentions = []
    for name, label in names:
        start = text.index(name)
        mentions.append(Mention(start, start + len(name), name, label, 0))
    return mentions


def _english_report() -> EntityResolver:
    """A resolver that has read one English report of the summit."""
    lee = Entity("e1", "Lee Jae Myung", "PERSON", aliases={"Lee Jae Myung": {"en1"}, "Lee": {"en1"}})
    takaichi = Entity("e2", "Sanae Takaichi", "PERSON", aliases={"Sanae Takaichi": {"en1"}})
    japan = Entity("e3", "Japan", "GPE", aliases={"Japan": {"en1"}})
    return EntityResolver([lee, takaichi, japan])


def test_a_name_that_only_sounds_like_a_known_person_stays_apart() -> None:
    resolver = _english_report()
    text = "이재명 씨가 빵집을 열었다."  # a baker of the same name, in a report that names no one else
    mentions = _mentions(text, ("이재명", "PERSON"))
    resolver.resolve_article("ko1", text, mentions)
    assert mentions[0].entity_id != "e1"
    assert resolver.entities[mentions[0].entity_id or ""].name == "이재명"


def test_a_country_named_beside_everyone_is_no_second_signal() -> None:
    resolver = _english_report()
    text = "이재명 씨가 일본에서 빵집을 열었다."  # the baker, in Japan, which the English report names
    mentions = _mentions(text, ("이재명", "PERSON"), ("일본", "GPE"))
    resolver.resolve_article("ko1", text, mentions)
    assert mentions[1].entity_id == "e3"  # the place joins by its English name
    assert mentions[0].entity_id != "e1"  # the person does not, on the country's word


def test_a_name_that_sounds_like_a_known_person_joins_with_a_second_signal() -> None:
    resolver = _english_report()
    text = "이재명 대통령과 다카이치 사나에 총리가 만났다. 이 대통령은 말했다."
    mentions = _mentions(text, ("이재명", "PERSON"), ("다카이치 사나에", "PERSON"))
    mentions.append(Mention(text.index("이 대통령은"), text.index("이 대통령은") + 1, "이", "PERSON", 1))
    resolver.resolve_article("ko1", text, mentions)
    assert [m.entity_id for m in mentions] == ["e1", "e2", "e1"]
    lee = resolver.entities["e1"]
    assert lee.name == "Lee Jae Myung"  # the English name stays the display name
    assert lee.aliases["이재명"] == {"ko1"} and lee.aliases["Lee Jae Myung"] == {"en1"}


def test_a_place_joins_by_its_english_name_alone() -> None:
    resolver = _english_report()
    text = "일본 정부는 발표했다."
    mentions = _mentions(text, ("일본", "GPE"))
    resolver.resolve_article("ko1", text, mentions)
    assert mentions[0].entity_id == "e3"


def test_an_english_report_after_the_korean_one_joins_its_entities() -> None:
    """The first reports of a summit in Seoul and Tokyo are Korean and Japanese; English copy comes after."""
    resolver = EntityResolver()
    korean = "이재명 대통령과 다카이치 사나에 총리가 일본 나라에서 만났다."
    first = _mentions(korean, ("이재명", "PERSON"), ("다카이치 사나에", "PERSON"), ("일본", "GPE"))
    resolver.resolve_article("ko1", korean, first)
    english = "President Lee Jae Myung met Prime Minister Sanae Takaichi in Japan."
    then = _mentions(english, ("Lee Jae Myung", "PERSON"), ("Sanae Takaichi", "PERSON"), ("Japan", "GPE"))
    resolver.resolve_article("en1", english, then)
    assert [m.entity_id for m in then] == [m.entity_id for m in first]
    assert resolver.entities[then[0].entity_id or ""].name == "Lee Jae Myung"


def test_a_japanese_report_longer_than_sudachi_takes_is_read_in_pieces() -> None:
    """Sudachi refuses an input over 49,149 bytes: a long report is read in pieces, cut at line breaks
    or sentence ends, and every name keeps its offsets in the whole text."""
    text = (DATA / "nara_ja.txt").read_text("utf-8")
    one = find_mentions_cjk(text, "ja", [])
    for long_text in ((text + "\n") * 40, text.replace("\n", "") * 60):
        found = find_mentions_cjk(long_text, "ja", [])
        assert len(long_text.encode("utf-8")) > 49_149
        assert all(long_text[m.start : m.end] == m.text for m in found)
        assert len(found) >= len(one) * 30  # a name cut in two at a piece's edge may be lost, no more
