"""The stage runner enforces the Article -> Article contract and counts what each stage did."""

from __future__ import annotations

import pytest

from newsweave.data import Article
from newsweave.errors import StageError
from newsweave.pipeline.runner import Dropped, Runner, Stage, StageResult


def _upper(article: Article) -> Article:
    article.title = article.title.upper()
    return article


def _drop_short(article: Article) -> StageResult:
    return Dropped("short") if len(article.text) < 10 else article


def test_runner_passes_drops_and_counts() -> None:
    runner = Runner([Stage("upper", _upper), Stage("drop_short", _drop_short)])
    kept = runner.run(Article(title="a", text="long enough text"))
    dropped = runner.run(Article(title="b", text="short"))
    assert isinstance(kept, Article) and kept.title == "A"
    assert dropped == Dropped("short")
    figures = runner.figures()
    assert figures["upper"]["passed"] == 2
    assert figures["drop_short"]["passed"] == 1 and figures["drop_short"]["dropped"] == {"short": 1}


def test_a_stage_returning_something_else_is_named_in_the_error() -> None:
    runner = Runner([Stage("broken", lambda article: None)])  # type: ignore[arg-type,return-value]
    with pytest.raises(StageError, match="broken"):
        runner.run(Article(title="a", text="text"))


def test_a_failing_stage_is_counted() -> None:
    def explode(article: Article) -> Article:
        raise ValueError("no")

    runner = Runner([Stage("explode", explode)])
    with pytest.raises(ValueError):
        runner.run(Article(title="a", text="text"))
    assert runner.figures()["explode"]["failed"] == 1
