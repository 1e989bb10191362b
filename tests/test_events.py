"""Event extraction: roles from syntax, the speaker trap, non-events, sub-type cues, evidence."""

from __future__ import annotations

import pytest

from storyline.events import EventContext, classify, extract_events
from storyline.events import taxonomy as tx
from storyline.model import Article, Event, EventLocation
from storyline.nlp.model import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def events_of(nlp, text: str, context: EventContext | None = None) -> list[Event]:
    article = Article(id="art_test", input="test", text=text, published="2021-03-10")
    return extract_events(article, nlp(text), context)


def only_event(nlp, text: str) -> Event:
    events = events_of(nlp, text)
    assert len(events) == 1, [e.sub_event_type for e in events]
    return events[0]


def test_passive_agent_is_the_actor_and_subject_the_victim(nlp):
    event = only_event(
        nlp, "Eleven villagers were killed by government helicopters near Tawila on Sunday."
    )
    assert event.sub_event_type == tx.AIR_STRIKE
    assert event.actors == ["government helicopters"]
    assert event.targets == ["villagers"]
    assert [loc.name for loc in event.locations] == ["Tawila"]
    assert event.date == "2021-03-07" and event.date_text == "Sunday"


def test_nominal_trigger_takes_actor_from_modifier_and_place_from_on_phrase(nlp):
    event = only_event(nlp, "Turkish drone strikes on the village of Kobane wounded four men.")
    assert event.sub_event_type == tx.AIR_STRIKE
    assert event.actors == ["Turkish"]
    assert [loc.name for loc in event.locations] == ["Kobane"]


def test_speaker_location_is_not_the_event_location(nlp):
    event = only_event(
        nlp, "The foreign minister told reporters in Geneva that rebels shelled the city of Aleppo."
    )
    assert event.sub_event_type == tx.SHELLING
    names = [loc.name for loc in event.locations]
    assert "Geneva" not in names and names == ["Aleppo"]
    assert event.reported_by == ["foreign minister"]


@pytest.mark.parametrize(
    "text",
    [
        "If the militants captured the dam, they would flood the valley.",
        "The air force did not bomb the bridge.",
        "The army will attack the rebel enclave next week.",
        "Officials fear the insurgents could storm the prison.",
        "More than 3,000 civilians have been killed in air strikes since January.",
        "Did the jets bomb the hospital?",
        "The group threatened to kidnap foreign engineers.",
    ],
)
def test_hypothetical_negated_future_aggregate_and_questions_are_not_events(nlp, text):
    assert events_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("Warplanes pounded the market, killing nine people.", tx.AIR_STRIKE),
        ("Mortar rounds landed in the old city overnight.", tx.SHELLING),
        ("A suicide bomber detonated his vest at the gate of the base.", tx.SUICIDE_BOMB),
        ("A roadside bomb hit a police patrol outside the town.", tx.REMOTE_EXPLOSIVE),
        ("Residents reported a chlorine attack on the suburb.", tx.CHEMICAL_WEAPON),
        ("An unknown man hurled a grenade into the crowded bar.", tx.GRENADE),
        ("The army recaptured the hilltop town after a week of fighting.", tx.GOVERNMENT_REGAINS),
        ("Jihadist fighters seized the border town of Tal Abyad.", tx.NON_STATE_OVERTAKES),
        ("Gunmen kidnapped a priest on the road to the capital.", tx.ABDUCTION),
        ("Soldiers and rebels clashed along the river for hours.", tx.ARMED_CLASH),
        ("Police fired tear gas to break up the teachers' protest.", tx.PROTEST_WITH_INTERVENTION),
        ("Hundreds of nurses protested peacefully outside parliament.", tx.PEACEFUL_PROTEST),
        ("Protesters threw stones at police and set tyres on fire.", tx.VIOLENT_DEMONSTRATION),
        ("Police arrested the opposition leader at his home.", tx.ARRESTS),
        ("Engineers defused an explosive device found under the bridge.", tx.DISRUPTED_WEAPONS),
        ("The two factions signed a ceasefire agreement in the capital.", tx.AGREEMENT),
        ("An angry mob lynched a suspected thief in the market.", tx.MOB_VIOLENCE),
        ("Thousands marched peacefully against police brutality in Lagos.", tx.PEACEFUL_PROTEST),
        ("On 3 March 2020 hundreds of miners protested outside the mine.", tx.PEACEFUL_PROTEST),
    ],
)
def test_cue_words_choose_the_sub_type(text, sub_type):
    typing = classify(text)
    assert typing is not None and typing.sub_event_type == sub_type
    assert typing.event_type == tx.EVENT_TYPE_OF[sub_type]


def test_reported_by_from_according_to_and_said(nlp):
    first = only_event(
        nlp, "Rebels ambushed an army convoy near Goma, according to the UN mission."
    )
    assert first.reported_by == ["UN mission"]
    second = only_event(nlp, "Jets struck a fuel depot in Raqqa, the defence ministry said.")
    assert second.reported_by == ["defence ministry"]


def test_evidence_offsets_index_the_article_text(nlp):
    text = "Markets reopened on Monday.  Gunmen shot dead two farmers in Plateau state. Rain fell."
    events = events_of(nlp, text)
    assert len(events) == 1
    evidence = events[0].sources[0]
    assert text[evidence.start : evidence.end] == evidence.sentence
    assert evidence.sentence == "Gunmen shot dead two farmers in Plateau state."
    assert evidence.article_id == "art_test"


def test_event_ids_are_stable_and_fatalities_reported(nlp):
    text = "A car bomb killed at least 12 soldiers in Mogadishu on Friday."
    first, second = events_of(nlp, text), events_of(nlp, text)
    assert [e.id for e in first] == [e.id for e in second]
    (event,) = first
    assert event.sub_event_type == tx.REMOTE_EXPLOSIVE
    toll = event.fatalities[0]
    assert toll.victims == "soldiers" and (toll.count == 12 or toll.min == 12)
    assert 0.0 < event.confidence <= 1.0


def test_context_resolvers_replace_the_fallbacks(nlp):
    context = EventContext(
        canonical_actor=lambda span: "Russia" if "Russian" in span.text else None,
        resolve_place=lambda span: EventLocation(span.text, 35.93, 36.63, "SY"),
        resolve_date=lambda span: ("2021-03-09", span.text),
    )
    (event,) = events_of(nlp, "Russian jets bombed Idlib yesterday.", context)
    assert event.actors == ["Russia"]
    assert event.locations[0].country_code == "SY"
    assert event.date == "2021-03-09" and event.date_text == "yesterday"


def test_sentence_without_violence_or_politics_gives_nothing(nlp):
    assert events_of(nlp, "The museum opened a new wing for modern sculpture.") == []


def test_place_resolver_turns_a_proper_noun_object_into_the_location(nlp):
    known = {"Aleppo": EventLocation("Aleppo", 36.2, 37.16, "SY")}
    context = EventContext(resolve_place=lambda span: known.get(span.text))
    (event,) = events_of(nlp, "Rebels shelled Aleppo overnight.", context)
    assert [loc.name for loc in event.locations] == ["Aleppo"]
    assert "Aleppo" not in event.targets


def test_coordinate_clauses_give_one_event_each(nlp):
    events = events_of(
        nlp, "Russian jets struck Idlib on Monday while rebels seized the town of Saraqeb."
    )
    assert [e.sub_event_type for e in events] == [tx.AIR_STRIKE, tx.NON_STATE_OVERTAKES]
    assert events[1].actors == ["rebels"] and [loc.name for loc in events[1].locations] == [
        "Saraqeb"
    ]
    assert len({e.id for e in events}) == 2
