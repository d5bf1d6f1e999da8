"""portal mail: office enrolment codes on invitations, password-reset links

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("portal_invitations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code_hash", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("code_failures", sa.Integer(), nullable=False,
                                      server_default="0"))
    op.create_table(
        "portal_password_resets",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["portal_accounts.id"],
            name=op.f("fk_portal_password_resets_account_id_portal_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_password_resets")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_portal_password_resets_token_hash")),
    )
    with op.batch_alter_table("portal_password_resets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portal_password_resets_account_id"), ["account_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("portal_password_resets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_password_resets_account_id"))
    op.drop_table("portal_password_resets")
    with op.batch_alter_table("portal_invitations", schema=None) as batch_op:
        batch_op.drop_column("code_failures")
        batch_op.drop_column("code_hash")
