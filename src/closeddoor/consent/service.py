"""Consent versions (owner), each client's consent status, signing, and optional consents.

The signature binds to the SHA-256 of the exact canonical text the signer was shown: a signing
request carries the hash it saw, and a mismatch (the text changed meanwhile) is refused. The
text itself is kept with the signature, sealed under the client's key, for the client to read.

No unreviewed form reaches a client: a version is published only after the owner records who
reviewed its text (as rendered for this practice) and when, and it is offered for signing only
while it still renders to the text published. When the practice's name, its jurisdiction or
the jurisdiction's facts change, the text changes: a new version must be reviewed and published,
and every client who signed the old text needs to consent again (see consent.current).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.engine import Row

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.current import (
    PUBLISHED,
    consent_is_current,
    current_version_id,
    render_version_now,
)
from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import Jurisdiction, load_jurisdiction
from closeddoor.consent.model import RenderedConsent
from closeddoor.consent.preferences import Preferences
from closeddoor.consent.render import render_consent
from closeddoor.consent.template import ConsentTemplate, default_template, parse_template
from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
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


DEMO_NOTICE = ("Demo form: made by `closeddoor demo` for a practice of synthetic people. No one "
               "has reviewed it. Do not give it to real clients.")
DEMO_PAGE_NOTICE = "Demo form for synthetic people: not reviewed by anyone. Not for real clients."
DEMO_REVIEWER = "nobody (closeddoor demo: not reviewed)"


@dataclass(frozen=True)
class ReviewRecord:
    """Who reviewed a version's text (in words, e.g. the practice's counsel), on what day, and
    the SHA-256 of the text they reviewed; who recorded it in closeddoor, and when."""

    reviewed_by: str
    reviewed_on: date
    text_sha256: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class VersionSummary:
    version_id: str
    number: int
    status: str
    created_at: datetime
    published_at: datetime | None
    review: ReviewRecord | None = None
    text_sha256: str = ""  # the text published ("" for a draft)
    rendered_sha256: str = ""  # the text as it renders now ("" when it no longer renders)
    is_demo: bool = False

    @property
    def is_stale(self) -> bool:
        """Published, but the practice's name or the law's facts changed since: clients cannot
        sign it any more, and a new version must be reviewed and published."""
        return self.status == PUBLISHED and self.text_sha256 != self.rendered_sha256

    @property
    def review_is_current(self) -> bool:
        """The recorded review is of the text as it renders now."""
        return self.review is not None and self.review.text_sha256 == self.rendered_sha256


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
    is_demo: bool = False  # `closeddoor demo`'s unreviewed form: every page says so

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
        """Give a practice with no version the shipped default as draft version 1. It is not
        published: the owner has it reviewed, records the review, then publishes it."""
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            if conn.execute(select(func.count()).select_from(consent_versions)).scalar_one():
                return
            version_id = new_id()
            conn.execute(insert(consent_versions).values(
                id=version_id, number=1, document=template_to_json(default_template()),
                status="draft", created_at=rt.now(), created_by="system"))
            self._gate.record_in(conn, [rt.entry("system", AuditTag.CONSENT_VERSION_CREATE, "ok",
                                               resource_id=version_id, number=1)])

    def publish_demo_version(self, actor: Actor) -> str:
        """`closeddoor demo` only: publish the first draft unreviewed, with a notice in its text
        (and so on every page that shows it) saying that it is a demo nobody reviewed."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_PUBLISH,
                           audit_allow=False)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            row = conn.execute(select(consent_versions).where(
                consent_versions.c.status == "draft").order_by(consent_versions.c.number)
                .limit(1)).first()
            if row is None or current_version_id(conn) is not None:
                raise ConflictError("a demo form is published only in a new demo practice")
            document = json.loads(row.document)
            document["intro"] = f"{DEMO_NOTICE}\n\n{document['intro']}"
            conn.execute(update(consent_versions).where(consent_versions.c.id == row.id)
                         .values(document=json.dumps(document, sort_keys=True), is_demo=True))
            rendered = render_version_now(conn, row.id)
            conn.execute(update(consent_versions).where(consent_versions.c.id == row.id).values(
                status=PUBLISHED, published_at=rt.now(), published_by=actor.actor_id,
                text_sha256=rendered.sha256, reviewed_by=DEMO_REVIEWER,
                reviewed_on=rt.now().date(), reviewed_sha256=rendered.sha256,
                review_recorded_by=actor.actor_id, review_recorded_at=rt.now()))
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.CONSENT_VERSION_PUBLISH,
                                               "ok", resource_id=row.id, demo=1)])
        return str(row.id)

    def list_versions(self, actor: Actor) -> list[VersionSummary]:
        """Every version, newest first, with its review and whether it is stale."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            rows = conn.execute(select(consent_versions)
                                .order_by(consent_versions.c.number.desc())).all()
            return [self._summary(conn, r) for r in rows]

    def version(self, actor: Actor, version_id: str) -> VersionSummary:
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            row = conn.execute(select(consent_versions).where(
                consent_versions.c.id == version_id)).first()
            if row is None:
                raise NotFound("no such consent version")
            return self._summary(conn, row)

    def jurisdiction_review(self, actor: Actor) -> Jurisdiction:
        """The practice's jurisdiction facts with their review status and each fact's review
        note (doubts for the practice's counsel): what the owner has reviewed before publishing."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_READ,
                           audit_allow=False)
        return load_jurisdiction(self.jurisdiction_code())

    def record_review(self, actor: Actor, version_id: str, *, reviewed_by: str,
                      reviewed_on: str, text_sha256: str) -> None:
        """The owner records that `reviewed_by` reviewed the draft's text on `reviewed_on`.
        `text_sha256` is the hash of the text reviewed (the preview shows it); a review of any
        other text (the draft or the practice changed meanwhile) is refused."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_REVIEW,
                           audit_allow=False)
        reviewer = " ".join(str(reviewed_by).split())
        if not reviewer or len(reviewer) > 200:
            raise InvalidInput("reviewed_by: say who reviewed the text, e.g. the practice's "
                               "counsel (at most 200 characters)")
        try:
            day = date.fromisoformat(str(reviewed_on))
        except ValueError:
            raise InvalidInput("reviewed_on: the day of the review, as YYYY-MM-DD") from None
        rt = self._rt
        if day > rt.now().date():
            raise InvalidInput("reviewed_on: the review cannot be in the future")
        with read_transaction(rt.engine) as conn:
            document = self._document(conn, version_id)  # NotFound for an unknown version
            practice_name, code = self._practice(conn)
        # Rendered outside the write transaction (like publish); ConsentError answers 422.
        rendered = render_consent(parse_template(json.loads(document),
                                                 f"consent version {version_id}"),
                                  load_jurisdiction(code), practice_name)
        if text_sha256 != rendered.sha256:
            raise ConflictError("the text changed since it was shown for review; preview "
                                "it again and record the review of that text")
        with write_transaction(rt.engine) as conn:
            result = conn.execute(update(consent_versions).where(
                consent_versions.c.id == version_id, consent_versions.c.status == "draft",
                consent_versions.c.document == document,
            ).values(reviewed_by=reviewer, reviewed_on=day, reviewed_sha256=rendered.sha256,
                     review_recorded_by=actor.actor_id, review_recorded_at=rt.now()))
            if result.rowcount != 1:
                raise ConflictError("only a draft is reviewed (published versions are final), "
                                    "and only the text shown: reload it and review again")
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.CONSENT_VERSION_REVIEW,
                                               "ok", resource_id=version_id,
                                               sha256=rendered.sha256)])

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
            ).values(document=template_to_json(template), reviewed_by=None, reviewed_on=None,
                     reviewed_sha256=None, review_recorded_by=None, review_recorded_at=None))
            if result.rowcount != 1:
                raise ConflictError("only a draft can be edited; published versions are final")
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.CONSENT_VERSION_UPDATE,
                                               "ok", resource_id=version_id)])

    def publish(self, actor: Actor, version_id: str) -> None:
        """Make a reviewed draft the current version; clients on older versions then need to
        re-consent. Refused (and audited) unless a review of exactly the text it renders to now
        is recorded. Rendered outside the write transaction, which then publishes only the text
        rendered (and reviewed)."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_PUBLISH,
                           audit_allow=False)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            document = self._document(conn, version_id)
            practice_name, code = self._practice(conn)
            reviewed = conn.execute(select(consent_versions.c.reviewed_sha256).where(
                consent_versions.c.id == version_id)).scalar_one()
        template = parse_template(json.loads(document), f"consent version {version_id}")
        rendered = render_consent(template, load_jurisdiction(code), practice_name)
        if reviewed != rendered.sha256:
            why = "consent-version-not-reviewed" if reviewed is None \
                else "consent-version-review-outdated"
            self._gate.record([rt.entry(actor.actor_id, AuditTag.CONSENT_VERSION_PUBLISH, "deny",
                                      resource_id=version_id, reason=why)])
            raise PolicyDenied(why)
        with write_transaction(rt.engine) as conn:
            result = conn.execute(update(consent_versions).where(
                consent_versions.c.id == version_id, consent_versions.c.status == "draft",
                consent_versions.c.document == document,
                consent_versions.c.reviewed_sha256 == rendered.sha256,
            ).values(status=PUBLISHED, published_at=rt.now(), published_by=actor.actor_id,
                     text_sha256=rendered.sha256))
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
            text_sealed = rt.keyring.seal_field(conn, client_id, RecordKind.CONSENT_SIGNATURE,
                                                signature_id, "text",
                                                form.rendered.canonical_text.encode("utf-8"),
                                                access)
            conn.execute(insert(consent_signatures).values(
                id=signature_id, client_id=client_id, version_id=form.version_id,
                jurisdiction=form.rendered.jurisdiction_code, text_sha256=form.rendered.sha256,
                signed_at=rt.now(), method="portal" if is_client else "office",
                signer_kind=signer_kind, signer_sealed=sealed, recorded_by=actor.actor_id,
                text_sealed=text_sealed))

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
                                           signer["relation"], r.text_sealed is not None))
        return views

    def signed_text(self, actor: Actor, client_id: str, signature_id: str) -> SignedText:
        """The exact text the client signed, unsealed under the gate's proof (the client in the
        portal, or staff who may read the client's consent records)."""
        access = self._authorize(actor, client_id, P.CHART_CONSENT_READ, P.PORTAL_RECORD_READ,
                                 AuditTag.RECORD_CONSENT_READ, resource_id=signature_id)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            row = conn.execute(
                select(consent_signatures.c.text_sealed, consent_signatures.c.text_sha256,
                       consent_versions.c.number)
                .join(consent_versions, consent_versions.c.id == consent_signatures.c.version_id)
                .where(consent_signatures.c.id == signature_id,
                       consent_signatures.c.client_id == client_id)).first()
            if row is None:
                raise NotFound("no such consent signature")
            if row.text_sealed is None:
                raise NotFound("this signature was recorded before closeddoor kept the signed "
                               "text; its hash is all that was kept")
            text = rt.keyring.unseal_field(conn, client_id, RecordKind.CONSENT_SIGNATURE,
                                           signature_id, "text", row.text_sealed,
                                           access).decode("utf-8")
        return SignedText(signature_id, row.number, text, row.text_sha256)

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
                   tag: AuditTag, resource_id: str = "") -> Access:
        permission = portal if actor.role is Role.CLIENT else staff
        return self._gate.authorize_read(actor, permission, tag, client_id,
                                         resource_id=resource_id or client_id)

    def _summary(self, conn: Connection, row: Row[Any]) -> VersionSummary:
        try:
            rendered = render_version_now(conn, row.id).sha256
        except ConsentError:
            rendered = ""
        review = None if row.reviewed_sha256 is None else ReviewRecord(
            row.reviewed_by, row.reviewed_on, row.reviewed_sha256, row.review_recorded_by,
            row.review_recorded_at)
        return VersionSummary(row.id, row.number, row.status, row.created_at, row.published_at,
                              review, row.text_sha256 or "", rendered, bool(row.is_demo))

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
        number, published, is_demo = conn.execute(select(
            consent_versions.c.number, consent_versions.c.text_sha256, consent_versions.c.is_demo,
        ).where(consent_versions.c.id == version_id)).one()
        rendered = self._render(conn, self._template(conn, version_id))
        if rendered.sha256 != published:
            # The practice's name or the law's facts changed since publication: nobody reviewed
            # this text, so it is not offered until a new version is reviewed and published.
            raise NotFound("the practice has no reviewed consent form ready to sign yet")
        born = date.fromisoformat(
            demographics_under(conn, self._rt.keyring, access)["date_of_birth"])
        rule = signer_rule(age_on(born, self._rt.now().date()),
                           load_jurisdiction(rendered.jurisdiction_code))
        return ConsentForm(version_id, number, rendered, rule, bool(is_demo))

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
