"""What every use case on one client's consent shares: the runtime, the gate, and the read
decision (staff by their chart permission, a client in the portal by theirs)."""

from __future__ import annotations

from closeddoor.audit.tags import AuditTag
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission, Role
from closeddoor.runtime import Runtime


class ClientConsentUseCases:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    def _authorize(self, actor: Actor, client_id: str, staff: Permission, portal: Permission,
                   tag: AuditTag, resource_id: str = "") -> Access:
        permission = portal if actor.role is Role.CLIENT else staff
        return self._gate.authorize_read(actor, permission, tag, client_id,
                                         resource_id=resource_id or client_id)
