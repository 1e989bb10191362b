"""Bylines: the people a byline names, and the authors of a page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from storyline.clean.metadata._common import Metadata, _squash, _words
from storyline.clean.metadata.dates import _MONTHS, _WEEKDAYS, find_dates
from storyline.clean.metadata.outlets import _outlets, wire_credit

if TYPE_CHECKING:
    from storyline.clean.metadata.page import _Page


# ---------------------------------------------------------------------------------------------
# Authors

_BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:written|words|story|text|posted|report(?:ing)?|compiled)\s+by|by|author(?:s)?\s*:"
    r"|writer\s*:|reporter\s*:|(?:ein artikel |geschrieben |erstellt )?von\b|par\b|por\b"
    r"|autor(?:in)?\s*:)\s*:?\s*",
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
    found = _head_block_authors(page)
    if found:
        meta.authors, meta.evidence["authors"] = found
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


# "von Jana Roth", "Geschrieben vonJana Roth", "Veröffentlicht am 3. Mai 2019 von jroth",
# "Autor: Jana Roth", "Par Jana Roth", "Posted on 2015-04-05 by jroth | Leave a comment".
_AUTHOR_CUE = re.compile(
    r"(?:^|(?<=[\s\d|·•,.:]))(?:written by|posted by|geschrieben von|erstellt von|eingestellt von"
    r"|verfasst von|publiziert von|by|von|vom|par|por|di|door|av|autor(?:in)?|author|redaktion"
    r"|text)(?![\w])\s*:?\s*(?=\S)|(?:(?<=[\sa-zäöü\d])|^)(?:von|by|Author|Autor)(?=[A-Z])",
    re.I,
)
_NAME_END = re.compile(
    r"\s*(?:[|·•,;(]|\s[-–—/]\s|\s(?:am|on|um|le|el|em|il|op|at|in|im|aus|from)\s|\d|$)"
    r"|(?<=[a-z])(?=[A-Z][a-z])"
)
_ONE_WORD_NAME = re.compile(r"^[^\W\d_][\w.'’-]{1,30}$")
HEAD_AUTHOR_LINES = 5  # lines below the headline (or above the first paragraph) searched


def _head_block_authors(page: _Page) -> tuple[list[str], str] | None:
    """People a byline-like line of the headline block names, whatever chrome label it got:
    other languages' cues, glued cues, one-word blog handles after an explicit cue, and the
    "Dan Goodin - Apr 16, 2015" form (a name, then a date)."""
    anchor = page.title_line if page.title_line is not None else page.body_start - 3
    end = max(anchor, page.body_start) + 2
    for i in range(max(0, anchor), min(len(page.lines), anchor + HEAD_AUTHOR_LINES + 1, end + 1)):
        text = _squash(page.lines[i].text)
        if i == page.title_line or len(text) > 200 or (page.is_body(i) and len(_words(text)) > 25):
            continue
        names = _cued_names(text)
        if not names:
            names = _name_before_date(text)
        if names:
            return names, text
    return None


def _cued_names(text: str) -> list[str]:
    for cue in _AUTHOR_CUE.finditer(text):
        rest = text[cue.end() :]
        if find_dates(rest[:40]) and find_dates(rest[:40])[0].start == 0:
            continue  # "am 3. Mai": a date, not a name
        stop = _NAME_END.search(rest)
        raw = rest[: stop.start()] if stop else rest
        parts = re.split(r"\s+(?:und|and|et|y|e)\s+|\s*&\s*", raw.strip())
        names = []
        for part in parts:
            name = _clean_name(part)
            if name is None and _ONE_WORD_NAME.match(part.strip()):
                bare = part.strip().lower()
                if bare not in _ROLE_WORDS and bare not in _NOT_NAMES and len(bare) > 1:
                    name = part.strip()
            if name and name not in names:
                names.append(name)
        if names:
            return names
    return []


def _name_before_date(text: str) -> list[str]:
    """ "Dan Goodin - Apr 16, 2015 8:02 pm UTC": a person's name, a dash, the date."""
    match = re.match(r"^(?P<name>[^-–—|·•]{3,40}?)\s*[-–—|·•]\s*(?P<rest>.+)$", text)
    if match is None or not find_dates(match.group("rest")[:30]):
        return []
    name = _clean_name(match.group("name"))
    return [name] if name else []
