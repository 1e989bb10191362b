"""Attributed-claim extraction scored on PolNeAR (source / cue / content spans).

Split: PolNeAR's own dev and test folders.

PolNeAR annotates attribution relations in BRAT standoff: a Source, a Cue and a Content span per
relation, some discontinuous ("752 760;769 800"). Some articles are annotated twice; we score
each article once, against its first annotation file in name order, so the article count equals
the number of distinct texts.

Span matching, per role, one-to-one and greedy in text order:

- strict: equal offsets after trimming whitespace, quote marks and edge punctuation on both sides
  (annotators include a closing comma inside a quote one time and leave it out the next);
- overlap (the headline figure): the two spans share at least half of the shorter one's
  characters;
- any: at least one shared character.

A discontinuous span is its fragments; its length is the sum of theirs. A relation matches when
its cue and its content both overlap-match (the source is often absent or a pronoun in gold).
PolNeAR counts beliefs, polls that "show", and endorsements ("backs") as attributions; we only
look for speech-like cues and "according to", so recall is bounded well below 1 by design.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from storyline.claims.extract import Attribution, extract_attributions
from storyline.eval.report import EvalReport, MissingData
from storyline.eval.split import check_split
from storyline.nlp.model import load_nlp

DATASET = "polnear-attribution"
SPLIT = "test"
ROLES = ("source", "cue", "content")
_HASH_SUFFIX = re.compile(r"_[0-9a-f]{4}$")
_EDGE = " \t\n\"'\u201c\u201d\u2018\u2019,.;:"

Fragments = tuple[tuple[int, int], ...]


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    spans: dict[str, list[Fragments]] = field(default_factory=dict)
    relations: list[tuple[Fragments, Fragments]] = field(default_factory=list)  # cue, content


def load_split(data_dir: Path, split: str = SPLIT) -> list[GoldArticle]:
    root = data_dir / DATASET / split
    text_dir, ann_dir = root / "text", root / "attributions"
    for needed in (text_dir, ann_dir):
        if not needed.is_dir():
            raise MissingData(needed)
    annotations: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        annotations.setdefault(_HASH_SUFFIX.sub("", path.stem), path)
    articles: list[GoldArticle] = []
    for text_path in sorted(text_dir.glob("*.txt")):
        ann_path = annotations.get(text_path.stem)
        if ann_path is None:
            continue
        with text_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        articles.append(parse_standoff(text_path.stem, text, ann_path.read_text("utf-8")))
    return articles


def parse_standoff(name: str, text: str, standoff: str) -> GoldArticle:
    article = GoldArticle(name, text, {role: [] for role in ROLES})
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[dict[str, str]] = []
    for line in standoff.splitlines():
        columns = line.split("\t")
        if line.startswith("T") and len(columns) >= 2:
            kind, _, offsets = columns[1].partition(" ")
            fragments = tuple(
                (int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";"))
            )
            spans[columns[0]] = (kind.lower(), fragments)
        elif line.startswith("E") and len(columns) >= 2:
            events.append(dict(arg.split(":", 1) for arg in columns[1].split() if ":" in arg))
    for role, fragments in spans.values():
        if role in ROLES and fragments not in article.spans[role]:
            article.spans[role].append(fragments)
    for event in events:
        cue, content = spans.get(event.get("Cue", "")), spans.get(event.get("Content", ""))
        if cue and content:
            article.relations.append((cue[1], content[1]))
    return article


def _length(fragments: Fragments) -> int:
    return sum(end - start for start, end in fragments)


def _shared(a: Fragments, b: Fragments) -> int:
    return sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in a
        for b_start, b_end in b
    )


def _trim(text: str, fragments: Fragments) -> tuple[int, int]:
    start, end = fragments[0][0], fragments[-1][1]
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _matches(rule: str, text: str, predicted: Fragments, gold: Fragments) -> bool:
    if rule == "strict":
        return _trim(text, predicted) == _trim(text, gold)
    shared = _shared(predicted, gold)
    if rule == "any":
        return shared > 0
    shorter = min(_length(predicted), _length(gold))
    return shorter > 0 and shared * 2 >= shorter


def count_matches(rule: str, text: str, predicted: list[Fragments], gold: list[Fragments]) -> int:
    used: set[int] = set()
    hits = 0
    for span in sorted(predicted):
        for index, candidate in enumerate(gold):
            if index not in used and _matches(rule, text, span, candidate):
                used.add(index)
                hits += 1
                break
    return hits


def predicted_spans(attributions: list[Attribution]) -> dict[str, list[Fragments]]:
    found: dict[str, list[Fragments]] = {role: [] for role in ROLES}
    for attribution in attributions:
        for role, span in (
            ("source", attribution.source),
            ("cue", attribution.cue),
            ("content", attribution.content),
        ):
            if span is not None and (span,) not in found[role]:
                found[role].append((span,))
    return found


def _prf(hits_p: int, n_pred: int, hits_g: int, n_gold: int) -> tuple[float, float, float]:
    precision = hits_p / n_pred if n_pred else 0.0
    recall = hits_g / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(data_dir: Path, *, limit: int | None = None, split: str = SPLIT) -> EvalReport:
    check_split(split, task="attribution")
    articles = load_split(data_dir, split)
    if limit is not None:
        articles = articles[:limit]
    nlp = load_nlp()
    rules = ("strict", "overlap", "any")
    totals: dict[tuple[str, str], list[int]] = {
        (role, rule): [0, 0, 0, 0] for role in (*ROLES, "relation") for rule in rules
    }
    for article in articles:
        attributions = extract_attributions(nlp(article.text))
        predicted = predicted_spans(attributions)
        predicted["relation"] = [(a.cue, a.content) for a in attributions]  # type: ignore[misc]
        for rule in rules:
            for role in ROLES:
                gold = article.spans[role]
                cell = totals[(role, rule)]
                cell[0] += count_matches(rule, article.text, predicted[role], gold)
                cell[1] += len(predicted[role])
                cell[2] += count_matches(rule, article.text, gold, predicted[role])
                cell[3] += len(gold)
            cell = totals[("relation", rule)]
            cell[0] += _relation_hits(rule, article, attributions, from_predicted=True)
            cell[1] += len(attributions)
            cell[2] += _relation_hits(rule, article, attributions, from_predicted=False)
            cell[3] += len(article.relations)

    rows: list[list[object]] = []
    scores: dict[tuple[str, str], float] = {}
    for (role, rule), (hits_p, n_pred, hits_g, n_gold) in totals.items():
        precision, recall, f1 = _prf(hits_p, n_pred, hits_g, n_gold)
        scores[(role, rule)] = f1
        rows.append([role, rule, n_gold, n_pred, precision, recall, f1])
    return EvalReport(
        task="attribution",
        columns=["role", "match", "gold", "predicted", "precision", "recall", "f1"],
        rows=rows,
        summary={
            "source_f1": scores[("source", "overlap")],
            "source_f1_strict": scores[("source", "strict")],
            "content_f1": scores[("content", "overlap")],
            "cue_f1": scores[("cue", "overlap")],
            "articles": len(articles),
        },
        notes=[
            f"PolNeAR {split}: one annotation file per article (first by name). 'overlap' = "
            "shared characters >= half the shorter span; 'strict' = equal offsets after "
            "trimming quotes/punctuation; 'any' = one shared character. A relation matches "
            "when its cue and content both match under the rule ('strict' uses overlap for "
            "the cue). Summary figures use 'overlap', and source_f1_strict the strict rule.",
        ],
        split=split,
    )


def _relation_hits(
    rule: str, article: GoldArticle, attributions: list[Attribution], *, from_predicted: bool
) -> int:
    predicted = [((a.cue,), (a.content,)) for a in attributions]
    gold = article.relations
    left, right = (predicted, gold) if from_predicted else (gold, predicted)
    cue_rule = "overlap" if rule == "strict" else rule
    used: set[int] = set()
    hits = 0
    for cue, content in left:
        for index, (other_cue, other_content) in enumerate(right):
            if index in used:
                continue
            if _matches(cue_rule, article.text, cue, other_cue) and _matches(
                rule, article.text, content, other_content
            ):
                used.add(index)
                hits += 1
                break
    return hits
