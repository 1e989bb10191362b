"""Scorers behind ``storyline eval clustering`` and ``storyline eval timeline``."""

from __future__ import annotations

import pytest

from storyline.eval.clustering import b_cubed
from storyline.eval.timeline import (
    entity_forms,
    normalise_date,
    parse_timeline,
    temporal_awareness,
    timeline_date,
)

GOLD = """Harbour Authority
0\tXXXX-XX-XX\t11-3-planned
1\t2010-05\t11-1-opened\t12-0-opening
2\t2010-06-02\t12-2-closed
2\t2010-06-02\t12-4-evacuated
3\t2011-XX-XX\t13-1-reopened
"""


def test_b_cubed_is_perfect_only_for_the_gold_partition() -> None:
    gold = ["a", "a", "b", "b"]
    assert b_cubed(gold, ["x", "x", "y", "y"]) == (1.0, 1.0, 1.0)
    precision, recall, _ = b_cubed(gold, ["x", "x", "x", "x"])
    assert recall == 1.0 and precision == pytest.approx(0.5)
    precision, recall, _ = b_cubed(gold, ["p", "q", "r", "s"])
    assert precision == 1.0 and recall == pytest.approx(0.5)


def test_timeline_parse_normalises_partial_dates() -> None:
    name, lines = parse_timeline(GOLD)
    assert name == "Harbour Authority"
    assert [line.date for line in lines][:2] == ["XXXX-XX-XX", "2010-05-XX"]
    assert lines[1].mentions == ["11-1-opened", "12-0-opening"]
    assert normalise_date("2011") == "2011-XX-XX"
    assert timeline_date("2010-06") == "2010-06-XX" and timeline_date("PRESENT_REF") is None


def test_gold_against_itself_scores_one_and_a_reversed_order_scores_less() -> None:
    _, gold = parse_timeline(GOLD)
    assert temporal_awareness(gold, gold).prf() == (1.0, 1.0, 1.0)
    # The system found one coreferent mention of the first event and the right order.
    _, right = parse_timeline(GOLD.replace("\t11-1-opened\t12-0-opening", "\t12-0-opening"))
    assert temporal_awareness(gold, right).prf()[2] == 1.0
    reversed_ranks = [
        type(line)(4 - line.rank if line.rank else 0, "XXXX-XX-XX", line.mentions) for line in gold
    ]
    p, _, f = temporal_awareness(gold, reversed_ranks).prf()
    assert f < 0.5 and p < 0.5


def test_unordered_rank_zero_events_give_no_relations() -> None:
    _, gold = parse_timeline(GOLD)
    only_unordered = [line for line in gold if line.rank == 0]
    counts = temporal_awareness(gold, only_unordered)
    assert counts.system_total == 0 and counts.prf()[1] == 0.0


def test_entity_forms_include_short_names_and_acronyms() -> None:
    forms = {" ".join(form) for form in entity_forms("United States Air Force")}
    assert {"United States Air Force", "USAF"} <= forms and "Force" not in forms
    assert "Gallois" in {" ".join(form) for form in entity_forms("Louis Gallois")}
    assert "A380" in {" ".join(form) for form in entity_forms("Airbus A380")}
