"""How likely two texts tell the same story, from the deduplicator's own features.

Copies and rewrites score near 1 through shingles and sentence alignment; separate reports of
one event score through shared content words and, above all, shared names and numbers, which
two stories about different events rarely have in common.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from storyline.dedupe.align import align
from storyline.dedupe.features import (
    STOPWORDS,
    canonical_content,
    extract,
    split_sentences,
    tokenize,
)

_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w’'-]*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def names_and_numbers(text: str) -> set[str]:
    """Capitalised words not opening a sentence, and numbers: the identity of a story."""
    found: set[str] = set()
    for sentence in split_sentences(text):
        for match in _CAPITALISED.finditer(sentence):
            if match.start() == 0:
                continue
            word = match.group().lower().rstrip("’'")
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            if word not in STOPWORDS and len(word) > 1:
                found.add(word)
        for match in _NUMBER.finditer(sentence):
            number = match.group().replace(",", "")
            if not (len(number) == 4 and number[:2] in {"19", "20"}):  # years say little
                found.add(number)
    return found


def _content_counts(text: str) -> Counter[str]:
    words, _ = canonical_content(tokenize(text))
    return Counter(word for word in words if len(word) > 2 and not word.isdigit())


def _cosine(first: Counter[str], second: Counter[str]) -> float:
    if not first or not second:
        return 0.0
    dot = sum(count * second[word] for word, count in first.items() if word in second)
    norm = math.sqrt(sum(c * c for c in first.values()) * sum(c * c for c in second.values()))
    return dot / norm


def _overlap(first: set[str], second: set[str]) -> float:
    """Shared share of the smaller set, damped when the smaller set is tiny."""
    if not first or not second:
        return 0.0
    shared = len(first & second)
    smaller = min(len(first), len(second))
    return shared / (smaller + 2.0)


def same_story_score(text_a: str, text_b: str) -> float:
    """Score in [0, 1]: 1 for copies and rewrites, high for reports of one event, low otherwise."""
    features_a, features_b = extract(text_a), extract(text_b)
    if not features_a.token_count or not features_b.token_count:
        return 0.0
    copy = 0.0
    if features_a.shingles.size and features_b.shingles.size:
        shared = len(set(features_a.shingles.tolist()) & set(features_b.shingles.tolist()))
        copy = shared / min(features_a.shingles.size, features_b.shingles.size)
    alignment = align(features_a.sentences, features_b.sentences, 0.6)
    rewrite = alignment.coverage_shorter if alignment.aligned >= 2 else 0.0
    topic = _cosine(_content_counts(text_a), _content_counts(text_b))
    identity = _overlap(names_and_numbers(text_a), names_and_numbers(text_b))
    story = 1.0 - (1.0 - topic) * (1.0 - identity)
    return max(copy, rewrite, min(1.0, story))
