"""The end-to-end events score: whole records of a run judged by the gold set's definitions.

A one-story gold folder and fake run outputs written here pin the figures of a perfect run, a
double count, a wrong actor and a missed event; the reference ``score.py`` of the shared gold
set, when present, must give the same figures on the same outputs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.eval.e2e_misses import rank_misses
from storyline.eval.e2e_score import LINE_KEYS, parse_summary_line, score_run, summary_figures
from storyline.eval.events_e2e import evaluate, write_inputs
from storyline.eval.report import MissingData

TITLE = "Shelling hits villages near Kharkiv"
S1 = (
    "Artillery fire from Russian forces struck the village of Tsyrkuny near Kharkiv on Monday, "
    "killing four civilians, regional governor Oleh Syniehubov said."
)
S2 = "Ukrainian troops clashed with Russian units outside Vovchansk on Tuesday."
S3 = "Moscow denied that its guns had targeted homes."
BODY = f"{S1}\n{S2}\n{S3}"
MARKET = (
    "Traders in Kharkiv reopened the central market on Wednesday after a week of closures. "
    "Stall holders said customers returned slowly, buying bread, vegetables and batteries. "
    "The city council said trams would run on the route to the market again from Thursday, and "
    "that repairs to the damaged roof of the covered hall would start next month."
)


def _gold_story() -> dict[str, Any]:
    return {
        "story_id": "t1",
        "source": "written for this test",
        "articles": [
            {"article_id": "t1-a", "file": "articles/t1-a.txt", "published": "2022-05-03",
             "title": TITLE, "url": "https://news.example/kharkiv"}
        ],
        "events": [
            {"id": "E1", "event_type": "Explosions/Remote violence",
             "sub_event_type": "Shelling/artillery/missile attack", "date": "2022-05-02",
             "actor1_any": ["Russia", "Military Forces of Russia"],
             "actor2_any": ["Civilians (Ukraine)"],
             "location": {"name": "Tsyrkuny", "country_code": "UA", "lat": 50.08, "lon": 36.36},
             "location_any": ["Tsyrkuny", "Tsirkuny"],
             "fatalities": {"min": 4, "max": 4, "victims": "civilians"},
             "evidence": [{"article_id": "t1-a", "quote": S1.split(", regional")[0]}]},
            {"id": "E2", "event_type": "Battles", "sub_event_type": "Armed clash",
             "date": "2022-05-03", "actor1_any": ["Military Forces of Ukraine"],
             "actor2_any": ["Military Forces of Russia"],
             "location": {"name": "Vovchansk", "country_code": "UA", "lat": 50.29, "lon": 36.94},
             "location_any": ["Vovchansk"], "fatalities": None,
             "evidence": [{"article_id": "t1-a", "quote": S2.rstrip(".")}]},
        ],
        "claims": [
            {"id": "C1", "article_id": "t1-a", "speaker_any": ["Oleh Syniehubov"],
             "verb": "said", "quote": "killing four civilians, regional governor Oleh Syniehubov said"},
            {"id": "C2", "article_id": "t1-a", "speaker_any": ["Russia"], "verb": "denied",
             "quote": S3.rstrip(".")},
        ],
        "contradictions": [
            {"id": "X1", "kind": "denial", "about": "the civilians killed in E1",
             "side_a": ["killing four civilians, regional governor Oleh Syniehubov said"],
             "side_b": [S3.rstrip(".")]}
        ],
        "not_events": [],
    }  # fmt: skip


def make_gold(root: Path) -> Path:
    """A gold folder with the shelling story and a second story without events."""
    stories = {
        "t1": (_gold_story(), {"t1-a": f"{TITLE}\n{BODY}\n"}),
        "t2": (
            {"story_id": "t2", "articles": [{"article_id": "t2-a", "published": "2022-05-04"}],
             "events": [], "claims": [], "contradictions": []},
            {"t2-a": f"Market reopens\n{MARKET}\n"},
        ),
    }  # fmt: skip
    for sid, (gold, articles) in stories.items():
        (root / "stories" / sid / "articles").mkdir(parents=True)
        (root / "stories" / sid / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
        for aid, text in articles.items():
            (root / "stories" / sid / "articles" / f"{aid}.txt").write_text(text, encoding="utf-8")
    return root


def _source(sentence: str, *, offsets: bool = True, text: str = BODY) -> dict[str, Any]:
    start = text.index(sentence)
    source: dict[str, Any] = {"article_id": "a1", "sentence": sentence}
    if offsets:
        source.update(start=start, end=start + len(sentence))
    return source


def fake_output(variant: str) -> dict[str, list[dict[str, Any]]]:
    """A run's contract files: 'perfect', 'double' (E1 coded twice), 'actor' (E2's actor wrong),
    'missed' (no E2), or 'mixed' (offset-only evidence, a place by coordinates, a death range,
    a false positive, reversed contradiction sides, both stories' articles in one story)."""
    e1 = {
        "id": "p1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "date": "2022-05-02",
        "actors": ["Military Forces of Russia (2000-)"],
        "targets": ["Civilians"],
        "locations": [{"name": "Tsyrkuny", "lat": 50.08, "lon": 36.36, "country_code": "UA"}],
        "fatalities": [{"count": 4, "victims": "civilians"}],
        "sources": [_source(S1)],
    }
    e2 = {
        "id": "p2",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "date": "2022-05-03",
        "actors": ["Ukraine"],
        "targets": ["Russia"],
        "locations": [{"name": "Vovchansk"}],
        "fatalities": [],
        "sources": [_source(S2)],
    }
    events = {
        "perfect": [e1, e2],
        "double": [dict(e1, id="p3", event_type="Violence against civilians",
                        sub_event_type="Attack"), e1, e2],
        "actor": [e1, dict(e2, actors=["Russia"])],
        "missed": [e1],
        "mixed": [
            dict(e1, sources=[dict(_source(S1), sentence="")],
                 locations=[{"name": "Kharkiv", "lat": 49.99, "lon": 36.23}]),
            dict(e2, date={"start": "2022-05-03", "end": "2022-05-03"},
                 fatalities=[{"min": 0, "max": 2}], sources=[_source(S2, offsets=False)]),
            {"id": "p9", "event_type": "Strategic developments", "sub_event_type": "Other",
             "actors": ["Russia"], "sources": [_source(S3)]},
        ],
    }[variant]  # fmt: skip
    claims = [
        {"id": "c1", "speaker": "Governor Oleh Syniehubov", "text": S1.split(", regional")[0],
         "sources": [_source(S1)]},
        {"id": "c2", "speaker": "Russia", "text": "its guns had targeted homes",
         "sources": [_source(S3)]},
    ]  # fmt: skip
    sides = [["c2"], ["c1"]] if variant == "mixed" else [["c1"], ["c2"]]
    stories = [{"id": "s1", "article_ids": ["a1"]}, {"id": "s2", "article_ids": ["a2"]}]
    if variant == "mixed":
        stories = [{"id": "s1", "article_ids": ["a1", "a2"]}]
    return {
        "articles": [
            {"id": "a1", "input": "/tmp/in/t1/t1-a.jsonl:1", "text": BODY},
            {"id": "a2", "input": "/tmp/in/t2/t2-a.jsonl:1", "text": MARKET},
        ],
        "events": events,
        "claims": claims,
        "contradictions": [{"id": "x1", "claims": sides, "kind": "denial"}],
        "stories": stories,
    }


def write_output(folder: Path, variant: str) -> Path:
    folder.mkdir(parents=True)
    for name, rows in fake_output(variant).items():
        lines = "".join(json.dumps(r) + "\n" for r in rows) + "not json\n"  # a bad line is skipped
        (folder / f"{name}.jsonl").write_text(lines, encoding="utf-8")
    return folder


PERFECT = dict.fromkeys(LINE_KEYS, 1.0) | {"gold_events": 2, "pred_events": 2}
EXPECTED = {
    "perfect": PERFECT,
    "double": PERFECT
    | {"event_p": 2 / 3, "event_f1": 0.8, "record_f1": 0.8, "pred_events": 3, "double_counts": 1},
    "actor": PERFECT | {"actor_acc": 0.5, "record_f1": 0.5, "record_hits": 1},
    "missed": PERFECT
    | {"event_p": 1.0, "event_r": 0.5, "event_f1": 2 / 3, "record_f1": 2 / 3, "pred_events": 1},
}


@pytest.mark.parametrize("variant", list(EXPECTED))
def test_figures_of_a_fake_run(tmp_path: Path, variant: str) -> None:
    gold = make_gold(tmp_path / "gold")
    metrics = score_run(write_output(tmp_path / "out", variant), gold).metrics
    got = {k: metrics[k] for k in EXPECTED[variant]}
    assert got == pytest.approx(EXPECTED[variant])


def test_an_empty_run_scores_zero(tmp_path: Path) -> None:
    gold = make_gold(tmp_path / "gold")
    (tmp_path / "out").mkdir()
    figures = summary_figures(score_run(tmp_path / "out", gold).metrics)
    assert figures == dict.fromkeys(LINE_KEYS, 0.0) | {"gold_events": 2, "pred_events": 0}


def test_worst_misses_name_field_values_and_sentence(tmp_path: Path) -> None:
    gold = make_gold(tmp_path / "gold")
    first = {}
    for variant in ("actor", "missed", "double"):
        misses = rank_misses(score_run(write_output(tmp_path / variant, variant), gold))
        first[variant] = misses[0]
    assert first["actor"].field == "actor1"
    assert (first["actor"].gold, first["actor"].predicted) == (
        "Military Forces of Ukraine",
        "Russia",
    )
    assert first["actor"].sentence == S2
    assert first["actor"].record_cost == pytest.approx(0.5)  # one record regained: 1/2 -> 2/2
    assert (first["missed"].field, first["missed"].event_id) == ("missed event", "E2")
    assert first["missed"].sentence == S2.rstrip(".")  # the gold quote: there is no prediction
    assert first["double"].field == "double count" and first["double"].event_id == "E1"


def test_a_wrong_field_ranks_before_a_false_positive(tmp_path: Path) -> None:
    """Fixing a record's only wrong field regains a record; dropping a false positive only
    shrinks the denominator, and a wrong death toll costs no record F1 at all."""
    gold = make_gold(tmp_path / "gold")
    misses = rank_misses(score_run(write_output(tmp_path / "out", "mixed"), gold))
    assert [m.field for m in misses] == ["no gold event", "fatalities"]
    assert misses[0].record_cost > 0 and misses[1].record_cost == 0


def test_inputs_are_written_as_a_crawler_hands_them_over(tmp_path: Path) -> None:
    gold = make_gold(tmp_path / "gold")
    (tmp_path / "gold/stories/t3").mkdir()
    (tmp_path / "gold/stories/t3/gold.json").write_text("{broken", encoding="utf-8")
    stories = sorted((tmp_path / "gold/stories").iterdir())
    count, problems = write_inputs(gold, tmp_path / "in", stories)
    assert count == 2
    assert len(problems) == 1 and "t3" in problems[0]
    record = json.loads((tmp_path / "in/t1/t1-a.jsonl").read_text(encoding="utf-8"))
    assert record == {"text": BODY, "title": TITLE, "published": "2022-05-03",
                      "url": "https://news.example/kharkiv"}  # fmt: skip
    assert "url" not in json.loads((tmp_path / "in/t2/t2-a.jsonl").read_text(encoding="utf-8"))


def test_the_test_split_says_it_is_kept_apart(tmp_path: Path) -> None:
    make_gold(tmp_path / "conflict-events-gold")
    with pytest.raises(MissingData, match="kept apart"):
        evaluate(tmp_path, split="test")
    with pytest.raises(MissingData, match="conflict-events-gold"):
        evaluate(tmp_path / "elsewhere", split="dev")


def test_cli_scores_an_existing_run_folder(tmp_path: Path) -> None:
    make_gold(tmp_path / "data" / "conflict-events-gold")
    out = write_output(tmp_path / "out", "actor")
    args = ["eval", "events-e2e", "--split", "dev", "--data", str(tmp_path / "data"),
            "--run-dir", str(out)]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("events-e2e: split=dev record_f1=0.5000 ")
    assert "actor1: gold Military Forces of Ukraine | predicted Russia" in result.output


@pytest.mark.slow
def test_a_full_run_ties_every_article_back_to_the_gold(tmp_path: Path) -> None:
    make_gold(tmp_path / "conflict-events-gold")
    report = evaluate(tmp_path, split="dev")
    assert report.split == "dev" and report.summary_line().startswith("events-e2e: split=dev ")
    assert report.summary["gold_events"] == 2
    assert report.rows[-1][:2] == ["all", "2/2"]  # both articles found in the run's output


def _reference_scorer() -> Path | None:
    roots = [Path(os.environ["STORYLINE_DATA"])] if os.environ.get("STORYLINE_DATA") else []
    roots.append(Path(__file__).parents[1] / ".." / "shared" / "data")
    for root in roots:
        script = root / "conflict-events-gold" / "score.py"
        if script.is_file():
            return script
    return None


@pytest.mark.parametrize("variant", [*EXPECTED, "mixed", "empty"])
def test_agrees_with_the_reference_scorer(tmp_path: Path, variant: str) -> None:
    script = _reference_scorer()
    if script is None:
        pytest.skip("the shared conflict-events-gold/score.py is not here (set STORYLINE_DATA)")
    gold = make_gold(tmp_path / "gold")
    out = tmp_path / "out"
    if variant == "empty":
        out.mkdir()
    else:
        write_output(out, variant)
    run = subprocess.run(
        [sys.executable, str(script), str(out), "--gold", str(gold)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    reference = parse_summary_line(run.stdout.strip().splitlines()[-1])
    ours = summary_figures(score_run(out, gold).metrics)
    assert set(reference) == set(ours)
    for key, value in reference.items():
        assert ours[key] == pytest.approx(value, abs=0.01), key


def test_eval_all_skips_on_request_and_calls_a_kept_apart_test_set_missing(tmp_path: Path) -> None:
    """`make eval` runs events-e2e on dev, then `eval all --skip events-e2e`: never twice."""
    make_gold(tmp_path / "conflict-events-gold")
    runner = CliRunner()
    skipped = runner.invoke(app, ["eval", "all", "--skip", "events-e2e", "--data", str(tmp_path)])
    assert skipped.exit_code == 0, skipped.output
    assert "events-e2e" not in skipped.output.strip().splitlines()[-1]
    on_test = runner.invoke(app, ["eval", "all", "--split", "test", "--data", str(tmp_path)])
    assert on_test.exit_code == 0, on_test.output
    assert "events-e2e=missing" in on_test.output.strip().splitlines()[-1]
    unknown = runner.invoke(app, ["eval", "all", "--skip", "nonsense", "--data", str(tmp_path)])
    assert unknown.exit_code == 2
