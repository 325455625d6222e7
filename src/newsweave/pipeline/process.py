"""The whole pipeline over some inputs: ingest, analyse the new articles, assign them to stories.

What ``newsweave ingest`` does by default, as one library call (tests, benchmarks, the web app's
ingest endpoint).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsweave.config import Config, load_config

if TYPE_CHECKING:
    from newsweave.analysis.stage import AnalysisReport
    from newsweave.ingest.stage import IngestReport
    from newsweave.readers.base import ReadOptions
    from newsweave.store import Store
    from newsweave.stories.stage import StoryReport


@dataclass(slots=True)
class PipelineReport:
    """What each step did."""

    ingest: IngestReport
    analysis: AnalysisReport
    stories: StoryReport


def process_inputs(
    inputs: Sequence[str],
    store: Store,
    options: ReadOptions | None = None,
    config: Config | None = None,
) -> PipelineReport:
    """Ingest ``inputs``, analyse every article not yet analysed, and assign new articles to stories."""
    from newsweave.analysis.stage import analyse_store
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.stories.stage import assign_stories

    config = config or load_config()
    ingested = ingest_inputs(inputs, store, options, config)
    analysed = analyse_store(store, config)
    assigned = assign_stories(store, config)
    return PipelineReport(ingested, analysed, assigned)
