"""Alembic migrations of the store (run programmatically by ``storyline.store.migrate``)."""
