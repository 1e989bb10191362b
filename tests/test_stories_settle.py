"""After a batch, lone articles get a second look at the stories that formed around them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np

from storyline.stories import StoryClusterer
from storyline.stories.cluster import ClusterConfig
from storyline.stories.features import StoryFeatures

HARBOUR = range(1, 11)
STRAY = range(7, 17)  # shares four of ten words with HARBOUR: well short of a join
# No late joins and a high join bar, so only settle() can bring the stray in.
CONFIG = ClusterConfig(
    join_threshold=0.5, merge_threshold=0.9, singleton_margin=0.25, late_join_size=0
)


def bag(terms: range) -> StoryFeatures:
    ids = np.array(list(terms), dtype=np.int32)
    return StoryFeatures(ids, np.ones(len(ids), np.float32), day=date(2016, 8, 16))


def stream(settle_threshold: float | None) -> StoryClusterer:
    clusterer = StoryClusterer(replace(CONFIG, settle_threshold=settle_threshold))
    for i in range(20):  # unrelated background, each its own story
        clusterer.add(f"bg{i}", bag(range(1000 + 10 * i, 1010 + 10 * i)))
    clusterer.add("stray", bag(STRAY))  # arrives before its story exists
    clusterer.add("first", bag(HARBOUR))
    clusterer.add("repeat", bag(HARBOUR))
    return clusterer


def test_before_settling_the_stray_stands_alone() -> None:
    clusterer = stream(0.3)
    assert clusterer.story_of("stray") != clusterer.story_of("first")


def test_settle_folds_a_lone_article_into_the_story_that_formed_later() -> None:
    clusterer = stream(0.3)
    assert clusterer.settle() == 1
    assert clusterer.story_of("stray") == clusterer.story_of("first")
    assert clusterer.story_of("repeat") == clusterer.story_of("first")


def test_settle_leaves_unrelated_lone_articles_alone() -> None:
    clusterer = stream(0.3)
    clusterer.settle()
    background = {clusterer.story_of(f"bg{i}") for i in range(20)}
    assert len(background) == 20
    assert clusterer.story_of("first") not in background


def test_a_stray_below_the_settle_threshold_stays_apart() -> None:
    clusterer = stream(0.4)
    assert clusterer.settle() == 0
    assert clusterer.story_of("stray") != clusterer.story_of("first")


def test_settle_can_be_turned_off() -> None:
    clusterer = stream(None)
    assert clusterer.settle() == 0
    assert clusterer.story_of("stray") != clusterer.story_of("first")


def test_settle_looks_only_at_articles_of_the_batch() -> None:
    clusterer = stream(0.3)
    clusterer.settle()
    clusterer.add("late", bag(range(40, 50)))
    assert clusterer.settle() == 0  # the stray is settled; nothing new is alone and near


def test_a_saved_state_remembers_which_articles_still_need_settling() -> None:
    clusterer = stream(0.3)
    restored = StoryClusterer.load(clusterer.state())
    assert restored.settle() == 1
    assert restored.story_of("stray") == restored.story_of("first")


def test_two_lone_articles_of_one_happening_pair_up_when_no_story_fits() -> None:
    clusterer = StoryClusterer(replace(CONFIG, settle_threshold=0.3))
    for i in range(20):
        clusterer.add(f"bg{i}", bag(range(1000 + 10 * i, 1010 + 10 * i)))
    clusterer.add("first", bag(HARBOUR))
    clusterer.add("stray", bag(STRAY))
    assert clusterer.settle() == 1
    assert clusterer.story_of("stray") == clusterer.story_of("first")
