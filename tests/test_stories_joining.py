"""When a lone article may be joined, and when a lone story folds into a grown one."""

from __future__ import annotations

from datetime import date

import numpy as np

from storyline.stories import StoryClusterer
from storyline.stories.cluster import ClusterConfig
from storyline.stories.features import StoryFeatures

# Two bags sharing seven of their ten words: alike, but short of a sure match.
HARBOUR = range(1, 11)
NEAR_HARBOUR = range(4, 14)


def bag(terms: range) -> StoryFeatures:
    ids = np.array(list(terms), dtype=np.int32)
    return StoryFeatures(ids, np.ones(len(ids), np.float32), day=date(2016, 8, 16))


def clusterer(config: ClusterConfig) -> StoryClusterer:
    result = StoryClusterer(config)
    for i in range(20):  # unrelated background, so document frequencies mean something
        result.add(f"bg{i}", bag(range(1000 + 10 * i, 1010 + 10 * i)))
    return result


def test_a_lone_article_asks_for_more_than_a_story_of_two() -> None:
    config = ClusterConfig(join_threshold=0.5, merge_threshold=0.9, singleton_margin=0.25)
    lone = clusterer(config)
    lone.add("first", bag(HARBOUR))
    lone.add("near", bag(NEAR_HARBOUR))
    assert lone.story_of("near") != lone.story_of("first")

    grown = clusterer(config)
    grown.add("first", bag(HARBOUR))
    grown.add("repeat", bag(HARBOUR))
    grown.add("near", bag(NEAR_HARBOUR))
    assert grown.story_of("near") == grown.story_of("first") == grown.story_of("repeat")


def test_without_the_margin_the_lone_article_is_joined() -> None:
    config = ClusterConfig(join_threshold=0.5, merge_threshold=0.9, singleton_margin=0.0)
    plain = clusterer(config)
    plain.add("first", bag(HARBOUR))
    plain.add("near", bag(NEAR_HARBOUR))
    assert plain.story_of("near") == plain.story_of("first")


def late_stream(late_join_size: int) -> StoryClusterer:
    config = ClusterConfig(
        join_threshold=0.5,
        merge_threshold=0.9,
        singleton_margin=0.25,
        late_join_size=late_join_size,
    )
    result = clusterer(config)
    result.add("first", bag(HARBOUR))
    result.add("near", bag(NEAR_HARBOUR))  # too early: only one article to match
    result.add("repeat", bag(HARBOUR))  # the story grows past one article
    return result


def test_a_lone_story_folds_into_the_story_it_would_now_join() -> None:
    late = late_stream(late_join_size=1)
    assert late.story_of("near") == late.story_of("first") == late.story_of("repeat")
    assert len(late.merged()) == 1


def test_with_late_joins_off_a_lone_story_needs_the_merge_threshold() -> None:
    strict = late_stream(late_join_size=0)
    assert strict.story_of("near") != strict.story_of("first")
    assert strict.story_of("repeat") == strict.story_of("first")
