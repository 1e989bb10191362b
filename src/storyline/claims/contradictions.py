"""Points where sources contradict each other about the same incident.

Three kinds, each built from what the claims literally say (see ``facts``):

- numeric: two casualty counts of the same kind and victims that cannot both hold (disjoint
  ranges; "at least 10" and "36" are compatible, "36" and "12" are not);
- denial: one source reports casualties or an act, another denies it ("denied any civilians
  were killed", "no civilians were killed", "reports ... are false");
- attribution: the same actor's strikes said to have hit different groups ("Islamic State
  targets" against "Islamist rebels"), or a group one source names and another says was
  (mostly) not hit ("only five percent of strikes targeted ISIS").

Pairs are only considered between different speakers, and only when they are about the same
thing: the same event id when events are given, else shared names or content words. Claims
from one speaker that change over time are updates, not contradictions.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.claims.facts import (
    ClaimFacts,
    CountRange,
    read_claim,
    same_group,
)
from storyline.claims.names import CanonicalName, name_book
from storyline.model import Claim, Contradiction, Event, stable_id
from storyline.nlp.model import load_nlp

# Content words that every casualty or strike claim shares; they say nothing about which
# incident two claims concern.
_TOPIC_NOISE = frozenset(
    {
        "kill",
        "killed",
        "die",
        "dead",
        "death",
        "civilian",
        "people",
        "strike",
        "attack",
        "hit",
        "target",
        "report",
        "casualty",
        "wound",
        "injure",
        "air",
        "raid",
        "bomb",
        "fighter",
        "rebel",
        "militant",
        "soldier",
        "child",
        "woman",
        "number",
        "least",
        "toll",
        "deny",
        "false",
        "claim",
        "percent",
        "reports",
    }
)


def find_contradictions(
    claims: list[Claim],
    *,
    story_id: str | None = None,
    events: list[Event] | None = None,
    canonical_name: CanonicalName | None = None,
) -> list[Contradiction]:
    """Contradictions among ``claims`` (one story's worth), most specific kind first."""
    names = name_book(canonical_name)
    nlp = load_nlp()
    facts = [
        read_claim(claim, doc, names)
        for claim, doc in zip(claims, nlp.pipe(claim.text for claim in claims), strict=True)
    ]
    if events:
        _link_events(facts, events)
    groups: dict[tuple[str, str, str], tuple[set[str], set[str], str, str]] = {}
    speakers = [names.name(fact.claim.speaker) for fact in facts]
    for i, j in _candidate_pairs(facts):
        first, second = facts[i], facts[j]
        if speakers[i] == speakers[j] or not _same_topic(first, second):
            continue
        for kind, about, explanation, left, right in _clashes(first, second):
            key = (kind, about, right.claim.id)
            sides = groups.setdefault(key, (set(), {right.claim.id}, about, explanation))
            sides[0].add(left.claim.id)
    merged: dict[tuple[str, frozenset[str], frozenset[str]], Contradiction] = {}
    for (kind, _, _), (left_ids, right_ids, about, explanation) in groups.items():
        sides = sorted([sorted(left_ids), sorted(right_ids)])
        key = (kind, frozenset(sides[0]), frozenset(sides[1]))
        if key in merged:
            continue
        merged[key] = Contradiction(
            id=stable_id("ctr", kind, *sides[0], "|", *sides[1]),
            about=about,
            claims=sides,
            kind=kind,
            explanation=explanation,
            story_id=story_id if story_id is not None else claims[0].story_id,
        )
    return sorted(merged.values(), key=lambda item: (item.kind, item.id))


def _candidate_pairs(facts: list[ClaimFacts]) -> list[tuple[int, int]]:
    """Index pairs (i < j) that could clash at all, so big stories are not compared all-to-all.

    A numeric clash needs counts on both sides, an attribution clash targets on both sides, and
    a denial a denying claim on one side; every other pair can be passed over unread.
    """
    counted = [i for i, fact in enumerate(facts) if fact.counts]
    targeted = [i for i, fact in enumerate(facts) if fact.targets]
    denying = [i for i, fact in enumerate(facts) if fact.denies]
    pairs: set[tuple[int, int]] = set()
    for group in (counted, targeted):
        pairs.update((a, b) for position, a in enumerate(group) for b in group[position + 1 :])
    for denier in denying:
        pairs.update((min(denier, other), max(denier, other)) for other in range(len(facts)))
    pairs = {(a, b) for a, b in pairs if a != b}
    return sorted(pairs)


def _link_events(facts: list[ClaimFacts], events: list[Event]) -> None:
    """A claim belongs to an event when their evidence overlaps in the same article."""
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for event in events:
        for source in event.sources:
            by_article.setdefault(source.article_id, []).append(
                (source.start, source.end, event.id)
            )
    for fact in facts:
        for claim_source in fact.claim.sources:
            for start, end, event_id in by_article.get(claim_source.article_id, ()):
                if start < claim_source.end and claim_source.start < end:
                    fact.event_ids.add(event_id)


def _same_topic(first: ClaimFacts, second: ClaimFacts) -> bool:
    if first.event_ids and second.event_ids:
        return bool(first.event_ids & second.event_ids)
    if first.places and second.places and not first.places & second.places:
        return False  # two different towns: two incidents
    shared_names = first.names & second.names
    shared_names |= _actors(first) & _actors(second)
    shared_words = (first.keywords & second.keywords) - _TOPIC_NOISE
    return bool(shared_names) or len(shared_words) >= 2


def _actors(facts: ClaimFacts) -> set[str]:
    return {target.actor.lower() for target in facts.targets if target.actor}


def _clashes(
    first: ClaimFacts, second: ClaimFacts
) -> Iterable[tuple[str, str, str, ClaimFacts, ClaimFacts]]:
    yield from _numeric(first, second)
    yield from _denial(first, second)
    yield from _denial(second, first)
    yield from _attribution(first, second)


def _numeric(
    first: ClaimFacts, second: ClaimFacts
) -> Iterable[tuple[str, str, str, ClaimFacts, ClaimFacts]]:
    for a in first.counts:
        for b in second.counts:
            if (a.kind, a.victims) != (b.kind, b.victims) or a.overlaps(b):
                continue
            low, high = (first, second) if a.low < b.low else (second, first)
            low_count, high_count = (a, b) if a.low < b.low else (b, a)
            about = f"How many {_victims(a)} were {a.kind}"
            explanation = (
                f"{low.claim.speaker} gives {_quantity(low_count)}, "
                f"{high.claim.speaker} gives {_quantity(high_count)}; both cannot be right."
            )
            yield "numeric", about, explanation, low, high
            return


def _denial(
    reporter: ClaimFacts, denier: ClaimFacts
) -> Iterable[tuple[str, str, str, ClaimFacts, ClaimFacts]]:
    if reporter.denies or not denier.denies:
        return
    reported = {(count.kind, count.victims) for count in reporter.counts if count.high > 0}
    reported |= reporter.casualty_topics
    shared = sorted(reported & denier.denied_casualties)
    if shared:
        kind, victims = shared[0]
        about = f"Whether {'anyone' if victims == 'unknown' else victims} were {kind}"
        explanation = (
            f"{reporter.claim.speaker} reports {victims if victims != 'unknown' else 'people'} "
            f'{kind} ("{_short(reporter.claim.text)}"); {denier.claim.speaker} denies it '
            f'("{_short(denier.claim.text)}").'
        )
        yield "denial", about, explanation, reporter, denier
        return
    if denier.claim.stance != "deny" or denier.denied_casualties:
        return
    # a plain denial of a reported act: it must repeat that act's specific words
    name_words = {word for name in reporter.names | denier.names for word in name.split()}
    shared_words = (reporter.keywords & denier.keywords) - _TOPIC_NOISE - name_words
    if len(shared_words) >= 2 or (reporter.names & denier.names and shared_words):
        about = f"Whether {_short(reporter.claim.text, 60)}"
        explanation = (
            f'{reporter.claim.speaker} says "{_short(reporter.claim.text)}"; '
            f'{denier.claim.speaker} denies "{_short(denier.claim.text)}".'
        )
        yield "denial", about, explanation, reporter, denier


def _attribution(
    first: ClaimFacts, second: ClaimFacts
) -> Iterable[tuple[str, str, str, ClaimFacts, ClaimFacts]]:
    for a in first.targets:
        for b in second.targets:
            if a.actor and b.actor and a.actor.lower() != b.actor.lower():
                continue
            if a.negative and b.negative:
                continue
            disputed = (same_group(a.group, b.group) and a.negative != b.negative) or (
                not a.negative
                and not b.negative
                and not same_group(a.group, b.group)
                and not _also_named(a.group, second)
                and not _also_named(b.group, first)
            )
            if not disputed:
                continue
            actor = a.actor or b.actor
            subject = f"{actor}'s strikes" if actor else "the strikes"
            about = f"What {subject} hit"
            explanation = (
                f"{first.claim.speaker}: {_target_phrase(a)}; "
                f"{second.claim.speaker}: {_target_phrase(b)}."
            )
            yield "attribution", about, explanation, first, second
            return


def _also_named(group: str, facts: ClaimFacts) -> bool:
    """A claim that itself names the other group as a target is not disputing it."""
    return any(same_group(group, target.group) for target in facts.targets)


def _target_phrase(target: object) -> str:
    negative = getattr(target, "negative", False)
    surface = getattr(target, "surface", "")
    return f"strikes {'mostly did not hit' if negative else 'hit'} {surface}"


def _victims(count: CountRange) -> str:
    return "people" if count.victims == "unknown" else count.victims


def _quantity(count: CountRange) -> str:
    return f'"{count.text}"'


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
