"""The outlet table (publishers.json): names behind domains and aliases, and the wire
agencies a byline or dateline credits.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from storyline.clean.metadata._common import _squash

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
    table = json.loads((Path(__file__).parent.parent / "publishers.json").read_text("utf-8"))
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
