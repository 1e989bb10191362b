"""The web app: pages, filters, pagination, search, the JSON API, and ingest with a token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.store import Store, open_store
from storyline.web import app as web_app
from storyline.web import create_app
from test_report_fixtures import open_populated

TOKEN = "s3cret-token"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_populated(str(tmp_path / "w.db"))
    yield opened
    opened.close()


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))


def test_story_list_and_search(client: TestClient) -> None:
    page = client.get("/").text
    assert "Shelling of the Kharkiv central market" in page and "Air strikes on a depot" in page
    found = client.get("/", params={"q": "ammunition depot"}).text
    assert "Air strikes on a depot" in found and "Kharkiv central market" not in found
    # words found only in an article's text still find its story
    found = client.get("/", params={"q": "hospital toll"}).text
    assert "Kharkiv central market" in found
    api = client.get("/api/stories", params={"q": "firefighters"}).json()
    assert [s["id"] for s in api["items"]] == ["sto_market"]
    assert client.get("/api/stories", params={"q": "100%_"}).json()["total"] == 0


def test_search_uses_the_full_text_index(client: TestClient) -> None:
    # "extinguishing" is nowhere verbatim: only the stemmed index matches "extinguished"
    api = client.get("/api/stories", params={"q": "extinguishing"}).json()
    assert [s["id"] for s in api["items"]] == ["sto_market"]
    # every word must occur in one article: these two sit in different stories' articles
    assert client.get("/api/stories", params={"q": "bazaar ammunition"}).json()["total"] == 0
    for hostile in ['"', "NEAR(", "depot*", "-depot", "((depot", "'; DROP TABLE articles; --"]:
        response = client.get("/", params={"q": hostile})
        assert response.status_code == 200
    assert "Air strikes on a depot" in client.get("/", params={"q": "((depot*"}).text


def test_story_page_links_citations_to_the_highlighted_sentence(client: TestClient) -> None:
    page = client.get("/stories/sto_market").text
    assert "/articles/art_market0000000a?start=0&amp;end=" in page
    article = client.get("/articles/art_market0000000a", params={"start": 0, "end": 20}).text
    assert '<mark class="cited" id="cited">Artillery shells hit</mark>' in article
    assert client.get("/stories/nope").status_code == 404


def test_event_filters_and_pagination(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = client.get("/events").text
    assert "4 events" in everything
    strategic = client.get("/events", params={"type": "Strategic developments"}).text
    assert ">1 event<" in strategic and "Syrian Arab Army" in strategic
    assert "Russian Armed Forces" not in strategic
    assert "Russian Armed Forces" in client.get("/events", params={"actor": "russian"}).text
    by_place = client.get("/events", params={"place": "idlib"}).text
    assert ">1 event<" in by_place
    dated = client.get("/events", params={"from": "2022-09-06", "to": "2022-09-06"}).text
    assert "2 events" in dated
    monkeypatch.setattr(web_app, "PAGE_SIZE", 3)
    first = client.get("/events").text
    assert "page 1 of 2" in first and 'rel="next"' in first
    assert first.count("<tr data-event-id=") == 3
    second = client.get("/events", params={"page": 2}).text
    assert second.count("<tr data-event-id=") == 1 and 'rel="prev"' in second


def test_json_api_and_openapi(client: TestClient) -> None:
    assert client.get("/api/health").json()["status"] == "ok"
    story = client.get("/api/stories/sto_market").json()
    assert story["story"]["title"].startswith("Shelling")
    assert {c["id"] for c in story["claims"]} >= {"clm_governor_toll", "clm_hospital_toll"}
    assert story["contradictions"][0]["kind"] == "numeric"
    events = client.get("/api/events", params={"limit": 2, "offset": 0}).json()
    assert events["total"] == 4 and len(events["items"]) == 2
    assert client.get("/api/claims", params={"story_id": "sto_market"}).json()["total"] == 3
    articles = client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
    assert articles["total"] == 6 and articles["items"][0]["id"] == "art_market0000000b"
    assert client.get("/api/articles/art_market0000000a").json()["publisher"] == "Wire Service"
    schema = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/events", "/api/claims", "/api/articles"} <= set(schema["paths"])
    assert "post" not in schema["paths"]["/api/articles"]  # read-only by default


def test_pages_degrade_when_nothing_was_analysed(tmp_path: Path) -> None:
    store = open_populated(str(tmp_path / "bare.db"), with_knowledge=False)
    client = TestClient(create_app(store))
    home = client.get("/").text
    assert "No stories yet." in home and "Shelling kills four at Kharkiv market" in home
    assert "0 events" in client.get("/events").text
    assert client.get("/map").status_code == 200
    assert client.get("/api/events").json() == {"total": 0, "items": []}


def test_ingest_runs_the_pipeline_path_and_is_idempotent(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "ingest.db"))
    assert store is not None
    client = TestClient(create_app(store, allow_ingest=True, token=TOKEN))
    text = (
        "Three rockets landed near the airport of the city on Sunday evening, officials said. "
        "Nobody was hurt, according to the airport's operator, and flights resumed at night."
    )
    batch = [
        {
            "text": text,
            "title": "Rockets land near airport",
            "url": "https://a.example/1",
            "published": "2023-03-05",
        },
        {
            "text": text,
            "title": "Rockets land near airport",
            "url": "https://b.example/2",
            "published": "2023-03-05",
        },
    ]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    first = client.post("/api/articles", json=batch, headers=headers)
    assert first.status_code == 202, first.text  # stored; analysis queued
    assert first.json()["articles_new"] == 2
    stored = {a.url: a for a in store.iter_articles()}
    copy = stored["https://b.example/2"]
    assert copy.duplicate_of == stored["https://a.example/1"].id  # deduplicated like a run
    again = client.post("/api/articles", json=batch, headers=headers).json()
    assert again["articles_new"] == 0 and store.article_count() == 2
    assert client.get("/api/health").json()["ingest"] is True


def test_serve_refuses_ingest_without_a_token(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    result = CliRunner().invoke(
        app,
        ["serve", "--db", str(tmp_path / "x.db"), "--allow-ingest"],
        env={"STORYLINE_TOKEN": ""},
    )
    assert result.exit_code == 2
    with pytest.raises(ValueError):
        create_app(open_populated(str(tmp_path / "y.db")), allow_ingest=True)
