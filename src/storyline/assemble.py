"""Stories from analysed articles: cluster the new ones, then rebuild every story they touched.

The clusterer's state lives in the store, so today's run adds to yesterday's stories without
re-reading old articles. A story that gains an article is rebuilt whole from what the store
holds for its articles: peer dates, events merged across articles (copies counted once),
contradictions between its claims, its timeline and its cited summary.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.model import Article, claim_from_record, event_from_record
from storyline.store import Store

STATE_KEY = "stories"


@dataclass(slots=True)
class StoryRunSummary:
    articles_clustered: int = 0
    stories_touched: int = 0
    stories_removed: int = 0
    peer_dated: int = 0
    events: int = 0
    contradictions: int = 0


def _embedder() -> Callable[[Sequence[str]], np.ndarray] | None:
    """The MiniLM encoder when its packages are installed; stories still cluster without it."""
    from storyline.embed import embed_texts, encoder_available

    return embed_texts if encoder_available() else None


def assemble_stories(
    store: Store,
    *,
    progress: Callable[[str], None] | None = None,
    rebuild: Sequence[str] = (),
) -> StoryRunSummary:
    """Cluster articles without a story; rebuild the stories they join, and the stories of
    the ``rebuild`` article ids (articles analysed after their story was built)."""
    from storyline.claims import find_contradictions
    from storyline.events import merge_events, redate_events
    from storyline.stories import (
        StoryClusterer,
        apply_peer_dates,
        arrival_order,
        build_features,
        build_story,
    )

    result = StoryRunSummary()
    saved = store.get_state(STATE_KEY)
    clusterer = StoryClusterer.load(saved) if saved else StoryClusterer()
    # Stream the store once and keep only what this run clusters: memory stays flat as it grows.
    new = [article for article in store.iter_articles() if clusterer.story_of(article.id) is None]
    repair = {story for story in map(clusterer.story_of, rebuild) if story is not None}
    if not new and not repair:
        return result
    touched: set[str] = set()
    if new:
        new_ids = [article.id for article in new]
        names: dict[str, set[str]] = defaultdict(set)
        for mention in store.iter_entity_mentions(new_ids):
            names[mention["article_id"]].add(mention["name"])
        for mention in store.iter_place_mentions(new_ids):
            names[mention["article_id"]].add(mention["name"])
        ordered = arrival_order(new)
        features = build_features(
            ordered,
            names=[names.get(article.id) or None for article in ordered],
            embed=_embedder(),
        )
        for article, feature in zip(ordered, features, strict=True):
            touched.add(clusterer.add(article.id, feature))
            result.articles_clustered += 1
        clusterer.settle()
    live = clusterer.stories()
    retired = set(clusterer.merged())
    touched = {clusterer.resolve(story_id) for story_id in touched | repair}
    wanted = [article_id for story_id in touched for article_id in live[story_id]]
    articles = {article.id: article for article in store.iter_articles(wanted)}
    stories, all_events, all_contradictions = [], [], []
    for story_id in sorted(touched):
        members = [articles[article_id] for article_id in live[story_id] if article_id in articles]
        result.peer_dated += _date_from_peers(store, members, apply_peer_dates)
        ids = [article.id for article in members]
        events = [event_from_record(record) for record in store.iter_article_events(ids)]
        groups = {article.id: article.syndication_group or article.id for article in members}
        redate_events(events, {article.id: article for article in members})
        copies = {article.id for article in members if article.duplicate_of}
        merged = merge_events(events, groups, copies=copies)
        for event in merged:
            event.story_id = story_id
        claims = [claim_from_record(record) for record in store.iter_claims(article_ids=ids)]
        for claim in claims:
            claim.story_id = story_id
        # copies (one syndication group) count once when sources are set against each other
        contradictions = find_contradictions(
            claims, story_id=story_id, events=merged, groups=groups
        )
        story = build_story(story_id, members, merged, claims, contradictions)
        stories.append(story.to_record())
        all_events += [event.to_record() for event in merged]
        all_contradictions += [item.to_record() for item in contradictions]
        if progress:
            progress(story.title)
    store.replace_stories(
        stories,
        events=all_events,
        contradictions=all_contradictions,
        removed_story_ids=sorted(retired - set(live)),
    )
    store.set_state(STATE_KEY, clusterer.state())
    result.stories_touched = len(stories)
    result.stories_removed = len(retired - set(live))
    result.events = len(all_events)
    result.contradictions = len(all_contradictions)
    return result


def _date_from_peers(
    store: Store, members: list[Article], apply_peer_dates: Callable[[Sequence[Article]], list[str]]
) -> int:
    """Give undated members their peers' date, and store it with its provenance."""
    dated = apply_peer_dates(members)
    if not dated:
        return 0
    by_id = {article.id: article for article in members}
    with store.transaction() as txn:
        for article_id in dated:
            article = by_id[article_id]
            txn.update_article(
                article_id,
                published=article.published,
                published_source=article.published_source,
                flags=list(article.flags),
            )
    return len(dated)
