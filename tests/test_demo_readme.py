"""The demo's README promises only what a run shows: its results table matches a fresh run."""

from __future__ import annotations

from pathlib import Path

from storyline.pipeline import RunOptions, run_pipeline
from storyline.store import open_store

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"
# README row -> the store's count
ROWS = {
    "articles": "articles",
    "exact copies": "duplicates",
    "spun rewrites": "spun",
    "syndication groups": "syndication_groups",
    "stories": "stories",
    "contradictions": "contradictions",
    "inputs skipped": "skipped",
}


def _promised() -> dict[str, int]:
    text = (DEMO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## What a run shows today") :]
    section = section[: section.index("\n## ", 1)] if "\n## " in section[1:] else section
    table: dict[str, int] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[1].isdigit():
            table[cells[0]] = int(cells[1])
    return table


def test_demo_readme_table_matches_a_run(tmp_path: Path) -> None:
    promised = _promised()
    assert set(promised) == set(ROWS)
    run_pipeline(
        RunOptions(inputs=[DEMO], out=tmp_path / "out", db=str(tmp_path / "d.db"), quiet=True)
    )
    store = open_store(str(tmp_path / "d.db"), create=False)
    assert store is not None
    counts = store.counts()
    store.close()
    assert {row: counts[key] for row, key in ROWS.items()} == promised
