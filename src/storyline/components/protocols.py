"""The protocol of each analysis stage: what it reads and what it returns, and nothing else.

A component sees one article, its single spaCy parse and what the stages before it found
(``Findings``); it returns typed records. Components hold no module state: whatever they load
(a gazetteer, an alias base, a model) is built once from their config and passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from storyline.events.numbers import CasualtyCount
    from storyline.model import Article, Claim, Event
    from storyline.nlp.entities import EntityMention
    from storyline.places.resolver import HomeProfile, ResolvedPlace
    from storyline.time.tagger import Timex


@dataclass(slots=True)
class Findings:
    """What the earlier stages found in one article, handed to the later ones."""

    entities: Sequence[EntityMention] = field(default_factory=list)
    places: Sequence[ResolvedPlace] = field(default_factory=list)
    timexes: Sequence[Timex] = field(default_factory=list)


@runtime_checkable
class EntityLinker(Protocol):
    """Names in the text, resolved to canonical entities (Moscow acting as a state is Russia)."""

    def link(self, article: Article, doc: Doc) -> list[EntityMention]: ...


@runtime_checkable
class Geocoder(Protocol):
    """Place mentions with coordinates; ``home`` is where the publisher's places usually lie."""

    def geocode(self, doc: Doc, home: HomeProfile | None) -> list[ResolvedPlace]: ...


@runtime_checkable
class DateTagger(Protocol):
    """Temporal expressions resolved against the article's date."""

    def tag(self, article: Article, doc: Doc) -> list[Timex]: ...


@runtime_checkable
class CasualtyReader(Protocol):
    """Counts of people killed or hurt, as written."""

    def read(self, text: str) -> list[CasualtyCount]: ...


@runtime_checkable
class EventExtractor(Protocol):
    """One event per incident the article reports (ACLED taxonomy)."""

    def extract(self, article: Article, doc: Doc, findings: Findings) -> list[Event]: ...


@runtime_checkable
class ClaimExtractor(Protocol):
    """Attributed statements with their speakers."""

    def extract(self, article: Article, doc: Doc, findings: Findings) -> list[Claim]: ...


@runtime_checkable
class StoryClusterer(Protocol):
    """Assigns articles to stories incrementally; its state is saved in the store."""

    def add(self, article_id: str, features: object) -> str: ...


# Kind name -> the protocol a registered component of that kind must satisfy.
KINDS: dict[str, type] = {
    "entities": EntityLinker,
    "places": Geocoder,
    "dates": DateTagger,
    "casualties": CasualtyReader,
    "events": EventExtractor,
    "claims": ClaimExtractor,
    "stories": StoryClusterer,
}
