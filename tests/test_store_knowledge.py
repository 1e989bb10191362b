"""The derived-knowledge tables: replaced per article and per story, never duplicated."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storyline.model import Article
from storyline.store import Store, open_store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    assert opened is not None
    with opened.transaction() as txn:
        txn.save_input(_sha(b"file"), "in.txt", 4, "txt", b"file")
        for n in range(3):
            txn.save_article(
                Article(id=f"art_{n:016x}", input=f"in.txt:{n}", text=f"Text {n}."),
                input_sha256=_sha(b"file"),
                locator=f"in.txt:{n}",
            )
    yield opened
    opened.close()


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def event(event_id: str, *, story: str | None, date: str, actor: str, place: str) -> dict:
    return {
        "id": event_id,
        "story_id": story,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "date": date,
        "actors": [actor],
        "locations": [{"name": place, "lat": 35.0, "lon": 36.0, "country_code": "SY"}],
        "sources": [{"article_id": "art_0000000000000000", "sentence": "x", "start": 0, "end": 1}],
    }


def test_analysing_an_article_again_replaces_its_results(store: Store) -> None:
    mention = {"name": "Russia", "type": "GPE", "start": 0, "end": 6, "text": "Moscow"}
    claim = {"id": "clm_1", "speaker": "Russia", "text": "hit IS", "verb": "say", "sources": []}
    for _ in range(2):
        store.save_analysis(
            "art_0000000000000000",
            entities=[mention],
            events=[event("evt_1", story=None, date="2015-09-30", actor="Russia", place="Homs")],
            claims=[claim],
        )
    assert store.analysed_ids() == {"art_0000000000000000"}
    assert [m["text"] for m in store.iter_entity_mentions()] == ["Moscow"]
    assert [e["id"] for e in store.iter_article_events()] == ["evt_1"]
    assert [c["id"] for c in store.iter_claims()] == ["clm_1"]


def test_stories_are_replaced_whole_and_set_story_ids(store: Store) -> None:
    story = {
        "id": "sto_a",
        "title": "Strikes",
        "article_ids": ["art_0000000000000000"],
        "date": {"start": "2015-09-30", "end": "2015-10-01"},
        "independent_sources": 1,
    }
    store.save_analysis(
        "art_0000000000000000",
        claims=[{"id": "clm_1", "speaker": "Russia", "text": "t", "verb": "say", "sources": []}],
    )
    store.replace_stories(
        [story],
        events=[event("evt_1", story="sto_a", date="2015-09-30", actor="Russia", place="Homs")],
    )
    story["article_ids"] = ["art_0000000000000000", "art_0000000000000001"]
    store.replace_stories(
        [story],
        events=[event("evt_2", story="sto_a", date="2015-10-01", actor="Russia", place="Hama")],
    )
    assert [s["id"] for s in store.iter_stories()] == ["sto_a"]
    assert [e["id"] for e in store.iter_events()] == ["evt_2"]
    assert {a.id: a.story_id for a in store.iter_articles()}["art_0000000000000001"] == "sto_a"
    assert [c["story_id"] for c in store.iter_claims()] == ["sto_a"]
    store.replace_stories([], removed_story_ids=["sto_a"])
    assert list(store.iter_stories()) == [] and list(store.iter_events()) == []


def test_events_filter_by_type_actor_place_and_dates(store: Store) -> None:
    store.replace_stories(
        [{"id": "sto_a", "title": "t", "article_ids": [], "date": None}],
        events=[
            event("evt_1", story="sto_a", date="2015-09-30", actor="Russia", place="Homs"),
            event("evt_2", story="sto_a", date="2015-10-07", actor="Islamic State", place="Aleppo"),
        ],
    )
    assert [e["id"] for e in store.iter_events(actor="russ")] == ["evt_1"]
    assert [e["id"] for e in store.iter_events(place="Aleppo")] == ["evt_2"]
    assert [e["id"] for e in store.iter_events(date_from="2015-10-01")] == ["evt_2"]
    assert [e["id"] for e in store.iter_events(date_to="2015-10-01")] == ["evt_1"]
    assert store.count_events(event_type="Battles") == 0
    assert [e["id"] for e in store.iter_events(limit=1, offset=1)] == ["evt_2"]
    assert [e["id"] for e in store.iter_events(actor="100%_")] == []


def test_state_round_trips(store: Store) -> None:
    assert store.get_state("stories") is None
    store.set_state("stories", b"\x00\x01")
    store.set_state("stories", b"\x02")
    assert store.get_state("stories") == b"\x02"
