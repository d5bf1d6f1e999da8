"""append-only disclosures: state changes become disclosure_events; accounting requests; fee notice

The disclosures table keeps only the request (what, on what authority, who asked, when); every
later change is a row in disclosure_events. The database refuses UPDATE and DELETE on both, as it
does on the audit (0001). Neither keeps a foreign key to the client: like the audit, the rows
outlive a destroyed chart, their sealed parts unreadable once the client's key is destroyed.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 16:30:00.000000
"""

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GUARDED = ("disclosures", "disclosure_events")
_MOVED = (  # (column, type) moved from disclosures into events
    ("approved_at", sa.DateTime(timezone=True)), ("approved_by", sa.String(36)),
    ("approval_comment_sealed", sa.LargeBinary()), ("released_at", sa.DateTime(timezone=True)),
    ("released_by", sa.String(36)), ("packet_sha256", sa.String(64)),
    ("client_told", sa.String(12)), ("client_told_at", sa.DateTime(timezone=True)),
    ("client_told_sealed", sa.LargeBinary()), ("reviewed_at", sa.DateTime(timezone=True)),
    ("reviewed_by", sa.String(36)), ("review_comment_sealed", sa.LargeBinary()),
    ("suspended_until", sa.Date()), ("suspension_sealed", sa.LargeBinary()),
)
_FKS = (("fk_disclosures_client_id_clients", "clients", "client_id"),
        ("fk_disclosures_authorization_id_authorizations", "authorizations", "authorization_id"))


def _events_table() -> sa.TableClause:
    return sa.table(
        "disclosure_events", sa.column("id"), sa.column("disclosure_id"), sa.column("client_id"),
        sa.column("kind"), sa.column("occurred_at"), sa.column("actor_id"),
        sa.column("once_key"), sa.column("packet_sha256"), sa.column("until"),
        sa.column("detail"), sa.column("note_sealed"), sa.column("sealed_field"))


def _events_of(row: Any) -> list[dict[str, Any]]:
    """The events that reproduce one old row's mutable columns (sealed values keep the field
    name they were sealed at, so they still open)."""
    base = {"disclosure_id": row.id, "client_id": row.client_id, "packet_sha256": None,
            "until": None, "detail": None, "note_sealed": None, "sealed_field": None}
    events = []

    def add(kind: str, at: Any, actor: Any, once: str | None, **values: Any) -> None:
        events.append({**base, "id": str(uuid.uuid4()), "kind": kind, "occurred_at": at,
                       "actor_id": actor or "", "once_key": once and f"{row.id}:{once}",
                       **values})

    if row.approved_at is not None:
        add("declined" if row.status == "declined" else "approved", row.approved_at,
            row.approved_by, "decision", note_sealed=row.approval_comment_sealed,
            sealed_field="approval_comment" if row.approval_comment_sealed else None)
    if row.status == "released":
        add("released", row.released_at or row.requested_at, row.released_by, "released",
            packet_sha256=row.packet_sha256)
    if row.client_told in ("told", "not-told"):
        add(f"client-{row.client_told}", row.client_told_at or row.requested_at,
            row.requested_by, None, note_sealed=row.client_told_sealed,
            sealed_field="client_told" if row.client_told_sealed else None)
    if row.suspended_until is not None:
        add("suspended", row.requested_at, row.reviewed_by or row.requested_by, None,
            until=row.suspended_until, detail="written", note_sealed=row.suspension_sealed,
            sealed_field="suspension" if row.suspension_sealed else None)
    if row.reviewed_at is not None:
        add("reviewed", row.reviewed_at, row.reviewed_by, "reviewed",
            note_sealed=row.review_comment_sealed,
            sealed_field="review_comment" if row.review_comment_sealed else None)
    return events


def upgrade() -> None:
    bind = op.get_bind()
    old = bind.execute(sa.text("SELECT * FROM disclosures")).all()
    # Rebuild disclosures (SQLite batch mode) before anything refers to it.
    op.execute("UPDATE disclosures SET status = 'pending-approval' "
               "WHERE approved_at IS NOT NULL OR status = 'pending-approval'")
    op.execute("UPDATE disclosures SET status = 'ready' WHERE status <> 'pending-approval'")
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        for name, _, _ in _FKS:
            batch_op.drop_constraint(name, type_="foreignkey")
        for column, _ in _MOVED:
            batch_op.drop_column(column)
    op.create_table(
        "disclosure_events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("disclosure_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.Column("once_key", sa.String(length=64), nullable=True),
        sa.Column("packet_sha256", sa.String(length=64), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("detail", sa.String(length=16), nullable=True),
        sa.Column("note_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("sealed_field", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["disclosure_id"], ["disclosures.id"],
                                name=op.f("fk_disclosure_events_disclosure_id_disclosures")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosure_events")),
        sa.UniqueConstraint("once_key", name=op.f("uq_disclosure_events_once_key")),
    )
    with op.batch_alter_table("disclosure_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disclosure_events_client_id"), ["client_id"])
        batch_op.create_index(batch_op.f("ix_disclosure_events_disclosure_id"),
                              ["disclosure_id"])
    events = [e for row in old for e in _events_of(row)]
    if events:
        op.bulk_insert(_events_table(), events)
    op.create_table(
        "accounting_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by", sa.String(length=48), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("is_free", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_accounting_requests_client_id_clients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounting_requests")),
    )
    with op.batch_alter_table("accounting_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accounting_requests_client_id"), ["client_id"])
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("accounting_fee_notice", sa.Text(), nullable=True))
    _refuse_changes()


def _refuse_changes() -> None:
    """The database refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) on the disclosure
    tables: a second line behind the service, which only ever inserts."""
    if op.get_bind().dialect.name == "sqlite":
        for table in _GUARDED:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_refuse_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        return
    op.execute(
        "CREATE FUNCTION closeddoor_refuse_disclosure_change() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql")
    for table in _GUARDED:
        op.execute(
            f"CREATE TRIGGER {table}_refuse_change BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION closeddoor_refuse_disclosure_change()")


def _allow_changes() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _GUARDED:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_{verb}")
        return
    for table in _GUARDED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_change ON {table}")
    op.execute("DROP FUNCTION IF EXISTS closeddoor_refuse_disclosure_change()")


def _columns_of(events: list[Any], status: str) -> dict[str, Any]:
    """Fold one disclosure's events back into the old mutable columns."""
    values: dict[str, Any] = {"status": status}
    for e in sorted(events, key=lambda e: e.occurred_at):
        if e.kind in ("approved", "declined"):
            values.update(status="ready" if e.kind == "approved" else "declined",
                          approved_at=e.occurred_at, approved_by=e.actor_id,
                          approval_comment_sealed=e.note_sealed)
        elif e.kind == "released":
            values.update(status="released", released_at=e.occurred_at, released_by=e.actor_id,
                          packet_sha256=e.packet_sha256)
        elif e.kind in ("client-told", "client-not-told"):
            values.update(client_told=e.kind.removeprefix("client-"),
                          client_told_at=e.occurred_at, client_told_sealed=e.note_sealed)
        elif e.kind == "suspended":
            values.update(suspended_until=e.until, suspension_sealed=e.note_sealed)
        elif e.kind == "reviewed":
            values.update(reviewed_at=e.occurred_at, reviewed_by=e.actor_id,
                          review_comment_sealed=e.note_sealed)
    return values


def downgrade() -> None:
    _allow_changes()
    bind = op.get_bind()
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.drop_column("accounting_fee_notice")
    op.drop_table("accounting_requests")
    # Tombstones of destroyed charts cannot go back under a foreign key to the client.
    op.execute("DELETE FROM disclosure_events WHERE client_id NOT IN (SELECT id FROM clients)")
    op.execute("DELETE FROM disclosures WHERE client_id NOT IN (SELECT id FROM clients)")
    events = bind.execute(sa.text("SELECT * FROM disclosure_events")).all()
    rows = bind.execute(sa.text("SELECT id, authority, status FROM disclosures")).all()
    op.drop_table("disclosure_events")
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        for column, kind in _MOVED:
            if column == "client_told":
                batch_op.add_column(sa.Column(column, kind, nullable=False,
                                              server_default="n/a"))
            else:
                batch_op.add_column(sa.Column(column, kind, nullable=True))
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.alter_column("client_told", server_default=None)
        for name, target, column in _FKS:
            batch_op.create_foreign_key(name, target, [column], ["id"])
    table = sa.table("disclosures", sa.column("id"), sa.column("client_told"),
                     *(sa.column(c) for c, _ in _MOVED if c != "client_told"),
                     sa.column("status"))
    for row in rows:
        mine = [e for e in events if e.disclosure_id == row.id]
        values = _columns_of(mine, row.status)
        values.setdefault("client_told", "pending" if row.authority == "legal-basis" else "n/a")
        bind.execute(sa.update(table).where(table.c.id == row.id).values(**values))
