"""Fold an article's event mentions into incidents, and code each incident as ACLED would.

"The strike", "the attack" and a repeated toll refer back to an incident already told, so a
mention joins the incident whose type, place and day it does not contradict; a mention that
names another town or another day starts a new one (ACLED splits by place and day). Each
incident then becomes one event: the most specific cue's type, the most precise place, the day
the text gives (else the article's date, at week precision), the lowest toll reported, and
actors named as ACLED names them, with the codebook's conventions for each type (a riot's
actor is rioters, a protest's protesters, violence against civilians hits civilians).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from storyline.events import lexicon as lx
from storyline.events import taxonomy as tx
from storyline.events.actors import (
    CIVILIAN,
    POLICE_WORDS,
    POLITICAL_MILITIA,
    PROTESTER,
    RIOTER,
    Actor,
    country_name,
    with_country,
    with_forces,
)
from storyline.events.classify import Typing
from storyline.events.mentions import EventMention, located, place_rank, same_spot
from storyline.model import Article, Event, EventLocation, Evidence, Fatalities, stable_id
from storyline.places.resolver import ResolvedPlace


@dataclass(slots=True)
class Incident:
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def place(self) -> ResolvedPlace | None:
        placed = [m.place for m in self.mentions if m.place is not None]
        return min(placed, key=place_rank) if placed else None

    @property
    def day(self) -> tuple[date, date] | None:
        dated = [m.date.interval for m in self.mentions if m.date and m.date.interval]
        return dated[0] if dated else None

    @property
    def family(self) -> str:
        return self.mentions[0].family


def places_agree(a: ResolvedPlace | None, b: ResolvedPlace | None) -> bool | None:
    """True same place (or one inside the other), False different, None when one is unknown."""
    if a is None or b is None:
        return None
    if same_spot(a, b):
        return True
    if not located(a) or not located(b):
        # A named locality and a town: the locality may lie in the town; two localities differ.
        return False if not located(a) and not located(b) else None
    wide, narrow = (a, b) if place_rank(a) > place_rank(b) else (b, a)
    if place_rank(wide) == place_rank(narrow):
        return False
    if wide.feature == "country":
        return wide.country_code == narrow.country_code
    return bool(wide.admin1 and wide.admin1 == narrow.admin1)


def days_agree(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool | None:
    if a is None or b is None:
        return None
    return a[0] <= b[1] and b[0] <= a[1]


# Reports of one incident name it with different words: an air strike that killed civilians
# is also "an attack", a riot also "the protest". Types in one group can be one incident; the
# incident's type is then decided over all its mentions (``incident_typing``).
GROUP_OF = {
    tx.EXPLOSIONS: "violence",
    tx.BATTLES: "violence",
    tx.VIOLENCE_AGAINST_CIVILIANS: "violence",
    tx.PROTESTS: "protest",
    tx.RIOTS: "riot",
}


def type_group(mention: EventMention) -> str:
    return GROUP_OF.get(mention.family) or mention.typing.sub_event_type


def _fits(mention: EventMention, incident: Incident) -> int | None:
    """How well a mention fits an incident (higher is better), or None if it contradicts it."""
    if type_group(mention) != type_group(incident.mentions[0]):
        return None
    # ACLED splits by actor pair: "jets struck X while rebels seized Y" is two events.
    theirs = {a.name for m in incident.mentions for a in m.actors}
    mine = {a.name for a in mention.actors}
    if mine and theirs and not mine & theirs and mention.family != incident.family:
        return None
    place = places_agree(mention.place, incident.place)
    if place is None and mention.place is not None and incident.place is not None:
        # A named locality and a known town: the same place only when one sentence names both
        # ("the Astodia area of Ahmedabad"); two places named apart are two places.
        place = _named_together(mention, incident)
    day = days_agree(mention.date.interval if mention.date else None, incident.day)
    if place is False or day is False:
        return None
    return 2 * bool(place) + bool(day)


def _named_together(mention: EventMention, incident: Incident) -> bool:
    """Whether some one sentence of the mention or the incident names both their places."""
    names = [(p.text or p.name).lower() for p in (mention.place, incident.place) if p]
    return any(
        all(name in m.sentence.text.lower() for name in names)
        for m in [mention, *incident.mentions]
    )


def group_mentions(mentions: Sequence[EventMention]) -> list[Incident]:
    """Incidents in order of first mention; each mention joins the incident it fits best."""
    incidents: list[Incident] = []
    for mention in mentions:
        scored = [
            (score, i)
            for i, inc in enumerate(incidents)
            if (score := _fits(mention, inc)) is not None
        ]
        if scored:
            best = max(scored)[1]
            incidents[best].mentions.append(mention)
        else:
            incidents.append(Incident([mention]))
    return incidents


# Within a group, the codebook's precedence: a demonstration that turned violent is a riot; an
# attack on civilians carried out with explosives is an explosion, not "Violence against
# civilians".
_PRECEDENCE = {
    tx.RIOTS: 3,
    tx.PROTESTS: 1,
    tx.EXPLOSIONS: 3,
    tx.BATTLES: 2,
    tx.VIOLENCE_AGAINST_CIVILIANS: 1,
}
# A type needs this much cue weight over the incident's mentions before it outranks another.
MIN_TYPE_WEIGHT = 0.6


def incident_typing(mentions: Sequence[EventMention]) -> Typing:
    """The incident's type: by the codebook's precedence among well-supported types, then
    the most specific cue."""
    weight: Counter[str] = Counter()
    for mention in mentions:
        weight[mention.family] += mention.typing.strength
    supported = [t for t, w in weight.items() if w >= MIN_TYPE_WEIGHT] or list(weight)
    family = max(supported, key=lambda t: (_PRECEDENCE.get(t, 0), weight[t]))
    candidates = [m.typing for m in mentions if m.family == family]
    best = max(candidates, key=lambda t: (_SUBTYPE_RANK.get(t.sub_event_type, 0), t.strength))
    if family == tx.RIOTS:
        return _riot_kind(best, mentions)
    if family == tx.EXPLOSIONS:
        return _explosion_kind(best, mentions)
    return best


# Among explosions, the instrument the codebook names first: a chemical or suicide attack, then
# aircraft ("bombs dropped by jets" is an air strike, not an IED), then artillery.
_SUBTYPE_RANK = {
    tx.CHEMICAL_WEAPON: 5,
    tx.SUICIDE_BOMB: 4,
    tx.AIR_STRIKE: 3,
    tx.SHELLING: 2,
    tx.GRENADE: 1,
}
_DEMONSTRATION = re.compile(lx.PROTEST)
_MOB = re.compile(lx.MOB)


def _riot_kind(typing: Typing, mentions: Sequence[EventMention]) -> Typing:
    """ACLED: violence by demonstrators is a violent demonstration; by a mob with no
    demonstration (communal clashes, lynchings) it is mob violence."""
    texts = " ".join(m.sentence.text.lower() for m in mentions)
    demonstration = len(_DEMONSTRATION.findall(texts))
    mob = len(_MOB.findall(texts))
    kind = tx.VIOLENT_DEMONSTRATION if demonstration and demonstration >= mob else tx.MOB_VIOLENCE
    return Typing(kind, typing.start, typing.end, typing.cue, typing.strength)


_AIRBORNE = re.compile(
    lx.AIR + r"|\b(?:aerial|aircraft|antonov|bombers?|helicopters?|gunships?|dropped bombs|"
    r"bombs? fell|barrel bombs?)\b"
)


def _explosion_kind(typing: Typing, mentions: Sequence[EventMention]) -> Typing:
    """Bombs dropped from aircraft are an air strike, not a planted explosive."""
    if typing.sub_event_type != tx.REMOTE_EXPLOSIVE:
        return typing
    if any(_AIRBORNE.search(m.sentence.text.lower()) for m in mentions):
        return Typing(tx.AIR_STRIKE, typing.start, typing.end, typing.cue, typing.strength)
    return typing


def _geo_precision(place: ResolvedPlace, near: bool) -> int:
    rank = place_rank(place)
    if rank == 1:
        return 2 if near else 1
    return 2 if rank == 2 else 3


def _location(place: ResolvedPlace, near: bool) -> EventLocation:
    return EventLocation(
        name=place.name,
        lat=place.lat if located(place) else None,
        lon=place.lon if located(place) else None,
        country_code=place.country_code,
        admin1=place.admin1,
        feature=place.feature,
        geo_precision=_geo_precision(place, near),
    )


def _choose_place(
    incident: Incident, fallback: ResolvedPlace | None
) -> tuple[ResolvedPlace, bool] | None:
    placed = [(m.place, m.near) for m in incident.mentions if m.place is not None]
    if not placed:
        return (fallback, False) if fallback is not None else None
    best_rank = min(place_rank(p) for p, _ in placed)
    counts = Counter(p.name for p, _ in placed if place_rank(p) == best_rank)
    name = counts.most_common(1)[0][0]
    return next((p, near) for p, near in placed if p.name == name)


def _actors_in_order(mentions: Sequence[EventMention], attr: str) -> list[Actor]:
    ordered = sorted(mentions, key=lambda m: -m.typing.strength)
    found: list[Actor] = []
    for mention in ordered:
        for actor in getattr(mention, attr):
            if all(actor.name != a.name for a in found):
                found.append(actor)
    return found


def _conventions(
    sub_type: str,
    actors: list[Actor],
    targets: list[Actor],
    country: str | None,
    fatalities: list[Fatalities],
    police_named: bool = False,
) -> tuple[list[Actor], list[Actor]]:
    """ACLED's codebook conventions for who is actor1 and actor2 of each event type."""
    event_type = tx.EVENT_TYPE_OF[sub_type]
    civilians = [a for a in actors if a.inter == CIVILIAN]
    actors = [a for a in actors if a.inter != CIVILIAN]
    targets = civilians + [t for t in targets if all(t.name != c.name for c in civilians)]
    if event_type == tx.PROTESTS:
        named = [a for a in actors if a.inter not in (PROTESTER, RIOTER, 1)]
        police = [a for a in actors if a.inter == 1]
        actors = [Actor(with_country("Protesters", country), PROTESTER), *named]
        targets = police + [t for t in targets if t.inter == 1]
        if sub_type == tx.PEACEFUL_PROTEST:
            targets = []
    elif event_type == tx.RIOTS:
        named = [a for a in actors if a.inter not in (PROTESTER, RIOTER, 1)]
        police = [a for a in actors if a.inter == 1]
        if police_named and not police and not any(t.inter == 1 for t in targets):
            police = [Actor(with_forces("Police", country), 1)]
        actors = [Actor(with_country("Rioters", country), RIOTER), *named]
        targets = police + [t for t in targets if all(t.name != p.name for p in police)]
    if not actors and (
        event_type == tx.VIOLENCE_AGAINST_CIVILIANS
        or sub_type in (tx.REMOTE_EXPLOSIVE, tx.GRENADE, tx.SUICIDE_BOMB)
    ):
        # ACLED's name for a perpetrator the report does not identify.
        actors = [Actor(with_country("Unidentified Armed Group", country), POLITICAL_MILITIA)]
    if event_type == tx.VIOLENCE_AGAINST_CIVILIANS and not any(
        t.inter == CIVILIAN for t in targets
    ):
        targets = [Actor(with_country("Civilians", country), CIVILIAN), *targets]
    if (
        event_type in (tx.EXPLOSIONS, tx.BATTLES)
        and not targets
        and any(f.victims in ("civilians", "children", "women") for f in fatalities)
    ):
        targets = [Actor(with_country("Civilians", country), CIVILIAN)]
    return actors, targets


def _lowest_first(mentions: Sequence[EventMention]) -> list[Fatalities]:
    seen: list[Fatalities] = []
    for mention in mentions:
        for report in mention.fatalities:
            key = (report.count, report.min, report.max)
            if all(key != (f.count, f.min, f.max) for f in seen):
                seen.append(report)

    def low(f: Fatalities) -> int:
        for value in (f.count, f.min, f.max):
            if value is not None:
                return value
        return 0

    return sorted(seen, key=low)


def _evidence(mentions: Sequence[EventMention]) -> list[Evidence]:
    found: list[Evidence] = []
    for mention in mentions:
        if all(mention.evidence.start != e.start for e in found):
            found.append(mention.evidence)
    return sorted(found, key=lambda e: e.start)


def code_incident(
    article: Article,
    incident: Incident,
    *,
    fallback_place: ResolvedPlace | None,
    fallback_country: str | None,
    fallback_day: str | None = None,
) -> Event:
    """The one event record of an incident."""
    mentions = incident.mentions
    typing = incident_typing(mentions)
    chosen = _choose_place(incident, fallback_place)
    country = country_name(chosen[0].country_code) if chosen else fallback_country
    fatalities = _lowest_first(mentions)
    actors, targets = _conventions(
        typing.sub_event_type,
        _actors_in_order(mentions, "actors"),
        _actors_in_order(mentions, "targets"),
        country,
        fatalities,
        police_named=any(POLICE_WORDS & set(m.sentence.text.lower().split()) for m in mentions),
    )
    readings = [m.date for m in mentions if m.date and m.date.value is not None]
    # The most precise day any mention gives ("on Sunday" beats "this week").
    dated = min(readings, key=lambda d: d.precision) if readings else None
    unresolved = next((m.date for m in mentions if m.date and m.date.value is None), None)
    evidence = _evidence(mentions)
    event = Event(
        id=stable_id(
            "evt",
            article.id,
            *(str(e.start) for e in evidence),
            typing.sub_event_type,
            chosen[0].name if chosen else "",
        ),
        event_type=typing.event_type,
        sub_event_type=typing.sub_event_type,
        story_id=article.story_id,
        actors=[a.name for a in actors],
        targets=[t.name for t in targets],
        locations=[_location(*chosen)] if chosen else [],
        fatalities=fatalities,
        reported_by=_reporters(mentions),
        actors_as_written=_phrases(mentions, "actor_phrases"),
        targets_as_written=_phrases(mentions, "target_phrases"),
        sources=evidence,
        independent_sources=1,
    )
    if dated is not None:
        event.date, event.date_text, event.time_precision = dated.value, dated.text, dated.precision
    elif unresolved is not None:
        # "On Friday" with no article date yet: kept, to be read again once the article is
        # dated by its peers (``dating.redate_events``).
        event.date_text = unresolved.text
    elif fallback_day or article.published:
        # ACLED: with no day in the text, the report's news day (else its date), week precision.
        event.date, event.time_precision = (fallback_day or (article.published or "")[:10]), 2
    event.confidence = _confidence(typing.strength, event, dated is not None)
    return event


def _phrases(mentions: Sequence[EventMention], attr: str) -> list[str]:
    found: list[str] = []
    for mention in mentions:
        for phrase in getattr(mention, attr):
            if phrase and phrase not in found:
                found.append(phrase)
    return found


def _reporters(mentions: Sequence[EventMention]) -> list[str]:
    found: list[str] = []
    for mention in mentions:
        for name in mention.reporters:
            if name not in found:
                found.append(name)
    return found


def _confidence(strength: float, event: Event, dated: bool) -> float:
    score = 0.45 * strength
    score += 0.15 if event.actors else 0.0
    score += 0.1 if event.targets or event.fatalities else 0.0
    score += 0.15 if event.locations else 0.0
    score += 0.1 if dated else 0.0
    score += min(0.05 * (len(event.sources) - 1), 0.1)
    return round(min(score, 0.95), 3)


__all__ = [
    "Incident",
    "code_incident",
    "days_agree",
    "group_mentions",
    "places_agree",
    "with_forces",
]
