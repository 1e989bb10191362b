"""Ingest over HTTP: posted JSON articles take the same read/clean/dedupe/store path as a run.

The records are serialised as one JSONL document and handed to ``pipeline.process_file``, so
field handling is exactly the JSONL reader's. Storing is ``pipeline.store_file``; new articles
are then analysed and put into stories exactly as in a run, but on a background thread: the
request answers once the articles are stored (analysis of a long article takes seconds).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.assemble import assemble_stories
from storyline.clean.document import CleanConfig
from storyline.components import Selection
from storyline.ingest import InputFile
from storyline.model import SkippedInput
from storyline.pipeline import (
    CopyIndex,
    FileResult,
    analyse_pending,
    process_file,
    store_file,
    storied_before_analysis,
)
from storyline.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestResult:
    articles_new: int = 0
    articles_known: int = 0
    article_ids: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    analysis: str = "none"  # "queued": the new articles are analysed in the background

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles_new": self.articles_new,
            "articles_known": self.articles_known,
            "article_ids": self.article_ids,
            "skipped": self.skipped,
            "analysis": self.analysis,
        }


class Ingestor:
    """Holds the copy detector between requests; one request writes at a time."""

    def __init__(
        self,
        store: Store,
        config: CleanConfig | None = None,
        *,
        analyse: bool = True,
        aliases: Path | None = None,
        components: Selection | None = None,
    ) -> None:
        self._store = store
        self._analyse = analyse
        self._aliases = aliases
        self._components = components
        self._config = config or CleanConfig()
        self._lock = threading.Lock()
        self._copies: CopyIndex | None = None
        self._queue = threading.Lock()
        self._wanted = False
        self._worker: threading.Thread | None = None

    def ingest(self, records: Iterable[Mapping[str, Any]]) -> IngestResult:
        data = "".join(
            json.dumps(dict(record), ensure_ascii=False) + "\n" for record in records
        ).encode("utf-8")
        sha256 = hashlib.sha256(data).hexdigest()
        file = InputFile(
            path=Path(f"http/{sha256[:16]}.jsonl"), kind="jsonl", compressed=False, size=len(data)
        )
        with self._lock:
            result = IngestResult()
            if self._store.input_done(sha256):
                result.articles_known = self._store.article_count(input_sha256=sha256)
                return result
            copies = self._current_copies()
            cleaned = process_file(file, data, sha256, self._config)
            run_id = self._store.start_run({"inputs": [str(file.path)], "via": "http"})
            try:
                self._store_file(run_id, cleaned, copies, result)
            finally:
                self._store.finish_run(run_id, result.as_dict())
        if result.articles_new and self._analyse:
            result.analysis = "queued"
            self._schedule()
        return result

    @property
    def analysing(self) -> bool:
        """Whether stored articles are waiting for, or in, background analysis."""
        with self._queue:
            return self._wanted or self._worker is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for queued analysis to finish (tests, shutdown); True when none is left."""
        with self._queue:
            worker = self._worker
        if worker is not None:
            worker.join(timeout)
        return not self.analysing

    def _schedule(self) -> None:
        with self._queue:
            self._wanted = True
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._drain, name="storyline-analysis", daemon=True
                )
                self._worker.start()

    def _drain(self) -> None:
        """Analyse and assemble until no request has asked for more (one thread at a time)."""
        while True:
            with self._queue:
                if not self._wanted:
                    self._worker = None
                    return
                self._wanted = False
            self._analyse_stored()

    def _analyse_stored(self) -> None:
        """What a run's analysis phase does, under the same writer lock, recorded as a run."""
        run_id = self._store.start_run({"via": "http", "phase": "analysis"})
        summary: dict[str, Any] = {}
        status = "failed"
        try:
            with self._store.writer_lock():
                # Posted articles are understood as a `storyline run` with these options.
                analysed = analyse_pending(
                    self._store,
                    run_id,
                    workers=1,
                    aliases=self._aliases,
                    components=self._components,
                )
                rebuild = storied_before_analysis(self._store, analysed)
                stories = assemble_stories(self._store, rebuild=rebuild)
            summary = {"articles_analysed": len(analysed), "stories": stories.stories_touched}
            status = "finished"
        except Exception as exc:  # a background failure must be recorded, not lost
            log.exception("background analysis failed")
            summary = {"error": f"{type(exc).__name__}: {exc}"}
        finally:
            self._store.finish_run(run_id, summary, status=status)

    def _current_copies(self) -> CopyIndex:
        """The copy detector; ``store_file`` refreshes it under the writer lock whenever
        someone else (a ``storyline run``) changed the store since."""
        if self._copies is None:
            self._copies = CopyIndex(self._store)
        return self._copies

    def _store_file(
        self,
        run_id: int,
        cleaned: FileResult,
        copies: CopyIndex,
        result: IngestResult,
    ) -> None:
        result.skipped += [_skip_record(problem) for problem in cleaned.problems]
        stored = store_file(self._store, run_id, cleaned, copies)
        result.articles_new = len(stored.new)
        result.articles_known = len(stored.known)
        result.article_ids = [article.id for article in stored.new] + stored.known


def _skip_record(skipped: SkippedInput) -> dict[str, str]:
    return {"input": skipped.input, "reason": skipped.reason, "detail": skipped.detail}
