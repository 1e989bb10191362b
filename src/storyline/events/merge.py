"""One event per real-world occurrence, however many articles report it.

Two reports are the same event when nothing they say conflicts and enough of it agrees: the
type (and a compatible sub-type), the actors (shared or unknown on one side), the place (same
name, one inside the other, or within 10 km) and the day (within one day; an unknown day only
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
PLACE_RADIUS_KM = 10.0
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
    a, b = first[0], second[0]
    if _same_place(a, b):
        return "match"
    if (a.lat is None) != (b.lat is None):
        return "unknown"  # a locality the gazetteer lacks may lie in the town named elsewhere
    wide, narrow = (a, b) if (a.geo_precision or 1) >= (b.geo_precision or 1) else (b, a)
    if wide.feature == "country" and wide.country_code and wide.country_code == narrow.country_code:
        return "match"
    return "conflict"


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


def _explicit_day(event: Event) -> tuple[date, date] | None:
    """The event's day when the text gave it; an article date standing in for it is unknown."""
    if event.time_precision == 2 and not event.date_text:
        return None
    return _day_bounds(event.date)


def _dates_agree(first: Event, second: Event) -> Agreement:
    left, right = _explicit_day(first), _explicit_day(second)
    if left is None or right is None:
        return "unknown"
    one_day = timedelta(days=1)
    overlap = left[0] - one_day <= right[1] and right[0] - one_day <= left[1]
    return "match" if overlap else "conflict"


# Types that reports of one incident use for each other (an air strike on civilians is also
# "an attack"; a riot also "the protest"); strategic developments only match their own kind.
_TYPE_GROUP = {
    "Explosions/Remote violence": "violence",
    "Battles": "violence",
    "Violence against civilians": "violence",
    # One outlet's "protest" is another's riot: across articles, one day's demonstration in
    # one town is one event (within an article a march and a riot are told apart).
    "Protests": "demonstration",
    "Riots": "demonstration",
}


def _group(event: Event) -> str:
    return _TYPE_GROUP.get(event.event_type) or event.sub_event_type


def same_event(first: Event, second: Event) -> bool:
    """Whether two reports describe one occurrence (see the module docstring for the rule)."""
    if _group(first) != _group(second):
        return False
    if first.event_type == second.event_type and not subtypes_compatible(
        first.sub_event_type, second.sub_event_type
    ):
        return False
    actors = _actors_agree(first.actors, second.actors)
    places = _places_agree(first.locations, second.locations)
    dates = _dates_agree(first, second)
    if "conflict" in (actors, places, dates):
        return False
    if dates == "match":
        return places == "match" or (places == "unknown" and actors == "match")
    # Unknown day: the same place is enough within one story (its articles tell one happening).
    return places == "match" and actors != "conflict"


_PRECEDENCE = {"Riots": 3, "Protests": 1, "Explosions/Remote violence": 3, "Battles": 2}


def _typed(members: list[Event]) -> Event:
    """The member whose type the merged event takes: the codebook's precedence among types
    reported by more than one source or with a confident cue, then confidence."""
    weight: dict[str, float] = {}
    for event in members:
        weight[event.event_type] = weight.get(event.event_type, 0.0) + event.confidence
    supported = [t for t, w in weight.items() if w >= 0.6] or list(weight)
    chosen = max(supported, key=lambda t: (_PRECEDENCE.get(t, 0), weight[t]))
    return max((e for e in members if e.event_type == chosen), key=lambda e: e.confidence)


def _best_location(members: list[Event]) -> list[EventLocation]:
    """The most precise place reported, the most often reported among equally precise ones."""
    places = [loc for e in members for loc in e.locations[:1]]
    if not places:
        return []
    precision = min(p.geo_precision or 3 for p in places)
    precise = [p for p in places if (p.geo_precision or 3) == precision]
    counts: dict[str, int] = {}
    for place in precise:
        counts[place.name] = counts.get(place.name, 0) + 1
    best = max(precise, key=lambda p: counts[p.name])
    others = [
        loc for loc in _union_locations(e.locations for e in members) if loc.name != best.name
    ]
    return [best, *others]


def _lowest(report: Fatalities) -> int:
    for value in (report.count, report.min, report.max):
        if value is not None:
            return value
    return 0


def _merge_group(members: list[Event], group_of: dict[str, str]) -> Event:
    members = sorted(members, key=lambda e: (-e.confidence, e.id))
    best = _typed(members)
    if len(members) == 1:
        single = best
        single.independent_sources = _independent(single.sources, group_of)
        return single
    sources: list[Evidence] = []
    for event in members:
        for evidence in event.sources:
            key = (evidence.article_id, evidence.start)
            if all(key != (s.article_id, s.start) for s in sources):
                sources.append(evidence)
    fatalities: list[Fatalities] = []
    for event in members:
        for report in event.fatalities:
            key = (report.victims, report.count, report.min, report.max)
            if all(key != (f.victims, f.count, f.min, f.max) for f in fatalities):
                fatalities.append(report)
    # ACLED codes the lowest toll reported; every source's figure stays listed after it.
    fatalities.sort(key=_lowest)
    explicit = [e for e in members if _explicit_day(e) is not None]
    dated = explicit[0] if explicit else next((e for e in members if e.date is not None), None)
    independent = _independent(sources, group_of)
    # Each independent confirmation lowers the chance that all of them are wrong.
    doubt = math.prod(1 - e.confidence for e in members[: max(1, independent)])
    same_type = [best, *(e for e in members if e is not best and e.event_type == best.event_type)]
    return Event(
        id=stable_id("evt", *sorted(e.id for e in members)),
        event_type=best.event_type,
        sub_event_type=best.sub_event_type,
        story_id=best.story_id,
        date=dated.date if dated else None,
        date_text=dated.date_text if dated else best.date_text,
        time_precision=dated.time_precision if dated else None,
        actors=_union(e.actors for e in same_type),
        targets=_union(e.targets for e in same_type),
        locations=_best_location(members),
        fatalities=fatalities,
        reported_by=_union(e.reported_by for e in members),
        actors_as_written=_union(e.actors_as_written for e in same_type),
        targets_as_written=_union(e.targets_as_written for e in same_type),
        sources=sorted(sources, key=lambda s: (s.article_id, s.start)),
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


def merge_events(
    events: list[Event],
    syndication_group_of: dict[str, str],
    *,
    copies: frozenset[str] | set[str] = frozenset(),
) -> list[Event]:
    """Cluster reports of one occurrence (single link over ``same_event``) into one event each.

    ``syndication_group_of`` maps article ids to their syndication group; an article missing
    from it is its own original. Events read from ``copies`` (articles that duplicate another)
    only add their evidence to an event of the original's; they never stand alone, so a
    reprint adds no event.
    """
    clusters: list[list[Event]] = []
    ordered = sorted(events, key=lambda e: (_from_copy(e, copies), -e.confidence, e.id))
    for event in ordered:
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
            if not _from_copy(event, copies):
                clusters.append([event])
        else:
            home.append(event)
    return [_merge_group(members, syndication_group_of) for members in clusters]


def _from_copy(event: Event, copies: frozenset[str] | set[str]) -> bool:
    return bool(copies) and all(s.article_id in copies for s in event.sources)


def _conflicts(first: Event, second: Event) -> bool:
    return _group(first) != _group(second) or "conflict" in (
        _actors_agree(first.actors, second.actors),
        _places_agree(first.locations, second.locations),
        _dates_agree(first, second),
    )
