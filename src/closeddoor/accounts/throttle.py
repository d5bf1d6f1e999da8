"""Sign-in throttling shared by staff and client sign-in: failures counted per account (by a
keyed hash of the user name, never the name) and per address, within a sliding window."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

import pyotp
from sqlalchemy import Engine, Table, func, insert, or_, select, update

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import Throttled
from closeddoor.runtime import Runtime
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.store.tables import login_failures


def token_hash(token: str) -> str:
    """Sessions and invitations store only the SHA-256 of their bearer token."""
    return hashlib.sha256(token.encode()).hexdigest()


def matching_totp_step(secret: str, code: str, now: datetime) -> int | None:
    """The 30-second step (now, or one either side for clock drift) whose code matches."""
    totp = pyotp.TOTP(secret)
    candidate = code.strip()
    for offset in (0, -1, 1):
        moment = now + timedelta(seconds=offset * totp.interval)
        if hmac.compare_digest(totp.at(moment), candidate):
            return int(moment.timestamp()) // totp.interval
    return None


def spend_totp_step(engine: Engine, accounts: Table, account_id: str, step: int) -> bool:
    """Accept a code's time step once: it must be newer than the last step accepted for this
    account (RFC 6238 §5.2), which it then becomes. Works for staff and client accounts alike."""
    with write_transaction(engine) as conn:
        accepted = conn.execute(
            update(accounts)
            .where(accounts.c.id == account_id,
                   or_(accounts.c.totp_last_step.is_(None), accounts.c.totp_last_step < step))
            .values(totp_last_step=step)
        )
    return accepted.rowcount == 1


class SignInGuard:
    def __init__(self, runtime: Runtime, failed_tag: AuditTag) -> None:
        self._rt = runtime
        self._failed_tag = failed_tag

    def check(self, account_key: str, address: str, now: datetime) -> None:
        """Raise Throttled (and audit it) once either count reaches its limit."""
        settings = self._rt.settings
        since = now - settings.login_window
        with read_transaction(self._rt.engine) as conn:
            by_account = conn.execute(select(func.count()).where(
                login_failures.c.account_key == account_key, login_failures.c.at > since
            )).scalar_one()
            by_address = conn.execute(select(func.count()).where(
                login_failures.c.address == address[:64], login_failures.c.at > since
            )).scalar_one()
        if by_account >= settings.login_failures_per_account or (
            by_address >= settings.login_failures_per_address
        ):
            self._rt.audit.record([self._rt.entry("unknown", self._failed_tag, "deny",
                                                  reason="throttled")])
            raise Throttled("too many failed sign-ins; wait 15 minutes and try again")

    def fail(self, account_key: str, address: str, now: datetime, actor_id: str,
             reason: str) -> None:
        """Count a failure and audit it. The typed user name is never logged: it may be a
        mistyped password."""
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            conn.execute(insert(login_failures).values(account_key=account_key,
                                                       address=address[:64], at=now))
            rt.audit.append_in(conn, [rt.entry(actor_id or "unknown", self._failed_tag, "fail",
                                               reason=reason if actor_id else "unknown-account")])
