"""Dates as pages write them: found in a line without guessing missing parts, or parsed
from a metadata value. Never a relative or partial date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

# Dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_MONTH_RE = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY_RE = (
    r"(?:(?P<weekday>Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?"
    r"|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\.?,?\s+(?:the\s+)?)?"
)
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A year may have a time glued to it by the browser ("November 9, 20235:01 AM ET") or the next
# date ("10. Februar 20199. Februar 2019"): it ends at a non-digit or right before such a tail.
_YEAR_END = r"(?:(?!\d)|(?=\d{1,2}(?:[:h]\d\d|\.\s)))"
_YEAR_RE = rf"(?P<year>(?:19|20)\d\d){_YEAR_END}"
# Month names of the other languages scrapes arrive in (German, French, Spanish, Portuguese,
# Italian, Dutch), full and abbreviated. English keeps its own pattern (a capital is required
# there, "may" being a verb); these need a day and a year around them instead.
_FOREIGN_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "januar jänner janvier enero janeiro gennaio januari jan janv ene gen",
        "februar février fevrier febrero fevereiro febbraio februari feb févr fevr fev",
        "märz maerz mars marzo março marco maart mär mrz mrt",
        "april avril abril aprile apr avr abr",
        "mai mayo maio maggio mei mag",
        "juni juin junio junho giugno jun giu",
        "juli juillet julio julho luglio jul juil lug",
        "august août aout agosto augustus aug ago",
        "september septembre septiembre setiembre setembro settembre sep sept set",
        "oktober octobre octubre outubro ottobre okt oct out ott",
        "november novembre noviembre novembro nov",
        "dezember décembre decembre diciembre dezembro dicembre december dez déc dec dic",
    ],
    start=1,
):
    for _name in _names.split():
        _FOREIGN_MONTHS[_name] = _number
_FOREIGN_MONTH_RE = (
    "(?P<fmonth>" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + r")\.?"
)
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)([-/.])(?P<mnum>[01]?\d)\2(?P<day>[0-3]?\d)(?!\d)"),
    re.compile(rf"\b{_WEEKDAY_RE}{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+{_YEAR_RE})?", re.I),
    re.compile(rf"\b{_WEEKDAY_RE}{_MONTH_RE}\s+{_DAY_RE}\b(?:,?\s+{_YEAR_RE})?", re.I),
    re.compile(
        r"\b(?P<d1>[0-3]?\d)(?P<sep>[./])(?P<d2>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)" + _YEAR_END
    ),
    # "10. Februar 2019", "21.dez.2018", "3 de março de 2020", "12 juin 2019"
    re.compile(
        rf"(?<![\w.])(?P<day>[0-3]?\d)\.?\s*(?:de\s+)?{_FOREIGN_MONTH_RE}\s*(?:de\s+)?"
        rf"(?P<year>(?:19|20)\d\d){_YEAR_END}",
        re.I,
    ),
]
_EARLIEST_YEAR = 1990


@dataclass(frozen=True, slots=True)
class _DateMention:
    """A date as written: the year may be missing ("Oct 12"), a weekday may pin it down."""

    month: int
    day: int
    year: int | None
    weekday: int | None
    start: int
    end: int
    text: str

    def resolve(self, ceiling: date | None, *, slack_days: int = 0) -> date | None:
        """The calendar date meant, using the latest fitting date up to a ceiling if no year."""
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        if ceiling is None:
            return None
        limit = ceiling + timedelta(days=slack_days)
        span = 6 if self.weekday is not None else 1
        for year in range(limit.year, limit.year - span - 1, -1):
            found = _safe_date(year, self.month, self.day)
            if found is None or found > limit:
                continue
            if self.weekday is None or found.weekday() == self.weekday:
                return found
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[_DateMention]:
    """Dates written out in a line, in order, without guessing missing parts."""
    found: list[_DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mention = _mention_from_match(match)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def _mention_from_match(match: re.Match[str]) -> _DateMention | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("d1"):  # 12.10.2015 or 12/10/2015
        first, second = int(groups["d1"]), int(groups["d2"])
        if groups["sep"] == "." or first > 12:
            day, month = first, second
        elif second > 12:
            day, month = second, first
        else:
            return None  # 03/04/2015: day-first or month-first cannot be told
    elif groups.get("mnum"):
        month, day = int(groups["mnum"]), int(groups["day"])
    elif groups.get("fmonth"):
        month, day = _FOREIGN_MONTHS[groups["fmonth"].lower()], int(groups["day"])
    else:
        word = groups["month"]
        if not word[0].isupper():  # "may 12" inside a sentence is a verb, not a month
            return None
        month, day = _MONTHS[word[:3].lower()], int(groups["day"])
    weekday = None
    if groups.get("weekday"):
        if not groups["weekday"][0].isupper():
            return None
        weekday = _WEEKDAYS[groups["weekday"][:3].lower()]
    if year is not None and (year < _EARLIEST_YEAR or _safe_date(year, month, day) is None):
        return None
    if year is None and _safe_date(2000, month, day) is None:  # 2000 is a leap year
        return None
    if year is not None and weekday is not None:
        resolved = _safe_date(year, month, day)
        if resolved is not None and resolved.weekday() != weekday:
            weekday = None  # a typo in the weekday; the full date stands
    return _DateMention(month, day, year, weekday, match.start(), match.end(), match.group(0))


_DATEPARSER_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": True,
    "PREFER_DAY_OF_MONTH": "first",
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def parse_date(value: Any) -> date | None:
    """A full calendar date from a metadata value, or None: never a relative or partial date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    iso = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)(?:$|[T ])", text)
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    mentions = [m for m in find_dates(text) if m.year is not None]
    if mentions:
        return mentions[0].resolve(None)
    import dateparser  # loaded lazily: only odd formats need it

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None or parsed.year < _EARLIEST_YEAR:
        return None
    return parsed.date()


# ---------------------------------------------------------------------------------------------
