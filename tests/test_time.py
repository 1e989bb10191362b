"""The temporal tagger resolves news dates the way a reader of the article would."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.time import Timex, resolve_date, tag_times

TUESDAY = date(2015, 10, 6)  # the article's date in most tests: a Tuesday


def values(text: str, anchor: date | None = TUESDAY) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in tag_times(text, anchor)]


def only(text: str, anchor: date | None = TUESDAY) -> Timex:
    found = tag_times(text, anchor)
    assert len(found) == 1, found
    return found[0]


def test_same_day_weekday_in_a_past_report_is_the_anchor_day() -> None:
    assert only("Rebels shelled the market on Tuesday.").value == "2015-10-06"


def test_weekday_in_a_past_report_is_the_latest_one_before() -> None:
    assert only("Rebels shelled the market on Sunday.").value == "2015-10-04"


def test_weekday_in_a_future_clause_is_the_next_one() -> None:
    monday = date(2015, 10, 5)
    assert only("The envoys will meet on Tuesday.", monday).value == "2015-10-06"
    assert only("The envoys will meet on Monday.", TUESDAY).value == "2015-10-12"


def test_last_and_next_weekday_skip_the_anchor_day() -> None:
    assert only("It started last Tuesday.").value == "2015-09-29"
    assert only("It resumes next Tuesday.").value == "2015-10-13"


def test_tense_comes_from_the_parse_when_a_doc_is_given() -> None:
    from storyline.nlp.model import load_nlp

    text = "Officials said the two sides will sign the truce on Friday."
    doc = load_nlp()(text)
    assert tag_times(text, TUESDAY, doc=doc)[0].value == "2015-10-09"


def test_day_month_followed_by_a_number_is_not_a_year() -> None:
    found = values("On 12 August, 40 people died in the blast.")
    assert found == [("12 August", "DATE", "2015-08-12")]


def test_absolute_date_forms() -> None:
    assert only("It happened on December 16, 2015.").value == "2015-12-16"
    assert only("It happened on 16 December 2015.").value == "2015-12-16"
    assert only("The file is dated 2015-12-16.").value == "2015-12-16"
    assert only("Voting took place on Tuesday, Sept. 29.").value == "2015-09-29"


def test_day_month_without_year_takes_the_anchor_year_unless_far_ahead_in_the_past() -> None:
    assert only("Fighting broke out on 10 September.").value == "2015-09-10"
    january = date(2016, 1, 4)
    assert only("Fighting broke out on 28 December.", january).value == "2015-12-28"
    assert only("Talks will resume on 10 January.", date(2015, 12, 20)).value == "2016-01-10"


def test_month_edges_and_years() -> None:
    assert values("Clashes in mid-October and early 2016.") == [
        ("mid-October", "DATE", "2015-10"),
        ("early 2016", "DATE", "2016"),
    ]
    assert only("The group was founded in 2014.").value == "2014"
    assert only("the 1990s").value == "199"


def test_since_and_in_month_point_to_the_latest_such_month() -> None:
    since = only("Aid has been blocked since November.")
    assert (since.value, since.mod) == ("2014-11", "ON_OR_AFTER")
    assert only("The town fell in September.").value == "2015-09"
    assert only("The town fell in December.").value == "2014-12"


def test_deictic_days() -> None:
    assert values("yesterday, today and tonight") == [
        ("yesterday", "DATE", "2015-10-05"),
        ("today", "DATE", "2015-10-06"),
        ("tonight", "TIME", "2015-10-06TNI"),
    ]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("last week", "2015-W40"),
        ("last month", "2015-09"),
        ("last year", "2014"),
        ("this year", "2015"),
        ("next month", "2015-11"),
        ("two days ago", "2015-10-04"),
        ("three weeks earlier", "2015-W38"),
    ],
)
def test_relative_units(phrase: str, value: str) -> None:
    assert only(f"It was decided {phrase}.").value == value


def test_earlier_this_week_is_tagged_as_this_week() -> None:
    timex = only("Talks collapsed earlier this week.")
    assert (timex.text, timex.value) == ("this week", "2015-W41")


def test_durations() -> None:
    assert values("The siege lasted for three days.") == [("three days", "DURATION", "P3D")]
    assert only("In the past 24 hours the shelling went on.").value == "PT24H"
    assert only("It went on for years.").value == "PXY"
    assert only("a decade of war").value == "P10Y"


def test_ranges_keep_both_ends() -> None:
    timex = only("Clashes between 10 and 12 October left many dead.", date(2015, 10, 20))
    assert timex.value == "2015-10-10/2015-10-12"
    assert [part.value for part in timex.parts] == ["2015-10-10", "2015-10-12"]
    assert timex.contract_date() == {"start": "2015-10-10", "end": "2015-10-12"}


def test_weekday_range() -> None:
    thursday = date(2015, 10, 8)
    timex = only("Protests went on from Monday to Wednesday.", thursday)
    assert timex.value == "2015-10-05/2015-10-07"


def test_clock_time_joins_its_day() -> None:
    timex = only("The blast came at 10 p.m. Sunday.")
    assert (timex.type, timex.value) == ("TIME", "2015-10-04T22:00")


def test_vague_references() -> None:
    assert only("Prices are now falling.").value == "PRESENT_REF"
    assert only("He recently left the group.").value == "PAST_REF"


def test_quantities_that_look_like_years_are_not_years() -> None:
    assert values("Some 1500 people fled and about 2000 troops arrived.") == []


def test_no_anchor_leaves_relative_values_underspecified() -> None:
    assert only("They met on Friday.", None).value == "XXXX-WXX-5"
    assert only("It ended yesterday.", None).value is None


def test_resolve_date_gives_contract_dates() -> None:
    assert resolve_date("on Tuesday", TUESDAY, tense="past") == "2015-10-06"
    assert resolve_date("on Monday", TUESDAY, tense="future") == "2015-10-12"
    assert resolve_date("last week", TUESDAY) == {"start": "2015-09-28", "end": "2015-10-04"}
    assert resolve_date("no date here", TUESDAY) is None
