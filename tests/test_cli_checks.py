"""The CLI checks first: each misuse is one line naming the problem and the fix, exit 2, no
traceback, and nothing created (issue 17: tracebacks of 41-142 lines, folders made silently)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

SRC = Path(__file__).resolve().parents[1] / "src"
TEXT = (
    "Russian warplanes struck targets near Talbiseh on Wednesday, residents said.\n"
    "Local activists said the strikes hit Rastan and killed at least 27 civilians.\n"
    "A US official said Washington had been given one hour's notice of the strikes.\n"
)


def tree(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def refused(args: list[str], root: Path, *, needle: str) -> str:
    """Invoke, and check the refusal: exit 2, one error line holding ``needle``, no file made."""
    before = tree(root)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1 and len(lines) == 1, result.output
    assert needle in errors[0], errors[0]
    assert "Traceback" not in result.output
    assert tree(root) == before, tree(root) - before
    return errors[0]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    return folder


def run_args(tmp_path: Path, corpus: Path, *extra: str, db: str | None = None) -> list[str]:
    db = db or str(tmp_path / "s.db")
    return ["run", str(corpus), "--out", str(tmp_path / "out"), "--db", db, "-q", *extra]


@pytest.mark.parametrize(
    ("db", "needle"),
    [
        ("postgresql://nobody@127.0.0.1:1/news", "cannot connect"),
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        ("xx:://", "is not a database URL"),
        ("postgresql://u@h:abc/db", "not a valid database URL"),
        ("sqlite:////nonexistent-dir/x.db", "/nonexistent-dir does not exist"),
    ],
)
def test_a_bad_db_url_is_one_line(tmp_path: Path, corpus: Path, db: str, needle: str) -> None:
    refused(run_args(tmp_path, corpus, db=db), tmp_path, needle=needle)


def test_a_text_file_as_the_database_is_named(tmp_path: Path, corpus: Path) -> None:
    (tmp_path / "notes.txt").write_text("my notes\n")
    args = run_args(tmp_path, corpus, db=str(tmp_path / "notes.txt"))
    refused(args, tmp_path, needle="is not an SQLite database")
    for command in (["status"], ["export"], ["serve"]):
        args = [*command, "--db", str(tmp_path / "notes.txt")]
        if command == ["export"]:
            args += ["--out", str(tmp_path / "exports")]
        refused(args, tmp_path, needle="is not an SQLite database")


def test_a_read_only_database_is_named(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.db"
    assert CliRunner().invoke(app, run_args(tmp_path, corpus, "--no-analyse")).exit_code == 0
    real_access = os.access

    def read_only(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == db and mode & os.W_OK:
            return False  # as root, chmod does not bite; pretend the file is read-only
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", read_only)
    refused(run_args(tmp_path, corpus), tmp_path, needle="is read-only")


def test_out_naming_a_file_is_refused_before_any_work(tmp_path: Path, corpus: Path) -> None:
    (tmp_path / "taken").write_text("x")
    args = ["run", str(corpus), "--out", str(tmp_path / "taken"), "--db", str(tmp_path / "s.db")]
    refused(args, tmp_path, needle="is a file; name a folder")


def test_unwritable_out_is_refused(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda path, mode, **kw: False if Path(str(path)) == locked else real_access(path, mode),
    )
    args = ["run", str(corpus), "--out", str(locked / "out"), "--db", str(tmp_path / "s.db")]
    refused(args, tmp_path, needle="is not writable")


def test_report_is_checked_and_makes_no_folder(tmp_path: Path, corpus: Path) -> None:
    (tmp_path / "adir").mkdir()
    refused(
        run_args(tmp_path, corpus, "--report", str(tmp_path / "adir")), tmp_path, needle="folder"
    )
    refused(
        run_args(tmp_path, corpus, "--report", str(tmp_path / "no" / "such" / "r.html")),
        tmp_path,
        needle="does not exist; create it first",
    )


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--max-size-mb", "-5"),
        ("--max-size-mb", "0"),
        ("--max-size-mb", "nan"),
        ("--workers", "-1"),
    ],
)
def test_numbers_must_be_positive(tmp_path: Path, corpus: Path, option: str, value: str) -> None:
    refused(run_args(tmp_path, corpus, option, value), tmp_path, needle=f"{option} ")


def test_a_missing_input_creates_no_database_and_no_report(tmp_path: Path) -> None:
    args = run_args(tmp_path, tmp_path / "typo")
    refused(args, tmp_path, needle="input not found")


def test_a_missing_alias_file_is_one_line(tmp_path: Path, corpus: Path) -> None:
    args = run_args(tmp_path, corpus, "--aliases", str(tmp_path / "none.json"))
    refused(args, tmp_path, needle="--aliases")


def test_serve_checks_its_port_and_database(tmp_path: Path) -> None:
    refused(["serve", "--port", "70000"], tmp_path, needle="--port 70000")
    refused(["serve", "--db", "mysql://u@h/db"], tmp_path, needle="unsupported")


def test_export_out_naming_a_file_is_refused(tmp_path: Path, corpus: Path) -> None:
    assert CliRunner().invoke(app, run_args(tmp_path, corpus, "--no-analyse")).exit_code == 0
    (tmp_path / "file").write_text("x")
    args = ["export", "--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "file")]
    refused(args, tmp_path, needle="is a file")


def test_misuse_in_a_real_process_prints_no_traceback(tmp_path: Path, corpus: Path) -> None:
    for db in ("postgresql://nobody@127.0.0.1:1/news", str(corpus / "a.txt")):
        child = subprocess.run(
            [sys.executable, "-m", "storyline.cli", *run_args(tmp_path, corpus, db=db)],
            env={**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "80"},
            capture_output=True,
            text=True,
            check=False,
        )
        assert child.returncode == 2
        assert "Traceback" not in child.stderr
        assert len(child.stderr.strip().splitlines()) == 1, child.stderr
