"""What a command checks before it does any work.

A run that fails after an hour because ``--out`` names a file, or that leaves a new database
and an empty report behind for a mistyped input path, wastes the user's time and litters the
disk. Each check here returns one line naming the problem and the fix (or None), and creates
nothing: no folder, no database, no file.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CONNECT_TIMEOUT_S = 5
DB_FORMS = "use sqlite:///FILE, postgresql://USER@HOST/DB or a file path"


def check_db(location: str, *, create: bool) -> str | None:
    """Whether ``--db`` can be used: a known scheme, a reachable server, a writable file.

    With ``create`` False (status, export, serve), a database that is not there yet is left
    for the command to report in its own words.
    """
    from storyline.store.url import display_url, resolve_url, sqlite_file

    try:
        url = resolve_url(location)
    except sa.exc.ArgumentError:
        return f"--db {location!r} is not a database URL; {DB_FORMS}"
    except ValueError as exc:
        if "unsupported" in str(exc):
            return f"--db {location!r}: {exc}"  # already says what to use
        return f"--db {location!r} is not a valid database URL ({exc}); {DB_FORMS}"
    if url.get_backend_name() == "postgresql":
        return _check_postgres(url, display_url(url), create=create)
    path = sqlite_file(url)
    if path is None:
        return None  # in memory
    return _check_sqlite_file(path, create=create)


def _check_sqlite_file(path: Path, *, create: bool) -> str | None:
    if path.is_dir():
        return f"--db {path} is a folder; name a database file, e.g. {path / 'storyline.db'}"
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(SQLITE_MAGIC))
        except OSError as exc:
            return f"--db {path} cannot be read ({exc.strerror}); fix its permissions"
        if head and head != SQLITE_MAGIC:
            return (
                f"--db {path} is not an SQLite database (it is some other file); "
                "name a new or existing Storyline database file"
            )
        if create and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            return (
                f"--db {path} is read-only (the file or its folder); make both writable "
                "or copy the database somewhere you can write"
            )
        return None
    if not create:
        return None
    parent = path.parent
    if not parent.is_dir():
        return (
            f"--db {path}: the folder {parent} does not exist; create it first "
            f"(mkdir -p {parent}) or choose another path"
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"--db {path}: the folder {parent} is not writable; choose a folder you can write"
    return None


def _check_postgres(url: URL, shown: str, *, create: bool) -> str | None:
    """Connect once (with a short timeout); a missing database is fine when it may be made."""
    probe_url = url
    if "connect_timeout" not in url.query:
        probe_url = url.update_query_dict({"connect_timeout": str(PG_CONNECT_TIMEOUT_S)})
    problem = _pg_connect_problem(probe_url)
    if problem is None:
        return None
    if "does not exist" in problem and f'"{url.database}"' in problem:
        if not create:
            return None  # the command says there is no Storyline database there
        server = _pg_connect_problem(probe_url.set(database="postgres"))
        if server is None:
            return None  # the server answers; the run creates the database
    return (
        f"--db {shown}: cannot connect ({problem}); check the host, port, user and database, "
        "and that the PostgreSQL server is running"
    )


def _pg_connect_problem(url: URL) -> str | None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect():
            return None
    except (sa.exc.DBAPIError, sa.exc.ArgumentError, ValueError) as exc:
        original = getattr(exc, "orig", None) or exc
        lines = [line.strip() for line in str(original).strip().splitlines() if line.strip()]
        return lines[0].removeprefix("connection failed: ") if lines else type(exc).__name__
    finally:
        engine.dispose()


def check_out_folder(path: Path, option: str = "--out") -> str | None:
    """A folder that exists and is writable, or can be made inside one."""
    if path.exists():
        if not path.is_dir():
            return f"{option} {path} is a file; name a folder (it is created if missing)"
        if not os.access(path, os.W_OK | os.X_OK):
            return f"{option} {path} is not writable; choose a folder you can write to"
        return None
    ancestor = _nearest_existing(path)
    if not ancestor.is_dir():
        return f"{option} {path}: {ancestor} is a file, so the folder cannot be made there"
    if not os.access(ancestor, os.W_OK | os.X_OK):
        return f"{option} {path}: {ancestor} is not writable; choose a folder you can write to"
    return None


def check_out_file(path: Path, option: str, *, made_folder: Path | None = None) -> str | None:
    """A file to write: not a folder, writable, in a folder that exists (or is ``made_folder``,
    which the command creates itself). Other missing folders are not made silently."""
    if path.is_dir():
        return f"{option} {path} is a folder; name the file to write, e.g. {path / 'report.html'}"
    if path.exists() and not os.access(path, os.W_OK):
        return f"{option} {path} is not writable; choose a file you can write"
    parent = path.parent
    if made_folder is not None and parent.resolve() == made_folder.resolve():
        return None
    if not parent.exists():
        return (
            f"{option} {path}: the folder {parent} does not exist; create it first "
            f"(mkdir -p {parent}) or choose another path"
        )
    if not parent.is_dir():
        return f"{option} {path}: {parent} is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{option} {path}: the folder {parent} is not writable"
    return None


def check_positive(value: float, option: str, *, allow_zero: bool = False) -> str | None:
    if math.isfinite(value) and (value > 0 or (allow_zero and value == 0)):
        return None
    wanted = "zero or more" if allow_zero else "a number above zero"
    return f"{option} {value:g} is not allowed; give {wanted}"


def check_port(port: int) -> str | None:
    if 1 <= port <= 65535:
        return None
    return f"--port {port} is not a TCP port; give a number from 1 to 65535 (default 8000)"


def check_inputs(paths: Iterable[Path]) -> list[str]:
    """Every input the user named exists (a typo must not start a run that reads nothing)."""
    return [
        f"input not found: {path}; check the path (nothing was read or created)"
        for path in paths
        if not os.path.lexists(path)
    ]


def check_existing_file(path: Path | None, option: str) -> str | None:
    if path is None or path.is_file():
        return None
    return f"{option} {path} is not a file; give the path of an existing file"


def _nearest_existing(path: Path) -> Path:
    for candidate in [path, *path.absolute().parents]:
        if candidate.exists():
            return candidate
    return Path("/")
