"""Overlapping runs into one store give what one run gives (issue 17: a second run started
2.5 s after the first left 44 events instead of 72, and copies split across runs were missed).

Store-wide phases take the store's writer lock (SQLite: flock beside the file; PostgreSQL: an
advisory lock), so a second run waits, says so, and then finds the work done.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from storyline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
SRC = ROOT / "src"
OUTPUTS = ("articles", "events", "claims", "stories", "contradictions")
WAITING = "another storyline run is writing to this store; waiting for it to finish"


def start(corpus: Path, out: Path, db: str) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "storyline.cli", "run", str(corpus), "--out", str(out)]
    args += ["--db", db, "-q", "--workers", "1"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(args, env=env, stderr=subprocess.PIPE, text=True)


def finish(child: subprocess.Popen[str]) -> str:
    _, stderr = child.communicate(timeout=600)
    assert child.returncode == 0, stderr
    assert "Traceback" not in stderr
    return stderr


def outputs(folder: Path, corpus: Path) -> dict[str, str]:
    return {
        name: (folder / f"{name}.jsonl").read_text().replace(str(corpus), "IN") for name in OUTPUTS
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus plus a whitespace-only copy of one article, in a folder of its own."""
    folder = tmp_path_factory.mktemp("corpus") / "in"
    shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns("README.md"))
    original = folder / "frontline-dispatch_russian-strikes-homs-copy.txt"
    (folder / "zz-reprint.txt").write_text(original.read_text().replace(". ", ".  "))
    return folder


@pytest.fixture(scope="module")
def one_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("one")
    finish(start(corpus, tmp / "out", str(tmp / "one.db")))
    return outputs(tmp / "out", corpus)


def counts(db: str) -> dict[str, int]:
    store = open_store(db, create=False)
    assert store is not None
    try:
        return store.counts()
    finally:
        store.close()


def wait_until(db: str, sql: str, timeout: float = 300.0) -> None:
    """Poll the store (read-only) until ``sql`` gives a true first value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if db.startswith("postgresql"):
                engine = sa.create_engine(db.replace("postgresql://", "postgresql+psycopg://", 1))
                try:
                    with engine.connect() as connection:
                        if connection.scalar(sa.text(sql)):
                            return
                finally:
                    engine.dispose()
            else:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
                    if connection.execute(sql).fetchone()[0]:
                        return
        except (sqlite3.Error, sa.exc.DBAPIError):
            pass
        time.sleep(0.05)
    raise AssertionError(f"the first run never got to: {sql}")


def overlapping(corpus: Path, tmp: Path, db: str, when: str) -> tuple[str, str]:
    first = start(corpus, tmp / "a", db)
    try:
        wait_until(db, when)
        second = start(corpus, tmp / "b", db)
        second_err = finish(second)
    finally:
        first_err = finish(first)
    return first_err, second_err


@pytest.mark.parametrize(
    "when",
    [
        "SELECT count(*) FROM inputs WHERE done",  # the second run starts while reading
        "SELECT count(*) FROM article_analysis",  # ... while the first analyses
    ],
)
def test_two_overlapping_sqlite_runs_equal_one_run(
    corpus: Path, one_run: dict[str, str], tmp_path: Path, when: str
) -> None:
    db = str(tmp_path / "two.db")
    overlapping(corpus, tmp_path, db, when)
    # The runs' own output folders were written at different moments; a third run writes the
    # store's settled content (and must itself add nothing).
    finish(start(corpus, tmp_path / "again", db))
    assert outputs(tmp_path / "again", corpus) == one_run


@pytest.mark.postgres
def test_two_overlapping_postgres_runs_equal_one_run(
    corpus: Path, one_run: dict[str, str], tmp_path: Path, pg_schema_url: str
) -> None:
    overlapping(corpus, tmp_path, pg_schema_url, "SELECT count(*) FROM inputs WHERE done")
    finish(start(corpus, tmp_path / "again", pg_schema_url))
    assert outputs(tmp_path / "again", corpus) == one_run
    assert counts(pg_schema_url)["duplicates"] >= 2  # the demo's copy and the reprint


def test_a_second_run_waits_for_the_lock_and_says_so(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "locked.db")
    store = open_store(db)
    assert store is not None
    try:
        with store.writer_lock():
            child = start(corpus, tmp_path / "out", db)
            assert child.stderr is not None
            line = child.stderr.readline()
            assert line.strip() == WAITING
            time.sleep(1.0)
            assert child.poll() is None  # still waiting
            assert store.article_count() == 0
        finish(child)
        assert store.article_count() > 0
    finally:
        store.close()


def test_the_whitespace_reprint_is_a_copy(corpus: Path, one_run: dict[str, str]) -> None:
    import json

    articles = [json.loads(line) for line in one_run["articles"].splitlines()]
    reprint = next(a for a in articles if a["input"].endswith("zz-reprint.txt"))
    original = next(a for a in articles if a["input"].endswith("homs-copy.txt"))
    assert reprint["duplicate_of"] in {original["id"], original["duplicate_of"]}
