"""The event table and the API share one filter vocabulary, checked the same way, and search
finds an entity by any of its aliases."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.model import Article
from storyline.store import Store, open_store
from storyline.web import create_app
from test_report_fixtures import open_populated


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    store = open_populated(str(tmp_path / "w.db"))
    yield TestClient(create_app(store))
    store.close()


def _count(html: str) -> str:
    start = html.index('id="event-count">') + len('id="event-count">')
    return html[start : html.index("<", start)]


def test_page_takes_the_api_names_and_the_old_ones(client: TestClient) -> None:
    new = client.get("/events", params={"event_type": "Strategic developments"}).text
    old = client.get("/events", params={"type": "Strategic developments"}).text
    assert _count(new) == _count(old) == "1 event"
    dated = {"date_from": "2022-09-06", "date_to": "2022-09-06"}
    assert _count(client.get("/events", params=dated).text) == "2 events"
    old_dated = {"from": "2022-09-06", "to": "2022-09-06"}
    assert _count(client.get("/events", params=old_dated).text) == "2 events"
    # the form writes the API's names, so a filtered page's links share the vocabulary
    assert 'name="event_type"' in new and 'name="date_from"' in new and 'name="type"' not in new


def test_event_type_matches_in_any_case(client: TestClient) -> None:
    assert _count(client.get("/events", params={"event_type": "battles"}).text) == "0 events"
    lower = client.get("/events", params={"event_type": "strategic developments"}).text
    assert _count(lower) == "1 event" and "Syrian Arab Army" in lower
    api = client.get("/api/events", params={"event_type": "EXPLOSIONS/REMOTE VIOLENCE"}).json()
    assert api["total"] == 3


@pytest.mark.parametrize("path", ["/events", "/api/events"])
def test_a_value_that_is_not_a_date_is_a_400_naming_the_parameter(
    client: TestClient, path: str
) -> None:
    response = client.get(path, params={"date_from": "notadate"})
    assert response.status_code == 400 and "date_from" in response.text
    response = client.get(path, params={"date_to": "2022-13-40"})
    assert response.status_code == 400 and "date_to" in response.text
    backwards = client.get(path, params={"date_from": "2022-09-07", "date_to": "2022-09-01"})
    assert backwards.status_code == 400 and "date_from" in backwards.text
    if path == "/events":
        assert client.get(path, params={"from": "soon"}).status_code == 400


def test_map_counts_events_not_points(client: TestClient) -> None:
    page = client.get("/map").text
    assert "3 events placed at a town" in page
    assert "1 event placed only in an area" in page and "Syria" in page


def test_favicon_is_served(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert client.get("/favicon.svg").text.startswith("<svg")
    assert 'rel="icon"' in client.get("/").text


def _alias_store(path: Path) -> Store:
    store = open_store(str(path))
    assert store is not None
    text = "Fighters of ISIL seized two villages east of the city on Sunday, residents said."
    article = Article(
        id="art_isil000000001",
        input="isil.txt",
        text=text,
        title="Militants seize villages",
        published="2016-05-01",
    )
    sha = hashlib.sha256(text.encode()).hexdigest()
    with store.transaction() as txn:
        txn.save_input(sha, "isil.txt", len(text), "txt", text.encode())
        txn.save_article(article, input_sha256=sha, locator="isil.txt")
    start = text.index("ISIL")
    mention = {"name": "Islamic State", "type": "ORG", "start": start, "end": start + 4}
    store.save_analysis(article.id, entities=[{**mention, "text": "ISIL"}])
    return store


def test_search_finds_an_entity_by_any_alias(tmp_path: Path) -> None:
    store = _alias_store(tmp_path / "a.db")
    client = TestClient(create_app(store))
    assert store.search_articles("Daesh") == []  # the word itself is in no article
    for query in ("Daesh", "Islamic State", "daesh villages"):
        assert "Militants seize villages" in client.get("/", params={"q": query}).text, query
    assert "Militants seize villages" not in client.get("/", params={"q": "Daesh Aleppo"}).text
    store.close()
