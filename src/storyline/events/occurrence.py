"""Does a sentence report an incident that happened? The gate before any record is made.

ACLED codes specific, asserted, past occurrences. A sentence with an event word is often none:
background years old, a plan or threat, a hypothetical, a denial (that is a claim), a
diplomatic act, an opinion or metaphor ("pouring gasoline on the fire"), a weapon's
description, a running total, a quote of fear ("we heard the drone"). Each test here names
one such reason, so a skipped sentence can say why.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span, Token

from storyline.events import lexicon as lx
from storyline.events.roles import Roles, is_speech

# Older than this before the article, a dated happening is background.
BACKGROUND_DAYS = 31

DENIAL_LEMMAS = frozenset({"deny", "reject", "refute", "dismiss", "rebuff"})
ACCUSE_LEMMAS = frozenset({"accuse", "blame", "allege", "suspect", "charge"})
DIPLOMATIC_LEMMAS = frozenset(
    {
        "summon",
        "condemn",
        "denounce",
        "urge",
        "demand",
        "warn",
        "threaten",
        "vow",
        "pledge",
        "promise",
        "plan",
        "debate",
        "vote",
        "propose",
        "offer",
        "appeal",
        "fear",
        "expect",
        "consider",
        "investigate",
        "probe",
        "mourn",
        "commemorate",
        "compare",
        "describe",
        "resemble",
        "prepare",
        "intend",
        "seek",
        "aim",
        "hope",
        "want",
        # A halt or a decision about the act: "Russia had stopped flying bombing missions".
        "stop",
        "halt",
        "suspend",
        "cease",
        "decide",
        "allow",
        "permit",
        "authorise",
        "authorize",
        "approve",
    }
)
# Nouns that make the act something planned, feared or permitted, not something done.
PLAN_NOUNS = frozenset(
    {
        "decision",
        "plan",
        "plans",
        "threat",
        "warning",
        "permission",
        "request",
        "right",
        "ability",
        "readiness",
        "intention",
        "risk",
        "possibility",
        "fear",
        "fears",
        "bid",
    }
)
PERCEPTION_LEMMAS = frozenset({"hear", "see", "watch", "notice", "feel", "sense"})
FIRST_PERSON = frozenset({"i", "we"})
_BACKGROUND_WORDS = re.compile(
    r"\b(?:since|ever since|history|historic(?:al)?|anniversary|similar|previous(?:ly)?|"
    r"in the past|decades?|years? ago|last year|used to|was the (?:first|second|worst)|"
    r"became the (?:first|second)|the worst since|most serious in .{0,40} since)\b",
    re.I,
)
_METAPHOR = re.compile(
    r"\b(?:fuel(?:ling|ing|led|ed)? the fire|gasoline on the fire|oil on the fire|"
    r"(?:pour|add)\w* (?:fuel|oil|gasoline)|war of words|political (?:battle|fight|attack)|"
    r"under fire from|came under fire for|fire(?:d)? back at|"
    r"(?:fight|war|battle|struggle) (?:against|on) (?:terror\w*|extremis\w*|crime|drugs)|"
    r"battle (?:for|over) (?:votes|"
    r"the (?:election|budget))|fight (?:against|over) (?:corruption|inflation|poverty)|"
    r"bomb(?:shell)? (?:revelation|report))\b",
    re.I,
)
# A death by the victim's own hand in custody or a suicide is no political violence.
_SELF_HARM = re.compile(
    r"\b(?:commit\w* suicide|took (?:his|her) own life|hanged (?:himself|herself)|"
    r"killed (?:himself|herself))\b",
    re.I,
)
# Arrests that follow an incident already told are its judicial sequel, not an incident.
_FOLLOW_UP = re.compile(
    r"\b(?:arrest\w*|detain\w*|held|picked up)\b[^.;]{0,60}\bin (?:this |that )?connection\b|"
    r"\b(?:hours|days|shortly) after (?:his|her|their) arrest\b",
    re.I,
)
_NO_DEATHS = re.compile(r"\bno (?:dead|deaths|casualties|one was (?:killed|hurt|injured))\b", re.I)
_DESCRIPTION = re.compile(
    r"\b(?:capable of|can carry|designed to|able to (?:strike|hit|carry)|has a range|"
    r"range of \d|equipped with|armed with .{0,30} capable)\b",
    re.I,
)
_AGGREGATE = re.compile(
    r"\b(?:so far this year|this year|in recent (?:months|weeks|years)|in all|in total|"
    r"overall|since the (?:start|beginning)|since (?:the )?\w+(?: \w+)? (?:began|started)|"
    r"over the past|over the last|during the (?:war|"
    r"conflict|offensive|campaign)|nearly \d+ attacks|\d+ attacks)\b",
    re.I,
)


def _governors(token: Token) -> list[Token]:
    """The token and the verbs above it, up to the sentence root."""
    chain = [token]
    chain.extend(token.ancestors)
    return chain


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def denied(anchor: Token) -> bool:
    """'Sudan denied bombing the camp', 'the army blamed the RSF for the attack': the act is
    the object of a denial or an accusation, so it is a claim."""
    for token in _governors(anchor):
        if _lemma(token) in DENIAL_LEMMAS or _lemma(token) in ACCUSE_LEMMAS:
            return True
        if token.dep_ == "ROOT":
            break
    return False


def diplomatic(anchor: Token, sentence: Span) -> bool:
    """A summons, a condemnation, a plan or a warning about the act, not the act itself."""
    for token in _governors(anchor)[1:]:
        if token.pos_ in ("VERB", "AUX") and _lemma(token) in DIPLOMATIC_LEMMAS:
            return True
        if token.pos_ == "NOUN" and token.lower_ in PLAN_NOUNS:
            return True
        if is_speech(token):
            return False
    return False


def fear_quote(anchor: Token) -> bool:
    """'We heard the drone': a witness's perception, not a report that an act took place."""
    for token in _governors(anchor):
        if _lemma(token) in PERCEPTION_LEMMAS and any(
            c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in token.children
        ):
            return True
    return False


def present_habitual(anchor: Token, roles: Roles) -> bool:
    """'Jets strike the region every day', 'rebels use drones': no single past occurrence."""
    verb = roles.predicate
    if verb is None or verb.tag_ not in ("VBZ", "VBP"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return verb.lemma_.lower() not in ("be", "say")


def background_date(
    interval: tuple[date, date] | None, published: date | None, days: int = BACKGROUND_DAYS
) -> bool:
    """A happening that ended more than a month before the article is background."""
    if interval is None or published is None:
        return False
    return interval[1] < published - timedelta(days=days)


def not_an_occurrence(
    sentence: Span,
    anchor: Token,
    roles: Roles,
    *,
    own_date: tuple[date, date] | None,
    published: date | None,
    background_days: int = BACKGROUND_DAYS,
) -> str | None:
    """Why the sentence does not report one incident that happened, or None if it does."""
    text = sentence.text
    if text.rstrip().endswith("?"):
        return "question"
    if background_date(own_date, published, background_days):
        return "background"
    if _METAPHOR.search(text):
        return "metaphor"
    if _SELF_HARM.search(text) and not roles.actors:
        return "self-inflicted"
    if _FOLLOW_UP.search(text):
        return "follow-up of an incident"
    if _NO_DEATHS.search(text):
        return "negated occurrence"
    if _DESCRIPTION.search(text):
        return "weapon description"
    if denied(anchor):
        return "denial or accusation"
    if diplomatic(anchor, sentence):
        return "statement, plan or diplomatic act"
    if fear_quote(anchor):
        return "perception quote"
    if present_habitual(anchor, roles):
        return "habitual present"
    if own_date is None and _BACKGROUND_WORDS.search(text) and not _today_cue(text):
        return "background"
    if _AGGREGATE.search(text) and (own_date is None or _SINCE_BEGAN.search(text)):
        return "running total"
    if lx.AGGREGATE_CUES.search(text.lower()) and own_date is None:
        return "running total"
    return None


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


def irrealis_or_generic(sentence: Span, roles: Roles) -> bool:
    """Negated, modal, conditional, generic or a running total (the parse-based gate)."""
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


_SINCE_BEGAN = re.compile(r"\bsince (?:the )?\w+(?: \w+)? (?:began|started)\b", re.I)
_TODAY = re.compile(
    r"\b(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|yesterday|"
    r"tonight|last night|this morning|earlier)\b",
    re.I,
)


def _today_cue(text: str) -> bool:
    return bool(_TODAY.search(text))
