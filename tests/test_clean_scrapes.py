"""Copied browser pages (the visible text, chrome included) read through the .txt path.

Each test is one failure the scrapes issue names, on a hand-written page in the style of the
real one: the title, date, publisher, wire and authors a reader would take from the page.
"""

from __future__ import annotations

import json

from storyline.clean.document import clean_document
from storyline.ingest.readers import READERS
from storyline.model import Article

BODY = (
    "The river rose two metres overnight and water reached the market square, where traders "
    "had moved their stock to upper floors before dawn, the city council said.\n"
    "Firefighters pumped out cellars along the canal while the mayor opened the school gym to "
    "families whose ground floors were under water, and volunteers handed out blankets.\n"
    "Forecasters expect the water to fall slowly over the weekend as the rain eases, although "
    "another band of storms could reach the valley by the middle of next week.\n"
)


def read(text: str, url: str | None = None) -> Article:
    header = f"URL: {url}\n\n" if url else ""
    result = READERS["txt"]("page.txt", (header + text).encode("utf-8"))
    article = clean_document(result.documents[0])
    assert isinstance(article, Article), article
    return article


MENU = "Home\nNews\nWorld\nBusiness\nSport\nCulture\nWeather\n"


def test_a_headline_printed_twice_is_the_title() -> None:
    page = (
        MENU + "Floods reach the old town of Brenville\nShare\n"
        "Floods reach the old town of Brenville\nBy Jana Roth\nMarch 4, 2021\n" + BODY
    )
    assert read(page).title == "Floods reach the old town of Brenville"


def test_a_headline_the_chrome_classifier_takes_for_a_menu_entry_is_still_the_title() -> None:
    page = MENU + "Floods reach the old town of Brenville\nBy Jana Roth\nMarch 4, 2021\n" + BODY
    assert read(page).title == "Floods reach the old town of Brenville"


def test_a_dateline_or_a_share_bar_between_headline_and_body_is_not_the_title() -> None:
    page = (
        MENU + "Floods reach the old town of Brenville\n"
        "3/4/2021 7:11 AM PST BY VALLEY STAFF\n"
        "Continue reading the main story Share This Page\n" + BODY
    )
    assert read(page).title == "Floods reach the old town of Brenville"


def test_a_caption_under_the_byline_is_never_the_title() -> None:
    page = (
        MENU + "Floods reach the old town of Brenville\nBy Jana Roth\n"
        "Rescuers carry a woman through the flooded square. Photo: Ali Berg/Valley Post\n" + BODY
    )
    assert read(page).title == "Floods reach the old town of Brenville"


def test_published_line_with_a_time_and_zone_is_the_date() -> None:
    page = (
        MENU + "Floods reach the old town of Brenville\nBy Jana Roth\n"
        "Published November 2, 2023 10:12am EDT\n" + BODY
    )
    article = read(page)
    assert article.published == "2023-11-02"
    assert article.published_source == "byline"


def test_published_and_updated_dates_are_told_apart() -> None:
    page = (
        MENU + "Floods reach the old town of Brenville\nBy Jana Roth\n"
        "Dec 16, 2007 18:22 | Updated Dec 17, 2007\n" + BODY
    )
    assert read(page).published == "2007-12-16"


def test_an_updated_date_alone_is_not_the_publication_date() -> None:
    page = (
        MENU + "Floods reach the old town of Brenville\nBy Jana Roth\nUpdated Dec 17, 2007\n" + BODY
    )
    assert read(page).published is None


def test_a_time_the_browser_glued_to_the_year_is_read() -> None:
    page = (
        MENU + "Floods reach the old town of Brenville\nBy Jana Roth\n"
        "November 9, 20235:01 AM ET\n" + BODY
    )
    assert read(page).published == "2023-11-09"


def test_other_languages_month_names_are_read() -> None:
    page = MENU + "Cheias chegam à cidade velha\n21.dez.2018 às 12h55\n" + BODY
    assert read(page).published == "2018-12-21"
    page = MENU + "Hochwasser erreicht die Altstadt\nVeröffentlicht am 10. Februar 2019\n" + BODY
    assert read(page).published == "2019-02-10"


def test_the_sites_today_in_the_header_is_never_the_publication_date() -> None:
    # A 2015 article under the site's "today" strip (date, weather, breadcrumb), as scraped.
    header = "Saturday, January 29, 2022\nLight rain 12°C\nHome > World > Europe\n"
    article = read(header + "Floods reach the old town of Brenville\n" + BODY)
    assert article.published is None
    assert article.published_source is None
    strip = MENU + "Saturday, January 29, 2022\nLight rain 12°C\n"
    article = read(strip + "Floods reach the old town of Brenville\nBy Jana Roth\n" + BODY)
    assert article.published is None
    article = read("Saturday, January 29, 2022\nToday's paper\nFloods reach the old town\n" + BODY)
    assert article.published is None


def test_the_bylines_date_beats_the_headers_today() -> None:
    page = (
        "Friday, March 21, 2025\nSunny 18°C\n"
        + MENU
        + "Floods reach the old town of Brenville\nBy Jana Roth\n13 March 2025\n"
        + BODY
    )
    assert read(page).published == "2025-03-13"


def test_an_events_date_in_the_body_is_not_the_articles() -> None:
    body = (
        "Survivors of the October 7th attack met the minister, who promised an inquiry into the "
        "failures that let the gunmen cross the fence unnoticed for several hours.\n"
        "Lawyers for the families said at a June 25 hearing that the army had ignored warnings "
        "from observers, and that the first units arrived far too late to help anyone.\n"
        "The ministry said on 3 March 2021 that its own review would be published in full, with "
        "the names of the officers it questioned removed for their safety.\n"
    )
    article = read(MENU + "Families demand an inquiry into the attack\n" + body)
    assert article.published is None


def test_a_jsonl_records_text_is_the_body_even_one_sentence_long() -> None:
    record = {
        "text": "Shelling hit the northern districts of Kharkiv overnight.",
        "url": "https://valleypost.example/world/kharkiv-shelling",
        "title": "Kharkiv shelled",
        "published": "2024-05-02",
    }
    result = READERS["jsonl"]("records.jsonl", (json.dumps(record) + "\n").encode("utf-8"))
    article = clean_document(result.documents[0])
    assert isinstance(article, Article), article
    assert article.text == record["text"]
    assert article.removed == []
    assert (article.title, article.published) == ("Kharkiv shelled", "2024-05-02")


def test_a_jsonl_records_text_is_not_chrome_filtered() -> None:
    text = "Share\nThe council met on Monday.\nMost read\nThe vote was postponed again."
    result = READERS["jsonl"]("r.jsonl", (json.dumps({"text": text}) + "\n").encode("utf-8"))
    article = clean_document(result.documents[0])
    assert isinstance(article, Article), article
    assert article.text == text


def test_a_menu_word_is_not_the_publisher() -> None:
    page = (
        "Mehr\nNachrichten\nPolitik\n" + MENU + "Floods reach the old town of Brenville\n"
        "By Jana Roth\n" + BODY + "Mehr\n"
    )
    article = read(page, "https://www.valleypost.example/news/floods-reach-the-old-town")
    assert article.publisher == "valleypost.example"


def test_the_sites_own_name_in_its_chrome_beats_its_owner_company() -> None:
    page = (
        MENU
        + "Floods reach the old town of Brenville\nBy Jana Roth\n"
        + BODY
        + "Stay up to date with notifications from The Valley Post\n"
        "© 2024 Hillside Media Group, LLC. All rights reserved.\n"
    )
    assert read(page).publisher == "The Valley Post"
    page = MENU + "Floods reach the old town\nBy Jana Roth\n" + BODY + "© 2024 The Example Times\n"
    assert read(page).publisher == "The Example Times"


def test_the_owner_company_alone_is_not_the_site() -> None:
    page = (
        MENU
        + "Floods reach the old town of Brenville\nBy Jana Roth\n"
        + BODY
        + "© 2024 Hillside Media Group, LLC. All rights reserved.\n"
    )
    assert read(page).publisher is None


def test_the_sites_name_matching_its_domain_is_kept_over_the_bare_domain() -> None:
    page = (
        MENU
        + "Floods reach the old town of Brenville\nBy Jana Roth\n"
        + BODY
        + "© 2024 The Valley Post\n"
    )
    url = "https://www.valleypost.example/news/floods-reach-the-old-town"
    assert read(page, url).publisher == "The Valley Post"


def test_a_wire_credit_under_the_title_goes_to_wire() -> None:
    page = MENU + "Floods reach the old town of Brenville\nAgence France-Presse\n" + BODY
    article = read(page, "https://www.valleypost.example/news/floods")
    assert article.wire == "Agence France-Presse"
    assert article.publisher == "valleypost.example"


def test_bylines_in_the_forms_sites_print_them() -> None:
    def authors(byline: str) -> list[str]:
        return read(
            MENU + "Floods reach the old town of Brenville\n" + byline + "\n" + BODY
        ).authors

    assert authors("Jana Roth - Apr 16, 2015 8:02 pm UTC") == ["Jana Roth"]
    assert authors("Geschrieben vonJana Roth") == ["Jana Roth"]
    assert authors("Veröffentlicht am 12. Juni 2017 von jroth") == ["jroth"]
    assert authors("Par Jana Roth") == ["Jana Roth"]
    assert authors("Posted on 2015-04-05 by jroth | Leave a comment") == ["jroth"]
