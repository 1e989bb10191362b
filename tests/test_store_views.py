"""The store queries the report, the web app and `status` read, on SQLite and PostgreSQL."""

from __future__ import annotations

from storyline.store import open_store
from test_report_fixtures import populate


def test_coverage_features_mentions_and_types_on_both_backends(store_url: str) -> None:
    store = open_store(store_url)
    assert store is not None
    populate(store)
    cover = store.coverage()
    assert (cover["first"], cover["last"], cover["undated"]) == ("2022-09-05", "2022-09-09", 1)
    assert ("Wire Service", 1) in cover["publishers"] and cover["publishers_distinct"] == 6
    assert cover["languages"] == [("unknown", 6)] and cover["languages_distinct"] == 0
    assert ("Syria", 35.0, 38.0, "country") in store.place_features()
    assert store.articles_mentioning(["Russia"]) == ["art_market0000000a"]
    assert store.articles_mentioning([]) == []
    assert store.count_events(event_type="strategic DEVELOPMENTS") == 1
    store.close()
