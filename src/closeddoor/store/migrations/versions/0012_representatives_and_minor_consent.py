"""personal representatives (164.502(g)) and clinicians' minor-consent findings

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "personal_representatives",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("details_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=48), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.String(length=48), nullable=True),
        sa.Column("refused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refused_by", sa.String(length=48), nullable=True),
        sa.Column("refusal_sealed", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_personal_representatives_client_id_clients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personal_representatives")),
    )
    with op.batch_alter_table("personal_representatives", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_personal_representatives_client_id"),
                              ["client_id"], unique=False)
    op.create_table(
        "minor_consent_findings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction", sa.String(length=16), nullable=False),
        sa.Column("finding_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=48), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=48), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_minor_consent_findings_client_id_clients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minor_consent_findings")),
    )
    with op.batch_alter_table("minor_consent_findings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_minor_consent_findings_client_id"),
                              ["client_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("minor_consent_findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minor_consent_findings_client_id"))
    op.drop_table("minor_consent_findings")
    with op.batch_alter_table("personal_representatives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_personal_representatives_client_id"))
    op.drop_table("personal_representatives")
