"""articles.wire: the news agency a page credits, kept apart from the site that ran it

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: no table rebuild, so the SQLite full-text triggers stay in place.
    op.add_column("articles", sa.Column("wire", sa.Text))


def downgrade() -> None:
    op.drop_column("articles", "wire")
