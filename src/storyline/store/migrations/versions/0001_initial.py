"""Initial schema: runs, inputs, skipped inputs, articles and their features.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("finished_at", sa.String(40)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("args", sa.Text, nullable=False),
        sa.Column("summary", sa.Text),
    )
    op.create_table(
        "inputs",
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
    op.create_table(
        "skipped_inputs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.UniqueConstraint("run_id", "input", "reason", name="uq_skipped_inputs_run_input_reason"),
    )
    op.create_table(
        "articles",
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
    )
    op.create_index("ix_articles_seq", "articles", ["seq"], unique=True)
    op.create_index("ix_articles_syndication_group", "articles", ["syndication_group"])
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])
    op.create_index("ix_articles_text_hash", "articles", ["text_hash"])
    op.create_index("ix_articles_input_sha256", "articles", ["input_sha256"])
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_table(
        "article_features",
        sa.Column(
            "article_id",
            sa.String(80),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_article_features_name", "article_features", ["name", "article_id"])


def downgrade() -> None:
    op.drop_table("article_features")
    op.drop_table("articles")
    op.drop_table("skipped_inputs")
    op.drop_table("inputs")
    op.drop_table("runs")
