"""Copies, wire reprints and spun rewrites, decided one article at a time and across runs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyline.dedupe import (
    SPUN,
    DedupeConfig,
    DedupeDecision,
    Deduplicator,
    same_story_score,
)
from storyline.dedupe.features import extract, normalise_text
from storyline.dedupe.sketch import Sketch
from storyline.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "dedupe"
NAMES = [
    "original",
    "exact_copy",
    "wire_reprint",
    "spun_rewrite",
    "other_outlet",
    "unrelated",
    "stitched",
]


def text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def article(name: str) -> Article:
    return Article(id=name, input=f"{name}.txt", text=text(name))


def run(names: list[str], deduplicator: Deduplicator | None = None) -> dict[str, Article]:
    if deduplicator is None:
        deduplicator = Deduplicator()
    articles = {name: article(name) for name in names}
    for name in names:
        decision = deduplicator.add(articles[name])
        for update in decision.changed:  # what a caller writes back to the database
            earlier = articles[update.article_id]
            earlier.syndication_group = update.syndication_group
            earlier.duplicate_of = update.duplicate_of
            for flag in update.flags_added:
                earlier.add_flag(flag)
    return articles


def test_exact_copy_points_at_the_first_article_and_forms_a_group() -> None:
    deduplicator = Deduplicator()
    original, copy = article("original"), article("exact_copy")
    first = deduplicator.add(original)
    second = deduplicator.add(copy)
    assert first.relation == "new" and original.syndication_group is None
    assert second.relation == "exact"
    assert copy.duplicate_of == "original"
    assert copy.syndication_group == "original"
    # the first article joins the new group, and the caller is told so
    assert [(u.article_id, u.syndication_group) for u in second.changed] == [
        ("original", "original")
    ]


def test_normalised_text_ignores_case_whitespace_and_punctuation() -> None:
    assert normalise_text(text("original")) == normalise_text(text("exact_copy"))
    assert normalise_text(text("original")) != normalise_text(text("wire_reprint"))


def test_wire_reprint_with_new_intro_and_trimmed_end_joins_the_group() -> None:
    articles = run(["original", "wire_reprint"])
    reprint = articles["wire_reprint"]
    assert reprint.duplicate_of is None
    assert reprint.syndication_group == "original"
    assert articles["original"].syndication_group == "original"
    assert SPUN not in reprint.flags


def test_spun_rewrite_is_flagged_and_grouped_with_its_original() -> None:
    articles = run(["original", "spun_rewrite"])
    assert SPUN in articles["spun_rewrite"].flags
    assert SPUN not in articles["original"].flags
    assert articles["spun_rewrite"].syndication_group == "original"
    assert articles["spun_rewrite"].duplicate_of is None


def test_another_outlets_report_of_the_same_event_is_left_alone() -> None:
    articles = run(["original", "wire_reprint", "spun_rewrite", "other_outlet", "unrelated"])
    for name in ("other_outlet", "unrelated"):
        assert articles[name].syndication_group is None
        assert articles[name].duplicate_of is None
        assert articles[name].flags == []


def test_page_stitched_from_two_articles_is_flagged_spun() -> None:
    articles = run(["original", "unrelated", "stitched"])
    assert SPUN in articles["stitched"].flags
    assert articles["stitched"].syndication_group in {"original", "unrelated"}
    assert SPUN not in articles["original"].flags
    assert SPUN not in articles["unrelated"].flags


def test_rewrite_arriving_before_its_original_gets_the_same_outcome() -> None:
    forward = run(["original", "spun_rewrite", "other_outlet"])
    backward = run(["spun_rewrite", "other_outlet", "original"])
    for articles in (forward, backward):
        assert SPUN in articles["spun_rewrite"].flags
        assert SPUN not in articles["original"].flags
        group = articles["original"].syndication_group
        assert group is not None and articles["spun_rewrite"].syndication_group == group
        assert articles["other_outlet"].syndication_group is None
    # the group is named after whichever member arrived first
    assert backward["original"].syndication_group == "spun_rewrite"


def test_original_arriving_after_an_unflagged_rewrite_flags_it_through_changed() -> None:
    # with flagging on text cues alone switched off, only the original can reveal the rewrite
    deduplicator = Deduplicator(DedupeConfig(standalone_odd_variants=1000))
    rewrite = Article(id="rewrite", input="r", text=text("spun_rewrite"))
    assert deduplicator.add(rewrite).flags_added == []
    decision = deduplicator.add(article("original"))
    assert decision.relation == "spun-original"
    changed = {update.article_id: update for update in decision.changed}
    assert changed["rewrite"].flags_added == [SPUN]
    assert changed["rewrite"].syndication_group == "rewrite"


def decisions_of(names: list[str], deduplicator: Deduplicator) -> list[tuple[object, ...]]:
    results: list[DedupeDecision] = [deduplicator.add(article(name)) for name in names]
    return [
        (d.article_id, d.relation, d.duplicate_of, d.syndication_group, d.flags_added, d.related)
        for d in results
    ]


def test_state_round_trip_primes_a_new_deduplicator_to_the_same_decisions() -> None:
    first_run, second_run = NAMES[:3], NAMES[3:]
    single = decisions_of(first_run + second_run, Deduplicator())

    earlier = Deduplicator()
    stored = run(first_run, earlier)
    states = {name: earlier.state(name) for name in first_run}
    primed = Deduplicator()
    for name in first_run:  # as a caller reloads the database, in arrival order
        primed.load(
            name,
            states[name],
            syndication_group=stored[name].syndication_group,
            duplicate_of=stored[name].duplicate_of,
            flags=stored[name].flags,
        )
    assert decisions_of(second_run, primed) == single[len(first_run) :]


def test_state_is_compact_and_decodes_to_the_same_sketch() -> None:
    deduplicator = Deduplicator()
    deduplicator.add(article("original"))
    state = deduplicator.state("original")
    assert len(state) < 2_000  # signatures + per-sentence word hashes of a 200-word article
    sketch = Sketch.from_bytes(state)
    assert sketch.to_bytes() == state
    assert np.array_equal(
        sketch.words, extract(text("original")).words
    )  # nothing recomputed differently on load
    with pytest.raises(ValueError, match="not a dedupe state"):
        Sketch.from_bytes(b"XXX" + state[3:])


def test_adding_the_same_article_twice_changes_nothing() -> None:
    deduplicator = Deduplicator()
    deduplicator.add(article("original"))
    again = deduplicator.add(article("original"))
    assert again.changed == [] and again.duplicate_of is None
    assert len(deduplicator) == 1


def test_same_story_score_ranks_copies_rewrites_reports_and_unrelated_stories() -> None:
    original = text("original")
    scores = {name: same_story_score(original, text(name)) for name in NAMES[1:]}
    assert all(0.0 <= score <= 1.0 for score in scores.values())
    assert scores["exact_copy"] == pytest.approx(1.0)
    assert scores["wire_reprint"] > 0.9
    assert scores["spun_rewrite"] > scores["other_outlet"] > scores["unrelated"]
    assert scores["unrelated"] < 0.4
    assert same_story_score("", original) == 0.0


def test_copy_edited_wire_story_is_grouped_but_not_called_spun() -> None:
    articles = run(["original", "edited_copy"])
    assert articles["edited_copy"].syndication_group == "original"
    assert SPUN not in articles["edited_copy"].flags
    assert SPUN not in articles["original"].flags


def test_throughput_measure_runs_on_plain_texts(tmp_path: Path) -> None:
    from storyline.dedupe.throughput import measure, read_texts

    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text('{"text": "One short line about a strike."}\n', encoding="utf-8")
    texts = read_texts([FIXTURES / "original.txt", jsonl])
    result = measure(texts, passes=1)
    assert result["articles"] == 2 and result["articles_per_s"] > 0


def test_the_earliest_published_exact_copy_is_the_original_whatever_arrives_first() -> None:
    # The later copy's file name sorts first, so it arrives first.
    copy, original = article("exact_copy"), article("original")
    copy.published, original.published = "2024-10-02", "2024-09-30"
    deduplicator = Deduplicator()
    deduplicator.add(copy)
    decision = deduplicator.add(original)
    assert original.duplicate_of is None
    assert decision.relation == "exact-original"
    assert [(u.article_id, u.duplicate_of) for u in decision.changed] == [
        ("exact_copy", "original")
    ]
    third = article("exact_copy")
    third.id, third.published = "third", "2024-10-05"
    deduplicator.add(third)
    assert third.duplicate_of == "original"


def test_without_dates_the_first_arrival_stays_the_original() -> None:
    copy, original = article("exact_copy"), article("original")
    deduplicator = Deduplicator()
    deduplicator.add(copy)
    deduplicator.add(original)
    assert original.duplicate_of == "exact_copy" and copy.duplicate_of is None
