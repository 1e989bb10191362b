"""Events, one per incident: find the sentences that report one, read each, fold them.

Three steps, each in its own module: ``mentions`` reads every sentence that reports an
incident that happened (``occurrence`` is the gate that turns away background, plans,
denials, statements, metaphors and the like), ``incidents`` folds an article's mentions of one
incident together and codes it as ACLED would, and this module connects them to the other
stages' findings for the article (canonical entities, places, dates), which arrive in an
``EventContext``. Without one, the extractor reads them itself, so it also runs alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from storyline.events import lexicon as lx
from storyline.events import taxonomy as tx
from storyline.events.actors import Actor, country_name
from storyline.events.classify import Typing, classify
from storyline.events.incidents import Incident, code_incident, group_mentions
from storyline.events.mentions import (
    EventMention,
    distinct_towns,
    event_places,
    evidence_of,
    is_anaphoric,
    name_spans,
    paragraph_of,
    place_rank,
    read_date,
    read_fatalities,
    sentence_items,
    unresolved_localities,
)
from storyline.events.occurrence import background_date, irrealis_or_generic, not_an_occurrence
from storyline.events.roles import Roles, cue_head, find_roles, is_speech
from storyline.model import Article, Event
from storyline.nlp.entities import EntityMention
from storyline.places.resolver import ResolvedPlace
from storyline.time.tagger import Timex

# Strategic developments are coded only on a specific cue (an arrest, a seizure of weapons);
# the vaguer ones ("fled", "deployed", "agreed") are mostly not incidents.
MIN_STRATEGIC_STRENGTH = 0.65
TERRITORIAL = frozenset(
    {tx.GOVERNMENT_REGAINS, tx.NON_STATE_OVERTAKES, tx.NON_VIOLENT_TRANSFER, tx.HEADQUARTERS}
)


@dataclass(frozen=True, slots=True)
class EventOptions:
    """The extractor's tunable thresholds (fitted on the events-e2e dev set)."""

    min_strategic_strength: float = MIN_STRATEGIC_STRENGTH
    background_days: int = 31


@dataclass(slots=True)
class EventContext:
    """What the other stages found in the article: the extractor's only view of them."""

    entities: Sequence[EntityMention] = field(default_factory=list)
    places: Sequence[ResolvedPlace] = field(default_factory=list)
    timexes: Sequence[Timex] = field(default_factory=list)

    @classmethod
    def read(cls, article: Article, doc: Doc) -> EventContext:
        """Run the entity, place and date stages on one parse (for use outside a pipeline)."""
        from storyline.nlp import extract_entities, load_aliases
        from storyline.places import geoparse
        from storyline.time import tag_times

        return cls(
            entities=extract_entities(article, doc, load_aliases(None)),
            places=geoparse(doc),
            timexes=tag_times(article.text, article.published, doc=doc),
        )


# Clause links that join two separately asserted events ("jets struck X while rebels seized Y").
_COORDINATE_MARKS = frozenset({"while", "as", "whereas", "meanwhile"})


def _coordinate_clauses(sentence: Span) -> list[Token]:
    """Heads of clauses with their own subject that report something beside the main clause."""
    heads: list[Token] = []
    for token in sentence:
        if token.pos_ not in ("VERB", "AUX") or token.head.i == token.i:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            continue
        marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
        coordinate = token.dep_ == "conj" or (token.dep_ == "advcl" and marks & _COORDINATE_MARKS)
        if coordinate and not is_speech(token):
            heads.append(token)
    return heads


def _clause_views(sentence: Span) -> list[str]:
    """The sentence text once per clause, other clauses blanked so offsets stay valid."""
    text = sentence.text
    base = sentence.start_char
    pieces: list[tuple[int, int]] = []
    for head in _coordinate_clauses(sentence):
        start = head.doc[head.left_edge.i].idx - base
        last = head.doc[head.right_edge.i]
        pieces.append((start, last.idx + len(last.text) - base))
    if not pieces:
        return [text]
    main = list(text)
    for start, end in pieces:
        main[start:end] = " " * (end - start)
    views = ["".join(main)]
    for start, end in pieces:
        views.append(" " * start + text[start:end] + " " * (len(text) - end))
    return views


def _dated_long_ago(
    sentence: Span,
    cue: Token,
    timexes: Sequence[Timex],
    published: date | None,
    days: int,
) -> bool:
    """'The 2017 attack on a church', 'the 1985 killing': a year or month right by the event
    word that ended long before the article marks background, however vague the span."""
    if published is None:
        return False
    for timex in sentence_items(timexes, sentence):
        span = timex.interval()
        if span is None or abs(timex.start - cue.idx) > 30:
            continue
        if background_date(span, published, days):
            return True
    return False


_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})


def _speaker_as_agent(roles: Roles) -> list[Span]:
    """'Rebels said they destroyed eight tanks', 'the army said it killed 30': the pronoun
    subject of the act is the speaker who claims it."""
    from storyline.events.roles import phrase

    verb = roles.predicate
    if verb is None:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in _PRONOUNS:
        return []
    for ancestor in verb.ancestors:
        if is_speech(ancestor):
            speaker = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
            if speaker is not None and speaker.pos_ != "PRON":
                return [phrase(speaker)]
            return []
    return []


def _not_places(spans: Sequence[Span], places: Sequence[ResolvedPlace]) -> list[Span]:
    """A town the parse took for a subject ("Kafr Nabudah ... where IS ...") is no actor; a
    country can be one (it acts through its forces)."""
    return [
        span
        for span in spans
        if not any(p.start <= span.root.idx < p.end and p.feature != "country" for p in places)
    ]


def _published(article: Article) -> date | None:
    try:
        return date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return None


def _reporter_names(spans: Sequence[Span], entities: Sequence[EntityMention]) -> list[str]:
    names: list[str] = []
    for span in spans:
        inside = [m for m in entities if m.start < span.end_char and span.start_char < m.end]
        name = inside[0].name if inside else span.text.strip()
        if name and name not in names:
            names.append(name)
    return names


_ATTACK_CONTEXT = re.compile(
    lx.AIR
    + "|"
    + lx.SHELLING
    + r"|\b(?:hit|struck|strikes?|bomb(?:ed|ing)|sorties|anti-tank|rebels|militants|fighters)\b"
)


_PETROL_BOMB = re.compile(
    r"\b(?:petrol|gasoline|fire|molotov)[- ]?bombs?\b|\bfirebomb\w*|\bmolotov cocktails?\b"
)
_CROWD_CONTROL = re.compile(r"\b(?:tear[- ]?gas|pepper spray|water cannons?|rubber bullets)\b")
_POLICE = re.compile(r"\b(?:police\w*|security forces|riot squad|troops|soldiers|army)\b")
_CROWD = re.compile(r"\b(?:protest\w*|demonstrat\w*|marchers|rioters|youths|mobs?)\b")


def _as(sub_type: str, typing: Typing) -> Typing:
    return Typing(sub_type, typing.start, typing.end, typing.cue, typing.strength)


def _crowd_typing(view: str, typing: Typing) -> Typing | None:
    """What crowds do is a protest or a riot, whatever the verb: petrol bombs thrown by youths
    are a riot (not an IED), protesters occupying a building a protest (not a territorial
    gain), police chemicals crowd control (not a chemical weapon), and deaths at a protest with
    no police force acting no "excessive force against protesters"."""
    lowered = view.lower()
    sub_type = typing.sub_event_type
    if sub_type in (tx.REMOTE_EXPLOSIVE, tx.GRENADE) and _PETROL_BOMB.search(lowered):
        return _as(tx.VIOLENT_DEMONSTRATION, typing)
    if sub_type == tx.CHEMICAL_WEAPON and _POLICE.search(lowered):
        blanked = view[: typing.start] + " " * (typing.end - typing.start) + view[typing.end :]
        return classify(blanked) or _as(tx.PROTEST_WITH_INTERVENTION, typing)
    if sub_type in (tx.SHELLING, tx.CHEMICAL_WEAPON) and _CROWD_CONTROL.search(lowered):
        return _as(tx.PROTEST_WITH_INTERVENTION, typing)  # "barrages of tear gas"
    if sub_type == tx.EXCESSIVE_FORCE and not _POLICE.search(lowered):
        return _as(tx.VIOLENT_DEMONSTRATION, typing)
    territorial = (tx.GOVERNMENT_REGAINS, tx.NON_STATE_OVERTAKES, tx.HEADQUARTERS)
    if sub_type in territorial and _CROWD.search(lowered):
        return _as(tx.PEACEFUL_PROTEST, typing)
    return None


def _retyped(view: str, typing: Typing | None) -> Typing | None:
    """The violence a sentence reports outranks what followed it.

    Arms depots destroyed by air strikes are air strikes (ACLED's "disrupted weapons use" is
    weapons seized, defused or shot down); shops a mob burnt are mob violence, not looting.
    """
    if typing is None:
        return None
    crowd = _crowd_typing(view, typing)
    if crowd is not None:
        return crowd
    if typing.event_type != tx.STRATEGIC:
        return typing
    if typing.sub_event_type == tx.LOOTING:
        blanked = view[: typing.start] + " " * (typing.end - typing.start) + view[typing.end :]
        violence = classify(blanked)
        violent = (tx.RIOTS, tx.VIOLENCE_AGAINST_CIVILIANS, tx.EXPLOSIONS, tx.BATTLES)
        return violence if violence is not None and violence.event_type in violent else typing
    attack_words = _ATTACK_CONTEXT.search(view.lower())
    if attack_words is None:
        return typing
    destroyed = typing.sub_event_type == tx.DISRUPTED_WEAPONS and re.search(
        r"destroy|depot", typing.cue
    )
    raided = typing.sub_event_type == tx.ARRESTS and re.search(r"raid", typing.cue)
    if not (destroyed or raided):
        return typing
    blanked = view[: typing.start] + " " * (typing.end - typing.start) + view[typing.end :]
    attack = classify(blanked)
    if attack is not None and attack.event_type != tx.STRATEGIC:
        return attack
    lowered = view.lower()
    # Destroyed by jets, or raids that hit an area, with no other cue left: an air strike;
    # army tanks destroyed by rebels: a clash.
    if re.search(r"\b(?:rebels|militants|fighters|insurgents)\b", lowered):
        return _as(tx.ARMED_CLASH, typing)
    if re.search(lx.AIR, lowered) or (raided and re.search(r"\b(?:hit|struck|bombed)\b", lowered)):
        return _as(tx.AIR_STRIKE, typing)
    return typing


def _clause_typings(sentence: Span) -> list[tuple[Typing, str]]:
    """Each clause's typing with its view (the sentence with the other clauses blanked)."""
    typings: list[tuple[Typing, str]] = []
    for view in _clause_views(sentence):
        typing = _retyped(view, classify(view))
        if typing is not None and all(
            t.sub_event_type != typing.sub_event_type for t, _ in typings
        ):
            typings.append((typing, view))
    return typings


def _in_view(places: Sequence[ResolvedPlace], sentence: Span, view: str) -> list[ResolvedPlace]:
    """The places inside one clause's view: "jets struck Idlib while rebels seized Saraqeb"
    places the strike at Idlib and the seizure at Saraqeb."""
    base = sentence.start_char
    inside = [p for p in sentence_items(places, sentence) if not view[p.start - base].isspace()]
    # A clause that names no place of its own keeps the sentence's.
    return inside or list(places)


def sentence_mentions(
    article: Article,
    sentence: Span,
    context: EventContext,
    *,
    published: date | None,
    home_country: str | None,
    plausible: Sequence[ResolvedPlace],
    options: EventOptions | None = None,
) -> list[EventMention]:
    """The incidents one sentence reports, one mention per incident and named place."""
    options = options or EventOptions()
    mentions: list[EventMention] = []
    for typing, view in _clause_typings(sentence):
        start = sentence.start_char + typing.start
        cue = cue_head(sentence, start, sentence.start_char + typing.end)
        if cue is None:
            continue
        roles = find_roles(sentence, cue, territorial=typing.sub_event_type in TERRITORIAL)
        if irrealis_or_generic(sentence, roles):
            continue
        anchors = roles.anchors or [cue]
        when = read_date(sentence, context.timexes, anchors)
        if _dated_long_ago(sentence, cue, context.timexes, published, options.background_days):
            continue
        if not_an_occurrence(
            sentence,
            anchors[0],
            roles,
            own_date=when.interval if when else None,
            published=published,
            background_days=options.background_days,
        ):
            continue
        if typing.event_type == tx.STRATEGIC and typing.strength < options.min_strategic_strength:
            continue
        towns = distinct_towns(
            event_places(sentence, _in_view(plausible, sentence, view), roles, context.entities)
        )
        country = country_name(towns[0][0].country_code) if towns else home_country
        agents = roles.actors or _speaker_as_agent(roles)
        actors = name_spans(_not_places(agents, plausible), context.entities, country)
        targets = name_spans(roles.targets, context.entities, country)
        fatalities = read_fatalities(sentence)
        reporters = _reporter_names(roles.reporters, context.entities)
        for index, (place, near) in enumerate(towns or [(None, False)]):
            mentions.append(
                EventMention(
                    typing=typing,
                    sentence=sentence,
                    anchor=anchors[0],
                    evidence=evidence_of(article.id, article.text, sentence),
                    paragraph=paragraph_of(article.text, sentence.start_char),
                    actors=list(actors),
                    targets=list(targets),
                    place=place,
                    near=near,
                    date=when,
                    fatalities=fatalities if index == 0 else [],
                    reporters=reporters,
                    actor_phrases=[span.text.strip() for span in agents],
                    target_phrases=[span.text.strip() for span in roles.targets],
                    anaphoric=is_anaphoric(roles),
                )
            )
    return mentions


_DATELINE_END = re.compile(r"^[^\n]{0,60}?(?:\s[-–—]{1,2}\s|:\s|\)\s*[-–—]?\s)")


def _home(places: Sequence[ResolvedPlace], text: str) -> tuple[ResolvedPlace | None, str | None]:
    """The article's dateline town ("KHARTOUM, Sudan (AP) —", "vadodara:") and its main
    country, for incidents whose own words name no place.

    Failing a dateline, the town the article names most in its main country: a story of Russian
    strikes in Syria names Moscow often, where statements are made, not where bombs fall.
    """
    if not places:
        return None, None
    countries = Counter(p.country_code for p in places if p.country_code)
    code = countries.most_common(1)[0][0] if countries else None
    dateline = _DATELINE_END.match(text)
    town = None
    if dateline:
        town = next((p for p in places if p.start < dateline.end() and place_rank(p) <= 2), None)
    if town is None:
        towns = Counter(p.name for p in places if place_rank(p) == 1 and p.country_code == code)
        if towns:
            name = towns.most_common(1)[0][0]
            town = next(p for p in places if p.name == name)
    return town, country_name(code)


def _paragraph_place(
    incident_mentions: Sequence[EventMention], places: Sequence[ResolvedPlace], text: str
) -> ResolvedPlace | None:
    """The nearest town named earlier in the same paragraph as the incident's first mention."""
    first = incident_mentions[0]
    start = text.rfind("\n", 0, first.evidence.start) + 1
    before = [p for p in places if start <= p.start < first.evidence.start and place_rank(p) == 1]
    return before[-1] if before else None


def lower_cased(text: str) -> bool:
    """A text kept only in lower case (some archives): capitals say nothing about names."""
    return sum(c.isupper() for c in text) < 0.01 * max(len(text), 1)


def plausible_places(places: Sequence[ResolvedPlace], doc: Doc) -> list[ResolvedPlace]:
    """The geoparser's places that can be where an event happened.

    A common word read as a town ("Bank", "Police", "Soon") and any town in a country the
    article is not about ("Yida" read as Jeddah, "Molotov" as Perm) are dropped: an event
    placed there would be drawn in the wrong country. Countries named outright stay.
    """
    lowercase_text = lower_cased(doc.text)
    # A word the article uses inside a name ("West Coast Bank") is that name wherever it
    # stands alone too ("the West Coast office").
    names = {p.text for p in places if not lowercase_text and not _proper(doc, p)}
    places = [p for p in places if p.text not in names]
    countries = Counter(p.country_code for p in places if p.country_code)
    total = sum(countries.values()) or 1
    main = {code for code, n in countries.items() if n / total >= 0.2}
    kept = []
    for place in places:
        if place.country_code not in main and (
            place.feature != "country" or not _same_name(place.text, place.name)
        ):
            # Outside the countries the article is about: a namesake ("Bank" in India, "West
            # Coast" in Singapore for a bank in Oregon) far more often than an incident.
            continue
        kept.append(place)
    return kept


def _same_name(surface: str, name: str) -> bool:
    from rapidfuzz import fuzz

    from storyline.places.fold import plain_key

    a, b = plain_key(surface), plain_key(name)
    return a == b or a in b or b in a or fuzz.ratio(a, b) >= 75


def _proper(doc: Doc, place: ResolvedPlace) -> bool:
    """The words are a name in the text: tagged as one, or a proper noun."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    if not tokens:
        return False
    # "Marfin Bank", "INS Mysore", "West Coast Bank": a place word inside a longer name of an
    # organisation or a person. A place the tagger labelled as a person ("Khan Younis") stays.
    for token in tokens:
        if token.ent_type_ not in ("ORG", "PERSON"):
            continue
        # The entity runs on past the place's own words: a longer name holds it.
        first, last = token, token
        while first.i > 0 and first.ent_iob_ == "I":
            first = first.nbor(-1)
        while last.i + 1 < len(doc) and last.nbor(1).ent_iob_ == "I":
            last = last.nbor(1)
        if (last.idx + len(last.text) - first.idx) > (place.end - place.start):
            return False
    if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in tokens):
        return True
    return any(t.pos_ == "PROPN" for t in tokens) and not all(t.is_sent_start for t in tokens)


def extract_events(
    article: Article,
    doc: Doc,
    context: EventContext | None = None,
    options: EventOptions | None = None,
) -> list[Event]:
    """One event per incident the article reports; ``doc`` is the parse of ``article.text``."""
    if doc.text != article.text:
        raise ValueError("doc must be the parse of article.text so evidence offsets line up")
    context = context if context is not None else EventContext.read(article, doc)
    published = _published(article)
    plausible = plausible_places(context.places, doc)
    main_town, home_country = _home(plausible, article.text)
    home_code = Counter(p.country_code for p in plausible if p.country_code).most_common(1)
    named = unresolved_localities(
        article.text,
        [] if lower_cased(article.text) else doc.ents,
        plausible,
        home_code[0][0] if home_code else None,
    )
    plausible = sorted([*plausible, *named], key=lambda p: p.start)
    mentions: list[EventMention] = []
    for sentence in doc.sents:
        if sentence.text.strip():
            mentions.extend(
                sentence_mentions(
                    article,
                    sentence,
                    context,
                    published=published,
                    home_country=home_country,
                    plausible=plausible,
                    options=options,
                )
            )
    incidents = group_mentions(mentions)
    day = news_day(incidents)
    events: list[Event] = []
    for incident in incidents:
        fallback = _paragraph_place(incident.mentions, plausible, article.text) or main_town
        event = code_incident(
            article,
            incident,
            fallback_place=fallback,
            fallback_country=home_country,
            fallback_day=day,
        )
        if all(event.id != other.id for other in events):
            events.append(event)
    return _shared_perpetrator(events)


def news_day(incidents: Sequence[Incident]) -> str | None:
    """The day most of the article's dated incidents happened on (the latest of equals).

    A report that dates its incidents "on Saturday" tells its undated ones of the same news
    day: a morning paper's "police fired on a mob" is the day before its own date.
    """
    days = Counter(
        m.date.value
        for incident in incidents
        for m in incident.mentions
        if m.date and isinstance(m.date.value, str) and m.date.precision == 1
    )
    if not days:
        return None
    best = max(days.values())
    return max(day for day, count in days.items() if count == best)


def _shared_perpetrator(events: list[Event]) -> list[Event]:
    """An attack the article tells without naming who did it takes the perpetrator the
    article names for all its other attacks of that kind, when it names exactly one."""
    for event in events:
        if event.actors or event.event_type not in (tx.EXPLOSIONS, tx.BATTLES):
            continue
        named = {
            other.actors[0]
            for other in events
            if other.actors and other.event_type == event.event_type and other is not event
        }
        if len(named) == 1:
            event.actors = [next(iter(named))]
    return events


__all__ = ["Actor", "EventContext", "EventOptions", "extract_events", "is_speech", "sentence_items"]
