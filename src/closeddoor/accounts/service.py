"""Sign-in, sessions, multi-factor enrolment and staff administration."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from sqlalchemy import bindparam, delete, insert, select, update

from closeddoor.accounts.passwords import Hasher, check_password_strength
from closeddoor.accounts.throttle import (
    SignInGuard,
    matching_totp_step,
    spend_totp_step,
    token_hash,
)
from closeddoor.audit.tags import AuditTag
from closeddoor.crypto import blind_index
from closeddoor.errors import (
    AuthenticationFailed,
    ConflictError,
    InvalidInput,
    MfaRequired,
    NotFound,
)
from closeddoor.gate import Gate
from closeddoor.policy import STAFF_ROLES, Actor, Permission, Role
from closeddoor.runtime import Runtime, new_id
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.store.tables import login_failures, practice, sessions, users

USERNAME_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
SESSION_TOUCH_INTERVAL = timedelta(seconds=30)  # idle time-out is exact to within this
SYSTEM_ACTOR = Actor("system", Role.OWNER)  # the CLI, acting with the key files in hand


@dataclass(frozen=True)
class StaffUser:
    user_id: str
    username: str
    display_name: str
    role: Role
    totp_enabled: bool
    supervisor_id: str | None
    is_active: bool

    @property
    def actor(self) -> Actor:
        return Actor(self.user_id, self.role)


@dataclass(frozen=True)
class SignedIn:
    user: StaffUser
    token: str
    csrf_token: str
    mfa_passed: bool


@dataclass(frozen=True)
class ActiveSession:
    user: StaffUser
    csrf_token: str
    mfa_passed: bool
    mfa_enrolment_required: bool


# Built once: every API request resolves its token, and compiling per call cost more than running.
_SESSION_LOOKUP = (
    select(users, sessions.c.csrf_token, sessions.c.mfa_passed, sessions.c.kind,
           sessions.c.last_seen_at, sessions.c.expires_at,
           select(practice.c.mfa_required).limit(1).scalar_subquery().label("mfa_required"))
    .join(sessions, sessions.c.user_id == users.c.id)
    .where(sessions.c.token_hash == bindparam("token_hash"))
)


def _user(row: object) -> StaffUser:
    r = row._mapping  # type: ignore[attr-defined]
    return StaffUser(
        r["id"],
        r["username"],
        r["display_name"],
        Role(r["role"]),
        bool(r["totp_enabled"]),
        r["supervisor_id"],
        bool(r["is_active"]),
    )


class AccountService:
    def __init__(self, runtime: Runtime, gate: Gate, hasher: Hasher) -> None:
        self._rt = runtime
        self._gate = gate
        self._hasher = hasher
        self._guard = SignInGuard(runtime, AuditTag.AUTH_SESSION_SIGNIN_FAILED)

    # --- administration ------------------------------------------------------------------------
    def add_user(
        self,
        actor: Actor,
        *,
        username: str,
        display_name: str,
        role: str,
        password: str,
        supervisor_username: str | None = None,
    ) -> StaffUser:
        rt = self._rt
        self._gate.require(
            actor, Permission.PRACTICE_USER_MANAGE, AuditTag.PRACTICE_USER_CREATE, audit_allow=False
        )
        username = username.strip().lower()
        if not USERNAME_PATTERN.match(username):
            raise InvalidInput(
                "username: 2-64 characters, lower-case letters, digits, . _ -; "
                "starting with a letter"
            )
        if not display_name.strip() or len(display_name) > 200:
            raise InvalidInput("display_name: required, at most 200 characters")
        staff_role = next((r for r in STAFF_ROLES if r.value == role), None)
        if staff_role is None:
            raise InvalidInput(f"role: one of {', '.join(r.value for r in STAFF_ROLES)}")
        check_password_strength(password, username=username)
        user_id = new_id()
        with write_transaction(rt.engine) as conn:
            if conn.execute(select(users.c.id).where(users.c.username == username)).first():
                raise ConflictError("username: already taken")
            supervisor_id = None
            if supervisor_username:
                supervisor_id = conn.execute(
                    select(users.c.id).where(
                        users.c.username == supervisor_username.strip().lower(),
                        users.c.role == Role.SUPERVISOR.value,
                    )
                ).scalar_one_or_none()
                if supervisor_id is None:
                    raise InvalidInput("supervisor: no supervisor with that user name")
            conn.execute(
                insert(users).values(
                    id=user_id,
                    username=username,
                    display_name=display_name.strip(),
                    role=staff_role.value,
                    password_hash=self._hasher.hash(password),
                    totp_enabled=False,
                    supervisor_id=supervisor_id,
                    is_active=True,
                    created_at=rt.now(),
                )
            )
            rt.audit.append_in(
                conn,
                [
                    rt.entry(
                        actor.actor_id,
                        AuditTag.PRACTICE_USER_CREATE,
                        "ok",
                        resource_id=user_id,
                        role=staff_role.value,
                    )
                ],
            )
        return self.get_user(user_id)

    def get_user(self, user_id: str) -> StaffUser:
        with read_transaction(self._rt.engine) as conn:
            row = conn.execute(select(users).where(users.c.id == user_id)).first()
        if row is None:
            raise NotFound("no such user")
        return _user(row)

    def user_by_username(self, username: str) -> StaffUser:
        with read_transaction(self._rt.engine) as conn:
            row = conn.execute(select(users).where(users.c.username == username.lower())).first()
        if row is None:
            raise NotFound("no such user")
        return _user(row)

    def list_users(self, actor: Actor) -> list[StaffUser]:
        self._gate.require(actor, Permission.PRACTICE_USER_MANAGE, AuditTag.PRACTICE_USER_LIST)
        with read_transaction(self._rt.engine) as conn:
            return [_user(r) for r in conn.execute(select(users).order_by(users.c.username))]

    def display_names(self) -> dict[str, str]:
        """Staff names by id, for pages that show who did what (staff names are not clinical)."""
        with read_transaction(self._rt.engine) as conn:
            return {
                r.id: r.display_name for r in conn.execute(select(users.c.id, users.c.display_name))
            }

    def mfa_required(self) -> bool:
        with read_transaction(self._rt.engine) as conn:
            return bool(conn.execute(select(practice.c.mfa_required)).scalar_one())

    def set_mfa_required(self, actor: Actor, required: bool) -> None:
        self._gate.require(
            actor,
            Permission.PRACTICE_SETTINGS_MANAGE,
            AuditTag.PRACTICE_SETTINGS_UPDATE,
            audit_allow=False,
        )
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            conn.execute(update(practice).values(mfa_required=required))
            rt.audit.append_in(
                conn,
                [
                    rt.entry(
                        actor.actor_id,
                        AuditTag.PRACTICE_SETTINGS_UPDATE,
                        "ok",
                        setting="mfa_required",
                        value=int(required),
                    )
                ],
            )

    # --- sign-in -------------------------------------------------------------------------------
    def sign_in(
        self,
        username: str,
        password: str,
        *,
        address: str,
        kind: str = "web",
        totp: str | None = None,
    ) -> SignedIn:
        """Check throttling, password and (where enrolled) TOTP; open a server-side session.

        A web sign-in of an enrolled user opens a session that still needs its TOTP step
        (`pass_mfa`); the API takes the code in the same call.
        """
        rt = self._rt
        now = rt.now()
        account_key = blind_index(rt.keyring.blind_index_key(), "account", username)
        self._guard.check(account_key, address, now)
        with read_transaction(rt.engine) as conn:
            row = conn.execute(
                select(users).where(
                    users.c.username == username.strip().lower(), users.c.is_active.is_(True)
                )
            ).first()
        stored_hash = row.password_hash if row is not None else None
        if not self._hasher.verify(stored_hash, password) or row is None:
            known_id = row.id if row is not None else ""
            self._guard.fail(account_key, address, now, known_id, "bad-password")
            raise AuthenticationFailed("user name or password is not right")
        user = _user(row)
        mfa_passed = False
        if user.totp_enabled and (kind == "api" or totp is not None):
            if not totp or not self._totp_ok(row.totp_secret_sealed, user.user_id, totp):
                self._guard.fail(account_key, address, now, user.user_id, "bad-totp")
                raise AuthenticationFailed("the authentication code is not right")
            mfa_passed = True
        if kind == "api" and not user.totp_enabled and self.mfa_required():
            self._guard.fail(account_key, address, now, user.user_id, "mfa-not-enrolled")
            raise MfaRequired("multi-factor sign-in is required: enrol in the web app first")
        token = secrets.token_urlsafe(32)
        csrf_token = secrets.token_urlsafe(32)
        with write_transaction(rt.engine) as conn:
            conn.execute(delete(login_failures).where(login_failures.c.account_key == account_key))
            conn.execute(delete(sessions).where(sessions.c.expires_at < now))
            conn.execute(
                insert(sessions).values(
                    token_hash=token_hash(token),
                    user_id=user.user_id,
                    kind=kind,
                    csrf_token=csrf_token,
                    mfa_passed=mfa_passed or not user.totp_enabled,
                    created_at=now,
                    last_seen_at=now,
                    expires_at=now + rt.settings.session_absolute_limit,
                )
            )
            rt.audit.append_in(
                conn, [rt.entry(user.user_id, AuditTag.AUTH_SESSION_SIGNIN, "ok", reason=kind)]
            )
        return SignedIn(user, token, csrf_token, mfa_passed or not user.totp_enabled)

    def pass_mfa(self, token: str, code: str, *, address: str) -> None:
        rt = self._rt
        now = rt.now()
        with read_transaction(rt.engine) as conn:
            row = conn.execute(
                select(users, sessions.c.token_hash)
                .join(sessions, sessions.c.user_id == users.c.id)
                .where(sessions.c.token_hash == token_hash(token))
            ).first()
        if row is None:
            raise AuthenticationFailed("your session has ended; sign in again")
        account_key = blind_index(rt.keyring.blind_index_key(), "account", row.username)
        self._guard.check(account_key, address, now)
        if not self._totp_ok(row.totp_secret_sealed, row.id, code):
            self._guard.fail(account_key, address, now, row.id, "bad-totp")
            raise AuthenticationFailed("the authentication code is not right")
        with write_transaction(rt.engine) as conn:
            conn.execute(
                update(sessions)
                .where(sessions.c.token_hash == token_hash(token))
                .values(mfa_passed=True, last_seen_at=now)
            )
            rt.audit.append_in(
                conn, [rt.entry(row.id, AuditTag.AUTH_SESSION_SIGNIN, "ok", reason="totp")]
            )

    def _totp_ok(self, sealed_secret: bytes | None, user_id: str, code: str) -> bool:
        if sealed_secret is None:
            return False
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            secret = rt.keyring.unseal_field(
                conn, rt.practice_id, "user", user_id, "totp_secret", sealed_secret
            ).decode()
        step = matching_totp_step(secret, code, rt.now())
        return step is not None and spend_totp_step(rt.engine, users, user_id, step)

    # --- sessions ------------------------------------------------------------------------------
    def resolve_session(self, token: str, *, kind: str | None = None) -> ActiveSession | None:
        """The session behind a token, or None once it is unknown, idle too long or too old."""
        rt = self._rt
        now = rt.now()
        with read_transaction(rt.engine) as conn:
            row = conn.execute(_SESSION_LOOKUP, {"token_hash": token_hash(token)}).first()
        if row is None or (kind is not None and row.kind != kind) or not row.is_active:
            return None
        if now >= row.expires_at or now - row.last_seen_at >= rt.settings.session_idle_timeout:
            self.end_session(token)
            return None
        if now - row.last_seen_at >= SESSION_TOUCH_INTERVAL:
            with write_transaction(rt.engine) as conn:
                conn.execute(
                    update(sessions)
                    .where(sessions.c.token_hash == token_hash(token))
                    .values(last_seen_at=now)
                )
        user = _user(row)
        return ActiveSession(user, row.csrf_token, bool(row.mfa_passed),
                             bool(row.mfa_required) and not user.totp_enabled)

    def end_session(self, token: str) -> None:
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            user_id = conn.execute(
                select(sessions.c.user_id).where(sessions.c.token_hash == token_hash(token))
            ).scalar_one_or_none()
            if user_id is None:
                return
            conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash(token)))
            rt.audit.append_in(conn, [rt.entry(user_id, AuditTag.AUTH_SESSION_SIGNOUT, "ok")])

    def change_password(self, user_id: str, current: str, new: str, *,
                        address: str = "unknown") -> None:
        """Change one's own password; every session of that user ends. A wrong current
        password counts as a failed sign-in (throttled and audited), so a stolen token is no
        free oracle."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            row = conn.execute(select(users.c.username, users.c.password_hash)
                               .where(users.c.id == user_id)).first()
        if row is None:
            raise AuthenticationFailed("the current password is not right")
        account_key = blind_index(rt.keyring.blind_index_key(), "account", row.username)
        self._guard.check(account_key, address, rt.now())
        if not self._hasher.verify(row.password_hash, current):
            self._guard.fail(account_key, address, rt.now(), user_id, "bad-current-password")
            raise AuthenticationFailed("the current password is not right")
        check_password_strength(new, username=row.username)
        with write_transaction(rt.engine) as conn:
            conn.execute(update(users).where(users.c.id == user_id)
                         .values(password_hash=self._hasher.hash(new)))
            conn.execute(delete(sessions).where(sessions.c.user_id == user_id))
            conn.execute(delete(login_failures).where(login_failures.c.account_key == account_key))
            rt.audit.append_in(conn, [rt.entry(user_id, AuditTag.AUTH_PASSWORD_CHANGE, "ok")])

    # --- multi-factor enrolment ----------------------------------------------------------------
    def begin_totp_enrolment(self, user_id: str, *, current_password: str | None = None,
                             address: str = "unknown") -> str:
        """Keep a new TOTP secret aside until a code from it is confirmed; an enrolled user
        stays protected by the old one meanwhile. Replacing an enrolled factor needs the
        current password too, so a stolen session cannot swap it. Returns the otpauth URI."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            row = conn.execute(select(users.c.username, users.c.password_hash,
                                      users.c.totp_enabled).where(users.c.id == user_id)).one()
        if row.totp_enabled:
            account_key = blind_index(rt.keyring.blind_index_key(), "account", row.username)
            self._guard.check(account_key, address, rt.now())
            if not self._hasher.verify(row.password_hash, current_password or ""):
                self._guard.fail(account_key, address, rt.now(), user_id, "bad-current-password")
                raise AuthenticationFailed("current_password: not right")
        secret = pyotp.random_base32()
        with write_transaction(rt.engine) as conn:
            sealed = rt.keyring.seal_field(conn, rt.practice_id, "user", user_id,
                                           "totp_pending", secret.encode())
            conn.execute(update(users).where(users.c.id == user_id)
                         .values(totp_pending_sealed=sealed))
        return pyotp.TOTP(secret).provisioning_uri(name=row.username, issuer_name="closeddoor")

    def confirm_totp_enrolment(self, user_id: str, code: str, *,
                               session_token: str | None = None) -> None:
        """Make the pending secret the active one once a code from it checks out. The
        confirming session counts as having passed it; every other session of the user ends,
        since the factor they signed in with is gone."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            pending = conn.execute(select(users.c.totp_pending_sealed)
                                   .where(users.c.id == user_id)).scalar_one_or_none()
            secret = None if pending is None else rt.keyring.unseal_field(
                conn, rt.practice_id, "user", user_id, "totp_pending", pending)
        if secret is None:
            raise InvalidInput("code: start enrolment first")
        step = matching_totp_step(secret.decode(), code, rt.now())
        if step is None:
            raise InvalidInput("code: that code does not match; check the time on your device")
        keep = token_hash(session_token) if session_token else ""
        with write_transaction(rt.engine) as conn:
            active = rt.keyring.seal_field(conn, rt.practice_id, "user", user_id, "totp_secret",
                                           secret)
            conn.execute(update(users).where(users.c.id == user_id).values(
                totp_secret_sealed=active, totp_pending_sealed=None, totp_enabled=True,
                totp_last_step=step))
            conn.execute(delete(sessions).where(sessions.c.user_id == user_id,
                                                sessions.c.token_hash != keep))
            conn.execute(update(sessions).where(sessions.c.token_hash == keep)
                         .values(mfa_passed=True))
            rt.audit.append_in(conn, [rt.entry(user_id, AuditTag.AUTH_MFA_ENROL, "ok")])

    def unsafe_totp_secret(self, user_id: str) -> str:
        """The raw TOTP secret (the pending one while enrolment is unconfirmed); for tests and
        scripted demos to compute codes, never for pages."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            row = conn.execute(select(users.c.totp_secret_sealed, users.c.totp_pending_sealed)
                               .where(users.c.id == user_id)).one()
            field, sealed = (("totp_pending", row.totp_pending_sealed)
                             if row.totp_pending_sealed is not None
                             else ("totp_secret", row.totp_secret_sealed))
            return rt.keyring.unseal_field(conn, rt.practice_id, "user", user_id, field,
                                           sealed).decode()
