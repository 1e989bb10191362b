"""A story's timeline: dated events and key claims in order, each with its sources.

With events from the events stage, every dated event is an entry (its evidence sentence as the
text). Without events, sentences whose temporal expression resolves to a calendar day or span
stand in for them. Key claims (those a contradiction disputes, else those most often
reported) are dated by the first article carrying them and told in the reporter's own
sentence, which names the speaker, or else as "Iran confirmed that ...". Evidence from a spun
rewrite is used only when the story holds nothing else, and a sentence that opens with a
pronoun ("It said ...") gives way to one that names its subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storyline.model import Article, Claim, Contradiction, Event, Evidence, TimelineEntry
from storyline.stories.features import parse_day
from storyline.stories.readable import claim_sentence, opens_with_pronoun
from storyline.stories.sentences import (
    SourceSentence,
    group_sentences,
    near_identical,
    split_sentences,
)

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


MAX_QUOTED_CHARS = 320


def _best_evidence(sources: Sequence[Evidence], spun: set[str]) -> Evidence | None:
    """The evidence a reader should see: from an original, naming its subject, shortest."""
    usable = [e for e in sources if e.sentence and len(e.sentence) <= MAX_QUOTED_CHARS]
    ranked = sorted(
        usable,
        key=lambda e: (e.article_id in spun, opens_with_pronoun(e.sentence), len(e.sentence)),
    )
    return ranked[0] if ranked else None


def _event_entries(events: Sequence[Event], spun: set[str] | None = None) -> list[TimelineEntry]:
    entries = []
    for event in events:
        if not event.date:
            continue
        best = _best_evidence(event.sources, spun or set())
        evidence = [best] if best else sorted(event.sources, key=lambda e: len(e.sentence))
        text = evidence[0].sentence if evidence else f"{event.sub_event_type}"
        sources = list(dict.fromkeys(e.article_id for e in event.sources))
        entries.append(TimelineEntry(event.date, text, [event.id], sources))
    return entries


def _claim_entries(
    claims: Sequence[Claim],
    contradictions: Sequence[Contradiction],
    article_days: dict[str, date],
    spun: set[str] | None = None,
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
        best = _best_evidence(claim.sources, spun or set())
        usable = (
            best is not None
            and _names(best.sentence, claim.speaker)
            and best.article_id not in (spun or set())
            and not opens_with_pronoun(best.sentence)
        )
        if opens_with_pronoun(claim.speaker) and not usable:
            continue  # "Its defence ministry said ...": whose, the timeline cannot say
        text = best.sentence if best is not None and usable else claim_sentence(claim)
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


def _names(sentence: str, speaker: str) -> bool:
    """Whether the reporter's sentence names the speaker (by any word of the name)."""
    words = [w for w in speaker.split() if len(w) > 2 and w[0].isupper()]
    return any(word in sentence for word in words)


def _without_repeats(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """One entry per sentence: a claim told in the sentence an event already quotes is dropped."""
    kept: list[TimelineEntry] = []
    for entry in entries:
        same = next((other for other in kept if near_identical(entry.text, other.text)), None)
        if same is None:
            kept.append(entry)
            continue
        same.event_ids = list(dict.fromkeys([*same.event_ids, *entry.event_ids]))
        same.sources = list(dict.fromkeys([*same.sources, *entry.sources]))
    return kept


def build_timeline(
    story_articles: Sequence[Article],
    events: Sequence[Event] | None = None,
    claims: Sequence[Claim] | None = None,
    contradictions: Sequence[Contradiction] | None = None,
) -> list[TimelineEntry]:
    """Dated events (or dated sentences when no events are given) and key claims, in order."""
    spun = {a.id for a in story_articles if "spun" in a.flags}
    if spun and len(spun) == len(story_articles):
        spun = set()  # nothing else to tell the story with
    entries = _event_entries(events, spun) if events else []
    if not entries:
        entries = _sentence_entries(story_articles)
    if claims:
        days = {a.id: day for a in story_articles if (day := parse_day(a.published)) is not None}
        entries += _without_repeats(_claim_entries(claims, contradictions or [], days, spun))
    return _without_repeats(sorted(entries, key=_sort_key))
