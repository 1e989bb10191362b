"""The event filters the page and the API share: one vocabulary, checked the same way.

Names are those of the API (``event_type``, ``date_from``, ``date_to``, ``actor``, ``place``);
the page's first names (``type``, ``from``, ``to``) still work as aliases so old links keep
their meaning. A value that cannot mean anything is a 400 that names the parameter, never an
empty 200 that looks like "no events".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from fastapi import HTTPException

FILTERS = ("event_type", "actor", "place", "date_from", "date_to")
ALIASES = {"type": "event_type", "from": "date_from", "to": "date_to"}
DATE_FILTERS = ("date_from", "date_to")
MAX_LENGTH = {"event_type": 100, "actor": 200, "place": 200, "date_from": 10, "date_to": 10}


def event_filters(params: Mapping[str, str]) -> dict[str, str | None]:
    """Filters from query parameters: canonical names first, then their aliases."""
    values: dict[str, str | None] = {}
    for name in FILTERS:
        raw = params.get(name)
        if raw is None:
            raw = next(
                (params[old] for old, new in ALIASES.items() if new == name and old in params), None
            )
        value = (raw or "").strip()
        if len(value) > MAX_LENGTH[name]:
            raise HTTPException(400, f"{name}: at most {MAX_LENGTH[name]} characters")
        values[name] = value or None
    for name in DATE_FILTERS:
        value = values[name]
        if value is not None:
            values[name] = _checked_date(name, value)
    first, last = values["date_from"], values["date_to"]
    if first and last and first > last:
        raise HTTPException(400, f"date_from: {first} is after date_to {last}")
    return values


def _checked_date(name: str, value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat() if len(value) == 10 else _fail(name, value)
    except ValueError:
        return _fail(name, value)


def _fail(name: str, value: str) -> str:
    raise HTTPException(400, f"{name}: {value!r} is not a date (use YYYY-MM-DD)")
