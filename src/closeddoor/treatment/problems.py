"""The client's problem list as use cases: add a diagnosis (a billable ICD-10-CM code from the
code set, its onset date), resolve it (a resolution date), make one the primary diagnosis, and
read the list. Exactly one active problem is primary while any is active: the first one added
becomes primary, making another primary moves it, and the primary cannot be resolved while
others are active (the database also refuses two primaries).

Every read and write goes through the gate; the code, its description and the dates are sealed
under the client's key (record kind `problem`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, InvalidInput, NotFound, join_problems
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import treatment_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.store.keyring import KeyRing
from closeddoor.treatment import codes
from closeddoor.types import RecordKind

P = Permission
NO_SUCH_PROBLEM = "no such problem on this client's list"


@dataclass(frozen=True)
class ProblemView:
    problem_id: str
    code: str
    description: str
    onset_on: date | None
    resolved_on: date | None
    status: str  # active | resolved
    is_primary: bool
    created_at: datetime
    created_by: str


def _day(value: Any, field: str, words: str, today: date, *, required: bool = False
         ) -> date | None:
    if value in (None, ""):
        if required:
            raise InvalidInput(f"{field}: enter {words} as YYYY-MM-DD")
        return None
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(f"{field}: enter {words} as YYYY-MM-DD, for example "
                           f"{today.isoformat()}") from None
    if day > today:
        raise InvalidInput(f"{field}: {words} cannot be in the future")
    return day


def problems_under(conn: Connection, keyring: KeyRing, access: Access) -> list[ProblemView]:
    """The problem list of the client `access` names, unsealed under that proof."""
    views = []
    for row in repo.problems_of(conn, access.client_id):
        details = json.loads(keyring.unseal_field(conn, access.client_id, RecordKind.PROBLEM,
                                                  row.id, "details", row.details_sealed,
                                                  access))
        views.append(ProblemView(
            row.id, details["code"], details["description"],
            date.fromisoformat(details["onset_on"]) if details.get("onset_on") else None,
            date.fromisoformat(details["resolved_on"]) if details.get("resolved_on") else None,
            row.status, bool(row.is_primary), row.created_at, row.created_by))
    return views


def listed_codes_under(conn: Connection, keyring: KeyRing, access: Access) -> dict[str, str]:
    """Code → description of every problem on the client's list (active or resolved): what an
    appointment's diagnosis and a plan's problems are picked from."""
    return {p.code: p.description for p in problems_under(conn, keyring, access)}


class ProblemService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- the code set ----------------------------------------------------------------------------
    def search_codes(self, actor: Actor, query: str) -> list[codes.Code]:
        """Billable ICD-10-CM codes by code or words (public reference data: denials audited)."""
        self._gate.require(actor, P.PRACTICE_CODE_SET_READ, AuditTag.RECORD_PROBLEM_READ,
                           audit_allow=False)
        if len(query) > 100:
            raise InvalidInput("q: at most 100 characters")
        return codes.search(query)

    # --- reading ---------------------------------------------------------------------------------
    def list_problems(self, actor: Actor, client_id: str) -> list[ProblemView]:
        access = self._gate.authorize_read(actor, P.CHART_PROBLEM_READ,
                                           AuditTag.RECORD_PROBLEM_READ, client_id,
                                           resource_id=client_id)
        with read_transaction(self._rt.engine) as conn:
            return problems_under(conn, self._rt.keyring, access)

    # --- writing ---------------------------------------------------------------------------------
    def add(self, actor: Actor, client_id: str, data: Mapping[str, Any]) -> str:
        """Add a diagnosis; bad input (every problem at once) changes nothing."""
        today = self._rt.now().date()
        problems: list[str] = []
        found: codes.Code | None = None
        onset: date | None = None
        try:
            found = codes.require(str(data.get("code") or ""))
        except InvalidInput as refused:
            problems.append(str(refused))
        try:
            onset = _day(data.get("onset_on"), "onset_on", "the onset date", today)
        except InvalidInput as refused:
            problems.append(str(refused))
        if problems or found is None:
            raise InvalidInput(join_problems(problems))
        primary = data.get("primary") in (True, "true", "on", "yes", "1")
        problem_id = new_id()
        rt = self._rt
        code = found

        def work(conn: Connection, access: Access) -> None:
            listed = problems_under(conn, rt.keyring, access)
            if any(p.code == code.code and p.status == "active" for p in listed):
                raise InvalidInput(f"code: {code.code} is on the problem list already")
            now = rt.now()
            make_primary = primary or not any(p.status == "active" for p in listed)
            if make_primary:
                repo.clear_primary(conn, client_id, now, actor.actor_id)
            details = {"code": code.code, "description": code.description,
                       "onset_on": onset.isoformat() if onset else None, "resolved_on": None}
            repo.insert_problem(
                conn, id=problem_id, client_id=client_id, status="active",
                is_primary=make_primary, details_sealed=self._seal(conn, access, problem_id,
                                                                   details),
                created_at=now, created_by=actor.actor_id, updated_at=now,
                updated_by=actor.actor_id)

        self._gate.write(actor, P.CHART_PROBLEM_WRITE, AuditTag.RECORD_PROBLEM_CREATE,
                         client_id, work, resource_id=problem_id)
        return problem_id

    def resolve(self, actor: Actor, client_id: str, problem_id: str,
                data: Mapping[str, Any]) -> None:
        today = self._rt.now().date()
        resolved = _day(data.get("resolved_on"), "resolved_on", "the resolution date", today,
                        required=True)
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            listed = problems_under(conn, rt.keyring, access)
            target = next((p for p in listed if p.problem_id == problem_id), None)
            if target is None:
                raise NotFound(NO_SUCH_PROBLEM)
            if target.status != "active":
                raise ConflictError("this problem is resolved already")
            if resolved and target.onset_on and resolved < target.onset_on:
                raise InvalidInput("resolved_on: the resolution date cannot be before the "
                                   "onset date")
            others = [p for p in listed if p.status == "active" and p.problem_id != problem_id]
            if target.is_primary and others:
                raise InvalidInput("resolved_on: this is the primary diagnosis: make another "
                                   "active diagnosis primary first")
            details = {"code": target.code, "description": target.description,
                       "onset_on": target.onset_on.isoformat() if target.onset_on else None,
                       "resolved_on": resolved.isoformat() if resolved else None}
            repo.update_problem(conn, client_id, problem_id, status="resolved",
                                is_primary=False,
                                details_sealed=self._seal(conn, access, problem_id, details),
                                updated_at=rt.now(), updated_by=actor.actor_id)

        self._gate.write(actor, P.CHART_PROBLEM_WRITE, AuditTag.RECORD_PROBLEM_UPDATE,
                         client_id, work, resource_id=problem_id, change="resolved")

    def make_primary(self, actor: Actor, client_id: str, problem_id: str) -> None:
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            row = repo.problem(conn, client_id, problem_id)
            if row is None:
                raise NotFound(NO_SUCH_PROBLEM)
            if row.status != "active":
                raise ConflictError("a resolved problem cannot be the primary diagnosis")
            now = rt.now()
            repo.clear_primary(conn, client_id, now, actor.actor_id)
            repo.update_problem(conn, client_id, problem_id, is_primary=True, updated_at=now,
                                updated_by=actor.actor_id)

        self._gate.write(actor, P.CHART_PROBLEM_WRITE, AuditTag.RECORD_PROBLEM_UPDATE,
                         client_id, work, resource_id=problem_id, change="primary")

    def _seal(self, conn: Connection, access: Access, problem_id: str,
              details: dict[str, Any]) -> bytes:
        return self._rt.keyring.seal_field(conn, access.client_id, RecordKind.PROBLEM,
                                           problem_id, "details",
                                           json.dumps(details).encode(), access)
