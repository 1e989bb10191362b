"""Publisher homes: a local paper's ambiguous place names lean towards the paper's own area."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.pipeline import RunOptions, run_pipeline, saved_publisher_votes
from storyline.places import (
    PlaceVotes,
    load_gazetteer,
    publisher_key,
    resolve_mentions,
)
from storyline.places.home import DOMAIN_SHARE, MIN_NAMES, country_of_domain, masthead_town
from storyline.places.resolver import HomeProfile
from storyline.store import open_store

# A small-town Tennessee paper, in our own words: towns of Henry County and around it.
LOCAL_ARTICLES = [
    "The Paris city council met on Monday. Puryear and Springville residents asked about roads.",
    "Henry County schools closed early. Buses from Cottage Grove and Puryear ran late.",
    "A fire in Paris destroyed a barn. Crews came from Buchanan and Springville.",
    "Murray and Dresden teams played in Paris on Friday night before a big crowd.",
    "Big Sandy and Camden officials joined Henry County leaders at the Paris courthouse.",
    "The Tennessee River rose near Big Sandy, and Paris Landing State Park closed a ramp.",
]
WORLD_ARTICLES = [
    "Talks in Geneva stalled as envoys from Moscow, Kyiv and Ankara left early.",
    "Floods hit Dhaka and Karachi while Jakarta and Manila braced for a storm.",
    "Markets in Tokyo, Frankfurt and London fell; Sao Paulo and Lagos were calm.",
    "Protests spread from Nairobi to Kampala, Cairo and Tunis over bread prices.",
]


def _votes(texts: list[str]) -> PlaceVotes:
    gazetteer = load_gazetteer()
    votes = PlaceVotes()
    for text in texts:
        votes.add_text(text, gazetteer)
    return votes


def test_a_local_papers_home_is_its_state() -> None:
    home = _votes(LOCAL_ARTICLES).profile()
    assert home is not None
    assert max(home.admin1, key=home.admin1.get) == "US.TN"


def test_a_world_outlet_has_no_home_area() -> None:
    home = _votes(WORLD_ARTICLES * 2).profile()
    assert home is None or not home.admin1


def test_too_few_names_make_no_home() -> None:
    assert _votes(LOCAL_ARTICLES[:1]).profile() is None


def test_the_home_steers_an_ambiguous_name() -> None:
    text = "Paris police closed the square on Saturday."
    span = [(0, 5)]
    (alone,) = resolve_mentions(text, span)
    (at_home,) = resolve_mentions(text, span, home=_votes(LOCAL_ARTICLES).profile())
    assert alone is not None and alone.country_code == "FR"
    assert at_home is not None and at_home.admin1 == "Tennessee"


def test_votes_survive_a_round_trip_and_add_up() -> None:
    votes = _votes(LOCAL_ARTICLES)
    again = PlaceVotes.from_json(votes.to_json())
    assert again.names == votes.names
    again.merge(votes)
    assert again.names == 2 * votes.names
    assert again.admin1["US.TN"] == 2 * votes.to_json()["admin1"]["US.TN"]


def test_publisher_key_is_the_host_else_the_name() -> None:
    assert publisher_key("https://www.parispi.example/news/1", "Post") == "parispi.example"
    assert publisher_key(None, " The Gazette ") == "the gazette"
    assert publisher_key(None, None) is None


def test_a_run_keeps_publisher_votes_and_never_counts_an_article_twice(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [
        {
            "text": f"{text} " * 3,
            "url": f"https://paris-news.example/{index}",
            "title": f"No {index}",
        }
        for index, text in enumerate(LOCAL_ARTICLES)
    ]
    (corpus / "local.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    options = RunOptions(
        inputs=[corpus], out=tmp_path / "out", db=str(tmp_path / "s.db"), quiet=True, workers=1
    )

    def names() -> int:
        store = open_store(str(tmp_path / "s.db"))
        return saved_publisher_votes(store)["paris-news.example"].names

    run_pipeline(options)
    first = names()
    assert first >= MIN_NAMES
    run_pipeline(options)  # nothing new: nothing is counted again
    assert names() == first


# A Connecticut paper, in our own words: every town name also has a namesake in New York.
CONNECTICUT_ARTICLES = [
    "Manchester and Berlin crews helped Hartford clear snow after the storm.",
    "Windsor and Bristol schools will share a bus depot, Hartford officials said.",
    "A Berlin man was charged in Manchester with stealing copper wire.",
    "Bloomfield and Windsor voters approved budgets; Hartford's vote comes next.",
    "Bristol and Manchester businesses reopened as Hartford lifted the travel ban.",
    "Hartford police closed roads near Bloomfield after a water main broke.",
]


def test_bigger_namesakes_carry_more_of_a_names_vote() -> None:
    # Split evenly, these votes spread over Ohio, Connecticut, Wisconsin... and make no home.
    home = _votes(CONNECTICUT_ARTICLES).profile()
    assert home is not None
    assert max(home.admin1, key=home.admin1.get) == "US.CT"


def test_a_home_area_lies_in_the_home_country() -> None:
    home = _votes(LOCAL_ARTICLES).profile()  # Paris, France takes much of "Paris"'s vote
    assert home is not None and "US" in home.countries
    assert all(code.startswith("US.") for code in home.admin1)


# Big cities of many states: they dilute the Tennessee paper's votes below a home area.
US_ARTICLES = [
    "Storms hit Denver, Omaha and Tulsa on Monday.",
    "Seattle and Portland schools closed for snow.",
    "Phoenix, Tucson and Albuquerque broke heat records.",
    "Boston and Baltimore ports reopened after the strike.",
    "Detroit, Cleveland and Pittsburgh plants added shifts.",
    "Atlanta and Charlotte airports saw delays.",
]


def test_a_town_spelled_in_the_publishers_address_becomes_its_home() -> None:
    gazetteer = load_gazetteer()
    votes = _votes(LOCAL_ARTICLES + US_ARTICLES)
    plain = votes.profile()
    assert plain is not None and not plain.admin1  # Tennessee alone is too weak here
    home = votes.profile("theparisnews.example", gazetteer)
    assert home is not None and set(home.admin1) == {"US.TN"} and home.points
    lat, lon = home.points[0]
    assert abs(lat - 36.3) < 0.2 and abs(lon + 88.3) < 0.2  # Paris, Tennessee
    text = "Dublin and Paris officials met on Monday."
    span = [(text.index("Paris"), text.index("Paris") + 5)]
    (without,) = resolve_mentions(text, span, home=plain)
    (place,) = resolve_mentions(text, span, home=home)
    assert without is not None and without.admin1 != "Tennessee"
    assert place is not None and place.admin1 == "Tennessee"


def test_a_name_inside_another_word_of_the_address_is_not_a_town() -> None:
    gazetteer = load_gazetteer()
    votes = _votes(LOCAL_ARTICLES)
    assert masthead_town("theparisnews.example", votes, gazetteer) is not None
    assert masthead_town("comparisons.example", votes, gazetteer) is None  # "paris" inside


def test_an_address_naming_a_country_gives_no_masthead_town() -> None:
    gazetteer = load_gazetteer()
    votes = _votes(
        [
            "Amman and Irbid saw protests; Zarqa and Aqaba were calm.",
            "Jordan's king met officials in Amman, Mafraq and Karak.",
            "Ramtha and Jerash markets reopened, Amman officials said.",
            "Madaba, Salt and Ajloun got new schools, Amman said.",
        ]
    )
    assert masthead_town("jordantimes.example", votes, gazetteer) is None


def test_a_country_code_domain_names_the_publishers_country() -> None:
    assert country_of_domain("civil.ge") == "GE"
    assert country_of_domain("www.independent.ie".removeprefix("www.")) == "IE"
    assert country_of_domain("news.tv") is None  # sold for its letters, not Tuvalu's
    assert country_of_domain("example.com") is None
    assert country_of_domain("the gazette") is None


def test_a_country_code_domain_keeps_the_home_area_in_that_country() -> None:
    # A Georgian outlet's votes: "Georgia" itself keeps voting for the US state too.
    votes = PlaceVotes(20, {"US": 6.0, "GE": 6.0}, {"US.GA": 5.0, "GE.TB": 3.0})
    gazetteer = load_gazetteer()
    undecided = votes.profile("georgia-news.example", gazetteer)
    assert undecided is not None and "US.GA" in undecided.admin1
    home = votes.profile("georgia-news.ge", gazetteer)
    assert home is not None and set(home.countries) == {"GE"}
    assert set(home.admin1) == {"GE.TB"}
    assert PlaceVotes().profile("civil.ge", gazetteer) == HomeProfile({"GE": DOMAIN_SHARE})


def test_a_town_in_a_subdomain_of_the_address_counts() -> None:
    gazetteer = load_gazetteer()
    votes = _votes(LOCAL_ARTICLES)
    town = masthead_town("herald.paris.com", votes, gazetteer)
    assert town is not None and town.admin1_code == "US.TN"
