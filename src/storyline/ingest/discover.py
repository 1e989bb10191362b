"""Find the input files under the paths a user gave, and say why any were passed over.

Walking a scrape folder meets every kind of mess: symlink loops, files the user cannot read,
multi-gigabyte dumps, editor backups. None of them may abort the run; each becomes a
``SkippedInput`` with a reason a person can act on.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.model import InputKind, SkippedInput

SUFFIX_KINDS: dict[str, InputKind] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # --max-size-mb 50
IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    kind: InputKind
    compressed: bool
    size: int


def kind_of(path: Path) -> tuple[InputKind, bool] | None:
    """The input kind a file name announces, and whether it is gzip-wrapped."""
    name = path.name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[: -len(".gz")]
    suffix = os.path.splitext(name)[1]
    kind = SUFFIX_KINDS.get(suffix)
    return (kind, compressed) if kind else None


def discover(paths: Iterable[Path], *, max_bytes: int) -> Iterator[InputFile | SkippedInput]:
    """Yield input files in a stable order (sorted within each folder), and skips with reasons."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for path in paths:
        yield from _visit(Path(path), max_bytes, seen_dirs, seen_files, top=True)


def _visit(
    path: Path,
    max_bytes: int,
    seen_dirs: set[tuple[int, int]],
    seen_files: set[tuple[int, int]],
    *,
    top: bool = False,
) -> Iterator[InputFile | SkippedInput]:
    try:
        stat = path.stat()
    except OSError as exc:
        yield _stat_problem(path, exc)
        return
    if path.is_dir():
        key = (stat.st_dev, stat.st_ino)
        if key in seen_dirs:
            if path.is_symlink() or _has_symlink_parent(path):
                yield SkippedInput(
                    str(path), "symlink loop", "folder already visited through a link"
                )
            return
        seen_dirs.add(key)
        try:
            children = sorted(os.scandir(path), key=lambda entry: entry.name)
        except PermissionError:
            yield SkippedInput(str(path), "permission denied", "cannot list this folder")
            return
        except OSError as exc:
            yield SkippedInput(str(path), "unreadable folder", exc.strerror or str(exc))
            return
        for child in children:
            if child.name in IGNORED_NAMES:
                continue
            yield from _visit(Path(child.path), max_bytes, seen_dirs, seen_files)
        return
    if not path.is_file():
        yield SkippedInput(
            str(path), "not a regular file", "devices, sockets and pipes are not read"
        )
        return
    kind = kind_of(path)
    if kind is None:
        # Inside folders, unknown files are common (images, sidecars); still say so once each.
        yield SkippedInput(
            str(path),
            "unsupported file type",
            "expected .txt, .html, .htm, .warc, .warc.gz or .jsonl",
        )
        return
    key = (stat.st_dev, stat.st_ino)
    if key in seen_files:
        return  # the same file reached twice (a link, or named twice): read it once
    seen_files.add(key)
    if stat.st_size > max_bytes:
        yield SkippedInput(
            str(path),
            "file too large",
            f"{stat.st_size / 1_048_576:.1f} MB is over the {max_bytes / 1_048_576:.1f} MB limit "
            "(raise it with --max-size-mb)",
        )
        return
    yield InputFile(path=path, kind=kind[0], compressed=kind[1], size=stat.st_size)


def _has_symlink_parent(path: Path) -> bool:
    return any(parent.is_symlink() for parent in path.parents)


def _stat_problem(path: Path, exc: OSError) -> SkippedInput:
    if exc.errno == errno.ELOOP:
        return SkippedInput(str(path), "symlink loop", "the link points back to itself")
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            return SkippedInput(str(path), "broken symlink", "the link points nowhere")
        return SkippedInput(str(path), "not found", "no such file or folder")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return SkippedInput(str(path), "permission denied", exc.strerror or "")
    return SkippedInput(str(path), "unreadable", exc.strerror or str(exc))


def read_bytes(file: InputFile) -> bytes | SkippedInput:
    """The file's bytes, or the reason they could not be read."""
    try:
        with open(file.path, "rb") as handle:
            return handle.read()
    except PermissionError as exc:
        return SkippedInput(str(file.path), "permission denied", exc.strerror or "")
    except OSError as exc:
        return _stat_problem(file.path, exc)
