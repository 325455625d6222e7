"""Configuration: the packaged ``default_config.toml`` with a user's TOML file laid over it."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from newsweave.errors import ConfigError, Errors

CONFIG_ENV = "NEWSWEAVE_CONFIG"
USER_CONFIG = Path("~/.config/newsweave/config.toml")


@dataclass(frozen=True, slots=True)
class StoreConfig:
    default_db: str


@dataclass(frozen=True, slots=True)
class IngestConfig:
    max_input_bytes: int
    max_record_bytes: int
    min_text_chars: int
    progress_bar_min_inputs: int
    max_input_seconds: float


@dataclass(frozen=True, slots=True)
class FetchConfig:
    timeout_s: float
    max_bytes: int
    max_redirects: int
    user_agent: str
    allow_private: bool


@dataclass(frozen=True, slots=True)
class BoilerplateConfig:
    outlet_recurrence_min_articles: int
    max_recurrent_line_words: int


@dataclass(frozen=True, slots=True)
class DedupeConfig:
    shingle_words: int
    num_perm: int
    lsh_bands: int
    near_duplicate_jaccard: float
    near_duplicate_min_words: int


@dataclass(frozen=True, slots=True)
class AnalysisConfig:
    spacy_model: str
    batch_size: int
    pipe_batch_size: int
    n_process: int
    gazetteer_city_set: int
    workers: int
    workers_min_articles: int


@dataclass(frozen=True, slots=True)
class StoriesConfig:
    embedding_model: str
    encoder_threads: int
    multilingual_model: str


@dataclass(frozen=True, slots=True)
class EventsConfig:
    classifier_model: str
    classifier_encoder: str
    min_confidence: float


@dataclass(frozen=True, slots=True)
class BriefConfig:
    align_threshold: float
    max_facts: int
    same_event_model: str
    same_event_threshold: float


@dataclass(frozen=True, slots=True)
class WatchConfig:
    interval_s: int
    min_interval_s: int
    max_concurrent: int
    host_delay_s: float
    max_backoff_s: int
    failing_after: int
    webhook_url: str
    webhook_secret: str
    webhook_tries: int
    webhook_retry_s: float


@dataclass(frozen=True, slots=True)
class Config:
    """The whole configuration, one frozen section per table of the TOML file."""

    store: StoreConfig
    ingest: IngestConfig
    fetch: FetchConfig
    boilerplate: BoilerplateConfig
    dedupe: DedupeConfig
    analysis: AnalysisConfig
    stories: StoriesConfig
    events: EventsConfig
    brief: BriefConfig
    watch: WatchConfig


def _default_table() -> dict[str, Any]:
    text = resources.files("newsweave").joinpath("default_config.toml").read_text("utf-8")
    return tomllib.loads(text)


def _section_classes() -> dict[str, type[Any]]:
    return {
        "store": StoreConfig,
        "ingest": IngestConfig,
        "fetch": FetchConfig,
        "boilerplate": BoilerplateConfig,
        "dedupe": DedupeConfig,
        "analysis": AnalysisConfig,
        "stories": StoriesConfig,
        "events": EventsConfig,
        "brief": BriefConfig,
        "watch": WatchConfig,
    }


def _check_type(key: str, value: Any, default: Any, path: str) -> Any:
    # bool is an int in Python; keep them apart so `max_bytes = true` is refused.
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(value, bool) and isinstance(default, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float))
        value = float(value) if ok else value
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise ConfigError(
            Errors.CONFIG_BAD_VALUE, key=key, path=path, expected=type(default).__name__, value=value
        )
    return value


# Counts where a negative number means nothing (0 has a meaning of its own, said in the defaults file).
NON_NEGATIVE = frozenset({"analysis.workers", "analysis.workers_min_articles", "stories.encoder_threads"})


def merge(defaults: dict[str, Any], user: dict[str, Any], path: str) -> dict[str, Any]:
    """Lay ``user`` over ``defaults``, refusing keys and types the defaults do not have."""
    merged = {name: dict(table) for name, table in defaults.items()}
    for name, table in user.items():
        if name not in merged or not isinstance(table, dict):
            raise ConfigError(Errors.CONFIG_UNKNOWN_KEY, key=name, path=path)
        for key, value in table.items():
            if key not in merged[name]:
                raise ConfigError(Errors.CONFIG_UNKNOWN_KEY, key=f"{name}.{key}", path=path)
            merged[name][key] = _check_type(f"{name}.{key}", value, merged[name][key], path)
            if f"{name}.{key}" in NON_NEGATIVE and value < 0:
                raise ConfigError(
                    Errors.CONFIG_BAD_VALUE, key=f"{name}.{key}", path=path, expected="0 or more", value=value
                )
    return merged


def user_config_path(explicit: str | Path | None = None) -> Path | None:
    """The user's config file: the explicit path, else $NEWSWEAVE_CONFIG, else ~/.config's if present."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    home = USER_CONFIG.expanduser()
    return home if home.is_file() else None


def config_origin(explicit: str | Path | None = None) -> str:
    """Why ``user_config_path`` chose its file (or none): for `newsweave config`."""
    if explicit:
        return "--config"
    if os.environ.get(CONFIG_ENV):
        return f"${CONFIG_ENV}"
    return str(USER_CONFIG) if USER_CONFIG.expanduser().is_file() else "none"


def effective_settings(path: str | Path | None = None) -> list[tuple[str, str, Any, str]]:
    """Every setting as ``(section, key, value, origin)``: origin is the user file that set it, or
    ``default`` (the packaged ``default_config.toml``). Errors as ``load_config``'s."""
    load_config(path)  # the same checks, so a bad file is reported here as everywhere else
    user_path = user_config_path(path)
    user = tomllib.loads(user_path.read_text("utf-8")) if user_path is not None else {}
    merged = merge(_default_table(), user, str(user_path))
    return [
        (section, key, value, str(user_path) if key in user.get(section, {}) else "default")
        for section, table in merged.items()
        for key, value in table.items()
    ]


def load_config(path: str | Path | None = None) -> Config:
    """The packaged defaults with the user's file (see ``user_config_path``) laid over them."""
    table = _default_table()
    user_path = user_config_path(path)
    if user_path is not None:
        try:
            user = tomllib.loads(user_path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(Errors.CONFIG_UNREADABLE, path=str(user_path), why=exc) from exc
        table = merge(table, user, str(user_path))
    classes = _section_classes()
    return Config(**{name: classes[name](**values) for name, values in table.items()})
