"""requests for restrictions (45 CFR 164.522(a)): restrictions and their events, append-only

Like the record of disclosures (0009) the database refuses UPDATE and DELETE on both tables,
and neither has a foreign key to the client: the rows outlive a destroyed chart as tombstones
whose sealed parts no key opens again.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GUARDED = ("restrictions", "restriction_events")


def upgrade() -> None:
    op.create_table(
        "restrictions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("received_via", sa.String(length=8), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by", sa.String(length=48), nullable=False),
        sa.Column("terms_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("services_from", sa.Date(), nullable=True),
        sa.Column("services_to", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restrictions")),
    )
    with op.batch_alter_table("restrictions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_restrictions_client_id"), ["client_id"])
    op.create_table(
        "restriction_events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("restriction_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=48), nullable=False),
        sa.Column("once_key", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.String(length=16), nullable=True),
        sa.Column("via", sa.String(length=8), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("note_sealed", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["restriction_id"], ["restrictions.id"],
                                name=op.f("fk_restriction_events_restriction_id_restrictions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restriction_events")),
        sa.UniqueConstraint("once_key", name=op.f("uq_restriction_events_once_key")),
    )
    with op.batch_alter_table("restriction_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_restriction_events_client_id"), ["client_id"])
        batch_op.create_index(batch_op.f("ix_restriction_events_restriction_id"),
                              ["restriction_id"])
    _refuse_changes()


def _refuse_changes() -> None:
    """UPDATE and DELETE (and TRUNCATE on PostgreSQL) refused: the service only inserts."""
    if op.get_bind().dialect.name == "sqlite":
        for table in _GUARDED:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_refuse_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        return
    op.execute(
        "CREATE FUNCTION closeddoor_refuse_restriction_change() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql")
    for table in _GUARDED:
        op.execute(
            f"CREATE TRIGGER {table}_refuse_change BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION closeddoor_refuse_restriction_change()")


def _allow_changes() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _GUARDED:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_{verb}")
        return
    for table in _GUARDED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_change ON {table}")
    op.execute("DROP FUNCTION IF EXISTS closeddoor_refuse_restriction_change()")


def downgrade() -> None:
    _allow_changes()
    with op.batch_alter_table("restriction_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_restriction_events_restriction_id"))
        batch_op.drop_index(batch_op.f("ix_restriction_events_client_id"))
    op.drop_table("restriction_events")
    with op.batch_alter_table("restrictions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_restrictions_client_id"))
    op.drop_table("restrictions")
