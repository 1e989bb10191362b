"""Score the plain-text chrome classifier on the trafilatura evaluation corpus.

The corpus labels text segments, not lines, so the labelled dev set is built here at eval
time: each page is rendered to visible lines (the shape of a plain-text scrape), a line is
"keep" when it contains a gold "with" segment (or is a long enough piece of one), "drop" when
it contains a "without" segment, and unlabelled otherwise. Lines matching both are ambiguous
and left unlabelled. Only labelled lines are scored.

The classifier's rules were tuned, and its logistic body scorer fitted (``fit_body_scorer``),
on one half of the pages only (chosen by a hash of the URL); the headline figures are those of
the other, held-out half.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.clean.render import visible_lines
from storyline.clean.text import classify_lines
from storyline.eval.report import EvalReport, MissingData

DATASET = "trafilatura-eval"
# A line this short could be a piece of almost any segment; it only counts if it holds one.
MIN_PIECE_CHARS = 20
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "’": "'",
        "‘": "'",
        "–": "-",
        "—": "-",
        "\u00ad": None,
    }
)


def normalise(text: str) -> str:
    """Fold case, Unicode forms, quotes, dashes and whitespace so segments match rendered lines."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass(slots=True)
class LabelledPage:
    url: str
    lines: list[str]
    labels: list[bool | None]  # True keep, False drop, None unlabelled
    held_out: bool
    language: str = "unknown"
    segments_unmatched: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def is_held_out(url: str) -> bool:
    """Deterministic half of the pages, by URL hash, never looked at while tuning."""
    return hashlib.sha256(url.encode("utf-8")).digest()[0] % 2 == 1


def label_lines(
    lines: list[str], with_segments: list[str], without_segments: list[str]
) -> list[bool | None]:
    keep_segments = [s for s in (normalise(x) for x in with_segments) if s]
    drop_segments = [s for s in (normalise(x) for x in without_segments) if s]
    labels: list[bool | None] = []
    for line in lines:
        norm = normalise(line)
        keep = any(seg in norm for seg in keep_segments) or (
            len(norm) >= MIN_PIECE_CHARS and any(norm in seg for seg in keep_segments)
        )
        drop = any(seg in norm for seg in drop_segments)
        labels.append(None if keep == drop else keep)
    return labels


def _find_html(root: Path, name: str) -> Path | None:
    for folder in ("eval", "cache"):
        for candidate in (root / folder / f"{name}.gz", root / folder / name):
            if candidate.exists():
                return candidate
    return None


def _language(lines: list[str]) -> str:
    import py3langid

    sample = " ".join(line for line in lines if len(line) > 60)[:5000] or " ".join(lines)[:5000]
    return py3langid.classify(sample)[0] if sample.strip() else "unknown"


def iter_pages(data_dir: Path, limit: int | None = None) -> Iterator[LabelledPage]:
    """Labelled pages of the corpus, in file order."""
    root = data_dir / DATASET if (data_dir / DATASET).exists() else data_dir
    index = root / "evaldata.json"
    if not index.exists():
        raise MissingData(index, "expected the trafilatura evaldata.json and its eval/ folder")
    entries = json.loads(index.read_text(encoding="utf-8"))
    produced = 0
    for url, entry in entries.items():
        if limit is not None and produced >= limit:
            return
        path = _find_html(root, entry["file"])
        if path is None:
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        lines = visible_lines(raw)
        if not lines:
            continue
        labels = label_lines(lines, entry.get("with", []), entry.get("without", []))
        produced += 1
        yield LabelledPage(url, lines, labels, is_held_out(url), _language(lines))


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    docs: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        if predicted and gold:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def lines(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(data_dir: Path, *, limit: int | None = None) -> EvalReport:
    tallies = {
        name: Tally()
        for name in (
            "held-out",
            "tuning",
            "all",
            "held-out en",
            "held-out non-en",
            "all en",
            "all non-en",
        )
    }
    for page in iter_pages(data_dir, limit):
        verdicts = classify_lines(page.lines)
        half = "held-out" if page.held_out else "tuning"
        lang = "en" if page.language == "en" else "non-en"
        groups = [half, "all", f"all {lang}"] + ([f"held-out {lang}"] if page.held_out else [])
        for name in groups:
            tallies[name].docs += 1
        for verdict, gold in zip(verdicts, page.labels, strict=True):
            if gold is None:
                continue
            for name in groups:
                tallies[name].add(verdict.keep, gold)
    rows = [[name, t.docs, t.lines, t.precision, t.recall, t.f1] for name, t in tallies.items()]
    head = tallies["held-out"]
    summary = {
        "f1": head.f1,
        "precision": head.precision,
        "recall": head.recall,
        "lines": head.lines,
        "docs": head.docs,
        "en_f1": tallies["held-out en"].f1,
        "all_f1": tallies["all"].f1,
    }
    notes = [
        "Headline figures are the held-out half of the pages (URL hash); the classifier's rules "
        "were tuned and its scorer weights fitted on the other (tuning) half only.",
        "Lines: visible_lines() of each page; keep = holds a 'with' segment, drop = holds a "
        "'without' segment; unlabelled and ambiguous lines are not scored.",
    ]
    return EvalReport(
        "chrome", ["pages", "docs", "lines", "precision", "recall", "f1"], rows, summary, notes
    )


def fit_body_scorer(data_dir: Path, out: Path | None = None) -> dict[str, object]:
    """Refit the logistic body scorer on the tuning half and write its weights (no text).

    Run after changing ``FEATURE_NAMES`` or the rules that feed them:
    ``python -c "from pathlib import Path; from storyline.eval.chrome import fit_body_scorer;
    fit_body_scorer(Path('../shared/data'))"``.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from storyline.clean import text as chrome

    rows: list[list[float]] = []
    gold: list[int] = []
    for page in iter_pages(data_dir):
        if page.held_out:
            continue
        for i, line in enumerate(page_context(page.lines)):
            if page.labels[i] is not None and line is not None:
                rows.append(line)
                gold.append(int(bool(page.labels[i])))
    model = LogisticRegression(max_iter=2000).fit(np.array(rows), np.array(gold))
    weights = {
        "body_scorer": {
            "about": "Logistic body scorer over storyline.clean.text.FEATURE_NAMES, fitted by "
            "storyline.eval.chrome.fit_body_scorer on the tuning half (URL hash) of the "
            "trafilatura eval pages rendered to lines. Weights only, no benchmark text.",
            "features": list(chrome.FEATURE_NAMES),
            "weights": [round(float(w), 4) for w in model.coef_[0]],
            "bias": round(float(model.intercept_[0]), 4),
            "threshold": 0.5,
        }
    }
    target = out or Path(chrome.__file__).with_name("chrome_patterns.json")
    target.write_text(json.dumps(weights, indent=2) + "\n", encoding="utf-8")
    return weights


def page_context(lines: list[str]) -> list[list[float] | None]:
    """Scorer inputs for each line of a page; ``None`` where a cue or rule already decided."""
    from storyline.clean import text as chrome

    page = chrome.analyse_page(lines)
    return [
        None
        if page.reasons[i] is not None
        else chrome.context_features(i, page.feats, page.prose, page.region, page.reasons)
        for i in range(len(lines))
    ]
