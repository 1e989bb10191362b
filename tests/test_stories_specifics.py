"""Telling two happenings of the same kind apart by their specifics (years, figures)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np

from storyline.stories import StoryClusterer
from storyline.stories.cluster import ClusterConfig
from storyline.stories.features import StoryFeatures, text_specifics


def test_specifics_are_years_and_figures_with_thousands_separators_dropped() -> None:
    found = text_specifics("The 2011 quake of magnitude 6.3 killed 1,185 people in 12 towns.")
    assert found == {"y:2011", "n:6.3", "n:1185", "n:12"}
    assert text_specifics("No figures here, only words.") == frozenset()


def test_the_publication_year_is_not_a_specific_but_other_years_are() -> None:
    found = text_specifics("Rebuilding after the 2011 quake went on in 2016.", date(2016, 5, 2))
    assert found == {"y:2011"}


def quake(terms: range, specifics: set[str]) -> StoryFeatures:
    ids = np.array(list(terms), dtype=np.int32)
    counts = np.ones(len(ids), dtype=np.float32)
    return StoryFeatures(ids, counts, specifics=frozenset(specifics))


def stream(config: ClusterConfig) -> StoryClusterer:
    clusterer = StoryClusterer(config)
    for i in range(20):  # unrelated background, so document frequencies mean something
        background = range(1000 + 10 * i, 1010 + 10 * i)
        clusterer.add(f"bg{i}", StoryFeatures(np.array(background, np.int32), np.ones(10)))
    clusterer.add("first", quake(range(1, 11), {"y:2009", "n:6.1", "n:45"}))
    # Same words, same town, but another year and another toll: another quake.
    clusterer.add("second", quake(range(5, 15), {"y:2013", "n:7.0", "n:212"}))
    # A follow-up repeating the first quake's year and toll.
    clusterer.add("follow", quake(range(1, 11), {"y:2009", "n:45"}))
    return clusterer


def test_conflicting_years_and_figures_keep_same_kind_events_apart() -> None:
    clusterer = stream(ClusterConfig())
    assert clusterer.story_of("first") != clusterer.story_of("second")
    assert clusterer.story_of("follow") == clusterer.story_of("first")


def test_without_the_specifics_signal_the_two_events_would_merge() -> None:
    blind = ClusterConfig(year_agree=0, year_conflict=0, number_agree=0, number_conflict=0)
    clusterer = stream(blind)
    assert clusterer.story_of("first") == clusterer.story_of("second")


def test_specifics_survive_save_and_load() -> None:
    clusterer = stream(ClusterConfig())
    restored = StoryClusterer.load(clusterer.state())
    story = restored._stories[restored.story_of("first") or ""]
    assert story.specifics == Counter({"y:2009": 2, "n:45": 2, "n:6.1": 1})
    restored.add("late", quake(range(5, 15), {"y:2013", "n:212"}))
    assert restored.story_of("late") == restored.story_of("second")


def test_months_are_specifics_but_not_the_publication_month_nor_the_verb() -> None:
    text = "Rescuers may stay until Dec. 3; the flood of March hit the valley on Nov. 28."
    assert {"m:3", "m:11", "m:12"} <= text_specifics(text)
    published_in_november = text_specifics(text, date(2016, 11, 29))
    assert "m:11" not in published_in_november and "m:3" in published_in_november
    assert not any(item.startswith("m:") for item in text_specifics("They may go in May."))


def test_naming_only_other_months_counts_against_a_match() -> None:
    def month_stream(config: ClusterConfig) -> StoryClusterer:
        clusterer = StoryClusterer(config)
        for i in range(20):
            background = range(1000 + 10 * i, 1010 + 10 * i)
            clusterer.add(f"bg{i}", StoryFeatures(np.array(background, np.int32), np.ones(10)))
        clusterer.add("spring", quake(range(1, 11), {"m:3"}))
        clusterer.add("autumn", quake(range(4, 14), {"m:10"}))
        return clusterer

    plain = ClusterConfig(join_threshold=0.5, singleton_margin=0.0, month_conflict=0.0)
    blind = month_stream(plain)
    assert blind.story_of("autumn") == blind.story_of("spring")
    wary = ClusterConfig(join_threshold=0.5, singleton_margin=0.0, month_conflict=0.3)
    clusterer = month_stream(wary)
    assert clusterer.story_of("autumn") != clusterer.story_of("spring")
