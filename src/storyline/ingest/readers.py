"""Turn one input file's bytes into raw documents, one reader per input kind.

A reader never raises for bad content: whatever it cannot read becomes a ``SkippedInput`` and
whatever it can read still counts (the good lines of a damaged JSONL file, the complete records
of a truncated WARC).
"""

from __future__ import annotations

import html as html_lib
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from fastwarc.warc import ArchiveIterator, WarcRecordType

from storyline.clean.render import parse_html, visible_lines
from storyline.ingest.decode import Decoded, NotText, TooLarge, decode_bytes, gunzip, is_gzip
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
    return ReadResult(documents=[document], problems=_mixed_problem(name, decoded))


def _mixed_problem(name: str, decoded: Decoded) -> list[SkippedInput]:
    """A note (the document is still read) that its lines came in two encodings."""
    if decoded.mixed_with is None:
        return []
    detail = (
        f"lines in UTF-8 and lines in {decoded.mixed_with}; each line was read in its own "
        "encoding and the document kept: check its text"
    )
    return [SkippedInput(name, MIXED_ENCODINGS, detail)]


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
    result = ReadResult()
    document = _html_document(name, data, result.problems, declared=declared)
    if document is not None:
        result.documents.append(document)
    return result


def _html_document(
    name: str,
    data: bytes,
    problems: list[SkippedInput],
    *,
    declared: str | None = None,
    kind: str = "html",
) -> RawDocument | None:
    """The page as a document, or None; what went wrong (or was worked around) goes in
    ``problems``."""
    try:
        decoded = decode_bytes(data, declared=declared, html=True)
    except NotText as exc:
        problems.append(SkippedInput(name, "binary file with an HTML extension", str(exc)))
        return None
    problems += _mixed_problem(name, decoded)
    document = RawDocument(input=name, kind=kind, raw=data, encoding=decoded.encoding)  # type: ignore[arg-type]
    problem = html_problem(decoded.text)
    if problem is None:
        document.html = decoded.text
        return document
    if nesting_depth(decoded.text) > PARSER_MAX_DEPTH:
        text = flat_text(decoded.text)
        if text.strip():
            # The HTML parser stops at its depth limit and drops everything deeper; the text
            # is read without the tree instead, and the user told why the page looks plain.
            problems.append(SkippedInput(name, TOO_DEEP, TOO_DEEP_DETAIL))
            document.text = text
            return document
        problems.append(SkippedInput(name, UNREACHABLE, "no text found without the tree"))
        return None
    problems.append(SkippedInput(name, problem, "nothing a reader would see"))
    return None


# libxml2, under lxml's HTML parser, drops elements nested deeper than this.
PARSER_MAX_DEPTH = 255
MIXED_ENCODINGS = "mixed encodings"
TOO_DEEP = "HTML nested too deeply"
TOO_DEEP_DETAIL = (
    f"over {PARSER_MAX_DEPTH} levels of tags, past what the HTML parser reads; the page's text "
    "was read as plain text instead (no title or date from the markup)"
)
UNREACHABLE = "HTML page whose text could not be reached"
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_INVISIBLE_BLOCK = re.compile(
    r"<(script|style|template|noscript|head)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_BLOCK_TAG = re.compile(
    r"</?(p|div|br|h[1-6]|li|tr|table|section|article|header|footer|blockquote|pre|ul|ol)\b[^>]*>",
    re.IGNORECASE,
)


def nesting_depth(markup: str) -> int:
    """How deep the page's tags nest, counted without building a tree (so no depth limit)."""
    depth = deepest = 0
    for match in _TAG.finditer(markup):
        closing, tag, self_closing = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and tag.lower() not in _VOID_TAGS:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def flat_text(markup: str) -> str:
    """The page's text with tags removed, one line per block, read without recursion."""
    text = _INVISIBLE_BLOCK.sub(" ", markup)
    text = _BLOCK_TAG.sub("\n", text)
    text = html_lib.unescape(re.sub(r"<[^>]*>", "", text))
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


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
    other_types: Counter[str] = Counter()
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
                # images, scripts, robots.txt: not articles
                other_types[content_type.split(";")[0].strip().lower() or "no type"] += 1
                continue
            document = _html_document(
                locator, payload, result.problems, declared=record.http_charset, kind="warc"
            )
            if document is None:
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
    elif records and not result.documents and not result.problems:
        kinds = ", ".join(f"{kind} {count}" for kind, count in other_types.most_common())
        result.problems.append(
            SkippedInput(name, "WARC with no article", f"{records} records, none HTML ({kinds})")
        )
    return result


def _read_jsonl(name: str, data: bytes) -> ReadResult:
    result = ReadResult()
    lines = _jsonl_lines(name, data, result.problems)
    if lines is None:
        return result
    for number, line, raw in lines:
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
        document = RawDocument(input=locator, kind="jsonl", raw=raw, encoding="utf-8")
        if isinstance(article_html, str) and article_html.strip():
            problem = html_problem(article_html)
            if problem and nesting_depth(article_html) > PARSER_MAX_DEPTH and not article_text:
                article_text = flat_text(article_html)
                result.problems.append(SkippedInput(locator, TOO_DEEP, TOO_DEEP_DETAIL))
            if problem and not (isinstance(article_text, str) and article_text.strip()):
                result.problems.append(SkippedInput(locator, problem, "the `html` field is empty"))
                continue
            document.html = None if problem else article_html
        if isinstance(article_text, str) and article_text.strip():
            document.text = article_text.replace("\r\n", "\n")
        _apply_supplied(document, record)
        result.documents.append(document)
    return result


def _jsonl_lines(
    name: str, data: bytes, problems: list[SkippedInput]
) -> list[tuple[int, str, bytes]] | None:
    """(line number, text, raw bytes) of each line, each decoded on its own.

    One bad line (a raw NUL, bytes in another encoding) costs that line, not the file; a file
    that is binary as a whole is one skip, as for other kinds. UTF-16 files are decoded whole.
    """
    whole: Decoded | None = None
    try:
        whole = decode_bytes(data)
    except NotText as exc:
        binary = str(exc)
    if whole is not None and whole.encoding.startswith(("utf-16", "utf-32")):
        return [
            (number, line, line.encode("utf-8"))
            for number, line in enumerate(whole.text.split("\n"), start=1)
        ]
    if whole is not None:
        problems += _mixed_problem(name, whole)
        fallback = whole.mixed_with or whole.encoding
    else:
        fallback = "cp1252"
    lines: list[tuple[int, str, bytes]] = []
    first_problem = len(problems)
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode(fallback, errors="replace")
        text = text.removeprefix("\ufeff") if number == 1 else text
        if _BINARY_LINE.search(text):
            detail = "control characters (a raw NUL, say) that JSON text cannot hold"
            problems.append(SkippedInput(f"{name}:{number}", "binary data in a JSONL line", detail))
            continue
        lines.append((number, text, raw))
    if whole is None and not any(text.lstrip().startswith("{") for _, text, _ in lines):
        del problems[first_problem:]  # not a JSONL file with bad lines: a binary file
        problems.append(SkippedInput(name, "binary file with a JSONL extension", binary))
        return None
    return lines


_BINARY_LINE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


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
