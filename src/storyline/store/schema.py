"""Table definitions the store queries through (SQLAlchemy Core).

The migrations under ``migrations/versions`` create these tables; they are written out by hand
so an old revision never changes when this file does. ``tests/test_store_schema.py`` checks that
the migrated database and this metadata agree, so a new table needs both a revision and an entry
here.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.String(40), nullable=False),
    sa.Column("finished_at", sa.String(40)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("args", sa.Text, nullable=False),
    sa.Column("summary", sa.Text),
)

inputs = sa.Table(
    "inputs",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("raw", sa.LargeBinary, nullable=False),
    sa.Column("raw_codec", sa.String(8), nullable=False),
    sa.Column("done", sa.Boolean, nullable=False),
    sa.Column("first_seen", sa.String(40), nullable=False),
    sa.Column("done_at", sa.String(40)),
)

skipped_inputs = sa.Table(
    "skipped_inputs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("input", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.UniqueConstraint("run_id", "input", "reason", name="uq_skipped_inputs_run_input_reason"),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("seq", sa.BigInteger, sa.Identity(), nullable=False),
    sa.Column("input", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("authors", sa.Text, nullable=False),
    sa.Column("published", sa.String(40)),
    sa.Column("published_source", sa.String(16)),
    sa.Column("language", sa.String(16)),
    sa.Column("removed", sa.Text, nullable=False),
    sa.Column("duplicate_of", sa.String(80), sa.ForeignKey("articles.id", ondelete="SET NULL")),
    sa.Column("syndication_group", sa.String(80)),
    sa.Column("flags", sa.Text, nullable=False),
    sa.Column("story_id", sa.String(80)),
    sa.Column("kind", sa.String(16)),
    sa.Column("fetched", sa.String(40)),
    sa.Column("input_sha256", sa.String(64), sa.ForeignKey("inputs.sha256"), nullable=False),
    sa.Column("locator", sa.Text, nullable=False),
    sa.Column("text_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Index("ix_articles_seq", "seq", unique=True),
    sa.Index("ix_articles_syndication_group", "syndication_group"),
    sa.Index("ix_articles_duplicate_of", "duplicate_of"),
    sa.Index("ix_articles_text_hash", "text_hash"),
    sa.Index("ix_articles_input_sha256", "input_sha256"),
    sa.Index("ix_articles_story_id", "story_id"),
)

article_features = sa.Table(
    "article_features",
    metadata,
    sa.Column(
        "article_id",
        sa.String(80),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Index("ix_article_features_name", "name", "article_id"),
)

# Article fields kept as JSON text because they are lists.
JSON_LIST_COLUMNS = frozenset({"authors", "removed", "flags"})
