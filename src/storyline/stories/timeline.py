"""A story's timeline: dated events and key claims in order, each with its sources.

With events from the events stage, every dated event is an entry (its evidence sentence as the
text). Without events, sentences whose temporal expression resolves to a calendar day or span
stand in for them. Key claims (those a contradiction disputes, else those most often
reported) are dated by the first article carrying them and written as attributed speech.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storyline.model import Article, Claim, Contradiction, Event, TimelineEntry
from storyline.stories.features import parse_day
from storyline.stories.sentences import SourceSentence, group_sentences, split_sentences

MAX_SENTENCE_ENTRIES = 20
MAX_CLAIMS = 5


def _start(value: str | dict[str, str] | None) -> str:
    if isinstance(value, dict):
        return value.get("start", "")
    return value or ""


def _span_days(value: str | dict[str, str] | None) -> int:
    if isinstance(value, dict):
        first, last = parse_day(value.get("start")), parse_day(value.get("end"))
        if first and last:
            return (last - first).days
    return 0


def _sort_key(entry: TimelineEntry) -> tuple[str, int, str]:
    # Earlier first; on the same start day the precise date before the long span.
    return (_start(entry.date), _span_days(entry.date), entry.text)


def _event_entries(events: Sequence[Event]) -> list[TimelineEntry]:
    entries = []
    for event in events:
        if not event.date:
            continue
        evidence = sorted(event.sources, key=lambda e: len(e.sentence))
        text = evidence[0].sentence if evidence else f"{event.sub_event_type}"
        sources = list(dict.fromkeys(e.article_id for e in event.sources))
        entries.append(TimelineEntry(event.date, text, [event.id], sources))
    return entries


def _claim_entries(
    claims: Sequence[Claim],
    contradictions: Sequence[Contradiction],
    article_days: dict[str, date],
) -> list[TimelineEntry]:
    disputed = {cid for record in contradictions for side in record.claims for cid in side}
    ranked = sorted(
        claims,
        key=lambda c: (c.id not in disputed, -len({e.article_id for e in c.sources}), c.id),
    )
    entries = []
    for claim in ranked[:MAX_CLAIMS]:
        sources = list(dict.fromkeys(e.article_id for e in claim.sources))
        days = [article_days[s] for s in sources if s in article_days]
        if not days:
            continue
        text = f"{claim.speaker} {claim.verb}: {claim.text}".strip()
        entries.append(TimelineEntry(min(days).isoformat(), text, [], sources))
    return entries


DateValue = str | dict[str, str]


def dated_sentences(articles: Sequence[Article]) -> list[tuple[DateValue, SourceSentence]]:
    """Sentences whose temporal expression resolves to a day or span, against the article date."""
    try:
        from storyline.time import tag_times
    except ImportError:
        return []
    found: list[tuple[DateValue, SourceSentence]] = []
    for article in articles:
        anchor = parse_day(article.published)
        for sentence in split_sentences(article):
            for timex in tag_times(sentence.text, anchor):
                if timex.type not in ("DATE", "TIME"):
                    continue
                value = timex.contract_date()
                if value is not None and _span_days(value) <= 31:
                    found.append((value, sentence))
                    break
    return found


def _sentence_entries(articles: Sequence[Article]) -> list[TimelineEntry]:
    dated = dated_sentences(articles)
    date_of = {(s.article_id, s.position): value for value, s in dated}
    entries = []
    for group in group_sentences([s for _, s in dated]):
        first = group.members[0]
        value = date_of[(first.article_id, first.position)]
        entries.append(TimelineEntry(value, group.text, [], group.sources))
    # Keep the best-supported sentences when there are too many.
    entries.sort(key=lambda e: -len(e.sources))
    return entries[:MAX_SENTENCE_ENTRIES]


def build_timeline(
    story_articles: Sequence[Article],
    events: Sequence[Event] | None = None,
    claims: Sequence[Claim] | None = None,
    contradictions: Sequence[Contradiction] | None = None,
) -> list[TimelineEntry]:
    """Dated events (or dated sentences when no events are given) and key claims, in order."""
    entries = _event_entries(events) if events else []
    if not entries:
        entries = _sentence_entries(story_articles)
    if claims:
        days = {a.id: day for a in story_articles if (day := parse_day(a.published)) is not None}
        entries += _claim_entries(claims, contradictions or [], days)
    return sorted(entries, key=_sort_key)
