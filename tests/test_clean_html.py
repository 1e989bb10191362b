"""HTML extraction keeps the story, reports the chrome it cut, and never raises on junk."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean.html import HtmlExtraction, extract_html, recover_split_body, strip_chrome
from storyline.clean.render import parse_html
from storyline.eval.shingles import aggregate, score_document, shingles

FIXTURES = Path(__file__).parent / "fixtures" / "html"
URL = "https://frontline.example/world/drone-strike-grain-depot"
PUBLISHED_META = '<meta property="article:published_time" content="2023-03-14T08:30:00+00:00">'
ARTICLE_TIME = '&middot; <time datetime="2023-03-14">14 March 2023</time>'


@pytest.fixture(scope="module")
def page() -> str:
    return (FIXTURES / "conflict_article.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def extraction(page: str) -> HtmlExtraction:
    return extract_html(page, url=URL)


def test_article_paragraphs_are_kept_in_order(extraction: HtmlExtraction) -> None:
    assert extraction.ok and extraction.problem is None
    lines = extraction.text.split("\n")
    assert lines[0].startswith("A drone struck a grain storage depot")
    assert any(line.startswith("Moscow did not comment") for line in lines)
    assert lines[-1].startswith("The United Nations has warned")


@pytest.mark.parametrize(
    "chrome",
    [
        "World",
        "Share Facebook Twitter Email",
        "Advertisement",
        "Support independent journalism from the front line.",
        "Sign up for our daily briefing newsletter",
        "Power cuts return to Mykolaiv after substation hit",
        "12 comments",
        "Join the conversation.",
        "All rights reserved",
        "Friday, 2 June 2023",
    ],
)
def test_chrome_is_cut_from_body_and_listed_as_removed(
    extraction: HtmlExtraction, chrome: str
) -> None:
    assert chrome not in extraction.text
    assert any(chrome in line for line in extraction.removed)


def test_body_lines_are_not_reported_as_removed(extraction: HtmlExtraction) -> None:
    for line in extraction.text.split("\n"):
        assert line not in extraction.removed


def test_metadata_fields(extraction: HtmlExtraction) -> None:
    assert extraction.title == "Drone strike hits grain depot outside Kherson"
    assert extraction.sitename == "Frontline Dispatch"
    assert extraction.authors == ["Marta Kowalczyk"]
    assert extraction.language == "en"


def test_date_comes_from_metadata_not_the_masthead(extraction: HtmlExtraction) -> None:
    assert extraction.published == "2023-03-14"
    assert extraction.published_source == "metadata"


def test_date_falls_back_to_the_article_time_element(page: str) -> None:
    result = extract_html(page.replace(PUBLISHED_META, ""), url=URL)
    assert result.published == "2023-03-14"


def test_masthead_today_date_is_never_the_publication_date(page: str) -> None:
    bare = page.replace(PUBLISHED_META, "").replace(ARTICLE_TIME, "")
    result = extract_html(bare, url=URL)
    assert result.ok
    assert result.published != "2023-06-02"
    if result.published is None:
        assert result.published_source is None


def test_title_is_the_headline_when_title_tag_holds_only_the_site_name(page: str) -> None:
    only_site = page.replace(
        "<title>Drone strike hits grain depot outside Kherson | Frontline Dispatch</title>",
        "<title>Frontline Dispatch</title>",
    ).replace(
        '<meta property="og:title" content="Drone strike hits grain depot outside Kherson">', ""
    )
    result = extract_html(only_site, url=URL)
    assert result.title == "Drone strike hits grain depot outside Kherson"


@pytest.mark.parametrize(
    ("markup", "problem"),
    [
        ("", "empty input"),
        ("   \n\t ", "empty input"),
        ("<html><head><title>Nothing here</title></head></html>", "no body"),
        ("<html><body><script>var x = 1;</script></body></html>", "no body"),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no body"),
    ],
)
def test_pages_without_a_body_are_reported_not_raised(markup: str, problem: str) -> None:
    result = extract_html(markup)
    assert result.ok is False
    assert result.problem == problem
    assert result.text == "" or len(result.text) < 40


@pytest.mark.parametrize(
    "junk",
    [
        b"\xff\xfe\x00\x00\x81garbage\x00",
        "\x00\x01\x02<<<>>>&&&;;",
        "<?xml version='1.0' encoding='utf-8'?><rss><channel></channel></rss>",
        "<div" * 2000,
    ],
)
def test_junk_never_raises(junk: str | bytes) -> None:
    result = extract_html(junk)  # type: ignore[arg-type]
    assert isinstance(result, HtmlExtraction)
    assert result.ok is False
    assert result.problem


def test_strip_chrome_drops_headline_and_adjacent_repeated_caption() -> None:
    text = "\n".join(
        [
            "Ceasefire talks stall in Doha",
            "Negotiators left the talks on Sunday without an agreement on prisoner exchanges.",
            "Delegates leave the venue on Sunday.",
            "Delegates leave the venue on Sunday.",
            "Advertisement",
            "READ MORE: Aid convoys wait at the border crossing",
            "Mediators said they would try again next week.",
        ]
    )
    cleaned = strip_chrome(text, title="Ceasefire talks stall in Doha").split("\n")
    assert cleaned == [
        "Negotiators left the talks on Sunday without an agreement on prisoner exchanges.",
        "Delegates leave the venue on Sunday.",
        "Mediators said they would try again next week.",
    ]


def test_strip_chrome_keeps_questions_repeated_far_apart() -> None:
    # An interview series asks every guest the same question; those repeats are content.
    text = "\n".join(
        [
            "What did you see that morning?",
            "Smoke over the market and people running towards the river.",
            "We heard the sirens only after the first explosion.",
            "What did you see that morning?",
            "Nothing at first, the power had been cut overnight.",
        ]
    )
    assert strip_chrome(text) == text


def test_recover_split_body_adds_paragraphs_from_twin_chunks() -> None:
    first = (
        "The shelling began shortly after dawn and lasted for most of the morning, witnesses said."
    )
    second = "By the afternoon the town's only hospital had moved its patients into the basement."
    teaser = "Other news from the region, collected for you by our editors every single day."
    markup = f"""<html><body><article>
      <div class="chunk"><div class="text"><p>{first}</p></div></div>
      <div class="ad">Advertisement</div>
      <div class="chunk"><div class="text"><p>{second}</p></div>
        <div class="promo"><p>{teaser}</p></div></div>
    </article></body></html>"""
    tree = parse_html(markup)
    assert tree is not None
    recovered = recover_split_body(tree, first).split("\n")
    assert recovered == [first, second]


def test_shingle_scorer_counts_multisets_and_short_texts() -> None:
    assert shingles("one two three") == {("one", "two", "three"): 1}
    perfect = score_document("a b c d e f", "a b c d e f")
    assert perfect.precision == perfect.recall == 1.0 and perfect.exact
    half = score_document("a b c d e", "a b c d x y z w")
    assert half.tp == pytest.approx(1 / 6)  # 1 shared shingle, 4 extra, 1 missing
    assert half.recall == pytest.approx(0.5)
    missing = score_document("a b c d", "")
    assert not missing.has_prediction and missing.recall == 0.0
    summary = aggregate([perfect, half, missing])
    assert summary.precision == pytest.approx((1.0 + 0.2) / 2)
    assert summary.recall == pytest.approx((1.0 + 0.5 + 0.0) / 3)
    assert summary.accuracy == pytest.approx(1 / 3)
