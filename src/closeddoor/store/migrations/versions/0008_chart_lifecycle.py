"""chart lifecycle: discharges, legal holds, destruction requests; client keys bound to a secret

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("data_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject_secret", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table(
        "discharges",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("discharged_on", sa.Date(), nullable=False),
        sa.Column("reason_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("last_service_on", sa.Date(), nullable=False),
        sa.Column("destruction_due_on", sa.Date(), nullable=False),
        sa.Column("jurisdiction", sa.String(length=16), nullable=False),
        sa.Column("retention_years", sa.Integer(), nullable=False),
        sa.Column("discharged_by", sa.String(length=36), nullable=False),
        sa.Column("discharged_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_discharges_client_id_clients")),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_discharges")),
    )
    with op.batch_alter_table("discharges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_discharges_destruction_due_on"),
                              ["destruction_due_on"], unique=False)
    op.create_table(
        "legal_holds",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("reason_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("placed_by", sa.String(length=36), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("released_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_legal_holds_client_id_clients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_holds")),
    )
    with op.batch_alter_table("legal_holds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_legal_holds_client_id"), ["client_id"],
                              unique=False)
    op.create_table(
        "destruction_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("reason_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("requested_by", sa.String(length=36), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.String(length=36), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_destruction_requests")),
    )
    with op.batch_alter_table("destruction_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_destruction_requests_client_id"), ["client_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("destruction_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_destruction_requests_client_id"))
    op.drop_table("destruction_requests")
    with op.batch_alter_table("legal_holds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_holds_client_id"))
    op.drop_table("legal_holds")
    with op.batch_alter_table("discharges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_discharges_destruction_due_on"))
    op.drop_table("discharges")
    with op.batch_alter_table("data_keys", schema=None) as batch_op:
        batch_op.drop_column("subject_secret")
