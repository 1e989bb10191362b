"""Event extraction: roles from syntax, the speaker trap, non-events, sub-type cues, evidence."""

from __future__ import annotations

import pytest

from storyline.events import classify, extract_events
from storyline.events import taxonomy as tx
from storyline.events.mentions import distinct_towns
from storyline.model import Article, Event
from storyline.nlp.model import load_nlp
from storyline.places.resolver import ResolvedPlace


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def events_of(nlp, text: str, published: str = "2021-03-10") -> list[Event]:
    article = Article(id="art_test", input="test", text=text, published=published)
    return extract_events(article, nlp(text))


def only_event(nlp, text: str) -> Event:
    events = events_of(nlp, text)
    assert len(events) == 1, [e.sub_event_type for e in events]
    return events[0]


def test_passive_agent_is_the_actor_named_as_acled_names_it(nlp):
    event = only_event(nlp, "Eleven villagers were killed by Sudanese army helicopters on Sunday.")
    assert event.sub_event_type == tx.AIR_STRIKE
    assert event.actors[0] == "Military Forces of Sudan"
    assert event.targets[0].startswith("Civilians")
    assert event.date == "2021-03-07" and event.date_text == "Sunday"
    assert event.time_precision == 1


def test_demonym_actor_and_the_town_struck(nlp):
    event = only_event(nlp, "Turkish drone strikes on the village of Afrin wounded four men.")
    assert event.sub_event_type == tx.AIR_STRIKE
    assert event.actors == ["Military Forces of Turkey"]
    assert event.locations[0].country_code == "SY"
    assert event.locations[0].geo_precision == 1


def test_speaker_location_is_not_the_event_location(nlp):
    event = only_event(
        nlp, "The foreign minister told reporters in Geneva that rebels shelled the city of Aleppo."
    )
    assert event.sub_event_type == tx.SHELLING
    names = [loc.name for loc in event.locations]
    assert "Geneva" not in names and names == ["Aleppo"]


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
    assert first.reported_by == ["United Nations"]


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


def test_sentence_without_violence_or_politics_gives_nothing(nlp):
    assert events_of(nlp, "The museum opened a new wing for modern sculpture.") == []


def test_coordinate_clauses_give_one_event_each(nlp):
    events = events_of(
        nlp, "Russian jets struck Idlib on Monday while rebels seized the town of Saraqeb."
    )
    assert {e.sub_event_type for e in events} == {tx.AIR_STRIKE, tx.NON_STATE_OVERTAKES}
    assert len({e.id for e in events}) == 2


# ---- one record per incident (issue: events an analyst can keep)


def test_three_sentences_about_one_strike_are_one_event(nlp):
    text = (
        "Russian warplanes struck the town of Talbiseh in Homs province on Wednesday, killing "
        "36 civilians, activists said.\n"
        "Rescuers searched the rubble for survivors after the air strike.\n"
        "The attack on Talbiseh also destroyed a market."
    )
    (event,) = events_of(nlp, text, published="2015-10-01")
    assert event.sub_event_type == tx.AIR_STRIKE
    assert event.actors[0] == "Military Forces of Russia"
    assert event.locations[0].name == "Tallbīsah"
    assert event.date == "2015-09-30"
    assert event.fatalities[0].count == 36
    assert len(event.sources) >= 2


def _town(name: str, lat: float, lon: float, feature: str = "city") -> ResolvedPlace:
    return ResolvedPlace(name, lat, lon, "GR", None, None, feature, 0, len(name), name)


def test_acled_splits_by_named_town_but_not_a_town_and_its_district():
    athens, salonika = _town("Athens", 37.98, 23.73), _town("Thessaloniki", 40.64, 22.94)
    exarchia = _town("Exarchia", 37.99, 23.74)
    attica = _town("Attica", 38.0, 23.8, "admin1")
    towns = distinct_towns([(athens, False), (salonika, False), (attica, False)])
    assert [p.name for p, _ in towns] == ["Athens", "Thessaloniki"]
    assert [p.name for p, _ in distinct_towns([(exarchia, False), (athens, False)])] == ["Exarchia"]


@pytest.mark.parametrize(
    "text",
    [
        "Turkey summoned Russia's ambassador on Saturday to protest the violation of its airspace.",
        "The minister accused the opposition of pouring gasoline on the fire.",
        "The war began in April 2019, when the army attacked the rebel stronghold.",
        "We heard the drone circling above the camp for hours.",
        "Sudan's armed forces denied they carried out the air strike.",
        "The Su-34 can carry precision bombs capable of striking bunkers.",
        "He was found dead in his cell after he committed suicide.",
        "The spokesman said there were no dead or wounded.",
        "The law was a response to the 2017 attack on a church that left 26 people dead.",
        "Over 100 persons were arrested in connection with the incident.",
        "Iran said on Monday that Russia had stopped flying bombing missions from its base.",
        "The monitor said at least 39 civilians had been killed since the campaign began.",
    ],
)
def test_not_an_incident_that_happened(nlp, text):
    assert events_of(nlp, text, published="2023-06-01") == []


def test_weapons_numbers_and_agencies_are_never_actors(nlp):
    text = (
        "Sukhoi jets and Kalibr missiles hit Aleppo on Monday, killing four fighters, Agence "
        "France-Presse reported."
    )
    events = events_of(nlp, text)
    names = {name for e in events for name in e.actors + e.targets}
    assert not names & {"Sukhoi", "Kalibr", "four", "Agence France-Presse"}


def test_civilians_are_a_target_never_the_perpetrator(nlp):
    (event,) = events_of(nlp, "Civilians were killed in an air strike on the market in Idlib.")
    assert not any(a.startswith("Civilians") for a in event.actors)
    assert event.targets[0].startswith("Civilians")


def test_air_strike_on_civilians_stays_an_explosion(nlp):
    (event,) = events_of(nlp, "An air strike killed 12 civilians in a market in Maarat al-Numan.")
    assert (event.event_type, event.sub_event_type) == (tx.EXPLOSIONS, tx.AIR_STRIKE)


def test_the_toll_counts_everyone_killed(nlp):
    (first,) = events_of(
        nlp, "Air strikes on Talbiseh killed 36 civilians, among them several children."
    )
    assert first.fatalities[0].count == 36


def test_an_event_is_dated_when_the_article_is(nlp):
    (event,) = events_of(nlp, "Gunmen attacked a police post in Kidal.", published="2021-03-10")
    assert event.date == "2021-03-10" and event.time_precision == 2


def test_riots_are_coded_with_rioters_and_police(nlp):
    (event,) = events_of(
        nlp, "Rioters clashed with police in Athens on Wednesday, hurling petrol bombs."
    )
    assert event.event_type == tx.RIOTS
    assert event.actors[0] == "Rioters (Greece)"
    assert "Police Forces of Greece" in event.targets


def test_tear_gas_is_no_chemical_weapon(nlp):
    (event,) = events_of(nlp, "Police fired tear gas at protesters outside parliament in Athens.")
    assert event.event_type == tx.PROTESTS


def test_a_raid_flown_from_a_base_is_placed_at_its_target(nlp):
    (event,) = events_of(
        nlp, "Russian bombers flying from Hamadan struck targets in Aleppo on Tuesday."
    )
    assert event.locations[0].name == "Aleppo"


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Youths attacked a police station with petrol bombs in central Athens.", tx.RIOTS),
        ("In Corfu, protesters occupied the County Headquarters on Wednesday.", tx.PROTESTS),
        (
            "In Ioannina protesters attacked banks, leading to extended use of chemicals by the "
            "police.",
            (tx.PROTESTS, tx.RIOTS),
        ),
    ],
)
def test_what_crowds_do_is_a_protest_or_a_riot(nlp, text, event_type):
    (event,) = events_of(nlp, text, published="2010-05-05")
    assert event.event_type in (event_type if isinstance(event_type, tuple) else (event_type,))


def test_the_speaker_who_claims_an_act_is_its_actor(nlp):
    (event,) = events_of(
        nlp, "Rebels said they destroyed eight army tanks with anti-tank missiles near Hama."
    )
    assert event.event_type == tx.BATTLES
    assert event.actors[0].startswith("Rebels")


def test_a_route_or_a_base_is_not_where_a_strike_fell(nlp):
    events = events_of(nlp, "The missiles flew about 1,500 km across Iran and Iraq.")
    assert all(loc.name not in ("Iran", "Iraq") for e in events for loc in e.locations)


def test_a_drone_with_no_owner_named_belongs_to_nobody(nlp):
    (event,) = events_of(nlp, "A drone struck the main market of El Fasher on Tuesday.")
    assert event.actors == []


def test_an_accusation_is_a_claim_not_a_second_event(nlp):
    assert events_of(nlp, "The army blamed the Rapid Support Forces for the attack.") == []


def test_three_reports_of_one_drone_strike_are_one_event(tmp_path):
    """Written for this test: three outlets, one strike, 14 and 21 dead, background and a
    witness's "we heard the drone" that are no events."""
    import json
    from pathlib import Path

    from storyline.pipeline import RunOptions, run_pipeline

    inputs = Path(__file__).parent / "fixtures" / "three_reports"
    out = tmp_path / "out"
    run_pipeline(RunOptions(inputs=[inputs], out=out, db=str(tmp_path / "s.db"), quiet=True))
    (event,) = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert event["sub_event_type"] == tx.AIR_STRIKE
    assert event["locations"][0]["name"] == "El Fasher"
    assert [f["count"] for f in event["fatalities"]][:2] == [14, 21]
    assert event["independent_sources"] == 3
    assert not event["actors"]  # the army blames the RSF, which denies: no perpetrator is known
