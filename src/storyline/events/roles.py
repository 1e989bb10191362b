"""Who, whom, where and when of one trigger, read off the dependency parse.

The parse decides roles rather than word order: in "civilians were killed by Russian jets" the
jets are the actor although they come last, and in "Russian air strikes on Idlib" the adjective
is the actor and the "on" phrase the place. Places and dates attached to a speech verb ("told
journalists in New York") belong to the speaker, not the event, so they are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from storyline.events import lexicon as lx

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"ORG", "NORP", "GPE", "PERSON"})
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "near",
        "on",
        "at",
        "outside",
        "around",
        "across",
        "inside",
        "into",
        "over",
        "towards",
        "toward",
        "within",
        "throughout",
        "along",
        "of",
        "from",
        "between",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    }
)
TARGET_PREPOSITIONS = frozenset({"on", "against", "at", "targeting"})
# Heads too vague to name an actor alone; "members of the Shining Path" keeps its "of" phrase.
GENERIC_HEADS = frozenset(
    {
        "member",
        "members",
        "fighter",
        "fighters",
        "unit",
        "units",
        "element",
        "elements",
        "supporter",
        "supporters",
        "militant",
        "militants",
        "troops",
        "forces",
        "force",
        "men",
        "group",
        "gunmen",
        "loyalist",
        "loyalists",
        "jet",
        "jets",
        "warplane",
        "warplanes",
        "aircraft",
        "drone",
        "drones",
        "plane",
        "planes",
        "helicopter",
        "helicopters",
    }
)
QUANTITY_HEADS = frozenset(
    {
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "tens",
        "number",
        "group",
        "groups",
        "some",
        "many",
        "several",
        "dozen",
        "hundred",
        "thousand",
        "millions",
        "crowd",
        "crowds",
    }
)
TERRITORY_NOUN = re.compile(lx.TERRITORY)
# Nouns that name the event itself; any other noun cue ("bomber", "jets") names who acted.
EVENT_NOUN = re.compile(
    r"(?:air ?)?(?:strikes?|attacks?|bomb(?:s|ings?)?|blasts?|explosions?|raids?|clash\w*|shell\w*|"
    r"fight\w*|battles?|ambush\w*|assaults?|offensives?|protests?|demonstrations?|rall(?:y|ies)|"
    r"marches|riots?|shootings?|killings?|massacres?|abductions?|kidnappings?|arrests?|"
    r"agreements?|ceasefires?|truces?|deals?|fire|gunfire|violence|unrest|sorties?|"
    r"airstrikes?|missiles?|rockets?|mortars?|artillery|grenades?|ieds?|mines?|detonations?|"
    r"suicide|chemical|looting|arson|operations?|incursions?|advances?|capture|seizure)"
)
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})


@dataclass(slots=True)
class Roles:
    predicate: Token | None  # the verb that reports the event, if any
    nominal: Token | None  # the event noun ("strikes", "bombing"), if any
    actors: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    reporters: list[Span] = field(default_factory=list)

    @property
    def anchors(self) -> list[Token]:
        return [token for token in (self.predicate, self.nominal) if token is not None]


def is_speech(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lx.SPEECH_LEMMAS


def cue_head(sentence: Span, start_char: int, end_char: int) -> Token | None:
    """The syntactic head of the cue words: the one token whose head lies outside the cue."""
    tokens = [t for t in sentence if t.idx < end_char and t.idx + len(t.text) > start_char]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[0]


def anchor(cue: Token) -> tuple[Token | None, Token | None]:
    """(predicate verb, event noun) for a cue: climb from a noun cue to the verb that governs it."""
    if cue.pos_ in ("VERB", "AUX") and not is_speech(cue):
        return cue, None
    nominal = cue if cue.pos_ in NOUN_POS or cue.pos_ == "ADJ" else None
    token = cue
    # Walk up through noun-phrase glue ("the village of X", "strikes by jets") to a verb.
    for _ in range(4):
        head = token.head
        if head.i == token.i:
            break
        if head.pos_ in ("VERB", "AUX"):
            if is_speech(head) or head.lemma_.lower() in lx.INTENT_LEMMAS:
                return None, nominal or cue
            return head, nominal
        if token.dep_ in ("compound", "amod") and nominal is not None and head.pos_ in NOUN_POS:
            nominal = head  # "drone strikes": the event noun is the head, not the modifier
        if token.dep_ in ("pobj", "prep", "agent", "compound", "amod", "conj", "appos"):
            token = head
            continue
        break
    return None, nominal or cue


def phrase(token: Token) -> Span:
    """The noun phrase a token heads, without determiners, counts or relative clauses."""
    doc = token.doc
    if token.lower_ in QUANTITY_HEADS:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return phrase(pobj)
    start = token.left_edge.i
    for index in range(token.left_edge.i, token.i):
        between = doc[index]
        direct = between.head.i == token.i
        if (direct and between.dep_ in ("prep", "cc", "relcl", "acl", "advmod")) or (
            between.text in ",;:()"
        ):
            start = index + 1
    while start < token.i and (
        (
            doc[start].dep_ in ("det", "predet", "nummod", "quantmod", "punct", "poss", "case")
            and doc[start].ent_type_ not in ACTOR_LABELS
        )
        or doc[start].like_num
        or doc[start].lower_ in ("some", "several", "many", "about", "around", "at", "least")
    ):
        start += 1
    end = token.i + 1
    for right in token.rights:
        if right.dep_ in ("compound", "flat", "nmod") or (
            right.dep_ == "prep"
            and right.lower_ in ("of", "from")
            and token.lower_ in GENERIC_HEADS
        ):
            end = right.right_edge.i + 1
        else:
            break
    return doc[start:end]


def _lowest_common_ancestor(first: Token, second: Token) -> Token:
    ancestors = {first.i, *(t.i for t in first.ancestors)}
    if second.i in ancestors:
        return second
    for token in second.ancestors:
        if token.i in ancestors:
            return token
    root = first  # the sentence root, without ``Token.sent`` (it rescans the document)
    while root.head.i != root.i:
        root = root.head
    return root


def belongs_to_speaker(token: Token, anchors: list[Token]) -> bool:
    """True when a word hangs off a speech verb rather than off the event's clause."""
    for event_token in anchors:
        common = _lowest_common_ancestor(token, event_token)
        if common.i == event_token.i or not is_speech(common):
            return False
    return bool(anchors)


def _by_agent(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            found.extend(grand for grand in child.children if grand.dep_ == "pobj")
    return found


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    result = list(tokens)
    for token in tokens:
        result.extend(token.conjuncts)
    return result


def _entity_spans(tokens: list[Token], labels: frozenset[str]) -> list[Span]:
    spans: list[Span] = []
    seen: set[int] = set()
    for token in tokens:
        for candidate in token.subtree:
            if candidate.ent_type_ in labels and candidate.i not in seen:
                entity = next(e for e in candidate.doc.ents if e.start <= candidate.i < e.end)
                seen.update(range(entity.start, entity.end))
                spans.append(entity)
    return spans


def _named_territory(token: Token) -> list[Span]:
    """'the town of Kafr Nabl': the proper name after a territory noun, tagged or not."""
    found: list[Span] = []
    for candidate in token.subtree:
        if candidate.dep_ != "pobj" or candidate.head.lower_ != "of":
            continue
        owner = candidate.head.head
        owner_is_territory = TERRITORY_NOUN.fullmatch(owner.lower_) or owner.lower_ == "control"
        if owner_is_territory and candidate.pos_ == "PROPN":
            span = phrase(candidate)
            if all(t.pos_ in ("PROPN", "PUNCT", "ADP") or t.lower_ == "al" for t in span):
                found.append(span)
    return found


_CONCRETE = re.compile(
    "|".join(
        (
            lx.CIVILIAN,
            lx.ARMED_TARGET,
            lx.PHYSICAL_TARGET,
            lx.PERSON_TARGET,
            lx.NON_STATE_ACTOR,
            lx.STATE_ACTOR,
        )
    )
)


def _concrete(span: Span) -> bool:
    """Who or what can be hit: people, forces, named entities, buildings; not "responsibility"."""
    if span.root.pos_ == "PROPN" or any(t.ent_type_ in ACTOR_LABELS | {"FAC"} for t in span):
        return True
    return bool(_CONCRETE.search(span.root.lower_))


def _is_place_phrase(span: Span, territorial: bool) -> bool:
    """An object that names a place (``shelled Idlib``, ``seized the town``) is not a target."""
    if all(t.ent_type_ in PLACE_LABELS for t in span):
        return True
    if TERRITORY_NOUN.fullmatch(span.root.lower_):
        return True
    return (
        territorial
        and span.root.pos_ == "PROPN"
        and not any(t.ent_type_ in ("ORG", "NORP") for t in span)
    )


def find_roles(sentence: Span, cue: Token, *, territorial: bool = False) -> Roles:
    """Roles of the event cued by ``cue``; ``territorial`` objects are places, not targets."""
    predicate, nominal = anchor(cue)
    roles = Roles(predicate=predicate, nominal=nominal)
    anchors = roles.anchors
    actor_tokens: list[Token] = []
    target_tokens: list[Token] = []
    place_heads: list[Token] = []

    if predicate is not None:
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in predicate.children)
        agents = _by_agent(predicate)
        for child in predicate.children:
            if child.dep_ == "nsubj" and not passive and child != nominal:
                actor_tokens.append(child)
            elif child.dep_ == "nsubjpass" or (child.dep_ in ("dobj", "obj") and not passive):
                if child != nominal:
                    target_tokens.append(child)
            elif child.dep_ == "prep" and child.lower_ in PLACE_PREPOSITIONS:
                place_heads.append(child)
        actor_tokens.extend(a for a in agents if a != nominal)
        # "killing six civilians": the participle's object is who the event hit.
        for child in predicate.children:
            if child.dep_ in ("advcl", "xcomp", "conj") and child.tag_ == "VBG":
                for verb in (child, *child.conjuncts):
                    target_tokens.extend(g for g in verb.children if g.dep_ in ("dobj", "obj"))
    if nominal is not None:
        modifiers = list(nominal.children)
        modifiers += [g for c in modifiers if c.dep_ == "compound" for g in c.children]
        for child in modifiers:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and (
                child.ent_type_ in ACTOR_LABELS or re_actor(child)
            ):
                actor_tokens.append(child)
            elif child.dep_ == "prep" and child.lower_ == "by":
                actor_tokens.extend(g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ in ("against", "targeting"):
                target_tokens.extend(g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ in PLACE_PREPOSITIONS:
                place_heads.append(child)
        # A nominal cue under its verb ("jets pounded X") is itself the actor.
        if (
            predicate is not None
            and nominal.dep_ == "nsubj"
            and not EVENT_NOUN.fullmatch(nominal.lower_)
        ):
            actor_tokens.append(nominal)
        if predicate is not None and nominal.dep_ == "pobj" and nominal.head.dep_ == "agent":
            actor_tokens.append(nominal)

    actor_tokens = [t for t in _with_conjuncts(actor_tokens) if t.pos_ != "PRON"]
    target_tokens = [t for t in _with_conjuncts(target_tokens) if t.pos_ != "PRON"]
    roles.actors = _dedupe([phrase(t) for t in actor_tokens])
    named_places = [span for t in place_heads + target_tokens for span in _named_territory(t)]
    targets = [phrase(t) for t in target_tokens]
    roles.targets = _dedupe(
        [span for span in targets if not _is_place_phrase(span, territorial) and _concrete(span)]
    )

    # Places: entities in the event's own prepositional phrases or objects first.
    places = _entity_spans(place_heads + target_tokens, PLACE_LABELS) + named_places
    if territorial:
        places += [
            span for span in targets if span.root.pos_ == "PROPN" and _is_place_phrase(span, True)
        ]
    if not places:
        taken = {t.i for span in roles.actors for t in span}
        places = [
            entity
            for entity in sentence.ents
            if entity.label_ in PLACE_LABELS
            and not (set(range(entity.start, entity.end)) & taken)
            and not belongs_to_speaker(entity.root, anchors)
            and entity.root.dep_ not in SUBJECTS
        ]
    roles.places = _dedupe([p for p in places if not belongs_to_speaker(p.root, anchors)])
    roles.dates = [
        entity
        for entity in sentence.ents
        if entity.label_ in ("DATE", "TIME") and not belongs_to_speaker(entity.root, anchors)
    ]
    roles.reporters = _reporters(sentence, anchors)
    return roles


def re_actor(token: Token) -> bool:
    """A modifier that names an armed side (\"rebel\", \"army\"), not just any adjective."""
    text = token.lower_
    return bool(re.match(lx.NON_STATE_ACTOR, text) or re.match(lx.STATE_ACTOR, text))


def _reporters(sentence: Span, anchors: list[Token]) -> list[Span]:
    """Who the text says the information comes from ("X said", "according to X")."""
    found: list[Token] = []
    speech_verbs: list[Token] = []
    for token in anchors[:1]:
        speech_verbs.extend(a for a in token.ancestors if is_speech(a))
    root = sentence.root
    if is_speech(root) and root not in speech_verbs:
        speech_verbs.append(root)
    speech_verbs.extend(
        c for c in root.children if c.dep_ in ("parataxis", "ccomp", "advcl") and is_speech(c)
    )
    for verb in speech_verbs:
        found.extend(c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON")
    for token in sentence:
        if token.lower_ == "according":
            for prep in token.children:
                if prep.lower_ == "to":
                    found.extend(g for g in prep.children if g.dep_ == "pobj")
    return _dedupe([phrase(t) for t in _with_conjuncts(found)])


def _dedupe(spans: list[Span]) -> list[Span]:
    result: list[Span] = []
    for span in spans:
        if len(span) == 0:
            continue
        if any(span.start >= o.start and span.end <= o.end for o in result):
            continue
        result = [o for o in result if not (o.start >= span.start and o.end <= span.end)]
        result.append(span)
    return result
