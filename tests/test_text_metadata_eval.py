"""The text-metadata evaluation: its split is fixed by page name, its scorers say what they
claim, and a rendered page goes through the .txt path with its URL header."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storyline.eval import TASKS
from storyline.eval.text_metadata import (
    authors_f1,
    evaluate,
    page_metadata,
    page_split,
    publisher_correct,
    split_authors,
    text_path,
    title_correct,
)


def test_split_is_a_stable_half_by_page_name() -> None:
    names = [f"page-{i}.html" for i in range(400)]
    splits = [page_split(n) for n in names]
    assert splits == [page_split(n) for n in names]
    assert 150 < splits.count("dev") < 250


def test_title_matches_folded_and_without_a_site_suffix() -> None:
    assert title_correct("Rains flood the “old” town", 'Rains flood the "old" town')
    assert title_correct("Rains flood the old town", "Rains flood the old town | Valley Post")
    assert not title_correct("Valley Post", "Rains flood the old town | Valley Post")
    assert not title_correct(None, "Rains flood the old town")
    assert title_correct(None, "")


def test_author_f1_and_splitting() -> None:
    assert split_authors("Von Jana Roth und Ali Berg") == ["Jana Roth", "Ali Berg"]
    assert authors_f1(["Jana Roth"], ["Jana Roth", "Ali Berg"]) == pytest.approx(2 / 3)
    assert authors_f1([], []) == 1.0
    assert authors_f1(["Jana Roth"], []) == 0.0


def test_publisher_ignores_case_articles_and_a_bare_domain_suffix() -> None:
    assert publisher_correct("The Valley Post", "valley post")
    assert publisher_correct("valleypost.com", "Valley Post")
    assert not publisher_correct("Hill Media Group", "Valley Post")


def test_page_metadata_reads_json_ld_and_open_graph() -> None:
    markup = b"""<html><head>
    <meta property="og:site_name" content="Valley Post">
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Rains flood town",
     "datePublished": "2021-03-04T10:00:00Z", "author": [{"name": "Jana Roth"}]}</script>
    </head><body><p>x</p></body></html>"""
    gold = page_metadata(markup)
    assert (gold.title, gold.published, gold.authors, gold.publisher) == (
        "Rains flood town",
        "2021-03-04~",  # a UTC timestamp: the page's own day may be one either side
        ["Jana Roth"],
        "Valley Post",
    )


def test_text_path_reads_a_copied_page() -> None:
    text = (
        "Home\nNews\nSport\n\nRains flood the old town of Brenville\n"
        "By Jana Roth\nMarch 4, 2021\n\n"
        "The river rose two metres overnight and water reached the market square, where "
        "traders had moved their stock to upper floors before dawn.\n"
        "Firefighters pumped out cellars along the canal while the mayor opened the school "
        "gym to families whose ground floors were under water.\n"
        "Forecasters expect the water to fall slowly over the weekend as the rain eases.\n"
    )
    predicted = text_path(text, "https://www.valleypost.example/news/rains-flood-old-town")
    assert predicted.authors == ["Jana Roth"]
    assert predicted.published == "2021-03-04"


def test_registered_and_named_split_in_summary(tmp_path: Path, monkeypatch) -> None:
    assert "text-metadata" in TASKS
    root = tmp_path / "trafilatura-eval"
    (root / "eval").mkdir(parents=True)
    (root / "eval" / "p.html.gz").write_bytes(gzip.compress(b"<html><body>x</body></html>"))
    entry = {"file": "p.html", "title": "T", "date": "", "author": "", "with": [], "without": []}
    (root / "evaldata.json").write_text(json.dumps({"https://a.example/p": entry}))
    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path / "cache"))
    split = page_split("p.html")
    # Pre-seed the render cache so the test needs no browser.
    from storyline.eval import text_metadata

    key = text_metadata._cache_key(b"<html><body>x</body></html>")
    (tmp_path / "cache" / "text-metadata").mkdir(parents=True)
    (tmp_path / "cache" / "text-metadata" / f"{key}.txt").write_text("T\n\n" + "Body words. " * 20)
    report = evaluate(tmp_path, split=split)
    assert report.summary_line().startswith(f"text-metadata: split={split} ")
    assert report.summary["pages"] == 1
