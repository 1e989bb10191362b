"""A whole run over fresh articles: the disputes a reader should see, and the files they read."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.claims import find_contradictions
from storyline.model import Claim, Evidence
from storyline.pipeline import RunOptions, run_pipeline

MINISTRY = """Shelling kills 14 in Kordofan market town
Published 12 March 2024
The health ministry said 14 people were killed when shells hit the market in Kadugli on Monday.
The army accused the Rapid Support Forces of carrying out the attack on the market.
Residents said the shelling began shortly after dawn and lasted for an hour.
"""

DOCTORS = """Doctors say 21 dead after Kadugli market shelling
Published 12 March 2024
The Sudan Doctors Network said 21 people were killed in the shelling of the market in Kadugli on Monday.
Medics at the town's hospital said they had run out of blood and bandages.
Aid groups called for a pause in the fighting around the town.
"""

DENIAL = """Paramilitary group rejects blame for Kadugli market attack
Published 13 March 2024
The Rapid Support Forces denied they carried out the attack on the market in Kadugli.
A spokesman for the group said its fighters were far from the town on Monday.
The fighting around the town has forced thousands to flee this year.
"""


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_three_articles_give_the_toll_and_the_blame_disputes(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in (("ministry", MINISTRY), ("doctors", DOCTORS), ("denial", DENIAL)):
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    run_pipeline(
        RunOptions(
            inputs=[corpus], out=tmp_path / "out", db=str(tmp_path / "s.db"), quiet=True, workers=1
        )
    )
    claims = {record["id"]: record for record in read_jsonl(tmp_path / "out" / "claims.jsonl")}
    found = read_jsonl(tmp_path / "out" / "contradictions.jsonl")
    kinds = {record["kind"] for record in found}
    assert {"numeric", "denial"} <= kinds, [record["about"] for record in found]
    [toll] = [record for record in found if record["kind"] == "numeric"]
    assert "14" in toll["about"] and "21" in toll["about"]
    sides = [{claims[cid]["speaker"] for cid in side} for side in toll["claims"]]
    assert {"Sudan Doctors Network"} in sides
    [blame] = [record for record in found if record["kind"] == "denial"]
    speakers = {claims[cid]["speaker"] for side in blame["claims"] for cid in side}
    assert "Rapid Support Forces" in speakers
    assert all(side["evidence"] for side in blame["sides"])


def sourced(claim_id: str, speaker: str, text: str, article: str) -> Claim:
    return Claim(
        claim_id, speaker, text, "say", story_id="s", stance="assert",
        sources=[Evidence(article, text, 0, len(text))],
    )  # fmt: skip


def test_copies_of_one_statement_are_one_side_never_set_against_each_other() -> None:
    original = sourced("c1", "local activists", "36 civilians were killed in Talbiseh", "a1")
    copy = sourced("c2", "local activists", "36 civilians were slain in Talbiseh", "a2")
    rival = sourced("c3", "the Observatory", "27 civilians were killed in Talbiseh", "a3")
    groups = {"a1": "g1", "a2": "g1", "a3": "a3"}
    assert find_contradictions([original, copy], groups=groups) == []
    [found] = find_contradictions([original, copy, rival], groups=groups)
    assert found.claims == [["c1", "c2"], ["c3"]]
    assert {e.article_id for side in found.sides for e in side.evidence} == {"a1", "a2", "a3"}


def test_a_later_update_is_no_contradiction() -> None:
    first = sourced("c1", "officials", "23 people were killed in the hotel attack", "a1")
    later = sourced("c2", "the government", "the death toll rose to 29 on Sunday", "a2")
    assert find_contradictions([first, later]) == []


def test_not_knowing_whose_jets_struck_disputes_nothing() -> None:
    allowing = sourced(
        "c1", "Iran", "it was allowing Russian warplanes to use an air base near Hamadan", "a1"
    )
    unsure = sourced(
        "c2", "the Observatory", "whether Russian or Syrian jets had carried them out", "a2"
    )
    unsure.stance = "deny"
    assert find_contradictions([allowing, unsure]) == []


def test_one_claim_is_never_set_against_itself() -> None:
    claim = sourced("c1", "local activists", "36 civilians were killed in Talbiseh", "a1")
    assert find_contradictions([claim, claim]) == []


def test_a_running_total_is_not_set_against_one_strikes_toll() -> None:
    school = sourced("c1", "the hospital", "42 people were killed at the school in Jabalia", "a1")
    for total in (
        "more than 600 people were killed in Jabalia in the 13 days of the offensive",
        "the war has now taken more than 600 lives in Jabalia",
        "at least 639 people had been killed in Jabalia since the campaign began",
    ):
        assert find_contradictions([school, sourced("c2", "medics", total, "a2")]) == [], total


def test_figures_within_rounding_are_one_count_and_passed_over() -> None:
    claims = [
        sourced("c1", "the agency", "30 people were killed at the school", "a1"),
        sourced("c2", "its director", "the shelling killed 40 people at the school", "a2"),
        sourced("c3", "the hospital", "42 people were killed at the school", "a3"),
        sourced("c4", "the wire", "at least 43 people were killed at the school", "a4"),
    ]
    pairs = sorted(found.claims for found in find_contradictions(claims))
    assert pairs == [[["c1"], ["c2"]], [["c2"], ["c4"]]]  # never 40 against 42


def test_one_step_of_an_attack_is_not_its_toll() -> None:
    step = sourced("c1", "the wire", "he first killed two people at the base, then drove on", "a1")
    toll = sourced("c2", "officials", "the death toll stood at 20", "a2")
    assert find_contradictions([step, toll]) == []


def test_a_spokesmans_we_denies_for_the_body_he_speaks_for() -> None:
    from storyline.claims import extract_claims
    from storyline.model import Article
    from storyline.nlp.model import load_nlp

    texts = {
        "a1": "Governor Taro Mwangi accused Sudan of carrying out the attack on the camp.",
        "a2": (
            "Sudan Armed Forces spokesman Omar Khaled Saad rejected the reports.\n"
            '"We didn\'t bomb any camps near the border," he told reporters.'
        ),
    }
    claims = []
    for article_id, text in texts.items():
        article = Article(id=article_id, input=f"{article_id}.txt", text=text, story_id="s")
        claims += extract_claims(article, load_nlp()(text))
    denials = [found for found in find_contradictions(claims) if found.kind == "denial"]
    assert len(denials) == 1, [found.about for found in denials]
    speakers = [set(side.speakers) for side in denials[0].sides]
    assert {"Omar Khaled Saad"} in speakers
