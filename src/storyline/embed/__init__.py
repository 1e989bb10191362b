"""Sentence embeddings (all-MiniLM-L6-v2, int8 ONNX) for story clustering and summaries."""

from storyline.embed.minilm import (
    EMBEDDING_DIM,
    EncoderError,
    embed_texts,
    encoder_available,
    encoder_problem,
)

__all__ = ["EMBEDDING_DIM", "EncoderError", "embed_texts", "encoder_available", "encoder_problem"]
