"""Alembic migrations of the store, run programmatically by ``storyline.store.migrate``.

To add tables (entities, places, events, ...): define them in ``storyline/store/schema.py``,
then run ``python -m storyline.store.migrations "add entities"``, which writes
``versions/000N_add_entities.py`` from the difference; review it and ``ruff format`` it.
``open_store`` applies it on the next open; ``tests/test_store_open.py`` fails while
schema.py and the migrations disagree. A committed revision is never edited: change the
schema with a new one.
"""
