"""Stage: stories. Articles about one happening, grouped incrementally, dated, summarised.

Usage::

    clusterer = StoryClusterer.load(saved) if saved else StoryClusterer()
    for article, features in zip(articles, build_features(articles, names=..., embed=...)):
        clusterer.add(article.id, features)
    clusterer.settle()  # lone articles of the batch get a second look
    saved = clusterer.state()
    apply_peer_dates(story_articles)
    story = build_story(story_id, story_articles, events, claims, contradictions)
"""

from storyline.stories.cluster import ClusterConfig, StoryClusterer
from storyline.stories.features import (
    StoryFeatures,
    arrival_order,
    article_features,
    build_features,
)
from storyline.stories.peers import PEER_DATED, PeerDate, apply_peer_dates, peer_date
from storyline.stories.summary import build_story, independent_sources, story_title, summarize
from storyline.stories.timeline import build_timeline, dated_sentences

__all__ = [
    "PEER_DATED",
    "ClusterConfig",
    "PeerDate",
    "StoryClusterer",
    "StoryFeatures",
    "apply_peer_dates",
    "arrival_order",
    "article_features",
    "build_features",
    "build_story",
    "build_timeline",
    "dated_sentences",
    "independent_sources",
    "peer_date",
    "story_title",
    "summarize",
]
