"""Render HTML to the lines a reader would see.

Plain-text scrapes are what most users hold, and they look like a page's visible text with one
block per line. Rendering HTML the same way lets the plain-text chrome classifier be developed
and scored on HTML benchmarks, and lets the HTML path report the chrome it removed as lines.
"""

from __future__ import annotations

import re

from lxml import etree, html

INVISIBLE_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "svg",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "button",
    }
)
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "label",
        "legend",
        "menu",
    }
)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def parse_html(markup: str | bytes) -> etree._Element | None:
    """Parse leniently; ``None`` when there is nothing that looks like a document."""
    if isinstance(markup, bytes):
        markup = markup.decode("utf-8", errors="replace")
    if isinstance(markup, str):
        markup = markup.strip()
        # lxml refuses str input that carries an XML encoding declaration.
        markup = re.sub(r"^<\?xml[^>]*>", "", markup)
    if not markup:
        return None
    try:
        return html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


def visible_lines(markup: str | bytes | etree._Element) -> list[str]:
    """Visible text of a page, one line per block, whitespace folded, empty lines dropped."""
    root = markup if isinstance(markup, etree._Element) else parse_html(markup)
    if root is None:
        return []
    chunks: list[str] = []
    _walk(root, chunks)
    text = "".join(chunks)
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def _walk(node: etree._Element, out: list[str]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    tag = tag.lower()
    if tag in INVISIBLE_TAGS or not isinstance(node.tag, str):
        # Comments and processing instructions carry no visible text, but their tails do.
        if node.tail:
            out.append(node.tail.replace("\n", " "))
        return
    if _hidden(node):
        if node.tail:
            out.append(node.tail.replace("\n", " "))
        return
    is_block = tag in BLOCK_TAGS
    if is_block:
        out.append("\n")
    if tag == "pre":
        out.append(node.text_content())
    else:
        if node.text:
            out.append(node.text.replace("\n", " "))
        for child in node:
            _walk(child, out)
        if tag in {"td", "th"}:
            out.append(" ")
    if is_block:
        out.append("\n")
    if node.tail:
        out.append(node.tail.replace("\n", " "))


def _hidden(node: etree._Element) -> bool:
    if node.get("hidden") is not None or node.get("aria-hidden") == "true":
        return True
    style = (node.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style
