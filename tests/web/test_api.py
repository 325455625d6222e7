"""The HTTP API: every endpoint, its shapes (the CLI's), pagination and the one error shape."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsweave.brief import build_brief
from newsweave.cli.main import main
from newsweave.config import Config
from newsweave.errors import Errors, InputError, StoreError
from newsweave.events.query import list_events
from newsweave.events.relations import relations
from newsweave.store import open_store
from newsweave.web.app import SECURITY_HEADERS, status_of
from tests.web.conftest import HOSTILE_TEXT, WebData


def _cli_json(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    return str(body["error"]["message"])


def test_stories_are_the_cli_stories_json(client: TestClient, web_data: WebData) -> None:
    response = client.get("/api/stories", params={"limit": 500})
    assert response.status_code == 200
    assert response.json() == _cli_json("stories", "--db", str(web_data.db), "--json")
    assert response.headers["x-total-count"] == str(len(response.json()))
    assert "link" not in response.headers  # everything fitted in one page


def test_stories_paginate_with_a_next_link(client: TestClient) -> None:
    everything = [story["id"] for story in client.get("/api/stories").json()]
    assert len(everything) >= 3
    seen: list[str] = []
    url: str | None = "/api/stories?limit=1"
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200
        page = response.json()
        assert len(page) == 1
        seen += [story["id"] for story in page]
        assert response.headers["x-total-count"] == str(len(everything))
        link = response.headers.get("link")
        url = link.split(";")[0].strip("<>") if link else None
        assert link is None or link.endswith('rel="next"')
    assert seen == everything


def test_story_filters(client: TestClient, web_data: WebData) -> None:
    def ids(**params: str) -> list[str]:
        response = client.get("/api/stories", params=params)
        assert response.status_code == 200, response.text
        return [story["id"] for story in response.json()]

    assert ids(outlet="outlet-a") == [web_data.seeds_story]
    assert ids(outlet="Valley Courier") == [web_data.fire_story]
    assert ids(outlet="nobody") == []
    assert web_data.seeds_story not in ids(since="2026-02-01")
    assert ids(until="2026-01-14") == [web_data.seeds_story]  # a bare date as `until` keeps that day
    assert set(ids(since="2026-01-14", until="2026-02-03")) == {web_data.seeds_story, web_data.fire_story}
    wi = client.get("/api/entities", params={"q": "Sung-lac"}).json()
    assert wi, "the seeds name Wi Sung-lac"
    assert ids(entity=wi[0]["id"]) == [web_data.seeds_story]


def test_bad_parameters_answer_400_or_422_in_the_error_shape(client: TestClient) -> None:
    assert "notadate" in _error(client.get("/api/stories", params={"since": "notadate"}), 400, "E113")
    _error(client.get("/api/stories", params={"limit": 0}), 422, "invalid_parameter")
    _error(client.get("/api/stories", params={"limit": 100_000}), 422, "invalid_parameter")
    _error(client.get("/api/stories", params={"offset": -1}), 422, "invalid_parameter")
    _error(client.get("/api/search"), 422, "invalid_parameter")
    _error(client.get("/api/search", params={"q": "x", "mode": "magic"}), 422, "invalid_parameter")
    _error(client.get("/api/events", params={"actor": "Korea"}), 422, "invalid_parameter")


def test_one_story_by_id_and_prefix(client: TestClient, web_data: WebData) -> None:
    story = client.get(f"/api/stories/{web_data.seeds_story}").json()
    listed = next(s for s in client.get("/api/stories").json() if s["id"] == web_data.seeds_story)
    assert story == listed
    assert client.get(f"/api/stories/{web_data.seeds_story[:10]}").json() == story
    message = _error(client.get("/api/stories/ffffffffffffffff"), 404, Errors.NO_SUCH_STORY.code)
    assert "ffffffffffffffff" in message
    _error(client.get("/api/stories/ffffffffffffffff/brief"), 404, Errors.NO_SUCH_STORY.code)


def test_library_errors_map_to_http_statuses() -> None:
    assert status_of(StoreError(Errors.NO_SUCH_ARTICLE, article_id="x")) == 404
    assert status_of(StoreError(Errors.NO_SUCH_STORY, story_id="x")) == 404
    assert status_of(StoreError(Errors.AMBIGUOUS_ID, article_id="a", count=2, candidates="a1, a2")) == 400
    assert status_of(StoreError(Errors.AMBIGUOUS_STORY_ID, story_id="a", count=2, candidates="a1, a2")) == 400
    assert status_of(InputError(Errors.BAD_DATE, value="x")) == 400
    assert status_of(StoreError(Errors.STORE_OPEN, url="x", why="y")) == 500


def test_brief_is_build_brief(client: TestClient, web_data: WebData, web_config: Config) -> None:
    response = client.get(f"/api/stories/{web_data.seeds_story}/brief")
    assert response.status_code == 200
    with open_store(str(web_data.db)) as store:
        expected = build_brief(store, web_data.seeds_story, web_config)
    assert response.json() == json.loads(json.dumps(expected, default=str))
    assert set(response.json()) >= {"story", "summary", "facts", "discrepancies", "entities", "events"}


def test_brief_lists_every_fact_with_all(client: TestClient, web_data: WebData, web_config: Config) -> None:
    default = client.get(f"/api/stories/{web_data.seeds_story}/brief").json()
    whole = client.get(f"/api/stories/{web_data.seeds_story}/brief", params={"all": "1"}).json()
    assert len(whole["facts"]) == whole["fact_count"] == default["fact_count"] > len(default["facts"])
    undisputed = [fact for fact in default["facts"] if fact["status"] != "disputed"]
    assert len(undisputed) == web_config.brief.max_facts
    bad = client.get(f"/api/stories/{web_data.seeds_story}/brief", params={"all": "maybe"})
    assert bad.status_code == 422


def test_brief_is_the_brief_cli_json(client: TestClient, web_data: WebData) -> None:
    response = client.get(f"/api/stories/{web_data.fire_story}/brief")
    cli = _cli_json("brief", web_data.fire_story, "--db", str(web_data.db), "--format", "json")
    assert response.json() == cli


def test_article_in_full_with_its_story(client: TestClient, web_data: WebData) -> None:
    article_id = web_data.seed_ids[0]
    body = client.get(f"/api/articles/{article_id}").json()
    shown = _cli_json("show", article_id, "--db", str(web_data.db), "--json")
    assert {key: value for key, value in body.items() if key != "story_id"} == shown
    assert body["story_id"] == web_data.seeds_story
    hostile = client.get(f"/api/articles/{web_data.hostile_article}").json()
    assert hostile["text"] == HOSTILE_TEXT  # JSON carries the text as is; escaping is the page's job
    _error(client.get("/api/articles/ffffffffffffffff"), 404, Errors.NO_SUCH_ARTICLE.code)


def test_entities_list_and_one(client: TestClient, web_data: WebData) -> None:
    response = client.get("/api/entities", params={"limit": 500})
    listed = response.json()
    assert listed == _cli_json("entities", "--db", str(web_data.db), "--json")
    wi = client.get("/api/entities", params={"q": "sung-lack"}).json()
    assert len(wi) == 1 and {a["name"] for a in wi[0]["aliases"]} == {"Wi Sung-lac", "Wi Sung-lack"}
    one = client.get(f"/api/entities/{wi[0]['id']}").json()
    assert one["stories"] == [web_data.seeds_story]
    assert {key: one[key] for key in wi[0]} == wi[0]
    in_fire = client.get("/api/entities", params={"story": web_data.fire_story, "limit": 500}).json()
    assert in_fire and all(set(e["articles"]) & set(_fire_articles(client, web_data)) for e in in_fire)
    assert "Wi Sung-lac" not in {a["name"] for e in in_fire for a in e["aliases"]}
    _error(client.get("/api/entities/nobody"), 404, "not_found")
    _error(client.get("/api/entities", params={"story": "ffffffff"}), 404, Errors.NO_SUCH_STORY.code)


def _fire_articles(client: TestClient, web_data: WebData) -> list[str]:
    return [a["id"] for a in client.get(f"/api/stories/{web_data.fire_story}").json()["articles"]]


def test_events_are_the_stored_events_listing(client: TestClient, web_data: WebData) -> None:
    with open_store(str(web_data.db)) as store:
        expected = list_events(store)
        seeds = list_events(store, story_id=web_data.seeds_story)
    everything = client.get("/api/events", params={"limit": 500})
    assert everything.status_code == 200
    assert everything.json() == json.loads(json.dumps(expected, default=str))
    assert everything.headers["x-total-count"] == str(len(expected))
    assert all(event["story_id"] for event in everything.json())
    brief = client.get(f"/api/stories/{web_data.seeds_story}/brief").json()
    story = client.get("/api/events", params={"story": web_data.seeds_story[:8]}).json()
    assert story == json.loads(json.dumps(seeds, default=str))
    assert {e["id"] for e in story} == {e["id"] for e in brief["events"]}
    korean = client.get("/api/events", params={"actor": "kor", "limit": 500}).json()
    countries = [{(e.get(side) or {}).get("country") for side in ("source", "target")} for e in korean]
    assert all("KOR" in found for found in countries)
    dated = client.get("/api/events", params={"since": "2026-02-01", "until": "2026-02-28"}).json()
    assert all("2026-02-01" <= e["date"] <= "2026-02-28" for e in dated)
    _error(client.get("/api/events", params={"story": "ffffffff"}), 404, Errors.NO_SUCH_STORY.code)


def test_events_are_the_events_cli_json(client: TestClient, web_data: WebData) -> None:
    cli = _cli_json("events", "--db", str(web_data.db), "--format", "json")
    assert client.get("/api/events", params={"limit": 500}).json() == cli


def test_relations_are_the_relations_of_the_events_module(client: TestClient, web_data: WebData) -> None:
    with open_store(str(web_data.db)) as store:
        expected = relations(store, "KOR", "JPN", "week")
    response = client.get("/api/relations", params={"a": "kor", "b": "JPN"})
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(expected, default=str))
    _error(client.get("/api/relations", params={"a": "Korea", "b": "JPN"}), 422, "invalid_parameter")
    _error(client.get("/api/relations", params={"a": "KOR"}), 422, "invalid_parameter")


def test_full_text_search_links_to_stories_and_filters(client: TestClient, web_data: WebData) -> None:
    hits = client.get("/api/search", params={"q": "Takaichi"}).json()
    assert {hit["article"]["id"] for hit in hits} == set(web_data.seed_ids)
    assert {hit["story_id"] for hit in hits} == {web_data.seeds_story}
    assert all("Takaichi" in hit["snippet"] for hit in hits)
    only_b = client.get("/api/search", params={"q": "Takaichi", "outlet": "outlet-b"}).json()
    assert [hit["article"]["outlet"] for hit in only_b] == ["outlet-b"]
    assert client.get("/api/search", params={"q": "Takaichi", "since": "2026-02-01"}).json() == []
    fire = client.get("/api/search", params={"q": "Oldbridge fire", "limit": 1})
    assert len(fire.json()) == 1 and 'rel="next"' in fire.headers["link"]
    assert "x-total-count" not in fire.headers
    assert client.get("/api/search", params={"q": "zzzqqq"}).json() == []


def test_semantic_search_finds_meaning_not_words(client: TestClient, web_data: WebData) -> None:
    # No article says "deadly"/"mill"/"burned": only the meaning matches the Oldbridge fire.
    hits = client.get("/api/search", params={"q": "deadly blaze at a mill", "mode": "semantic"}).json()
    assert hits and hits[0]["story_id"] == web_data.fire_story
    assert hits[0]["score"] > hits[-1]["score"] or len(hits) == 1
    text_hits = client.get("/api/search", params={"q": "deadly blaze at a mill"}).json()
    assert text_hits == []
    filtered = client.get(
        "/api/search", params={"q": "deadly blaze at a mill", "mode": "semantic", "outlet": "outlet-a"}
    ).json()
    assert all(hit["article"]["outlet"] == "outlet-a" for hit in filtered)


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    paths = set(document["paths"])
    assert paths == {
        "/api/stories",
        "/api/storylines",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/brief",
        "/api/articles/{article_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/events",
        "/api/search",
        "/api/relations",
        "/api/ingest",
    }
    assert 'rel="next"' in document["info"]["description"]
    assert "multipart/form-data" in document["paths"]["/api/ingest"]["post"]["requestBody"]["content"]
    assert client.get("/docs").status_code == 404  # no CDN-loading docs page


def test_unknown_api_path_and_method(client: TestClient) -> None:
    _error(client.get("/api/nothing"), 404, "not_found")
    _error(client.delete("/api/stories"), 405, "http_405")


def test_security_headers_on_pages_api_and_static(client: TestClient) -> None:
    for url in ("/", "/api/stories", "/static/style.css", "/api/nothing"):
        response = client.get(url)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (url, name)
    policy = SECURITY_HEADERS["content-security-policy"]
    assert "unsafe-inline" not in policy and "default-src 'self'" in policy
    assert "script-src 'self'" in policy


@pytest.mark.parametrize("path", ["/api/stories", "/"])
def test_no_server_header_leaks_a_traceback(client: TestClient, path: str) -> None:
    response = client.get(path, params={"since": "2026-99-99"})
    assert response.status_code == 400
    assert "Traceback" not in response.text
