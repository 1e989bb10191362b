"""Web app limits (issue 17): huge offsets are a 400, any body over the limit a 413 (chunked
or not), HEAD works wherever GET does, and the ingest token need not appear in ``ps``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.cli import app
from storyline.store import open_store
from storyline.web import create_app
from test_report_fixtures import open_populated

HUGE = "9223372036854775808"
ROCKETS = (
    "Three rockets landed near the airport of the city on Sunday evening, officials said. "
    "Nobody was hurt, according to the airport's operator, and flights resumed at night."
)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    store = open_populated(str(tmp_path / "w.db"))
    yield TestClient(create_app(store), raise_server_exceptions=False)
    store.close()


@pytest.mark.parametrize(
    "path",
    ["/api/events", "/api/stories", "/api/claims", "/api/articles"],
)
def test_offsets_past_any_store_are_a_400_not_a_500(client: TestClient, path: str) -> None:
    for offset in (HUGE, "1000000001", "-1"):
        response = client.get(path, params={"offset": offset})
        assert response.status_code == 400, (path, offset, response.text)
    assert client.get(path, params={"offset": "1000000000"}).status_code == 200
    assert client.get(path, params={"limit": "100000"}).status_code == 400


def test_article_highlight_offsets_are_capped(client: TestClient) -> None:
    path = "/articles/art_market0000000a"
    assert client.get(path, params={"start": HUGE, "end": HUGE}).status_code == 400
    assert client.get(path, params={"start": 0, "end": 20}).status_code == 200


def chunks(total: int, size: int = 65536) -> Iterator[bytes]:
    yield b"["
    sent = 1
    while sent < total:
        yield b" " * size
        sent += size
    yield b"]"


def test_a_chunked_body_over_the_limit_is_a_413(tmp_path: Path) -> None:
    """Issue 17: a 10 MB chunked POST got 400 instead of the documented 413."""
    store = open_store(str(tmp_path / "i.db"))
    assert store is not None
    client = TestClient(create_app(store, allow_ingest=True, token="t"))
    headers = {"Authorization": "Bearer t", "Content-Type": "application/json"}
    response = client.post("/api/articles", content=chunks(10 * 1024 * 1024), headers=headers)
    assert response.status_code == 413
    assert store.article_count() == 0
    body = json.dumps([{"text": ROCKETS}]).encode()
    small = client.post("/api/articles", content=iter([body]), headers=headers)
    assert small.status_code == 202, small.text  # a chunked body under the limit still works
    assert client.app.state.ingestor.wait(120)
    store.close()


def test_ingest_answers_once_stored_and_analyses_in_the_background(tmp_path: Path) -> None:
    """Issue 17: ingest ran analysis and stories inside the request (11.8 s for 4 MB)."""
    store = open_store(str(tmp_path / "i.db"))
    assert store is not None
    client = TestClient(create_app(store, allow_ingest=True, token="t"))
    text = ROCKETS
    headers = {"Authorization": "Bearer t"}
    response = client.post("/api/articles", json=[{"text": text}], headers=headers)
    assert response.status_code == 202 and response.json()["analysis"] == "queued"
    (article_id,) = response.json()["article_ids"]
    assert client.app.state.ingestor.wait(120)
    assert article_id in store.analysed_ids()
    assert client.get(f"/api/articles/{article_id}").json()["story_id"]
    assert [run["status"] for run in store.runs()] == ["finished", "finished"]
    again = client.post("/api/articles", json=[{"text": text}], headers=headers)
    assert again.status_code == 200 and again.json()["analysis"] == "none"
    store.close()


@pytest.mark.parametrize(
    "path",
    ["/", "/events", "/map", "/stories/sto_market", "/api/health", "/api/events", "/health"],
)
def test_head_is_answered_wherever_get_is(client: TestClient, path: str) -> None:
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-security-policy"]


def test_head_on_a_missing_page_is_still_a_404(client: TestClient) -> None:
    assert client.head("/stories/sto_nothing").status_code == 404


def test_the_token_can_come_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda web_app, **kwargs: served.update(app=web_app))
    (tmp_path / "token").write_text("from-a-file\n")
    args = ["serve", "--db", str(tmp_path / "s.db"), "--allow-ingest"]
    result = CliRunner().invoke(
        app, [*args, "--token-file", str(tmp_path / "token")], env={"STORYLINE_TOKEN": ""}
    )
    assert result.exit_code == 0, result.output
    client = TestClient(served["app"])
    body = [{"text": "x"}]
    assert client.post("/api/articles", json=body).status_code == 401
    ok = client.post("/api/articles", json=body, headers={"Authorization": "Bearer from-a-file"})
    assert ok.status_code == 200
    (tmp_path / "empty").write_text("")
    empty = CliRunner().invoke(app, [*args, "--token-file", str(tmp_path / "empty")])
    assert empty.exit_code == 2 and "is empty" in empty.output


def test_serve_help_says_where_the_token_can_come_from() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert "STORYLINE_TOKEN" in result.output and "--token-file" in result.output
