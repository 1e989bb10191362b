"""Search over stories and articles through the store's full-text index and the entity base.

Articles come from ``Store.search_articles`` (FTS5 on SQLite, a GIN ``tsvector`` index on
PostgreSQL), best match first. A name the entity base knows is searched as its entity: "Daesh"
also looks for "Islamic State" and for every article whose entity mentions were resolved to
Islamic State, whatever spelling the article used. A story matches when one of its articles
does, or when every word of the query (or of an expanded query) occurs in its title or
summary; stories keep the order they were given in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.store import Store, search_terms
from storyline.web.expand import expand_query

MAX_ARTICLE_HITS = 500


@dataclass(slots=True)
class SearchResult:
    stories: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)  # hits outside any story


def _story_text(story: dict[str, Any]) -> str:
    parts = [str(story.get("title") or "")]
    parts += [str(sentence.get("text") or "") for sentence in story.get("summary") or []]
    return " ".join(parts).casefold()


def search(
    store: Store, query: str, stories: Iterable[dict[str, Any]] | None = None
) -> SearchResult:
    terms = search_terms(query)
    result = SearchResult()
    if not terms:
        return result
    expansion = expand_query(query)
    ranked_ids = store.search_articles(query, limit=MAX_ARTICLE_HITS)
    for variant in expansion.queries:
        ranked_ids += store.search_articles(variant, limit=MAX_ARTICLE_HITS)
    if expansion.entities:
        mentioning = store.articles_mentioning(expansion.entities, limit=MAX_ARTICLE_HITS)
        if expansion.rest:
            rest = set(store.search_articles(expansion.rest, limit=MAX_ARTICLE_HITS * 4))
            mentioning = [article_id for article_id in mentioning if article_id in rest]
        ranked_ids += mentioning
    ranked_ids = list(dict.fromkeys(ranked_ids))[:MAX_ARTICLE_HITS]
    rank = {article_id: position for position, article_id in enumerate(ranked_ids)}
    hits = sorted(
        (
            {
                "id": article.id,
                "title": article.title,
                "publisher": article.publisher,
                "published": article.published,
                "story_id": article.story_id,
            }
            for article in store.iter_articles(ranked_ids)
        ),
        key=lambda hit: rank[hit["id"]],
    )
    hit_stories = {hit["story_id"] for hit in hits if hit["story_id"]}
    wordings = [terms, *(search_terms(variant) for variant in expansion.queries)]
    for story in stories if stories is not None else store.iter_stories():
        text = _story_text(story)
        if story["id"] in hit_stories or any(
            words and all(term in text for term in words) for words in wordings
        ):
            result.stories.append(story)
    known = {story["id"] for story in result.stories}
    result.articles = [hit for hit in hits if not hit["story_id"] or hit["story_id"] not in known]
    return result
