"""One event per real-world occurrence, however many articles report it.

Two reports are the same event when nothing they say conflicts and enough of it agrees: the
type (and a compatible sub-type), the actors (shared or unknown on one side), the place (same
name, one inside the other, or within 25 km) and the day (within one day; an unknown day only
when actors and place both agree). Copies and rewrites of one original (a syndication group)
add evidence but count once towards ``independent_sources``. Tolls are kept as reported, one
entry per distinct report, never summed: two outlets' "12 dead" is twelve, not twenty-four.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from storyline.events.taxonomy import subtypes_compatible
from storyline.model import Event, EventLocation, Evidence, Fatalities, stable_id

Agreement = Literal["match", "unknown", "conflict"]
PLACE_RADIUS_KM = 25.0
_GENERIC_ACTOR_WORDS = frozenset(
    {
        "the",
        "forces",
        "force",
        "troops",
        "fighters",
        "men",
        "group",
        "members",
        "of",
        "and",
        "jets",
        "warplanes",
        "aircraft",
        "planes",
        "drones",
        "units",
        "people",
        "local",
        "armed",
    }
)


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _GENERIC_ACTOR_WORDS}


def _actors_agree(first: list[str], second: list[str]) -> Agreement:
    if not first or not second:
        return "unknown"
    left = set().union(*(_words(a) for a in first))
    right = set().union(*(_words(a) for a in second))
    return "match" if left & right else "conflict"


def _distance_km(a: EventLocation, b: EventLocation) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _same_place(a: EventLocation, b: EventLocation) -> bool:
    left, right = a.name.casefold(), b.name.casefold()
    if left == right or left in right or right in left:
        return True
    if (
        a.admin1
        and b.admin1
        and a.admin1 == b.admin1
        and (a.name.casefold() == b.admin1.casefold() or b.name.casefold() == a.admin1.casefold())
    ):
        return True  # a province and a town inside it
    distance = _distance_km(a, b)
    return distance is not None and distance <= PLACE_RADIUS_KM


def _places_agree(first: list[EventLocation], second: list[EventLocation]) -> Agreement:
    if not first or not second:
        return "unknown"
    return "match" if any(_same_place(a, b) for a in first for b in second) else "conflict"


def _day_bounds(value: str | dict[str, str] | None) -> tuple[date, date] | None:
    try:
        if isinstance(value, str):
            day = date.fromisoformat(value[:10])
            return day, day
        if isinstance(value, dict) and "start" in value and "end" in value:
            return date.fromisoformat(value["start"][:10]), date.fromisoformat(value["end"][:10])
    except ValueError:
        return None
    return None


def _dates_agree(first: Event, second: Event) -> Agreement:
    left, right = _day_bounds(first.date), _day_bounds(second.date)
    if left is None or right is None:
        return "unknown"
    one_day = timedelta(days=1)
    overlap = left[0] - one_day <= right[1] and right[0] - one_day <= left[1]
    return "match" if overlap else "conflict"


def same_event(first: Event, second: Event) -> bool:
    """Whether two reports describe one occurrence (see the module docstring for the rule)."""
    if first.event_type != second.event_type:
        return False
    if not subtypes_compatible(first.sub_event_type, second.sub_event_type):
        return False
    actors = _actors_agree(first.actors, second.actors)
    places = _places_agree(first.locations, second.locations)
    dates = _dates_agree(first, second)
    if "conflict" in (actors, places, dates):
        return False
    if dates == "match":
        return places == "match" or (places == "unknown" and actors == "match")
    # Unknown day: only when everything else agrees strongly.
    return actors == "match" and places == "match"


def _merge_group(members: list[Event], group_of: dict[str, str]) -> Event:
    members = sorted(members, key=lambda e: (-e.confidence, e.id))
    best = members[0]
    if len(members) == 1:
        single = best
        single.independent_sources = _independent(single.sources, group_of)
        return single
    sources: list[Evidence] = []
    for event in members:
        for evidence in event.sources:
            if all(evidence.article_id != s.article_id for s in sources):
                sources.append(evidence)
    fatalities: list[Fatalities] = []
    for event in members:
        for report in event.fatalities:
            key = (report.victims, report.count, report.min, report.max)
            if all(key != (f.victims, f.count, f.min, f.max) for f in fatalities):
                fatalities.append(report)
    dated = next((e for e in members if e.date is not None), None)
    independent = _independent(sources, group_of)
    # Each independent confirmation lowers the chance that all of them are wrong.
    doubt = math.prod(1 - e.confidence for e in members[: max(1, independent)])
    return Event(
        id=stable_id("evt", *sorted(e.id for e in members)),
        event_type=best.event_type,
        sub_event_type=best.sub_event_type,
        story_id=best.story_id,
        date=dated.date if dated else None,
        date_text=dated.date_text if dated else best.date_text,
        actors=_union(e.actors for e in members),
        targets=_union(e.targets for e in members),
        locations=_union_locations(e.locations for e in members),
        fatalities=fatalities,
        reported_by=_union(e.reported_by for e in members),
        sources=sources,
        independent_sources=independent,
        confidence=round(min(0.99, 1 - doubt), 3),
    )


def _independent(sources: list[Evidence], group_of: dict[str, str]) -> int:
    return len({group_of.get(s.article_id) or s.article_id for s in sources})


def _union(lists: Iterable[list[str]]) -> list[str]:
    result: list[str] = []
    for names in lists:
        for name in names:
            if name.casefold() not in {r.casefold() for r in result}:
                result.append(name)
    return result


def _union_locations(lists: Iterable[list[EventLocation]]) -> list[EventLocation]:
    result: list[EventLocation] = []
    for locations in lists:
        for location in locations:
            if all(location.name.casefold() != r.name.casefold() for r in result):
                result.append(location)
    return result


def merge_events(events: list[Event], syndication_group_of: dict[str, str]) -> list[Event]:
    """Cluster reports of one occurrence (single link over ``same_event``) into one event each.

    ``syndication_group_of`` maps article ids to their syndication group; an article missing
    from it is its own original.
    """
    clusters: list[list[Event]] = []
    for event in sorted(events, key=lambda e: (-e.confidence, e.id)):
        # Join the first cluster this report matches and contradicts no member of; a chain of
        # pairwise matches must not glue two conflicting reports together.
        home = next(
            (
                cluster
                for cluster in clusters
                if any(same_event(event, member) for member in cluster)
                and not any(_conflicts(event, member) for member in cluster)
            ),
            None,
        )
        if home is None:
            clusters.append([event])
        else:
            home.append(event)
    return [_merge_group(members, syndication_group_of) for members in clusters]


def _conflicts(first: Event, second: Event) -> bool:
    return first.event_type != second.event_type or "conflict" in (
        _actors_agree(first.actors, second.actors),
        _places_agree(first.locations, second.locations),
        _dates_agree(first, second),
    )
