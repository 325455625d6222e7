"""Boilerplate removal, both ways: every known kind is cut, and no story sentence ever is."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.data import Article
from newsweave.ingest.boilerplate import Cut, apply_cuts, footer_cuts, line_keys, recurrent_cuts

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED_000 = SEEDS / "000_dc8acf547435bd15.txt"
SEED_004 = SEEDS / "004_7611bd27aecda166.txt"
COMMENT_POLICY_000 = (
    "Comments you share on our site are a valuable resource for other users. Please be respectful "
    "of different opinions and other users. Avoid using rude, aggressive, derogatory, or discriminatory "
    "language."
)
LAST_STORY_PARAGRAPH_END = "present-day strategic and economic challenges."


def _body(path: Path) -> str:
    """The seed's body: everything after its title line."""
    return path.read_text(encoding="utf-8").split("\n", 1)[1].strip()


def _story_000() -> str:
    """Seed 000 without its comment-policy footer."""
    body = _body(SEED_000)
    assert body.endswith(COMMENT_POLICY_000)
    return body[: -len(COMMENT_POLICY_000)].rstrip()


def _sentences(text: str) -> list[str]:
    """Sentences of a text, one line a paragraph (a rough split: full stop, space, capital)."""
    pieces = (re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", line) for line in text.splitlines())
    return [sentence for sentences in pieces for sentence in sentences if sentence.strip()]


# (boilerplate paragraph, reason): realistic examples, several per kind.
BOILERPLATE = [
    (COMMENT_POLICY_000, "comment-policy"),
    ("Comments are moderated.", "comment-policy"),
    ("We reserve the right to remove comments that are abusive or off-topic. Please read our community "
     "guidelines before posting.", "comment-policy"),
    ("Join the conversation", "comment-policy"),
    ("Sign up for our newsletter", "newsletter"),
    ("Sign up for our daily newsletter to get the best stories delivered to your inbox.", "newsletter"),
    ("Subscribe to our weekly briefing on Asian politics and markets.", "newsletter"),
    ("Get the latest headlines delivered to your inbox every morning.", "newsletter"),
    ("Want more stories like this? Sign up for our free newsletter here.", "newsletter"),
    ("This article originally appeared on The Conversation.", "syndication"),
    ("This article originally appeared in Foreign Policy. Read the original article.", "syndication"),
    ("This story was first published by ProPublica.", "syndication"),
    ("Republished with permission from Yonhap News Agency.", "syndication"),
    ("(c) 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, "
     "rewritten or redistributed.", "syndication"),
    ("Originally published on Live Science.", "syndication"),
    ("© 2026 Example Media Group. All rights reserved.", "copyright"),
    ("Copyright 2026 Hawaii News Now. All rights reserved.", "copyright"),
    ("Copyright © 2025-2026 The Korea Herald", "copyright"),
    ("No part of this article may be reproduced without the prior written permission of the publisher.",
     "copyright"),
    ("Share this article", "share-prompt"),
    ("Share on Facebook", "share-prompt"),
    ("Follow us on Twitter and Facebook", "share-prompt"),
    ("Follow us on Facebook, Twitter and Instagram for the latest updates.", "share-prompt"),
    ("Click here to read the full report.", "share-prompt"),
    ("Share Tweet Email", "share-prompt"),
    ("Related:\nJapan and South Korea agree on shuttle diplomacy\nLee visits Beijing for talks with Xi",
     "related-links"),
    ("Read more:\nTakaichi plays drums with Lee in Nara\nWhat the CPTPP means for Seoul", "related-links"),
    ("Also read: Seoul's bid to join the CPTPP explained", "related-links"),
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Send us a letter to the editor at letters@example.com. Letters should be under 250 words.",
     "letters-invitation"),
    ("Have your say", "letters-invitation"),
    ("Have your say on this story in the comments below.", "letters-invitation"),
    ("Do you have an opinion on the issues raised in this article? Submit a letter to the editor here.",
     "letters-invitation"),
    ("Photo: Reuters", "credit"),
    ("(Photo: Kim Hong-Ji/Reuters)", "credit"),
    ("Image credit: Getty Images", "credit"),
    ("AP Photo/Ahn Young-joon", "credit"),
]
# Kinds that are cut wherever they stand as a line of their own.
ANYWHERE = [(text, reason) for text, reason in BOILERPLATE if reason in {
    "newsletter", "share-prompt", "related-links", "advertisement", "credit", "copyright"
} and not text.startswith(("Want more", "No part"))]

# Story sentences that carry the trigger words: none may ever be cut.
ADVERSARIAL = [
    "Reporters asked him to subscribe to the view that the ban should be lifted.",
    "He urged followers to share this article's message with their neighbours.",
    "Comments made by the minister on Tuesday drew sharp criticism from Tokyo.",
    "The two leaders share a love of heavy metal music.",
    "Analysts will follow the talks closely as the deadline approaches.",
    "Follow-up talks are scheduled for March in Seoul.",
    "Related measures include a review of seafood import rules.",
    "Copyright disputes over K-pop songs have also strained ties.",
    "The newsletter of the chamber of commerce welcomed the agreement.",
    "Advertisement spending in Japan rose 4 percent last year.",
    "A letter from the foreign ministry was delivered on Wednesday.",
    "She wrote a letter to the editor of the Asahi Shimbun in 1998.",
    "Subscribers to the official's view say the pact will pass.",
    "The ministry said comments are closed until the investigation ends.",
    "Please be respectful of the family's privacy, a spokesperson said.",
    "Photo opportunities at the temple were limited by security.",
    "The report was first published by the ministry in 2019.",
    "Read more about the plan, the ministry said in a statement.",
    "Sign up for the programme opened on Monday, officials said.",
    "Click-through rates for the government's campaign fell sharply.",
    "Share prices of Japanese seafood exporters rose after the meeting.",
    "All rights reserved by the treaty remain with the signatories, the court ruled.",
    "Have your say, Lee told students at a town hall in Nara.",
    "Register your phone for emergency alerts at the town hall.",
    "(c) the government must publish the report within 30 days.",
    "This material may not be published until the trial ends.",
    "Follow the money, investigators say.",
    "Share of exports to China fell to 19 percent.",
]
STORY_SENTENCES = _sentences(_body(SEED_000))[:-3] + _sentences(_body(SEED_004)) + ADVERSARIAL


@pytest.mark.parametrize(("footer", "reason"), BOILERPLATE)
def test_footer_of_each_kind_is_cut_at_the_end(footer: str, reason: str) -> None:
    story = _story_000()
    text = f"{story}\n{footer}"
    cuts = footer_cuts(text)
    assert [(text[c.start : c.end], c.reason) for c in cuts] == [(footer, reason)]


@pytest.mark.parametrize(("prompt", "reason"), ANYWHERE)
def test_prompt_line_is_cut_mid_article(prompt: str, reason: str) -> None:
    paragraphs = _body(SEED_004).split("\n\n")
    text = "\n\n".join([*paragraphs[:3], prompt, *paragraphs[3:]])
    if reason == "related-links" and "\n" in prompt:
        # A list followed by more story: its last "title" may be a subheading, so it stays.
        prompt = prompt.rsplit("\n", 1)[0]
    assert [(text[c.start : c.end], c.reason) for c in footer_cuts(text)] == [(prompt, reason)]


@pytest.mark.parametrize("sentence", STORY_SENTENCES)
def test_story_sentence_is_never_cut(sentence: str) -> None:
    # Alone (so in the trailing block), and as the last paragraph of a real story.
    assert footer_cuts(sentence) == []
    assert footer_cuts(f"{_story_000()}\n{sentence}") == []


def test_seed_000_loses_its_comment_policy_and_nothing_else() -> None:
    title, body = SEED_000.read_text(encoding="utf-8").split("\n", 1)
    article = apply_cuts(Article(title=title, text=body), footer_cuts(body))
    assert article.text.endswith(LAST_STORY_PARAGRAPH_END)
    assert [(r.text, r.reason, r.offset) for r in article.removed] == [
        (COMMENT_POLICY_000, "comment-policy", len(article.text))
    ]
    assert article.text == body.strip()[: -len(COMMENT_POLICY_000)].rstrip()


def test_seed_004_has_no_boilerplate() -> None:
    assert footer_cuts(_body(SEED_004)) == []


def test_footer_paragraph_followed_by_story_is_kept() -> None:
    # A footer-only kind mid-article is not in the trailing block: precision first.
    text = f"{COMMENT_POLICY_000}\n{_story_000()}"
    assert footer_cuts(text) == []


def test_part_of_a_paragraph_is_never_cut() -> None:
    text = "The minister spoke for an hour. Sign up for our newsletter. Then he left for Tokyo."
    assert footer_cuts(text) == []
    wrapped = "Reporters asked him whether he would\nsubscribe to our newsletter before the vote."
    assert footer_cuts(wrapped) == []


def test_footer_run_of_several_kinds_is_cut_whole() -> None:
    footer = [COMMENT_POLICY_000, "Share this article", "© 2026 Example News. All rights reserved."]
    text = "\n".join([_story_000(), *footer])
    cuts = footer_cuts(text)
    assert [text[c.start : c.end] for c in cuts] == footer
    assert [c.reason for c in cuts] == ["comment-policy", "share-prompt", "copyright"]


def test_weak_heading_needs_a_link_list() -> None:
    story = _story_000()
    assert footer_cuts(f"Top stories\n{story}") == []
    text = f"{story}\nTop stories\nLee ends Japan visit\nTakaichi hosts Lee in Nara"
    assert [c.reason for c in footer_cuts(text)] == ["related-links"]


def test_line_keys_fold_years_case_and_punctuation() -> None:
    text = "© 2025 Example News\n\nCopyright line\nAdvertisement\nAlone\n" + "word " * 50
    keys = line_keys(text, max_words=45)
    assert [key for _, key in keys] == ["0 example news", "copyright line", "advertisement"]
    other = line_keys("(c) 2026 EXAMPLE NEWS.\n© 2026 Example News", max_words=45)
    assert other[1][1] == keys[0][1]
    for cut, _ in keys:
        assert text[cut.start : cut.end] == text[cut.start : cut.end].strip()
        assert cut.reason == "outlet-recurrent"


LETTERS_KEY = "send your views to letters example com"


@pytest.mark.parametrize(
    ("text", "kept_lines"),
    [
        # At the end (and the start) of the article: the outlet's sign-off goes.
        ("Story sentence one about Nara.\nMore story.\nSend your views to letters@example.com", 2),
        ("Send your views to letters@example.com\nStory sentence one about Nara.\nMore story.", 2),
        # In the middle of the story: a repeated line is left alone.
        ("Story sentence one about Nara.\nSend your views to letters@example.com\nMore story.", 3),
        # A repeated background sentence closing the article stays only if it reports speech.
        ("Story.\nMore story.\nThe neighbours normalised ties in 1965, officials said.", 3),
        (
            "Story.\nMore story.\nThe neighbours normalised ties in 1965.\n"
            "Send your views to letters@example.com",
            3,
        ),
    ],
)
def test_recurrent_cuts_take_only_repeated_lines_at_the_edges(text: str, kept_lines: int) -> None:
    keys = {LETTERS_KEY, "the neighbours normalised ties in 0 officials said"}
    cuts = recurrent_cuts(text, keys, max_words=45)
    article = apply_cuts(Article(title="t", text=text), cuts)
    assert len(article.text.splitlines()) == kept_lines
    assert all(r.reason == "outlet-recurrent" for r in article.removed)


def _reinsert(article: Article) -> str:
    text = article.text
    for removed in reversed(article.removed):
        text = text[: removed.offset] + removed.text + text[removed.offset :]
    return text


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("footer", "reason"), BOILERPLATE)
def test_apply_cuts_offsets_reconstruct_the_text(footer: str, reason: str) -> None:
    paragraphs = _body(SEED_004).split("\n\n")
    original = "\n\n".join([*paragraphs[:2], "Advertisement", *paragraphs[2:], footer])
    article = apply_cuts(Article(title="t", text=original), footer_cuts(original))
    assert {r.reason for r in article.removed} == {"advertisement", reason}
    assert _squeeze(_reinsert(article)) == _squeeze(original)
    assert "\n\n\n" not in article.text
    assert all(line == line.rstrip() for line in article.text.splitlines())
    assert article.text == article.text.strip()
    # Idempotent: cuts recomputed on the cleaned text are none, and applying them changes nothing.
    assert footer_cuts(article.text) == []
    before = (article.text, list(article.removed))
    assert apply_cuts(article, footer_cuts(article.text)) is article
    assert (article.text, article.removed) == before


def test_apply_cuts_merges_overlaps_and_keeps_single_line_breaks() -> None:
    text = "First paragraph.\nPromo one\nPromo two\nLast paragraph."
    start = text.index("Promo one")
    cuts = [Cut(start, start + 9, "share-prompt"), Cut(start + 4, text.index("\nLast"), "newsletter")]
    article = apply_cuts(Article(title="t", text=text), cuts)
    assert article.text == "First paragraph.\nLast paragraph."
    assert [(r.text, r.reason, r.offset) for r in article.removed] == [
        ("Promo one\nPromo two", "share-prompt", len("First paragraph.\n"))
    ]


def test_apply_cuts_without_cuts_changes_nothing() -> None:
    article = Article(title="t", text="  untidy  \n\n\n\ntext  ")
    assert apply_cuts(article, []).text == "  untidy  \n\n\n\ntext  "
    assert article.removed == []


_TEXT = st.text(alphabet="ab c.\n\t", max_size=80)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, data=st.data())
def test_apply_cuts_never_loses_characters(text: str, data: st.DataObject) -> None:
    bounds = st.integers(min_value=0, max_value=len(text))
    spans = data.draw(st.lists(st.tuples(bounds, bounds), max_size=5))
    cuts = [Cut(min(a, b), max(a, b), "x") for a, b in spans]
    article = apply_cuts(Article(title="t", text=text), cuts)
    kept = Counter(_squeeze(article.text) + "".join(_squeeze(r.text) for r in article.removed))
    assert kept == Counter(_squeeze(text))
    assert _squeeze(_reinsert(article)) == _squeeze(text)
    assert all(0 <= r.offset <= len(article.text) for r in article.removed)


_PARAGRAPHS = st.sampled_from([*STORY_SENTENCES[:12], *ADVERSARIAL, *(text for text, _ in BOILERPLATE)])


@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(_PARAGRAPHS, min_size=1, max_size=8), blank=st.booleans())
def test_cleaning_is_idempotent_and_keeps_story_sentences(paragraphs: list[str], blank: bool) -> None:
    # A multi-line block (a "Related:" list) ends with a blank line: a headline-like subheading glued
    # to its last line cannot be told from one more link title, by a reader or by the rules.
    text = ""
    for paragraph in paragraphs:
        text += paragraph + ("\n\n" if blank or "\n" in paragraph else "\n")
    text = text.rstrip("\n")
    article = apply_cuts(Article(title="t", text=text), footer_cuts(text))
    assert footer_cuts(article.text) == []
    for paragraph in paragraphs:
        # The promise is about sentences: a subheading ("Focus on Economic Integration") closing an
        # article right after a "Related:" list reads as one more link title, and may go with it.
        if paragraph in STORY_SENTENCES and paragraph.rstrip().endswith((".", '"', "”", "?", "!")):
            assert paragraph in article.text
