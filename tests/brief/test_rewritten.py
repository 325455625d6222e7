"""Rewritten wire copy: reports sharing many long runs of words are copies, and their shared sentences
count once even where an outlet edited around them."""

from __future__ import annotations

from newsweave.brief.independence import fact_sources
from newsweave.brief.rewritten import copy_groups
from newsweave.data import Article, Claim

# The Qeshm quake as two outlets carried one wire (ECB+ 20_1ecb / 20_2ecb, shortened), and a report of
# the same quake in a reporter's own words.
WIRE = [
    "A 5.6 magnitude earthquake hit an island off Iran's southern coast on Sunday, injuring five people.",
    "The tremor struck an area around the town of Dargahan on Qeshm island, at the entrance to the Gulf.",
    "So far only the collapse of walls of houses in the villages of Zainabieh and Koohi has been reported,"
    " Qeshm Governor Mehdi Irannejad said.",
    "Five people had received treatment after being injured by the quake, which struck east of Dargahan.",
]
TENTS_1 = "The governor told Iranian media that 2,000 tents were ready in case they were needed."
TENTS_2 = (
    "The governor said that 2,000 tents were ready in case they were needed, and medical teams with "
    "supplies had been sent to check villages near Dargahan."
)
OWN = (
    "An earthquake of magnitude 5.6 shook Qeshm island on Sunday evening. Five people were hurt and "
    "walls of village houses fell, the governor said. Officials said 2,000 tents were ready in case they "
    "were needed."
)


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, url=None, title="", text=text)


def test_an_edited_wire_copy_is_a_copy_and_an_own_report_is_not() -> None:
    reuters = _article("reuters", " ".join([*WIRE, TENTS_1]))
    edited = _article("gulf-news", " ".join(["Iran quake injures five.", *WIRE[1:], TENTS_2, "More soon."]))
    own = _article("irna", OWN)
    assert copy_groups([reuters, edited, own]) == {
        "reuters": "reuters",
        "gulf-news": "reuters",
        "irna": "irna",
    }


def test_quoting_one_statement_makes_no_copy() -> None:
    # Both quote the governor at length: they copy him, not each other.
    quote = (
        "“So far only the collapse of walls of houses in the villages of Zainabieh and Koohi "
        "on the island was reported”"
    )
    first = _article("a", f"{quote}, Qeshm's governor told IRNA. {OWN}")
    second = _article("b", f"{quote}, the governor said. The Red Crescent sent rescue teams to the island.")
    assert copy_groups([first, second]) == {"a": "a", "b": "b"}
    # The same words as the outlets' own are copied.
    unquoted = [_article(a.id, a.text.replace("“", "").replace("”", "")) for a in (first, second)]
    assert copy_groups(unquoted) == {"a": "a", "b": "a"}


def _claim(article: str, text: str) -> Claim:
    return Claim(article, 0, 0, len(text), text, "", "", "")


def test_between_copies_a_sentence_edited_around_a_shared_run_counts_once() -> None:
    outlets = {"reuters": "Reuters", "gulf-news": "Gulf News", "irna": "IRNA"}
    claims = [_claim("reuters", TENTS_1), _claim("gulf-news", TENTS_2)]
    # The two wordings are too far apart for a copy on their own ...
    assert fact_sources(claims, outlets) == {"Reuters", "Gulf News"}
    # ... but the reports are copies of one wire, and the sentences share a long run of it.
    copies = {"reuters": "reuters", "gulf-news": "reuters", "irna": "irna"}
    assert fact_sources(claims, outlets, copies) == {"Reuters"}
    # A report in its own words stays a second source, even where a run of words is the same.
    own = [
        _claim("reuters", TENTS_1),
        _claim("irna", "Officials said 2,000 tents were ready in case they were needed"),
    ]
    assert fact_sources(own, outlets, copies) == {"Reuters", "IRNA"}
