"""Browser libraries the report inlines and the web app serves, found on disk, never fetched.

They come from npm (``package.json``, pinned by ``package-lock.json``). ``make setup`` runs
``npm ci``; this module then reads them from ``node_modules`` (next to the checkout or the
working directory), or from a folder named by ``STORYLINE_ASSETS`` holding the same layout, or
from ``storyline/report/vendor/`` when a packager copied them there. Missing libraries make
the map say so instead of failing the report.
"""

from __future__ import annotations

import base64
import hashlib
import os
from functools import cache
from importlib import resources
from pathlib import Path

# name the pages use -> path inside node_modules
VENDOR_FILES: dict[str, str] = {
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "topojson-client.js": "topojson-client/dist/topojson-client.min.js",
    "world.json": "world-atlas/countries-110m.json",
}

# our own files, shipped inside the package
OWN_FILES = ("viz.js", "report.js", "app.js", "style.css")


def _node_modules_roots() -> list[Path]:
    roots: list[Path] = []
    configured = os.environ.get("STORYLINE_ASSETS")
    if configured:
        roots.append(Path(configured))
    roots.append(Path(str(resources.files("storyline.report"))) / "vendor")
    here = Path(__file__).resolve()
    roots.extend(parent / "node_modules" for parent in here.parents)
    roots.append(Path.cwd() / "node_modules")
    return roots


@cache
def vendor_asset(name: str) -> str | None:
    """Text of one bundled browser library, or None when it is not installed."""
    relative = VENDOR_FILES[name]
    for root in _node_modules_roots():
        candidate = root / relative
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return None


@cache
def own_asset(name: str) -> str:
    if name not in OWN_FILES:
        raise KeyError(name)
    return (resources.files("storyline.report") / "static" / name).read_text(encoding="utf-8")


def asset(name: str) -> str | None:
    """Any asset by its public name: one of ours or a vendor library."""
    if name in OWN_FILES:
        return own_asset(name)
    if name in VENDOR_FILES:
        return vendor_asset(name)
    return None


def csp_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
