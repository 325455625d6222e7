"""POST /api/ingest: off without a token, then only with it; writes go through the one writer."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from newsweave.config import Config
from newsweave.store import Store
from newsweave.store.schema import stories
from newsweave.web.app import create_app
from tests.web.conftest import TOKEN

NEW_REPORT = (
    "Harbour bridge closes for repairs\n\n"
    "The Kellsworth harbour bridge will close for six weeks from Monday while engineers replace its "
    "expansion joints, the city's transport department said. Ferries will run every twenty minutes "
    "instead of every hour while the bridge is shut, and buses will be diverted through the tunnel.\n"
)


@pytest.fixture
def writer_client(store_copy: Path, web_config: Config) -> Iterator[TestClient]:
    """A client of an app with ingest on, over a private copy of the session store."""
    app = create_app(str(store_copy), config=web_config, ingest_token=TOKEN)
    with TestClient(app) as client:
        yield client


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_ingest_is_off_without_a_token(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"urls": ["https://example.test/a"]}, headers=_auth())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "ingest_disabled"


def test_ingest_needs_the_token(writer_client: TestClient) -> None:
    body = {"urls": ["https://example.test/a"]}
    missing = writer_client.post("/api/ingest", json=body)
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "unauthorized"
    assert missing.headers["www-authenticate"] == "Bearer"
    basic = writer_client.post("/api/ingest", json=body, headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    wrong = writer_client.post("/api/ingest", json=body, headers=_auth("not-the-token-000000000"))
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"


def test_ingest_rejects_bad_bodies(writer_client: TestClient) -> None:
    def code(response: object) -> tuple[int, str]:
        assert hasattr(response, "json") and hasattr(response, "status_code")
        return response.status_code, response.json()["error"]["code"]

    assert code(writer_client.post("/api/ingest", json={"urls": ["ftp://x/y"]}, headers=_auth())) == (
        422,
        "invalid_parameter",
    )
    assert code(writer_client.post("/api/ingest", json={"urls": []}, headers=_auth())) == (
        422,
        "invalid_parameter",
    )
    assert code(writer_client.post("/api/ingest", json=["x"], headers=_auth())) == (422, "invalid_parameter")
    assert code(writer_client.post("/api/ingest", json={"urls": "https://a.test"}, headers=_auth())) == (
        422,
        "invalid_parameter",
    )
    raw = writer_client.post(
        "/api/ingest", content=b"{not json", headers={**_auth(), "Content-Type": "application/json"}
    )
    assert code(raw) == (400, "bad_json")
    text = writer_client.post(
        "/api/ingest", content=b"hello", headers={**_auth(), "Content-Type": "text/plain"}
    )
    assert code(text) == (415, "unsupported_media_type")
    dated = writer_client.post(
        "/api/ingest", json={"urls": ["https://a.test/x"], "published": "yesterday"}, headers=_auth()
    )
    assert code(dated) == (400, "E113")


def test_ingest_uploaded_file_then_it_is_searchable(writer_client: TestClient) -> None:
    response = writer_client.post(
        "/api/ingest",
        files=[("files", ("../../etc/bridge report.txt", NEW_REPORT.encode(), "text/plain"))],
        data={"outlet": "Kellsworth Post", "published": "2026-03-10"},
        headers=_auth(),
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["new"] == 1 and report["failed"] == 0
    assert report["analysis"]["counts"]["analysed"] == 1
    hits = writer_client.get("/api/search", params={"q": "Kellsworth bridge"}).json()
    assert len(hits) == 1 and hits[0]["article"]["outlet"] == "Kellsworth Post"
    assert hits[0]["story_id"] is not None
    assert hits[0]["article"]["published"].startswith("2026-03-10")
    again = writer_client.post(
        "/api/ingest", files=[("files", ("bridge.txt", NEW_REPORT.encode(), "text/plain"))], headers=_auth()
    )
    assert again.json()["new"] == 0  # re-ingest adds nothing


def test_uploaded_files_are_removed_once_ingested(
    writer_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsweave.web import api_ingest as api

    made: list[Path] = []

    class Recorded(api.UploadDir):
        def __init__(self) -> None:
            super().__init__()
            made.append(self.path)

    monkeypatch.setattr(api, "UploadDir", Recorded)
    response = writer_client.post(
        "/api/ingest", files=[("files", ("note.txt", NEW_REPORT.encode(), "text/plain"))], headers=_auth()
    )
    assert response.status_code == 200
    refused = writer_client.post("/api/ingest", json={"urls": ["ftp://x"]}, headers=_auth())
    assert refused.status_code == 422
    assert len(made) == 2 and not any(path.exists() for path in made)


def test_ingest_refuses_private_network_urls(writer_client: TestClient) -> None:
    # The server fetches for a caller on the network: loopback targets are refused (no request is made).
    response = writer_client.post("/api/ingest", json={"urls": ["http://127.0.0.1:9/x"]}, headers=_auth())
    assert response.status_code == 200
    report = response.json()
    assert report["failed"] == 1 and report["failures"][0]["code"] == "E203"


def test_readers_are_not_locked_out_while_the_writer_holds_a_transaction(writer_client: TestClient) -> None:
    state = writer_client.app.state.web  # type: ignore[attr-defined]
    inside, release = threading.Event(), threading.Event()

    def slow_write(store: Store) -> str:
        with store.atomic() as connection:
            connection.execute(update(stories).values(title="renamed by the writer"))
            inside.set()
            assert release.wait(30)
        return "done"

    future = state.writer.submit(slow_write)
    try:
        assert inside.wait(30)
        response = writer_client.get("/api/stories")
        assert response.status_code == 200
        # Readers see the last committed state, not the writer's open transaction.
        assert "renamed by the writer" not in {story["title"] for story in response.json()}
        assert writer_client.get("/").status_code == 200
    finally:
        release.set()
    assert future.result(30) == "done"
    assert {story["title"] for story in writer_client.get("/api/stories").json()} == {"renamed by the writer"}


def test_writes_run_one_at_a_time_in_order(writer_client: TestClient) -> None:
    state = writer_client.app.state.web  # type: ignore[attr-defined]
    running: list[int] = []
    overlaps: list[bool] = []
    lock = threading.Lock()

    def job(number: int) -> object:
        def run(_store: Store) -> int:
            with lock:
                overlaps.append(bool(running))
                running.append(number)
            time.sleep(0.01)
            with lock:
                running.remove(number)
            return number

        return run

    futures = [state.writer.submit(job(n)) for n in range(8)]
    assert [future.result(30) for future in futures] == list(range(8))
    assert not any(overlaps)
    assert {thread.name for thread in threading.enumerate() if thread.name.startswith("newsweave-writer")}
