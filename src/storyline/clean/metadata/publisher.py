"""The site a page belongs to: its URL, masthead, copyright line or a known outlet's name."""

from __future__ import annotations

import re
import unicodedata

from storyline.clean.metadata._common import (
    _NAV_WORDS,
    Metadata,
    _dateline,
    _normal,
    _squash,
    _words,
)
from storyline.clean.metadata.dates import find_dates
from storyline.clean.metadata.outlets import (
    _host,
    _is_known_outlet_url,
    _outlets,
    _registrable_domain,
    publisher_from_url,
    wire_credit,
)
from storyline.clean.metadata.page import _Page
from storyline.clean.metadata.titles import _is_domain

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
    # Wire credit from bylines and datelines, or a line above the article that is only an
    # agency's name ("Agence France-Presse" under the headline).
    for i in range(max(0, page.body_start - 4), page.body_start):
        text = _squash(page.lines[i].text)
        if outlets.lookup_alias(text) in outlets.wires:
            meta.wire = outlets.lookup_alias(text)
            meta.evidence["wire"] = text
    for i in [*bylines, *range(page.body_start, min(page.body_start + 2, len(page.lines)))]:
        if meta.wire:
            break
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

    for line in page.lines:
        own = _own_name(_squash(line.text))
        if own:
            candidates.append((own, _squash(line.text), "own"))

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
    # An owner company ("Hillside Media Group") is not the site, whatever its suffix strips to.
    candidates = [
        (
            _site_part(name),
            evidence,
            "owner" if kind == "copyright" and _owner_company(name) else kind,
        )
        for name, evidence, kind in candidates
    ]
    candidates = [c for c in candidates if c[0]]
    if url and _host(url):
        # With an address, the site's name is one its domain spells; a menu word, a state
        # picker's "NV" or another outlet named on the page is not.
        for kind in ("own", "masthead", "copyright", "known"):
            for name, evidence, found_kind in candidates:
                if found_kind == kind and _matches_domain(name, url):
                    meta.publisher = name
                    meta.evidence["publisher"] = evidence
                    return
        meta.publisher = site_from_url(url)
        meta.evidence["publisher"] = url
        return
    for kind in ("own", "known", "masthead", "copyright"):
        for name, evidence, found_kind in candidates:
            if found_kind == kind:
                meta.publisher = name
                meta.evidence["publisher"] = evidence
                return
    if meta.wire:
        meta.publisher = meta.wire
        meta.evidence["publisher"] = meta.evidence["wire"]


# "Stay up to date with notifications from The Independent", "Welcome to The Example Times"
_OWN_NAME = re.compile(
    r"\b(?:notifications from|welcome to|willkommen (?:bei|auf)|bienvenue (?:sur|à)"
    r"|subscribe to|thank you for reading|support)\s+(?P<name>(?:The\s+)?[A-Z][\w.&'’-]*"
    r"(?:\s+[A-Z][\w.&'’-]*){0,4})"
)
# What an owner company or a tagline adds to a site's name: "Forbes Media", "Phys.org powered by
# Science X Network", "Spontis - Alle Inhalte", "Management Circle AG".
_COMPANY_SUFFIX = re.compile(
    r"\s+(?:media(?:\s+group)?|medien|newspapers|interactive|verlag|group|holdings?"
    r"|communications|corporation|corp|company|co|ag|a/s|e\.\s?v|gmbh|mbh|ltd|llc|inc|plc|s\.?a)"
    r"\.?$",
    re.I,
)
_TAGLINE = re.compile(r"\s+(?:[-–—|:]\s|powered by\b|designed by\b|by\s+[A-Z]).*$")
_OWNERS = re.compile(r"\b(universal|media|holdings|corporation|communications|group)\b", re.I)


def _own_name(text: str) -> str | None:
    if len(text) > 160:
        return None
    match = _OWN_NAME.search(text)
    return match.group("name").rstrip(".") if match else None


def _site_part(name: str) -> str:
    """The site's name without a tagline or an owner company's suffix."""
    name = _TAGLINE.sub("", _squash(name))
    for _ in range(2):
        name = _COMPANY_SUFFIX.sub("", name).strip(" .,-–")
    if name.isupper() and len(name) > 4:
        name = " ".join(w.capitalize() if len(w) > 3 else w for w in name.split())
    return name


def _owner_company(name: str) -> bool:
    """A media group owning the site ("NBCUniversal", "Vox Media"), not the site itself."""
    return bool(_OWNERS.search(name))


# Hosts whose sites live on sub-domains: the blog is "jane.wordpress.com", not wordpress.com.
_PLATFORMS = frozenset(
    {"wordpress.com", "blogspot.com", "tumblr.com", "substack.com", "medium.com", "fandom.com",
     "wixsite.com", "github.io", "over-blog.com", "blogger.com", "livejournal.com"}
)  # fmt: skip


def site_from_url(url: str) -> str | None:
    """The site a URL names: a known outlet, a platform's sub-domain, else the bare domain."""
    name = publisher_from_url(url)
    host = _host(url)
    if host is None or name is None:
        return name
    domain = _registrable_domain(host)
    if domain in _PLATFORMS and host != domain:
        return host.split(".")[0] + "." + domain
    return name


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
    """A name is the site's own when its letters spell the domain ("The Example Times" and
    exampletimes.com, "Phys.org" and phys.org) or its initials do ("LN" and ln-online.de)."""
    host = _host(url)
    if host is None:
        return False
    labels = [label.replace("-", "") for label in host.split(".")]
    domain = _registrable_domain(host).split(".")[0].replace("-", "")
    letters = re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", name.lower()))
    letters = letters.encode("ascii", "ignore").decode()
    trimmed = re.sub(r"^the", "", letters)
    if not letters or len(letters) < 2:
        return False
    if domain in {letters, trimmed} or letters.startswith(domain) or trimmed.startswith(domain):
        return True
    if len(trimmed) >= 4 and any(
        len(label) >= 4 and (trimmed in label or label in trimmed) for label in labels[:-1]
    ):
        return True
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]\w*", name) if w.lower() != "the")
    return len(initials) >= 2 and domain.startswith(initials.lower())


# ---- title
