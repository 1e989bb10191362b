"""MiniLM embeddings: unit length, and paraphrases closer than unrelated sentences."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.embed import EMBEDDING_DIM, embed_texts, encoder_available

pytestmark = pytest.mark.skipif(not encoder_available(), reason="MiniLM packages not installed")


def test_paraphrases_score_higher_than_unrelated_sentences() -> None:
    vectors = embed_texts(
        [
            "Warplanes bombed a market in the north of the province, killing nine people.",
            "Nine people died when jets struck a marketplace in the province's north.",
            "The orchestra will tour four cities in Scandinavia next spring.",
        ]
    )
    assert vectors.shape == (3, EMBEDDING_DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_empty_text_gives_zero_row_and_batches_keep_order() -> None:
    texts = ["", "Rebels shelled the airport.", "A ceasefire began at midnight."] * 20
    vectors = embed_texts(texts, batch_size=7)
    assert not vectors[0].any()
    assert np.allclose(vectors[1], vectors[4], atol=1e-5)
    assert vectors[1] @ vectors[2] < 0.99
