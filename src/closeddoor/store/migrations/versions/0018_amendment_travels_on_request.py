"""amendment requests: the client's request that a denied request and its denial go with later
disclosures when they file no statement of disagreement (45 CFR 164.526(d)(5)(ii)); the notices
of an accepted amendment recorded as sent (164.526(c)(3))

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("amendment_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("travels_asked_at", sa.DateTime(timezone=True),
                                      nullable=True))
    op.create_table(
        "amendment_notices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("amendment_id", sa.String(length=36), nullable=False),
        sa.Column("disclosure_id", sa.String(length=36), nullable=True),
        sa.Column("recipient_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("recorded_by", sa.String(length=36), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_amendment_notices_client_id_clients")),
        sa.ForeignKeyConstraint(
            ["amendment_id"], ["amendment_requests.id"],
            name=op.f("fk_amendment_notices_amendment_id_amendment_requests")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amendment_notices")),
    )
    with op.batch_alter_table("amendment_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_amendment_notices_client_id"), ["client_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_amendment_notices_amendment_id"),
                              ["amendment_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("amendment_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_amendment_notices_amendment_id"))
        batch_op.drop_index(batch_op.f("ix_amendment_notices_client_id"))
    op.drop_table("amendment_notices")
    with op.batch_alter_table("amendment_requests", schema=None) as batch_op:
        batch_op.drop_column("travels_asked_at")
