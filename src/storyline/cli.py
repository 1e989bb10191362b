"""The ``storyline`` command line."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from storyline.eval import TASKS, EvalReport, MissingData, print_report

if TYPE_CHECKING:
    from storyline.store import Store

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
    from storyline import checks
    from storyline.pipeline import RunInterrupted, RunOptions, run_pipeline
    from storyline.store import StoreError

    _refuse(
        *checks.check_inputs(inputs),
        checks.check_positive(max_size_mb, "--max-size-mb"),
        checks.check_positive(workers, "--workers", allow_zero=True),
        checks.check_existing_file(aliases, "--aliases"),
        checks.check_out_folder(out),
        checks.check_out_file(report, "--report", made_folder=out) if report else None,
        checks.check_db(db, create=True),
    )
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
    try:
        summary = run_pipeline(options)
    except StoreError as exc:  # the database failed after the checks (it went away, say)
        _refuse(str(exc))
    except RunInterrupted as exc:
        err.print(str(exc), highlight=False, soft_wrap=True)
        raise typer.Exit(130) from None
    if summary.errors:
        raise typer.Exit(1)
    raise typer.Exit(0 if summary.articles_seen > 0 else 2)


def _refuse(*problems: str | None) -> None:
    """Print each problem on one line and exit 2 when there is any (nothing has been done)."""
    found = [problem for problem in problems if problem]
    for problem in found:
        err.print(f"[red]error:[/] {problem}", highlight=False, soft_wrap=True)
    if found:
        raise typer.Exit(2)


@app.command("eval")
def evaluate(
    task: Annotated[str, typer.Argument(help="One of: all, " + ", ".join(TASKS))],
    data: Annotated[
        Path, typer.Option(help="Folder holding the public benchmark data.")
    ] = DEFAULT_DATA,
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N items (for a quick look).")
    ] = None,
) -> None:
    """Score one stage on a public benchmark: prints a table, then one summary line.

    `all` runs every task whose data is present and ends with one line for them all.
    """
    if task == "all":
        _evaluate_all(data, limit)
        return
    if task not in TASKS:
        err.print(f"[red]unknown eval task {task!r}[/]; choose one of: all, {', '.join(TASKS)}")
        raise typer.Exit(2)
    missing = _missing_data(task, data)
    if missing:
        err.print(f"[red]evaluation data missing:[/] {missing}")
        raise typer.Exit(2)
    try:
        result = _run_eval(task, data, limit)
    except MissingData as exc:
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


def _run_eval(task: str, data: Path, limit: int | None) -> EvalReport:
    module = importlib.import_module(TASKS[task].module)
    return module.evaluate(data, limit=limit)


def _evaluate_all(data: Path, limit: int | None) -> None:
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
            result = _run_eval(name, data, limit)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            err.print(f"[red]{name} failed:[/] {type(exc).__name__}: {exc}")
            headline[name] = "failed"
            failed += 1
            continue
        print_report(result)
        key, value = next(iter(result.summary.items()))
        headline[name] = f"{key}:{value:.4f}" if isinstance(value, float) else f"{key}:{value}"
    print("eval: " + " ".join(f"{name}={value}" for name, value in headline.items()))
    if failed:
        raise typer.Exit(1)


@app.command()
def status(
    db: Annotated[str, typer.Option(help="Database URL or SQLite file path.")] = DEFAULT_DB,
) -> None:
    """Summarise what the store holds."""
    from storyline.checks import check_db

    _refuse(check_db(db, create=False))
    store = _open_existing(db)
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
            envvar="STORYLINE_TOKEN",
            help="Bearer token for ingest. Prefer the STORYLINE_TOKEN environment variable or "
            "--token-file: a token on the command line shows in `ps`.",
        ),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="Read the ingest token from this file (first line)."),
    ] = None,
) -> None:
    """Browse the store in a web app (stories, events, map, articles) with a JSON API.

    Read-only unless --allow-ingest is given together with a token.
    """
    import uvicorn

    from storyline.checks import check_db, check_port
    from storyline.web import create_app

    _refuse(check_port(port), check_db(db, create=allow_ingest))
    if token_file is not None:
        token = _read_token(token_file)
    if allow_ingest and not token:
        err.print("[red]--allow-ingest needs a token[/] (--token or STORYLINE_TOKEN)")
        raise typer.Exit(2)
    store = _open_existing(db, create=allow_ingest)
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
    from storyline.checks import check_db, check_out_folder
    from storyline.export.tables import FORMATS, export

    if format not in FORMATS:
        err.print(f"[red]unknown format {format!r}[/]; choose one of: {', '.join(FORMATS)}")
        raise typer.Exit(2)
    _refuse(check_out_folder(out), check_db(db, create=False))
    store = _open_existing(db)
    if store is None:
        err.print(f"[red]no Storyline database at {db}[/]; run `storyline run` first")
        raise typer.Exit(2)
    try:
        for path in export(store, format, out):
            Console().print(f"wrote {path}")
    finally:
        store.close()


def _read_token(path: Path) -> str:
    """The first line of a token file; a missing or empty file is refused in one line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        _refuse(f"--token-file {path} cannot be read ({exc}); give a file holding the token")
        raise  # not reached: _refuse exits
    token = lines[0].strip() if lines else ""
    _refuse(None if token else f"--token-file {path} is empty; put the token on its first line")
    return token


def _open_existing(db: str, *, create: bool = False) -> Store | None:
    """``open_store`` with its errors as one line (a damaged file, a server gone since)."""
    from storyline.store import StoreError, open_store

    try:
        return open_store(db, create=create)
    except StoreError as exc:
        _refuse(str(exc))
        return None


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover - `python -m storyline.cli`
    main()
