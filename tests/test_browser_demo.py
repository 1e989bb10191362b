"""The demo corpus end to end in a real browser: what `make demo` produces must work.

The fixture-store browser tests pin exact behaviour; these check the same four things on the
output of a real run over examples/demo: markers on the map, a drawn timeline, a citation that
highlights its sentence, and event filters that change the table.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.pipeline import RunOptions, run_pipeline
from storyline.store import open_store
from test_browser import _free_port, browser, page  # noqa: F401  (shared fixtures)

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    run_pipeline(
        RunOptions(inputs=[DEMO], out=folder / "out", db=str(folder / "demo.db"), quiet=True)
    )
    return folder


def test_demo_report_has_markers_timeline_and_working_citations(page: Any, demo_run: Path) -> None:  # noqa: F811
    page.goto((demo_run / "out" / "report.html").as_uri())
    page.wait_for_selector(".event-marker")
    assert page.locator(".event-marker").count() >= 3
    chart = page.locator("[data-timeline]").first
    chart.scroll_into_view_if_needed()  # charts are drawn when they come into view
    page.wait_for_selector(".tl-event")
    citation = page.locator(".summary button.cite").first
    citation.scroll_into_view_if_needed()
    citation.click()
    mark = page.locator("mark.cited").first
    mark.wait_for()
    assert mark.is_visible() and len(mark.inner_text()) > 20


@pytest.fixture
def demo_server(demo_run: Path) -> Iterator[str]:
    import uvicorn

    from storyline.web import create_app

    store = open_store(str(demo_run / "demo.db"), create=False)
    assert store is not None
    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)
    store.close()


def test_demo_web_filters_change_the_event_table(page: Any, demo_server: str) -> None:  # noqa: F811
    page.goto(f"{demo_server}/events")
    rows = page.locator("table.events tbody tr")
    everything = rows.count()
    assert everything > 1
    page.select_option("select[name=type]", "Explosions/Remote violence")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**type=Explosions*")
    filtered = rows.count()
    assert 0 < filtered < everything or filtered == 50  # a page of 50 holds the first filtered
    assert all("Explosions/Remote violence" in rows.nth(i).inner_text() for i in range(filtered))
