"""The headline of a page, without the site's name tacked on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from storyline.clean.metadata._common import (
    _BREADCRUMB,
    _CAPTION,
    _CHROME_PHRASES,
    _NAV_WORDS,
    Metadata,
    _is_date_only,
    _normal,
    _squash,
    _words,
)
from storyline.clean.metadata.authors import _BYLINE_PREFIX
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
