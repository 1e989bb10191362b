"""Casualty counts: how many, of whom, and whether the text says they were killed or hurt."""

from __future__ import annotations

import pytest

from storyline.events.numbers import CasualtyCount, parse_casualties, parse_people_counts


def first(text: str) -> CasualtyCount:
    found = parse_people_counts(text)
    assert found, text
    return found[0]


def test_digits_and_victim_category() -> None:
    count = first("An air strike killed 36 civilians near the market.")
    assert (count.text, count.count, count.victims, count.kind) == (
        "36 civilians",
        36,
        "civilians",
        "killed",
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Twelve soldiers were killed.", 12),
        ("Forty-two soldiers were killed.", 42),
        ("Two hundred soldiers were killed.", 200),
    ],
)
def test_word_numbers(text: str, number: int) -> None:
    assert first(text).count == number


def test_more_than_is_a_lower_bound_one_above() -> None:
    count = first("More than 30 Syrian rebel fighters died in the clashes.")
    assert (count.count, count.min, count.max, count.victims) == (None, 31, None, "rebels")


def test_at_least_up_to_and_between() -> None:
    assert first("The bombing killed at least 12 policemen.").min == 12
    assert first("Up to 40 militants were killed.").max == 40
    between = first("Between 20 and 30 children were hurt.")
    assert (between.min, between.max, between.kind) == (20, 30, "injured")
    assert (between.victims, between.subcategory) == ("civilians", "children")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Dozens of villagers were killed.", 12),
        ("A dozen villagers were killed.", 12),
        ("Tens of villagers were killed.", 10),
        ("Hundreds of villagers were killed.", 100),
        ("Several villagers were killed.", 3),
    ],
)
def test_acled_vague_quantities(text: str, number: int) -> None:
    count = first(text)
    assert (count.count, count.vague) == (number, True)


def test_thousands_separator_and_non_casualty_quantity() -> None:
    count = first("About 1,700 marines deployed to the region on Monday.")
    assert (count.count, count.victims) == (1700, "soldiers")
    assert not count.casualty
    assert parse_casualties("About 1,700 marines deployed to the region on Monday.") == []


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Five jihadists were killed.", "militants"),
        ("Five fighters were killed.", "militants"),
        ("Five troops were killed.", "soldiers"),
        ("Five servicemen were killed.", "soldiers"),
        ("Five rebels were killed.", "rebels"),
        ("Five policemen were killed.", "police"),
        ("Five police officers were killed.", "police"),
        ("Five women were killed.", "civilians"),
        ("Five people were killed.", "unknown"),
    ],
)
def test_victim_categories(text: str, victims: str) -> None:
    assert first(text).victims == victims


def test_killed_and_injured_are_told_apart() -> None:
    found = parse_casualties("The attack left 8 dead and 20 injured.")
    assert [(c.count, c.kind) for c in found] == [(8, "killed"), (20, "injured")]


def test_the_killers_are_not_casualties() -> None:
    found = parse_people_counts("Twelve soldiers killed 30 militants in the raid.")
    assert [(c.victims, c.casualty) for c in found] == [("soldiers", False), ("militants", True)]


def test_death_toll_without_a_noun() -> None:
    count = first("The death toll rose to 54 on Sunday.")
    assert (count.count, count.victims, count.kind) == (54, "unknown", "killed")


def test_coordinated_victims_share_the_verb() -> None:
    found = parse_casualties("Several women and a child were killed.")
    assert [(c.subcategory, c.count) for c in found] == [("women", 3), ("children", 1)]


def test_to_fatalities_uses_the_event_shape() -> None:
    fatalities = first("At least 12 soldiers were killed.").to_fatalities()
    assert (fatalities.victims, fatalities.min, fatalities.count) == ("soldiers", 12, None)


def test_plain_numbers_that_are_not_people_are_ignored() -> None:
    assert parse_people_counts("The convoy travelled 40 km in 3 hours.") == []


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("Local activists said 36 civilians, among them several children, were killed.", 36),
        ("At least 33 IS members were killed in the raids, including a woman.", 33),
    ],
)
def test_a_subset_named_inside_the_toll_is_not_the_toll(text: str, toll: int) -> None:
    (count,) = parse_casualties(text)
    assert toll in (count.count, count.min)
