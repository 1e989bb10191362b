"""Stage: store. Everything a run reads and derives persists here (SQLite or PostgreSQL).

``open_store`` takes a URL or a file path, creates the database if asked, and upgrades its
schema to the newest Alembic revision.
"""

from storyline.store.store import (
    Store,
    StoreError,
    StoreTransaction,
    normalised_text_hash,
    open_store,
    search_terms,
)
from storyline.store.url import display_url, resolve_url

__all__ = [
    "Store",
    "StoreError",
    "StoreTransaction",
    "display_url",
    "normalised_text_hash",
    "open_store",
    "resolve_url",
    "search_terms",
]
