"""One authentication core for staff and clients: password check, throttling, second factor,
enrolment, sessions and sign-out, each step audited. `AccountService` (staff) and
`PortalService` (clients) are thin adapters that say which tables, audit tags and key scope an
audience uses; neither writes sign-in logic of its own.

Throttling (NIST SP 800-63B §5.2.2) counts an attempt *before* its password is checked, in the
transaction that checks the limit, so however many guesses arrive at once no more than the limit
are ever checked. Guesses from an unknown browser share the account's bucket; a browser that
has signed in to the account before carries a device cookie (OWASP's "device cookies") and gets a
bucket of its own, so an attacker who fills the account's bucket does not lock the real user out.
A bucket is cleared only by a complete sign-in (password and, where enrolled, second factor), so
knowing the password gives no unthrottled guesses at the code.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pyotp
from sqlalchemy import Row

from closeddoor.accounts.passwords import Hasher, check_password_strength
from closeddoor.accounts.tokens import matching_totp_step, token_hash
from closeddoor.audit.tags import AuditTag
from closeddoor.crypto import blind_index
from closeddoor.errors import AuthenticationFailed, InvalidInput, MfaRequired, Throttled
from closeddoor.gate import Gate
from closeddoor.inline import blocking
from closeddoor.runtime import Runtime
from closeddoor.store import credentials
from closeddoor.store.credentials import CredentialStore, CredentialTables
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.types import RecordKind

SESSION_TOUCH_INTERVAL = timedelta(seconds=30)  # idle time-out is exact to within this
THROTTLED_MESSAGE = "too many failed sign-ins; wait 15 minutes and try again"


@dataclass(frozen=True)
class AuthTags:
    signed_in: AuditTag
    failed: AuditTag
    signed_out: AuditTag
    mfa_enrolled: AuditTag
    password_changed: AuditTag


@dataclass(frozen=True)
class Audience:
    """What differs between staff and clients; everything else is the same code."""

    name: str  # "staff" or "client": names the throttle and device-cookie labels
    tables: CredentialTables
    tags: AuthTags
    username_key: Callable[[str], str]  # typed user name -> the value stored in username_column
    actor_id: Callable[[Row[Any]], str]  # account row -> audit actor id
    audit_client: Callable[[Row[Any]], str]  # account row -> client id for audit ("" for staff)
    key_scope: Callable[[Row[Any]], str]  # account row -> whose key seals its TOTP secret
    credential_kind: RecordKind  # the record kind its TOTP secrets are sealed under


@dataclass(frozen=True)
class NewSession:
    account: Row[Any]
    token: str
    csrf_token: str
    mfa_passed: bool
    device: str  # the device cookie to keep in this browser; "" until the sign-in is complete


@dataclass(frozen=True)
class Attempt:
    """An attempt counted before it is checked; settle it once the outcome is known."""

    attempt_id: int
    buckets: tuple[str, ...]


class Authenticator:
    def __init__(self, runtime: Runtime, gate: Gate, hasher: Hasher, audience: Audience) -> None:
        self._rt = runtime
        self._gate = gate  # the way into the audit
        self._hasher = hasher
        self._aud = audience
        self._store = CredentialStore(audience.tables)

    # --- throttling ------------------------------------------------------------------------------
    def _account_bucket(self, username: str) -> str:
        return blind_index(self._rt.keyring.blind_index_key(), f"{self._aud.name}-account",
                           username)

    def _device_signature(self, account_bucket: str, nonce: str) -> str:
        return blind_index(self._rt.keyring.blind_index_key(), f"{self._aud.name}-device",
                           f"{account_bucket}:{nonce}")

    def device_cookie(self, username: str) -> str:
        """A value that marks this browser as one that signed in to this account before."""
        bucket = self._account_bucket(username)
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self._device_signature(bucket, nonce)}"

    def _bucket(self, account_bucket: str, device: str | None) -> str:
        """The device's own bucket when its cookie is genuine for this account, else the
        account's shared one."""
        nonce, _, signature = (device or "").partition(".")
        if nonce and hmac.compare_digest(signature,
                                         self._device_signature(account_bucket, nonce)):
            return blind_index(self._rt.keyring.blind_index_key(),
                               f"{self._aud.name}-device-bucket", nonce)
        return account_bucket

    def begin_attempt(self, username: str, address: str, *, device: str | None = None) -> Attempt:
        """Count one attempt against the account (or device) and the address, atomically with
        the check of both limits; raise Throttled (audited) when either is reached."""
        rt, settings = self._rt, self._rt.settings
        now = rt.now()
        account_bucket = self._account_bucket(username)
        bucket = self._bucket(account_bucket, device)
        with write_transaction(rt.engine) as conn:
            credentials.lock_buckets(conn, (bucket, f"address:{address}"))
            by_bucket, by_address = credentials.failures_since(
                conn, bucket, address, now - settings.login_window)
            throttled = (by_bucket >= settings.login_failures_per_account
                         or by_address >= settings.login_failures_per_address)
            attempt_id = 0 if throttled else credentials.add_attempt(conn, bucket, address, now)
        if throttled:
            self._gate.record([rt.entry("unknown", self._aud.tags.failed, "deny",
                                      reason="throttled")])
            raise Throttled(THROTTLED_MESSAGE)
        return Attempt(attempt_id, (bucket, account_bucket))

    def _fail(self, attempt: Attempt, actor_id: str, reason: str) -> None:
        """The attempt stays counted; audit it. The typed user name is never logged: it may be
        a mistyped password."""
        rt = self._rt
        self._gate.record([rt.entry(actor_id or "unknown", self._aud.tags.failed, "fail",
                                  reason=reason if actor_id else "unknown-account")])

    # --- sign-in ---------------------------------------------------------------------------------
    def sign_in(self, username: str, password: str, *, address: str, kind: str,
                totp: str | None = None, device: str | None = None,
                mfa_mandatory: bool = False) -> NewSession:
        """Check throttling, password and (where enrolled) the second factor; open a session.

        A web sign-in of an enrolled account opens a session that still needs its code
        (`pass_mfa`); the API takes the code in the same call. With `mfa_mandatory`, an API
        sign-in of an account without a second factor is refused.
        """
        aud, rt = self._aud, self._rt
        attempt = self.begin_attempt(username, address, device=device)
        with read_transaction(rt.engine) as conn:
            row = self._store.active_account_by_username(conn, aud.username_key(username))
        if not self._hasher.verify(row.password_hash if row is not None else None, password) \
                or row is None:
            self._fail(attempt, aud.actor_id(row) if row is not None else "", "bad-password")
            raise AuthenticationFailed("user name or password is not right")
        mfa_passed = not row.totp_enabled
        if row.totp_enabled and (kind == "api" or totp is not None):
            if not totp or not self._totp_ok(row, totp):
                self._fail(attempt, aud.actor_id(row), "bad-totp")
                raise AuthenticationFailed("the authentication code is not right")
            mfa_passed = True
        if kind == "api" and not row.totp_enabled and mfa_mandatory:
            self._fail(attempt, aud.actor_id(row), "mfa-not-enrolled")
            raise MfaRequired("multi-factor sign-in is required: enrol in the web app first")
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = rt.now()
        with write_transaction(rt.engine) as conn:
            self._settle(conn, attempt, complete=mfa_passed)
            self._store.open_session(
                conn, token_hash=token_hash(token), **{aud.tables.owner_column: row.id},
                kind=kind, csrf_token=csrf, mfa_passed=mfa_passed, created_at=now,
                last_seen_at=now, expires_at=now + rt.settings.session_absolute_limit)
            self._gate.record_in(conn, [rt.entry(aud.actor_id(row), aud.tags.signed_in, "ok",
                                               client_id=aud.audit_client(row), reason=kind)])
        # A device cookie only after a complete sign-in: one for a password alone would give
        # whoever knows the password a fresh bucket of guesses at the code on every sign-in.
        return NewSession(row, token, csrf, mfa_passed,
                          self.device_cookie(username) if mfa_passed else "")

    def _settle(self, conn: Any, attempt: Attempt, *, complete: bool) -> None:
        """A complete sign-in clears the buckets; a password passed with the code still to come
        un-counts only this attempt, so the code's guesses stay throttled."""
        if complete:
            credentials.clear_bucket(conn, attempt.buckets)
        else:
            credentials.remove_attempt(conn, attempt.attempt_id)

    def pass_mfa(self, token: str, code: str, *, address: str, username: str,
                 device: str | None = None) -> str:
        """The second step of a web sign-in: the code from the account's authenticator.
        Returns the device cookie for this browser."""
        aud, rt = self._aud, self._rt
        with read_transaction(rt.engine) as conn:
            row = self._store.session(conn, token_hash(token))
        if row is None:
            raise AuthenticationFailed("your session has ended; sign in again")
        attempt = self.begin_attempt(username, address, device=device)
        if not self._totp_ok(row, code):
            self._fail(attempt, aud.actor_id(row), "bad-totp")
            raise AuthenticationFailed("the authentication code is not right")
        with write_transaction(rt.engine) as conn:
            self._settle(conn, attempt, complete=True)
            self._store.touch_session(conn, token_hash(token), mfa_passed=True,
                                      last_seen_at=rt.now())
            self._gate.record_in(conn, [rt.entry(aud.actor_id(row), aud.tags.signed_in, "ok",
                                               client_id=aud.audit_client(row), reason="totp")])
        return self.device_cookie(username)

    def verify_password(self, account_id: str, username: str, password: str, *,
                        address: str, reason: str) -> Row[Any]:
        """Ask a signed-in account for its password again (throttled and audited like a
        sign-in, so a stolen session is no free oracle); returns the account row."""
        attempt = self.begin_attempt(username, address)
        with read_transaction(self._rt.engine) as conn:
            row = self._store.account(conn, account_id)
        if row is None or not self._hasher.verify(row.password_hash, password):
            self._fail(attempt, account_id if row is None else self._aud.actor_id(row), reason)
            raise AuthenticationFailed("the current password is not right")
        with write_transaction(self._rt.engine) as conn:
            credentials.remove_attempt(conn, attempt.attempt_id)
        return row

    # --- sessions --------------------------------------------------------------------------------
    def resolve(self, token: str, *, kind: str | None = None) -> Row[Any] | None:
        """The account and session behind a token, or None once unknown, of the wrong kind,
        deactivated, idle too long or too old. Activity refreshes the idle clock."""
        rt = self._rt
        now = rt.now()
        with read_transaction(rt.engine) as conn:
            row = self._store.session(conn, token_hash(token))
        if row is None or not row.is_active or (kind is not None and row.kind != kind):
            return None
        # The writes below wait for the write lock: on a read run inline, a worker thread does
        # them, so a long write elsewhere never stalls the event loop (closeddoor.inline).
        if now >= row.expires_at or now - row.last_seen_at >= rt.settings.session_idle_timeout:
            blocking(lambda: self.end_session(token))
            return None
        if now - row.last_seen_at >= SESSION_TOUCH_INTERVAL:
            blocking(lambda: self._touch(token, now))
        return row

    def _touch(self, token: str, now: datetime) -> None:
        with write_transaction(self._rt.engine) as conn:
            self._store.touch_session(conn, token_hash(token), last_seen_at=now)

    def end_session(self, token: str) -> None:
        aud, rt = self._aud, self._rt
        with write_transaction(rt.engine) as conn:
            owner = self._store.session_owner(conn, token_hash(token))
            if owner is None:
                return
            row = self._store.account(conn, owner)
            self._store.end_session(conn, token_hash(token))
            if row is not None:
                self._gate.record_in(conn, [rt.entry(aud.actor_id(row), aud.tags.signed_out, "ok",
                                                   client_id=aud.audit_client(row))])

    def end_sessions_in(self, conn: Any, account_id: str, *, keep_token: str = "") -> None:
        """End every session of an account (inside the caller's transaction), but one."""
        self._store.end_sessions_of(conn, account_id,
                                    keep=token_hash(keep_token) if keep_token else "")

    # --- passwords -------------------------------------------------------------------------------
    def change_password(self, account_id: str, username: str, current: str, new: str, *,
                        address: str) -> None:
        """Change one's own password; every session of the account ends."""
        aud, rt = self._aud, self._rt
        row = self.verify_password(account_id, username, current, address=address,
                                   reason="bad-current-password")
        check_password_strength(new, username=username)
        with write_transaction(rt.engine) as conn:
            self._store.update_account(conn, account_id, password_hash=self._hasher.hash(new))
            self._store.end_sessions_of(conn, account_id)
            credentials.clear_bucket(conn, (self._account_bucket(username),))
            self._gate.record_in(conn, [rt.entry(aud.actor_id(row), aud.tags.password_changed,
                                               "ok", client_id=aud.audit_client(row))])

    # --- second factor ---------------------------------------------------------------------------
    def begin_totp_enrolment(self, account_id: str, username: str, *, issuer: str,
                             current_password: str | None, address: str,
                             password_needed: bool) -> str:
        """Keep a new TOTP secret aside until a code from it is confirmed, so an enrolled
        account stays protected by the old one meanwhile. With `password_needed` the current
        password is asked again. Returns the otpauth URI."""
        rt = self._rt
        if password_needed:
            found: Row[Any] | None = self.verify_password(
                account_id, username, current_password or "", address=address,
                reason="bad-current-password")
        else:
            with read_transaction(rt.engine) as conn:
                found = self._store.account(conn, account_id)
        if found is None:
            raise AuthenticationFailed("your session has ended; sign in again")
        row = found
        secret = pyotp.random_base32()
        with write_transaction(rt.engine) as conn:
            sealed = rt.keyring.seal_credential(conn, self._aud.key_scope(row),
                                           self._aud.credential_kind, account_id, "totp_pending",
                                           secret.encode())
            self._store.update_account(conn, account_id, totp_pending_sealed=sealed)
        return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=issuer)

    def confirm_totp_enrolment(self, account_id: str, code: str, *,
                               session_token: str | None = None) -> None:
        """Make the pending secret the active one once a code from it checks out. The
        confirming session counts as having passed it; every other session of the account
        ends, since the factor they signed in with is gone."""
        aud, rt = self._aud, self._rt
        with read_transaction(rt.engine) as conn:
            row = self._store.account(conn, account_id)
            pending = None if row is None else row.totp_pending_sealed
            secret = None if row is None or pending is None else rt.keyring.unseal_credential(
                conn, aud.key_scope(row), aud.credential_kind, account_id, "totp_pending",
                pending)
        if row is None or secret is None:
            raise InvalidInput("code: start enrolment first")
        step = matching_totp_step(secret.decode(), code, rt.now())
        if step is None:
            raise InvalidInput("code: that code does not match — check the time on your device")
        keep = token_hash(session_token) if session_token else ""
        with write_transaction(rt.engine) as conn:
            active = rt.keyring.seal_credential(conn, aud.key_scope(row), aud.credential_kind,
                                           account_id, "totp_secret", secret)
            self._store.update_account(conn, account_id, totp_secret_sealed=active,
                                       totp_pending_sealed=None, totp_enabled=True,
                                       totp_last_step=step)
            self._store.end_sessions_of(conn, account_id, keep=keep)
            if keep:
                self._store.touch_session(conn, keep, mfa_passed=True)
            self._gate.record_in(conn, [rt.entry(aud.actor_id(row), aud.tags.mfa_enrolled, "ok",
                                               client_id=aud.audit_client(row))])

    def _totp_ok(self, row: Row[Any], code: str) -> bool:
        aud, rt = self._aud, self._rt
        if row.totp_secret_sealed is None:
            return False
        with write_transaction(rt.engine) as conn:
            secret = rt.keyring.unseal_credential(conn, aud.key_scope(row), aud.credential_kind,
                                             row.id, "totp_secret", row.totp_secret_sealed)
            step = matching_totp_step(secret.decode(), code, rt.now())
            return step is not None and self._store.spend_totp_step(conn, row.id, step)

    def unsafe_totp_secret(self, account_id: str) -> str:
        """The raw TOTP secret (the pending one while enrolment is unconfirmed); for tests and
        scripted demos to compute codes, never for pages."""
        aud, rt = self._aud, self._rt
        with read_transaction(rt.engine) as conn:
            row = self._store.account(conn, account_id)
            assert row is not None
            field, sealed = (("totp_pending", row.totp_pending_sealed)
                             if row.totp_pending_sealed is not None
                             else ("totp_secret", row.totp_secret_sealed))
            return rt.keyring.unseal_credential(conn, aud.key_scope(row), aud.credential_kind,
                                           account_id, field, sealed).decode()
