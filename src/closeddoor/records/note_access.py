"""What every note use case shares: finding a note's author and kind before the decision,
one answer ("no such note") for every note the caller may not know of, and sealing a body."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import NotFound, PolicyDenied
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor
from closeddoor.records.model import NoteContent
from closeddoor.runtime import Runtime
from closeddoor.store import notes_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

# One answer for every note the caller may not know of: none with that id, one of another
# client, a psychotherapy note of another author, a note in a chart the caller may not see.
NO_SUCH_NOTE = "no such note"


@contextmanager
def unknown_note_if_refused(*, hide_denial: bool) -> Iterator[None]:
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
class NoteMeta:
    note_id: str
    client_id: str
    author_id: str
    kind: str
    status: str


class NoteUseCases:
    """The runtime, the gate and the helpers the note services share."""

    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    def _meta(self, actor: Actor, client_id: str, note_id: str, tag: AuditTag, *,
              psychotherapy_ok: bool = False) -> NoteMeta:
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
        self._gate.record([rt.entry(actor.actor_id, tag, "deny", client_id=client_id,
                                  resource_id=note_id, reason=reason)])
        raise NotFound(NO_SUCH_NOTE)

    def _find_meta(self, client_id: str, note_id: str) -> NoteMeta | None:
        with read_transaction(self._rt.engine) as conn:
            row = repo.progress_note_meta(conn, client_id, note_id)
            if row is not None:
                return NoteMeta(note_id, client_id, row.author_id, "progress", row.status)
            author_id = repo.psychotherapy_note_author(conn, client_id, note_id)
            if author_id is not None:
                return NoteMeta(note_id, client_id, author_id, "psychotherapy", "final")
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
