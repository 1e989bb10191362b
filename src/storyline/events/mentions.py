"""Event mentions: each sentence that reports an incident, with its own who, where and when.

A mention is one sentence's account of one incident. Its fields come from the resolvers of the
other stages, restricted to that sentence: the canonical entities (for actors), the geoparser's
places (for where), the date tagger's expressions (for when) and the casualty reader (for the
toll). Several mentions of one incident are folded together later (``incidents``); here each
keeps only what its own sentence says, and whether it says it outright.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from storyline.events import taxonomy as tx
from storyline.events.actors import Actor, country_name, country_names, demonym_country, name_actor
from storyline.events.classify import Typing
from storyline.events.numbers import parse_casualties
from storyline.events.roles import Roles, belongs_to_speaker
from storyline.model import Evidence, Fatalities
from storyline.nlp.entities import EntityMention
from storyline.places.fold import plain_key
from storyline.places.resolver import ResolvedPlace
from storyline.time.tagger import Timex

DateValue = str | dict[str, str] | None
# Gazetteer classes from the most to the least precise; ACLED's geo_precision follows.
_AREA_FEATURES = {"admin2": 2, "admin1": 3, "region": 3, "country": 4, "continent": 5}
NEAR_WORDS = frozenset({"near", "outside", "outskirts", "around", "north", "south", "east", "west"})
# Within this distance two readings are one place written twice; farther apart they are two
# places (Jabalya camp and Gaza City, 4 km apart, are coded apart by ACLED).
SAME_PLACE_KM = 3.0


@dataclass(slots=True)
class DateReading:
    """The words that date an event, and their day or span (None until an anchor is known)."""

    value: DateValue
    text: str
    interval: tuple[date, date] | None
    start: int

    @property
    def precision(self) -> int:
        if self.interval is None:
            return 3
        days = (self.interval[1] - self.interval[0]).days
        return 1 if days == 0 else 2 if days <= 7 else 3


@dataclass(slots=True)
class EventMention:
    """One sentence's report of one incident, with the fields that sentence itself gives."""

    typing: Typing
    sentence: Span
    anchor: Token
    evidence: Evidence
    paragraph: int
    actors: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    place: ResolvedPlace | None = None
    near: bool = False
    date: DateReading | None = None
    fatalities: list[Fatalities] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    actor_phrases: list[str] = field(default_factory=list)
    target_phrases: list[str] = field(default_factory=list)
    # "the attack", "the blast": a mention that refers back to an incident already reported.
    anaphoric: bool = False

    @property
    def family(self) -> str:
        return self.typing.event_type


def located(place: ResolvedPlace) -> bool:
    """Whether the gazetteer gave the place coordinates (a named locality may have none)."""
    return not math.isnan(place.lat)


def same_spot(a: ResolvedPlace, b: ResolvedPlace) -> bool:
    """One place written twice: within a few km, or the same name where one has no point."""
    if located(a) and located(b):
        return _km(a, b) <= SAME_PLACE_KM
    left, right = plain_key(a.text or a.name), plain_key(b.text or b.name)
    return left == right or left in right or right in left


def place_rank(place: ResolvedPlace) -> int:
    """1 for a town, village, base or crossing; larger for wider areas."""
    return _AREA_FEATURES.get(place.feature, 1)


def sentence_items(items: Sequence, sentence: Span) -> list:
    return [i for i in items if i.start >= sentence.start_char and i.end <= sentence.end_char]


def token_at(sentence: Span, char: int) -> Token | None:
    """The token of the sentence that holds character ``char`` of the document."""
    if not sentence.start_char <= char < sentence.end_char:
        return None
    span = sentence.doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _before(sentence: Span, char: int, width: int) -> str:
    """Up to ``width`` characters of the sentence before document offset ``char``.

    Read from the sentence's own text: ``Doc.text`` rebuilds the whole document per access.
    """
    base = sentence.start_char
    return sentence.text[max(0, char - base - width) : max(0, char - base)]


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her"})
# Where a raid came from or passed over, not where it struck.
TRANSIT_WORDS = frozenset({"from", "to", "across", "over", "through", "via", "towards"})


_BASED_IN = re.compile(r"\b(?:based|stationed|deployed|took off|flying|flown)\s+(?:in|at|from)\s*$")


def _word_before(sentence: Span, char: int) -> str:
    """The word before a place, skipping determiners ("from the Hamadan air base")."""
    words = _before(sentence, char, 40).split()
    while words and (words[-1].lower() in _DETERMINERS or words[-1].endswith(("'s", "’s"))):
        words = words[:-1]
    return words[-1].lower().strip(",") if words else ""


def _acting_state(place: ResolvedPlace, sentence: Span, entities: Sequence[EntityMention]) -> bool:
    """'Moscow said', 'the first time Moscow has used', "Russia's first strikes": a name that
    stands for a state acting (the entity stage marks it) or owning something is no place."""
    base = sentence.start_char
    following = sentence.text[place.end - base : place.end - base + 2]
    if place.feature == "country" and following in ("'s", "’s"):
        return True
    token = token_at(sentence, place.start)
    if token is None or token.dep_ not in ("nsubj", "nsubjpass"):
        return False  # "Athens police", "in Moscow": a place in a phrase, not a state acting
    return any(
        m.start <= place.start < m.end and ("state-actor" in m.roles or "metonym" in m.roles)
        for m in entities
    )


def event_places(
    sentence: Span,
    places: Sequence[ResolvedPlace],
    roles: Roles,
    entities: Sequence[EntityMention] = (),
) -> list[tuple[ResolvedPlace, bool]]:
    """The sentence's places where the event happened, with whether each is 'near' it.

    A place that hangs off a speech verb is where someone spoke; a place after "from" is where
    a raid was flown from; a place after "km (from|of)" is a reference point. None is the
    event's place while another is named.
    """
    found: list[tuple[ResolvedPlace, bool, int]] = []
    anchors = roles.anchors
    for place in sentence_items(places, sentence):
        token = token_at(sentence, place.start)
        if token is not None and anchors and belongs_to_speaker(token, anchors):
            continue
        if _acting_state(place, sentence, entities):
            continue
        before = _word_before(sentence, place.start)
        context = _before(sentence, place.start, 25)
        demoted = (
            before in TRANSIT_WORDS
            or "km" in context
            or "miles" in context
            or _BASED_IN.search(context) is not None
        )
        near = before in NEAR_WORDS or (
            " of" in context[-4:] and any(w in context.lower() for w in NEAR_WORDS)
        )
        found.append((place, near, 2 if demoted else 0))
    found = [item for item in found if item[2] == 0]
    return [(place, near) for place, near, _ in found]


def _km(a: ResolvedPlace, b: ResolvedPlace) -> float:
    from storyline.places.gazetteer import distance_km

    return distance_km(a.lat, a.lon, b.lat, b.lon)


def distinct_towns(
    candidates: list[tuple[ResolvedPlace, bool]],
) -> list[tuple[ResolvedPlace, bool]]:
    """The separate towns a sentence places the event in, most precise reading of each.

    ACLED splits an incident by named place: "clashes in Athens and Thessaloniki" are two
    events. A town and the district or province around it are one place.
    """
    if not candidates:
        return []
    best = min(place_rank(p) for p, _ in candidates)
    towns = [(p, near) for p, near in candidates if place_rank(p) == best]
    kept: list[tuple[ResolvedPlace, bool]] = []
    for place, near in towns:
        if not any(same_spot(place, other) for other, _ in kept):
            kept.append((place, near))
    # A locality the gazetteer does not know, named beside a town it knows, is inside it
    # ("the Astodia area of Ahmedabad"): the locality is the more precise place.
    if any(not located(p) for p, _ in kept) and any(located(p) for p, _ in kept):
        kept = [(p, near) for p, near in kept if not located(p)]
    return kept


def read_date(sentence: Span, timexes: Sequence[Timex], anchors: list[Token]) -> DateReading | None:
    """The date the sentence gives its event: the nearest day-naming expression to the verb.

    Expressions hanging off a speech verb ("said on Tuesday") date the statement, not the
    event; durations and open spans ("since May") date nothing.
    """
    best: tuple[int, DateReading] | None = None
    for timex in sentence_items(timexes, sentence):
        if timex.type not in ("DATE", "TIME") or timex.mod in ("ON_OR_AFTER", "ON_OR_BEFORE"):
            continue
        interval = timex.interval()
        value = timex.contract_date()
        if timex.value is not None and (interval is None or value is None):
            continue
        if interval is not None and (interval[1] - interval[0]).days > 62:
            continue
        token = token_at(sentence, timex.start)
        if token is not None and anchors and _said_on(token, anchors):
            continue
        distance = min((abs(timex.start - a.idx) for a in anchors), default=0)
        reading = DateReading(value, timex.text, interval, timex.start)
        if best is None or distance < best[0]:
            best = (distance, reading)
    return best[1] if best else None


def _said_on(token: Token, anchors: list[Token]) -> bool:
    """'Police said on Tuesday': the day of a statement by a named speaker, not of the event.

    A passive report ("riots were reported on Saturday") dates the event itself.
    """
    if not belongs_to_speaker(token, anchors):
        return False
    verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is None or any(c.dep_ == "nsubj" for c in verb.children)


def _state_in(span: Span, entities: Sequence[EntityMention]) -> str | None:
    countries = set(country_names())
    for mention in entities:
        if mention.start < span.end_char and span.start_char < mention.end:
            name = mention.link or mention.name
            if name not in countries:
                continue  # "Su-34" tagged as a place names no state
            if "state-actor" in mention.roles or mention.kind == "state":
                return name
            if mention.type == "GPE" and "place" not in mention.roles:
                return name
    for token in span:
        if token.tag_ in ("JJ", "NNP", "NNPS") and (found := demonym_country(token.text)):
            return found
    return None


def _entity_in(span: Span, entities: Sequence[EntityMention]) -> EntityMention | None:
    best, overlap = None, 0
    for mention in entities:
        shared = min(mention.end, span.end_char) - max(mention.start, span.start_char)
        if shared > overlap and "place" not in mention.roles:
            best, overlap = mention, shared
    return best


def name_spans(
    spans: Sequence[Span], entities: Sequence[EntityMention], country: str | None
) -> list[Actor]:
    """ACLED actors for the phrases the parse found, dropping those that cannot act."""
    actors: list[Actor] = []
    for span in spans:
        entity = _entity_in(span, entities)
        state = _state_in(span, entities)
        if entity is not None and state and entity.name == state:
            entity_name, entity_type = None, None
        elif entity is not None:
            entity_name, entity_type = entity.name, entity.type
        else:
            entity_name, entity_type = None, None
        actor = name_actor(
            span.text, entity=entity_name, entity_type=entity_type, state=state, country=country
        )
        if actor is not None and all(a.name != actor.name for a in actors):
            actors.append(actor)
    return actors


def read_fatalities(sentence: Span) -> list[Fatalities]:
    """Deaths the sentence reports; injuries and other counts are not fatalities."""
    found = []
    for count in parse_casualties(sentence.text):
        if count.kind == "killed":
            found.append(count.to_fatalities())
    return found


def evidence_of(article_id: str, text: str, sentence: Span) -> Evidence:
    raw = sentence.text
    start = sentence.start_char + (len(raw) - len(raw.lstrip()))
    end = sentence.end_char - (len(raw) - len(raw.rstrip()))
    return Evidence(article_id=article_id, sentence=text[start:end], start=start, end=end)


def paragraph_of(text: str, char: int) -> int:
    return text.count("\n", 0, char)


_ANAPHORS = frozenset({"the", "this", "that", "these", "those", "its", "their"})


def is_anaphoric(roles: Roles) -> bool:
    """'The attack killed four', 'the blast': a definite event noun names an incident told."""
    nominal = roles.nominal
    if nominal is None:
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in _ANAPHORS for c in nominal.children)


def country_of(place: ResolvedPlace | None) -> str | None:
    return country_name(place.country_code) if place is not None else None


def is_civilian_event(typing: Typing) -> bool:
    return typing.event_type == tx.VIOLENCE_AGAINST_CIVILIANS


LOCALITY = "locality"
_LOCALITY_NOUNS = (
    r"area|areas|locality|village|colony|neighbourhood|neighborhood|suburb|district|camp"
)
# A camp's name keeps its noun ("Beach refugee camp"); "the Astodia area" is Astodia.
_NAMED_WITH_NOUN = frozenset({"camp"})
_LOCALITY = re.compile(
    rf"\b(?:in|at|near|outside)\s+(?:the\s+)?"
    rf"((?:[A-Za-z][a-z'-]+\s+){{0,2}}?[A-Za-z][a-z'-]+)\s+({_LOCALITY_NOUNS})\b"
)
_NOT_LOCALITY = frozenset(
    [
        "the",
        "a",
        "an",
        "same",
        "other",
        "city",
        "old",
        "new",
        "nearby",
        "whole",
        "entire",
        "affected",
        "tense",
        "sensitive",
        "rural",
        "urban",
        "border",
        "refugee",
        "police",
        "railway",
        "bus",
        "several",
        "many",
        "some",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "riot",
        "communal",
        "walled",
    ]
)


# A place name the gazetteer lacks counts only where the text puts something there.
_PLACE_PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "around",
        "inside",
        "into",
        "on",
        "of",
        "across",
        "from",
        "towards",
        "toward",
    ]
)


def unresolved_localities(
    doc_text: str, ents: Sequence, resolved: Sequence[ResolvedPlace], country_code: str | None
) -> list[ResolvedPlace]:
    """Places the text names that the gazetteer does not know: kept by name, without a point.

    spaCy's place entities not covered by a resolved place ("Exarchia", "Syntagma Square"),
    and in lower-cased text the "in the astodia area" pattern. The scorer and a reader can
    still tell one town from another by its name; the map draws none of them.
    """
    found: list[ResolvedPlace] = []

    def covered(start: int, end: int) -> bool:
        spans = [*resolved, *found]
        return any(p.start < end and start < p.end for p in spans)

    def add(text: str, start: int, end: int) -> None:
        if covered(start, end):
            return
        found.append(
            ResolvedPlace(
                name=text,
                lat=math.nan,
                lon=math.nan,
                country_code=country_code,
                admin1=None,
                geonames_id=None,
                feature=LOCALITY,
                start=start,
                end=end,
                text=text,
            )
        )

    for ent in ents:
        before = doc_text[max(0, ent.start_char - 12) : ent.start_char].split()
        if (
            ent.label_ in ("GPE", "LOC", "FAC")
            and len(ent.text) > 2
            and not any(c.isdigit() for c in ent.text)
            and before
            and before[-1].lower() in _PLACE_PREPOSITIONS
        ):
            add(ent.text.strip(), ent.start_char, ent.end_char)
    for match in _LOCALITY.finditer(doc_text):
        words = match.group(1).split()
        while words and words[0].lower() in _NOT_LOCALITY:
            words = words[1:]
        named = list(words)
        while named and named[-1].lower() in _NOT_LOCALITY:
            named = named[:-1]
        if not named:
            continue
        start = match.start(1) + match.group(1).index(words[0])
        keeps_noun = match.group(2) in _NAMED_WITH_NOUN
        end = match.end(2) if keeps_noun else start + len(" ".join(named))
        add(doc_text[start:end], start, end)
    return found
