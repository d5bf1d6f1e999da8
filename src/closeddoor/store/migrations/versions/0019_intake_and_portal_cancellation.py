"""intake through the portal: the practice's intake form versions and the packets sent to
clients (answers sealed), and the owner's choice whether clients may cancel in the portal

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("portal_cancellation", sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    op.create_table(
        "intake_forms",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(length=48), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_forms")),
        sa.UniqueConstraint("number", name=op.f("uq_intake_forms_number")),
    )
    op.create_table(
        "intake_packets",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("form_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("sent_by", sa.String(length=48), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by", sa.String(length=48), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contacts_accepted_by", sa.String(length=48), nullable=True),
        sa.Column("contacts_accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answers_sealed", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_intake_packets_client_id_clients")),
        sa.ForeignKeyConstraint(["form_id"], ["intake_forms.id"],
                                name=op.f("fk_intake_packets_form_id_intake_forms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_packets")),
    )
    with op.batch_alter_table("intake_packets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intake_packets_client_id"), ["client_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("intake_packets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_packets_client_id"))
    op.drop_table("intake_packets")
    op.drop_table("intake_forms")
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.drop_column("portal_cancellation")
