"""What the story clusterer knows about one article: hashed terms, names, embedding, date.

Terms are hashed (no vocabulary to refit when tomorrow's files arrive); names are canonical
entity and place names when the nlp/places stages supplied them, else capitalised phrases from
the text, so the clusterer still has a name signal when run on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer

from storyline.model import Article

HASH_FEATURES = 1 << 20
LEAD_CHARS = 600

_NAME_RE = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s+(?:of\s+|al-|de\s+)?[A-Z][\w'’-]+)*")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_YEAR_RE = re.compile(r"(?<![\d.,])(?:19[5-9]\d|20[0-4]\d)(?![\d.,]*\d)")
_NUMBER_RE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w,]*\d)")
YEAR_SLOT = "y"
NUMBER_SLOT = "n"
MONTH_SLOT = "m"
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# A month name, or its short form before a day ("Nov. 28"); "May" only before a day.
_MONTH_RE = re.compile(
    r"\b(?:(January|February|March|April|June|July|August|September|October|November|December)"
    r"|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?=\s+\d{1,2}\b))"
)


@dataclass(slots=True)
class StoryFeatures:
    """One article's features. ``term_ids``/``term_counts`` is a sparse bag of hashed words."""

    term_ids: np.ndarray
    term_counts: np.ndarray
    names: frozenset[str] = frozenset()
    embedding: np.ndarray | None = None
    day: date | None = None
    group: str | None = None  # syndication group (or original id): copies share a story
    extra_names: frozenset[str] = field(default_factory=frozenset)
    # Slot-prefixed details ("y:2009", "n:6.1") that tell two same-kind happenings apart.
    specifics: frozenset[str] = field(default_factory=frozenset)


@lru_cache(maxsize=1)
def _hasher() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=HASH_FEATURES,
        alternate_sign=False,
        norm=None,
        lowercase=True,
        stop_words=sorted(ENGLISH_STOP_WORDS | {"said", "says", "told", "according"}),
        token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b",
    )


def hashed_terms(text: str) -> tuple[np.ndarray, np.ndarray]:
    row = _hasher().transform([text])
    return row.indices.astype(np.int32), row.data.astype(np.float32)


def text_names(text: str) -> frozenset[str]:
    """Capitalised phrases not standing first in a sentence: a cheap stand-in for entities."""
    names: set[str] = set()
    for match in _NAME_RE.finditer(text):
        phrase = match.group(0)
        words = phrase.split()
        before = text[max(0, match.start() - 3) : match.start()]
        if len(words) == 1 and _SENTENCE_START_RE.search(before):
            continue
        if len(words) == 1 and phrase.lower() in ENGLISH_STOP_WORDS:
            continue
        names.add(phrase.lower())
    return frozenset(names)


def text_specifics(text: str, day: date | None = None) -> frozenset[str]:
    """Years, months and other figures the text names: two quakes differ in year, toll, month.

    The publication year and month are left out: every report of then names them, so they tell
    nothing.
    """
    years = set(_YEAR_RE.findall(text))
    found = {f"{YEAR_SLOT}:{year}" for year in years if day is None or int(year) != day.year}
    for match in _MONTH_RE.finditer(text):
        month = 1 + [m[:3] for m in _MONTHS].index((match[1] or match[2])[:3].lower())
        if day is None or month != day.month:
            found.add(f"{MONTH_SLOT}:{month}")
    for match in _NUMBER_RE.finditer(text):
        figure = match.group(0).replace(",", "")
        if figure not in years:
            found.add(f"{NUMBER_SLOT}:{figure}")
    return frozenset(found)


def parse_day(value: str | dict[str, str] | None) -> date | None:
    """The day an article's ``published`` names (the start of an interval)."""
    if isinstance(value, dict):
        value = value.get("start")
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


def title_and_lead(article: Article) -> str:
    lead = article.text[:LEAD_CHARS]
    return f"{article.title}. {lead}" if article.title else lead


def copy_group(article: Article) -> str | None:
    return article.syndication_group or article.duplicate_of


def article_features(
    article: Article,
    *,
    names: Iterable[str] | None = None,
    embedding: np.ndarray | None = None,
) -> StoryFeatures:
    """Features of one article; ``names`` are its canonical entity and place names if known."""
    title = article.title or ""
    # The headline says what the story is about: count its words twice.
    ids, counts = hashed_terms(f"{title}\n{title}\n{article.text}")
    if names is None:
        name_set = text_names(f"{title}\n{article.text}")
    else:
        name_set = frozenset(name.strip().lower() for name in names if name.strip())
    day = parse_day(article.published)
    return StoryFeatures(
        term_ids=ids,
        term_counts=counts,
        names=name_set,
        embedding=embedding,
        day=day,
        group=copy_group(article),
        specifics=text_specifics(f"{title}\n{article.text}", day),
    )


def build_features(
    articles: Sequence[Article],
    *,
    names: Sequence[Iterable[str] | None] | None = None,
    embed: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> list[StoryFeatures]:
    """Features for a batch; ``embed`` (e.g. ``storyline.embed.embed_texts``) runs batched."""
    vectors = embed([title_and_lead(a) for a in articles]) if embed and articles else None
    return [
        article_features(
            article,
            names=names[i] if names is not None else None,
            embedding=vectors[i] if vectors is not None else None,
        )
        for i, article in enumerate(articles)
    ]


def arrival_order(articles: Sequence[Article]) -> list[Article]:
    """Dated articles by publication date; undated ones keep their ingest position.

    An undated article is placed after the dated article that precedes it in ingest order,
    so it meets the stories that existed when it was crawled.
    """
    followers: dict[int, list[Article]] = {}
    leading: list[Article] = []
    anchor: Article | None = None
    for article in articles:
        if parse_day(article.published) is not None:
            anchor = article
        elif anchor is None:
            leading.append(article)
        else:
            followers.setdefault(id(anchor), []).append(article)
    dated = sorted(
        (a for a in articles if parse_day(a.published) is not None),
        key=lambda a: (parse_day(a.published), a.published or ""),
    )
    result = list(leading)
    for article in dated:
        result.append(article)
        result.extend(followers.get(id(article), []))
    return result
