"""The misses of an end-to-end events score, ranked by what fixing each would gain in record F1.

Record F1 is ``2 * hits / (predicted + gold)``. Fixing a matched event whose record has k wrong
record fields gains a whole record, so each of those fields is charged a k-th of it; a missed
gold event would add a hit and a prediction; dropping a false positive (a double count or an
event the gold does not have) removes a prediction. Ties go by the event F1 the miss costs, so a
false positive still ranks above a wrong target or death toll, which record F1 does not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.eval.e2e_fields import (
    FIELDS,
    RECORD_FIELDS,
    as_list,
    day_range,
    gold_fatalities,
    number,
    strings,
)
from storyline.eval.e2e_score import EventMatch, FalsePositive, RunScore

NONE = "(none)"
_GOLD_KEYS = {
    "type": "event_type",
    "subtype": "sub_event_type",
    "actor1": "actor1_any",
    "actor2": "actor2_any",
}
_PRED_KEYS = {
    "type": "event_type",
    "subtype": "sub_event_type",
    "actor1": "actors",
    "actor2": "targets",
}


@dataclass(frozen=True, slots=True)
class Miss:
    story: str
    event_id: str  # the gold event's id, or the prediction's for an event the gold lacks
    field: str  # a field name, "missed event", "double count" or "no gold event"
    gold: str
    predicted: str
    sentence: str
    record_cost: float  # record F1 gained if this were fixed
    event_cost: float  # event F1 gained if this were fixed


def _f1(hits: float, total: float) -> float:
    return 2 * hits / total if total > 0 else 0.0


def _date_text(value: object) -> str:
    span = day_range(value)
    if span is None:
        return NONE
    return span[0] if span[0] == span[1] else f"{span[0]}..{span[1]}"


def _names(value: object, first: int | None = None) -> str:
    names = strings(value)[:first] if first else strings(value)
    return " / ".join(dict.fromkeys(names)) or NONE


def _place(place: object) -> str:
    if not isinstance(place, dict):
        return str(place) if place else NONE
    name = str(place.get("name") or "?")
    lat, lon = number(place.get("lat")), number(place.get("lon"))
    return f"{name} ({lat:.2f}, {lon:.2f})" if lat is not None and lon is not None else name


def _deaths(value: object) -> str:
    shown = []
    for entry in as_list(value)[:3]:
        if not isinstance(entry, dict):
            entry = {"count": entry}
        count, low, high = (number(entry.get(k)) for k in ("count", "min", "max"))
        if count is not None:
            text = f"{count:g}"
        elif low is not None and high is not None:
            text = f"{low:g}-{high:g}"
        elif low is not None or high is not None:
            text = f"{low:g}+" if low is not None else f"up to {high:g}"
        else:
            continue
        shown.append(f"{text} {entry.get('victims') or ''}".strip())
    return ", ".join(shown) or NONE


def gold_value(gold: dict[str, Any], field: str) -> str:
    """A gold event's field as a person reads it."""
    if field in _GOLD_KEYS:
        return _names(gold.get(_GOLD_KEYS[field]))
    if field == "location":
        loc = gold.get("location")
        loc = loc if isinstance(loc, dict) else {}
        names = _names(strings(gold.get("location_any")) + strings(loc.get("name")))
        lat, lon = number(loc.get("lat")), number(loc.get("lon"))
        return f"{names} ({lat:.2f}, {lon:.2f})" if lat is not None and lon is not None else names
    if field == "date":
        return _date_text(gold.get("date"))
    deaths = gold_fatalities(gold.get("fatalities"))
    return NONE if deaths is None else f"{deaths:g}"


def predicted_value(pred: dict[str, Any], field: str) -> str:
    """A predicted event's field as the scorer read it (first two actors, first place)."""
    if field in _PRED_KEYS:
        return _names(pred.get(_PRED_KEYS[field]), 2 if field in ("actor1", "actor2") else None)
    if field == "location":
        places = as_list(pred.get("locations"))
        return _place(places[0]) if places else NONE
    if field == "date":
        return _date_text(pred.get("date"))
    return _deaths(pred.get("fatalities"))


def _event_line(event: dict[str, Any], actors: str, places: str) -> str:
    kind = f"{event.get('event_type') or '?'} / {event.get('sub_event_type') or '?'}"
    place = as_list(event.get(places))[:1] if places == "locations" else None
    where = _place(place[0]) if place else gold_value(event, "location")
    who = _names(event.get(actors), 2)
    return f"{kind}; {who}; {where}; {_date_text(event.get('date'))}"


def _gold_line(gold: dict[str, Any]) -> str:
    return _event_line(gold, "actor1_any", "location_any")


def _pred_line(pred: dict[str, Any]) -> str:
    return _event_line(pred, "actors", "locations")


def rank_misses(score: RunScore, count: int = 15) -> list[Miss]:
    """The ``count`` misses that cost the most record F1 (then event F1)."""
    m = score.metrics
    total, hits, matched = (
        m["pred_events"] + m["gold_events"],
        m["record_hits"],
        m["matched_events"],
    )
    fix_record = _f1(hits + 1, total) - _f1(hits, total)
    add_event = (
        _f1(hits + 1, total + 1) - _f1(hits, total),
        _f1(matched + 1, total + 1) - _f1(matched, total),
    )
    drop_event = (
        _f1(hits, total - 1) - _f1(hits, total),
        _f1(matched, total - 1) - _f1(matched, total),
    )
    misses = [
        miss for match in score.events for miss in _event_misses(match, fix_record, add_event)
    ]
    misses += [_false_positive(fp, drop_event) for fp in score.false_positives]
    misses.sort(
        key=lambda x: (
            -round(x.record_cost, 9),
            -round(x.event_cost, 9),
            x.story,
            x.event_id,
            _field_order(x.field),
        )
    )
    return misses[:count]


def _field_order(field: str) -> int:
    return FIELDS.index(field) if field in FIELDS else len(FIELDS)


def _event_misses(
    match: EventMatch, fix_record: float, add_event: tuple[float, float]
) -> list[Miss]:
    gold_id = str(match.gold.get("id") or "?")
    if match.predicted is None:
        return [
            Miss(
                match.story,
                gold_id,
                "missed event",
                _gold_line(match.gold),
                NONE,
                match.sentence,
                *add_event,
            )
        ]
    wrong = [f for f in FIELDS if match.fields.get(f) is False]
    wrong_record = [f for f in wrong if f in RECORD_FIELDS]
    return [
        Miss(
            match.story,
            gold_id,
            f,
            gold_value(match.gold, f),
            predicted_value(match.predicted, f),
            match.sentence,
            fix_record / len(wrong_record) if f in RECORD_FIELDS else 0.0,
            0.0,
        )
        for f in wrong
    ]


def _false_positive(fp: FalsePositive, drop_event: tuple[float, float]) -> Miss:
    if fp.gold is not None:
        gold_id = str(fp.gold.get("id") or "?")
        return Miss(
            fp.story or "?",
            gold_id,
            "double count",
            f"{gold_id}: {_gold_line(fp.gold)}",
            _pred_line(fp.predicted),
            fp.sentence,
            *drop_event,
        )
    pred_id = str(fp.predicted.get("id") or "?")
    return Miss(
        fp.story or "?",
        pred_id,
        "no gold event",
        NONE,
        _pred_line(fp.predicted),
        fp.sentence,
        *drop_event,
    )
