"""Progress notes (drafted, signed and locked by their author, corrected by dated addenda) and
psychotherapy notes (kept apart, readable by their author alone)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select, update

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission
from closeddoor.records.model import NoteContent, parse_session_date
from closeddoor.records.views import AddendumView, NoteView
from closeddoor.runtime import Runtime, new_id
from closeddoor.store.db import read_transaction
from closeddoor.store.tables import addenda, appointments, progress_notes, psychotherapy_notes
from closeddoor.types import RecordKind

P = Permission
# One answer for every note the caller may not know of: none with that id, one of another
# client, a psychotherapy note of another author, a note in a chart the caller may not see.
NO_SUCH_NOTE = "no such note"


@contextmanager
def _unknown_note_if_refused(*, hide_denial: bool) -> Iterator[None]:
    """Turn the gate's "no such client" (and, with `hide_denial`, its policy refusal) into the
    same "no such note" a random id gets, so a probe cannot tell them apart. The gate has already
    audited the denial."""
    try:
        yield
    except NotFound:
        raise NotFound(NO_SUCH_NOTE) from None
    except PolicyDenied:
        if hide_denial:
            raise NotFound(NO_SUCH_NOTE) from None
        raise


@dataclass(frozen=True)
class _NoteMeta:
    note_id: str
    client_id: str
    author_id: str
    kind: str
    status: str


class NoteService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- writing -------------------------------------------------------------------------------
    def create_note(self, actor: Actor, client_id: str, data: dict[str, Any]) -> str:
        """A progress note (draft unless `sign` is true) or a psychotherapy note, by `kind`."""
        kind = data.get("kind", "progress")
        if kind not in ("progress", "psychotherapy"):
            raise InvalidInput("kind: progress or psychotherapy")
        content = NoteContent.parse(data)
        session_date = parse_session_date(data.get("session_date"), self._rt.now().date())
        if kind == "psychotherapy":
            return self._create_psychotherapy(actor, client_id, content, session_date)
        appointment_id = data.get("appointment_id") or None
        sign_now = data.get("sign") is True
        note_id = new_id()
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            if (
                appointment_id is not None
                and conn.execute(
                    select(appointments.c.id).where(
                        appointments.c.id == appointment_id, appointments.c.client_id == client_id
                    )
                ).first()
                is None
            ):
                raise InvalidInput("appointment_id: not an appointment of this client")
            now = rt.now()
            conn.execute(
                insert(progress_notes).values(
                    id=note_id,
                    client_id=client_id,
                    author_id=actor.actor_id,
                    appointment_id=appointment_id,
                    session_date=session_date,
                    note_format=content.note_format.value,
                    status="signed" if sign_now else "draft",
                    body_sealed=self._seal(conn, access, RecordKind.PROGRESS_NOTE, note_id,
                                           content),
                    created_at=now,
                    updated_at=now,
                    signed_at=now if sign_now else None,
                )
            )
            if sign_now:
                rt.audit.append_in(
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

    def _create_psychotherapy(
        self, actor: Actor, client_id: str, content: NoteContent, session_date: date
    ) -> str:
        note_id = new_id()
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            conn.execute(
                insert(psychotherapy_notes).values(
                    id=note_id,
                    client_id=client_id,
                    author_id=actor.actor_id,
                    session_date=session_date,
                    body_sealed=self._seal(conn, access, RecordKind.PSYCHOTHERAPY_NOTE, note_id,
                                           content),
                    created_at=rt.now(),
                )
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
            result = conn.execute(
                update(progress_notes)
                .where(
                    progress_notes.c.id == note_id,
                    progress_notes.c.status == "draft",
                    progress_notes.c.author_id == actor.actor_id,
                )
                .values(
                    note_format=content.note_format.value,
                    updated_at=rt.now(),
                    body_sealed=self._seal(conn, access, RecordKind.PROGRESS_NOTE, note_id,
                                           content),
                )
            )
            if result.rowcount != 1:
                raise ConflictError(
                    "only the author's unsigned draft can be edited; "
                    "correct a signed note with an addendum"
                )

        with _unknown_note_if_refused(hide_denial=False):
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
            result = conn.execute(
                update(progress_notes)
                .where(
                    progress_notes.c.id == note_id,
                    progress_notes.c.status == "draft",
                )
                .values(status="signed", signed_at=rt.now(), updated_at=rt.now())
            )
            if result.rowcount != 1:
                raise ConflictError("this note is already signed and locked")

        with _unknown_note_if_refused(hide_denial=False):
            self._gate.write(
                actor,
                P.CHART_NOTE_SIGN,
                AuditTag.RECORD_NOTE_SIGN,
                client_id,
                work,
                resource_id=note_id,
                is_author=meta.author_id == actor.actor_id,
            )

    def add_addendum(self, actor: Actor, client_id: str, note_id: str, data: dict[str, Any]) -> str:
        meta = self._meta(actor, client_id, note_id, AuditTag.RECORD_ADDENDUM_CREATE)
        body = NoteContent.parse({"format": "free", "body": data.get("body")}).sections["body"]
        addendum_id = new_id()
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            if meta.kind != "progress" or meta.status != "signed":
                raise ConflictError("addenda correct signed progress notes; edit a draft instead")
            conn.execute(
                insert(addenda).values(
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
            )

        with _unknown_note_if_refused(hide_denial=False):
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

    # --- reading -------------------------------------------------------------------------------
    def get_note(self, actor: Actor, client_id: str, note_id: str) -> NoteView:
        """One note, after the policy decision and its audit; either kind, by id."""
        meta = self._meta(actor, client_id, note_id, AuditTag.RECORD_NOTE_READ,
                          psychotherapy_ok=True)
        is_author = meta.author_id == actor.actor_id
        if meta.kind == "psychotherapy":
            # A psychotherapy note is its author's alone: to anyone else it does not exist.
            with _unknown_note_if_refused(hide_denial=True):
                access = self._gate.authorize_read(
                    actor,
                    P.CHART_PSYCHOTHERAPY_NOTE_READ,
                    AuditTag.RECORD_PSYCHOTHERAPY_NOTE_READ,
                    client_id,
                    resource_id=note_id,
                    is_author=is_author,
                )
            with read_transaction(self._rt.engine) as conn:
                row = conn.execute(
                    select(psychotherapy_notes).where(psychotherapy_notes.c.id == note_id)
                ).one()
                return self._psychotherapy_view(conn, access, row)
        with _unknown_note_if_refused(hide_denial=False):
            access = self._gate.authorize_read(
                actor,
                P.CHART_NOTE_READ,
                AuditTag.RECORD_NOTE_READ,
                client_id,
                resource_id=note_id,
                is_author=is_author,
                is_draft=meta.status == "draft",
            )
        with read_transaction(self._rt.engine) as conn:
            row = conn.execute(select(progress_notes).where(progress_notes.c.id == note_id)).one()
            return self._progress_view(conn, access, row, self._addenda(conn, access, [note_id]))

    def list_progress_notes(self, actor: Actor, client_id: str) -> list[NoteView]:
        """The chart's progress notes with their addenda, newest first; one decision, audited
        once for each note returned."""
        rt = self._rt
        access = self._gate.authorize_read(
            actor, P.CHART_NOTE_READ, AuditTag.RECORD_NOTE_READ, client_id, resource_id=""
        )
        views = self.progress_notes_under(access, drafts_of=actor.actor_id)
        if views:  # one event per note shown, with the basis the decision gave (the client sees it)
            rt.audit.record([
                rt.entry(actor.actor_id, AuditTag.RECORD_NOTE_READ, "allow", client_id=client_id,
                         resource_id=v.note_id, reason=access.reason, listed=1)
                for v in views
            ])
        return views

    def progress_notes_under(self, access: Access, *, drafts_of: str = "") -> list[NoteView]:
        """Signed progress notes with addenda, newest first, plus the drafts of `drafts_of`
        (another clinician's draft is theirs until signed), under the gate's `access`."""
        client_id = access.client_id
        with read_transaction(self._rt.engine) as conn:
            rows = conn.execute(
                select(progress_notes)
                .where(progress_notes.c.client_id == client_id)
                .order_by(progress_notes.c.session_date.desc(), progress_notes.c.created_at.desc())
            ).all()
            rows = [r for r in rows if r.status == "signed" or (drafts_of and
                                                                 r.author_id == drafts_of)]
            extra = self._addenda(conn, access, [r.id for r in rows])
            return [self._progress_view(conn, access, r, extra) for r in rows]

    def list_psychotherapy_notes(self, actor: Actor, client_id: str) -> list[NoteView]:
        """The actor's own process notes for this client; nobody else's ever appear.

        Someone who wrote some may list them (even after leaving the care team); someone who
        has written none may list (an empty list) only if they could write one here.
        """
        rt = self._rt
        mine = select(psychotherapy_notes).where(
            psychotherapy_notes.c.client_id == client_id,
            psychotherapy_notes.c.author_id == actor.actor_id,
        )
        with read_transaction(rt.engine) as conn:
            has_written = conn.execute(mine.with_only_columns(psychotherapy_notes.c.id)).first()
        access = self._gate.authorize_read(
            actor,
            P.CHART_PSYCHOTHERAPY_NOTE_READ if has_written else P.CHART_PSYCHOTHERAPY_NOTE_WRITE,
            AuditTag.RECORD_PSYCHOTHERAPY_NOTE_READ,
            client_id,
            resource_id="",
            is_author=has_written is not None,
        )
        with read_transaction(rt.engine) as conn:
            rows = conn.execute(mine.order_by(psychotherapy_notes.c.session_date.desc())).all()
            return [self._psychotherapy_view(conn, access, r) for r in rows]

    def own_psychotherapy_notes_under(self, access: Access) -> list[NoteView]:
        """The process notes the proof's actor wrote for its client: for a disclosure the author
        is releasing under an authorization that names them."""
        with read_transaction(self._rt.engine) as conn:
            rows = conn.execute(select(psychotherapy_notes).where(
                psychotherapy_notes.c.client_id == access.client_id,
                psychotherapy_notes.c.author_id == access.actor_id,
            ).order_by(psychotherapy_notes.c.session_date.desc())).all()
            return [self._psychotherapy_view(conn, access, r) for r in rows]

    # --- helpers -------------------------------------------------------------------------------
    def _meta(self, actor: Actor, client_id: str, note_id: str, tag: AuditTag, *,
              psychotherapy_ok: bool = False) -> _NoteMeta:
        """Who wrote a note and what kind it is: no content, so it is read before the decision.

        A note the caller may not learn of (none with this id in this chart, or, unless
        `psychotherapy_ok`, another author's psychotherapy note) is refused as "no such note",
        the refusal audited as a denial naming the note id.
        """
        meta = self._find_meta(client_id, note_id)
        if meta is not None and (meta.kind == "progress" or psychotherapy_ok
                                 or meta.author_id == actor.actor_id):
            return meta
        rt = self._rt
        reason = "no-such-note" if meta is None else "psychotherapy-note-author-only"
        rt.audit.record([rt.entry(actor.actor_id, tag, "deny", client_id=client_id,
                                  resource_id=note_id, reason=reason)])
        raise NotFound(NO_SUCH_NOTE)

    def _find_meta(self, client_id: str, note_id: str) -> _NoteMeta | None:
        with read_transaction(self._rt.engine) as conn:
            row = conn.execute(
                select(progress_notes.c.author_id, progress_notes.c.status).where(
                    progress_notes.c.id == note_id, progress_notes.c.client_id == client_id
                )
            ).first()
            if row is not None:
                return _NoteMeta(note_id, client_id, row.author_id, "progress", row.status)
            row = conn.execute(
                select(psychotherapy_notes.c.author_id).where(
                    psychotherapy_notes.c.id == note_id,
                    psychotherapy_notes.c.client_id == client_id,
                )
            ).first()
            if row is not None:
                return _NoteMeta(note_id, client_id, row.author_id, "psychotherapy", "final")
        return None

    def _seal(
        self, conn: Connection, access: Access, kind: RecordKind, note_id: str, content: NoteContent
    ) -> bytes:
        return self._rt.keyring.seal_field(
            conn, access.client_id, kind, note_id, "body", json.dumps(content.to_json()).encode(),
            access,
        )

    def _content(
        self, conn: Connection, access: Access, kind: RecordKind, note_id: str, sealed: bytes
    ) -> NoteContent:
        data = json.loads(
            self._rt.keyring.unseal_field(conn, access.client_id, kind, note_id, "body", sealed,
                                          access)
        )
        return NoteContent.parse(
            {
                "format": data["format"],
                "body": data["sections"].get("body"),
                "sections": data["sections"] if data["format"] != "free" else None,
            }
        )

    def _progress_view(
        self, conn: Connection, access: Access, row: Any, extra: dict[str, list[AddendumView]]
    ) -> NoteView:
        content = self._content(conn, access, RecordKind.PROGRESS_NOTE, row.id, row.body_sealed)
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
        )

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

    def _addenda(
        self, conn: Connection, access: Access, note_ids: list[str]
    ) -> dict[str, list[AddendumView]]:
        found: dict[str, list[AddendumView]] = {}
        if not note_ids:
            return found
        rows = conn.execute(
            select(addenda).where(addenda.c.note_id.in_(note_ids)).order_by(addenda.c.created_at)
        ).all()
        for r in rows:
            body = self._rt.keyring.unseal_field(
                conn, access.client_id, RecordKind.ADDENDUM, r.id, "body", r.body_sealed, access
            ).decode()
            found.setdefault(r.note_id, []).append(
                AddendumView(r.id, r.author_id, body, r.created_at)
            )
        return found
