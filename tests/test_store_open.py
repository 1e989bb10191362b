"""Opening the store: what users type after --db, create=False, migrations, concurrent opens."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import URL

from storyline.store import StoreError, open_store, resolve_url
from storyline.store.migrate import current_revisions, head_revisions
from storyline.store.schema import described_here, metadata


def test_plain_path_means_an_absolute_sqlite_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    url = resolve_url("data/story.db")
    assert url.drivername == "sqlite"
    assert url.database == str(tmp_path / "data" / "story.db")
    assert resolve_url(f"sqlite:///{tmp_path}/x.db").database == str(tmp_path / "x.db")


@pytest.mark.parametrize(
    "typed",
    ["postgresql://ann@db.example:5433/news", "postgres://ann@db.example:5433/news"],
)
def test_postgres_urls_use_psycopg3(typed: str) -> None:
    url = resolve_url(typed)
    assert (url.drivername, url.username, url.host, url.port, url.database) == (
        "postgresql+psycopg",
        "ann",
        "db.example",
        5433,
        "news",
    )


@pytest.mark.parametrize("typed", ["mysql://u@h/db", "postgresql+psycopg2://u@h/db", "  "])
def test_unsupported_locations_are_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        resolve_url(typed)


def test_missing_sqlite_file_with_create_false_is_none_and_not_created(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "store.db"
    assert open_store(str(target), create=False) is None
    assert open_store(f"sqlite:///{target}", create=False) is None
    assert not target.exists() and not target.parent.exists()


def test_sqlite_file_without_storyline_tables_with_create_false_is_none(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert open_store(str(other), create=False) is None


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("this is not a database, just some notes " * 50)
    with pytest.raises(StoreError, match=r"notes\.txt"):
        open_store(str(notes))


def test_sqlite_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    assert store is not None
    try:
        with store._engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        store.close()


def test_password_is_masked_in_display_url(pg_schema_url: str) -> None:
    with_password = resolve_url(pg_schema_url).set(password="s3cret")
    shown = open_store(with_password.render_as_string(hide_password=False))
    assert shown is not None
    try:
        assert "s3cret" not in shown.display_url
        assert shown.display_url.startswith("postgresql+psycopg://postgres:***@")
        assert shown.dialect == "postgresql"
    finally:
        shown.close()


def test_sqlite_display_url_is_the_file(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    assert store is not None
    store.close()
    assert store.display_url == f"sqlite:///{tmp_path / 's.db'}"
    assert store.dialect == "sqlite"


@pytest.mark.postgres
def test_missing_postgres_database_with_create_false_is_none(pg_database_url: URL) -> None:
    missing = pg_database_url.set(database=f"storyline_absent_{uuid.uuid4().hex[:8]}")
    assert open_store(missing.render_as_string(hide_password=False), create=False) is None


@pytest.mark.postgres
def test_missing_postgres_database_is_created(pg_database_url: URL) -> None:
    name = f"storyline_made_{uuid.uuid4().hex[:8]}"
    url = pg_database_url.set(database=name).render_as_string(hide_password=False)
    store = open_store(url)
    assert store is not None
    try:
        assert store.article_count() == 0
    finally:
        store.close()
        admin = sa.create_engine(pg_database_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


def test_unreachable_postgres_gives_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open"):
        open_store("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2")


def test_migrated_schema_matches_the_table_definitions(store_url: str) -> None:
    """schema.py (what queries use) and the migrations (what creates tables) must agree."""
    store = open_store(store_url)
    assert store is not None
    try:
        with store._engine.connect() as connection:
            assert current_revisions(connection) == head_revisions()
            opts = {"compare_type": True, "include_name": described_here}
            context = MigrationContext.configure(connection, opts=opts)
            assert compare_metadata(context, metadata) == []
    finally:
        store.close()


CONCURRENT_OPEN = textwrap.dedent(
    """
    import sys
    from storyline.store import open_store
    store = open_store(sys.argv[1])
    print(store.article_count())
    store.close()
    """
)


def test_processes_opening_a_new_database_together_all_succeed(store_url: str) -> None:
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_OPEN, store_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    results = [child.communicate(timeout=90) for child in children]
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err.decode()
        assert out.strip() == b"0"
