"""Sentence embeddings (all-MiniLM-L6-v2, int8 ONNX) for story clustering and summaries."""

from storyline.embed.minilm import EMBEDDING_DIM, embed_texts, encoder_available

__all__ = ["EMBEDDING_DIM", "embed_texts", "encoder_available"]
