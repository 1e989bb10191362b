"""A statement repeated by a copy of its article is one claim with both sources."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.export.claims import fold_claims, renamed_sides
from storyline.pipeline import RunOptions, run_pipeline

TEXT = (
    "Strikes hit Talbiseh\n\n"
    "Russian warplanes struck the town of Talbiseh on Wednesday, local activists said.\n\n"
    "The Syrian Observatory for Human Rights said 27 civilians were killed in the raids.\n\n"
    "Rescuers searched the rubble of the market for hours after the strikes.\n"
)


def test_a_copys_claims_fold_into_the_originals(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "original.txt").write_text(TEXT, encoding="utf-8")
    (inputs / "copy.txt").write_text(TEXT.replace("\n\n", "\n\n\n"), encoding="utf-8")
    out = tmp_path / "out"
    run_pipeline(RunOptions(inputs=[inputs], out=out, db=str(tmp_path / "s.db"), quiet=True))
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text().splitlines()]
    observatory = [c for c in claims if "27" in c["text"]]
    assert len(observatory) == 1
    assert len({s["article_id"] for s in observatory[0]["sources"]}) == 2
    assert len(observatory[0]["copies"]) == 1


def test_contradictions_name_the_statement_not_its_copy() -> None:
    claim = {
        "id": "c1",
        "speaker": "Observatory",
        "text": "27 civilians were killed",
        "verb": "said",
        "story_id": "s",
        "sources": [{"article_id": "a", "sentence": "x", "start": 0, "end": 1}],
    }
    copy = {
        **claim,
        "id": "c2",
        "sources": [{"article_id": "b", "sentence": "x", "start": 0, "end": 1}],
    }
    folded, same_as = fold_claims([claim, copy], {"a": "g", "b": "g"})
    assert [c["id"] for c in folded] == ["c1"]
    (record,) = renamed_sides([{"id": "x", "claims": [["c2"], ["c9"]]}], same_as)
    assert record["claims"] == [["c1"], ["c9"]]
