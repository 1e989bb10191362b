"""Generate a large, messy corpus from the demo articles, for throughput and scaling runs.

    python benchmarks/generate_corpus.py --n 10000 --out benchmarks/generated/ [--seed 1]

Each generated article starts from one demo body (examples/tools/demo_articles.py) and is
perturbed the way real scrapes differ: new numbers, dates and places, shuffled sentences,
dropped paragraphs, synonym swaps, other site chrome and header dates. About a third are
exact copies, trimmed reprints or spun rewrites of an earlier generated article, so dedupe and
syndication have real work to do. Output is spread over txt, jsonl, html and warc.gz in
roughly the proportions of a real scrape pile, and is the same for the same seed.

Fresh variants of one demo base always get new numbers and usually new places or dates, but
they keep much of the base's wording: treat two "original" rows with the same ``base`` as
related reports, not as independent ones.

``OUT/manifest.tsv`` records the ground truth for every article (its base, relation, group,
real date). It is not an input format, so a run over OUT reports it as skipped.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "examples" / "tools"
sys.path.insert(0, str(TOOLS))

from demo_articles import ARTICLES, DemoArticle  # noqa: E402
from make_warc import (  # noqa: E402
    WarcRecord,
    http_exchange,
    record_id,
    warc_date,
    warcinfo_record,
    write_warc,
)
from pages import SITES, Page, Site, render_html, render_text  # noqa: E402

FORMAT_WEIGHTS = {"txt": 0.46, "jsonl": 0.30, "html": 0.16, "warc": 0.08}
JSONL_LINES_PER_FILE = 500
WARC_RECORDS_PER_FILE = 200
FILES_PER_FOLDER = 1000
OUTPUT_PARTS = ("txt", "html", "jsonl", "warc", "manifest.tsv")

# Light edits a copy editor makes: spelling conventions and transliterations.
SPELLING_VARIANTS: dict[str, tuple[str, ...]] = {
    "Deir ez-Zor": ("Deir al-Zor", "Deir Ezzor", "Deir el-Zour"),
    "Deir al-Zor": ("Deir ez-Zor", "Deir Ezzor"),
    "Raqqa": ("Raqa", "Al-Raqqah", "Rakka"),
    "Hama": ("Hamah",),
    "Latakia": ("Lattakia", "Latakiya"),
    "Saraqeb": ("Saraqib",),
    "Jisr al-Shughour": ("Jisr ash-Shughur", "Jisr al-Shughur"),
    "air strikes": ("airstrikes", "air raids"),
    "defence": ("defense",),
    "Islamic State group": ("Islamic State (IS) group", "ISIS group", "Daesh group"),
    "Al-Nusra Front": ("al-Nusra Front", "Nusra Front"),
    "Syrian Observatory for Human Rights": ("Syrian Observatory for Human Rights (SOHR)",),
}

# What an article spinner does to dodge duplicate detection.
SPIN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "Russia": ("Russian Federation",),
    "killed": ("slain", "left dead"),
    "said": ("stated", "mentioned"),
    "last year": ("previous year",),
    "strikes": ("raids", "assaults"),
    "warplanes": ("fighter jets", "combat planes"),
    "civilians": ("non-combatants", "ordinary people"),
    "fighters": ("militants", "combatants"),
    "near": ("close to", "in the vicinity of"),
    "about": ("roughly", "approximately"),
    "first": ("initial", "opening"),
    "began": ("commenced", "kicked off"),
    "children": ("youngsters", "kids"),
    "hit": ("struck", "targeted"),
    "reports": ("accounts",),
    "help": ("assistance",),
}

# Places a fresh variant may move an event to, by country, so a swap stays plausible.
PLACES: dict[str, tuple[str, ...]] = {
    "SY": (
        "Homs",
        "Hama",
        "Idlib",
        "Aleppo",
        "Raqqa",
        "Deir ez-Zor",
        "Latakia",
        "Palmyra",
        "Daraa",
        "Douma",
        "Jisr al-Shughour",
        "Talbiseh",
        "Rastan",
        "Latamneh",
        "Kafr Nabudah",
        "Kafr Zita",
        "Saraqeb",
        "al-Bab",
        "Atarib",
        "Manbij",
        "Maarat al-Numan",
        "Qusayr",
        "Salma",
        "Tabqa",
        "Mayadin",
        "Albu Kamal",
    ),
    "BF": ("Ouagadougou", "Bobo-Dioulasso", "Djibo", "Dori", "Kaya", "Fada N'Gourma"),
    "IR": ("Hamadan", "Tabriz", "Kermanshah", "Isfahan"),
}

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_ABBR = (
    "Jan",
    "Feb",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)
NUMBER_WORDS = {
    "twelve": 12,
    "five": 5,
    "four": 4,
    "three": 3,
    "two": 2,
    "eight": 8,
    "six": 6,
    "nine": 9,
    "dozens": 0,
}

_NUMBER = re.compile(r"(?<![-\w.,])(\d{1,3})(?![-\w]|,\d|\.\d)")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_DATELINE = re.compile(r"\b(" + "|".join(MONTH_ABBR) + r") (\d{1,2})\b")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“])")
CAPTIONS = (
    *(article.caption for article in ARTICLES if article.caption),
    "File photo: a damaged street after an air strike.",
    "Smoke rises over the city on the morning after the raids. (File photo)",
    "Displaced families wait at a checkpoint.",
    "A fighter jet lands after a mission.",
    "Rescue workers search the rubble of a collapsed building.",
)
_NAME_PREFIX = ("The", "Daily", "Morning", "Evening", "Global", "Northern", "Eastern", "New")
_NAME_SUFFIX = (
    "Herald",
    "Post",
    "Observer",
    "Times",
    "Gazette",
    "Chronicle",
    "Review",
    "Dispatch",
    "Journal",
    "Wire",
    "Bulletin",
    "Star",
)


def _compile(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    words = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(word) for word in words) + r")\b")


_SPELLING = _compile(SPELLING_VARIANTS)
_SPIN = _compile(SPIN_SYNONYMS)
_PLACE = {code: _compile({name: () for name in names}) for code, names in PLACES.items()}


@dataclass
class Draft:
    """One generated article before it is laid out as a file."""

    ident: str
    base: DemoArticle
    relation: str  # original, copy, reprint, spun
    group: str  # ident of the original this one derives from
    title: str
    paragraphs: list[str]
    published: datetime | None
    perturbations: list[str] = field(default_factory=list)


def split_sentences(paragraph: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(paragraph) if part]


def swap_words(
    text: str,
    pattern: re.Pattern[str],
    table: dict[str, tuple[str, ...]],
    rng: random.Random,
    rate: float,
) -> str:
    return pattern.sub(
        lambda m: rng.choice(table[m.group(1)]) if rng.random() < rate else m.group(1), text
    )


def change_numbers(text: str, rng: random.Random) -> str:
    def bump(match: re.Match[str]) -> str:
        value = int(match.group(1))
        if value == 0 or rng.random() < 0.5:
            return match.group(1)
        spread = max(1, value // 3)
        return str(max(1, value + rng.randint(-spread, spread)))

    text = _NUMBER.sub(bump, text)
    for word, value in NUMBER_WORDS.items():
        if word in text and rng.random() < 0.3:
            replacement = "scores" if value == 0 else str(value + rng.randint(1, 4))
            text = re.sub(rf"\b{word}\b", replacement, text, count=1)
    return text


def shift_dates(text: str, days: int) -> str:
    """Move weekday names and "Oct 1" datelines with the publication date, so they agree."""
    text = _WEEKDAY.sub(lambda m: WEEKDAYS[(WEEKDAYS.index(m.group(1)) + days) % 7], text)

    def move(match: re.Match[str]) -> str:
        month = MONTH_ABBR.index(match.group(1)) + 1
        try:
            moved = date(2016, month, int(match.group(2))) + timedelta(days=days)
        except ValueError:
            return match.group(0)
        return f"{MONTH_ABBR[moved.month - 1]} {moved.day}"

    return _DATELINE.sub(move, text)


def move_places(paragraphs: list[str], rng: random.Random) -> tuple[list[str], str | None]:
    joined = "\n".join(paragraphs)
    for code, pattern in _PLACE.items():
        found = sorted({m.group(1) for m in pattern.finditer(joined)})
        if found:
            old = rng.choice(found)
            new = rng.choice([place for place in PLACES[code] if place != old])
            moved = re.sub(rf"\b{re.escape(old)}\b", new, joined)
            return moved.split("\n"), f"place:{old}->{new}"
    return paragraphs, None


def shuffle_sentences(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Keep the lead paragraph; reorder sentences inside the others or the paragraphs."""
    lead, rest = paragraphs[:1], paragraphs[1:]
    if rng.random() < 0.5:
        rng.shuffle(rest)
        return lead + rest
    shuffled = []
    for paragraph in rest:
        sentences = split_sentences(paragraph)
        rng.shuffle(sentences)
        shuffled.append(" ".join(sentences))
    return lead + shuffled


def drop_paragraphs(paragraphs: list[str], rng: random.Random) -> list[str]:
    if len(paragraphs) <= 3:
        return paragraphs
    doomed = set(rng.sample(range(1, len(paragraphs)), rng.randint(1, 2)))
    return [p for index, p in enumerate(paragraphs) if index not in doomed]


def spin(paragraphs: list[str], donor: Sequence[str], rng: random.Random) -> list[str]:
    """Content-farm rewrite: synonyms, shuffled order, a lifted sentence, a dangling 'He added'."""
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    sentences = [swap_words(s, _SPIN, SPIN_SYNONYMS, rng, 0.7) for s in sentences]
    rng.shuffle(sentences)
    if len(sentences) > 2:
        pick = rng.randrange(1, len(sentences))
        sentence = sentences[pick]
        sentences[pick] = "He added that " + sentence[0].lower() + sentence[1:]
    donor_sentences = [s for p in donor for s in split_sentences(p)]
    if donor_sentences:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(donor_sentences))
    per_paragraph = rng.choice((1, 2))
    return [
        " ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)
    ]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.bases = [a for a in ARTICLES if a.paragraphs and "spun-rewrite" not in a.cases]
        self.by_story: dict[str, list[DemoArticle]] = {}
        for article in self.bases:
            self.by_story.setdefault(article.story, []).append(article)
        self.sites = [*SITES.values(), *(self._site_variant() for _ in range(40))]
        self.drafts: list[Draft] = []

    def _site_variant(self) -> Site:
        base = self.rng.choice(list(SITES.values()))
        name = f"{self.rng.choice(_NAME_PREFIX)} {self.rng.choice(_NAME_SUFFIX)}"
        domain = name.lower().replace("the ", "").replace(" ", "") + self.rng.choice(
            (".com", ".net", ".org", ".co.uk", ".news", ".info")
        )
        footer = tuple(line.replace(base.name, name) for line in base.footer)
        return replace(base, name=name, domain=domain, footer=footer)

    def _fresh(self, ident: str) -> Draft:
        rng = self.rng
        base = rng.choice(self.bases)
        paragraphs = list(base.paragraphs)
        published = datetime.fromisoformat(base.published) if base.published else None
        done: list[str] = []
        paragraphs = [change_numbers(p, rng) for p in paragraphs]
        done.append("numbers")
        if rng.random() < 0.6:
            paragraphs, moved = move_places(paragraphs, rng)
            if moved:
                done.append(moved)
        if published is not None and rng.random() < 0.5:
            days = rng.randint(-20, 20)
            published += timedelta(days=days)
            paragraphs = [shift_dates(p, days) for p in paragraphs]
            done.append(f"dates:{days:+d}d")
        if rng.random() < 0.4:
            paragraphs = shuffle_sentences(paragraphs, rng)
            done.append("shuffle")
        if rng.random() < 0.3:
            paragraphs = drop_paragraphs(paragraphs, rng)
            done.append("drop-paragraphs")
        if rng.random() < 0.3:
            paragraphs = [swap_words(p, _SPELLING, SPELLING_VARIANTS, rng, 0.6) for p in paragraphs]
            done.append("spelling")
        if rng.random() < 0.2:
            donor = rng.choice(self.by_story[base.story])
            paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), rng.choice(donor.paragraphs))
            done.append(f"stitch:{donor.key}")
        title = swap_words(base.title, _SPELLING, SPELLING_VARIANTS, rng, 0.5)
        return Draft(ident, base, "original", ident, title, paragraphs, published, done)

    def _derived(self, ident: str, source: Draft) -> Draft:
        rng = self.rng
        roll = rng.random()
        later = source.published + timedelta(hours=rng.randint(1, 60)) if source.published else None
        if roll < 0.4:
            return Draft(
                ident,
                source.base,
                "copy",
                source.group,
                source.title,
                list(source.paragraphs),
                later,
                ["exact-copy"],
            )
        if roll < 0.75:
            paragraphs = list(source.paragraphs)
            done = ["reprint"]
            if len(paragraphs) > 3 and rng.random() < 0.6:
                paragraphs = paragraphs[:-1]
                done.append("trim-last")
            if rng.random() < 0.5:
                paragraphs = [
                    swap_words(p, _SPELLING, SPELLING_VARIANTS, rng, 0.5) for p in paragraphs
                ]
                done.append("spelling")
            return Draft(
                ident, source.base, "reprint", source.group, source.title, paragraphs, later, done
            )
        donor = rng.choice(self.by_story[source.base.story]).paragraphs
        title = swap_words(source.title, _SPIN, SPIN_SYNONYMS, rng, 0.8)
        return Draft(
            ident,
            source.base,
            "spun",
            source.group,
            title,
            spin(source.paragraphs, donor, rng),
            later,
            ["spun"],
        )

    def draft(self, index: int) -> Draft:
        ident = f"gen{index:06d}"
        originals = [d for d in self.drafts[-200:] if d.relation == "original"]
        if originals and self.rng.random() < 0.33:
            result = self._derived(ident, self.rng.choice(originals))
        else:
            result = self._fresh(ident)
        self.drafts.append(result)
        return result


@dataclass(frozen=True)
class Layout:
    """How one draft is shown: the site, the header date and whether the page is dated."""

    site: Site
    page: Page
    today: date | None


def lay_out(draft: Draft, sites: Sequence[Site], rng: random.Random) -> tuple[Layout, str]:
    site = rng.choice(sites)
    published = draft.published
    header = "published"
    if published is None or rng.random() < 0.06:
        published, today, header = None, None, "undated"
    else:
        roll = rng.random()
        if roll < 0.65:
            today = published.date()
        elif roll < 0.85:
            today = published.date() + timedelta(days=rng.randint(1, 3))
            header = "today+days"
        elif roll < 0.95:
            today = published.date() + timedelta(days=rng.randint(30, 400))
            header = "today-differs"
        else:
            today, header = None, "no-header-date"
    slug = re.sub(r"[^a-z0-9]+", "-", draft.title.lower()).strip("-")[:60]
    url = f"https://{site.domain}/{slug}-{draft.ident[3:]}"
    author = rng.choice(
        (
            None,
            "Staff",
            "AFP",
            "Reporter",
            "Nadia Haddad",
            "Omar Khalil",
            "Rachel Stone",
            "Tom Reyes",
        )
    )
    caption = rng.choice(CAPTIONS) if rng.random() < 0.4 else None
    related = rng.choice(list(ARTICLES)).title if rng.random() < 0.4 else None
    page = Page(
        title=draft.title,
        paragraphs=draft.paragraphs,
        url=url,
        author=author,
        published=published,
        today=today,
        caption=caption,
        inline_related=related,
    )
    return Layout(site, page, today), header


def _choose(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class CorpusWriter:
    def __init__(self, out: Path, rng: random.Random) -> None:
        self.out = out
        self.rng = rng
        self.counts = {name: 0 for name in FORMAT_WEIGHTS}
        self.jsonl_lines: list[str] = []
        self.jsonl_files = 0
        self.warc_records: list[WarcRecord] = []
        self.warc_files = 0
        self.manifest: list[str] = []

    def _shard(self, kind: str, number: int, suffix: str) -> Path:
        folder = self.out / kind / f"{number // FILES_PER_FOLDER:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{kind}-{number:06d}{suffix}"

    def add(self, draft: Draft, layout: Layout, header: str) -> None:
        rng = self.rng
        kind = _choose(rng, FORMAT_WEIGHTS)
        number = self.counts[kind]
        self.counts[kind] += 1
        encoding = "utf-8"
        if kind == "txt":
            encoding = _choose(rng, {"utf-8": 0.9, "utf-8-sig": 0.07, "utf-16": 0.03})
            text = render_text(layout.site, layout.page, rng)
            if encoding == "utf-16":
                text = text.replace("\n", "\r\n")
            path = self._shard("txt", number, ".txt")
            path.write_bytes(text.encode(encoding))
            where = str(path.relative_to(self.out))
        elif kind == "html":
            encoding = "windows-1252" if rng.random() < 0.05 else "utf-8"
            page = render_html(layout.site, layout.page, charset=encoding)
            try:
                data = page.encode(encoding)
            except UnicodeEncodeError:
                encoding = "utf-8"
                data = render_html(layout.site, layout.page).encode(encoding)
            path = self._shard("html", number, rng.choice((".html", ".html", ".htm")))
            path.write_bytes(data)
            where = str(path.relative_to(self.out))
        elif kind == "jsonl":
            where = self._add_jsonl(layout, rng)
        else:
            where = self._add_warc(draft, layout)
        published = layout.page.published.isoformat() if layout.page.published else ""
        self.manifest.append(
            "\t".join(
                (
                    draft.ident,
                    where,
                    kind,
                    encoding,
                    layout.site.name,
                    draft.base.key,
                    draft.base.story,
                    draft.relation,
                    draft.group,
                    published,
                    layout.today.isoformat() if layout.today else "",
                    header,
                    ",".join(draft.perturbations),
                )
            )
        )

    def _add_jsonl(self, layout: Layout, rng: random.Random) -> str:
        page, site = layout.page, layout.site
        record: dict[str, str] = {}
        roll = rng.random()
        if roll < 0.05:
            record["html"] = render_html(site, page)
        elif roll < 0.25:  # a scraper export that kept the page chrome
            record["text"] = render_text(site, page, rng)
        else:
            record["text"] = "\n\n".join(page.paragraphs)
        optional = {
            "url": page.url,
            "title": page.title,
            "publisher": site.name,
            "published": page.published.isoformat() if page.published else None,
        }
        for name, value in optional.items():
            if value and rng.random() < 0.75:
                record[name] = value
        self.jsonl_lines.append(json.dumps(record, ensure_ascii=False))
        where = f"jsonl/feed-{self.jsonl_files:04d}.jsonl:{len(self.jsonl_lines)}"
        if len(self.jsonl_lines) >= JSONL_LINES_PER_FILE:
            self._flush_jsonl()
        return where

    def _flush_jsonl(self) -> None:
        if not self.jsonl_lines:
            return
        folder = self.out / "jsonl"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"feed-{self.jsonl_files:04d}.jsonl"
        path.write_text("\n".join(self.jsonl_lines) + "\n", encoding="utf-8")
        self.jsonl_lines = []
        self.jsonl_files += 1

    def _add_warc(self, draft: Draft, layout: Layout) -> str:
        name = f"crawl-{self.warc_files:04d}.warc.gz"
        if not self.warc_records:
            start = datetime(2016, 12, 1, tzinfo=UTC) + timedelta(days=self.warc_files)
            self.warc_records.append(warcinfo_record(name, start, "generated benchmark crawl"))
        page = layout.page
        fetched = (
            page.published + timedelta(hours=self.rng.randint(1, 96))
            if page.published
            else datetime(2016, 12, 1, tzinfo=UTC)
        )
        body = render_html(layout.site, page).encode("utf-8")
        self.warc_records.extend(http_exchange(page.url, fetched, body))
        where = f"warc/{name}#{record_id('response', page.url, warc_date(fetched))}"
        if len(self.warc_records) >= 1 + 2 * WARC_RECORDS_PER_FILE:
            self._flush_warc()
        return where

    def _flush_warc(self) -> None:
        if not self.warc_records:
            return
        folder = self.out / "warc"
        folder.mkdir(parents=True, exist_ok=True)
        write_warc(folder / f"crawl-{self.warc_files:04d}.warc.gz", self.warc_records)
        self.warc_records = []
        self.warc_files += 1

    def close(self) -> None:
        self._flush_jsonl()
        self._flush_warc()
        columns = (
            "id",
            "where",
            "format",
            "encoding",
            "site",
            "base",
            "story",
            "relation",
            "group",
            "published",
            "today",
            "header",
            "perturbations",
        )
        (self.out / "manifest.tsv").write_text(
            "\t".join(columns) + "\n" + "\n".join(self.manifest) + "\n", encoding="utf-8"
        )


def prepare_out(out: Path) -> None:
    """Clear a previous run's output, but never a folder this script did not write."""
    if out.exists() and any(out.iterdir()):
        if not (out / "manifest.tsv").exists():
            raise SystemExit(f"{out} is not empty and holds no manifest.tsv; refusing to clear")
        for part in OUTPUT_PARTS:
            target = out / part
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    out.mkdir(parents=True, exist_ok=True)


def generate(n: int, out: Path, seed: int = 1) -> dict[str, int]:
    """Write n articles under out; returns how many went to each format."""
    prepare_out(out)
    generator = Generator(seed)
    layout_rng = random.Random(seed * 7919 + 1)
    writer = CorpusWriter(out, random.Random(seed * 104729 + 2))
    for index in range(n):
        draft = generator.draft(index)
        layout, header = lay_out(draft, generator.sites, layout_rng)
        writer.add(draft, layout, header)
    writer.close()
    return dict(writer.counts)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="how many articles")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/generated"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.n, args.out, args.seed)
    elapsed = time.perf_counter() - started
    summary = " ".join(f"{kind}={count}" for kind, count in counts.items())
    print(f"generated {args.n} articles in {elapsed:.1f}s into {args.out}: {summary}")


if __name__ == "__main__":
    main()
