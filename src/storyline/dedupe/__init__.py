"""Stage: dedupe. Exact copies, wire reprints and spun rewrites, decided incrementally."""

from storyline.dedupe.deduplicator import (
    SPUN,
    DedupeConfig,
    DedupeDecision,
    DedupeUpdate,
    Deduplicator,
)
from storyline.dedupe.similarity import same_story_score

__all__ = [
    "SPUN",
    "DedupeConfig",
    "DedupeDecision",
    "DedupeUpdate",
    "Deduplicator",
    "same_story_score",
]
