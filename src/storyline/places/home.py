"""Publisher homes: where the places a publisher names usually lie.

A local paper writes "Paris" for the Paris down the road and never says which state it is in;
its readers know. Lieberman, Samet and Sankaranarayanan (2010) call this a source's local
lexicon. We learn it without labels: every article of a publisher votes, once per distinct
name it contains, for each country and first-level area that one of the name's readings lies
in, split evenly between them. Coincidences spread thin across many areas; a paper's home area
collects votes from names that have nothing else in common. Areas holding a large share of the
votes become weak context for resolving that publisher's places (``HomeProfile``). A national
or world outlet spreads its votes and gets no home.

Votes are counts, so they add up across runs and are kept in the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from storyline.places.fold import loose_key
from storyline.places.gazetteer import Gazetteer
from storyline.places.geoparse import gazetteer_matches
from storyline.places.resolver import LOOSE_ALTERNATE, HomeProfile, lookup

# A publisher needs this many voting names before its votes mean anything.
MIN_NAMES = 12
# Share of the votes an area must hold to be a home: one state for a local paper, one country
# for a national one. A name votes 1/k for each of the k areas it could lie in, so a state
# collecting a tenth of all votes is far above chance (there are thousands of areas).
AREA_SHARE = 0.1
COUNTRY_SHARE = 0.4
# Areas below this share are dropped when votes are saved, so a publisher's record stays small.
KEEP_SHARE = 0.05


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
            # A name found in many areas says little about any one of them.
            countries = {e.country_code for e in readings if e.country_code}
            areas = {e.admin1_code for e in readings if e.admin1_code}
            for iso in countries:
                self.countries[iso] = self.countries.get(iso, 0.0) + 1 / len(countries)
            for code in areas:
                self.admin1[code] = self.admin1.get(code, 0.0) + 1 / len(areas)

    def merge(self, other: PlaceVotes) -> None:
        self.names += other.names
        for iso, votes in other.countries.items():
            self.countries[iso] = self.countries.get(iso, 0.0) + votes
        for code, votes in other.admin1.items():
            self.admin1[code] = self.admin1.get(code, 0.0) + votes

    def profile(self) -> HomeProfile | None:
        """The publisher's home, or None when its votes are too few or too spread out."""
        if self.names < MIN_NAMES:
            return None
        countries = {
            iso: hits / self.names
            for iso, hits in self.countries.items()
            if hits / self.names >= COUNTRY_SHARE
        }
        areas = {
            code: hits / self.names
            for code, hits in self.admin1.items()
            if hits / self.names >= AREA_SHARE
        }
        if not countries and not areas:
            return None
        return HomeProfile(countries, areas)

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
