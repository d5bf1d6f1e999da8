"""Use cases for personal representatives and minor-consent findings, each through the gate.

Staff record a representative from the document on file (45 CFR 164.502(g)); the treating
clinician may refuse to treat a person as the representative on a documented 164.502(g)(5)
determination, which takes effect at once. The treating clinician records the finding that lets
a minor consent alone where the practice's law asks for one (`minor_consent_grounds`).

The functions at the end (`minor_standing_under`, `representative_under`) are for the consent
and authorization signing services, under the gate's proof for that client.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.jurisdictions import (
    Jurisdiction,
    load_jurisdiction,
    minor_consent_grounds,
)
from closeddoor.consent.minors import MinorStanding, is_minor
from closeddoor.errors import ConflictError, InvalidInput, NotFound, join_problems
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission
from closeddoor.records.representatives import (
    KINDS,
    REFUSALS,
    Representative,
    RepresentativeDetails,
    parse_refusal_reason,
    representative_refusal,
)
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import consent_repository, portal_repository
from closeddoor.store import representative_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.store.keyring import KeyRing
from closeddoor.types import RecordKind

P = Permission


@dataclass(frozen=True)
class FindingView:
    finding_id: str
    jurisdiction: str
    ground: str
    recorded_at: datetime
    recorded_by: str
    withdrawn_at: datetime | None


class RepresentativeService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- representatives -----------------------------------------------------------------------
    def record(self, actor: Actor, client_id: str, data: Mapping[str, Any]) -> str:
        """Record a representative from the document on file; every field checked at once."""
        rt = self._rt
        representative_id = new_id()

        def work(conn: Connection, access: Access) -> None:
            details = RepresentativeDetails.parse(data, rt.now().date())
            repo.insert_representative(
                conn, id=representative_id, client_id=client_id, recorded_at=rt.now(),
                recorded_by=actor.actor_id,
                details_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.PERSONAL_REPRESENTATIVE, representative_id,
                    "details", json.dumps(details.to_json()).encode(), access))

        self._gate.write(actor, P.CHART_REPRESENTATIVE_WRITE,
                         AuditTag.RECORD_REPRESENTATIVE_CREATE, client_id, work,
                         resource_id=representative_id)
        return representative_id

    def list_representatives(self, actor: Actor, client_id: str) -> list[Representative]:
        """The client's representatives, newest first, each with its status."""
        access = self._gate.authorize_read(actor, P.CHART_REPRESENTATIVE_READ,
                                           AuditTag.RECORD_REPRESENTATIVE_READ, client_id,
                                           resource_id=client_id)
        with read_transaction(self._rt.engine) as conn:
            accounts = portal_repository.representative_accounts_of(conn, client_id)
            return [replace(_representative(conn, self._rt.keyring, access, row),
                            portal=("" if row.id not in accounts else
                                    "active" if accounts[row.id] else "revoked"))
                    for row in repo.representatives_of(conn, client_id)]

    def end(self, actor: Actor, client_id: str, representative_id: str) -> None:
        """The document ended (revoked, expired, the minor came of age): no more standing."""
        rt = self._rt

        def work(conn: Connection, _: Access) -> None:
            if repo.representative(conn, client_id, representative_id) is None:
                raise NotFound("no such representative")
            if not repo.end_representative(conn, representative_id, ended_at=rt.now(),
                                           ended_by=actor.actor_id):
                raise ConflictError("this representative has already ended or been refused")
            # Their portal sessions end with their authority, in the same transaction.
            portal_repository.close_representative_access(conn, client_id, representative_id,
                                                          rt.now())

        self._gate.write(actor, P.CHART_REPRESENTATIVE_WRITE,
                         AuditTag.RECORD_REPRESENTATIVE_UPDATE, client_id, work,
                         resource_id=representative_id, change="ended")

    def refuse(self, actor: Actor, client_id: str, representative_id: str,
               data: Mapping[str, Any]) -> None:
        """The treating clinician's 164.502(g)(5) determination: this person is not treated as
        the client's representative (endangerment). Recorded with its reason, sealed; from this
        moment the person can neither consent, sign nor see anything for the client."""
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            reason = parse_refusal_reason(data)
            if repo.representative(conn, client_id, representative_id) is None:
                raise NotFound("no such representative")
            sealed = rt.keyring.seal_field(conn, client_id, RecordKind.PERSONAL_REPRESENTATIVE,
                                           representative_id, "refusal", reason.encode(), access)
            if not repo.refuse_representative(conn, representative_id, refused_at=rt.now(),
                                              refused_by=actor.actor_id,
                                              refusal_sealed=sealed):
                raise ConflictError("a refusal is already recorded for this representative")
            # 164.502(g)(5) takes effect at once: the person's portal account is closed and
            # every session of it ends in this transaction (and the gate, reading the refusal
            # live, refuses any request that still arrives).
            portal_repository.close_representative_access(conn, client_id, representative_id,
                                                          rt.now())

        self._gate.write(actor, P.CHART_REPRESENTATIVE_REFUSE,
                         AuditTag.RECORD_REPRESENTATIVE_REFUSE, client_id, work,
                         resource_id=representative_id)

    def revoke_portal_access(self, actor: Actor, client_id: str,
                             representative_id: str) -> None:
        """Close the representative's own portal account (and any open invitation): their
        sessions end at once. Their standing as representative is unchanged."""
        rt = self._rt

        def work(conn: Connection, _: Access) -> None:
            if repo.representative(conn, client_id, representative_id) is None:
                raise NotFound("no such representative")
            portal_repository.close_representative_access(conn, client_id, representative_id,
                                                          rt.now())

        self._gate.write(actor, P.CHART_REPRESENTATIVE_WRITE,
                         AuditTag.RECORD_REPRESENTATIVE_UPDATE, client_id, work,
                         resource_id=representative_id, change="portal-access-revoked")

    # --- minor-consent findings ----------------------------------------------------------------
    def record_finding(self, actor: Actor, client_id: str, data: Mapping[str, Any]) -> str:
        """The clinician's finding that lets a minor consent alone under the practice's law:
        one of the jurisdiction's `minor_consent_grounds`, with the clinician's note (sealed)."""
        rt = self._rt
        finding_id = new_id()

        def work(conn: Connection, access: Access) -> None:
            code = consent_repository.jurisdiction_code(conn)
            jurisdiction = load_jurisdiction(code)
            grounds = minor_consent_grounds(jurisdiction)
            problems = []
            ground = " ".join(str(data.get("ground") or "").split())
            if not grounds:
                raise InvalidInput(f"ground: {jurisdiction.name} law has no finding that lets a "
                                   "minor consent alone")
            if ground not in grounds:
                problems.append("ground: choose one of: " + ", ".join(grounds))
            note = " ".join(str(data.get("note") or "").split())
            if not 10 <= len(note) <= 2000:
                problems.append("note: say what the finding rests on (10 to 2000 characters)")
            if problems:
                raise InvalidInput(join_problems(problems))
            repo.insert_finding(
                conn, id=finding_id, client_id=client_id, jurisdiction=jurisdiction.code,
                recorded_at=rt.now(), recorded_by=actor.actor_id,
                finding_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.MINOR_CONSENT_FINDING, finding_id, "finding",
                    json.dumps({"ground": ground, "note": note}).encode(), access))

        self._gate.write(actor, P.CHART_MINOR_CONSENT_RECORD,
                         AuditTag.RECORD_MINOR_CONSENT_CREATE, client_id, work,
                         resource_id=finding_id)
        return finding_id

    def withdraw_finding(self, actor: Actor, client_id: str, finding_id: str) -> None:
        rt = self._rt

        def work(conn: Connection, _: Access) -> None:
            if not repo.withdraw_finding(conn, client_id, finding_id, withdrawn_at=rt.now(),
                                         withdrawn_by=actor.actor_id):
                raise NotFound("no such finding in force")

        self._gate.write(actor, P.CHART_MINOR_CONSENT_RECORD,
                         AuditTag.RECORD_MINOR_CONSENT_UPDATE, client_id, work,
                         resource_id=finding_id, change="withdrawn")

    def findings(self, actor: Actor, client_id: str) -> list[FindingView]:
        """The findings on file (the ground, not the clinician's note), newest first."""
        access = self._gate.authorize_read(actor, P.CHART_CONSENT_READ,
                                           AuditTag.RECORD_CONSENT_READ, client_id,
                                           resource_id=client_id)
        keyring = self._rt.keyring
        with read_transaction(self._rt.engine) as conn:
            return [FindingView(row.id, row.jurisdiction,
                                _finding(conn, keyring, access, row)["ground"], row.recorded_at,
                                row.recorded_by, row.withdrawn_at)
                    for row in repo.findings_of(conn, client_id)]


# --- for the signing services, under the gate's proof ---------------------------------------------
def minor_standing_under(conn: Connection, keyring: KeyRing, access: Access,
                         jurisdiction: Jurisdiction, born: date, today: date) -> MinorStanding:
    """What decides who signs for this client: age, findings in force under this jurisdiction,
    sessions attended, and whether the client's latest consent was signed by the client."""
    client_id = access.client_id
    grounds = tuple(_finding(conn, keyring, access, row)["ground"]
                    for row in repo.current_findings(conn, client_id, jurisdiction.code))
    last = consent_repository.last_signature(conn, client_id)
    return MinorStanding(
        age=today.year - born.year - ((today.month, today.day) < (born.month, born.day)),
        finding_grounds=grounds,
        sessions_attended=repo.sessions_attended(conn, client_id),
        consented_alone=last is not None and last.signer_kind == "client")


def representative_under(conn: Connection, keyring: KeyRing, access: Access,
                         representative_id: str) -> Representative:
    """One representative of the client the proof names; NotFound for any other id."""
    row = repo.representative(conn, access.client_id, representative_id)
    if row is None:
        raise NotFound("no such representative")
    return _representative(conn, keyring, access, row)


def representative_signer(conn: Connection, keyring: KeyRing, access: Access,
                          representative_id: str, action: str, standing: MinorStanding,
                          jurisdiction: Jurisdiction) -> dict[str, str]:
    """What a signature by a representative records (their id and kind as the relation), or
    InvalidInput saying why this representative may not sign for the client now."""
    if not representative_id:
        raise InvalidInput("representative_id: choose the representative on file who signs")
    representative = representative_under(conn, keyring, access, representative_id)
    refusal = representative_refusal(
        representative, action, client_is_minor=is_minor(standing.age, jurisdiction),
        minor_consented_alone=standing.consented_alone)
    if refusal:
        raise InvalidInput(f"representative_id: {REFUSALS[refusal]}")
    return {"relation": KINDS[representative.details.kind],
            "representative_id": representative.representative_id}


def _representative(conn: Connection, keyring: KeyRing, access: Access, row: Any
                    ) -> Representative:
    details = RepresentativeDetails.from_json(json.loads(keyring.unseal_field(
        conn, row.client_id, RecordKind.PERSONAL_REPRESENTATIVE, row.id, "details",
        row.details_sealed, access)))
    return Representative(row.id, row.client_id, details, row.recorded_at, row.ended_at,
                          row.refused_at)


def _finding(conn: Connection, keyring: KeyRing, access: Access, row: Any) -> dict[str, str]:
    loaded: dict[str, str] = json.loads(keyring.unseal_field(
        conn, row.client_id, RecordKind.MINOR_CONSENT_FINDING, row.id, "finding",
        row.finding_sealed, access))
    return loaded
