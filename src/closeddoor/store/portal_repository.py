"""SQL for getting into the portal: invitations (by link or with an office code), client
accounts as enrolment creates them, password-reset links, and what a client's access history
reads (staff names, break-glass grants). The rules (lifetimes, tries, throttles, never replacing
an account) live in portal/; this module only reads and writes rows in the caller's
transaction. Sign-in and sessions are store/credentials.py's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from closeddoor.store.tables import (
    break_glass,
    portal_accounts,
    portal_invitations,
    portal_password_resets,
    portal_sessions,
    practice,
    users,
)


# --- invitations ----------------------------------------------------------------------------------
def expire_open_invitations(conn: Connection, client_id: str, now: datetime, *,
                            representative_id: str | None = None) -> None:
    """End every unused, unexpired invitation of the client's own account now, or with
    `representative_id`, of that representative's account only."""
    t = portal_invitations
    whose = (t.c.representative_id.is_(None) if representative_id is None
             else t.c.representative_id == representative_id)
    conn.execute(update(portal_invitations).where(
        portal_invitations.c.client_id == client_id, whose,
        portal_invitations.c.used_at.is_(None),
        portal_invitations.c.expires_at > now,
    ).values(expires_at=now))


def insert_invitation(conn: Connection, **values: Any) -> None:
    conn.execute(insert(portal_invitations).values(**values))


def expire_invitation(conn: Connection, invitation_id: str, at: datetime) -> None:
    conn.execute(update(portal_invitations).where(
        portal_invitations.c.id == invitation_id).values(expires_at=at))


def open_invitation(conn: Connection, token_hash: str, now: datetime, *,
                    max_code_failures: int) -> Row[Any] | None:
    """The unused, unexpired invitation with this token hash and fewer wrong codes than
    allowed, or None."""
    return conn.execute(select(portal_invitations).where(
        portal_invitations.c.token_hash == token_hash,
        portal_invitations.c.used_at.is_(None),
        portal_invitations.c.code_failures < max_code_failures,
        portal_invitations.c.expires_at > now)).first()


def use_invitation(conn: Connection, invitation_id: str, now: datetime) -> int:
    """Mark the invitation used if it is still open; the number of rows changed (0 or 1)."""
    used = conn.execute(update(portal_invitations).where(
        portal_invitations.c.id == invitation_id,
        portal_invitations.c.used_at.is_(None),
        portal_invitations.c.expires_at > now).values(used_at=now))
    return int(used.rowcount)


def add_code_failure(conn: Connection, invitation_id: str) -> int:
    """Count one more wrong code (atomically in the database); the count after it."""
    conn.execute(update(portal_invitations).where(
        portal_invitations.c.id == invitation_id).values(
        code_failures=portal_invitations.c.code_failures + 1))
    return int(conn.execute(select(portal_invitations.c.code_failures).where(
        portal_invitations.c.id == invitation_id)).scalar_one())


# --- accounts -------------------------------------------------------------------------------------
def client_has_account(conn: Connection, client_id: str) -> bool:
    """Whether the client has an account of their own (representatives' accounts aside)."""
    return conn.execute(select(portal_accounts.c.id).where(
        portal_accounts.c.client_id == client_id,
        portal_accounts.c.representative_id.is_(None))).first() is not None


def representative_has_account(conn: Connection, representative_id: str) -> bool:
    return conn.execute(select(portal_accounts.c.id).where(
        portal_accounts.c.representative_id == representative_id)).first() is not None


def representative_accounts_of(conn: Connection, client_id: str) -> dict[str, bool]:
    """The client's representatives with a portal account: representative id → active."""
    t = portal_accounts
    return {row.representative_id: bool(row.is_active) for row in conn.execute(
        select(t.c.representative_id, t.c.is_active).where(
            t.c.client_id == client_id, t.c.representative_id.is_not(None)))}


def representative_account_ids(conn: Connection, client_id: str) -> dict[str, str]:
    """The client's representatives' portal accounts: account id → representative id."""
    t = portal_accounts
    return {row.id: row.representative_id for row in conn.execute(
        select(t.c.id, t.c.representative_id).where(
            t.c.client_id == client_id, t.c.representative_id.is_not(None)))}


def close_representative_access(conn: Connection, client_id: str, representative_id: str,
                                now: datetime) -> int:
    """Deactivate the representative's account, end its sessions and open invitations and
    reset links; how many sessions were ended."""
    t = portal_accounts
    expire_open_invitations(conn, client_id, now, representative_id=representative_id)
    accounts = [row.id for row in conn.execute(select(t.c.id).where(
        t.c.client_id == client_id, t.c.representative_id == representative_id))]
    ended = 0
    for account_id in accounts:
        conn.execute(update(t).where(t.c.id == account_id).values(is_active=False))
        expire_open_resets(conn, account_id, now)
        ended += end_sessions(conn, account_id)
    return ended


def username_index_taken(conn: Connection, username_index: str) -> bool:
    return conn.execute(select(portal_accounts.c.id).where(
        portal_accounts.c.username_index == username_index)).first() is not None


def insert_account(conn: Connection, **values: Any) -> None:
    conn.execute(insert(portal_accounts).values(**values))


def active_account(conn: Connection, username_index: str) -> Row[Any, Any, Any] | None:
    """The active account (id, client_id, representative_id) with this user-name index, or
    None."""
    return conn.execute(select(portal_accounts.c.id, portal_accounts.c.client_id,
                               portal_accounts.c.representative_id)
                        .where(portal_accounts.c.username_index == username_index,
                               portal_accounts.c.is_active.is_(True))).first()


def set_password_hash(conn: Connection, account_id: str, password_hash: str) -> None:
    conn.execute(update(portal_accounts).where(
        portal_accounts.c.id == account_id).values(password_hash=password_hash))


def end_sessions(conn: Connection, account_id: str) -> int:
    """Delete every session of the account; how many there were."""
    return int(conn.execute(delete(portal_sessions).where(
        portal_sessions.c.account_id == account_id)).rowcount)


# --- password resets ------------------------------------------------------------------------------
def resets_since(conn: Connection, account_id: str, since: datetime) -> int:
    return int(conn.execute(select(func.count()).select_from(portal_password_resets)
                            .where(portal_password_resets.c.account_id == account_id,
                                   portal_password_resets.c.created_at > since)).scalar_one())


def expire_open_resets(conn: Connection, account_id: str, now: datetime) -> None:
    """End every unused, unexpired reset link of the account now."""
    conn.execute(update(portal_password_resets).where(
        portal_password_resets.c.account_id == account_id,
        portal_password_resets.c.used_at.is_(None),
        portal_password_resets.c.expires_at > now).values(expires_at=now))


def insert_reset(conn: Connection, **values: Any) -> None:
    conn.execute(insert(portal_password_resets).values(**values))


def expire_reset(conn: Connection, reset_id: str, at: datetime) -> None:
    conn.execute(update(portal_password_resets).where(
        portal_password_resets.c.id == reset_id).values(expires_at=at))


def open_reset(conn: Connection, token_hash: str, now: datetime
               ) -> Row[Any, Any, Any, Any] | None:
    """The unused, unexpired reset link with this token hash, of an active account: its id,
    account_id, client_id and the account's sealed user name; or None."""
    return conn.execute(
        select(portal_password_resets.c.id, portal_password_resets.c.account_id,
               portal_accounts.c.client_id, portal_accounts.c.username_sealed)
        .join(portal_accounts,
              portal_accounts.c.id == portal_password_resets.c.account_id)
        .where(portal_password_resets.c.token_hash == token_hash,
               portal_password_resets.c.used_at.is_(None),
               portal_password_resets.c.expires_at > now,
               portal_accounts.c.is_active.is_(True))).first()


def use_reset(conn: Connection, reset_id: str, now: datetime) -> int:
    """Mark the reset link used if it is still open; the number of rows changed (0 or 1)."""
    used = conn.execute(update(portal_password_resets).where(
        portal_password_resets.c.id == reset_id,
        portal_password_resets.c.used_at.is_(None),
        portal_password_resets.c.expires_at > now).values(used_at=now))
    return int(used.rowcount)


# --- what the client's access history reads -------------------------------------------------------
def staff_names_and_roles(conn: Connection) -> dict[str, tuple[str, str]]:
    """Every staff member ever (former ones too): id → (display name, role)."""
    return {r.id: (r.display_name, r.role)
            for r in conn.execute(select(users.c.id, users.c.display_name, users.c.role))}


def break_glass_grants_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    return conn.execute(select(break_glass).where(break_glass.c.client_id == client_id)).all()


def history_shows_process_notes(conn: Connection) -> bool:
    return bool(conn.execute(select(practice.c.history_shows_process_notes)).scalar_one())


def set_history_shows_process_notes(conn: Connection, shown: bool) -> None:
    conn.execute(update(practice).values(history_shows_process_notes=shown))
