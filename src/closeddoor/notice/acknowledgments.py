"""Each client's acknowledgment of the Notice of Privacy Practices, or the practice's documented
good-faith effort to obtain it (45 CFR 164.520(c)(2)(ii)), and the chart's notice status.

A direct treatment provider gives the notice no later than the first service delivery
(164.520(c)(2)(i)) and makes a good-faith effort to obtain the client's written acknowledgment;
if it is not obtained, it documents the effort and the reason (164.520(c)(2)(ii)), and keeps
either for six years (164.520(e), 164.530(j)). An acknowledgment binds the SHA-256 of the exact
text shown (a click in the portal, or the client's signature recorded by staff in the office);
who signed, the effort and the reason are sealed under the client's key. Every read and write
passes the gate and is audited; rows are only ever added.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.names import clean_name
from closeddoor.notice.versions import NoticeVersion, current_notice_in
from closeddoor.policy import Actor, Permission, Role
from closeddoor.records.model import AppointmentStatus
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import notice_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission
ACKNOWLEDGED = "acknowledged"
EFFORT = "good-faith-effort"
MAX_TEXT = 2000


@dataclass(frozen=True)
class NoticeStatus:
    """Where the client stands with the notice in effect.

    `state`: acknowledged (the current version), effort-documented (the current version, not
    obtained), earlier-version (only an older version was acknowledged or an effort documented:
    the duty at first service is met, 164.520(c)(2)(ii) asks nothing more for a revision),
    not-recorded, or no-published-notice. `needs_attention`: a session took place (an attended
    appointment or a progress note) and nothing at all was ever recorded.
    """

    state: str
    current_version: int | None
    recorded_version: int | None
    recorded_kind: str
    recorded_at: datetime | None
    has_session: bool

    @property
    def needs_attention(self) -> bool:
        return self.has_session and self.recorded_version is None


@dataclass(frozen=True)
class AcknowledgmentView:
    acknowledgment_id: str
    version_number: int
    kind: str  # acknowledged | good-faith-effort
    method: str  # portal | office
    text_sha256: str
    recorded_at: datetime
    recorded_by: str
    signer_name: str  # acknowledged in the office: who signed ("" in the portal)
    effort: str  # good-faith effort: what was done
    reason: str  # good-faith effort: why the acknowledgment was not obtained


def _plain(value: object, field: str, words: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{field}: {words} is required")
    text = " ".join(value.split())
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"{field}: {words} is at most {MAX_TEXT} characters")
    return text


class NoticeAcknowledgments:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    def _read(self, actor: Actor, client_id: str, resource_id: str = "") -> Access:
        permission = P.PORTAL_RECORD_READ if actor.role is Role.CLIENT else P.CHART_NOTICE_READ
        return self._gate.authorize_read(actor, permission, AuditTag.RECORD_NOTICE_READ,
                                         client_id, resource_id=resource_id or client_id)

    def status(self, actor: Actor, client_id: str) -> NoticeStatus:
        self._read(actor, client_id)
        with read_transaction(self._rt.engine) as conn:
            return self._status(conn, client_id)

    def records(self, actor: Actor, client_id: str) -> list[AcknowledgmentView]:
        """The client's acknowledgments and documented efforts, newest first, unsealed."""
        access = self._read(actor, client_id)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            views = []
            for r in repo.acknowledgments_newest_first(conn, client_id):
                details = json.loads(rt.keyring.unseal_field(
                    conn, client_id, RecordKind.NOTICE_ACKNOWLEDGMENT, r.id, "details",
                    r.details_sealed, access))
                views.append(AcknowledgmentView(
                    r.id, r.number, r.kind, r.method, r.text_sha256, r.recorded_at,
                    r.recorded_by, details.get("signer_name", ""), details.get("effort", ""),
                    details.get("reason", "")))
        return views

    def acknowledge(self, actor: Actor, client_id: str, *, version_id: str, text_sha256: str,
                    signer_name: str = "") -> str:
        """The client's written acknowledgment of the exact text shown: a click in the portal
        (the client is the signer), or recorded by staff in the office with the signer's name
        typed as signed. A text that changed since it was shown is refused (409)."""
        is_client = actor.role is Role.CLIENT

        def details() -> dict[str, str]:
            if is_client:
                return {}
            return {"signer_name": clean_name(signer_name, "signer_name",
                                              "the name of who signed", required=True)}

        return self._record(actor, client_id, ACKNOWLEDGED, version_id, text_sha256, details,
                            P.PORTAL_NOTICE_ACKNOWLEDGE if is_client else P.CHART_NOTICE_RECORD)

    def record_effort(self, actor: Actor, client_id: str, *, version_id: str, text_sha256: str,
                      effort: str, reason: str) -> str:
        """Staff document the good-faith effort made and why the acknowledgment was not
        obtained (164.520(c)(2)(ii)), for the version that was offered."""
        def details() -> dict[str, str]:
            problems, values = [], {}
            for field, value, words in (("effort", effort, "what was done to obtain it"),
                                        ("reason", reason, "why it was not obtained")):
                try:
                    values[field] = _plain(value, field, words)
                except InvalidInput as exc:
                    problems.append(str(exc))
            if problems:
                raise InvalidInput("; ".join(problems))
            return values

        return self._record(actor, client_id, EFFORT, version_id, text_sha256, details,
                            P.CHART_NOTICE_RECORD)

    def _record(self, actor: Actor, client_id: str, kind: str, version_id: str,
                text_sha256: str, details: Callable[[], dict[str, str]],
                permission: Permission) -> str:
        rt = self._rt
        record_id = new_id()
        is_client = actor.role is Role.CLIENT

        # Input is judged only after the policy decision, so outsiders learn nothing from it.
        def work(conn: Connection, access: Access) -> None:
            values = details()
            current = self._offered(conn)
            if version_id != current.version_id or text_sha256 != current.rendered.sha256:
                raise ConflictError("the notice changed since it was shown; read the current "
                                    "notice and try again")
            sealed = rt.keyring.seal_field(conn, client_id, RecordKind.NOTICE_ACKNOWLEDGMENT,
                                           record_id, "details",
                                           json.dumps(values, sort_keys=True).encode(), access)
            repo.insert_acknowledgment(
                conn, id=record_id, client_id=client_id, version_id=current.version_id,
                kind=kind, method="portal" if is_client else "office",
                text_sha256=current.rendered.sha256, recorded_at=rt.now(),
                recorded_by=actor.actor_id, details_sealed=sealed)

        self._gate.write(actor, permission, AuditTag.RECORD_NOTICE_ACKNOWLEDGMENT_CREATE,
                         client_id, work, resource_id=record_id, kind=kind, version=version_id)
        return record_id

    @staticmethod
    def _offered(conn: Connection) -> NoticeVersion:
        current = current_notice_in(conn)
        if current is None:
            raise NotFound("the practice has not published a notice of privacy practices yet")
        return current

    def _status(self, conn: Connection, client_id: str) -> NoticeStatus:
        current = current_notice_in(conn)
        rows = repo.acknowledgments_newest_first(conn, client_id)
        has_session = repo.has_session(conn, client_id, AppointmentStatus.ATTENDED.value)
        on_current = [r for r in rows if current is not None
                      and r.version_id == current.version_id]
        # An acknowledgment outranks an effort for the same version.
        best = sorted(on_current, key=lambda r: r.kind != ACKNOWLEDGED)
        last = best[0] if best else (rows[0] if rows else None)
        if current is None:
            state = "no-published-notice"
        elif best:
            state = "acknowledged" if best[0].kind == ACKNOWLEDGED else "effort-documented"
        elif rows:
            state = "earlier-version"
        else:
            state = "not-recorded"
        return NoticeStatus(state, current.number if current else None,
                            last.number if last else None, last.kind if last else "",
                            last.recorded_at if last else None, has_session)
