"""The plain-text chrome classifier keeps the article and drops every kind of page chrome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.clean.text import classify_lines, strip_chrome
from storyline.eval.chrome import label_lines, normalise

FIXTURES = Path(__file__).parent / "fixtures" / "chrome"
SCRAPES = sorted(path.stem for path in FIXTURES.glob("*.txt"))
# Reasons a metadata stage relies on, so they must be exact, not just "dropped".
METADATA_REASONS = {"title", "byline", "dateline"}


def _load(name: str) -> tuple[str, dict]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


def test_fixtures_exist() -> None:
    assert len(SCRAPES) >= 2


@pytest.mark.parametrize("name", SCRAPES)
def test_body_lines_are_kept_in_order(name: str) -> None:
    text, expected = _load(name)
    result = strip_chrome(text)
    assert result.body.split("\n") == expected["body"]


@pytest.mark.parametrize("name", SCRAPES)
def test_every_chrome_kind_is_dropped(name: str) -> None:
    text, expected = _load(name)
    verdicts = {line.text: line for line in strip_chrome(text).lines}
    for kind, lines in expected["chrome"].items():
        for line in lines:
            assert not verdicts[line].keep, f"{kind} line kept: {line!r}"
            if kind in METADATA_REASONS:
                assert verdicts[line].reason == kind, line


@pytest.mark.parametrize("name", SCRAPES)
def test_title_is_marked_for_metadata_and_left_out_of_body(name: str) -> None:
    text, expected = _load(name)
    result = strip_chrome(text)
    titles = [line.text for line in result.lines if line.reason == "title"]
    assert titles == [expected["title"]]
    assert expected["title"] not in result.body
    assert expected["title"] in result.removed


def test_chrome_kinds_get_their_own_reasons() -> None:
    text, _ = _load("airstrike_report")
    reasons = {line.text: line.reason for line in strip_chrome(text).lines}
    assert reasons["Advertisement"] == "advertisement"
    assert reasons["Leave a reply"] == "comments"
    assert reasons["Donate now"] == "donation"
    assert reasons["Celebrity chef opens floating restaurant on Lake Geneva"] == "related-headline"
    assert reasons["Home > World > Europe > Ukraine"] == "breadcrumb"
    assert reasons["Kharkiv 4°C"] == "weather"
    assert reasons["Powered by NewsPress"] == "footer"


def test_scores_separate_body_from_chrome() -> None:
    text, expected = _load("airstrike_report")
    lines = strip_chrome(text).lines
    body_scores = [line.score for line in lines if line.keep]
    chrome_scores = [line.score for line in lines if not line.keep]
    assert min(body_scores) > max(chrome_scores)
    assert len(body_scores) == len(expected["body"])


def test_prose_about_donations_and_cookies_is_not_chrome() -> None:
    lines = [
        "Aid groups said donations of blankets and food had reached families sheltering in "
        "schools after the shelling, but warned that supplies would run out within days.",
        "Bakers in the besieged town handed out cookies to children queuing for water on "
        "Saturday, a local official said, describing the mood as tense but calm.",
        "The United Nations said the newsletter it distributes to displaced people had been "
        "suspended because printing presses in the city had no electricity.",
    ]
    assert all(line.keep for line in classify_lines(lines))


def test_short_subheading_between_paragraphs_is_kept() -> None:
    paragraph = (
        "The ministry said that the convoy had been stopped at a checkpoint for several hours "
        "before it was allowed to continue towards the city, where it arrived after dark."
    )
    verdicts = classify_lines([paragraph, "What happens next", paragraph + " Officials agreed."])
    assert [v.keep for v in verdicts] == [True, True, True]


def test_empty_and_chrome_only_pages() -> None:
    assert strip_chrome("").body == ""
    result = strip_chrome("Home\nNews\nShare\nAdvertisement\n© 2024 Example Media\n")
    assert result.body == ""
    assert len(result.removed) == 5


def test_eval_labels_follow_segment_containment() -> None:
    lines = ["Rescue crews  searched the rubble through the night.", "Impressum", "Menu"]
    labels = label_lines(lines, ["rescue crews searched the rubble"], ["impressum"])
    assert labels == [True, False, None]
    assert normalise("„Quote“ – Text\u00a0here") == '"quote" - text here'


def test_first_use_does_not_import_spacy() -> None:
    """Every worker pays the first call; spaCy's language modules cost seconds to import."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from storyline.clean.text import strip_chrome\n"
        "strip_chrome('Home\\nThe army said the shelling of the town went on all night.')\n"
        "assert not any(name.startswith('spacy') for name in sys.modules), 'spacy imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)


def test_shipped_scorer_matches_the_feature_set() -> None:
    """Stale weights silently fall back to the rules; a feature change must come with a refit."""
    from storyline.clean.text import LINE_FEATURE_NAMES, _load_scorer, page_features

    scorer = _load_scorer()
    assert scorer is not None
    rows = page_features(["Home", "The army said the town was shelled all night, and many fled."])
    assert all(len(row) == len(LINE_FEATURE_NAMES) for row in rows)
    probabilities = scorer.probabilities(rows)
    assert all(0.0 <= p <= 1.0 for p in probabilities)


def test_dated_credit_under_the_headline_is_the_dateline() -> None:
    paragraph = (
        "Rescue teams said on Monday that the flood waters had begun to recede in the north of "
        "the province, but that thousands of families were still sleeping in schools."
    )
    lines = [
        "Home",
        "World",
        "Floods leave thousands sleeping in schools as waters recede",
        "Staff reporter / 03.06.2024 07:45",
        paragraph,
        paragraph.replace("Monday", "Tuesday"),
    ]
    reasons = [line.reason for line in classify_lines(lines)]
    assert reasons[2:4] == ["title", "dateline"]


def test_menu_heading_above_the_article_does_not_swallow_the_headline() -> None:
    text, expected = _load("market_shelling")
    reasons = {line.text: line.reason for line in strip_chrome(text).lines}
    assert reasons["Latest"] != "body"
    assert reasons[expected["title"]] == "title"


def test_eval_segments_match_whole_words_only() -> None:
    from storyline.eval.chrome import contains_words

    assert contains_words("the mission ended", "mission")
    assert not contains_words("cut emissions by 2030", "mission")
    assert not contains_words("sich zu überlegen", "über")
    assert contains_words("© 2019 example", "© 2019")
    labels = label_lines(["Emissions fell sharply last year.", "Über uns"], ["mission"], ["über"])
    assert labels == [None, False]
