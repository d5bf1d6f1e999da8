"""outcome measures: requests, measures (answers and score sealed), safety flags and their
reviews; every table only grows (UPDATE refused), rows go only with a destroyed chart

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 05:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GUARDED = ("measure_requests", "measures", "safety_flags", "safety_flag_reviews")


def _client(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                   name=op.f(f"fk_{table}_client_id_clients"))


def upgrade() -> None:
    op.create_table(
        "measure_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("instrument", sa.String(length=8), nullable=False),
        sa.Column("requested_by", sa.String(length=48), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        _client("measure_requests"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_requests")),
    )
    op.create_table(
        "measures",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("instrument", sa.String(length=8), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entered_by", sa.String(length=48), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("result_sealed", sa.LargeBinary(), nullable=False),
        _client("measures"),
        sa.ForeignKeyConstraint(["request_id"], ["measure_requests.id"],
                                name=op.f("fk_measures_request_id_measure_requests")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measures")),
        sa.UniqueConstraint("client_id", "number", name=op.f("uq_measures_client_id_number")),
        sa.UniqueConstraint("request_id", name=op.f("uq_measures_request_id")),
    )
    op.create_table(
        "safety_flags",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("measure_id", sa.String(length=36), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        _client("safety_flags"),
        sa.ForeignKeyConstraint(["measure_id"], ["measures.id"],
                                name=op.f("fk_safety_flags_measure_id_measures")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_flags")),
        sa.UniqueConstraint("measure_id", name=op.f("uq_safety_flags_measure_id")),
    )
    op.create_table(
        "safety_flag_reviews",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("flag_id", sa.String(length=36), nullable=False),
        sa.Column("reviewed_by", sa.String(length=48), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        _client("safety_flag_reviews"),
        sa.ForeignKeyConstraint(["flag_id"], ["safety_flags.id"],
                                name=op.f("fk_safety_flag_reviews_flag_id_safety_flags")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_flag_reviews")),
        sa.UniqueConstraint("flag_id", name=op.f("uq_safety_flag_reviews_flag_id")),
    )
    for table in _GUARDED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_client_id"), ["client_id"])
    _refuse_updates()


def _refuse_updates() -> None:
    """UPDATE refused (and TRUNCATE on PostgreSQL): the service only inserts. DELETE stays
    possible for destroying a whole chart, which removes every row of the client."""
    if op.get_bind().dialect.name == "sqlite":
        for table in _GUARDED:
            op.execute(
                f"CREATE TRIGGER {table}_refuse_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        return
    op.execute(
        "CREATE FUNCTION closeddoor_refuse_measure_change() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql")
    for table in _GUARDED:
        op.execute(
            f"CREATE TRIGGER {table}_refuse_change BEFORE UPDATE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION closeddoor_refuse_measure_change()")


def _allow_updates() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _GUARDED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_update")
        return
    for table in _GUARDED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_change ON {table}")
    op.execute("DROP FUNCTION IF EXISTS closeddoor_refuse_measure_change()")


def downgrade() -> None:
    _allow_updates()
    for table in reversed(_GUARDED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_client_id"))
        op.drop_table(table)
