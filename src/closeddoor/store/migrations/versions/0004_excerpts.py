"""excerpts: a record of each de-identified excerpt (never its text)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 19:50:37.117912
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "excerpts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("output", sa.String(length=12), nullable=False),
        sa.Column("note_ids", sa.Text(), nullable=False),
        sa.Column("output_sha256", sa.String(length=64), nullable=False),
        sa.Column("unredacted", sa.Integer(), nullable=False),
        sa.Column("changes_sealed", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_excerpts_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_excerpts")),
    )
    with op.batch_alter_table("excerpts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_excerpts_client_id"), ["client_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("excerpts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_excerpts_client_id"))

    op.drop_table("excerpts")
