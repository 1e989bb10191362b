"""The shape every evaluation prints: a table, then one machine-readable summary line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


class MissingData(RuntimeError):
    """Raised when a benchmark's files are not where the user pointed us."""

    def __init__(self, path: Path, hint: str = "") -> None:
        self.path = path
        message = f"evaluation data missing: {path} does not exist"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


@dataclass(slots=True)
class EvalReport:
    task: str
    columns: list[str]
    rows: list[list[Any]]
    summary: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    split: str | None = None  # "dev" or "test" (storyline.eval.split); named first in the line

    def summary_line(self) -> str:
        parts = [f"split={self.split}"] if self.split else []
        parts += [f"{key}={_format_value(value)}" for key, value in self.summary.items()]
        return f"{self.task}: " + " ".join(parts)


def _format_value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}" if abs(value) < 10 else f"{value:.2f}"
    return str(value).replace(" ", "_")


def print_report(report: EvalReport, console: Console | None = None) -> None:
    if console is None:
        # Piped to a file or a log, a table cut to 80 columns loses its figures: go wide.
        console = Console()
        if not console.is_terminal:
            console = Console(width=200)
    title = f"storyline eval {report.task}" + (f" ({report.split})" if report.split else "")
    table = Table(title=title)
    for column in report.columns:
        table.add_column(column)
    for row in report.rows:
        table.add_row(*[_format_value(cell) for cell in row])
    console.print(table)
    for note in report.notes:
        console.print(note, highlight=False, soft_wrap=True)
    # The summary line goes last and unstyled so scripts can read it with `tail -1`.
    print(report.summary_line(), flush=True)
