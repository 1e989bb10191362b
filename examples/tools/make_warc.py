"""Write small, valid WARC 1.0 files by hand (one gzip member per record).

Writing the records ourselves keeps the output byte-for-byte reproducible (fixed record ids,
dates and gzip headers), which lets tests compare a fresh build with the committed files.

    python examples/tools/make_warc.py            # rebuild the demo and bad WARC files
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import sys
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import BinaryIO

_NAMESPACE = uuid.UUID("6f1d6c0e-5a8c-4d0e-9d1e-2f1c0a7b9e11")


def _sha1(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record_id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, '|'.join(parts))}>"


def warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class WarcRecord:
    warc_type: str
    headers: tuple[tuple[str, str], ...]
    block: bytes

    def to_bytes(self) -> bytes:
        lines = [
            "WARC/1.0",
            f"WARC-Type: {self.warc_type}",
            *(f"{name}: {value}" for name, value in self.headers),
            f"WARC-Block-Digest: {_sha1(self.block)}",
            f"Content-Length: {len(self.block)}",
        ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + self.block + b"\r\n\r\n"


def warcinfo_record(filename: str, moment: datetime, description: str) -> WarcRecord:
    fields = (
        "software: storyline examples/tools/make_warc.py\r\n"
        "format: WARC File Format 1.0\r\n"
        "conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
        f"description: {description}\r\n"
        "robots: obey\r\n"
    ).encode()
    return WarcRecord(
        "warcinfo",
        (
            ("WARC-Date", warc_date(moment)),
            ("WARC-Filename", filename),
            ("WARC-Record-ID", record_id("warcinfo", filename)),
            ("Content-Type", "application/warc-fields"),
        ),
        fields,
    )


def http_exchange(
    url: str,
    moment: datetime,
    body: bytes,
    *,
    content_type: str = "text/html; charset=UTF-8",
    status: str = "200 OK",
    extra_headers: Iterable[tuple[str, str]] = (),
) -> tuple[WarcRecord, WarcRecord]:
    """A request record and the response record that answers it, as a crawler writes them."""
    host = url.split("/")[2]
    path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
    request_block = (
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
        "User-Agent: Mozilla/5.0 (compatible; storyline-demo-crawler/0.1)\r\n"
        "Accept: text/html,application/xhtml+xml\r\nAccept-Encoding: identity\r\n\r\n"
    ).encode("ascii")
    http_head = [
        f"HTTP/1.1 {status}",
        f"Date: {format_datetime(moment.astimezone(UTC), usegmt=True)}",
        "Server: nginx",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(body)}",
        *(f"{name}: {value}" for name, value in extra_headers),
    ]
    response_block = ("\r\n".join(http_head) + "\r\n\r\n").encode("latin-1") + body
    response_id = record_id("response", url, warc_date(moment))
    common = (("WARC-Date", warc_date(moment)), ("WARC-Target-URI", url))
    response = WarcRecord(
        "response",
        (
            *common,
            ("WARC-Record-ID", response_id),
            ("WARC-IP-Address", "192.0.2.10"),
            ("WARC-Payload-Digest", _sha1(body)),
            ("Content-Type", "application/http; msgtype=response"),
        ),
        response_block,
    )
    request = WarcRecord(
        "request",
        (
            *common,
            ("WARC-Record-ID", record_id("request", url, warc_date(moment))),
            ("WARC-Concurrent-To", response_id),
            ("Content-Type", "application/http; msgtype=request"),
        ),
        request_block,
    )
    return request, response


def gzip_member(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def write_warc(target: BinaryIO | Path, records: Iterable[WarcRecord]) -> None:
    """Each record is its own gzip member, so readers can seek to any record."""
    if isinstance(target, Path):
        with target.open("wb") as stream:
            write_warc(stream, records)
        return
    for record in records:
        target.write(gzip_member(record.to_bytes()))


def truncated_warc_bytes() -> bytes:
    """A crawl cut off mid-download: a complete warcinfo, then half a response record."""
    moment = datetime(2015, 10, 15, 2, 0, tzinfo=UTC)
    body = (
        "<!DOCTYPE html><html><head><title>Cut off</title></head><body><article>"
        "<h1>Strikes reported near Hama</h1><p>"
        + "Activists reported heavy bombardment in the northern countryside. " * 12
        + "</p></article></body></html>"
    ).encode("utf-8")
    _request, response = http_exchange("https://example.org/cut-off", moment, body)
    head = gzip_member(warcinfo_record("truncated.warc.gz", moment, "truncated").to_bytes())
    cut = gzip_member(response.to_bytes())
    return head + cut[: len(cut) // 2]


def build_demo_warcs(demo_dir: Path, bad_dir: Path) -> list[Path]:
    """The demo crawl files, built from the article list, plus the truncated bad example."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from demo_articles import ARTICLES, body_of
    from pages import SITES, Page, parse_published, render_html

    files: dict[str, list[WarcRecord]] = {}
    robots = b"User-agent: *\nDisallow: /wp-admin/\n"
    for article in ARTICLES:
        if not article.file.endswith(".warc.gz"):
            continue
        published = parse_published(article.published)
        assert published is not None, article.key
        crawled = (published + timedelta(hours=14)).astimezone(UTC)
        records = files.setdefault(article.file, [])
        if not records:
            records.append(warcinfo_record(article.file, crawled, "Storyline demo crawl"))
        site = SITES[article.site]
        page = Page(title=article.title, paragraphs=body_of(article), url=article.url,
                    author=article.author, published=published, today=crawled.date(),
                    caption=article.caption, inline_related=article.inline_related)
        request, response = http_exchange(article.url, crawled,
                                          render_html(site, page).encode("utf-8"))
        records.extend([request, response])
        if len(records) == 3:  # the crawler fetched robots.txt first; not an article
            robots_url = f"https://{site.domain}/robots.txt"
            records.extend(http_exchange(robots_url, crawled, robots,
                                         content_type="text/plain"))
    written = []
    for name, records in files.items():
        path = demo_dir / name
        write_warc(path, records)
        written.append(path)
    bad = bad_dir / "truncated.warc.gz"
    bad.write_bytes(truncated_warc_bytes())
    written.append(bad)
    return written


def main() -> None:
    examples = Path(__file__).resolve().parents[1]
    for path in build_demo_warcs(examples / "demo", examples / "bad"):
        print(path)


if __name__ == "__main__":
    main()
