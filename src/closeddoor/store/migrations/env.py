"""Alembic environment: runs on the connection handed in by closeddoor.store.schema."""

from alembic import context

from closeddoor.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `closeddoor init` or closeddoor.store.schema")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
