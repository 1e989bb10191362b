"""The persistent store: every run, input file, skipped input, article and article feature.

One ``transaction()`` per input file makes a file all-or-nothing: a run killed midway leaves
no half-stored file, and the next run sees that file as not done and reads it again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import re
import threading
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.util import CommandError
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import URL

from storyline.model import Article, SkippedInput
from storyline.store.knowledge import KnowledgeStore
from storyline.store.migrate import WRITE_OPTION, is_initialised, upgrade_to_head
from storyline.store.schema import (
    ARTICLE_TSVECTOR,
    ARTICLES_FTS,
    JSON_LIST_COLUMNS,
    article_features,
    articles,
    inputs,
    metadata,
    runs,
    skipped_inputs,
)
from storyline.store.url import display_url, resolve_url, sqlite_file

SQLITE_BUSY_TIMEOUT_S = 60.0
PAGE_SIZE = 500
ARTICLE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Article))
UPDATABLE_FIELDS = frozenset(ARTICLE_FIELDS) - {"id"}
_CORE_TABLES = frozenset({"runs", "inputs", "skipped_inputs", "articles", "article_features"})
_WHITESPACE = re.compile(r"\s+")
# Full-text search: words are runs of letters and digits; anything else in a query (quotes,
# operators, parentheses, SQL) is a separator, never syntax.
_SEARCH_WORD = re.compile(r"[^\W_]+")
MAX_SEARCH_TERMS = 16
MAX_SEARCH_TERM_CHARS = 64
# FTS5 bm25 column weights (title, text, publisher): a word in the headline says more.
_BM25_WEIGHTS = (5.0, 1.0, 2.0)


class StoreError(Exception):
    """The database cannot be opened or used; the message says which and why."""


def normalised_text_hash(text: str) -> str:
    """Hash of the text with case, Unicode form and spacing ignored: equal for exact copies."""
    folded = _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def open_store(url_or_path: str, *, create: bool = True) -> Store | None:
    """Open (and, with ``create``, make) the store, upgrading its schema to the newest revision.

    Returns None when ``create`` is False and there is no Storyline database at that location.
    """
    url = resolve_url(url_or_path)
    shown = display_url(url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        path = sqlite_file(url)
        if not create and (path is None or not path.is_file()):
            return None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
    elif not _ensure_pg_database(url, create=create):
        return None
    engine = _make_engine(url)
    try:
        if not create:
            with engine.connect() as connection:
                if not is_initialised(connection):
                    engine.dispose()
                    return None
        upgrade_to_head(engine)
    except (sa.exc.OperationalError, sa.exc.DatabaseError, CommandError) as exc:
        engine.dispose()
        raise StoreError(f"cannot open the database {shown}: {_reason(exc)}") from exc
    return Store(engine, url)


class Store(KnowledgeStore):
    """Reads and short writes; everything per input file goes through ``transaction()``."""

    def __init__(self, engine: sa.Engine, url: URL) -> None:
        self._engine = engine
        self.url = url
        self.display_url = display_url(url)
        self.dialect: str = engine.dialect.name
        self._active: StoreTransaction | None = None
        self._deferred_skips: list[tuple[int, SkippedInput]] = []
        self._writer = WriterLock(engine, url)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.display_url!r})"

    def close(self) -> None:
        self._writer.close()
        self._engine.dispose()

    def writer_lock(
        self, on_wait: Callable[[], None] | None = None
    ) -> contextlib.AbstractContextManager[None]:
        """One writer at a time, across processes, for the store-wide phases (storing a file
        with its copy decisions, analysis, story assembly). ``on_wait`` is called once if
        another run holds it, before waiting. Reentrant; a killed holder releases it."""
        return self._writer.hold(on_wait)

    def max_seq(self) -> int:
        """The insertion number of the newest article (0 when there is none)."""
        with self._engine.connect() as connection:
            return int(connection.scalar(sa.select(sa.func.max(articles.c.seq))) or 0)

    # -- runs and skipped inputs ---------------------------------------------------------------

    def start_run(self, args: Mapping[str, Any]) -> int:
        with self._write() as connection:
            result = connection.execute(
                runs.insert().values(started_at=_now(), status="running", args=_to_json(dict(args)))
            )
            return int(result.inserted_primary_key[0])

    def finish_run(
        self, run_id: int, summary: Mapping[str, Any] | Any, *, status: str = "finished"
    ) -> None:
        """Record how the run ended: ``finished``, ``interrupted`` (Ctrl-C) or ``failed``."""
        if dataclasses.is_dataclass(summary) and not isinstance(summary, type):
            summary = dataclasses.asdict(summary)
        with self._write() as connection:
            result = connection.execute(
                runs.update()
                .where(runs.c.id == run_id)
                .values(finished_at=_now(), status=status, summary=_to_json(dict(summary)))
            )
            if result.rowcount == 0:
                raise LookupError(f"no run {run_id}")

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first, with its arguments and summary decoded."""
        with self._engine.connect() as connection:
            rows = connection.execute(sa.select(runs).order_by(runs.c.id)).mappings().all()
        return [
            {
                **row,
                "args": json.loads(row["args"]),
                "summary": json.loads(row["summary"]) if row["summary"] else None,
            }
            for row in rows
        ]

    def record_skip(self, run_id: int, skipped: SkippedInput) -> None:
        """Record a skipped input, once per (input, reason) per run; survives a rolled-back file.

        Inside an open SQLite file transaction this process already holds the only write lock,
        so the record waits until that transaction ends (committed or not) instead of
        deadlocking on it.
        """
        if self._active is not None and self._active.holds_lock and self.dialect == "sqlite":
            self._deferred_skips.append((run_id, skipped))
            return
        with self._write() as connection:
            self._insert_skip(connection, run_id, skipped)

    def skipped(self, run_id: int | None = None) -> list[SkippedInput]:
        """What one run skipped; without ``run_id``, each (input, reason) ever skipped, once.

        An input that is still broken is skipped again by every run; counting it once per run
        would inflate the totals.
        """
        table = skipped_inputs
        query = sa.select(table.c.input, table.c.reason, table.c.detail)
        if run_id is not None:
            query = query.where(table.c.run_id == run_id)
        else:
            first_seen = sa.select(sa.func.min(table.c.id)).group_by(table.c.input, table.c.reason)
            query = query.where(table.c.id.in_(first_seen))
        with self._engine.connect() as connection:
            rows = connection.execute(query.order_by(skipped_inputs.c.id)).all()
        return [SkippedInput(input=row.input, reason=row.reason, detail=row.detail) for row in rows]

    # -- inputs ----------------------------------------------------------------------------------

    def input_done(self, sha256: str) -> bool:
        with self._engine.connect() as connection:
            done = connection.scalar(sa.select(inputs.c.done).where(inputs.c.sha256 == sha256))
        return bool(done)

    def raw_input(self, sha256: str) -> bytes | None:
        """The original bytes of an input file, exactly as read."""
        with self._engine.connect() as connection:
            row = connection.execute(
                sa.select(inputs.c.raw, inputs.c.raw_codec).where(inputs.c.sha256 == sha256)
            ).first()
        if row is None:
            return None
        return _decode_raw(bytes(row.raw), row.raw_codec)

    # -- file transactions -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[StoreTransaction]:
        """All writes for one input file: committed together, or (on any exception) not at all."""
        if self._active is not None:
            raise RuntimeError("a store transaction is already open; they do not nest")
        tx = StoreTransaction(self._engine)
        self._active = tx
        try:
            yield tx
            tx.commit()
        finally:
            tx.close()
            self._active = None
            self._flush_deferred_skips()

    # -- articles --------------------------------------------------------------------------------

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles in insertion order, read a page at a time (no transaction stays open)."""
        if ids is None:
            last_seq = -1
            while True:
                with self._engine.connect() as connection:
                    rows = connection.execute(
                        sa.select(articles)
                        .where(articles.c.seq > last_seq)
                        .order_by(articles.c.seq)
                        .limit(PAGE_SIZE)
                    ).all()
                if not rows:
                    return
                for row in rows:
                    yield _row_to_article(row._mapping)
                last_seq = rows[-1].seq
            return
        wanted = list(dict.fromkeys(ids))
        positions: list[tuple[int, str]] = []
        with self._engine.connect() as connection:
            for chunk in _chunks(wanted, PAGE_SIZE):
                positions.extend(
                    (row.seq, row.id)
                    for row in connection.execute(
                        sa.select(articles.c.seq, articles.c.id).where(articles.c.id.in_(chunk))
                    )
                )
        positions.sort()
        for chunk in _chunks([article_id for _, article_id in positions], PAGE_SIZE):
            with self._engine.connect() as connection:
                rows = connection.execute(
                    sa.select(articles).where(articles.c.id.in_(chunk)).order_by(articles.c.seq)
                ).all()
            for row in rows:
                yield _row_to_article(row._mapping)

    def get_article(self, article_id: str) -> Article | None:
        return next(self.iter_articles([article_id]), None)

    def article_source(self, article_id: str) -> tuple[str, str] | None:
        """(input sha256, locator inside that input) an article was read from."""
        with self._engine.connect() as connection:
            row = connection.execute(
                sa.select(articles.c.input_sha256, articles.c.locator).where(
                    articles.c.id == article_id
                )
            ).first()
        return None if row is None else (row.input_sha256, row.locator)

    def ids_with_text_hash(self, text_hash: str) -> list[str]:
        """Articles whose ``normalised_text_hash`` is this, oldest first."""
        with self._engine.connect() as connection:
            return list(
                connection.scalars(
                    sa.select(articles.c.id)
                    .where(articles.c.text_hash == text_hash)
                    .order_by(articles.c.seq)
                )
            )

    def iter_features(self, name: str) -> Iterator[tuple[str, bytes]]:
        """(article id, data) of one named feature, in article insertion order."""
        last_seq = -1
        while True:
            with self._engine.connect() as connection:
                rows = connection.execute(
                    sa.select(
                        articles.c.seq, article_features.c.article_id, article_features.c.data
                    )
                    .join(articles, articles.c.id == article_features.c.article_id)
                    .where(article_features.c.name == name, articles.c.seq > last_seq)
                    .order_by(articles.c.seq)
                    .limit(PAGE_SIZE)
                ).all()
            if not rows:
                return
            for row in rows:
                yield row.article_id, bytes(row.data)
            last_seq = rows[-1].seq

    def article_count(self, *, input_sha256: str | None = None) -> int:
        """All stored articles, or those first read from one input file."""
        query = sa.select(sa.func.count()).select_from(articles)
        if input_sha256 is not None:
            query = query.where(articles.c.input_sha256 == input_sha256)
        with self._engine.connect() as connection:
            return int(connection.scalar(query) or 0)

    def search_articles(self, query: str, *, limit: int = 200) -> list[str]:
        """Ids of articles holding every word of ``query``, best match first.

        SQLite ranks with FTS5's bm25 over title, text and publisher (Porter-stemmed); PostgreSQL
        with ``ts_rank`` over the English ``tsvector`` of title and text, title matches first.
        The query is reduced to plain words, so no input is ever parsed as search syntax.
        """
        terms = search_terms(query)
        if not terms or limit <= 0:
            return []
        with self._engine.connect() as connection:
            if self.dialect == "postgresql":
                statement = _pg_search(terms, limit)
            else:
                statement = _sqlite_search(terms, limit)
            return list(connection.scalars(statement))

    def counts(self) -> dict[str, int]:
        """What the store holds, for ``storyline status`` and the run report."""
        count = sa.func.count
        queries: dict[str, sa.Select[Any]] = {
            "inputs": sa.select(count()).select_from(inputs),
            "inputs_done": sa.select(count()).select_from(inputs).where(inputs.c.done),
            "articles": sa.select(count()).select_from(articles),
            "duplicates": sa.select(count()).where(articles.c.duplicate_of.is_not(None)),
            "syndication_groups": sa.select(count(sa.distinct(articles.c.syndication_group))),
            "spun": sa.select(count()).where(articles.c.flags.like('%"spun"%')),
            "skipped": sa.select(count()).select_from(
                sa.select(skipped_inputs.c.input, skipped_inputs.c.reason).distinct().subquery()
            ),
            "runs": sa.select(count()).select_from(runs),
        }
        for name, table in metadata.tables.items():
            if name not in _CORE_TABLES:
                queries[name] = sa.select(count()).select_from(table)
        with self._engine.connect() as connection:
            return {key: int(connection.scalar(query) or 0) for key, query in queries.items()}

    # -- internals -------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with self._engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                yield connection

    def _insert_skip(self, connection: sa.Connection, run_id: int, skipped: SkippedInput) -> None:
        statement = _insert(connection, skipped_inputs).values(
            run_id=run_id,
            input=_clean(skipped.input),
            reason=_clean(skipped.reason),
            detail=_clean(skipped.detail),
            at=_now(),
        )
        connection.execute(
            statement.on_conflict_do_nothing(index_elements=["run_id", "input", "reason"])
        )

    def _flush_deferred_skips(self) -> None:
        pending, self._deferred_skips = self._deferred_skips, []
        if pending:
            with self._write() as connection:
                for run_id, skipped in pending:
                    self._insert_skip(connection, run_id, skipped)


class StoreTransaction:
    """Writes for one input file. The connection (and SQLite's write lock) is taken lazily, at
    the first write, so slow parsing before it does not block other writers."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._connection: sa.Connection | None = None
        self._transaction: sa.RootTransaction | None = None

    @property
    def holds_lock(self) -> bool:
        return self._connection is not None

    def save_input(self, sha256: str, path: str, size: int, kind: str, raw: bytes) -> None:
        """Keep the file's original bytes (zlib-compressed when that helps); idempotent."""
        if hashlib.sha256(raw).hexdigest() != sha256:
            raise ValueError(f"sha256 {sha256} is not the hash of the {len(raw)} bytes given")
        connection = self._conn()
        if connection.scalar(sa.select(inputs.c.sha256).where(inputs.c.sha256 == sha256)):
            return
        data, codec = _encode_raw(raw)
        statement = _insert(connection, inputs).values(
            sha256=sha256,
            path=_clean(str(path)),
            size=size,
            kind=kind,
            raw=data,
            raw_codec=codec,
            done=False,
            first_seen=_now(),
        )
        connection.execute(statement.on_conflict_do_nothing(index_elements=["sha256"]))

    def save_article(
        self,
        article: Article,
        *,
        input_sha256: str,
        locator: str,
        features: Mapping[str, bytes] | None = None,
    ) -> bool:
        """Insert the article unless its id is already stored; True if it was new.

        Features are added for names the article does not have yet, new article or not.
        """
        connection = self._conn()
        values = _article_values(article)
        values.update(
            input_sha256=input_sha256,
            locator=_clean(locator),
            text_hash=normalised_text_hash(values["text"]),
            created_at=_now(),
        )
        if connection.dialect.name == "sqlite":
            # SQLite has no identity columns off the primary key; writers are serialised, so
            # the next number is safe to compute in the statement itself.
            values["seq"] = sa.select(
                sa.func.coalesce(sa.func.max(articles.c.seq), 0) + 1
            ).scalar_subquery()
        statement = _insert(connection, articles).values(**values)
        # RETURNING, not rowcount: with PostgreSQL's implicit RETURNING rowcount is unreliable.
        inserted = connection.execute(
            statement.on_conflict_do_nothing(index_elements=["id"]).returning(articles.c.id)
        ).first()
        is_new = inserted is not None
        if features:
            self.save_features(article.id, features, replace=False)
        return is_new

    def save_features(
        self, article_id: str, features: Mapping[str, bytes], *, replace: bool = True
    ) -> None:
        """Store named binary features of an article (e.g. a dedupe signature)."""
        connection = self._conn()
        for name, data in features.items():
            statement = _insert(connection, article_features).values(
                article_id=article_id, name=name, data=bytes(data)
            )
            keys = ["article_id", "name"]
            if replace:
                statement = statement.on_conflict_do_update(
                    index_elements=keys, set_={"data": statement.excluded.data}
                )
            else:
                statement = statement.on_conflict_do_nothing(index_elements=keys)
            connection.execute(statement)

    def update_article(self, article_id: str, **fields: Any) -> None:
        """Change stored fields of an article (any Article field but ``id``)."""
        unknown = set(fields) - UPDATABLE_FIELDS
        if unknown:
            raise ValueError(f"cannot update article fields {sorted(unknown)}")
        if not fields:
            return
        values = _article_values_partial(fields)
        if "text" in values:
            values["text_hash"] = normalised_text_hash(values["text"])
        result = self._conn().execute(
            articles.update().where(articles.c.id == article_id).values(**values)
        )
        if result.rowcount == 0:
            raise LookupError(f"no article {article_id}")

    def mark_input_done(self, sha256: str) -> None:
        result = self._conn().execute(
            inputs.update().where(inputs.c.sha256 == sha256).values(done=True, done_at=_now())
        )
        if result.rowcount == 0:
            raise LookupError(f"no input {sha256}; save_input it first")

    def commit(self) -> None:
        if self._transaction is not None:
            self._transaction.commit()

    def close(self) -> None:
        """Release the connection; anything not committed is rolled back."""
        if self._connection is not None:
            self._connection.close()
        self._connection = None
        self._transaction = None

    def _conn(self) -> sa.Connection:
        if self._connection is None:
            connection = self._engine.connect()
            connection.execution_options(**{WRITE_OPTION: True})
            self._transaction = connection.begin()
            self._connection = connection
        return self._connection


# -- the writer lock -------------------------------------------------------------------------------


class WriterLock:
    """SQLite: ``flock`` on ``FILE.lock`` beside the database (SQLite's own locks are per
    transaction, and these phases span many). PostgreSQL: a session advisory lock keyed by
    database and schema, held on its own connection. Both are dropped by the OS or the server
    when the holder dies, so a kill -9 never leaves the store locked."""

    def __init__(self, engine: sa.Engine, url: URL) -> None:
        self._engine = engine
        self._path = None
        if url.get_backend_name() == "sqlite":
            path = sqlite_file(url)
            self._path = None if path is None else path.with_name(path.name + ".lock")
        self._postgres = url.get_backend_name() == "postgresql"
        self._threads = threading.RLock()  # threads of one process (the web app) queue here
        self._depth = 0
        self._handle: Any = None

    @contextmanager
    def hold(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        with self._threads:
            if self._depth == 0:
                self._acquire(on_wait)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    def close(self) -> None:
        if self._handle is not None:
            self._release()
            self._depth = 0

    def _acquire(self, on_wait: Callable[[], None] | None) -> None:
        if self._path is not None:
            handle = open(self._path, "a+b")  # noqa: SIM115 - held until release
            try:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    if on_wait:
                        on_wait()
                    fcntl.flock(handle, fcntl.LOCK_EX)
            except BaseException:
                handle.close()
                raise
            self._handle = handle
        elif self._postgres:
            connection = self._engine.connect()
            try:
                key = _advisory_key(connection)
                got = connection.scalar(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key})
                if not got:
                    if on_wait:
                        on_wait()
                    connection.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
                connection.commit()
            except BaseException:
                connection.invalidate()  # the session, and any lock it got, goes with it
                connection.close()
                raise
            self._handle = (connection, key)

    def _release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        if self._path is not None:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
            return
        connection, key = handle
        try:
            connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            connection.commit()
        except sa.exc.DBAPIError:
            connection.invalidate()  # a dropped session has released its locks already
        finally:
            connection.close()


def _advisory_key(connection: sa.Connection) -> int:
    """A 63-bit key for this database and schema (test schemas in one database differ)."""
    where = connection.scalar(sa.text("SELECT current_database() || '.' || current_schema()"))
    digest = hashlib.sha256(f"storyline-writer:{where}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


# -- engine ----------------------------------------------------------------------------------------


def _make_engine(url: URL) -> sa.Engine:
    if url.get_backend_name() == "sqlite":
        engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself: pysqlite's own implicit transactions
    # skip DDL and cannot begin IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_on_begin(connection: sa.Connection) -> None:
    # A writer takes the lock up front: upgrading a read transaction to a write one fails at
    # once with "database is locked" instead of waiting when another process is writing.
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _ensure_pg_database(url: URL, *, create: bool) -> bool:
    """Whether the PostgreSQL database exists, creating it first when ``create`` allows."""
    probe = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with probe.connect():
            return True
    except sa.exc.OperationalError as exc:
        first_error = exc
    finally:
        probe.dispose()
    name = url.database
    for maintenance in ("postgres", "template1"):
        admin = sa.create_engine(
            url.set(database=maintenance), poolclass=sa.pool.NullPool, isolation_level="AUTOCOMMIT"
        )
        try:
            with admin.connect() as connection:
                exists = connection.scalar(
                    sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
                )
                if exists:
                    break  # it exists, so the first failure was something else
                if not create:
                    return False
                quoted = connection.dialect.identifier_preparer.quote(name or "")
                with contextlib.suppress(sa.exc.ProgrammingError):  # created meanwhile
                    connection.exec_driver_sql(f"CREATE DATABASE {quoted}")
                return True
        except sa.exc.OperationalError:
            continue
        finally:
            admin.dispose()
    raise StoreError(
        f"cannot open the database {display_url(url)}: {_reason(first_error)}"
    ) from first_error


def _insert(connection: sa.Connection, table: sa.Table) -> Any:
    """The dialect's INSERT, which supports ON CONFLICT on both SQLite and PostgreSQL."""
    if connection.dialect.name == "postgresql":
        return pg_dialect.insert(table)
    return sqlite_dialect.insert(table)


# -- full-text search ------------------------------------------------------------------------------


def search_terms(query: str) -> list[str]:
    """The words a search looks for, lower-cased, first occurrence kept, at most a few."""
    words = (word[:MAX_SEARCH_TERM_CHARS] for word in _SEARCH_WORD.findall(query.casefold()))
    return list(dict.fromkeys(words))[:MAX_SEARCH_TERMS]


def _sqlite_search(terms: list[str], limit: int) -> sa.TextClause:
    # Each word becomes an FTS5 string ("..."), so it can never be read as an operator, column
    # filter or prefix; space-separated strings must all match.
    match = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
    weights = ", ".join(str(weight) for weight in _BM25_WEIGHTS)
    return sa.text(
        f"SELECT a.id FROM {ARTICLES_FTS} AS f JOIN articles AS a ON a.seq = f.rowid "
        f"WHERE {ARTICLES_FTS} MATCH :match "
        f"ORDER BY bm25({ARTICLES_FTS}, {weights}), a.seq LIMIT :limit"
    ).bindparams(match=match, limit=limit)


def _pg_search(terms: list[str], limit: int) -> sa.TextClause:
    # plainto_tsquery ANDs the words after stemming and drops stop words; it accepts any text.
    # The tsvector expression is spelled exactly as the GIN index's so the planner uses it.
    return sa.text(
        "SELECT id FROM articles, plainto_tsquery('english', :words) AS q "
        f"WHERE {ARTICLE_TSVECTOR} @@ q "
        "ORDER BY (to_tsvector('english', coalesce(title, '')) @@ q) DESC, "
        f"ts_rank({ARTICLE_TSVECTOR}, q) DESC, seq LIMIT :limit"
    ).bindparams(words=" ".join(terms), limit=limit)


# -- values ----------------------------------------------------------------------------------------


def _clean(value: str) -> str:
    """Text both databases accept: PostgreSQL rejects NUL, and neither stores lone surrogates
    (which undecodable file names produce)."""
    value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        try:
            value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:
            value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def _article_values(article: Article) -> dict[str, Any]:
    return _article_values_partial({name: getattr(article, name) for name in ARTICLE_FIELDS})


def _article_values_partial(fields: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name in JSON_LIST_COLUMNS:
            items = [_clean(str(item)) for item in value or []]
            values[name] = json.dumps(items, ensure_ascii=False)
        elif isinstance(value, str):
            values[name] = _clean(value)
        else:
            values[name] = value
    return values


def _row_to_article(row: Mapping[str, Any]) -> Article:
    values = {name: row[name] for name in ARTICLE_FIELDS}
    for name in JSON_LIST_COLUMNS:
        values[name] = json.loads(values[name])
    return Article(**values)


def _encode_raw(raw: bytes) -> tuple[bytes, str]:
    compressed = zlib.compress(raw, 6)
    if len(compressed) < len(raw):
        return compressed, "zlib"
    return raw, "none"


def _decode_raw(data: bytes, codec: str) -> bytes:
    if codec == "zlib":
        return zlib.decompress(data)
    if codec == "none":
        return data
    raise StoreError(f"unknown raw codec {codec!r}")


def _to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0] if str(original).strip() else type(exc).__name__
