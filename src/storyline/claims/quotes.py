"""Quotation spans in raw text, found before parsing because the parser cuts quotes apart.

A quote that runs over several sentences is one span here, so a closing "he said" can claim
the whole of it. Quotes are paired within a paragraph: news copy re-opens a quote at every
paragraph of a long speech, and pairing across paragraphs would swallow the prose in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"[^\n]+")
_OPEN_CURLY = "\u201c"
_CLOSE_CURLY = "\u201d"
MAX_QUOTE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def find_quotes(text: str) -> list[Quote]:
    """Curly and straight double-quoted spans, each paired within its paragraph."""
    quotes: list[Quote] = []
    for paragraph in _PARAGRAPH.finditer(text):
        base = paragraph.start()
        body = paragraph.group()
        quotes.extend(_curly_quotes(body, base))
        quotes.extend(_straight_quotes(body, base))
    quotes.sort(key=lambda quote: quote.start)
    return [quote for quote in quotes if quote.end - quote.start <= MAX_QUOTE_CHARS]


def _curly_quotes(body: str, base: int) -> list[Quote]:
    found: list[Quote] = []
    opened: int | None = None
    for index, char in enumerate(body):
        if char == _OPEN_CURLY:
            opened = index  # a second opener without a closer restarts the quote
        elif char == _CLOSE_CURLY and opened is not None:
            found.append(Quote(base + opened, base + index + 1))
            opened = None
    return found


def _straight_quotes(body: str, base: int) -> list[Quote]:
    marks = [index for index, char in enumerate(body) if char == '"']
    return [Quote(base + marks[i], base + marks[i + 1] + 1) for i in range(0, len(marks) - 1, 2)]


def quote_containing(quotes: list[Quote], offset: int) -> Quote | None:
    for quote in quotes:
        if quote.start < offset < quote.end - 1:
            return quote
        if quote.start > offset:
            break
    return None
