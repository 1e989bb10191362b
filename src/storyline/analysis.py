"""Per-article understanding: who, where, when, what happened, and who says so.

Each article body is parsed once, and every extractor reads that one parse: canonical entities,
places, time expressions, events and claims. The extractors come from their own stages; this
module only connects them, handing events and claims the resolvers of the other stages (an
event's actor is the canonical entity at that span, its place the geoparser's reading, its date
the temporal tagger's), so every field stays tied to the words it came from.

Work runs in worker processes, each loading the models once; results come back as the output
contract's plain dicts, ready for the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from storyline.model import Article, EventLocation, Fatalities
from storyline.places.home import publisher_key
from storyline.places.resolver import HomeProfile

ANALYSIS_VERSION = 1
# Below this many articles a worker pool costs more in model loading than it saves.
POOL_THRESHOLD = 16
# Articles parsed together: spaCy batches its matrix work, about a fifth faster than one by one.
BATCH_SIZE = 16


@dataclass(slots=True)
class ArticleAnalysis:
    article_id: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    problem: str | None = None


@dataclass(slots=True)
class _Models:
    aliases_path: Path | None


_settings = _Models(aliases_path=None)


@lru_cache(maxsize=1)
def _alias_base(path: Path | None) -> Any:
    from storyline.nlp import load_aliases

    return load_aliases(path)


def _initialise_worker(aliases_path: Path | None) -> None:
    _settings.aliases_path = aliases_path
    # Load the heavy parts before the first article so a slow start is not mistaken for work.
    from storyline.nlp.model import load_nlp
    from storyline.places import load_gazetteer

    load_nlp()
    load_gazetteer()
    _alias_base(aliases_path)


def analyse_article(article: Article, home: HomeProfile | None = None) -> ArticleAnalysis:
    """Everything one article says, read from one parse of its body.

    ``home`` is where its publisher's places usually lie; it steers ambiguous place names.
    """
    from storyline.nlp.model import load_nlp
    from storyline.nlp.parse import parse_texts

    try:
        doc = parse_texts(load_nlp(), [article.text])[0]
        return analyse_parsed(article, doc, _alias_base(_settings.aliases_path), home)
    except Exception as exc:  # one odd article must not stop the run; it is reported
        return _failed(article, exc)


def _failed(article: Article, exc: Exception) -> ArticleAnalysis:
    return ArticleAnalysis(article.id, problem=f"{type(exc).__name__}: {exc}")


def analyse_batch(
    articles: list[Article], homes: list[HomeProfile | None]
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
        return [analyse_article(a, home) for a, home in zip(articles, homes, strict=True)]
    kb = _alias_base(_settings.aliases_path)
    results = []
    for article, doc, home in zip(articles, docs, homes, strict=True):
        try:
            results.append(analyse_parsed(article, doc, kb, home))
        except Exception as exc:  # one odd article must not stop the run; it is reported
            results.append(_failed(article, exc))
    return results


def analyse_parsed(
    article: Article, doc: Doc, kb: Any, home: HomeProfile | None = None
) -> ArticleAnalysis:
    from storyline.claims import extract_claims
    from storyline.events import EventContext, extract_events
    from storyline.events.numbers import parse_casualties
    from storyline.nlp import extract_entities
    from storyline.places import geoparse
    from storyline.time import tag_times

    mentions = extract_entities(article, doc, kb)
    places = geoparse(doc, home=home)
    timexes = tag_times(article.text, article.published, doc=doc)

    def entity_at(span: Span) -> str | None:
        return _covering(mentions, span, lambda m: m.name if "place" not in m.roles else None)

    def place_at(span: Span) -> EventLocation | None:
        return _covering(
            places,
            span,
            lambda p: EventLocation(p.name, p.lat, p.lon, p.country_code, p.admin1),
        )

    def date_at(span: Span) -> tuple[Any, str] | None:
        return _covering(
            timexes,
            span,
            lambda t: (t.contract_date(), t.text) if t.contract_date() is not None else None,
        )

    def fatalities(text: str) -> list[Fatalities]:
        return [count.to_fatalities() for count in parse_casualties(text) if count.kind == "killed"]

    context = EventContext(
        canonical_actor=entity_at,
        resolve_place=place_at,
        resolve_date=date_at,
        parse_fatalities=fatalities,
    )
    events = extract_events(article, doc, context)
    claims = extract_claims(article, doc, canonical_speaker=entity_at)
    return ArticleAnalysis(
        article.id,
        entities=[
            {"name": m.name, "type": m.type, "start": m.start, "end": m.end, "text": m.text}
            for m in mentions
            if "place" not in m.roles
        ],
        places=[_place_row(place) for place in places],
        events=[event.to_record() for event in events],
        claims=[claim.to_record() for claim in claims],
    )


def _covering(items: Iterable[Any], span: Span, read: Callable[[Any], Any]) -> Any:
    """What ``read`` gives for the item whose offsets best overlap ``span`` (None if none)."""
    best, best_overlap = None, 0
    for item in items:
        overlap = min(item.end, span.end_char) - max(item.start, span.start_char)
        if overlap > best_overlap:
            value = read(item)
            if value is not None:
                best, best_overlap = value, overlap
    return best


def _place_row(place: Any) -> dict[str, Any]:
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
) -> Iterator[ArticleAnalysis]:
    """Analyse articles in input order, in worker processes when there are enough of them.

    ``homes`` maps a publisher key (``storyline.places.publisher_key``) to its home.
    """
    homes = homes or {}
    article_homes = [homes.get(publisher_key(a.url, a.publisher) or "") for a in articles]
    workers = workers or os.cpu_count() or 1
    # Load the models here first: forked workers then share them instead of each loading (or,
    # on a new machine, each building the gazetteer cache) on its own.
    _initialise_worker(aliases)
    batches = [
        (articles[i : i + BATCH_SIZE], article_homes[i : i + BATCH_SIZE])
        for i in range(0, len(articles), BATCH_SIZE)
    ]
    if workers == 1 or len(articles) < POOL_THRESHOLD:
        for batch, batch_homes in batches:
            yield from analyse_batch(batch, batch_homes)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_initialise_worker, initargs=(aliases,)
    ) as pool:
        for results in pool.map(analyse_batch, *zip(*batches, strict=True)):
            yield from results
