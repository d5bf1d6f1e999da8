"""Psychotherapy (process) notes: kept apart from the chart, readable by their author alone."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.gate import Access
from closeddoor.policy import Actor, Permission
from closeddoor.records.model import NoteContent
from closeddoor.records.note_access import NoteMeta, NoteUseCases, unknown_note_if_refused
from closeddoor.records.views import NoteView
from closeddoor.runtime import new_id
from closeddoor.store import notes_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission


class PsychotherapyNoteService(NoteUseCases):
    def _create_psychotherapy(
        self, actor: Actor, client_id: str, content: NoteContent, session_date: date
    ) -> str:
        note_id = new_id()
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            repo.insert_psychotherapy_note(
                conn,
                id=note_id,
                client_id=client_id,
                author_id=actor.actor_id,
                session_date=session_date,
                body_sealed=self._seal(conn, access, RecordKind.PSYCHOTHERAPY_NOTE, note_id,
                                       content),
                created_at=rt.now(),
            )

        self._gate.write(
            actor,
            P.CHART_PSYCHOTHERAPY_NOTE_WRITE,
            AuditTag.RECORD_PSYCHOTHERAPY_NOTE_CREATE,
            client_id,
            work,
            resource_id=note_id,
        )
        return note_id

    def _get_psychotherapy(self, actor: Actor, meta: NoteMeta) -> NoteView:
        # A psychotherapy note is its author's alone: to anyone else it does not exist.
        with unknown_note_if_refused(hide_denial=True):
            access = self._gate.authorize_read(
                actor,
                P.CHART_PSYCHOTHERAPY_NOTE_READ,
                AuditTag.RECORD_PSYCHOTHERAPY_NOTE_READ,
                meta.client_id,
                resource_id=meta.note_id,
                is_author=meta.author_id == actor.actor_id,
            )
        with read_transaction(self._rt.engine) as conn:
            row = repo.psychotherapy_note(conn, meta.note_id)
            return self._psychotherapy_view(conn, access, row)

    def list_psychotherapy_notes(self, actor: Actor, client_id: str) -> list[NoteView]:
        """The actor's own process notes for this client; nobody else's ever appear.

        Someone who wrote some may list them (even after leaving the care team); someone who
        has written none may list (an empty list) only if they could write one here.
        """
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            has_written = repo.has_written_psychotherapy_note(conn, client_id, actor.actor_id)
        access = self._gate.authorize_read(
            actor,
            P.CHART_PSYCHOTHERAPY_NOTE_READ if has_written else P.CHART_PSYCHOTHERAPY_NOTE_WRITE,
            AuditTag.RECORD_PSYCHOTHERAPY_NOTE_READ,
            client_id,
            resource_id="",
            is_author=has_written,
        )
        with read_transaction(rt.engine) as conn:
            rows = repo.psychotherapy_notes_by(conn, client_id, actor.actor_id)
            return [self._psychotherapy_view(conn, access, r) for r in rows]

    def own_psychotherapy_notes_under(self, access: Access) -> list[NoteView]:
        """The process notes the proof's actor wrote for its client: for a disclosure the author
        is releasing under an authorization that names them."""
        with read_transaction(self._rt.engine) as conn:
            rows = repo.psychotherapy_notes_by(conn, access.client_id, access.actor_id)
            return [self._psychotherapy_view(conn, access, r) for r in rows]

    def _psychotherapy_view(self, conn: Connection, access: Access, row: Any) -> NoteView:
        content = self._content(conn, access, RecordKind.PSYCHOTHERAPY_NOTE, row.id,
                                row.body_sealed)
        return NoteView(
            row.id,
            row.client_id,
            "psychotherapy",
            row.author_id,
            row.session_date,
            content.body,
            content.note_format.value,
            content.sections,
            "final",
            None,
            row.created_at,
        )
