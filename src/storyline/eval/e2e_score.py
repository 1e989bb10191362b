"""The end-to-end events score: a `storyline run` output folder against a gold folder.

Definitions are the gold set's GUIDE.md ("Scoring") and give the figures of its reference
``score.py``. Output articles are tied to gold articles by the file name in their ``input``. A
predicted event matches a gold event when one of its evidence sentences overlaps a gold quote in
the same article (half the quote's content words, or the sentence's span covering part of the
quote); gold events take predictions greedily, best overlap first, one each, and the other
overlapping predictions are double counts. Missing or broken files score zero, never raise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.eval.e2e_claims import score_claims, score_contradictions, score_stories
from storyline.eval.e2e_evidence import Evidence, Source, map_articles
from storyline.eval.e2e_fields import (
    FIELDS,
    RECORD_FIELDS,
    Fields,
    as_list,
    as_text,
    bag_overlap,
    judge_fields,
)

MIN_OVERLAP = 0.5  # share of a gold quote's words that must occur in a predicted sentence
LINE_KEYS = (
    "record_f1",
    "event_f1",
    "event_p",
    "event_r",
    "type_acc",
    "subtype_acc",
    "actor_acc",
    "target_acc",
    "location_acc",
    "date_acc",
    "fatalities_acc",
    "claim_r",
    "speaker_acc",
    "contra_p",
    "contra_r",
    "story_b3",
)
OUTPUT_FILES = ("articles", "events", "claims", "contradictions", "stories")

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    key: str  # "<story_id>/<article_id>"
    file: str  # the article's file name, which the run's ``input`` carries
    text: str


@dataclass(slots=True)
class GoldStory:
    id: str
    articles: dict[str, GoldArticle]
    events: list[Record]
    claims: list[Record]
    contradictions: list[Record]


@dataclass(slots=True)
class EventMatch:
    """One gold event and the prediction it took (None: missed)."""

    story: str
    gold: Record
    predicted: Record | None = None
    overlap: float = 0.0
    fields: Fields = field(default_factory=dict)
    sentence: str = ""  # the prediction's evidence sentence, or the first gold quote

    @property
    def record(self) -> bool:
        return self.predicted is not None and all(self.fields[f] for f in RECORD_FIELDS)


@dataclass(slots=True)
class FalsePositive:
    """A prediction no gold event took: a double count of ``gold``, or no gold event at all."""

    story: str | None
    predicted: Record
    sentence: str
    gold: Record | None = None
    overlap: float = 0.0


@dataclass(slots=True)
class RunScore:
    metrics: dict[str, float]
    events: list[EventMatch]
    false_positives: list[FalsePositive]
    per_story: dict[str, dict[str, float]]


def read_jsonl(path: Path) -> list[Record]:
    """The JSON objects of a .jsonl file; a missing file or a bad line gives nothing."""
    rows: list[Record] = []
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if isinstance(row, dict):
                    rows.append(row)
    except OSError:
        pass
    return rows


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def load_gold(gold_dir: Path, only: Collection[str] | None = None) -> dict[str, GoldStory]:
    """Gold stories by folder name (those in ``only`` when given); a folder without a readable
    gold.json is left out."""
    stories: dict[str, GoldStory] = {}
    for story_dir in sorted(p for p in (gold_dir / "stories").glob("*") if p.is_dir()):
        if only is not None and story_dir.name not in only:
            continue
        try:
            gold = json.loads((story_dir / "gold.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(gold, dict):
            continue
        sid = story_dir.name
        articles: dict[str, GoldArticle] = {}
        for art in as_list(gold.get("articles")):
            if isinstance(art, dict) and isinstance(art.get("article_id"), str | int):
                file = as_text(art.get("file")) or f"articles/{art['article_id']}.txt"
                key = f"{sid}/{art['article_id']}"
                articles[key] = GoldArticle(key, Path(file).name, _read_text(story_dir / file))
        for path in sorted((story_dir / "articles").glob("*.txt")):
            if not any(a.file == path.name for a in articles.values()):
                key = f"{sid}/{path.stem}"
                articles[key] = GoldArticle(key, path.name, _read_text(path))

        def records(name: str, gold: dict[str, Any] = gold) -> list[Record]:
            return [r for r in as_list(gold.get(name)) if isinstance(r, dict)]

        stories[sid] = GoldStory(
            sid, articles, records("events"), records("claims"), records("contradictions")
        )
    return stories


def _prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _shown_sentence(sources: list[Source], quotes: Sequence[tuple[str | None, str]] = ()) -> str:
    """The evidence sentence to show: the one holding most of a gold quote, else the first."""
    texts = [t for s in sources for t in s.texts]
    if not texts:
        return ""
    return max(texts, key=lambda t: max((bag_overlap(q, t) for _, q in quotes), default=0.0))


def _gold_quotes(sid: str, event: Record) -> list[tuple[str | None, str]]:
    return [
        (f"{sid}/{q.get('article_id')}", as_text(q.get("quote")))
        for q in as_list(event.get("evidence"))
        if isinstance(q, dict)
    ]


def score_events(
    gold: dict[str, GoldStory], events: list[Record], ev: Evidence
) -> tuple[list[EventMatch], list[FalsePositive], list[str | None]]:
    """Greedy one-to-one matching of predictions to gold events (best overlap first, then the
    prediction with more fields right); returns the matches, the false positives and the
    gold story each prediction is counted in."""
    gold_events = [(sid, g) for sid, story in gold.items() for g in story.events]
    preds = [p for p in events if ev.touches(p)]
    pred_sources = [ev.sources(p) for p in preds]
    candidates: list[tuple[float, int, int, int, float, Fields]] = []
    for gi, (sid, g) in enumerate(gold_events):
        quotes = _gold_quotes(sid, g)
        for pi, sources in enumerate(pred_sources):
            overlap = ev.overlap(quotes, sources)
            if overlap >= MIN_OVERLAP:
                fields = judge_fields(preds[pi], g)
                agree = sum(bool(fields[f]) for f in FIELDS)
                candidates.append((-round(overlap, 3), -agree, gi, pi, overlap, fields))
    candidates.sort(key=lambda c: c[:4])
    gold_taken: dict[int, tuple[int, float, Fields]] = {}
    pred_taken: dict[int, int] = {}
    best_gold: dict[int, tuple[int, float]] = {}
    for _, _, gi, pi, overlap, fields in candidates:
        best_gold.setdefault(pi, (gi, overlap))
        if gi not in gold_taken and pi not in pred_taken:
            gold_taken[gi] = (pi, overlap, fields)
            pred_taken[pi] = gi

    def story_of(pi: int) -> str | None:
        if pi in pred_taken:
            return gold_events[pred_taken[pi]][0]
        return pred_sources[pi][0].gold.split("/")[0] if pred_sources[pi] else None

    matches = []
    for gi, (sid, g) in enumerate(gold_events):
        quote = next((q for _, q in _gold_quotes(sid, g) if q), "")
        match = EventMatch(sid, g, sentence=quote)
        if gi in gold_taken:
            pi, overlap, fields = gold_taken[gi]
            match.predicted, match.overlap, match.fields = preds[pi], round(overlap, 3), fields
            match.sentence = _shown_sentence(pred_sources[pi], _gold_quotes(sid, g)) or quote
        matches.append(match)
    false_pos = []
    for pi, p in enumerate(preds):
        if pi in pred_taken:
            continue
        row = FalsePositive(story_of(pi), p, _shown_sentence(pred_sources[pi]))
        if pi in best_gold:
            gi, overlap = best_gold[pi]
            row.gold, row.overlap = gold_events[gi][1], round(overlap, 3)
            row.sentence = _shown_sentence(pred_sources[pi], _gold_quotes(*gold_events[gi]))
        false_pos.append(row)
    return matches, false_pos, [story_of(pi) for pi in range(len(preds))]


def score_run(out_dir: Path, gold_dir: Path, *, only: Collection[str] | None = None) -> RunScore:
    """All figures, per-story counts and match lists of one output folder against one gold
    folder (its stories in ``only`` when given)."""
    gold = load_gold(gold_dir, only)
    out = {name: read_jsonl(out_dir / f"{name}.jsonl") for name in OUTPUT_FILES}
    article_map = map_articles(
        out["articles"], {k: a.file for s in gold.values() for k, a in s.articles.items()}
    )
    ev = Evidence(out["articles"], article_map, MIN_OVERLAP)
    matches, false_pos, pred_story = score_events(gold, out["events"], ev)
    claims = score_claims([(s.id, c) for s in gold.values() for c in s.claims], out["claims"], ev)
    story_articles = {sid: {k: a.text for k, a in s.articles.items()} for sid, s in gold.items()}
    contra_gold, contra_pred = score_contradictions(
        [(s.id, x) for s in gold.values() for x in s.contradictions],
        story_articles,
        out["contradictions"],
        out["claims"],
        ev,
    )
    b3 = score_stories(
        {k: sid for sid, s in gold.items() for k in s.articles},
        out["stories"],
        out["articles"],
        article_map,
    )
    matched = [m for m in matches if m.predicted is not None]
    n_gold, n_pred = len(matches), len(pred_story)
    ep, er, ef = _prf(len(matched), n_pred, n_gold)
    rp, rr, rf = _prf(sum(m.record for m in matched), n_pred, n_gold)

    def acc(name: str) -> float:
        judged = [m.fields[name] for m in matched if m.fields[name] is not None]
        return sum(bool(j) for j in judged) / len(judged) if judged else 0.0

    found = [c for c in claims if c is not None]
    metrics: dict[str, float] = {
        "record_f1": rf,
        "event_f1": ef,
        "event_p": ep,
        "event_r": er,
        "type_acc": acc("type"),
        "subtype_acc": acc("subtype"),
        "actor_acc": acc("actor1"),
        "target_acc": acc("actor2"),
        "location_acc": acc("location"),
        "date_acc": acc("date"),
        "fatalities_acc": acc("fatalities"),
        "claim_r": len(found) / len(claims) if claims else 0.0,
        "speaker_acc": sum(found) / len(found) if found else 0.0,
        "contra_p": sum(contra_pred) / len(contra_pred) if contra_pred else 0.0,
        "contra_r": sum(contra_gold) / len(contra_gold) if contra_gold else 0.0,
        "story_b3": b3[2],
        "gold_events": n_gold,
        "pred_events": n_pred,
        "matched_events": len(matched),
        "record_hits": sum(m.record for m in matched),
        "record_p": rp,
        "record_r": rr,
        "double_counts": sum(f.gold is not None for f in false_pos),
        "gold_claims": len(claims),
        "found_claims": len(found),
        "gold_contradictions": len(contra_gold),
        "pred_contradictions": len(contra_pred),
        "gold_articles": sum(len(s.articles) for s in gold.values()),
        "articles_found": len(set(article_map.values())),
    }
    per_story = _per_story(gold, matches, false_pos, pred_story, set(article_map.values()))
    return RunScore(metrics, matches, false_pos, per_story)


def _per_story(
    gold: dict[str, GoldStory],
    matches: list[EventMatch],
    false_pos: list[FalsePositive],
    pred_story: list[str | None],
    found: set[str],
) -> dict[str, dict[str, float]]:
    """Per gold story: articles found, gold and predicted events, hits, P, R, records, doubles."""
    table: dict[str, dict[str, float]] = {}
    for sid, story in gold.items():
        rows = [m for m in matches if m.story == sid]
        hits = sum(m.predicted is not None for m in rows)
        n_pred = sum(s == sid for s in pred_story)
        table[sid] = {
            "articles": len(story.articles),
            "articles_found": sum(k.split("/")[0] == sid for k in found),
            "gold_events": len(rows),
            "pred_events": n_pred,
            "matched": hits,
            "event_p": hits / n_pred if n_pred else 0.0,
            "event_r": hits / len(rows) if rows else 0.0,
            "record_hits": sum(m.record for m in rows),
            "double_counts": sum(f.story == sid and f.gold is not None for f in false_pos),
        }
    return table


def summary_figures(metrics: dict[str, float]) -> dict[str, float]:
    """The figures of the summary line, in the reference scorer's order."""
    return {key: metrics[key] for key in LINE_KEYS} | {
        "gold_events": int(metrics["gold_events"]),
        "pred_events": int(metrics["pred_events"]),
    }


_LINE_FIGURE = re.compile(r"(\w+)=(-?\d+(?:\.\d+)?)")


def parse_summary_line(line: str) -> dict[str, float]:
    """The key=number pairs of an ``events-e2e: ...`` line (ours or the reference scorer's)."""
    return {key: float(value) for key, value in _LINE_FIGURE.findall(line)}
