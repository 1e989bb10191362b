"""Bring a database to the newest schema with Alembic, configured in code (no alembic.ini).

Two processes may open the same new database at once, so the upgrade runs under a lock: an
``IMMEDIATE`` transaction on SQLite (one writer at a time; the other waits out the busy
timeout) and a transaction-scoped advisory lock on PostgreSQL. Whoever comes second finds the
schema already at head and does nothing.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
# Arbitrary constant naming "the storyline schema upgrade" among PostgreSQL advisory locks.
_PG_UPGRADE_LOCK = 0x5709_11E5

WRITE_OPTION = "storyline_write"  # execution option: begin SQLite transactions IMMEDIATE


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations, bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(connection: sa.Connection) -> set[str]:
    return set(MigrationContext.configure(connection).get_current_heads())


def is_initialised(connection: sa.Connection) -> bool:
    """Whether the database has been set up by the store (has a version table)."""
    return sa.inspect(connection).has_table(VERSION_TABLE)


def upgrade_to_head(engine: sa.Engine) -> None:
    """Apply any pending migrations; cheap (one read) when the schema is already current."""
    heads = head_revisions()
    with engine.connect() as connection:
        if current_revisions(connection) == heads:
            return
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(
                    sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_UPGRADE_LOCK}
                )
            command.upgrade(alembic_config(connection), "heads")
