"""Consent versions (owner), each client's consent status, signing, and optional consents.

The signature binds to the SHA-256 of the exact canonical text the signer was shown: a signing
request carries the hash it saw, and a mismatch (the text changed meanwhile) is refused.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.current import PUBLISHED, consent_is_current, current_version_id
from closeddoor.consent.jurisdictions import Jurisdiction, load_jurisdiction
from closeddoor.consent.model import RenderedConsent
from closeddoor.consent.preferences import Preferences
from closeddoor.consent.render import render_consent
from closeddoor.consent.template import ConsentTemplate, default_template, parse_template
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.names import clean_name
from closeddoor.policy import Actor, Permission, Role
from closeddoor.records.clients import demographics_under
from closeddoor.runtime import Runtime, new_id
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.store.tables import (
    client_preferences,
    consent_signatures,
    consent_versions,
    practice,
)
from closeddoor.types import RecordKind

P = Permission
SIGNER_KINDS = ("client", "guardian")


@dataclass(frozen=True)
class VersionSummary:
    version_id: str
    number: int
    status: str
    created_at: datetime
    published_at: datetime | None


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
    signer_rule: str  # client | guardian | either: who may sign, from the client's age


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


def template_to_json(template: ConsentTemplate) -> str:
    return json.dumps({"name": template.name, "title": template.title, "intro": template.intro,
                       "sections": [asdict(s) | {"citations": list(s.citations)}
                                    for s in template.sections]}, sort_keys=True)


def signer_rule(age: int, jurisdiction: Jurisdiction) -> str:
    """Who signs: a guardian below the age a minor may consent alone, the client from majority."""
    if age >= int(jurisdiction.facts["age_of_majority"].value):
        return "client"
    if age >= int(jurisdiction.facts["minor_consent_age"].value):
        return "either"
    return "guardian"


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


class ConsentService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- versions (the owner) ------------------------------------------------------------------
    def ensure_default_version(self) -> None:
        """Publish the shipped default as version 1 when the practice has no version yet."""
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            if conn.execute(select(func.count()).select_from(consent_versions)).scalar_one():
                return
            version_id = new_id()
            conn.execute(insert(consent_versions).values(
                id=version_id, number=1, document=template_to_json(default_template()),
                status=PUBLISHED, created_at=rt.now(), created_by="system",
                published_at=rt.now(), published_by="system"))
            self._gate.record_in(conn, [rt.entry("system", AuditTag.CONSENT_VERSION_PUBLISH, "ok",
                                               resource_id=version_id, number=1)])

    def list_versions(self, actor: Actor) -> list[VersionSummary]:
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            rows = conn.execute(select(consent_versions)
                                .order_by(consent_versions.c.number.desc())).all()
        return [VersionSummary(r.id, r.number, r.status, r.created_at, r.published_at)
                for r in rows]

    def version_template(self, actor: Actor, version_id: str) -> ConsentTemplate:
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            return self._template(conn, version_id)

    def preview(self, actor: Actor, version_id: str) -> RenderedConsent:
        """Any version (a draft too) rendered as clients of this practice would see it."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            template = self._template(conn, version_id)
            practice_name, code = self._practice(conn)
        return render_consent(template, load_jurisdiction(code), practice_name)

    def create_draft(self, actor: Actor) -> str:
        """A new draft, starting from the current published text."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_CREATE,
                           audit_allow=False)
        rt = self._rt
        version_id = new_id()
        with write_transaction(rt.engine) as conn:
            current = current_version_id(conn)
            document = (template_to_json(self._template(conn, current)) if current
                        else template_to_json(default_template()))
            number = (conn.execute(select(func.max(consent_versions.c.number))).scalar() or 0) + 1
            conn.execute(insert(consent_versions).values(
                id=version_id, number=number, document=document, status="draft",
                created_at=rt.now(), created_by=actor.actor_id))
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.CONSENT_VERSION_CREATE,
                                               "ok", resource_id=version_id, number=number)])
        return version_id

    def update_draft(self, actor: Actor, version_id: str, document: dict[str, Any]) -> None:
        """Replace a draft's text; it must be a valid template that renders for this practice.

        The template is rendered (bounded: see consent.template) before the write transaction
        opens, so an expensive or broken template never holds the database."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_UPDATE,
                           audit_allow=False)
        template = parse_template(document, "the submitted draft")
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            self._template(conn, version_id)  # NotFound for an unknown version
            practice_name, code = self._practice(conn)
        render_consent(template, load_jurisdiction(code), practice_name)  # a missing fact: 422
        with write_transaction(rt.engine) as conn:
            result = conn.execute(update(consent_versions).where(
                consent_versions.c.id == version_id, consent_versions.c.status == "draft",
            ).values(document=template_to_json(template)))
            if result.rowcount != 1:
                raise ConflictError("only a draft can be edited; published versions are final")
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.CONSENT_VERSION_UPDATE,
                                               "ok", resource_id=version_id)])

    def publish(self, actor: Actor, version_id: str) -> None:
        """Make a draft the current version; clients on older versions then need to re-consent.
        Rendered outside the write transaction, which then publishes only the text rendered."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_PUBLISH,
                           audit_allow=False)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            document = self._document(conn, version_id)
            practice_name, code = self._practice(conn)
        template = parse_template(json.loads(document), f"consent version {version_id}")
        render_consent(template, load_jurisdiction(code), practice_name)
        with write_transaction(rt.engine) as conn:
            result = conn.execute(update(consent_versions).where(
                consent_versions.c.id == version_id, consent_versions.c.status == "draft",
                consent_versions.c.document == document,
            ).values(status=PUBLISHED, published_at=rt.now(), published_by=actor.actor_id))
            if result.rowcount != 1:
                raise ConflictError("this version is already published, or its text changed "
                                    "meanwhile; reload it and publish again")
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.CONSENT_VERSION_PUBLISH,
                                               "ok", resource_id=version_id)])

    def jurisdiction_code(self) -> str:
        with read_transaction(self._rt.engine) as conn:
            return str(conn.execute(select(practice.c.jurisdiction)).scalar_one())

    def set_jurisdiction(self, actor: Actor, code: str) -> None:
        """Whose law the forms state; a change means every client must consent again."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.PRACTICE_SETTINGS_UPDATE,
                           audit_allow=False)
        jurisdiction = load_jurisdiction(code)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            conn.execute(update(practice).values(jurisdiction=jurisdiction.code))
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.PRACTICE_SETTINGS_UPDATE,
                                               "ok", setting="jurisdiction",
                                               value=jurisdiction.code)])

    # --- one client's consent --------------------------------------------------------------------
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
             signer_name: str, signer_kind: str = "client", guardian_relation: str = "") -> str:
        """Record a signature on the exact text shown (office for staff, portal for clients)."""
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
            if form.signer_rule != "either" and signer_kind != form.signer_rule:
                raise InvalidInput(
                    f"signer_kind: this form must be signed by the {form.signer_rule} "
                    f"under {form.rendered.jurisdiction_name} law")
            sealed = rt.keyring.seal_field(conn, client_id, RecordKind.CONSENT_SIGNATURE,
                                           signature_id, "signer",
                                           json.dumps({"name": name, "relation": relation})
                                           .encode(), access)
            conn.execute(insert(consent_signatures).values(
                id=signature_id, client_id=client_id, version_id=form.version_id,
                jurisdiction=form.rendered.jurisdiction_code, text_sha256=form.rendered.sha256,
                signed_at=rt.now(), method="portal" if is_client else "office",
                signer_kind=signer_kind, signer_sealed=sealed, recorded_by=actor.actor_id))

        self._gate.write(actor, P.PORTAL_CONSENT_SIGN if is_client else P.CHART_CONSENT_SIGN,
                         AuditTag.CONSENT_SIGNATURE_CREATE, client_id, work,
                         resource_id=signature_id, version=version_id, sha256=text_sha256)
        return signature_id

    def signatures(self, actor: Actor, client_id: str) -> list[SignatureView]:
        access = self._authorize(actor, client_id, P.CHART_CONSENT_READ, P.PORTAL_RECORD_READ,
                                 AuditTag.RECORD_CONSENT_READ)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            rows = conn.execute(
                select(consent_signatures, consent_versions.c.number)
                .join(consent_versions, consent_versions.c.id == consent_signatures.c.version_id)
                .where(consent_signatures.c.client_id == client_id)
                .order_by(consent_signatures.c.signed_at.desc())).all()
            views = []
            for r in rows:
                signer = json.loads(rt.keyring.unseal_field(conn, client_id,
                                                            RecordKind.CONSENT_SIGNATURE, r.id,
                                                            "signer", r.signer_sealed,
                                                            access))
                views.append(SignatureView(r.id, r.number, r.jurisdiction, r.text_sha256,
                                           r.signed_at, r.method, r.signer_kind, signer["name"],
                                           signer["relation"]))
        return views

    # --- optional consents and contact preferences ------------------------------------------------
    def preferences(self, actor: Actor, client_id: str) -> Preferences:
        access = self._authorize(actor, client_id, P.CHART_PREFERENCES_READ,
                                 P.PORTAL_RECORD_READ, AuditTag.RECORD_PREFERENCES_READ)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            sealed = conn.execute(select(client_preferences.c.preferences_sealed).where(
                client_preferences.c.client_id == client_id)).scalar_one_or_none()
            if sealed is None:
                return Preferences()
            return Preferences.from_json(json.loads(rt.keyring.unseal_field(
                conn, client_id, RecordKind.PREFERENCES, client_id, "preferences", sealed, access)))

    def update_preferences(self, actor: Actor, client_id: str, data: dict[str, Any]) -> None:
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            chosen = Preferences.parse(data)  # judged after the decision
            sealed = rt.keyring.seal_field(conn, client_id, RecordKind.PREFERENCES, client_id,
                                           "preferences", json.dumps(chosen.to_json()).encode(),
                                           access)
            values = {"preferences_sealed": sealed, "updated_at": rt.now(),
                      "updated_by": actor.actor_id}
            changed = conn.execute(update(client_preferences).where(
                client_preferences.c.client_id == client_id).values(**values))
            if changed.rowcount == 0:
                conn.execute(insert(client_preferences).values(client_id=client_id, **values))

        is_client = actor.role is Role.CLIENT
        self._gate.write(actor, P.PORTAL_PREFERENCES_WRITE if is_client
                         else P.CHART_PREFERENCES_WRITE, AuditTag.RECORD_PREFERENCES_UPDATE,
                         client_id, work, resource_id=client_id)

    # --- helpers -------------------------------------------------------------------------------
    def _authorize(self, actor: Actor, client_id: str, staff: Permission, portal: Permission,
                   tag: AuditTag) -> Access:
        permission = portal if actor.role is Role.CLIENT else staff
        return self._gate.authorize_read(actor, permission, tag, client_id, resource_id=client_id)

    def _document(self, conn: Connection, version_id: str | None) -> str:
        document = conn.execute(select(consent_versions.c.document).where(
            consent_versions.c.id == version_id)).scalar_one_or_none()
        if document is None:
            raise NotFound("no such consent version")
        return str(document)

    def _template(self, conn: Connection, version_id: str | None) -> ConsentTemplate:
        return parse_template(json.loads(self._document(conn, version_id)),
                              f"consent version {version_id}")

    def _practice(self, conn: Connection) -> tuple[str, str]:
        name, code = conn.execute(select(practice.c.name, practice.c.jurisdiction)).one()
        return str(name), str(code)

    def _render(self, conn: Connection, template: ConsentTemplate) -> RenderedConsent:
        name, code = self._practice(conn)
        return render_consent(template, load_jurisdiction(code), name)

    def _form(self, conn: Connection, access: Access) -> ConsentForm:
        version_id = current_version_id(conn)
        if version_id is None:
            raise NotFound("the practice has not published a consent form yet")
        number = conn.execute(select(consent_versions.c.number).where(
            consent_versions.c.id == version_id)).scalar_one()
        rendered = self._render(conn, self._template(conn, version_id))
        born = date.fromisoformat(
            demographics_under(conn, self._rt.keyring, access)["date_of_birth"])
        rule = signer_rule(age_on(born, self._rt.now().date()),
                           load_jurisdiction(rendered.jurisdiction_code))
        return ConsentForm(version_id, number, rendered, rule)

    def _status(self, conn: Connection, client_id: str) -> ConsentStatus:
        version_id = current_version_id(conn)
        current = None if version_id is None else conn.execute(select(
            consent_versions.c.number).where(consent_versions.c.id == version_id)).scalar_one()
        last = conn.execute(
            select(consent_signatures.c.signed_at, consent_versions.c.number)
            .join(consent_versions, consent_versions.c.id == consent_signatures.c.version_id)
            .where(consent_signatures.c.client_id == client_id)
            .order_by(consent_signatures.c.signed_at.desc(), consent_versions.c.number.desc())
            .limit(1)).first()
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
