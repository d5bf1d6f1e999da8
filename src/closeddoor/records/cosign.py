"""Supervisors' co-signatures: a supervisor reviews and co-signs the signed progress notes of the
staff they supervise. A co-signature is a row of its own (append-only); the note stays signed
and locked, its text unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError
from closeddoor.gate import Access
from closeddoor.policy import Actor, Permission
from closeddoor.records.note_access import NoteUseCases, unknown_note_if_refused
from closeddoor.runtime import new_id
from closeddoor.store import notes_repository as repo
from closeddoor.store.db import read_transaction

P = Permission
QUEUE_REASON = "cosign-queue"


@dataclass(frozen=True)
class CosignItem:
    """A supervisee's signed note waiting for the supervisor's co-signature: ids and dates, no
    text (reviewing opens the note, which is an audited read)."""

    note_id: str
    client_id: str
    author_id: str
    session_date: date
    signed_at: datetime


class CosignService(NoteUseCases):
    def is_authors_supervisor(self, actor: Actor, client_id: str, note_id: str) -> bool:
        """Whether `actor` is the named supervisor of the note's author (ids only, no content):
        whether to offer the co-sign button. The co-signing itself is decided by the gate."""
        meta = self._find_meta(client_id, note_id)
        if meta is None or meta.kind != "progress":
            return False
        with read_transaction(self._rt.engine) as conn:
            return repo.supervisor_of(conn, meta.author_id) == actor.actor_id

    def cosign_note(self, actor: Actor, client_id: str, note_id: str) -> None:
        """Co-sign a supervisee's signed progress note (`chart:note:cosign`): who and when are
        recorded in a row of their own and audited (`record:note:cosign`); the note is not
        changed or unlocked. Refused for anyone but the author's own supervisor, for a draft,
        and for a note already co-signed."""
        meta = self._meta(actor, client_id, note_id, AuditTag.RECORD_NOTE_COSIGN)
        with read_transaction(self._rt.engine) as conn:
            supervises = repo.supervisor_of(conn, meta.author_id) == actor.actor_id
        rt = self._rt

        def work(conn: Connection, _: Access) -> None:
            if meta.kind != "progress":
                raise ConflictError("only signed progress notes are co-signed")
            if note_id in repo.cosignatures_of(conn, [note_id]):
                raise ConflictError("this note is already co-signed")
            repo.insert_cosignature(conn, id=new_id(), note_id=note_id, client_id=client_id,
                                    cosigner_id=actor.actor_id, cosigned_at=rt.now())

        with unknown_note_if_refused(hide_denial=False):
            self._gate.write(
                actor,
                P.CHART_NOTE_COSIGN,
                AuditTag.RECORD_NOTE_COSIGN,
                client_id,
                work,
                resource_id=note_id,
                is_draft=meta.status == "draft",
                supervises_author=supervises,
            )

    def cosign_queue(self, actor: Actor) -> list[CosignItem]:
        """The signed notes of the actor's supervisees that nobody has co-signed, in the charts
        the actor may read (one gate decision per chart, audited as a list), oldest first."""
        with read_transaction(self._rt.engine) as conn:
            rows = repo.awaiting_cosignature(conn, actor.actor_id)
        if not rows:
            return []
        batch = self._gate.authorize_many(actor, P.CHART_NOTE_READ, AuditTag.RECORD_CLIENT_READ,
                                          [r.client_id for r in rows], reason=QUEUE_REASON)
        return [CosignItem(r.id, r.client_id, r.author_id, r.session_date, r.signed_at)
                for r in rows if r.client_id in batch.allowed]
