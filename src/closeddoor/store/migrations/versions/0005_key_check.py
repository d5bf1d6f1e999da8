"""key check: the practice row records which key folder the database belongs to

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: existing databases get their value at first start, from the key folder in use.
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_check", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.drop_column("key_check")
