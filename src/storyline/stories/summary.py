"""Extractive story summaries with citations, and the Story record that carries them.

Sentences come from ``Article.text`` only (never chrome). Near-identical sentences from several
articles collapse into one that cites them all. Ranking is LexRank over a TF-IDF similarity
graph (weighted by how many articles carry the sentence), redundancy is held down with MMR,
and the chosen sentences are told in time order. A sentence whose claim is disputed (by a
contradiction record, or, without claims, by another sentence giving an incompatible casualty
count for the same victims) is written as two attributed accounts, never as fact.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.model import Article, Claim, Contradiction, Event, Story, SummarySentence
from storyline.report.wording import short_title
from storyline.stories.features import parse_day
from storyline.stories.readable import summary_pool
from storyline.stories.sentences import (
    SentenceGroup,
    group_sentences,
    near_identical,
    split_sentences,
)
from storyline.stories.timeline import build_timeline

DEFAULT_SENTENCES = 6
MIN_SENTENCES, MAX_SENTENCES = 5, 8
_ATTRIBUTED_RE = re.compile(
    r"\b(said|says|told|according to|claimed|claims|reported|alleged|denied|stated)\b", re.I
)


@dataclass(slots=True)
class _Candidate:
    group: SentenceGroup
    score: float
    day: str


def lexrank(matrix: np.ndarray, weights: np.ndarray, *, damping: float = 0.85) -> np.ndarray:
    """Stationary scores of a random walk on the similarity graph, biased towards ``weights``."""
    n = matrix.shape[0]
    graph = np.where(matrix >= 0.1, matrix, 0.0)
    np.fill_diagonal(graph, 0.0)
    rows = graph.sum(axis=1, keepdims=True)
    transition = np.divide(graph, rows, out=np.full_like(graph, 1.0 / n), where=rows > 0)
    prior = weights / weights.sum()
    scores = np.full(n, 1.0 / n)
    for _ in range(50):
        updated = (1 - damping) * prior + damping * scores @ transition
        if np.abs(updated - scores).sum() < 1e-8:
            break
        scores = updated
    return scores


def _similarities(texts: Sequence[str]) -> np.ndarray:
    try:
        vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # nothing but stopwords
        return np.eye(len(texts))
    return (vectors @ vectors.T).toarray()


def _mmr(scores: np.ndarray, similarity: np.ndarray, count: int, balance: float = 0.7) -> list[int]:
    chosen: list[int] = []
    top = float(scores.max()) or 1.0
    relevance = scores / top
    while len(chosen) < min(count, len(scores)):
        best, best_value = -1, -math.inf
        for i in range(len(scores)):
            if i in chosen:
                continue
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            if redundancy >= 0.6:
                continue
            value = balance * relevance[i] - (1 - balance) * redundancy
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
    return chosen


def _label(article: Article | None, fallback: str) -> str:
    if article is None:
        return fallback
    return article.publisher or fallback


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text[:2].isalpha() and not text[:2].isupper() else text


def _attributed(text: str, label: str) -> str:
    text = text.rstrip(".")
    if _ATTRIBUTED_RE.search(text):
        return text
    return f"according to {label}, {_lower_first(text)}"


def _casualties(text: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, victims) -> (low, high) for every casualty count the sentence gives."""
    try:
        from storyline.events.numbers import parse_casualties
    except ImportError:
        return {}
    result: dict[tuple[str, str], tuple[int, int]] = {}
    for item in parse_casualties(text):
        low = item.count if item.count is not None else item.min
        high = item.count if item.count is not None else (item.max or item.min)
        if low is None or high is None or item.vague:
            continue
        result[(str(item.kind), item.victims)] = (low, high)
    return result


def _numeric_rival(group: SentenceGroup, others: Sequence[SentenceGroup]) -> SentenceGroup | None:
    """Another sentence giving an incompatible count of the same casualties."""
    mine = _casualties(group.text)
    if not mine:
        return None
    for other in others:
        if other is group or set(other.sources) <= set(group.sources):
            continue
        for key, (low, high) in _casualties(other.text).items():
            if key in mine and key[1] != "unknown":
                my_low, my_high = mine[key]
                if high < my_low or low > my_high:
                    return other
    return None


def _claim_rival(
    group: SentenceGroup, claims: Sequence[Claim], contradictions: Sequence[Contradiction]
) -> tuple[Claim, list[Claim]] | None:
    """The claim this sentence carries and the claims a contradiction sets against it."""
    by_id = {claim.id: claim for claim in claims}
    for claim in claims:
        carried = any(
            e.sentence and (near_identical(e.sentence, group.text) or e.sentence in group.text)
            for e in claim.sources
        ) or (len(claim.text) > 20 and claim.text in group.text)
        if not carried:
            continue
        for record in contradictions:
            sides = [set(side) for side in record.claims]
            for i, side in enumerate(sides):
                if claim.id in side:
                    rivals = [by_id[c] for j, s in enumerate(sides) if j != i for c in s
                              if c in by_id]  # fmt: skip
                    if rivals:
                        return claim, rivals
    return None


_PAST = {
    "say": "said", "tell": "told", "deny": "denied", "reports": "reported", "report": "reported",
    "put": "put", "accuse": "accused", "claim": "claimed", "confirm": "confirmed",
    "according to": "said", "reject": "rejected", "dismiss": "dismissed", "add": "added",
    "state": "stated", "estimate": "estimated", "allege": "alleged", "insist": "insisted",
}  # fmt: skip


def _other_statements(claim: Claim, rivals: Sequence[Claim]) -> list[Claim]:
    """Rivals once each: copies of one statement (same speaker, same words) are one side."""
    seen = {(claim.speaker.lower(), claim.text.lower())}
    kept = []
    for rival in rivals:
        key = (rival.speaker.lower(), rival.text.lower())
        if key not in seen:
            seen.add(key)
            kept.append(rival)
    return kept


def _claim_clause(claim: Claim) -> str:
    """ "Local activists said 36 civilians were killed": who says it, in the past tense."""
    verb = _PAST.get(claim.verb, "said")
    return f"{claim.speaker} {verb} {claim.text.rstrip('.')}".strip()


def summarize(
    articles: Sequence[Article],
    claims: Sequence[Claim] | None = None,
    contradictions: Sequence[Contradiction] | None = None,
    *,
    size: int = DEFAULT_SENTENCES,
) -> list[SummarySentence]:
    """Five to eight cited sentences that tell the story, contested ones attributed."""
    size = max(MIN_SENTENCES, min(MAX_SENTENCES, size))
    by_id = {article.id: article for article in articles}
    sentences = [s for article in articles for s in split_sentences(article)]
    sentences = summary_pool(articles, sentences)  # no spun rewrite, no dangling "It ..."
    groups = group_sentences(sentences)
    if not groups:
        return []
    similarity = _similarities([g.text for g in groups])
    support = np.array(
        [1.0 + math.log(len(g.sources)) + (0.5 if g.members[0].position < 2 else 0.0)
         for g in groups]
    )  # fmt: skip
    scores = lexrank(similarity, support)
    chosen = _mmr(scores, similarity, size)

    def first_day(group: SentenceGroup) -> str:
        days = [a.published for s in group.sources if (a := by_id.get(s)) and a.published]
        return min(days) if days else "9999"

    chosen.sort(key=lambda i: (first_day(groups[i]), groups[i].members[0].position))
    result: list[SummarySentence] = []
    for i in chosen:
        group = groups[i]
        result.append(_written(group, groups, by_id, claims or [], contradictions or []))
    return result


def _written(
    group: SentenceGroup,
    groups: Sequence[SentenceGroup],
    by_id: dict[str, Article],
    claims: Sequence[Claim],
    contradictions: Sequence[Contradiction],
) -> SummarySentence:
    if claims and contradictions:

        def stable(claim: Claim) -> tuple[str, str, str]:
            # Copies of one statement in any arrival order: the earliest-dated, then the
            # smallest article id, speaks for them, so a story reads the same however its
            # articles came in.
            ids = sorted(e.article_id for e in claim.sources)
            days = sorted(d for i in ids if (d := getattr(by_id.get(i), "published", None)))
            return (days[0] if days else "9999", ids[0] if ids else "", claim.id)

        claims = sorted(claims, key=stable)
        disputed = _claim_rival(group, claims, contradictions)
        if disputed is not None:
            claim, rivals = disputed
            rivals = _other_statements(claim, sorted(rivals, key=stable))[:2]
            clauses = [_claim_clause(claim), *(_claim_clause(r) for r in rivals)]
            sources = [*group.sources]
            for item in (claim, *rivals):
                sources += [e.article_id for e in item.sources]
            text = "Disputed: " + "; ".join(clauses) + "."
            return SummarySentence(text, list(dict.fromkeys(sources)))
        return SummarySentence(group.text, group.sources)
    rival = _numeric_rival(group, groups)
    if rival is None:
        return SummarySentence(group.text, group.sources)
    mine = _attributed(group.text, _label(by_id.get(group.sources[0]), "one report"))
    theirs = _attributed(rival.text, _label(by_id.get(rival.sources[0]), "another report"))
    text = f"{mine[0].upper()}{mine[1:]}; {_lower_first(theirs)}."
    return SummarySentence(text, list(dict.fromkeys([*group.sources, *rival.sources])))


def story_title(articles: Sequence[Article]) -> str:
    """The most central headline: the one closest to all the others."""
    titles = [a.title.strip() for a in articles if a.title and a.title.strip()]
    if not titles:
        return ""
    if len(titles) <= 2:
        return titles[0]
    similarity = _similarities(titles)
    return titles[int(np.argmax(similarity.sum(axis=1)))]


def independent_sources(articles: Sequence[Article]) -> int:
    """Originals behind the story: copies and rewrites of one original count once."""
    return len({a.syndication_group or a.duplicate_of or a.id for a in articles})


def build_story(
    story_id: str,
    articles: Sequence[Article],
    events: Sequence[Event] | None = None,
    claims: Sequence[Claim] | None = None,
    contradictions: Sequence[Contradiction] | None = None,
    *,
    summary_size: int = DEFAULT_SENTENCES,
) -> Story:
    """The Story record: title, date span, cited summary, timeline, independent sources."""
    days = sorted(day for a in articles if (day := parse_day(a.published)) is not None)
    summary = summarize(articles, claims, contradictions, size=summary_size)
    title = short_title(story_title(articles) or (summary[0].text if summary else ""))
    return Story(
        id=story_id,
        title=title,
        article_ids=[a.id for a in articles],
        date={"start": days[0].isoformat(), "end": days[-1].isoformat()} if days else None,
        summary=summary,
        timeline=build_timeline(articles, events, claims, contradictions),
        independent_sources=independent_sources(articles),
    )
