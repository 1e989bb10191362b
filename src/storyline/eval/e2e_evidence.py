"""Where output records' evidence lies in the gold articles, and how much of a gold quote it holds.

An output record cites ``sources`` (``article_id``, ``sentence``, ``start``, ``end``). A source
overlaps a gold quote of the same article when half the quote's content words occur in its
sentence, or when its span (offsets that do hold the sentence) covers part of the quote, found in
the output text by a whitespace-normalised search. Where both spans are known and are disjoint
they never overlap: the shared words then belong to some other sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storyline.eval.e2e_fields import as_list, bag_overlap, words

_QUOTE_CHARS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00a0": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
_SEPARATORS = re.compile(r"[\\/]")
_LINE_NUMBER = re.compile(r":\d+$")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Source:
    gold: str  # the gold article key
    out: str  # the output article id
    texts: tuple[str, ...]  # the sentence, the text slice start:end, any extra text
    span: Span | None  # start:end where those offsets do hold the sentence


def squash(text: str) -> tuple[str, list[int]]:
    """Text with quote marks folded and whitespace runs collapsed, and a map back to text."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text.translate(_QUOTE_CHARS)):
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                index.append(i)
            in_space = True
        else:
            out.append(ch)
            index.append(i)
            in_space = False
    return "".join(out), index


def locate(quote: str, text: str, squashed: tuple[str, list[int]] | None = None) -> list[Span]:
    """Spans of every occurrence of quote in text: exact, else whitespace-normalised with quote
    marks and dashes folded (``squashed`` is ``squash(text)`` when the caller keeps it)."""
    if not quote or not text:
        return []
    spans: list[Span] = []
    at = text.find(quote)
    while at >= 0:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    if spans:
        return spans
    flat, index = squashed or squash(text)
    needle = " ".join(quote.translate(_QUOTE_CHARS).split())
    at = flat.find(needle) if needle else -1
    while at >= 0:
        spans.append((index[at], index[at + len(needle) - 1] + 1))
        at = flat.find(needle, at + 1)
    return spans


def map_articles(out_articles: list[dict[str, Any]], gold_files: dict[str, str]) -> dict[str, str]:
    """Output article id -> gold article key, by the file name (or its stem, for a JSON Lines
    input written per article) in the article's ``input``; among several gold articles of that
    name, the one whose story folder the input path names."""
    by_file: dict[str, list[str]] = {}
    for key, file in gold_files.items():
        by_file.setdefault(file, []).append(key)
        stem = _SEPARATORS.split(file)[-1].rsplit(".", 1)[0]
        by_file.setdefault(stem, []).append(key)
    mapping: dict[str, str] = {}
    for art in out_articles:
        source = str(art.get("input") or "")
        parts = _SEPARATORS.split(source.split("#")[0] if "#" in source else source)
        last = _LINE_NUMBER.sub("", parts[-1])  # "a1.jsonl:1" -> "a1.jsonl"
        candidates = (
            by_file.get(parts[-1])
            or by_file.get(_SEPARATORS.split(source)[-1])
            or by_file.get(last.split(".", 1)[0])
            or []
        )
        if not candidates or not art.get("id"):
            continue
        mapping[str(art["id"])] = next(
            (k for k in candidates if k.split("/")[0] in parts), candidates[0]
        )
    return mapping


class Evidence:
    """Evidence texts and spans of output records, resolved against the gold articles."""

    def __init__(
        self, out_articles: list[dict[str, Any]], article_map: dict[str, str], min_overlap: float
    ) -> None:
        self.map = article_map
        self.min_overlap = min_overlap
        self.text = {
            str(a.get("id")): a["text"] if isinstance(a.get("text"), str) else ""
            for a in out_articles
        }
        self._squashed: dict[str, tuple[str, list[int]]] = {}
        self._spans: dict[tuple[str, str], list[Span]] = {}

    def touches(self, record: dict[str, Any]) -> bool:
        """The record cites at least one gold article."""
        return any(
            isinstance(s, dict) and str(s.get("article_id")) in self.map
            for s in as_list(record.get("sources"))
        )

    def sources(self, record: dict[str, Any], extra_text: str = "") -> list[Source]:
        """The record's sources that lie in gold articles."""
        out = []
        for src in as_list(record.get("sources")):
            if not isinstance(src, dict):
                continue
            oid = str(src.get("article_id"))
            if oid not in self.map:
                continue
            sentence = src.get("sentence") if isinstance(src.get("sentence"), str) else ""
            texts = [t for t in (sentence, extra_text) if t]
            start, end, text = src.get("start"), src.get("end"), self.text.get(oid, "")
            span = None
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                piece = text[start:end]
                if not words(sentence) or bag_overlap(sentence, piece) >= 0.9:
                    span = (start, end)  # the offsets do hold the sentence
                    texts.append(piece)
            out.append(Source(self.map[oid], oid, tuple(texts), span))
        return out

    def quote_spans(self, quote: str, out_id: str) -> list[Span]:
        """Where a gold quote lies in an output article's cleaned text."""
        key = (quote, out_id)
        if key not in self._spans:
            text = self.text.get(out_id, "")
            if text and out_id not in self._squashed:
                self._squashed[out_id] = squash(text)
            self._spans[key] = locate(quote, text, self._squashed.get(out_id))
        return self._spans[key]

    def overlap(self, quotes: list[tuple[str | None, str]], sources: list[Source]) -> float:
        """Best match of a (gold article key, or None for any article; quote) with a source in
        the same article: the share of the quote's words in the source's texts, or of its
        characters that the source's span covers."""
        best = 0.0
        for gkey, quote in quotes:
            for src in sources:
                if gkey is not None and src.gold != gkey:
                    continue
                spans = self.quote_spans(quote, src.out) if src.span else []
                bow = max([bag_overlap(quote, t) for t in src.texts] or [0.0])
                if not spans or src.span is None:
                    best = max(best, bow)
                    continue
                text, (s_lo, s_hi) = self.text[src.out], src.span
                for q_lo, q_hi in spans:
                    lo, hi = max(q_lo, s_lo), min(q_hi, s_hi)
                    if hi > lo and any(c.isalnum() for c in text[lo:hi]):
                        best = max(best, bow, self.min_overlap, (hi - lo) / (q_hi - q_lo))
        return best
