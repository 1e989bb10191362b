"""``*.jsonl`` files of the output contract, one record a line."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from storyline.store import Store


def write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> Path:
    """Write atomically: a reader never sees half a file, even if the run is killed."""
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=False))
            handle.write("\n")
    os.replace(temporary, path)
    return path


def write_articles_jsonl(store: Store, path: Path) -> Path:
    return write_jsonl((article.to_record() for article in store.iter_articles()), path)
