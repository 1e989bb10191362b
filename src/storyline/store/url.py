"""Turn what a user types after ``--db`` into an SQLAlchemy URL.

Users type plain file paths, ``sqlite:///...`` or ``postgresql://user@host/db``; SQLAlchemy's
default PostgreSQL driver is psycopg2, which is not installed, so the driver is made explicit.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url

_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def resolve_url(url_or_path: str) -> URL:
    """Parse a database URL or file path; a plain path means an SQLite file (made absolute)."""
    text = url_or_path.strip()
    if not text:
        raise ValueError("empty database location")
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        return URL.create("sqlite", database=str(path))
    url = make_url(text)
    scheme = url.drivername
    if scheme in _POSTGRES_SCHEMES:
        return url.set(drivername="postgresql+psycopg")
    if scheme.startswith("postgresql+"):
        raise ValueError(
            f"unsupported PostgreSQL driver {scheme!r}: use postgresql:// (psycopg 3 is used)"
        )
    if scheme in ("sqlite", "sqlite+pysqlite"):
        database = url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            url = url.set(database=str(Path(database).expanduser().resolve()))
        return url.set(drivername="sqlite")
    raise ValueError(
        f"unsupported database {scheme!r}: use sqlite:///FILE, postgresql://..., or a file path"
    )


def sqlite_file(url: URL) -> Path | None:
    """The file behind an SQLite URL, or None for an in-memory database."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def display_url(url: URL) -> str:
    """The URL as it is safe to print: the password, if any, is masked."""
    return url.render_as_string(hide_password=True)
