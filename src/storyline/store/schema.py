"""Table definitions the store queries through (SQLAlchemy Core).

The migrations under ``migrations/versions`` create these tables; they are written out by hand
so an old revision never changes when this file does. ``tests/test_store_schema.py`` checks that
the migrated database and this metadata agree, so a new table needs both a revision and an entry
here.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# -- full-text search (revision 0003) --------------------------------------------------------------
# PostgreSQL indexes this expression (GIN); a query must repeat it verbatim, with literals rather
# than bound parameters, for the planner to match the index.
ARTICLE_TSVECTOR = (
    "to_tsvector('english'::regconfig, (coalesce(title, '') || ' ') || coalesce(text, ''))"
)
# SQLite keeps an FTS5 virtual table over articles (title, text, publisher), rowid = seq.
ARTICLES_FTS = "articles_fts"


def described_here(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name`` hook: whether this file describes the database object.

    FTS5 owns its virtual table and the shadow tables it creates beside it (``_data``,
    ``_idx``, ``_docsize``, ``_config``); SQLAlchemy cannot model them, so schema comparison
    and autogenerate leave them alone. Revision 0003 creates and checks them instead.
    """
    if type_ == "table" and name is not None:
        return name != ARTICLES_FTS and not name.startswith(f"{ARTICLES_FTS}_")
    return True


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
    sa.Column("wire", sa.Text),
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
    sa.Index("ix_articles_fulltext", sa.text(ARTICLE_TSVECTOR), postgresql_using="gin").ddl_if(
        dialect="postgresql"
    ),
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

# -- knowledge derived from articles (revision 0002) ---------------------------------------------
# Per-article results are keyed by article and replaced whole when an article is re-analysed;
# story-level records (merged events, contradictions, stories) are replaced per story. Records
# are kept as the contract's JSON in ``data``, with the columns queries filter on beside it.

article_analysis = sa.Table(
    "article_analysis",
    metadata,
    sa.Column(
        "article_id",
        sa.String(80),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("analysed_at", sa.String(40), nullable=False),
)

entity_mentions = sa.Table(
    "entity_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id",
        sa.String(80),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("ix_entity_mentions_article_id", "article_id"),
    sa.Index("ix_entity_mentions_name", "name"),
)

place_mentions = sa.Table(
    "place_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id",
        sa.String(80),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("place_id", sa.String(80), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("country_code", sa.String(2)),
    sa.Column("admin1", sa.Text),
    sa.Column("geonames_id", sa.BigInteger),
    sa.Column("feature", sa.String(32)),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("ix_place_mentions_article_id", "article_id"),
    sa.Index("ix_place_mentions_place_id", "place_id"),
)

article_events = sa.Table(
    "article_events",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column(
        "article_id",
        sa.String(80),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("data", sa.Text, nullable=False),
    sa.Index("ix_article_events_article_id", "article_id"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column(
        "article_id",
        sa.String(80),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("story_id", sa.String(80)),
    sa.Column("speaker", sa.Text, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Index("ix_claims_article_id", "article_id"),
    sa.Index("ix_claims_story_id", "story_id"),
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("date_start", sa.String(40)),
    sa.Column("date_end", sa.String(40)),
    sa.Column("article_count", sa.Integer, nullable=False),
    sa.Column("independent_sources", sa.Integer, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Index("ix_stories_date_start", "date_start"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("story_id", sa.String(80)),
    sa.Column("event_type", sa.Text, nullable=False),
    sa.Column("sub_event_type", sa.Text, nullable=False),
    sa.Column("date_start", sa.String(40)),
    sa.Column("date_end", sa.String(40)),
    sa.Column("country_code", sa.String(2)),
    sa.Column("actors", sa.Text, nullable=False),  # "|"-joined, for filtering
    sa.Column("places", sa.Text, nullable=False),  # "|"-joined, for filtering
    sa.Column("data", sa.Text, nullable=False),
    sa.Index("ix_events_story_id", "story_id"),
    sa.Index("ix_events_event_type", "event_type"),
    sa.Index("ix_events_date_start", "date_start"),
)

contradictions = sa.Table(
    "contradictions",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("story_id", sa.String(80)),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Index("ix_contradictions_story_id", "story_id"),
)

store_state = sa.Table(
    "store_state",
    metadata,
    sa.Column("key", sa.String(80), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)
