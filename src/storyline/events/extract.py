"""Events, one per reporting sentence: ACLED type, roles, place, date, toll and source.

Resolvers owned by other stages (canonical entity names, the gazetteer, the date tagger,
casualty counts) plug in through ``EventContext``; without them the extractor falls back to
the words of the text itself, so every field still comes from the article and nothing is
invented. Statements that are not one real event (negated, future or modal, conditional,
questions, campaign-level or running totals) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.events import lexicon as lx
from storyline.events import taxonomy as tx
from storyline.events.classify import Typing, classify
from storyline.events.roles import Roles, cue_head, find_roles, is_speech
from storyline.model import Article, Event, EventLocation, Evidence, Fatalities, stable_id

DateValue = str | dict[str, str] | None
TERRITORIAL = frozenset(
    {tx.GOVERNMENT_REGAINS, tx.NON_STATE_OVERTAKES, tx.NON_VIOLENT_TRANSFER, tx.HEADQUARTERS}
)


@dataclass(slots=True)
class EventContext:
    """Optional resolvers from other stages; any left as None uses a plain-text fallback."""

    canonical_actor: Callable[[Span], str | None] | None = None
    resolve_place: Callable[[Span], EventLocation | None] | None = None
    resolve_date: Callable[[Span], tuple[DateValue, str] | None] | None = None
    parse_fatalities: Callable[[str], list[Fatalities]] | None = None


_LEADING_NOISE = re.compile(r"^(?:the|a|an|some|several|at least|about|around)\s+", re.I)


def _plain_name(span: Span) -> str:
    """Fallback canonical name: the named entity inside the phrase, else the phrase itself."""
    for entity in span.ents:
        if entity.label_ in ("ORG", "PERSON", "GPE") and entity.start <= span.root.i < entity.end:
            return _LEADING_NOISE.sub("", entity.text.strip())
    return _LEADING_NOISE.sub("", span.text.strip())


def _names(spans: list[Span], canonical: Callable[[Span], str | None] | None) -> list[str]:
    names: list[str] = []
    for span in spans:
        name = (canonical(span) if canonical else None) or _plain_name(span)
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names


def _locations(
    spans: list[Span], resolve: Callable[[Span], EventLocation | None] | None
) -> list[EventLocation]:
    found: list[EventLocation] = []
    for span in spans:
        location = resolve(span) if resolve else None
        if location is None:
            location = EventLocation(
                name=_LEADING_NOISE.sub("", span.text.strip()), lat=None, lon=None
            )
        if all(location.name != other.name for other in found):
            found.append(location)
    return found


def _fallback_date(span: Span, anchor: str | None) -> tuple[DateValue, str] | None:
    """The date tagger's reading of a DATE entity, when that stage is installed."""
    try:
        from storyline.time import tag_times
    except ImportError:  # the time stage is optional
        return None
    for timex in tag_times(span.text, anchor):
        if timex.type in ("DATE", "TIME") and timex.value:
            return timex.contract_date(), timex.text
    return None


def _date(roles: Roles, article: Article, context: EventContext) -> tuple[DateValue, str | None]:
    anchors = roles.anchors
    if not roles.dates:
        return None, None

    def distance(span: Span) -> int:
        return min(abs(span.root.i - a.i) for a in anchors) if anchors else 0

    for span in sorted(roles.dates, key=distance):
        if lx.AGGREGATE_CUES.search(span.text.lower()) or span.text.lower().startswith("since"):
            continue
        resolved = (
            context.resolve_date(span)
            if context.resolve_date
            else _fallback_date(span, article.published)
        )
        if resolved is not None:
            return resolved[0], resolved[1]
        return None, span.text
    return None, None


_KILL_WORDS = re.compile(
    r"\b(?:kill\w*|dead|died|die|death|slain|lives|fatalit\w*|"
    r"shot dead|massacred|executed|beheaded)\b",
    re.I,
)


def _fatalities(sentence: Span, context: EventContext) -> list[Fatalities]:
    if context.parse_fatalities is not None:
        return context.parse_fatalities(sentence.text)
    try:
        from storyline.events.numbers import parse_casualties
    except ImportError:
        return []
    return [
        found.to_fatalities()
        for found in parse_casualties(sentence.text)
        if found.kind == "killed" and _KILL_WORDS.search(sentence.text)
    ]


def _irrealis(token: Token) -> bool:
    """Negated, modal/future, intended or conditional: the clause does not assert the event."""
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ in ("no", "never", "without"):
            return True
        if child.dep_ in ("aux", "auxpass") and child.lower_ in lx.IRREALIS_AUX:
            return True
        if child.dep_ == "mark" and child.lower_ in lx.CONDITION_MARKS:
            return True
    if token.lower_.startswith("to") or any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    ):
        head = token.head
        if head.lemma_.lower() in lx.INTENT_LEMMAS:
            return True
    for ancestor in token.ancestors:
        if is_speech(ancestor):
            break
        if any(c.dep_ == "mark" and c.lower_ in lx.CONDITION_MARKS for c in ancestor.children):
            return True
        if ancestor.lemma_.lower() in lx.INTENT_LEMMAS and ancestor.pos_ == "VERB":
            return True
        if ancestor.dep_ in ("ROOT", "ccomp"):
            break
    return False


def _generic(nominal: Token | None) -> bool:
    """'a bombing campaign', 'future strikes', 'any attack': no single occurrence."""
    if nominal is None:
        return False
    if nominal.head.lemma_.lower() in ("campaign", "threat", "risk", "fear", "possibility"):
        return True
    return any(
        c.lower_ in lx.GENERIC_MODIFIERS and c.dep_ in ("amod", "compound", "det")
        for c in nominal.children
    ) or (nominal.dep_ == "nsubj" and nominal.head.lemma_ == "be")


def _aggregate(sentence: Span, anchors: list[Token]) -> bool:
    """Running totals ("more than 2,000 civilians since September") are not one event."""
    text = sentence.text.lower()
    for found in lx.AGGREGATE_CUES.finditer(text):
        char = sentence.start_char + found.start()
        token = next((t for t in sentence if t.idx >= char), None)
        if token is None:
            continue
        chain = {token.i, *(a.i for a in token.ancestors)}
        if any(a.i in chain for a in anchors):
            return True
    return False


def _not_an_event(sentence: Span, roles: Roles) -> bool:
    if sentence.text.rstrip().endswith("?"):
        return True
    if roles.predicate is not None and _irrealis(roles.predicate):
        return True
    if roles.nominal is not None:
        if any(c.lower_ in ("no", "any") for c in roles.nominal.children):
            return True
        if roles.predicate is None and _irrealis(roles.nominal.head):
            return True
    return _generic(roles.nominal) or _aggregate(sentence, roles.anchors)


def _confidence(typing: Typing, roles: Roles, event: Event) -> float:
    score = 0.45 * typing.strength
    score += 0.15 if event.actors else 0.0
    score += 0.1 if event.targets or event.fatalities else 0.0
    score += 0.15 if event.locations else 0.0
    score += 0.1 if event.date_text else 0.0
    score += 0.05 if roles.predicate is not None else 0.0
    return round(min(score, 0.95), 3)


def _evidence(article: Article, sentence: Span) -> Evidence:
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    end = sentence.end_char - (len(text) - len(text.rstrip()))
    return Evidence(article_id=article.id, sentence=article.text[start:end], start=start, end=end)


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


def events_from_sentence(article: Article, sentence: Span, context: EventContext) -> list[Event]:
    """The events one sentence reports: its main clause and any coordinate clause."""
    events: list[Event] = []
    for view in _clause_views(sentence):
        typing = classify(view)
        if typing is None or any(e.sub_event_type == typing.sub_event_type for e in events):
            continue
        event = _event_for_typing(article, sentence, typing, context)
        if event is not None:
            events.append(event)
    return events


def _event_for_typing(
    article: Article, sentence: Span, typing: Typing, context: EventContext
) -> Event | None:
    if typing is None:
        return None
    cue = cue_head(sentence, sentence.start_char + typing.start, sentence.start_char + typing.end)
    if cue is None:
        return None
    roles = find_roles(sentence, cue, territorial=typing.sub_event_type in TERRITORIAL)
    if _not_an_event(sentence, roles):
        return None
    if context.resolve_place is not None:
        # A proper-noun object the tagger mislabelled ("shelled Aleppo" as a nationality) is
        # a place when the gazetteer knows it.
        for span in list(roles.targets):
            if span.root.pos_ == "PROPN" and context.resolve_place(span) is not None:
                roles.targets.remove(span)
                roles.places.append(span)
    evidence = _evidence(article, sentence)
    event = Event(
        id=stable_id(
            "evt", article.id, str(evidence.start), str(evidence.end), typing.sub_event_type
        ),
        event_type=typing.event_type,
        sub_event_type=typing.sub_event_type,
        story_id=article.story_id,
        actors=_names(roles.actors, context.canonical_actor),
        targets=_names(roles.targets, context.canonical_actor),
        locations=_locations(roles.places, context.resolve_place),
        fatalities=_fatalities(sentence, context),
        reported_by=_names(roles.reporters, context.canonical_actor),
        sources=[evidence],
        independent_sources=1,
    )
    event.date, event.date_text = _date(roles, article, context)
    event.confidence = _confidence(typing, roles, event)
    return event


def extract_events(article: Article, doc: Doc, context: EventContext | None = None) -> list[Event]:
    """Every event the article body reports; ``doc`` is the spaCy parse of ``article.text``."""
    if doc.text != article.text:
        raise ValueError("doc must be the parse of article.text so evidence offsets line up")
    context = context or EventContext()
    events: list[Event] = []
    for sentence in doc.sents:
        if not sentence.text.strip():
            continue
        events.extend(events_from_sentence(article, sentence, context))
    return events
