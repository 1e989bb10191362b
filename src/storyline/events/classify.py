"""Choose the ACLED sub-type of what a sentence reports, by an ordered list of cue rules.

Order encodes the codebook's precedence: a weapon caught before use is "Disrupted weapons use"
even when it is a bomb; a chemical or suicide attack outranks the aircraft or car that carried
it; a protest stays a protest (peaceful, dispersed, violent) even when police fire tear gas;
only then do instruments (aircraft, artillery, IEDs), territory verbs, arrests, agreements and
plain violence decide. The first rule that fires wins, and the cue it matched is kept so the
extractor can anchor roles on the words that triggered it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.events import lexicon as lx
from storyline.events import taxonomy as tx


@dataclass(frozen=True, slots=True)
class Typing:
    """A sub-type decision, the cue span (offsets into the classified text) and its weight."""

    sub_event_type: str
    start: int
    end: int
    cue: str
    strength: float  # 0..1: how specific the cue is (an "air strike" beats a bare "attack")

    @property
    def event_type(self) -> str:
        return tx.EVENT_TYPE_OF[self.sub_event_type]


# Phrases whose words would mislead a rule ("riot police" are not rioters, "tear gas" is no
# chemical weapon, "strike a deal" is no attack); blanked out before matching.
# What a protest is against ("police brutality", "gun violence") says nothing about how the
# protest went, so it is blanked before the protest rules look for violence or force.
_PROTEST_TOPIC = re.compile(
    r"\b(?:police brutality|gun violence|(?:against|denounc\w*|decry\w*|condemn\w*|mourn\w*|"
    r"over|protest\w* (?:at|over|against)) (?:\w+ ){0,3}(?:violence|brutality|crackdown|"
    r"arrests?|killings?|repression|death|deaths|shootings?|attacks?))\b"
)
_MASKS = re.compile(
    r"\b(?:(?:anti-)?riot (?:police|gear|squad|control|units?|officers|forces)|"
    r"strik\w* (?:a|the) (?:deal|balance|chord)|hunger strikes?|rocket-propelled|"
    r"bomb(?:ing)? campaign|press conference|peace march|water cannons?|"
    r"tear[- ]?gas(?:\w*| shells?| canisters?)|under (?:police |army )?control|"
    r"pepper spray|stun grenades?|rubber bullets|commit\w* suicide|suicide (?:note|watch))\b"
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|got)\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\b")
_WINDOW = 90


def _search(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(pattern, text)


# The month, not a march: "on March 12", "in March", "March 2019".
_MONTH_MARCH = re.compile(
    r"\bMarch\b(?=\s+\d)|(?<=\d\s)March\b|(?<=\d)\s*March\b|"
    r"\b(?:[Ii]n|[Oo]n|[Ss]ince|[Uu]ntil|[Oo]f|[Bb]y|early|late|mid|last|next|[Ee]nd of|"
    r"[Bb]eginning of)[\s-]+March\b"
)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


# A capitalised word inside a sentence is a name: "Kafr Nabudah" is no "nab", "Battle Creek"
# no battle. Title-case lines (headlines) keep their words.
_NAME_WORD = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*\b")


def _names_blanked(text: str) -> str:
    words = text.split()
    capitalised = sum(w[:1].isupper() for w in words)
    if words and capitalised > 0.6 * len(words):
        return text
    return _NAME_WORD.sub(_blank, text)


def _masked(text: str) -> str:
    return _MASKS.sub(_blank, _MONTH_MARCH.sub(_blank, _names_blanked(text)).lower())


def _actor_side(text: str, match: re.Match[str]) -> str | None:
    """'state' or 'non-state' for the side doing what the cue says, from the nearest mention."""
    after = text[match.end() : match.end() + _WINDOW]
    by_agent = re.match(r"\s*(?:\w+\s+){0,6}?by\b(.{0,60})", after)
    if by_agent:
        side = _nearest_side(by_agent.group(1), from_end=False)
        if side:
            return side
    # The subject usually opens the clause, so the first armed side named before the verb
    # ("the army and allied fighters captured") is the one acting.
    clause_start = max(text.rfind(sep, 0, match.start()) for sep in (". ", "; ", " while "))
    before = text[max(0, clause_start, match.start() - 2 * _WINDOW) : match.start()]
    return _nearest_side(before, from_end=False)


def _nearest_side(window: str, *, from_end: bool) -> str | None:
    hits: list[tuple[int, str]] = []
    for side, pattern in (("non-state", lx.NON_STATE_ACTOR), ("state", lx.STATE_ACTOR)):
        for found in re.finditer(pattern, window):
            hits.append((found.start(), side))
    if not hits:
        return None
    hits.sort()
    return hits[-1][1] if from_end else hits[0][1]


def _victims_are_civilian(text: str, match: re.Match[str]) -> bool | None:
    """True if whoever the violence hit reads as civilian, False if armed, None if unknown."""
    after = text[match.end() : match.end() + _WINDOW]
    passive = _PASSIVE.search(text[max(0, match.start() - 12) : match.end()])
    window = text[max(0, match.start() - _WINDOW) : match.start()] if passive else after
    civ = re.search(lx.CIVILIAN, window)
    armed = re.search(lx.ARMED_TARGET, window)
    if civ and armed:
        return civ.start() < armed.start() if not passive else civ.start() > armed.start()
    if civ:
        return True
    if armed:
        return False
    return None


Rule = Callable[[str], Typing | None]


def _simple(pattern: str, sub_type: str, strength: float) -> Rule:
    compiled = re.compile(pattern)

    def rule(text: str) -> Typing | None:
        found = compiled.search(text)
        if not found:
            return None
        return Typing(sub_type, found.start(), found.end(), found.group(0), strength)

    return rule


def _typing(sub_type: str, found: re.Match[str], strength: float) -> Typing:
    return Typing(sub_type, found.start(), found.end(), found.group(0), strength)


def _protest(text: str) -> Typing | None:
    found = _search(lx.PROTEST, text)
    if not found:
        return None
    text = _PROTEST_TOPIC.sub(_blank, text)
    for pattern, sub_type in (
        (lx.EXCESSIVE_FORCE, tx.EXCESSIVE_FORCE),
        (lx.PROTESTER_VIOLENCE, tx.VIOLENT_DEMONSTRATION),
        (lx.INTERVENTION, tx.PROTEST_WITH_INTERVENTION),
    ):
        if _search(pattern, text):
            return _typing(sub_type, found, 0.8)
    return _typing(tx.PEACEFUL_PROTEST, found, 0.7)


def _territory(text: str) -> Typing | None:
    regain = _search(lx.REGAIN, text)
    seize = _search(lx.SEIZE, text)
    if seize and not regain:
        # "captured a commander", "pistols were seized": people and arms are not territory.
        passive = re.search(r"\b(?:were|was|been|being)\s+$", text[: seize.start()])
        object_window = (
            text[max(0, seize.start() - 60) : seize.start()]
            if passive
            else text[seize.end() : seize.end() + 50]
        )
        people_or_arms = _search(
            "|".join((lx.CIVILIAN, lx.ARMED_TARGET, lx.PERSON_TARGET, r"\b" + lx.WEAPON_OBJECT)),
            object_window,
        )
        if people_or_arms and not _search(lx.TERRITORY, object_window):
            seize = None
    gain = regain or seize
    quiet = _search(lx.QUIET_TRANSFER, text)
    withdrawal = _search(lx.WITHDRAW_FROM, text)
    if quiet and (gain or withdrawal or _search(lx.TERRITORY, text)):
        return _typing(tx.NON_VIOLENT_TRANSFER, gain or quiet, 0.65)
    if gain is None:
        if withdrawal:
            return _typing(tx.NON_VIOLENT_TRANSFER, withdrawal, 0.5)
        return None
    if withdrawal or (_search(lx.WITHDRAW, text) and not _search(lx.CLASH, text)):
        return _typing(tx.NON_VIOLENT_TRANSFER, gain, 0.6)
    side = _actor_side(text, gain)
    if side == "non-state":
        return _typing(tx.NON_STATE_OVERTAKES, gain, 0.75)
    if side == "state" or regain:
        return _typing(tx.GOVERNMENT_REGAINS, gain, 0.75)
    return _typing(tx.NON_STATE_OVERTAKES, gain, 0.5)


def _violence(text: str) -> Typing | None:
    clash = _search(lx.CLASH, text)
    harm = _search(lx.KILL_CIVILIAN, text)
    if harm:
        civilian = _victims_are_civilian(text, harm)
        if civilian and not (clash and clash.start() < harm.start()):
            return _typing(tx.ATTACK, harm, 0.6)
    if clash:
        return _typing(tx.ARMED_CLASH, clash, 0.65)
    if harm:
        civilian = _victims_are_civilian(text, harm)
        if civilian is False:
            return _typing(tx.ARMED_CLASH, harm, 0.5)
        if civilian:
            return _typing(tx.ATTACK, harm, 0.55)
        return _typing(tx.ATTACK, harm, 0.35)
    return None


def _air(text: str) -> Typing | None:
    found = _search(lx.AIR, text)
    if not found:
        return None
    # A bare "plane" or "drone" without any violence is movement, not a strike.
    if not _search(
        lx.words(
            r"strik\w*",
            r"struck",
            r"bomb\w*",
            r"pound\w*",
            r"kill\w*",
            r"hit\w*",
            r"target\w*",
            r"raid\w*",
            r"attack\w*",
            r"fir\w*",
            r"launch\w*",
            r"destroy\w*",
            r"dropp\w*",
            r"shell\w*",
            r"missiles?",
            r"rockets?",
            r"wound\w*",
            r"injur\w*",
            r"dead",
            r"died",
        ),
        text,
    ):
        return None
    return _typing(tx.AIR_STRIKE, found, 0.85)


RULES: tuple[Rule, ...] = (
    _simple(lx.DISRUPTED, tx.DISRUPTED_WEAPONS, 0.7),
    _simple(lx.CHEMICAL, tx.CHEMICAL_WEAPON, 0.9),
    _simple(lx.SEXUAL, tx.SEXUAL_VIOLENCE, 0.85),
    _simple(lx.SUICIDE, tx.SUICIDE_BOMB, 0.9),
    _territory,
    _simple(lx.MOB, tx.MOB_VIOLENCE, 0.7),
    _protest,
    _simple(lx.RIOT, tx.VIOLENT_DEMONSTRATION, 0.6),
    _simple(lx.ABDUCT, tx.ABDUCTION, 0.85),
    _air,
    _simple(lx.GRENADE, tx.GRENADE, 0.85),
    _simple(lx.REMOTE_EXPLOSIVE, tx.REMOTE_EXPLOSIVE, 0.8),
    _simple(lx.SHELLING, tx.SHELLING, 0.8),
    _simple(lx.GENERIC_BLAST, tx.REMOTE_EXPLOSIVE, 0.55),
    _simple(lx.HEADQUARTERS, tx.HEADQUARTERS, 0.7),
    _simple(lx.ARREST, tx.ARRESTS, 0.75),
    _simple(lx.AGREEMENT, tx.AGREEMENT, 0.6),
    _violence,
    _simple(lx.PROPERTY, tx.LOOTING, 0.55),
    _simple(lx.CHANGE_TO_GROUP, tx.CHANGE_TO_GROUP, 0.4),
    _simple(lx.OTHER_STRATEGIC, tx.OTHER, 0.3),
)


def classify(text: str) -> Typing | None:
    """The sub-type one passage reports, or None when no rule's cue is present."""
    masked = _masked(text)
    for rule in RULES:
        typing = rule(masked)
        if typing is not None:
            return typing
    return None
