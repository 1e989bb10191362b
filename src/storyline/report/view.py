"""What the report and the web app show, gathered from the store into plain dicts.

Both front ends render the same view of a story, so a citation found for the report is the
citation the web app links to. Every table may be empty (stages not run yet, or nothing
found): each part of a view is then an empty list and the pages say so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from storyline.model import Article
from storyline.report.geo import PlaceKinds, area_list, event_points, event_title
from storyline.report.safe import safe_href, utf16_offset
from storyline.store import Store
from storyline.store.knowledge import date_bounds

FUZZY_CUTOFF = 80.0
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


# -- finding the sentence a summary cites ----------------------------------------------------


def locate_sentence(text: str, sentence: str) -> tuple[int, int] | None:
    """Where ``sentence`` (or its closest wording) sits in ``text``, as Python indices.

    Summaries quote or lightly trim the article, so an exact match is tried first, then one
    ignoring case and spacing, then a fuzzy alignment that must agree on most characters.
    """
    sentence = sentence.strip()
    if not sentence or not text:
        return None
    found = text.find(sentence)
    if found >= 0:
        return found, found + len(sentence)
    folded, positions = _fold_with_positions(text)
    wanted = _SPACE.sub(" ", sentence).lower()
    found = folded.find(wanted)
    if found >= 0:
        return positions[found], positions[found + len(wanted) - 1] + 1
    alignment = fuzz.partial_ratio_alignment(wanted, folded, score_cutoff=FUZZY_CUTOFF)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return None
    start = positions[alignment.dest_start]
    end = positions[alignment.dest_end - 1] + 1
    return _widen_to_words(text, start, end)


def _fold_with_positions(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with runs of spaces collapsed, and each character's original index."""
    chars: list[str] = []
    positions: list[int] = []
    previous_space = False
    for index, ch in enumerate(text):
        if ch.isspace():
            if previous_space:
                continue
            chars.append(" ")
            previous_space = True
        else:
            chars.append(ch.lower())
            previous_space = False
        positions.append(index)
    return "".join(chars), positions


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _overlap(a: str, b: str) -> float:
    left = {w.lower() for w in _WORD.findall(a)}
    right = {w.lower() for w in _WORD.findall(b)}
    return len(left & right) / len(left | right) if left and right else 0.0


# -- view records ------------------------------------------------------------------------------


@dataclass(slots=True)
class StoryView:
    story: dict[str, Any]
    summary: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    groups: list[tuple[str, list[Article]]] = field(default_factory=list)
    points: list[dict[str, Any]] = field(default_factory=list)
    areas: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.story["id"])

    def chart_data(self) -> dict[str, Any]:
        """What the timeline and the map draw, small enough to embed per story."""
        return {"timeline": self.timeline, "points": self.points}


def cite(article: Article | None, article_id: str, span: tuple[int, int] | None) -> dict:
    """A citation: which article, which characters (UTF-16, for the browser), what to call it."""
    record: dict[str, Any] = {"article_id": article_id, "label": article_label(article)}
    if article is not None and span is not None:
        start, end = span
        record["start"] = start
        record["end"] = end
        record["start16"] = utf16_offset(article.text, start)
        record["end16"] = utf16_offset(article.text, end)
        record["sentence"] = article.text[start:end]
    return record


def article_label(article: Article | None) -> str:
    if article is None:
        return "missing article"
    return article.publisher or (article.title or article.id)[:40]


def evidence_span(article: Article | None, evidence: Mapping[str, Any]) -> tuple[int, int] | None:
    """Offsets of one piece of evidence, checked against the text and re-found if they drifted."""
    if article is None:
        return None
    start, end = evidence.get("start"), evidence.get("end")
    sentence = str(evidence.get("sentence") or "")
    in_range = isinstance(start, int) and isinstance(end, int) and 0 <= start < end
    if (
        in_range
        and end <= len(article.text)
        and (not sentence or _overlap(article.text[start:end], sentence) >= 0.5)
    ):
        return start, end
    return locate_sentence(article.text, sentence) if sentence else None


def date_label(date: Any) -> str:
    start, end = date_bounds(date)
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end or ""


def fatalities_label(fatalities: Iterable[Mapping[str, Any]]) -> str:
    parts = []
    for item in fatalities or []:
        if item.get("count") is not None:
            number = str(item["count"])
        elif item.get("min") is not None or item.get("max") is not None:
            number = f"{item.get('min') or '?'}–{item.get('max') or '?'}"
        else:
            number = "?"
        parts.append(f"{number} {item.get('victims') or 'unknown'}")
    return "; ".join(parts)


def fatality_total(fatalities: Iterable[Mapping[str, Any]]) -> int | None:
    """ACLED-style single figure: counts, else the lower bound; None when nothing was said."""
    total: int | None = None
    for item in fatalities or []:
        value = item.get("count")
        if value is None:
            value = item.get("min")
        if isinstance(value, int):
            total = (total or 0) + value
    return total


def event_row(event: Mapping[str, Any], articles: Mapping[str, Article]) -> dict[str, Any]:
    """An event with the labels and citations the tables show."""
    row = dict(event)
    row["date_label"] = date_label(event.get("date"))
    row["fatalities_label"] = fatalities_label(event.get("fatalities") or [])
    row["places_label"] = ", ".join(
        str(loc.get("name") or "") for loc in event.get("locations") or []
    )
    row["cites"] = [
        cite(
            articles.get(ev.get("article_id", "")),
            ev.get("article_id", ""),
            evidence_span(articles.get(ev.get("article_id", "")), ev),
        )
        for ev in event.get("sources") or []
        if ev.get("article_id")
    ]
    return row


def timeline_item(event: Mapping[str, Any]) -> dict[str, Any] | None:
    start, end = date_bounds(event.get("date"))
    if not start and not end:
        return None
    return {
        "id": event.get("id"),
        "start": start or end,
        "end": end or start,
        "type": event.get("event_type") or "",
        "label": event_title(event),
    }


def copies_of(articles: Iterable[Article]) -> dict[str, str]:
    """Exact copy -> its original, the original being the earliest published of the set.

    Deduplication marks whichever copy arrived second; a reader expects the page that was
    published first to be the original, so the badge goes on the later one.
    """
    sets: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        sets[article.duplicate_of or article.id].append(article)
    result: dict[str, str] = {}
    for root, members in sets.items():
        if len(members) < 2:
            continue
        original = min(members, key=lambda a: (a.published or "9999", a.id != root, a.id))
        result.update({a.id: original.id for a in members if a.id != original.id})
    return result


def syndication_groups(articles: Iterable[Article]) -> list[tuple[str, list[Article]]]:
    """Articles by syndication group, the original first, then by publication date."""
    articles = list(articles)
    copies = copies_of(articles)
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[article.syndication_group or article.id].append(article)
    for members in groups.values():
        members.sort(key=lambda a: (a.id in copies, "spun" in a.flags, a.published or "9999", a.id))
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def independent_count(articles: Iterable[Article]) -> int:
    """Distinct originals: an article and its copies or rewrites count once."""
    return len({article.syndication_group or article.id for article in articles})


def build_story_view(
    story: Mapping[str, Any],
    *,
    articles: Mapping[str, Article],
    events: list[dict[str, Any]],
    claims: list[dict[str, Any]],
    contradictions: list[dict[str, Any]],
    kinds: PlaceKinds | None = None,
) -> StoryView:
    members = [articles[i] for i in story.get("article_ids") or [] if i in articles]
    view = StoryView(story=dict(story), articles=members, groups=syndication_groups(members))
    view.copies = copies_of(members)
    view.events = [event_row(event, articles) for event in events]
    view.points = [point for event in events for point in event_points(event, kinds)]
    view.areas = area_list(events, kinds)
    view.timeline = [item for event in events if (item := timeline_item(event))]
    view.claims = [
        dict(claim, cites=_evidence_cites(claim.get("sources") or [], articles)) for claim in claims
    ]
    claim_by_id = {claim["id"]: claim for claim in view.claims}
    for item in contradictions:
        sides = [
            [
                claim_by_id.get(claim_id) or {"id": claim_id, "text": "", "speaker": ""}
                for claim_id in side
            ]
            for side in item.get("claims") or []
        ]
        view.contradictions.append(dict(item, sides=sides))
    evidence = [ev for record in [*events, *claims] for ev in record.get("sources") or []]
    for sentence in story.get("summary") or []:
        text = str(sentence.get("text") or "")
        view.summary.append(
            {
                "text": text,
                "cites": [
                    _summary_cite(text, article_id, articles, evidence)
                    for article_id in sentence.get("sources") or []
                ],
            }
        )
    return view


def _evidence_cites(
    sources: Iterable[Mapping[str, Any]], articles: Mapping[str, Article]
) -> list[dict[str, Any]]:
    cites = []
    for evidence in sources:
        article_id = str(evidence.get("article_id") or "")
        if article_id:
            article = articles.get(article_id)
            cites.append(cite(article, article_id, evidence_span(article, evidence)))
    return cites


def _summary_cite(
    text: str,
    article_id: str,
    articles: Mapping[str, Article],
    evidence: list[Mapping[str, Any]],
) -> dict[str, Any]:
    """The summary sentence in the cited article; failing that, the closest evidence there."""
    article = articles.get(article_id)
    if article is None:
        return cite(None, article_id, None)
    span = locate_sentence(article.text, text)
    if span is None:
        candidates = [ev for ev in evidence if ev.get("article_id") == article_id]
        candidates.sort(key=lambda ev: -_overlap(str(ev.get("sentence") or ""), text))
        for candidate in candidates:
            span = evidence_span(article, candidate)
            if span is not None:
                break
    return cite(article, article_id, span)


# -- the whole store ---------------------------------------------------------------------------


@dataclass(slots=True)
class ReportModel:
    stories: list[StoryView]
    articles: list[Article]
    unassigned: list[Article]
    events: list[dict[str, Any]]
    points: list[dict[str, Any]]
    areas: list[dict[str, Any]]
    counts: dict[str, int]
    date_span: tuple[str, str] | None
    titles: dict[str, str]
    copies: dict[str, str] = field(default_factory=dict)


def build_report_model(store: Store) -> ReportModel:
    """Everything the report shows, read from the store once."""
    articles = list(store.iter_articles())
    by_id = {article.id: article for article in articles}
    kinds = PlaceKinds.from_rows(store.place_features())
    events_by_story: dict[str | None, list[dict]] = defaultdict(list)
    all_events = list(store.iter_events())
    for event in all_events:
        events_by_story[event.get("story_id")].append(event)
    claims_by_story: dict[str | None, list[dict]] = defaultdict(list)
    for claim in store.iter_claims():
        claims_by_story[claim.get("story_id")].append(claim)
    contradictions_by_story: dict[str | None, list[dict]] = defaultdict(list)
    for item in store.iter_contradictions():
        contradictions_by_story[item.get("story_id")].append(item)
    stories = [
        build_story_view(
            story,
            articles=by_id,
            events=events_by_story.get(story["id"], []),
            claims=claims_by_story.get(story["id"], []),
            contradictions=contradictions_by_story.get(story["id"], []),
            kinds=kinds,
        )
        for story in store.iter_stories()
    ]
    in_story = {article.id for view in stories for article in view.articles}
    dates = sorted(a.published[:10] for a in articles if a.published)
    return ReportModel(
        stories=stories,
        articles=articles,
        unassigned=[article for article in articles if article.id not in in_story],
        events=[event_row(event, by_id) for event in events_by_story.get(None, [])],
        points=[point for event in all_events for point in event_points(event, kinds)],
        areas=area_list(all_events, kinds),
        counts={
            "stories": len(stories),
            "articles": len(articles),
            "independent": independent_count(articles),
            "events": len(all_events),
            "claims": sum(len(v) for v in claims_by_story.values()),
            "contradictions": sum(len(v) for v in contradictions_by_story.values()),
            "copies": sum(1 for a in articles if a.duplicate_of),
            "spun": sum(1 for a in articles if "spun" in a.flags),
            "undated": sum(1 for a in articles if "no-date" in a.flags),
            "peer_dated": sum(1 for a in articles if a.published_source == "peers"),
            "skipped": len(store.skipped()),
        },
        date_span=(dates[0], dates[-1]) if dates else None,
        titles={article.id: article.title or article.id for article in articles},
        copies=copies_of(articles),
    )


__all__ = [
    "PlaceKinds",
    "ReportModel",
    "StoryView",
    "build_report_model",
    "build_story_view",
    "event_points",
    "locate_sentence",
    "safe_href",
]
