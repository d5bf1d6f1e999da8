"""scheduling: the practice's time zone, late-cancel window and rooms; appointments get an end
time (for clash checks), a blind index of the room, a series and an update time; blocks of time
off; a portal client's own time zone

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 16:40:00.000000
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _aware(value: object) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def upgrade() -> None:
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_zone", sa.String(length=64), nullable=False,
                                      server_default="UTC"))
        batch_op.add_column(sa.Column("late_cancel_hours", sa.Integer(), nullable=False,
                                      server_default="24"))
        batch_op.add_column(sa.Column("rooms", sa.Text(), nullable=True))
    # appointments and portal_accounts are referenced by other tables: plain ADD COLUMN (no
    # batch copy, which SQLite's foreign keys would refuse).
    op.add_column("appointments", sa.Column("ends_at", sa.DateTime(timezone=True),
                                            nullable=True))
    op.add_column("appointments", sa.Column("room_index", sa.String(length=32), nullable=True))
    op.add_column("appointments", sa.Column("series_id", sa.String(length=36), nullable=True))
    op.add_column("appointments", sa.Column("updated_at", sa.DateTime(timezone=True),
                                            nullable=True))
    op.create_index(op.f("ix_appointments_starts_at"), "appointments", ["starts_at"],
                    unique=False)
    op.create_index(op.f("ix_appointments_series_id"), "appointments", ["series_id"],
                    unique=False)
    op.create_index(op.f("ix_appointments_room_index"), "appointments", ["room_index"],
                    unique=False)
    # Existing bookings get their end time (start + length). Their room's blind index needs
    # the keys, which a migration does not hold: they are not room-checked until edited
    # (docs/scheduling.md).
    bind = op.get_bind()
    table = sa.table("appointments", sa.column("id", sa.String),
                     sa.column("starts_at", sa.DateTime(timezone=True)),
                     sa.column("duration_minutes", sa.Integer),
                     sa.column("ends_at", sa.DateTime(timezone=True)))
    for row in bind.execute(sa.select(table.c.id, table.c.starts_at,
                                      table.c.duration_minutes)).all():
        ends = _aware(row.starts_at) + timedelta(minutes=row.duration_minutes)
        if bind.dialect.name == "sqlite":
            ends = ends.replace(tzinfo=None)
        bind.execute(sa.update(table).where(table.c.id == row.id).values(ends_at=ends))
    op.create_table(
        "time_off",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_time_off_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_off")),
    )
    with op.batch_alter_table("time_off", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_time_off_user_id"), ["user_id"], unique=False)
    op.add_column("portal_accounts", sa.Column("time_zone", sa.String(length=64),
                                               nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE portal_accounts DROP COLUMN time_zone")
    with op.batch_alter_table("time_off", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_time_off_user_id"))
    op.drop_table("time_off")
    op.drop_index(op.f("ix_appointments_room_index"), table_name="appointments")
    op.drop_index(op.f("ix_appointments_series_id"), table_name="appointments")
    op.drop_index(op.f("ix_appointments_starts_at"), table_name="appointments")
    # DROP COLUMN: SQLite 3.35+ and PostgreSQL alike.
    for column in ("updated_at", "series_id", "room_index", "ends_at"):
        op.execute(f"ALTER TABLE appointments DROP COLUMN {column}")
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.drop_column("rooms")
        batch_op.drop_column("late_cancel_hours")
        batch_op.drop_column("time_zone")
