"""SQL for personal representatives and clinicians' minor-consent findings.

Functions take the caller's `Connection` and read or write rows; sealed fields go in and come out
sealed. The rules (who may act, what a finding allows) live in `closeddoor.records.representatives`
and `closeddoor.consent.minors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from closeddoor.store.tables import appointments, minor_consent_findings, personal_representatives


# --- representatives ------------------------------------------------------------------------------
def insert_representative(conn: Connection, **values: Any) -> None:
    conn.execute(insert(personal_representatives).values(**values))


def representatives_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's representatives, newest first."""
    t = personal_representatives
    return conn.execute(select(t).where(t.c.client_id == client_id)
                        .order_by(t.c.recorded_at.desc(), t.c.id)).all()


def representative(conn: Connection, client_id: str, representative_id: str) -> Row[Any] | None:
    """One representative of this client; None if the id is another client's or unknown."""
    t = personal_representatives
    return conn.execute(select(t).where(t.c.id == representative_id,
                                        t.c.client_id == client_id)).first()


def end_representative(conn: Connection, representative_id: str, *, ended_at: datetime,
                       ended_by: str) -> bool:
    """End a standing representative; False when it had already ended or been refused."""
    t = personal_representatives
    return conn.execute(update(t).where(
        t.c.id == representative_id, t.c.ended_at.is_(None), t.c.refused_at.is_(None))
        .values(ended_at=ended_at, ended_by=ended_by)).rowcount == 1


def refuse_representative(conn: Connection, representative_id: str, *, refused_at: datetime,
                          refused_by: str, refusal_sealed: bytes) -> bool:
    """Record a 164.502(g)(5) refusal; False when one is already recorded."""
    t = personal_representatives
    return conn.execute(update(t).where(t.c.id == representative_id, t.c.refused_at.is_(None))
                        .values(refused_at=refused_at, refused_by=refused_by,
                                refusal_sealed=refusal_sealed)).rowcount == 1


# --- minor-consent findings -----------------------------------------------------------------------
def insert_finding(conn: Connection, **values: Any) -> None:
    conn.execute(insert(minor_consent_findings).values(**values))


def findings_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's findings, newest first, withdrawn ones included."""
    t = minor_consent_findings
    return conn.execute(select(t).where(t.c.client_id == client_id)
                        .order_by(t.c.recorded_at.desc(), t.c.id)).all()


def current_findings(conn: Connection, client_id: str, jurisdiction: str) -> Sequence[Row[Any]]:
    """The findings in force: recorded under this jurisdiction and not withdrawn."""
    t = minor_consent_findings
    return conn.execute(select(t).where(t.c.client_id == client_id,
                                        t.c.jurisdiction == jurisdiction,
                                        t.c.withdrawn_at.is_(None))).all()


def withdraw_finding(conn: Connection, client_id: str, finding_id: str, *,
                     withdrawn_at: datetime, withdrawn_by: str) -> bool:
    t = minor_consent_findings
    return conn.execute(update(t).where(t.c.id == finding_id, t.c.client_id == client_id,
                                        t.c.withdrawn_at.is_(None))
                        .values(withdrawn_at=withdrawn_at, withdrawn_by=withdrawn_by)
                        ).rowcount == 1


def sessions_attended(conn: Connection, client_id: str) -> int:
    """How many of the client's appointments are marked attended (Illinois' session count)."""
    return int(conn.execute(select(func.count()).select_from(appointments).where(
        appointments.c.client_id == client_id, appointments.c.status == "attended")
    ).scalar_one())
