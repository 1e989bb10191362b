"""The main job: inputs in, stored articles and output files out.

Data flows one way: ingest -> clean -> dedupe -> store -> outputs. Cleaning is the expensive
step and runs in worker processes; deduplication and storage stay in the main process because
they depend on order (the earliest copy is the original) and on one database connection.
Each input file is committed in its own transaction, so a killed run loses at most the file it
was on, and the next run skips every file already committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline.analysis import ANALYSIS_VERSION, ArticleAnalysis, analyse_articles
from storyline.assemble import assemble_stories
from storyline.clean.document import CleanConfig, clean_document
from storyline.components import Selection
from storyline.dedupe import Deduplicator
from storyline.ingest import InputFile, discover, read_bytes, read_documents
from storyline.ingest.discover import DEFAULT_MAX_BYTES
from storyline.model import Article, SkippedInput
from storyline.places.home import PlaceVotes, publisher_key
from storyline.places.resolver import HomeProfile
from storyline.store import Store, open_store


@dataclass(slots=True)
class RunOptions:
    inputs: list[Path]
    out: Path | None = Path("out")
    db: str = "storyline.db"
    report: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    quiet: bool = False
    workers: int = 0  # 0 = one per core
    clean: CleanConfig = field(default_factory=CleanConfig)
    analyse: bool = True  # entities, places, dates, events and claims
    aliases: Path | None = None  # user alias file extending the shipped knowledge base
    components: Selection = field(default_factory=Selection)  # which analysis components


@dataclass(slots=True)
class RunSummary:
    files_found: int = 0
    files_read: int = 0
    files_already_stored: int = 0
    documents: int = 0
    articles_new: int = 0
    articles_known: int = 0  # documents whose article was already stored (same content)
    copies: int = 0
    rewrites: int = 0
    syndicated: int = 0
    skipped: list[SkippedInput] = field(default_factory=list)
    articles_analysed: int = 0
    events: int = 0  # incidents read per article, before reports of one incident are merged
    incidents: int = 0  # events after merging across the articles of each story touched
    claims: int = 0
    stories_touched: int = 0
    peer_dated: int = 0
    contradictions: int = 0
    seconds: float = 0.0
    phase_seconds: dict[str, float] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # shown even with --quiet
    errors: list[str] = field(default_factory=list)  # a phase that must run again

    @property
    def articles_seen(self) -> int:
        """Articles this run read, new or already in the store: decides the exit code."""
        return self.articles_new + self.articles_known

    def as_dict(self) -> dict[str, object]:
        return {
            "files_found": self.files_found,
            "files_read": self.files_read,
            "files_already_stored": self.files_already_stored,
            "documents": self.documents,
            "articles_new": self.articles_new,
            "articles_known": self.articles_known,
            "copies": self.copies,
            "rewrites": self.rewrites,
            "syndicated": self.syndicated,
            "skipped": len(self.skipped),
            "articles_analysed": self.articles_analysed,
            "events": self.events,
            "incidents": self.incidents,
            "claims": self.claims,
            "stories_touched": self.stories_touched,
            "peer_dated": self.peer_dated,
            "contradictions": self.contradictions,
            "seconds": round(self.seconds, 2),
            "phase_seconds": {name: round(value, 2) for name, value in self.phase_seconds.items()},
            "warnings": list(self.warnings),
            "errors": list(self.errors),
        }


@dataclass(slots=True)
class FileResult:
    """What a worker made of one input file."""

    file: InputFile
    sha256: str
    data: bytes
    articles: list[Article]
    problems: list[SkippedInput]


def process_file(
    file: InputFile,
    data: bytes,
    sha256: str,
    config: CleanConfig,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FileResult:
    """Read and clean one file; runs in a worker process, so it touches no shared state."""
    read = read_documents(file, data, max_bytes=max_bytes)
    problems = list(read.problems)
    articles: list[Article] = []
    for document in read.documents:
        try:
            outcome = clean_document(document, config)
        except Exception as exc:  # a cleaner bug on one page must not cost the whole file
            detail = f"{type(exc).__name__}: {exc}"
            outcome = SkippedInput(document.input, "cleaning failed", detail)
        if isinstance(outcome, SkippedInput):
            problems.append(outcome)
        else:
            articles.append(outcome)
    return FileResult(file, sha256, data, articles, problems)


def run_pipeline(options: RunOptions, console: Console | None = None) -> RunSummary:
    console = console or Console(stderr=True)
    started = time.perf_counter()
    summary = RunSummary()
    store = open_store(options.db)
    assert store is not None
    run_id = store.start_run({"inputs": [str(p) for p in options.inputs], "db": options.db})
    status = "failed"
    try:
        files: list[InputFile] = []
        for found in discover(options.inputs, max_bytes=options.max_bytes):
            if isinstance(found, SkippedInput):
                _skip(store, run_id, summary, found)
            else:
                files.append(found)
        summary.files_found = len(files)
        copies = CopyIndex(store, on_wait=_waiting_notice(console))
        with _progress(console, quiet=options.quiet) as progress:
            task = progress.add_task("reading", total=len(files))
            for result in _cleaned(files, store, run_id, summary, options):
                _store_file(store, run_id, result, copies, summary)
                progress.update(task, advance=1, description=f"{summary.articles_new} new articles")
            summary.phase_seconds["read, clean, dedupe, store"] = time.perf_counter() - started
            if options.analyse:
                _analyse(store, run_id, summary, options, progress, console)
        if options.out is not None:
            mark = time.perf_counter()
            summary.outputs = write_outputs(store, options.out, options.report)
            summary.phase_seconds["outputs"] = time.perf_counter() - mark
        status = "failed" if summary.errors else "finished"
    except KeyboardInterrupt as exc:
        status = "interrupted"
        raise RunInterrupted(summary.files_read) from exc
    finally:
        summary.seconds = time.perf_counter() - started
        with _no_interrupts():  # a second Ctrl-C must not leave the run unrecorded
            store.finish_run(run_id, summary.as_dict(), status=status)
            store.close()
    if not options.quiet:
        print_summary(summary, console)
    return summary


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C: the run is recorded ``interrupted``; every committed file stays committed."""

    def __init__(self, files_committed: int) -> None:
        super().__init__(files_committed)
        self.files_committed = files_committed

    def __str__(self) -> str:
        return f"interrupted: {self.files_committed} files committed; run again to continue"


@contextmanager
def _no_interrupts() -> Iterator[None]:
    """Hold Ctrl-C off while the run's record is written (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C reaches the whole process group, but only the main process
    decides what an interrupt means (workers printing tracebacks helps nobody)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _cleaned(
    files: list[InputFile],
    store: Store,
    run_id: int,
    summary: RunSummary,
    options: RunOptions,
) -> Iterator[FileResult]:
    """Clean files in worker processes, yielding results in input order.

    At most a few files per worker are in flight, so memory stays flat on huge inputs.
    """
    workers = options.workers or os.cpu_count() or 1
    executor: Executor | None = None
    if workers > 1 and len(files) > 4:
        executor = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
    pending: deque[Future[FileResult] | FileResult] = deque()
    window = max(4, workers * 4)
    try:
        for file in files:
            data = read_bytes(file)
            if isinstance(data, SkippedInput):
                _skip(store, run_id, summary, data)
                continue
            sha256 = hashlib.sha256(data).hexdigest()
            if store.input_done(sha256):
                summary.files_already_stored += 1
                summary.articles_known += store.article_count(input_sha256=sha256)
                continue
            if executor is None:
                pending.append(process_file(file, data, sha256, options.clean, options.max_bytes))
            else:
                pending.append(
                    executor.submit(
                        process_file, file, data, sha256, options.clean, options.max_bytes
                    )
                )
            while len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)


def _result(item: Future[FileResult] | FileResult) -> FileResult:
    return item.result() if isinstance(item, Future) else item


def _waiting_notice(console: Console) -> Callable[[], None]:
    """Say once per run that another run holds the store, before waiting for it."""
    said = False

    def notice() -> None:
        nonlocal said
        if not said:
            console.print(
                "another storyline run is writing to this store; waiting for it to finish",
                highlight=False,
            )
            said = True

    return notice


class CopyIndex:
    """The copy detector and the store it reflects, kept current under the writer lock.

    Another run may store articles between two of this run's files; before each file the
    detector is rebuilt from the store when the newest article is not the one it last saw, so
    copies split across overlapping runs are still found (by exact text hash and by sketch).
    """

    def __init__(self, store: Store, *, on_wait: Callable[[], None] | None = None) -> None:
        self.on_wait = on_wait
        with store.writer_lock(on_wait):
            self.deduplicator = prime_deduplicator(store)
            self.seen_seq = store.max_seq()

    def refresh(self, store: Store) -> Deduplicator:
        """The detector, rebuilt if someone else added articles; call holding the lock."""
        newest = store.max_seq()
        if newest != self.seen_seq:
            self.deduplicator = prime_deduplicator(store)
            self.seen_seq = newest
        return self.deduplicator


def prime_deduplicator(store: Store) -> Deduplicator:
    """Rebuild the copy detector's index from what earlier runs stored, without re-hashing."""
    deduplicator = Deduplicator()
    states = dict(store.iter_features("dedupe"))
    if states:
        for article in store.iter_articles(ids=list(states)):
            deduplicator.load(
                article.id,
                states[article.id],
                syndication_group=article.syndication_group,
                duplicate_of=article.duplicate_of,
                flags=article.flags,
            )
    return deduplicator


def analyse_pending(
    store: Store,
    run_id: int,
    *,
    workers: int = 0,
    aliases: Path | None = None,
    on_article: Callable[[ArticleAnalysis, SkippedInput | None], None] | None = None,
    components: Selection | None = None,
) -> list[ArticleAnalysis]:
    """Understand every stored article not analysed yet (so a killed run picks up here too).

    Results are stored one article at a time; an article whose analysis failed is recorded as
    skipped with the reason, and stored as analysed with what could be read.
    """
    done = store.analysed_ids(ANALYSIS_VERSION)
    todo = [article for article in store.iter_articles() if article.id not in done]
    by_id = {article.id: article for article in todo}
    own_votes = article_votes(todo)
    votes = saved_publisher_votes(store)
    for publisher, article_vote in own_votes.values():
        votes.setdefault(publisher, PlaceVotes()).merge(article_vote)
    homes = _publisher_homes(votes)
    results = []
    for result in analyse_articles(
        todo,
        workers=workers,
        aliases=aliases,
        homes={k: home for k, home in homes.items() if home is not None},
        selection=components,
    ):
        problem = None
        if result.problem:
            problem = SkippedInput(
                by_id[result.article_id].input, "analysis failed", result.problem
            )
            store.record_skip(run_id, problem)
        if result.flags:
            article = by_id[result.article_id]
            for flag in result.flags:
                article.add_flag(flag)
            with store.transaction() as txn:
                txn.update_article(article.id, flags=list(article.flags))
        features = {}
        if result.article_id in own_votes:
            features[VOTES_FEATURE] = _votes_bytes(*own_votes[result.article_id])
        store.save_analysis(
            result.article_id,
            **result.rows(),
            version=ANALYSIS_VERSION,
            features=features,
        )
        results.append(result)
        if on_article:
            on_article(result, problem)
    return results


# Publisher place votes: each analysed article's own votes are saved with its analysis (one
# transaction), so a killed run keeps exactly the votes of the articles it finished. Stores
# from before keep their summed votes under HOME_STATE_KEY, read but no longer written.
HOME_STATE_KEY = "publisher_places"
VOTES_FEATURE = "place_votes"


def _publisher_homes(votes: dict[str, PlaceVotes]) -> dict[str, HomeProfile | None]:
    """Each publisher's home, from its votes and the town its key may name."""
    if not votes:
        return {}
    from storyline.places import load_gazetteer

    gazetteer = load_gazetteer()
    return {publisher: v.profile(publisher, gazetteer) for publisher, v in votes.items()}


def publisher_votes(store: Store, articles: list[Article]) -> dict[str, PlaceVotes]:
    """Stored place votes per publisher, plus the votes of the articles about to be analysed."""
    votes = saved_publisher_votes(store)
    for publisher, article_vote in article_votes(articles).values():
        votes.setdefault(publisher, PlaceVotes()).merge(article_vote)
    return votes


def saved_publisher_votes(store: Store) -> dict[str, PlaceVotes]:
    """The votes of every article analysed so far, summed per publisher."""
    saved = store.get_state(HOME_STATE_KEY)
    votes = {k: PlaceVotes.from_json(v) for k, v in json.loads(saved or b"{}").items()}
    for _, data in store.iter_features(VOTES_FEATURE):
        record = json.loads(data)
        article_vote = PlaceVotes.from_json(record["votes"])
        votes.setdefault(record["publisher"], PlaceVotes()).merge(article_vote)
    return votes


def article_votes(articles: list[Article]) -> dict[str, tuple[str, PlaceVotes]]:
    """(publisher, the article's own place votes) per article id, for articles with a publisher."""
    if not articles:
        return {}
    from storyline.places import load_gazetteer

    gazetteer = load_gazetteer()
    votes: dict[str, tuple[str, PlaceVotes]] = {}
    for article in articles:
        publisher = publisher_key(article.url, article.publisher)
        if publisher:
            own = PlaceVotes()
            own.add_text(article.text, gazetteer)
            votes[article.id] = (publisher, own)
    return votes


def _votes_bytes(publisher: str, votes: PlaceVotes) -> bytes:
    # Unpruned (to_json drops small shares): the sum over articles must not depend on batching.
    record = {"names": votes.names, "countries": votes.countries, "admin1": votes.admin1}
    return json.dumps({"publisher": publisher, "votes": record}, sort_keys=True).encode()


def _analyse(
    store: Store,
    run_id: int,
    summary: RunSummary,
    options: RunOptions,
    progress: Progress | _NullProgress,
    console: Console,
) -> None:
    task = progress.add_task("understanding", total=None)

    def count(result: ArticleAnalysis, problem: SkippedInput | None) -> None:
        summary.articles_analysed += 1
        summary.events += len(result.events)
        summary.claims += len(result.claims)
        if problem is not None:
            summary.skipped.append(problem)
        progress.update(task, advance=1, description=f"{summary.events} events")

    # Analysis and stories are one store-wide phase: a second run waits here, then finds its
    # work done (or only its own new articles left), instead of clustering articles that
    # another run has stored but not analysed yet.
    with store.writer_lock(_waiting_notice(console)):
        mark = time.perf_counter()
        analysed = analyse_pending(
            store,
            run_id,
            workers=options.workers,
            aliases=options.aliases,
            on_article=count,
            components=options.components,
        )
        summary.phase_seconds["analysis"] = time.perf_counter() - mark
        if not _encoder_ready(summary, console):
            return
        mark = time.perf_counter()
        stories = assemble_stories(store, rebuild=storied_before_analysis(store, analysed))
        summary.phase_seconds["stories"] = time.perf_counter() - mark
    summary.stories_touched = stories.stories_touched
    summary.peer_dated = stories.peer_dated
    summary.contradictions = stories.contradictions
    summary.incidents = stories.events


def _encoder_ready(summary: RunSummary, console: Console) -> bool:
    """Say when stories are built without the embedding model; refuse to build them when the
    model is installed but would not load (the next run assembles them)."""
    from storyline.embed import EncoderError, encoder_problem

    try:
        missing = encoder_problem()
    except EncoderError as exc:
        summary.errors.append(f"{exc}; stories were not assembled: run again to assemble them")
        console.print(f"[red]error:[/] {summary.errors[-1]}", highlight=False, soft_wrap=True)
        return False
    if missing:
        summary.warnings.append(
            f"{missing}: stories are clustered on words alone, and can differ from a run "
            "with the model"
        )
        warning = f"[yellow]warning:[/] {summary.warnings[-1]}"
        console.print(warning, highlight=False, soft_wrap=True)
    return True


def storied_before_analysis(store: Store, analysed: list[ArticleAnalysis]) -> list[str]:
    """Articles just analysed that already had a story: their stories lack what was just
    found (a store left so by an older, unlocked overlap or crash), so they are rebuilt."""
    ids = [result.article_id for result in analysed]
    return [article.id for article in store.iter_articles(ids) if article.story_id is not None]


@dataclass(slots=True)
class StoredFile:
    """What storing one cleaned file did: ids of new and already-known articles."""

    new: list[Article] = field(default_factory=list)
    known: list[str] = field(default_factory=list)


def store_file(
    store: Store, run_id: int, result: FileResult, copies: CopyIndex | Deduplicator
) -> StoredFile:
    """Record a cleaned file's problems, then store its articles in one transaction.

    Each new article goes through the copy detector first; earlier articles whose copy group
    changed because of it are updated in the same transaction. With a ``CopyIndex`` this runs
    under the store's writer lock, the detector refreshed first.
    """
    if not isinstance(copies, CopyIndex):
        return _store_file_locked(store, run_id, result, copies)
    with store.writer_lock(copies.on_wait):
        stored = _store_file_locked(store, run_id, result, copies.refresh(store))
        copies.seen_seq = store.max_seq()
    return stored


def _store_file_locked(
    store: Store, run_id: int, result: FileResult, deduplicator: Deduplicator
) -> StoredFile:
    for problem in result.problems:
        store.record_skip(run_id, problem)
    stored = StoredFile()
    this_file: dict[str, Article] = {}
    with store.transaction() as txn:
        txn.save_input(
            result.sha256, str(result.file.path), result.file.size, result.file.kind, result.data
        )
        for article in result.articles:
            if article.id in deduplicator:
                stored.known.append(article.id)  # the same document, stored from elsewhere
                continue
            decision = deduplicator.add(article)
            this_file[article.id] = article
            features = {"dedupe": deduplicator.state(article.id)}
            if txn.save_article(
                article, input_sha256=result.sha256, locator=article.input, features=features
            ):
                stored.new.append(article)
            else:
                stored.known.append(article.id)
            for update in decision.changed:
                if update.article_id == article.id:
                    continue
                earlier = this_file.get(update.article_id) or store.get_article(update.article_id)
                flags = list(earlier.flags) if earlier else []
                flags += [flag for flag in update.flags_added if flag not in flags]
                txn.update_article(
                    update.article_id,
                    duplicate_of=update.duplicate_of,
                    syndication_group=update.syndication_group,
                    flags=flags,
                )
                if update.article_id in this_file:
                    earlier_here = this_file[update.article_id]
                    earlier_here.duplicate_of = update.duplicate_of
                    earlier_here.syndication_group = update.syndication_group
                    earlier_here.flags = flags
        txn.mark_input_done(result.sha256)
    return stored


def _store_file(
    store: Store,
    run_id: int,
    result: FileResult,
    copies: CopyIndex,
    summary: RunSummary,
) -> None:
    stored = store_file(store, run_id, result, copies)
    summary.files_read += 1  # counted once committed: what an interrupted run keeps
    summary.documents += len(result.articles)
    summary.skipped.extend(result.problems)
    summary.articles_known += len(stored.known)
    summary.articles_new += len(stored.new)
    for article in stored.new:
        summary.copies += article.duplicate_of is not None
        summary.rewrites += "spun" in article.flags
        summary.syndicated += article.syndication_group is not None


def _skip(store: Store, run_id: int, summary: RunSummary, skipped: SkippedInput) -> None:
    summary.skipped.append(skipped)
    store.record_skip(run_id, skipped)


def write_outputs(store: Store, out: Path, report: Path | None) -> list[Path]:
    """Write every output file fresh from the store (not from this run's memory)."""
    from storyline.export.tables import write_contract_jsonl
    from storyline.report.html import write_report

    out.mkdir(parents=True, exist_ok=True)
    written = write_contract_jsonl(store, out)
    written.append(write_report(store, report or out / "report.html"))
    return written


class _NullProgress:
    def __enter__(self) -> _NullProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, *args: object, **kwargs: object) -> int:
        return 0

    def update(self, *args: object, **kwargs: object) -> None:
        return None


def _progress(console: Console, *, quiet: bool) -> Progress | _NullProgress:
    if quiet or not console.is_terminal:
        return _NullProgress()
    return Progress(
        TextColumn("[bold]storyline[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def print_summary(summary: RunSummary, console: Console) -> None:
    table = Table(title="storyline run", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("files found", str(summary.files_found))
    table.add_row("files read", str(summary.files_read))
    table.add_row("files already stored", str(summary.files_already_stored))
    table.add_row("new articles", str(summary.articles_new))
    table.add_row("articles already stored", str(summary.articles_known))
    table.add_row("exact copies", str(summary.copies))
    table.add_row("in a syndication group", str(summary.syndicated))
    table.add_row("rewrites (spun)", str(summary.rewrites))
    table.add_row("skipped", str(len(summary.skipped)))
    table.add_row("articles analysed", str(summary.articles_analysed))
    table.add_row("incidents read in articles", str(summary.events))
    table.add_row("events after merging reports", str(summary.incidents))
    table.add_row("claims", str(summary.claims))
    table.add_row("stories new or updated", str(summary.stories_touched))
    table.add_row("dated from peers", str(summary.peer_dated))
    table.add_row("contradictions", str(summary.contradictions))
    table.add_row("seconds", f"{summary.seconds:.1f}")
    for phase, seconds in summary.phase_seconds.items():
        table.add_row(f"  {phase}", f"{seconds:.1f}")
    console.print(table)
    if summary.skipped:
        skipped = Table(title="skipped inputs")
        skipped.add_column("input", overflow="fold")
        skipped.add_column("reason")
        skipped.add_column("detail", overflow="fold")
        for item in summary.skipped:
            skipped.add_row(item.input, item.reason, item.detail)
        console.print(skipped)
    reasons = Counter(item.reason for item in summary.skipped)
    if reasons:
        console.print("skipped by reason: " + ", ".join(f"{r} {n}" for r, n in reasons.items()))
    for path in summary.outputs:
        console.print(f"wrote {path}")
