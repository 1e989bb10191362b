"""Per-article understanding: who, where, when, what happened, and who says so.

Each article body is parsed once, and every component reads that one parse: canonical
entities, places, time expressions, events and claims. The components are chosen by name from
the registry (``storyline.components``); this module only runs them in stage order, handing
the later ones what the earlier ones found (``Findings``), so every field stays tied to the
words it came from.

Work runs in worker processes, each loading the models once; results come back as the output
contract's plain dicts, ready for the store.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from storyline.components import (
    ClaimExtractor,
    DateTagger,
    EntityLinker,
    EventExtractor,
    Findings,
    Geocoder,
    Selection,
    registry,
)
from storyline.model import Article, Claim, Event
from storyline.nlp.entities import EntityMention
from storyline.places.home import publisher_key
from storyline.places.resolver import HomeProfile, ResolvedPlace

# 2: events are incidents (one record per incident, ACLED actor names and conventions).
ANALYSIS_VERSION = 2
# Below this many articles a worker pool costs more in model loading than it saves.
POOL_THRESHOLD = 16
# Articles parsed together: spaCy batches its matrix work, about a fifth faster than one by one.
BATCH_SIZE = 16


UNSUPPORTED_LANGUAGE = "unsupported-language"


@lru_cache(maxsize=1)
def supported_languages() -> frozenset[str]:
    """Languages with resources: a folder under ``storyline/lang`` (docs/architecture.md)."""
    from importlib import resources

    root = resources.files("storyline.lang")
    return frozenset(p.name for p in root.iterdir() if p.is_dir() and len(p.name) == 2)


def unsupported(article: Article) -> bool:
    """An article in a language we have no resources for; it is never parsed as English."""
    return bool(article.language) and article.language not in supported_languages()


@dataclass(slots=True)
class ArticleAnalysis:
    """What one article says, as typed records; ``rows`` turns them into the store's rows at
    the store boundary (and nowhere before)."""

    article_id: str
    entities: list[EntityMention] = field(default_factory=list)
    places: list[ResolvedPlace] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    problem: str | None = None
    flags: list[str] = field(default_factory=list)  # quality flags to add to the article

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """The store's rows: entity mentions (not places), places, events and claims."""
        return {
            "entities": [
                {"name": m.name, "type": m.type, "start": m.start, "end": m.end, "text": m.text}
                for m in self.entities
                if "place" not in m.roles
            ],
            "places": [_place_row(place) for place in self.places],
            "events": [event.to_record() for event in self.events],
            "claims": [claim.to_record() for claim in self.claims],
        }


@dataclass(slots=True)
class Analyser:
    """The components of one run, built once per process from its ``Selection``."""

    entities: EntityLinker
    places: Geocoder
    dates: DateTagger
    events: EventExtractor
    claims: ClaimExtractor


@lru_cache(maxsize=4)
def build_analyser(selection: Selection = Selection()) -> Analyser:
    """The run's components (cached per selection: a worker builds them once)."""
    return Analyser(
        entities=registry.build("entities", selection),
        places=registry.build("places", selection),
        dates=registry.build("dates", selection),
        events=registry.build("events", selection),
        claims=registry.build("claims", selection),
    )


def selection_for(aliases: Path | None, selection: Selection | None = None) -> Selection:
    """A run's selection with the user's alias file given to the entity linker."""
    selection = selection or Selection()
    if aliases is not None:
        selection = selection.with_option("entities", "aliases", str(aliases.resolve()))
    return selection


def _initialise_worker(selection: Selection) -> None:
    # Load the heavy parts before the first article so a slow start is not mistaken for work.
    from storyline.nlp.model import load_nlp

    load_nlp()
    build_analyser(selection)


def analyse_article(
    article: Article, home: HomeProfile | None = None, selection: Selection = Selection()
) -> ArticleAnalysis:
    """Everything one article says, read from one parse of its body.

    ``home`` is where its publisher's places usually lie; it steers ambiguous place names.
    """
    from storyline.nlp.model import load_nlp
    from storyline.nlp.parse import parse_texts

    try:
        doc = parse_texts(load_nlp(), [article.text])[0]
        return analyse_parsed(article, doc, build_analyser(selection), home)
    except Exception as exc:  # one odd article must not stop the run; it is reported
        return _failed(article, exc)


def _failed(article: Article, exc: Exception) -> ArticleAnalysis:
    return ArticleAnalysis(article.id, problem=f"{type(exc).__name__}: {exc}")


def analyse_batch(
    articles: list[Article],
    homes: list[HomeProfile | None],
    selection: Selection = Selection(),
) -> list[ArticleAnalysis]:
    """Analyse articles parsed together in one ``nlp.pipe`` batch, in input order.

    If the batch cannot be parsed (an over-long body, say), each article is tried alone, so
    only the bad one is reported.
    """
    from storyline.nlp.model import load_nlp
    from storyline.nlp.parse import parse_texts

    try:
        docs = parse_texts(load_nlp(), [a.text for a in articles], batch_size=len(articles))
    except Exception:
        return [
            analyse_article(a, home, selection) for a, home in zip(articles, homes, strict=True)
        ]
    analyser = build_analyser(selection)
    results = []
    for article, doc, home in zip(articles, docs, homes, strict=True):
        try:
            results.append(analyse_parsed(article, doc, analyser, home))
        except Exception as exc:  # one odd article must not stop the run; it is reported
            results.append(_failed(article, exc))
    return results


def analyse_parsed(
    article: Article, doc: Doc, analyser: Analyser, home: HomeProfile | None = None
) -> ArticleAnalysis:
    """Run the components in stage order over one parse; later stages see earlier findings."""
    mentions = analyser.entities.link(article, doc)
    places = analyser.places.geocode(doc, home)
    timexes = analyser.dates.tag(article, doc)
    findings = Findings(entities=mentions, places=places, timexes=timexes)
    events = analyser.events.extract(article, doc, findings)
    claims = analyser.claims.extract(article, doc, findings)
    return ArticleAnalysis(
        article.id, entities=mentions, places=places, events=events, claims=claims
    )


def _place_row(place: ResolvedPlace) -> dict[str, Any]:
    return {
        "place_id": place.to_place("").id,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "geonames_id": place.geonames_id,
        "feature": place.feature,
        "start": place.start,
        "end": place.end,
        "text": place.text,
    }


def analyse_articles(
    articles: list[Article],
    *,
    workers: int = 0,
    aliases: Path | None = None,
    homes: Mapping[str, HomeProfile] | None = None,
    selection: Selection | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyse articles (unsupported languages first, then input order), in worker processes.

    ``homes`` maps a publisher key (``storyline.places.publisher_key``) to its home;
    ``selection`` names the components to use (the defaults when None).
    """
    chosen = selection_for(aliases, selection)
    # The English model and word lists would misread another language without a word: such an
    # article is flagged and gets nothing language-specific.
    for article in articles:
        if unsupported(article):
            yield ArticleAnalysis(article.id, flags=[UNSUPPORTED_LANGUAGE])
    articles = [article for article in articles if not unsupported(article)]
    if not articles:
        return
    homes = homes or {}
    article_homes = [homes.get(publisher_key(a.url, a.publisher) or "") for a in articles]
    workers = workers or os.cpu_count() or 1
    # Load the models here first: forked workers then share them instead of each loading (or,
    # on a new machine, each building the gazetteer cache) on its own.
    _initialise_worker(chosen)
    batches = [
        (articles[i : i + BATCH_SIZE], article_homes[i : i + BATCH_SIZE])
        for i in range(0, len(articles), BATCH_SIZE)
    ]
    if workers == 1 or len(articles) < POOL_THRESHOLD:
        for batch, batch_homes in batches:
            yield from analyse_batch(batch, batch_homes, chosen)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_initialise_worker, initargs=(chosen,)
    ) as pool:
        chunks, chunk_homes = zip(*batches, strict=True)
        selections = [chosen] * len(batches)
        for results in pool.map(analyse_batch, chunks, chunk_homes, selections):
            yield from results
