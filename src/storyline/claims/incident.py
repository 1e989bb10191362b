"""Whether two claims can be about the same incident, judged from the claims' own facts.

Two claims that name places are about one incident only when the places are the same or
close (Talbiseh lies 15 km from Homs, so "near Homs" and "on Talbiseh" may be one strike;
Aleppo and Deir ez-Zor are not). A claim that names no place is not held apart by it.
"""

from __future__ import annotations

import re
from functools import lru_cache

NEAR_KM = 50.0
_GENERIC = re.compile(
    r"\b(province|city|town|village|district|region|governorate|state|county|area|"
    r"countryside|outskirts|the)\b",
    re.I,
)


def place_key(place: str) -> str:
    """'Homs province' and 'the city of Homs' both come down to 'homs'."""
    text = re.sub(r"\bof\b", " ", _GENERIC.sub(" ", place.lower()))
    return " ".join(re.sub(r"[^\w\s-]", " ", text).split())


def same_place(first: str | None, second: str | None) -> bool:
    """True when either names no place, or both name one place or two close ones."""
    if not first or not second:
        return True
    a, b = place_key(first), place_key(second)
    if not a or not b or a == b or a in b.split() or b in a.split():
        return True
    points_a, points_b = _points(a), _points(b)
    if not points_a or not points_b:
        return False
    return any(_distance(p, q) <= NEAR_KM for p in points_a for q in points_b)


_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def same_day(first: str | None, second: str | None) -> bool:
    """False only when both claims name a weekday and the days differ ("Tuesday's bombing"
    and "Thursday's bombing" are two incidents)."""
    a = {day.lower() for day in _WEEKDAY.findall(first or "")}
    b = {day.lower() for day in _WEEKDAY.findall(second or "")}
    return not a or not b or bool(a & b)


def is_known_place(name: str) -> bool:
    """A name the gazetteer knows (for places the tagger did not label)."""
    return bool(_points(place_key(name))) if place_key(name) else False


def places_named(first: str | None, second: str | None) -> bool:
    """Both claims name a place (needed before two perpetrators or targets are set apart)."""
    return bool(first) and bool(second)


@lru_cache(maxsize=4096)
def _points(key: str) -> tuple[tuple[float, float], ...]:
    """The most populous gazetteer places of that name (a few, for shared names)."""
    try:
        from storyline.places.fold import plain_key
        from storyline.places.gazetteer import load_gazetteer
    except ImportError:  # the gazetteer is optional for this stage
        return ()
    gazetteer = load_gazetteer()
    entries = [entry for entry, _ in gazetteer.lookup("plain", plain_key(key))]
    entries.sort(key=lambda entry: -entry.population)
    return tuple((entry.lat, entry.lon) for entry in entries[:3])


def _distance(first: tuple[float, float], second: tuple[float, float]) -> float:
    from storyline.places.gazetteer import distance_km

    return distance_km(first[0], first[1], second[0], second[1])
