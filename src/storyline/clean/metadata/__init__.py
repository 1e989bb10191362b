"""Article metadata (title, publisher, authors, publication date) read off a page.

Scrapes rarely carry clean metadata: the headline sits among navigation and teasers, the
outlet shows up as a masthead, a copyright line or a wire credit, and a header often shows the
site's *today* date, which is not when the article was published. Everything here works from
plain inputs (lines with the chrome classifier's labels when it has run, a URL, fields a
record supplied, the crawl date) and keeps the string each value was read from, so a reader
can audit it. A field without evidence stays empty: no date is ever made up.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from storyline.clean.metadata._common import Metadata, _squash
from storyline.clean.metadata.authors import _authors_from_field, _read_authors, parse_byline
from storyline.clean.metadata.dates import find_dates, parse_date
from storyline.clean.metadata.outlets import (
    _host,
    _is_known_outlet_url,
    _outlets,
    _registrable_domain,
    publisher_from_url,
    wire_credit,
)
from storyline.clean.metadata.page import _find_bylines, _read_page
from storyline.clean.metadata.published import _read_published, _set_published
from storyline.clean.metadata.publisher import _read_publisher
from storyline.clean.metadata.titles import _is_domain, _read_title, clean_title
from storyline.model import Line


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
    # The date printed in the headline block (a byline, "Published ...") is what the reader
    # sees; a markup date that disagrees with it is kept as evidence only.
    if meta.published_source == "byline" and html_date_value:
        markup_date = parse_date(html_date_value)
        if markup_date is None or (ceiling is not None and markup_date > ceiling + timedelta(1)):
            meta.add_flag("html-date-rejected")
        elif markup_date != parse_date(meta.published):
            meta.evidence["html_published"] = str(html_date_value)
    elif meta.published_source != "metadata" and html_date_value:
        when = parse_date(html_date_value)
        if when is not None and (ceiling is None or when <= ceiling + timedelta(days=1)):
            _set_published(meta, when, "metadata", f"html: {html_date_value}")
        else:
            meta.add_flag("html-date-rejected")
    if meta.published is None:
        meta.add_flag("no-date")
    return meta


__all__ = [
    "Metadata",
    "clean_title",
    "find_dates",
    "merge_html_metadata",
    "parse_byline",
    "parse_date",
    "publisher_from_url",
    "text_metadata",
    "wire_credit",
]
