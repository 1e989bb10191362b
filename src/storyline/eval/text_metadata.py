"""Score the metadata the plain-text path reads off a copied page: title, authors, publisher
and publication date, against the benchmarks' own metadata.

Users most often hold a page's visible text, copied with its chrome. To measure that input,
each page of the trafilatura evaluation corpus and of the Zyte article-extraction benchmark is
rendered the way a person copying a browser page gets it: headless Chromium's
``document.body.innerText`` (Debian's ``/usr/bin/chromium`` through Playwright, JavaScript
and every network request off). That text goes through the ``.txt`` ingest path exactly as a
user's file would, with one ``URL:`` header line in front (the reader's documented header
block), so the page address is known as a scraper's file would record it.

Gold values:
- trafilatura: its ``title``, ``author``, ``date`` and (18 pages) ``sitename`` annotations;
- Zyte: the page carries no annotations, so the page's own structured metadata is the gold
  (JSON-LD ``headline``/``author``/``datePublished``, OpenGraph and ``<meta>`` fields);
- publisher, both sets: the annotated site name, else the page's own site name
  (``og:site_name``, JSON-LD ``publisher.name``, ``application-name``); pages with none are
  not scored for publisher.

Split: a page belongs to ``dev`` or ``test`` by a stable hash of its name (the trafilatura
file name, the Zyte page id): the first byte of its SHA-256, even for dev, odd for test.
Rules are tuned on dev only; the test half is read once when a change is done.

Rendered texts are cached under ``~/.cache/storyline/text-metadata/`` (``STORYLINE_CACHE``
overrides the root), keyed by the hash of the page's bytes, so reruns skip the browser.
Setting ``STORYLINE_TEXT_METADATA_DUMP=<file>`` writes one JSON line per scored page (gold,
predicted, evidence) for reading misses.
"""

from __future__ import annotations

import gzip
import hashlib
import html as html_lib
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyline.eval.report import EvalReport, MissingData

TRAFILATURA = "trafilatura-eval"
ZYTE = "article-extraction-benchmark"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RENDER_VERSION = "innertext-v1"  # bump when the rendering changes, so the cache is rebuilt
RENDER_TIMEOUT_MS = 20_000
SPLITS = ("dev", "test")


def page_split(name: str) -> str:
    """``dev`` or ``test`` for a page, fixed by a hash of its name (never changed)."""
    return "dev" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "test"


# ---------------------------------------------------------------------------------------------
# Pages and their gold


@dataclass(slots=True)
class Gold:
    """Gold values; ``None`` means not annotated (not scored), ``""``/``[]`` means none."""

    title: str | None = None
    authors: list[str] | None = None
    publisher: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Page:
    dataset: str
    name: str
    url: str
    html: bytes
    gold: Gold
    split: str = field(init=False)

    def __post_init__(self) -> None:
        self.split = page_split(self.name)


def _gunzip(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def _trafilatura_pages(root: Path) -> Iterator[Page]:
    index = root / "evaldata.json"
    if not index.exists():
        return
    for url, entry in json.loads(index.read_text(encoding="utf-8")).items():
        if "title" not in entry and "date" not in entry:
            continue  # pages without a metadata annotation
        path = next(
            (
                p
                for folder in ("eval", "cache")
                for p in (root / folder / f"{entry['file']}.gz", root / folder / entry["file"])
                if p.exists()
            ),
            None,
        )
        if path is None:
            continue
        markup = _gunzip(path)
        own = page_metadata(markup)
        gold = Gold(
            title=entry.get("title"),
            authors=split_authors(entry["author"]) if "author" in entry else None,
            publisher=(entry.get("sitename") or own.publisher or None),
            published=gold_date(entry.get("date") or "") if "date" in entry else None,
        )
        yield Page(TRAFILATURA, entry["file"], url, markup, gold)


def _zyte_pages(root: Path) -> Iterator[Page]:
    truth = root / "ground-truth.json"
    if not truth.exists():
        return
    for page_id, entry in json.loads(truth.read_text(encoding="utf-8")).items():
        path = root / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        markup = _gunzip(path)
        yield Page(ZYTE, page_id, entry.get("url", ""), markup, page_metadata(markup))


def iter_pages(data_dir: Path, split: str | None = None) -> Iterator[Page]:
    """Pages of both sets with metadata gold, optionally of one split, in file order."""
    for name, reader in ((TRAFILATURA, _trafilatura_pages), (ZYTE, _zyte_pages)):
        root = data_dir / name
        for page in reader(root):
            if split is None or page.split == split:
                yield page


# ---- the page's own structured metadata (gold where a benchmark has none)

_JSONLD_TYPES = re.compile(r"(news)?article|blogposting|reportage|webpage", re.I)


def _jsonld_objects(value: Any) -> Iterator[dict]:
    if isinstance(value, list):
        for item in value:
            yield from _jsonld_objects(item)
    elif isinstance(value, dict):
        yield value
        yield from _jsonld_objects(value.get("@graph", []))


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def gold_date(value: str) -> str | None:
    """A gold date as ``YYYY-MM-DD``; ``""`` for none; ``None`` when unreadable (not scored).

    A timestamp in UTC ("...T03:10:00Z") is marked with a trailing ``~``: its calendar day may
    be one later than the day the page shows in its own time zone, so either day counts.
    """
    value = value.strip()
    if not value:
        return ""
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if match is None:
        return None
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    if not 1990 <= day.year <= 2100:
        return None  # a placeholder ("0001-01-01"), not a publication date
    utc = re.search(r"T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|\+00:?00)$", value)
    return day.isoformat() + ("~" if utc else "")


def date_correct(predicted: str | None, gold: str) -> bool:
    if not gold:
        return not predicted
    if not predicted:
        return False
    if gold.endswith("~"):
        day = date.fromisoformat(gold[:-1])
        return predicted in {(day + timedelta(days=k)).isoformat() for k in (-1, 0, 1)}
    return predicted == gold


def page_metadata(markup: bytes) -> Gold:
    """Title, authors, publisher and date the page itself declares (JSON-LD, OpenGraph, meta)."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", _decode(markup)))
    except (ValueError, TypeError, SyntaxError):
        return Gold()
    meta: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        if key and node.get("content") and key not in meta:
            meta[key] = node.get("content").strip()
    gold = Gold()
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content())
        except (json.JSONDecodeError, TypeError):
            continue
        for obj in _jsonld_objects(data):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and _JSONLD_TYPES.fullmatch(k) for k in kinds):
                continue
            if gold.title is None and isinstance(obj.get("headline"), str):
                gold.title = obj["headline"].strip()
            if gold.published is None and isinstance(obj.get("datePublished"), str):
                gold.published = gold_date(obj["datePublished"]) or None
            if gold.authors is None and _names(obj.get("author")):
                gold.authors = [n.strip() for n in _names(obj.get("author")) if n.strip()]
            if gold.publisher is None and _names(obj.get("publisher")):
                gold.publisher = _names(obj.get("publisher"))[0].strip() or None
    gold.title = gold.title or meta.get("og:title") or None
    for key in ("article:published_time", "datepublished", "pubdate", "publishdate", "date"):
        if gold.published is None and re.match(r"\d{4}-\d\d-\d\d", meta.get(key, "")):
            gold.published = gold_date(meta[key]) or None
    if gold.published is None:
        for node in tree.xpath("//*[@itemprop='datePublished']"):
            value = node.get("datetime") or node.get("content") or ""
            if re.match(r"\d{4}-\d\d-\d\d", value):
                gold.published = gold_date(value) or None
                break
    if gold.authors is None and meta.get("author") and not meta["author"].startswith("http"):
        gold.authors = split_authors(meta["author"])
    gold.publisher = meta.get("og:site_name") or gold.publisher or meta.get("application-name")
    gold.title = html_lib.unescape(gold.title) if gold.title else gold.title
    gold.publisher = html_lib.unescape(gold.publisher) if gold.publisher else gold.publisher
    if gold.authors:
        gold.authors = [html_lib.unescape(a) for a in gold.authors]
    return gold


# ---------------------------------------------------------------------------------------------
# Rendering: the text a person copying the browser page gets


def cache_dir() -> Path:
    root = Path(os.environ.get("STORYLINE_CACHE") or Path.home() / ".cache" / "storyline")
    return root / "text-metadata"


def _cache_key(markup: bytes) -> str:
    return hashlib.sha256(RENDER_VERSION.encode() + b"\0" + markup).hexdigest()


def _decode(markup: bytes) -> str:
    from storyline.ingest.decode import decode_bytes

    return decode_bytes(markup, html=True).text


class Renderer:
    """One headless Chromium, JavaScript off, every request aborted; texts cached on disk."""

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None
        self._page: Any = None
        self.rendered = 0

    def text(self, markup: bytes) -> str | None:
        path = cache_dir() / f"{_cache_key(markup)}.txt"
        if path.exists():
            return path.read_text(encoding="utf-8")
        text = self._render(markup)
        if text is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.rendered += 1
        return text

    def _render(self, markup: bytes) -> str | None:
        if self._page is None:
            self._start()
        try:
            self._page.set_content(
                _decode(markup), wait_until="domcontentloaded", timeout=RENDER_TIMEOUT_MS
            )
            return str(self._page.evaluate("document.body ? document.body.innerText : ''"))
        except Exception:  # a page the browser cannot render is skipped, not fatal
            self.close()
            return None

    def _start(self) -> None:
        if not CHROMIUM.exists():
            raise MissingData(CHROMIUM, "apt-get install -y chromium (make setup does this)")
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        context = self._browser.new_context(
            java_script_enabled=False, viewport={"width": 1280, "height": 900}
        )
        context.route("**/*", lambda route: route.abort())
        self._page = context.new_page()

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._playwright = self._browser = self._page = None


# ---------------------------------------------------------------------------------------------
# The two paths under test


@dataclass(slots=True)
class Predicted:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    source: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


def text_path(text: str, url: str) -> Predicted:
    """The ``.txt`` ingest and clean path, with the URL in the scrape's header block."""
    from storyline.clean.document import clean_document
    from storyline.ingest.readers import READERS

    header = f"URL: {url}\n\n" if url else ""
    result = READERS["txt"]("page.txt", (header + text).encode("utf-8"))
    return _predicted(clean_document(result.documents[0]) if result.documents else None)


def html_path(markup: bytes, url: str) -> Predicted:
    from storyline.clean.document import clean_document
    from storyline.ingest.readers import READERS

    result = READERS["html"]("page.html", markup)
    if not result.documents:
        return Predicted()
    result.documents[0].url = url or None
    return _predicted(clean_document(result.documents[0]))


def _predicted(article: Any) -> Predicted:
    from storyline.model import Article

    if not isinstance(article, Article):
        return Predicted()
    return Predicted(
        article.title,
        list(article.authors),
        article.publisher,
        article.published,
        article.published_source,
    )


# ---------------------------------------------------------------------------------------------
# Scoring

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "’": "'", "‘": "'"})
_SITE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*[|»·]\s*")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b|\bet\b|\by\b|\bi\b)\s*", re.I)
_AUTHOR_PREFIX = re.compile(r"^(?:by|von|par|por|di|door|av)\s+", re.I)


def normalise(text: str) -> str:
    """Case, Unicode form, quotes, punctuation and spacing folded."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return " ".join(re.findall(r"\w+", text))


def split_authors(value: str | list[str] | None) -> list[str]:
    if isinstance(value, list):
        return [name for item in value for name in split_authors(str(item))]
    parts = [_AUTHOR_PREFIX.sub("", p).strip() for p in _AUTHOR_SPLIT.split(value or "")]
    return [p for p in parts if p]


def title_correct(predicted: str | None, gold: str) -> bool:
    """Equal once folded; a gold title carrying the site name after a separator ("Headline |
    Site") also matches its headline part."""
    if not gold.strip():
        return not predicted
    if not predicted:
        return False
    pred = normalise(predicted)
    variants = {normalise(gold)}
    parts = _SITE_SEPARATOR.split(gold)
    if len(parts) > 1:
        variants.add(normalise(max(parts, key=len)))
    return pred in variants


def authors_f1(predicted: list[str], gold: list[str]) -> float:
    gold_set = {normalise(g) for g in gold if normalise(g)}
    pred_set = {normalise(p) for p in predicted if normalise(p)}
    if not gold_set and not pred_set:
        return 1.0
    if not gold_set or not pred_set:
        return 0.0
    hit = len(gold_set & pred_set)
    precision, recall = hit / len(pred_set), hit / len(gold_set)
    return 2 * precision * recall / (precision + recall) if hit else 0.0


def publisher_key(name: str) -> str:
    """A site name folded so "The Valley Post", "valley post" and "valleypost.com" agree."""
    name = name.strip()
    if re.fullmatch(r"(?:[\w-]+\.)+[a-z]{2,}", name.lower()):
        name = re.sub(r"^www\.", "", name.lower()).rsplit(".", 1)[0]
    key = normalise(name)
    key = re.sub(r"^(www |the )", "", key)
    return key.replace(" ", "")


def publisher_correct(predicted: str | None, gold: str) -> bool:
    return bool(predicted) and publisher_key(predicted or "") == publisher_key(gold)


@dataclass(slots=True)
class Tally:
    pages: int = 0
    title_n: int = 0
    title_ok: int = 0
    authors_n: int = 0
    authors_f1: float = 0.0
    publisher_n: int = 0
    publisher_ok: int = 0
    date_n: int = 0  # pages whose date is annotated (a date or none)
    date_ok: int = 0
    date_given: int = 0
    date_given_ok: int = 0
    html_date_ok: int = 0
    dated_n: int = 0  # pages whose gold has a date (not "none")
    dated_ok: int = 0
    html_dated_ok: int = 0

    def rate(self, hits: float, n: int) -> float:
        return hits / n if n else 0.0

    def figures(self) -> dict[str, float | int]:
        return {
            "pages": self.pages,
            "title": self.rate(self.title_ok, self.title_n),
            "author_f1": self.rate(self.authors_f1, self.authors_n),
            "publisher": self.rate(self.publisher_ok, self.publisher_n),
            "date": self.rate(self.date_ok, self.date_n),
            "date_given": self.rate(self.date_given, self.date_n),
            "date_precision": self.rate(self.date_given_ok, self.date_given),
            "html_date": self.rate(self.html_date_ok, self.date_n),
            "date_dated": self.rate(self.dated_ok, self.dated_n),
            "html_date_dated": self.rate(self.html_dated_ok, self.dated_n),
        }


def score_page(page: Page, text: Predicted, html: Predicted | None, tally: Tally) -> dict:
    """Add one page to ``tally``; return its per-field verdicts (for the dump)."""
    gold = page.gold
    verdict: dict[str, Any] = {}
    tally.pages += 1
    if gold.title is not None:
        tally.title_n += 1
        verdict["title"] = title_correct(text.title, gold.title)
        tally.title_ok += verdict["title"]
    if gold.authors is not None:
        tally.authors_n += 1
        verdict["authors"] = authors_f1(text.authors, gold.authors)
        tally.authors_f1 += verdict["authors"]
    if gold.publisher:
        tally.publisher_n += 1
        verdict["publisher"] = publisher_correct(text.publisher, gold.publisher)
        tally.publisher_ok += verdict["publisher"]
    if gold.published is not None:
        tally.date_n += 1
        ok = date_correct(text.published, gold.published)
        verdict["date"] = ok
        tally.date_ok += ok
        if text.published:
            tally.date_given += 1
            tally.date_given_ok += ok
        html_ok = html is not None and date_correct(html.published, gold.published)
        tally.html_date_ok += html_ok
        if gold.published:
            tally.dated_n += 1
            tally.dated_ok += ok
            tally.html_dated_ok += html_ok
    return verdict


def evaluate(data_dir: Path, *, limit: int | None = None, split: str = "test") -> EvalReport:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    if not (data_dir / TRAFILATURA).exists() and not (data_dir / ZYTE).exists():
        raise MissingData(data_dir / TRAFILATURA, f"expected {TRAFILATURA}/ and {ZYTE}/")
    tallies = {name: Tally() for name in (TRAFILATURA, ZYTE, "all")}
    sources: dict[str, list[int]] = {}
    renderer = Renderer()
    dump_path = os.environ.get("STORYLINE_TEXT_METADATA_DUMP")
    dump = open(dump_path, "w", encoding="utf-8") if dump_path else None  # noqa: SIM115
    skipped = 0
    try:
        for count, page in enumerate(iter_pages(data_dir, split)):
            if limit is not None and count >= limit:
                break
            text = renderer.text(page.html)
            if text is None or not text.strip():
                skipped += 1
                continue
            predicted = text_path(text, page.url)
            html = html_path(page.html, page.url)
            for name in (page.dataset, "all"):
                verdict = score_page(page, predicted, html, tallies[name])
            if page.gold.published is not None and predicted.published:
                hits = sources.setdefault(predicted.source or "none", [0, 0])
                hits[0] += 1
                hits[1] += date_correct(predicted.published, page.gold.published)
            if dump is not None:
                row = {"dataset": page.dataset, "name": page.name, "url": page.url}
                row["gold"] = {
                    "title": page.gold.title,
                    "authors": page.gold.authors,
                    "publisher": page.gold.publisher,
                    "published": page.gold.published,
                }
                row["text"] = {
                    "title": predicted.title,
                    "authors": predicted.authors,
                    "publisher": predicted.publisher,
                    "published": predicted.published,
                    "source": predicted.source,
                }
                row["html_published"] = html.published
                row["verdict"] = verdict
                dump.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        renderer.close()
        if dump is not None:
            dump.close()
    rows = []
    for name, tally in tallies.items():
        figures = tally.figures()
        rows.append([name, *figures.values()])
    overall = tallies["all"].figures()
    summary: dict[str, Any] = {"split": split}
    summary |= {key: value for key, value in overall.items()}
    notes = [
        "text path: the page's innerText (headless Chromium, JS and network off) read as a .txt "
        "scrape with a 'URL:' header line; html_date: the HTML path's date on the same pages.",
        "date: share of date-annotated pages whose date is right (no date is right when the "
        "gold has none); date_given: share given a date; date_precision: right among those; "
        "*_dated: accuracy on the pages whose gold has a date.",
        "text-path date sources (given, right): "
        + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(sources.items())),
    ]
    if skipped:
        notes.append(f"{skipped} page(s) with no visible text (or not rendered) skipped")
    if renderer.rendered:
        notes.append(f"{renderer.rendered} page(s) rendered now, the rest read from {cache_dir()}")
    return EvalReport(
        "text-metadata",
        [
            "set",
            "pages",
            "title",
            "author F1",
            "publisher",
            "date",
            "date given",
            "date P",
            "HTML date",
        ],
        rows,
        summary,
        notes,
    )
