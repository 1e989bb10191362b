"""Calendar arithmetic on TIMEX3 values: shifting by units and turning values into day intervals.

TIMEX3 values carry their own granularity ("2015-10" is a month, "2015-W41" a week); events need
the calendar days they cover, so the conversion lives next to the arithmetic that makes them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2),
}  # fmt: skip


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def iso_day(day: date) -> str:
    return day.isoformat()


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def iso_month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift(day: date, unit: str, amount: int) -> date:
    """Move ``day`` by ``amount`` calendar units (day, week, month, quarter, year, decade...)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit in ("week", "fortnight"):
        return day + timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    if unit == "month":
        return add_months(day, amount)
    if unit == "quarter":
        return add_months(day, 3 * amount)
    if unit == "year":
        return add_years(day, amount)
    if unit == "decade":
        return add_years(day, 10 * amount)
    if unit == "century":
        return add_years(day, 100 * amount)
    raise ValueError(f"unknown unit {unit}")


def value_at_granularity(day: date, unit: str) -> str:
    """The TIMEX3 value naming the ``unit`` that contains ``day`` ("2015-W41" for a week)."""
    if unit in ("day", "hour", "minute", "second"):
        return iso_day(day)
    if unit in ("week", "fortnight"):
        return iso_week(day)
    if unit == "weekend":
        return iso_week(day) + "-WE"
    if unit == "month":
        return iso_month(day)
    if unit == "quarter":
        return f"{day.year}-Q{quarter_of(day)}"
    if unit == "year":
        return str(day.year)
    if unit == "decade":
        return str(day.year)[:3]
    if unit == "century":
        return str(day.year)[:2]
    raise ValueError(f"unknown unit {unit}")


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")


def value_to_interval(value: str) -> tuple[date, date] | None:
    """First and last calendar day a DATE/TIME value covers, or None for PAST_REF and the like."""
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = value_to_interval(first), value_to_interval(last)
        return (a[0], b[1]) if a and b else None
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if m := _QUARTER.match(value):
            first = date(int(m[1]), 3 * int(m[2]) - 2, 1)
            return first, add_months(first, 3) - timedelta(days=1)
        if m := _HALF.match(value):
            first = date(int(m[1]), 6 * int(m[2]) - 5, 1)
            return first, add_months(first, 6) - timedelta(days=1)
        if m := _SEASON.match(value):
            year = int(m[1])
            start_month, end_month = SEASON_MONTHS[m[2]]
            end_year = year + 1 if end_month < start_month else year
            last = calendar.monthrange(end_year, end_month)[1]
            return date(year, start_month, 1), date(end_year, end_month, last)
        if m := _DECADE.match(value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:
        return None
    return None
