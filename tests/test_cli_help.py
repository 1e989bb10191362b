"""The command line speaks to users: honest help, a version, a readable status, export
filters, and Parquet files whose dates are dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from storyline import __version__
from storyline.cli import app
from test_report_fixtures import open_populated

COMMANDS = ["run", "eval", "status", "serve", "export"]


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return result.exit_code, result.output


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_flags_without_values_and_one_example(command: str | None) -> None:
    code, text = _invoke(*([command] if command else []), "--help")
    assert code == 0
    assert "<bool>" not in text and "{inputs}" not in text
    assert "Example:" in text
    if command == "run":
        assert "run [OPTIONS] INPUTS..." in text


def test_version_prints_the_version() -> None:
    code, text = _invoke("--version")
    assert code == 0 and text.strip() == f"storyline {__version__}"


def test_status_says_what_the_store_covers_in_user_words(tmp_path: Path) -> None:
    open_populated(str(tmp_path / "s.db")).close()
    long_name = tmp_path / ("a-rather-long-folder-name-" * 4)
    long_name.mkdir()
    (tmp_path / "s.db").rename(long_name / "s.db")
    code, text = _invoke("status", "--db", str(long_name / "s.db"))
    assert code == 0, text
    assert "article_analysis" not in text and "store_state" not in text
    assert str(long_name / "s.db") in text  # the path is printed whole, never wrapped
    assert "6 articles" in text and "published 5 Sep 2022 to 9 Sep 2022 (1 undated)" in text
    assert "Wire Service (1)" in text and "Languages" in text
    assert "3 stories, 4 events" in text


def test_export_filters_by_date_type_country_and_story(tmp_path: Path) -> None:
    open_populated(str(tmp_path / "x.db")).close()
    db = str(tmp_path / "x.db")

    def events(*filters: str) -> set[str]:
        out = tmp_path / "o" / "-".join(filters or ("all",))
        code, text = _invoke("export", "--db", db, "--out", str(out), *filters)
        assert code == 0, text
        return {json.loads(line)["id"] for line in (out / "events.jsonl").open()}

    everything = events()
    assert len(everything) == 4
    assert events("--event-type", "strategic developments") == {"evt_drones_down"}
    assert events("--country", "UA") == {"evt_market_shelling"}
    assert events("--country", "ukraine") == {"evt_market_shelling"}
    assert events("--date-from", "2022-09-07") == {"evt_drones_down", "evt_hostile"}
    assert events("--story", "sto_depot") == {"evt_depot_strike", "evt_drones_down"}
    out = tmp_path / "o" / "--story-sto_depot"
    stories = [json.loads(line)["id"] for line in (out / "stories.jsonl").open()]
    assert stories == ["sto_depot"]
    code, text = _invoke("export", "--db", db, "--date-from", "notadate")
    assert code == 2 and "date_from" in text


def test_export_all_writes_every_format(tmp_path: Path) -> None:
    open_populated(str(tmp_path / "x.db")).close()
    out = tmp_path / "all"
    code, text = _invoke(
        "export", "--db", str(tmp_path / "x.db"), "--format", "all", "-o", str(out)
    )
    assert code == 0, text
    names = {path.name for path in out.iterdir()}
    assert {"events.jsonl", "events.csv", "events.geojson", "events.parquet"} <= names


def test_parquet_stores_dates_as_dates(tmp_path: Path) -> None:
    open_populated(str(tmp_path / "x.db")).close()
    out = tmp_path / "pq"
    code, _ = _invoke("export", "--db", str(tmp_path / "x.db"), "-f", "parquet", "-o", str(out))
    assert code == 0
    events = pq.read_table(out / "events.parquet")
    for column in ("event_date", "date_start", "date_end"):
        assert events.schema.field(column).type == pa.date32()
    row = events.to_pandas().set_index("storyline_event_id").loc["evt_drones_down"]
    assert (row.date_start, row.date_end) == (dt.date(2022, 9, 6), dt.date(2022, 9, 7))
    articles = pq.read_table(out / "articles.parquet")
    assert articles.schema.field("published").type == pa.timestamp("us", tz="UTC")
    first = articles.to_pandas().set_index("id").loc["art_market0000000a"]
    assert first.published.isoformat() == "2022-09-05T00:00:00+00:00"
    assert first.published_text == "2022-09-05"
    stories = pq.read_table(out / "stories.parquet")
    assert stories.schema.field("date_start").type == pa.date32()
