"""The demo corpus and the benchmark generator stay what the docs and other tests rely on."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator, WarcRecordType

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DEMO = EXAMPLES / "demo"
BAD = EXAMPLES / "bad"
GENERATOR = ROOT / "benchmarks" / "generate_corpus.py"


def readme_table() -> list[dict[str, str]]:
    """Rows of the file table in examples/demo/README.md, keyed by column name."""
    lines = (DEMO / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| file | format | encoding | articles | cases |")
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append(
            {
                "file": cells[0].strip("`"),
                "format": cells[1],
                "encoding": cells[2],
                "articles": cells[3],
            }
        )
    return rows


def html_responses(path: Path) -> list[tuple[str, str, bytes]]:
    """(target URI, WARC-Date, body) of every HTML response record in a WARC file."""
    found = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(
            stream, parse_http=True, record_types=WarcRecordType.response
        ):
            if (record.http_content_type or "").startswith("text/html"):
                found.append(
                    (
                        record.headers.get("WARC-Target-URI"),
                        record.headers.get("WARC-Date"),
                        record.reader.read(),
                    )
                )
    return found


def jsonl_articles(path: Path) -> list[dict[str, object]]:
    """Lines that are JSON objects with a non-empty string `text` or `html`."""
    good = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(record, dict):
            continue
        body = record.get("text", record.get("html"))
        if isinstance(body, str) and body.strip():
            good.append(record)
    return good


def count_articles(folder: Path) -> dict[str, int]:
    counts = {"txt": 0, "html": 0, "jsonl": 0, "warc": 0}
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".txt":
            counts["txt"] += 1
        elif path.suffix in {".html", ".htm"}:
            counts["html"] += 1
        elif path.suffix == ".jsonl":
            counts["jsonl"] += len(jsonl_articles(path))
        elif path.name.endswith(".warc.gz"):
            counts["warc"] += len(html_responses(path))
    return counts


def test_demo_corpus_covers_all_four_formats_with_enough_articles() -> None:
    counts = count_articles(DEMO)
    assert all(counts[kind] >= 2 for kind in counts), counts
    assert sum(counts.values()) >= 15
    assert sum(int(row["articles"]) for row in readme_table()) == sum(counts.values())


def test_readme_lists_every_demo_file() -> None:
    listed = {row["file"] for row in readme_table()}
    present = {path.name for path in DEMO.iterdir() if path.name != "README.md"}
    assert listed == present


def test_demo_warcs_parse_with_fastwarc_and_hold_articles() -> None:
    warcs = sorted(DEMO.glob("*.warc.gz"))
    assert warcs
    total = 0
    for path in warcs:
        with path.open("rb") as stream:
            records = list(ArchiveIterator(stream, parse_http=False))
        types = [record.record_type for record in records]
        assert types[0] == WarcRecordType.warcinfo
        assert types.count(WarcRecordType.response) >= 3, path.name
        responses = html_responses(path)
        for uri, warc_date, body in responses:
            assert uri.startswith("https://")
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", warc_date)
            assert b"<h1" in body and body.count(b"<p>") >= 3
        total += len(responses)
    assert total >= 3


def test_demo_warc_digests_verify() -> None:
    for path in DEMO.glob("*.warc.gz"):
        with path.open("rb") as stream:
            records = ArchiveIterator(stream, parse_http=False)
            assert all(record.verify_block_digest() for record in records)


@pytest.mark.parametrize("row", readme_table(), ids=lambda row: row["file"])
def test_file_bytes_are_in_the_encoding_the_readme_states(row: dict[str, str]) -> None:
    data = (DEMO / row["file"]).read_bytes()
    if row["file"].endswith(".gz"):
        data = gzip.decompress(data)
    encoding = row["encoding"]
    if encoding == "utf-8":
        assert not data.startswith(b"\xef\xbb\xbf")
        data.decode("utf-8")
    elif encoding == "utf-8-sig":
        assert data.startswith(b"\xef\xbb\xbf")
        assert "\ufeff" not in data.decode("utf-8-sig")
    elif encoding == "utf-16":
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
        assert "Russian" in data.decode("utf-16")
    elif encoding == "windows-1252":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        text = data.decode("cp1252")
        assert "charset=windows-1252" in text
        assert "é" in text and "“" in text
    else:
        pytest.fail(f"README names an encoding the test does not know: {encoding}")


def test_committed_demo_matches_a_fresh_build(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(EXAMPLES / "tools" / "build_demo.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for folder in ("demo", "bad"):
        built = {p.name: p.read_bytes() for p in (tmp_path / folder).iterdir()}
        committed = {
            p.name: p.read_bytes() for p in (EXAMPLES / folder).iterdir() if p.name != "README.md"
        }
        assert built.keys() == committed.keys()
        stale = [name for name in built if built[name] != committed[name]]
        assert not stale, f"rerun examples/tools/build_demo.py: {stale}"


def long_lines(text: str) -> list[str]:
    """Body paragraphs of a scrape are its long lines; chrome lines are short."""
    return [line for line in text.splitlines() if len(line) > 120]


def test_exact_copy_shares_the_body_but_not_the_chrome() -> None:
    original = (DEMO / "levant-monitor_first-russian-strikes-homs.txt").read_text("utf-8")
    copy = (DEMO / "frontline-dispatch_russian-strikes-homs-copy.txt").read_text("utf-8-sig")
    assert long_lines(original) == long_lines(copy)
    assert set(original.splitlines()[:3]).isdisjoint(copy.splitlines()[:3])


def test_wire_reprint_keeps_all_but_the_last_paragraph() -> None:
    wire = long_lines((DEMO / "meridian-tribune_russian-jets-idlib-hama.txt").read_text("utf-8"))
    reprint = (DEMO / "gulfledger_russia-strikes-idlib.html").read_text("utf-8")
    assert wire[0].startswith("BEIRUT, Oct 1 (AFP) -")
    paragraphs = [p for p in wire if not p.startswith("Support independent")]
    assert all(f"<p>{p}</p>" in reprint for p in paragraphs[:-1])
    assert paragraphs[-1] not in reprint


def test_spun_rewrite_shows_the_spinner_marks() -> None:
    spun = (DEMO / "newsflash24_russian-federation-air-raids-homs.txt").read_text("utf-8")
    for mark in ("Russian Federation", "previous year", "slain", "\nHe added"):
        assert mark in spun
    wire = (DEMO / "meridian-tribune_russian-jets-idlib-hama.txt").read_text("utf-8")
    lifted = "A US defence official said most of the strikes so far had hit areas held by"
    assert lifted in spun and lifted in wire


def test_undated_page_has_no_date_anywhere() -> None:
    text = (DEMO / "worldbrief_civilians-caught-hama-offensive.txt").read_text("utf-8")
    months = r"January|February|March|April|May|June|July|August|September|October|November"
    assert not re.search(rf"\b(19|20)\d\d\b|\b({months}|December)\b|\d\d?[./]\d\d?", text)
    assert "on Tuesday" in text and "yesterday" in text


def test_today_date_page_shows_a_header_date_other_than_the_byline() -> None:
    lines = (DEMO / "daily-sentinel_russian-bombers-iran-base.txt").read_text("utf-8").splitlines()
    byline = next(index for index, line in enumerate(lines) if line.startswith("By "))
    assert any(line.startswith("Saturday, November 19, 2016") for line in lines[:3])
    assert "Tuesday, August 16, 2016" in lines[byline]
    assert not any("2016" in line for line in lines[byline + 1 :] if "©" not in line)


def test_jsonl_has_one_html_line_and_varied_metadata() -> None:
    records = [r for path in DEMO.glob("*.jsonl") for r in jsonl_articles(path)]
    with_html = [r for r in records if "html" in r]
    assert len(with_html) == 1 and "text" not in with_html[0]
    assert any(set(r) == {"text", "url", "title", "published", "publisher"} for r in records)
    assert any("publisher" not in r for r in records)


def test_bad_inputs_are_bad_in_the_way_the_readme_says() -> None:
    assert (BAD / "empty.txt").read_bytes() == b""
    assert b"\x00" in (BAD / "binary-not-text.txt").read_bytes()
    with pytest.raises((EOFError, zlib.error)):
        gzip.decompress((BAD / "truncated.warc.gz").read_bytes())
    assert len(jsonl_articles(BAD / "partly-malformed.jsonl")) == 3
    assert len((BAD / "partly-malformed.jsonl").read_text("utf-8").splitlines()) == 10
    assert b"<body" not in (BAD / "no-body.html").read_bytes()


def run_generator(out: Path, n: int, seed: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GENERATOR), "--n", str(n), "--out", str(out), "--seed", str(seed)],
        check=True,
        capture_output=True,
        text=True,
    )


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_generator_writes_the_requested_count_in_all_formats(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    run_generator(out, 150, seed=3)
    counts = count_articles(out)
    assert sum(counts.values()) == 150
    assert all(counts[kind] > 0 for kind in counts), counts
    assert counts["txt"] > counts["html"] > counts["warc"]
    manifest = (out / "manifest.tsv").read_text("utf-8").splitlines()
    assert len(manifest) == 1 + 150
    relations = {line.split("\t")[7] for line in manifest[1:]}
    assert {"original", "copy", "reprint", "spun"} <= relations


def test_generator_is_deterministic_per_seed(tmp_path: Path) -> None:
    run_generator(tmp_path / "a", 80, seed=5)
    run_generator(tmp_path / "b", 80, seed=5)
    run_generator(tmp_path / "c", 80, seed=6)
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert tree_digest(tmp_path / "a") != tree_digest(tmp_path / "c")


def test_generator_rerun_replaces_its_output_and_spares_foreign_folders(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    run_generator(out, 120, seed=1)
    run_generator(out, 40, seed=1)
    assert sum(count_articles(out).values()) == 40
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(subprocess.CalledProcessError):
        run_generator(foreign, 10, seed=1)
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"
