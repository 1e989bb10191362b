"""Shingle overlap between an extracted body and a reference body.

The article-extraction benchmark scores word 4-gram multisets rather than exact text, so small
whitespace or punctuation differences do not count, while leaked chrome and lost paragraphs do.
Each document's counts are normalised to sum to one so long articles do not dominate.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean, stdev

_WORD = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    return _WORD.findall(text or "")


def shingles(text: str | None, size: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-grams; a text shorter than ``size`` words is one shingle of all its words."""
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


@dataclass(frozen=True, slots=True)
class DocScore:
    """Shares of true positives, false positives and false negatives for one document."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def has_prediction(self) -> bool:
        return self.tp + self.fp > 0

    @property
    def has_truth(self) -> bool:
        return self.tp + self.fn > 0

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def score_document(truth: str | None, predicted: str | None, size: int = 4) -> DocScore:
    expected = shingles(truth, size)
    got = shingles(predicted, size)
    tp = sum((expected & got).values())
    fp = sum((got - expected).values())
    fn = sum((expected - got).values())
    total = tp + fp + fn
    exact = tokens(truth) == tokens(predicted)
    if total == 0:
        return DocScore(0.0, 0.0, 0.0, exact)
    return DocScore(tp / total, fp / total, fn / total, exact)


@dataclass(frozen=True, slots=True)
class Aggregate:
    f1: float
    precision: float
    recall: float
    accuracy: float
    docs: int


def aggregate(scores: Sequence[DocScore]) -> Aggregate:
    """Macro averages: precision over documents with a prediction, recall over all with truth."""
    precisions = [s.precision for s in scores if s.has_prediction]
    recalls = [s.recall for s in scores if s.has_truth]
    precision = mean(precisions) if precisions else 0.0
    recall = mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return Aggregate(f1, precision, recall, accuracy, len(scores))


def bootstrap_f1_std(scores: Sequence[DocScore], rounds: int = 1000, seed: int = 0) -> float:
    """Spread of F1 under resampling documents, to tell a real gain from noise."""
    if len(scores) < 2:
        return 0.0
    rng = random.Random(seed)
    values = []
    for _ in range(rounds):
        sample = [scores[rng.randrange(len(scores))] for _ in scores]
        values.append(aggregate(sample).f1)
    return stdev(values)
