"""Configuration: a user's file laid over the defaults; unknown keys and wrong types refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import load_config
from newsweave.errors import ConfigError


def test_defaults_load_without_a_user_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSWEAVE_CONFIG", raising=False)
    config = load_config(None)
    assert config.dedupe.num_perm % config.dedupe.lsh_bands == 0


def test_user_file_overrides_one_key_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[dedupe]\nnear_duplicate_jaccard = 0.8\n[fetch]\ntimeout_s = 3\n")
    config = load_config(path)
    assert config.dedupe.near_duplicate_jaccard == 0.8
    assert config.fetch.timeout_s == 3.0
    assert config.dedupe.shingle_words == load_config(None).dedupe.shingle_words


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("[dedupe]\nnear_dupe = 0.8\n", "E401"),
        ("[nosuch]\nx = 1\n", "E401"),
        ("[fetch]\nmax_bytes = true\n", "E402"),
        ("[fetch]\nuser_agent = 5\n", "E402"),
        ("[analysis]\nworkers = -1\n", "E402"),
        ("[fetch\n", "E403"),
    ],
)
def test_bad_user_files_are_refused_with_the_key_named(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=code) as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_environment_variable_names_the_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[ingest]\nmin_text_chars = 5\n")
    monkeypatch.setenv("NEWSWEAVE_CONFIG", str(path))
    assert load_config().ingest.min_text_chars == 5
