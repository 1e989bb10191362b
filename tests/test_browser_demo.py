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
    page.select_option("select[name=event_type]", "Explosions/Remote violence")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**type=Explosions*")
    filtered = rows.count()
    assert 0 < filtered < everything or filtered == 50  # a page of 50 holds the first filtered
    assert all("Explosions/Remote violence" in rows.nth(i).inner_text() for i in range(filtered))


def test_demo_report_map_draws_towns_only_with_a_legend_and_labelled_timeline(
    page: Any,  # noqa: F811
    demo_run: Path,
) -> None:
    """What a practised user checks first: no dot for a country, colours explained, bars named."""
    page.goto((demo_run / "out" / "report.html").as_uri())
    overview = page.locator("[data-map='*']")
    overview.scroll_into_view_if_needed()
    page.wait_for_selector("[data-map='*'] .event-marker")
    data = page.evaluate("JSON.parse(document.getElementById('storyline-data').textContent)")
    names = {point["name"] for point in data["points"]}
    assert names and not names & {"Syria", "Russia", "Iran", "Ukraine", "Iraq", "Burkina Faso"}
    assert page.locator("[data-map='*'] .event-marker").count() == len(data["points"])
    legend = page.locator("[data-map='*'] .legend")
    assert legend.is_visible() and "Explosions/Remote violence" in legend.inner_text()
    assert page.locator(".map-areas").first.is_visible()  # the areas are named beside the map
    chart = page.locator("[data-timeline]").first
    chart.scroll_into_view_if_needed()
    page.wait_for_selector(".tl-label")
    labels = chart.locator(".tl-label")
    assert labels.count() == chart.locator(".tl-event").count() > 0
    assert all(labels.nth(i).is_visible() for i in range(labels.count()))
    assert all(labels.nth(i).text_content().strip() for i in range(labels.count()))
    shape = page.evaluate(
        """() => {
          const ring = [[170, 60], [179, 62], [-179, 64], [-170, 66], [170, 60]];
          const fc = {features: [{geometry: {type: "Polygon", coordinates: [ring]}}]};
          const out = window.StorylineViz.splitAntimeridian(fc).features[0].geometry;
          let jumps = 0;
          out.coordinates.forEach(p => p.forEach(r => r.forEach((c, i) => {
            if (i && Math.abs(c[0] - r[i - 1][0]) > 180) { jumps += 1; }
          })));
          return {jumps: jumps, copies: out.coordinates.length};
        }"""
    )
    assert shape == {"jumps": 0, "copies": 2}  # continuous, and drawn again west of -180
    _report_shot(page, demo_run)


def _report_shot(page: Any, demo_run: Path) -> None:  # noqa: F811
    """The README's picture: header, stories, the map with its legend, the first timeline."""
    import os

    from test_browser import SCREENSHOTS

    page.locator("[data-map]").nth(1).scroll_into_view_if_needed()
    page.wait_for_selector("section.story [data-map] .event-marker")
    page.evaluate("window.scrollTo(0, 0)")
    bottom = page.evaluate(
        "document.querySelector('section.story .charts').getBoundingClientRect().bottom"
        " + window.scrollY + 12"
    )
    wanted = os.environ.get("STORYLINE_SCREENSHOTS") == "1"
    path = (SCREENSHOTS if wanted else demo_run) / "demo-report.png"
    page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": 1200, "height": bottom}
    )
    # Small enough to keep in the repository; the exact size follows what the demo shows.
    assert 10_000 < path.stat().st_size < 1_500_000
