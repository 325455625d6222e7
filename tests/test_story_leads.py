"""Lead embeddings: what an article's lead is, and stores written before leads were kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsweave.config import load_config
from newsweave.data import Article
from newsweave.store import open_store
from newsweave.store.analysis_rows import ArticleAnalysis
from newsweave.stories.stage import StoryBuilder, embedding_text, lead_text

CONFIG = load_config(None)
MODEL = CONFIG.stories.embedding_model


def test_the_lead_is_the_title_and_two_sentences() -> None:
    article = Article(
        title="Lee and Takaichi meet in Nara",
        text='Lee Jae Myung met Sanae Takaichi on Tuesday. "We agreed," he said! They ate.\nLater.',
    )
    assert lead_text(article).split("\n") == [
        "Lee and Takaichi meet in Nara",
        "Lee Jae Myung met Sanae Takaichi on Tuesday.",
        '"We agreed," he said!',
    ]


def test_a_line_is_a_sentence_and_a_lower_case_word_goes_on() -> None:
    article = Article(title="Quake", text="TOKYO, Jan 5\nA quake hit at 5 a.m. local time. Trains stopped.")
    assert lead_text(article) == "Quake\nTOKYO, Jan 5\nA quake hit at 5 a.m. local time."
    assert lead_text(Article(title="Only a title", text="")) == "Only a title"


def test_leads_missing_from_an_older_store_are_encoded_once(tmp_path: Path) -> None:
    articles = [
        Article(title="Seafood ban stays", text="Korea keeps its ban on seafood. Japan asked again. More."),
        Article(title="Summit in Nara", text="The leaders met in Nara. They agreed on DNA tests. More."),
    ]
    with open_store(str(tmp_path / "s.db")) as store:
        for article in articles:
            with store.atomic():
                store.add_article(article)
                store.analysis.save(ArticleAnalysis(article.id, language="en"))
        builder = StoryBuilder(store, CONFIG)
        ids = [article.id for article in articles]
        first = builder.features(ids)
        vectors, leads = store.stories.load_vectors_and_leads(MODEL)
        assert set(leads) == set(ids)
        # As a store from before leads were kept: vectors without leads.
        store.stories.save_vectors(MODEL, vectors)
        assert store.stories.load_vectors_and_leads(MODEL)[1] == {}
        again = {f.article_id: f.lead for f in builder.features(ids)}
        assert all(np.allclose(again[f.article_id], f.lead) for f in first)
        restored = store.stories.load_vectors(MODEL)
        assert all(np.array_equal(restored[i], vectors[i]) for i in ids)  # the text vectors were kept
        encoded = builder.encoder.encode([lead_text(a) for a in articles])
        stored = store.stories.load_vectors_and_leads(MODEL)[1]
        assert all(np.allclose(stored[a.id], row) for a, row in zip(articles, encoded, strict=True))
        assert not np.allclose(encoded[0], builder.encoder.encode([embedding_text(articles[0])])[0])


def test_a_dated_reports_story_years_are_its_own_not_the_past_it_recalls() -> None:
    from datetime import UTC, date, datetime

    from newsweave.store.analysis_rows import StoryKeys
    from newsweave.stories.stage import features_of

    times = [("year", date(1999, 1, 1)), ("day", date(2019, 11, 18)), ("year", date(2020, 1, 1))]
    vector = np.zeros(4, dtype=np.float32)
    dated = Article(title="Hibernating astronauts", text="x", published=datetime(2019, 11, 18, tzinfo=UTC))
    assert features_of(dated, StoryKeys(times=times), vector).years == {2019, 2020}
    undated = Article(title="Hibernating astronauts", text="x")  # ECB+: every year it names
    assert features_of(undated, StoryKeys(times=times), vector).years == {1999, 2019, 2020}
