"""Peer dating: an undated article borrows its date from the other articles of its story.

The peers' dates give a window; the article's own words pick the day inside it ("on Tuesday"
next to peers dated on a Tuesday gives that Tuesday; an explicit date inside the window wins).
Without such a cue the most common peer day is used. When the peers disagree widely (their
days spread over more than ``max_spread_days`` and no clear majority sits together) nothing is
invented and the article stays undated.

Peer dating only fills a missing date and never overrides what the article says itself: a
peer day that contradicts the years the article's own text names ("in 2015", a full date) is
not used, and a lone peer date is only taken when the article's own words (a weekday, a date)
point into it, so a story never spreads one contested date.

Flags: a peer-dated article gets ``published_source="peers"`` and the flag ``peer-dated``,
which replaces ``no-date`` (the article now has a date, and the flag says how weak it is).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.model import Article
from storyline.stories.features import parse_day

PEER_DATED = "peer-dated"
NO_DATE = "no-date"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
MIN_AGREEING_PEERS = 2  # without a cue in the article, two peers must agree on the window


@dataclass(frozen=True, slots=True)
class PeerDate:
    day: date
    reason: str  # "weekday", "explicit", "peers"


def _consistent_days(days: list[date], max_spread_days: int) -> list[date] | None:
    """The peer days that agree, or None when they are scattered."""
    days = sorted(days)
    if (days[-1] - days[0]).days <= max_spread_days:
        return days
    median = days[len(days) // 2]
    close = [d for d in days if abs((d - median).days) <= max_spread_days // 2 + 1]
    # A clear majority (two thirds, and at least two peers) must sit together.
    if len(close) >= 2 and 3 * len(close) >= 2 * len(days):
        return close
    return None


def _text_days(text: str, anchor: date) -> list[tuple[str, date | None, str]]:
    """(kind, day, weekday) cues in the text: explicit days and weekday names."""
    cues: list[tuple[str, date | None, str]] = []
    try:
        from storyline.time import tag_times
    except ImportError:  # the time stage is optional for this component
        tag_times = None
    if tag_times is not None:
        for timex in tag_times(text, anchor):
            weekday = _WEEKDAY_RE.search(timex.text)
            if weekday:
                cues.append(("weekday", None, weekday.group(1).lower()))
                continue
            if not re.search(r"\d", timex.text):
                continue  # "yesterday" against a guessed anchor proves nothing
            value = timex.contract_date()
            if isinstance(value, str):
                cues.append(("explicit", date.fromisoformat(value[:10]), ""))
    else:
        cues += [("weekday", None, m.group(1).lower()) for m in _WEEKDAY_RE.finditer(text)]
    return cues


def peer_date(
    article: Article, peers: Sequence[Article], *, max_spread_days: int = 4
) -> PeerDate | None:
    """The day an undated article most likely belongs to, judged from its story's peers."""
    days = [
        day
        for peer in peers
        if peer.id != article.id
        and peer.published_source != "peers"  # never date from a date that was itself guessed
        and (day := parse_day(peer.published)) is not None
    ]
    if not days:
        return None
    agreed = _consistent_days(days, max_spread_days)
    if agreed is None:
        return None
    text = f"{article.title or ''}\n{article.text}"
    if _contradicts_own_years(text, agreed):
        return None
    window_start, window_end = agreed[0] - timedelta(days=1), agreed[-1] + timedelta(days=1)
    counts = Counter(agreed)
    cues = _text_days(text, agreed[-1])
    for kind, day, _ in cues:
        if kind == "explicit" and day is not None and window_start <= day <= window_end:
            return PeerDate(day, "explicit")
    for kind, _, weekday in cues:
        if kind != "weekday":
            continue
        matching = [d for d in counts if _WEEKDAYS[d.weekday()] == weekday]
        if matching:
            return PeerDate(max(matching, key=lambda d: (counts[d], d)), "weekday")
    if len(agreed) < MIN_AGREEING_PEERS:
        return None  # one peer's date, with nothing in the article pointing to it
    best = max(counts.items(), key=lambda item: (item[1], -item[0].toordinal()))[0]
    return PeerDate(best, "peers")


def _contradicts_own_years(text: str, agreed: list[date]) -> bool:
    """The article names years, and the peers' year is none of them nor the one after the
    latest: a report of 2015 is not dated from peers of 2022."""
    years = {int(y) for y in _YEAR_RE.findall(text)}
    plausible = {y for y in years if y <= agreed[-1].year + 1}
    if not plausible:
        return False
    return agreed[0].year > max(plausible) + 1


def apply_peer_dates(story_articles: Sequence[Article], *, max_spread_days: int = 4) -> list[str]:
    """Date every undated article of one story from its peers; the ids of those dated."""
    dated: list[str] = []
    for article in story_articles:
        if parse_day(article.published) is not None:
            continue
        found = peer_date(article, story_articles, max_spread_days=max_spread_days)
        if found is None:
            continue
        article.published = found.day.isoformat()
        article.published_source = "peers"
        if NO_DATE in article.flags:
            article.flags.remove(NO_DATE)
        article.add_flag(PEER_DATED)
        dated.append(article.id)
    return dated
