"""A staff member's whole life after they are added: the owner edits their name, role and
supervisor, resets their second factor, and deactivates them. Deactivation is final: every
session and API token ends at once and the account never signs in again, while the row stays so
that past audit events keep the person's name. A practice never loses its last active owner."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.gate import Gate
from closeddoor.names import clean_name
from closeddoor.policy import STAFF_ROLES, Actor, Permission, Role
from closeddoor.runtime import Runtime
from closeddoor.store import staff as repo
from closeddoor.store.db import write_transaction

LAST_OWNER = ("the practice must keep at least one active owner: make someone else owner "
              "first")


class StaffLifecycle:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    def update_user(self, actor: Actor, user_id: str, *, display_name: str | None = None,
                    role: str | None = None, supervisor_username: str | None = None) -> None:
        """Change what is given (None leaves a field as it is; an empty supervisor removes it).
        Every problem is named at once, and nothing changes unless all are fixed."""
        self._gate.require(actor, Permission.PRACTICE_USER_MANAGE, AuditTag.PRACTICE_USER_UPDATE,
                           audit_allow=False)
        rt = self._rt
        problems: list[str] = []
        values: dict[str, Any] = {}
        if display_name is not None:
            try:
                values["display_name"] = clean_name(display_name, "display_name",
                                                    "the display name", required=True)
            except InvalidInput as refused:
                problems.append(str(refused))
        new_role = None
        if role is not None:
            new_role = next((r for r in STAFF_ROLES if r.value == role), None)
            if new_role is None:
                problems.append(f"role: one of {', '.join(r.value for r in STAFF_ROLES)}")
            else:
                values["role"] = new_role.value
        with write_transaction(rt.engine) as conn:
            row = self._active_row(conn, user_id)
            if supervisor_username is not None:
                values["supervisor_id"] = self._supervisor_id(conn, user_id, supervisor_username,
                                                              problems)
            if new_role is not None and new_role.value != row.role:
                problems.extend(self._role_change_problems(conn, row))
            if problems:
                raise InvalidInput("; ".join(problems))
            repo.update_user(conn, user_id, **values)
            self._gate.record_in(conn, [rt.entry(
                actor.actor_id, AuditTag.PRACTICE_USER_UPDATE, "ok", resource_id=user_id,
                fields=",".join(sorted(values)), role=values.get("role", row.role))])

    def reset_second_factor(self, actor: Actor, user_id: str) -> None:
        """Forget the staff member's authenticator (a lost phone); they sign in with their
        password and enrol again. Their sessions end, since they were opened with the old one."""
        self._gate.require(actor, Permission.PRACTICE_USER_MANAGE,
                           AuditTag.PRACTICE_USER_MFA_RESET, audit_allow=False)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            self._active_row(conn, user_id)
            repo.update_user(conn, user_id, totp_enabled=False, totp_secret_sealed=None,
                             totp_pending_sealed=None, totp_last_step=None)
            repo.end_sessions(conn, user_id)
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.PRACTICE_USER_MFA_RESET,
                                               "ok", resource_id=user_id)])

    def deactivate_user(self, actor: Actor, user_id: str) -> None:
        """End the account for good: its sessions and API tokens end in the same transaction."""
        self._gate.require(actor, Permission.PRACTICE_USER_MANAGE,
                           AuditTag.PRACTICE_USER_DEACTIVATE, audit_allow=False)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            row = self._active_row(conn, user_id)
            if row.role == Role.OWNER.value and self._other_active_owners(conn, user_id) == 0:
                raise ConflictError(LAST_OWNER)
            repo.update_user(conn, user_id, is_active=False)
            repo.end_sessions(conn, user_id)
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.PRACTICE_USER_DEACTIVATE,
                                               "ok", resource_id=user_id, role=row.role)])

    # --- rules -----------------------------------------------------------------------------------
    @staticmethod
    def _active_row(conn: Connection, user_id: str) -> Any:
        row = repo.user(conn, user_id)
        if row is None:
            raise NotFound("no such staff member")
        if not row.is_active:
            raise ConflictError("this account was deactivated and can no longer be changed")
        return row

    @staticmethod
    def _other_active_owners(conn: Connection, user_id: str) -> int:
        return repo.other_active_owners(conn, user_id)

    def _role_change_problems(self, conn: Connection, row: Any) -> list[str]:
        problems = []
        if row.role == Role.OWNER.value and self._other_active_owners(conn, row.id) == 0:
            problems.append(f"role: {LAST_OWNER}")
        if row.role == Role.SUPERVISOR.value:
            supervisees = repo.active_supervisees(conn, row.id)
            if supervisees:
                problems.append(f"role: this supervisor still supervises {supervisees} staff "
                                "member(s) — give them another supervisor first")
        return problems

    @staticmethod
    def _supervisor_id(conn: Connection, user_id: str, supervisor_username: str,
                       problems: list[str]) -> str | None:
        wanted = supervisor_username.strip().lower()
        if not wanted:
            return None
        found = repo.supervisor_id(conn, wanted, active_only=True)
        if found is None or found == user_id:
            problems.append("supervisor: no other active supervisor has that user name")
        return found
