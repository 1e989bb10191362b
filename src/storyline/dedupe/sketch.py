"""What the deduplicator remembers about one article, and its compact byte form.

The caller stores these bytes next to the article so a later run can prime a new
``Deduplicator`` without the text and without recomputing anything: decoding is a header
``struct.unpack`` plus zero-copy ``numpy.frombuffer`` views.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from storyline.dedupe.features import (
    SentenceSequence,
    TextFeatures,
    minhash,
    split_sequences,
)

MAGIC = b"SLD"
FORMAT_VERSION = 1
# magic, version, shingle perms, content perms, exact hash, shingle count, content count,
# odd variants, orphans, sentences, words, published length
_HEADER = struct.Struct("<3sBHHQIIHHHIB")


@dataclass(slots=True)
class Sketch:
    exact_hash: int
    shingle_signature: np.ndarray  # uint32[num_perm]
    shingle_count: int
    content_signature: np.ndarray  # uint32[content_num_perm]
    content_count: int
    odd_variants: int
    orphans: int
    sentence_lengths: np.ndarray  # uint16, words per sentence
    words: np.ndarray  # uint32, canonical content-word hashes of all sentences
    tags: np.ndarray  # uint16, variant tag per word
    published: str | None = None

    def sentences(self) -> list[SentenceSequence]:
        return split_sequences(self.sentence_lengths, self.words, self.tags)

    def to_bytes(self) -> bytes:
        published = (self.published or "").encode("utf-8")[:255]
        header = _HEADER.pack(
            MAGIC,
            FORMAT_VERSION,
            len(self.shingle_signature),
            len(self.content_signature),
            self.exact_hash,
            self.shingle_count,
            self.content_count,
            min(self.odd_variants, 0xFFFF),
            min(self.orphans, 0xFFFF),
            len(self.sentence_lengths),
            len(self.words),
            len(published),
        )
        return b"".join(
            [
                header,
                published,
                self.shingle_signature.astype("<u4").tobytes(),
                self.content_signature.astype("<u4").tobytes(),
                self.sentence_lengths.astype("<u2").tobytes(),
                self.words.astype("<u4").tobytes(),
                self.tags.astype("<u2").tobytes(),
            ]
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Sketch:
        (
            magic,
            version,
            shingle_perms,
            content_perms,
            exact_hash,
            shingle_count,
            content_count,
            odd_variants,
            orphans,
            sentence_count,
            word_count,
            published_length,
        ) = _HEADER.unpack_from(data)
        if magic != MAGIC or version != FORMAT_VERSION:
            raise ValueError(f"not a dedupe state of format {FORMAT_VERSION}: {data[:4]!r}")
        offset = _HEADER.size
        published = data[offset : offset + published_length].decode("utf-8") or None
        offset += published_length

        def take(dtype: str, count: int) -> np.ndarray:
            nonlocal offset
            array = np.frombuffer(data, dtype=dtype, count=count, offset=offset)
            offset += array.nbytes
            return array

        return cls(
            exact_hash=exact_hash,
            shingle_signature=take("<u4", shingle_perms),
            shingle_count=shingle_count,
            content_signature=take("<u4", content_perms),
            content_count=content_count,
            odd_variants=odd_variants,
            orphans=orphans,
            sentence_lengths=take("<u2", sentence_count),
            words=take("<u4", word_count),
            tags=take("<u2", word_count),
            published=published,
        )

    @classmethod
    def from_features(
        cls,
        features: TextFeatures,
        *,
        num_perm: int,
        content_num_perm: int,
        seed: int,
        published: str | None = None,
    ) -> Sketch:
        return cls(
            exact_hash=features.exact_hash,
            shingle_signature=minhash(features.shingles, num_perm, seed),
            shingle_count=len(features.shingles),
            content_signature=minhash(features.content, content_num_perm, seed + 1),
            content_count=len(features.content),
            odd_variants=features.odd_variants,
            orphans=features.orphans,
            sentence_lengths=features.sentence_lengths,
            words=features.words,
            tags=features.tags,
            published=published,
        )
