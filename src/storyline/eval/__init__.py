"""Benchmarks that score one stage each against public data in ``../shared/data``.

Every task lives in its own module exposing ``evaluate(data_dir: Path, *, limit: int | None =
None, split: str = "test") -> EvalReport``; ``split`` picks the task's fixed dev or test part
(``storyline.eval.split``, docs/measurements.md). The registry maps the task name users type
onto that module and onto the data folder it needs, so the CLI can say clearly what is missing
before importing anything heavy.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.eval.report import EvalReport, MissingData, print_report

__all__ = ["TASKS", "EvalReport", "EvalTask", "MissingData", "print_report"]


@dataclass(frozen=True, slots=True)
class EvalTask:
    name: str
    module: str  # dotted path of the module with ``evaluate``
    data: tuple[str, ...]  # sub-folders of the data directory it reads
    description: str


TASKS: dict[str, EvalTask] = {
    task.name: task
    for task in [
        EvalTask(
            "events-e2e",
            "storyline.eval.events_e2e",
            (),  # the folder depends on the split: evaluate says which one is missing
            "whole records from a full run on the conflict-events gold, record F1 (GUIDE.md)",
        ),
        EvalTask(
            "extraction",
            "storyline.eval.extraction",
            ("article-extraction-benchmark",),
            "HTML main-text extraction, 4-gram shingle P/R/F1 (Zyte benchmark)",
        ),
        EvalTask(
            "chrome",
            "storyline.eval.chrome",
            ("trafilatura-eval",),
            "plain-text chrome classifier, line-level P/R/F1 of keep lines",
        ),
        EvalTask(
            "similarity",
            "storyline.eval.similarity",
            ("semeval2022-task8-sample",),
            "same-story score vs. human Overall rating, Pearson r (en-en pairs)",
        ),
        EvalTask(
            "geocoding",
            "storyline.eval.geocoding",
            ("geoparsing-news",),
            "toponym resolution accuracy within 161 km, median error, toponym F1",
        ),
        EvalTask(
            "dates",
            "storyline.eval.dates",
            ("tempeval3",),
            "TIMEX3 span and value F1 (dev: TBAQ AQUAINT + TimeBank; test: TempEval-3 platinum)",
        ),
        EvalTask(
            "attribution",
            "storyline.eval.attribution",
            ("polnear-attribution",),
            "attributed claims, source/cue/content span F1 on PolNeAR (dev or test)",
        ),
        EvalTask(
            "event-types",
            "storyline.eval.event_types",
            ("case2021-task2",),
            "ACLED sub-type of one-event snippets, weighted F1 (CASE 2021 task 2)",
        ),
        EvalTask(
            "muc4",
            "storyline.eval.muc4",
            ("muc4",),
            "role fillers (perpetrators, targets, victims, weapons), CEAF-REE P/R/F1 (MUC-4)",
        ),
        EvalTask(
            "clustering",
            "storyline.eval.clustering",
            ("ecbplus", "clustmcms-news-clusters"),
            "incremental story clustering vs gold events, B-cubed P/R/F1 and ARI",
        ),
        EvalTask(
            "timeline",
            "storyline.eval.timeline",
            ("semeval2015-task4-timeline",),
            "entity timelines, temporal-awareness F1 with date links and ordering-only "
            "(SemEval-2015 task 4; our reading of the scorer, not the official tool)",
        ),
        EvalTask(
            "text-metadata",
            "storyline.eval.text_metadata",
            ("trafilatura-eval", "article-extraction-benchmark"),
            "title, authors, publisher, date read off a page's browser text (innerText)",
        ),
    ]
}
