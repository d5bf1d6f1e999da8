"""Progress notes: drafted, signed and locked by their author, read by the care team."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, InvalidInput
from closeddoor.gate import Access
from closeddoor.policy import Actor, Permission
from closeddoor.records.addenda import addenda_under
from closeddoor.records.model import NoteContent
from closeddoor.records.note_access import NoteMeta, NoteUseCases, unknown_note_if_refused
from closeddoor.records.views import AddendumView, NoteView
from closeddoor.runtime import new_id
from closeddoor.store import appointment_repository
from closeddoor.store import notes_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission


class ProgressNoteService(NoteUseCases):
    def _create_progress(self, actor: Actor, client_id: str, content: NoteContent,
                         session_date: date, data: dict[str, Any]) -> str:
        appointment_id = data.get("appointment_id") or None
        sign_now = data.get("sign") is True
        note_id = new_id()
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            if appointment_id is not None and not appointment_repository.is_appointment_of(
                conn, appointment_id, client_id
            ):
                raise InvalidInput("appointment_id: not an appointment of this client")
            now = rt.now()
            repo.insert_progress_note(
                conn,
                id=note_id,
                client_id=client_id,
                author_id=actor.actor_id,
                appointment_id=appointment_id,
                session_date=session_date,
                note_format=content.note_format.value,
                status="signed" if sign_now else "draft",
                body_sealed=self._seal(conn, access, RecordKind.PROGRESS_NOTE, note_id, content),
                created_at=now,
                updated_at=now,
                signed_at=now if sign_now else None,
            )
            if sign_now:
                self._gate.record_in(
                    conn,
                    [
                        rt.entry(
                            actor.actor_id,
                            AuditTag.RECORD_NOTE_SIGN,
                            "ok",
                            client_id=client_id,
                            resource_id=note_id,
                            reason="author",
                        )
                    ],
                )

        self._gate.write(
            actor,
            P.CHART_NOTE_WRITE,
            AuditTag.RECORD_NOTE_CREATE,
            client_id,
            work,
            resource_id=note_id,
            note_format=content.note_format.value,
        )
        return note_id

    def update_draft(
        self, actor: Actor, client_id: str, note_id: str, data: dict[str, Any]
    ) -> None:
        meta = self._meta(actor, client_id, note_id, AuditTag.RECORD_NOTE_UPDATE)
        content = NoteContent.parse(data)
        rt = self._rt

        # State checks run only after the policy decision, so they reveal nothing to outsiders.
        def work(conn: Connection, access: Access) -> None:
            if meta.kind != "progress":
                raise ConflictError("psychotherapy notes are not edited; write a new one")
            if not repo.update_own_draft(
                conn, note_id, actor.actor_id,
                note_format=content.note_format.value,
                updated_at=rt.now(),
                body_sealed=self._seal(conn, access, RecordKind.PROGRESS_NOTE, note_id, content),
            ):
                raise ConflictError(
                    "only the author's unsigned draft can be edited; "
                    "correct a signed note with an addendum"
                )

        with unknown_note_if_refused(hide_denial=False):
            self._gate.write(
                actor,
                P.CHART_NOTE_WRITE,
                AuditTag.RECORD_NOTE_UPDATE,
                client_id,
                work,
                resource_id=note_id,
                is_author=meta.author_id == actor.actor_id,
            )

    def sign_note(self, actor: Actor, client_id: str, note_id: str) -> None:
        meta = self._meta(actor, client_id, note_id, AuditTag.RECORD_NOTE_SIGN)
        rt = self._rt

        def work(conn: Connection, _: Access) -> None:
            if meta.kind != "progress":
                raise ConflictError("only progress notes are signed")
            if not repo.sign_draft(conn, note_id, rt.now()):
                raise ConflictError("this note is already signed and locked")

        with unknown_note_if_refused(hide_denial=False):
            self._gate.write(
                actor,
                P.CHART_NOTE_SIGN,
                AuditTag.RECORD_NOTE_SIGN,
                client_id,
                work,
                resource_id=note_id,
                is_author=meta.author_id == actor.actor_id,
            )

    def _get_progress(self, actor: Actor, meta: NoteMeta) -> NoteView:
        with unknown_note_if_refused(hide_denial=False):
            access = self._gate.authorize_read(
                actor,
                P.CHART_NOTE_READ,
                AuditTag.RECORD_NOTE_READ,
                meta.client_id,
                resource_id=meta.note_id,
                is_author=meta.author_id == actor.actor_id,
                is_draft=meta.status == "draft",
            )
        with read_transaction(self._rt.engine) as conn:
            row = repo.progress_note(conn, meta.note_id)
            return self._progress_view(
                conn, access, row, addenda_under(conn, self._rt.keyring, access, [meta.note_id]),
                repo.cosignatures_of(conn, [meta.note_id]))

    def list_progress_notes(self, actor: Actor, client_id: str) -> list[NoteView]:
        """The chart's progress notes with their addenda, newest first; one decision, audited
        once for each note returned."""
        rt = self._rt
        access = self._gate.authorize_read(
            actor, P.CHART_NOTE_READ, AuditTag.RECORD_NOTE_READ, client_id, resource_id=""
        )
        views = self.progress_notes_under(access, drafts_of=actor.actor_id)
        if views:  # one event per note shown, with the basis the decision gave (the client sees it)
            self._gate.record([
                rt.entry(actor.actor_id, AuditTag.RECORD_NOTE_READ, "allow", client_id=client_id,
                         resource_id=v.note_id, reason=access.reason, listed=1)
                for v in views
            ])
        return views

    def progress_notes_under(self, access: Access, *, drafts_of: str = "") -> list[NoteView]:
        """Signed progress notes with addenda, newest first, plus the drafts of `drafts_of`
        (another clinician's draft is theirs until signed), under the gate's `access`."""
        with read_transaction(self._rt.engine) as conn:
            rows = [r for r in repo.progress_notes_of(conn, access.client_id)
                    if r.status == "signed" or (drafts_of and r.author_id == drafts_of)]
            ids = [r.id for r in rows]
            extra = addenda_under(conn, self._rt.keyring, access, ids)
            cosigned = repo.cosignatures_of(conn, ids)
            return [self._progress_view(conn, access, r, extra, cosigned) for r in rows]

    def _progress_view(
        self, conn: Connection, access: Access, row: Any, extra: dict[str, list[AddendumView]],
        cosigned: dict[str, Any],
    ) -> NoteView:
        content = self._content(conn, access, RecordKind.PROGRESS_NOTE, row.id, row.body_sealed)
        cosign = cosigned.get(row.id)
        return NoteView(
            row.id,
            row.client_id,
            "progress",
            row.author_id,
            row.session_date,
            content.body,
            content.note_format.value,
            content.sections,
            row.status,
            row.appointment_id,
            row.created_at,
            row.signed_at,
            extra.get(row.id, []),
            cosign.cosigner_id if cosign is not None else None,
            cosign.cosigned_at if cosign is not None else None,
        )
