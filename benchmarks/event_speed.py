"""Speed of the events step: events/s and the analysis stage with and without it, on ECB+ documents.

Run: ``.venv/bin/python benchmarks/event_speed.py [--n 200] [--threads 1]``

Analyses N ECB+ documents in batches of ``[analysis] batch_size`` (models loaded and warmed first, not
timed) and reports, from the analysis runner's per-stage timings: the events step's seconds, events/s
and sentences/s; the classifier's share (sentences it was asked about); and the whole analysis stage's
articles/s with and without the events step. ``--threads`` sets the classifier encoder's threads (the
machine has 2 cores; spaCy runs in one process here, as ``[analysis] n_process = 1``).
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time

from analysis import ecbplus_articles  # the sibling benchmark's ECB+ loader
from newsweave.analysis.stage import Analyser
from newsweave.config import load_config
from newsweave.events.extract import EventExtractor, _ArticleEvents
from newsweave.pipeline.runner import Runner


def main() -> None:
    """Time the analysis stage per sub-stage and print the events step's figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200, help="ECB+ documents to analyse")
    parser.add_argument("--threads", type=int, default=1, help="classifier encoder threads")
    options = parser.parse_args()
    print("command:", shlex.join([sys.executable, *sys.argv]))
    config = load_config(None)
    articles = ecbplus_articles(options.n)

    warm = Analyser(config)
    warm.event_extractor = EventExtractor(config, threads=options.threads)
    warm.analyse(ecbplus_articles(2))  # loads spaCy and the gazetteer
    warm.event_extractor.classifier.classify(["Warm-up: load the classifier and its encoder."])
    runner = Runner([])
    analyser = Analyser(config, runner)
    analyser.nlp = warm.nlp  # the same loaded models, a fresh runner
    analyser.gazetteer = warm.gazetteer
    analyser.event_extractor = warm.event_extractor
    size = config.analysis.batch_size
    start = time.perf_counter()
    analyses = []
    for first in range(0, len(articles), size):
        analyses.extend(analyser.analyse(articles[first : first + size]))
    wall = time.perf_counter() - start
    stages = runner.figures()
    events_s = stages["events"]["seconds"]
    total_s = sum(stage["seconds"] for stage in stages.values())
    sentences = sum(len(a.sentences) for a in analyses)
    events = sum(len(a.events) for a in analyses)
    docs = analyser.nlp.pipe([article.text for article in articles[:50]])
    asked = sum(
        c.trigger is None
        for article, doc, analysis in zip(articles[:50], docs, analyses[:50], strict=False)
        for c in _ArticleEvents(article, doc, analysis).candidates()
    )
    sample_sentences = sum(len(a.sentences) for a in analyses[:50])
    print(f"{len(articles)} articles, {sentences} sentences, {events} events; wall {wall:.1f} s")
    for name, stage in stages.items():
        print(f"  {name:12s} {stage['seconds']:7.2f} s")
    share = events_s / total_s
    print(f"events step: {events_s:.2f} s = {events / events_s:.1f} events/s, "
          f"{sentences / events_s:.0f} sentences/s ({share:.1%} of the analysis stage)")  # fmt: skip
    print(f"classifier asked about {asked / max(sample_sentences, 1):.1%} of sentences (first 50 articles)")
    print(f"analysis with events:    {len(articles) / total_s:.2f} articles/s")
    print(f"analysis without events: {len(articles) / (total_s - events_s):.2f} articles/s")


if __name__ == "__main__":
    main()
