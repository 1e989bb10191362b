"""Counts of people in news text, and which of them are casualties.

"36 civilians were killed", "killing at least 12 soldiers", "dozens of rebel fighters wounded"
all name a number of people; only some are casualties ("1,700 marines deployed" is not). We
first find every quantity of people (`parse_people_counts`), then decide whether a death or
injury word governs it (`kind`), and `parse_casualties` keeps only those.

Conventions, chosen to follow ACLED's coding rules where they exist:

- exact numbers give ``count``; ``min``/``max`` stay empty;
- "at least N", "no fewer than N" give ``min=N``; "more than N", "over N" give ``min=N+1``;
- "up to N", "as many as N", "at most N", "nearly N", "almost N" give ``max=N``;
  "fewer than N", "less than N" give ``max=N-1``;
- "about N", "around N", "some N", "an estimated N" are taken as ``count=N`` (approximate);
- "between A and B", "A to B", "A-B", "A or B" give ``min=A, max=B``;
- vague quantities use ACLED's values as ``count`` and set ``vague``: "a dozen"/"dozens" = 12,
  "tens" = 10, "scores" = 20, "hundreds" = 100, "thousands" = 1000, "several", "a few",
  "a handful" = 3 (with a qualifier, "more than a dozen" gives ``min=13``);
- victims: civilians (with ``subcategory`` children, women, ...), militants (militants,
  jihadists, fighters, insurgents, gunmen...), soldiers (soldiers, troops, servicemen,
  marines...), rebels, police, and unknown ("people", "others", or no noun). A modifier
  overrides a generic head: "rebel fighters" are rebels, "police officers" police.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from storyline.model import Fatalities
from storyline.time.lexicon import NUMBER_WORDS_RE, parse_int

CasualtyKind = Literal["killed", "injured", "casualties"]

_VAGUE: dict[str, int] = {
    "a dozen": 12, "dozen": 12, "dozens": 12, "tens": 10, "scores": 20, "hundreds": 100,
    "thousands": 1000, "several": 3, "a few": 3, "a handful": 3, "a couple": 2,
    "tens of thousands": 10_000, "hundreds of thousands": 100_000,
}  # fmt: skip

# Head nouns and what kind of victim they name: (category, subcategory).
_HEADS: dict[str, tuple[str, str | None]] = {}
for _words, _category, _sub in [
    ("civilians civilian villagers residents worshippers worshipers students pupils "
     "protesters protestors demonstrators refugees migrants passengers journalists reporters "
     "workers farmers shoppers pilgrims patients doctors nurses teachers fishermen "
     "bystanders inhabitants locals", "civilians", None),
    ("children child kids boys girls babies infants minors toddlers", "civilians", "children"),
    ("women woman mothers", "civilians", "women"),
    ("militants militant jihadists jihadist fighters fighter insurgents insurgent extremists "
     "terrorists terrorist gunmen gunman militiamen militiaman attackers attacker bombers "
     "combatants mujahideen islamists", "militants", None),
    ("soldiers soldier troops servicemen serviceman marines marine sailors airmen "
     "paratroopers commandos conscripts recruits guardsmen legionnaires", "soldiers", None),
    ("rebels rebel", "rebels", None),
    ("police policemen policeman policewomen officers officer cops gendarmes", "police", None),
    ("people persons individuals others victims bodies men man members", "unknown", None),
]:  # fmt: skip
    for _word in _words.split():
        _HEADS[_word] = (_category, _sub)

# Modifiers that decide the category whatever the head noun says.
_MODIFIER_CATEGORY: dict[str, tuple[str, str | None]] = {
    "rebel": ("rebels", None), "opposition": ("rebels", None),
    "police": ("police", None), "security": ("police", None),
    "army": ("soldiers", None), "government": ("soldiers", None), "regime": ("soldiers", None),
    "military": ("soldiers", None), "pro-government": ("soldiers", None),
    "civilian": ("civilians", None), "unarmed": ("civilians", None),
    "jihadist": ("militants", None), "militant": ("militants", None),
    "islamist": ("militants", None), "taliban": ("militants", None),
    "isis": ("militants", None), "is": ("militants", None), "al-shabaab": ("militants", None),
    "al-qaeda": ("militants", None), "boko": ("militants", None),
}  # fmt: skip

_KILLED = (
    r"killed|kills|kill|killing|dead|died|die|dying|deaths?|slain|murdered|executed|massacred|"
    r"perished|beheaded|lost\s+their\s+lives|shot\s+dead|fatalities|lives|bodies|death\s+toll"
)
_INJURED = r"wounded|wounding|injured|injuring|injuries|hurt|maimed"
_CASUALTIES = r"casualties"
_CUE = re.compile(rf"\b(?:(?P<k>{_KILLED})|(?P<i>{_INJURED})|(?P<c>{_CASUALTIES}))\b", re.I)

_QUALIFIER = (
    r"(?:at\s+least|no\s+fewer\s+than|not\s+less\s+than|more\s+than|over|well\s+over|"
    r"upwards\s+of|up\s+to|as\s+many\s+as|at\s+most|nearly|almost|close\s+to|fewer\s+than|"
    r"less\s+than|about|around|some|roughly|approximately|an\s+estimated|a\s+total\s+of|"
    r"estimated|only|just)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_AMOUNT = (
    rf"(?:{_DIGITS}|{NUMBER_WORDS_RE}|tens\s+of\s+thousands|hundreds\s+of\s+thousands|"
    r"a\s+dozen|dozens|dozen|tens|scores|hundreds|thousands|several|a\s+few|a\s+handful|"
    r"a\s+couple)"
)
_MODIFIER = (
    r"(?:(?!(?-i:and|or|were|was|are|is|in|on|at|of|from|who|which|that|had|have|with)\b)"
    r"[A-Za-z][\w'-]*\s+){0,3}"
)
_HEAD_WORDS = "|".join(sorted(_HEADS, key=len, reverse=True))
_PEOPLE = re.compile(
    rf"(?<![\w,.$€£-])(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?:between\s+(?P<lo>{_AMOUNT})\s+and\s+(?P<hi>{_AMOUNT})"
    rf"|(?P<a>{_AMOUNT})(?:\s*(?:-|–|to|or)\s*(?P<b>{_AMOUNT}))?)"
    rf"(?![\w%]|[.,]\d)(?:\s+of)?"
    rf"(?:\s+(?:the|them|those)\b)?"
    rf"(?:\s+(?P<mods>{_MODIFIER})(?P<head>{_HEAD_WORDS})\b)?",
    re.IGNORECASE,
)
_SINGULAR = re.compile(
    rf"\b(?P<a>a|an|one)\s+(?P<mods>{_MODIFIER})(?P<head>{_HEAD_WORDS})\b", re.IGNORECASE
)
_TOLL = re.compile(
    r"(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|victims))\s+(?:\w+\s+){0,3}?"
    r"(?:to|at|of|is|was|stood\s+at|reached|hit)\s+$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.;:!?]|\bwhile\b|\bbut\b|\bafter\b|\bwhen\b")
_NEXT_NUMBER = re.compile(rf"\b(?:{_DIGITS}|{NUMBER_WORDS_RE})\b", re.IGNORECASE)
_PASSIVE = re.compile(
    r"^(?:\s+|,|\b(?:were|was|have|has|had|been|being|are|is|reportedly|also|all|later|"
    r"allegedly|apparently|believed|thought|to|be|feared|confirmed|left|lay|found|among|"
    r"them|of|the|were\s+reported)\b)*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CasualtyCount:
    """A number of people as written, and whether the text says they were killed or hurt.

    ``kind`` is None when no death/injury word governs the number ("1,700 marines deployed");
    ``casualty`` tells the two apart.
    """

    text: str
    start: int
    end: int
    victims: str
    count: int | None = None
    min: int | None = None
    max: int | None = None
    subcategory: str | None = None
    kind: CasualtyKind | None = None
    vague: bool = False

    @property
    def casualty(self) -> bool:
        return self.kind is not None

    def to_fatalities(self) -> Fatalities:
        """The event record's shape (``victims`` "children"/"women" stay civilians there)."""
        return Fatalities(
            victims=self.victims, text=self.text, count=self.count, min=self.min, max=self.max
        )


def _amount(text: str) -> tuple[int | None, bool]:
    cleaned = re.sub(r"\s+", " ", text.strip().lower())
    if cleaned in _VAGUE:
        return _VAGUE[cleaned], True
    return parse_int(cleaned), False


def _bounds(qualifier: str | None, value: int, vague: bool) -> tuple[int | None, ...]:
    """(count, min, max) for one number under its qualifier, per the module conventions."""
    qual = re.sub(r"\s+", " ", (qualifier or "").lower())
    if qual in ("at least", "no fewer than", "not less than"):
        return None, value, None
    if qual in ("more than", "over", "well over", "upwards of"):
        return None, value + 1, None
    if qual in ("up to", "as many as", "at most", "nearly", "almost", "close to"):
        return None, None, value
    if qual in ("fewer than", "less than"):
        return None, None, value - 1
    return value, None, None


def _category(mods: str | None, head: str | None) -> tuple[str, str | None]:
    for word in reversed((mods or "").lower().split()):
        word = word.strip("'")
        if word in _MODIFIER_CATEGORY:
            return _MODIFIER_CATEGORY[word]
    if head:
        return _HEADS.get(head.lower(), ("unknown", None))
    return "unknown", None


def _kind_from_cue(match: re.Match[str]) -> CasualtyKind:
    if match.group("k"):
        return "killed"
    if match.group("i"):
        return "injured"
    return "casualties"


def casualty_kind(text: str, start: int, end: int) -> CasualtyKind | None:
    """Whether a death or injury word governs the people counted at text[start:end].

    A cue right after the phrase ("were killed", "dead") counts unless it is an active verb
    with its own object ("12 soldiers killed 30 militants"); a cue just before counts when
    nothing else intervenes ("killing at least 12", "the deaths of 12 people").
    """
    tail = text[end : end + 80]
    stop = _CLAUSE_BREAK.search(tail)
    tail = tail[: stop.start()] if stop else tail
    after = _CUE.search(tail)
    if after and _PASSIVE.match(tail[: after.start()]):
        following = tail[after.end() :]
        active_object = re.match(
            rf"\s+(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?(?:{_DIGITS}|"
            rf"{NUMBER_WORDS_RE}|dozens|scores|hundreds)\b",
            following,
            re.IGNORECASE,
        )
        if not active_object:
            return _kind_from_cue(after)
    head = text[max(0, start - 60) : start]
    stop_before = list(_CLAUSE_BREAK.finditer(head))
    if stop_before:
        head = head[stop_before[-1].end() :]
    cues = list(_CUE.finditer(head))
    if cues:
        last = cues[-1]
        between = head[last.end() :]
        if len(between.split()) <= 4 and not _NEXT_NUMBER.search(between):
            return _kind_from_cue(last)
    if _TOLL.search(text[max(0, start - 60) : start]):
        return "killed"
    if (
        after
        and _PASSIVE.match(tail[: after.start()]) is None
        and len(tail[: after.start()].split()) <= 3
    ):
        return _kind_from_cue(after)
    return None


def parse_people_counts(text: str) -> list[CasualtyCount]:
    """Every quantity of people in ``text``, casualties or not."""
    found: list[CasualtyCount] = []
    taken: list[tuple[int, int]] = []
    for match in _PEOPLE.finditer(text):
        head = match.group("head")
        end = (
            match.end()
            if head
            else (
                match.end("hi")
                if match.group("hi")
                else match.end("b")
                if match.group("b")
                else match.end("a")
            )
        )
        start = match.start()
        if not head:
            # A bare number counts only where the sentence says it is a toll ("12 dead",
            # "the death toll rose to 40").
            bare_tail = text[end : end + 20]
            is_toll = _TOLL.search(text[max(0, start - 60) : start])
            cue_follows = re.match(
                rf"\s+(?:(?:were|are|was|have\s+been|had\s+been)\s+)?(?:{_KILLED}|{_INJURED})\b",
                text[end : end + 40],
                re.I,
            )
            if not (is_toll or cue_follows):
                continue
            if re.match(r"\s*(?:years?|months?|days?|hours?|km|miles|%|percent)\b", bare_tail):
                continue
        parsed = _from_match(match, text, start, end)
        if parsed is not None:
            found.append(parsed)
            taken.append((start, end))
    for match in _SINGULAR.finditer(text):
        if any(match.start() < b and a < match.end() for a, b in taken):
            continue
        victims, sub = _category(match.group("mods"), match.group("head"))
        if match.group("head").lower().endswith("s") and match.group("head").lower() not in (
            "police",
        ):
            continue
        found.append(
            CasualtyCount(text[match.start() : match.end()], match.start(), match.end(),
                          victims, count=1, subcategory=sub,
                          kind=casualty_kind(text, match.start(), match.end()))
        )  # fmt: skip
    found.sort(key=lambda item: item.start)
    return _subsets_of_the_toll(_share_coordinated_kind(found, text), text)


_INCLUDING = re.compile(
    r"^[^.;]{0,80}?,?\s*(?:among (?:them|whom|the dead|the victims)|including|of (?:whom|them)|"
    r"most of them|many of them|mostly)\s*(?:were\s+)?$",
    re.I,
)


def _subsets_of_the_toll(counts: list[CasualtyCount], text: str) -> list[CasualtyCount]:
    """'36 civilians, among them several children, were killed' is a toll of 36: the verb
    after the subset governs the whole, and the subset is no toll of its own."""
    result = list(counts)
    for index in range(len(result) - 1):
        outer, inner = result[index], result[index + 1]
        if not _INCLUDING.match(text[outer.end : inner.start]):
            continue
        result[index] = replace(outer, kind=outer.kind or inner.kind)
        result[index + 1] = replace(inner, kind=None)
    return result


def _share_coordinated_kind(counts: list[CasualtyCount], text: str) -> list[CasualtyCount]:
    """In "several women and a child were killed" the verb governs both conjuncts."""
    result = list(counts)
    for index in range(len(result) - 2, -1, -1):
        current, following = result[index], result[index + 1]
        joined = re.fullmatch(r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as)?\s*",
                              text[current.end : following.start])  # fmt: skip
        if current.kind is None and following.kind is not None and joined:
            result[index] = replace(current, kind=following.kind)
    return result


def _from_match(match: re.Match[str], text: str, start: int, end: int) -> CasualtyCount | None:
    qualifier = match.group("qual")
    low_text = match.group("lo") or match.group("a")
    high_text = match.group("hi") or match.group("b")
    low, vague = _amount(low_text)
    if low is None:
        return None
    count: int | None
    minimum: int | None
    maximum: int | None
    if high_text:
        high, high_vague = _amount(high_text)
        if high is None or high < low:
            return None
        count, minimum, maximum = None, low, high
        vague = vague or high_vague
    else:
        count, minimum, maximum = _bounds(qualifier, low, vague)
    if qualifier and qualifier.lower() in ("only", "just"):
        start = match.start("lo") if match.group("lo") else match.start("a")
    victims, sub = _category(match.group("mods"), match.group("head"))
    if match.group("head") and re.search(
        r"\b(?:years?|months?|days?)\b", match.group("mods") or ""
    ):
        return None  # "10 years old children" and the like are ages, not counts
    return CasualtyCount(
        text[start:end], start, end, victims, count=count, min=minimum, max=maximum,
        subcategory=sub, kind=casualty_kind(text, start, end), vague=vague,
    )  # fmt: skip


def parse_casualties(text: str) -> list[CasualtyCount]:
    """The counts of people the text says were killed, injured or made casualties."""
    return [item for item in parse_people_counts(text) if item.casualty]
