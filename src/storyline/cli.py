"""The ``storyline`` command line."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from storyline import __version__
from storyline.cli_help import Command as _Command
from storyline.cli_help import Group as _Group
from storyline.eval import TASKS, EvalReport, MissingData, print_report
from storyline.eval.split import DEFAULT_SPLIT, SPLITS, NoSuchSplit

if TYPE_CHECKING:
    from storyline.components import Selection
    from storyline.store import Store

app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Turn piles of scraped conflict news into sourced, deduplicated, structured knowledge.

    Example:  storyline run scrapes/ --out out/  then open out/report.html
    """


DEFAULT_DB = "storyline.db"
DEFAULT_DATA = Path("../shared/data")


@app.command(cls=_Command)
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
    component: Annotated[
        list[str] | None,
        typer.Option(
            "--component",
            "-c",
            metavar="KIND=NAME",
            help="Choose an analysis component (events=rules) or set an option "
            "(events.background_days=45); repeatable. See `storyline components`.",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help='TOML file choosing components ([components] events = "rules") and their '
            "options ([events] background_days = 45); --component flags win.",
        ),
    ] = None,
) -> None:
    """Read INPUTS, clean and deduplicate the articles, store them, and write the outputs.

    Analysis (entities, places, events, claims, stories) runs too unless --no-analyse. The
    outputs are OUT/*.jsonl and OUT/report.html, rewritten from the whole store each time.
    Exits 0 when at least one article was read, 2 when none could be.

    Example:  storyline run scrapes/ --out out/ --db news.db
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
    selection = _selection(component, config)
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
        components=selection,
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


def _selection(component: list[str] | None, config: Path | None) -> Selection:
    """The components a command was asked for, checked before any work (one line, exit 2)."""
    from storyline.components import ComponentError, Selection, registry

    try:
        selection = Selection.parse(component or [], config)
        registry.check(selection)
    except (ComponentError, OSError, ValueError) as exc:
        err.print(f"[red]error:[/] --component/--config: {exc}")
        raise typer.Exit(2) from None
    return selection


def _refuse(*problems: str | None) -> None:
    """Print each problem on one line and exit 2 when there is any (nothing has been done)."""
    found = [problem for problem in problems if problem]
    for problem in found:
        err.print(f"[red]error:[/] {problem}", highlight=False, soft_wrap=True)
    if found:
        raise typer.Exit(2)


@app.command("components", cls=_Command)
def components() -> None:
    """List the registered analysis components of each kind, with their options and defaults.

    Example: storyline components
    """
    from rich.table import Table

    from storyline.components import KINDS, registry

    table = Table(title="Analysis components (choose with --component KIND=NAME)")
    for column in ("kind", "name", "what it does", "options (defaults)"):
        table.add_column(column)
    for kind in KINDS:
        for name in registry.names(kind):
            item = registry.get(kind, name)
            options = ", ".join(f"{k}={v!r}" for k, v in item.defaults().items()) or "-"
            table.add_row(kind, name, item.description, options)
    Console().print(table)


@app.command("eval", cls=_Command)
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
    run_dir: Annotated[
        Path | None,
        typer.Option(help="events-e2e: score this `storyline run --out` folder, no new run."),
    ] = None,
    skip: Annotated[
        list[str] | None, typer.Option(help="With `all`: leave this task out (repeatable).")
    ] = None,
) -> None:
    """Score one stage on a public benchmark: prints a table, then one summary line.

    `all` runs every task whose data is present and ends with one line for them all. The data
    are public benchmark sets you download yourself; point --data at their folder.

    Example:  storyline eval geocoding --data ~/benchmarks
    """
    if split not in SPLITS:
        err.print(f"[red]unknown split {split!r}[/]; choose one of: {', '.join(SPLITS)}")
        raise typer.Exit(2)
    options: dict[str, object] = {"limit": limit, "split": split}
    if run_dir is not None:
        if task not in TASKS or "run_dir" not in _parameters(task):
            err.print(f"[red]--run-dir scores one run folder; {task} cannot take one[/]")
            raise typer.Exit(2)
        options["run_dir"] = run_dir
    if task == "all":
        unknown = sorted(set(skip or []) - set(TASKS))
        if unknown:
            err.print(f"[red]unknown eval task to skip: {', '.join(unknown)}[/]")
            raise typer.Exit(2)
        _evaluate_all(data, options, set(skip or []))
        return
    if task not in TASKS:
        err.print(f"[red]unknown eval task {task!r}[/]; choose one of: all, {', '.join(TASKS)}")
        raise typer.Exit(2)
    missing = _missing_data(task, data)
    if missing:
        err.print(f"[red]evaluation data missing:[/] {missing}")
        raise typer.Exit(2)
    try:
        result = _run_eval(task, data, options)
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


def _run_eval(task: str, data: Path, options: dict[str, object]) -> EvalReport:
    """Call the task's evaluate with the options it takes; every summary line names its split."""
    accepted = _parameters(task)
    module = importlib.import_module(TASKS[task].module)
    report: EvalReport = module.evaluate(
        data, **{k: v for k, v in options.items() if k in accepted}
    )
    report.split = report.split or str(options["split"])
    return report


def _parameters(task: str) -> set[str]:
    """The keyword arguments the task's evaluate takes."""
    module = importlib.import_module(TASKS[task].module)
    return set(inspect.signature(module.evaluate).parameters)


def _evaluate_all(data: Path, options: dict[str, object], skip: set[str]) -> None:
    if not data.exists():
        err.print(f"[red]evaluation data missing:[/] {data} does not exist (use --data DIR)")
        raise typer.Exit(2)
    headline: dict[str, str] = {}
    failed = 0
    for name in TASKS:
        if name in skip:
            continue
        missing = _missing_data(name, data)
        if missing:
            err.print(f"[yellow]skipping {name}:[/] {missing}")
            headline[name] = "missing"
            continue
        try:
            result = _run_eval(name, data, options)
        except NoSuchSplit as exc:
            err.print(f"[yellow]skipping {name}:[/] {exc}")
            headline[name] = f"no-{options['split']}-split"
            continue
        except MissingData as exc:
            err.print(f"[yellow]skipping {name}:[/] {exc}")
            headline[name] = "missing"
            continue
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            err.print(f"[red]{name} failed:[/] {type(exc).__name__}: {exc}")
            headline[name] = "failed"
            failed += 1
            continue
        print_report(result)
        key, value = next((k, v) for k, v in result.summary.items() if k != "split")
        headline[name] = f"{key}:{value:.4f}" if isinstance(value, float) else f"{key}:{value}"
    print(
        f"eval: split={options['split']} "
        + " ".join(f"{name}={value}" for name, value in headline.items())
    )
    if failed:
        raise typer.Exit(1)


@app.command(cls=_Command)
def status(
    db: Annotated[str, typer.Option(help="Database URL or SQLite file path.")] = DEFAULT_DB,
) -> None:
    """Say what the store holds: articles and their dates, publishers, languages, findings.

    Example:  storyline status --db news.db
    """
    from storyline.checks import check_db

    _refuse(check_db(db, create=False))
    store = _open_existing(db)
    if store is None:
        err.print(f"[red]no Storyline database at {db}[/]; run `storyline run` first")
        raise typer.Exit(2)
    try:
        from storyline.status import status_lines

        for line in status_lines(store):
            typer.echo(line)
    finally:
        store.close()


@app.command(cls=_Command)
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
    aliases: Annotated[
        Path | None,
        typer.Option(help="Alias file for posted articles, as `storyline run --aliases`."),
    ] = None,
    component: Annotated[
        list[str] | None,
        typer.Option(
            "--component",
            "-c",
            metavar="KIND=NAME",
            help="Analysis components for posted articles, as `storyline run --component`.",
        ),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="Read the ingest token from this file (first line)."),
    ] = None,
) -> None:
    """Browse the store in a web app (stories, events, map, articles) with a JSON API.

    Read-only unless --allow-ingest is given together with a token.

    Example:  storyline serve --db news.db --port 8000
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
    selection = _selection(component, None)
    web_app = create_app(
        store, allow_ingest=allow_ingest, token=token, aliases=aliases, components=selection
    )
    err.print(f"serving {store.display_url} on http://{host}:{port}/")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command("export", cls=_Command)
def export_files(
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="jsonl, csv (ACLED columns), geojson, parquet, or all of them.",
        ),
    ] = "jsonl",
    db: Annotated[str, typer.Option(help="Database URL or SQLite file path.")] = DEFAULT_DB,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path("out"),
    date_from: Annotated[
        str | None, typer.Option("--date-from", help="Only events from this day on (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--date-to", help="Only events up to this day (YYYY-MM-DD).")
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--event-type", help="Only this ACLED event type (any case).")
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(help="Only events placed in this country (ISO code such as SY, or name)."),
    ] = None,
    story: Annotated[
        str | None, typer.Option(help="Only this story (its id): events, articles, claims.")
    ] = None,
) -> None:
    """Write the store's contents as files other tools load (pandas, R, QGIS, spreadsheets).

    Filters narrow the events; --story also narrows articles, claims and stories, and a date
    range narrows articles to those published in it.

    Example:  storyline export --format csv --country SY --date-from 2015-09-30 --out exports/
    """
    from storyline.checks import check_db, check_out_folder
    from storyline.export.filters import ExportFilter
    from storyline.export.tables import ALL, FORMATS, export

    if format not in (*FORMATS, ALL):
        err.print(f"[red]unknown format {format!r}[/]; choose one of: {', '.join((*FORMATS, ALL))}")
        raise typer.Exit(2)
    try:
        filters = ExportFilter(
            date_from=date_from,
            date_to=date_to,
            event_type=event_type,
            country=country,
            story_id=story,
        )
    except ValueError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from exc
    _refuse(check_out_folder(out), check_db(db, create=False))
    store = _open_existing(db)
    if store is None:
        err.print(f"[red]no Storyline database at {db}[/]; run `storyline run` first")
        raise typer.Exit(2)
    try:
        for path in export(store, format, out, filters):
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
