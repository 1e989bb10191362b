"""Words the temporal tagger and the casualty parser share: months, weekdays, numbers, units.

Kept as plain tables (not regex soup) so a reader can see exactly which spellings are covered
and both the time and the number code read numbers the same way.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}  # fmt: skip

# Time of day: TIMEX3 part-of-day codes appended to a date ("2015-10-06TNI").
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "dawn": "MO", "daybreak": "MO", "midday": "MI", "noon": "MI",
}  # fmt: skip

UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W",
    "month": "M", "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q",
}  # fmt: skip
TIME_UNITS = frozenset({"second", "minute", "hour"})

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "final": -1,
}  # fmt: skip

_UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Regex fragments. The number-word fragment accepts "forty-two", "two hundred",
# "three thousand five hundred", "a hundred"; `parse_number` turns the match into an int.
_SIMPLE_WORD = "|".join(sorted([*_UNITS_WORDS, *_TENS_WORDS], key=len, reverse=True))
_TENS = "|".join(_TENS_WORDS)
_BASE = rf"(?:(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|{_SIMPLE_WORD})"
_SCALE = "|".join(_SCALES)
NUMBER_WORDS_RE = rf"(?:(?:{_BASE}|a|an|one)\s+(?:{_SCALE})(?:\s+(?:and\s+)?{_BASE})?|{_BASE})"
DIGITS_RE = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
NUMBER_RE = rf"(?:{DIGITS_RE}|{NUMBER_WORDS_RE})"

_WORD_SPLIT = re.compile(r"[\s-]+")


def parse_number(text: str) -> float | None:
    """Digits ("1,700", "2.5") or English number words ("forty-two", "two hundred") as a number."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    digits = cleaned.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        pass
    total = 0
    current = 0
    seen = False
    for word in _WORD_SPLIT.split(cleaned):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = max(current, 1)
            seen = True
        elif word in _UNITS_WORDS:
            current += _UNITS_WORDS[word]
            seen = True
        elif word in _TENS_WORDS:
            current += _TENS_WORDS[word]
            seen = True
        elif word in _SCALES:
            scale = _SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def parse_int(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    return WEEKDAYS.get(word.lower().rstrip("."))
