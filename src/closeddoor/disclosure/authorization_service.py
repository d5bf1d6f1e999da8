"""Use cases for a client's authorizations: create, show, sign (office or portal), revoke.

Signing binds the SHA-256 of the exact text shown, as consent does; a revocation takes effect the
moment it is recorded, and every disclosure checks the authorization again when it leaves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.jurisdictions import Jurisdiction, load_jurisdiction
from closeddoor.consent.minors import MinorStanding, authorization_signer_rule
from closeddoor.consent.service import typed_signature
from closeddoor.disclosure.authorization import (
    AuthorizationState,
    AuthorizationTerms,
    authorization_status,
    authorization_text,
    needs_witness,
    state_law_problems,
    text_sha256,
)
from closeddoor.disclosure.authorization_pdf import (
    SignedAuthorization,
    render_authorization_pdf,
)
from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied, join_problems
from closeddoor.gate import Access, Gate
from closeddoor.names import clean_name
from closeddoor.policy import Actor, Permission, Role
from closeddoor.records.clients import demographics_under
from closeddoor.records.representative_service import minor_standing_under, representative_signer
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import disclosure_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission


@dataclass(frozen=True)
class AuthorizationView:
    authorization_id: str
    client_id: str
    status: str  # unsigned | active | expired | revoked
    terms: AuthorizationTerms
    created_at: datetime
    signed_at: datetime | None
    sign_method: str | None
    signer_kind: str | None
    text_sha256: str | None
    revoked_at: datetime | None
    revoke_method: str | None
    event_occurred_at: datetime | None

    @property
    def state(self) -> AuthorizationState:
        return AuthorizationState(self.terms, self.signed_at, self.revoked_at,
                                  self.event_occurred_at)


@dataclass(frozen=True)
class AuthorizationForm:
    """The text the signer reads, its hash, and who must sign under the practice's law."""

    view: AuthorizationView
    text: str
    sha256: str
    signer_rule: str  # client | guardian (consent/minors.py, 45 CFR 164.502(g))
    signer_reason: str
    witness_required: bool  # the state asks a witness to attest the signer (740 ILCS 110/5(b))
    jurisdiction: Jurisdiction
    standing: MinorStanding


class AuthorizationService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    def create(self, actor: Actor, client_id: str, data: dict[str, Any]) -> str:
        """An unsigned authorization holding every element of 164.508(c); missing ones are
        refused by name. It authorizes nothing until the client (or guardian) signs."""
        rt = self._rt
        authorization_id = new_id()

        def work(conn: Connection, access: Access) -> None:
            _, code = repo.practice_name_and_jurisdiction(conn)
            terms = AuthorizationTerms.parse(  # judged after the decision
                data, rt.now().date(), load_jurisdiction(code))
            repo.insert_authorization(
                conn, id=authorization_id, client_id=client_id, created_at=rt.now(),
                created_by=actor.actor_id,
                terms_sealed=rt.keyring.seal_field(conn, client_id, RecordKind.AUTHORIZATION,
                                                   authorization_id, "terms",
                                                   json.dumps(terms.to_json()).encode(),
                                                   access))

        self._gate.write(actor, P.CHART_AUTHORIZATION_CREATE, AuditTag.RECORD_AUTHORIZATION_CREATE,
                         client_id, work, resource_id=authorization_id)
        return authorization_id

    def list_authorizations(self, actor: Actor, client_id: str) -> list[AuthorizationView]:
        """The client's authorizations, newest first, each with its status now."""
        access = self._authorize_read(actor, client_id, client_id)
        with read_transaction(self._rt.engine) as conn:
            return [self._view(conn, access, row)
                    for row in repo.authorizations_of(conn, client_id)]

    def form(self, actor: Actor, client_id: str, authorization_id: str) -> AuthorizationForm:
        access = self._authorize_read(actor, client_id, authorization_id)
        with read_transaction(self._rt.engine) as conn:
            return self._form(conn, access, authorization_id)

    def sign(self, actor: Actor, client_id: str, authorization_id: str, *, text_sha256: str,
             signer_name: str, signer_kind: str = "client", guardian_relation: str = "",
             representative_id: str = "", witness_name: str = "") -> None:
        """Record the signature on the exact text shown: in the office (staff) or the portal.

        Who signs: an adult client; for a minor, the parent or guardian, except that a minor
        who consented to the care alone signs for its records (45 CFR 164.502(g)(3)(i)); a
        personal representative on file whose scope covers authorizations signs as
        "representative" (164.502(g)(2)). Where the state asks for it, a witness attests the
        signer's identity (the `authorization_witness` fact), so such a signature is taken in
        the office; the state's expiry rule is checked again here."""
        rt = self._rt
        is_client = actor.role in (Role.CLIENT, Role.REPRESENTATIVE)
        if actor.role is Role.REPRESENTATIVE:
            # A representative signing in the portal with their own account signs as
            # themselves, never as the client or a guardian named on the form.
            signer_kind, representative_id = "representative", actor.representative_id

        def work(conn: Connection, access: Access) -> None:
            name, relation = typed_signature(signer_name, signer_kind, guardian_relation)
            form = self._form(conn, access, authorization_id)
            if form.view.status != "unsigned":
                raise ConflictError(f"this authorization is {form.view.status}; "
                                    "only an unsigned one can be signed")
            if text_sha256 != form.sha256:
                raise ConflictError("the authorization text changed since it was shown; "
                                    "read it again and sign")
            jurisdiction = form.jurisdiction
            problems = state_law_problems(form.view.terms, jurisdiction)
            signer: dict[str, str] = {"name": name, "relation": relation}
            if form.witness_required:
                citation = jurisdiction.facts["authorization_witness"].citation
                if is_client:
                    raise InvalidInput(f"signer_kind: under {jurisdiction.name} law a witness "
                                       f"must attest who signs ({citation}) — sign this "
                                       "authorization in the office")
                witness = " ".join(clean_name(witness_name, "witness_name",
                                              "the witness's name").split())
                if not witness:
                    problems.append("witness_name: the name of the witness who can attest the "
                                    f"signer's identity ({citation})")
                signer["witness"] = witness
            if signer_kind == "representative" and actor.role is Role.CLIENT:
                problems.append("signer_kind: a representative signs in the office")
            elif signer_kind not in ("representative", form.signer_rule):
                problems.append(f"signer_kind: this authorization must be signed by the "
                                f"{form.signer_rule}: {form.signer_reason}")
            if problems:
                raise InvalidInput(join_problems(problems))
            if signer_kind == "representative":
                try:
                    signer.update(representative_signer(
                        conn, rt.keyring, access, representative_id, "authorizations",
                        form.standing, jurisdiction))
                except InvalidInput:
                    if actor.role is not Role.REPRESENTATIVE:
                        raise
                    raise PolicyDenied("representative-may-not-act") from None
            signed = repo.sign_authorization(
                conn, authorization_id, text_sha256=form.sha256, signed_at=rt.now(),
                sign_method="portal" if is_client else "office", signer_kind=signer_kind,
                signature_recorded_by=actor.actor_id,
                signer_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.AUTHORIZATION, authorization_id, "signer",
                    json.dumps(signer).encode(), access))
            if not signed:
                raise ConflictError("this authorization was signed or revoked meanwhile")

        self._gate.write(actor, P.PORTAL_AUTHORIZATION_SIGN if is_client
                         else P.CHART_AUTHORIZATION_SIGN, AuditTag.RECORD_AUTHORIZATION_SIGN,
                         client_id, work, resource_id=authorization_id, sha256=text_sha256)

    def revoke(self, actor: Actor, client_id: str, authorization_id: str) -> None:
        """Revoke now: from the portal by the client, or by staff recording a written
        revocation. Nothing is disclosed under it from this moment."""
        rt = self._rt
        is_client = actor.role in (Role.CLIENT, Role.REPRESENTATIVE)

        def work(conn: Connection, access: Access) -> None:
            self._row(conn, client_id, authorization_id)
            if actor.role is Role.REPRESENTATIVE:
                # The same test as signing: scope, standing, and never for care a minor
                # consented to alone (164.502(g)(3)(i)); a refusal is audited as one.
                form = self._form(conn, access, authorization_id)
                try:
                    representative_signer(conn, rt.keyring, access, actor.representative_id,
                                          "authorizations", form.standing, form.jurisdiction)
                except InvalidInput:
                    raise PolicyDenied("representative-may-not-act") from None
            revoked = repo.revoke_authorization(
                conn, authorization_id, revoked_at=rt.now(), revoked_by=actor.actor_id,
                revoke_method="portal" if is_client else "written")
            if not revoked:
                raise ConflictError("this authorization is already revoked")

        self._gate.write(actor, P.PORTAL_AUTHORIZATION_REVOKE if is_client
                         else P.CHART_AUTHORIZATION_REVOKE, AuditTag.RECORD_AUTHORIZATION_REVOKE,
                         client_id, work, resource_id=authorization_id)

    def record_expiry_event(self, actor: Actor, client_id: str, authorization_id: str) -> None:
        """Staff record that the expiry event named in the authorization has happened."""
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            view = self._view(conn, access, self._row(conn, client_id, authorization_id))
            if not view.terms.expiry_event:
                raise InvalidInput("this authorization expires on a date, not an event")
            if view.event_occurred_at is not None:
                raise ConflictError("the expiry event is already recorded")
            repo.record_expiry_event(conn, authorization_id, occurred_at=rt.now(),
                                     recorded_by=actor.actor_id)

        self._gate.write(actor, P.CHART_AUTHORIZATION_REVOKE, AuditTag.RECORD_AUTHORIZATION_UPDATE,
                         client_id, work, resource_id=authorization_id, change="expiry-event")

    def signed_copy(self, actor: Actor, client_id: str, authorization_id: str
                    ) -> tuple[str, bytes]:
        """The signed authorization as a PDF for the client (45 CFR 164.508(c)(4)): in the
        portal by the client, or from the office by staff who may read authorizations.
        Returns (file name, bytes); NotFound while it is unsigned."""
        access = self._authorize_read(actor, client_id, authorization_id)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            form = self._form(conn, access, authorization_id)
            row = self._row(conn, client_id, authorization_id)
            view = form.view
            if view.signed_at is None or row.signer_sealed is None:
                raise NotFound("this authorization is not signed yet")
            signer = json.loads(rt.keyring.unseal_field(
                conn, client_id, RecordKind.AUTHORIZATION, authorization_id, "signer",
                row.signer_sealed, access))
            practice_name, _ = repo.practice_name_and_jurisdiction(conn)
        copy = SignedAuthorization(
            authorization_id, practice_name, form.text, form.sha256, view.text_sha256 or "",
            view.signed_at, view.sign_method or "", view.signer_kind or "", signer["name"],
            signer.get("relation", ""), signer.get("witness", ""), view.status)
        return copy.filename, render_authorization_pdf(copy)

    # --- for the disclosure service, under the gate's proof -------------------------------------
    def view_under(self, conn: Connection, access: Access, authorization_id: str
                   ) -> AuthorizationView:
        """One authorization of the client the gate's `access` names; NotFound if it is not
        theirs."""
        return self._view(conn, access, self._row(conn, access.client_id, authorization_id))

    # --- helpers -------------------------------------------------------------------------------
    def _authorize_read(self, actor: Actor, client_id: str, resource_id: str) -> Access:
        permission = P.PORTAL_DISCLOSURE_READ \
            if actor.role in (Role.CLIENT, Role.REPRESENTATIVE) \
            else P.CHART_AUTHORIZATION_READ
        return self._gate.authorize_read(actor, permission, AuditTag.RECORD_AUTHORIZATION_READ,
                                  client_id, resource_id=resource_id)

    def _row(self, conn: Connection, client_id: str, authorization_id: str) -> Any:
        row = repo.authorization(conn, client_id, authorization_id)
        if row is None:
            raise NotFound("no such authorization")
        return row

    def _view(self, conn: Connection, access: Access, row: Any) -> AuthorizationView:
        terms = AuthorizationTerms.from_json(json.loads(self._rt.keyring.unseal_field(
            conn, row.client_id, RecordKind.AUTHORIZATION, row.id, "terms", row.terms_sealed,
            access)))
        state = AuthorizationState(terms, row.signed_at, row.revoked_at, row.event_occurred_at)
        return AuthorizationView(
            row.id, row.client_id, authorization_status(state, self._rt.now()), terms,
            row.created_at, row.signed_at, row.sign_method, row.signer_kind, row.text_sha256,
            row.revoked_at, row.revoke_method, row.event_occurred_at)

    def _form(self, conn: Connection, access: Access, authorization_id: str
              ) -> AuthorizationForm:
        view = self.view_under(conn, access, authorization_id)
        demographics = demographics_under(conn, self._rt.keyring, access)
        practice_name, code = repo.practice_name_and_jurisdiction(conn)
        text = authorization_text(
            view.terms, f"{demographics['given_name']} {demographics['family_name']} "
            f"(born {demographics['date_of_birth']})", practice_name)
        jurisdiction = load_jurisdiction(code)
        standing = minor_standing_under(conn, self._rt.keyring, access, jurisdiction,
                                        date.fromisoformat(demographics["date_of_birth"]),
                                        self._rt.now().date())
        rule = authorization_signer_rule(standing, jurisdiction)
        return AuthorizationForm(view, text, text_sha256(text), rule.rule, rule.reason,
                                 needs_witness(jurisdiction), jurisdiction, standing)
