"""The headline of a page, without the site's name tacked on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from storyline.clean.metadata._common import (
    _BREADCRUMB,
    _CAPTION,
    _CHROME_PHRASES,
    _LABEL_LINE,
    _NAV_WORDS,
    _PUBLISHED_PREFIX,
    _UPDATED_PREFIX,
    Metadata,
    _is_date_only,
    _is_prose,
    _normal,
    _squash,
    _words,
)
from storyline.clean.metadata.authors import _BYLINE_PREFIX
from storyline.clean.metadata.dates import find_dates
from storyline.clean.metadata.outlets import _outlets
from storyline.clean.metadata.page import _Page

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
    page.title_line = index
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


# Chrome labels the line classifier gives a headline it cannot tell from a menu entry or a
# repeated teaser: such a line may still be the title when it heads the article.
_SOFT_CHROME = frozenset(
    {"navigation", "boilerplate", "caption-repeat", "teaser", "related-headline"}
)
# "2/26/2015 7:11 AM PST", "18:22 GMT": a clock time or numeric date marks a dateline strip.
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?|uhr|h)\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", re.I
)
_TAXONOMY = re.compile(
    r"^(tags?|schlagw\w+|kategorien?|categories|category|filed under|posted in|abgelegt unter"
    r"|themen|topics)\b",
    re.I,
)
TITLE_WINDOW = 15  # lines above the article searched for its headline
MAX_TITLE_REPEATS = 3  # a headline is printed up to three times (breadcrumb, H1, share text)


def _furniture(text: str) -> bool:
    """A headline-block line that is not the headline: a date, a byline, a credit, a share bar."""
    words = _words(text)
    label = _LABEL_LINE.match(text) and (len(words) <= 6 or text.count(":") >= 2)
    label = label or bool(_TAXONOMY.match(text))
    mentions = find_dates(text)
    dated = bool(mentions) and len(words) - sum(len(_words(m.text)) for m in mentions) <= 7
    clock = _CLOCK.search(text) and len(words) <= 12
    return bool(
        label
        or dated
        or clock
        or _is_date_only(text)
        or _BYLINE_PREFIX.match(text)
        or _PUBLISHED_PREFIX.match(text)
        or _UPDATED_PREFIX.match(text)
        or _CAPTION.search(text)
        or _CHROME_PHRASES.search(text)
        or (len(_words(text)) <= 1 and not text[:1].isupper())
    )


def _title_index(
    page: _Page, site_names: set[str], bylines: list[int], url: str | None = None
) -> int | None:
    """The headline: the line heading the article (above its byline, dates and standfirst),
    even when it is printed twice or the chrome classifier took it for a menu entry."""
    normal_names = {_normal(n) for n in site_names if n}

    def acceptable(i: int, *, allow_repeat: bool) -> bool:
        line = page.lines[i]
        text = _squash(line.text)
        if page.is_chrome(i) and line.reason not in _SOFT_CHROME:
            return False
        repeats = page.counts[_normal(text)]
        if _is_site_name(text, normal_names) or not _headline_like(text):
            return False
        if clean_title(text, site_names) is None:
            return False
        return repeats == 1 or (allow_repeat and repeats <= MAX_TITLE_REPEATS)

    labelled = [i for i, line in enumerate(page.lines) if page.labelled and line.reason == "title"]
    for i in labelled:
        text = _squash(page.lines[i].text)
        if _furniture(text):
            continue  # the line classifier took a dateline or a credit strip for the title
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
            if i in bylines or not acceptable(i, allow_repeat=True):
                continue
            words = {w.lower() for w in _words(page.lines[i].text)}
            overlap = len(words & slug) / len(slug)
            if overlap >= 0.6:
                scored.append((-overlap, abs(anchor - i), i))
        if scored:
            return min(scored)[2]
    # The headline sits above the byline, dates and standfirst, or above the first paragraph.
    found: list[int] = []
    for i in range(anchor - 1, max(-1, anchor - TITLE_WINDOW), -1):
        text = _squash(page.lines[i].text)
        if i in bylines or not text or _furniture(text) or _is_prose(text):
            continue
        if acceptable(i, allow_repeat=True):
            found.append(i)
            if len(found) == 2:
                break
            continue
        if page.lines[i].reason not in _SOFT_CHROME and not page.is_chrome(i):
            break  # a kept line that is no headline: we left the headline block
    if len(found) == 2 and found[0] - found[1] <= 2:
        # Two headline-like lines stacked: the headline is the one the article talks about
        # (a kicker or a teaser above or below it shares fewer of the body's words).
        return max(found, key=lambda i: (_body_overlap(page, i), i))
    return found[0] if found else None


def _body_overlap(page: _Page, index: int) -> int:
    """Content words a line shares with the article's first paragraphs."""
    body = " ".join(
        page.lines[j].text
        for j in range(page.body_start, min(len(page.lines), page.body_start + 3))
        if page.is_body(j)
    )
    body_words = {w.lower() for w in _words(body) if len(w) > 3}
    return len({w.lower() for w in _words(page.lines[index].text) if len(w) > 3} & body_words)


# ---- authors
