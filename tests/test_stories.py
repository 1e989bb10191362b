"""Story clustering, peer dating, timelines and cited summaries on hand-written articles."""

from __future__ import annotations

from datetime import date

import numpy as np

from storyline.model import Article, Claim, Contradiction, Event, Evidence
from storyline.stories import (
    StoryClusterer,
    apply_peer_dates,
    article_features,
    build_story,
    build_timeline,
    peer_date,
    summarize,
)
from storyline.stories.features import StoryFeatures, arrival_order

STRIKE = (
    "Russian warplanes struck rebel-held districts of eastern Aleppo, rescue workers said. "
    "The White Helmets reported that the raids hit a bakery and a clinic in Sakhour. "
    "Moscow said its aircraft targeted militant command posts near the Castello road."
)
QUAKE = (
    "A strong earthquake shook the coastal province of Esmeraldas in Ecuador overnight. "
    "Officials in Quito said dozens of houses collapsed in the fishing town of Muisne. "
    "The geological institute measured the tremor at magnitude 7.1 near the Pacific coast."
)


def art(
    article_id: str,
    text: str,
    published: str | None = None,
    title: str | None = None,
    **extra: object,
) -> Article:
    return Article(
        id=article_id, input=f"{article_id}.txt", text=text, title=title, published=published,
        **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def add(clusterer: StoryClusterer, article: Article) -> str:
    return clusterer.add(article.id, article_features(article))


def test_day_two_adds_to_day_one_stories_after_save_and_load() -> None:
    day_one = [
        art("s1", STRIKE, "2016-08-16", "Russian jets pound eastern Aleppo"),
        art("q1", QUAKE, "2016-08-16", "Earthquake hits Ecuador's Esmeraldas coast"),
        art("s2", STRIKE.replace("struck", "bombed"), "2016-08-16", "Aleppo districts bombed"),
    ]
    clusterer = StoryClusterer()
    first = {a.id: add(clusterer, a) for a in day_one}
    assert first["s1"] == first["s2"] != first["q1"]
    saved = clusterer.state()

    restored = StoryClusterer.load(saved)
    follow_strike = art(
        "s3",
        "Fresh Russian air raids hit eastern Aleppo districts a day after the bakery strike, "
        "the White Helmets said, as Moscow again said it targeted militants near Castello road.",
        "2016-08-17",
        "More raids on eastern Aleppo",
    )
    follow_quake = art(
        "q2",
        "Rescue teams searched collapsed houses in Muisne after the earthquake in Esmeraldas "
        "province, Ecuador's officials in Quito said, as aftershocks shook the Pacific coast.",
        "2016-08-17",
        "Ecuador earthquake rescue in Muisne",
    )
    assert add(restored, follow_strike) == first["s1"]
    assert add(restored, follow_quake) == first["q1"]
    assert restored.stories()[first["s1"]] == ["s1", "s2", "s3"]
    # An article seen yesterday is not added twice.
    assert add(restored, day_one[0]) == first["s1"]
    assert len(restored.stories()[first["s1"]]) == 3


def test_same_topic_months_apart_is_two_stories() -> None:
    clusterer = StoryClusterer()
    autumn = art("a", STRIKE, "2015-10-07", "Russian jets strike Syria")
    summer = art(
        "b", STRIKE.replace("rebel-held", "opposition"), "2016-08-16", "Russian jets strike Syria"
    )
    next_day = art("c", STRIKE, "2015-10-08", "Russian jets strike Syria again")
    assert add(clusterer, autumn) != add(clusterer, summer)
    assert add(clusterer, next_day) == clusterer.story_of("a")


def test_syndicated_copies_share_a_story_even_when_rewritten_beyond_recognition() -> None:
    clusterer = StoryClusterer()
    original = art("w1", STRIKE, "2016-08-16", syndication_group="grp1")
    spun = art("w2", QUAKE, "2016-08-16", syndication_group="grp1", flags=["spun"])
    assert add(clusterer, original) == add(clusterer, spun)


def bag(terms: range | list[int], names: set[str]) -> StoryFeatures:
    ids = np.array(sorted(terms), dtype=np.int32)
    counts = np.ones(len(ids), dtype=np.float32)
    return StoryFeatures(ids, counts, frozenset(names), day=date(2016, 8, 16))


def test_an_article_bridging_two_stories_merges_them_and_old_ids_still_resolve() -> None:
    clusterer = StoryClusterer()
    for i in range(20):  # unrelated background, so document frequencies mean something
        clusterer.add(f"bg{i}", bag(range(1000 + 10 * i, 1010 + 10 * i), set()))
    names = {"aleppo", "sakhour"}
    first = clusterer.add("a", bag(range(1, 9), names))
    second = clusterer.add("b", bag(range(20, 28), names))
    assert first != second
    live = clusterer.add("m", bag([*range(1, 9), *range(20, 28)], names))
    assert sorted(clusterer.stories()[live]) == ["a", "b", "m"]
    retired = first if live == second else second
    assert clusterer.merged() == {retired: live}
    restored = StoryClusterer.load(clusterer.state())
    assert restored.resolve(retired) == live
    assert restored.story_of("a") == restored.story_of("b") == live


def test_exact_duplicate_joins_its_original_story() -> None:
    clusterer = StoryClusterer()
    story = add(clusterer, art("o", STRIKE, "2016-08-16"))
    add(clusterer, art("e", QUAKE, "2016-08-16"))
    assert add(clusterer, art("d", QUAKE, "2016-08-16", duplicate_of="o")) == story


def test_arrival_order_keeps_undated_articles_after_their_ingest_neighbour() -> None:
    items = [art("x", "a", "2016-08-17"), art("u", "b"), art("y", "c", "2016-08-15")]
    assert [a.id for a in arrival_order(items)] == ["y", "x", "u"]


def test_undated_article_takes_the_peer_day_its_weekday_names() -> None:
    # 2016-08-16 was a Tuesday, 2016-08-17 a Wednesday.
    peers = [
        art("p1", STRIKE, "2016-08-16", published_source="metadata"),
        art("p2", STRIKE, "2016-08-17", published_source="metadata"),
        art("p3", STRIKE, "2016-08-17", published_source="byline"),
    ]
    undated = art(
        "u", "Jets bombed the bakery in Sakhour on Tuesday, medics said.", flags=["no-date"]
    )
    found = peer_date(undated, [*peers, undated])
    assert found is not None and found.day.isoformat() == "2016-08-16"
    assert found.reason == "weekday"
    assert apply_peer_dates([*peers, undated]) == ["u"]
    assert undated.published == "2016-08-16"
    assert undated.published_source == "peers"
    assert "peer-dated" in undated.flags and "no-date" not in undated.flags


def test_no_date_is_invented_when_peers_disagree_widely() -> None:
    peers = [
        art("p1", STRIKE, "2016-02-01"),
        art("p2", STRIKE, "2016-05-20"),
        art("p3", STRIKE, "2016-09-11"),
    ]
    undated = art("u", "Jets bombed the bakery in Sakhour on Tuesday.", flags=["no-date"])
    assert peer_date(undated, [*peers, undated]) is None
    assert apply_peer_dates([*peers, undated]) == []
    assert undated.published is None and undated.flags == ["no-date"]


def test_one_peers_date_alone_dates_nothing() -> None:
    # A story must not spread one (possibly contested) date: with a lone peer, the article's
    # own words have to point into its window.
    lone = art("p", STRIKE, "2022-01-29", published_source="byline")
    undated = art("u", "Another report on the raids in Sakhour.", flags=["no-date"])
    assert peer_date(undated, [lone, undated]) is None
    named = art("n", "Jets bombed the bakery in Sakhour on Saturday.", flags=["no-date"])
    assert peer_date(named, [lone, named]) is not None  # 2022-01-29 was a Saturday


def test_peer_dates_never_contradict_the_years_the_article_names() -> None:
    # Peers dated from a header's 'today' (2022) must not date a report of 2015.
    peers = [
        art("p1", STRIKE, "2022-01-29", published_source="byline"),
        art("p2", STRIKE, "2022-01-29", published_source="byline"),
    ]
    old = art(
        "u", "The raids of March 2015 hit the bakery in Sakhour, medics said.", flags=["no-date"]
    )
    assert peer_date(old, [*peers, old]) is None
    assert apply_peer_dates([*peers, old]) == []


def test_peer_dating_never_overrides_an_articles_own_date() -> None:
    peers = [art("p1", STRIKE, "2016-08-17"), art("p2", STRIKE, "2016-08-17")]
    own = art("o", STRIKE, "2016-08-12", published_source="byline")
    assert apply_peer_dates([*peers, own]) == []
    assert own.published == "2016-08-12" and own.published_source == "byline"


def test_peer_dates_are_never_chained_from_guessed_dates() -> None:
    guessed = art("g", STRIKE, "2016-08-16", published_source="peers")
    undated = art("u", "Another report on the raids.")
    assert peer_date(undated, [guessed, undated]) is None


FILLER = [
    "Residents of the district queued for bread at the only bakery still open on Monday.",
    "Aid agencies warned that fuel for hospital generators would run out within days.",
    "The United Nations envoy called for a pause in the fighting to let convoys through.",
    "Rebel commanders said they had pushed back an assault on the southern front line.",
    "Schools in the western half of the city stayed closed for a second week running.",
]


def test_near_identical_sentences_collapse_into_one_citing_every_article() -> None:
    lead = "Russian warplanes struck a crowded market in eastern Aleppo on Tuesday morning."
    articles = [
        art("a1", f"{lead} {FILLER[0]} {FILLER[1]}", "2016-08-16", publisher="Wire One"),
        art("a2", f"{lead.replace('crowded', 'busy')} {FILLER[2]}", "2016-08-16"),
        art("a3", f"{lead} {FILLER[3]} {FILLER[4]}", "2016-08-17"),
    ]
    summary = summarize(articles)
    assert len(summary) == 6  # the default size, all six distinct sentences available
    leads = [s for s in summary if "market in eastern Aleppo" in s.text]
    assert len(leads) == 1
    assert sorted(leads[0].sources) == ["a1", "a2", "a3"]
    for sentence in summary:
        assert sentence.sources
        assert any(sentence.text in a.text for a in articles if a.id in sentence.sources)


def test_summary_never_uses_removed_chrome() -> None:
    chrome = "Subscribe to our newsletter for the latest news from the region every morning."
    article = art("a", " ".join(FILLER), "2016-08-16", removed=[chrome])
    assert all(chrome not in s.text for s in summarize([article]))


def test_disputed_claim_is_written_as_two_attributed_accounts() -> None:
    sentence = "The defence ministry said its jets hit only militant depots near the village."
    articles = [
        art("m1", f"{sentence} {FILLER[0]} {FILLER[1]} {FILLER[2]}", "2016-08-16"),
        art("m2", f"{FILLER[3]} {FILLER[4]} The monitor said the raid killed 14 farmers in their fields.",
            "2016-08-16"),
    ]  # fmt: skip
    ministry = Claim(
        "c1", "Russia's defence ministry", "its jets hit only militant depots", "said",
        sources=[Evidence("m1", sentence, 0, len(sentence))],
    )  # fmt: skip
    monitor = Claim(
        "c2", "the Observatory", "the raid killed 14 farmers", "said",
        sources=[Evidence("m2", "The monitor said the raid killed 14 farmers in their fields.", 0, 10)],
    )  # fmt: skip
    dispute = Contradiction("x1", "what the raid hit", [["c1"], ["c2"]], "attribution", "")
    summary = summarize(articles, [ministry, monitor], [dispute])
    contested = [s for s in summary if "Russia's defence ministry said" in s.text]
    assert len(contested) == 1
    assert "the Observatory said the raid killed 14 farmers" in contested[0].text
    assert set(contested[0].sources) == {"m1", "m2"}
    assert all(s.text != sentence for s in summary)


def test_incompatible_casualty_counts_are_attributed_not_stated_as_fact() -> None:
    articles = [
        art("n1", f"An air strike killed 12 civilians in the town of Binnish. {FILLER[0]} {FILLER[1]}",
            "2016-08-16", publisher="Agency A"),
        art("n2", f"An air strike killed 40 civilians in the town of Binnish. {FILLER[2]} {FILLER[3]}",
            "2016-08-16", publisher="Agency B"),
    ]  # fmt: skip
    summary = summarize(articles)
    toll = [s for s in summary if "Binnish" in s.text]
    assert toll, summary
    for sentence in toll:
        assert "12 civilians" in sentence.text and "40 civilians" in sentence.text
        assert (
            "according to Agency" in sentence.text.lower() or "According to Agency" in sentence.text
        )
        assert set(sentence.sources) == {"n1", "n2"}


def test_timeline_from_events_and_from_dated_sentences() -> None:
    articles = [
        art("t1", "Jets bombed the hospital on Monday, doctors said. Nothing else happened here at all.",
            "2016-08-17"),
        art("t2", "The convoy reached the town on 20 August 2016, the Red Crescent said in a statement.",
            "2016-08-21"),
    ]  # fmt: skip
    fallback = build_timeline(articles)
    assert [e.date for e in fallback] == ["2016-08-15", "2016-08-20"]
    assert fallback[0].sources == ["t1"]

    event = Event(
        "ev1", "Explosions/Remote violence", "Air/drone strike", date="2016-08-15",
        sources=[Evidence("t1", "Jets bombed the hospital on Monday, doctors said.", 0, 47)],
    )  # fmt: skip
    undated = Event("ev2", "Battles", "Armed clash")
    timeline = build_timeline(articles, [event, undated])
    assert [(e.date, e.event_ids, e.sources) for e in timeline] == [("2016-08-15", ["ev1"], ["t1"])]


def test_story_record_counts_a_syndication_group_once() -> None:
    articles = [
        art("o1", STRIKE, "2016-08-16", "Russian jets pound eastern Aleppo", syndication_group="g"),
        art("o2", STRIKE, "2016-08-16", "Russian jets pound eastern Aleppo", syndication_group="g"),
        art("o3", " ".join(FILLER), "2016-08-18", "Aleppo bakery queues as raids go on"),
    ]
    story = build_story("story_x", articles)
    assert story.independent_sources == 2
    assert story.date == {"start": "2016-08-16", "end": "2016-08-18"}
    assert story.title == "Russian jets pound eastern Aleppo"
    assert story.summary and all(s.sources for s in story.summary)
