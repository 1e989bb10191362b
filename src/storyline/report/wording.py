"""Small wording helpers for what readers see: dates, titles, sentence shape, plurals.

The data keeps what the text said; these only shape it for display (a title cut to a clause,
a dateline taken off the front of a timeline line, "1 article" not "1 articles").
"""

from __future__ import annotations

import re
from typing import Any

from storyline.store.knowledge import date_bounds

MAX_TITLE_WORDS = 12
MIN_TITLE_WORDS = 4
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# "BEIRUT, Oct 1 (AFP) - ", "PARIS — ", "MOSCOW (Reuters) - ": a wire dateline, not the news.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'\-]{1,30}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\([A-Za-z .]{2,20}\))?"
    r"\s*[-—–]+\s+(?=[A-Z\"“])"
)
# Words a title can be cut before without leaving a dangling clause.
_CLAUSE_WORDS = frozenset(
    [
        "after",
        "as",
        "because",
        "before",
        "but",
        "following",
        "when",
        "where",
        "while",
        "which",
        "who",
        "and",
        "amid",
        "despite",
        "to",
        "near",
        "on",
        "in",
        "at",
        "for",
        "with",
        "over",
        "since",
    ]
)


# A headline that ends by naming its source: "..., monitor says", "..., activists say".
_ATTRIBUTION = re.compile(r",\s+(?:\S+\s+){0,2}(?:says|say|said|claims|reports|alleges)$", re.I)


def _day(iso: str | None) -> tuple[int, int, int] | None:
    match = _ISO.match(iso or "")
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return (year, month, day) if 1 <= month <= 12 else None


def day_label(date: Any) -> str:
    """'30 Sep 2015', '16–18 Aug 2016', '30 Sep – 2 Oct 2015'; the raw value when not ISO."""
    start, end = date_bounds(date)
    first, last = _day(start), _day(end)
    if first is None:
        return start or end or ""
    y1, m1, d1 = first
    if last is None or last == first:
        return f"{d1} {_MONTHS[m1 - 1]} {y1}"
    y2, m2, d2 = last
    if (y1, m1) == (y2, m2):
        return f"{d1}–{d2} {_MONTHS[m1 - 1]} {y1}"
    if y1 == y2:
        return f"{d1} {_MONTHS[m1 - 1]} – {d2} {_MONTHS[m2 - 1]} {y1}"
    return f"{d1} {_MONTHS[m1 - 1]} {y1} – {d2} {_MONTHS[m2 - 1]} {y2}"


def sentence(text: Any) -> str:
    """A line as a sentence: no wire dateline in front, a capital first, a full stop last."""
    value = " ".join(str(text or "").split())
    value = _DATELINE.sub("", value, count=1)
    if not value:
        return ""
    if value[0].islower():
        value = value[0].upper() + value[1:]
    if value[-1] not in ".!?\"'”’)":
        value += "."
    return value


def short_title(title: object, limit: int = MAX_TITLE_WORDS) -> str:
    """A title of at most ``limit`` words, cut at a clause boundary when it is longer.

    A story without headlines takes its first summary sentence as its title, and a sentence
    of forty words is not a title. The cut falls after punctuation or before a joining word
    ("after", "and", "while", ...); only when neither leaves a few words is it cut at the
    word limit, with an ellipsis.
    """
    words = " ".join(str(title or "").split()).split(" ")
    whole = " ".join(words).rstrip(".")
    if len(words) <= limit or (len(words) <= limit + 3 and _ATTRIBUTION.search(whole)):
        return whole  # a headline's ", activists say" is part of its meaning: never cut off
    best = 0
    for count in range(MIN_TITLE_WORDS, limit + 1):
        after_punctuation = words[count - 1][-1:] in ",;:"
        if (
            after_punctuation
            or words[count] in ("—", "–", "-")
            or (words[count].lower() in _CLAUSE_WORDS)
        ):
            best = count
    if best:
        return " ".join(words[:best]).rstrip(",;:—–- ")
    return " ".join(words[:limit]).rstrip(",;:") + "…"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


__all__ = ["day_label", "plural", "sentence", "short_title"]
