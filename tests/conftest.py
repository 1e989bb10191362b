"""Shared fixtures: a fresh store on each backend (SQLite file, PostgreSQL schema).

PostgreSQL tests run in a database created for this test session and dropped after it, each
test in its own schema. Without a reachable server they are skipped, unless
``STORYLINE_REQUIRE_PG=1`` (set in CI), which turns that into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from storyline.store import Store, open_store

PG_SERVER_URL = os.environ.get(
    "STORYLINE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _admin_engine(url: URL) -> sa.Engine:
    return sa.create_engine(
        url.update_query_dict({"connect_timeout": "3"}),
        isolation_level="AUTOCOMMIT",
        poolclass=sa.pool.NullPool,
    )


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[URL]:
    """URL of a PostgreSQL database that exists only for this test session."""
    server = make_url(PG_SERVER_URL)
    admin = _admin_engine(server)
    try:
        with admin.connect():
            pass
    except sa.exc.OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL unreachable at {server.render_as_string()}: {exc.orig}"
        if os.environ.get("STORYLINE_REQUIRE_PG") == "1":
            pytest.fail(f"{message} (STORYLINE_REQUIRE_PG=1)")
        pytest.skip(message)
    name = f"storyline_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def pg_schema_url(pg_database_url: URL) -> Iterator[str]:
    """A URL whose tables land in a schema of their own, dropped after the test."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine(pg_database_url)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        url = pg_database_url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh, empty store can be made: an SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh store on each backend, closed after the test."""
    opened = open_store(store_url)
    assert opened is not None
    try:
        yield opened
    finally:
        opened.close()
