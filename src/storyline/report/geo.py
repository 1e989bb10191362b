"""Which event locations the maps draw as points, and which they list as areas.

A country's or a province's coordinates are a centroid: drawn as a dot they put an event in
the middle of Siberia or of North Kordofan. Only places at town precision become points; the
rest are named beside the map. An event location says what it is through ``geo_precision``
(ACLED: 1 the town, 2 near it or a district, 3 only a province or country) or ``feature``
(the gazetteer's class). Events stored before those fields existed are matched to the
geoparser's place rows by name and coordinates.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.store.knowledge import date_bounds

# Gazetteer classes whose coordinates stand for a whole area, never for a place on the ground.
AREA_FEATURES = frozenset(
    {"country", "admin1", "admin2", "region", "continent", "ocean", "sea", "strait", "union"}
)


def _key(lat: Any, lon: Any) -> tuple[float, float] | None:
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return round(float(lat), 4), round(float(lon), 4)
    return None


@dataclass(slots=True)
class PlaceKinds:
    """The gazetteer feature of each resolved place, by name and point, then by point."""

    by_name_point: dict[tuple[str, tuple[float, float]], str] = field(default_factory=dict)
    by_point: dict[tuple[float, float], set[str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, Any, Any, str | None]]) -> PlaceKinds:
        kinds = cls()
        points: dict[tuple[float, float], set[str]] = defaultdict(set)
        for name, lat, lon, feature in rows:
            key = _key(lat, lon)
            if key is None or not feature:
                continue
            kinds.by_name_point[(str(name).casefold(), key)] = feature
            points[key].add(feature)
        kinds.by_point = dict(points)
        return kinds

    def feature(self, location: Mapping[str, Any]) -> str | None:
        key = _key(location.get("lat"), location.get("lon"))
        if key is None:
            return None
        name = str(location.get("name") or "").casefold()
        found = self.by_name_point.get((name, key))
        if found:
            return found
        features = self.by_point.get(key) or set()
        return next(iter(features)) if len(features) == 1 else None


def location_feature(location: Mapping[str, Any], kinds: PlaceKinds | None) -> str | None:
    return location.get("feature") or (kinds.feature(location) if kinds else None)


def is_area(location: Mapping[str, Any], kinds: PlaceKinds | None = None) -> bool:
    """True when the location is a province, a country or another area, not a town."""
    precision = location.get("geo_precision")
    if isinstance(precision, int) and precision >= 3:
        return True
    return location_feature(location, kinds) in AREA_FEATURES


def _located(location: Mapping[str, Any]) -> bool:
    lat, lon = location.get("lat"), location.get("lon")
    numeric = isinstance(lat, int | float) and isinstance(lon, int | float)
    return numeric and -90 <= lat <= 90 and -180 <= lon <= 180


def event_title(event: Mapping[str, Any]) -> str:
    kind = event.get("sub_event_type") or event.get("event_type") or "event"
    where = ", ".join(str(loc.get("name") or "") for loc in event.get("locations") or [])
    who = ", ".join(event.get("actors") or [])
    text = kind
    if who:
        text += f" by {who}"
    if where:
        text += f" in {where}"
    return text


def _date_label(date: Any) -> str:
    start, end = date_bounds(date)
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end or ""


def event_points(event: Mapping[str, Any], kinds: PlaceKinds | None = None) -> list[dict[str, Any]]:
    """One map point per town-precision location of the event; areas are left out."""
    points = []
    for location in event.get("locations") or []:
        if not _located(location) or is_area(location, kinds):
            continue
        points.append(
            {
                "lat": location["lat"],
                "lon": location["lon"],
                "name": location.get("name") or "",
                "event_id": event.get("id"),
                "type": event.get("event_type") or "",
                "label": event_title(event),
                "date": _date_label(event.get("date")),
            }
        )
    return points


def event_areas(event: Mapping[str, Any], kinds: PlaceKinds | None = None) -> list[str]:
    """Names of the areas (provinces, countries, seas) an event is placed in."""
    return [
        str(location.get("name") or "")
        for location in event.get("locations") or []
        if location.get("name") and _located(location) and is_area(location, kinds)
    ]


def area_list(
    events: Iterable[Mapping[str, Any]], kinds: PlaceKinds | None = None
) -> list[dict[str, Any]]:
    """Areas named by events that have no town to map, most events first.

    An event that has a town point is on the map already; its province is not listed again.
    """
    counts: Counter[str] = Counter()
    for event in events:
        if event_points(event, kinds):
            continue
        for name in dict.fromkeys(event_areas(event, kinds)):
            counts[name] += 1
    return [{"name": name, "events": n} for name, n in counts.most_common()]


def located_event_count(points: Iterable[Mapping[str, Any]]) -> int:
    """Events on the map, however many points each has."""
    return len({point.get("event_id") for point in points})
