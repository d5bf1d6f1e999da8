"""reminders: the outbox table and the practice's reminder settings (lead time, whether the
service may be named, quiet hours)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 16:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXED = ("appointment_id", "client_id", "state", "next_attempt_at")


def upgrade() -> None:
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminder_lead_hours", sa.Integer(), nullable=False,
                                      server_default="24"))
        batch_op.add_column(sa.Column("reminders_may_name_service", sa.Boolean(),
                                      nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("quiet_hours_start", sa.Integer(), nullable=False,
                                      server_default=str(21 * 60)))
        batch_op.add_column(sa.Column("quiet_hours_end", sa.Integer(), nullable=False,
                                      server_default=str(8 * 60)))
    op.create_table(
        "reminder_outbox",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("appointment_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim", sa.String(length=36), nullable=True),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["appointment_id"], ["appointments.id"],
                                name=op.f("fk_reminder_outbox_appointment_id_appointments")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_outbox")),
        sa.UniqueConstraint("appointment_id", "channel", "kind", "starts_at",
                            name="uq_reminder_outbox_appointment_channel_kind_start"),
    )
    with op.batch_alter_table("reminder_outbox", schema=None) as batch_op:
        for column in _INDEXED:
            batch_op.create_index(batch_op.f(f"ix_reminder_outbox_{column}"), [column],
                                  unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reminder_outbox", schema=None) as batch_op:
        for column in _INDEXED:
            batch_op.drop_index(batch_op.f(f"ix_reminder_outbox_{column}"))
    op.drop_table("reminder_outbox")
    with op.batch_alter_table("practice", schema=None) as batch_op:
        for column in ("quiet_hours_end", "quiet_hours_start", "reminders_may_name_service",
                       "reminder_lead_hours"):
            batch_op.drop_column(column)
