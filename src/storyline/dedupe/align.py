"""Sentence-by-sentence alignment of two articles.

A spun rewrite keeps the original's sentences in order and swaps words inside them; a
different outlet's report of the same event shares names and numbers but writes its own
sentences. Aligning sentences one-to-one on canonical content words, then looking at *how*
aligned sentences differ, separates the two without any embeddings model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel, Levenshtein

from storyline.dedupe.features import ODD_VARIANT_TAGS, SentenceSequence

MIN_SENTENCE_WORDS = 4  # shorter sentences ("He said.") align with anything
MAX_SWAP_SPAN = 3  # a replaced run longer than this is rewriting, not a thesaurus swap


@dataclass(slots=True)
class Alignment:
    eligible_a: int  # sentences of A long enough to align
    eligible_b: int
    aligned: int = 0  # one-to-one sentence pairs above the similarity threshold
    verbatim: int = 0  # aligned pairs with the same words in the same form
    swapped: int = 0  # aligned pairs that differ by in-place word swaps
    swaps: int = 0  # swapped words or short runs, over all aligned pairs
    aligned_words: int = 0  # content words of A in aligned sentences
    odd_a: int = 0  # spinner-typical variants on A's side of a swap
    odd_b: int = 0
    similarity_sum: float = 0.0
    aligned_in_a: list[int] = field(default_factory=list)  # indices into A's eligible sentences

    @property
    def coverage_a(self) -> float:
        return self.aligned / self.eligible_a if self.eligible_a else 0.0

    @property
    def coverage_b(self) -> float:
        return self.aligned / self.eligible_b if self.eligible_b else 0.0

    @property
    def coverage_shorter(self) -> float:
        shorter = min(self.eligible_a, self.eligible_b)
        return self.aligned / shorter if shorter else 0.0


def eligible(sentences: list[SentenceSequence]) -> list[SentenceSequence]:
    return [sentence for sentence in sentences if len(sentence.words) >= MIN_SENTENCE_WORDS]


def align(
    first: list[SentenceSequence], second: list[SentenceSequence], min_similarity: float
) -> Alignment:
    a, b = eligible(first), eligible(second)
    result = Alignment(eligible_a=len(a), eligible_b=len(b))
    if not a or not b:
        return result
    scores = process.cdist(
        [s.words for s in a],
        [s.words for s in b],
        scorer=Indel.normalized_similarity,
        score_cutoff=min_similarity,
        dtype=np.float32,
        workers=1,
    )
    rows, columns = np.nonzero(scores)
    if rows.size == 0:
        return result
    order = np.argsort(-scores[rows, columns], kind="stable")
    used_a: set[int] = set()
    used_b: set[int] = set()
    for index in order:
        i, j = int(rows[index]), int(columns[index])
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        result.aligned += 1
        result.similarity_sum += float(scores[i, j])
        result.aligned_in_a.append(i)
        result.aligned_words += len(a[i].words)
        _describe_difference(a[i], b[j], result)
    return result


def _describe_difference(a: SentenceSequence, b: SentenceSequence, result: Alignment) -> None:
    """Count word swaps between two aligned sentences and who used the odd word."""
    if np.array_equal(a.words, b.words) and np.array_equal(a.tags, b.tags):
        result.verbatim += 1
        return
    swaps = 0
    for op in Levenshtein.opcodes(a.words, b.words):
        if op.tag == "equal":
            tags_a = a.tags[op.src_start : op.src_end]
            tags_b = b.tags[op.dest_start : op.dest_end]
            differing = tags_a != tags_b
            if differing.any():
                swaps += int(np.count_nonzero(differing))
                result.odd_a += sum(1 for t in tags_a[differing] if int(t) in ODD_VARIANT_TAGS)
                result.odd_b += sum(1 for t in tags_b[differing] if int(t) in ODD_VARIANT_TAGS)
        elif op.tag == "replace" and (
            op.src_end - op.src_start <= MAX_SWAP_SPAN
            and op.dest_end - op.dest_start <= MAX_SWAP_SPAN
        ):
            swaps += 1
    if swaps:
        result.swapped += 1
        result.swaps += swaps
