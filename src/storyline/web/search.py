"""Search over stories and articles with a portable ``LIKE`` on both SQLite and PostgreSQL.

Every word of the query must occur (case-insensitively) in an article's title or text, or in a
story's title or summary. It scans rather than using a full-text index, which is fine for tens
of thousands of articles; an FTS5 / tsvector index would be a store revision (0003).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from storyline.store import Store
from storyline.store import schema as t

MAX_TERMS = 8
MAX_ARTICLE_HITS = 500


@dataclass(slots=True)
class SearchResult:
    stories: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)  # hits outside any story


def terms_of(query: str) -> list[str]:
    words = [word for word in re.split(r"\s+", query.strip()) if word]
    return words[:MAX_TERMS]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _story_text(story: dict[str, Any]) -> str:
    parts = [str(story.get("title") or "")]
    parts += [str(sentence.get("text") or "") for sentence in story.get("summary") or []]
    return " ".join(parts).lower()


def search(
    store: Store, query: str, stories: Iterable[dict[str, Any]] | None = None
) -> SearchResult:
    terms = terms_of(query)
    result = SearchResult()
    if not terms:
        return result
    conditions = []
    for term in terms:
        pattern = f"%{_escape_like(term)}%"
        conditions.append(
            sa.or_(
                t.articles.c.title.ilike(pattern, escape="\\"),
                t.articles.c.text.ilike(pattern, escape="\\"),
            )
        )
    statement = (
        sa.select(
            t.articles.c.id,
            t.articles.c.title,
            t.articles.c.publisher,
            t.articles.c.published,
            t.articles.c.story_id,
        )
        .where(sa.and_(*conditions))
        .order_by(t.articles.c.seq)
        .limit(MAX_ARTICLE_HITS)
    )
    with store._engine.connect() as connection:  # read-only query the store API lacks
        hits = [dict(row._mapping) for row in connection.execute(statement)]
    hit_stories = {hit["story_id"] for hit in hits if hit["story_id"]}
    lowered = [term.lower() for term in terms]
    for story in stories if stories is not None else store.iter_stories():
        text = _story_text(story)
        if story["id"] in hit_stories or all(term in text for term in lowered):
            result.stories.append(story)
    known = {story["id"] for story in result.stories}
    result.articles = [hit for hit in hits if not hit["story_id"] or hit["story_id"] not in known]
    return result
