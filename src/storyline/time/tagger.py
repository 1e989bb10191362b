"""Find temporal expressions in news text and normalise them against the article's date.

A rule-based recogniser: each rule is one regular expression over a fixed vocabulary (months,
weekdays, number words, units, modifiers) paired with a normaliser that computes the TIMEX3
value from the match, the anchor (the article's date) and the tense of the clause. All rules
run over the whole text; overlapping candidates are settled longest-first.

Dates are normalised by our own arithmetic rather than by dateparser, whose guesses go wrong in
exactly the places news needs: "On 12 August, 40 people died" is not the year 2040, and a
same-day "Tuesday" in a Tuesday report is that day, not a week earlier.

Conventions (TimeML/TIMEX3):

- a bare weekday is the latest such day up to and including the anchor in a past or present
  clause, the next one on or after it in a future clause; "last"/"next" exclude the anchor;
- a bare month (and "since"/"in" + month) is the latest such month up to the anchor for past
  clauses, the next one for future clauses, else the anchor's year;
- a day and month without a year take the anchor's year unless a past clause would then put the
  date more than two months after the anchor (then the year before), or a future clause more
  than a month before it (then the year after);
- "N days ago" counts back from the anchor; "N days later/earlier", "the next day" count from
  the last day-precise date mentioned before (the narrative's reference time), else the anchor;
- "the past/last week" (no number) is the previous calendar week as a DATE; with a number
  ("the past 24 hours") it is a DURATION;
- ranges ("between 10 and 12 October", "from Monday to Wednesday") become one DATE whose value
  is an ISO interval "start/end", with the two endpoints kept in ``parts``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from storyline.time.calendar import (
    quarter_of,
    shift,
    value_at_granularity,
    value_to_interval,
)
from storyline.time.lexicon import (
    NUMBER_RE,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    TIME_UNITS,
    UNITS,
    month_number,
    parse_number,
    weekday_number,
)
from storyline.time.tense import Tense, tense_from_cues, tense_from_doc

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: where it is, what kind, and its TIMEX3 value.

    ``value`` is None when the expression needs an anchor that was not given ("yesterday"
    without an article date). ``mod`` is a TIMEX3 modifier (START, MID, END, ON_OR_AFTER for
    "since", APPROX, MORE_THAN, LESS_THAN).
    """

    text: str
    start: int
    end: int
    type: TimexType
    value: str | None
    mod: str | None = None
    parts: tuple[Timex, ...] = ()

    def interval(self) -> tuple[date, date] | None:
        """First and last calendar day covered, for DATE/TIME values that name days."""
        if self.value is None or self.type not in ("DATE", "TIME"):
            return None
        return value_to_interval(self.value)

    def contract_date(self) -> str | dict[str, str] | None:
        """The output contract's date: an ISO day, or ``{"start", "end"}`` for longer spans."""
        span = self.interval()
        if span is None:
            return None
        first, last = span
        if first == last:
            return first.isoformat()
        return {"start": first.isoformat(), "end": last.isoformat()}


# --------------------------------------------------------------------------- vocabulary

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MONTH = rf"(?-i:(?:(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})(?:\.|\b)|(?:{_MONTH_FULL.upper()})\b))"
_WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
WEEKDAY = rf"(?-i:(?:{_WEEKDAY_NAMES}|{_WEEKDAY_NAMES.upper()})\b)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![:.,]?\d)"
YEAR_DIGITS = r"(?:1[5-9]\d\d|20\d\d)"
YEAR = rf"{YEAR_DIGITS}\b(?![-,.:/]?\d)"
UNIT_WORDS = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centuries"
    r"|century|quarters?)"
)
VAGUE_COUNT = (
    r"(?:a\s+few|few|several|some|a\s+couple\s+of|couple\s+of|many|a\s+number\s+of"
    r"|dozens\s+of|hundreds\s+of|a\s+handful\s+of)"
)
COUNT = rf"(?:\d+\s+1/2|{NUMBER_RE}|{VAGUE_COUNT}|a|an)"
APPROX = (
    r"(?:about|around|approximately|roughly|some|nearly|almost|more\s+than|less\s+than"
    r"|fewer\s+than|over|under|at\s+least|at\s+most|up\s+to|just|only|barely|well\s+over"
    r"|close\s+to)"
)
EDGE = (
    r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)"
)
CLOCK = (
    r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?:GMT|UTC|[A-Z]{2,4}T))?\b"
    r"|(?:[01]\d|2[0-3])[0-5]\d\s*(?:GMT|UTC|hrs)\b|noon|midnight)"
)
_PART_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"
# TimeML keeps "at least", "more than", "around" inside a timex but leaves out looser
# hedges like "about", "almost", "over", "just".
_SPAN_EXCLUDED_APPROX = r"(?:about|almost|over|just|only|barely|some|well\s+over)$"
_EDGE_MOD = {"early": "START", "mid": "MID", "late": "END", "end": "END", "beginning": "START",
             "start": "START", "middle": "MID"}  # fmt: skip
_APPROX_MOD = {"more": "MORE_THAN", "over": "MORE_THAN", "well": "MORE_THAN",
               "less": "LESS_THAN", "fewer": "LESS_THAN", "under": "LESS_THAN",
               "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up": "EQUAL_OR_LESS",
               "nearly": "APPROX", "almost": "APPROX", "about": "APPROX", "around": "APPROX",
               "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
               "close": "APPROX"}  # fmt: skip
_QUANTITY_NOUNS = re.compile(
    r"\s*(?:%|percent|per\s*cent|people|persons|civilians|troops|soldiers|men|women|children|"
    r"refugees|km|kilomet\w+|miles|met\w+s|feet|tons|tonnes|dollars|euros|pounds|barrels|cases|"
    r"deaths|dead|units|households|families|votes|seats|members|workers|employees|students|"
    r"residents|fighters|militants|rebels|police|policemen|hours|days|marines|homes|houses|"
    r"buildings|vehicles|rockets|missiles|shells|strikes|attacks|times|others|of\s+(?:the|them))\b",
    re.IGNORECASE,
)
_QUANTITY_BEFORE = re.compile(
    r"(?:[$€£¥]\s*|\b(?:about|some|nearly|almost|than|least|around|roughly|approximately|"
    r"estimated|No\.|number|No)\s+)$",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- rule machinery


@dataclass(slots=True)
class _Found:
    type: TimexType
    value: str | None
    mod: str | None = None
    span: tuple[int, int] | None = None  # narrower than the match (e.g. without "since")
    parts: tuple[Timex, ...] = ()
    # Anaphoric expressions ("the next day") are resolved after selection, against the
    # last day-precise date mentioned before them.
    from_reference: Callable[[date], str] | None = None


@dataclass(slots=True)
class _Context:
    text: str
    anchor: date | None
    doc: Any = None
    _tenses: dict[tuple[int, int], Tense | None] = field(default_factory=dict)

    def tense(self, start: int, end: int) -> Tense | None:
        key = (start, end)
        if key not in self._tenses:
            tense: Tense | None = None
            if self.doc is not None:
                # Trust the parse for future auxiliaries; for past vs present, reported speech
                # ("said he arrived Friday") makes cue words the better judge.
                tense = tense_from_doc(self.doc, start, end)
                if tense != "future":
                    tense = None
            if tense is None:
                tense = tense_from_cues(self.text, start, end)
            self._tenses[key] = tense
        return self._tenses[key]

    def word_before(self, position: int) -> str:
        match = re.search(r"([A-Za-z]+)\W*$", self.text[max(0, position - 30) : position])
        return match.group(1).lower() if match else ""


Handler = Callable[[re.Match[str], _Context], _Found | None]


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    priority: int = 0


_RULES: list[_Rule] = []


def _rule(pattern: str, priority: int = 0) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        compiled = re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.IGNORECASE)
        _RULES.append(_Rule(handler.__name__, compiled, handler, priority))
        return handler

    return register


# --------------------------------------------------------------------------- resolution helpers


def _year_for_month(month: int, anchor: date, tense: Tense | None) -> int:
    if tense == "past" and month > anchor.month:
        return anchor.year - 1
    if tense == "future" and month < anchor.month:
        return anchor.year + 1
    return anchor.year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A past-tense report may still name a coming date (a deadline, a hearing); only a date this
# far after the article is taken as last year's.
PAST_DATE_SLACK_DAYS = 60


def _date_for_day_month(month: int, day: int, anchor: date, tense: Tense | None) -> date | None:
    guess = _safe_date(anchor.year, month, day)
    if guess is None:
        return _safe_date(anchor.year - 1, month, day) if month == 2 else None
    if guess > anchor + timedelta(days=PAST_DATE_SLACK_DAYS) and (
        tense == "past" or (tense != "future" and (guess - anchor).days > 183)
    ):
        return _safe_date(anchor.year - 1, month, day)
    if tense == "future" and guess < anchor - timedelta(days=31):
        return _safe_date(anchor.year + 1, month, day)
    if tense is None and (anchor - guess).days > 183:
        return _safe_date(anchor.year + 1, month, day)
    return guess


def _date_for_weekday(weekday: int, anchor: date, tense: Tense | None, rel: str) -> date:
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if rel == "last" or rel == "past":
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return anchor + timedelta(days=forward or 7)
    if tense == "future":
        return anchor + timedelta(days=forward)
    return anchor - timedelta(days=back)


def _unit_name(word: str) -> str:
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") else word


def _count_value(text: str) -> float | None:
    """A count before a unit: digits, number words, "a"; None for vague counts ("several")."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower())
    if cleaned in ("a", "an", "one"):
        return 1.0
    if cleaned in ("a couple of", "couple of"):
        return 2.0
    if fraction := re.fullmatch(r"(\d+) 1/2", cleaned):
        return int(fraction.group(1)) + 0.5
    return parse_number(cleaned)


def _duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P3D, PT24H, P10Y for a decade, PXY when the amount is vague."""
    code = UNITS[unit]
    factor = 1
    if code == "DE":
        code, factor = "Y", 10
    elif code == "CE":
        code, factor = "Y", 100
    elif code == "Q":
        code, factor = "M", 3
    elif unit == "fortnight":
        factor = 2
    prefix = "PT" if unit in TIME_UNITS else "P"
    if amount is None:
        return f"{prefix}X{code}"
    total = amount * factor
    number = str(int(total)) if total == int(total) else f"{total:g}"
    return f"{prefix}{number}{code}"


def _approx_mod(text: str | None) -> str | None:
    if not text:
        return None
    lowered = re.sub(r"\s+", " ", text.lower())
    for key, mod in _APPROX_MOD.items():
        if lowered.startswith(key):
            return mod
    return None


def _edge_mod(text: str | None) -> str | None:
    if not text:
        return None
    for key, mod in _EDGE_MOD.items():
        if key in text.lower():
            return mod
    return None


def _clock_value(text: str) -> str | None:
    lowered = text.lower().strip()
    if lowered == "noon":
        return "T12:00"
    if lowered == "midnight":
        return "T24:00"
    match = re.match(r"(\d{1,2})(?::?(\d{2}))?\s*([ap])?", lowered)
    if not match:
        return None
    hour = int(match.group(1))
    minute = int(match.group(2) or 0)
    if match.group(3) == "p" and hour < 12:
        hour += 12
    elif match.group(3) == "a" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"T{hour:02d}:{minute:02d}"


# --------------------------------------------------------------------------- absolute dates


@_rule(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<h>\d{2}):(?P<mi>\d{2}))?", 5)
def _iso_date(match: re.Match[str], ctx: _Context) -> _Found | None:
    day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None:
        return None
    if match["h"]:
        return _Found("TIME", f"{day.isoformat()}T{match['h']}:{match['mi']}")
    return _Found("DATE", day.isoformat())


@_rule(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})", 5)
def _slash_date(match: re.Match[str], ctx: _Context) -> _Found | None:
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    month, day = (first, second) if first <= 12 else (second, first)
    parsed = _safe_date(year, month, day)
    return _Found("DATE", parsed.isoformat()) if parsed else None


def _full_date(
    ctx: _Context, start: int, end: int, month_word: str, day_text: str, year_text: str | None
) -> str | None:
    month = month_number(month_word)
    day = int(re.sub(r"\D", "", day_text))
    if month is None:
        return None
    if year_text:
        parsed = _safe_date(int(year_text), month, day)
        return parsed.isoformat() if parsed else None
    if ctx.anchor is None:
        return f"XXXX-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
    parsed = _date_for_day_month(month, day, ctx.anchor, ctx.tense(start, end))
    return parsed.isoformat() if parsed else None


_WD_PREFIX = rf"(?:{WEEKDAY},?\s+)?"
_TIME_SUFFIX = rf"(?:,?\s+(?:at\s+)?(?P<clock>{CLOCK}))?"


@_rule(
    rf"{_WD_PREFIX}(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?{_TIME_SUFFIX}", 3
)
def _month_day(match: re.Match[str], ctx: _Context) -> _Found | None:
    value = _full_date(ctx, match.start(), match.end(), match["m"], match["d"], match["y"])
    return _with_clock(value, match["clock"])


@_rule(
    rf"{_WD_PREFIX}(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?{_TIME_SUFFIX}", 3
)
def _day_month(match: re.Match[str], ctx: _Context) -> _Found | None:
    value = _full_date(ctx, match.start(), match.end(), match["m"], match["d"], match["y"])
    return _with_clock(value, match["clock"])


def _with_clock(value: str | None, clock: str | None) -> _Found | None:
    if value is None:
        return None
    if clock:
        clock_value = _clock_value(clock)
        if clock_value:
            return _Found("TIME", value + clock_value)
    return _Found("DATE", value)


_FULL_MONTHS = frozenset(_MONTH_FULL.lower().split("|"))
_MONTH_ALONE_OK_BEFORE = frozenset(
    [
        "in",
        "since",
        "by",
        "until",
        "till",
        "through",
        "throughout",
        "during",
        "from",
        "to",
        "before",
        "after",
        "between",
        "and",
        "of",
        "last",
        "next",
        "this",
        "early",
        "late",
        "mid",
        "end",
        "beginning",
        "start",
        "middle",
        "or",
        "on",
    ]
)


@_rule(
    rf"(?:(?P<edge>{EDGE})[\s-]+|(?P<rel>last|next|this|past|coming)\s+)?(?P<m>{MONTH})"
    rf"(?:,?\s+(?:of\s+)?(?P<y>{YEAR})|\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year)?",
    2,
)
def _month(match: re.Match[str], ctx: _Context) -> _Found | None:
    word = match["m"].rstrip(".")
    month = month_number(word)
    if month is None:
        return None
    has_context = match["edge"] or match["rel"] or match["y"] or match["yrel"]
    if not has_context:
        if word.lower() not in _FULL_MONTHS:
            return None  # "Jan", "Dec" alone are too often names
        if word.lower() in ("may", "march") and ctx.word_before(match.start()) not in (
            _MONTH_ALONE_OK_BEFORE
        ):
            return None
    mod = _edge_mod(match["edge"])
    if match["y"]:
        year = int(match["y"])
    elif match["yrel"] and ctx.anchor is not None:
        year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[match["yrel"].lower()]
    elif ctx.anchor is None:
        return _Found("DATE", f"XXXX-{month:02d}", mod)
    else:
        rel = (match["rel"] or "").lower()
        anchor = ctx.anchor
        if rel in ("last", "past"):
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif rel in ("next", "coming"):
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif rel == "this":
            year = anchor.year
        else:
            since = ctx.word_before(match.start()) == "since"
            tense = "past" if since else ctx.tense(match.start(), match.end())
            year = _year_for_month(month, anchor, tense)
    if ctx.word_before(match.start()) == "since":
        mod = mod or "ON_OR_AFTER"
    return _Found("DATE", f"{year:04d}-{month:02d}", mod)


@_rule(
    rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<fiscal>fiscal(?:\s+year)?|the\s+year|FY)\s*)?"
    rf"(?P<y>{YEAR})(?!\s*[-–]\s*\d)",
    1,
)
def _year(match: re.Match[str], ctx: _Context) -> _Found | None:
    after = ctx.text[match.end() : match.end() + 40]
    before = ctx.text[max(0, match.start() - 20) : match.start()]
    plain = not match["edge"] and not match["fiscal"]
    if plain and (_QUANTITY_NOUNS.match(after) or _QUANTITY_BEFORE.search(before)):
        return None  # "about 1900 people", "$2000": a quantity, not a year
    return _Found("DATE", match["y"], _edge_mod(match["edge"]))


@_rule(rf"(?P<y1>{YEAR_DIGITS})\s*[-–/]\s*(?P<y2>\d{{4}}|\d{{2}})\b(?![-/]\d)", 2)
def _year_range(match: re.Match[str], ctx: _Context) -> _Found | None:
    first = int(match["y1"])
    second_text = match["y2"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if not first < second <= first + 30:
        return None
    start, end = match.start(), match.end()
    text = ctx.text
    cut = start + len(match["y1"])
    parts = (
        Timex(text[start:cut], start, cut, "DATE", str(first)),
        Timex(text[end - len(second_text) : end], end - len(second_text), end, "DATE",
              str(second)),
    )  # fmt: skip
    return _Found("DATE", f"{first}/{second}", parts=parts)


@_rule(r"(?:the\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?(?P<dec>(?:1[5-9]|20)\d)0'?s", 2)
def _decade(match: re.Match[str], ctx: _Context) -> _Found | None:
    return _Found("DATE", match["dec"], _edge_mod(match["edge"]))


# --------------------------------------------------------------------------- quarters, seasons

_QUARTER_ORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"


@_rule(
    rf"(?:(?P<det>the|this|last|next|(?:this|last|next)\s+year's|the\s+year's)\s+)?"
    rf"(?:(?:fiscal|calendar)\s+)?{_QUARTER_ORD}[\s-]+quarters?"
    rf"(?:\s+of\s+(?:(?:fiscal|the\s+year)\s+)?(?P<y>{YEAR}))?",
    2,
)
def _ordinal_quarter(match: re.Match[str], ctx: _Context) -> _Found | None:
    ordinal = match["ord"].lower()
    number = ORDINALS.get(ordinal) or int(ordinal[0])
    if number == -1:
        number = 4
    det = (match["det"] or "").lower()
    if match["y"]:
        year = int(match["y"])
    elif ctx.anchor is None:
        return _Found("DATE", f"XXXX-Q{number}")
    elif det.startswith("last"):
        year = ctx.anchor.year - 1
    elif det.startswith("next"):
        year = ctx.anchor.year + 1
    else:
        year = ctx.anchor.year
        if number > quarter_of(ctx.anchor) and ctx.tense(match.start(), match.end()) != "future":
            year -= 1
    return _Found("DATE", f"{year}-Q{number}")


@_rule(rf"Q(?P<q>[1-4])(?:\s+(?P<y>{YEAR}))?", 2)
def _q_quarter(match: re.Match[str], ctx: _Context) -> _Found | None:
    if not match.group(0).startswith("Q"):
        return None
    if match["y"]:
        return _Found("DATE", f"{match['y']}-Q{match['q']}")
    if ctx.anchor is None:
        return _Found("DATE", f"XXXX-Q{match['q']}")
    return _Found("DATE", f"{ctx.anchor.year}-Q{match['q']}")


@_rule(rf"the\s+(?P<ord>first|second)\s+half\s+of\s+(?:the\s+year\s+)?(?P<y>{YEAR})?", 3)
def _half(match: re.Match[str], ctx: _Context) -> _Found | None:
    number = 1 if match["ord"].lower() == "first" else 2
    if match["y"]:
        return _Found("DATE", f"{match['y']}-H{number}")
    if ctx.anchor is None:
        return None
    return _Found("DATE", f"{ctx.anchor.year}-H{number}")


@_rule(
    rf"(?:(?P<rel>this|last|next|past|coming|early|late|mid)[\s-]+|(?P<the>the\s+))?"
    rf"(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR}))?",
    2,
)
def _season(match: re.Match[str], ctx: _Context) -> _Found | None:
    season = SEASONS[match["s"].lower()]
    rel = (match["rel"] or "").lower()
    if not (rel or match["y"]):
        before = ctx.word_before(match.start() + (len(match["the"]) if match["the"] else 0))
        if not match["the"] or before not in (
            "in",
            "during",
            "by",
            "until",
            "since",
            "over",
            "through",
            "throughout",
            "this",
            "of",
        ):
            return None  # "fall" as a verb, "the summer" as a noun phrase subject
    if match["y"]:
        return _Found("DATE", f"{match['y']}-{season}", _edge_mod(rel))
    if ctx.anchor is None:
        return _Found("DATE", f"XXXX-{season}")
    year = ctx.anchor.year
    season_start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    if rel in ("last", "past"):
        year = year - 1 if season_start >= ctx.anchor.month - 2 else year
    elif rel in ("next", "coming"):
        year = year + 1 if season_start <= ctx.anchor.month else year
    value = f"{year}-{season}"
    if match["the"]:
        start = match.start() + len(match["the"])
        return _Found("DATE", value, span=(start, match.end()))
    return _Found("DATE", value, _edge_mod(rel))


# --------------------------------------------------------------------------- deictic days, weekdays

_DEICTIC_OFFSET = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}


@_rule(
    rf"(?:(?P<edge>early|late)\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    rf"|today|tonight|tomorrow|yesterday|last\s+night|this\s+(?:morning|afternoon|evening))"
    rf"(?:\s+(?P<pod>{_PART_OF_DAY}))?{_TIME_SUFFIX}",
    3,
)
def _deictic(match: re.Match[str], ctx: _Context) -> _Found | None:
    words = re.sub(r"\s+", " ", match["w"].lower())
    if ctx.anchor is None:
        return _Found("DATE", None)
    if words == "the day before yesterday":
        day, part = ctx.anchor - timedelta(days=2), None
    elif words == "the day after tomorrow":
        day, part = ctx.anchor + timedelta(days=2), None
    elif words == "last night":
        day, part = ctx.anchor - timedelta(days=1), "NI"
    elif words.startswith("this "):
        day, part = ctx.anchor, PARTS_OF_DAY[words.split()[1]]
    else:
        day = ctx.anchor + timedelta(days=_DEICTIC_OFFSET[words])
        part = "NI" if words == "tonight" else None
    if match["pod"]:
        part = PARTS_OF_DAY[match["pod"].lower()]
    if match["clock"] and (clock := _clock_value(match["clock"])):
        return _Found("TIME", day.isoformat() + clock)
    if part:
        return _Found("TIME", f"{day.isoformat()}T{part}")
    return _Found("DATE", day.isoformat(), _edge_mod(match["edge"]))


@_rule(
    rf"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past|early|late)\s+)?"
    rf"(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{_PART_OF_DAY}))?{_TIME_SUFFIX}",
    2,
)
def _weekday(match: re.Match[str], ctx: _Context) -> _Found | None:
    weekday = weekday_number(match["wd"])
    if weekday is None:
        return None
    rel = re.sub(r"\s+", " ", (match["rel"] or "").lower())
    rel = {"this past": "last", "this coming": "next"}.get(rel, rel)
    edge = _edge_mod(rel) if rel in ("early", "late") else None
    if ctx.anchor is None:
        value = f"XXXX-WXX-{weekday + 1}"
    else:
        tense = ctx.tense(match.start(), match.end())
        value = _date_for_weekday(weekday, ctx.anchor, tense, rel).isoformat()
    if match["clock"] and (clock := _clock_value(match["clock"])):
        return _Found("TIME", value + clock)
    if match["pod"]:
        return _Found("TIME", f"{value}T{PARTS_OF_DAY[match['pod'].lower()]}")
    return _Found("DATE", value, edge)


@_rule(rf"(?:(?:at|around|about|by|before|after|until)\s+)?(?P<clock>{CLOCK})", 1)
def _clock(match: re.Match[str], ctx: _Context) -> _Found | None:
    clock = _clock_value(match["clock"])
    if clock is None:
        return None
    span = (match.start("clock"), match.end("clock"))
    if ctx.anchor is None:
        return _Found("TIME", f"XXXX-XX-XX{clock}", span=span)
    return _Found("TIME", ctx.anchor.isoformat() + clock, span=span)


# --------------------------------------------------------------------------- relative units

_REL_SHIFT = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
              "coming": 1, "following": 1}  # fmt: skip


@_rule(
    r"(?:(?P<el>earlier|later|early|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s+)?"
    r"(?P<the>the\s+)?(?P<rel>last|this|next|past|coming|previous|following|current)\s+"
    r"(?:fiscal\s+)?(?P<u>week|weekend|month|year|decade|century|quarter)",
    2,
)
def _relative_unit(match: re.Match[str], ctx: _Context) -> _Found | None:
    rel = match["rel"].lower()
    unit = match["u"].lower()
    mod = _edge_mod(match["el"]) if match["el"] and "early" not in match["el"].lower() else None
    if match["el"] and match["el"].lower() == "early":
        mod = "START"
    span = None
    if match["el"] and match["el"].lower() in ("earlier", "later"):
        span = (match.start("the") if match["the"] else match.start("rel"), match.end())
    before = ctx.text[max(0, match.start() - 12) : match.start()].lower()
    if rel != "this" and re.search(r"\b(?:over|for|during|throughout|within)\s+$", before):
        return _Found("DURATION", _duration_value(1, "day" if unit == "weekend" else unit))
    if ctx.anchor is None:
        return _Found("DATE", None, mod, span=span)
    amount = _REL_SHIFT[rel]
    if rel in ("previous", "following"):
        return _Found(
            "DATE",
            value_at_granularity(
                shift(ctx.anchor, unit if unit != "weekend" else "week", amount), unit
            ),
            mod,
            from_reference=lambda ref, u=unit, a=amount: value_at_granularity(
                shift(ref, u if u != "weekend" else "week", a), u
            ),
        )
    moved = shift(ctx.anchor, "week" if unit == "weekend" else unit, amount)
    if unit == "weekend" and rel == "this" and ctx.tense(match.start(), match.end()) == "past":
        moved = shift(ctx.anchor, "week", -1) if ctx.anchor.weekday() < 5 else ctx.anchor
    return _Found("DATE", value_at_granularity(moved, unit), mod, span=span)


@_rule(
    r"(?:the\s+)?(?P<edge>end|beginning|start|middle|turn)\s+of\s+the\s+(?P<u>year|month|week|decade|century)",
    1,
)
def _edge_of_unit(match: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.anchor is None:
        return None
    unit = match["u"].lower()
    return _Found("DATE", value_at_granularity(ctx.anchor, unit), _edge_mod(match["edge"]))


@_rule(
    r"(?P<w>the\s+(?:year|month|week)|(?:this|that)\s+(?:year|month|week))(?=\s*(?:'s|,|\.|;))", 0
)
def _the_unit(match: re.Match[str], ctx: _Context) -> _Found | None:
    words = match["w"].lower().split()
    if words[0] == "that" or ctx.anchor is None:
        return None
    unit = words[-1]
    return _Found("DATE", value_at_granularity(ctx.anchor, unit))


@_rule(
    rf"(?:(?P<approx>{APPROX})\s+)?(?P<n>{COUNT})[\s-]+(?P<u>{UNIT_WORDS})\s+"
    rf"(?P<dir>ago|earlier|before|later|after|afterwards|from\s+now|hence|back|on)"
    rf"(?!\s+(?:the|a|an|his|her|their|its|that|this|than)\b)",
    4,
)
def _offset(match: re.Match[str], ctx: _Context) -> _Found | None:
    unit = _unit_name(match["u"])
    direction = match["dir"].lower()
    amount = _count_value(match["n"])
    sign = 1 if direction in ("later", "after", "afterwards", "from now", "hence", "on") else -1
    mod = _approx_mod(match["approx"])
    if direction == "on" and not re.match(r"\d|\w+ (?:years|months)", match["n"]):
        return None
    if direction in ("before", "after", "on") and re.match(r"\s*\w", ctx.text[match.end() :]):
        return None  # "two days before the vote": a duration anchored on an event
    if amount is None:
        return _Found("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", mod)
    if amount != int(amount) or unit in TIME_UNITS:
        if ctx.anchor is None or unit not in TIME_UNITS:
            return None
        return _Found("DATE", ctx.anchor.isoformat(), mod)
    granularity = "week" if unit == "fortnight" else unit
    steps = int(amount) * (2 if unit == "fortnight" else 1)

    def from_day(day: date) -> str:
        return value_at_granularity(shift(day, granularity, sign * steps), granularity)

    if ctx.anchor is None:
        return _Found("DATE", None, mod)
    anaphoric = direction not in ("ago", "from now", "hence", "back")
    return _Found("DATE", from_day(ctx.anchor), mod, from_reference=from_day if anaphoric else None)


@_rule(
    r"(?P<w>the\s+(?:next|following|previous|same)\s+(?:day|morning|evening|night|week|month|year)"
    r"|the\s+day\s+(?:before|after)|that\s+(?:day|night|morning|evening))",
    1,
)
def _anaphoric_day(match: re.Match[str], ctx: _Context) -> _Found | None:
    words = match["w"].lower().split()
    offset = {"next": 1, "following": 1, "previous": -1, "same": 0, "before": -1, "after": 1}
    amount = offset.get(words[1] if words[0] == "the" and words[1] != "day" else words[-1], 0)
    unit = words[2] if words[0] == "the" and words[1] != "day" else "day"
    if unit in ("morning", "evening", "night"):
        part = PARTS_OF_DAY[unit]

        def resolve(day: date) -> str:
            return f"{shift(day, 'day', amount).isoformat()}T{part}"

        kind: TimexType = "TIME"
    else:
        if words[0] == "that" and words[1] != "day":
            part = PARTS_OF_DAY[words[1]]

            def resolve(day: date) -> str:
                return f"{day.isoformat()}T{part}"

            kind = "TIME"
        else:

            def resolve(day: date) -> str:
                return value_at_granularity(shift(day, unit, amount), unit)

            kind = "DATE"
    if ctx.anchor is None:
        return _Found(kind, None, from_reference=resolve)
    return _Found(kind, resolve(ctx.anchor), from_reference=resolve)


# --------------------------------------------------------------------------- durations and sets


@_rule(
    rf"(?:(?P<pre>(?:the|a|its|their|his|her)\s+(?:past|last|next|first|coming|previous|"
    rf"following|final|remaining|initial|subsequent)|(?:past|last|next|first|another|recent)|the|"
    rf"(?P<approx>{APPROX}))\s+)?(?P<n>{COUNT}(?:\s+and\s+a\s+half)?)[\s-]+(?P<u>{UNIT_WORDS})"
    r"(?P<adj>-(?:long|old))?",
    3,
)
def _duration(match: re.Match[str], ctx: _Context) -> _Found | None:
    if match["adj"] and match["adj"].lower() == "-old":
        return None  # ages ("a 10-year-old boy") are not time of events
    after = ctx.text[match.end() : match.end() + 12].lower()
    if re.match(r"\s*old\b", after):
        return None
    unit = _unit_name(match["u"])
    count_text = match["n"]
    half = bool(re.search(r"and\s+a\s+half", count_text, re.I))
    count_text = re.sub(r"\s+and\s+a\s+half", "", count_text, flags=re.I)
    amount = _count_value(count_text)
    plural = match["u"].lower().endswith("s") or match["u"].lower() == "centuries"
    if amount is not None and amount == 1 and plural and count_text.lower() in ("a", "an"):
        return None
    if amount is None and not re.match(VAGUE_COUNT, count_text, re.I):
        return None
    if amount is not None and half:
        amount += 0.5
    if unit == "quarter" and amount is None:
        return None
    if amount is not None and amount >= 1000 and unit not in TIME_UNITS and unit != "day":
        return None  # "the 1988 quarter" names a period, it does not count 1988 of them
    mod = _approx_mod(match["approx"])
    span = None
    if match["approx"] and re.match(_SPAN_EXCLUDED_APPROX, match["approx"], re.IGNORECASE):
        span = (match.start("n"), match.end())
    # A bare "a day"/"one year" after a count of events ("twice a day") is a frequency.
    if count_text.lower() in ("a", "an", "per") and re.search(
        r"\b(?:once|twice|times|per)\s*$", ctx.text[max(0, match.start() - 12) : match.start()]
    ):
        return _Found("SET", _duration_value(1, unit))
    return _Found("DURATION", _duration_value(amount, unit), mod, span=span)


@_rule(
    r"(?:(?P<pre>for|over|in|within|after|recent|the\s+coming|the\s+next\s+few|the\s+past\s+few|"
    r"the\s+last\s+few|the\s+past|the\s+last)\s+)(?P<u>seconds|minutes|hours|days|weeks|months|"
    r"years|decades|centuries)",
    1,
)
def _bare_plural(match: re.Match[str], ctx: _Context) -> _Found | None:
    pre = re.sub(r"\s+", " ", match["pre"].lower())
    unit = _unit_name(match["u"])
    if pre == "recent" and unit in ("year", "decade"):
        return _Found("DATE", "PAST_REF")
    if pre in ("for", "over", "in", "within", "after"):
        after = ctx.text[match.end() : match.end() + 10].lower()
        if re.match(r"\s*(?:of|to come|old)\b", after) and pre != "for":
            return None
        return _Found("DURATION", _duration_value(None, unit), span=(match.start("u"), match.end()))
    return _Found("DURATION", _duration_value(None, unit))


@_rule(
    r"(?P<w>(?:every|each|per)\s+(?:(?P<n>other|two|three|four|five|six|\d+)\s+)?"
    r"(?P<u>second|minute|hour|day|week|month|year|morning|night|evening|weekend)s?"
    r"|daily|weekly|monthly|annually|yearly|hourly|nightly)",
    2,
)
def _set(match: re.Match[str], ctx: _Context) -> _Found | None:
    word = match["w"].lower()
    adverbs = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
               "yearly": "P1Y", "hourly": "PT1H", "nightly": "TNI"}  # fmt: skip
    if word in adverbs:
        return _Found("SET", adverbs[word])
    unit = match["u"].lower()
    if unit in ("morning", "night", "evening"):
        return _Found("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
    if unit == "weekend":
        return _Found("SET", "XXXX-WXX-WE")
    count_word = (match["n"] or "").lower()
    amount = 2.0 if count_word == "other" else (_count_value(count_word) if count_word else 1.0)
    return _Found("SET", _duration_value(amount, unit))


@_rule(rf"(?P<every>every|each)\s+(?P<m>{MONTH})", 3)
def _set_month(match: re.Match[str], ctx: _Context) -> _Found | None:
    month = month_number(match["m"])
    return _Found("SET", f"XXXX-{month:02d}") if month else None


@_rule(rf"(?P<every>every|each)\s+(?P<wd>{WEEKDAY})", 3)
def _set_weekday(match: re.Match[str], ctx: _Context) -> _Found | None:
    weekday = weekday_number(match["wd"])
    return _Found("SET", f"XXXX-WXX-{(weekday or 0) + 1}")


@_rule(r"(?:half\s+an?\s+(?P<u>hour|day|year|century|decade)|an?\s+half[\s-]hour)", 4)
def _half_unit(match: re.Match[str], ctx: _Context) -> _Found | None:
    unit = (match["u"] or "hour").lower()
    return _Found("DURATION", _duration_value(0.5, unit) if unit != "hour" else "PT30M")


# --------------------------------------------------------------------------- vague references

_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "the present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "at this time": "PRESENT_REF",
    "the moment": "PRESENT_REF", "this time": "PRESENT_REF", "so far": None,
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF",
    "in the past": "PAST_REF", "formerly": "PAST_REF", "once": None, "earlier": None,
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "shortly": "FUTURE_REF", "in the near future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the coming days": None, "recent": "PAST_REF",
    "at the time": "PAST_REF",
}  # fmt: skip


@_rule(
    r"(?P<w>right\s+now|now|currently|at\s+present|the\s+present|nowadays|these\s+days|"
    r"at\s+the\s+moment|recently|lately|the\s+past|previously|formerly|soon|"
    r"the\s+(?:near\s+)?future|shortly|recent|future|at\s+the\s+time)",
    0,
)
def _reference(match: re.Match[str], ctx: _Context) -> _Found | None:
    words = re.sub(r"\s+", " ", match["w"].lower())
    value = _REFS.get(words)
    if value is None:
        return None
    after = ctx.text[match.end() : match.end() + 20]
    before = ctx.text[max(0, match.start() - 12) : match.start()].lower()
    if words == "now" and re.match(r"\s*that\b", after):
        return None  # "now that ...": a conjunction
    if words in ("recent", "future"):
        # Adjectives count only before a time noun: "recent years" is caught elsewhere, and
        # "future generations" is not a date.
        return None
    if words == "the past" and re.match(r"\s+(?:\d|[a-z]+\s+(?:days|weeks|months|years))", after):
        return None
    if words == "soon" and re.search(r"(?:as|how|too)\s+$", before):
        return None
    if words == "shortly" and re.match(r"\s+(?:after|before)", after):
        return None
    return _Found("DATE", value)


_ORDINAL_WORDS = "|".join(ORDINALS)


@_rule(
    rf"(?:the\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?(?:(?P<num>\d{{1,2}})(?:st|nd|rd|th)"
    rf"|(?P<word>{_ORDINAL_WORDS}|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
    rf"seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[\s-]+century",
    3,
)
def _ordinal_century(match: re.Match[str], ctx: _Context) -> _Found | None:
    if match["num"]:
        number = int(match["num"])
    else:
        word = match["word"].lower()
        teens = ["eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                 "seventeenth", "eighteenth", "nineteenth", "twentieth"]  # fmt: skip
        number = ORDINALS.get(word) or (teens.index(word) + 11 if word in teens else 21)
    if not 1 <= number <= 21:
        return None
    return _Found("DATE", f"{number - 1:02d}", _edge_mod(match["edge"]))


# --------------------------------------------------------------------------- ranges


@_rule(
    rf"(?:between|from)\s+(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?\s*(?:and|to|until|till|through|"
    rf"-|–)\s*(?P<d2>{DAY})(?:\s+of)?\s+(?P<m2>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
    6,
)
def _day_first_range(match: re.Match[str], ctx: _Context) -> _Found | None:
    return _day_range(
        match,
        ctx,
        (match.start("d1"), match.end("m1") if match["m1"] else match.end("d1")),
        (match.start("d2"), match.end()),
    )


@_rule(
    rf"(?:(?:between|from)\s+)?(?P<m1>{MONTH})\s+(?P<d1>{DAY})\s*(?:and|to|until|till|through|-|–)"
    rf"\s*(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?",
    6,
)
def _month_first_range(match: re.Match[str], ctx: _Context) -> _Found | None:
    return _day_range(
        match,
        ctx,
        (match.start("m1"), match.end("d1")),
        (match.start("m2") if match["m2"] else match.start("d2"), match.end()),
    )


@_rule(rf"(?P<d1>{DAY})\s*[-–]\s*(?P<d2>{DAY})\s+(?P<m2>{MONTH})(?:,?\s+(?P<y>{YEAR}))?", 6)
def _dash_range(match: re.Match[str], ctx: _Context) -> _Found | None:
    return _day_range(
        match, ctx, (match.start("d1"), match.end("d1")), (match.start("d2"), match.end())
    )


def _day_range(
    match: re.Match[str], ctx: _Context, first_span: tuple[int, int], second_span: tuple[int, int]
) -> _Found | None:
    groups = match.groupdict()
    month_two = groups.get("m2") or groups.get("m1")
    month_one = groups.get("m1") or month_two
    if not month_one or not month_two:
        return None
    first = _full_date(ctx, match.start(), match.end(), month_one, groups["d1"], groups.get("y"))
    second = _full_date(ctx, match.start(), match.end(), month_two, groups["d2"], groups.get("y"))
    if first is None or second is None or (first > second and "X" not in first):
        return None
    text = ctx.text
    parts = (
        Timex(text[first_span[0] : first_span[1]], *first_span, "DATE", first),
        Timex(text[second_span[0] : second_span[1]], *second_span, "DATE", second),
    )
    return _Found("DATE", f"{first}/{second}", parts=parts)


_CLOCK_ONLY = re.compile(rf"^{CLOCK}$", re.IGNORECASE)
_CLOCK_THEN_DATE = re.compile(r"^\s*(?:(?:[A-Z]{2,4}T|GMT|UTC)\b)?,?\s*(?:on\s+)?$")
_DATE_THEN_CLOCK = re.compile(r"^,?\s*(?:at\s+)?$")


def _attach_clocks(timexes: list[Timex], text: str) -> list[Timex]:
    """Join a clock time and the day it belongs to: "10 p.m. Wednesday", "Nov. 6 at noon"."""
    merged: list[Timex] = []
    index = 0
    while index < len(timexes):
        current = timexes[index]
        following = timexes[index + 1] if index + 1 < len(timexes) else None
        if following is not None:
            gap = text[current.end : following.start]
            pair: tuple[Timex, Timex] | None = None
            if _CLOCK_ONLY.match(current.text) and _CLOCK_THEN_DATE.match(gap):
                pair = (following, current)
            elif _CLOCK_ONLY.match(following.text) and _DATE_THEN_CLOCK.match(gap):
                pair = (current, following)
            if pair and pair[0].type == "DATE" and _is_day_value(pair[0].value) and pair[1].value:
                day, clock = pair
                clock_part = clock.value[clock.value.index("T") :] if "T" in clock.value else ""
                merged.append(
                    Timex(text[current.start : following.end], current.start, following.end,
                          "TIME", f"{day.value}{clock_part}")
                )  # fmt: skip
                index += 2
                continue
        merged.append(current)
        index += 1
    return merged


_RANGE_JOIN = re.compile(r"^\s*(?:-|–|to|until|till|through|and)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:\bfrom|\bbetween)\s+$", re.IGNORECASE)


def _join_ranges(timexes: list[Timex], text: str) -> list[Timex]:
    """Merge "from A to B" / "between A and B" where A and B are dates into one range."""
    merged: list[Timex] = []
    index = 0
    while index < len(timexes):
        current = timexes[index]
        if index + 1 < len(timexes):
            following = timexes[index + 1]
            between = text[current.end : following.start]
            opener = _RANGE_OPEN.search(text[max(0, current.start - 10) : current.start])
            if (
                opener
                and _RANGE_JOIN.match(between)
                and current.type == following.type == "DATE"
                and current.value
                and following.value
                and not current.parts
                and not following.parts
            ):
                start = current.start - len(opener.group(0))
                merged.append(
                    Timex(text[start : following.end], start, following.end, "DATE",
                          f"{current.value}/{following.value}", parts=(current, following))
                )  # fmt: skip
                index += 2
                continue
        merged.append(current)
        index += 1
    return merged


# --------------------------------------------------------------------------- public API


def _as_date(anchor: date | datetime | str | None) -> date | None:
    if anchor is None:
        return None
    if isinstance(anchor, datetime):
        return anchor.date()
    if isinstance(anchor, date):
        return anchor
    try:
        return datetime.fromisoformat(anchor.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _is_day_value(value: str | None) -> bool:
    return bool(value and re.match(r"^\d{4}-\d{2}-\d{2}", value) and "/" not in value)


_LOWER_CALENDAR = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|april|"
    r"june|july|august|september|october|november|december)\b"
)


def recase_calendar_words(text: str) -> str:
    """A lower-cased text (some archives keep only that) with day and month names capitalised.

    The same length, so offsets hold. Only in text that is nearly all lower case, and never
    "may" or "march", which are also common words.
    """
    letters = sum(c.isalpha() for c in text) or 1
    if sum(c.isupper() for c in text) > 0.01 * letters:
        return text
    return _LOWER_CALENDAR.sub(lambda m: m.group(0).capitalize(), text)


def tag_times(text: str, anchor: date | datetime | str | None, *, doc: Any = None) -> list[Timex]:
    """All temporal expressions in ``text``, normalised against ``anchor`` (the article date).

    ``doc`` is an optional spaCy parse of the same text; with it, the tense that decides which
    way "on Tuesday" points comes from the governing verb instead of nearby cue words.
    """
    text = recase_calendar_words(text)
    ctx = _Context(text, _as_date(anchor), doc)
    candidates: list[tuple[int, int, int, _Found]] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            found = rule.handler(match, ctx)
            if found is None:
                continue
            start, end = found.span or match.span()
            while end > start and text[end - 1] in " ,":
                end -= 1
            candidates.append((start, end, rule.priority, found))
    candidates.sort(key=lambda item: (-(item[1] - item[0]), -item[2], item[0]))
    taken: list[tuple[int, int, _Found]] = []
    for start, end, _priority, found in candidates:
        if any(start < other_end and other_start < end for other_start, other_end, _ in taken):
            continue
        taken.append((start, end, found))
    taken.sort(key=lambda item: item[0])
    result: list[Timex] = []
    reference: date | None = ctx.anchor
    for start, end, found in taken:
        value = found.value
        if found.from_reference is not None and reference is not None:
            value = found.from_reference(reference)
        timex = Timex(text[start:end], start, end, found.type, value, found.mod, found.parts)
        result.append(timex)
        if found.from_reference is None and _is_day_value(value) and found.type == "DATE":
            reference = date.fromisoformat(value[:10])  # type: ignore[index]
    return _join_ranges(_attach_clocks(result, text), text)


def resolve_date(
    expression: str, anchor: date | datetime | str | None, tense: Tense | None = None
) -> str | dict[str, str] | None:
    """The calendar date (ISO day, or ``{"start", "end"}``) one phrase like "on Tuesday" names.

    ``tense`` overrides the cue-word guess when the caller knows it from the sentence.
    """
    if tense is not None:
        cue = {"past": "it happened", "present": "it happens", "future": "it will happen"}[tense]
        text = f"{cue} {expression}"
        timexes = [t for t in tag_times(text, anchor) if t.start >= len(cue)]
    else:
        timexes = tag_times(expression, anchor)
    for timex in timexes:
        resolved = timex.contract_date()
        if resolved is not None:
            return resolved
    return None
