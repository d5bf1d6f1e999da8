"""the client's right to amend (45 CFR 164.526): amendment requests

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 16:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "amendment_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("note_id", sa.String(length=36), nullable=True),
        sa.Column("received_via", sa.String(length=8), nullable=False),
        sa.Column("requested_by", sa.String(length=48), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("request_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("extended_due_on", sa.Date(), nullable=True),
        sa.Column("extension_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("extended_by", sa.String(length=36), nullable=True),
        sa.Column("extended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("denial_ground", sa.String(length=32), nullable=True),
        sa.Column("response_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("decided_by", sa.String(length=36), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disagreement_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("disagreement_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rebuttal_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("rebuttal_by", sa.String(length=36), nullable=True),
        sa.Column("rebuttal_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_amendment_requests_client_id_clients")),
        sa.ForeignKeyConstraint(["note_id"], ["progress_notes.id"],
                                name=op.f("fk_amendment_requests_note_id_progress_notes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amendment_requests")),
    )
    with op.batch_alter_table("amendment_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_amendment_requests_client_id"), ["client_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("amendment_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_amendment_requests_client_id"))
    op.drop_table("amendment_requests")
