"""Every route meets hostile parameters with an answer, never a 5xx, and every answer has the security
headers; reads have a time budget; the API's ingest never fetches the server's own network."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsweave.config import Config
from newsweave.web.app import SECURITY_HEADERS, create_app
from tests.benchmark_modules import load_benchmark
from tests.readers.servers import LoopbackServer, Reply
from tests.store.conftest import DatabaseFactory, pg_databases  # noqa: F401 - the fixture, for PostgreSQL
from tests.web.conftest import TOKEN, WebData, _build

#: The route sweep of the live-server benchmark, run here in-process.
web_fuzz = load_benchmark("web_fuzz")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def swept_app(request: pytest.FixtureRequest, web_data: WebData, web_config: Config) -> Iterator[FastAPI]:
    """The read-only app over the session's SQLite store, or over the same data in PostgreSQL."""
    data = web_data
    if request.param == "postgresql":
        databases: DatabaseFactory = request.getfixturevalue("pg_databases")
        data = _build(databases("web_sweep"), web_config)
    app = create_app(str(data.db), config=web_config, brief_wait_s=0.0)
    app.state.sweep_data = data
    yield app
    app.state.web.close()


def test_no_route_answers_5xx_to_hostile_parameters(swept_app: FastAPI) -> None:
    data: WebData = swept_app.state.sweep_data
    failures = []
    with TestClient(swept_app, raise_server_exceptions=False) as client:
        samples = {"story_id": data.fire_story, "article_id": data.hostile_article}
        urls = list(web_fuzz.targets(swept_app, samples))
        # Every route of the API and the pages, each parameter: the sweep must never be empty.
        assert len({url.split("?")[0] for url in urls}) > 20 and len(urls) > 400
        for url in urls:
            response = client.get(url)
            if response.status_code >= 500 or "content-security-policy" not in response.headers:
                failures.append((url[:100], response.status_code, response.text[:200]))
    assert failures == []


def test_an_unexpected_error_is_a_500_with_the_security_headers(
    web_data: WebData, web_config: Config
) -> None:
    app = create_app(str(web_data.db), config=web_config)

    @app.get("/api/broken")
    def broken() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/broken")
    app.state.web.close()
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_a_read_past_its_time_budget_is_answered_503(web_data: WebData, web_config: Config) -> None:
    app = create_app(str(web_data.db), config=web_config, brief_wait_s=0.0, request_budget_s=0.2)

    @app.get("/api/slow")
    async def slow() -> None:
        await asyncio.sleep(60)  # cancelled by the budget: the test never waits this long

    with TestClient(app) as client:
        response = client.get("/api/slow")
    app.state.web.close()
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "timed_out"
    assert "content-security-policy" in response.headers


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("/api/search?q=a%00b", "control character"),
        ("/api/search?q=%ff%fe", "not UTF-8"),
        ("/api/search?q=" + "+".join(["a"] * 100), "words"),
        ("/search?q=" + "x" * 5_000, "characters"),
        ("/api/stories/abc%00def", "control character"),
    ],
)
def test_hostile_parameters_are_refused_before_any_route(client: TestClient, url: str, problem: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert problem in response.text
    assert "content-security-policy" in response.headers


def test_api_ingest_refuses_private_addresses_even_when_the_config_allows_them(
    store_copy: object, web_config: Config
) -> None:
    # [fetch] allow_private = true is for the command line; a remote caller must not read the server's
    # own network. The page is really there, on loopback: it must never be requested.
    allowing = replace(web_config, fetch=replace(web_config.fetch, allow_private=True))
    app = create_app(str(store_copy), config=allowing, ingest_token=TOKEN)
    with LoopbackServer() as server, TestClient(app) as client:
        server.routes["/internal"] = Reply(b"<html><body><p>internal secrets</p></body></html>")
        response = client.post(
            "/api/ingest",
            json={"urls": [server.url("/internal")]},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        seen = list(server.requests)
    app.state.web.close()
    assert response.status_code == 200
    report = response.json()
    assert report["failed"] == 1 and report["failures"][0]["code"] == "E203"
    assert seen == []
