"""Shared pieces of the metadata readers: the result type, text folding, and the cue
patterns (chrome marks, captions, 'Published'/'Updated' prefixes, datelines) they all use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.clean.metadata.dates import find_dates

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


# Text helpers

_SPACES = re.compile(r"\s+")
_KEEP_REASONS = frozenset({"body", "title", "byline", "dateline", "standfirst", "lead", "subtitle"})
_CHROME_MARKS = re.compile(
    r"°|\b(weather|today is|today's (?:paper|edition)|sunrise|sunset|humidity|login|log in"
    r"|sign in|subscribe|e-?paper)\b",
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
    r"|subscribe (now|today|to)|advertisement|share (this|on|all)|comments?\s*\(?\d*\)?$|skip to"
    r"|all rights reserved|follow (us|\w+ on)|click here|most (read|popular|viewed)"
    r"|related (articles?|stories)|toggle \w+|back to \w+"
    r"|(next|previous|older|newer) (post|article)"
    r"|sharing options|reading time|tempo de leitura|lesezeit|temps de lecture"
    r"|(no|nessun|kein|keine|aucun) comment\w*|\d+ (votes?|comments?|kommentare))\b",
    re.I,
)
_CAPTION = re.compile(
    r"^(photo|photograph|image|picture|media caption|caption|credit|source)"
    r"|\b(photograph|photo|image|foto|bild)\s*:|\(AP Photo|getty images|/AFP\b",
    re.I,
)
# "Rating: 10 Votes", "Tested by: ...": a label and its value, page furniture not a headline.
_LABEL_LINE = re.compile(r"^[\w ]{2,25}:\s+\S")
_PUBLISHED_PREFIX = re.compile(
    r"^\s*(?:first\s+)?(?:published|posted|released|date\s*:|dated|issued|created"
    r"|ver[öo]ffentlicht|erschienen|publi[ée]e?|publicado|publicada|pubblicato|gepubliceerd"
    r"|opublikowano|datum\s*:|stand\s*:)\s*(?:on|at|am|le|el|em|il|op|den)?\s*:?",
    re.I,
)
_UPDATED_PREFIX = re.compile(
    r"^\s*(last\s+)?(updated|modified|edited|aktualisiert|mis à jour|actualizado|atualizado"
    r"|aggiornato|bijgewerkt)\b",
    re.I,
)
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
