"""Ingest over HTTP: posted JSON articles take the same read/clean/dedupe/store path as a run.

The records are serialised as one JSONL document and handed to ``pipeline.process_file``, so
field handling is exactly the JSONL reader's. Storing mirrors ``pipeline._store_file`` from
public pieces (``Store.transaction``, ``Deduplicator``); the pipeline could expose that step as
a public function and this module would call it instead.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.clean.document import CleanConfig
from storyline.dedupe import Deduplicator
from storyline.ingest import InputFile
from storyline.model import Article, SkippedInput
from storyline.pipeline import FileResult, prime_deduplicator, process_file
from storyline.store import Store


@dataclass(slots=True)
class IngestResult:
    articles_new: int = 0
    articles_known: int = 0
    article_ids: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles_new": self.articles_new,
            "articles_known": self.articles_known,
            "article_ids": self.article_ids,
            "skipped": self.skipped,
        }


class Ingestor:
    """Holds the copy detector between requests; one request writes at a time."""

    def __init__(self, store: Store, config: CleanConfig | None = None) -> None:
        self._store = store
        self._config = config or CleanConfig()
        self._lock = threading.Lock()
        self._deduplicator: Deduplicator | None = None
        self._known_count = -1

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
            deduplicator = self._current_deduplicator()
            cleaned = process_file(file, data, sha256, self._config)
            run_id = self._store.start_run({"inputs": [str(file.path)], "via": "http"})
            try:
                self._store_file(run_id, cleaned, deduplicator, result)
            finally:
                self._store.finish_run(run_id, result.as_dict())
            self._known_count = self._store.article_count()
            return result

    def _current_deduplicator(self) -> Deduplicator:
        """Rebuilt when someone else (a ``storyline run``) changed the store since last time."""
        if self._deduplicator is None or self._store.article_count() != self._known_count:
            self._deduplicator = prime_deduplicator(self._store)
        return self._deduplicator

    def _store_file(
        self,
        run_id: int,
        cleaned: FileResult,
        deduplicator: Deduplicator,
        result: IngestResult,
    ) -> None:
        store = self._store
        for problem in cleaned.problems:
            store.record_skip(run_id, problem)
            result.skipped.append(_skip_record(problem))
        this_file: dict[str, Article] = {}
        with store.transaction() as txn:
            txn.save_input(
                cleaned.sha256, str(cleaned.file.path), cleaned.file.size, "jsonl", cleaned.data
            )
            for article in cleaned.articles:
                if article.id in deduplicator:
                    result.articles_known += 1
                    result.article_ids.append(article.id)
                    continue
                decision = deduplicator.add(article)
                this_file[article.id] = article
                if txn.save_article(
                    article,
                    input_sha256=cleaned.sha256,
                    locator=article.input,
                    features={"dedupe": deduplicator.state(article.id)},
                ):
                    result.articles_new += 1
                else:
                    result.articles_known += 1
                result.article_ids.append(article.id)
                for update in decision.changed:
                    if update.article_id == article.id:
                        continue
                    earlier = this_file.get(update.article_id) or store.get_article(
                        update.article_id
                    )
                    flags = list(earlier.flags) if earlier else []
                    flags += [flag for flag in update.flags_added if flag not in flags]
                    txn.update_article(
                        update.article_id,
                        duplicate_of=update.duplicate_of,
                        syndication_group=update.syndication_group,
                        flags=flags,
                    )
                    if earlier is not None and update.article_id in this_file:
                        earlier.duplicate_of = update.duplicate_of
                        earlier.syndication_group = update.syndication_group
                        earlier.flags = flags
            txn.mark_input_done(cleaned.sha256)


def _skip_record(skipped: SkippedInput) -> dict[str, str]:
    return {"input": skipped.input, "reason": skipped.reason, "detail": skipped.detail}
