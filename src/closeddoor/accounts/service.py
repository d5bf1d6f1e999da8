"""Sign-in, sessions, multi-factor enrolment and staff administration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from closeddoor.accounts.authn import Audience, Authenticator, AuthTags
from closeddoor.accounts.passwords import Hasher, check_password_strength
from closeddoor.audit.tags import AuditTag
from closeddoor.errors import (
    AuthenticationFailed,
    ConflictError,
    InvalidInput,
    NotFound,
    join_problems,
)
from closeddoor.gate import Gate
from closeddoor.names import clean_name
from closeddoor.policy import STAFF_ROLES, Actor, Permission, Role
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import staff as repo
from closeddoor.store.credentials import STAFF_TABLES
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.types import RecordKind

USERNAME_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
SYSTEM_ACTOR = Actor("system", Role.OWNER)  # the CLI, acting with the key files in hand


def staff_audience(runtime: Runtime) -> Audience:
    """Staff sign in by user name; their TOTP secrets are sealed under the practice's key."""
    return Audience(
        name="staff",
        tables=STAFF_TABLES,
        tags=AuthTags(AuditTag.AUTH_SESSION_SIGNIN, AuditTag.AUTH_SESSION_SIGNIN_FAILED,
                      AuditTag.AUTH_SESSION_SIGNOUT, AuditTag.AUTH_MFA_ENROL,
                      AuditTag.AUTH_PASSWORD_CHANGE),
        username_key=lambda name: name.strip().lower(),
        actor_id=lambda row: str(row.id),
        audit_client=lambda row: "",
        key_scope=lambda row: runtime.practice_id,
        credential_kind=RecordKind.USER,
    )


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
    device: str = ""  # device cookie for this browser (see closeddoor.accounts.authn)


@dataclass(frozen=True)
class ActiveSession:
    user: StaffUser
    csrf_token: str
    mfa_passed: bool
    mfa_enrolment_required: bool


def _user(row: Any) -> StaffUser:
    # By attribute: a row's `_mapping` builds a dict on every read (once per request).
    return StaffUser(row.id, row.username, row.display_name, Role(row.role),
                     bool(row.totp_enabled), row.supervisor_id, bool(row.is_active))


class AccountService:
    def __init__(self, runtime: Runtime, gate: Gate, hasher: Hasher) -> None:
        self._rt = runtime
        self._gate = gate
        self._hasher = hasher
        self._authn = Authenticator(runtime, gate, hasher, staff_audience(runtime))

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
        # Every problem with what was typed at once (issue 14), before anything is written.
        problems: list[str] = []
        username = username.strip().lower()
        if not USERNAME_PATTERN.match(username):
            problems.append("username: 2-64 characters, lower-case letters, digits, . _ -, "
                            "starting with a letter")
        try:
            display_name = clean_name(display_name, "display_name", "the display name",
                                      required=True)
        except InvalidInput as exc:
            problems.append(str(exc))
        staff_role = next((r for r in STAFF_ROLES if r.value == role), None)
        if staff_role is None:
            problems.append(f"role: one of {', '.join(r.value for r in STAFF_ROLES)}")
        try:
            check_password_strength(password, username=username)
        except InvalidInput as exc:
            problems.append(str(exc))
        if problems or staff_role is None:
            raise InvalidInput(join_problems(problems))
        user_id = new_id()
        with write_transaction(rt.engine) as conn:
            if repo.username_taken(conn, username):
                raise ConflictError("username: already taken")
            supervisor_id = None
            if supervisor_username:
                supervisor_id = repo.supervisor_id(conn, supervisor_username.strip().lower())
                if supervisor_id is None:
                    raise InvalidInput("supervisor: no supervisor with that user name")
            repo.insert_user(
                conn,
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
            self._gate.record_in(
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
            row = repo.user(conn, user_id)
        if row is None:
            raise NotFound("no such user")
        return _user(row)

    def user_by_username(self, username: str) -> StaffUser:
        with read_transaction(self._rt.engine) as conn:
            row = repo.user_by_username(conn, username.lower())
        if row is None:
            raise NotFound("no such user")
        return _user(row)

    def list_users(self, actor: Actor) -> list[StaffUser]:
        self._gate.require(actor, Permission.PRACTICE_USER_MANAGE, AuditTag.PRACTICE_USER_LIST)
        with read_transaction(self._rt.engine) as conn:
            return [_user(r) for r in repo.all_users(conn)]

    def display_names(self) -> dict[str, str]:
        """Staff names by id, for pages that show who did what (staff names are not clinical)."""
        with read_transaction(self._rt.engine) as conn:
            return repo.display_names(conn)

    def mfa_required(self) -> bool:
        with read_transaction(self._rt.engine) as conn:
            return repo.mfa_required(conn)

    def set_mfa_required(self, actor: Actor, required: bool) -> None:
        self._gate.require(
            actor,
            Permission.PRACTICE_SETTINGS_MANAGE,
            AuditTag.PRACTICE_SETTINGS_UPDATE,
            audit_allow=False,
        )
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            repo.set_mfa_required(conn, required)
            self._gate.record_in(
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

    # --- sign-in and sessions: the shared core, for the staff audience ------------------------
    def sign_in(self, username: str, password: str, *, address: str, kind: str = "web",
                totp: str | None = None, device: str | None = None) -> SignedIn:
        """Check throttling, password and (where enrolled) TOTP; open a server-side session.

        A web sign-in of an enrolled user opens a session that still needs its TOTP step
        (`pass_mfa`); the API takes the code in the same call.
        """
        opened = self._authn.sign_in(username, password, address=address, kind=kind, totp=totp,
                                     device=device, mfa_mandatory=self.mfa_required())
        return SignedIn(_user(opened.account), opened.token, opened.csrf_token, opened.mfa_passed,
                        opened.device)

    def pass_mfa(self, token: str, code: str, *, address: str, device: str | None = None) -> str:
        """Check the code of a session still waiting for it; returns the device cookie."""
        active = self._authn.resolve(token)
        if active is None:
            raise AuthenticationFailed("your session has ended; sign in again")
        return self._authn.pass_mfa(token, code, address=address, username=active.username,
                             device=device)

    def resolve_session(self, token: str, *, kind: str | None = None) -> ActiveSession | None:
        """The session behind a token, or None once it is unknown, idle too long or too old."""
        row = self._authn.resolve(token, kind=kind)
        if row is None:
            return None
        user = _user(row)
        return ActiveSession(user, row.csrf_token, bool(row.mfa_passed),
                             bool(row.mfa_required) and not user.totp_enabled)

    def end_session(self, token: str) -> None:
        self._authn.end_session(token)

    def change_password(self, user_id: str, current: str, new: str, *,
                        address: str = "unknown") -> None:
        """Change one's own password; every session of that user ends. A wrong current
        password counts as a failed sign-in (throttled and audited), so a stolen token is no
        free oracle."""
        user = self.get_user(user_id)
        self._authn.change_password(user_id, user.username, current, new, address=address)

    # --- multi-factor enrolment ----------------------------------------------------------------
    def begin_totp_enrolment(self, user_id: str, *, current_password: str | None = None,
                             address: str = "unknown") -> str:
        """A pending TOTP secret until a code from it is confirmed. Replacing an enrolled
        factor needs the current password too, so a stolen session cannot swap it."""
        user = self.get_user(user_id)
        return self._authn.begin_totp_enrolment(
            user_id, user.username, issuer="closeddoor", current_password=current_password,
            address=address, password_needed=user.totp_enabled)

    def confirm_totp_enrolment(self, user_id: str, code: str, *,
                               session_token: str | None = None) -> None:
        self._authn.confirm_totp_enrolment(user_id, code, session_token=session_token)

    def unsafe_totp_secret(self, user_id: str) -> str:
        """The raw TOTP secret; for tests and scripted demos to compute codes, never pages."""
        return self._authn.unsafe_totp_secret(user_id)
