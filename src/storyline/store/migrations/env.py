"""Alembic environment: runs on the connection ``storyline.store.migrate`` hands over.

There is no alembic.ini and no logging setup, so the migrations work from an installed
package and never reconfigure the application's logging.
"""

from __future__ import annotations

from alembic import context

from storyline.store.schema import described_here, metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the migrations through storyline.store.migrate with a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=described_here,
)
with context.begin_transaction():
    context.run_migrations()
