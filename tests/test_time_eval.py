"""The TempEval-3 scorer reads TimeML and scores spans and values as Task A defines them."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.dates import GoldTimex, evaluate, parse_timeml, score_document
from storyline.eval.report import MissingData
from storyline.time import Timex

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>own_example</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2015-10-06" functionInDocument="CREATION_TIME">October 6, 2015</TIMEX3></DCT>
<TEXT>
Shelling hit the old town on <TIMEX3 tid="t1" type="DATE" value="2015-10-06">Tuesday</TIMEX3> &amp; the siege went on for <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_parse_timeml_strips_markup_and_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "own_example.tml"
    path.write_text(TIMEML, encoding="utf-8")
    document = parse_timeml(path)
    assert document.dct == "2015-10-06"
    assert "&amp;" not in document.text
    for timex in document.timexes:
        assert document.text[timex.start : timex.end] == timex.text
    assert [t.value for t in document.timexes] == ["2015-10-06", "P3D"]


def test_score_counts_relaxed_overlap_and_values() -> None:
    gold = [GoldTimex(10, 17, "Tuesday", "DATE", "2015-10-06")]
    system = [Timex("on Tuesday", 7, 17, "DATE", "2015-10-06")]
    counts = score_document(gold, system)
    assert (counts.strict, counts.relaxed, counts.value) == (0, 1, 1)


def test_missing_data_is_reported(tmp_path: Path) -> None:
    with pytest.raises(MissingData):
        evaluate(tmp_path)
