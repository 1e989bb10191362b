"""The benchmark glue: MUC-4 role scoring and the CASE label mapping."""

from __future__ import annotations

import pytest

from storyline.eval.event_types import LABEL_OF, classify_snippet
from storyline.eval.muc4 import normalise, prf, score_documents
from storyline.events import taxonomy as tx


def test_muc4_normalisation_drops_case_punctuation_and_articles():
    assert normalise("The  Urban-Guerrillas, ") == "urbanguerrillas"
    assert normalise("an FMLN commando") == "fmln commando"


def test_muc4_strict_matching_aligns_one_prediction_per_gold_entity():
    gold = {"d1": {"PerpInd": [["gunmen", "armed men"]], "Weapon": [["bomb"], ["rifle"]]}}
    predicted = {"d1": {"PerpInd": [["armed men"], ["the gunmen"]], "Weapon": [["bomb"]]}}
    totals = score_documents(predicted, gold)
    # Two predictions could match the one gunmen entity, but only one may be aligned to it.
    assert totals["PerpInd"] == [1.0, 2.0, 1.0]
    assert totals["Weapon"] == [1.0, 1.0, 2.0]
    precision, recall, f1 = prf(*totals["micro"])
    assert precision == pytest.approx(2 / 3) and recall == pytest.approx(2 / 3)
    assert f1 == pytest.approx(2 / 3)


def test_muc4_prediction_with_a_stray_mention_does_not_match():
    gold = {"d1": {"Victim": [["mayor"]]}}
    predicted = {"d1": {"Victim": [["mayor", "his driver"]]}}
    assert score_documents(predicted, gold)["Victim"][0] == 0.0


def test_every_acled_sub_type_has_a_case_label():
    assert set(LABEL_OF) == set(tx.EVENT_TYPE_OF)
    assert len(set(LABEL_OF.values())) == 25


def test_snippet_label_comes_from_the_first_sentence_that_states_an_event():
    sentences = ["The region has been tense for months.", "Warplanes bombed a bakery on Friday."]
    assert classify_snippet(sentences) == "AIR_STRIKE"
    assert classify_snippet(["The weather was mild."]) == "NONE"
