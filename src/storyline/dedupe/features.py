"""Text features shared by the deduplicator and ``same_story_score``.

Everything here is a pure function of the cleaned text, computed once per article, and small
enough to persist: hashes, MinHash signatures and per-sentence sequences of canonical content
words. Hashes are content-derived (blake2b), never Python's ``hash``, so a signature stored by
one run matches one computed by the next.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress
from operator import itemgetter

import numpy as np

from storyline.dedupe.lexicon import (
    COMMON_VARIANTS,
    PERSON_PRONOUNS,
    PERSON_TITLES,
    ROLE_NOUNS,
    STOPWORDS,
    SYNONYM_GROUPS,
)

_SHINGLE_MULTIPLIER = 0x9E3779B97F4A7C15

# A word, dots and commas inside it kept so "U.S", "1,200" and "3.5" stay one token; they are
# deleted afterwards: "us", "1200", "35".
_WORD = re.compile(r"[^\W_]+(?:[.,][^\W_]+)*")
# Captures the end punctuation so it stays with its sentence; no look-behind (slow in ``re``).
_SENTENCE_END = re.compile(r"([.!?][\"”’)]?)\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD_WITH_CASE = re.compile(r"[^\W_]+")

MAX_SENTENCES = 80  # longer articles are compared on their first 80 sentences


def _build_variant_table() -> tuple[dict[str, list[tuple[tuple[str, ...], str, int]]], list[str]]:
    """first token -> [(variant tokens, canonical, variant index)], longest variants first."""
    table: dict[str, list[tuple[tuple[str, ...], str, int]]] = {}
    variants: list[str] = [""]  # index 0: the token is in its plain form
    for group in SYNONYM_GROUPS:
        canonical = group[0]
        for form in group:
            if form == canonical:
                index = 0
            else:
                variants.append(form)
                index = len(variants) - 1
            tokens = tuple(form.split())
            table.setdefault(tokens[0], []).append((tokens, canonical, index))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return table, variants


_VARIANT_TABLE, VARIANTS = _build_variant_table()
ODD_VARIANT_TAGS: frozenset[int] = frozenset(
    index for index, form in enumerate(VARIANTS) if index and form not in COMMON_VARIANTS
)


class _TokenHashes(dict[str, int]):
    """token -> 63-bit blake2b hash, filled on first sight (the news vocabulary is bounded)."""

    def __missing__(self, token: str) -> int:
        # 63 bits: numpy converts ints below 2**63 to uint64 twice as fast
        value = (
            int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")
            & 0x7FFFFFFFFFFFFFFF
        )
        if len(self) < 2_000_000:
            self[token] = value
        return value


_HASH64 = _TokenHashes()

# A content word: its canonical form, the 32-bit hash of that form, and its variant tag.
ContentWord = tuple[str, int, int]


def _canonical_words(canonical: str, tag: int) -> tuple[ContentWord, ...]:
    return tuple(
        (_stem(part), _HASH64[_stem(part)] & 0xFFFFFFFF, tag)
        for part in canonical.split()
        if part not in STOPWORDS
    )


class _ContentWords(dict[str, tuple[ContentWord, ...]]):
    """token -> its content words: () for a stopword, the plain form's words for a variant."""

    def __missing__(self, token: str) -> tuple[ContentWord, ...]:
        single = _SINGLE_VARIANTS.get(token)
        if single is not None:
            value = _canonical_words(*single)
        elif token in STOPWORDS:
            value = ()
        else:
            value = _canonical_words(token, 0)
        if len(self) < 2_000_000:
            self[token] = value
        return value


_SINGLE_VARIANTS: dict[str, tuple[str, int]] = {
    variant[0]: (canonical, tag)
    for entries in _VARIANT_TABLE.values()
    for variant, canonical, tag in reversed(entries)
    if len(variant) == 1 and tag
}
# Multi-word variants only: a multi-word plain form gives the same words unmatched.
_MULTI_VARIANTS: dict[str, list[tuple[tuple[str, ...], str, int]]] = {
    first: multi
    for first, entries in _VARIANT_TABLE.items()
    if (multi := [entry for entry in entries if len(entry[0]) > 1 and entry[2]])
}
_CONTENT = _ContentWords()


def token_hash64(token: str) -> int:
    return _HASH64[token]


def token_hash32(token: str) -> int:
    return _HASH64[token] & 0xFFFFFFFF


def normalise_text(text: str) -> str:
    """Case-, punctuation- and whitespace-free form, for exact-copy detection."""
    return " ".join(tokenize(text))


def split_sentences(text: str) -> list[str]:
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[str]:
    for line in text.splitlines():
        parts = _SENTENCE_END.split(line.strip())
        # parts alternate text and captured end punctuation: glue each back to its sentence
        for index in range(0, len(parts), 2):
            sentence = parts[index] + (parts[index + 1] if index + 1 < len(parts) else "")
            if sentence:
                yield sentence


def tokens_and_sentences(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Normalised tokens of the text and the token range of each sentence."""
    tokens, bounds, _ = _tokenise(split_sentences(text))
    return tokens, bounds


def _tokenise(sentences: list[str]) -> tuple[list[str], list[tuple[int, int]], str]:
    """Tokens, sentence token ranges and the space-joined normal form.

    Dots and commas inside a token are deleted ("U.S" -> "us", "1,200" -> "1200"); doing it
    once on the joined string keeps tokenising a 600-word article to two C-level passes.
    """
    per_sentence = [_WORD.findall(sentence.lower()) for sentence in sentences]
    joined = " ".join(chain.from_iterable(per_sentence))
    if not joined:
        return [], [], ""
    if "." in joined or "," in joined:
        joined = joined.replace(".", "").replace(",", "")
    tokens = joined.split(" ")
    bounds: list[tuple[int, int]] = []
    position = 0
    for words in per_sentence:
        if words:
            bounds.append((position, position + len(words)))
            position += len(words)
    return tokens, bounds, joined


def sentence_tokens(text: str) -> list[list[str]]:
    tokens, bounds = tokens_and_sentences(text)
    return [tokens[start:end] for start, end in bounds]


def tokenize(text: str) -> list[str]:
    return tokens_and_sentences(text)[0]


def _stem(token: str) -> str:
    """Plural -s only: enough to line up "strike"/"strikes" without merging unrelated words."""
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def content_words(tokens: list[str]) -> list[ContentWord]:
    """Content words with synonym variants mapped to the plain form.

    The tag is 0 for a word written in its plain form, else the index of the variant in
    ``VARIANTS``: two aligned sentences whose words agree but whose tags differ were swapped.
    """
    if _MULTI_VARIANTS.keys().isdisjoint(tokens):
        return [word for group in map(_CONTENT.__getitem__, tokens) for word in group]
    words: list[ContentWord] = []
    position = 0
    count = len(tokens)
    while position < count:
        token = tokens[position]
        for variant, canonical, tag in _MULTI_VARIANTS.get(token, ()):
            width = len(variant)
            if tuple(tokens[position : position + width]) == variant:
                words.extend(_canonical_words(canonical, tag))
                position += width
                break
        else:
            words.extend(_CONTENT[token])
            position += 1
    return words


def canonical_content(tokens: list[str]) -> tuple[list[str], list[int]]:
    words = content_words(tokens)
    return [word for word, _, _ in words], [tag for _, _, tag in words]


def orphan_references(sentences: Iterable[str]) -> int:
    """Sentences that refer back to someone or something the text never introduced.

    "He added ...", "The spokesman said ..." or "the city" with nothing named before are the
    seams of a page stitched together from sentences of other articles. Once the text has
    named a person and a place, nothing later can be an orphan, so the scan stops there.
    """
    orphans = 0
    seen_words: set[str] = set()
    seen_person = False
    seen_name = False
    for sentence in sentences:
        if seen_person and seen_name:
            break
        words = _WORD_WITH_CASE.findall(sentence)
        if not words:
            continue
        first = words[0].lower()
        if first in PERSON_PRONOUNS and not seen_person:
            orphans += 1
        elif first == "the" and len(words) > 1:
            noun = words[1].lower()
            if noun in ROLE_NOUNS and noun not in seen_words and not seen_name:
                orphans += 1
        lowered = [word.lower() for word in words]
        seen_words.update(lowered)
        if not PERSON_TITLES.isdisjoint(lowered):
            seen_person = True
        capitalised = [i for i, word in enumerate(words) if i and word[:1].isupper()]
        if capitalised:
            seen_name = True
            if any(i + 1 in capitalised for i in capitalised):
                seen_person = True  # two capitalised words in a row: likely a full name
    return orphans


_WORD_BASE = 0x100000001B3  # odd, so invertible modulo 2**64
_WORD_BASE_INVERSE = pow(_WORD_BASE, -1, 1 << 64)
_powers = np.ones(1, dtype=np.uint64)
_inverse_powers = np.ones(1, dtype=np.uint64)


def _power_tables(length: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**i and BASE**-i modulo 2**64 for i < length, grown on demand and kept."""
    global _powers, _inverse_powers
    if len(_powers) < length:
        size = max(length, 2 * len(_powers), 1 << 16)
        one = np.ones(1, dtype=np.uint64)
        _powers = np.concatenate((one, np.full(size - 1, _WORD_BASE, np.uint64))).cumprod(
            dtype=np.uint64
        )
        _inverse_powers = np.concatenate(
            (one, np.full(size - 1, _WORD_BASE_INVERSE, np.uint64))
        ).cumprod(dtype=np.uint64)
    return _powers, _inverse_powers


def word_hashes(joined: bytes) -> np.ndarray:
    """A 64-bit hash of every space-separated word, computed for all words at once.

    Polynomial hashes from one prefix sum over the bytes (numpy arithmetic wraps modulo
    2**64), then a MurmurHash3 finaliser to spread the bits. Stable across runs and machines.
    """
    codes = np.frombuffer(joined, dtype=np.uint8)
    powers, inverse_powers = _power_tables(codes.size + 1)
    prefix = np.zeros(codes.size + 1, dtype=np.uint64)
    np.cumsum(codes * powers[: codes.size], dtype=np.uint64, out=prefix[1:])
    spaces = np.flatnonzero(codes == 32)
    starts = np.concatenate((np.zeros(1, np.int64), spaces + 1))
    ends = np.concatenate((spaces, np.full(1, codes.size, np.int64)))
    hashes = (prefix[ends] - prefix[starts]) * inverse_powers[starts]
    hashes ^= hashes >> np.uint64(33)
    hashes *= np.uint64(0xFF51AFD7ED558CCD)
    hashes ^= hashes >> np.uint64(33)
    hashes *= np.uint64(0xC4CEB9FE1A85EC53)
    hashes ^= hashes >> np.uint64(33)
    return hashes


def shingle_hashes(hashes: np.ndarray, size: int) -> np.ndarray:
    """Distinct 32-bit hashes of every ``size``-word window (the whole text if shorter)."""
    if hashes.size == 0:
        return np.empty(0, dtype=np.uint32)
    width = min(size, len(hashes))
    windows = len(hashes) - width + 1
    combined = hashes[:windows].copy()
    factor = 1
    for offset in range(1, width):
        factor = (factor * _SHINGLE_MULTIPLIER) & 0xFFFFFFFFFFFFFFFF  # wraps like uint64
        combined += hashes[offset : offset + windows] * np.uint64(factor)
    return np.unique((combined >> np.uint64(32)).astype(np.uint32))


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Odd multipliers and offsets of datasketch's "affine32" scheme (a * h + b mod 2**32)."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 32, size=num_perm, dtype=np.uint64).astype(np.uint32) | 1
    b = generator.randint(0, 1 << 32, size=num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


def minhash(hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """MinHash signature (uint32) of a set of 32-bit hashes that are already well mixed."""
    if hashes.size == 0:
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    a, b = permutations(num_perm, seed)
    # one row per permutation, so the min runs along contiguous memory; one buffer, in place
    permuted = np.multiply.outer(a, hashes.astype(np.uint32, copy=False))
    permuted += b[:, None]
    return permuted.min(axis=1)


def estimated_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    return float(np.count_nonzero(first == second)) / len(first)


def containment_from_jaccard(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller set inside the larger one, from a Jaccard estimate and set sizes."""
    if not size_a or not size_b:
        return 0.0
    intersection = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, intersection / min(size_a, size_b))


@dataclass(slots=True)
class SentenceSequence:
    """One sentence as canonical content-word hashes plus the variant tag of each word."""

    words: np.ndarray  # uint32
    tags: np.ndarray  # uint16


@dataclass(slots=True)
class TextFeatures:
    exact_hash: int
    shingles: np.ndarray  # distinct uint32 shingle hashes
    content: np.ndarray  # distinct uint32 content-word hashes
    sentence_lengths: np.ndarray  # uint16: content words of each kept sentence
    words: np.ndarray  # uint32: content-word hashes of the kept sentences, concatenated
    tags: np.ndarray  # uint16: variant tag of each of those words
    odd_variants: int  # distinct spinner-typical word choices ("Russian Federation", "slain")
    orphans: int  # references with no antecedent
    token_count: int

    @property
    def sentences(self) -> list[SentenceSequence]:
        return split_sequences(self.sentence_lengths, self.words, self.tags)


def split_sequences(
    lengths: np.ndarray, words: np.ndarray, tags: np.ndarray
) -> list[SentenceSequence]:
    bounds = np.concatenate(([0], np.cumsum(lengths, dtype=np.int64))).tolist()
    return [
        SentenceSequence(words[start:end], tags[start:end])
        for start, end in itertools.pairwise(bounds)
    ]


def extract(text: str, shingle_size: int = 5) -> TextFeatures:
    sentences = split_sentences(text)
    tokens, bounds, joined_text = _tokenise(sentences)
    groups = list(map(_CONTENT.__getitem__, tokens))
    _apply_multi_word_variants(tokens, groups)
    kept: list[ContentWord] = list(chain.from_iterable(groups))
    per_token = np.fromiter(map(len, groups), dtype=np.int64, count=len(groups))
    starts = np.array([start for start, _ in bounds], dtype=np.int64)
    lengths = np.add.reduceat(per_token, starts) if len(starts) else per_token[:0]
    lengths = lengths[lengths > 0]
    if len(lengths) > MAX_SENTENCES:
        lengths = lengths[:MAX_SENTENCES]
        kept = kept[: int(lengths.sum())]
    tag_array = np.fromiter(map(_TAG, kept), dtype=np.uint16, count=len(kept))
    word_array = np.fromiter(map(_HASH, kept), dtype=np.uint32, count=len(kept))
    odd = {int(tag) for tag in np.unique(tag_array[tag_array > 0])} & ODD_VARIANT_TAGS
    joined = joined_text.encode("utf-8")
    exact = hashlib.blake2b(joined, digest_size=8).digest()
    return TextFeatures(
        exact_hash=int.from_bytes(exact, "little"),
        shingles=shingle_hashes(word_hashes(joined) if tokens else _EMPTY, shingle_size),
        content=np.unique(word_array),
        sentence_lengths=np.asarray(lengths, dtype=np.uint16),
        words=word_array,
        tags=tag_array,
        odd_variants=len(odd),
        orphans=orphan_references(sentences),
        token_count=len(tokens),
    )


def _apply_multi_word_variants(tokens: list[str], groups: list[tuple[ContentWord, ...]]) -> None:
    """Put a multi-word variant's canonical words on its first token, nothing on the rest."""
    candidates = list(compress(range(len(tokens)), map(_MULTI_VARIANTS.__contains__, tokens)))
    covered_until = 0
    for position in candidates:
        if position < covered_until:
            continue
        for variant, canonical, tag in _MULTI_VARIANTS[tokens[position]]:
            width = len(variant)
            if tuple(tokens[position : position + width]) == variant:
                groups[position] = _canonical_words(canonical, tag)
                for inside in range(position + 1, position + width):
                    groups[inside] = ()
                covered_until = position + width
                break


_EMPTY = np.empty(0, dtype=np.uint64)
_HASH = itemgetter(1)
_TAG = itemgetter(2)
