"""In a real browser: the map shows markers, the timeline draws, a citation click highlights its
sentence, and the event filters change the table, in both the report and the web app.

Uses Debian's /usr/bin/chromium through Playwright (never a downloaded browser). Skipped when it
is absent, unless STORYLINE_REQUIRE_BROWSER=1. With STORYLINE_SCREENSHOTS=1 the screenshots go
to docs/screenshots/ for the README; otherwise to the test's temporary folder.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.report.html import write_report
from storyline.web import create_app
from test_report_fixtures import MARKET, open_populated

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

if not CHROMIUM.exists():
    if os.environ.get("STORYLINE_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{CHROMIUM} is missing and STORYLINE_REQUIRE_BROWSER=1")
    pytest.skip(
        f"{CHROMIUM} not installed (apt-get install chromium, or make setup)",
        allow_module_level=True,
    )

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 860})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda exc: problems.append(f"error: {exc}"))
    opened.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    opened.problems = problems
    yield opened
    context.close()
    assert problems == []  # no script error, and no hostile alert() ever ran


def _shot(page: Any, name: str, tmp_path: Path) -> None:
    folder = SCREENSHOTS if os.environ.get("STORYLINE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    page.screenshot(path=str(path))
    assert path.stat().st_size < 300_000


def test_report_map_timeline_and_citation(page: Any, tmp_path: Path) -> None:
    store = open_populated(str(tmp_path / "r.db"))
    report = write_report(store, tmp_path / "report.html")
    page.goto(report.as_uri())
    page.wait_for_selector("[data-map='*'] .event-marker")
    assert page.locator("[data-map='*'] .event-marker").count() == 3
    story = page.locator("#s-sto_market")
    story.scroll_into_view_if_needed()
    page.wait_for_selector("#s-sto_market .tl-event")
    page.wait_for_selector("#s-sto_market .event-marker")
    _shot(page, "report.png", tmp_path)
    story.locator(".summary button.cite").first.click()
    mark = page.locator("#a-art_market0000000a mark.cited")
    expected = "Artillery shells hit the central market of Kharkiv on Monday morning, killing four civilians"
    assert mark.inner_text() == expected and expected in MARKET
    assert mark.is_visible()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    store = open_populated(str(tmp_path / "w.db"))
    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=5)


def test_web_story_page_map_timeline_and_citation(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/stories/sto_market")
    page.wait_for_selector(".event-marker")
    page.wait_for_selector(".tl-event")
    _shot(page, "web-story.png", tmp_path)
    page.locator(".summary a.cite").first.click()
    page.wait_for_selector("mark#cited")
    assert page.locator("mark#cited").inner_text().startswith("Artillery shells hit")


def test_web_event_filters_change_the_table(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/events")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 4
    page.select_option("select[name=event_type]", "Strategic developments")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**type=Strategic*")
    assert rows.count() == 1 and "Syrian Arab Army" in rows.first.inner_text()
    page.fill("input[name=actor]", "")
    page.select_option("select[name=event_type]", "")
    page.fill("input[name=place]", "kharkiv")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**place=kharkiv*")
    assert rows.count() == 1 and "Russian Armed Forces" in rows.first.inner_text()
    page.wait_for_selector(".event-marker")
    _shot(page, "web-events.png", tmp_path)


def test_web_map_counts_events_lists_areas_and_shows_a_legend(page: Any, server: str) -> None:
    page.goto(f"{server}/map")
    page.wait_for_selector(".event-marker")
    assert page.locator(".event-marker").count() == 3  # the Syria centroid is not a point
    count = page.locator("#map-count").inner_text()
    assert (
        count.startswith("3 events placed at a town") and "1 event placed only in an area" in count
    )
    assert "Syria" in page.locator(".map-areas").inner_text()
    assert page.locator(".map .legend").is_visible()
    icon = page.evaluate("document.querySelector('link[rel=icon]').href")
    assert icon.endswith("/favicon.svg")
