"""Article metadata from scraped pages: headline, outlet, authors and publication date.

Fixtures under tests/fixtures/metadata are hand-written pages: ``.txt`` files are raw scrapes
(no chrome labels, so the heuristics must stand on their own) and ``.tsv`` files carry the
chrome classifier's label for each line (``reason<TAB>text``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean.metadata import (
    Metadata,
    clean_title,
    find_dates,
    merge_html_metadata,
    parse_byline,
    parse_date,
    publisher_from_url,
    text_metadata,
    wire_credit,
)
from storyline.model import Line

FIXTURES = Path(__file__).parent / "fixtures" / "metadata"
KEPT_REASONS = {"body", "title", "byline", "dateline"}


def load(name: str) -> list[Line]:
    path = FIXTURES / name
    rows = path.read_text("utf-8").splitlines()
    if path.suffix == ".tsv":
        lines = []
        for index, row in enumerate(rows):
            reason, text = row.split("\t", 1)
            lines.append(Line(text=text, index=index, keep=reason in KEPT_REASONS, reason=reason))
        return lines
    return [Line(text=text, index=index) for index, text in enumerate(rows)]


def page(*texts: str) -> list[Line]:
    return [Line(text=text, index=index) for index, text in enumerate(texts)]


BODY = (
    "Shelling hit the northern districts of the city overnight, local officials said, "
    "and emergency crews worked through the morning to reach people trapped under rubble."
)


# ---- title -----------------------------------------------------------------------------------


def test_site_name_masthead_is_not_the_title_and_names_the_publisher() -> None:
    meta = text_metadata(load("independent_reprint.txt"))
    assert meta.title == "Rebels shell government district of Aleppo as truce talks stall"
    assert meta.publisher == "The Independent"


def test_teaser_headline_repeated_on_the_page_is_not_the_title() -> None:
    meta = text_metadata(load("duplicated_teaser.txt"))
    assert meta.title == "Ukraine says it shot down 30 Iranian-made drones overnight"


def test_headline_printed_twice_right_above_the_article_is_still_the_headline() -> None:
    meta = text_metadata(load("headline_printed_twice.txt"))
    assert meta.title == "Floods cut off villages in northern Mozambique"
    assert meta.authors == ["Joao Matavel"]
    assert meta.published == "2019-03-03"
    assert meta.published_source == "byline"


def test_breadcrumb_and_section_names_are_skipped() -> None:
    meta = text_metadata(page("Home > World > Africa", "Africa", BODY))
    assert meta.title is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Syrian army pushes into east Aleppo | Reuters", "Syrian army pushes into east Aleppo"),
        ("Syrian army pushes into east Aleppo - BBC News", "Syrian army pushes into east Aleppo"),
        ("Al Jazeera | Syria talks collapse in Geneva", "Syria talks collapse in Geneva"),
        ("Ceasefire holds in Idlib | The Daily Courier", "Ceasefire holds in Idlib"),
        ("Russia strikes Aleppo - again", "Russia strikes Aleppo - again"),
        ("BBC News", None),
        ("example-news.org", None),
    ],
)
def test_clean_title_strips_site_suffixes_only(raw: str, expected: str | None) -> None:
    assert clean_title(raw) == expected


def test_labelled_title_is_used_but_not_when_it_is_the_site_name() -> None:
    lines = [
        Line("Kyiv Post", 0, keep=False, reason="title"),
        Line("Power restored to most of Kharkiv after strikes", 1, reason="title"),
        Line(BODY, 2),
    ]
    assert text_metadata(lines).title == "Power restored to most of Kharkiv after strikes"


# ---- publisher and wire credits --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "publisher"),
    [
        ("https://www.reuters.com/world/middle-east/some-story-idUSKBN1", "Reuters"),
        ("http://news.bbc.co.uk/2/hi/middle_east/123.stm", "BBC News"),
        ("https://www.aljazeera.com/news/2016/10/12/story", "Al Jazeera"),
        ("https://kyivindependent.com/drones-over-odesa/", "Kyiv Independent"),
        ("https://www.premiumtimesng.com/news/headlines/1.html", "Premium Times"),
        ("https://m.some-local-paper.co.uk/news/1", "some-local-paper.co.uk"),
        ("https://www.example-news.org/a/b", "example-news.org"),
        ("not a url", None),
    ],
)
def test_publisher_from_url(url: str, publisher: str | None) -> None:
    assert publisher_from_url(url) == publisher


@pytest.mark.parametrize(
    ("text", "wire"),
    [
        ("BEIRUT, Oct 12 (Reuters) - Syrian forces advanced", "Reuters"),
        ("KYIV, Ukraine (AP) — Russian drones struck", "Associated Press"),
        ("Jane Doe, AFP", "Agence France-Presse"),
        ("By Reuters Staff", "Reuters"),
        ("a report carried by Agence France-Presse", "Agence France-Presse"),
        ("Rescuers search the rubble (AP Photo/Hassan Ammar)", None),
        ("Photo: Reuters/Omar Sanadiki", None),
        ("By Jane Doe", None),
    ],
)
def test_wire_credit_ignores_photo_credits(text: str, wire: str | None) -> None:
    assert wire_credit(text) == wire


def test_wire_credit_on_a_reprint_keeps_the_site_as_publisher() -> None:
    meta = text_metadata(load("independent_reprint.txt"))
    assert meta.publisher == "The Independent"
    assert meta.wire == "Agence France-Presse"
    assert "Agence France-Presse" in meta.evidence["wire"]
    assert meta.authors == []


def test_wire_story_without_site_chrome_is_credited_to_the_wire() -> None:
    meta = text_metadata(
        page(
            "Rebels shell government district of Aleppo",
            "ALEPPO, Syria (AFP) - " + BODY,
        )
    )
    assert meta.publisher == "Agence France-Presse"
    assert meta.wire == "Agence France-Presse"


def test_known_domain_wins_over_a_wire_credit() -> None:
    meta = text_metadata(load("reuters_dateline.txt"), url="https://www.reuters.com/article/x")
    assert meta.publisher == "Reuters"
    assert meta.wire == "Reuters"
    assert meta.title == "Syrian army pushes into rebel-held east Aleppo"


def test_copyright_line_names_an_unknown_outlet_matching_its_domain() -> None:
    lines = page("Clashes resume on the northern front line", BODY, "© 2021 Frontline Daily Ltd.")
    meta = text_metadata(lines, url="https://www.frontlinedaily.net/clashes")
    assert meta.publisher == "Frontline Daily"
    unrelated = text_metadata(lines, url="https://www.other-site.com/a")
    assert unrelated.publisher == "other-site.com"


# ---- authors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe, John Roe and Sam Poe", ["Jane Doe", "John Roe", "Sam Poe"]),
        ("Jane Doe, Reuters", ["Jane Doe"]),
        ("Written by Mariam al-Hassan in Beirut", ["Mariam al-Hassan"]),
        ("Author: JOHN SMITH", ["John Smith"]),
        ("By Jane Doe, Middle East correspondent | 12 October 2015", ["Jane Doe"]),
        ("By Jane Doe, BBC News, Kyiv", ["Jane Doe"]),
        ("By AFP", []),
        ("By Staff Reporter", []),
        ("By Tuesday evening, forces had reached the outskirts", []),
    ],
)
def test_parse_byline_returns_people_only(byline: str, names: list[str]) -> None:
    assert parse_byline(byline) == names


def test_multi_author_byline_on_a_page() -> None:
    meta = text_metadata(load("duplicated_teaser.txt"))
    assert meta.authors == ["Olena Kovalenko", "Mark Hughes"]
    assert meta.evidence["authors"] == "By Olena Kovalenko and Mark Hughes"


def test_agency_reporting_credit_gives_authors_when_there_is_no_byline() -> None:
    meta = text_metadata(load("reuters_dateline.txt"), fetched="2016-10-20")
    assert meta.authors == ["Jane Doe", "Tom Perry"]


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    meta = text_metadata(
        page("Army reaches outskirts of Raqqa", "By Tuesday evening, forces had advanced. " + BODY)
    )
    assert meta.authors == []


# ---- published date --------------------------------------------------------------------------


def test_reuters_dateline_takes_its_year_from_the_crawl_date() -> None:
    meta = text_metadata(load("reuters_dateline.txt"), fetched="2016-10-20T08:00:00Z")
    assert meta.published == "2016-10-12"
    assert meta.published_source == "byline"
    assert meta.evidence["published"].startswith("BEIRUT, Oct 12 (Reuters)")


def test_dateline_without_year_and_nothing_to_anchor_it_gives_no_date() -> None:
    meta = text_metadata(load("reuters_dateline.txt"))
    assert meta.published is None
    assert meta.published_source is None
    assert "no-date" in meta.flags


def test_header_today_date_above_the_menu_is_not_the_publication_date() -> None:
    meta = text_metadata(load("header_date_first.txt"), fetched="2016-11-22")
    assert meta.published == "2016-10-12"
    assert meta.published_source == "byline"
    assert meta.title == "Government forces recapture hill overlooking Palmyra"


def test_header_date_beside_the_title_loses_to_the_date_the_text_fits() -> None:
    meta = text_metadata(load("header_date_beside_title.txt"))
    assert meta.published == "2016-10-12"
    assert meta.published_source == "byline"


def test_article_date_before_a_labelled_header_strip_wins() -> None:
    meta = text_metadata(load("article_date_then_header_strip.tsv"))
    assert meta.published == "2016-10-12"
    assert meta.published_source == "byline"


def test_lone_header_date_is_not_the_date_and_body_dates_are_only_evidence() -> None:
    meta = text_metadata(load("header_date_only.txt"))
    # The header says 22 November (the site's today); the text speaks of Monday, October 10:
    # an event's date, not the publication's. Unsure, so no date, with the evidence kept.
    assert meta.published is None
    assert "no-date" in meta.flags


def test_labelled_header_date_anchors_the_year_of_a_dateline() -> None:
    meta = text_metadata(load("labelled_header_dateline.tsv"))
    assert meta.published == "2016-10-12"
    assert meta.published_source == "byline"
    assert meta.wire == "SANA"


def test_date_after_the_crawl_is_rejected() -> None:
    lines = page("Ceasefire announced in Idlib", "Tuesday, 22 November 2016", BODY)
    assert text_metadata(lines).published == "2016-11-22"
    later = text_metadata(lines, fetched="2016-10-30")
    assert later.published is None
    assert "no-date" in later.flags


def test_undated_page_gets_no_date_flag() -> None:
    meta = text_metadata(load("undated.txt"))
    assert meta.published is None
    assert meta.published_source is None
    assert meta.flags == ["no-date"]
    assert meta.title == "Aid convoy reaches besieged town after weeks of delay"
    assert meta.authors == ["Sara Mansour"]


def test_text_dates_are_evidence_not_the_date_and_skip_announced_future_dates() -> None:
    meta = text_metadata(
        page(
            "Election date set in Libya",
            "The commission said on 3 March 2021 that the vote would take place, and that "
            "registration would stay open until 24 December 2021 for voters abroad.",
        )
    )
    assert meta.published is None
    assert "3 March 2021" in meta.evidence["published_unsure"]


def test_find_dates_does_not_guess_ambiguous_or_lowercase_forms() -> None:
    assert find_dates("on 03/04/2015") == []
    assert find_dates("forces may 12 times") == []
    assert [m.year for m in find_dates("Published 2015-10-12T10:00:00Z")] == [2015]
    assert find_dates("on Monday, October 5")[0].year is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-10-12", "2015-10-12"),
        ("2015-10-12T22:10:00+03:00", "2015-10-12"),
        ("Mon, 12 Oct 2015 10:00:00 GMT", "2015-10-12"),
        ("October 12, 2015", "2015-10-12"),
        ("yesterday", None),
        ("Tuesday", None),
        ("Oct 12", None),
        ("soon", None),
    ],
)
def test_parse_date_accepts_only_full_dates(value: str, expected: str | None) -> None:
    parsed = parse_date(value)
    assert (parsed.isoformat() if parsed else None) == expected


# ---- supplied values -------------------------------------------------------------------------


def test_supplied_values_win_over_the_page() -> None:
    supplied = {
        "title": "Aid convoy enters Madaya | Example Wire",
        "published": "2016-01-11",
        "publisher": "reuters.com",
        "authors": ["Jane Doe", "AFP"],
    }
    meta = text_metadata(load("header_date_first.txt"), supplied=supplied)
    assert meta.title == "Aid convoy enters Madaya"
    assert meta.published == "2016-01-11"
    assert meta.published_source == "metadata"
    assert meta.publisher == "Reuters"
    assert meta.authors == ["Jane Doe"]


def test_supplied_date_that_does_not_parse_is_flagged_and_the_page_is_read() -> None:
    meta = text_metadata(
        load("header_date_first.txt"), supplied={"published": "last week", "title": "BBC News"}
    )
    assert meta.published == "2016-10-12"
    assert meta.published_source == "byline"
    assert "supplied-date-rejected" in meta.flags
    assert meta.title == "Government forces recapture hill overlooking Palmyra"


def test_supplied_date_after_the_crawl_is_rejected() -> None:
    meta = text_metadata(
        page("Ceasefire talks", BODY), supplied={"published": "2030-01-01"}, fetched="2016-10-30"
    )
    assert meta.published is None
    assert {"supplied-date-rejected", "no-date"} <= set(meta.flags)


# ---- HTML ------------------------------------------------------------------------------------


def test_html_fields_used_when_they_hold_up() -> None:
    fields = {
        "title": "Floods cut off villages in Cabo Delgado - Example Herald",
        "authors": "Joao Matavel; Ana Sitoe",
        "published": "2019-03-03T09:00:00",
        "sitename": "Example Herald",
    }
    meta = merge_html_metadata(
        fields,
        [BODY],
        url="https://www.exampleherald.co.mz/floods",
        supplied=None,
        fetched="2019-03-05",
    )
    assert meta.title == "Floods cut off villages in Cabo Delgado"
    assert meta.authors == ["Joao Matavel", "Ana Sitoe"]
    assert meta.published == "2019-03-03"
    assert meta.published_source == "metadata"
    assert meta.publisher == "Example Herald"
    assert meta.flags == []


def test_html_site_name_title_and_future_date_fall_back_to_the_text() -> None:
    lines = ["Menu", "Floods cut off villages in northern Mozambique", "Posted: 3 March 2019", BODY]
    fields = {"title": "Al Jazeera", "published": "2019-04-01", "sitename": "Al Jazeera"}
    meta = merge_html_metadata(
        fields, lines, url="https://www.aljazeera.com/news/x", supplied=None, fetched="2019-03-05"
    )
    assert meta.title == "Floods cut off villages in northern Mozambique"
    assert meta.publisher == "Al Jazeera"
    assert meta.published == "2019-03-03"
    assert meta.published_source == "byline"
    assert "html-date-rejected" in meta.flags


def test_html_page_without_any_date_is_flagged() -> None:
    meta = merge_html_metadata({}, [BODY], url=None, supplied=None, fetched=None)
    assert isinstance(meta, Metadata)
    assert meta.published is None
    assert meta.flags == ["no-date"]


def test_date_in_the_url_path_beats_dates_in_the_text() -> None:
    lines = page("Ceasefire talks resume", "The talks were adjourned on 3 March 2021. " + BODY)
    meta = text_metadata(lines, url="https://example-news.org/2021/03/09/ceasefire-talks-resume")
    assert meta.published == "2021-03-09"
    assert meta.published_source == "metadata"
    assert text_metadata(lines).published is None  # a body date is an event's, not the page's


def test_url_slug_picks_the_headline_among_promos_and_captions() -> None:
    lines = page(
        "Drone strikes hit power grid across Ukraine",
        "Join our community of readers",
        "Rescuers at the scene of the strike. Photo: Jane Doe/AFP",
        BODY,
    )
    url = "https://example-news.org/world/drone-strikes-hit-power-grid-across-ukraine"
    assert text_metadata(lines, url=url).title == "Drone strikes hit power grid across Ukraine"


# ---- through the chrome classifier


CHROME_FIXTURES = Path(__file__).parent / "fixtures" / "chrome"


def _classified_metadata(text: str) -> Metadata:
    from storyline.clean.text import strip_chrome

    return text_metadata(strip_chrome(text).lines)


def test_scrape_metadata_through_the_classifier() -> None:
    """Headline after a breadcrumb, masthead named again in the footer, 'Posted by' byline."""
    import json

    text = (CHROME_FIXTURES / "market_shelling.txt").read_text("utf-8")
    expected = json.loads((CHROME_FIXTURES / "market_shelling.json").read_text("utf-8"))
    meta = _classified_metadata(text)
    assert meta.title == expected["metadata"]["title"]
    assert meta.publisher == expected["metadata"]["publisher"]
    assert meta.authors == expected["metadata"]["authors"]
    assert str(meta.published) == expected["metadata"]["published"]


def _page(masthead: str, footer: str) -> str:
    paragraph = (
        "Government troops and rebel fighters exchanged fire overnight on the outskirts of the "
        "town, residents said, and several houses near the main road were set alight."
    )
    return "\n".join(
        [
            masthead,
            "Home",
            "World",
            "Fighting flares on the outskirts of the town overnight",
            "By Lina Sabri",
            paragraph,
            paragraph.replace("overnight", "on Sunday"),
            "Share",
            footer,
        ]
    )


def test_masthead_is_the_publisher_only_when_the_page_names_it_again() -> None:
    named = _classified_metadata(_page("DESERT COURIER", "Desert Courier © 2023"))
    assert named.publisher == "Desert Courier"
    mentioned = _classified_metadata(
        _page("Desert Courier", "Keep Desert Courier free: give what you can.")
    )
    assert mentioned.publisher == "Desert Courier"
    lone = _classified_metadata(_page("Desert Courier", "Privacy policy"))
    assert lone.publisher is None


def test_posted_by_byline_drops_the_date_and_its_preposition() -> None:
    assert parse_byline("Posted by Nadia Karam on 30 September 2015 21:40") == ["Nadia Karam"]
    assert parse_byline("Posted by Nadia Karam at 21:40") == ["Nadia Karam"]


def test_html_byline_date_beats_a_markup_date_that_disagrees() -> None:
    lines = ["Menu", "Floods cut off villages in northern Mozambique", "Posted: 3 March 2019", BODY]
    fields = {"title": "Floods cut off villages", "published": "2019-03-01"}
    meta = merge_html_metadata(fields, lines, url=None, supplied=None, fetched=None)
    assert (meta.published, meta.published_source) == ("2019-03-03", "byline")
    assert meta.evidence["html_published"] == "2019-03-01"
