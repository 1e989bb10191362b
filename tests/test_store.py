"""The store keeps every article, input and skip exactly once, per file all-or-nothing, on both
SQLite and PostgreSQL (see the ``store`` fixture in conftest.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storyline.model import Article, SkippedInput
from storyline.store import Store, normalised_text_hash, open_store


class Boom(Exception):
    """Stands in for whatever kills processing of a file midway."""


def sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def full_article(article_id: str = "art_0001") -> Article:
    """An article with every field set, non-ASCII text and several list items."""
    return Article(
        id=article_id,
        input="scrapes/kharkiv.warc.gz#record=<urn:uuid:1234>",
        text="Обстріл Харкова: «двоє загиблих» — officials said on Tuesday.\nSecond paragraph 🕊.",
        url="https://example.org/news/2022/kharkiv-shelling?ref=ü",
        publisher="Example Wire",
        title="Shelling hits Kharkiv — «Обстріл»",
        authors=["Olena Kovalenko", "José Núñez"],
        published="2022-03-01T09:30:00+02:00",
        published_source="metadata",
        language="uk",
        removed=["Subscribe to our newsletter", "Share on X", "Реклама"],
        duplicate_of=None,
        syndication_group="syn_abc",
        flags=["boilerplate-heavy", "no-date"],
        story_id="story_9",
        kind="warc",
        fetched="2022-03-02T00:00:00Z",
    )


def save_file(
    store: Store, raw: bytes, articles: list[Article], *, path: str = "in.txt", done: bool = True
) -> str:
    digest = sha(raw)
    with store.transaction() as tx:
        tx.save_input(digest, path, len(raw), "txt", raw)
        for index, article in enumerate(articles):
            tx.save_article(
                article,
                input_sha256=digest,
                locator=f":{index}",
                features={"dedupe": article.id.encode()},
            )
        if done:
            tx.mark_input_done(digest)
    return digest


def test_every_article_field_has_a_column() -> None:
    """A field added to Article must be stored too, or round trips silently lose it."""
    from storyline.store.schema import articles

    missing = {f.name for f in dataclasses.fields(Article)} - set(articles.c.keys())
    assert not missing


def test_article_round_trip_keeps_every_field(store: Store) -> None:
    original = full_article()
    save_file(store, b"raw bytes of a scrape", [original])
    [loaded] = list(store.iter_articles())
    assert loaded == original
    assert store.get_article(original.id) == original
    assert store.article_source(original.id) == (sha(b"raw bytes of a scrape"), ":0")


def test_article_with_empty_optional_fields_round_trips(store: Store) -> None:
    bare = Article(id="art_bare", input="a.txt", text="")
    save_file(store, b"bare", [bare])
    assert list(store.iter_articles()) == [bare]


def test_nul_characters_are_dropped_on_both_backends(store: Store) -> None:
    """PostgreSQL text cannot hold NUL; scraped text sometimes does."""
    article = Article(id="art_nul", input="a\x00.txt", text="before\x00after", authors=["x\x00y"])
    save_file(store, b"nul", [article])
    [loaded] = list(store.iter_articles())
    assert (loaded.text, loaded.input, loaded.authors) == ("beforeafter", "a.txt", ["xy"])


def test_undecodable_file_name_is_stored(store: Store) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # not UTF-8: a lone surrogate after decoding
    save_file(store, b"latin-1 name", [Article(id="art_l1", input=name, text="t")], path=name)
    [loaded] = list(store.iter_articles())
    assert loaded.input.startswith("caf") and loaded.input.endswith(".txt")


def test_saving_the_same_article_twice_adds_nothing(store: Store) -> None:
    raw = b"one file"
    digest = save_file(store, raw, [full_article()], done=False)
    assert not store.input_done(digest)
    with store.transaction() as tx:
        tx.save_input(digest, "in.txt", len(raw), "txt", raw)
        changed = dataclasses.replace(full_article(), text="a different text")
        assert tx.save_article(changed, input_sha256=digest, locator=":0", features={}) is False
        assert (
            tx.save_article(full_article("art_new"), input_sha256=digest, locator=":1", features={})
            is True
        )
        tx.mark_input_done(digest)
    assert store.input_done(digest)
    assert store.article_count() == 2
    assert next(store.iter_articles()).text == full_article().text
    assert store.counts()["inputs"] == 1


def test_input_hash_must_match_the_bytes(store: Store) -> None:
    with pytest.raises(ValueError), store.transaction() as tx:
        tx.save_input(sha(b"other"), "x", 1, "txt", b"x")


def test_failed_transaction_leaves_nothing_and_earlier_files_survive(
    store: Store, store_url: str
) -> None:
    first = save_file(store, b"file one", [full_article("art_a")])
    raw_two = b"file two"
    with pytest.raises(Boom), store.transaction() as tx:
        tx.save_input(sha(raw_two), "two.txt", len(raw_two), "txt", raw_two)
        tx.save_article(full_article("art_b"), input_sha256=sha(raw_two), locator="", features={})
        tx.update_article("art_a", flags=["spun"])
        raise Boom
    assert [a.id for a in store.iter_articles()] == ["art_a"]
    assert store.raw_input(sha(raw_two)) is None
    assert store.iter_articles().__next__().flags == full_article().flags
    store.close()

    reopened = open_store(store_url, create=False)
    assert reopened is not None
    try:
        assert reopened.input_done(first)
        assert not reopened.input_done(sha(raw_two))
        assert reopened.counts()["articles"] == 1
        save_file(reopened, raw_two, [full_article("art_b")])
        assert [a.id for a in reopened.iter_articles()] == ["art_a", "art_b"]
    finally:
        reopened.close()


KILLED_RUN = textwrap.dedent(
    """
    import hashlib, os, signal, sys
    from storyline.model import Article
    from storyline.store import open_store

    store = open_store(sys.argv[1])
    for name in ("done-1", "done-2", "killed"):
        raw = name.encode()
        digest = hashlib.sha256(raw).hexdigest()
        with store.transaction() as tx:
            tx.save_input(digest, name, len(raw), "txt", raw)
            tx.save_article(
                Article(id="art_" + name, input=name, text=name),
                input_sha256=digest, locator="", features={"dedupe": b"x"},
            )
            if name == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            tx.mark_input_done(digest)
    """
)


def test_a_killed_process_loses_only_the_file_in_progress(store: Store, store_url: str) -> None:
    store.close()
    child = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, store_url], capture_output=True, timeout=60
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    reopened = open_store(store_url, create=False)
    assert reopened is not None
    try:
        assert reopened.input_done(sha(b"done-1")) and reopened.input_done(sha(b"done-2"))
        assert not reopened.input_done(sha(b"killed"))
        assert [a.id for a in reopened.iter_articles()] == ["art_done-1", "art_done-2"]
        assert [i for i, _ in reopened.iter_features("dedupe")] == ["art_done-1", "art_done-2"]
    finally:
        reopened.close()


def test_update_article_changes_stored_fields(store: Store) -> None:
    save_file(store, b"f", [full_article("art_a"), full_article("art_b")])
    with store.transaction() as tx:
        tx.update_article(
            "art_b",
            duplicate_of="art_a",
            syndication_group="syn_new",
            flags=["spun", "truncated"],
            story_id="story_2",
            published="2022-03-01",
            published_source="peers",
        )
    by_id = {a.id: a for a in store.iter_articles()}
    assert by_id["art_b"].duplicate_of == "art_a"
    assert by_id["art_b"].syndication_group == "syn_new"
    assert by_id["art_b"].flags == ["spun", "truncated"]
    assert (by_id["art_b"].published, by_id["art_b"].published_source) == ("2022-03-01", "peers")
    assert by_id["art_a"] == full_article("art_a")


def test_update_article_rejects_unknown_fields_and_ids(store: Store) -> None:
    save_file(store, b"f", [full_article("art_a")])
    with pytest.raises(ValueError), store.transaction() as tx:
        tx.update_article("art_a", id="art_z")
    with pytest.raises(LookupError), store.transaction() as tx:
        tx.update_article("art_missing", flags=["spun"])


def test_text_update_keeps_the_text_hash_current(store: Store) -> None:
    save_file(store, b"f", [full_article("art_a")])
    with store.transaction() as tx:
        tx.update_article("art_a", text="Brand  new\nTEXT")
    assert store.ids_with_text_hash(normalised_text_hash("brand new text")) == ["art_a"]
    assert store.ids_with_text_hash(normalised_text_hash(full_article().text)) == []


def test_iter_articles_keeps_insertion_order_across_pages(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storyline.store.store.PAGE_SIZE", 3)
    ids = [f"art_{n:02d}_{'zyx'[n % 3]}" for n in range(10)]  # insertion order != id order
    save_file(store, b"many", [Article(id=i, input="m", text=i) for i in ids])
    assert [a.id for a in store.iter_articles()] == ids
    picked = [ids[7], ids[1], "art_unknown", ids[4], ids[1]]
    assert [a.id for a in store.iter_articles(picked)] == [ids[1], ids[4], ids[7]]
    assert [i for i, _ in store.iter_features("dedupe")] == ids


def test_iter_features_by_name(store: Store) -> None:
    digest = save_file(store, b"f", [full_article("art_a"), full_article("art_b")])
    with store.transaction() as tx:
        tx.save_features("art_b", {"minhash": b"\x00\x01\xff"})
        tx.save_features("art_a", {"dedupe": b"replaced"})
        tx.save_article(
            full_article("art_a"), input_sha256=digest, locator="", features={"dedupe": b"no"}
        )
    assert list(store.iter_features("dedupe")) == [("art_a", b"replaced"), ("art_b", b"art_b")]
    assert list(store.iter_features("minhash")) == [("art_b", b"\x00\x01\xff")]
    assert list(store.iter_features("absent")) == []


def test_counts(store: Store) -> None:
    run = store.start_run({"inputs": ["a"]})
    save_file(store, b"one", [full_article("art_a"), full_article("art_b")])
    save_file(store, b"two", [full_article("art_c")], done=False)
    with store.transaction() as tx:
        tx.update_article("art_b", duplicate_of="art_a", flags=["spun"])
        tx.update_article("art_c", syndication_group="syn_other")
    store.record_skip(run, SkippedInput("bad.pdf", "unsupported type"))
    counts = store.counts()
    assert {k: counts[k] for k in counts if k in {"inputs", "inputs_done", "articles"}} == {
        "inputs": 2,
        "inputs_done": 1,
        "articles": 3,
    }
    assert counts["duplicates"] == 1
    assert counts["syndication_groups"] == 2  # syn_abc (art_a, art_b) and syn_other
    assert counts["spun"] == 1
    assert counts["skipped"] == 1
    assert counts["runs"] == 1
    assert store.article_count() == 3
    assert store.article_count(input_sha256=sha(b"one")) == 2
    assert store.article_count(input_sha256=sha(b"never")) == 0


def test_skips_are_recorded_once_per_run_and_survive_a_failed_file(store: Store) -> None:
    first = store.start_run({"db": "x", "path": Path("/tmp/in")})
    bad = SkippedInput("bad.bin", "unsupported type", "no reader for .bin")
    store.record_skip(first, bad)
    store.record_skip(first, bad)
    store.record_skip(first, SkippedInput("bad.bin", "too large", "60 MB"))
    with pytest.raises(Boom), store.transaction() as tx:
        tx.save_input(sha(b"w"), "w.warc", 1, "warc", b"w")
        store.record_skip(first, SkippedInput("w.warc#record=3", "undecodable", "gzip error"))
        raise Boom
    second = store.start_run({})
    store.record_skip(second, bad)
    store.finish_run(first, {"articles": 0})
    assert store.skipped(first) == [
        bad,
        SkippedInput("bad.bin", "too large", "60 MB"),
        SkippedInput("w.warc#record=3", "undecodable", "gzip error"),
    ]
    assert store.skipped(second) == [bad]
    assert store.skipped() == store.skipped(first)  # run two only repeated a known skip
    assert store.counts()["skipped"] == 3
    runs = store.runs()
    assert runs[0]["args"] == {"db": "x", "path": "/tmp/in"}
    assert runs[0]["summary"] == {"articles": 0} and runs[0]["status"] == "finished"
    assert runs[1]["status"] == "running" and runs[1]["finished_at"] is None


def test_raw_input_returns_the_original_bytes(store: Store) -> None:
    compressible = ("<p>Кyiv</p>\n" * 2000).encode()
    random_like = os.urandom(4096)
    for raw in (compressible, random_like, b""):
        save_file(store, raw, [])
        assert store.raw_input(sha(raw)) == raw
    assert store.raw_input(sha(b"never saved")) is None


def test_input_done_needs_a_saved_input(store: Store) -> None:
    with pytest.raises(LookupError), store.transaction() as tx:
        tx.mark_input_done(sha(b"nothing"))


def test_transactions_do_not_nest(store: Store) -> None:
    with store.transaction(), pytest.raises(RuntimeError), store.transaction():
        pass


def test_reopening_with_create_false(store: Store, store_url: str) -> None:
    save_file(store, b"f", [full_article()])
    store.close()
    again = open_store(store_url, create=False)
    assert again is not None
    try:
        assert again.article_count() == 1
        assert again.dialect in {"sqlite", "postgresql"}
    finally:
        again.close()
