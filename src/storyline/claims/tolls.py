"""Counts a claim gives, as ``Toll`` records: killed, injured, arrested, or the size of a crowd.

Read from the shared people-count parser, with the claim's own context deciding the kind
("89 people were arrested", "put the march at 30,000"), and three things a dispute finder
must know: a figure that replaces an earlier one ("rose to 29") is an update, a figure the
text itself sets aside ("revising an earlier total of 21") is dropped, and a share of a larger
count ("36 civilians, among them several children") is not a toll of its own.
"""

from __future__ import annotations

import re

from storyline.events.numbers import parse_people_counts
from storyline.model import Toll

_KIND_AFTER = (
    ("killed", re.compile(r"\b(killed|dead|died|die|slain|lost their lives|deaths?)\b", re.I)),
    ("injured", re.compile(r"\b(wounded|injured|hurt|injuries)\b", re.I)),
    (
        "arrested",
        re.compile(
            r"\b(arrested|detained|seized|picked up|rounded up|held|taken into custody|nabbed)\b",
            re.I,
        ),
    ),
)
# a crowd is counted only as the subject of a crowd's verb ("20,000 people marched")
_CROWD_AFTER = re.compile(
    r"^[^.;,]{0,25}?\b(marched|took to the streets|rallied|attended|gathered|protested|"
    r"demonstrated|joined the (march|protest|rally)|congregated|assembled|were there|"
    r"were present)\b",
    re.I,
)
_CROWD_BEFORE = re.compile(
    r"\b(march|rally|protest|demonstration|crowd|turnout|drawing|attended by)\b[^.;]{0,40}$",
    re.I,
)
_KILLED_BEFORE = re.compile(
    r"\b(death toll|toll|killed|killing|dead)\b[^.;,]{0,25}$", re.I
)  # "the death toll stood at 20", "killed at least 40"
_INJURED_BEFORE = re.compile(r"\b(wounded|injured|wounding|injuring)\b[^.;,]{0,12}$", re.I)
_UPDATE_BEFORE = re.compile(
    r"\b(rose|risen|rises|rising|climbed|climbs|increased|jumped|reached|revised|"
    r"now stands|has grown|went up|mounted)\b[^.;]{0,25}$",
    re.I,
)
_SUPERSEDED_BEFORE = re.compile(
    r"\b(earlier|previous|initial|first|original)\s+(total|toll|figure|count|estimate|tally)"
    r"\s+(of\s+)?$",
    re.I,
)
_SHARE_BEFORE = re.compile(
    r"\b(among them|including|of them|of whom|among whom)\s*$|\bof\s+the\s*$|\(\s*$", re.I
)
_SHARE_TEXT = re.compile(r"^\w+\s+(of\s+them\s+)?an?\s", re.I)  # "(one a pregnant woman)"
_LIST_JOIN = re.compile(r"^\s*(,|and|, and)\s*$")  # "two women and one man"
_PERPETRATOR_AFTER = re.compile(
    r"^\s*,?\s*(who|that)\s+(had\s+)?(killed|shot|opened|attacked|carried|stabbed)", re.I
)
_APPROXIMATE = re.compile(
    r"^(about|around|some|an estimated|roughly|approximately|nearly|almost|close to|"
    r"an approximate|approximate)\b",
    re.I,
)
_ZERO = re.compile(
    r"\b(no(?:body| one)\s+(?:was|were|had been|has been)\s+(?:killed|hurt|injured|wounded)"
    r"|no\s+(?:dead|deaths|casualties|fatalities)"
    r"|no\s+(?:civilians?|people|children|soldiers|one)\s+(?:were|was|had\s+been|have\s+been)\s+"
    r"(?:killed|hurt|injured|wounded|harmed)"
    r"|caused\s+no\s+casualties)",
    re.I,
)
_ZERO_INJURED = re.compile(
    r"\b(no\s+dead\s+or\s+(wounded|injured)|no(?:body| one)\s+was\s+killed\s+or\s+"
    r"(injured|wounded|hurt)|no\s+casualties)",
    re.I,
)
_ONE_KILLED = re.compile(
    r"\b((?:one|a|an)\s+(?:person|man|woman|child|boy|girl|civilian|youth|protester))\s+"
    r"(?:was\s+killed|was\s+shot\s+dead|died|has\s+died|had\s+died|was\s+left\s+dead)",
    re.I,
)  # the people-count parser reads no number in "one person"
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
# "two of its activists were killed": a count the people-count parser passes over
_SOME_OF_THEM_KILLED = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+of\s+(?:its|their|his|her|"
    r"our|the)\s+(?:\w+\s+)?(?:activists|members|supporters|soldiers|men|workers|fighters|"
    r"officers|policemen)\s+(?:were|had\s+been|have\s+been)\s+(?:killed|shot\s+dead)",
    re.I,
)
_VICTIMS = {"unknown": "people"}
APPROXIMATE_SHARE = 0.2  # "about 30,000" holds 24,000 to 36,000
VAGUE_SPAN = 10  # "dozens", "hundreds": up to ten times the unit


def read_tolls(text: str) -> list[Toll]:
    """Every toll ``text`` states, in text order; a clause that states none gives none."""
    tolls: list[Toll] = []
    last_end = -1
    for count in parse_people_counts(text):
        before, after = text[max(0, count.start - 80) : count.start], text[count.end :]
        if _SHARE_BEFORE.search(before) or _SUPERSEDED_BEFORE.search(before):
            continue
        if _SHARE_TEXT.match(count.text) and not count.text[:1].isdigit():
            continue
        if count.vague and re.search(r"\bother\b", count.text, re.I):
            continue  # "hundreds of other people had taken shelter": no count of the dead
        if _STEP_BEFORE.search(before):
            continue  # "he first killed two people, then ...": one step of the attack
        if _PERPETRATOR_AFTER.match(after) or _negated(before) or _SCALE_AFTER.match(after):
            continue  # the killer, "no 5", or "2 million" the parser read as 2
        kind = _kind(before, after[:70], count.kind)
        if kind is None:
            continue
        low, high = _bounds(count.text, count.count, count.min, count.max, count.vague)
        if low is None and high is None:
            continue
        toll = Toll(
            kind=kind,
            victims=_VICTIMS.get(count.victims, count.victims),
            low=low,
            high=high,
            text=count.text,
            update=bool(_UPDATE_BEFORE.search(before)),
        )
        if tolls and _LIST_JOIN.match(text[last_end : count.start]) and tolls[-1].kind == kind:
            toll = _summed(tolls.pop(), toll)
        tolls.append(toll)
        last_end = count.end
    if not any(toll.kind == "killed" for toll in tolls):
        for match in _ONE_KILLED.finditer(text):
            tolls.append(Toll("killed", "people", 1, 1, match.group(1)))
        for match in _SOME_OF_THEM_KILLED.finditer(text):
            number = _WORD_NUMBERS.get(match.group(1).lower()) or int(match.group(1))
            tolls.append(Toll("killed", "people", number, number, match.group(0)))
    for match in _ZERO.finditer(text):
        victims = "civilians" if re.search(r"civilian|children", match.group(0), re.I) else "people"
        tolls.append(Toll("killed", victims, 0, 0, match.group(0)))
        if _ZERO_INJURED.search(match.group(0)):
            tolls.append(Toll("injured", "people", 0, 0, match.group(0)))
    return tolls


def _summed(first: Toll, second: Toll) -> Toll:
    """ "two women and one man died": one toll of three."""
    low = (first.low or 0) + (second.low or 0)
    high = None if first.high is None or second.high is None else first.high + second.high
    victims = first.victims if first.victims == second.victims else "people"
    return Toll(first.kind, victims, low, high, f"{first.text} and {second.text}", first.update)


_BOUND = r"(?:at\s+least|more\s+than|over|some|about|around|nearly|almost|up\s+to)?\s*"
_KILLED_JUST_BEFORE = re.compile(
    r"\b(killed|killing|kills|kill|death\s+toll\s+(?:stood\s+at|of|at|rose\s+to|reached)|"
    r"toll\s+(?:of|at|stood\s+at))\s+" + _BOUND + r"$",
    re.I,
)
_INJURED_JUST_BEFORE = re.compile(
    r"\b(wounded|wounding|injured|injuring|wounds|injures)\s+" + _BOUND + r"$", re.I
)
_STEP_BEFORE = re.compile(
    r"\b(first|then|later|next)\s+(killed|shot|stabbed|shot\s+dead)\s+$", re.I
)
_SCALE_AFTER = re.compile(r"^\s*(million|billion|thousand|lakh|crore)\b", re.I)


def _kind(before: str, after: str, parsed: str | None) -> str | None:
    """The verb right before the number ("killed 26", "the death toll stood at 20"), else the
    nearest following word ("32 others ... were injured"), else the parser's kind."""
    if _KILLED_JUST_BEFORE.search(before):
        return "killed"
    if _INJURED_JUST_BEFORE.search(before):
        return "injured"
    clause = re.split(r"[.;]", after, maxsplit=1)[0][:70]
    found = [
        (match.start(), kind)
        for kind, pattern in _KIND_AFTER
        for match in [pattern.search(clause)]
        if match
    ]
    if found:
        return min(found)[1]
    if _CROWD_AFTER.match(after):
        return "crowd"
    if parsed:
        return parsed
    if _INJURED_BEFORE.search(before):
        return "injured"
    if _KILLED_BEFORE.search(before):
        return "killed"
    if _CROWD_BEFORE.search(before[-60:]):
        return "crowd"
    return None


def _negated(before: str) -> bool:
    return bool(re.search(r"\bno\s*$", before, re.I))


def _bounds(
    text: str, count: int | None, minimum: int | None, maximum: int | None, vague: bool
) -> tuple[int | None, int | None]:
    if count is not None and vague:
        return count, count * VAGUE_SPAN - 1  # "tens of thousands": 10,000 up to 99,999
    if count is not None and _APPROXIMATE.match(text.strip()):
        spread = round(count * APPROXIMATE_SHARE)
        return count - spread, count + spread
    if count is not None:
        return count, count
    return minimum, maximum
