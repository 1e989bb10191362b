"""full-text search over articles: an FTS5 table on SQLite, a GIN tsvector index on PostgreSQL

SQLite gets an external-content FTS5 table (it stores only the index; the words are read back
from ``articles``) keyed by ``articles.seq`` and kept current by triggers on insert, update and
delete. Any later revision that rebuilds ``articles`` with a batch operation drops those
triggers along with the old table and must create them again.

PostgreSQL gets an expression index; queries must use the very same expression
(``schema.ARTICLE_TSVECTOR``) for the planner to use it.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen copies of the names and expression in schema.py: a revision never changes later.
_FTS_TABLE = "articles_fts"
_PG_INDEX = "ix_articles_fulltext"
_PG_TSVECTOR = (
    "to_tsvector('english'::regconfig, (coalesce(title, '') || ' ') || coalesce(text, ''))"
)

_SQLITE_UP = [
    f"""
    CREATE VIRTUAL TABLE {_FTS_TABLE} USING fts5(
        title, text, publisher,
        content='articles', content_rowid='seq',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    f"""
    CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
        INSERT INTO {_FTS_TABLE}(rowid, title, text, publisher)
        VALUES (new.seq, new.title, new.text, new.publisher);
    END
    """,
    f"""
    CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
        INSERT INTO {_FTS_TABLE}({_FTS_TABLE}, rowid, title, text, publisher)
        VALUES ('delete', old.seq, old.title, old.text, old.publisher);
    END
    """,
    f"""
    CREATE TRIGGER articles_fts_after_update
    AFTER UPDATE OF seq, title, text, publisher ON articles BEGIN
        INSERT INTO {_FTS_TABLE}({_FTS_TABLE}, rowid, title, text, publisher)
        VALUES ('delete', old.seq, old.title, old.text, old.publisher);
        INSERT INTO {_FTS_TABLE}(rowid, title, text, publisher)
        VALUES (new.seq, new.title, new.text, new.publisher);
    END
    """,
    # Index the articles stored before this revision.
    f"INSERT INTO {_FTS_TABLE}({_FTS_TABLE}) VALUES ('rebuild')",
]

_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS articles_fts_after_update",
    "DROP TRIGGER IF EXISTS articles_fts_after_delete",
    "DROP TRIGGER IF EXISTS articles_fts_after_insert",
    f"DROP TABLE IF EXISTS {_FTS_TABLE}",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_UP:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX {_PG_INDEX} ON articles USING gin ({_PG_TSVECTOR})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_DOWN:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {_PG_INDEX}")
