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


# Loaded by a child whose PYTHONPATH holds it: each article's analysis then takes a second
# longer, so the other run certainly acts while this one analyses (no hook in the product).
SLOW_ANALYSIS = """
import time
import storyline.pipeline as pipeline

_real = pipeline.analyse_articles


def _slow(*args, **kwargs):
    for result in _real(*args, **kwargs):
        time.sleep(1.0)
        yield result


pipeline.analyse_articles = _slow
"""


def start(corpus: Path, out: Path, db: str, *, slow: Path | None = None) -> subprocess.Popen[str]:
    """A ``storyline run`` child; with ``slow`` (a folder), its analysis is slowed down."""
    args = [sys.executable, "-m", "storyline.cli", "run", str(corpus), "--out", str(out)]
    args += ["--db", db, "-q", "--workers", "1"]
    path = str(SRC)
    if slow is not None:
        slow.mkdir(exist_ok=True)
        (slow / "sitecustomize.py").write_text(SLOW_ANALYSIS)
        path = f"{slow}{os.pathsep}{path}"
    env = {**os.environ, "PYTHONPATH": path}
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


A_FILES = (
    "levant-monitor_first-russian-strikes-homs.txt",
    "crawl-2015-10.warc.gz",
    "feeds-2015.jsonl",
    "gulfledger_russia-strikes-idlib.html",
    "meridian-tribune_russian-jets-idlib-hama.txt",
    "courrier-dorient_hollande-putin-syria.htm",
    "sahel-weekly_ouagadougou-hotel-siege-ends.txt",
)


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo split in two folders; the copy of an A article (and a reprint) sit in B."""
    root = tmp_path_factory.mktemp("halves")
    a, b = root / "a", root / "b"
    a.mkdir()
    b.mkdir()
    for path in DEMO.iterdir():
        if path.name != "README.md":
            shutil.copy(path, (a if path.name in A_FILES else b) / path.name)
    original = a / "levant-monitor_first-russian-strikes-homs.txt"
    (b / "zz-reprint.txt").write_text(original.read_text().replace(". ", ".  "))
    return a, b


def settled(a: Path, b: Path, tmp: Path, db: str) -> dict[str, str]:
    """The store's content as a run over both halves (which adds nothing) writes it."""
    args = [sys.executable, "-m", "storyline.cli", "run", str(a), str(b), "--out", str(tmp)]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.run([*args, "--db", db, "-q"], env=env, capture_output=True, text=True)
    assert child.returncode == 0, child.stderr
    root = str(a.parent)
    return {name: text.replace(root, "ROOT") for name, text in outputs(tmp, a).items()}


@pytest.fixture(scope="module")
def one_after_the_other(
    halves: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("sequential")
    db = str(tmp / "seq.db")
    for half in halves:
        finish(start(half, tmp / half.name, db))
    return settled(*halves, tmp / "settled", db)


def test_a_run_on_other_files_during_analysis_loses_no_events(
    halves: tuple[Path, Path], one_after_the_other: dict[str, str], tmp_path: Path
) -> None:
    """The second run stores its files while the first analyses; without the lock the first
    run clustered those articles before they were analysed, and their events were lost."""
    a, b = halves
    db = str(tmp_path / "two.db")
    first = start(a, tmp_path / "a", db, slow=tmp_path / "slow")
    try:
        wait_until(db, "SELECT count(*) FROM article_analysis")
        second_err = finish(start(b, tmp_path / "b", db))
    finally:
        finish(first)
    assert WAITING in second_err
    assert settled(a, b, tmp_path / "settled", db) == one_after_the_other


def test_copies_split_across_overlapping_runs_are_found(
    halves: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = halves
    db = str(tmp_path / "two.db")
    first = start(a, tmp_path / "a", db, slow=tmp_path / "slow")
    try:
        wait_until(db, "SELECT count(*) FROM inputs WHERE done")
        finish(start(b, tmp_path / "b", db))
    finally:
        finish(first)
    out = settled(a, b, tmp_path / "settled", db)
    import json

    articles = {
        json.loads(line)["input"]: json.loads(line) for line in out["articles"].splitlines()
    }
    by_name = {Path(key.split("#")[0].split(":")[0]).name: value for key, value in articles.items()}
    original = by_name["levant-monitor_first-russian-strikes-homs.txt"]
    for copy in ("zz-reprint.txt", "frontline-dispatch_russian-strikes-homs-copy.txt"):
        assert by_name[copy]["syndication_group"] == original["syndication_group"] is not None
    assert by_name["zz-reprint.txt"]["duplicate_of"] is not None
    events = [json.loads(line) for line in out["events"].splitlines()]
    analysed = {s["article_id"] for e in events for s in e["sources"]}
    stories = [json.loads(line) for line in out["stories"].splitlines()]
    storied = {article_id for story in stories for article_id in story["article_ids"]}
    assert storied == {record["id"] for record in articles.values()}  # every article has a story
    assert analysed  # and events were merged from the analysed articles


@pytest.mark.postgres
def test_overlapping_postgres_runs_equal_the_runs_one_after_the_other(
    halves: tuple[Path, Path],
    one_after_the_other: dict[str, str],
    tmp_path: Path,
    pg_schema_url: str,
) -> None:
    a, b = halves
    first = start(a, tmp_path / "a", pg_schema_url, slow=tmp_path / "slow")
    try:
        wait_until(pg_schema_url, "SELECT count(*) FROM article_analysis")
        second_err = finish(start(b, tmp_path / "b", pg_schema_url))
    finally:
        finish(first)
    assert WAITING in second_err
    assert settled(a, b, tmp_path / "settled", pg_schema_url) == one_after_the_other
