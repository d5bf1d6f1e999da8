"""SQL for sign-in: accounts, their sessions and the failed-attempt counts, for staff and clients.

Staff (`users`, `sessions`) and clients (`portal_accounts`, `portal_sessions`) keep their
credentials in tables of the same shape; `CredentialTables` names one audience's pair so one
repository serves both. The rules (what counts as a failure, when a session ends) live in
`closeddoor.accounts.authn`; this module only reads and writes rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Row,
    Table,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from closeddoor.store.prepared import Prepared
from closeddoor.store.tables import (
    login_failures,
    portal_accounts,
    portal_sessions,
    practice,
    sessions,
    users,
)


@dataclass(frozen=True)
class CredentialTables:
    """One audience's account table, its session table and how the two are joined."""

    accounts: Table
    sessions: Table
    owner_column: str  # the column of `sessions` that names the account
    username_column: str  # the account column a typed user name is looked up by
    session_extras: tuple[Any, ...] = ()  # more columns the session lookup returns

    @property
    def owner(self) -> Column[Any]:
        return self.sessions.c[self.owner_column]


STAFF_TABLES = CredentialTables(
    users, sessions, "user_id", "username",
    (select(practice.c.mfa_required).limit(1).scalar_subquery().label("mfa_required"),),
)
CLIENT_TABLES = CredentialTables(portal_accounts, portal_sessions, "account_id", "username_index")


def _lock_key(bucket: str) -> int:
    return int.from_bytes(hashlib.sha256(bucket.encode()).digest()[:8], "big", signed=True)


class CredentialStore:
    """Reads and writes one audience's credential rows inside the caller's transaction."""

    def __init__(self, tables: CredentialTables) -> None:
        self._t = tables
        accounts, session_rows = tables.accounts, tables.sessions
        # Built once: every request resolves its token through this statement.
        self._session_lookup = Prepared(
            select(accounts, session_rows.c.token_hash, session_rows.c.kind,
                   session_rows.c.csrf_token, session_rows.c.mfa_passed,
                   session_rows.c.created_at.label("session_created_at"),
                   session_rows.c.last_seen_at, session_rows.c.expires_at,
                   *tables.session_extras)
            .join(session_rows, tables.owner == accounts.c.id)
            .where(session_rows.c.token_hash == bindparam("token_hash"))
        )

    # --- accounts ------------------------------------------------------------------------------
    def active_account_by_username(self, conn: Connection, username_key: str) -> Row[Any] | None:
        accounts = self._t.accounts
        return conn.execute(select(accounts).where(
            accounts.c[self._t.username_column] == username_key,
            accounts.c.is_active.is_(True))).first()

    def account(self, conn: Connection, account_id: str) -> Row[Any] | None:
        accounts = self._t.accounts
        return conn.execute(select(accounts).where(accounts.c.id == account_id)).first()

    def update_account(self, conn: Connection, account_id: str, **values: Any) -> None:
        accounts = self._t.accounts
        conn.execute(update(accounts).where(accounts.c.id == account_id).values(**values))

    def spend_totp_step(self, conn: Connection, account_id: str, step: int) -> bool:
        """Accept a code's time step once: only if newer than the last one accepted (RFC 6238
        §5.2), which it then becomes. One conditional UPDATE, so two racing uses cannot both win."""
        accounts = self._t.accounts
        accepted = conn.execute(
            update(accounts)
            .where(accounts.c.id == account_id,
                   or_(accounts.c.totp_last_step.is_(None), accounts.c.totp_last_step < step))
            .values(totp_last_step=step))
        return accepted.rowcount == 1

    # --- sessions ------------------------------------------------------------------------------
    def session(self, conn: Connection, token_hash: str) -> Row[Any] | None:
        """The account row joined with the session behind a token hash."""
        row: Row[Any] | None = self._session_lookup.first(conn, {"token_hash": token_hash})
        return row

    def open_session(self, conn: Connection, **values: Any) -> None:
        session_rows = self._t.sessions
        conn.execute(delete(session_rows).where(session_rows.c.expires_at < values["created_at"]))
        conn.execute(insert(session_rows).values(**values))

    def touch_session(self, conn: Connection, token_hash: str, **values: Any) -> None:
        session_rows = self._t.sessions
        conn.execute(update(session_rows).where(session_rows.c.token_hash == token_hash)
                     .values(**values))

    def session_owner(self, conn: Connection, token_hash: str) -> str | None:
        session_rows = self._t.sessions
        owner: str | None = conn.execute(select(self._t.owner).where(
            session_rows.c.token_hash == token_hash)).scalar_one_or_none()
        return owner

    def end_session(self, conn: Connection, token_hash: str) -> None:
        session_rows = self._t.sessions
        conn.execute(delete(session_rows).where(session_rows.c.token_hash == token_hash))

    def end_sessions_of(self, conn: Connection, account_id: str, *, keep: str = "") -> None:
        """End every session of an account, except the one whose token hash is `keep`."""
        session_rows = self._t.sessions
        conn.execute(delete(session_rows).where(self._t.owner == account_id,
                                                session_rows.c.token_hash != keep))


# --- failed attempts (one table for both audiences: the bucket keys differ) ----------------------
def lock_buckets(conn: Connection, buckets: Sequence[str]) -> None:
    """Serialise attempts on the same buckets until the transaction ends. SQLite writers already
    hold the database's write lock (BEGIN IMMEDIATE); PostgreSQL takes a transaction-scoped
    advisory lock per bucket, in a fixed order so two attempts never wait on each other."""
    if conn.dialect.name != "postgresql":
        return
    for key in sorted({_lock_key(bucket) for bucket in buckets}):
        conn.execute(select(func.pg_advisory_xact_lock(key)))


def failures_since(conn: Connection, bucket: str, address: str, since: datetime
                   ) -> tuple[int, int]:
    """Failed (or still unsettled) attempts in the window: for the bucket, and from the address."""
    by_bucket = conn.execute(select(func.count()).where(
        login_failures.c.account_key == bucket, login_failures.c.at > since)).scalar_one()
    by_address = conn.execute(select(func.count()).where(
        login_failures.c.address == address[:64], login_failures.c.at > since)).scalar_one()
    return int(by_bucket), int(by_address)


def add_attempt(conn: Connection, bucket: str, address: str, at: datetime) -> int:
    """Count an attempt before it is checked; settling it as a success deletes the row again."""
    attempt_id: int = conn.execute(insert(login_failures).values(
        account_key=bucket, address=address[:64], at=at).returning(login_failures.c.id)
    ).scalar_one()
    return attempt_id


def remove_attempt(conn: Connection, attempt_id: int) -> None:
    conn.execute(delete(login_failures).where(login_failures.c.id == attempt_id))


def clear_bucket(conn: Connection, buckets: Sequence[str]) -> None:
    conn.execute(delete(login_failures).where(login_failures.c.account_key.in_(list(buckets))))
