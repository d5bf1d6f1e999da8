"""amendment requests: the client's request that a denied request and its denial go with later
disclosures when they file no statement of disagreement (45 CFR 164.526(d)(5)(ii))

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-03 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("amendment_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("travels_asked_at", sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("amendment_requests", schema=None) as batch_op:
        batch_op.drop_column("travels_asked_at")
