"""What every service needs, wired once by bootstrap: database, keys, audit, clock, settings."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from closeddoor.audit.chain import AUDIT_ID_CHARS, AuditEntry
from closeddoor.audit.tags import AuditTag
from closeddoor.clock import Clock
from closeddoor.config import Settings
from closeddoor.store.audit_log import AuditLog
from closeddoor.store.keyring import KeyRing


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    keyring: KeyRing
    audit: AuditLog
    clock: Clock

    @property
    def practice_id(self) -> str:
        return self.keyring.practice_id

    def now(self) -> datetime:
        return self.clock.now()

    def entry(
        self,
        actor_id: str,
        tag: AuditTag,
        outcome: str,
        *,
        client_id: str = "",
        resource_id: str = "",
        reason: str = "",
        **details: str | int,
    ) -> AuditEntry:
        """An audit entry stamped now. Details hold ids and counts only, never names or text."""
        return AuditEntry(
            at=iso(self.now()),
            actor_id=actor_id,
            tag=tag.value,
            outcome=outcome,
            client_id=fitted_id(client_id),
            resource_id=fitted_id(resource_id),
            reason=reason,
            details=_encoded(details),
        )

    def client_entries(self, actor_id: str, tag: AuditTag,
                       decided: Iterable[tuple[str, str, str]], **details: str | int
                       ) -> list[AuditEntry]:
        """`entry` for each (client id, outcome, reason) of a list's decisions: one moment and
        one set of details for them all (a list of 50 stamps and encodes them once)."""
        at, encoded = iso(self.now()), _encoded(details)
        return [AuditEntry(at=at, actor_id=actor_id, tag=tag.value, outcome=outcome,
                           client_id=fitted_id(client_id), resource_id="", reason=reason,
                           details=encoded)
                for client_id, outcome, reason in decided]


def _encoded(details: dict[str, str | int]) -> str:
    """An entry's details as the audit keeps them: compact JSON, keys sorted; "" for none."""
    return json.dumps(details, sort_keys=True, separators=(",", ":")) if details else ""


def fitted_id(value: str) -> str:
    """An id as the audit keeps it. Every id the practice issues fits its column; a longer one
    (from a request's path) names nothing, and is cut with a mark so that it is still recorded,
    cannot be taken for a real id, and does not make the append fail."""
    return value if len(value) <= AUDIT_ID_CHARS else value[:AUDIT_ID_CHARS - 1] + "\u2026"


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def new_id() -> str:
    return str(uuid.uuid4())
