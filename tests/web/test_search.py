"""Search snippets: a window around the first match, every query word marked, whole words only."""

from __future__ import annotations

from newsweave.web.search_terms import SearchFilters, query_words, snippet


def test_snippet_marks_every_query_word_in_the_window() -> None:
    text = (
        "Intro. "
        + "filler " * 40
        + "The Fire spread; firefighters fought the fire for hours. "
        + "tail " * 60
    )
    pieces = snippet(text, query_words("fire hours"))
    marked = [piece for piece, matched in pieces if matched]
    assert marked == ["Fire", "fire", "hours"]  # "firefighters" is not the word "fire"
    assert pieces[0] == ("… ", False) and pieces[-1] == (" …", False)
    assert "".join(piece for piece, _ in pieces[1:-1]) in text


def test_snippet_without_a_match_is_the_beginning() -> None:
    pieces = snippet("Short text here.", ["absent"])
    assert pieces == [("Short text here.", False)]


def test_query_words_and_filters() -> None:
    assert query_words("  Wi Sung-lac's  ") == ["wi", "sung", "lac", "s"]
    assert query_words("!!!") == []
    assert not SearchFilters().active and SearchFilters(outlet="x").active
