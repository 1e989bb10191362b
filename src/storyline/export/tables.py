"""Files analysts load elsewhere: the contract's JSONL, ACLED-style CSV, GeoJSON, Parquet.

The CSV keeps ACLED's column names and meanings so scripts written for ACLED exports read it
unchanged; two trailing columns link each row back to Storyline. Values with no evidence stay
empty rather than defaulting, except where ACLED's own convention fills it (0 fatalities where
none is reported); see export/acled.py.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from storyline.export.acled import (
    ACLED_COLUMNS,
    LINK_COLUMNS,
    acled_row,
    main_location,
)
from storyline.export.claims import article_groups, fold_claims, renamed_sides
from storyline.export.filters import NO_FILTER, ExportFilter
from storyline.export.jsonl import write_jsonl
from storyline.model import SCHEMA_VERSION, stable_id
from storyline.report.view import date_label
from storyline.store import Store
from storyline.store.knowledge import date_bounds

FORMATS = ("jsonl", "csv", "geojson", "parquet")
ALL = "all"  # every format above, into one folder


def _publishers(store: Store) -> dict[str, str]:
    return {article.id: article.publisher or "" for article in store.iter_articles()}


def _published(store: Store) -> dict[str, str | None]:
    return {article.id: article.published for article in store.iter_articles()}


def acled_rows(store: Store, filters: ExportFilter = NO_FILTER) -> Iterator[dict[str, Any]]:
    publishers, published = _publishers(store), _published(store)
    for event in filters.events(store):
        yield acled_row(event, publishers, published)


def _atomic_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")


def write_events_csv(store: Store, path: Path, filters: ExportFilter = NO_FILTER) -> Path:
    temporary = _atomic_path(path)
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS + LINK_COLUMNS)
        writer.writeheader()
        writer.writerows(acled_rows(store, filters))
    os.replace(temporary, path)
    return path


def events_geojson(store: Store, filters: ExportFilter = NO_FILTER) -> dict[str, Any]:
    """RFC 7946 FeatureCollection: one Point per event at its place, [lon, lat].

    One feature per event, so a toll is counted once however many places the reports name;
    ``geo_precision`` 3 marks a province or country centroid, not a point event.
    """
    publishers, published = _publishers(store), _published(store)
    features = []
    for event in filters.events(store):
        location = main_location(event)
        lat, lon = location.get("lat"), location.get("lon")
        if not (isinstance(lat, int | float) and isinstance(lon, int | float)):
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        properties = acled_row(event, publishers, published)
        properties.update(
            country_code=location.get("country_code") or "",
            date=date_label(event.get("date")),
            actors=list(event.get("actors") or []),
            targets=list(event.get("targets") or []),
            independent_sources=event.get("independent_sources") or 0,
            confidence=event.get("confidence"),
        )
        properties.pop("latitude")
        properties.pop("longitude")
        features.append(
            {
                "type": "Feature",
                "id": event["id"],
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_events_geojson(store: Store, path: Path, filters: ExportFilter = NO_FILTER) -> Path:
    temporary = _atomic_path(path)
    collection = events_geojson(store, filters)
    temporary.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
    return path


# -- contract JSONL ----------------------------------------------------------------------------


def entity_records(mentions: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Entities of entities.jsonl, gathered from their stored mentions."""
    entities: dict[tuple[str, str], dict[str, Any]] = {}
    for mention in mentions:
        key = (str(mention["type"]), str(mention["name"]))
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = {
                "schema_version": SCHEMA_VERSION,
                "id": stable_id("ent", *key),
                "name": key[1],
                "type": key[0],
                "aliases": [],
                "mentions": [],
            }
        if mention["text"] not in entity["aliases"]:
            entity["aliases"].append(mention["text"])
        entity["mentions"].append(_mention(mention))
    return list(entities.values())


def place_records(mentions: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    places: dict[str, dict[str, Any]] = {}
    for mention in mentions:
        place = places.get(mention["place_id"])
        if place is None:
            place = places[mention["place_id"]] = {
                "schema_version": SCHEMA_VERSION,
                "id": mention["place_id"],
                "name": mention["name"],
                "lat": mention["lat"],
                "lon": mention["lon"],
                "country_code": mention.get("country_code"),
                "admin1": mention.get("admin1"),
                "geonames_id": mention.get("geonames_id"),
                "mentions": [],
            }
        place["mentions"].append(_mention(mention))
    return list(places.values())


def _mention(mention: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "article_id": mention["article_id"],
        "start": mention["start"],
        "end": mention["end"],
        "text": mention["text"],
    }


def _versioned(records: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    for record in records:
        yield {"schema_version": SCHEMA_VERSION, **record}


def contract_records(
    store: Store, filters: ExportFilter = NO_FILTER
) -> dict[str, Iterable[dict[str, Any]]]:
    """Every contract file's records, read lazily from the store."""
    if not filters.active:
        claims, same_as = fold_claims(store.iter_claims(), article_groups(store))
        return {
            "articles": (article.to_record() for article in store.iter_articles()),
            "entities": entity_records(store.iter_entity_mentions()),
            "places": place_records(store.iter_place_mentions()),
            "events": _versioned(store.iter_events()),
            "claims": _versioned(claims),
            "contradictions": _versioned(renamed_sides(store.iter_contradictions(), same_as)),
            "stories": _versioned(store.iter_stories()),
        }
    kept = [a.id for a in store.iter_articles() if filters.keeps_article(a)]
    claims, same_as = fold_claims(
        (c for c in store.iter_claims() if filters.keeps_story_record(c)), article_groups(store)
    )
    return {
        "articles": (article.to_record() for article in store.iter_articles(ids=kept)),
        "entities": entity_records(store.iter_entity_mentions(kept)),
        "places": place_records(store.iter_place_mentions(kept)),
        "events": _versioned(filters.events(store)),
        "claims": _versioned(claims),
        "contradictions": _versioned(
            renamed_sides(
                (c for c in store.iter_contradictions() if filters.keeps_story_record(c)),
                same_as,
            )
        ),
        "stories": _versioned(s for s in store.iter_stories() if filters.keeps_story_record(s)),
    }


def write_contract_jsonl(store: Store, out: Path, filters: ExportFilter = NO_FILTER) -> list[Path]:
    """Every ``*.jsonl`` of the contract, an empty file where there is nothing: a script that
    reads contradictions.jsonl must find it, and never a stale one from an earlier run."""
    return [
        write_jsonl(records, out / f"{name}.jsonl")
        for name, records in contract_records(store, filters).items()
    ]


# -- Parquet -----------------------------------------------------------------------------------


def write_parquet(store: Store, out: Path, filters: ExportFilter = NO_FILTER) -> list[Path]:
    """events (ACLED columns plus nested lists), articles, claims and stories as Parquet.

    Days are Parquet dates (``date32``) and publication times UTC timestamps, so pandas reads
    them as dates, not strings; the text as written stays beside them (``published_text``).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    written = []
    publishers, published = _publishers(store), _published(store)
    events = list(filters.events(store))
    if events:
        rows = []
        for event in events:
            row = acled_row(event, publishers, published)
            row["year"] = int(row["year"]) if row["year"] else None
            row["latitude"] = row["latitude"] if row["latitude"] != "" else None
            row["longitude"] = row["longitude"] if row["longitude"] != "" else None
            for name in _NUMERIC:
                row[name] = row[name] if row[name] != "" else None
            start, end = date_bounds(event.get("date"))
            row["event_date"] = _day(row["event_date"])
            row.update(
                date_start=_day(start),
                date_end=_day(end),
                actors=list(event.get("actors") or []),
                targets=list(event.get("targets") or []),
                source_article_ids=[ev.get("article_id") for ev in event.get("sources") or []],
                independent_sources=int(event.get("independent_sources") or 0),
                confidence=float(event.get("confidence") or 0.0),
                record=json.dumps(event, ensure_ascii=False),
            )
            rows.append(row)
        schema = pa.schema(
            [
                (name, pa.date32() if name == "event_date" else pa.string())
                for name in ACLED_COLUMNS
                if name not in _NUMERIC
            ]
            + [
                ("latitude", pa.float64()),
                ("longitude", pa.float64()),
                ("geo_precision", pa.int8()),
                ("fatalities", pa.int64()),
                ("year", pa.int16()),
                ("time_precision", pa.int8()),
                ("inter1", pa.int8()),
                ("inter2", pa.int8()),
                ("interaction", pa.int16()),
                ("iso", pa.int16()),
                ("timestamp", pa.int64()),
                ("storyline_event_id", pa.string()),
                ("story_id", pa.string()),
                ("date_start", pa.date32()),
                ("date_end", pa.date32()),
                ("actors", pa.list_(pa.string())),
                ("targets", pa.list_(pa.string())),
                ("source_article_ids", pa.list_(pa.string())),
                ("independent_sources", pa.int32()),
                ("confidence", pa.float64()),
                ("record", pa.string()),
            ]
        )
        written.append(
            _write_table(pa.Table.from_pylist(rows, schema=schema), out / "events.parquet", pq)
        )
    articles = [
        article.to_record() for article in store.iter_articles() if filters.keeps_article(article)
    ]
    if articles:
        schema = pa.schema(
            [
                ("id", pa.string()),
                ("input", pa.string()),
                ("url", pa.string()),
                ("publisher", pa.string()),
                ("title", pa.string()),
                ("authors", pa.list_(pa.string())),
                ("published", pa.timestamp("us", tz="UTC")),
                ("published_text", pa.string()),
                ("published_source", pa.string()),
                ("language", pa.string()),
                ("text", pa.string()),
                ("removed", pa.list_(pa.string())),
                ("duplicate_of", pa.string()),
                ("syndication_group", pa.string()),
                ("flags", pa.list_(pa.string())),
                ("story_id", pa.string()),
            ]
        )
        rows = []
        for record in articles:
            row = {name: record.get(name) for name in schema.names}
            row["published"] = _instant(record.get("published"))
            row["published_text"] = record.get("published")
            rows.append(row)
        table = pa.Table.from_pylist(rows, schema=schema)
        written.append(_write_table(table, out / "articles.parquet", pq))
    claims = [claim for claim in store.iter_claims() if filters.keeps_story_record(claim)]
    if claims:
        rows = [
            {
                "id": claim["id"],
                "story_id": claim.get("story_id"),
                "speaker": claim.get("speaker"),
                "text": claim.get("text"),
                "verb": claim.get("verb"),
                "stance": claim.get("stance"),
                "source_article_ids": [ev.get("article_id") for ev in claim.get("sources") or []],
                "record": json.dumps(claim, ensure_ascii=False),
            }
            for claim in claims
        ]
        written.append(_write_table(pa.Table.from_pylist(rows), out / "claims.parquet", pq))
    stories = [story for story in store.iter_stories() if filters.keeps_story_record(story)]
    if stories:
        rows = []
        for story in stories:
            start, end = date_bounds(story.get("date"))
            rows.append(
                {
                    "id": story["id"],
                    "title": story.get("title") or "",
                    "date_start": _day(start),
                    "date_end": _day(end),
                    "article_ids": list(story.get("article_ids") or []),
                    "independent_sources": int(story.get("independent_sources") or 0),
                    "summary": " ".join(s.get("text", "") for s in story.get("summary") or []),
                    "record": json.dumps(story, ensure_ascii=False),
                }
            )
        written.append(_write_table(pa.Table.from_pylist(rows), out / "stories.parquet", pq))
    return written


_NUMERIC = {
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "timestamp",
}


def _day(value: str | None) -> date | None:
    """An ISO day as a date; None for no date or a value that is not one."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _instant(value: str | None) -> datetime | None:
    """A publication date or time as a UTC instant (a bare day is its midnight, UTC)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        day = _day(value)
        return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _write_table(table: Any, path: Path, pq: Any) -> Path:
    temporary = _atomic_path(path)
    pq.write_table(table, temporary)
    os.replace(temporary, path)
    return path


def export(store: Store, fmt: str, out: Path, filters: ExportFilter = NO_FILTER) -> list[Path]:
    """Write one format's files (or, for ``all``, every format's) into ``out``."""
    if fmt == ALL:
        return [path for name in FORMATS for path in export(store, name, out, filters)]
    if fmt not in FORMATS:
        choices = ", ".join((*FORMATS, ALL))
        raise ValueError(f"unknown format {fmt!r}; choose one of {choices}")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        return write_contract_jsonl(store, out, filters)
    if fmt == "csv":
        return [write_events_csv(store, out / "events.csv", filters)]
    if fmt == "geojson":
        return [write_events_geojson(store, out / "events.geojson", filters)]
    return write_parquet(store, out, filters)
