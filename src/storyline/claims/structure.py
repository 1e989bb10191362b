"""The facts a claim carries, read from its content in the article's own parse.

A claim's polarity, its tolls, who it says did the act (or denies doing it), what kind of
target it says was hit, and the place and time it names. Only what the words give is kept:
a claim naming no place has no place.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from storyline.claims.incident import is_known_place
from storyline.claims.tolls import read_tolls
from storyline.model import Claim, Responsibility

ATTACK_LEMMAS = frozenset(
    {
        "attack",
        "bomb",
        "strike",
        "shell",
        "shoot",
        "fire",
        "kill",
        "raid",
        "hit",
        "target",
        "launch",
        "carry",
        "stab",
        "blow",
        "set",
        "start",
    }
)
ATTACK_NOUNS = frozenset(
    {"attack", "bombing", "strike", "raid", "shelling", "shooting", "airstrike", "blast", "fire"}
)
_DENIAL_WORDS = re.compile(
    r"\b(false|untrue|not\s+true|baseless|groundless|unfounded|fabricat\w*|lies|nonsense|"
    r"propaganda|fake)\b",
    re.I,
)
_CIVILIAN = re.compile(
    r"\b(civilians?|residential|hospitals?|clinics?|schools?|markets?|homes?|houses?|"
    r"refugees?|camps?|villagers|residents|mosques?|churches?)\b",
    re.I,
)
_MILITARY = re.compile(
    r"\b(militants?|terrorists?|fighters?|jihadists?|insurgents?|bases?|positions?|"
    r"command\s+(?:posts?|cent(?:re|er)s?)|depots?|military\s+targets?|gunmen|"
    r"checkpoints?|training\s+camps?)\b",
    re.I,
)
_NAMED_SITES = frozenset(
    {"camp", "neighbourhood", "neighborhood", "district", "quarter", "village", "town", "area"}
)
_LOCATIVE = frozenset({"in", "near", "at", "on", "outside", "around", "across", "into", "of"})
_SINGULAR = {
    "civilians": "civilians",
    "villagers": "civilians",
    "residents": "civilians",
    "residential": "homes",
    "houses": "homes",
    "gunmen": "militants",
}


def fill_structure(
    claim: Claim,
    content: Span | None,
    context: Span | None = None,
    frame: tuple[int, int] | None = None,
    affiliation: str | None = None,
) -> Claim:
    """Set the claim's polarity and facts from its content span (None: from its text only).

    ``context`` is the sentence around it: "which he said killed seven" names its place
    ("the bombing of Guffa") outside the words of the claim; never inside ``frame``, the
    speaker's clause ("Lavrov told reporters in New York")."""
    text = claim.text
    claim.polarity = "denies" if _denies(claim, content) else "asserts"
    tolls = read_tolls(text)
    # a denial keeps only its "none": "there were no dead" is a toll of zero
    claim.tolls = (
        [toll for toll in tolls if toll.high == 0] if claim.polarity == "denies" else tolls
    )
    claim.target_type = _target_type(text)
    if content is not None:
        claim.responsibility = _responsibility(claim, content, affiliation)
        claim.place = _place(content)
        claim.time = _time(content)
    if context is not None:
        claim.place = claim.place or _place(context, frame)
        claim.time = claim.time or _time(context, frame)
    return claim


def _denies(claim: Claim, content: Span | None) -> bool:
    if claim.stance == "deny":
        return True
    if _DENIAL_WORDS.search(claim.text):
        return True
    if content is None:
        return False
    root = content.root
    if any(child.dep_ == "neg" for child in root.children):
        return True
    # "Russia had no base in Iran": the object itself is denied
    return any(
        child.dep_ in ("dobj", "attr")
        and any(g.lower_ == "no" and g.dep_ == "det" for g in child.children)
        for child in root.children
    )


def _target_type(text: str) -> str | None:
    """The first kind of target the claim names: civilians and their places, or fighters and
    theirs. The word is kept singular-ish so a reader sees what was said."""
    civilian, military = _CIVILIAN.search(text), _MILITARY.search(text)
    found = [match for match in (civilian, military) if match]
    if not found:
        return None
    first = min(found, key=lambda match: match.start()).group(0).lower()
    first = re.sub(r"\s+", " ", first)
    return _SINGULAR.get(first, first.rstrip("s") if first.endswith("s") else first)


def target_class(target_type: str | None) -> str | None:
    """civilian or military: the side of the line a target type falls on."""
    if not target_type:
        return None
    if _MILITARY.fullmatch(target_type) or _MILITARY.search(target_type):
        return "military"
    if _CIVILIAN.search(target_type) or target_type in ("homes",):
        return "civilian"
    return None


def _responsibility(
    claim: Claim, content: Span, affiliation: str | None = None
) -> list[Responsibility]:
    """Who did the act: the named subject of an attack verb, the one accused, or the speaker
    itself when it denies ("denied they carried out the strike", "we didn't bomb")."""
    found: list[Responsibility] = []
    denies = claim.polarity == "denies"
    if claim.stance == "accuse":
        named = _first_name(content)
        if named is not None:
            found.append(Responsibility(named, claim.verb, "asserts", claim.text))
        return found
    for token in content:
        if token.lemma_.lower() not in ATTACK_LEMMAS or token.pos_ != "VERB":
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        agent = next((g for c in token.children if c.dep_ == "agent" for g in c.children), None)
        who = agent or subject
        passive = any(child.dep_ in ("auxpass", "nsubjpass") for child in token.children)
        if who is None:
            if denies and claim.stance == "deny" and not passive:
                found.append(Responsibility(claim.speaker, token.lemma_, "denies", claim.text))
            continue
        own_negation = any(child.dep_ == "neg" for child in token.children)
        if who.lower_ in ("we", "they", "it", "he", "she") and who.pos_ == "PRON":
            if denies or own_negation:  # "denied they carried out", "we didn't bomb"
                # a spokesman's "we" is the body he speaks for
                actor = affiliation if who.lower_ in ("we", "they") and affiliation else None
                found.append(
                    Responsibility(actor or claim.speaker, token.lemma_, "denies", claim.text)
                )
            continue
        if denies and not own_negation:
            continue  # "rejected reports that Russian jets bombed": the rejected report's actor
        name = _name_of(who)
        if name:
            polarity = "denies" if own_negation else "asserts"
            found.append(Responsibility(name, token.lemma_, polarity, claim.text))
    if (
        not found
        and claim.stance == "deny"
        and any(token.lemma_.lower() in ATTACK_NOUNS for token in content)
    ):
        found.append(Responsibility(claim.speaker, "attack", "denies", claim.text))
    return found


_VEHICLES = frozenset(
    {"jet", "bomber", "aircraft", "plane", "warplane", "helicopter", "drone", "ship", "missile",
     "fighter-bomber", "tank", "gunship"}
)  # fmt: skip


def _name_of(token) -> str | None:
    """The named group or state a subject phrase holds, as written ("Russian" in "Russian
    jets"; never a maker or model: "Tupolev Tu-22M3 bombers" names no actor)."""
    vehicle = token.lemma_.lower() in _VEHICLES
    for ent in token.doc.ents:
        if vehicle and ent.label_ not in ("GPE", "NORP"):
            continue
        if (
            ent.start <= token.i < ent.end
            or (token.left_edge.i <= ent.start and ent.end <= token.i + 1)
        ) and ent.label_ in ("ORG", "GPE", "NORP", "PERSON"):
            if any(char.isdigit() for char in ent.text) or (ent.text.isupper() and len(ent) > 1):
                return None  # "Su-34" is an aircraft, "EL OBEID" a dateline
            return ent.text
    return None


def _first_name(content: Span) -> str | None:
    for ent in content.ents:
        if ent.label_ in ("ORG", "GPE", "NORP", "PERSON"):
            return ent.text
    return None


def _outside(ent: Span, frame: tuple[int, int] | None) -> bool:
    return frame is None or ent.end_char <= frame[0] or ent.start_char >= frame[1]


def _place(content: Span, frame: tuple[int, int] | None = None) -> str | None:
    for ent in content.ents:
        if (
            ent.label_ in ("GPE", "LOC", "FAC")
            and ent.root.head.lower_ in _LOCATIVE
            and _outside(ent, frame)
        ):
            return ent.text
    # "in the northern city of Thessaloniki": a proper noun after "in"/"of" the gazetteer knows
    for token in content:
        located = token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE
        # the tagger often calls a town ORG or NORP; only a person is surely no place
        if token.pos_ == "PROPN" and located and token.ent_type_ != "PERSON":
            start = min(t.i for t in token.subtree if t.pos_ == "PROPN")
            name = token.doc[start : token.i + 1]
            if _outside(name, frame) and is_known_place(name.text):
                return name.text
        # "in the Bureij refugee camp": a named camp or quarter the gazetteer need not know
        if located and token.lemma_.lower() in _NAMED_SITES:
            names = [t for t in token.lefts if t.pos_ == "PROPN" and t.dep_ == "compound"]
            if names:
                name = token.doc[names[0].i : token.i + 1]
                if _outside(name, frame):
                    return name.text
    return None


_DURATION = re.compile(r"\b(days|weeks|months|years|hours)\b", re.I)


def _time(content: Span, frame: tuple[int, int] | None = None) -> str | None:
    """The day the claim names; a span of time ("the past six months") only if no day."""
    times = [
        ent.text for ent in content.ents if ent.label_ in ("DATE", "TIME") and _outside(ent, frame)
    ]
    days = [text for text in times if not _DURATION.search(text)]
    return (days or times or [None])[0]
