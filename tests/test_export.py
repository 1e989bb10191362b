"""Exports that pandas, QGIS and spreadsheets read unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from typer.testing import CliRunner

from storyline.cli import app
from storyline.export.acled import ACLED_COLUMNS
from storyline.export.tables import export
from storyline.store import Store
from test_report_fixtures import open_populated


def _store(tmp_path: Path) -> Store:
    return open_populated(str(tmp_path / "x.db"))


def test_csv_has_acled_columns_and_values(tmp_path: Path) -> None:
    (path,) = export(_store(tmp_path), "csv", tmp_path / "out")
    frame = pd.read_csv(path)
    assert list(frame.columns[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    market = frame[frame.storyline_event_id == "evt_market_shelling"].iloc[0]
    assert market.event_id_cnty.startswith("UKR")
    assert (market.country, market.location, market.event_date) == (
        "Ukraine",
        "Kharkiv",
        "2022-09-05",
    )
    assert (market.latitude, market.longitude, market.fatalities) == (49.98, 36.25, 4)
    assert market.source == "Wire Service; Content Farm; Kharkiv Local"
    depot = frame[frame.storyline_event_id == "evt_depot_strike"].iloc[0]
    assert depot.fatalities == 0  # ACLED: 0 where no death is reported
    assert depot.geo_precision == 3  # "Idlib" is also the province's name
    assert market.disorder_type == "Political violence" and market.year == 2022
    assert market.region == "Europe" and market.iso == 804
    ids = frame.event_id_cnty.tolist()
    assert len(set(ids)) == len(ids)
    # same ids on a second export: they derive from the event ids
    (again,) = export(_store(tmp_path / "b"), "csv", tmp_path / "again")
    assert [row["event_id_cnty"] for row in csv.DictReader(again.open())] == ids


def test_geojson_is_a_feature_collection_in_lon_lat_order(tmp_path: Path) -> None:
    (path,) = export(_store(tmp_path), "geojson", tmp_path / "out")
    data = json.loads(path.read_text())
    assert data["type"] == "FeatureCollection" and "crs" not in data
    by_event = {f["properties"]["storyline_event_id"]: f for f in data["features"]}
    assert set(by_event) == {
        "evt_market_shelling",
        "evt_depot_strike",
        "evt_drones_down",
        "evt_hostile",
    }
    # a country's centroid is exported as GIS tools expect, marked as ACLED's precision 3
    assert by_event["evt_drones_down"]["properties"]["geo_precision"] == 3
    assert by_event["evt_market_shelling"]["geometry"] == {
        "type": "Point",
        "coordinates": [36.25, 49.98],
    }
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_parquet_round_trips_through_pyarrow(tmp_path: Path) -> None:
    paths = export(_store(tmp_path), "parquet", tmp_path / "out")
    assert {p.name for p in paths} == {
        "events.parquet",
        "articles.parquet",
        "claims.parquet",
        "stories.parquet",
    }
    events = pq.read_table(tmp_path / "out" / "events.parquet").to_pandas()
    row = events[events.storyline_event_id == "evt_drones_down"].iloc[0]
    assert (row.date_start, row.date_end) == (dt.date(2022, 9, 6), dt.date(2022, 9, 7))
    assert list(row.actors) == ["Syrian Arab Army"] and row.geo_precision == 3  # Syria only
    articles = pq.read_table(tmp_path / "out" / "articles.parquet").to_pandas()
    assert "spun" in list(articles.set_index("id").loc["art_market0000000c", "flags"])


def test_jsonl_writes_every_contract_file_with_content(tmp_path: Path) -> None:
    paths = export(_store(tmp_path), "jsonl", tmp_path / "out")
    names = {p.stem for p in paths}
    assert names == {
        "articles",
        "entities",
        "places",
        "events",
        "claims",
        "contradictions",
        "stories",
    }
    entities = [json.loads(line) for line in (tmp_path / "out" / "entities.jsonl").open()]
    kharkiv = next(e for e in entities if e["name"] == "Kharkiv")
    assert kharkiv["mentions"][0]["article_id"] == "art_market0000000a"
    claims = [json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").open()]
    assert all(c["schema_version"] == 1 and c["story_id"] for c in claims)


def test_jsonl_of_a_store_without_analysis_writes_every_file_empty_but_articles(
    tmp_path: Path,
) -> None:
    """Scripts that read contradictions.jsonl find it, empty, rather than a missing file."""
    store = open_populated(str(tmp_path / "x.db"), with_knowledge=False)
    paths = export(store, "jsonl", tmp_path / "out")
    assert "contradictions.jsonl" in {p.name for p in paths}
    assert {p.name for p in paths if p.read_text()} == {"articles.jsonl"}
    (csv_path,) = export(store, "csv", tmp_path / "out")
    assert pd.read_csv(csv_path).empty


def test_export_command_writes_files_and_rejects_unknown_formats(tmp_path: Path) -> None:
    _store(tmp_path)
    runner = CliRunner()
    db = str(tmp_path / "x.db")
    result = runner.invoke(
        app, ["export", "--format", "geojson", "--db", db, "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "events.geojson").is_file()
    result = runner.invoke(app, ["export", "--format", "xlsx", "--db", db])
    assert result.exit_code == 2
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2


def test_csv_columns_are_acleds_in_acleds_order_then_ours(tmp_path: Path) -> None:
    (path,) = export(_store(tmp_path), "csv", tmp_path / "out")
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "civilian_targeting",
        "iso",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_scale",
        "notes",
        "fatalities",
        "tags",
        "timestamp",
        "storyline_event_id",
        "story_id",
    ]


def test_acled_interaction_codes_and_civilian_targeting() -> None:
    from storyline.export.acled import acled_row

    event = {
        "id": "evt_x",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "date": "2015-09-30",
        "actors": ["Military Forces of Russia"],
        "targets": ["Civilians (Syria)"],
        "locations": [{"name": "Talbiseh", "lat": 34.8, "lon": 36.7, "country_code": "SY"}],
        "fatalities": [{"count": 36}, {"count": 27}],
        "sources": [],
    }
    row = acled_row(event, {})
    assert (row["inter1"], row["inter2"], row["interaction"]) == (1, 7, 17)
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["fatalities"] == 27  # the lowest figure reported
    assert row["event_id_cnty"].startswith("SYR") and row["region"] == "Middle East"
    assert acled_row({**event, "locations": []}, {})["event_id_cnty"] == ""  # no made-up code
