"""How the stages run: the runner below them, the whole run above them.

- :mod:`~newsweave.pipeline.runner`: ``Stage``, ``Runner`` and ``StageResult``: per-article functions a
  runner calls, checks and counts (what each stage kept, changed and dropped, and why), the same way
  in-process or inside a batch executor; every stage package imports it;
- :mod:`~newsweave.pipeline.process`: one whole run (ingest, analysis, stories) over some inputs as one
  library call; it imports the stages.

This ``__init__`` imports neither, so a stage importing the runner does not pull in the run.
"""
