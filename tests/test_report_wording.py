"""What a reader sees reads right: areas are not map points, titles are short, timeline lines
are sentences, plurals agree, badges sit on the right article, and summaries quote no spun
rewrite and open with no pronoun nobody introduced."""

from __future__ import annotations

from pathlib import Path

from storyline.model import Article, Claim, Evidence
from storyline.report.geo import PlaceKinds, area_list, event_points, is_area
from storyline.report.html import make_environment, render_report
from storyline.report.view import build_report_model, copies_of
from storyline.report.wording import day_label, plural, sentence, short_title
from storyline.stories.readable import claim_sentence, past_tense, summary_pool
from storyline.stories.sentences import split_sentences
from storyline.stories.timeline import build_timeline
from test_report_fixtures import open_populated


def _event(**location: object) -> dict:
    return {"id": "evt_x", "event_type": "Battles", "locations": [dict(location)]}


def test_country_and_province_centroids_are_areas_not_points() -> None:
    town = {"name": "Talbiseh", "lat": 34.84, "lon": 36.73, "feature": "city"}
    assert len(event_points(_event(**town))) == 1
    assert event_points(_event(name="Russia", lat=61.5, lon=105.3, feature="country")) == []
    assert event_points(_event(name="Kordofan", lat=13.8, lon=30.8, geo_precision=3)) == []
    # no feature of its own: the geoparser's place row at the same point decides
    kinds = PlaceKinds.from_rows([("Idlib", 35.8, 36.6, "admin1"), ("Idlib", 35.93, 36.63, "city")])
    assert is_area({"name": "Idlib", "lat": 35.8, "lon": 36.6}, kinds)
    assert not is_area({"name": "Idlib", "lat": 35.93, "lon": 36.63}, kinds)
    areas = area_list([_event(name="Russia", lat=61.5, lon=105.3, feature="country")])
    assert areas == [{"name": "Russia", "events": 1}]


def test_report_lists_areas_beside_the_map_and_draws_only_towns(tmp_path: Path) -> None:
    store = open_populated(str(tmp_path / "r.db"))
    model = build_report_model(store)
    assert {p["name"] for p in model.points} == {"Kharkiv", "Idlib", "<!--Latakia"}
    assert model.areas == [{"name": "Syria", "events": 1}]
    html = render_report(store)
    assert "Placed only in an area" in html and 'Syria <span class="muted">(1 event)' in html


def test_counts_are_written_with_agreeing_plurals_and_peer_dated_once(tmp_path: Path) -> None:
    html = render_report(open_populated(str(tmp_path / "r.db")))
    assert "1 articles" not in html and "1 independent sources" not in html
    assert "1 article · 1 independent source · 2 events" in html
    # an article dated from its peers carries the flag and the source: one badge, not two
    dated = Article(id="art_p", input="p", text="t", flags=["peer-dated"], published_source="peers")
    badges = make_environment().from_string('{% import "_macros.html" as m %}{{ m.flags(a, {}) }}')
    assert badges.render(a=dated).count(">peer-dated<") == 1
    assert plural(1, "event", "events") == "1 event" and plural(0, "event", "events") == "0 events"


def test_copy_badge_goes_on_the_later_published_copy() -> None:
    original = Article(id="art_a", input="a", text="t", published="2015-09-30")
    copy = Article(id="art_b", input="b", text="t", published="2015-10-01")
    # deduplication saw the later page first and marked the earlier one as the copy
    original.duplicate_of = "art_b"
    assert copies_of([copy, original]) == {"art_b": "art_a"}


def test_long_titles_are_cut_at_a_clause_boundary() -> None:
    long = (
        "Turkey summoned Russia's ambassador in Ankara on Monday to protest after a Russian "
        "warplane crossed into Turkish airspace near the Syrian border on Saturday."
    )
    assert short_title(long) == "Turkey summoned Russia's ambassador in Ankara on Monday to protest"
    assert short_title("Iran confirms it lets Russian bombers use Hamadan air base") == (
        "Iran confirms it lets Russian bombers use Hamadan air base"
    )
    # a headline's attribution is never cut off: the title would state a claim as fact
    attributed = "Russian air strikes kill dozens near Homs on first day of campaign, activists say"
    assert short_title(attributed) == attributed
    no_break = " ".join(f"word{i}" for i in range(30))
    assert short_title(no_break).endswith("…") and len(short_title(no_break).split()) == 12


def test_timeline_lines_are_sentences() -> None:
    assert day_label("2015-09-30") == "30 Sep 2015"
    assert day_label({"start": "2016-08-16", "end": "2016-08-18"}) == "16–18 Aug 2016"
    assert sentence("BEIRUT, Oct 1 (AFP) - Russian warplanes struck Idlib") == (
        "Russian warplanes struck Idlib."
    )
    assert sentence("PARIS — French President François Hollande told Putin.").startswith("French")
    assert past_tense("confirm") == "confirmed" and past_tense("deny") == "denied"
    assert past_tense("say") == "said" and past_tense("tell") == "told"
    claim = Claim("c1", "Iran", "it was allowing Russian warplanes to use an air base", "confirm")
    assert claim_sentence(claim) == (
        "Iran confirmed that it was allowing Russian warplanes to use an air base."
    )
    according = Claim("c2", "Moscow", "Russian jets struck targets in Aleppo", "according to")
    assert (
        claim_sentence(according) == "According to Moscow, Russian jets struck targets in Aleppo."
    )


def test_timeline_tells_a_claim_in_the_reporters_sentence_not_glued_text() -> None:
    text = "Iran confirmed on Tuesday that it was letting Russian bombers use the Hamadan base."
    article = Article(id="art_1", input="x", text=text, published="2016-08-16")
    claim = Claim(
        "clm_1",
        "Iran",
        "it was letting Russian bombers use the Hamadan base",
        "confirm",
        sources=[Evidence("art_1", text, 0, len(text))],
    )
    entries = build_timeline([article], events=None, claims=[claim])
    texts = [entry.text for entry in entries]
    assert text in texts and not any("confirm:" in t for t in texts)


def _article(article_id: str, text: str, flags: list[str] | None = None) -> Article:
    return Article(id=article_id, input=article_id, text=text, flags=flags or [])


def test_summary_pool_drops_spun_rewrites_and_pronoun_openers() -> None:
    original = _article(
        "art_o",
        "Russian warplanes carried out their first air strikes in Syria on Wednesday. "
        "It counted at least twelve civilian deaths over two days in the province.",
    )
    spun = _article(
        "art_s",
        "The Russian Federation's warplanes conducted their initial air raids in Syria on "
        "Wednesday morning.",
        ["spun"],
    )
    articles = [original, spun]
    pool = summary_pool(articles, [s for a in articles for s in split_sentences(a)])
    assert [s.text for s in pool] == [
        "Russian warplanes carried out their first air strikes in Syria on Wednesday."
    ]
    # alone in its story, a spun rewrite is still summarised rather than leaving nothing
    alone = summary_pool([spun], split_sentences(spun))
    assert len(alone) == 1


def test_report_timeline_lines_read_as_dated_sentences(tmp_path: Path) -> None:
    html = render_report(open_populated(str(tmp_path / "r.db")))
    assert "<li><b>5 Sep 2022</b> — Market shelled.</li>" in html
