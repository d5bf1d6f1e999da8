"""Signing the consent form, and each client's consent status and signatures.

The signature binds to the SHA-256 of the exact canonical text the signer was shown: a signing
request carries the hash it saw, and a mismatch (the text changed meanwhile) is refused. The
text itself is kept with the signature, sealed under the client's key, for the client to read.
A published form is offered for signing only while it still renders to the text published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.access import ClientConsentUseCases
from closeddoor.consent.current import (
    consent_is_current,
    current_version_id,
    render_version_now,
)
from closeddoor.consent.jurisdictions import Jurisdiction, load_jurisdiction
from closeddoor.consent.minors import MinorStanding, consent_signer_rule
from closeddoor.consent.model import RenderedConsent
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.gate import Access
from closeddoor.names import clean_name
from closeddoor.policy import Actor, Permission, Role
from closeddoor.records.clients import demographics_under
from closeddoor.records.representative_service import (
    minor_standing_under,
    representative_signer,
)
from closeddoor.runtime import new_id
from closeddoor.store import consent_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission
# "representative": a personal representative on file (records/representatives.py), named by id.
SIGNER_KINDS = ("client", "guardian", "representative")
DEMO_PAGE_NOTICE = "Demo form for synthetic people: not reviewed by anyone. Not for real clients."

@dataclass(frozen=True)
class ConsentStatus:
    state: str  # current | reconsent-needed | never-signed | no-published-version
    current_version: int | None
    signed_version: int | None
    signed_at: datetime | None


@dataclass(frozen=True)
class ConsentForm:
    version_id: str
    version_number: int
    rendered: RenderedConsent
    signer_rule: str  # client | guardian | either: who may sign (consent/minors.py)
    is_demo: bool = False  # `closeddoor demo`'s unreviewed form: every page says so
    signer_reason: str = ""  # why, in words, with the law's citation

    @property
    def page_notice(self) -> str:
        """What every page of a printed copy says besides the text ("" for a reviewed form)."""
        return DEMO_PAGE_NOTICE if self.is_demo else ""


@dataclass(frozen=True)
class SignatureView:
    signature_id: str
    version_number: int
    jurisdiction: str
    text_sha256: str
    signed_at: datetime
    method: str
    signer_kind: str
    signer_name: str
    guardian_relation: str
    has_text: bool = True  # False for signatures made before the signed text was kept


@dataclass(frozen=True)
class SignedText:
    """The exact text one signature binds: its SHA-256 is the signature's `text_sha256`."""

    signature_id: str
    version_number: int
    text: str
    text_sha256: str

    @property
    def filename(self) -> str:  # no client identifier in a file name
        return f"consent-v{self.version_number}-signed-{self.signature_id}.txt"


def typed_signature(signer_name: str, signer_kind: str, guardian_relation: str
                    ) -> tuple[str, str]:
    """The typed name and the guardian's relation, checked: shared by every signed document."""
    typed = clean_name(signer_name, "signer_name", "the typed name", limit=10_000)
    name = " ".join(typed.split())
    if not name or len(name) > 200:
        raise InvalidInput("signer_name: type your full name (at most 200 characters)")
    if signer_kind not in SIGNER_KINDS:
        raise InvalidInput("signer_kind: client or guardian")
    relation = " ".join(str(guardian_relation).split())[:80]
    if signer_kind == "guardian" and not relation:
        raise InvalidInput("guardian_relation: say how the signer is related (e.g. mother)")
    return name, relation


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class SignatureUseCases(ClientConsentUseCases):
    def status(self, actor: Actor, client_id: str) -> ConsentStatus:
        self._authorize(actor, client_id, P.CHART_CONSENT_READ, P.PORTAL_RECORD_READ,
                        AuditTag.RECORD_CONSENT_READ)
        with read_transaction(self._rt.engine) as conn:
            return self._status(conn, client_id)

    def form(self, actor: Actor, client_id: str) -> ConsentForm:
        """The current version rendered for this practice, and who must sign it."""
        access = self._authorize(actor, client_id, P.CHART_CONSENT_READ, P.PORTAL_RECORD_READ,
                                 AuditTag.RECORD_CONSENT_READ)
        with read_transaction(self._rt.engine) as conn:
            return self._form(conn, access)

    def sign(self, actor: Actor, client_id: str, *, version_id: str, text_sha256: str,
             signer_name: str, signer_kind: str = "client", guardian_relation: str = "",
             representative_id: str = "") -> str:
        """Record a signature on the exact text shown (office for staff, portal for clients).

        Who may sign is `consent_signer_rule` (the practice's minor-consent facts); a personal
        representative on file whose scope covers consent signs as "representative" (45 CFR
        164.502(g)), never one refused under 164.502(g)(5) or ended."""
        signature_id = new_id()
        rt = self._rt
        is_client = actor.role is Role.CLIENT

        # Input is judged only after the policy decision, so outsiders learn nothing from it.
        def work(conn: Connection, access: Access) -> None:
            name, relation = typed_signature(signer_name, signer_kind, guardian_relation)
            form = self._form(conn, access)
            if version_id != form.version_id or text_sha256 != form.rendered.sha256:
                raise ConflictError("the consent text changed since it was shown; "
                                    "read the current version and sign again")
            signer: dict[str, str] = {"name": name, "relation": relation}
            if signer_kind == "representative":
                if is_client:
                    raise InvalidInput("signer_kind: a representative signs in the office")
                law = load_jurisdiction(form.rendered.jurisdiction_code)
                signer.update(representative_signer(
                    conn, rt.keyring, access, representative_id, "consent",
                    self._standing(conn, access, law), law))
            elif form.signer_rule != "either" and signer_kind != form.signer_rule:
                raise InvalidInput(
                    f"signer_kind: this form must be signed by the {form.signer_rule} "
                    f"under {form.rendered.jurisdiction_name} law: {form.signer_reason}")
            sealed = rt.keyring.seal_field(conn, client_id, RecordKind.CONSENT_SIGNATURE,
                                           signature_id, "signer",
                                           json.dumps(signer).encode(), access)
            text_sealed = rt.keyring.seal_field(conn, client_id, RecordKind.CONSENT_SIGNATURE,
                                                signature_id, "text",
                                                form.rendered.canonical_text.encode("utf-8"),
                                                access)
            repo.insert_signature(
                conn, id=signature_id, client_id=client_id, version_id=form.version_id,
                jurisdiction=form.rendered.jurisdiction_code, text_sha256=form.rendered.sha256,
                signed_at=rt.now(), method="portal" if is_client else "office",
                signer_kind=signer_kind, signer_sealed=sealed, recorded_by=actor.actor_id,
                text_sealed=text_sealed)

        self._gate.write(actor, P.PORTAL_CONSENT_SIGN if is_client else P.CHART_CONSENT_SIGN,
                         AuditTag.CONSENT_SIGNATURE_CREATE, client_id, work,
                         resource_id=signature_id, version=version_id, sha256=text_sha256)
        return signature_id

    def signatures(self, actor: Actor, client_id: str) -> list[SignatureView]:
        access = self._authorize(actor, client_id, P.CHART_CONSENT_READ, P.PORTAL_RECORD_READ,
                                 AuditTag.RECORD_CONSENT_READ)
        return self.signatures_under(access)

    def signatures_under(self, access: Access) -> list[SignatureView]:
        """The client's consent signatures, newest first, under the gate's `access`."""
        rt = self._rt
        client_id = access.client_id
        with read_transaction(rt.engine) as conn:
            rows = repo.signatures_newest_first(conn, client_id)
            views = []
            for r in rows:
                signer = json.loads(rt.keyring.unseal_field(conn, client_id,
                                                            RecordKind.CONSENT_SIGNATURE, r.id,
                                                            "signer", r.signer_sealed,
                                                            access))
                views.append(SignatureView(r.id, r.number, r.jurisdiction, r.text_sha256,
                                           r.signed_at, r.method, r.signer_kind, signer["name"],
                                           signer["relation"], r.text_sealed is not None))
        return views

    def signed_text(self, actor: Actor, client_id: str, signature_id: str) -> SignedText:
        """The exact text the client signed, unsealed under the gate's proof (the client in the
        portal, or staff who may read the client's consent records)."""
        access = self._authorize(actor, client_id, P.CHART_CONSENT_READ, P.PORTAL_RECORD_READ,
                                 AuditTag.RECORD_CONSENT_READ, resource_id=signature_id)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            row = repo.signed_text(conn, client_id, signature_id)
            if row is None:
                raise NotFound("no such consent signature")
            if row.text_sealed is None:
                raise NotFound("this signature was recorded before closeddoor kept the signed "
                               "text; its hash is all that was kept")
            text = rt.keyring.unseal_field(conn, client_id, RecordKind.CONSENT_SIGNATURE,
                                           signature_id, "text", row.text_sealed,
                                           access).decode("utf-8")
        return SignedText(signature_id, row.number, text, row.text_sha256)

    # --- helpers -------------------------------------------------------------------------------
    def _form(self, conn: Connection, access: Access) -> ConsentForm:
        version_id = current_version_id(conn)
        if version_id is None:
            raise NotFound("the practice has not published a consent form yet")
        number, published, is_demo = repo.published_facts(conn, version_id)
        rendered = render_version_now(conn, version_id)
        if rendered.sha256 != published:
            # The practice's name or the law's facts changed since publication: nobody reviewed
            # this text, so it is not offered until a new version is reviewed and published.
            raise NotFound("the practice has no reviewed consent form ready to sign yet")
        law = load_jurisdiction(rendered.jurisdiction_code)
        rule = consent_signer_rule(self._standing(conn, access, law), law)
        return ConsentForm(version_id, number, rendered, rule.rule, bool(is_demo), rule.reason)

    def _standing(self, conn: Connection, access: Access, jurisdiction: Jurisdiction
                  ) -> MinorStanding:
        born = date.fromisoformat(
            demographics_under(conn, self._rt.keyring, access)["date_of_birth"])
        return minor_standing_under(conn, self._rt.keyring, access, jurisdiction, born,
                                    self._rt.now().date())

    def _status(self, conn: Connection, client_id: str) -> ConsentStatus:
        version_id = current_version_id(conn)
        current = None if version_id is None else repo.version_number(conn, version_id)
        last = repo.last_signature(conn, client_id)
        if current is None:
            state = "no-published-version"
        elif last is None:
            state = "never-signed"
        elif consent_is_current(conn, client_id):  # the very rule policy.decide relies on
            state = "current"
        else:
            state = "reconsent-needed"
        return ConsentStatus(state, current, last.number if last else None,
                             last.signed_at if last else None)
