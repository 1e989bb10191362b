"""Contradictions: which claims about one incident cannot all be true, and which can."""

from __future__ import annotations

from storyline.claims import find_contradictions
from storyline.model import Claim


def claim(claim_id: str, speaker: str, text: str, stance: str = "assert") -> Claim:
    verb = {"deny": "deny", "assert": "say"}.get(stance, stance)
    return Claim(
        id=claim_id, speaker=speaker, text=text, verb=verb, stance=stance, story_id="sto_1"
    )


MONITOR = "Syrian Observatory for Human Rights"
MINISTRY = "Russian Ministry of Defence"


def test_counts_that_cannot_both_be_true_are_numeric() -> None:
    claims = [
        claim("c1", MONITOR, "the air strikes on Homs killed 36 civilians"),
        claim("c2", "the provincial governor", "12 civilians died in the raid on Homs"),
    ]
    [found] = find_contradictions(claims)
    assert found.kind == "numeric"
    assert found.claims == [["c1"], ["c2"]]
    assert found.about == (
        "Death toll (civilians) of the attack on Homs: 12 (the provincial governor) vs 36 "
        "(Syrian Observatory for Human Rights)"
    )
    assert "36 civilians" in found.explanation and "12 civilians" in found.explanation
    assert found.story_id == "sto_1"
    assert [side.value for side in found.sides] == ["36", "12"]


def test_a_lower_bound_and_overlapping_ranges_are_compatible() -> None:
    claims = [
        claim("c1", MONITOR, "at least 10 civilians were killed in Talbiseh"),
        claim("c2", "local doctors", "36 civilians were killed in Talbiseh"),
        claim("c3", "the civil defence", "between 30 and 40 civilians died in Talbiseh"),
    ]
    assert find_contradictions(claims) == []


def test_different_victims_or_injuries_are_not_compared() -> None:
    claims = [
        claim("c1", MONITOR, "the raid on Talbiseh killed 36 civilians"),
        claim("c2", "the army", "the raid on Talbiseh killed 12 soldiers"),
        claim("c3", "medics", "the raid on Talbiseh wounded 80 civilians"),
    ]
    assert find_contradictions(claims) == []


def test_one_speaker_revising_a_toll_is_no_contradiction() -> None:
    claims = [
        claim("c1", MONITOR, "the strikes on Talbiseh killed 12 civilians"),
        claim("c2", MONITOR, "the strikes on Talbiseh killed 36 civilians"),
    ]
    assert find_contradictions(claims) == []


def test_unrelated_claims_do_not_pair_up() -> None:
    claims = [
        claim("c1", MONITOR, "shelling killed 36 civilians in Douma"),
        claim("c2", "the health ministry", "a car bomb killed 12 civilians in Kabul"),
        claim("c3", "Unicef", "the school in Aleppo reopened after repairs"),
    ]
    assert find_contradictions(claims) == []


def test_a_denial_of_reported_casualties() -> None:
    reports = claim("c1", MONITOR, "Russian jets killed 36 civilians in Talbiseh")
    for denial, kind in [
        (claim("c2", MINISTRY, "any civilians were killed in Talbiseh", stance="deny"), "denial"),
        # "none were killed" is a toll of zero: a numeric dispute, as analysts code it
        (claim("c2", MINISTRY, "no civilians were killed in the Talbiseh operation"), "numeric"),
        (claim("c2", MINISTRY, "reports of civilian casualties in Talbiseh are false"), "denial"),
    ]:
        [found] = find_contradictions([reports, denial])
        assert found.kind == kind
        assert found.claims == [["c1"], ["c2"]]
        assert MINISTRY in found.explanation and MONITOR in found.explanation


def test_a_denial_of_a_reported_act() -> None:
    claims = [
        claim("c1", "hospital staff", "army artillery shelled the maternity hospital in Kafr Nabl"),
        claim("c2", "the army command", "shelling the maternity hospital", stance="deny"),
    ]
    [found] = find_contradictions(claims)
    assert found.kind == "denial"
    assert found.claims == [["c1"], ["c2"]]


def test_a_denial_of_something_else_is_not_a_contradiction() -> None:
    claims = [
        claim("c1", MONITOR, "Russian jets killed 36 civilians in Talbiseh"),
        claim("c2", MINISTRY, "that its troops were deployed in Talbiseh", stance="deny"),
    ]
    assert find_contradictions(claims) == []


def test_the_same_strikes_said_to_hit_different_groups() -> None:
    claims = [
        claim("c1", MINISTRY, "its jets struck four Islamic State targets near Talbiseh"),
        claim(
            "c2",
            "a US defence official",
            "the Russian jets targeted a coalition of Islamist rebels near Talbiseh",
        ),
    ]
    [found] = find_contradictions(claims)
    assert found.kind == "target"
    assert found.claims == [["c1"], ["c2"]]
    assert "Islamic State" in found.explanation and "Islamist rebels" in found.explanation


def test_a_small_share_of_strikes_disputes_the_named_target() -> None:
    claims = [
        claim("c1", MINISTRY, "its aircraft hit Islamic State positions in Homs province"),
        claim("c2", "a US official", "only five percent of Russian strikes targeted ISIS"),
    ]
    [found] = find_contradictions(claims)
    assert found.kind == "target"
    assert "did not hit" in found.explanation


def test_agreeing_on_the_target_is_no_dispute() -> None:
    claims = [
        claim("c1", MINISTRY, "its jets struck Islamic State targets near Palmyra"),
        claim("c2", "a US official", "the Russian jets hit ISIS positions near Palmyra"),
    ]
    assert find_contradictions(claims) == []


def test_different_actors_hitting_different_groups_is_no_dispute() -> None:
    claims = [
        claim("c1", MINISTRY, "its jets struck Islamic State targets near Palmyra"),
        claim(
            "c2", "a Turkish official", "Turkish jets hit Kurdish militia positions near Palmyra"
        ),
    ]
    assert find_contradictions(claims) == []


def test_places_far_apart_are_two_incidents() -> None:
    claims = [
        claim("c1", MONITOR, "the strikes on Aleppo killed 36 civilians"),
        claim("c2", "the governor", "the strikes on Raqqa killed 12 civilians"),
        claim("c3", "local doctors", "the strikes near Aleppo killed 12 civilians"),
    ]
    [found] = find_contradictions(claims)
    assert found.claims == [["c1"], ["c3"]]


def test_ids_are_deterministic_and_sides_merge() -> None:
    claims = [
        claim("c1", MONITOR, "the raid on Talbiseh killed 36 civilians"),
        claim("c2", "local medics", "the raid on Talbiseh killed at least 30 civilians"),
        claim("c3", MINISTRY, "no civilians were killed in the raid on Talbiseh"),
    ]
    first = find_contradictions(claims, story_id="sto_9")
    second = find_contradictions(list(reversed(claims)), story_id="sto_9")
    assert sorted(item.id for item in first) == sorted(item.id for item in second)
    assert all(item.id.startswith("ctr_") for item in first)
    [none_killed] = [item for item in first if item.kind == "numeric"]
    assert none_killed.claims == [["c1", "c2"], ["c3"]]
    assert none_killed.story_id == "sto_9"
