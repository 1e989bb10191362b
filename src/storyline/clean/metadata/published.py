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
