"""The ``storyline`` command line."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from storyline.eval import TASKS, EvalReport, MissingData, print_report
from storyline.eval.split import DEFAULT_SPLIT, SPLITS, NoSuchSplit

app = typer.Typer(
    help="Turn piles of scraped conflict news into sourced, deduplicated, structured knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

DEFAULT_DB = "storyline.db"
DEFAULT_DATA = Path("../shared/data")


@app.command()
def run(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Files and folders to read (.txt, .html, .htm, .warc, .warc.gz, .jsonl)."
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Folder that receives articles.jsonl and the report."),
    ] = Path("out"),
    db: Annotated[
        str,
        typer.Option(
            help="Database URL (sqlite:///file.db, postgresql://user@host/db) or a file path."
        ),
    ] = DEFAULT_DB,
    report: Annotated[
        Path | None, typer.Option(help="Where to write the HTML report (default OUT/report.html).")
    ] = None,
    max_size_mb: Annotated[
        float, typer.Option("--max-size-mb", help="Skip input files larger than this.")
    ] = 50.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or table.")] = False,
    aliases: Annotated[
        Path | None,
        typer.Option(help="JSON alias file extending the shipped entity knowledge base."),
    ] = None,
    workers: Annotated[
        int, typer.Option(help="Worker processes for cleaning and analysis (0 = one per core).")
    ] = 0,
    analyse: Annotated[
        bool,
        typer.Option(
            "--analyse/--no-analyse",
            help="Entities, places, events, claims and stories (off: clean and deduplicate only).",
        ),
    ] = True,
) -> None:
    """Read INPUTS, clean and deduplicate the articles, store them, and write the outputs.

    Exits 0 when at least one article was read, 2 when none could be.
    """
    from storyline.pipeline import RunOptions, run_pipeline

    options = RunOptions(
        inputs=inputs,
        out=out,
        db=db,
        report=report,
        max_bytes=int(max_size_mb * 1024 * 1024),
        quiet=quiet,
        aliases=aliases,
        workers=workers,
        analyse=analyse,
    )
    if aliases is not None and not aliases.is_file():
        err.print(f"[red]alias file not found:[/] {aliases}")
        raise typer.Exit(2)
    summary = run_pipeline(options)
    raise typer.Exit(0 if summary.articles_seen > 0 else 2)


@app.command("eval")
def evaluate(
    task: Annotated[str, typer.Argument(help="One of: all, " + ", ".join(TASKS))],
    data: Annotated[
        Path, typer.Option(help="Folder holding the public benchmark data.")
    ] = DEFAULT_DATA,
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N items (for a quick look).")
    ] = None,
    split: Annotated[
        str,
        typer.Option(
            help="dev (tune on this) or test (read once when a change is done); "
            "the fixed split of each task is in docs/measurements.md."
        ),
    ] = DEFAULT_SPLIT,
) -> None:
    """Score one stage on a public benchmark: prints a table, then one summary line.

    `all` runs every task whose data is present and ends with one line for them all.
    """
    if split not in SPLITS:
        err.print(f"[red]unknown split {split!r}[/]; choose one of: {', '.join(SPLITS)}")
        raise typer.Exit(2)
    if task == "all":
        _evaluate_all(data, limit, split)
        return
    if task not in TASKS:
        err.print(f"[red]unknown eval task {task!r}[/]; choose one of: all, {', '.join(TASKS)}")
        raise typer.Exit(2)
    missing = _missing_data(task, data)
    if missing:
        err.print(f"[red]evaluation data missing:[/] {missing}")
        raise typer.Exit(2)
    try:
        result = _run_eval(task, data, limit, split)
    except (MissingData, NoSuchSplit) as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from exc
    print_report(result)


def _missing_data(task: str, data: Path) -> str | None:
    for folder in TASKS[task].data:
        if not (data / folder).exists():
            return (
                f"{data / folder} does not exist. Point --data at the folder that holds "
                f"{folder}/ (default {DEFAULT_DATA})."
            )
    return None


def _run_eval(task: str, data: Path, limit: int | None, split: str) -> EvalReport:
    module = importlib.import_module(TASKS[task].module)
    report: EvalReport = module.evaluate(data, limit=limit, split=split)
    report.split = report.split or split  # every summary line names the split it scored
    return report


def _evaluate_all(data: Path, limit: int | None, split: str) -> None:
    if not data.exists():
        err.print(f"[red]evaluation data missing:[/] {data} does not exist (use --data DIR)")
        raise typer.Exit(2)
    headline: dict[str, str] = {}
    failed = 0
    for name in TASKS:
        missing = _missing_data(name, data)
        if missing:
            err.print(f"[yellow]skipping {name}:[/] {missing}")
            headline[name] = "missing"
            continue
        try:
            result = _run_eval(name, data, limit, split)
        except NoSuchSplit as exc:
            err.print(f"[yellow]skipping {name}:[/] {exc}")
            headline[name] = f"no-{split}-split"
            continue
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            err.print(f"[red]{name} failed:[/] {type(exc).__name__}: {exc}")
            headline[name] = "failed"
            failed += 1
            continue
        print_report(result)
        key, value = next(iter(result.summary.items()))
        headline[name] = f"{key}:{value:.4f}" if isinstance(value, float) else f"{key}:{value}"
    print(f"eval: split={split} " + " ".join(f"{name}={value}" for name, value in headline.items()))
    if failed:
        raise typer.Exit(1)


@app.command()
def status(
    db: Annotated[str, typer.Option(help="Database URL or SQLite file path.")] = DEFAULT_DB,
) -> None:
    """Summarise what the store holds."""
    from storyline.store import open_store

    store = open_store(db, create=False)
    if store is None:
        err.print(f"[red]no Storyline database at {db}[/]; run `storyline run` first")
        raise typer.Exit(2)
    from rich.table import Table

    table = Table(title=f"storyline status ({store.display_url})")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in store.counts().items():
        table.add_row(key, str(value))
    Console().print(table)


@app.command()
def serve(
    db: Annotated[str, typer.Option(help="Database URL or SQLite file path.")] = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Accept POST /api/articles (needs a token).")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="STORYLINE_TOKEN", help="Bearer token for ingest (or STORYLINE_TOKEN)."
        ),
    ] = None,
) -> None:
    """Browse the store in a web app (stories, events, map, articles) with a JSON API.

    Read-only unless --allow-ingest is given together with a token.
    """
    import uvicorn

    from storyline.store import open_store
    from storyline.web import create_app

    if allow_ingest and not token:
        err.print("[red]--allow-ingest needs a token[/] (--token or STORYLINE_TOKEN)")
        raise typer.Exit(2)
    store = open_store(db, create=allow_ingest)
    if store is None:
        err.print(f"[red]no Storyline database at {db}[/]; run `storyline run` first")
        raise typer.Exit(2)
    web_app = create_app(store, allow_ingest=allow_ingest, token=token)
    err.print(f"serving {store.display_url} on http://{host}:{port}/")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command("export")
def export_files(
    format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, csv (ACLED columns), geojson or parquet.")
    ] = "jsonl",
    db: Annotated[str, typer.Option(help="Database URL or SQLite file path.")] = DEFAULT_DB,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path("out"),
) -> None:
    """Write the store's contents as files other tools load (pandas, R, QGIS, spreadsheets)."""
    from storyline.export.tables import FORMATS, export
    from storyline.store import open_store

    if format not in FORMATS:
        err.print(f"[red]unknown format {format!r}[/]; choose one of: {', '.join(FORMATS)}")
        raise typer.Exit(2)
    store = open_store(db, create=False)
    if store is None:
        err.print(f"[red]no Storyline database at {db}[/]; run `storyline run` first")
        raise typer.Exit(2)
    try:
        for path in export(store, format, out):
            Console().print(f"wrote {path}")
    finally:
        store.close()


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover - `python -m storyline.cli`
    main()
