"""Hostile inputs made here, in tmp dirs: none may crash a run, lose good content quietly, or
take the machine down. Each test states the case of issue 17 it protects."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path

from storyline.ingest import InputFile, read_documents
from storyline.ingest.decode import TooLarge, gunzip

SRC = Path(__file__).resolve().parents[1] / "src"
LINE = b"Shelling hit the town again on Monday, residents said. " * 18 + b"\n"


def write_bomb(path: Path, megabytes: int) -> None:
    """A gzip file of ``megabytes`` MB of text, compressed about 260:1."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = LINE * (1_048_576 // len(LINE))
    with path.open("wb") as handle:
        for _ in range(megabytes):
            handle.write(compressor.compress(block))
        handle.write(compressor.flush())


def test_gunzip_stops_at_the_inflated_limit() -> None:
    data = gzip.compress(LINE * 20_000)  # about 20 MB inflated
    try:
        gunzip(data, max_bytes=1_000_000)
    except TooLarge as exc:
        assert "--max-size-mb" in str(exc)
    else:
        raise AssertionError("a file inflating past the limit was accepted")
    assert len(gunzip(data, max_bytes=30_000_000).data) == len(LINE) * 20_000


def test_gunzip_keeps_every_member_and_flags_a_cut() -> None:
    whole = gzip.compress(b"first member\n") + gzip.compress(b"second member\n")
    assert gunzip(whole, max_bytes=1000).data == b"first member\nsecond member\n"
    assert gunzip(whole[:-12]).truncated is True


def test_a_gzip_over_the_limit_is_skipped_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "big.txt.gz"
    data = gzip.compress(LINE * 2000)
    path.write_bytes(data)
    file = InputFile(path=path, kind="txt", compressed=True, size=len(data))
    result = read_documents(file, data, max_bytes=10_000)
    assert result.documents == []
    assert [p.reason for p in result.problems] == ["file too large"]


def test_a_one_megabyte_bomb_is_refused_in_seconds_and_little_memory(tmp_path: Path) -> None:
    """Issue 17: a 1 MB .txt.gz inflating to 260 MB ran for minutes and used 9.4 GB."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_bomb(inputs / "bomb.txt.gz", 260)
    assert (inputs / "bomb.txt.gz").stat().st_size < 1_100_000
    command = [sys.executable, "-m", "storyline.cli", "run", str(inputs), "--quiet"]
    command += ["--out", str(tmp_path / "out"), "--db", str(tmp_path / "s.db"), "--no-analyse"]
    started = time.monotonic()
    process = subprocess.Popen(
        command, env={**os.environ, "PYTHONPATH": str(SRC)}, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    assert os.waitstatus_to_exitcode(status) == 2  # no article could be read
    assert seconds < 30
    assert usage.ru_maxrss * 1024 < 1.5 * 1024**3
