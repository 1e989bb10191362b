"""The publication date of a page: headline-block dates first, the site's 'today' never."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from storyline.clean.metadata._common import (
    _CHROME_MARKS,
    _FUTURE_CONTEXT,
    _PUBLISHED_PREFIX,
    _UPDATED_PREFIX,
    Metadata,
    _dateline,
    _is_date_only,
    _squash,
    _words,
)
from storyline.clean.metadata.dates import _DateMention, _safe_date, find_dates, parse_date
from storyline.clean.metadata.page import _Page

UPDATED = 1  # strength of an 'Updated ...' date


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

    # A date in the article's address was fixed when it was published: no page chrome moves it.
    from_url = _url_date(url)
    if from_url is not None and (ceiling is None or from_url <= ceiling + timedelta(days=1)):
        _set_published(meta, from_url, "metadata", f"url: {url}")
        return
    candidates, header_dates = _date_candidates(page, bylines)
    today = min([d for d in [ceiling, *header_dates] if d is not None], default=None)
    text_mentions = _text_mentions(page)
    for candidate in candidates:
        candidate.resolved = candidate.mention.resolve(today)
    usable = [c for c in candidates if c.resolved is not None]
    usable.sort(key=lambda c: (-c.strength, c.line))
    for candidate in usable:
        assert candidate.resolved is not None
        if ceiling is not None and candidate.resolved > ceiling + timedelta(days=1):
            continue
        if _contradicted(candidate, text_mentions, strong=candidate.strength >= 3):
            continue  # most likely the site's 'today'
        if candidate.strength == UPDATED:
            # An update is not the publication: keep it as evidence, give no date.
            meta.evidence["updated"] = _squash(candidate.text)
            continue
        _set_published(meta, candidate.resolved, "byline", candidate.text)
        return
    # Dates in the body are mostly the events it reports ("the October 7th attack"): they are
    # kept as evidence, never as the publication date.
    for mention, text in text_mentions:
        if mention.year is not None and not _FUTURE_CONTEXT.search(text[: mention.start]):
            meta.evidence["published_unsure"] = _squash(text)
            break
    meta.add_flag("no-date")


def _set_published(meta: Metadata, when: date, source: str, evidence: str) -> None:
    meta.published = when.isoformat()
    meta.published_source = source
    meta.evidence["published"] = _squash(evidence)


# Chrome labels under which a date is never the article's own, even in the headline block.
_FOREIGN_BLOCKS = frozenset(
    {"cookie", "footer", "advertisement", "comments", "related-headline", "teaser", "weather"}
)
HEAD_ABOVE = 2  # lines above the headline that still belong to its block (a kicker, a date)
HEAD_BELOW = 3  # lines below the headline or the first paragraph's start
DATED_FURNITURE_WORDS = 8  # "22. Januar 2020 @ 18:13 // Autor: Jane": a date and a few words


def _head_block(page: _Page, bylines: list[int]) -> tuple[int, int]:
    """First and last line of the headline block: headline, standfirst, byline, dateline."""
    if page.title_line is not None:
        start = page.title_line - HEAD_ABOVE
        end = max(page.title_line, min(page.body_start, page.title_line + 12)) + HEAD_BELOW
    else:
        start, end = page.body_start - 4, page.body_start + HEAD_BELOW - 1
    for b in bylines:
        if b <= page.body_start + 1:
            start, end = min(start, b - 1), max(end, b + 1)
    return max(0, start), end


def _beside_today(page: _Page, i: int) -> bool:
    """A weather, login or 'today' line right next to this one: the site's header strip."""
    near = range(max(0, i - 2), min(len(page.lines), i + 3))
    return any(_CHROME_MARKS.search(page.lines[j].text) for j in near)


def _date_candidates(page: _Page, bylines: list[int]) -> tuple[list[_DateCandidate], list[date]]:
    """Dates of the headline block that may be the publication date, and the site's 'today'
    dates: a date far above the headline or beside a weather or 'today' line is never the
    publication date, whatever the line says."""
    candidates: list[_DateCandidate] = []
    header_dates: list[date] = []
    head_start, head_end = _head_block(page, bylines)
    for i, line in enumerate(page.lines):
        text = _squash(line.text)
        mentions = find_dates(text)
        if not mentions:
            continue
        first = mentions[0]
        reason = line.reason if page.labelled else ""
        in_block = head_start <= i <= head_end or i in bylines
        stripped = _is_date_only(text) or _is_date_only_chrome(text)
        above_title = page.title_line is None or i < page.title_line
        if (i < head_start and stripped) or (stripped and above_title and _beside_today(page, i)):
            when = first.resolve(None)
            if when is not None:
                header_dates.append(when)  # the site's today: a ceiling, never the date
            continue
        if not in_block or reason in _FOREIGN_BLOCKS:
            continue
        dateline = _dateline(text) if i >= page.body_start else None
        if dateline is not None and i <= page.body_start + 1:
            head = text[: dateline.end()]
            in_head = [m for m in mentions if m.end <= dateline.end()]
            if in_head:
                candidates.append(_DateCandidate(in_head[0], i, head, 3))
            continue
        words = len(_words(text)) - sum(len(_words(m.text)) for m in mentions)
        prefixed = bool(_PUBLISHED_PREFIX.match(text)) and len(_words(text)) <= 25
        if _UPDATED_PREFIX.match(text):
            candidates.append(_DateCandidate(first, i, text, UPDATED))
        elif reason in ("byline", "dateline") or i in bylines or prefixed:
            candidates.append(_DateCandidate(_published_mention(text, mentions), i, text, 3))
        elif stripped or (words <= DATED_FURNITURE_WORDS and not page.is_body(i)):
            candidates.append(_DateCandidate(_published_mention(text, mentions), i, text, 2))
    return candidates, header_dates


def _is_date_only_chrome(text: str) -> bool:
    """A date strip with weather or login links around it, as sites show above their menus."""
    parts = [p for p in re.split(r"\s*[|•·]\s*|\s{2,}", text) if p.strip()]
    return any(find_dates(p) and _is_date_only(p) for p in parts) and len(_words(text)) <= 20


def _published_mention(text: str, mentions: list[_DateMention]) -> _DateMention:
    """In "Published 12 Oct, updated 14 Oct" the first date after 'published' is the one."""
    match = re.search(
        r"\b(published|posted|first published|ver[öo]ffentlicht|eingetragen|publi[ée]e?"
        r"|publicado|pubblicato)\b",
        text,
        re.I,
    )
    if match:
        after = [m for m in mentions if m.start >= match.end()]
        if after:
            return after[0]
    return mentions[0]


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
    # A lone date line (not labelled, no "Published") weeks after every recent day the text
    # speaks of ("on October 10" without a year is recent news; "3 March 2019" may be history).
    spoken = [m.resolve(when, slack_days=30) for m, _ in mentions if m.year is None]
    spoken_dates = [d for d in spoken if d is not None]
    return bool(spoken_dates) and all((when - d).days > 14 for d in spoken_dates)


# ---------------------------------------------------------------------------------------------
