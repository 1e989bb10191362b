"""One raw document in, one article (body, metadata, removed chrome) out.

HTML goes through the trafilatura-based extractor; a ``.txt`` scrape goes through our line
classifier, because scraped text carries the same chrome as the page it came from. A JSONL
record's ``text`` is the body as its owner gave it and is kept whole (only its ``html`` is
cleaned). All paths end in the same metadata rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import py3langid

from storyline.clean.html import extract_html
from storyline.clean.metadata import Metadata, merge_html_metadata, text_metadata
from storyline.clean.render import visible_lines
from storyline.clean.text import strip_chrome
from storyline.model import Article, Line, RawDocument, SkippedInput

# Endings that show a page was cut off: "Read more", a trailing ellipsis, "[…]".
_TRUNCATION_END = re.compile(
    r"(\.\.\.|…|\[…\]|\[\.\.\.\]|read more|continue reading|read the full (story|article))\W*$",
    re.IGNORECASE,
)
BOILERPLATE_RATIO = 2.0  # removed chrome larger than twice the body
SUPPLIED_MIN_WORDS = 3  # a supplied body as short as "Shelling hit Kharkiv." is still kept


@dataclass(slots=True)
class CleanConfig:
    """Knobs of the clean stage; defaults are what the evaluations were run with."""

    min_body_chars: int = 40
    detect_language: bool = True


def clean_document(doc: RawDocument, config: CleanConfig | None = None) -> Article | SkippedInput:
    """Clean one document; a ``SkippedInput`` says why nothing usable was left."""
    config = config or CleanConfig()
    supplied = _supplied_fields(doc)
    body, removed, metadata, language = "", [], None, None
    if doc.html:
        extraction = extract_html(doc.html, url=doc.url)
        if extraction.ok and extraction.text.strip():
            body, removed = extraction.text, list(extraction.removed)
            language = extraction.language
            metadata = merge_html_metadata(
                {
                    "title": extraction.title,
                    "authors": extraction.authors,
                    "published": extraction.published,
                    "published_source": extraction.published_source,
                    "sitename": extraction.sitename,
                },
                visible_lines(doc.html),
                url=doc.url,
                supplied=supplied,
                fetched=doc.fetched,
            )
        elif not doc.text:
            return SkippedInput(doc.input, "no article text", extraction.problem or "empty body")
    supplied_body = False
    if metadata is None and doc.text and doc.kind == "jsonl":
        # A record's `text` is the body its owner chose: kept whole, however short; only a
        # record's `html` is a page to clean.
        body, removed, supplied_body = doc.text.strip(), [], True
        lines = [Line(text=t, index=i) for i, t in enumerate(body.split("\n")) if t.strip()]
        metadata = text_metadata(lines, url=doc.url, supplied=supplied, fetched=doc.fetched)
    elif metadata is None and doc.text:
        chrome = strip_chrome(doc.text)
        body, removed = chrome.body, list(chrome.removed)
        metadata = text_metadata(chrome.lines, url=doc.url, supplied=supplied, fetched=doc.fetched)
    minimum = SUPPLIED_MIN_WORDS if supplied_body else None
    too_small = (
        len(body.split()) < minimum if minimum else len(body.strip()) < config.min_body_chars
    )
    if metadata is None or too_small:
        return SkippedInput(
            doc.input, "no article text", "every line looked like page chrome or the body is tiny"
        )
    if config.detect_language and not language:
        language = detect_language(body)
    return _article(doc, body.strip(), removed, metadata, language)


def _article(
    doc: RawDocument, body: str, removed: list[str], metadata: Metadata, language: str | None
) -> Article:
    article = Article(
        id=doc.article_id,
        input=doc.input,
        text=body,
        url=doc.url,
        publisher=metadata.publisher,
        wire=metadata.wire,
        title=metadata.title,
        authors=list(metadata.authors),
        published=metadata.published,
        published_source=metadata.published_source,  # type: ignore[arg-type]
        language=language,
        removed=removed,
        kind=doc.kind,
        fetched=doc.fetched,
    )
    for flag in metadata.flags:
        article.add_flag(flag)
    if article.published is None:
        article.add_flag("no-date")
    for flag in quality_flags(body, removed):
        article.add_flag(flag)
    return article


def quality_flags(body: str, removed: list[str]) -> list[str]:
    """Flags a reader should see before trusting the text: mostly chrome, or cut off."""
    flags = []
    removed_chars = sum(len(line) for line in removed)
    if removed_chars > BOILERPLATE_RATIO * len(body) and removed_chars > 1500:
        flags.append("boilerplate-heavy")
    last_line = body.rstrip().rsplit("\n", 1)[-1]
    if _TRUNCATION_END.search(last_line):
        flags.append("truncated")
    return flags


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the body, or ``None`` when the text is too short to tell."""
    sample = text[:1500]  # enough for a confident call; langid cost grows with length
    if len(sample.split()) < 5:
        return None
    language, _score = py3langid.classify(sample)
    return language


def _supplied_fields(doc: RawDocument) -> dict[str, object]:
    supplied: dict[str, object] = {}
    for key in ("url", "title", "published", "publisher"):
        value = getattr(doc, key)
        if value:
            supplied[key] = value
    if doc.authors:
        supplied["authors"] = list(doc.authors)
    return supplied


__all__ = ["CleanConfig", "clean_document", "detect_language", "quality_flags"]
