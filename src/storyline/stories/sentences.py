"""Sentences of article bodies, and the grouping of near-identical ones across articles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.model import Article

_SPLIT_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
_WORD_RE = re.compile(r"[a-z0-9]+")
MIN_WORDS = 6
MAX_CHARS = 400


@dataclass(slots=True)
class SourceSentence:
    text: str
    article_id: str
    position: int  # index of the sentence in its article (the lead comes first)
    start: int = 0


@dataclass(slots=True)
class SentenceGroup:
    """Near-identical sentences from several articles: one text, every article cited."""

    members: list[SourceSentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.members[0].text

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(member.article_id for member in self.members))


def split_sentences(article: Article) -> list[SourceSentence]:
    """Body sentences long enough to stand alone; only ``Article.text`` (never chrome)."""
    result: list[SourceSentence] = []
    cursor = 0
    for piece in _SPLIT_RE.split(article.text):
        start = article.text.find(piece, cursor) if piece else cursor
        cursor = max(cursor, start + len(piece))
        text = " ".join(piece.split())
        if len(_WORD_RE.findall(text.lower())) < MIN_WORDS or len(text) > MAX_CHARS:
            continue
        if not re.search(r"[.!?][\"'”’)]?$", text):
            continue  # headings, captions and cut-off lines are not summary material
        result.append(SourceSentence(text, article.id, len(result), max(start, 0)))
    return result


def word_set(text: str) -> frozenset[str]:
    return frozenset(_WORD_RE.findall(text.lower()))


def _numbers(words: frozenset[str]) -> frozenset[str]:
    return frozenset(word for word in words if word.isdigit())


def _same_sentence(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    # Different numbers are different facts ("12 killed" vs "40 killed"): never one sentence.
    if not a or not b or _numbers(a) != _numbers(b):
        return False
    return len(a & b) / len(a | b) >= threshold


def near_identical(left: str, right: str, threshold: float = 0.7) -> bool:
    """Same sentence give or take a few words (wire copies, light edits), same numbers."""
    return _same_sentence(word_set(left), word_set(right), threshold)


def group_sentences(sentences: Sequence[SourceSentence]) -> list[SentenceGroup]:
    """Collapse near-identical sentences; the earliest-positioned wording represents a group."""
    groups: list[SentenceGroup] = []
    words: list[frozenset[str]] = []
    index: dict[str, list[int]] = {}
    for sentence in sorted(sentences, key=lambda s: s.position):
        mine = word_set(sentence.text)
        candidates = {g for word in mine for g in index.get(word, ())}
        match = next(
            (g for g in sorted(candidates) if _same_sentence(mine, words[g], 0.7)),
            None,
        )
        if match is None:
            groups.append(SentenceGroup([sentence]))
            words.append(mine)
            for word in mine:
                index.setdefault(word, []).append(len(groups) - 1)
        else:
            groups[match].members.append(sentence)
    return groups
