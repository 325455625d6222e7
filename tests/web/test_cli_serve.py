"""`newsweave serve`: binds loopback by default, passes the token through, refuses a weak one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsweave.cli.main import main
from newsweave.store import open_store


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn.run replaced by a recorder: the command is tested without serving."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append({"app": app, **kwargs}))
    monkeypatch.delenv("NEWSWEAVE_INGEST_TOKEN", raising=False)
    return calls


def test_serve_binds_loopback_by_default_read_only(runs: list[dict[str, Any]], tmp_path: Path) -> None:
    open_store(str(tmp_path / "s.db")).close()  # a read-only server needs a store (E309 otherwise)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    (call,) = runs
    assert call["host"] == "127.0.0.1" and call["port"] == 8000
    assert call["app"].state.web.ingest_token is None
    assert "ingest off" in result.output
    call["app"].state.web.close()


def test_serve_takes_host_port_and_token_from_env(
    runs: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWEAVE_INGEST_TOKEN", "a-long-enough-token-123")
    result = CliRunner().invoke(
        main, ["serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0", "--port", "9001"]
    )
    assert result.exit_code == 0, result.output
    (call,) = runs
    assert (call["host"], call["port"]) == ("0.0.0.0", 9001)
    assert call["app"].state.web.ingest_token == "a-long-enough-token-123"
    assert "warning: listening on 0.0.0.0" in result.output
    call["app"].state.web.close()


def test_serve_refuses_a_short_token(runs: list[dict[str, Any]], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--ingest-token", "short"])
    assert result.exit_code == 2 and "at least 16 characters" in result.output
    assert runs == []


def test_serve_reports_a_store_it_cannot_open(runs: list[dict[str, Any]], tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "dir.db")])
    assert result.exit_code == 1 and "E301" in result.output
    assert runs == []
