"""Use cases for a client's optional consents and contact preferences (see consent.preferences
for what they are): read and replaced whole, sealed under the client's key, through the gate."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.access import ClientConsentUseCases
from closeddoor.consent.preferences import Preferences
from closeddoor.gate import Access
from closeddoor.policy import Actor, Permission, Role
from closeddoor.store import consent_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission


class PreferenceUseCases(ClientConsentUseCases):
    def preferences(self, actor: Actor, client_id: str) -> Preferences:
        access = self._authorize(actor, client_id, P.CHART_PREFERENCES_READ,
                                 P.PORTAL_RECORD_READ, AuditTag.RECORD_PREFERENCES_READ)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            sealed = repo.preferences_sealed(conn, client_id)
            if sealed is None:
                return Preferences()
            return Preferences.from_json(json.loads(rt.keyring.unseal_field(
                conn, client_id, RecordKind.PREFERENCES, client_id, "preferences", sealed, access)))

    def update_preferences(self, actor: Actor, client_id: str, data: dict[str, Any]) -> None:
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            chosen = Preferences.parse(data)  # judged after the decision
            sealed = rt.keyring.seal_field(conn, client_id, RecordKind.PREFERENCES, client_id,
                                           "preferences", json.dumps(chosen.to_json()).encode(),
                                           access)
            repo.save_preferences(conn, client_id, preferences_sealed=sealed,
                                  updated_at=rt.now(), updated_by=actor.actor_id)

        is_client = actor.role is Role.CLIENT
        self._gate.write(actor, P.PORTAL_PREFERENCES_WRITE if is_client
                         else P.CHART_PREFERENCES_WRITE, AuditTag.RECORD_PREFERENCES_UPDATE,
                         client_id, work, resource_id=client_id)
