"""The default implementation of each component kind: the rule-based code of each stage.

Each factory builds what it needs once from its config (the alias base, the gazetteer) and
keeps it on the component, so nothing hides in module globals and a worker process that
builds the same selection gets the same behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.components.protocols import Findings
from storyline.components.registry import NoConfig, registry

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from storyline.events.numbers import CasualtyCount
    from storyline.model import Article, Claim, Event
    from storyline.nlp.entities import EntityMention
    from storyline.places.resolver import HomeProfile, ResolvedPlace
    from storyline.time.tagger import Timex


@dataclass(frozen=True)
class EntityConfig:
    """``aliases``: a JSON alias file extending the shipped knowledge base (docs/entities.md)."""

    aliases: str | None = None


class AliasEntityLinker:
    def __init__(self, config: EntityConfig) -> None:
        from storyline.nlp import load_aliases

        self.config = config
        self.kb = load_aliases(Path(config.aliases) if config.aliases else None)

    def link(self, article: Article, doc: Doc) -> list[EntityMention]:
        from storyline.nlp import extract_entities

        return extract_entities(article, doc, self.kb)


@registry.register(
    "entities", "rules", config=EntityConfig, description="alias knowledge base + spaCy NER"
)
def _entities(config: EntityConfig) -> AliasEntityLinker:
    return AliasEntityLinker(config)


class GazetteerGeocoder:
    def __init__(self, config: NoConfig) -> None:
        from storyline.places import load_gazetteer

        self.gazetteer = load_gazetteer()

    def geocode(self, doc: Doc, home: HomeProfile | None) -> list[ResolvedPlace]:
        from storyline.places import geoparse

        return geoparse(doc, home=home, gazetteer=self.gazetteer)


@registry.register(
    "places", "rules", description="offline gazetteer geoparser with publisher homes"
)
def _places(config: NoConfig) -> GazetteerGeocoder:
    return GazetteerGeocoder(config)


class RuleDateTagger:
    def tag(self, article: Article, doc: Doc) -> list[Timex]:
        from storyline.time import tag_times

        return tag_times(article.text, article.published, doc=doc)


@registry.register("dates", "rules", description="TIMEX3 rules resolved against the article date")
def _dates(config: NoConfig) -> RuleDateTagger:
    return RuleDateTagger()


class RuleCasualtyReader:
    def read(self, text: str) -> list[CasualtyCount]:
        from storyline.events.numbers import parse_casualties

        return parse_casualties(text)


@registry.register("casualties", "rules", description="killed/injured counts as written")
def _casualties(config: NoConfig) -> RuleCasualtyReader:
    return RuleCasualtyReader()


@dataclass(frozen=True)
class EventConfig:
    """``min_strategic_strength``: cue weight a strategic development needs (0..1);
    ``background_days``: a dated happening older than this before the article is background."""

    min_strategic_strength: float = 0.65
    background_days: int = 31


class RuleEventExtractor:
    def __init__(self, config: EventConfig) -> None:
        self.config = config

    def extract(self, article: Article, doc: Doc, findings: Findings) -> list[Event]:
        from storyline.events.extract import EventContext, EventOptions, extract_events

        context = EventContext(findings.entities, findings.places, findings.timexes)
        options = EventOptions(
            min_strategic_strength=self.config.min_strategic_strength,
            background_days=self.config.background_days,
        )
        return extract_events(article, doc, context, options)


@registry.register(
    "events",
    "rules",
    config=EventConfig,
    description="incidents from the dependency parse, coded with ACLED's conventions",
)
def _events(config: EventConfig) -> RuleEventExtractor:
    return RuleEventExtractor(config)


class RuleClaimExtractor:
    def extract(self, article: Article, doc: Doc, findings: Findings) -> list[Claim]:
        from storyline.claims import extract_claims

        def speaker_at(span: object) -> str | None:
            start, end = span.start_char, span.end_char  # type: ignore[attr-defined]
            best, overlap = None, 0
            for mention in findings.entities:
                shared = min(mention.end, end) - max(mention.start, start)
                if shared > overlap and "place" not in mention.roles:
                    best, overlap = mention.name, shared
            return best

        return extract_claims(article, doc, canonical_speaker=speaker_at)


@registry.register("claims", "rules", description="reported speech with its speaker")
def _claims(config: NoConfig) -> RuleClaimExtractor:
    return RuleClaimExtractor()


@registry.register("stories", "rules", description="incremental TF-IDF + names + MiniLM clustering")
def _stories(config: NoConfig) -> object:
    from storyline.stories import StoryClusterer

    return StoryClusterer()
