"""Putting article-derived data into HTML without giving it a way to run.

Text goes through Jinja autoescaping. JSON inside ``<script type="application/json">`` is not
HTML-escaped by the browser, so ``</script>`` or ``<!--`` in an article would end or confuse the
block: every ``<``, ``>`` and ``&`` is written as a ``\\u`` escape instead, which JSON.parse
reads back unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

_SCRIPT_UNSAFE = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}

SAFE_URL_SCHEMES = ("http://", "https://")


def json_for_script(value: Any) -> Markup:
    """JSON that is safe between ``<script type="application/json">`` tags."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return Markup(text.translate(_SCRIPT_UNSAFE))


def safe_href(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None: ``javascript:`` and friends never link."""
    if not url:
        return None
    stripped = url.strip()
    if stripped.lower().startswith(SAFE_URL_SCHEMES) and not any(
        ch in stripped for ch in "\x00\r\n\t"
    ):
        return stripped
    return None


def utf16_offset(text: str, index: int) -> int:
    """A Python string index as the UTF-16 index JavaScript uses (they differ past U+FFFF)."""
    prefix = text[:index]
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)
