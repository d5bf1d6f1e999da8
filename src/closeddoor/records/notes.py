"""Notes, one service for the composition root: progress notes (drafted, signed and locked by
their author, corrected by dated addenda) and psychotherapy notes (kept apart, readable by their
author alone).

Each kind lives in its own module (`progress_notes.py`, `psychotherapy_notes.py`,
`addenda.py`, with what they share in `note_access.py`); their SQL is in
`closeddoor.store.notes_repository`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import InvalidInput, join_problems, split_problems
from closeddoor.localtime import local_today, zone_or_utc
from closeddoor.policy import Actor
from closeddoor.records.addenda import AddendumService
from closeddoor.records.cosign import CosignService
from closeddoor.records.model import NoteContent, parse_session_date
from closeddoor.records.progress_notes import ProgressNoteService
from closeddoor.records.psychotherapy_notes import PsychotherapyNoteService
from closeddoor.records.views import NoteView
from closeddoor.store import appointment_repository
from closeddoor.store.db import read_transaction


class NoteService(ProgressNoteService, PsychotherapyNoteService, AddendumService, CosignService):
    """Progress notes, psychotherapy notes, addenda and supervisors' co-signatures behind one
    object (`services.notes`)."""

    def create_note(self, actor: Actor, client_id: str, data: dict[str, Any]) -> str:
        """A progress note (draft unless `sign` is true) or a psychotherapy note, by `kind`."""
        kind = data.get("kind", "progress")
        if kind not in ("progress", "psychotherapy"):
            raise InvalidInput("kind: progress or psychotherapy")
        problems: list[str] = []
        content = session_date = None
        try:
            content = NoteContent.parse(data)
        except InvalidInput as exc:
            problems.extend(split_problems(str(exc)))
        try:
            session_date = parse_session_date(data.get("session_date"), self.local_today())
        except InvalidInput as exc:
            problems.extend(split_problems(str(exc)))
        if content is None or session_date is None:  # every problem at once, beside its field
            raise InvalidInput(join_problems(problems))
        if kind == "psychotherapy":
            return self._create_psychotherapy(actor, client_id, content, session_date)
        return self._create_progress(actor, client_id, content, session_date, data)

    def local_today(self) -> date:
        """Today in the practice's time zone: the latest date a note's session may have."""
        with read_transaction(self._rt.engine) as conn:
            where = zone_or_utc(appointment_repository.practice_time_zone(conn))
        return local_today(self._rt.now(), where)

    def get_note(self, actor: Actor, client_id: str, note_id: str) -> NoteView:
        """One note, after the policy decision and its audit; either kind, by id."""
        meta = self._meta(actor, client_id, note_id, AuditTag.RECORD_NOTE_READ,
                          psychotherapy_ok=True)
        if meta.kind == "psychotherapy":
            return self._get_psychotherapy(actor, meta)
        return self._get_progress(actor, meta)
