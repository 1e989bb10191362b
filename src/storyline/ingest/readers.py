"""Turn one input file's bytes into raw documents, one reader per input kind.

A reader never raises for bad content: whatever it cannot read becomes a ``SkippedInput`` and
whatever it can read still counts (the good lines of a damaged JSONL file, the complete records
of a truncated WARC).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fastwarc.warc import ArchiveIterator, WarcRecordType

from storyline.clean.render import parse_html, visible_lines
from storyline.ingest.decode import NotText, TooLarge, decode_bytes, gunzip, is_gzip
from storyline.ingest.discover import DEFAULT_MAX_BYTES, InputFile
from storyline.model import RawDocument, SkippedInput

HTML_TYPES = ("text/html", "application/xhtml+xml")
# A plain-text scrape may open with "Key: value" lines (URL, title, date) before a blank line.
_HEADER_LINE = re.compile(
    r"^(url|source url|link|title|headline|date|published|publisher|source|author|authors|by)"
    r"\s*:\s*(\S.*)$",
    re.IGNORECASE,
)
_HEADER_FIELDS = {
    "url": "url",
    "source url": "url",
    "link": "url",
    "title": "title",
    "headline": "title",
    "date": "published",
    "published": "published",
    "publisher": "publisher",
    "source": "publisher",
    "author": "authors",
    "authors": "authors",
    "by": "authors",
}


@dataclass(slots=True)
class ReadResult:
    documents: list[RawDocument] = field(default_factory=list)
    problems: list[SkippedInput] = field(default_factory=list)


def read_documents(
    file: InputFile, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ReadResult:
    """Documents in one input file; ``data`` is the file's bytes as stored.

    ``max_bytes`` caps what a compressed file may inflate to, as it does a plain file's size.
    """
    name = str(file.path)
    if not data.strip():
        return ReadResult(problems=[SkippedInput(name, "empty file", "no content to read")])
    truncated = False
    if file.compressed or (file.kind == "warc" and is_gzip(data)):
        try:
            unzipped = gunzip(data, max_bytes=max_bytes)
        except TooLarge as exc:
            return ReadResult(problems=[SkippedInput(name, "file too large", str(exc))])
        except Exception as exc:  # zlib raises zlib.error, a bare Exception subclass
            return ReadResult(problems=[SkippedInput(name, "corrupt gzip", str(exc))])
        data, truncated = unzipped.data, unzipped.truncated
        if truncated and file.kind != "warc":
            return ReadResult(
                problems=[SkippedInput(name, "truncated gzip", "the compressed stream ends early")]
            )
    reader = READERS[file.kind]
    result = reader(name, data)
    if truncated:
        result.problems.append(
            SkippedInput(
                name,
                "truncated gzip",
                f"the compressed stream ends early; kept {len(result.documents)} complete records",
            )
        )
    return result


def _read_txt(name: str, data: bytes) -> ReadResult:
    try:
        decoded = decode_bytes(data)
    except NotText as exc:
        return ReadResult(
            problems=[SkippedInput(name, "binary file with a text extension", str(exc))]
        )
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ReadResult(problems=[SkippedInput(name, "empty file", "only white space")])
    header, body = split_text_header(text)
    document = RawDocument(input=name, kind="txt", raw=data, text=body, encoding=decoded.encoding)
    _apply_supplied(document, header)
    return ReadResult(documents=[document])


def split_text_header(text: str) -> tuple[dict[str, str], str]:
    """Separate a leading ``Key: value`` block (as some scrapers write) from the page text."""
    lines = text.lstrip("\ufeff\n").split("\n")
    header: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            if header:
                return header, "\n".join(lines[index + 1 :])
            return {}, text
        match = _HEADER_LINE.match(line.strip())
        if not match:
            return {}, text
        header[_HEADER_FIELDS[match.group(1).lower()]] = match.group(2).strip()
        if index > 12:
            return {}, text
    return {}, text


def _read_html(name: str, data: bytes, *, declared: str | None = None) -> ReadResult:
    document = _html_document(name, data, declared=declared)
    if isinstance(document, SkippedInput):
        return ReadResult(problems=[document])
    return ReadResult(documents=[document])


def _html_document(
    name: str, data: bytes, *, declared: str | None = None, kind: str = "html"
) -> RawDocument | SkippedInput:
    try:
        decoded = decode_bytes(data, declared=declared, html=True)
    except NotText as exc:
        return SkippedInput(name, "binary file with an HTML extension", str(exc))
    problem = html_problem(decoded.text)
    if problem:
        return SkippedInput(name, problem, "nothing a reader would see")
    return RawDocument(
        input=name,
        kind=kind,
        raw=data,
        html=decoded.text,
        encoding=decoded.encoding,  # type: ignore[arg-type]
    )


def html_problem(markup: str) -> str | None:
    """Why an HTML page holds no readable content, or ``None`` when it does."""
    root = parse_html(markup)
    if root is None:
        return "HTML with no body"
    body = root.find("body")
    if body is None or not visible_lines(body):
        return "HTML with no body"
    return None


def _read_warc(name: str, data: bytes) -> ReadResult:
    result = ReadResult()
    records = 0
    try:
        iterator = ArchiveIterator(
            io.BytesIO(data),
            record_types=WarcRecordType.response | WarcRecordType.resource,
            parse_http=True,
            fsspec_args=False,
        )
        for record in iterator:
            records += 1
            record_id = record.record_id or f"record-{records}"
            locator = f"{name}#{record_id}"
            content_type = record.http_content_type or record.headers.get("Content-Type") or ""
            payload = record.reader.read()
            if len(payload) < record.content_length:
                result.problems.append(
                    SkippedInput(
                        locator, "truncated WARC record", "the record ends before its length"
                    )
                )
                continue
            if not content_type.lower().startswith(HTML_TYPES):
                continue  # images, scripts, robots.txt: not articles
            document = _html_document(locator, payload, declared=record.http_charset, kind="warc")
            if isinstance(document, SkippedInput):
                result.problems.append(document)
                continue
            document.url = record.headers.get("WARC-Target-URI")
            if record.record_date is not None:
                document.fetched = record.record_date.date().isoformat()
            result.documents.append(document)
    except OSError as exc:
        reason = "not a WARC file" if records == 0 else "truncated WARC"
        result.problems.append(SkippedInput(name, reason, str(exc)))
    if records == 0 and not result.problems:
        result.problems.append(SkippedInput(name, "no WARC records", "no response records found"))
    return result


def _read_jsonl(name: str, data: bytes) -> ReadResult:
    result = ReadResult()
    try:
        text = decode_bytes(data).text
    except NotText as exc:
        return ReadResult(
            problems=[SkippedInput(name, "binary file with a JSONL extension", str(exc))]
        )
    raw_lines = data.split(b"\n")
    lines = text.split("\n")
    same_layout = len(raw_lines) == len(lines)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        locator = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            result.problems.append(SkippedInput(locator, "malformed JSONL line", exc.msg))
            continue
        if not isinstance(record, dict):
            result.problems.append(
                SkippedInput(locator, "malformed JSONL line", "expected a JSON object")
            )
            continue
        article_text = record.get("text")
        article_html = record.get("html")
        if not (isinstance(article_text, str) and article_text.strip()) and not (
            isinstance(article_html, str) and article_html.strip()
        ):
            result.problems.append(
                SkippedInput(locator, "malformed JSONL line", "no non-empty `text` or `html` field")
            )
            continue
        raw = raw_lines[number - 1].rstrip(b"\r") if same_layout else line.encode("utf-8")
        document = RawDocument(input=locator, kind="jsonl", raw=raw, encoding="utf-8")
        if isinstance(article_html, str) and article_html.strip():
            problem = html_problem(article_html)
            if problem and not (isinstance(article_text, str) and article_text.strip()):
                result.problems.append(SkippedInput(locator, problem, "the `html` field is empty"))
                continue
            document.html = None if problem else article_html
        if isinstance(article_text, str) and article_text.strip():
            document.text = article_text.replace("\r\n", "\n")
        _apply_supplied(document, record)
        result.documents.append(document)
    return result


def _apply_supplied(document: RawDocument, fields: dict) -> None:
    """Copy user-supplied metadata onto the document, ignoring values of the wrong shape."""
    for key in ("url", "title", "published", "publisher"):
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            setattr(document, key, value.strip())
    authors = fields.get("authors", fields.get("author"))
    if isinstance(authors, str) and authors.strip():
        document.authors = [part.strip() for part in re.split(r",| and ", authors) if part.strip()]
    elif isinstance(authors, list):
        document.authors = [str(a).strip() for a in authors if str(a).strip()]


READERS: dict[str, Callable[[str, bytes], ReadResult]] = {
    "txt": _read_txt,
    "html": _read_html,
    "warc": _read_warc,
    "jsonl": _read_jsonl,
}
