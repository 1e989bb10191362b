"""Weights for the resolver's candidate features: the hand-set ones, or learned ones."""

from __future__ import annotations

from functools import lru_cache

from storyline.places.resolver import HAND_WEIGHTS


@lru_cache(maxsize=1)
def default_weights() -> dict[str, float]:
    """The weights ``resolve_mentions`` uses unless given others."""
    return dict(HAND_WEIGHTS)
