"""Article metadata (title, publisher, authors, publication date) read off a page.

Scrapes rarely carry clean metadata: the headline sits among navigation and teasers, the
outlet shows up as a masthead, a copyright line or a wire credit, and a header often shows the
site's *today* date, which is not when the article was published. Everything here works from
plain inputs (lines with the chrome classifier's labels when it has run, a URL, fields a
record supplied, the crawl date) and keeps the string each value was read from, so a reader
can audit it. A field without evidence stays empty: no date is ever made up.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from storyline.model import Line

# ---------------------------------------------------------------------------------------------
# Result


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date, YYYY-MM-DD
    published_source: str | None = None  # "metadata", "byline", "text" or None
    wire: str | None = None  # news agency credited on the page (a reprint keeps its site)
    flags: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)  # field -> string it was read from

    def add_flag(self, flag: str) -> None:
        if flag not in self.flags:
            self.flags.append(flag)


# ---------------------------------------------------------------------------------------------
# Outlet table


@dataclass(frozen=True, slots=True)
class _Outlets:
    by_domain: dict[str, str]
    by_alias: dict[str, str]  # lower-cased alias -> name (aliases longer than 4 characters)
    by_exact_alias: dict[str, str]  # short all-caps aliases ("AP", "AFP", "BBC"): exact case
    wires: frozenset[str]  # names of news agencies

    def lookup_alias(self, text: str) -> str | None:
        text = _squash(text).strip(" .,:;|-–—()[]")
        if not text:
            return None
        if text in self.by_exact_alias:
            return self.by_exact_alias[text]
        return self.by_alias.get(text.lower())


@lru_cache(maxsize=1)
def _outlets() -> _Outlets:
    table = json.loads((Path(__file__).with_name("publishers.json")).read_text("utf-8"))
    by_domain: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    by_exact: dict[str, str] = {}
    wires: set[str] = set()
    for group in ("outlets", "wires"):  # wires last: an agency's own alias wins a clash
        for entry in table[group]:
            name = entry["name"]
            if group == "wires":
                wires.add(name)
            for domain in entry["domains"]:
                by_domain[domain.lower()] = name
            for alias in [name, *entry["aliases"]]:
                if len(alias) <= 4 and alias.upper() == alias:
                    by_exact[alias] = name
                else:
                    by_alias[alias.lower()] = name
    return _Outlets(by_domain, by_alias, by_exact, frozenset(wires))


# Second-level labels under which registrars sell names ("bbc.co.uk", "news24.com.ng").
_SECOND_LEVEL = frozenset(
    {"co", "com", "org", "net", "gov", "ac", "edu", "news", "info", "gen", "ltd", "plc", "or"}
)
_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.", "edition.", "www1.", "www2.")


def _host(url: str) -> str | None:
    candidate = url.strip()
    if "://" not in candidate:
        candidate = "http://" + candidate
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host


def _registrable_domain(host: str) -> str:
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def publisher_from_url(url: str) -> str | None:
    """The outlet behind a URL: a readable name for known domains, else the bare domain."""
    if not url:
        return None
    host = _host(url)
    if host is None:
        return None
    outlets = _outlets()
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = outlets.by_domain.get(".".join(labels[start:]))
        if name:
            return name
    return _registrable_domain(host)


def _is_known_outlet_url(url: str | None) -> bool:
    host = _host(url) if url else None
    if host is None:
        return False
    labels = host.split(".")
    return any(".".join(labels[i:]) in _outlets().by_domain for i in range(len(labels) - 1))


# ---------------------------------------------------------------------------------------------
# Wire credits

_PHOTO_CONTEXT = re.compile(r"(photo|image|picture|getty|video|graphic|illustration)", re.I)


def wire_credit(text: str) -> str | None:
    """The news agency a byline or dateline credits, ignoring photo credits."""
    if not text:
        return None
    outlets = _outlets()
    # "(Reuters)", "(AP) —", "BEIRUT, Oct 12 (AFP) -"
    for match in re.finditer(r"\(([^()]{2,40})\)", text):
        name = outlets.lookup_alias(match.group(1))
        if name in outlets.wires and not _photo_credit(text, match.start(), match.end()):
            return name
    # "Jane Doe, Reuters", "By AFP", "— Associated Press"
    for match in re.finditer(r"[^,|;/()\u2013\u2014]+", text):
        segment = re.sub(r"^\s*(by|via|source:|from)\s+", "", match.group(0), flags=re.I)
        segment = re.sub(r"\s+(staff|reporters?|correspondents?|news)\s*$", "", segment, flags=re.I)
        name = outlets.lookup_alias(segment)
        if name in outlets.wires and not _photo_credit(text, match.start(), match.end()):
            return name
    # Long agency names anywhere: "a report by Agence France-Presse"
    for alias, name in outlets.by_alias.items():
        if name not in outlets.wires or len(alias) < 7:
            continue
        for match in re.finditer(rf"\b{re.escape(alias)}\b", text, flags=re.I):
            if not _photo_credit(text, match.start(), match.end()):
                return name
    return None


def _photo_credit(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 25) : start]
    after = text[end : end + 8]
    return bool(_PHOTO_CONTEXT.search(before) or after.lstrip().startswith("/"))


# ---------------------------------------------------------------------------------------------
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
_YEAR_RE = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)([-/.])(?P<mnum>[01]?\d)\2(?P<day>[0-3]?\d)(?!\d)"),
    re.compile(rf"\b{_WEEKDAY_RE}{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+{_YEAR_RE})?\b", re.I),
    re.compile(rf"\b{_WEEKDAY_RE}{_MONTH_RE}\s+{_DAY_RE}\b(?:,?\s+{_YEAR_RE}\b)?", re.I),
    re.compile(r"\b(?P<d1>[0-3]?\d)(?P<sep>[./])(?P<d2>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
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
# Text helpers

_SPACES = re.compile(r"\s+")
_KEEP_REASONS = frozenset({"body", "title", "byline", "dateline", "standfirst", "lead", "subtitle"})
_CHROME_MARKS = re.compile(
    r"°|\b(weather|today is|sunrise|sunset|humidity|login|log in|sign in|subscribe|e-?paper)\b",
    re.I,
)
_BREADCRUMB = re.compile(r"\s(>|»|›|→|/|\\)\s|^home\b", re.I)
_NAV_WORDS = frozenset(
    {
        "home", "news", "world", "sport", "sports", "business", "opinion", "politics", "menu",
        "search", "video", "videos", "more", "share", "comments", "advertisement", "subscribe",
        "newsletter", "login", "sign in", "register", "contact", "about", "live", "latest",
    }
)  # fmt: skip
_CHROME_PHRASES = re.compile(
    r"\b(\d+\s*min(ute)?s?\s+read|read more|listen to (this )?article|sign up (for|to)"
    r"|subscribe (now|today|to)|advertisement|share (this|on)|comments?\s*\(?\d*\)?$|skip to"
    r"|all rights reserved|follow us|click here|most (read|popular|viewed)"
    r"|related (articles?|stories))\b",
    re.I,
)
_CAPTION = re.compile(
    r"^(photo|photograph|image|picture|media caption|caption|credit|source)\b"
    r"|\b(photograph|photo|image)\s*:|\(AP Photo|getty images|/AFP\b",
    re.I,
)
_PUBLISHED_PREFIX = re.compile(
    r"^\s*(?:first\s+)?(?:published|posted|released|date\s*:|dated|issued|created)\s*(?:on|at)?\s*:?",
    re.I,
)
_UPDATED_PREFIX = re.compile(r"^\s*(last\s+)?(updated|modified|edited)\b", re.I)
_FUTURE_CONTEXT = re.compile(
    r"\b(?:(?:until|till|by|before|from|scheduled|expected|due|planned|set|deadline|next)"
    r"\s+(?:on\s+|for\s+|the\s+)?|will\s+\w+\s+(?:on\s+)?)$",
    re.I,
)
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'\- ]{1,30}?)?)"
    r"(?:\s*,\s*(?P<when>[A-Za-z]{3,9}\.?\s+\d{1,2}|\d{1,2}\s+[A-Za-z]{3,9}\.?))?"
    r"\s*(?:\((?P<credit>[^()]{2,40})\))?\s*[-\u2013\u2014:]+\s+\S"
)


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _normal(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’\-]+", text)


def _is_prose(text: str) -> bool:
    """Looks like a paragraph of an article rather than a heading or a link."""
    words = _words(text)
    if len(words) >= 25:
        return True
    return len(words) >= 10 and text.rstrip().endswith((".", "!", "?", '"', "”", "’", "'", ":"))


def _is_date_only(text: str) -> bool:
    """The line is a date (maybe with a time, a weekday, a prefix or weather), nothing more."""
    mentions = find_dates(text)
    if not mentions:
        return False
    rest = text
    for mention in reversed(mentions):
        rest = rest[: mention.start] + " " + rest[mention.end :]
    rest = _PUBLISHED_PREFIX.sub(" ", rest)
    rest = _UPDATED_PREFIX.sub(" ", rest)
    rest = re.sub(
        r"\b\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?\b|\b(GMT|UTC|BST|CET|EET|EST|ET)\b", " ", rest
    )
    return len(_words(rest)) <= 3


def _dateline(text: str) -> re.Match[str] | None:
    """An agency-style dateline opening a paragraph: "BEIRUT, Oct 12 (Reuters) - ..."."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    place = match.group("place")
    # A dateline place is written in capitals, or it carries a credit or a date.
    if not (place.upper() == place or match.group("credit") or match.group("when")):
        return None
    return match


# ---------------------------------------------------------------------------------------------
# Authors

_BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:written|words|story|text|posted|report(?:ing)?|compiled)\s+by|by|author(?:s)?\s*:"
    r"|writer\s*:|reporter\s*:)\s*:?\s*",
    re.I,
)
_NAME_PARTICLES = frozenset(
    {"al", "el", "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "ibn",
     "abu", "dos", "das", "del", "y", "ben", "bint", "ul", "ud"}
)  # fmt: skip
_ROLE_WORDS = frozenset(
    {"correspondent", "reporter", "reporters", "editor", "editors", "staff", "writer", "writers",
     "news", "agency", "desk", "team", "bureau", "contributor", "contributors", "service",
     "reporting", "editing", "analysis", "opinion", "columnist", "producer", "journalist",
     "media", "press", "network", "online", "international", "times", "post", "daily",
     "updated", "published", "posted", "photo", "photos", "video", "and", "more", "read",
     "share", "follow", "email", "twitter", "comments", "minutes", "min", "ago", "today",
     "yesterday", "am", "pm", "gmt", "utc", "the", "of", "in", "for"}
)  # fmt: skip
_NOT_NAMES = frozenset(
    set(_WEEKDAYS) | set(_MONTHS)
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
       "january", "february", "march", "april", "june", "july", "august", "september",
       "october", "november", "december"}
)  # fmt: skip


def _clean_name(part: str) -> str | None:
    """A person's name from one byline fragment, or None if it is not one."""
    part = re.sub(r"\s+(in|at|from|for|with|of)\s+[A-Z].*$", "", part.strip())
    # "Posted by Jane Doe on 3 May": the date is cut out, leaving a dangling "on".
    part = re.sub(r"\s+(on|at|in|am|um|le|el)\s*$", "", part, flags=re.I)
    part = re.sub(r"^(and|&)\s+", "", part.strip(), flags=re.I)
    part = part.strip(" .:;|-–—•·*@")
    tokens = part.split()
    if not 2 <= len(tokens) <= 5:
        return None
    if part.isupper():
        tokens = [t.capitalize() if not re.match(r"^[A-Z]\.$", t) else t for t in tokens]
    for token in tokens:
        bare = token.strip(".,'’").lower()
        if bare in _NOT_NAMES or bare in _ROLE_WORDS or any(c.isdigit() for c in token):
            return None
        if bare in _NAME_PARTICLES or re.match(r"^(al|el|ad|as|ash|an|ar|at)-", bare):
            continue
        if not token[0].isupper():
            return None
    name = " ".join(tokens)
    outlets = _outlets()
    if outlets.lookup_alias(name) is not None:
        return None
    return name


def parse_byline(text: str) -> list[str]:
    """People named in a byline: "By Jane Doe and John Roe", "Jane Doe, Reuters"."""
    body = _BYLINE_PREFIX.sub("", text, count=1)
    for mention in reversed(find_dates(body)):
        body = body[: mention.start] + " | " + body[mention.end :]
    body = re.sub(r"\b\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?", " | ", body, flags=re.I)
    body = re.sub(r"\((?:[^()]*)\)", " | ", body)
    names: list[str] = []
    for part in re.split(r"\s*(?:,|;|\||/|•|·|\band\b|&|\u2013|\u2014|\s-\s)\s*", body):
        name = _clean_name(part)
        if name and name not in names:
            names.append(name)
    return names


def _looks_like_byline(text: str, *, labelled: bool) -> bool:
    """A byline line: a 'By ...' prefix or, when labelled as one, names and credits only."""
    squashed = _squash(text)
    if len(_words(squashed)) > 16:
        return False
    if _BYLINE_PREFIX.match(squashed):
        rest = _BYLINE_PREFIX.sub("", squashed, count=1)
        return bool(parse_byline(squashed)) or wire_credit(rest) is not None
    if labelled or _outlets().lookup_alias(squashed) in _outlets().wires:
        return True  # a line that is only an agency's name credits the story to it
    # "Jane Doe, Reuters" / "Jane Doe | AFP": names then an agency credit, nothing else.
    parts = [p.strip() for p in re.split(r"\s*[,|]\s*", squashed) if p.strip()]
    if len(parts) >= 2 and _outlets().lookup_alias(parts[-1]) is not None:
        return all(_clean_name(p) for p in parts[:-1])
    return False


def _authors_from_field(value: Any) -> list[str]:
    """Names from a supplied or HTML author field (a string with separators or a list)."""
    if not value:
        return []
    items = [value] if isinstance(value, str) else list(value)
    names: list[str] = []
    for item in items:
        for name in parse_byline(str(item)):
            if name not in names:
                names.append(name)
    return names


# ---------------------------------------------------------------------------------------------
# Titles

_TITLE_SEPARATORS = re.compile(r"\s+(\||-|–|—|::|:|•|·)\s+")


def clean_title(title: str, site_names: Iterable[str] = ()) -> str | None:
    """A headline without the site's name tacked on, or None if only the site name is left."""
    title = _squash(title)
    names = {_normal(n) for n in site_names if n}
    while True:
        separators = list(_TITLE_SEPARATORS.finditer(title))
        if not separators:
            break
        last, first = separators[-1], separators[0]
        head, suffix = title[: last.start()], title[last.end() :]
        prefix, rest = title[: first.start()], title[first.end() :]
        if _is_site_name(suffix, names) and len(_words(head)) >= 2:
            title = head.strip()
        elif _is_site_name(prefix, names) and len(_words(rest)) >= 2:
            title = rest.strip()
        elif (
            last.group(1) == "|"
            and len(separators) == 1
            and len(_words(suffix)) <= 4
            and len(_words(head)) >= 3
        ):
            title = head.strip()  # "Headline | Some Site": a pipe marks a suffix we do not know
        else:
            break
    if not title or _is_site_name(title, names):
        return None
    return title


def _is_site_name(text: str, site_names: set[str]) -> bool:
    normal = _normal(text)
    if not normal:
        return True
    return normal in site_names or _outlets().lookup_alias(text) is not None or _is_domain(text)


def _is_domain(text: str) -> bool:
    return bool(re.fullmatch(r"(?:[\w-]+\.)+[a-z]{2,}", text.strip().lower()))


def _headline_like(text: str) -> bool:
    words = _words(text)
    if not 3 <= len(words) <= 30 or len(text) > 250:
        return False
    if text.rstrip().endswith(".") and len(words) >= 8:
        return False  # a sentence: standfirst or caption
    if _BREADCRUMB.search(text) or text.count("|") >= 2:
        return False
    if _is_date_only(text) or _BYLINE_PREFIX.match(text):
        return False
    if not any(c.isalpha() and c.isupper() for c in text[:3]):
        return False
    if _CHROME_PHRASES.search(text) or _CAPTION.search(text):
        return False
    lowered = {w.lower() for w in words}
    return not lowered <= _NAV_WORDS


# ---------------------------------------------------------------------------------------------
# Reading a page


@dataclass(slots=True)
class _Page:
    lines: list[Line]
    labelled: bool
    counts: Counter[str]
    body_start: int
    body_end: int

    def is_chrome(self, index: int) -> bool:
        reason = self.lines[index].reason
        return self.labelled and reason not in _KEEP_REASONS

    def is_body(self, index: int) -> bool:
        line = self.lines[index]
        if self.labelled:
            return line.keep and line.reason == "body"
        return self.body_start <= index < self.body_end and _is_prose(line.text)


def _read_page(lines: Sequence[Line]) -> _Page:
    cleaned = [line for line in lines if line.text and line.text.strip()]
    labelled = any(line.reason != "body" or not line.keep for line in cleaned)
    counts = Counter(_normal(line.text) for line in cleaned)
    body = [
        i
        for i, line in enumerate(cleaned)
        if (line.keep and line.reason == "body" if labelled else True) and _is_prose(line.text)
    ]
    if not body and labelled:
        body = [i for i, line in enumerate(cleaned) if line.keep and line.reason == "body"]
    start = body[0] if body else len(cleaned)
    end = body[-1] + 1 if body else len(cleaned)
    return _Page(list(cleaned), labelled, counts, start, end)


def text_metadata(
    lines: list[Line],
    *,
    url: str | None = None,
    supplied: dict | None = None,
    fetched: str | None = None,
    site_names: Iterable[str] = (),
) -> Metadata:
    """Metadata of a plain-text page from its classified lines; supplied values win if valid."""
    supplied = supplied or {}
    url = url or supplied.get("url")
    page = _read_page(lines)
    meta = Metadata()
    ceiling = parse_date(fetched)

    bylines = _find_bylines(page)
    _read_publisher(page, meta, url=url, supplied=supplied, bylines=bylines)
    names = {meta.publisher or "", *site_names}
    if url:
        names.add(publisher_from_url(url) or "")
        host = _host(url)
        if host:
            names.add(_registrable_domain(host))
    _read_title(page, meta, supplied=supplied, site_names=names, bylines=bylines, url=url)
    _read_authors(page, meta, supplied=supplied, bylines=bylines)
    _read_published(page, meta, supplied=supplied, ceiling=ceiling, bylines=bylines, url=url)
    return meta


# ---- bylines


def _find_bylines(page: _Page) -> list[int]:
    """Indexes of byline lines: labelled ones, or 'By ...' lines near the top of the article."""
    found = []
    for i, line in enumerate(page.lines):
        if (page.labelled and line.reason == "byline") or (
            not page.is_chrome(i)
            and i <= page.body_start + 2
            and _looks_like_byline(line.text, labelled=False)
        ):
            found.append(i)
    return found


# ---- publisher


_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)\s*(?P<rest>.+)", re.I)


def _copyright_holder(text: str) -> str | None:
    match = _COPYRIGHT.search(text)
    if match is None:
        return None
    rest = re.sub(r"\b(19|20)\d\d\b\s*(-|–)?\s*", " ", match.group("rest"))
    if not _words(rest) and match.start() > 0:
        rest = text[: match.start()]  # "Levant Monitor © 2016": the holder comes first
    rest = re.split(r"\.\s|\ball rights\b|\||,|;", rest, maxsplit=1, flags=re.I)[0]
    rest = re.sub(r"\b(ltd|limited|inc|llc|plc|gmbh|s\.?a\.?)\b\.?", "", rest, flags=re.I)
    rest = _squash(rest.strip(" .,-–©"))
    if not rest or len(_words(rest)) > 8 or not (rest[0].isupper() or rest[0].isdigit()):
        return None
    return rest


def _read_publisher(
    page: _Page, meta: Metadata, *, url: str | None, supplied: dict, bylines: list[int]
) -> None:
    outlets = _outlets()
    candidates: list[tuple[str, str, str]] = []  # (name, field evidence, kind)
    # Wire credit from bylines and datelines.
    for i in [*bylines, *range(page.body_start, min(page.body_start + 2, len(page.lines)))]:
        text = page.lines[i].text
        dateline = _dateline(text)
        if i >= page.body_start and i not in bylines and dateline is None:
            continue
        snippet = text if i in bylines else text[: dateline.end()] if dateline else text
        wire = wire_credit(snippet)
        if wire:
            meta.wire = wire
            meta.evidence["wire"] = _squash(snippet)
            break
    # Chrome: a masthead line naming a known outlet, a copyright line, an outlet in a byline.
    for i, line in enumerate(page.lines):
        text = _squash(line.text)
        if len(text) > 120:
            continue
        holder = _copyright_holder(text)
        if holder:
            known = outlets.lookup_alias(holder)
            candidates.append((known or holder, text, "known" if known else "copyright"))
            continue
        near_edge = i < 10 or i >= page.body_end
        known = outlets.lookup_alias(text) if near_edge else None
        if known and known not in outlets.wires:
            candidates.append((known, text, "known"))
    masthead = _masthead(page)
    if masthead:
        candidates.append((*masthead, "masthead"))
    for i in bylines:
        for part in re.split(r"\s*[,|/]\s*", page.lines[i].text):
            known = outlets.lookup_alias(part)
            if known and known not in outlets.wires:
                candidates.append((known, _squash(page.lines[i].text), "known"))

    supplied_publisher = _squash(str(supplied.get("publisher") or ""))
    if supplied_publisher:
        meta.publisher = (
            outlets.lookup_alias(supplied_publisher)
            or (publisher_from_url(supplied_publisher) if _is_domain(supplied_publisher) else None)
            or supplied_publisher
        )
        meta.evidence["publisher"] = f"supplied: {supplied_publisher}"
        return
    if url and _is_known_outlet_url(url):
        meta.publisher = publisher_from_url(url)
        meta.evidence["publisher"] = url
        return
    for kind in ("known", "masthead", "copyright"):
        for name, evidence, found_kind in candidates:
            own_site = kind != "copyright" or not url or _matches_domain(name, url)
            if found_kind == kind and own_site:
                meta.publisher = name
                meta.evidence["publisher"] = evidence
                return
    if url and publisher_from_url(url):
        meta.publisher = publisher_from_url(url)
        meta.evidence["publisher"] = url
        return
    for name, evidence, found_kind in candidates:
        if found_kind == "copyright":
            meta.publisher = name
            meta.evidence["publisher"] = evidence
            return
    if meta.wire:
        meta.publisher = meta.wire
        meta.evidence["publisher"] = meta.evidence["wire"]


MASTHEAD_MAX_WORDS = 5
MASTHEAD_SEARCH_LINES = 3


def _masthead(page: _Page) -> tuple[str, str] | None:
    """The site's name from its masthead: one of the first lines, a short name that the page
    names again further down ("keep World Brief free", "Levant Monitor depends on readers").

    A lone first line proves nothing (it may be a menu entry or a date); the second mention is
    the evidence. The name is returned as the later mention spells it, so "LEVANT MONITOR"
    becomes "Levant Monitor" when the footer writes it so.
    """
    for i in range(min(MASTHEAD_SEARCH_LINES, len(page.lines))):
        text = _squash(page.lines[i].text)
        words = _words(text)
        if not 1 <= len(words) <= MASTHEAD_MAX_WORDS or find_dates(text):
            continue
        if not text[0].isalnum() or text[-1] in ".!?:;," or _normal(text) in _NAV_WORDS:
            continue
        if not any(word[0].isupper() for word in words) or page.counts[_normal(text)] > 1:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.I)
        for later in page.lines[i + 1 :]:
            found = pattern.search(later.text)
            if found and _normal(later.text) != _normal(text):
                name = found.group(0)
                name = text if name.isupper() and not text.isupper() else name
                return name, f"{text} / {_squash(later.text)}"
    return None


def _matches_domain(name: str, url: str) -> bool:
    """A copyright holder is the site's own name when its letters spell the domain."""
    host = _host(url)
    if host is None:
        return False
    domain = _registrable_domain(host).split(".")[0].replace("-", "")
    letters = re.sub(r"[^a-z0-9]", "", name.lower())
    trimmed = re.sub(r"^the", "", letters)
    return bool(letters) and (domain in {letters, trimmed} or letters.startswith(domain))


# ---- title


def _read_title(
    page: _Page,
    meta: Metadata,
    *,
    supplied: dict,
    site_names: set[str],
    bylines: list[int],
    url: str | None,
) -> None:
    supplied_title = supplied.get("title")
    if supplied_title:
        title = clean_title(str(supplied_title), site_names)
        if title:
            meta.title = title
            meta.evidence["title"] = f"supplied: {_squash(str(supplied_title))}"
            return
        meta.add_flag("supplied-title-rejected")
    index = _title_index(page, site_names, bylines, url)
    if index is not None:
        raw = _squash(page.lines[index].text)
        meta.title = clean_title(raw, site_names)
        meta.evidence["title"] = raw


def _slug_words(url: str | None) -> set[str]:
    """Words of a URL's readable slug ("/2016/10/12/army-retakes-palmyra-hill"), if it has one."""
    if not url:
        return set()
    try:
        path = urlsplit(url if "://" in url else "http://" + url).path
    except ValueError:
        return set()
    best: set[str] = set()
    for segment in path.split("/"):
        segment = re.sub(r"\.(html?|php|aspx?|stm)$", "", segment, flags=re.I)
        words = {w for w in re.split(r"[-_+.]+", segment.lower()) if w.isalpha() and len(w) > 1}
        if len(words) > len(best):
            best = words
    return best if len(best) >= 3 else set()


def _title_index(
    page: _Page, site_names: set[str], bylines: list[int], url: str | None = None
) -> int | None:
    normal_names = {_normal(n) for n in site_names if n}

    def acceptable(i: int, *, allow_repeat: bool) -> bool:
        line = page.lines[i]
        text = _squash(line.text)
        if page.is_chrome(i):
            return False
        if _is_site_name(text, normal_names) or not _headline_like(text):
            return False
        if clean_title(text, site_names) is None:
            return False
        return allow_repeat or page.counts[_normal(text)] == 1

    labelled = [i for i, line in enumerate(page.lines) if page.labelled and line.reason == "title"]
    for i in labelled:
        text = _squash(page.lines[i].text)
        if clean_title(text, site_names) and not _is_site_name(text, normal_names):
            return i
    if page.body_start >= len(page.lines):  # no prose at all: take the first headline-ish line
        return next((i for i in range(len(page.lines)) if acceptable(i, allow_repeat=False)), None)
    anchor = min([page.body_start, *[b for b in bylines if b <= page.body_start]])
    # A readable URL slug names the headline: take the line that shares most of its words.
    slug = _slug_words(url)
    if slug:
        scored = []
        for i in range(min(len(page.lines), page.body_start + 3)):
            if i in bylines or not acceptable(i, allow_repeat=abs(anchor - i) <= 3):
                continue
            words = {w.lower() for w in _words(page.lines[i].text)}
            overlap = len(words & slug) / len(slug)
            if overlap >= 0.6:
                scored.append((-overlap, abs(anchor - i), i))
        if scored:
            return min(scored)[2]
    # The headline sits just above the byline, or above the first paragraph.
    window = range(anchor - 1, max(-1, anchor - 15), -1)
    for allow_repeat in (False, True):
        for i in window:
            if i in bylines:
                continue
            if allow_repeat and anchor - i > 3:
                break  # a repeated line is only the headline right above the article
            if acceptable(i, allow_repeat=allow_repeat):
                return i
    return None


# ---- authors


def _read_authors(page: _Page, meta: Metadata, *, supplied: dict, bylines: list[int]) -> None:
    supplied_authors = _authors_from_field(supplied.get("authors") or supplied.get("author"))
    if supplied_authors:
        meta.authors = supplied_authors
        meta.evidence["authors"] = f"supplied: {supplied.get('authors') or supplied.get('author')}"
        return
    for i in bylines:
        text = _squash(page.lines[i].text)
        names = parse_byline(text)
        if names:
            meta.authors = names
            meta.evidence["authors"] = text
            return
    # Agency stories name their reporters at the foot: "Reporting by Jane Doe; Editing by ..."
    for line in page.lines[page.body_start :]:
        match = re.search(r"\b(?:Additional\s+)?(?:Reporting|Writing) by\s+([^;()]+)", line.text)
        if match and len(line.text) < 400:
            names = parse_byline(match.group(1))
            if names:
                meta.authors = names
                meta.evidence["authors"] = _squash(line.text)
                return


# ---- published date


@dataclass(slots=True)
class _DateCandidate:
    mention: _DateMention
    line: int
    text: str
    strength: int  # 3 labelled/prefixed/dateline, 2 next to the headline, 1 updated
    resolved: date | None = None


_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    r"|/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/)"
)


def _url_date(url: str | None) -> date | None:
    """A publication date in the URL's path ("/2016/10/12/slug"), as many news sites print it."""
    if not url:
        return None
    try:
        path = urlsplit(url if "://" in url else "http://" + url).path
    except ValueError:
        return None
    match = _URL_DATE.search(path)
    if match is None:
        return None
    year, month, day = (g for g in match.groups() if g is not None)
    return _safe_date(int(year), int(month), int(day))


def _read_published(
    page: _Page,
    meta: Metadata,
    *,
    supplied: dict,
    ceiling: date | None,
    bylines: list[int],
    url: str | None,
) -> None:
    supplied_value = supplied.get("published")
    if supplied_value:
        when = parse_date(supplied_value)
        if when is not None and (ceiling is None or when <= ceiling + timedelta(days=1)):
            _set_published(meta, when, "metadata", f"supplied: {supplied_value}")
            return
        meta.add_flag("supplied-date-rejected")

    candidates, header_dates = _date_candidates(page, bylines)
    today = min([d for d in [ceiling, *header_dates] if d is not None], default=None)
    text_mentions = _text_mentions(page)
    for candidate in candidates:
        candidate.resolved = candidate.mention.resolve(today)
    usable = [c for c in candidates if c.resolved is not None]
    usable.sort(key=lambda c: (-c.strength, c.line))
    rejected: list[date] = []
    for candidate in usable:
        assert candidate.resolved is not None
        if ceiling is not None and candidate.resolved > ceiling + timedelta(days=1):
            continue
        if _contradicted(candidate, text_mentions, strong=candidate.strength >= 3):
            rejected.append(candidate.resolved)  # most likely the site's 'today': a ceiling
            continue
        _set_published(meta, candidate.resolved, "byline", candidate.text)
        return
    today = min([d for d in [today, *rejected] if d is not None], default=None)
    from_url = _url_date(url)
    if from_url is not None and (ceiling is None or from_url <= ceiling + timedelta(days=1)):
        _set_published(meta, from_url, "metadata", f"url: {url}")
        return

    best: tuple[date, str] | None = None
    for mention, text in text_mentions:
        when = mention.resolve(today)
        if when is None or (today is not None and when > today):
            continue
        if _FUTURE_CONTEXT.search(text[: mention.start]):
            continue
        if best is None or when > best[0]:
            best = (when, text)
    if best is not None:
        _set_published(meta, best[0], "text", best[1])
        return
    meta.add_flag("no-date")


def _set_published(meta: Metadata, when: date, source: str, evidence: str) -> None:
    meta.published = when.isoformat()
    meta.published_source = source
    meta.evidence["published"] = _squash(evidence)


def _date_candidates(page: _Page, bylines: list[int]) -> tuple[list[_DateCandidate], list[date]]:
    """Dates near the headline that may be the publication date, and the page's 'today' dates."""
    candidates: list[_DateCandidate] = []
    header_dates: list[date] = []
    title_zone = _head_zone(page, bylines)
    for i, line in enumerate(page.lines):
        text = _squash(line.text)
        mentions = find_dates(text)
        if not mentions:
            continue
        first = mentions[0]
        reason = line.reason if page.labelled else ""
        if reason == "header-date" or (_CHROME_MARKS.search(text) and _is_date_only_chrome(text)):
            when = first.resolve(None)
            if when is not None:
                header_dates.append(when)
            continue
        if page.is_chrome(i):
            if i < page.body_start and _is_date_only(text) and first.resolve(None) is not None:
                header_dates.append(first.resolve(None))  # type: ignore[arg-type]
            continue
        dateline = _dateline(text) if i >= page.body_start else None
        if dateline is not None and i <= page.body_start + 1:
            head = text[: dateline.end()]
            in_head = [m for m in mentions if m.end <= dateline.end()]
            if in_head:
                candidates.append(_DateCandidate(in_head[0], i, head, 3))
            continue
        prefixed = bool(_PUBLISHED_PREFIX.match(text)) and len(_words(text)) <= 25
        near_start = prefixed and i <= page.body_start + 3
        if i >= page.body_start and not (
            near_start or i in bylines or reason in ("byline", "dateline")
        ):
            continue
        updated = bool(_UPDATED_PREFIX.match(text))
        if reason in ("byline", "dateline") or i in bylines or prefixed:
            mention = _published_mention(text, mentions)
            candidates.append(_DateCandidate(mention, i, text, 3))
        elif updated:
            candidates.append(_DateCandidate(first, i, text, 1))
        elif _is_date_only(text) and i in title_zone:
            candidates.append(_DateCandidate(first, i, text, 2))
        elif _is_date_only(text):
            when = first.resolve(None)
            if when is not None:
                header_dates.append(when)  # a lone date far above the article: the site's today
    return candidates, header_dates


def _is_date_only_chrome(text: str) -> bool:
    """A date strip with weather or login links around it, as sites show above their menus."""
    parts = [p for p in re.split(r"\s*[|•·]\s*|\s{2,}", text) if p.strip()]
    return any(find_dates(p) and _is_date_only(p) for p in parts) and len(_words(text)) <= 20


def _published_mention(text: str, mentions: list[_DateMention]) -> _DateMention:
    """In "Published 12 Oct, updated 14 Oct" the first date after 'published' is the one."""
    match = re.search(r"\b(published|posted|first published)\b", text, re.I)
    if match:
        after = [m for m in mentions if m.start >= match.end()]
        if after:
            return after[0]
    return mentions[0]


def _head_zone(page: _Page, bylines: list[int]) -> set[int]:
    """Lines around the headline and byline, where an article's own date is printed."""
    anchors = [b for b in bylines if b <= page.body_start + 1]
    if page.labelled:
        anchors += [i for i, line in enumerate(page.lines) if line.reason == "title"]
    start = min([page.body_start, *anchors])
    zone = set(range(max(0, start - 3), min(len(page.lines), page.body_start + 1)))
    for anchor in anchors:
        zone.update(range(max(0, anchor - 1), anchor + 3))
    return zone


def _text_mentions(page: _Page) -> list[tuple[_DateMention, str]]:
    found = []
    for i in range(page.body_start, page.body_end):
        if page.is_body(i):
            text = _squash(page.lines[i].text)
            found.extend((mention, text) for mention in find_dates(text))
    return found


def _contradicted(
    candidate: _DateCandidate, mentions: list[tuple[_DateMention, str]], *, strong: bool
) -> bool:
    """The text speaks of dates that a page published on this day could not describe so."""
    when = candidate.resolved
    assert when is not None
    # "on Monday, October 5" only fits a page published shortly after such a Monday.
    fits = misfits = 0
    for mention, _ in mentions:
        if mention.year is None and mention.weekday is not None:
            meant = mention.resolve(when, slack_days=30)
            if meant is not None and (when - meant).days <= 60:
                fits += 1
            else:
                misfits += 1
    if fits == 0 and misfits >= (2 if strong else 1):
        return True
    if strong:
        return False
    # A lone date line (not labelled, no "Published") weeks after everything the text dates.
    spoken = [m.resolve(when, slack_days=30) for m, _ in mentions]
    spoken_dates = [d for d in spoken if d is not None]
    return bool(spoken_dates) and all((when - d).days > 14 for d in spoken_dates)


# ---------------------------------------------------------------------------------------------
# HTML


def merge_html_metadata(
    html_fields: dict,
    lines: list[str],
    *,
    url: str | None,
    supplied: dict | None,
    fetched: str | None,
) -> Metadata:
    """Metadata of an HTML page: the extractor's fields where they hold up, the text otherwise.

    ``html_fields`` is what the HTML extractor read from the page's markup (title, authors,
    published, sitename); ``lines`` are the page's visible lines, used when a field is
    missing or does not hold up (a title that is only the site name, a date after the crawl).
    """
    supplied = dict(supplied or {})
    url = url or supplied.get("url") or html_fields.get("url")
    ceiling = parse_date(fetched)
    sitename = _squash(str(html_fields.get("sitename") or html_fields.get("site_name") or ""))
    line_objects = [Line(text=text, index=i) for i, text in enumerate(lines)]
    site_names = [sitename] if sitename else []
    from_text = text_metadata(
        line_objects, url=url, supplied=supplied, fetched=fetched, site_names=site_names
    )
    meta = Metadata(
        title=from_text.title,
        publisher=from_text.publisher,
        authors=list(from_text.authors),
        published=from_text.published,
        published_source=from_text.published_source,
        wire=from_text.wire,
        flags=[f for f in from_text.flags if f != "no-date"],
        evidence=dict(from_text.evidence),
    )

    # Publisher: supplied and known domains already won; the page's own site name comes next.
    publisher_settled = bool(supplied.get("publisher")) or _is_known_outlet_url(url)
    if sitename and not publisher_settled:
        known = _outlets().lookup_alias(sitename)
        if known or not _is_domain(sitename):
            meta.publisher = known or sitename
            meta.evidence["publisher"] = f"html: {sitename}"

    names = {meta.publisher or "", sitename, publisher_from_url(url or "") or ""}
    html_title = html_fields.get("title")
    if not supplied.get("title") and html_title:
        title = clean_title(str(html_title), names)
        if title:
            meta.title = title
            meta.evidence["title"] = f"html: {_squash(str(html_title))}"

    html_authors = _authors_from_field(html_fields.get("authors") or html_fields.get("author"))
    if not supplied.get("authors") and not supplied.get("author") and html_authors:
        meta.authors = html_authors
        meta.evidence["authors"] = (
            f"html: {html_fields.get('authors') or html_fields.get('author')}"
        )

    html_date_value = html_fields.get("published") or html_fields.get("date")
    if meta.published_source != "metadata" and html_date_value:
        when = parse_date(html_date_value)
        if when is not None and (ceiling is None or when <= ceiling + timedelta(days=1)):
            _set_published(meta, when, "metadata", f"html: {html_date_value}")
        else:
            meta.add_flag("html-date-rejected")
    if meta.published is None:
        meta.add_flag("no-date")
    return meta
