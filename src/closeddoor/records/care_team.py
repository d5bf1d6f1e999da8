"""Use cases for care teams: who is on a client's team, joining and leaving it (owner only).
The SQL is in `closeddoor.store.records_repository`."""

from __future__ import annotations

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import records_repository as repo
from closeddoor.store.db import read_transaction, write_transaction

P = Permission


class CareTeamService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    def care_team_names_under(self, access: Access) -> list[str]:
        """The names of everyone ever on the client's care team (past members too: notes
        mention them), under the gate's `access` to that client."""
        with read_transaction(self._rt.engine) as conn:
            return repo.care_team_names(conn, access.client_id)

    def assign_care_team(self, actor: Actor, client_id: str, user_id: str) -> str:
        """Put a clinician or supervisor on a client's care team, from now on (owner only)."""
        rt = self._rt
        self._gate.require(
            actor,
            P.PRACTICE_CARE_TEAM_MANAGE,
            AuditTag.PRACTICE_CARE_TEAM_UPDATE,
            audit_allow=False,
        )
        membership_id = new_id()
        now = rt.now()
        with write_transaction(rt.engine) as conn:
            if not repo.client_exists(conn, client_id):
                raise NotFound("no such client")
            role = repo.active_user_role(conn, user_id)
            if role not in ("clinician", "supervisor", "owner"):
                raise InvalidInput("user: only clinicians, supervisors and owners join care teams")
            if repo.is_on_care_team(conn, user_id, client_id, now):
                raise InvalidInput("user: already on this care team")
            repo.insert_membership(conn, membership_id, client_id, user_id,
                                   "supervisor" if role == "supervisor" else "clinician", now)
            self._gate.record_in(
                conn,
                [
                    rt.entry(
                        actor.actor_id,
                        AuditTag.PRACTICE_CARE_TEAM_UPDATE,
                        "ok",
                        client_id=client_id,
                        resource_id=membership_id,
                        reason="assign",
                    )
                ],
            )
        return membership_id

    def end_care_team(self, actor: Actor, client_id: str, membership_id: str) -> None:
        rt = self._rt
        self._gate.require(
            actor,
            P.PRACTICE_CARE_TEAM_MANAGE,
            AuditTag.PRACTICE_CARE_TEAM_UPDATE,
            audit_allow=False,
        )
        with write_transaction(rt.engine) as conn:
            if not repo.end_membership(conn, membership_id, client_id, rt.now()):
                raise NotFound("no such care-team membership")
            self._gate.record_in(
                conn,
                [
                    rt.entry(
                        actor.actor_id,
                        AuditTag.PRACTICE_CARE_TEAM_UPDATE,
                        "ok",
                        client_id=client_id,
                        resource_id=membership_id,
                        reason="end",
                    )
                ],
            )
