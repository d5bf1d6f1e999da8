"""Addenda: dated corrections to a signed (locked) progress note, sealed like the note."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError
from closeddoor.gate import Access
from closeddoor.policy import Actor, Permission
from closeddoor.records.model import NoteContent
from closeddoor.records.note_access import NoteUseCases, unknown_note_if_refused
from closeddoor.records.views import AddendumView
from closeddoor.runtime import new_id
from closeddoor.store import notes_repository as repo
from closeddoor.store.keyring import KeyRing
from closeddoor.types import RecordKind

P = Permission


class AddendumService(NoteUseCases):
    def add_addendum(self, actor: Actor, client_id: str, note_id: str, data: dict[str, Any]) -> str:
        meta = self._meta(actor, client_id, note_id, AuditTag.RECORD_ADDENDUM_CREATE)
        body = NoteContent.parse({"format": "free", "body": data.get("body")}).sections["body"]
        addendum_id = new_id()
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            if meta.kind != "progress" or meta.status != "signed":
                raise ConflictError("addenda correct signed progress notes; edit a draft instead")
            repo.insert_addendum(
                conn,
                id=addendum_id,
                note_id=note_id,
                client_id=client_id,
                author_id=actor.actor_id,
                body_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.ADDENDUM, addendum_id, "body", body.encode(),
                    access,
                ),
                created_at=rt.now(),
            )

        with unknown_note_if_refused(hide_denial=False):
            self._gate.write(
                actor,
                P.CHART_NOTE_ADDEND,
                AuditTag.RECORD_ADDENDUM_CREATE,
                client_id,
                work,
                resource_id=addendum_id,
                note_id=note_id,
            )
        return addendum_id


def addenda_under(conn: Connection, keyring: KeyRing, access: Access, note_ids: list[str]
                  ) -> dict[str, list[AddendumView]]:
    """The decrypted addenda of these notes of the client the gate's `access` names, by note,
    oldest first."""
    found: dict[str, list[AddendumView]] = {}
    if not note_ids:
        return found
    for r in repo.addenda_of(conn, note_ids):
        body = keyring.unseal_field(
            conn, access.client_id, RecordKind.ADDENDUM, r.id, "body", r.body_sealed, access
        ).decode()
        found.setdefault(r.note_id, []).append(
            AddendumView(r.id, r.author_id, body, r.created_at)
        )
    return found
