"""How an audit event sits in `audit_events`: the column order the appender writes and the
verifier streams, and the mapping between a row and a `ChainedEvent`."""

from __future__ import annotations

from sqlalchemy import Connection

from closeddoor.audit.chain import AuditEntry, ChainedEvent

# The audit_events columns in EventRow order; HASH indexes the event's own hash in a row.
COLUMNS = (
    "seq",
    "at",
    "actor_id",
    "tag",
    "outcome",
    "client_id",
    "resource_id",
    "reason",
    "details",
    "prev_hash",
    "hash",
)
HASH = COLUMNS.index("hash")


def row_values(event: ChainedEvent) -> tuple[object, ...]:
    """An event's column values in `COLUMNS` order."""
    entry = event.entry
    return (
        event.seq,
        entry.at,
        entry.actor_id,
        entry.tag,
        entry.outcome,
        entry.client_id,
        entry.resource_id,
        entry.reason,
        entry.details,
        event.prev_hash,
        event.hash,
    )


def event_from_row(row: object) -> ChainedEvent:
    r = row._mapping  # type: ignore[attr-defined]
    entry = AuditEntry(
        r["at"],
        r["actor_id"],
        r["tag"],
        r["outcome"],
        r["client_id"],
        r["resource_id"],
        r["reason"],
        r["details"],
    )
    return ChainedEvent(int(r["seq"]), entry, r["prev_hash"], r["hash"])


def placeholder(conn: Connection) -> str:
    """The DB-API parameter marker: `?` for sqlite3, `%s` for psycopg."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"
