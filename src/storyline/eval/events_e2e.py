"""Whole records scored end to end: the conflict-events gold run through ``storyline run``.

Every other task scores one stage on pre-cut input. This one measures what a user reads: the
articles go in the way a crawler hands them over (JSON Lines, one file per article, with the
publication date, title and URL the gold knows), the whole pipeline runs into a temporary SQLite
store, and the output folder is scored by the gold set's GUIDE.md definitions (``e2e_score``,
which agrees with the set's reference ``score.py``). The headline is record F1: events whose
type, sub-type, actor, place and date are all right, so an analyst could keep them as they are.

``dev`` is the shared set (``DATA/conflict-events-gold``); ``test`` is a set of other stories
(``DATA/conflict-events-gold-test``) kept apart from developers.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from rich.markup import escape

from storyline.eval.e2e_misses import Miss, rank_misses
from storyline.eval.e2e_score import RunScore, score_run, summary_figures
from storyline.eval.report import EvalReport, MissingData

FOLDERS = {"dev": "conflict-events-gold", "test": "conflict-events-gold-test"}
WORST = 15  # misses listed under the table


def gold_folder(data_dir: Path, split: str) -> Path:
    """The gold folder of a split, or MissingData saying what is absent and why."""
    if split not in FOLDERS:
        raise ValueError(f"unknown split {split!r}: use dev or test")
    folder = data_dir / FOLDERS[split]
    if split == "test" and not folder.exists():
        raise MissingData(
            folder,
            "the events-e2e test set is kept apart and not shipped with the shared data; "
            "score the shared set with --split dev",
        )
    if not folder.exists():
        raise MissingData(folder, f"point --data at the folder that holds {FOLDERS[split]}/")
    if not (folder / "stories").is_dir():
        raise MissingData(folder / "stories", "a gold folder holds stories/<story_id>/gold.json")
    return folder


def story_dirs(gold_dir: Path, limit: int | None = None) -> list[Path]:
    """The gold's story folders in name order, the first ``limit`` of them when given."""
    found = sorted(p for p in (gold_dir / "stories").glob("*") if (p / "gold.json").is_file())
    return found[:limit] if limit is not None else found


def write_inputs(gold_dir: Path, target: Path, stories: list[Path]) -> tuple[int, list[str]]:
    """Write each article of the stories as ``target/<story>/<article>.jsonl``: one line with
    its text (the title line removed), title, publication date and URL from gold.json. Returns
    the count written and one line per story that could not be read."""
    written, problems = 0, []
    for story in stories:
        try:
            gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
            if not isinstance(gold, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            problems.append(f"skipped story {story.name}: gold.json unreadable ({exc})")
            continue
        meta = {a.get("article_id"): a for a in gold.get("articles") or [] if isinstance(a, dict)}
        for path in sorted((story / "articles").glob("*.txt")):
            written += _write_article(path, meta.get(path.stem, {}), target / story.name)
    return written, problems


def _write_article(path: Path, info: dict[str, Any], folder: Path) -> int:
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n", 1)
    record = {
        "text": lines[1].strip() if len(lines) > 1 else lines[0],
        "title": lines[0].strip(),
        "published": info.get("published"),
        "url": info.get("url"),
    }
    folder.mkdir(parents=True, exist_ok=True)
    line = json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False)
    (folder / f"{path.stem}.jsonl").write_text(line + "\n", encoding="utf-8")
    return 1


def run_gold(gold_dir: Path, work: Path, stories: list[Path]) -> tuple[Path, list[str]]:
    """Feed the stories' articles to the whole pipeline; returns the output folder."""
    from storyline.pipeline import RunOptions, run_pipeline

    inputs, out = work / "in", work / "out"
    count, problems = write_inputs(gold_dir, inputs, stories)
    if count == 0:
        raise MissingData(gold_dir / "stories", "no readable article under stories/*/articles/")
    run_pipeline(RunOptions(inputs=[inputs], out=out, db=str(work / "e2e.db"), quiet=True))
    return out, problems


def evaluate(
    data_dir: Path,
    *,
    limit: int | None = None,
    split: str = "dev",
    run_dir: Path | None = None,
) -> EvalReport:
    """Run the pipeline on a split's gold stories (the first ``limit``) and score the output;
    with ``run_dir``, score that existing ``storyline run --out`` folder instead."""
    gold_dir = gold_folder(data_dir, split)
    stories = story_dirs(gold_dir, limit)
    notes: list[str] = []
    if run_dir is not None:
        if not run_dir.is_dir():
            raise MissingData(run_dir, "--run-dir must be a `storyline run --out` folder")
        score = score_run(run_dir, gold_dir, only={p.name for p in stories})
        notes.append(f"scored the existing run in {run_dir}")
    else:
        with tempfile.TemporaryDirectory(prefix="storyline-e2e-") as work:
            out, notes = run_gold(gold_dir, Path(work), stories)
            score = score_run(out, gold_dir, only={p.name for p in stories})
    return build_report(score, split, notes)


COLUMNS = ["story", "articles", "gold", "pred", "hit", "P", "R", "records", "double"]


def build_report(score: RunScore, split: str, notes: list[str] | None = None) -> EvalReport:
    """The per-story table, the overall figures and the worst misses as notes, and the
    summary line (the reference scorer's keys after ``split=``)."""
    rows: list[list[Any]] = [
        [
            sid,
            f"{s['articles_found']:.0f}/{s['articles']:.0f}",
            int(s["gold_events"]),
            int(s["pred_events"]),
            int(s["matched"]),
            s["event_p"],
            s["event_r"],
            int(s["record_hits"]),
            int(s["double_counts"]),
        ]
        for sid, s in score.per_story.items()
    ]
    m = score.metrics
    rows.append(
        [
            "all",
            f"{m['articles_found']:.0f}/{m['gold_articles']:.0f}",
            int(m["gold_events"]),
            int(m["pred_events"]),
            int(m["matched_events"]),
            m["event_p"],
            m["event_r"],
            int(m["record_hits"]),
            int(m["double_counts"]),
        ]
    )
    lines = [escape(n) for n in notes or []] + overall_lines(m) + miss_lines(rank_misses(score))
    return EvalReport(
        task="events-e2e",
        columns=COLUMNS,
        rows=rows,
        summary=summary_figures(m),
        notes=lines,
        split=split,
    )


def overall_lines(m: dict[str, float]) -> list[str]:
    """Events, records, claims, contradictions, stories and field accuracies in a few lines."""
    fields = ("type", "subtype", "actor", "target", "location", "date", "fatalities")
    return [
        f"events: {m['matched_events']:.0f} of {m['gold_events']:.0f} gold found by "
        f"{m['pred_events']:.0f} predictions (P {m['event_p']:.4f} R {m['event_r']:.4f} "
        f"F1 {m['event_f1']:.4f}), {m['double_counts']:.0f} double counts",
        f"records: {m['record_hits']:.0f} right as a whole (P {m['record_p']:.4f} "
        f"R {m['record_r']:.4f} F1 {m['record_f1']:.4f})",
        f"claims: {m['found_claims']:.0f} of {m['gold_claims']:.0f} found, speaker right on "
        f"{m['speaker_acc']:.4f}; contradictions: {m['pred_contradictions']:.0f} predicted, "
        f"P {m['contra_p']:.4f} R {m['contra_r']:.4f} of {m['gold_contradictions']:.0f}; "
        f"stories B-cubed F1 {m['story_b3']:.4f}",
        f"fields over {m['matched_events']:.0f} matched events: "
        + "  ".join(f"{f} {m[f + '_acc']:.4f}" for f in fields),
    ]


def miss_lines(misses: list[Miss]) -> list[str]:
    """The worst misses, two lines each: what is wrong, then the sentence it was read from."""
    if not misses:
        return ["no misses"]
    lines = [f"the {len(misses)} worst misses (what costs the most record F1 first):"]
    for rank, miss in enumerate(misses, 1):
        lines.append(
            escape(
                f"{rank:3}. {miss.story} {miss.event_id} {miss.field}: gold {miss.gold} | "
                f"predicted {miss.predicted}  (costs {miss.record_cost:.4f} record F1)"
            )
        )
        lines.append(escape(f'       "{" ".join(miss.sentence.split())[:200]}"'))
    return lines
