"""Stage: claims. Who said what (attributed claims), and where sources contradict each other."""

from storyline.claims.contradictions import find_contradictions
from storyline.claims.extract import (
    Attribution,
    CanonicalSpeaker,
    extract_attributions,
    extract_claims,
)

__all__ = [
    "Attribution",
    "CanonicalSpeaker",
    "extract_attributions",
    "extract_claims",
    "find_contradictions",
]
