"""A page read as lines: which are chrome, which are body, where the bylines sit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.clean.metadata._common import _KEEP_REASONS, _is_prose, _normal
from storyline.clean.metadata.authors import _looks_like_byline
from storyline.model import Line

# ---------------------------------------------------------------------------------------------
# Reading a page


@dataclass(slots=True)
class _Page:
    lines: list[Line]
    labelled: bool
    counts: Counter[str]
    body_start: int
    body_end: int
    title_line: int | None = None  # index of the headline once the title reader found it

    def is_chrome(self, index: int) -> bool:
        reason = self.lines[index].reason
        return self.labelled and reason not in _KEEP_REASONS

    def is_body(self, index: int) -> bool:
        line = self.lines[index]
        if self.labelled:
            return line.keep and line.reason == "body"
        return self.body_start <= index < self.body_end and _is_prose(line.text)


def _read_page(lines: Sequence[Line]) -> _Page:
    cleaned = [line for line in lines if line.text and line.text.strip()]
    labelled = any(line.reason != "body" or not line.keep for line in cleaned)
    counts = Counter(_normal(line.text) for line in cleaned)
    body = [
        i
        for i, line in enumerate(cleaned)
        if (line.keep and line.reason == "body" if labelled else True) and _is_prose(line.text)
    ]
    if not body and labelled:
        body = [i for i, line in enumerate(cleaned) if line.keep and line.reason == "body"]
    start = body[0] if body else len(cleaned)
    end = body[-1] + 1 if body else len(cleaned)
    return _Page(list(cleaned), labelled, counts, start, end)


# ---- bylines


def _find_bylines(page: _Page) -> list[int]:
    """Indexes of byline lines: labelled ones, or 'By ...' lines near the top of the article."""
    found = []
    for i, line in enumerate(page.lines):
        if (page.labelled and line.reason == "byline") or (
            not page.is_chrome(i)
            and i <= page.body_start + 2
            and _looks_like_byline(line.text, labelled=False)
        ):
            found.append(i)
    return found


# ---- publisher
