"""The full policy table: every role x relationship x permission, against an explicit table.

The expected sets are written out by hand from the issue's rules, not computed by the code under
test, so a change to policy.decide that widens or narrows access fails here.
"""

from __future__ import annotations

import pytest

from closeddoor.policy import Actor, Permission, Resource, Role, decide

P = Permission
RELATIONSHIPS = {
    "none": Resource(client_id="c1"),
    "care_team": Resource(client_id="c1", on_care_team=True),
    "supervises": Resource(client_id="c1", supervises_care_team=True),
    "break_glass": Resource(client_id="c1", break_glass_active=True),
}
ADMIN = {P.PRACTICE_AUDIT_READ, P.PRACTICE_CARE_TEAM_MANAGE, P.PRACTICE_REVIEW_MANAGE,
         P.PRACTICE_SETTINGS_MANAGE, P.PRACTICE_USER_MANAGE}
FRONT_DESK = {P.CHART_DEMOGRAPHICS_READ, P.CHART_DEMOGRAPHICS_WRITE, P.CHART_APPOINTMENT_READ,
              P.CHART_APPOINTMENT_WRITE, P.CHART_CLIENT_CREATE}
TREATING = {P.CHART_DEMOGRAPHICS_READ, P.CHART_DEMOGRAPHICS_WRITE, P.CHART_APPOINTMENT_READ,
            P.CHART_APPOINTMENT_WRITE, P.CHART_NOTE_READ, P.CHART_NOTE_WRITE, P.CHART_NOTE_ADDEND,
            P.CHART_PSYCHOTHERAPY_NOTE_WRITE, P.CHART_CLIENT_CREATE}
READ_CHART = {P.CHART_DEMOGRAPHICS_READ, P.CHART_APPOINTMENT_READ, P.CHART_NOTE_READ}

# (role, relationship) -> exactly the permissions allowed (actor is not the author of anything).
ALLOWED: dict[tuple[Role, str], set[Permission]] = {
    (Role.OWNER, "none"): ADMIN | {P.CHART_DEMOGRAPHICS_READ, P.CHART_CLIENT_CREATE},
    (Role.OWNER, "care_team"): ADMIN | TREATING,
    (Role.OWNER, "supervises"): ADMIN | {P.CHART_DEMOGRAPHICS_READ, P.CHART_CLIENT_CREATE},
    (Role.OWNER, "break_glass"): ADMIN | {P.CHART_DEMOGRAPHICS_READ, P.CHART_CLIENT_CREATE},
    (Role.CLINICIAN, "none"): {P.CHART_CLIENT_CREATE, P.CHART_BREAK_GLASS_OPEN},
    (Role.CLINICIAN, "care_team"): TREATING,
    (Role.CLINICIAN, "supervises"): {P.CHART_CLIENT_CREATE, P.CHART_BREAK_GLASS_OPEN},
    (Role.CLINICIAN, "break_glass"): READ_CHART | {P.CHART_CLIENT_CREATE,
                                                   P.CHART_BREAK_GLASS_OPEN},
    (Role.SUPERVISOR, "none"): set(),
    (Role.SUPERVISOR, "care_team"): READ_CHART,
    (Role.SUPERVISOR, "supervises"): READ_CHART,
    (Role.SUPERVISOR, "break_glass"): set(),
    (Role.BILLING, "none"): FRONT_DESK,
    (Role.BILLING, "care_team"): FRONT_DESK,
    (Role.BILLING, "supervises"): FRONT_DESK,
    (Role.BILLING, "break_glass"): FRONT_DESK,
}

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


@pytest.mark.parametrize("role", list(Role))
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
    for role in Role:
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
