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

from storyline.claims.facts import TargetAssertion, same_group
from storyline.claims.incident import place_key, places_named, same_place
from storyline.claims.names import CanonicalName, NameBook, name_book
from storyline.claims.statements import (
    Statement,
    independent,
    merge_copies,
    same_actor,
    statements_of,
)
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
_DENIAL_WORDS = re.compile(
    r"\b(false|untrue|baseless|groundless|unfounded|fabricat\w*|lies|nonsense|propaganda|"
    r"fake|not true|no truth)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(we|our|us)\b", re.I)
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
RUNNING_WINDOW = 60  # characters either side of a figure read for "since", "so far"
ROUNDING = 0.05  # figures this close (40 and 42) are one count rounded or updated
MAX_SIDE = 3  # statements quoted on one side of a plain denial
MIN_SHARED = 2  # things a denial must share with what it denies


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
    statements = statements_of(merge_copies(claims, groups or {}), names, groups or {})
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


# --- numeric ----------------------------------------------------------------------------------


def _numeric(statements: list[Statement]) -> Iterable[Contradiction]:
    """Sources giving one figure form a side; each figure is set against the next higher
    one it cannot agree with."""
    by_kind: dict[str, list[tuple[Statement, Toll]]] = {}
    for statement in statements:
        when = statement.claim.time or ""
        if _BACKGROUND.match(when) or _SPAN_OF_DAYS.search(when):
            continue  # a past incident, a count over days: no one incident's figure
        for toll in statement.tolls:
            if not toll.update and not _running_total(statement.claim.text, toll):
                by_kind.setdefault(toll.kind, []).append((statement, toll))
    for kind, items in by_kind.items():
        clusters = _compatible_clusters(items)
        for index, lower in enumerate(clusters):
            pairs = _first_clash(lower, clusters[index + 1 :])
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


def _first_clash(
    lower: list[tuple[Statement, Toll]], higher: list[list[tuple[Statement, Toll]]]
) -> list[tuple[tuple[Statement, Toll], tuple[Statement, Toll]]]:
    """The pairs between a figure and the next higher one it cannot agree with; a figure
    within rounding of it is passed over ("40", "42", "at least 43": 40 against 43)."""
    for cluster in higher:
        pairs = [(a, b) for a in lower for b in cluster if _clash(a[0], a[1], b[0], b[1])]
        if pairs:
            return pairs
        if not any(_rounded(a[1], b[1]) for a in lower for b in cluster):
            return []
    return []


def _running_total(text: str, toll: Toll) -> bool:
    """ "at least 39 civilians had been killed since the campaign began": a total, read in
    the words around the figure (another clause of the sentence may give one incident's)."""
    at = text.find(toll.text) if toll.text else -1
    if at < 0:
        return bool(_RUNNING_TOTAL.search(text))
    window = text[max(0, at - RUNNING_WINDOW) : at + len(toll.text) + RUNNING_WINDOW]
    return bool(_RUNNING_TOTAL.search(window))


def _what(kind: str, first: Toll, second: Toll) -> str:
    """ "Death toll", or "Death toll (civilians)" when both count the same named victims."""
    what = _TOLL_WHAT.get(kind, kind)
    if first.victims == second.victims and first.victims != "people":
        what += f" ({first.victims})"
    return what


def _compatible_clusters(
    items: list[tuple[Statement, Toll]],
) -> list[list[tuple[Statement, Toll]]]:
    """Figures in rising order, cut wherever a figure cannot agree with one already in the
    cluster: "at least 30" and "36" are one account, "none" another."""
    ordered = sorted(items, key=lambda item: (_low(item[1]), _high(item[1])))
    clusters: list[list[tuple[Statement, Toll]]] = []
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


def _unique(items: list[tuple[Statement, Toll]]) -> list[tuple[Statement, Toll]]:
    seen: dict[int, tuple[Statement, Toll]] = {}
    for item in items:
        seen.setdefault(id(item[0]), item)
    return list(seen.values())


def _clash(first: Statement, a: Toll, second: Statement, b: Toll) -> bool:
    if not independent(first, second) or not same_place(first.place, second.place):
        return False
    if a.kind in PARTIAL_KINDS and not places_named(first.place, second.place):
        return False  # "15 injured were hospitalised", "six were picked up": often a part
    if a.victims != b.victims and {a.victims, b.victims} != {"people", "civilians"}:
        return False
    return not _agree(a, b) and not _rounded(a, b)


def _rounded(a: Toll, b: Toll) -> bool:
    """Two figures within rounding of each other ("40" and "42"): one count, not two."""
    a_low, a_high, b_low, b_high = _low(a), _high(a), _low(b), _high(b)
    gap = abs(b_low - a_high) if b_low > a_high else abs(a_low - b_high)
    return gap <= ROUNDING * max(a_low, b_low, 1)


def _figure(toll: Toll) -> str:
    if toll.low == toll.high:
        return "none" if toll.low == 0 else f"{toll.low:,}"
    return toll.text.strip() or f"{toll.low:,}+"


# --- denial -----------------------------------------------------------------------------------


def _denials(
    statements: list[Statement], names: NameBook, answered: set[int]
) -> Iterable[Contradiction]:
    """An accusation against the accused's own denial, one record per accused actor."""
    accusers: dict[str, list[tuple[Statement, Responsibility]]] = {}
    deniers: dict[str, list[tuple[Statement, Responsibility]]] = {}
    for statement in statements:
        for item in statement.claim.responsibility:
            actor = names.actor(item.actor).lower()
            if item.polarity == "denies":
                own = names.actor(statement.claim.speaker).lower() == actor
                if own or _FIRST_PERSON.search(statement.claim.text):  # the accused itself
                    deniers.setdefault(actor, []).append((statement, item))
            elif not _UNCERTAIN.search(statement.claim.text):
                accusers.setdefault(actor, []).append((statement, item))
    for actor, denying in _fold_actors(deniers).items():
        accusing = [
            (statement, item)
            for accused, items in accusers.items()
            if same_actor(accused, actor)
            for statement, item in items
            if not same_actor(statement.actor, actor)
            and any(
                independent(statement, other) and same_place(statement.place, other.place)
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


def _fold_actors(
    by_actor: dict[str, list[tuple[Statement, Responsibility]]],
) -> dict[str, list[tuple[Statement, Responsibility]]]:
    """One entry per side: "sudan" and "sudan armed forces" deny as one."""
    folded: dict[str, list[tuple[Statement, Responsibility]]] = {}
    for actor in sorted(by_actor, key=len):
        key = next((known for known in folded if same_actor(known, actor)), actor)
        folded.setdefault(key, []).extend(by_actor[actor])
    return folded


def _casualty_denials(statements: list[Statement]) -> Iterable[Contradiction]:
    """Casualties reported against a denial that there were any of that kind."""
    for denier in statements:
        if not denier.denied_casualties or _UNCERTAIN.search(denier.claim.text):
            continue
        reporters = [
            statement
            for statement in statements
            if statement.claim.polarity == "asserts"
            and independent(statement, denier)
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


def _plain_denials(statements: list[Statement], answered: set[int]) -> Iterable[Contradiction]:
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
            and independent(statement, denier)
            and not same_actor(statement.actor, denier.actor)
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


def _shares_act(reporter: Statement, denier: Statement) -> bool:
    """A denial of what the reporter says: it shares a name with it, and the very thing it
    denies ("no base", "didn't bomb any camps") is a thing the reporter states."""
    shared = reporter.things & denier.things
    denied = shared & denier.negated
    if len(shared) < MIN_SHARED or not denied:
        return False
    return denier.claim.stance == "deny" or bool(shared - reporter.nouns)


# --- attribution and target --------------------------------------------------------------------


def _attribution(statements: list[Statement], names: NameBook) -> Iterable[Contradiction]:
    """Two sources naming different perpetrators of the strike on one named place."""
    doers = [
        (statement, item)
        for statement in statements
        for item in statement.claim.responsibility
        if item.polarity == "asserts" and not _UNCERTAIN.search(statement.claim.text)
    ]
    for index, (first, a) in enumerate(doers):
        for second, b in doers[index + 1 :]:
            if not independent(first, second) or not places_named(first.place, second.place):
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


def _targets(statements: list[Statement]) -> Iterable[Contradiction]:
    """The dead of one strike on one place said to be civilians by one source and fighters by
    another: the same place named by both, on the same day."""
    dead: list[tuple[Statement, str, Toll]] = []
    for statement in statements:
        if statement.claim.polarity != "asserts" or not statement.place:
            continue
        for toll in statement.tolls:
            side = _VICTIM_SIDE.get(toll.victims)
            if toll.kind == "killed" and side and (toll.high or 1) > 0:
                dead.append((statement, side, toll))
    for index, (first, side_a, toll_a) in enumerate(dead):
        for second, side_b, toll_b in dead[index + 1 :]:
            if side_a == side_b or not independent(first, second):
                continue
            if place_key(first.place or "") != place_key(second.place or ""):
                continue
            if same_actor(first.actor, second.actor):
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


def _target_groups(statements: list[Statement]) -> Iterable[Contradiction]:
    """What one actor's strikes hit: one source names a group another says was (mostly) not
    hit ("only five percent targeted ISIS"), or two sources name different groups hit at one
    named place ("Islamic State targets near Talbiseh" against "Islamist rebels near Talbiseh").
    """
    for index, first in enumerate(statements):
        for second in statements[index + 1 :]:
            if not independent(first, second):
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
    first: Statement, second: Statement
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
    left: tuple[Statement, str] | ContradictionSide,
    right: tuple[Statement, str] | ContradictionSide,
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


def _side(item: tuple[Statement, str] | ContradictionSide) -> ContradictionSide:
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
    left: list[Statement], left_value: str, right: list[Statement], right_value: str
) -> tuple[ContradictionSide, ContradictionSide]:
    def build(statements: list[Statement], value: str) -> ContradictionSide:
        return ContradictionSide(
            claims=sorted({cid for statement in statements for cid in statement.ids}),
            speakers=list(dict.fromkeys(statement.claim.speaker for statement in statements)),
            value=value,
            evidence=_evidence(statements),
        )

    return build(left, left_value), build(right, right_value)


def _merge_side(statements: list[Statement], _value: str) -> list[Statement]:
    seen: dict[int, Statement] = {}
    for statement in statements:
        seen.setdefault(id(statement), statement)
    return list(seen.values())


def _evidence(statements: list[Statement]) -> list[Evidence]:
    return [
        source for statement in statements for claim in statement.copies for source in claim.sources
    ]


def _incident(first: Statement, second: Statement) -> str:
    place = first.place or second.place
    when = first.claim.time or second.claim.time
    text = "the attack"
    if place:
        text += f" on {place}"
    if when:
        text += f", {when}"
    return text


def _on(first: Statement, second: Statement, word: str = "on") -> str:
    place = first.place or second.place
    return f" {word} {place}" if place else ""


def _act_noun(act: str) -> str:
    return {"bomb": "bombing", "shell": "shelling", "shoot": "shooting", "raid": "raid"}.get(
        act, "attack"
    )


def _speakers(statements: list[Statement]) -> str:
    names: dict[str, str] = {}
    for statement in statements:
        names.setdefault(statement.claim.speaker.lower(), statement.claim.speaker)
    return ", ".join(names.values())


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
