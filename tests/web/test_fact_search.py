"""Search over facts (claims): the API's and the page's ``scope=facts``, text and semantic, filters, links
into the story's brief, cached and encoded claim vectors."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from numpy.typing import NDArray
from sqlalchemy import select, update

from newsweave import embeddings
from newsweave.config import Config
from newsweave.store import open_store
from newsweave.store.claim_rows import load_claims_by_key
from newsweave.store.schema import claims
from newsweave.web import fact_search as search_module
from newsweave.web.fact_search import FACT_SEMANTIC_MIN_SCORE, FactSearcher, _like_word
from newsweave.web.search_terms import has_every_word, mark
from tests.web.conftest import WebData

API = "/api/search"


def _facts(client: TestClient, **params: str) -> list[dict[str, Any]]:
    response = client.get(API, params={"scope": "facts", **params})
    assert response.status_code == 200, response.text
    hits: list[dict[str, Any]] = response.json()
    return hits


def _marked(hit: dict[str, Any]) -> list[str]:
    quote = hit["fact"]["quote"]
    return [quote[start:end] for start, end in hit["highlights"]]


def test_text_search_finds_claims_holding_every_word(client: TestClient, web_data: WebData) -> None:
    hits = _facts(client, q="seafood")
    assert len(hits) >= 3
    for hit in hits:
        assert re.search(r"\bseafood\b", hit["fact"]["quote"], re.IGNORECASE)
        assert [word.lower() for word in _marked(hit)] == ["seafood"] * len(_marked(hit)) and _marked(hit)
        assert hit["story_id"] == web_data.seeds_story
        assert hit["article"]["id"] in web_data.seed_ids
        assert hit["link"].startswith(f"/stories/{web_data.seeds_story}")
        assert set(hit) == {"article", "story_id", "score", "fact", "highlights", "brief_fact", "link"}
    # Every word must be there: fewer claims name both, and each names both as whole words.
    both = _facts(client, q="seafood Fukushima")
    assert 0 < len(both) < len(hits)
    assert all(has_every_word(hit["fact"]["quote"], ["seafood", "fukushima"]) for hit in both)
    # Best first: a claim mostly made of the query words outranks a long sentence that mentions them.
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    # The default scope is still articles, with its own shape.
    articles = client.get(API, params={"q": "seafood"}).json()
    assert articles and "snippet" in articles[0] and "fact" not in articles[0]


def test_text_search_is_whole_words_and_pages(client: TestClient) -> None:
    # "fire" is in "firefighters" too; only whole words count.
    hits = _facts(client, q="fire")
    assert hits and all(re.search(r"\bfire\b", hit["fact"]["quote"], re.IGNORECASE) for hit in hits)
    first = client.get(API, params={"q": "fire", "scope": "facts", "limit": 1})
    assert len(first.json()) == 1 and 'rel="next"' in first.headers["link"]
    assert "scope=facts" in first.headers["link"]
    second = _facts(client, q="fire", limit="1", offset="1")
    assert second[0]["fact"] != first.json()[0]["fact"] or second[0]["article"] != first.json()[0]["article"]


def test_filters_by_outlet_date_and_entity(client: TestClient, web_data: WebData) -> None:
    hits = _facts(client, q="seafood")
    only_b = _facts(client, q="seafood", outlet="outlet-b")
    assert only_b and all(hit["article"]["outlet"] == "outlet-b" for hit in only_b)
    assert len(only_b) < len(hits)
    assert _facts(client, q="seafood", since="2026-02-01") == []
    assert _facts(client, q="seafood", until="2026-01-14") == hits
    named = [hit for hit in hits if hit["fact"]["entity_ids"]]
    entity = named[0]["fact"]["entity_ids"][0]
    by_entity = _facts(client, q="seafood", entity=entity)
    assert by_entity and all(entity in hit["fact"]["entity_ids"] for hit in by_entity)
    assert len(by_entity) == sum(entity in hit["fact"]["entity_ids"] for hit in hits)
    assert _facts(client, q="seafood", entity="e-no-such-entity") == []
    # A LIKE wildcard in a parameter is a character, not a wildcard.
    assert _facts(client, q="seafood", entity="%") == []


def test_empty_results_and_bad_parameters(client: TestClient) -> None:
    assert _facts(client, q="zzzqqq") == []
    assert _facts(client, q="!!!") == []
    assert _facts(client, q="zzzqqq", mode="semantic") == []
    for params in (
        {"q": "fire", "scope": "claims"},
        {"scope": "facts"},
        {"q": "x", "scope": "facts", "mode": "x"},
    ):
        response = client.get(API, params=params)
        assert response.status_code == 422
        body = response.json()
        assert set(body) == {"error"} and body["error"]["code"] == "invalid_parameter"
    assert "scope" in client.get(API, params={"q": "fire", "scope": "claims"}).json()["error"]["message"]
    bad_date = client.get(API, params={"q": "fire", "scope": "facts", "since": "notadate"})
    assert bad_date.status_code == 400 and bad_date.json()["error"]["code"] == "E113"


def test_semantic_search_ranks_claims_by_meaning(client: TestClient, web_data: WebData) -> None:
    query = "deadly blaze at a mill"
    hits = _facts(client, q=query, mode="semantic")
    assert hits and all(hit["story_id"] == web_data.fire_story for hit in hits[:3])
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True) and min(scores) >= round(FACT_SEMANTIC_MIN_SCORE, 4)
    quotes = [(hit["article"]["id"], hit["fact"]["quote"]) for hit in hits]
    assert len(quotes) == len(set(quotes))  # one hit per quote of an article
    assert _facts(client, q=query) == []  # no claim holds every one of those words
    assert _facts(client, q=query, mode="semantic", outlet="outlet-a") == []
    courier = _facts(client, q=query, mode="semantic", outlet="Valley Courier")
    assert courier and all(hit["article"]["outlet"] == "Valley Courier" for hit in courier)
    assert _facts(client, q=query, mode="semantic", since="2026-03-01") == []


def test_hits_link_to_the_fact_in_a_built_brief(app: FastAPI, client: TestClient, web_data: WebData) -> None:
    # Anchors point into the story page's facts: the default view of the brief.
    brief = app.state.web.brief_view(app.state.web.briefs.get(web_data.seeds_story, timeout=300))
    hits = _facts(client, q="seafood")
    anchored = [hit for hit in hits if hit["brief_fact"] is not None]
    assert anchored
    for hit in anchored:
        assert hit["link"] == f"/stories/{web_data.seeds_story}#fact-{hit['brief_fact']}"
        fact = brief["facts"][hit["brief_fact"]]
        assert {"article_id": hit["article"]["id"], "quote": hit["fact"]["quote"]} in fact["sources"]
    page = client.get("/search", params={"q": "seafood", "scope": "facts"}).text
    assert f'href="{anchored[0]["link"]}"' in page


def test_search_page_shows_facts_with_marked_words(client: TestClient, web_data: WebData) -> None:
    response = client.get("/search", params={"q": "seafood imports", "scope": "facts"})
    assert response.status_code == 200
    page = response.text
    assert 'value="facts" checked' in page and 'class="hits fact-hits"' in page
    assert "<mark>seafood</mark>" in page and "<mark>imports</mark>" in page
    assert f'href="/stories/{web_data.seeds_story}' in page
    assert "outlet-a" in page or "outlet-b" in page
    # Articles stay the default scope.
    assert 'value="articles" checked' in client.get("/search", params={"q": "seafood"}).text
    empty = client.get("/search", params={"q": "zzzqqq", "scope": "facts"}).text
    assert "Nothing found" in empty and "scope=facts" in empty  # the "by meaning" link keeps the scope
    semantic = client.get(
        "/search", params={"q": "deadly blaze at a mill", "scope": "facts", "mode": "semantic"}
    )
    assert "similarity" in semantic.text and f"/stories/{web_data.fire_story}" in semantic.text
    assert client.get("/search", params={"q": "fire", "scope": "claims"}).status_code == 422


def test_search_page_escapes_hostile_quotes(client: TestClient) -> None:
    page = client.get("/search", params={"q": "plan", "scope": "facts"}).text
    assert "<mark>plan</mark>" in page
    assert "<img src=x" not in page and "<script>alert" not in page
    assert html.escape("<img src=x onerror=alert(2)>", quote=False) in page or "onerror" not in page


def test_mark_and_word_matching() -> None:
    pieces = mark("Fire: the fire spread; firefighters came.", ["fire"])
    assert [text for text, matched in pieces if matched] == ["Fire", "fire"]
    assert "".join(text for text, _ in pieces) == "Fire: the fire spread; firefighters came."
    assert mark("", ["x"]) == [("", False)]
    assert has_every_word("Seafood imports were banned", ["seafood", "banned"])
    assert not has_every_word("Seafood imports", ["seafood", "banned"])
    assert not has_every_word("firefighters", ["fire"])
    assert _like_word("a_b%c\\") == "%a\\_b\\%c\\\\%"


class _CountingEncoder:
    def __init__(self, inner: Any, calls: list[int]) -> None:
        self.inner = inner
        self.calls = calls

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.calls.append(len(texts))
        result: NDArray[np.float32] = self.inner.encode(texts)
        return result


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = embeddings.load_encoder
    monkeypatch.setattr(embeddings, "load_encoder", lambda model: _CountingEncoder(real(model), calls))
    return calls


def test_semantic_uses_cached_vectors_and_encodes_the_rest_in_budgets(
    store_copy: Path, web_config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsweave.brief.build import claim_vectors

    model = web_config.stories.embedding_model
    query = "deadly blaze at a mill"
    with open_store(str(store_copy)) as store:
        # Other tests' briefs may have cached some vectors in the session store: start from none.
        with store.atomic() as connection:
            connection.execute(update(claims).values(vector_model=None, vectors=None))
        with store.reading() as connection:
            keys = [
                (row.article_id, row.idx)
                for row in connection.execute(select(claims.c.article_id, claims.c.idx))
            ]
            found = load_claims_by_key(connection, keys)
        # Nothing cached yet: the first query encodes at most the budget, the next ones the rest.
        monkeypatch.setattr(search_module, "FACT_ENCODE_BUDGET", 30)
        calls = _counting(monkeypatch)
        searcher = FactSearcher(store, web_config)
        first = searcher.search(query, mode="semantic", limit=100)
        assert calls[0] == 30 and len(searcher._vectors.keys) == 30
        while len(searcher._vectors.keys) < len(keys):
            searcher.search(query, mode="semantic", limit=100)
        fresh = searcher.search(query, mode="semantic", limit=100)
        assert fresh and len(fresh) >= len(first)
        # Vectors cached by a brief in the claims table are read, not encoded again.
        claim_vectors(
            store, [(article_id, index, found[(article_id, index)]) for article_id, index in keys], model
        )
        calls.clear()
        cached_searcher = FactSearcher(store, web_config)
        cached = cached_searcher.search(query, mode="semantic", limit=100)
        assert calls == [1]  # the query only
        assert [(hit.article.id, hit.index) for hit in cached] == [
            (hit.article.id, hit.index) for hit in fresh
        ]
        assert all(abs(a.score - b.score) < 1e-4 for a, b in zip(cached, fresh, strict=True))
