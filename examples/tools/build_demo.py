"""Render examples/demo/ and examples/bad/ from the article list in demo_articles.py.

The output is committed; rerun this after editing an article or a skin. It is deterministic,
and tests/test_examples.py checks that a fresh build matches the committed files.

    python examples/tools/build_demo.py [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_articles import ARTICLES, DemoArticle, body_of
from make_warc import build_demo_warcs
from pages import SITES, Page, parse_published, render_html, render_text

EXAMPLES = Path(__file__).resolve().parents[1]


def page_for(article: DemoArticle) -> Page:
    published = parse_published(article.published)
    if article.today == "published":
        today = published.date() if published else None
    else:
        today = date.fromisoformat(article.today) if article.today else None
    return Page(title=article.title, paragraphs=body_of(article), url=article.url,
                author=article.author, published=published, today=today,
                caption=article.caption, inline_related=article.inline_related)


def encode_text(text: str, encoding: str) -> bytes:
    """UTF-16 files come from Windows tools, so they also get CRLF line ends."""
    if encoding == "utf-16":
        text = text.replace("\n", "\r\n")
    return text.encode(encoding)


def jsonl_record(article: DemoArticle) -> dict[str, str]:
    site = SITES[article.site]
    record: dict[str, str] = {}
    if article.jsonl_html:
        record["html"] = render_html(site, page_for(article))
    else:
        record["text"] = "\n\n".join(body_of(article))
    available = {"url": article.url, "title": article.title,
                 "published": article.published, "publisher": site.name}
    for name in article.jsonl_fields:
        if available[name]:
            record[name] = available[name]
    return record


def build_demo(demo_dir: Path) -> list[Path]:
    demo_dir.mkdir(parents=True, exist_ok=True)
    jsonl: dict[str, list[str]] = {}
    written: list[Path] = []
    for article in ARTICLES:
        site = SITES[article.site]
        path = demo_dir / article.file
        if article.file.endswith(".txt"):
            path.write_bytes(encode_text(render_text(site, page_for(article)), article.encoding))
        elif article.file.endswith((".html", ".htm")):
            page = render_html(site, page_for(article), charset=article.encoding)
            path.write_bytes(page.encode(article.encoding))
        elif article.file.endswith(".jsonl"):
            jsonl.setdefault(article.file, []).append(
                json.dumps(jsonl_record(article), ensure_ascii=False))
            continue
        else:
            continue  # WARC files are written by make_warc
        written.append(path)
    for name, lines in jsonl.items():
        path = demo_dir / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


GOOD_BRIEFS = (
    {"text": "Russian aircraft struck targets near the town of Salma in Latakia province on "
             "Sunday, according to activists, who said the raids hit positions held by "
             "several rebel groups in the mountains near the Turkish border.",
     "title": "Raids reported near Salma", "published": "2015-10-04"},
    {"text": "Hundreds of families left villages south of Aleppo over the weekend as "
             "government troops, supported by Russian jets, advanced towards the main "
             "highway, a local aid group said. Schools in the area have closed.",
     "url": "https://example.org/aleppo-south-families-flee"},
    {"text": "The Russian defence ministry said on Friday that its aircraft had carried out "
             "more than 60 sorties in a day, the highest number since the campaign began, "
             "and published video of what it said were arms depots being destroyed.",
     "publisher": "Example Wire"},
)


def build_bad(bad_dir: Path) -> list[Path]:
    """Inputs the pipeline must skip with a reason (and, for JSONL, salvage the good lines)."""
    bad_dir.mkdir(parents=True, exist_ok=True)
    empty = bad_dir / "empty.txt"
    empty.write_bytes(b"")
    binary = bad_dir / "binary-not-text.txt"
    noise = random.Random(7).randbytes(700)
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise.replace(b"\n", b"\x00"))
    good = [json.dumps(brief, ensure_ascii=False) for brief in GOOD_BRIEFS]
    malformed = bad_dir / "partly-malformed.jsonl"
    malformed.write_text("\n".join([
        good[0],
        '{"text": "A line cut off in the middle of a stri',
        "not json at all",
        "",
        good[1],
        "[1, 2, 3]",
        '{"title": "A record with no text field", "url": "https://example.org/no-text"}',
        '{"text": ""}',
        '{"text": 42}',
        good[2],
    ]) + "\n", encoding="utf-8")
    no_body = bad_dir / "no-body.html"
    no_body.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Page not available</title>\n"
        '<link rel="stylesheet" href="/main.css">\n</head>\n</html>\n', encoding="utf-8")
    return [empty, binary, malformed, no_body]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=EXAMPLES,
                        help="folder that receives demo/ and bad/ (default: examples/)")
    args = parser.parse_args()
    demo_dir, bad_dir = args.out / "demo", args.out / "bad"
    bad_dir.mkdir(parents=True, exist_ok=True)
    written = build_demo(demo_dir) + build_bad(bad_dir) + build_demo_warcs(demo_dir, bad_dir)
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
