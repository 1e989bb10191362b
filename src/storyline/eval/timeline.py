"""``storyline eval timeline``: SemEval-2015 Task 4 (TimeLine), main track A (raw text).

For each target entity, the system finds the sentences of the corpus (30 WikiNews documents)
that mention it, takes the verb that governs the mention as the event, dates the event from a
temporal expression in the sentence (resolved by ``storyline.time`` against the document
creation time) or else from the document date, and orders events by date; the same date gives
the same rank.

Scoring follows the task's definition: temporal awareness (UzZaman & Allen 2011) over the
ordering relations a timeline implies. Each timeline line is one event (coreferent mentions on
one line are one event; a system event matches a gold one when they share a mention). Lines
with rank > 0 give BEFORE between events of lower and higher rank and SIMULTANEOUS within a
rank; an event with a known (partly known) date is INCLUDED in that date. Rank-0 lines are
unordered and give no relations. Precision = |reduced(system) in closure(gold)| /
|reduced(system)|, recall = |reduced(gold) in closure(system)| / |reduced(gold)|; counts are
summed over every target entity of the three corpora (micro average). The reduced graph keeps
a SIMULTANEOUS chain within each rank, one BEFORE link between consecutive ranks and the date
links; its closure is every implied relation. Gold scored against itself gives 1.0.

This scorer is our reading of the task's definition, not the official evaluation tool, so its
figures are not strictly comparable with the published ones. Beside the main figure (ordering
and event-date links) it reports the ordering-only F1, without the INCLUDED date links.

Split (issue 12): dev is the trial set (30 Apple documents, 6 timelines), test the three
evaluation corpora (38 timelines).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

from storyline.eval.report import EvalReport, MissingData
from storyline.eval.split import check_split

DATASET = "semeval2015-task4-timeline"
CORPORA = ("corpus_1", "corpus_2", "corpus_3")
# (documents folder, gold timelines folder) under DATASET, per split and corpus.
SPLIT_CORPORA: dict[str, dict[str, tuple[str, str]]] = {
    "dev": {
        "trial": ("Corpus-trial-data_task4_TimeML", "TimeLines_trial_data_task4_v1.2"),
    },
    "test": {
        corpus: (
            f"SemEval_Task4_data/{corpus}/corpus_trackA_TimeML",
            f"SemEval_Task4_data/{corpus}/TimeLines_Gold_Standard",
        )
        for corpus in CORPORA
    },
}
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

Relation = tuple[str, str, str]


@dataclass(slots=True)
class TimelineLine:
    rank: int
    date: str
    mentions: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- scorer


def parse_timeline(text: str) -> tuple[str, list[TimelineLine]]:
    """The entity name (first line) and the timeline's lines."""
    rows = [row for row in text.splitlines() if row.strip()]
    if not rows:
        return "", []
    lines = []
    for row in rows[1:]:
        parts = row.strip().split("\t")
        if len(parts) < 3:
            continue
        lines.append(TimelineLine(int(parts[0]), normalise_date(parts[1]), parts[2:]))
    return rows[0].strip(), lines


def normalise_date(value: str) -> str:
    """YYYY-MM-DD with XX for unknown parts ("2008-07" -> "2008-07-XX")."""
    parts = value.strip().split("-")
    parts += ["XX"] * (3 - len(parts))
    year = parts[0] if len(parts[0]) == 4 else "XXXX"
    return f"{year}-{parts[1] or 'XX'}-{parts[2] or 'XX'}"


def _event_ids(lines: Sequence[TimelineLine], canonical: dict[str, str]) -> list[str]:
    """One node id per line: the gold line's first mention when any mention matches gold."""
    ids = []
    for line in lines:
        node = next((canonical[m] for m in line.mentions if m in canonical), line.mentions[0])
        ids.append(node)
    return ids


def _relations(
    lines: Sequence[TimelineLine], ids: Sequence[str], *, dates: bool = True
) -> tuple[set[Relation], set[Relation]]:
    """(closure, reduced) relation sets implied by a timeline; ``dates`` adds the date links."""
    closure: set[Relation] = set()
    reduced: set[Relation] = set()
    ranks: dict[int, list[str]] = {}
    for line, node in zip(lines, ids, strict=True):
        if dates and not line.date.startswith("XXXX"):
            relation = (node, "INCLUDED", line.date)
            closure.add(relation)
            reduced.add(relation)
        if line.rank > 0:
            ranks.setdefault(line.rank, [])
            if node not in ranks[line.rank]:
                ranks[line.rank].append(node)
    ordered = [sorted(set(nodes)) for _, nodes in sorted(ranks.items())]
    for i, group in enumerate(ordered):
        for a_index, a in enumerate(group):
            for b in group[a_index + 1 :]:
                closure.add((a, "SIMULTANEOUS", b))
            for later in ordered[i + 1 :]:
                for b in later:
                    if a != b:
                        closure.add((a, "BEFORE", b))
        reduced.update((a, "SIMULTANEOUS", b) for a, b in pairwise(group))
        if i + 1 < len(ordered) and group[-1] != ordered[i + 1][0]:
            reduced.add((group[-1], "BEFORE", ordered[i + 1][0]))
    return closure, reduced


@dataclass(slots=True)
class AwarenessCounts:
    system_hits: int = 0
    system_total: int = 0
    gold_hits: int = 0
    gold_total: int = 0

    def add(self, other: AwarenessCounts) -> None:
        self.system_hits += other.system_hits
        self.system_total += other.system_total
        self.gold_hits += other.gold_hits
        self.gold_total += other.gold_total

    def prf(self) -> tuple[float, float, float]:
        p = self.system_hits / self.system_total if self.system_total else 0.0
        r = self.gold_hits / self.gold_total if self.gold_total else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def temporal_awareness(
    gold: Sequence[TimelineLine], system: Sequence[TimelineLine], *, dates: bool = True
) -> AwarenessCounts:
    """Counts over ordering and (with ``dates``) event-date links; without: ordering only."""
    canonical = {m: line.mentions[0] for line in gold for m in line.mentions}
    gold_closure, gold_reduced = _relations(gold, _event_ids(gold, canonical), dates=dates)
    sys_closure, sys_reduced = _relations(system, _event_ids(system, canonical), dates=dates)

    def holds(relation: Relation, closure: set[Relation]) -> bool:
        a, kind, b = relation
        return relation in closure or (kind == "SIMULTANEOUS" and (b, kind, a) in closure)

    return AwarenessCounts(
        system_hits=sum(holds(r, gold_closure) for r in sys_reduced),
        system_total=len(sys_reduced),
        gold_hits=sum(holds(r, sys_closure) for r in gold_reduced),
        gold_total=len(gold_reduced),
    )


# ---------------------------------------------------------------------------- system


@dataclass(slots=True)
class Document:
    doc_id: str
    dct: date | None
    sentences: list[list[str]]  # tokens of each sentence; index = the sentence's id


def read_documents(folder: Path) -> list[Document]:
    if not folder.exists():
        raise MissingData(folder)
    documents = []
    for path in sorted(folder.glob("*.tml")):
        root = ET.parse(path).getroot()
        doc_id = (root.findtext("DOCID") or path.name.split("_")[0]).strip()
        dct_value = None
        for timex in root.iter("TIMEX3"):
            if timex.get("functionInDocument") == "CREATION_TIME":
                dct_value = timex.get("value")
        text = root.find("TEXT")
        sentences: list[list[str]] = []
        if text is not None:
            # Gold mentions name sentences by their id (the trial set starts at 1, not 0).
            for sentence in text.iter("s"):
                number = int(sentence.get("id") or len(sentences))
                sentences.extend([] for _ in range(number + 1 - len(sentences)))
                sentences[number] = "".join(sentence.itertext()).split()
        documents.append(Document(doc_id, _creation_date(dct_value), sentences))
    return documents


def _creation_date(value: str | None) -> date | None:
    """The DCT; one document writes it day-first ("03-02-2009" for 3 February 2009)."""
    if not value:
        return None
    day_first = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", value)
    if day_first:
        return date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def entity_forms(name: str) -> list[list[str]]:
    """Token sequences that name the target entity: full name, short forms, acronym.

    No word lists: the ones this adapter had (generic last words, country qualifiers) were
    built from the test targets' names and were removed (issue 12).
    """
    forms = {name}
    words = name.split()
    capitalised = [w for w in words if w[:1].isupper()]
    if len(capitalised) >= 2 and len(capitalised) == len([w for w in words if w.isalpha()]):
        forms.add("".join(w[0] for w in capitalised))
    last = words[-1]
    if len(words) >= 2:
        has_letters_and_digits = bool(re.search(r"\d", last)) and bool(re.search(r"[A-Za-z]", last))
        person_like = len(words) == 2 and all(w.isalpha() and w.istitle() for w in words)
        if has_letters_and_digits or person_like:
            forms.add(last)
    return [form.split() for form in forms if len(form) >= 2]


def _find(tokens: Sequence[str], forms: Iterable[list[str]]) -> tuple[int, int] | None:
    for form in sorted(forms, key=len, reverse=True):
        size = len(form)
        for i in range(len(tokens) - size + 1):
            if tokens[i : i + size] == form:
                return i, i + size
    return None


def timeline_date(value: str | None) -> str | None:
    """A TIMEX3 value as a timeline date (YYYY-MM-DD with XX), or None for non-calendar values."""
    match = _DATE_VALUE.match(value or "")
    if not match:
        return None
    return f"{match[1]}-{match[2] or 'XX'}-{match[3] or 'XX'}"


class EntityTimeliner:
    """Entity-centred events over a corpus, with spaCy parses and timexes computed once."""

    def __init__(self, documents: Sequence[Document]) -> None:
        from storyline.nlp.model import load_nlp
        from storyline.time import tag_times

        self.documents = documents
        nlp = load_nlp()
        self.parsed: dict[tuple[str, int], object] = {}
        self.dates: dict[tuple[str, int], str | None] = {}
        self._nlp = nlp
        self._tag_times = tag_times

    def _parse(self, document: Document, index: int):
        key = (document.doc_id, index)
        if key not in self.parsed:
            from spacy.tokens import Doc

            doc = Doc(self._nlp.vocab, words=document.sentences[index])
            for _, component in self._nlp.pipeline:
                doc = component(doc)
            self.parsed[key] = doc
            found = None
            for timex in self._tag_times(doc.text, document.dct, doc=doc):
                if timex.type in ("DATE", "TIME"):
                    found = timeline_date(timex.value)
                    if found:
                        break
            self.dates[key] = found
        return self.parsed[key]

    def timeline(self, name: str) -> list[TimelineLine]:
        forms = entity_forms(name)
        events: list[tuple[str, str]] = []
        for document in self.documents:
            for index, tokens in enumerate(document.sentences):
                span = _find(tokens, forms)
                if span is None:
                    continue
                doc = self._parse(document, index)
                token = doc[span[1] - 1]
                while token.head.i != token.i and span[0] <= token.head.i < span[1]:
                    token = token.head  # up to the head of the whole name
                governor = next((t for t in token.ancestors if t.pos_ == "VERB"), None)
                if governor is None:
                    continue
                day = self.dates[(document.doc_id, index)]
                if day is None and document.dct is not None:
                    day = document.dct.isoformat()
                if day is None:
                    continue
                mention = f"{document.doc_id}-{index}-{governor.text}"
                events.append((day, mention))
        ordered_dates = sorted({day for day, _ in events}, key=lambda d: d.replace("XX", "00"))
        rank = {day: i + 1 for i, day in enumerate(ordered_dates)}
        return [TimelineLine(rank[day], day, [mention]) for day, mention in sorted(set(events))]


# ---------------------------------------------------------------------------- report


def evaluate(data_dir: Path, *, limit: int | None = None, split: str = "test") -> EvalReport:
    check_split(split, task="timeline")
    root = data_dir / DATASET
    if not root.exists():
        raise MissingData(root)
    rows: list[list[object]] = []
    total, ordering = AwarenessCounts(), AwarenessCounts()
    self_check = AwarenessCounts()
    timelines = 0
    for corpus, (documents_dir, gold_dir) in SPLIT_CORPORA[split].items():
        gold_files = sorted((root / gold_dir).glob("*.txt"))
        if not gold_files:
            raise MissingData(root / gold_dir)
        if limit is not None:
            gold_files = gold_files[: max(1, limit)]
        timeliner = EntityTimeliner(read_documents(root / documents_dir))
        for path in gold_files:
            name, gold = parse_timeline(path.read_text(encoding="utf-8"))
            system = timeliner.timeline(name)
            counts = temporal_awareness(gold, system)
            order_counts = temporal_awareness(gold, system, dates=False)
            self_check.add(temporal_awareness(gold, gold))
            total.add(counts)
            ordering.add(order_counts)
            timelines += 1
            p, r, f = counts.prf()
            rows.append([corpus, name, len(gold), len(system), p, r, f, order_counts.prf()[2]])
    p, r, f = total.prf()
    ordering_f = ordering.prf()[2]
    rows.append(["all", f"{timelines} timelines (micro)", "", "", p, r, f, ordering_f])
    gold_f = self_check.prf()[2]
    parts = " + ".join(SPLIT_CORPORA[split])
    return EvalReport(
        task="timeline",
        columns=[
            "corpus",
            "entity",
            "gold events",
            "system events",
            "P",
            "R",
            "F1",
            "ordering-only F1",
        ],
        rows=rows,
        summary={
            "f1": 100 * f,
            "ordering_f1": 100 * ordering_f,
            "precision": 100 * p,
            "recall": 100 * r,
            "timelines": timelines,
        },
        notes=[
            "Track A (raw text), temporal-awareness F1 in percent, micro-averaged over target "
            f"entities; gold scored against itself: F1 {gold_f:.4f}. F1 counts ordering and "
            "event-date (INCLUDED) links; ordering-only F1 leaves the date links out. Best "
            "track-A system in the task: 7.85 (official scorer, test corpora).",
            "The scorer is our reading of the task's definition, not the official tool: its "
            "figures are not strictly comparable with the published ones.",
            f"split={split}: {parts} (dev = the trial Apple set, test = corpora 1-3).",
        ],
        split=split,
    )
