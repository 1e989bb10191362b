"""The component registry: every stage has a default, a package can add one, a run picks it."""

from __future__ import annotations

import json
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from storyline.components import (
    KINDS,
    ComponentError,
    EventExtractor,
    Findings,
    Registry,
    Selection,
    registry,
)
from storyline.model import Event, Evidence, stable_id


def test_every_kind_has_a_registered_default_that_satisfies_its_protocol():
    for kind, protocol in KINDS.items():
        assert "rules" in registry.names(kind), kind
        if kind not in ("places", "entities", "stories"):  # those load models; checked below
            assert isinstance(registry.build(kind, Selection()), protocol)


def test_selection_reads_flags_and_a_toml_file_flags_winning(tmp_path: Path):
    config = tmp_path / "run.toml"
    config.write_text('[components]\nevents = "rules"\n[events]\nbackground_days = 45\n')
    chosen = Selection.parse(["events.background_days=60", "claims=rules"], config)
    assert chosen.name_of("events") == "rules" and chosen.name_of("claims") == "rules"
    assert chosen.options_of("events") == {"background_days": 60}
    assert chosen.name_of("places") == "rules"  # the default when not chosen


@pytest.mark.parametrize("spec", ["events", "nonsense=rules", "events.=1", "=rules"])
def test_bad_component_flags_are_refused_with_a_reason(spec: str):
    with pytest.raises(ComponentError):
        Selection.parse([spec])


def test_an_unknown_option_or_name_is_refused_before_any_work():
    with pytest.raises(ComponentError, match="takes no option"):
        registry.check(Selection.parse(["events.colour=red"]))
    with pytest.raises(ComponentError, match="registered: rules"):
        registry.check(Selection.parse(["events=llm"]))


@dataclass(frozen=True)
class FixedConfig:
    sub_event_type: str = "Other"


class OneEventPerArticle:
    """A stand-in for an outside extractor (say, one calling a local language model)."""

    def __init__(self, config: FixedConfig) -> None:
        self.config = config

    def extract(self, article, doc, findings: Findings) -> list[Event]:
        first = next(iter(doc.sents))
        return [
            Event(
                id=stable_id("evt", article.id, "fixed"),
                event_type="Strategic developments",
                sub_event_type=self.config.sub_event_type,
                sources=[Evidence(article.id, first.text, first.start_char, first.end_char)],
                independent_sources=1,
                confidence=0.5,
            )
        ]


def test_a_second_event_extractor_registered_from_outside_runs_in_the_pipeline(tmp_path: Path):
    from storyline.pipeline import RunOptions, run_pipeline

    registry.register("events", "test-fixed", config=FixedConfig)(OneEventPerArticle)
    assert isinstance(OneEventPerArticle(FixedConfig()), EventExtractor)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(
        "Rebels held a meeting in Goma on Monday.\n\nThe talks went on for hours and "
        "ended without a statement from either side.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run_pipeline(
        RunOptions(
            inputs=[inputs],
            out=out,
            db=str(tmp_path / "s.db"),
            quiet=True,
            workers=1,
            components=Selection.parse(["events=test-fixed"]),
        )
    )
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert [e["sub_event_type"] for e in events] == ["Other"]


def test_components_of_another_package_load_through_entry_points(tmp_path: Path, monkeypatch):
    package = tmp_path / "outside_extractor.py"
    package.write_text(
        textwrap.dedent(
            """
            from dataclasses import dataclass

            @dataclass(frozen=True)
            class Config:
                threshold: float = 0.5

            def make(config):
                return ("built", config.threshold)

            make.Config = Config
            """
        )
    )
    info = tmp_path / "outside_extractor-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: outside-extractor\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[storyline.components]\nevents.outside = outside_extractor:make\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    fresh = Registry()
    assert "outside" in fresh.names("events")
    item = fresh.get("events", "outside")
    assert item.defaults() == {"threshold": 0.5}
    assert item.build({"threshold": 0.9}) == ("built", 0.9)
    sys.modules.pop("outside_extractor", None)


def test_a_french_article_is_flagged_and_not_parsed_as_english(tmp_path: Path):
    from storyline.pipeline import RunOptions, run_pipeline

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "fr.txt").write_text(
        "Des avions russes ont bombardé la ville de Talbiseh mercredi, tuant 36 civils, "
        "selon des militants.\n\nLes frappes ont visé un marché et une école du centre-ville, "
        "ont indiqué les secouristes.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run_pipeline(RunOptions(inputs=[inputs], out=out, db=str(tmp_path / "s.db"), quiet=True))
    (article,) = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    assert article["language"] == "fr"
    assert "unsupported-language" in article["flags"]
    assert (out / "events.jsonl").read_text().strip() == ""
    assert (out / "claims.jsonl").read_text().strip() == ""
