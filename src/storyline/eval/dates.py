"""Temporal tagging scored on TempEval-3 (TIMEX3 in TimeML files).

Split: dev is TBAQ-cleaned (AQUAINT + TimeBank, the task's training data), test the platinum
set. Each dev part also gets its own row.

Each gold document gives its creation time (DCT), which we pass as the anchor, and the text of
its TEXT element, which we tag after stripping the gold markup. Scores follow TempEval-3 Task A:

- strict span: a system timex matches a gold one when both offsets are equal;
- relaxed span: any character overlap (one-to-one, greedy in text order);
- value F1: F1 where a system timex counts as correct only if it relaxed-matches a gold timex
  AND has the same value; this equals relaxed F1 times value accuracy on matched pairs, as in
  the official scorer;
- type accuracy: share of relaxed-matched pairs with the same TIMEX3 type.

A range we emit as one timex ("from Monday to Wednesday") is scored as its endpoint timexes,
because TimeML annotates the endpoints separately.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from storyline.eval.report import EvalReport, MissingData
from storyline.eval.split import check_split
from storyline.nlp.model import load_nlp
from storyline.time import Timex, tag_times

PLATINUM = Path("tempeval3") / "Evaluation" / "te3-platinum"
TBAQ = Path("tempeval3") / "Training" / "TBAQ-cleaned"
FOLDERS = {"test": (PLATINUM,), "dev": (TBAQ / "AQUAINT", TBAQ / "TimeBank")}

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    dct: str
    text: str
    timexes: list[GoldTimex]


def parse_timeml(path: Path) -> GoldDocument:
    """Plain TEXT content with TIMEX3 offsets into it, and the document creation time."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body_match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if dct_match is None or body_match is None:
        raise ValueError(f"{path}: no DCT or TEXT element")
    body = body_match.group(1)
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) == "":
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(pieces)[start:length]
            timexes.append(
                GoldTimex(start, length, text, attrs.get("type", ""), attrs.get("value", ""))
            )
            open_timex = None
    pieces.append(html.unescape(body[position:]))
    return GoldDocument(path.stem, dct_match.group(1), "".join(pieces), timexes)


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, other: Counts) -> None:
        for name in ("gold", "system", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _flatten(timexes: list[Timex]) -> list[Timex]:
    flat: list[Timex] = []
    for timex in timexes:
        flat.extend(timex.parts or (timex,))
    return flat


def score_document(gold: list[GoldTimex], system: list[Timex]) -> Counts:
    counts = Counts(gold=len(gold), system=len(system))
    used: set[int] = set()
    for predicted in system:
        for index, expected in enumerate(gold):
            if index in used or predicted.end <= expected.start or expected.end <= predicted.start:
                continue
            used.add(index)
            counts.relaxed += 1
            counts.strict += predicted.start == expected.start and predicted.end == expected.end
            counts.value += (predicted.value or "") == expected.value
            counts.type += predicted.type == expected.type
            break
    return counts


def _f1(correct: int, system: int, gold: int) -> float:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluate_folder(
    folder: Path, *, limit: int | None = None, parse: bool = True
) -> tuple[Counts, list[list]]:
    """Score every TimeML file in ``folder``; ``parse`` gives the tagger spaCy parses for tense."""
    nlp = load_nlp(disable=("ner",)) if parse else None
    files = sorted(folder.glob("*.tml"))[:limit] if limit else sorted(folder.glob("*.tml"))
    total = Counts()
    rows: list[list] = []
    for path in files:
        document = parse_timeml(path)
        doc = nlp(document.text) if nlp is not None else None
        system = _flatten(tag_times(document.text, document.dct[:10], doc=doc))
        counts = score_document(document.timexes, system)
        total.add(counts)
        rows.append(
            [document.name, counts.gold, counts.system, counts.strict, counts.relaxed,
             counts.value]
        )  # fmt: skip
    return total, rows


def evaluate(data_dir: Path, *, limit: int | None = None, split: str = "test") -> EvalReport:
    check_split(split, task="dates")
    total = Counts()
    rows: list[list] = []
    for relative in FOLDERS[split]:
        folder = data_dir / relative
        if not folder.is_dir():
            raise MissingData(folder, "TempEval-3 TimeML files")
        part, part_rows = evaluate_folder(folder, limit=limit)
        total.add(part)
        rows += part_rows
        if len(FOLDERS[split]) > 1:
            rows.append([f"{folder.name} total", part.gold, part.system, part.strict,
                         part.relaxed, part.value])  # fmt: skip
    strict_f1 = _f1(total.strict, total.system, total.gold)
    relaxed_f1 = _f1(total.relaxed, total.system, total.gold)
    value_f1 = _f1(total.value, total.system, total.gold)
    type_accuracy = total.type / total.relaxed if total.relaxed else 0.0
    rows.append(["TOTAL", total.gold, total.system, total.strict, total.relaxed, total.value])
    notes = [
        f"strict P={total.strict / max(total.system, 1):.3f}"
        f" R={total.strict / max(total.gold, 1):.3f}"
        f"  relaxed P={total.relaxed / max(total.system, 1):.3f}"
        f" R={total.relaxed / max(total.gold, 1):.3f}  type accuracy={type_accuracy:.3f}",
        "value F1 = F1 of (relaxed span match AND equal value), TempEval-3 Task A; "
        "HeidelTime published value F1 0.776 (platinum).",
        f"split={split}: " + ", ".join(str(folder) for folder in FOLDERS[split]),
    ]
    return EvalReport(
        task="dates",
        columns=["document", "gold", "system", "strict", "relaxed", "value"],
        rows=rows,
        summary={
            "value_f1": value_f1,
            "strict_f1": strict_f1,
            "relaxed_f1": relaxed_f1,
            "timexes": total.gold,
        },
        notes=notes,
        split=split,
    )
