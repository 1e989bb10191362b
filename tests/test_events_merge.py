"""Cross-document merging: one occurrence, many reports, copies counted once."""

from __future__ import annotations

from storyline.events import merge_events
from storyline.events import taxonomy as tx
from storyline.model import Event, EventLocation, Evidence, Fatalities


def report(
    article_id: str,
    *,
    sub_type: str = tx.AIR_STRIKE,
    actors: tuple[str, ...] = ("Russia",),
    place: EventLocation | None = None,
    day: str | None = "2019-05-14",
    toll: int | None = None,
) -> Event:
    place = place or EventLocation("Kafr Nabl", 35.61, 36.56, "SY")
    return Event(
        id=f"evt_{article_id}",
        event_type=tx.EVENT_TYPE_OF[sub_type],
        sub_event_type=sub_type,
        date=day,
        actors=list(actors),
        locations=[place],
        fatalities=[Fatalities("civilians", f"{toll} civilians", count=toll)] if toll else [],
        sources=[Evidence(article_id, "sentence", 0, 8)],
        independent_sources=1,
        confidence=0.6,
    )


def test_syndicated_copy_adds_evidence_but_counts_once():
    events = [report("wire"), report("wire_copy"), report("local_paper")]
    (merged,) = merge_events(events, {"wire": "grp1", "wire_copy": "grp1"})
    assert sorted(s.article_id for s in merged.sources) == ["local_paper", "wire", "wire_copy"]
    assert merged.independent_sources == 2
    assert merged.confidence > 0.6


def test_tolls_are_kept_as_reported_not_summed():
    (merged,) = merge_events([report("a", toll=12), report("b", toll=12), report("c", toll=15)], {})
    assert sorted(f.count for f in merged.fatalities) == [12, 15]


def test_nearby_places_and_adjacent_days_merge():
    nearby = EventLocation("Hass", 35.62, 36.60, "SY")  # a few km from Kafr Nabl
    (merged,) = merge_events([report("a"), report("b", place=nearby, day="2019-05-15")], {})
    assert merged.independent_sources == 2


def test_conflicting_place_day_type_or_actor_stay_apart():
    far = EventLocation("Deir ez-Zor", 35.33, 40.14, "SY")
    events = [
        report("a"),
        report("b", place=far),
        report("c", day="2019-05-20"),
        report("d", sub_type=tx.ARRESTS),
        report("e", actors=("United States",)),
    ]
    assert len(merge_events(events, {})) == 5


def test_one_incident_told_as_a_strike_and_as_a_clash_is_one_event():
    """Reports of one incident name it differently; the codebook's precedence picks the type."""
    (merged,) = merge_events([report("a"), report("b", sub_type=tx.ARMED_CLASH)], {})
    assert merged.event_type == tx.EXPLOSIONS and merged.independent_sources == 2


def test_unknown_day_merges_when_the_place_agrees_and_actors_do_not_conflict():
    assert len(merge_events([report("a"), report("b", day=None)], {})) == 1
    assert len(merge_events([report("a"), report("b", day=None, actors=())], {})) == 1
    far = EventLocation("Deir ez-Zor", 35.33, 40.14, "SY")
    assert len(merge_events([report("a"), report("b", day=None, place=far)], {})) == 2


def test_a_copy_adds_sources_but_no_event_of_its_own():
    merged = merge_events(
        [report("orig"), report("copy"), report("copy", sub_type=tx.ARRESTS)],
        {"orig": "g", "copy": "g"},
        copies={"copy"},
    )
    assert len(merged) == 1
    assert {s.article_id for s in merged[0].sources} == {"orig", "copy"}
    assert merged[0].independent_sources == 1


def test_the_lowest_toll_comes_first_and_every_report_stays():
    (merged,) = merge_events([report("a", toll=36), report("b", toll=27)], {})
    assert [f.count for f in merged.fatalities] == [27, 36]


def test_week_precision_stand_in_date_does_not_block_a_merge():
    """An article's date standing in for the event's day says nothing about the day."""
    stand_in = report("b", day="2019-05-20")
    stand_in.time_precision = 2
    assert len(merge_events([report("a"), stand_in], {})) == 1


def test_compatible_sub_types_merge():
    (merged,) = merge_events([report("a"), report("b", sub_type=tx.SHELLING)], {})
    assert {s.article_id for s in merged.sources} == {"a", "b"}
