"""The offline report: stories with cited summaries, charts' data, sources, and empty stores."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from storyline.report.html import render_report, write_report
from storyline.report.view import locate_sentence
from test_report_fixtures import MARKET, open_populated


def _blob(html: str, element_id: str) -> object:
    match = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S
    )
    assert match, element_id
    return json.loads(match.group(1))


def test_summary_sentence_is_found_despite_spacing_and_case() -> None:
    wanted = "artillery shells hit the central market  of KHARKIV on monday"
    span = locate_sentence(MARKET, wanted)
    assert span is not None
    assert (
        MARKET[span[0] : span[1]] == "Artillery shells hit the central market of Kharkiv on Monday"
    )


def test_reworded_sentence_is_found_fuzzily_and_unrelated_text_is_not() -> None:
    span = locate_sentence(MARKET, "Emergency crews put out the fires in several stalls")
    assert span is not None and "Emergency crews" in MARKET[span[0] : span[1]]
    assert locate_sentence(MARKET, "Parliament approved the budget for next year.") is None


def test_report_shows_stories_citations_and_chart_data(tmp_path: Path) -> None:
    store = open_populated(str(tmp_path / "r.db"))
    html = write_report(store, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Shelling of the Kharkiv central market" in html
    # the first summary sentence cites the wire article at the exact sentence offsets
    start = MARKET.index("Artillery shells hit")
    assert f'data-article="art_market0000000a" data-start="{start}"' in html
    data = _blob(html, "storyline-data")
    assert isinstance(data, dict)
    market = data["stories"]["sto_market"]
    assert market["timeline"][0]["start"] == "2022-09-05"
    assert market["points"][0]["lon"] == 36.25
    assert len(data["points"]) == 3  # every located event appears on the overview map
    # a summary sentence not in the text cites the closest evidence of that article
    assert 'data-article="art_market0000000d" data-start="0"' in html


def test_report_lists_sources_with_groups_flags_and_removed_chrome(tmp_path: Path) -> None:
    html = render_report(open_populated(str(tmp_path / "r.db")))
    assert "(3 in group)" in html
    assert 'class="flag spun"' in html and 'class="flag no-date"' in html
    assert "peer-dated" in html
    assert "Subscribe to our newsletter" in html  # removed chrome is viewable
    assert "how many people died at the market" in html
    assert "the governor counted four dead, the hospital six" in html


def test_report_is_offline_with_hashed_inline_scripts(tmp_path: Path) -> None:
    html = render_report(open_populated(str(tmp_path / "r.db")))
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert found
    csp = unescape(found.group(1))
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "default-src 'none'" in csp
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="https?:', html)
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert inline and csp.count("'sha256-") == len(inline)


def test_report_of_articles_without_any_analysis_still_renders(tmp_path: Path) -> None:
    store = open_populated(str(tmp_path / "r.db"), with_knowledge=False)
    html = render_report(store)
    assert "No stories yet" in html
    assert "Shelling kills four at Kharkiv market" in html
    assert _blob(html, "storyline-data") == {"stories": {}, "points": []}


def test_report_of_an_empty_store_renders(tmp_path: Path) -> None:
    from storyline.store import open_store

    store = open_store(str(tmp_path / "empty.db"))
    assert store is not None
    html = render_report(store)
    assert "No articles." in html and "No stories yet" in html
