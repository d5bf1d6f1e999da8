"""The practice's Notice of Privacy Practices versions (the owner): drafts, their review,
publishing (45 CFR 164.520(b)(3), revisions; 164.530(j), documentation), and the current notice
anyone may read (164.520(c)(1)(i)(C): given to any person who asks; the notice holds no PHI).

Review before publishing works as for the consent form (closeddoor.review): the owner records
who reviewed exactly the text the draft renders to, by its SHA-256, and publishing is refused
unless that review is of the very text published. Unlike the consent form, a notice version
stores its whole text (the practice's name and the jurisdiction's default text are copied into
the draft when it is made), so a published version never changes: a revision is a new version
that supersedes it (164.520(b)(3)).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Row

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, NotFound, PolicyDenied
from closeddoor.gate import Gate
from closeddoor.notice.defaults import default_document, default_text
from closeddoor.notice.errors import NoticeError
from closeddoor.notice.model import NoticeDocument, RenderedNotice
from closeddoor.notice.render import (
    document_from_json,
    document_to_json,
    missing_elements,
    parse_document,
    render_notice,
)
from closeddoor.policy import Actor, Permission
from closeddoor.review import CLEARED_REVIEW, ReviewRecord, checked_review, review_columns
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import notice_repository as repo
from closeddoor.store.db import read_transaction, write_transaction

P = Permission
DEMO_NOTICE = ("Demo notice: made by `closeddoor demo` for a practice of synthetic people. No one "
               "has reviewed it. Do not give it to real clients.")
DEMO_PAGE_NOTICE = "Demo notice for synthetic people: not reviewed by anyone. Not for real clients."
DEMO_REVIEWER = "nobody (closeddoor demo: not reviewed)"
DEMO_CONTACT = "Privacy officer (synthetic demo), telephone 555-0100"


@dataclass(frozen=True)
class NoticeVersion:
    version_id: str
    number: int
    status: str  # draft | published
    created_at: datetime
    published_at: datetime | None
    document: NoticeDocument
    rendered: RenderedNotice
    review: ReviewRecord | None
    text_sha256: str  # the text published ("" for a draft)
    is_demo: bool
    is_current: bool  # the newest published version: the one offered now
    problems: tuple[str, ...]  # the elements of 164.520(b)(1) the text still lacks

    @property
    def review_is_current(self) -> bool:
        return self.review is not None and self.review.text_sha256 == self.rendered.sha256

    @property
    def page_notice(self) -> str:
        return DEMO_PAGE_NOTICE if self.is_demo else ""


@dataclass(frozen=True)
class DefaultTextInfo:
    code: str
    review_notes: tuple[str, ...]


def _version(row: Row[Any], current_id: str | None) -> NoticeVersion:
    document = document_from_json(row.document)
    review = None if row.reviewed_sha256 is None else ReviewRecord(
        row.reviewed_by, row.reviewed_on, row.reviewed_sha256, row.review_recorded_by,
        row.review_recorded_at)
    return NoticeVersion(row.id, row.number, row.status, row.created_at, row.published_at,
                         document, render_notice(document), review, row.text_sha256 or "",
                         bool(row.is_demo), row.id == current_id,
                         tuple(missing_elements(document)))


def current_notice_in(conn: Connection) -> NoticeVersion | None:
    """The newest published version, or None before any is published (or when its text no
    longer renders to the hash published: then nothing unreviewed is offered)."""
    row = repo.current_version(conn)
    if row is None:
        return None
    version = _version(row, row.id)
    return version if version.rendered.sha256 == version.text_sha256 else None


class NoticeVersions:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- anyone ---------------------------------------------------------------------------------
    def current(self) -> NoticeVersion | None:
        """The notice in effect, for anyone who asks (the public `/notice` page, the portal):
        it is the same text for every client and holds no PHI, so reading it is not a decision
        about a client's record and is not audited."""
        with read_transaction(self._rt.engine) as conn:
            return current_notice_in(conn)

    # --- the owner ------------------------------------------------------------------------------
    def list_versions(self, actor: Actor) -> list[NoticeVersion]:
        self._gate.require(actor, P.PRACTICE_NOTICE_MANAGE, AuditTag.NOTICE_VERSION_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            current = repo.current_version(conn)
            current_id = None if current is None else current.id
            return [_version(r, current_id) for r in repo.versions_newest_first(conn)]

    def version(self, actor: Actor, version_id: str) -> NoticeVersion:
        self._gate.require(actor, P.PRACTICE_NOTICE_MANAGE, AuditTag.NOTICE_VERSION_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            row = repo.version(conn, version_id)
            if row is None:
                raise NotFound("no such notice version")
            current = repo.current_version(conn)
            return _version(row, None if current is None else current.id)

    def default_text_info(self, actor: Actor) -> DefaultTextInfo:
        """The practice's jurisdiction and the review notes of its default text."""
        self._gate.require(actor, P.PRACTICE_NOTICE_MANAGE, AuditTag.NOTICE_VERSION_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            _, code = repo.practice_name_and_jurisdiction(conn)
        return DefaultTextInfo(code, default_text(code).review_notes)

    def create_draft(self, actor: Actor, *, from_default: bool = False) -> str:
        """A new draft: a copy of the current published text (with the practice's name as it is
        now), or the jurisdiction's default text when none is published or `from_default`."""
        self._gate.require(actor, P.PRACTICE_NOTICE_MANAGE, AuditTag.NOTICE_VERSION_CREATE,
                           audit_allow=False)
        rt = self._rt
        version_id = new_id()
        with write_transaction(rt.engine) as conn:
            return self._insert_draft(conn, actor.actor_id, version_id, from_default)

    def _insert_draft(self, conn: Connection, actor_id: str, version_id: str,
                      from_default: bool, demo: bool = False) -> str:
        rt = self._rt
        name, code = repo.practice_name_and_jurisdiction(conn)
        current = repo.current_version(conn)
        if current is None or from_default:
            document = default_document(code, name)
        else:
            document = replace(document_from_json(current.document), practice_name=name,
                               effective_on=None)
        values: dict[str, Any] = {}
        if demo:  # published unreviewed, saying so in its text
            header, *rest = document.sections
            document = replace(
                document, contact=DEMO_CONTACT, effective_on=rt.now().date(),
                sections=(replace(header, body=f"{DEMO_NOTICE}\n\n{header.body}"), *rest))
            sha256 = render_notice(document).sha256
            values = {"status": repo.PUBLISHED, "published_at": rt.now(),
                      "published_by": actor_id, "text_sha256": sha256, "is_demo": True,
                      **review_columns(DEMO_REVIEWER, rt.now().date(), sha256, actor_id,
                                       rt.now())}
        number = repo.highest_version_number(conn) + 1
        repo.insert_version(conn, id=version_id, number=number,
                            document=document_to_json(document),
                            status=values.pop("status", repo.DRAFT), created_at=rt.now(),
                            created_by=actor_id, **values)
        self._gate.record_in(conn, [rt.entry(actor_id, AuditTag.NOTICE_VERSION_CREATE, "ok",
                                           resource_id=version_id, number=number)])
        return version_id

    def update_draft(self, actor: Actor, version_id: str, data: dict[str, Any]) -> None:
        """Replace a draft's whole text (every problem named at once; a 422 changes nothing).
        The practice's name and jurisdiction stay those the draft was made with. Editing
        clears a recorded review. A published version answers 409: it never changes."""
        self._gate.require(actor, P.PRACTICE_NOTICE_MANAGE, AuditTag.NOTICE_VERSION_UPDATE,
                           audit_allow=False)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            row = repo.version(conn, version_id)
            if row is None:
                raise NotFound("no such notice version")
            stored = document_from_json(row.document)
        document = parse_document({**data, "practice_name": stored.practice_name,
                                   "jurisdiction_code": stored.jurisdiction_code})
        with write_transaction(rt.engine) as conn:
            changed = repo.update_draft(conn, version_id, {
                "document": document_to_json(document), **CLEARED_REVIEW})
            if changed != 1:
                raise ConflictError("only a draft can be edited; published notices are final "
                                    "(make a new version instead)")
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.NOTICE_VERSION_UPDATE,
                                               "ok", resource_id=version_id)])

    def record_review(self, actor: Actor, version_id: str, *, reviewed_by: str,
                      reviewed_on: str, text_sha256: str) -> None:
        """The owner records that `reviewed_by` reviewed the draft's text on `reviewed_on`;
        `text_sha256` is the hash shown with the text reviewed. Refused for a text that lacks
        an element 164.520(b)(1) requires, or that changed since it was shown (409)."""
        self._gate.require(actor, P.PRACTICE_NOTICE_MANAGE, AuditTag.NOTICE_VERSION_REVIEW,
                           audit_allow=False)
        rt = self._rt
        reviewer, day = checked_review(reviewed_by, reviewed_on, rt.now().date())
        with read_transaction(rt.engine) as conn:
            row = repo.version(conn, version_id)
            if row is None:
                raise NotFound("no such notice version")
            version = _version(row, None)
        self._require_complete(version)
        if text_sha256 != version.rendered.sha256:
            raise ConflictError("the text changed since it was shown for review; show it "
                                "again and record the review of that text")
        with write_transaction(rt.engine) as conn:
            changed = repo.update_draft(
                conn, version_id, review_columns(reviewer, day, version.rendered.sha256,
                                                 actor.actor_id, rt.now()),
                document=row.document)
            if changed != 1:
                raise ConflictError("only a draft is reviewed (published notices are final), "
                                    "and only the text shown: reload it and review again")
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.NOTICE_VERSION_REVIEW,
                                               "ok", resource_id=version_id,
                                               sha256=version.rendered.sha256)])

    def publish(self, actor: Actor, version_id: str) -> None:
        """Make a reviewed draft the notice in effect; it supersedes the one before. Refused
        (and audited) unless a review of exactly its text is recorded."""
        self._gate.require(actor, P.PRACTICE_NOTICE_MANAGE, AuditTag.NOTICE_VERSION_PUBLISH,
                           audit_allow=False)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            row = repo.version(conn, version_id)
            if row is None:
                raise NotFound("no such notice version")
            version = _version(row, None)
        if version.status != repo.DRAFT:
            raise ConflictError("this version is already published")
        self._require_complete(version)
        reviewed = version.review.text_sha256 if version.review else None
        if reviewed != version.rendered.sha256:
            why = "notice-version-not-reviewed" if reviewed is None \
                else "notice-version-review-outdated"
            self._gate.record([rt.entry(actor.actor_id, AuditTag.NOTICE_VERSION_PUBLISH, "deny",
                                      resource_id=version_id, reason=why)])
            raise PolicyDenied(why)
        with write_transaction(rt.engine) as conn:
            changed = repo.update_draft(
                conn, version_id, {"status": repo.PUBLISHED, "published_at": rt.now(),
                                   "published_by": actor.actor_id,
                                   "text_sha256": version.rendered.sha256},
                document=row.document, reviewed_sha256=version.rendered.sha256)
            if changed != 1:
                raise ConflictError("this version is already published, or its text changed "
                                    "meanwhile; reload it and publish again")
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.NOTICE_VERSION_PUBLISH,
                                               "ok", resource_id=version_id,
                                               sha256=version.rendered.sha256)])

    def publish_demo_version(self, actor: Actor) -> str:
        """`closeddoor demo` only: publish the jurisdiction's default text unreviewed, with a
        synthetic contact, effective today, and a notice in its text saying nobody reviewed it."""
        self._gate.require(actor, P.PRACTICE_NOTICE_MANAGE, AuditTag.NOTICE_VERSION_PUBLISH,
                           audit_allow=False)
        rt = self._rt
        version_id = new_id()
        with write_transaction(rt.engine) as conn:
            if repo.current_version(conn) is not None:
                raise ConflictError("a demo notice is published only in a new demo practice")
            self._insert_draft(conn, actor.actor_id, version_id, True, demo=True)
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.NOTICE_VERSION_PUBLISH,
                                               "ok", resource_id=version_id, demo=1)])
        return version_id

    @staticmethod
    def _require_complete(version: NoticeVersion) -> None:
        if version.problems:
            raise NoticeError("the notice lacks what 45 CFR 164.520(b)(1) requires: "
                              + "; ".join(version.problems))
