"""Hostile articles render inert; the app sends a CSP, bounds bodies, keeps paths, checks tokens."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.report.html import render_report
from storyline.report.safe import json_for_script, safe_href
from storyline.store import open_store
from storyline.web import create_app
from test_report_fixtures import HOSTILE_AUTHOR, HOSTILE_TITLE, open_populated

ACTIVE = [
    re.compile(r"<script>alert", re.I),
    re.compile(r"<img[^>]*onerror", re.I),
    re.compile(r"<svg[^>]*onload", re.I),
    re.compile(r"<b onmouseover", re.I),
    re.compile(r"<iframe", re.I),
    re.compile(r'href="javascript:', re.I),
    re.compile(r"<a [^>]*onclick", re.I),
]


def _assert_inert(html: str) -> None:
    for pattern in ACTIVE:
        assert not pattern.search(html), pattern.pattern
    # every script block is either ours (no alert) or JSON data with no raw "<"
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        if "application/json" in attributes:
            assert "<" not in body
            json.loads(body)
        else:
            assert "alert(" not in body


def test_json_for_script_cannot_close_its_block() -> None:
    value = {"t": "</script><!--<script>", "u": "\u2028"}
    text = str(json_for_script(value))
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_only_http_links_are_linked() -> None:
    assert safe_href("https://example.org/a") == "https://example.org/a"
    for bad in ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"]:
        assert safe_href(bad) is None


def test_hostile_article_is_inert_in_the_report(tmp_path: Path) -> None:
    html = render_report(open_populated(str(tmp_path / "r.db")))
    _assert_inert(html)
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;Breaking" in html
    assert "&lt;img src=x onerror=alert(&#34;byline&#34;)&gt;" in html


def test_hostile_article_is_inert_in_the_web_app(tmp_path: Path) -> None:
    client = TestClient(create_app(open_populated(str(tmp_path / "w.db"))))
    for url in [
        "/",
        "/?q=officials",
        "/stories/sto_hostile",
        "/events",
        "/map",
        "/articles/art_hostile00000f",
        "/articles/art_hostile00000f?start=0&end=30",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_inert(response.text)
    api = client.get("/api/articles/art_hostile00000f")
    assert api.headers["content-type"].startswith("application/json")
    assert api.json()["title"] == HOSTILE_TITLE and api.json()["authors"] == [HOSTILE_AUTHOR]


def test_web_app_sends_a_strict_csp_and_no_inline_script(tmp_path: Path) -> None:
    client = TestClient(create_app(open_populated(str(tmp_path / "w.db"))))
    response = client.get("/stories/sto_market")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    for attributes, _body in re.findall(r"<script([^>]*)>(.*?)</script>", response.text, re.S):
        assert "src=" in attributes or "application/json" in attributes


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../etc/passwd",
        "/static/..%2F..%2Fetc%2Fpasswd",
        "/static/%2e%2e/app.py",
        "/static/leaflet.js.map",
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/stories/%2e%2e",
    ],
)
def test_no_route_lets_a_path_escape(tmp_path: Path, path: str) -> None:
    client = TestClient(create_app(open_populated(str(tmp_path / "w.db"))))
    response = client.get(path)
    assert response.status_code in (404, 422)
    assert "root:" not in response.text and "import" not in response.text


def test_request_bodies_are_bounded(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "i.db"))
    assert store is not None
    client = TestClient(create_app(store, allow_ingest=True, token="t", max_body_bytes=1000))
    big = [{"text": "word " * 400}]
    response = client.post("/api/articles", json=big, headers={"Authorization": "Bearer t"})
    assert response.status_code == 413
    assert store.article_count() == 0


def test_ingest_needs_the_right_token(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "i.db"))
    assert store is not None
    client = TestClient(create_app(store, allow_ingest=True, token="right"))
    body = [{"text": "Some article text that is long enough to be kept by the cleaner, surely."}]
    assert client.post("/api/articles", json=body).status_code == 401
    wrong = client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert store.article_count() == 0


def test_read_only_app_has_no_ingest_route(tmp_path: Path) -> None:
    client = TestClient(create_app(open_populated(str(tmp_path / "w.db"))))
    response = client.post("/api/articles", json=[{"text": "x"}])
    assert response.status_code == 405
