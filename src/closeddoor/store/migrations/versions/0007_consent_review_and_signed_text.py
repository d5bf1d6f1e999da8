"""consent promises: a version's review record and published text hash; the signed text kept

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ALTER TABLE (not batch mode): SQLite rebuilding consent_versions would drop the triggers
# that keep published versions immutable (0002). SQLite has had DROP COLUMN since 3.35.
_VERSION_COLUMNS = (
    ("text_sha256", sa.String(length=64)),
    ("reviewed_by", sa.String(length=200)),
    ("reviewed_on", sa.Date()),
    ("reviewed_sha256", sa.String(length=64)),
    ("review_recorded_by", sa.String(length=36)),
    ("review_recorded_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    for name, kind in _VERSION_COLUMNS:
        op.add_column("consent_versions", sa.Column(name, kind, nullable=True))
    op.add_column("consent_versions", sa.Column("is_demo", sa.Boolean(), nullable=False,
                                                server_default=sa.false()))
    op.add_column("consent_signatures", sa.Column("text_sealed", sa.LargeBinary(),
                                                  nullable=True))


def downgrade() -> None:
    op.drop_column("consent_signatures", "text_sealed")
    op.drop_column("consent_versions", "is_demo")
    for name, _ in reversed(_VERSION_COLUMNS):
        op.drop_column("consent_versions", name)
