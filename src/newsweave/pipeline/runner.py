"""The stage runner: per-article stages are ``Article -> Article`` (spaCy's component contract).

A filter stage may return ``Dropped`` instead, with a reason. The runner checks every return,
names the stage that broke the contract, and counts and times what each stage passed, dropped
and failed (datatrove's habit), so a run's figures can be stored and reported.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsweave.data import Article, Failure
from newsweave.errors import Errors, StageError


@dataclass(frozen=True, slots=True)
class Dropped:
    """A filter's verdict that an article goes no further, and why."""

    reason: str


StageResult = Article | Dropped
ArticleStage = Callable[[Article], StageResult]


@dataclass(frozen=True, slots=True)
class Stage:
    """A named per-article stage."""

    name: str
    run: ArticleStage


@dataclass(slots=True)
class StageStats:
    """What one stage did over a run."""

    passed: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    failed: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready figures."""
        return {
            "passed": self.passed,
            "dropped": dict(self.dropped),
            "failed": self.failed,
            "seconds": round(self.seconds, 4),
        }


class Runner:
    """Runs stages over articles one at a time, keeping per-stage figures."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = list(stages)
        self.stats: dict[str, StageStats] = {stage.name: StageStats() for stage in stages}

    def timed(self, name: str) -> _Timer:
        """Time a step that is not a plain stage (one that needs the store), under ``name``."""
        return _Timer(self.stats.setdefault(name, StageStats()))

    def run(self, article: Article) -> StageResult:
        """Pass the article through every stage; stop at the first that drops it."""
        for stage in self.stages:
            stats = self.stats[stage.name]
            start = time.perf_counter()
            try:
                result = stage.run(article)
            except Exception:
                stats.failed += 1
                raise
            finally:
                stats.seconds += time.perf_counter() - start
            if isinstance(result, Dropped):
                stats.dropped[result.reason] += 1
                return result
            if not isinstance(result, Article):
                raise StageError(Errors.STAGE_CONTRACT, stage=stage.name, returned=type(result).__name__)
            stats.passed += 1
            article = result
        return article

    def absorb(self, stats: dict[str, StageStats]) -> None:
        """Add another runner's figures (a worker process's, for the same stages) to this one's."""
        for name, theirs in stats.items():
            ours = self.stats.setdefault(name, StageStats())
            ours.passed += theirs.passed
            ours.dropped.update(theirs.dropped)
            ours.failed += theirs.failed
            ours.seconds += theirs.seconds

    def figures(self) -> dict[str, dict[str, Any]]:
        """Every stage's figures, JSON-ready."""
        return {name: stats.as_dict() for name, stats in self.stats.items()}


class _Timer:
    def __init__(self, stats: StageStats) -> None:
        self.stats = stats
        self.start = 0.0

    def __enter__(self) -> StageStats:
        self.start = time.perf_counter()
        return self.stats

    def __exit__(self, exc_type: object, *_rest: object) -> None:
        self.stats.seconds += time.perf_counter() - self.start
        if exc_type is None:
            self.stats.passed += 1
        else:
            self.stats.failed += 1


@dataclass(slots=True)
class RunReport:
    """What a corpus stage run did: named counts and each sub-stage's figures."""

    counts: Counter[str] = field(default_factory=Counter)
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Items the stage failed on, each named; the run went on without them.
    failures: list[Failure] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        failures = [{"source": f.source, "code": f.code, "reason": f.reason} for f in self.failures]
        return {"counts": dict(self.counts), "stages": self.stages, "failures": failures}
