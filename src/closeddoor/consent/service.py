"""The practice's consent versions (the owner): drafts, their review, publishing, and the
jurisdiction whose law the form states. ConsentService also carries each client's signing and
status (consent.signatures) and optional consents (consent.choices).

No unreviewed form reaches a client: a version is published only after the owner records who
reviewed its text (as rendered for this practice) and when, and it is offered for signing only
while it still renders to the text published. When the practice's name, its jurisdiction or
the jurisdiction's facts change, the text changes: a new version must be reviewed and published,
and every client who signed the old text needs to consent again (see consent.current).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Row

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.choices import PreferenceUseCases
from closeddoor.consent.current import (
    PUBLISHED,
    current_version_id,
    render_version_now,
)
from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import Jurisdiction, load_jurisdiction
from closeddoor.consent.model import RenderedConsent
from closeddoor.consent.render import render_consent
from closeddoor.consent.signatures import (
    DEMO_PAGE_NOTICE,
    SIGNER_KINDS,
    ConsentForm,
    ConsentStatus,
    SignatureUseCases,
    SignatureView,
    SignedText,
    age_on,
    typed_signature,
)
from closeddoor.consent.template import ConsentTemplate, default_template, parse_template
from closeddoor.errors import ConflictError, NotFound, PolicyDenied
from closeddoor.policy import Actor, Permission
from closeddoor.review import CLEARED_REVIEW, ReviewRecord, checked_review, review_columns
from closeddoor.runtime import new_id
from closeddoor.store import consent_repository as repo
from closeddoor.store.db import read_transaction, write_transaction

# Signing and preferences live in their own modules; these names are still imported from here.
__all__ = ["DEMO_NOTICE", "DEMO_PAGE_NOTICE", "DEMO_REVIEWER", "SIGNER_KINDS", "ConsentForm",
           "ConsentService", "ConsentStatus", "ReviewRecord", "SignatureView", "SignedText",
           "VersionSummary", "age_on", "template_to_json", "typed_signature"]

P = Permission


DEMO_NOTICE = ("Demo form: made by `closeddoor demo` for a practice of synthetic people. No one "
               "has reviewed it. Do not give it to real clients.")
DEMO_REVIEWER = "nobody (closeddoor demo: not reviewed)"


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


def template_to_json(template: ConsentTemplate) -> str:
    return json.dumps({"name": template.name, "title": template.title, "intro": template.intro,
                       "sections": [asdict(s) | {"citations": list(s.citations)}
                                    for s in template.sections]}, sort_keys=True)


class ConsentService(SignatureUseCases, PreferenceUseCases):
    # --- versions (the owner) ------------------------------------------------------------------
    def ensure_default_version(self) -> None:
        """Give a practice with no version the shipped default as draft version 1. It is not
        published: the owner has it reviewed, records the review, then publishes it."""
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            if repo.version_count(conn):
                return
            version_id = new_id()
            repo.insert_version(
                conn, id=version_id, number=1, document=template_to_json(default_template()),
                status="draft", created_at=rt.now(), created_by="system")
            self._gate.record_in(conn, [rt.entry("system", AuditTag.CONSENT_VERSION_CREATE, "ok",
                                               resource_id=version_id, number=1)])

    def publish_demo_version(self, actor: Actor) -> str:
        """`closeddoor demo` only: publish the first draft unreviewed, with a notice in its text
        (and so on every page that shows it) saying that it is a demo nobody reviewed."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_PUBLISH,
                           audit_allow=False)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            row = repo.first_draft(conn)
            if row is None or current_version_id(conn) is not None:
                raise ConflictError("a demo form is published only in a new demo practice")
            document = json.loads(row.document)
            document["intro"] = f"{DEMO_NOTICE}\n\n{document['intro']}"
            repo.update_version(conn, row.id, document=json.dumps(document, sort_keys=True),
                                is_demo=True)
            rendered = render_version_now(conn, row.id)
            repo.update_version(
                conn, row.id, status=PUBLISHED, published_at=rt.now(), published_by=actor.actor_id,
                text_sha256=rendered.sha256, reviewed_by=DEMO_REVIEWER,
                reviewed_on=rt.now().date(), reviewed_sha256=rendered.sha256,
                review_recorded_by=actor.actor_id, review_recorded_at=rt.now())
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.CONSENT_VERSION_PUBLISH,
                                               "ok", resource_id=row.id, demo=1)])
        return str(row.id)

    def list_versions(self, actor: Actor) -> list[VersionSummary]:
        """Every version, newest first, with its review and whether it is stale."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            rows = repo.versions_newest_first(conn)
            return [self._summary(conn, r) for r in rows]

    def version(self, actor: Actor, version_id: str) -> VersionSummary:
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.CONSENT_VERSION_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            row = repo.version(conn, version_id)
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
        rt = self._rt
        reviewer, day = checked_review(reviewed_by, reviewed_on, rt.now().date())
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
            changed = repo.update_draft(
                conn, version_id, review_columns(reviewer, day, rendered.sha256,
                                                 actor.actor_id, rt.now()), document=document)
            if changed != 1:
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
            number = repo.highest_version_number(conn) + 1
            repo.insert_version(conn, id=version_id, number=number, document=document,
                                status="draft", created_at=rt.now(), created_by=actor.actor_id)
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
            changed = repo.update_draft(
                conn, version_id, {"document": template_to_json(template), **CLEARED_REVIEW})
            if changed != 1:
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
            reviewed = repo.reviewed_sha256(conn, version_id)
        template = parse_template(json.loads(document), f"consent version {version_id}")
        rendered = render_consent(template, load_jurisdiction(code), practice_name)
        if reviewed != rendered.sha256:
            why = "consent-version-not-reviewed" if reviewed is None \
                else "consent-version-review-outdated"
            self._gate.record([rt.entry(actor.actor_id, AuditTag.CONSENT_VERSION_PUBLISH, "deny",
                                      resource_id=version_id, reason=why)])
            raise PolicyDenied(why)
        with write_transaction(rt.engine) as conn:
            changed = repo.update_draft(
                conn, version_id, {"status": PUBLISHED, "published_at": rt.now(),
                                   "published_by": actor.actor_id,
                                   "text_sha256": rendered.sha256},
                document=document, reviewed_sha256=rendered.sha256)
            if changed != 1:
                raise ConflictError("this version is already published, or its text changed "
                                    "meanwhile; reload it and publish again")
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.CONSENT_VERSION_PUBLISH,
                                               "ok", resource_id=version_id)])

    def jurisdiction_code(self) -> str:
        with read_transaction(self._rt.engine) as conn:
            return repo.jurisdiction_code(conn)

    def set_jurisdiction(self, actor: Actor, code: str) -> None:
        """Whose law the forms state; a change means every client must consent again."""
        self._gate.require(actor, P.PRACTICE_CONSENT_MANAGE, AuditTag.PRACTICE_SETTINGS_UPDATE,
                           audit_allow=False)
        jurisdiction = load_jurisdiction(code)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            repo.set_jurisdiction(conn, jurisdiction.code)
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.PRACTICE_SETTINGS_UPDATE,
                                               "ok", setting="jurisdiction",
                                               value=jurisdiction.code)])

    # --- helpers -------------------------------------------------------------------------------
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
        document = repo.version_document(conn, version_id)
        if document is None:
            raise NotFound("no such consent version")
        return str(document)

    def _template(self, conn: Connection, version_id: str | None) -> ConsentTemplate:
        return parse_template(json.loads(self._document(conn, version_id)),
                              f"consent version {version_id}")

    def _practice(self, conn: Connection) -> tuple[str, str]:
        return repo.practice_name_and_jurisdiction(conn)

