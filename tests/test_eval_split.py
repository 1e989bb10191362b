"""The fixed dev/test split of the benchmarks (issue 12) and how ``storyline eval`` names it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline import cli
from storyline.eval import EvalReport, EvalTask
from storyline.eval.chrome import is_held_out
from storyline.eval.event_types import DEV_PERCENT, read_snippets, snippet_split
from storyline.eval.extraction import page_split
from storyline.eval.split import NoSuchSplit, check_split, hash_percent, split_of
from storyline.eval.timeline import parse_timeline, read_documents, temporal_awareness

KEYS = [f"snippet number {i}: shelling reported near the border" for i in range(2000)]


def test_hash_percent_is_the_documented_sha256_rule_and_never_moves() -> None:
    # sha256("abc") starts ba7816bf8f01cfea; that 64-bit number mod 100 is 74. Changing the
    # hash or the byte count would move items between dev and test: this pins it.
    assert hash_percent("abc") == int("ba7816bf8f01cfea", 16) % 100 == 74
    assert [hash_percent(key) for key in KEYS[:50]] == [hash_percent(key) for key in KEYS[:50]]


def test_split_of_gives_about_the_asked_share_and_each_key_one_part() -> None:
    dev = {key for key in KEYS if split_of(key, 30) == "dev"}
    test = {key for key in KEYS if split_of(key, 30) == "test"}
    assert not dev & test and len(dev) + len(test) == len(KEYS)
    assert 0.26 < len(dev) / len(KEYS) < 0.34
    # A larger dev share only adds keys: nothing tuned on at 30 % would become test at 50 %.
    assert dev <= {key for key in KEYS if split_of(key, 50) == "dev"}


def test_check_split_refuses_unknown_and_missing_splits_with_a_reason() -> None:
    assert check_split("dev") == "dev"
    with pytest.raises(NoSuchSplit, match="unknown split"):
        check_split("train")
    with pytest.raises(NoSuchSplit, match="similarity has no test split"):
        check_split("test", task="similarity", available=("dev",))


def test_case2021_snippets_split_by_text_into_disjoint_parts(tmp_path: Path) -> None:
    folder = tmp_path / "case2021-task2"
    folder.mkdir()
    with (folder / "test_set_final_release_with_labels.tsv").open("w", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["id", "EventSnippet", "SubType"])
        for number, text in enumerate(KEYS[:300]):
            writer.writerow([number, text, "ART_MISS_ATTACK"])
    dev = read_snippets(tmp_path, "dev")
    test = read_snippets(tmp_path, "test")
    assert {row["id"] for row in dev}.isdisjoint(row["id"] for row in test)
    assert len(dev) + len(test) == 300 and 60 <= len(dev) <= 120
    assert all(snippet_split(row["EventSnippet"]) == "dev" for row in dev)
    assert all(hash_percent(row["EventSnippet"]) < DEV_PERCENT for row in dev)


def test_extraction_pages_fall_in_the_same_half_as_in_the_chrome_task() -> None:
    urls = [f"https://news.example.org/2026/story-{i}.html" for i in range(40)]
    assert [page_split(url) == "test" for url in urls] == [is_held_out(url) for url in urls]
    assert {page_split(url) for url in urls} == {"dev", "test"}


def test_summary_line_names_the_split_first() -> None:
    report = EvalReport("dates", ["a"], [], {"value_f1": 0.5, "timexes": 3}, split="dev")
    assert report.summary_line() == "dates: split=dev value_f1=0.5000 timexes=3"
    assert EvalReport("dates", ["a"], [], {"n": 1}).summary_line() == "dates: n=1"


FAKE_TASK = """
from storyline.eval import EvalReport
from storyline.eval.split import check_split


def evaluate(data_dir, *, limit=None, split="test"):
    check_split(split, task="fake", available=("dev",) if "devonly" in str(data_dir) else
                ("dev", "test"))
    return EvalReport("fake", ["split seen"], [[split]], {"score": 0.25, "limit": limit})
"""


@pytest.fixture
def fake_task(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A registered eval task whose report says which split the CLI handed it."""
    (tmp_path / "fake_split_task.py").write_text(FAKE_TASK, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    task = EvalTask("fake", "fake_split_task", ("fakedata",), "a test task")
    monkeypatch.setattr(cli, "TASKS", {"fake": task})
    data = tmp_path / "data"
    (data / "fakedata").mkdir(parents=True)
    return data


def test_cli_passes_split_through_and_the_summary_line_names_it(fake_task: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli.app, ["eval", "fake", "--data", str(fake_task), "--split", "dev"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "fake: split=dev score=0.2500 limit=None"
    default = runner.invoke(cli.app, ["eval", "fake", "--data", str(fake_task), "--limit", "2"])
    assert default.output.strip().splitlines()[-1] == "fake: split=test score=0.2500 limit=2"


def test_cli_refuses_an_unknown_split_and_a_task_without_one(
    fake_task: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    bad = runner.invoke(cli.app, ["eval", "fake", "--data", str(fake_task), "--split", "train"])
    assert bad.exit_code == 2 and "unknown split" in bad.output
    devonly = tmp_path / "devonly"
    (devonly / "fakedata").mkdir(parents=True)
    refused = runner.invoke(cli.app, ["eval", "fake", "--data", str(devonly)])
    assert refused.exit_code == 2 and "fake has no test split" in refused.output
    assert "Traceback" not in refused.output


def test_eval_all_takes_the_split_and_skips_a_task_without_it(
    fake_task: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(cli.app, ["eval", "all", "--data", str(fake_task), "--split", "dev"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert "fake: split=dev score=0.2500 limit=None" in lines
    assert lines[-1] == "eval: split=dev fake=score:0.2500"
    devonly = tmp_path / "devonly"
    (devonly / "fakedata").mkdir(parents=True)
    skipped = runner.invoke(cli.app, ["eval", "all", "--data", str(devonly)])
    assert skipped.exit_code == 0
    assert skipped.output.strip().splitlines()[-1] == "eval: split=test fake=no-test-split"


GOLD = """Harbour Authority
1\t2010-05-01\t11-1-opened
2\t2010-06-02\t12-2-closed
3\t2011-XX-XX\t13-1-reopened
"""


def test_timeline_ordering_only_f1_ignores_the_date_links() -> None:
    _, gold = parse_timeline(GOLD)
    # Right order, every date wrong: perfect ordering, imperfect with the date links.
    _, wrong_dates = parse_timeline(
        GOLD.replace("2010-05-01", "2009-01-01").replace("2011", "2012")
    )
    assert temporal_awareness(gold, wrong_dates, dates=False).prf() == (1.0, 1.0, 1.0)
    assert temporal_awareness(gold, wrong_dates).prf()[2] < 1.0


def test_timeline_documents_keep_the_sentence_ids_the_gold_names(tmp_path: Path) -> None:
    # The trial set numbers sentences from 1; gold mentions ("11-1-opened") use those ids.
    (tmp_path / "11_harbour.tml").write_text(
        '<?xml version="1.0"?><TimeML><DOCID>11</DOCID><DCT><TIMEX3 functionInDocument='
        '"CREATION_TIME" tid="t0" type="DATE" value="2010-05-01">2010-05-01</TIMEX3></DCT>'
        '<TEXT><s id="1">May 1 , 2010</s><s id="2">The harbour opened .</s></TEXT></TimeML>',
        encoding="utf-8",
    )
    (document,) = read_documents(tmp_path)
    assert document.sentences[2] == ["The", "harbour", "opened", "."]
    assert document.sentences[0] == [] and str(document.dct) == "2010-05-01"


def test_similarity_has_no_test_split(tmp_path: Path) -> None:
    from storyline.eval.similarity import evaluate as similarity

    with pytest.raises(NoSuchSplit, match="similarity has no test split"):
        similarity(tmp_path)  # the default split is test, as for every task
