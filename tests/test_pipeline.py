"""The main job end to end: outputs, exit codes, bad input, re-runs and resuming."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.pipeline import RunOptions, run_pipeline
from storyline.store import StoreTransaction, open_store

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schema"

STRIKE = """Home | World | Middle East | Opinion
Tuesday, 22 November 2016 | Damascus 14°C
Share this article
Russian jets pound rebel towns north of Homs
By Lina Haddad
Published 30 September 2015
Russian warplanes carried out their first air strikes in Syria on Wednesday, hitting towns north of Homs that are held by rebel groups opposed to President Bashar al-Assad.
The Russian defence ministry said its aircraft had flown about twenty sorties against Islamic State positions, including vehicles, ammunition depots and command posts.
Local activists and a monitoring group said the strikes hit Talbiseh, Rastan and Zafaraneh, where Islamic State has no known presence, and killed at least 27 civilians.
A US official said Washington had been given one hour's notice of the strikes by a Russian officer in Baghdad.
Advertisement
Please support independent journalism: donate today.
Leave a reply
There are no comments yet.
More like this
Ten recipes for an autumn picnic
Football: late goal settles derby
© 2016 Levant Daily. Powered by WordPress.
"""

FLOODS = """Sudan floods displace thousands in Blue Nile state
Heavy seasonal rains flooded villages along the Blue Nile this week, forcing thousands of families to leave their homes, aid agencies said on Thursday.
Local officials said several bridges had been washed away and that roads to the state capital Damazin were cut for two days.
The United Nations humanitarian office said it was sending food, tents and water purification tablets to the worst-hit districts.
"""


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "strike.txt").write_text(STRIKE, encoding="utf-8")
    (folder / "floods.txt").write_text(FLOODS, encoding="utf-8")
    (folder / "wire.jsonl").write_text(
        json.dumps(
            {
                "text": STRIKE.split("\n", 6)[6],
                "url": "https://news.example.com/a/1",
                "title": "Russia begins air strikes in Syria",
                "published": "2015-09-30",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    return folder


def options(
    tmp_path: Path, *inputs: Path, db: str | None = None, analyse: bool = False
) -> RunOptions:
    """Run options for a test; the analysis stages are off unless a test is about them."""
    return RunOptions(
        inputs=list(inputs),
        out=tmp_path / "out",
        db=db or str(tmp_path / "store.db"),
        quiet=True,
        workers=1,
        analyse=analyse,
    )


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_run_writes_articles_that_follow_the_schema_and_a_report(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    summary = run_pipeline(options(tmp_path, corpus))
    assert summary.articles_new == 3
    records = read_jsonl(tmp_path / "out" / "articles.jsonl")
    schema = json.loads((SCHEMAS / "article.schema.json").read_text())
    for record in records:
        jsonschema.validate(record, schema)
    by_input = {Path(r["input"].split(":")[0]).name: r for r in records}
    strike = by_input["strike.txt"]
    assert "first air strikes in Syria" in strike["text"]
    assert "Please support independent journalism" not in strike["text"]
    assert "Please support independent journalism: donate today." in strike["removed"]
    assert strike["published"].startswith("2015-09-30")
    assert by_input["floods.txt"]["published"] is None
    assert "no-date" in by_input["floods.txt"]["flags"]
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert (
        "Sudan floods displace thousands" in report and "http://" not in report.split("<body>")[0]
    )


def test_running_the_same_input_twice_adds_nothing(tmp_path: Path, store_url: str) -> None:
    corpus = write_corpus(tmp_path / "in")
    first = run_pipeline(options(tmp_path, corpus, db=store_url))
    second = run_pipeline(options(tmp_path, corpus, db=store_url))
    assert first.articles_new == 3
    assert second.articles_new == 0 and second.files_already_stored == 3
    assert second.articles_seen == 3
    assert len(read_jsonl(tmp_path / "out" / "articles.jsonl")) == 3


def test_the_same_content_in_a_new_file_adds_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    run_pipeline(options(tmp_path, corpus))
    again = tmp_path / "again"
    again.mkdir()
    (again / "renamed.txt").write_text(STRIKE, encoding="utf-8")
    summary = run_pipeline(options(tmp_path, again))
    assert summary.articles_new == 0
    assert len(read_jsonl(tmp_path / "out" / "articles.jsonl")) == 3


def test_article_ids_are_stable_across_databases(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    run_pipeline(options(tmp_path / "a", corpus))
    run_pipeline(options(tmp_path / "b", corpus))
    ids_a = sorted(r["id"] for r in read_jsonl(tmp_path / "a" / "out" / "articles.jsonl"))
    ids_b = sorted(r["id"] for r in read_jsonl(tmp_path / "b" / "out" / "articles.jsonl"))
    assert ids_a == ids_b


def test_bad_inputs_are_reported_recorded_and_skipped(tmp_path: Path, store_url: str) -> None:
    corpus = write_corpus(tmp_path / "in")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 30)
    (corpus / "cut.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\n" + b"x" * 4000)[:-25])
    (corpus / "nobody.html").write_text("<html><head><title>t</title></head></html>")
    (corpus / "broken.jsonl").write_text('{"text": "' + FLOODS.replace("\n", " ") + '"}\n{oops\n')
    (corpus / "loop").symlink_to(corpus / "loop")
    summary = run_pipeline(options(tmp_path, corpus, db=store_url))
    reasons = {Path(s.input.split(":")[0]).name: s.reason for s in summary.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file with a text extension"
    assert "truncated" in reasons["cut.warc.gz"] or "WARC" in reasons["cut.warc.gz"]
    assert reasons["nobody.html"] == "HTML with no body"
    assert reasons["broken.jsonl"] == "malformed JSONL line"
    assert reasons["loop"] == "symlink loop"
    assert summary.articles_new == 4  # the three good files and the good JSONL line
    store = open_store(store_url, create=False)
    assert store is not None
    recorded = {Path(s.input.split(":")[0]).name for s in store.skipped()}
    store.close()
    assert {"empty.txt", "binary.txt", "nobody.html", "broken.jsonl", "loop"} <= recorded


def test_a_file_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    run = options(tmp_path, corpus)
    run.max_bytes = 600
    summary = run_pipeline(run)
    assert {s.reason for s in summary.skipped} == {"file too large"}
    assert summary.articles_new == 1  # only the short floods page fits


def test_exit_code_is_2_when_no_article_could_be_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(
        app, ["run", str(bad), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "s.db"), "-q"]
    )
    assert result.exit_code == 2


def test_exit_code_is_0_when_articles_were_read(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    args = [
        "run",
        str(corpus),
        "--out",
        str(tmp_path / "out"),
        "--db",
        str(tmp_path / "s.db"),
        "-q",
    ]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert CliRunner().invoke(app, args).exit_code == 0  # a re-run still read them


def test_a_run_killed_midway_keeps_committed_files_and_resumes(
    tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "in")
    real_mark_done = StoreTransaction.mark_input_done
    calls = {"n": 0}

    def dying_mark_done(self: StoreTransaction, sha256: str) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            # Killed inside the second file's transaction, after its article was written.
            raise KeyboardInterrupt
        real_mark_done(self, sha256)

    monkeypatch.setattr(StoreTransaction, "mark_input_done", dying_mark_done)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(options(tmp_path, corpus, db=store_url))
    store = open_store(store_url, create=False)
    assert store is not None and store.article_count() == 1  # the half-written file left nothing
    store.close()
    monkeypatch.setattr(StoreTransaction, "mark_input_done", real_mark_done)
    resumed = run_pipeline(options(tmp_path, corpus, db=store_url))
    assert resumed.files_already_stored == 1 and resumed.articles_new == 2
    assert len(read_jsonl(tmp_path / "out" / "articles.jsonl")) == 3


def test_analysis_stores_entities_places_events_and_claims_once(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    first = run_pipeline(options(tmp_path, corpus, analyse=True))
    assert first.articles_analysed == 3
    again = run_pipeline(options(tmp_path, corpus, analyse=True))
    assert again.articles_analysed == 0  # nothing new: nothing analysed twice
    store = open_store(str(tmp_path / "store.db"), create=False)
    assert store is not None
    names = {mention["name"] for mention in store.iter_entity_mentions()}
    places = {mention["name"] for mention in store.iter_place_mentions()}
    events = list(store.iter_article_events())
    store.close()
    assert "Islamic State" in names
    assert "Homs" in places
    assert any(event["event_type"] == "Explosions/Remote violence" for event in events)
    schemas = {
        "articles": "article", "entities": "entity", "places": "place", "events": "event",
        "claims": "claim", "contradictions": "contradiction", "stories": "story",
    }  # fmt: skip
    for name, schema_name in schemas.items():
        schema = json.loads((SCHEMAS / f"{schema_name}.schema.json").read_text())
        path = tmp_path / "out" / f"{name}.jsonl"
        if name != "contradictions":  # the only file this small corpus may leave empty
            assert path.exists(), f"{name}.jsonl has content and must be written"
        for record in read_jsonl(path) if path.exists() else []:
            jsonschema.validate(record, schema)
    strike = next(
        a for a in read_jsonl(tmp_path / "out" / "articles.jsonl") if "strike" in a["input"]
    )
    for event in events:
        for source in event["sources"]:
            if source["article_id"] == strike["id"]:
                assert strike["text"][source["start"] : source["end"]] == source["sentence"]


def test_status_summarises_the_store(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    run_pipeline(options(tmp_path, corpus))
    result = CliRunner().invoke(app, ["status", "--db", str(tmp_path / "store.db")])
    assert result.exit_code == 0
    assert "articles" in result.output and "3" in result.output
    missing = CliRunner().invoke(app, ["status", "--db", str(tmp_path / "nothing.db")])
    assert missing.exit_code == 2
