"""The self-contained HTML report: one file that opens in any browser with no network.

Everything derived from an article goes through Jinja's autoescaping, and the data the charts
draw sits in ``<script type="application/json">`` blocks escaped by ``json_for_script``. The
browser libraries are inlined, and the Content-Security-Policy allows exactly those scripts by
hash: no 'unsafe-inline' for scripts, no network, no plug-ins, no forms.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from storyline import __version__
from storyline.report.assets import csp_hash, own_asset, vendor_asset
from storyline.report.safe import json_for_script, safe_href
from storyline.report.view import (
    ReportModel,
    build_report_model,
    date_label,
    syndication_groups,
)
from storyline.report.wording import day_label, sentence, short_title
from storyline.store import Store


def make_environment(*extra_loaders: Any) -> Environment:
    """The Jinja environment both front ends render with (autoescape on for everything)."""
    from jinja2 import ChoiceLoader

    environment = Environment(
        loader=ChoiceLoader([*extra_loaders, PackageLoader("storyline.report", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["storydate"] = date_label
    environment.filters["daylabel"] = day_label
    environment.filters["sentence"] = sentence
    environment.filters["shorttitle"] = short_title
    environment.filters["safe_href"] = safe_href
    return environment


_environment = make_environment()


def report_scripts() -> list[str]:
    """Inline scripts in load order; libraries that are not installed are left out."""
    scripts = [vendor_asset("leaflet.js"), vendor_asset("topojson-client.js")]
    scripts += [own_asset("viz.js"), own_asset("report.js")]
    return [script for script in scripts if script]


def report_csp(scripts: list[str]) -> str:
    hashes = " ".join(csp_hash(script) for script in scripts)
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'; object-src 'none'"
    )


def render_model(model: ReportModel) -> str:
    scripts = report_scripts()
    css = "\n".join(part for part in (vendor_asset("leaflet.css"), own_asset("style.css")) if part)
    world_text = vendor_asset("world.json")
    data = {
        "stories": {view.id: view.chart_data() for view in model.stories},
        "points": model.points,
    }
    template = _environment.get_template("report.html")
    return template.render(
        model=model,
        unassigned_groups=syndication_groups(model.unassigned),
        data_json=json_for_script(data),
        world_json=json_for_script(json.loads(world_text)) if world_text else Markup("null"),
        scripts=[Markup(_guard_script(script)) for script in scripts],
        css=Markup(css.replace("</", "<\\/")),
        csp=report_csp([_guard_script(script) for script in scripts]),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
    )


def _guard_script(script: str) -> str:
    """Bundled code never contains ``</script``, but make sure it cannot end its own block."""
    return script.replace("</script", "<\\/script")


def render_report(store: Store) -> str:
    return render_model(build_report_model(store))


def write_report(store: Store, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    html = render_report(store)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(html, encoding="utf-8")
    os.replace(temporary, path)
    return path
