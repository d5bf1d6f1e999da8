"""The full policy table: every role x relationship x permission, against an explicit table.

The expected sets are written out by hand from the issue's rules, not computed by the code under
test, so a change to policy.decide that widens or narrows access fails here.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from closeddoor.policy import STAFF_ROLES, Actor, Permission, Resource, Role, decide

P = Permission
RELATIONSHIPS = {
    "none": Resource(client_id="c1"),
    "care_team": Resource(client_id="c1", on_care_team=True),
    "supervises": Resource(client_id="c1", supervises_care_team=True),
    "break_glass": Resource(client_id="c1", break_glass_active=True),
}
# The day (docs/scheduling.md): the practice's and rooms' calendars for the owner and front
# desk; blocks of time off for them and for clinicians (their own: the service checks whose).
CALENDAR = {P.PRACTICE_CALENDAR_READ, P.PRACTICE_TIME_OFF_MANAGE}
ADMIN = CALENDAR | {P.PRACTICE_AUDIT_READ, P.PRACTICE_CARE_TEAM_MANAGE, P.PRACTICE_CONSENT_MANAGE,
         P.PRACTICE_NOTICE_MANAGE,
         # The intake form editor (docs/intake.md): opening it and publishing, owner only.
         P.PRACTICE_INTAKE_FORM_MANAGE,
         P.PRACTICE_REVIEW_MANAGE, P.PRACTICE_SETTINGS_MANAGE, P.PRACTICE_USER_MANAGE,
         P.PRACTICE_RETENTION_READ,
         # The owner as privacy officer: legal holds and destruction, whatever the relationship.
         P.CHART_LEGAL_HOLD_MANAGE, P.CHART_DESTRUCTION_REQUEST, P.CHART_DESTRUCTION_APPROVE,
         # The reminder sender acts as the practice (the operator's CLI, role owner).
         P.CHART_REMINDER_SEND,
         # The practice-wide FHIR export (moving a practice), decided per client as well.
         P.PRACTICE_RECORD_EXPORT}
PORTAL = {P.PORTAL_ACCESS_HISTORY_READ, P.PORTAL_AUTHORIZATION_REVOKE,
          P.PORTAL_AUTHORIZATION_SIGN, P.PORTAL_CONSENT_SIGN, P.PORTAL_DISCLOSURE_READ,
          P.PORTAL_PREFERENCES_WRITE, P.PORTAL_RECORD_READ, P.PORTAL_ACCOUNT_RECOVER,
          P.PORTAL_RECORD_EXPORT,  # the same record as a FHIR download (164.524(c)(2))
          P.PORTAL_AMENDMENT_DISAGREE, P.PORTAL_AMENDMENT_READ, P.PORTAL_AMENDMENT_REQUEST,
          P.PORTAL_NOTICE_ACKNOWLEDGE,
          # Intake and upcoming sessions (docs/intake.md): their own packets and sessions only.
          P.PORTAL_INTAKE_FILL, P.PORTAL_APPOINTMENT_CANCEL,
          # Measures (docs/measures.md): the check-ins the practice asked them to complete.
          P.PORTAL_MEASURE_FILL,

          # Requests for restrictions (45 CFR 164.522(a)): ask, read the answer, end one.
          P.PORTAL_RESTRICTION_READ, P.PORTAL_RESTRICTION_REQUEST,
          P.PORTAL_RESTRICTION_TERMINATE,
          # The treatment plan their clinician signed: the client signs it too.
          P.PORTAL_PLAN_SIGN}
FRONT_DESK_READS = {P.CHART_DEMOGRAPHICS_READ, P.CHART_APPOINTMENT_READ, P.CHART_CONSENT_READ,
                    P.CHART_PREFERENCES_READ, P.CHART_NOTICE_READ}
FRONT_DESK = FRONT_DESK_READS | CALENDAR | {P.CHART_DEMOGRAPHICS_WRITE, P.CHART_APPOINTMENT_WRITE,
                                 P.CHART_CONSENT_SIGN, P.CHART_PREFERENCES_WRITE,
                                 P.CHART_CLIENT_CREATE, P.CHART_NOTICE_RECORD,
                                 # sends an intake packet; never reads the answers
                                 P.CHART_INTAKE_SEND}
RELEASE_READS = {P.CHART_AUTHORIZATION_READ, P.CHART_DISCLOSURE_READ, P.CHART_RESTRICTION_READ}
# Authorizations and the accounting; never assembling a disclosure (that needs an authority fact,
# absent here, and a seat on the care team).
RELEASE_PAPERWORK = RELEASE_READS | {P.CHART_AUTHORIZATION_CREATE, P.CHART_AUTHORIZATION_SIGN,
                                     P.CHART_AUTHORIZATION_REVOKE, P.CHART_DISCLOSURE_UPDATE,
                                     P.CHART_DISCLOSURE_APPROVE,
                                     # record, agree, refuse, end a restriction (164.522(a))
                                     P.CHART_RESTRICTION_WRITE}
# Personal representatives (164.502(g)): front-desk paperwork to record and read; refusing one
# (164.502(g)(5)) and finding that a minor may consent alone are the treating clinician's.
REPRESENTATIVE_PAPERWORK = {P.CHART_REPRESENTATIVE_READ, P.CHART_REPRESENTATIVE_WRITE}
TREATING_JUDGMENT = {P.CHART_REPRESENTATIVE_REFUSE, P.CHART_MINOR_CONSENT_RECORD}
TREATING = (FRONT_DESK - {P.PRACTICE_CALENDAR_READ}) | RELEASE_PAPERWORK | {
    P.CHART_NOTE_READ, P.CHART_NOTE_WRITE, P.CHART_NOTE_ADDEND, P.CHART_PSYCHOTHERAPY_NOTE_WRITE,
    P.CHART_PORTAL_INVITE, P.CHART_EXCERPT_CREATE, P.CHART_CLIENT_DISCHARGE,
    # 45 CFR 164.526: the treating care team records, reads and answers amendment requests.
    P.CHART_AMENDMENT_CREATE, P.CHART_AMENDMENT_DECIDE, P.CHART_AMENDMENT_READ,
    *REPRESENTATIVE_PAPERWORK, *TREATING_JUDGMENT,
    # Intake (docs/intake.md): send a packet, read and review the answers.
    P.CHART_INTAKE_SEND, P.CHART_INTAKE_READ, P.CHART_INTAKE_REVIEW,
    # The chart as a FHIR download: the treating care team alone (never supervisors, front
    # desk or break-glass).
    P.CHART_RECORD_EXPORT,
    # Measures (docs/measures.md): enter, request, read, review a safety flag.
    P.CHART_MEASURE_READ, P.CHART_MEASURE_WRITE,
    # The problem list and the treatment plan (docs/treatment-plans.md): the treating team's.
    P.CHART_PROBLEM_READ, P.CHART_PROBLEM_WRITE, P.CHART_PLAN_READ, P.CHART_PLAN_WRITE,
    P.CHART_PLAN_SIGN}
# Amendment requests quote clinical content: read like notes (never by billing or the owner
# as such).
# Intake answers hold the presenting concern: read like notes too.
# Measures and their safety flags: read like notes, never by billing or the owner as such.
# The problem list and the plan are read like notes (supervision, break-glass; never billing).
READ_CHART = FRONT_DESK_READS | {P.CHART_NOTE_READ, P.CHART_AMENDMENT_READ, P.CHART_INTAKE_READ,
                                 P.CHART_MEASURE_READ, P.CHART_PROBLEM_READ, P.CHART_PLAN_READ}
OWNER_DIRECTORY = {P.CHART_DEMOGRAPHICS_READ, P.CHART_CONSENT_READ, P.CHART_PREFERENCES_READ,
                   P.CHART_NOTICE_READ,
                   P.CHART_CLIENT_CREATE, P.CHART_PORTAL_INVITE,
                   P.CHART_INTAKE_SEND} | RELEASE_PAPERWORK | \
    REPRESENTATIVE_PAPERWORK

# (role, relationship) -> exactly the permissions allowed (actor is not the author of anything).
ALLOWED: dict[tuple[Role, str], set[Permission]] = {
    (Role.OWNER, "none"): ADMIN | OWNER_DIRECTORY,
    (Role.OWNER, "care_team"): ADMIN | TREATING,
    (Role.OWNER, "supervises"): ADMIN | OWNER_DIRECTORY,
    (Role.OWNER, "break_glass"): ADMIN | OWNER_DIRECTORY,
    (Role.CLINICIAN, "none"): {P.CHART_CLIENT_CREATE, P.CHART_BREAK_GLASS_OPEN,
                               P.PRACTICE_TIME_OFF_MANAGE},
    (Role.CLINICIAN, "care_team"): TREATING,
    (Role.CLINICIAN, "supervises"): {P.CHART_CLIENT_CREATE, P.CHART_BREAK_GLASS_OPEN,
                                     P.PRACTICE_TIME_OFF_MANAGE},
    (Role.CLINICIAN, "break_glass"): READ_CHART | {P.CHART_CLIENT_CREATE,
                                                   P.CHART_BREAK_GLASS_OPEN,
                                                   P.PRACTICE_TIME_OFF_MANAGE},
    (Role.SUPERVISOR, "none"): set(),
    (Role.SUPERVISOR, "care_team"): READ_CHART | RELEASE_READS | {P.CHART_REPRESENTATIVE_READ},
    (Role.SUPERVISOR, "supervises"): READ_CHART | RELEASE_READS | {P.CHART_REPRESENTATIVE_READ},
    (Role.SUPERVISOR, "break_glass"): set(),
    (Role.BILLING, "none"): FRONT_DESK | REPRESENTATIVE_PAPERWORK,
    (Role.BILLING, "care_team"): FRONT_DESK | REPRESENTATIVE_PAPERWORK,
    (Role.BILLING, "supervises"): FRONT_DESK | REPRESENTATIVE_PAPERWORK,
    (Role.BILLING, "break_glass"): FRONT_DESK | REPRESENTATIVE_PAPERWORK,
    # A client principal reaches nothing of a chart that is not their own (is_self is False).
    (Role.CLIENT, "none"): set(),
    (Role.CLIENT, "care_team"): set(),
    (Role.CLIENT, "supervises"): set(),
    (Role.CLIENT, "break_glass"): set(),
    # A representative principal with no standing fact reaches nothing (the gate reads it live).
    (Role.REPRESENTATIVE, "none"): set(),
    (Role.REPRESENTATIVE, "care_team"): set(),
    (Role.REPRESENTATIVE, "supervises"): set(),
    (Role.REPRESENTATIVE, "break_glass"): set(),
}

# The ICD-10-CM code set is public reference data: every staff member may search it, whatever
# their relationship to a client; no portal principal may.
CODE_SET = {P.PRACTICE_CODE_SET_READ}
for (_role, _rel), _allowed in ALLOWED.items():
    if _role in STAFF_ROLES:
        _allowed |= CODE_SET

CASES = [(role, rel, perm) for (role, rel) in ALLOWED for perm in Permission]


def test_table_covers_every_role_and_relationship() -> None:
    assert {role for role, _ in ALLOWED} == set(Role)
    assert {rel for _, rel in ALLOWED} == set(RELATIONSHIPS)


@pytest.mark.parametrize(("role", "relationship", "permission"), CASES,
                         ids=[f"{r.value}-{rel}-{p.value}" for r, rel, p in CASES])
def test_decision_matches_table_when_actor_is_not_author(
    role: Role, relationship: str, permission: Permission
) -> None:
    decision = decide(Actor("a1", role), permission, RELATIONSHIPS[relationship])
    assert decision.allowed is (permission in ALLOWED[(role, relationship)])
    assert decision.reason  # every answer says why


@pytest.mark.parametrize("role", STAFF_ROLES)
@pytest.mark.parametrize("relationship", list(RELATIONSHIPS))
def test_psychotherapy_note_readable_by_author_alone_when_any_role_or_relationship(
    role: Role, relationship: str
) -> None:
    base = RELATIONSHIPS[relationship]
    as_author = Resource(**{**base.__dict__, "is_author": True})
    assert decide(Actor("a1", role), P.CHART_PSYCHOTHERAPY_NOTE_READ, as_author).allowed
    assert not decide(Actor("a1", role), P.CHART_PSYCHOTHERAPY_NOTE_READ, base).allowed


def test_psychotherapy_note_denied_when_everything_but_authorship_is_true() -> None:
    everything = Resource(client_id="c1", on_care_team=True, supervises_care_team=True,
                          break_glass_active=True, is_author=False)
    for role in STAFF_ROLES:
        decision = decide(Actor("a1", role), P.CHART_PSYCHOTHERAPY_NOTE_READ, everything)
        assert not decision.allowed
        assert decision.reason == "psychotherapy-note-author-only"


@pytest.mark.parametrize(("role", "on_team", "is_author", "allowed"), [
    (Role.CLINICIAN, True, True, True),
    (Role.OWNER, True, True, True),
    (Role.CLINICIAN, True, False, False),  # a colleague cannot sign my note
    (Role.CLINICIAN, False, True, False),  # I left the care team
    (Role.SUPERVISOR, True, True, False),
    (Role.BILLING, True, True, False),
])
def test_only_author_on_care_team_signs_when_signing(
    role: Role, on_team: bool, is_author: bool, allowed: bool
) -> None:
    resource = Resource(client_id="c1", on_care_team=on_team, is_author=is_author)
    assert decide(Actor("a1", role), P.CHART_NOTE_SIGN, resource).allowed is allowed


@pytest.mark.parametrize(("role", "relationship", "supervises_author", "is_draft", "allowed"), [
    (Role.SUPERVISOR, "supervises", True, False, True),
    (Role.SUPERVISOR, "care_team", True, False, True),
    (Role.SUPERVISOR, "supervises", False, False, False),  # supervises the team, not the author
    (Role.SUPERVISOR, "none", True, False, False),  # the author's supervisor, off the chart
    (Role.SUPERVISOR, "break_glass", True, False, False),
    (Role.SUPERVISOR, "supervises", True, True, False),  # a draft is its author's alone
    (Role.CLINICIAN, "care_team", True, False, False),  # only supervisors co-sign
    (Role.OWNER, "care_team", True, False, False),
    (Role.BILLING, "supervises", True, False, False),
    (Role.CLIENT, "supervises", True, False, False),
])
def test_only_the_authors_supervisor_cosigns_when_cosigning(
    role: Role, relationship: str, supervises_author: bool, is_draft: bool, allowed: bool
) -> None:
    resource = replace(RELATIONSHIPS[relationship], supervises_author=supervises_author,
                       is_draft=is_draft)
    decision = decide(Actor("a1", role), P.CHART_NOTE_COSIGN, resource)
    assert decision.allowed is allowed
    assert decision.reason == ("supervision" if allowed else decision.reason)
    if not allowed and not is_draft and role is not Role.CLIENT:
        assert decision.reason == "not-the-authors-supervisor"


@pytest.mark.parametrize("relationship", ["care_team", "supervises", "break_glass"])
def test_draft_note_hidden_from_everyone_but_author_when_unsigned(relationship: str) -> None:
    base = RELATIONSHIPS[relationship]
    draft = Resource(**{**base.__dict__, "is_draft": True})
    own_draft = Resource(**{**draft.__dict__, "is_author": True, "on_care_team": True})
    for role in (Role.CLINICIAN, Role.SUPERVISOR, Role.OWNER):
        assert not decide(Actor("a1", role), P.CHART_NOTE_READ, draft).allowed
    assert decide(Actor("a1", Role.CLINICIAN), P.CHART_NOTE_READ, own_draft).allowed


def test_billing_never_reads_note_text_when_every_relationship_holds() -> None:
    everything = Resource(client_id="c1", on_care_team=True, supervises_care_team=True,
                          break_glass_active=True, is_author=True)
    for permission in (P.CHART_NOTE_READ, P.CHART_NOTE_WRITE, P.CHART_NOTE_ADDEND):
        assert not decide(Actor("b1", Role.BILLING), permission, everything).allowed


def test_access_basis_names_why_when_allowed() -> None:
    clinician = Actor("a1", Role.CLINICIAN)
    supervisor = Actor("s1", Role.SUPERVISOR)
    assert decide(clinician, P.CHART_NOTE_READ, RELATIONSHIPS["care_team"]).reason == "care-team"
    assert decide(clinician, P.CHART_NOTE_READ,
                  RELATIONSHIPS["break_glass"]).reason == "break-glass"
    assert decide(supervisor, P.CHART_NOTE_READ,
                  RELATIONSHIPS["supervises"]).reason == "supervision"


def test_client_principal_gets_exactly_the_portal_on_their_own_record() -> None:
    own = Resource(client_id="c1", is_self=True, is_author=True, on_care_team=True)
    allowed = {p for p in Permission if decide(Actor("portal:1", Role.CLIENT), p, own).allowed}
    assert allowed == PORTAL


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_never_use_portal_permissions_when_resource_is_self(role: Role) -> None:
    own = Resource(client_id="c1", is_self=True, on_care_team=True)
    for permission in PORTAL:
        decision = decide(Actor("a1", role), permission, own)
        assert not decision.allowed
        assert decision.reason == "portal-is-for-clients"


@pytest.mark.parametrize(("role", "on_team", "consent", "allowed"), [
    (Role.CLINICIAN, True, True, True),
    (Role.OWNER, True, True, True),
    (Role.CLINICIAN, True, False, False),  # no current signed consent: nothing identifiable
    (Role.CLINICIAN, False, True, False),
    (Role.SUPERVISOR, True, True, False),
    (Role.BILLING, True, True, False),
])
def test_identifiable_consultation_gated_on_current_consent(
    role: Role, on_team: bool, consent: bool, allowed: bool
) -> None:
    resource = Resource(client_id="c1", on_care_team=on_team, consent_current=consent)
    decision = decide(Actor("a1", role), P.CHART_SUPERVISION_IDENTIFIABLE, resource)
    assert decision.allowed is allowed
    if role is Role.CLINICIAN and on_team and not consent:
        assert decision.reason == "consent-not-current"


@pytest.mark.parametrize(("role", "on_team", "authority", "allowed", "reason"), [
    (Role.CLINICIAN, True, "authorization", True, "care-team"),
    (Role.CLINICIAN, True, "legal-basis", True, "care-team"),
    (Role.OWNER, True, "authorization", True, "care-team"),
    (Role.CLINICIAN, True, "", False, "no-authorization-or-legal-basis"),
    (Role.CLINICIAN, True, "a-hunch", False, "no-authorization-or-legal-basis"),
    (Role.CLINICIAN, False, "authorization", False, "not-on-care-team"),
    (Role.OWNER, False, "legal-basis", False, "not-on-care-team"),  # the owner sees no notes
    (Role.SUPERVISOR, True, "authorization", False, "not-on-care-team"),
    (Role.BILLING, True, "authorization", False, "not-on-care-team"),
])
def test_disclosure_needs_care_team_and_an_authority(
    role: Role, on_team: bool, authority: str, allowed: bool, reason: str
) -> None:
    resource = Resource(client_id="c1", on_care_team=on_team, disclosure_authority=authority)
    decision = decide(Actor("a1", role), P.CHART_DISCLOSURE_CREATE, resource)
    assert (decision.allowed, decision.reason) == (allowed, reason)


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.OWNER])
def test_second_approver_must_not_be_the_requester(role: Role) -> None:
    requester = Resource(client_id="c1", on_care_team=True, is_author=True)
    decision = decide(Actor("a1", role), P.CHART_DISCLOSURE_APPROVE, requester)
    assert (decision.allowed, decision.reason) == (False, "approver-must-not-be-requester")


@pytest.mark.parametrize("relationship", list(RELATIONSHIPS))
def test_destruction_approval_denied_when_the_owner_requested_it(relationship: str) -> None:
    requester = replace(RELATIONSHIPS[relationship], is_author=True)
    decision = decide(Actor("o1", Role.OWNER), P.CHART_DESTRUCTION_APPROVE, requester)
    assert not decision and decision.reason == "approver-must-not-be-requester"


# --- personal representatives in the portal (45 CFR 164.502(g)) ----------------------------------
REPRESENTATIVE_RECORDS = {P.PORTAL_RECORD_READ, P.PORTAL_RECORD_EXPORT}
REPRESENTATIVE_AUTHORIZATIONS = {P.PORTAL_AUTHORIZATION_SIGN, P.PORTAL_AUTHORIZATION_REVOKE,
                                 P.PORTAL_DISCLOSURE_READ}


def representative(kind: str = "guardian", scope: tuple[str, ...] = ("records",),
                   client_id: str = "c1") -> Actor:
    return Actor("portal:r1", Role.REPRESENTATIVE, client_id=client_id, representative_id="r1",
                 representative_kind=kind, representative_scope=scope)


def standing(status: str = "active", *, consented_alone: bool = False) -> Resource:
    return Resource(client_id="c1", representative_status=status,
                    consented_alone=consented_alone)


@pytest.mark.parametrize(("scope", "expected"), [
    (("records",), REPRESENTATIVE_RECORDS),
    (("authorizations",), REPRESENTATIVE_AUTHORIZATIONS),
    (("consent", "authorizations", "records"),
     REPRESENTATIVE_RECORDS | REPRESENTATIVE_AUTHORIZATIONS),
    (("consent",), set()),
])
def test_representative_gets_exactly_their_scope_when_standing(
        scope: tuple[str, ...], expected: set[Permission]) -> None:
    allowed = {p for p in Permission if decide(representative(scope=scope), p, standing())}
    assert allowed == expected
    # Never the access history, consent, amendments, preferences, or anything of a chart.
    assert not allowed & {P.PORTAL_ACCESS_HISTORY_READ, P.PORTAL_CONSENT_SIGN,
                          P.PORTAL_AMENDMENT_REQUEST, P.PORTAL_PREFERENCES_WRITE,
                          P.CHART_PSYCHOTHERAPY_NOTE_READ, P.CHART_NOTE_READ}


@pytest.mark.parametrize(("status", "reason"), [("refused", "representative-refused"),
                                                ("ended", "representative-ended"),
                                                ("", "not-your-record")])
def test_representative_refused_when_refused_ended_or_unknown(status: str, reason: str) -> None:
    everything = ("consent", "authorizations", "records")
    for permission in REPRESENTATIVE_RECORDS | REPRESENTATIVE_AUTHORIZATIONS:
        decision = decide(representative(scope=everything), permission, standing(status))
        assert (decision.allowed, decision.reason) == (False, reason)


def test_parent_refused_when_the_client_consented_alone() -> None:
    parent = representative("parent", ("authorizations", "records"))
    for permission in REPRESENTATIVE_RECORDS | REPRESENTATIVE_AUTHORIZATIONS:
        assert decide(parent, permission, standing()).allowed
        decision = decide(parent, permission, standing(consented_alone=True))
        assert (decision.allowed, decision.reason) == (False, "minor-controls-these-records")


def test_representative_of_one_client_refused_on_another() -> None:
    other = Resource(client_id="c2", representative_status="active")
    decision = decide(representative(), P.PORTAL_RECORD_READ, other)
    assert (decision.allowed, decision.reason) == (False, "not-your-record")


def test_client_principal_never_passes_as_a_representative() -> None:
    client = Actor("portal:1", Role.CLIENT, client_id="c1", representative_id="r1",
                   representative_kind="guardian", representative_scope=("records",))
    own_as_representative = Resource(client_id="c1", representative_status="active")
    assert not decide(client, P.PORTAL_RECORD_READ, own_as_representative).allowed
