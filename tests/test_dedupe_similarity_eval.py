"""The similarity eval reads SemEval-style CSVs, scores en-en pairs once, and says what is missing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from storyline.eval.report import MissingData
from storyline.eval.similarity import DATASET, evaluate

HEADER = ["", "pair_id", "lang1", "lang2", "text1", "text2", "Geography", "Entities", "Time",
          "Narrative", "Overall", "Style", "Tone"]  # fmt: skip

SAME = (
    "Floods swept through three villages in northern Kenya on Monday, killing 12 people.",
    "Twelve people died when floods hit villages in northern Kenya on Monday, officials said.",
)
RELATED = (
    "Kenya's government promised aid to flood victims in the north on Tuesday.",
    "Floods swept through three villages in northern Kenya on Monday, killing 12 people.",
)
UNRELATED = (
    "The central bank of Chile raised its interest rate by half a point.",
    "A ceasefire between rival militias in Tripoli held for a second day.",
)


def write_split(path: Path, rows: list[tuple[str, str, str, tuple[str, str], float]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for index, (pair_id, lang1, lang2, (a, b), overall) in enumerate(rows):
            writer.writerow([index, pair_id, lang1, lang2, a, b, 1, 1, 1, 1, overall, 1, 1])


def test_scores_en_en_pairs_once_and_correlates_with_negated_overall(tmp_path: Path) -> None:
    folder = tmp_path / DATASET
    folder.mkdir()
    write_split(
        folder / "training_set.csv",
        [("1_2", "en", "en", SAME, 1.0), ("3_4", "en", "en", UNRELATED, 4.0),
         ("5_6", "de", "en", SAME, 1.0)],
    )  # fmt: skip
    write_split(
        folder / "testing_set.csv",
        [("1_2", "en", "en", SAME, 1.0), ("7_8", "en", "en", RELATED, 2.0),
         ("9_10", "en", "en", UNRELATED, 4.0)],
    )  # fmt: skip
    report = evaluate(tmp_path, split="dev")
    assert report.summary["pairs"] == 4  # 1_2 counted once, de-en left out
    assert report.summary["pearson"] > 0.5  # similar pairs score higher than dissimilar ones
    assert set(report.summary) == {"pearson", "pairs", "baseline_pearson"}
    assert report.summary_line().startswith("similarity: split=dev pearson=")
    assert [row[1] for row in report.rows] == [2, 3, 4]


def test_missing_files_raise_missing_data(tmp_path: Path) -> None:
    (tmp_path / DATASET).mkdir()
    with pytest.raises(MissingData):
        evaluate(tmp_path, split="dev")
