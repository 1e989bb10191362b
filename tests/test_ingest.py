"""Ingest: every input kind is read, encodings are detected, and bad input becomes a reason."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from storyline.ingest import decode_bytes, discover, read_bytes, read_documents
from storyline.ingest.decode import NotText, gunzip
from storyline.ingest.discover import InputFile
from storyline.ingest.readers import split_text_header
from storyline.model import SkippedInput

BODY = "Russian warplanes struck targets near Talbiseh on Wednesday, residents said."


def warc_record(uri: str, body: bytes, *, content_type: str = "text/html; charset=utf-8") -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
    header = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2015-10-02T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return header + http + b"\r\n\r\n"


def page(n: int) -> bytes:
    return f"<html><body><h1>Strike {n}</h1><p>{BODY} Report {n}.</p></body></html>".encode()


def read(path: Path) -> tuple[list, list[SkippedInput]]:
    found = list(discover([path], max_bytes=10_000_000))
    skipped = [item for item in found if isinstance(item, SkippedInput)]
    documents = []
    for item in found:
        if isinstance(item, InputFile):
            data = read_bytes(item)
            assert isinstance(data, bytes)
            result = read_documents(item, data)
            documents.extend(result.documents)
            skipped.extend(result.problems)
    return documents, skipped


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Aleppo – “quoted” café".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "Aleppo – café".encode(), "utf-8-sig"),
        ("Aleppo – “quoted” café, naïve résumé of the day".encode("cp1252"), "cp1252"),
        ("Aleppo café".encode("utf-16"), "utf-16"),
        ("Алеппо: российские самолёты нанесли удары по окраинам города".encode("cp1251"), "cp1251"),
    ],
)
def test_decoding_recognises_common_encodings(data: bytes, expected: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == expected
    assert "Aleppo" in decoded.text or "Алеппо" in decoded.text
    assert "\ufffd" not in decoded.text


def test_cp1252_curly_quotes_survive_instead_of_becoming_mojibake() -> None:
    sentence = "He said \u201cno civilians\u201d were hit \u2013 a claim"
    text = decode_bytes(sentence.encode("cp1252")).text
    assert "\u201cno civilians\u201d" in text and "\u2013" in text


def test_html_meta_charset_is_honoured_when_bytes_are_not_utf8() -> None:
    markup = '<html><head><meta charset="windows-1252"></head><body>Homs \x96 caf\xe9</body></html>'
    decoded = decode_bytes(markup.encode("latin-1"), html=True)
    assert "Homs – café" in decoded.text


def test_binary_data_is_not_text() -> None:
    with pytest.raises(NotText):
        decode_bytes(bytes(range(256)) * 20)


def test_text_scrape_header_block_is_split_from_the_page() -> None:
    header, body = split_text_header("URL: https://example.org/a\nTitle: Strikes\n\nMenu\nBody")
    assert header == {"url": "https://example.org/a", "title": "Strikes"}
    assert body == "Menu\nBody"
    assert split_text_header("Menu\nTitle: not a header\n\nBody")[0] == {}


def test_txt_html_jsonl_and_warc_are_all_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Home | World\n{BODY}\n", encoding="utf-8")
    (tmp_path / "b.html").write_bytes(page(1))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text(
        json.dumps({"text": BODY, "url": "https://example.org/c", "title": "C"}) + "\n"
    )
    (tmp_path / "d.warc.gz").write_bytes(
        b"".join(gzip.compress(warc_record(f"https://example.org/{n}", page(n))) for n in range(3))
    )
    documents, skipped = read(tmp_path)
    assert skipped == []
    kinds = sorted(document.kind for document in documents)
    assert kinds == ["html", "jsonl", "txt", "warc", "warc", "warc"]
    warc = [d for d in documents if d.kind == "warc"]
    assert warc[0].url == "https://example.org/0" and warc[0].fetched == "2015-10-02"
    assert "#<urn:uuid:" in warc[0].input
    jsonl = next(d for d in documents if d.kind == "jsonl")
    assert jsonl.title == "C" and jsonl.input.endswith("c.jsonl:1")


def test_the_same_document_gets_the_same_id_wherever_it_is_found(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(page(7))
    (tmp_path / "copy.html").write_bytes(page(7))
    documents, _ = read(tmp_path)
    assert len({d.article_id for d in documents}) == 1


def test_non_html_warc_records_are_ignored(tmp_path: Path) -> None:
    records = warc_record("https://example.org/x.png", b"\x89PNG....", content_type="image/png")
    records += warc_record("https://example.org/a", page(1))
    (tmp_path / "mixed.warc").write_bytes(records)
    documents, skipped = read(tmp_path)
    assert [d.url for d in documents] == ["https://example.org/a"] and skipped == []


def test_truncated_warc_gz_keeps_complete_records_and_reports_the_cut(tmp_path: Path) -> None:
    data = b"".join(gzip.compress(warc_record(f"https://e.org/{n}", page(n))) for n in range(3))
    (tmp_path / "cut.warc.gz").write_bytes(data[:-30])
    documents, skipped = read(tmp_path)
    assert len(documents) == 2
    assert any("truncated" in s.reason for s in skipped)


def test_truncated_plain_warc_record_is_reported(tmp_path: Path) -> None:
    data = b"".join(warc_record(f"https://e.org/{n}", page(n)) for n in range(2))
    (tmp_path / "cut.warc").write_bytes(data[:-60])
    documents, skipped = read(tmp_path)
    assert len(documents) == 1
    assert [s.reason for s in skipped] == ["truncated WARC record"]


def test_gunzip_flags_a_stream_that_ends_early() -> None:
    whole = gzip.compress(b"x" * 10_000)
    assert gunzip(whole).truncated is False
    assert gunzip(whole[:-12]).truncated is True


def test_malformed_jsonl_lines_are_reported_and_good_lines_still_count(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": BODY}),
        "{not json",
        "[1, 2]",
        json.dumps({"text": "   "}),
        json.dumps({"title": "no text"}),
        json.dumps({"text": BODY + " Second."}),
    ]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    documents, skipped = read(tmp_path)
    assert [d.input.rsplit(":", 1)[1] for d in documents] == ["1", "6"]
    assert sorted(s.input.rsplit(":", 1)[1] for s in skipped) == ["2", "3", "4", "5"]
    assert {s.reason for s in skipped} == {"malformed JSONL line"}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("binary.txt", bytes(range(256)) * 40, "binary file with a text extension"),
        ("nobody.html", b"<html><head><title>A title</title></head></html>", "HTML with no body"),
        ("emptybody.html", b"<html><body><script>x()</script></body></html>", "HTML with no body"),
        ("junk.warc", b"this is not a warc file\n" * 20, "not a WARC file"),
        ("cut.txt.gz", gzip.compress(b"some text " * 500)[:-40], "truncated gzip"),
    ],
)
def test_bad_files_become_skips_with_reasons(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(content)
    documents, skipped = read(tmp_path)
    assert documents == []
    assert [s.reason for s in skipped] == [reason]
    assert skipped[0].input.endswith(name)


def test_files_over_the_size_limit_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 5000)
    found = list(discover([tmp_path], max_bytes=1000))
    assert len(found) == 1 and isinstance(found[0], SkippedInput)
    assert found[0].reason == "file too large" and "--max-size-mb" in found[0].detail


def test_unsupported_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    found = list(discover([tmp_path], max_bytes=1000))
    assert [f.reason for f in found if isinstance(f, SkippedInput)] == ["unsupported file type"]


def test_symlink_loops_are_reported_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    found = list(discover([tmp_path], max_bytes=10_000))
    files = [f for f in found if isinstance(f, InputFile)]
    loops = [f for f in found if isinstance(f, SkippedInput)]
    assert [f.path.name for f in files] == ["a.txt"]
    assert sorted(Path(s.input).name for s in loops) == ["self", "up"]
    assert {s.reason for s in loops} == {"symlink loop"}


def test_unreadable_files_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "secret.txt"
    target.write_text(BODY)
    target.chmod(0)
    if os.access(target, os.R_OK):  # running as root: permissions do not bite, so simulate it
        real_open = open

        def guarded_open(path: object, *args: object, **kwargs: object) -> object:
            if Path(str(path)) == target:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr("builtins.open", guarded_open)
    (file,) = list(discover([tmp_path], max_bytes=10_000))
    assert isinstance(file, InputFile)
    outcome = read_bytes(file)
    assert isinstance(outcome, SkippedInput) and outcome.reason == "permission denied"
