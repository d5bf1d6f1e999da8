"""supervisors' co-signatures on their supervisees' signed progress notes, append-only

A co-signature is a row of its own: the note is not touched (it stays signed and locked). Like
the record of restrictions (0016) the database refuses UPDATE and DELETE, and the table has no
foreign key: a row outlives a destroyed chart as a tombstone of ids and a time, nothing sealed.
`note_id` is unique: a note is co-signed once.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "note_cosignatures"


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("note_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("cosigner_id", sa.String(length=48), nullable=False),
        sa.Column("cosigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note_cosignatures")),
        sa.UniqueConstraint("note_id", name=op.f("uq_note_cosignatures_note_id")),
    )
    with op.batch_alter_table(_TABLE, schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_cosignatures_client_id"), ["client_id"])
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {_TABLE}_refuse_{verb.lower()} BEFORE {verb} ON {_TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{_TABLE} is append-only'); END")
        return
    op.execute(
        "CREATE FUNCTION closeddoor_refuse_cosignature_change() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql")
    op.execute(
        f"CREATE TRIGGER {_TABLE}_refuse_change BEFORE UPDATE OR DELETE OR TRUNCATE ON {_TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION closeddoor_refuse_cosignature_change()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_refuse_{verb}")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_refuse_change ON {_TABLE}")
        op.execute("DROP FUNCTION IF EXISTS closeddoor_refuse_cosignature_change()")
    with op.batch_alter_table(_TABLE, schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_cosignatures_client_id"))
    op.drop_table(_TABLE)
