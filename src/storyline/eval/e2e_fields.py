"""Field judgements of the end-to-end events score: is a predicted field what the analyst coded?

These are the definitions of the gold set's GUIDE.md ("Scoring"), written to give the same
verdicts as its reference ``score.py``: names match by whole-word containment when the longer
name adds only generic words or the shorter is its head; places by name or within 50 km; dates
by day or interval; fatalities when a count or a narrow range holds the lowest gold figure.
Records come from JSON files we do not control, so every reader here accepts any JSON value.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import Any

MAX_KM = 50.0  # a predicted place this close to the gold coordinates is right
FIELDS = ("type", "subtype", "actor1", "actor2", "location", "date", "fatalities")
RECORD_FIELDS = ("type", "subtype", "actor1", "location", "date")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A name made only of these words says nothing about who it is ("forces", "the military").
GENERIC_NAME_WORDS = _word_set(
    "the of and forces force military army armed government group groups state troops ministry "
    "defence defense unidentified unknown official officials a an spokesman spokesperson "
    "statement lt militants militant militia militias fighters warplanes jets aircraft planes "
    "soldiers regime personnel movement activists supporters members"
)
# Words dropped before comparing place names ("Idlib province" is "Idlib").
GENERIC_PLACE_WORDS = _word_set(
    "the of province governorate district town village region county oblast area municipality"
)
# Function words do not count towards quote overlap: with them, unrelated sentences share half
# their words ("the police have ..." against "Protesters have ... the City Hall").
STOP_WORDS = _word_set(
    """a an the of in on at to for from by with about into onto over under near and or but nor
    as so than then that this these those there here it its is are was were be been being am has
    have had having do does did will would shall should can could may might must he she they
    them his her their him we us our you your i me my who whom whose which what when where while
    also not no s t said says say told according"""
)
_WORD = re.compile(r"[^\W_]+")
_BRACKETS = re.compile(r"\([^)]*\)")
_ISO_START = re.compile(r"\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

Fields = dict[str, bool | None]


def fold(text: object) -> str:
    """Lower-case, accent-free form of a value's text."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: object) -> list[str]:
    """Lower-case words of a text, punctuation stripped (None and "" give none)."""
    return _WORD.findall(fold(text or ""))


def content_words(text: object) -> list[str]:
    """Words without function words (all the words when that would leave none)."""
    every = words(text)
    return [w for w in every if w not in STOP_WORDS] or every


def bag_overlap(quote: str, text: str) -> float:
    """Share of the quote's content words (as a bag) that also occur in text."""
    wanted = Counter(content_words(quote))
    if not wanted:
        return 0.0
    return sum((wanted & Counter(words(text))).values()) / sum(wanted.values())


def as_text(value: object) -> str:
    """A JSON value as a string; anything else gives ""."""
    return value if isinstance(value, str) else ""


def as_list(value: object) -> list[Any]:
    """A JSON value as a list; anything else gives []."""
    return value if isinstance(value, list) else []


def strings(value: object) -> list[str]:
    """A string, number, ``{"name": ...}`` object or a list of them, as a list of strings."""
    if value is None:
        return []
    if isinstance(value, str | int | float):
        return [str(value)]
    if isinstance(value, dict):
        return [str(value["name"])] if value.get("name") else []
    out: list[str] = []
    for item in value if isinstance(value, list | tuple) else []:
        out.extend(strings(item))
    return out


def number(value: object) -> float | None:
    """A finite number read from a JSON value, else None."""
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


# ---------------------------------------------------------------- names


def _token_eq(a: str, b: str) -> bool:
    """Equal words, a plural apart ("mob"/"mobs"), or a short suffix apart ("Israel"/"Israeli")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_ in (short + "s", short + "es"):
        return True
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


def _name_words(name: str) -> list[str]:
    """Words of a name without bracketed qualifiers ("Civilians (Syria)") or a leading article."""
    tokens = words(_BRACKETS.sub(" ", name))
    return tokens[1:] if tokens[:1] in (["the"], ["a"], ["an"]) else tokens


def _inside_as_one_actor(longer: list[str], shorter: list[str]) -> bool:
    """The shorter name sits in the longer with only generic words around it, or as its head
    (its last words: "Indian Navy"). "Sudan Doctors Network" around "Sudan" is another actor."""
    n = len(shorter)
    for i in range(len(longer) - n + 1):
        if all(_token_eq(longer[i + k], shorter[k]) for k in range(n)):
            rest = longer[:i] + longer[i + n :]
            if all(w in GENERIC_NAME_WORDS or w.isdigit() for w in rest) or i + n == len(longer):
                return True
    return False


def names_match(predicted: str, gold: str) -> bool:
    """Two names for one actor; a name of generic words only ("forces") matches no longer one."""
    tp, tg = _name_words(predicted), _name_words(gold)
    if not tp or not tg:
        return False
    shorter = tp if len(tp) < len(tg) else tg
    if len(tp) != len(tg) and all(w in GENERIC_NAME_WORDS for w in shorter):
        return False
    return _inside_as_one_actor(tp, tg) if len(tp) >= len(tg) else _inside_as_one_actor(tg, tp)


def any_name_match(predicted: object, gold_names: object) -> bool:
    """Any predicted name matches any gold name."""
    golds = strings(gold_names)
    return any(names_match(p, g) for p in strings(predicted) for g in golds)


# ---------------------------------------------------------------- places, dates, deaths


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_key(name: object) -> tuple[str, ...]:
    """A place name's words without generic ones ("Idlib province" -> ("idlib",))."""
    return tuple(w for w in words(name) if w not in GENERIC_PLACE_WORDS)


def location_right(pred_locations: list[Any], gold_event: dict[str, Any]) -> bool:
    """A predicted place's name is among the gold names, or it lies within MAX_KM of the gold
    point; with no gold place at all, only no prediction is right."""
    gold_loc = gold_event.get("location")
    gold_loc = gold_loc if isinstance(gold_loc, dict) else {}
    names = strings(gold_event.get("location_any")) + strings(gold_loc.get("name"))
    gold_names = {place_key(n) for n in names} - {()}
    glat, glon = number(gold_loc.get("lat")), number(gold_loc.get("lon"))
    preds = [p for p in pred_locations if p]
    if not gold_names and glat is None:
        return not preds
    for raw in preds:
        place = raw if isinstance(raw, dict) else {"name": raw}
        if place_key(place.get("name") or "") in gold_names:
            return True
        plat, plon = number(place.get("lat")), number(place.get("lon"))
        if glat is None or glon is None or plat is None or plon is None:
            continue
        if _km(glat, glon, plat, plon) <= MAX_KM:
            return True
    return False


def day_range(value: object) -> tuple[str, str] | None:
    """An ISO date or datetime, YYYY-MM, YYYY or {start, end} as (first day, last day)."""
    if isinstance(value, dict):
        start, end = day_range(value.get("start")), day_range(value.get("end"))
        if start is None and end is None:
            return None
        return (start or end)[0], (end or start)[1]  # type: ignore[index]
    if not isinstance(value, str):
        return None
    found = _ISO_START.match(value)
    if not found:
        return None
    year, month, day = found.groups()
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        return f"{year}-{month}-01", f"{year}-{month}-31"
    return f"{year}-01-01", f"{year}-12-31"


def date_right(pred_date: object, gold_date: object) -> bool:
    """A predicted day (or interval) inside the gold day or interval; no gold date: none."""
    gold, pred = day_range(gold_date), day_range(pred_date)
    if gold is None:
        return pred is None
    return pred is not None and gold[0] <= pred[0] and pred[1] <= gold[1]


def _fatality_bounds(entry: object) -> tuple[float, float] | None:
    if isinstance(entry, int | float | str):
        n = number(entry)
        return (n, n) if n is not None else None
    if not isinstance(entry, dict):
        return None
    count = number(entry.get("count"))
    if count is not None:
        return count, count
    low, high = number(entry.get("min")), number(entry.get("max"))
    if low is None and high is None:
        return None
    return (low if low is not None else high), (high if high is not None else low)  # type: ignore[return-value]


def gold_fatalities(gold: object) -> float | None:
    """The lowest reported death toll of a gold event (None: no death reported)."""
    if isinstance(gold, dict):
        low = number(gold.get("min"))
        return number(gold.get("max")) if low is None else low
    return number(gold)


def fatalities_right(pred_fatalities: object, gold: object) -> bool:
    """No gold deaths: none or zero predicted. Gold N: a predicted count, or a narrow range
    ("dozens" may hold 20, "0-1000" holds nothing), among the first three holds N."""
    entries = pred_fatalities if isinstance(pred_fatalities, list) else [pred_fatalities]
    bounds = [b for b in (_fatality_bounds(e) for e in entries if e is not None) if b]
    n = gold_fatalities(gold)
    if n is None:
        return all(low == 0 and high == 0 for low, high in bounds)
    if n == 0:
        return not bounds or any(low == 0 for low, _ in bounds)
    return any(
        low == n or (low <= n <= high and high - low <= max(5.0, n / 2)) for low, high in bounds[:3]
    )


def _same_label(predicted: object, gold: object) -> bool:
    return bool(words(gold)) and " ".join(words(predicted)) == " ".join(words(gold))


def judge_fields(pred: dict[str, Any], gold: dict[str, Any]) -> Fields:
    """Which fields of a predicted event agree with a gold event (actor2 None when not coded).
    As in ACLED only the first two actors and targets and the first location count, so a long
    list of guesses earns nothing."""
    actors, actor2 = strings(pred.get("actors")), strings(gold.get("actor2_any"))
    return {
        "type": _same_label(pred.get("event_type"), gold.get("event_type")),
        "subtype": _same_label(pred.get("sub_event_type"), gold.get("sub_event_type")),
        "actor1": (
            any_name_match(actors[:2], gold.get("actor1_any"))
            if strings(gold.get("actor1_any"))
            else not actors
        ),
        "actor2": any_name_match(strings(pred.get("targets"))[:2], actor2) if actor2 else None,
        "location": location_right(as_list(pred.get("locations"))[:1], gold),
        "date": date_right(pred.get("date"), gold.get("date")),
        "fatalities": fatalities_right(pred.get("fatalities") or [], gold.get("fatalities")),
    }
