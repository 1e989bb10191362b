"""Dates for events whose article had no date when they were read.

An article's date can arrive after its analysis: other articles of its story lend it theirs
(peer dating, in the stories stage). Its events then still say "on Friday" with no day. Once
the story is assembled, each such event's own words are read again against the date its
article now has; an event whose text names no day takes the article's date at ACLED's week
precision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storyline.model import Article, Event


def redate_events(events: Sequence[Event], articles: Mapping[str, Article]) -> int:
    """Fill in the dates of undated events from their articles' dates; returns how many."""
    from storyline.time import tag_times

    filled = 0
    for event in events:
        if event.date is not None or not event.sources:
            continue
        source = event.sources[0]
        article = articles.get(source.article_id)
        if article is None or not article.published:
            continue
        if event.date_text:
            for timex in tag_times(source.sentence, article.published):
                value = timex.contract_date()
                if timex.text == event.date_text and value is not None:
                    event.date = value
                    span = timex.interval()
                    days = (span[1] - span[0]).days if span else 0
                    event.time_precision = 1 if days == 0 else 2 if days <= 7 else 3
                    break
        if event.date is None:
            event.date, event.time_precision = article.published[:10], 2
        filled += 1
    return filled
