"""A populated store for the report, web, export and browser tests, written through the store API.

The articles are short reports in our own words about two invented-but-plausible stories
(shelling of a market, an air strike on a depot) plus one hostile article whose title, byline,
body and URL try to run script. Evidence offsets are computed from the texts, so they are right
by construction; the tests at the bottom check the records against the contract's schemas.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema

from storyline.model import Article
from storyline.store import Store, open_store

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schema"

HOSTILE_TITLE = '<script>alert("title")</script>Breaking'
HOSTILE_AUTHOR = '<img src=x onerror=alert("byline")>'
HOSTILE_BODY = (
    'Officials said </script><script>alert("body")</script> nothing. <!-- comment '
    '<a href="javascript:alert(1)" onclick="alert(2)">click</a> '
    "Rockets struck the port of Latakia on Friday, a monitor said."
)
HOSTILE_URL = "javascript:alert('url')"

MARKET = (
    "Artillery shells hit the central market of Kharkiv on Monday morning, killing four "
    "civilians and wounding eleven, the regional governor said. Emergency crews put out "
    "fires in several stalls. Russia's defence ministry denied striking the market and said "
    "its forces hit a fuel depot on the edge of the city."
)
MARKET_COPY = MARKET  # a wire copy carried by a second outlet
MARKET_SPUN = (
    "Shells from artillery struck the main bazaar of Kharkiv on Monday, leaving four "
    "civilians dead and eleven hurt, according to the governor of the region. Firefighters "
    "extinguished blazes in a number of stalls."
)
MARKET_LOCAL = (
    "A local hospital said six people died after the shelling of the Kharkiv market on "
    "Monday. The governor said the city had no military sites near the market."
)
DEPOT = (
    "Air strikes destroyed an ammunition depot near Idlib on Tuesday, a war monitor said. "
    "The monitor reported no casualties. Syrian state media said the army shot down two "
    "drones over the province the same day."
)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _evidence(article: Article, sentence_start: str) -> dict[str, Any]:
    """Evidence for the sentence of ``article`` that begins with ``sentence_start``."""
    start = article.text.index(sentence_start)
    end = article.text.find(". ", start)
    end = len(article.text) if end < 0 else end + 1
    return {
        "article_id": article.id,
        "sentence": article.text[start:end],
        "start": start,
        "end": end,
    }


def fixture_articles() -> list[Article]:
    return [
        Article(
            id="art_market0000000a",
            input="wire.txt",
            text=MARKET,
            url="https://wire.example/kharkiv-market",
            publisher="Wire Service",
            title="Shelling kills four at Kharkiv market",
            authors=["Staff reporter"],
            published="2022-09-05",
            published_source="metadata",
            removed=["Subscribe to our newsletter", "Share this story"],
            syndication_group="grp_market",
        ),
        Article(
            id="art_market0000000b",
            input="daily.html",
            text=MARKET_COPY,
            url="https://daily.example/world/kharkiv",
            publisher="Daily Courier",
            title="Shelling kills four at Kharkiv market",
            published="2022-09-05",
            published_source="byline",
            removed=["Advertisement"],
            duplicate_of="art_market0000000a",
            syndication_group="grp_market",
        ),
        Article(
            id="art_market0000000c",
            input="spun.html",
            text=MARKET_SPUN,
            publisher="Content Farm",
            title="Four dead as shells strike Kharkiv bazaar",
            published="2022-09-05",
            published_source="peers",
            syndication_group="grp_market",
            flags=["spun"],
        ),
        Article(
            id="art_market0000000d",
            input="local.txt",
            text=MARKET_LOCAL,
            publisher="Kharkiv Local",
            title="Hospital gives higher toll for market shelling",
            flags=["no-date"],
        ),
        Article(
            id="art_depot00000000e",
            input="monitor.jsonl:1",
            text=DEPOT,
            publisher="Monitor Network",
            title="Strikes destroy depot near Idlib",
            published="2022-09-06",
            published_source="text",
        ),
        Article(
            id="art_hostile00000f",
            input="evil.html",
            text=HOSTILE_BODY,
            url=HOSTILE_URL,
            publisher="<b onmouseover=alert(3)>Evil</b>",
            title=HOSTILE_TITLE,
            authors=[HOSTILE_AUTHOR],
            published="2022-09-09",
            published_source="metadata",
            removed=['<iframe src="javascript:alert(4)"></iframe>'],
        ),
    ]


def fixture_knowledge(articles: dict[str, Article]) -> dict[str, list[dict[str, Any]]]:
    """Stories, events, claims and contradictions as the analysis stages would store them."""
    wire, _copy, spun, local = (articles[f"art_market0000000{c}"] for c in "abcd")
    depot, hostile = articles["art_depot00000000e"], articles["art_hostile00000f"]
    events = [
        {
            "schema_version": 1,
            "id": "evt_market_shelling",
            "story_id": "sto_market",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "date": "2022-09-05",
            "date_text": "on Monday morning",
            "actors": ["Russian Armed Forces"],
            "targets": ["civilians"],
            "locations": [
                {
                    "name": "Kharkiv",
                    "lat": 49.98,
                    "lon": 36.25,
                    "country_code": "UA",
                    "admin1": "Kharkivska",
                }
            ],
            "fatalities": [{"count": 4, "victims": "civilians", "text": "killing four civilians"}],
            "reported_by": ["regional governor"],
            "sources": [
                _evidence(wire, "Artillery shells hit"),
                _evidence(spun, "Shells from artillery"),
                _evidence(local, "A local hospital"),
            ],
            "independent_sources": 2,
            "confidence": 0.8,
        },
        {
            "schema_version": 1,
            "id": "evt_depot_strike",
            "story_id": "sto_depot",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "date": "2022-09-06",
            "date_text": "on Tuesday",
            "actors": [],
            "targets": ["ammunition depot"],
            "locations": [
                {
                    "name": "Idlib",
                    "lat": 35.93,
                    "lon": 36.63,
                    "country_code": "SY",
                    "admin1": "Idlib",
                }
            ],
            "fatalities": [],
            "reported_by": ["war monitor"],
            "sources": [_evidence(depot, "Air strikes destroyed")],
            "independent_sources": 1,
            "confidence": 0.7,
        },
        {
            "schema_version": 1,
            "id": "evt_drones_down",
            "story_id": "sto_depot",
            "event_type": "Strategic developments",
            "sub_event_type": "Disrupted weapons use",
            "date": {"start": "2022-09-06", "end": "2022-09-07"},
            "date_text": "the same day",
            "actors": ["Syrian Arab Army"],
            "targets": [],
            # a country's centroid with no feature of its own: the place rows say "country"
            "locations": [
                {"name": "Syria", "lat": 35.0, "lon": 38.0, "country_code": "SY", "admin1": None}
            ],
            "fatalities": [],
            "reported_by": ["Syrian state media"],
            "sources": [_evidence(depot, "Syrian state media")],
            "independent_sources": 1,
            "confidence": 0.5,
        },
        {
            "schema_version": 1,
            "id": "evt_hostile",
            "story_id": "sto_hostile",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "date": "2022-09-09",
            "date_text": "on Friday",
            "actors": ['<img src=x onerror=alert("actor")>'],
            "targets": ["</script><script>alert('target')</script>"],
            "locations": [
                {
                    "name": "<!--Latakia",
                    "lat": 35.52,
                    "lon": 35.79,
                    "country_code": "SY",
                    "admin1": None,
                }
            ],
            "fatalities": [],
            "reported_by": [],
            "sources": [_evidence(hostile, "Rockets struck")],
            "independent_sources": 1,
            "confidence": 0.4,
        },
    ]
    claims = [
        {
            "schema_version": 1,
            "id": "clm_governor_toll",
            "story_id": "sto_market",
            "speaker": "regional governor",
            "text": "four civilians were killed and eleven wounded",
            "verb": "said",
            "stance": None,
            "sources": [_evidence(wire, "Artillery shells hit")],
            "article_id": wire.id,
        },
        {
            "schema_version": 1,
            "id": "clm_hospital_toll",
            "story_id": "sto_market",
            "speaker": "local hospital",
            "text": "six people died after the shelling",
            "verb": "said",
            "stance": None,
            "sources": [_evidence(local, "A local hospital")],
            "article_id": local.id,
        },
        {
            "schema_version": 1,
            "id": "clm_ministry_denial",
            "story_id": "sto_market",
            "speaker": "Russian Ministry of Defence",
            "text": "it did not strike the market and hit a fuel depot",
            "verb": "denied",
            "stance": "deny",
            "sources": [_evidence(wire, "Russia's defence ministry")],
            "article_id": wire.id,
        },
        {
            "schema_version": 1,
            "id": "clm_hostile",
            "story_id": "sto_hostile",
            "speaker": "<svg onload=alert('speaker')>",
            "text": "</script><!-- nothing happened",
            "verb": "said",
            "stance": None,
            "sources": [_evidence(hostile, "Officials said")],
            "article_id": hostile.id,
        },
    ]
    contradictions = [
        {
            "schema_version": 1,
            "id": "con_market_toll",
            "story_id": "sto_market",
            "about": "how many people died at the market",
            "claims": [["clm_governor_toll"], ["clm_hospital_toll"]],
            "kind": "numeric",
            "explanation": "the governor counted four dead, the hospital six",
        }
    ]
    stories = [
        {
            "schema_version": 1,
            "id": "sto_market",
            "title": "Shelling of the Kharkiv central market",
            "article_ids": [wire.id, "art_market0000000b", spun.id, local.id],
            "date": {"start": "2022-09-05", "end": "2022-09-05"},
            "summary": [
                {
                    # quoted with different spacing and case, to exercise the folded match
                    "text": "Artillery shells hit the central market of Kharkiv on Monday  "
                    "morning, killing four civilians",
                    "sources": [wire.id],
                },
                {
                    "text": "A local hospital put the death toll at six.",
                    "sources": [local.id],
                },
            ],
            "timeline": [
                {
                    "date": "2022-09-05",
                    "text": "Market shelled",
                    "event_ids": ["evt_market_shelling"],
                    "sources": [wire.id],
                }
            ],
            "independent_sources": 2,
        },
        {
            "schema_version": 1,
            "id": "sto_depot",
            "title": "Air strikes on a depot near Idlib",
            "article_ids": [depot.id],
            "date": {"start": "2022-09-06", "end": "2022-09-07"},
            "summary": [
                {
                    "text": "Air strikes destroyed an ammunition depot near Idlib on Tuesday.",
                    "sources": [depot.id],
                }
            ],
            "timeline": [],
            "independent_sources": 1,
        },
        {
            "schema_version": 1,
            "id": "sto_hostile",
            "title": "</script><script>alert('story')</script>",
            "article_ids": [hostile.id],
            "date": {"start": "2022-09-09", "end": "2022-09-09"},
            "summary": [
                {
                    "text": "Rockets struck the port of Latakia on Friday</script><!--",
                    "sources": [hostile.id],
                }
            ],
            "timeline": [],
            "independent_sources": 1,
        },
    ]
    entities = {
        wire.id: [
            {"name": "Kharkiv", "type": "GPE", "start": 35, "end": 42, "text": "Kharkiv"},
            {
                "name": "Russia",
                "type": "GPE",
                "start": MARKET.index("Russia"),
                "end": MARKET.index("Russia") + 6,
                "text": "Russia",
            },
        ],
        depot.id: [
            {
                "name": "Idlib",
                "type": "GPE",
                "start": DEPOT.index("Idlib"),
                "end": DEPOT.index("Idlib") + 5,
                "text": "Idlib",
            }
        ],
    }
    places = {
        wire.id: [
            {
                "place_id": "plc_kharkiv",
                "name": "Kharkiv",
                "lat": 49.98,
                "lon": 36.25,
                "country_code": "UA",
                "admin1": "Kharkivska",
                "feature": "city",
                "start": 35,
                "end": 42,
                "text": "Kharkiv",
            }
        ],
        depot.id: [
            {
                "place_id": "plc_syria",
                "name": "Syria",
                "lat": 35.0,
                "lon": 38.0,
                "country_code": "SY",
                "admin1": None,
                "feature": "country",
                "start": DEPOT.index("Syria"),
                "end": DEPOT.index("Syria") + 5,
                "text": "Syria",
            }
        ],
    }
    return {
        "events": events,
        "claims": claims,
        "contradictions": contradictions,
        "stories": stories,
        "entities": entities,  # type: ignore[dict-item]
        "places": places,  # type: ignore[dict-item]
    }


def populate(store: Store, *, with_knowledge: bool = True) -> dict[str, Article]:
    """Store the fixture articles (and, unless told not to, what analysis derives from them)."""
    articles = {article.id: article for article in fixture_articles()}
    with store.transaction() as txn:
        raw = b"fixture corpus"
        txn.save_input(_sha(raw), "fixture", len(raw), "txt", raw)
        for article in articles.values():
            txn.save_article(article, input_sha256=_sha(raw), locator=article.input)
    if not with_knowledge:
        return articles
    knowledge = fixture_knowledge(articles)
    for article_id in articles:
        store.save_analysis(
            article_id,
            entities=knowledge["entities"].get(article_id, []),  # type: ignore[union-attr]
            places=[
                {k: v for k, v in p.items() if k in _PLACE_COLUMNS}
                for p in knowledge["places"].get(article_id, [])  # type: ignore[union-attr]
            ],
            claims=[
                {k: v for k, v in claim.items() if k != "article_id"}
                for claim in knowledge["claims"]
                if claim["article_id"] == article_id
            ],
        )
    store.replace_stories(
        knowledge["stories"],
        events=knowledge["events"],
        contradictions=knowledge["contradictions"],
    )
    return articles


_PLACE_COLUMNS = {
    "place_id",
    "name",
    "lat",
    "lon",
    "country_code",
    "admin1",
    "feature",
    "start",
    "end",
    "text",
}


def open_populated(url: str, *, with_knowledge: bool = True) -> Store:
    store = open_store(url)
    assert store is not None
    populate(store, with_knowledge=with_knowledge)
    return store


def test_fixture_records_follow_the_contract_schemas() -> None:
    articles = {article.id: article for article in fixture_articles()}
    knowledge = fixture_knowledge(articles)
    for kind, schema_name in [
        ("events", "event"),
        ("claims", "claim"),
        ("contradictions", "contradiction"),
        ("stories", "story"),
    ]:
        schema = json.loads((SCHEMAS / f"{schema_name}.schema.json").read_text())
        for record in knowledge[kind]:
            record = {k: v for k, v in record.items() if k != "article_id"}
            jsonschema.validate(record, schema)


def test_fixture_evidence_offsets_point_at_their_sentences() -> None:
    articles = {article.id: article for article in fixture_articles()}
    knowledge = fixture_knowledge(articles)
    for record in [*knowledge["events"], *knowledge["claims"]]:
        for evidence in record["sources"]:
            text = articles[evidence["article_id"]].text
            assert text[evidence["start"] : evidence["end"]] == evidence["sentence"]
