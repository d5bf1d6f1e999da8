"""indexes for paged lists: the client list in order of registration, one client's audit
newest first

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 06:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Not (status, created_at): with status first, SQLite walks every active client to find a
    # caseload's few; almost every client is active, so the order index alone serves the list.
    op.create_index("ix_clients_created", "clients", ["created_at", "id"])
    op.create_index("ix_audit_events_client_seq", "audit_events", ["client_id", "seq"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_client_seq", table_name="audit_events")
    op.drop_index("ix_clients_created", table_name="clients")
