"""Points where independent sources contradict each other about the same incident.

Kinds, each read from the claims' typed facts (see ``structure`` and ``tolls``):

- numeric: two tolls of one kind (killed, injured, arrested, a crowd's size) whose ranges
  cannot both hold ("36" and "27"; "at least 10" and "36" can), unless one is a later update
  ("rose to 29") or a running total ("since the campaign began");
- denial: one source says an actor did the act, the accused denies it; or one source reports
  casualties and another says there were none of that kind;
- attribution: two sources name different perpetrators of the strike on one place;
- target: one source says a strike on a place hit civilians, another that it hit fighters.

Copies count once: claims repeated by copies of one original (same syndication group) are one
claim with several sources, and are never set against each other. Claims of one speaker are
updates, not disputes. Claims naming places far apart are about different incidents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import pairwise

from storyline.claims.extract import OWN_ACCOUNT_SPEAKER
from storyline.claims.facts import TargetAssertion, read_claim, same_group
from storyline.claims.incident import place_key, places_named, same_day, same_place
from storyline.claims.names import CanonicalName, NameBook, name_book
from storyline.claims.structure import fill_structure
from storyline.claims.tolls import read_tolls
from storyline.model import (
    Claim,
    Contradiction,
    ContradictionSide,
    Event,
    Evidence,
    Responsibility,
    Toll,
    stable_id,
)
from storyline.nlp.model import load_nlp

_RUNNING_TOTAL = re.compile(
    r"\b(since|so far|to date|in total|over the past|in the past|over two days|this week|"
    r"this month|this year|overall|now|(war|conflict|offensive|fighting)\b.{0,30}\blives)\b",
    re.I,
)
# "In 2006, 28 people were killed in Qana": a past incident told as background
_BACKGROUND = re.compile(r"^(in\s+|since\s+|back\s+in\s+)?(19|20)\d\d$", re.I)
_SPAN_OF_DAYS = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|ten)\s+(days|weeks|months)\b", re.I
)
_UNCERTAIN = re.compile(
    r"^(whether|if)\b|\b(not clear|unclear|could not (say|tell|confirm))\b", re.I
)
# Words every strike or casualty statement shares; they say nothing of which act is meant.
_TOPIC_NOISE = frozenset(
    {
        "strike", "attack", "raid", "report", "people", "civilian", "casualty", "death",
        "toll", "number", "claim", "time", "day", "week", "area", "official", "statement",
        "target", "operation", "campaign", "force", "fighter", "militant", "group",
    }
)  # fmt: skip
_DENIAL_WORDS = re.compile(
    r"\b(false|untrue|baseless|groundless|unfounded|fabricat\w*|lies|nonsense|propaganda|"
    r"fake|not true|no truth)\b",
    re.I,
)
_TOLL_WHAT = {
    "killed": "Death toll",
    "injured": "Number wounded",
    "arrested": "Number arrested",
    "crowd": "Size of the crowd",
    "missing": "Number missing",
}
# Counts that sources often give in part (the injured taken to one hospital, the arrests in
# one quarter): set against each other only when both name the same place.
PARTIAL_KINDS = frozenset({"injured", "arrested"})
ROUNDING = 0.02  # figures this close are one figure rounded, not a dispute
COPY_OVERLAP = 0.4  # share of words a rewritten copy keeps ("slain" for "killed")
MAX_SIDE = 3  # statements quoted on one side of a plain denial
MIN_SHARED = 2  # things a denial must share with what it denies


@dataclass(slots=True)
class _Statement:
    """One statement, however many copies carry it."""

    claim: Claim
    copies: list[Claim]
    speaker: str  # canonical, lower case
    actor: str  # the body the speaker acts for
    tolls: list[Toll] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    denied_casualties: set[tuple[str, str]] = field(default_factory=set)
    keywords: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    things: set[str] = field(default_factory=set)  # nouns and named bodies, demonyms folded
    nouns: set[str] = field(default_factory=set)
    negated: set[str] = field(default_factory=set)  # what the statement says is not so
    targets: list[TargetAssertion] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [claim.id for claim in self.copies]

    @property
    def place(self) -> str | None:
        return self.claim.place or (sorted(self.places)[0] if self.places else None)


def find_contradictions(
    claims: list[Claim],
    *,
    story_id: str | None = None,
    events: list[Event] | None = None,
    canonical_name: CanonicalName | None = None,
    groups: Mapping[str, str] | None = None,
) -> list[Contradiction]:
    """Contradictions among ``claims`` (one story's worth).

    ``groups`` maps an article id to its syndication group (copies share one); ``events`` is
    accepted for callers that have them, but incidents are judged from the claims' own facts.
    """
    del events  # the event layer is being rebuilt; the claims' places and tolls decide
    if not claims:
        return []
    names = name_book(canonical_name)
    statements = _statements(merge_copies(claims, groups or {}), names, groups or {})
    found: dict[str, Contradiction] = {}
    answered: set[int] = set()  # deniers already set against an accusation
    sid = story_id if story_id is not None else claims[0].story_id
    for record in (
        *_numeric(statements),
        *_denials(statements, names, answered),
        *_casualty_denials(statements),
        *_plain_denials(statements, answered),
        *_attribution(statements, names),
        *_targets(statements),
        *_target_groups(statements),
    ):
        record.story_id = sid
        found.setdefault(record.id, record)
    return sorted(found.values(), key=lambda item: (item.kind, item.id))


# --- copies -----------------------------------------------------------------------------------


def merge_copies(claims: list[Claim], groups: Mapping[str, str]) -> list[list[Claim]]:
    """Claims grouped so that copies of one statement are one group, the first the statement.

    A copy is the same speaker saying the same thing in another article of the same syndication
    group (a rewrite may change a few words: "slain" for "killed"), or the same speaker and the
    very same words anywhere."""
    merged: list[tuple[str, str, set[str], list[Claim]]] = []
    for claim in claims:
        article = claim.sources[0].article_id if claim.sources else claim.id
        group = groups.get(article, article)
        speaker, words = claim.speaker.lower(), set(_words(claim.text).split())
        for other_group, other_speaker, other_words, members in merged:
            if speaker != other_speaker:
                continue
            same_words = words == other_words
            rewrite = group == other_group and _jaccard(words, other_words) >= COPY_OVERLAP
            articles = {source.article_id for member in members for source in member.sources}
            if (same_words or rewrite) and article not in articles:
                members.append(claim)
                break
        else:
            merged.append((group, speaker, words, [claim]))
    return [members for *_, members in merged]


def _jaccard(first: set[str], second: set[str]) -> float:
    return len(first & second) / len(first | second) if first | second else 0.0


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _speaker_key(claim: Claim, names: NameBook, groups: Mapping[str, str]) -> str:
    """Who stands behind a claim: its speaker, or for an outlet's own account the article's
    group of copies (two unnamed articles are two sources, a copy is the same one)."""
    if claim.attributed or not claim.sources or claim.speaker != OWN_ACCOUNT_SPEAKER:
        return names.name(claim.speaker)  # one outlet's articles are one source, updated
    article = claim.sources[0].article_id
    return f"{names.name(claim.speaker)} @{groups.get(article, article)}"


def _statements(
    grouped: list[list[Claim]], names: NameBook, groups: Mapping[str, str]
) -> list[_Statement]:
    nlp = load_nlp()
    firsts = [members[0] for members in grouped]
    statements = []
    for members, doc in zip(grouped, nlp.pipe(c.text for c in firsts), strict=True):
        claim = members[0]
        if claim.content_span is None:  # a record from before claims carried their facts
            claim = fill_structure(replace(claim), doc[:])
        facts = read_claim(claim, doc, names)
        tolls = claim.tolls or ([] if claim.polarity == "denies" else read_tolls(claim.text))
        statements.append(
            _Statement(
                claim=claim,
                copies=members,
                speaker=_speaker_key(claim, names, groups),
                actor=names.actor(claim.speaker).lower(),
                tolls=tolls,
                places=set(facts.places),
                denied_casualties=_denied(facts.denied_casualties)
                if claim.polarity == "denies"
                else set(),
                keywords=facts.keywords,
                names=facts.names,
                things=_things(doc, names),
                targets=facts.targets,
                nouns={token.lemma_.lower() for token in doc if token.pos_ == "NOUN"},
                negated=_negated_things(doc, outright=claim.stance == "deny")
                if claim.polarity == "denies"
                else set(),
            )
        )
    return statements


def _things(doc, names: NameBook) -> set[str]:
    """What a statement is about: its nouns, and its named bodies as the actor they act for
    ("Iranian territory" and "Iran" share Iran)."""
    found = {
        token.lemma_.lower()
        for token in doc
        if token.pos_ == "NOUN" and token.is_alpha and len(token) > 2
    }
    found |= {
        names.actor(ent.text).lower()
        for ent in doc.ents
        if ent.label_ in ("GPE", "NORP", "ORG", "LOC")
    }
    return found - _TOPIC_NOISE


def _negated_things(doc, *, outright: bool) -> set[str]:
    """Nouns a statement negates: 'no base', the objects and subjects of a negated verb, and
    for an outright denial ("denied the reports", "rejected claims") all it mentions."""
    if outright:
        return {token.lemma_.lower() for token in doc if token.pos_ == "NOUN"}
    found: set[str] = set()
    for token in doc:
        if token.pos_ == "NOUN" and any(
            child.dep_ == "det" and child.lower_ == "no" for child in token.children
        ):
            found.add(token.lemma_.lower())
        if any(child.dep_ == "neg" for child in token.children):
            for child in token.children:
                if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and child.pos_ == "NOUN":
                    found.add(child.lemma_.lower())
    return found


def _denied(topics: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """ "No civilians were hurt" denies their deaths too."""
    return topics | {("killed", victims) for kind, victims in topics if kind == "injured"}


def _independent(first: _Statement, second: _Statement) -> bool:
    """Two statements that could dispute: other speakers, other articles' groups."""
    if first.speaker == second.speaker or (
        first.claim.attributed
        and second.claim.attributed
        and _same_actor(first.speaker, second.speaker)
    ):
        return False  # "the VHP" and "a VHP spokesman" are one side
    if set(first.ids) & set(second.ids):
        return False
    return same_day(first.claim.time, second.claim.time)


# --- numeric ----------------------------------------------------------------------------------


def _numeric(statements: list[_Statement]) -> Iterable[Contradiction]:
    """Sources giving one figure form a side; each figure is set against the next higher
    one it cannot agree with."""
    by_kind: dict[str, list[tuple[_Statement, Toll]]] = {}
    for statement in statements:
        when = statement.claim.time or ""
        if (
            _RUNNING_TOTAL.search(statement.claim.text)
            or _BACKGROUND.match(when)
            or _SPAN_OF_DAYS.search(when)
        ):
            continue  # a running total, a past incident, a count over days: no one figure
        for toll in statement.tolls:
            if not toll.update:
                by_kind.setdefault(toll.kind, []).append((statement, toll))
    for kind, items in by_kind.items():
        clusters = _compatible_clusters(items)
        for lower, higher in pairwise(clusters):
            pairs = [(a, b) for a in lower for b in higher if _clash(a[0], a[1], b[0], b[1])]
            if not pairs:
                continue
            left = _unique([a for a, _ in pairs])
            right = _unique([b for _, b in pairs])
            low_toll, high_toll = left[0][1], right[0][1]
            low_side = [statement for statement, _ in left]
            high_side = [statement for statement, _ in right]
            yield _record(
                "numeric",
                f"{_what(kind, low_toll, high_toll)} of {_incident(low_side[0], high_side[0])}: "
                f"{_figure(low_toll)} ({_speakers(low_side)}) vs "
                f"{_figure(high_toll)} ({_speakers(high_side)})",
                f"{_speakers(low_side)}: {_quoted(low_toll)}; "
                f"{_speakers(high_side)}: {_quoted(high_toll)}. Both cannot be right.",
                *_sides(low_side, _figure(low_toll), high_side, _figure(high_toll)),
            )


def _what(kind: str, first: Toll, second: Toll) -> str:
    """ "Death toll", or "Death toll (civilians)" when both count the same named victims."""
    what = _TOLL_WHAT.get(kind, kind)
    if first.victims == second.victims and first.victims != "people":
        what += f" ({first.victims})"
    return what


def _compatible_clusters(
    items: list[tuple[_Statement, Toll]],
) -> list[list[tuple[_Statement, Toll]]]:
    """Figures in rising order, cut wherever a figure cannot agree with one already in the
    cluster: "at least 30" and "36" are one account, "none" another."""
    ordered = sorted(items, key=lambda item: (_low(item[1]), _high(item[1])))
    clusters: list[list[tuple[_Statement, Toll]]] = []
    for item in ordered:
        if clusters and all(_agree(item[1], other[1]) for other in clusters[-1]):
            clusters[-1].append(item)
        else:
            clusters.append([item])
    return clusters


def _low(toll: Toll) -> float:
    return float(toll.low or 0)


def _high(toll: Toll) -> float:
    return float(toll.high) if toll.high is not None else float("inf")


def _agree(a: Toll, b: Toll) -> bool:
    return _low(a) <= _high(b) and _low(b) <= _high(a)


def _quoted(toll: Toll) -> str:
    return f'"{toll.text.strip()}"' if toll.text.strip() else _figure(toll)


def _unique(items: list[tuple[_Statement, Toll]]) -> list[tuple[_Statement, Toll]]:
    seen: dict[int, tuple[_Statement, Toll]] = {}
    for item in items:
        seen.setdefault(id(item[0]), item)
    return list(seen.values())


def _clash(first: _Statement, a: Toll, second: _Statement, b: Toll) -> bool:
    if not _independent(first, second) or not same_place(first.place, second.place):
        return False
    if a.kind in PARTIAL_KINDS and not places_named(first.place, second.place):
        return False  # "15 injured were hospitalised", "six were picked up": often a part
    if a.victims != b.victims and {a.victims, b.victims} != {"people", "civilians"}:
        return False
    if _agree(a, b):
        return False
    a_low, a_high, b_low, b_high = _low(a), _high(a), _low(b), _high(b)
    gap = abs(b_low - a_high) if b_low > a_high else abs(a_low - b_high)
    return gap > ROUNDING * max(a_low, b_low, 1)


def _figure(toll: Toll) -> str:
    if toll.low == toll.high:
        return "none" if toll.low == 0 else f"{toll.low:,}"
    return toll.text.strip() or f"{toll.low:,}+"


# --- denial -----------------------------------------------------------------------------------


def _denials(
    statements: list[_Statement], names: NameBook, answered: set[int]
) -> Iterable[Contradiction]:
    """An accusation against the accused's own denial, one record per accused actor."""
    accusers: dict[str, list[tuple[_Statement, Responsibility]]] = {}
    deniers: dict[str, list[tuple[_Statement, Responsibility]]] = {}
    for statement in statements:
        for item in statement.claim.responsibility:
            actor = names.actor(item.actor).lower()
            if item.polarity == "denies":
                if names.actor(statement.claim.speaker).lower() == actor:
                    deniers.setdefault(actor, []).append((statement, item))
            elif not _UNCERTAIN.search(statement.claim.text):
                accusers.setdefault(actor, []).append((statement, item))
    for actor, denying in deniers.items():
        accusing = [
            (statement, item)
            for accused, items in accusers.items()
            if _same_actor(accused, actor)
            for statement, item in items
            if not _same_actor(statement.actor, actor)
            and any(
                _independent(statement, other) and same_place(statement.place, other.place)
                for other, _ in denying
            )
        ]
        if not accusing:
            continue
        left = _merge_side(
            [statement for statement, _ in accusing], f"{accusing[0][1].actor} did it"
        )
        right = _merge_side([statement for statement, _ in denying], "denied")
        answered.update(id(statement) for statement in right)
        accused = names.actor(accusing[0][1].actor)
        act = denying[0][1].act
        yield _record(
            "denial",
            f"Who carried out the {_act_noun(act)}{_on(left[0], right[0])}: {accused}, "
            f"say {_speakers(left)}; {accused} denies it",
            f"{_speakers(left)} say {accused} was responsible "
            f'("{_short(left[0].claim.text)}"); {_speakers(right)} '
            f'deny it ("{_short(right[0].claim.text)}").',
            *_sides(left, f"{accused} was responsible", right, "denied"),
        )


def _same_actor(first: str, second: str) -> bool:
    """'sudan' and 'sudan armed forces' are one side; 'russia' and 'iran' are not."""
    a = set(re.sub(r"['\u2019]s\b", "", first).split())
    b = set(re.sub(r"['\u2019]s\b", "", second).split())
    return bool(a) and bool(b) and (a <= b or b <= a)


def _casualty_denials(statements: list[_Statement]) -> Iterable[Contradiction]:
    """Casualties reported against a denial that there were any of that kind."""
    for denier in statements:
        if not denier.denied_casualties or _UNCERTAIN.search(denier.claim.text):
            continue
        reporters = [
            statement
            for statement in statements
            if statement.claim.polarity == "asserts"
            and _independent(statement, denier)
            and statement.actor != denier.actor
            and same_place(statement.place, denier.place)
            and any(
                (toll.kind, toll.victims) in denier.denied_casualties and (toll.high or 1) > 0
                for toll in statement.tolls
            )
        ]
        if not reporters:
            continue
        kind, victims = sorted(denier.denied_casualties, key=lambda item: item[0] != "killed")[0]
        who = "anyone" if victims in ("unknown", "people") else victims
        yield _record(
            "denial",
            f"Whether {who} were {kind}{_on(reporters[0], denier, 'in')}: "
            f"{_speakers(reporters)} report it, {denier.claim.speaker} denies it",
            f"{_speakers(reporters)} report {victims} {kind} "
            f'("{_short(reporters[0].claim.text)}"); '
            f'{denier.claim.speaker} denies it ("{_short(denier.claim.text)}").',
            *_sides(reporters, f"{victims} {kind}", [denier], "denied"),
        )


def _plain_denials(statements: list[_Statement], answered: set[int]) -> Iterable[Contradiction]:
    """A statement denied in its own words by another side ("Russia had no base in Iran"
    against "Iran was allowing Russian warplanes to use an air base")."""
    for denier in statements:
        if denier.claim.polarity != "denies" or _UNCERTAIN.search(denier.claim.text):
            continue
        if denier.denied_casualties:
            continue  # a denial of casualties is read against the tolls
        if id(denier) in answered:
            continue  # already set against the accusation it answers
        scored = [
            (len(statement.things & denier.things), statement)
            for statement in statements
            if statement.claim.polarity == "asserts"
            and _independent(statement, denier)
            and not _same_actor(statement.actor, denier.actor)
            and not _UNCERTAIN.search(statement.claim.text)
            and _shares_act(statement, denier)
        ]
        if not scored:
            continue
        best = max(score for score, _ in scored)
        reporters = [statement for score, statement in scored if score == best][:MAX_SIDE]
        yield _record(
            "denial",
            f'Disputed: "{_short(reporters[0].claim.text, 80)}" ({_speakers(reporters)}); '
            f"{denier.claim.speaker} denies it",
            f'{_speakers(reporters)}: "{_short(reporters[0].claim.text)}"; '
            f'{denier.claim.speaker}: "{_short(denier.claim.text)}".',
            *_sides(reporters, "says so", [denier], "denies it"),
        )


def _shares_act(reporter: _Statement, denier: _Statement) -> bool:
    """A denial of what the reporter says: it shares a name with it, and the very thing it
    denies ("no base", "didn't bomb any camps") is a thing the reporter states."""
    shared = reporter.things & denier.things
    denied = shared & denier.negated
    if len(shared) < MIN_SHARED or not denied:
        return False
    return denier.claim.stance == "deny" or bool(shared - reporter.nouns)


# --- attribution and target --------------------------------------------------------------------


def _attribution(statements: list[_Statement], names: NameBook) -> Iterable[Contradiction]:
    """Two sources naming different perpetrators of the strike on one named place."""
    doers = [
        (statement, item)
        for statement in statements
        for item in statement.claim.responsibility
        if item.polarity == "asserts" and not _UNCERTAIN.search(statement.claim.text)
    ]
    for index, (first, a) in enumerate(doers):
        for second, b in doers[index + 1 :]:
            if not _independent(first, second) or not places_named(first.place, second.place):
                continue
            if not same_place(first.place, second.place):
                continue
            actor_a, actor_b = names.actor(a.actor).lower(), names.actor(b.actor).lower()
            if actor_a == actor_b or actor_a in actor_b or actor_b in actor_a:
                continue
            yield _record(
                "attribution",
                f"Who carried out the attack{_on(first, second)}: {a.actor} "
                f"({first.claim.speaker}) vs {b.actor} ({second.claim.speaker})",
                f"{first.claim.speaker} names {a.actor}; {second.claim.speaker} names {b.actor}.",
                *_sides([first], a.actor, [second], b.actor),
            )


def _targets(statements: list[_Statement]) -> Iterable[Contradiction]:
    """The dead of one strike on one place said to be civilians by one source and fighters by
    another: the same place named by both, on the same day."""
    dead: list[tuple[_Statement, str, Toll]] = []
    for statement in statements:
        if statement.claim.polarity != "asserts" or not statement.place:
            continue
        for toll in statement.tolls:
            side = _VICTIM_SIDE.get(toll.victims)
            if toll.kind == "killed" and side and (toll.high or 1) > 0:
                dead.append((statement, side, toll))
    for index, (first, side_a, toll_a) in enumerate(dead):
        for second, side_b, toll_b in dead[index + 1 :]:
            if side_a == side_b or not _independent(first, second):
                continue
            if place_key(first.place or "") != place_key(second.place or ""):
                continue
            if _same_actor(first.actor, second.actor):
                continue
            civilian, military = (first, second) if side_a == "civilian" else (second, first)
            c_toll, m_toll = (toll_a, toll_b) if side_a == "civilian" else (toll_b, toll_a)
            yield _record(
                "target",
                f"Who was killed in the strike on {first.place}: {c_toll.victims} "
                f"({civilian.claim.speaker}) vs {m_toll.victims} ({military.claim.speaker})",
                f"{civilian.claim.speaker} says the dead were {c_toll.victims}; "
                f"{military.claim.speaker} says they were {m_toll.victims}.",
                *_sides([civilian], c_toll.victims, [military], m_toll.victims),
            )


def _target_groups(statements: list[_Statement]) -> Iterable[Contradiction]:
    """What one actor's strikes hit: one source names a group another says was (mostly) not
    hit ("only five percent targeted ISIS"), or two sources name different groups hit at one
    named place ("Islamic State targets near Talbiseh" against "Islamist rebels near Talbiseh").
    """
    for index, first in enumerate(statements):
        for second in statements[index + 1 :]:
            if not _independent(first, second):
                continue
            clash = _group_clash(first, second)
            if clash is None:
                continue
            a, b = clash
            actor = a.actor or b.actor
            subject = f"{actor}'s strikes" if actor else "the strikes"
            yield _record(
                "target",
                f"What {subject}{_on(first, second)} hit: {_target_phrase(a)} "
                f"({first.claim.speaker}) vs {_target_phrase(b)} ({second.claim.speaker})",
                f"{first.claim.speaker}: strikes {_target_phrase(a)}; "
                f"{second.claim.speaker}: strikes {_target_phrase(b)}.",
                *_sides([first], _target_phrase(a), [second], _target_phrase(b)),
            )


def _group_clash(
    first: _Statement, second: _Statement
) -> tuple[TargetAssertion, TargetAssertion] | None:
    for a in first.targets:
        for b in second.targets:
            if a.actor and b.actor and a.actor.lower() != b.actor.lower():
                continue
            if a.negative and b.negative:
                continue
            if same_group(a.group, b.group):
                if a.negative != b.negative:
                    return a, b
                continue
            one_place = places_named(first.place, second.place) and place_key(
                first.place or ""
            ) == place_key(second.place or "")
            named_elsewhere = any(same_group(a.group, t.group) for t in second.targets) or any(
                same_group(b.group, t.group) for t in first.targets
            )
            if one_place and not a.negative and not b.negative and not named_elsewhere:
                return a, b
    return None


def _target_phrase(target: TargetAssertion) -> str:
    return f"{'mostly did not hit' if target.negative else 'hit'} {target.surface}"


_VICTIM_SIDE = {"civilians": "civilian", "militants": "military", "rebels": "military"}


# --- records ----------------------------------------------------------------------------------


def _record(
    kind: str,
    about: str,
    explanation: str,
    left: tuple[_Statement, str] | ContradictionSide,
    right: tuple[_Statement, str] | ContradictionSide,
) -> Contradiction:
    sides = [_side(item) for item in (left, right)]
    sides.sort(key=lambda side: side.claims)
    ids = [side.claims for side in sides]
    return Contradiction(
        id=stable_id("ctr", kind, *ids[0], "|", *ids[1]),
        about=about,
        claims=ids,
        kind=kind,
        explanation=explanation,
        sides=sides,
    )


def _side(item: tuple[_Statement, str] | ContradictionSide) -> ContradictionSide:
    if isinstance(item, ContradictionSide):
        return item
    statement, value = item
    return ContradictionSide(
        claims=sorted(statement.ids),
        speakers=[statement.claim.speaker],
        value=value,
        evidence=_evidence([statement]),
    )


def _sides(
    left: list[_Statement], left_value: str, right: list[_Statement], right_value: str
) -> tuple[ContradictionSide, ContradictionSide]:
    def build(statements: list[_Statement], value: str) -> ContradictionSide:
        return ContradictionSide(
            claims=sorted({cid for statement in statements for cid in statement.ids}),
            speakers=list(dict.fromkeys(statement.claim.speaker for statement in statements)),
            value=value,
            evidence=_evidence(statements),
        )

    return build(left, left_value), build(right, right_value)


def _merge_side(statements: list[_Statement], _value: str) -> list[_Statement]:
    seen: dict[int, _Statement] = {}
    for statement in statements:
        seen.setdefault(id(statement), statement)
    return list(seen.values())


def _evidence(statements: list[_Statement]) -> list[Evidence]:
    return [
        source for statement in statements for claim in statement.copies for source in claim.sources
    ]


def _incident(first: _Statement, second: _Statement) -> str:
    place = first.place or second.place
    when = first.claim.time or second.claim.time
    text = "the attack"
    if place:
        text += f" on {place}"
    if when:
        text += f", {when}"
    return text


def _on(first: _Statement, second: _Statement, word: str = "on") -> str:
    place = first.place or second.place
    return f" {word} {place}" if place else ""


def _act_noun(act: str) -> str:
    return {"bomb": "bombing", "shell": "shelling", "shoot": "shooting", "raid": "raid"}.get(
        act, "attack"
    )


def _speakers(statements: list[_Statement]) -> str:
    names: dict[str, str] = {}
    for statement in statements:
        names.setdefault(statement.claim.speaker.lower(), statement.claim.speaker)
    return ", ".join(names.values())


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
