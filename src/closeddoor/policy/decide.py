"""The one policy decision: pure, deny by default, every answer with a reason.

`decide(actor, permission, resource)` sees only facts the service gathered beforehand (care-team
membership, supervision, break-glass, authorship); it does no I/O, so it is tested as a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from closeddoor.policy.permissions import STAFF_ROLES, Permission, Role

P = Permission

# Why access was allowed; the client's access history shows these words.
BASIS_CARE_TEAM = "care-team"
BASIS_SUPERVISION = "supervision"
BASIS_BREAK_GLASS = "break-glass"
BASIS_BILLING = "billing-role"
BASIS_AUTHOR = "author"
BASIS_PRACTICE_ADMIN = "practice-administration"
BASIS_SELF = "self"
BASIS_REPRESENTATIVE = "personal-representative"
BASIS_REMINDER = "appointment-reminder"
# What a disclosure relies on (the `disclosure_authority` fact).
AUTHORITY_AUTHORIZATION = "authorization"
AUTHORITY_LEGAL_BASIS = "legal-basis"


@dataclass(frozen=True)
class Actor:
    actor_id: str
    role: Role
    client_id: str = ""  # set for client principals only: the one record that is theirs
    # A personal representative's portal principal (Role.REPRESENTATIVE): whom they act for is
    # `client_id`; which representative record, of what kind ("parent", "guardian",
    # "health-care-agent") and with what scope ("records", "authorizations", ...) they are.
    representative_id: str = ""
    representative_kind: str = ""
    representative_scope: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resource:
    """What is being acted on, with the relationship facts that matter to the decision."""

    client_id: str = ""
    on_care_team: bool = False  # the actor is on the client's care team now
    supervises_care_team: bool = False  # the actor supervises a clinician on the team now
    break_glass_active: bool = False  # the actor holds an unexpired break-glass grant
    is_author: bool = False  # the actor wrote the record (notes)
    is_draft: bool = False  # an unsigned progress note: its author's alone until signed
    supervises_author: bool = False  # the actor is the named supervisor of the note's author
    is_self: bool = False  # a client principal acting on their own record
    consent_current: bool = False  # the client signed the current consent version
    # A disclosure's authority, checked by the disclosure service against the request:
    # "authorization" (a valid one covers recipient, categories and dates), "legal-basis"
    # (a documented basis from the closed list), or "" (none: nothing may leave).
    disclosure_authority: str = ""
    # For a representative principal, read live by the gate: the representative record's status
    # now ("active", "ended", "refused" under 164.502(g)(5), or "" when it names no
    # representative of this client), and whether the client's current consent to care was
    # given by the client alone (a minor who consented alone controls that care's records,
    # 164.502(g)(3)(i); an adult who signed for themselves needs no parent).
    representative_status: str = ""
    consented_alone: bool = False


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def allow(basis: str) -> Decision:
    return Decision(True, basis)


def deny(reason: str) -> Decision:
    return Decision(False, reason)


_PRACTICE_ADMIN = {
    P.PRACTICE_AUDIT_READ,
    P.PRACTICE_CARE_TEAM_MANAGE,
    P.PRACTICE_CONSENT_MANAGE,
    P.PRACTICE_INTAKE_FORM_MANAGE,
    P.PRACTICE_NOTICE_MANAGE,
    # The practice-wide FHIR export (moving a practice): decided per client too, each allowed
    # to the owner (`closeddoor export fhir`); never psychotherapy notes (export/service.py).
    P.PRACTICE_RECORD_EXPORT,
    P.PRACTICE_RETENTION_READ,
    P.PRACTICE_REVIEW_MANAGE,
    P.PRACTICE_SETTINGS_MANAGE,
    P.PRACTICE_USER_MANAGE,
}
# What a client principal may do, and only to their own record.
_PORTAL = {
    P.PORTAL_ACCESS_HISTORY_READ,
    P.PORTAL_ACCOUNT_RECOVER,
    P.PORTAL_AMENDMENT_DISAGREE,
    P.PORTAL_AMENDMENT_READ,
    P.PORTAL_AMENDMENT_REQUEST,
    P.PORTAL_APPOINTMENT_CANCEL,
    P.PORTAL_AUTHORIZATION_REVOKE,
    P.PORTAL_AUTHORIZATION_SIGN,
    P.PORTAL_CONSENT_SIGN,
    P.PORTAL_DISCLOSURE_READ,
    P.PORTAL_INTAKE_FILL,
    P.PORTAL_MEASURE_FILL,
    P.PORTAL_NOTICE_ACKNOWLEDGE,
    P.PORTAL_PLAN_SIGN,
    P.PORTAL_PREFERENCES_WRITE,
    P.PORTAL_RECORD_EXPORT,
    P.PORTAL_RECORD_READ,
    P.PORTAL_RESTRICTION_READ,
    P.PORTAL_RESTRICTION_REQUEST,
    P.PORTAL_RESTRICTION_TERMINATE,
}
# What a personal representative may do in the portal, each tied to a scope of the document on
# file (records.representatives.SCOPES). Nothing else: not the access history, not consent,
# not amendments or preferences, which stay the client's.
_REPRESENTATIVE_PORTAL = {
    P.PORTAL_AUTHORIZATION_REVOKE: "authorizations",
    P.PORTAL_AUTHORIZATION_SIGN: "authorizations",
    P.PORTAL_DISCLOSURE_READ: "authorizations",
    P.PORTAL_RECORD_EXPORT: "records",
    P.PORTAL_RECORD_READ: "records",
}
# Front-desk facts: who the client is, how to reach them, how they consented, whether they
# acknowledged the Notice of Privacy Practices (given in the office at the first visit,
# 45 CFR 164.520(c)(2)), when they come and what is billed.
_BILLING_READS = {
    P.CHART_DEMOGRAPHICS_READ,
    P.CHART_APPOINTMENT_READ,
    P.CHART_CONSENT_READ,
    P.CHART_NOTICE_READ,
    P.CHART_PREFERENCES_READ,
}
_BILLING_WRITES = {
    P.CHART_DEMOGRAPHICS_WRITE,
    P.CHART_APPOINTMENT_WRITE,
    P.CHART_CONSENT_SIGN,
    P.CHART_NOTICE_RECORD,
    P.CHART_PREFERENCES_WRITE,
}
# Amendment requests (45 CFR 164.526) quote and answer clinical content: read like notes, and
# recorded and answered (accepted, denied, extended, rebutted) by the treating care team only.
# Intake answers hold the presenting concern: read like notes, reviewed by the care team.
# Outcome measures (PHQ-9, GAD-7, PCL-5) and their safety flags: read like notes; entered,
# requested and reviewed by the treating care team (docs/measures.md). The problem list and the
# treatment plan are clinical too: read like notes, written and signed by the treating care team
# (billing sees an appointment's diagnosis code, never the list or plan).
_CHART_READS = _BILLING_READS | {P.CHART_NOTE_READ, P.CHART_AMENDMENT_READ, P.CHART_INTAKE_READ,
                                 P.CHART_MEASURE_READ, P.CHART_PLAN_READ, P.CHART_PROBLEM_READ}
_CARE_TEAM_WRITES = _BILLING_WRITES | {P.CHART_NOTE_WRITE, P.CHART_NOTE_ADDEND,
                                       P.CHART_AMENDMENT_CREATE, P.CHART_AMENDMENT_DECIDE,
                                       P.CHART_INTAKE_REVIEW, P.CHART_MEASURE_WRITE,
                                       P.CHART_PLAN_SIGN, P.CHART_PLAN_WRITE,
                                       P.CHART_PROBLEM_WRITE}
# The owner keeps the client directory and the practice's consent records, never clinical content.
_OWNER_DIRECTORY = {P.CHART_DEMOGRAPHICS_READ, P.CHART_CONSENT_READ, P.CHART_NOTICE_READ,
                    P.CHART_PREFERENCES_READ}
_TREATING_ROLES = {Role.CLINICIAN, Role.OWNER}  # an owner who treats is on care teams too
# Releases of information: the care team and the owner as privacy officer handle the paperwork
# (authorizations, the accounting); only the care team assembles what leaves.
_RELEASE_PAPERWORK = {
    P.CHART_AUTHORIZATION_CREATE,
    P.CHART_AUTHORIZATION_REVOKE,
    P.CHART_AUTHORIZATION_SIGN,
    P.CHART_DISCLOSURE_UPDATE,
    P.CHART_RESTRICTION_WRITE,  # requests for restrictions, 45 CFR 164.522(a)
}
_RELEASE_RECORDS_READ = {P.CHART_AUTHORIZATION_READ, P.CHART_DISCLOSURE_READ,
                         P.CHART_RESTRICTION_READ}


def decide(actor: Actor, permission: Permission, resource: Resource) -> Decision:
    """Decide whether `actor` may exercise `permission` on `resource`. Deny by default."""
    if actor.role is Role.REPRESENTATIVE:
        return _decide_representative(actor, permission, resource)
    if actor.role is Role.CLIENT or permission in _PORTAL:
        return _decide_portal(actor, permission, resource)
    if permission is P.PRACTICE_CALENDAR_READ:
        # The practice's and the rooms' calendars: who comes when, for those who run the day.
        # Each client shown is still decided one by one (Gate.authorize_many).
        if actor.role in (Role.OWNER, Role.BILLING):
            return allow(actor.role.value if actor.role is Role.BILLING else
                         BASIS_PRACTICE_ADMIN)
        return deny("owner-or-front-desk-only")
    if permission is P.PRACTICE_TIME_OFF_MANAGE:
        # Blocks of time off: the owner and front desk for anyone, a clinician for themselves
        # (the service checks whose block it is).
        if actor.role in (Role.OWNER, Role.BILLING, Role.CLINICIAN):
            return allow(BASIS_PRACTICE_ADMIN if actor.role is not Role.CLINICIAN else BASIS_SELF)
        return deny("role-not-permitted")
    if permission is P.PRACTICE_CODE_SET_READ:
        # The published ICD-10-CM code set: public reference data, for any staff member.
        if actor.role in STAFF_ROLES:
            return allow(actor.role.value)
        return deny("staff-only")
    if permission in _PRACTICE_ADMIN:
        if actor.role is Role.OWNER:
            return allow(BASIS_PRACTICE_ADMIN)
        return deny("owner-only")
    if permission is P.CHART_PSYCHOTHERAPY_NOTE_READ:
        # HIPAA 164.501: process notes are the author's alone; no role, team or emergency
        # opens them.
        return allow(BASIS_AUTHOR) if resource.is_author else deny("psychotherapy-note-author-only")
    if permission in (P.CHART_PSYCHOTHERAPY_NOTE_WRITE, P.CHART_SUPERVISION_IDENTIFIABLE):
        if actor.role not in _TREATING_ROLES or not resource.on_care_team:
            return deny("not-on-care-team")
        if permission is P.CHART_SUPERVISION_IDENTIFIABLE and not resource.consent_current:
            # Identifiable detail leaves the room only on a current, signed consent.
            return deny("consent-not-current")
        return allow(BASIS_CARE_TEAM)
    if permission is P.CHART_CLIENT_CREATE:
        if actor.role in (Role.CLINICIAN, Role.OWNER, Role.BILLING):
            return allow(actor.role.value)
        return deny("role-not-permitted")
    if permission is P.CHART_REMINDER_SEND:
        # The reminder sender (the operator's CLI, acting as the practice) reads what a
        # reminder needs: 45 CFR 164.506(c) treatment communications; nobody is shown it.
        return allow(BASIS_REMINDER) if actor.role is Role.OWNER else deny("owner-only")
    if permission is P.CHART_BREAK_GLASS_OPEN:
        return _decide_break_glass(actor, resource)
    if permission in _LIFECYCLE:
        return _decide_lifecycle(actor, permission, resource)
    if permission in (P.CHART_PORTAL_INVITE, P.CHART_INTAKE_SEND):
        # An intake packet goes with (or after) the portal invitation, from the same people;
        # the front desk, who greet new clients, may send one too (sending reads no answer).
        if actor.role is Role.OWNER or (actor.role in _TREATING_ROLES and resource.on_care_team):
            return allow(BASIS_CARE_TEAM if resource.on_care_team else BASIS_PRACTICE_ADMIN)
        if permission is P.CHART_INTAKE_SEND and actor.role is Role.BILLING:
            return allow(BASIS_BILLING)
        return deny("owner-or-care-team-only")
    if permission in _RELEASE_PAPERWORK | _RELEASE_RECORDS_READ or permission in (
            P.CHART_DISCLOSURE_CREATE, P.CHART_DISCLOSURE_APPROVE):
        return _decide_release(actor, permission, resource)
    if permission in _REPRESENTATIVES:
        return _decide_representatives(actor, permission, resource)
    if permission is P.CHART_RECORD_EXPORT:
        # The chart as a FHIR download: the treating care team (clinician or owner) only; not
        # supervisors, not the front desk, not break-glass (an emergency reads, it does not
        # carry the record away).
        if actor.role in _TREATING_ROLES and resource.on_care_team:
            return allow(BASIS_CARE_TEAM)
        return deny("not-on-care-team")
    if permission is P.CHART_EXCERPT_CREATE:
        # De-identified excerpts are made by the treating clinician from their client's chart.
        if actor.role in _TREATING_ROLES and resource.on_care_team:
            return allow(BASIS_CARE_TEAM)
        return deny("not-on-care-team")
    if permission is P.CHART_NOTE_SIGN:
        if resource.is_author and actor.role in _TREATING_ROLES and resource.on_care_team:
            return allow(BASIS_AUTHOR)
        return deny("only-the-author-signs")
    if permission is P.CHART_NOTE_COSIGN:
        return _decide_cosign(actor, resource)
    if permission is P.CHART_NOTE_READ and resource.is_draft and not resource.is_author:
        return deny("draft-visible-to-author-only")
    return _decide_chart(actor, permission, resource)


def _decide_cosign(actor: Actor, resource: Resource) -> Decision:
    """A supervisor co-signs a supervisee's signed note: only the author's own supervisor, and
    only while they may read the chart (on the team or supervising someone on it)."""
    if resource.is_draft:
        return deny("draft-visible-to-author-only")
    if actor.role is Role.SUPERVISOR and resource.supervises_author and (
            resource.on_care_team or resource.supervises_care_team):
        return allow(BASIS_SUPERVISION)
    return deny("not-the-authors-supervisor")


# Closing and destroying charts: the treating clinician discharges (and reopens); the owner, as
# privacy officer, holds and requests destruction; a second owner approves it.
_LIFECYCLE = {P.CHART_CLIENT_DISCHARGE, P.CHART_DESTRUCTION_APPROVE, P.CHART_DESTRUCTION_REQUEST,
              P.CHART_LEGAL_HOLD_MANAGE}


def _decide_lifecycle(actor: Actor, permission: Permission, resource: Resource) -> Decision:
    if permission is P.CHART_CLIENT_DISCHARGE:
        if actor.role in _TREATING_ROLES and resource.on_care_team:
            return allow(BASIS_CARE_TEAM)
        return deny("not-on-care-team")
    if actor.role is not Role.OWNER:
        return deny("owner-only")
    if permission is P.CHART_DESTRUCTION_APPROVE and resource.is_author:
        return deny("approver-must-not-be-requester")  # two people means two different people
    return allow(BASIS_PRACTICE_ADMIN)


# Personal representatives (45 CFR 164.502(g)) and minor-consent findings. Reading and recording
# the paperwork is front-desk work as consent is; refusing a representative (164.502(g)(5)) and
# finding that a minor may consent alone are the treating clinician's professional judgment.
_REPRESENTATIVES = {P.CHART_MINOR_CONSENT_RECORD, P.CHART_REPRESENTATIVE_READ,
                    P.CHART_REPRESENTATIVE_REFUSE, P.CHART_REPRESENTATIVE_WRITE}


def _decide_representatives(actor: Actor, permission: Permission, resource: Resource
                            ) -> Decision:
    treating = actor.role in _TREATING_ROLES and resource.on_care_team
    if permission in (P.CHART_MINOR_CONSENT_RECORD, P.CHART_REPRESENTATIVE_REFUSE):
        return allow(BASIS_CARE_TEAM) if treating else deny("treating-clinician-only")
    if treating:
        return allow(BASIS_CARE_TEAM)
    if actor.role is Role.BILLING:
        return allow(BASIS_BILLING)
    if actor.role is Role.OWNER:
        return allow(BASIS_PRACTICE_ADMIN)
    if permission is P.CHART_REPRESENTATIVE_READ and actor.role is Role.SUPERVISOR and (
            resource.on_care_team or resource.supervises_care_team):
        return allow(BASIS_CARE_TEAM if resource.on_care_team else BASIS_SUPERVISION)
    return deny("not-on-care-team")


def _decide_portal(actor: Actor, permission: Permission, resource: Resource) -> Decision:
    if actor.role is not Role.CLIENT:
        return deny("portal-is-for-clients")
    if permission not in _PORTAL:
        return deny("clients-use-the-portal-only")
    if not resource.is_self:
        return deny("not-your-record")
    return allow(BASIS_SELF)


def _decide_representative(actor: Actor, permission: Permission, resource: Resource
                           ) -> Decision:
    """A personal representative in the portal (45 CFR 164.502(g)): treated as the client only
    within the document's scope, while the record stands (not ended, not refused under
    164.502(g)(5)), and never for the care a minor consented to alone (164.502(g)(3)(i))."""
    scope = _REPRESENTATIVE_PORTAL.get(permission)
    if scope is None:
        return deny("representatives-use-their-scope-only")
    if not actor.client_id or actor.client_id != resource.client_id \
            or not resource.representative_status:
        return deny("not-your-record")
    if resource.representative_status == "refused":
        return deny("representative-refused")
    if resource.representative_status != "active":
        return deny("representative-ended")
    if scope not in actor.representative_scope:
        return deny("outside-representative-scope")
    if actor.representative_kind == "parent" and resource.consented_alone:
        # The client signed their own consent to care: a minor who lawfully consented alone
        # controls those records (164.502(g)(3)(i)), and an adult needs no parent.
        return deny("minor-controls-these-records")
    return allow(BASIS_REPRESENTATIVE)


def _decide_release(actor: Actor, permission: Permission, resource: Resource) -> Decision:
    treating = actor.role in _TREATING_ROLES and resource.on_care_team
    if permission is P.CHART_DISCLOSURE_CREATE:
        if not treating:
            return deny("not-on-care-team")
        if resource.disclosure_authority not in (AUTHORITY_AUTHORIZATION, AUTHORITY_LEGAL_BASIS):
            return deny("no-authorization-or-legal-basis")
        return allow(BASIS_CARE_TEAM)
    if permission is P.CHART_DISCLOSURE_APPROVE:
        if resource.is_author:  # the requester: two people means two different people
            return deny("approver-must-not-be-requester")
        if treating:
            return allow(BASIS_CARE_TEAM)
        return allow(BASIS_PRACTICE_ADMIN) if actor.role is Role.OWNER else deny(
            "owner-or-care-team-only")
    if treating:
        return allow(BASIS_CARE_TEAM)
    if actor.role is Role.OWNER:
        return allow(BASIS_PRACTICE_ADMIN)
    if permission in _RELEASE_RECORDS_READ and actor.role is Role.SUPERVISOR and (
            resource.on_care_team or resource.supervises_care_team):
        return allow(BASIS_CARE_TEAM if resource.on_care_team else BASIS_SUPERVISION)
    return deny("owner-or-care-team-only")


def _decide_break_glass(actor: Actor, resource: Resource) -> Decision:
    if actor.role is not Role.CLINICIAN:
        return deny("only-clinicians-break-the-glass")
    if resource.on_care_team:
        return deny("already-on-care-team")
    return allow(BASIS_BREAK_GLASS)


def _decide_chart(actor: Actor, permission: Permission, resource: Resource) -> Decision:
    if permission not in _CHART_READS | _CARE_TEAM_WRITES:
        return deny("default-deny")
    if actor.role is Role.BILLING:
        if permission in _BILLING_READS | _BILLING_WRITES:
            return allow(BASIS_BILLING)
        return deny("billing-never-sees-clinical-content")
    if actor.role in _TREATING_ROLES and resource.on_care_team:
        return allow(BASIS_CARE_TEAM)
    if actor.role is Role.SUPERVISOR and permission in _CHART_READS:
        if resource.on_care_team:
            return allow(BASIS_CARE_TEAM)
        if resource.supervises_care_team:
            return allow(BASIS_SUPERVISION)
    if actor.role is Role.CLINICIAN and resource.break_glass_active and permission in _CHART_READS:
        return allow(BASIS_BREAK_GLASS)
    if actor.role is Role.OWNER and permission in _OWNER_DIRECTORY:
        return allow(BASIS_PRACTICE_ADMIN)
    return deny("not-on-care-team")
