"""The HTTP API's access matrix: every endpoint, called as every kind of caller, answers exactly
the expected status. No unexpected allow; a caller who may not know a client exists gets 404.

The world (one practice per database, shared by this module):
  client X   created by clinician1 (the treating clinician); clinician3 is the team-mate on X.
             X has a signed progress note (with an addendum), a draft by clinician1, a
             psychotherapy note by clinician1 and an appointment.
  client W   created by clinician2, who is otherwise unrelated to X.
  client G   clinician1's client on which clinicians off the team break the glass.
  supervisor supervises clinician1; supervisor2 supervises nobody.
  consent    version 1 (the demo's) is published; consent-version cases make drafts of their
             own, and the publish case publishes a reviewed one, so the current version moves on.
Writes that succeed use resources made for that one call, so the calls stay independent.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from closeddoor.consent.jurisdictions import load_jurisdiction, minor_consent_grounds
from closeddoor.notice.render import parse_document, render_notice
from closeddoor.policy import Actor, Role
from tests.factories import (
    AuthorizationFactory,
    ClientFactory,
    NoteFactory,
    Practice,
    PracticeFactory,
    authorized_request,
    duty_to_warn_request,
    marker,
    oversight_request,
    team_up,
)
from tests.factories.notice import CONTACT, completed
from tests.factories.treatment import TreatmentFactory, plan_body
from tests.integration.fhir_helpers import readable, validated
from tests.integration.helpers import ANONYMOUS, GARBAGE, Api, open_api

_SLOTS = itertools.count()

# Who calls, by the relationship that matters, and which staff member plays the part.
CALLERS = {
    "owner": "owner",
    "treating": "clinician1",
    "teammate": "clinician3",
    "unrelated": "clinician2",
    "supervisor": "supervisor",
    "unrelated_supervisor": "supervisor2",
    "billing": "billing",
}
UNAUTHENTICATED = (ANONYMOUS, GARBAGE)
REPRESENTATIVE = {"kind": "guardian", "name": "Morgan Guardian (synthetic)",
                  "document_date": "2025-10-01", "document": "Letters (synthetic)",
                  "scope": ["consent", "authorizations"]}


@dataclass
class World:
    practice: Practice
    api: Api
    x: str
    w: str
    g: str
    signed_note: str
    draft_note: str
    psychotherapy_note: str
    appointment: str
    x_data: dict[str, Any]
    signed_text: str
    draft_text: str
    process_text: str
    addendum_text: str
    first_consent_version: str

    @property
    def chart_texts(self) -> list[str]:
        return [self.signed_text, self.draft_text, self.process_text, self.addendum_text]

    @property
    def secrets(self) -> list[str]:
        """Text no refusal may ever contain: X's identifiers and every word of X's chart."""
        x = self.x_data
        return [x["given_name"], x["family_name"], x["email"], *self.chart_texts]

    def fresh_draft(self) -> str:
        return NoteFactory.progress(self.practice, self.x, "clinician1", sign=False)

    def fresh_signed_note(self) -> str:
        return NoteFactory.progress(self.practice, self.x, "clinician1")

    def fresh_grant(self) -> str:
        return self.practice.services.break_glass.open(
            self.practice.actor("clinician2"), self.g, "Synthetic emergency: covering tonight."
        ).grant_id

    def free_slot(self) -> str:
        """A start no other call of the matrix books (one clinician, one session at a time)."""
        return (datetime(2027, 1, 4, 8, tzinfo=UTC) + timedelta(hours=next(_SLOTS))).isoformat()

    def fresh_appointment(self) -> dict[str, str]:
        return {"client_id": self.x, "appointment_id": self.practice.services.charts
                .create_appointment(self.practice.actor("clinician1"), self.x,
                                    {"starts_at": self.free_slot()})}

    def fresh_client(self) -> str:
        return ClientFactory.create(self.practice, "owner")

    def open_packet(self) -> dict[str, str]:
        """X's intake packet still waiting for the client (sent, never submitted)."""
        intake, clinician = self.practice.services.intake, self.practice.actor("clinician1")
        waiting = [p.packet_id for p in intake.packets(clinician, self.x) if p.is_open]
        return {"client_id": self.x,
                "packet_id": waiting[0] if waiting else intake.send(clinician, self.x)}

    def fresh_flag(self) -> dict[str, str]:
        """An open safety flag on X: a PHQ-9 with question 9 above 0, entered for this call."""
        measures, clinician = self.practice.services.measures, self.practice.actor("clinician1")
        made = measures.record(clinician, self.x, "PHQ-9", [0, 0, 0, 0, 0, 0, 0, 0, 1])
        flag = next(f for f in measures.flags(clinician, self.x)
                    if f.measure_id == made.measure_id)
        return {"client_id": self.x, "flag_id": flag.flag_id}

    def fresh_staff(self) -> dict[str, str]:
        user = self.practice.services.accounts.add_user(
            self.practice.actor("owner"), username=f"staff-{secrets.token_hex(4)}",
            display_name="Synthetic Staff (test)", role="billing",
            password="orchid-meadow-tandem-552")
        return {"user_id": user.user_id}

    def fresh_membership(self) -> dict[str, str]:
        client_id = self.fresh_client()
        return {"client_id": client_id,
                "membership_id": team_up(self.practice, client_id, "clinician2")}

    def fresh_consent_draft(self) -> dict[str, str]:
        return {"version_id": self.practice.services.consent.create_draft(
            self.practice.actor("owner"))}

    def fresh_reviewed_consent_draft(self) -> dict[str, str]:
        draft = self.fresh_consent_draft()
        self.practice.services.consent.record_review(
            self.practice.actor("owner"), draft["version_id"], **self.consent_review())
        return draft

    def consent_review(self) -> dict[str, str]:
        """A review of a fresh draft's text (a copy of the current text: the same hash)."""
        owner = self.practice.actor("owner")
        return {"reviewed_by": "Synthetic Counsel (test)", "reviewed_on": "2026-03-01",
                "text_sha256": self.practice.services.consent.version(
                    owner, self.first_consent_version).rendered_sha256}

    def fresh_notice_draft(self) -> dict[str, str]:
        return {"version_id": self.practice.services.notice.create_draft(
            self.practice.actor("owner"))}

    def fresh_completed_notice_draft(self) -> dict[str, str]:
        """A draft with its contact and effective date filled in (ready for review)."""
        owner = self.practice.actor("owner")
        draft = self.fresh_notice_draft()
        self.practice.services.notice.update_draft(
            owner, draft["version_id"], completed(self.practice.services, owner,
                                                  draft["version_id"]))
        return draft

    def fresh_reviewed_notice_draft(self) -> dict[str, str]:
        draft = self.fresh_completed_notice_draft()
        self.practice.services.notice.record_review(
            self.practice.actor("owner"), draft["version_id"], **self.notice_review())
        return draft

    def notice_review(self) -> dict[str, str]:
        """A review of a fresh completed draft's text (built before the draft is: a copy of the
        notice in effect with the test contact and today's date, so the same hash)."""
        current = self.practice.services.notice.current()
        assert current is not None
        document = current.document
        text = render_notice(parse_document({
            "title": document.title, "practice_name": document.practice_name,
            "jurisdiction_code": document.jurisdiction_code, "contact": CONTACT,
            "effective_on": self.practice.clock.now().date().isoformat(),
            "sections": [{"key": s.key, "title": s.title, "body": s.body,
                          "citations": list(s.citations)} for s in document.sections]}))
        return {"reviewed_by": "Synthetic Counsel (test)", "reviewed_on": "2026-03-01",
                "text_sha256": text.sha256}

    def notice_document(self) -> dict[str, Any]:
        owner = self.practice.actor("owner")
        version_id = self.practice.services.notice.list_versions(owner)[0].version_id
        return completed(self.practice.services, owner, version_id)

    def notice_shown(self) -> dict[str, str]:
        """The notice in effect as a client is shown it (it moves as the matrix runs)."""
        current = self.practice.services.notice.current()
        assert current is not None
        return {"version_id": current.version_id, "text_sha256": current.rendered.sha256}

    def fresh_consent_signature(self) -> dict[str, str]:
        clinician = self.practice.actor("clinician1")
        return {"client_id": self.x, "signature_id": self.practice.services.consent.sign(
            clinician, self.x, **self.signature())}

    def consent_document(self) -> dict[str, Any]:
        """A whole, valid draft: version 1's text under a new title."""
        template = self.practice.services.consent.version_template(
            self.practice.actor("owner"), self.first_consent_version)
        return {"name": template.name, "title": f"{template.title} (revised)",
                "intro": template.intro,
                "sections": [{"key": s.key, "title": s.title, "body": s.body,
                              "citations": list(s.citations)} for s in template.sections]}

    def fresh_authorization(self, *, sign: bool = True, **overrides: Any) -> dict[str, str]:
        return {"client_id": self.x, "authorization_id": AuthorizationFactory.create(
            self.practice, self.x, sign=sign, **overrides)}

    def fresh_unsigned_authorization(self) -> dict[str, str]:
        return self.fresh_authorization(sign=False)

    def fresh_event_authorization(self) -> dict[str, str]:
        return self.fresh_authorization(expires_on=None, expiry_event="the end of the case")

    def fresh_representative(self) -> dict[str, str]:
        return {"client_id": self.x, "representative_id": self.practice.services.representatives
                .record(self.practice.actor("billing"), self.x, REPRESENTATIVE)}

    def fresh_portal_representative(self) -> dict[str, str]:
        """A representative of X with their own address and records scope, not yet invited."""
        return {"client_id": self.x, "representative_id": self.practice.services.representatives
                .record(self.practice.actor("billing"), self.x,
                        REPRESENTATIVE | {"scope": ["records"],
                                          "email": f"{marker('rep')}@example.org"})}

    def fresh_finding(self) -> dict[str, str]:
        """A maturity finding on X, recorded while the practice is (briefly) in California."""
        owner = self.practice.actor("owner")
        consent = self.practice.services.consent
        code = consent.jurisdiction_code()
        consent.set_jurisdiction(owner, "US-CA")
        try:
            finding_id = self.practice.services.representatives.record_finding(
                self.practice.actor("clinician1"), self.x, {
                    "ground": minor_consent_grounds(load_jurisdiction("US-CA"))[0],
                    "note": "Synthetic: understands the treatment and its risks."})
        finally:
            consent.set_jurisdiction(owner, code)
        return {"client_id": self.x, "finding_id": finding_id}

    def authorization_signature(self) -> dict[str, str]:
        return {"text_sha256": "0" * 64, "signer_name": "Synthetic Signer"}

    def fresh_disclosure(self) -> dict[str, str]:
        """A ready disclosure to X's psychiatrist under X's signed authorization."""
        authorization_id = self.fresh_authorization()["authorization_id"]
        view = self.practice.services.disclosures.request(
            self.practice.actor("clinician1"), self.x, authorized_request(authorization_id))
        return {"client_id": self.x, "disclosure_id": view.disclosure_id}

    def fresh_legal_disclosure(self) -> dict[str, str]:
        """A duty-to-warn disclosure by clinician1, awaiting a second person's approval."""
        view = self.practice.services.disclosures.request(
            self.practice.actor("clinician1"), self.x, duty_to_warn_request())
        return {"client_id": self.x, "disclosure_id": view.disclosure_id}

    def second_owner(self) -> str:
        """owner2, a second owner (made on first use): two owners destroy a chart."""
        if "owner2" not in self.practice.users:
            self.practice.services.accounts.add_user(
                self.practice.actor("owner"), username="owner2",
                display_name="Sam Second Owner (test)", role="owner",
                password=self.practice.password)
            self.practice.users = {u.username: u for u in
                                   self.practice.services.accounts.list_users(
                                       self.practice.actor("owner"))}
        return "owner2"

    def fresh_time_off(self) -> dict[str, str]:
        """A block of clinician1's time off, for one change or removal."""
        starts = datetime(2026, 3, 20, 9, 0)
        return {"block_id": self.practice.services.calendar.add_time_off(
            self.practice.actor("clinician1"), self.practice.user_id("clinician1"), starts,
            starts + timedelta(hours=1))}

    def fresh_own_client(self) -> dict[str, str]:
        """A client of clinician1 (with clinician3 on the team), for one lifecycle call."""
        client_id = ClientFactory.create(self.practice, "clinician1")
        team_up(self.practice, client_id, "clinician3")
        return {"client_id": client_id}

    def fresh_discharged_client(self) -> dict[str, str]:
        params = self.fresh_own_client()
        self.practice.services.lifecycle.discharge(
            self.practice.actor("clinician1"), params["client_id"],
            {"discharged_on": "2026-03-02", "reason": "Synthetic: goals met."})
        return params

    def fresh_hold(self) -> dict[str, str]:
        params = self.fresh_own_client()
        params["hold_id"] = self.practice.services.lifecycle.place_hold(
            self.practice.actor("owner"), params["client_id"],
            {"reason": "Synthetic subpoena under review."})
        return params

    def fresh_destruction_request(self) -> dict[str, str]:
        """A request by owner2 to destroy a fresh client of clinician1's (created in error)."""
        client_id = self.fresh_own_client()["client_id"]
        return {"request_id": self.practice.services.destruction.request(
            self.practice.actor(self.second_owner()), client_id, DESTRUCTION)}

    def fresh_oversight_disclosure(self) -> dict[str, str]:
        """A disclosure to a health oversight agency, made orally (so released at once): the
        kind an agency may ask to withhold from the accounting (164.528(a)(2))."""
        view = self.practice.services.disclosures.request(
            self.practice.actor("clinician1"), self.x, oversight_request(
                channel="oral", oral_summary="Dates of attendance read to the board by phone."))
        return {"client_id": self.x, "disclosure_id": view.disclosure_id}

    def fresh_released_disclosure(self) -> dict[str, str]:
        params = self.fresh_disclosure()
        self.practice.services.disclosures.release(self.practice.actor("clinician1"), self.x,
                                                   params["disclosure_id"])
        return params

    def fresh_amendment(self) -> dict[str, str]:
        """X's open request (as if asked in the portal) to amend the signed note."""
        amendment_id = self.practice.services.amendments.ask(
            Actor("portal:matrix", Role.CLIENT, client_id=self.x), self.x,
            {"target": "note", "note_id": self.signed_note, "change": marker("change"),
             "reason": marker("reason")})
        return {"client_id": self.x, "amendment_id": amendment_id}

    def fresh_denied_amendment(self) -> dict[str, str]:
        params = self.fresh_amendment()
        self.practice.services.amendments.answer(
            self.practice.actor("clinician1"), self.x, params["amendment_id"],
            {"decision": "deny", "ground": "accurate-and-complete",
             "explanation": marker("explanation")})
        return params

    def fresh_disputed_amendment(self) -> dict[str, str]:
        params = self.fresh_denied_amendment()
        self.practice.services.amendments.disagree(
            self.practice.actor("clinician1"), self.x, params["amendment_id"],
            {"statement": marker("statement")})
        return params

    def fresh_restriction(self, **terms: str) -> dict[str, str]:
        """X's open request (as if asked in the portal) not to share with one named relative:
        no disclosure the matrix makes goes to them, so agreeing it stops none of them."""
        restriction_id = self.practice.services.restrictions.ask(
            Actor("portal:matrix", Role.CLIENT, client_id=self.x), self.x,
            terms or {"recipient_kind": "named", "recipient_name": "Robin Relative (synthetic)",
                      "details": marker("limit")})
        return {"client_id": self.x, "restriction_id": restriction_id}

    def fresh_agreed_restriction(self) -> dict[str, str]:
        params = self.fresh_restriction()
        self.practice.services.restrictions.agree(
            self.practice.actor("clinician1"), self.x, params["restriction_id"], {})
        return params

    def fresh_problem(self) -> dict[str, str]:
        """A diagnosis (the only one, so primary) on a fresh client of clinician1's."""
        params = self.fresh_own_client()
        params["problem_id"] = TreatmentFactory.diagnose(self.practice, params["client_id"])
        return params

    def fresh_plan_revision(self) -> dict[str, str]:
        """A new, unsigned revision of X's plan (X's problem list holds F41.1)."""
        return {"client_id": self.x, "revision_id": TreatmentFactory.plan(
            self.practice, self.x, code="F41.1")}

    def signature(self) -> dict[str, str]:
        """X signs the form as it reads now (the current version moves as the matrix runs)."""
        form = self.practice.services.consent.form(self.practice.actor("clinician1"), self.x)
        return {"version_id": form.version_id, "text_sha256": form.rendered.sha256,
                "signer_name": f"{self.x_data['given_name']} {self.x_data['family_name']}",
                "signer_kind": "client"}


@pytest.fixture(scope="module")
def world(
    module_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    practice = PracticeFactory.create(module_database_url, tmp_path_factory.mktemp("matrix"))
    x_data = ClientFactory.data(phone="555 0100 123", email=f"{marker('mail')}@example.org")
    x = practice.services.charts.create_client(practice.actor("clinician1"), x_data)
    team_up(practice, x, "clinician3")
    signed_text, draft_text = marker("signed"), marker("draft")
    process_text, addendum_text = marker("process"), marker("addendum")
    signed = NoteFactory.progress(practice, x, body=signed_text)
    NoteFactory.addendum(practice, x, signed, body=addendum_text)
    draft = NoteFactory.progress(practice, x, body=draft_text, sign=False)
    process = NoteFactory.psychotherapy(practice, x, body=process_text)
    TreatmentFactory.diagnose(practice, x, "F41.1")  # an appointment's code is on the list
    appointment = practice.services.charts.create_appointment(
        practice.actor("clinician1"),
        x,
        {"starts_at": datetime(2026, 3, 9, 10, tzinfo=UTC), "room": "Room 2",
         "cpt_code": "90834", "icd10_code": "F41.1", "fee_cents": 15000},
    )
    w = ClientFactory.create(practice, "clinician2")
    g = ClientFactory.create(practice, "clinician1")
    NoteFactory.psychotherapy(practice, g, body=process_text)
    (first_consent,) = practice.services.consent.list_versions(practice.actor("owner"))
    for setting in ("disclosure_two_person", "accounting_suspension"):
        practice.services.oversight.update_setting(practice.actor("owner"), setting, True)
    with open_api(practice) as api:
        yield World(practice, api, x, w, g, signed, draft, process, appointment, x_data,
                    signed_text, draft_text, process_text, addendum_text,
                    first_consent.version_id)
    practice.close()


# --- the endpoints ------------------------------------------------------------------------------
Params = Callable[["World"], dict[str, str]]
Body = Callable[["World"], Any]


@dataclass(frozen=True)
class Case:
    """One endpoint call: `route` is "METHOD /template" under /api/v1; `params` fills the
    template (making any resource the call consumes), `body` builds the JSON body; `expected`
    maps each caller to the statuses allowed."""

    name: str
    route: str
    expected: dict[str, frozenset[int]]
    params: Params = lambda w: {}
    body: Body | None = None

    def request(self, world: World) -> tuple[str, str, Any]:
        method, template = self.route.split(" ", 1)
        body = self.body(world) if self.body is not None else None
        return method, template.format(**self.params(world)), body


def expect(
    *,
    owner: int | set[int],
    treating: int | set[int],
    teammate: int | set[int],
    unrelated: int | set[int],
    supervisor: int | set[int],
    unrelated_supervisor: int | set[int],
    billing: int | set[int],
) -> dict[str, frozenset[int]]:
    given = locals()
    return {k: frozenset(v if isinstance(v, set) else {v}) for k, v in given.items()}


def owner_only(ok: int) -> dict[str, frozenset[int]]:
    return expect(owner=ok, treating=403, teammate=403, unrelated=403, supervisor=403,
                  unrelated_supervisor=403, billing=403)


EVERYONE_200 = expect(owner=200, treating=200, teammate=200, unrelated=200, supervisor=200,
                      unrelated_supervisor=200, billing=200)
CHART_READ = expect(owner=403, treating=200, teammate=200, unrelated=404, supervisor=200,
                    unrelated_supervisor=404, billing=200)
NOTE_READ = expect(owner=403, treating=200, teammate=200, unrelated=404, supervisor=200,
                   unrelated_supervisor=404, billing=403)
CHART_EXPORT = expect(owner=403, treating=200, teammate=200, unrelated=404, supervisor=403,
                      unrelated_supervisor=404, billing=403)
CHART_WRITE = expect(owner=403, treating=204, teammate=204, unrelated=404, supervisor=403,
                     unrelated_supervisor=404, billing=204)
NOTE_WRITE = expect(owner=403, treating=201, teammate=201, unrelated=404, supervisor=403,
                    unrelated_supervisor=404, billing=403)
AUTHOR_ONLY = expect(owner=403, treating=200, teammate=403, unrelated=404, supervisor=403,
                     unrelated_supervisor=404, billing=403)

# docs/permissions.md: chart:consent:read and chart:preferences:read are appointment read plus
# the owner; chart:consent:sign and chart:preferences:write are chart writes (billing signs in the
# office); chart:portal:invite is the owner or a care-team clinician.
CONSENT_READ = expect(owner=200, treating=200, teammate=200, unrelated=404, supervisor=200,
                      unrelated_supervisor=404, billing=200)
CONSENT_SIGN = expect(owner=403, treating=201, teammate=201, unrelated=404, supervisor=403,
                      unrelated_supervisor=404, billing=201)
PREFERENCES_WRITE = expect(owner=403, treating=204, teammate=204, unrelated=404, supervisor=403,
                           unrelated_supervisor=404, billing=204)
PORTAL_INVITE = expect(owner=201, treating=201, teammate=201, unrelated=404, supervisor=403,
                       unrelated_supervisor=404, billing=403)

# docs/permissions.md: authorizations and the accounting are the care team's and the owner's
# (privacy officer) paperwork, readable by supervision; only the care team makes a packet.
RELEASE_READ = expect(owner=200, treating=200, teammate=200, unrelated=404, supervisor=200,
                      unrelated_supervisor=404, billing=403)
RELEASE_PAPERWORK = expect(owner=204, treating=204, teammate=204, unrelated=404, supervisor=403,
                           unrelated_supervisor=404, billing=403)
DISCLOSE = expect(owner=403, treating=201, teammate=201, unrelated=404, supervisor=403,
                  unrelated_supervisor=404, billing=403)

# A psychotherapy note exists for its author alone: to anyone else its id answers exactly as a
# random one does (issue 10, item 10).
PSYCHOTHERAPY_NOTE_READ = expect(owner=404, treating=200, teammate=404, unrelated=404,
                                 supervisor=404, unrelated_supervisor=404, billing=404)
PSYCHOTHERAPY_NOTE_CONFLICT = expect(owner=404, treating=409, teammate=404, unrelated=404,
                                     supervisor=404, unrelated_supervisor=404, billing=404)

# docs/permissions.md: representatives are front-desk paperwork (read as consent is, recorded
# and ended by the care team, the owner and billing); refusing one (164.502(g)(5)) and recording
# a minor-consent finding are the treating clinician's. The matrix's practice is under the
# generic file, which has no finding: an allowed finding meets 422 after the decision.
REPRESENTATIVE_WRITE = expect(owner=201, treating=201, teammate=201, unrelated=404,
                              supervisor=403, unrelated_supervisor=404, billing=201)
REPRESENTATIVE_END = expect(owner=204, treating=204, teammate=204, unrelated=404,
                            supervisor=403, unrelated_supervisor=404, billing=204)
TREATING_JUDGMENT = expect(owner=403, treating=204, teammate=204, unrelated=404, supervisor=403,
                           unrelated_supervisor=404, billing=403)

STATE_CONFLICT = expect(owner={403, 409}, treating=409, teammate={403, 409}, unrelated=404,
                        supervisor={403, 409}, unrelated_supervisor=404, billing={403, 409})


def note_path(world: World, note_id: str) -> str:
    return f"/clients/{world.x}/notes/{note_id}"


def x(w: World) -> dict[str, str]:
    return {"client_id": w.x}


def x_note(note: Callable[[World], str]) -> Params:
    return lambda w: {"client_id": w.x, "note_id": note(w)}


CASES = [
    Case("list-clients", "GET /clients", EVERYONE_200),
    Case("search-clients", "POST /clients/search", EVERYONE_200,
         body=lambda w: {"name": w.x_data["family_name"]}),
    Case("create-client", "POST /clients",
         expect(owner=201, treating=201, teammate=201, unrelated=201, supervisor=403,
                unrelated_supervisor=403, billing=201),
         body=lambda w: ClientFactory.data()),
    Case("get-client", "GET /clients/{client_id}",
         expect(owner=200, treating=200, teammate=200, unrelated=404, supervisor=200,
                unrelated_supervisor=404, billing=200),
         x),
    Case("update-client", "PUT /clients/{client_id}", CHART_WRITE, x, lambda w: w.x_data),
    Case("list-appointments", "GET /clients/{client_id}/appointments", CHART_READ, x),
    Case("create-appointment", "POST /clients/{client_id}/appointments",
         expect(owner=403, treating=201, teammate=201, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=201),
         x,
         lambda w: {"starts_at": w.free_slot(), "room": "Room 1",
                    "clinician_id": w.practice.user_id("clinician1")}),
    Case("change-appointment", "PUT /clients/{client_id}/appointments/{appointment_id}",
         CHART_WRITE, World.fresh_appointment,
         lambda w: {"starts_at": w.free_slot(), "room": "Room 1"}),
    Case("cancel-appointment", "POST /clients/{client_id}/appointments/{appointment_id}/cancel",
         expect(owner=403, treating=200, teammate=200, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=200),
         World.fresh_appointment, lambda w: {}),
    # The day (docs/scheduling.md): one's own calendar for every staff member; the practice's
    # for the owner and front desk; time off for them and for a clinician's own.
    Case("own-calendar", "GET /calendar", EVERYONE_200),
    Case("practice-calendar", "GET /calendar?scope=practice",
         expect(owner=200, treating=403, teammate=403, unrelated=403, supervisor=403,
                unrelated_supervisor=403, billing=200)),
    Case("add-own-time-off", "POST /calendar/time-off",
         expect(owner=201, treating=201, teammate=403, unrelated=403, supervisor=403,
                unrelated_supervisor=403, billing=201),
         body=lambda w: {"user_id": w.practice.user_id("clinician1"),
                         "starts_at": w.free_slot(), "ends_at": w.free_slot()}),
    Case("move-own-time-off", "PUT /calendar/time-off/{block_id}",
         expect(owner=204, treating=204, teammate=403, unrelated=403, supervisor=403,
                unrelated_supervisor=403, billing=204),
         World.fresh_time_off,
         lambda w: {"starts_at": w.free_slot(), "ends_at": w.free_slot()}),
    Case("remove-own-time-off", "DELETE /calendar/time-off/{block_id}",
         expect(owner=204, treating=204, teammate=403, unrelated=403, supervisor=403,
                unrelated_supervisor=403, billing=204),
         World.fresh_time_off),
    Case("get-scheduling-settings", "GET /settings/scheduling", EVERYONE_200),
    Case("update-scheduling-settings", "PUT /settings/scheduling", owner_only(204),
         body=lambda w: {"time_zone": "UTC", "late_cancel_hours": 24, "rooms": ["Room 1"]}),
    Case("set-appointment-status",
         "PUT /clients/{client_id}/appointments/{appointment_id}/status", CHART_WRITE,
         lambda w: {"client_id": w.x, "appointment_id": w.appointment},
         lambda w: {"status": "scheduled"}),
    Case("list-notes", "GET /clients/{client_id}/notes", NOTE_READ, x),
    Case("get-signed-note", "GET /clients/{client_id}/notes/{note_id}", NOTE_READ,
         x_note(lambda w: w.signed_note)),
    Case("get-draft-note", "GET /clients/{client_id}/notes/{note_id}", AUTHOR_ONLY,
         x_note(lambda w: w.draft_note)),
    Case("create-progress-note", "POST /clients/{client_id}/notes", NOTE_WRITE, x,
         lambda w: {"kind": "progress", "body": marker("note")}),
    # The team-mate passes the policy (the care team writes notes) and then meets the rule that
    # only its author edits a draft: 409, with no content in the answer.
    Case("update-draft", "PUT /clients/{client_id}/notes/{note_id}",
         expect(owner=403, treating=204, teammate=409, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         x_note(World.fresh_draft), lambda w: {"body": marker("edit")}),
    Case("sign-draft", "POST /clients/{client_id}/notes/{note_id}/sign",
         expect(owner=403, treating=204, teammate=403, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         x_note(World.fresh_draft)),
    # Co-signing (docs/notes.md): the author's own supervisor alone; a supervisor of nobody on
    # the team may not know the client exists. The queue answers everyone (theirs, or empty).
    Case("cosign-note", "POST /clients/{client_id}/notes/{note_id}/cosign",
         expect(owner=403, treating=403, teammate=403, unrelated=404, supervisor=204,
                unrelated_supervisor=404, billing=403),
         x_note(World.fresh_signed_note)),
    Case("cosign-queue", "GET /cosign-queue", EVERYONE_200),
    Case("add-addendum", "POST /clients/{client_id}/notes/{note_id}/addenda", NOTE_WRITE,
         x_note(lambda w: w.signed_note), lambda w: {"body": marker("addendum")}),
    # Asking for what a note's kind or state forbids: a conflict for those who may see the
    # chart, never a hint to those who may not know the client exists.
    Case("sign-psychotherapy-note", "POST /clients/{client_id}/notes/{note_id}/sign",
         PSYCHOTHERAPY_NOTE_CONFLICT, x_note(lambda w: w.psychotherapy_note)),
    Case("edit-psychotherapy-note", "PUT /clients/{client_id}/notes/{note_id}",
         PSYCHOTHERAPY_NOTE_CONFLICT, x_note(lambda w: w.psychotherapy_note),
         lambda w: {"body": "edited"}),
    Case("addendum-on-draft", "POST /clients/{client_id}/notes/{note_id}/addenda",
         STATE_CONFLICT, x_note(lambda w: w.draft_note), lambda w: {"body": marker("add")}),
    Case("get-psychotherapy-note", "GET /clients/{client_id}/notes/{note_id}",
         PSYCHOTHERAPY_NOTE_READ, x_note(lambda w: w.psychotherapy_note)),
    Case("create-psychotherapy-note", "POST /clients/{client_id}/notes", NOTE_WRITE, x,
         lambda w: {"kind": "psychotherapy", "body": marker("process")}),
    # One's own process notes: an empty list, or a refusal, for those who may see the chart;
    # 404 for those who may not know the client exists.
    # The chart as a FHIR download: the treating care team alone (not the owner off the team,
    # supervisors or the front desk); with the caller's own psychotherapy notes, the same.
    Case("chart-fhir", "GET /clients/{client_id}/fhir", CHART_EXPORT, x),
    Case("chart-fhir-own-process-notes",
         "GET /clients/{client_id}/fhir?own_psychotherapy_notes=true", CHART_EXPORT, x),
    Case("list-psychotherapy-notes", "GET /clients/{client_id}/psychotherapy-notes",
         expect(owner={200, 403}, treating=200, teammate=200, unrelated=404,
                supervisor={200, 403}, unrelated_supervisor=404, billing={200, 403}),
         x),
    Case("break-glass", "POST /clients/{client_id}/break-glass",
         expect(owner=403, treating=403, teammate=201, unrelated=201, supervisor=403,
                unrelated_supervisor=404, billing=403),
         lambda w: {"client_id": w.g},
         lambda w: {"reason": "Synthetic emergency: client in crisis."}),
    # The intake form editor (practice:intake-form:manage): the owner's alone, to open and to
    # publish; a version with every built-in section, so later packets ask what they did.
    Case("intake-form", "GET /practice/intake-form", owner_only(200)),
    Case("publish-intake-form", "POST /practice/intake-form/versions", owner_only(201),
         body=lambda w: {"title": "Matrix intake", "questions": "",
                         "sections": ["contacts", "emergency_contact", "insurance", "referral",
                                      "presenting_concern"]}),
    Case("review-queue", "GET /reviews/break-glass", owner_only(200)),
    Case("complete-review", "POST /reviews/break-glass/{grant_id}", owner_only(204),
         lambda w: {"grant_id": w.fresh_grant()},
         lambda w: {"comment": "Reviewed: covering clinician, justified."}),
    Case("audit-events", "GET /audit/events", owner_only(200)),
    Case("audit-verify", "POST /audit/verify", owner_only(200)),
    Case("list-users", "GET /users", owner_only(200)),
    Case("add-user", "POST /users", owner_only(201),
         body=lambda w: {"username": f"staff-{secrets.token_hex(4)}",
                         "display_name": "New Staff (test)", "role": "billing",
                         "password": "orchid-meadow-tandem-552"}),
    Case("update-user", "PATCH /users/{user_id}", owner_only(200), World.fresh_staff,
         lambda w: {"display_name": "Renamed Staff (test)"}),
    Case("reset-user-mfa", "POST /users/{user_id}/mfa-reset", owner_only(204),
         World.fresh_staff),
    Case("deactivate-user", "POST /users/{user_id}/deactivation", owner_only(204),
         World.fresh_staff),
    Case("settings", "PUT /settings", owner_only(204), body=lambda w: {"mfa_required": False}),
    Case("assign-care-team", "POST /clients/{client_id}/care-team", owner_only(201),
         lambda w: {"client_id": w.fresh_client()},
         lambda w: {"user_id": w.practice.user_id("clinician2")}),
    Case("end-care-team", "DELETE /clients/{client_id}/care-team/{membership_id}",
         owner_only(204), World.fresh_membership),
    # Consent versions and the jurisdiction: practice:consent:manage, the owner's alone.
    Case("list-consent-versions", "GET /consent/versions", owner_only(200)),
    Case("create-consent-draft", "POST /consent/versions", owner_only(201)),
    Case("get-consent-version", "GET /consent/versions/{version_id}", owner_only(200),
         lambda w: {"version_id": w.first_consent_version}),
    Case("update-consent-draft", "PUT /consent/versions/{version_id}", owner_only(204),
         World.fresh_consent_draft, World.consent_document),
    Case("review-consent-version", "POST /consent/versions/{version_id}/review",
         owner_only(204), World.fresh_consent_draft, World.consent_review),
    Case("publish-consent-version", "POST /consent/versions/{version_id}/publish",
         owner_only(204), World.fresh_reviewed_consent_draft),
    # Printed on every form, so any staff member may read it; only the owner changes it.
    Case("get-jurisdiction", "GET /settings/jurisdiction", EVERYONE_200),
    Case("set-jurisdiction", "PUT /settings/jurisdiction", owner_only(204),
         body=lambda w: {"code": "generic"}),
    # One client's consent, optional consents, contact preferences and portal invitation.
    Case("consent-status", "GET /clients/{client_id}/consent", CONSENT_READ, x),
    Case("consent-form", "GET /clients/{client_id}/consent/form", CONSENT_READ, x),
    Case("consent-form-pdf", "GET /clients/{client_id}/consent/form.pdf", CONSENT_READ, x),
    Case("sign-consent", "POST /clients/{client_id}/consent/signatures", CONSENT_SIGN, x,
         World.signature),
    Case("list-signatures", "GET /clients/{client_id}/consent/signatures", CONSENT_READ, x),
    Case("signed-consent-text",
         "GET /clients/{client_id}/consent/signatures/{signature_id}/text", CONSENT_READ,
         World.fresh_consent_signature),
    Case("get-preferences", "GET /clients/{client_id}/preferences", CONSENT_READ, x),
    Case("update-preferences", "PUT /clients/{client_id}/preferences", PREFERENCES_WRITE, x,
         lambda w: {"telehealth": "granted", "recording": "refused", "voicemail": True,
                    "reminder_phone": "555 0100 123"}),
    Case("invite-to-portal", "POST /clients/{client_id}/portal-invitations", PORTAL_INVITE, x),
    # Intake packets (docs/intake.md): sent as the invitation is (one open at a time: a second
    # send meets 409 after the decision), read like notes, reviewed by the care team; reviewing
    # or accepting a packet the client has not submitted is refused (409) after the decision.
    Case("list-intake-packets", "GET /clients/{client_id}/intake-packets", NOTE_READ, x),
    # The front desk may send a packet too (it reads no answer).
    Case("send-intake-packet", "POST /clients/{client_id}/intake-packets",
         expect(owner={201, 409}, treating={201, 409}, teammate={201, 409}, unrelated=404,
                supervisor=403, unrelated_supervisor=404, billing={201, 409}), x),
    Case("review-intake-packet", "POST /clients/{client_id}/intake-packets/{packet_id}/review",
         expect(owner=403, treating=409, teammate=409, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403), World.open_packet),
    Case("accept-intake-contacts",
         "POST /clients/{client_id}/intake-packets/{packet_id}/contacts-acceptance",
         expect(owner=403, treating=409, teammate=409, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403), World.open_packet),
    # Outcome measures (docs/measures.md): read like notes, entered, asked for and reviewed by
    # the care team; billing, front desk and the owner as such are refused everything. Asking
    # for the same instrument while one waits is refused (409) after the decision.
    Case("list-measures", "GET /clients/{client_id}/measures", NOTE_READ, x),
    Case("record-measure", "POST /clients/{client_id}/measures", NOTE_WRITE, x,
         lambda w: {"instrument": "GAD-7", "answers": [1, 1, 1, 1, 1, 1, 1]}),
    Case("list-measure-requests", "GET /clients/{client_id}/measure-requests", NOTE_READ, x),
    Case("request-measure", "POST /clients/{client_id}/measure-requests",
         expect(owner=403, treating={201, 409}, teammate={201, 409}, unrelated=404,
                supervisor=403, unrelated_supervisor=404, billing=403), x,
         lambda w: {"instrument": "PCL-5"}),
    Case("list-safety-flags", "GET /clients/{client_id}/safety-flags", NOTE_READ, x),
    Case("review-safety-flag", "POST /clients/{client_id}/safety-flags/{flag_id}/review",
         TREATING_JUDGMENT, World.fresh_flag),
    # Personal representatives (164.502(g)) and minor-consent findings.
    Case("list-representatives", "GET /clients/{client_id}/representatives", CONSENT_READ, x),
    Case("record-representative", "POST /clients/{client_id}/representatives",
         REPRESENTATIVE_WRITE, x, lambda w: REPRESENTATIVE),
    Case("end-representative",
         "POST /clients/{client_id}/representatives/{representative_id}/end",
         REPRESENTATIVE_END, World.fresh_representative),
    Case("refuse-representative",
         "POST /clients/{client_id}/representatives/{representative_id}/refusal",
         TREATING_JUDGMENT, World.fresh_representative,
         lambda w: {"reason": "Synthetic: the client disclosed abuse by this person."}),
    Case("invite-representative-to-portal",
         "POST /clients/{client_id}/representatives/{representative_id}/portal-invitations",
         PORTAL_INVITE, World.fresh_portal_representative),
    Case("revoke-representative-portal",
         "POST /clients/{client_id}/representatives/{representative_id}/portal-revocation",
         REPRESENTATIVE_END, World.fresh_representative),
    Case("list-minor-consent-findings", "GET /clients/{client_id}/minor-consent-findings",
         CONSENT_READ, x),
    Case("record-minor-consent-finding", "POST /clients/{client_id}/minor-consent-findings",
         expect(owner=403, treating=422, teammate=422, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         x, lambda w: {"ground": "anything", "note": "Synthetic note for the matrix."}),
    Case("withdraw-minor-consent-finding",
         "POST /clients/{client_id}/minor-consent-findings/{finding_id}/withdrawal",
         TREATING_JUDGMENT, World.fresh_finding),
    # Authorizations: a signature quoting a stale hash is refused (409) after the decision.
    Case("list-authorizations", "GET /clients/{client_id}/authorizations", RELEASE_READ, x),
    Case("create-authorization", "POST /clients/{client_id}/authorizations",
         expect(owner=201, treating=201, teammate=201, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         x, lambda w: AuthorizationFactory.data()),
    Case("get-authorization", "GET /clients/{client_id}/authorizations/{authorization_id}",
         RELEASE_READ, World.fresh_authorization),
    Case("signed-authorization-pdf",
         "GET /clients/{client_id}/authorizations/{authorization_id}/signed.pdf", RELEASE_READ,
         World.fresh_authorization),
    Case("sign-authorization",
         "POST /clients/{client_id}/authorizations/{authorization_id}/signature",
         expect(owner=409, treating=409, teammate=409, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_unsigned_authorization, World.authorization_signature),
    Case("revoke-authorization",
         "POST /clients/{client_id}/authorizations/{authorization_id}/revocation",
         RELEASE_PAPERWORK, World.fresh_authorization),
    Case("authorization-expiry-event",
         "POST /clients/{client_id}/authorizations/{authorization_id}/expiry-event",
         RELEASE_PAPERWORK, World.fresh_event_authorization),
    # Disclosures and the accounting of disclosures.
    Case("accounting", "GET /clients/{client_id}/disclosures", RELEASE_READ, x),
    Case("accounting-pdf", "GET /clients/{client_id}/disclosures.pdf", RELEASE_READ, x),
    Case("list-disclosure-requests", "GET /clients/{client_id}/disclosure-requests",
         RELEASE_READ, x),
    Case("request-disclosure", "POST /clients/{client_id}/disclosures", DISCLOSE,
         lambda w: {"client_id": w.x},
         lambda w: authorized_request(w.fresh_authorization()["authorization_id"])),
    Case("get-disclosure", "GET /clients/{client_id}/disclosures/{disclosure_id}", RELEASE_READ,
         World.fresh_disclosure),
    Case("approve-disclosure", "POST /clients/{client_id}/disclosures/{disclosure_id}/approval",
         expect(owner=204, treating=403, teammate=204, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_legal_disclosure, lambda w: {"approve": True, "comment": "Agreed."}),
    Case("release-packet", "POST /clients/{client_id}/disclosures/{disclosure_id}/packet",
         expect(owner=403, treating=200, teammate=200, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_disclosure),
    Case("client-told", "POST /clients/{client_id}/disclosures/{disclosure_id}/client-told",
         RELEASE_PAPERWORK, World.fresh_legal_disclosure,
         lambda w: {"told": True, "note": "Told in the next session."}),
    Case("suspend-in-accounting",
         "POST /clients/{client_id}/disclosures/{disclosure_id}/suspension", owner_only(204),
         World.fresh_oversight_disclosure,
         lambda w: {"until": "2026-06-01", "agency": "Synthetic Oversight Agency",
                    "statement": "An investigation is under way."}),
    Case("disclosure-reviews", "GET /practice/disclosure-reviews", owner_only(200)),
    Case("complete-disclosure-review", "POST /practice/disclosure-reviews/{disclosure_id}",
         owner_only(204), World.fresh_legal_disclosure,
         lambda w: {"comment": "Reviewed: the statute applies."}),
    # De-identified excerpts: the care team alone (psychotherapy notes: their author alone).
    Case("excerpt-preview", "POST /clients/{client_id}/excerpts/preview",
         expect(owner=403, treating=200, teammate=200, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         x, lambda w: {"note_ids": [w.signed_note], "purpose": "consultation"}),
    Case("create-excerpt", "POST /clients/{client_id}/excerpts", NOTE_WRITE, x,
         lambda w: {"note_ids": [w.signed_note], "purpose": "supervision"}),
    Case("create-excerpt-pdf", "POST /clients/{client_id}/excerpts/pdf",
         expect(owner=403, treating=200, teammate=200, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         x, lambda w: {"note_ids": [w.signed_note], "purpose": "teaching"}),
    Case("excerpt-of-psychotherapy-note", "POST /clients/{client_id}/excerpts",
         expect(owner=403, treating=201, teammate=404, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         x, lambda w: {"note_ids": [w.psychotherapy_note], "purpose": "supervision"}),
    # The Notice of Privacy Practices (45 CFR 164.520): the owner's versions; the notice in
    # effect for any staff member (no PHI); a client's acknowledgment as consent records are.
    Case("list-notice-versions", "GET /notice/versions", owner_only(200)),
    Case("create-notice-draft", "POST /notice/versions", owner_only(201)),
    Case("get-notice-version", "GET /notice/versions/{version_id}", owner_only(200),
         World.fresh_notice_draft),
    Case("update-notice-draft", "PUT /notice/versions/{version_id}", owner_only(204),
         World.fresh_notice_draft, World.notice_document),
    Case("review-notice-version", "POST /notice/versions/{version_id}/review", owner_only(204),
         World.fresh_completed_notice_draft, World.notice_review),
    Case("publish-notice-version", "POST /notice/versions/{version_id}/publish",
         owner_only(204), World.fresh_reviewed_notice_draft),
    Case("current-notice", "GET /notice/current", EVERYONE_200),
    Case("client-notice", "GET /clients/{client_id}/notice", CONSENT_READ, x),
    Case("list-notice-records", "GET /clients/{client_id}/notice/acknowledgments",
         CONSENT_READ, x),
    Case("acknowledge-notice", "POST /clients/{client_id}/notice/acknowledgments", CONSENT_SIGN,
         x, lambda w: w.notice_shown() | {"signer_name": "Synthetic Signer"}),
    Case("notice-effort", "POST /clients/{client_id}/notice/efforts", CONSENT_SIGN, x,
         lambda w: w.notice_shown() | {"effort": "Offered in the office.",
                                       "reason": "Declined to sign."}),
    Case("get-disclosure-settings", "GET /settings/disclosures", EVERYONE_200),
    Case("update-disclosure-settings", "PUT /settings/disclosures", owner_only(204),
         body=lambda w: {"disclosure_two_person": True, "accounting_suspension": True}),
    Case("get-reminder-settings", "GET /settings/reminders", EVERYONE_200),
    Case("update-reminder-settings", "PUT /settings/reminders", owner_only(204),
         body=lambda w: {"lead_hours": 24, "quiet_hours_start": "21:00",
                         "quiet_hours_end": "08:00", "may_name_service": False}),
    Case("get-access-history-settings", "GET /settings/access-history", EVERYONE_200),
    Case("update-access-history-settings", "PUT /settings/access-history", owner_only(204),
         body=lambda w: {"process_note_reads_shown": False}),
]

# Closing and destroying charts: the care team discharges; the owner holds, lists and requests
# destruction; another owner approves (docs/permissions.md).
DESTRUCTION = {"basis": "created-in-error", "reason": "Synthetic chart opened in error."}
LIFECYCLE_CASES = [
    Case("chart-lifecycle", "GET /clients/{client_id}/lifecycle", CONSENT_READ, x),
    Case("discharge", "POST /clients/{client_id}/discharge",
         expect(owner=403, treating=200, teammate=200, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_own_client,
         lambda w: {"discharged_on": "2026-03-02", "reason": "Synthetic: goals met."}),
    Case("reopen", "POST /clients/{client_id}/reopening",
         expect(owner=403, treating=204, teammate=204, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_discharged_client, lambda w: {"reason": "Synthetic: returning client."}),
    Case("place-legal-hold", "POST /clients/{client_id}/legal-holds",
         expect(owner=201, treating=403, teammate=403, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_own_client, lambda w: {"reason": "Synthetic litigation hold."}),
    Case("release-legal-hold", "POST /clients/{client_id}/legal-holds/{hold_id}/release",
         expect(owner=204, treating=403, teammate=403, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_hold),
    Case("retention-list", "GET /practice/retention", owner_only(200)),
    Case("request-destruction", "POST /clients/{client_id}/destruction",
         expect(owner=201, treating=403, teammate=403, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_own_client, lambda w: DESTRUCTION),
    # Requested by owner2, so "owner" is the second person; every non-owner is refused.
    Case("approve-destruction", "POST /destruction-requests/{request_id}/approval",
         expect(owner=204, treating=403, teammate=403, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_destruction_request),
]
CASES += LIFECYCLE_CASES

# The right to amend (45 CFR 164.526): requests quote clinical content, so they are read like
# notes; the care team records paper requests and answers (docs/permissions.md).
AMENDMENT_DECIDE = expect(owner=403, treating=204, teammate=204, unrelated=404, supervisor=403,
                          unrelated_supervisor=404, billing=403)
AMENDMENT_PATH = "/clients/{client_id}/amendments/{amendment_id}"
AMENDMENT_CASES = [
    Case("open-amendments", "GET /amendments", EVERYONE_200),
    Case("list-amendments", "GET /clients/{client_id}/amendments", NOTE_READ, x),
    Case("record-paper-amendment", "POST /clients/{client_id}/amendments", NOTE_WRITE, x,
         lambda w: {"target": "details", "change": marker("change"), "reason": marker("why"),
                    "received_on": "2026-03-01"}),
    Case("get-amendment", "GET " + AMENDMENT_PATH, NOTE_READ, World.fresh_amendment),
    Case("extend-amendment", "POST " + AMENDMENT_PATH + "/extension",
         expect(owner=403, treating=200, teammate=200, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_amendment, lambda w: {"reason": marker("why")}),
    Case("answer-amendment", "POST " + AMENDMENT_PATH + "/answer", AMENDMENT_DECIDE,
         World.fresh_amendment, lambda w: {"decision": "accept", "amendment": marker("text")}),
    Case("record-paper-disagreement", "POST " + AMENDMENT_PATH + "/disagreement",
         AMENDMENT_DECIDE, World.fresh_denied_amendment,
         lambda w: {"statement": marker("statement")}),
    Case("rebut-disagreement", "POST " + AMENDMENT_PATH + "/rebuttal", AMENDMENT_DECIDE,
         World.fresh_disputed_amendment, lambda w: {"rebuttal": marker("rebuttal")}),
]
CASES += AMENDMENT_CASES

# Requests for restrictions (45 CFR 164.522(a)): release paperwork, as authorizations are.
RESTRICTION_PATH = "/clients/{client_id}/restrictions/{restriction_id}"
RESTRICTION_CASES = [
    Case("list-restrictions", "GET /clients/{client_id}/restrictions", RELEASE_READ, x),
    Case("record-restriction", "POST /clients/{client_id}/restrictions",
         expect(owner=201, treating=201, teammate=201, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403), x,
         lambda w: {"recipient_kind": "provider", "received_via": "oral",
                    "details": marker("limit")}),
    Case("get-restriction", "GET " + RESTRICTION_PATH, RELEASE_READ, World.fresh_restriction),
    Case("agree-restriction", "POST " + RESTRICTION_PATH + "/agreement", RELEASE_PAPERWORK,
         World.fresh_restriction, lambda w: {}),
    Case("refuse-restriction", "POST " + RESTRICTION_PATH + "/refusal", RELEASE_PAPERWORK,
         World.fresh_restriction, lambda w: {"reason": "We cannot hold this back (synthetic)."}),
    Case("terminate-restriction", "POST " + RESTRICTION_PATH + "/termination",
         RELEASE_PAPERWORK, World.fresh_agreed_restriction,
         lambda w: {"ended_by": "practice", "note": "Told the client by letter (synthetic)."}),
]
CASES += RESTRICTION_CASES

# The problem list and the treatment plan (docs/treatment-plans.md): read like notes (never
# billing, never the owner off the team), written and signed by the treating care team.
PLAN_PATH = "/clients/{client_id}/plans/{revision_id}"
PROBLEM_PATH = "/clients/{client_id}/problems/{problem_id}"
TREATMENT_CASES = [
    Case("search-diagnosis-codes", "GET /diagnosis-codes?q=F41", EVERYONE_200),
    Case("list-problems", "GET /clients/{client_id}/problems", NOTE_READ, x),
    Case("add-problem", "POST /clients/{client_id}/problems", NOTE_WRITE,
         lambda w: w.fresh_own_client(), lambda w: {"code": "F32.1"}),
    Case("resolve-problem", "POST " + PROBLEM_PATH + "/resolution", TREATING_JUDGMENT,
         World.fresh_problem, lambda w: {"resolved_on": "2026-03-01"}),
    Case("make-problem-primary", "POST " + PROBLEM_PATH + "/primary", TREATING_JUDGMENT,
         World.fresh_problem),
    Case("list-plan-revisions", "GET /clients/{client_id}/plans", NOTE_READ, x),
    Case("save-plan", "POST /clients/{client_id}/plans", NOTE_WRITE, x,
         lambda w: plan_body("F41.1")),
    Case("get-plan-revision", "GET " + PLAN_PATH, NOTE_READ, World.fresh_plan_revision),
    # The hash of no text: an allowed signer meets 409 after the decision.
    Case("sign-plan", "POST " + PLAN_PATH + "/signature",
         expect(owner=403, treating=409, teammate=409, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         World.fresh_plan_revision, lambda w: {"text_sha256": "0" * 64}),
    Case("get-note-goals", "GET /clients/{client_id}/notes/{note_id}/goals", NOTE_READ,
         x_note(lambda w: w.signed_note)),
    # A draft is its author's alone: to a team-mate it answers as no note at all.
    Case("set-note-goals", "PUT /clients/{client_id}/notes/{note_id}/goals",
         expect(owner=403, treating=204, teammate=404, unrelated=404, supervisor=403,
                unrelated_supervisor=404, billing=403),
         x_note(lambda w: w.fresh_draft()), lambda w: {"goal_ids": []}),
]
CASES += TREATMENT_CASES

# (case name, caller) -> the reason, for statuses that are wrong because of a known bug in src.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def matrix() -> list[Any]:
    return [
        pytest.param(
            case,
            caller,
            id=f"{case.name}-{caller}",
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[case.name, caller])]
            if (case.name, caller) in KNOWN_BUGS
            else [],
        )
        for case in CASES
        for caller in CALLERS
    ]


@pytest.mark.parametrize(("case", "caller"), matrix())
def test_endpoint_answers_expected_status_when_called_by_role(
    world: World, case: Case, caller: str
) -> None:
    method, path, body = case.request(world)
    response = world.api.call(method, path, CALLERS[caller], body)
    assert response.status_code in case.expected[caller], response.text
    assert response.headers["Cache-Control"] == "no-store"  # nothing clinical lingers in caches
    if response.status_code >= 400:
        for secret in world.secrets:
            assert secret not in response.text
        assert response.json()["detail"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("who", UNAUTHENTICATED)
def test_endpoint_answers_401_when_not_signed_in(world: World, case: Case, who: str) -> None:
    method, path, body = case.request(world)
    response = world.api.call(method, path, who, body)
    assert response.status_code == 401
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["WWW-Authenticate"] == "Bearer"
    for secret in world.secrets:
        assert secret not in response.text


# --- what the allowed answers contain ----------------------------------------------------------
SEES_X = {"owner", "treating", "teammate", "supervisor", "billing"}
SEES_W = {"owner", "unrelated", "billing"}


@pytest.mark.parametrize("caller", CALLERS)
def test_client_list_holds_only_visible_clients_when_listed_by_role(
    world: World, caller: str
) -> None:
    who = CALLERS[caller]
    listed = world.api.get("/clients", who)
    assert listed.status_code == 200
    ids = {c["id"] for c in world.api.get_all("/clients", who)}
    assert (world.x in ids) is (caller in SEES_X)
    assert (world.w in ids) is (caller in SEES_W)
    for client_id in ids:  # whatever is listed, the caller may open
        assert world.api.get(f"/clients/{client_id}", who).status_code == 200
    found = world.api.post("/clients/search", who, {"name": world.x_data["family_name"]})
    assert found.status_code == 200
    assert ({c["id"] for c in found.json()["items"]} == {world.x}) is (caller in SEES_X)
    if caller not in SEES_X:
        assert found.json()["items"] == []
        for secret in world.secrets:
            assert secret not in listed.text + found.text


@pytest.mark.parametrize("caller", CALLERS)
def test_psychotherapy_note_readable_by_author_alone(world: World, caller: str) -> None:
    who = CALLERS[caller]
    process_text = world.process_text
    response = world.api.get(note_path(world, world.psychotherapy_note), who)
    listed = world.api.get(f"/clients/{world.x}/psychotherapy-notes", who)
    if caller == "treating":
        assert response.status_code == 200
        assert response.json()["body"] == process_text
        assert response.json()["kind"] == "psychotherapy"
        assert world.psychotherapy_note in {n["id"] for n in listed.json()["items"]}
        assert {n["author_id"] for n in listed.json()["items"]} == {
            world.practice.user_id(who)}
        return
    assert response.status_code in (403, 404)
    assert process_text not in response.text
    assert process_text not in listed.text
    if listed.status_code == 200:
        assert all(n["author_id"] == world.practice.user_id(who)
                   for n in listed.json()["items"])


@pytest.mark.parametrize("caller", ["treating", "teammate"])
def test_chart_fhir_holds_only_the_callers_own_process_notes_when_asked(
        world: World, caller: str) -> None:
    path = f"/clients/{world.x}/fhir"
    plain = world.api.get(path, CALLERS[caller])
    own = world.api.get(f"{path}?own_psychotherapy_notes=true", CALLERS[caller])
    for response in (plain, own):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/fhir+json")
        validated(response.json())
        assert world.x_data["family_name"] not in response.headers["content-disposition"]
        assert world.signed_text in readable(response.json())
        assert world.draft_text not in readable(response.json())
    assert world.process_text not in readable(plain.json())
    # clinician1 wrote X's psychotherapy note; the team-mate's export never holds it.
    assert (world.process_text in readable(own.json())) is (caller == "treating")


def test_psychotherapy_notes_never_in_progress_note_list(world: World) -> None:
    listed = world.api.get(f"/clients/{world.x}/notes", "clinician1")
    assert listed.status_code == 200
    assert world.psychotherapy_note not in {n["id"] for n in listed.json()["items"]}
    assert all(n["kind"] == "progress" for n in listed.json()["items"])


@pytest.mark.parametrize("caller", ["treating", "teammate", "supervisor"])
def test_draft_listed_to_its_author_alone(world: World, caller: str) -> None:
    listed = world.api.get(f"/clients/{world.x}/notes", CALLERS[caller])
    assert listed.status_code == 200
    ids = {n["id"] for n in listed.json()["items"]}
    assert world.signed_note in ids
    assert (world.draft_note in ids) is (caller == "treating")


def test_billing_sees_appointments_without_clinical_content(world: World) -> None:
    response = world.api.get(f"/clients/{world.x}/appointments", "billing")
    assert response.status_code == 200
    booked = next(a for a in response.json()["items"] if a["id"] == world.appointment)
    assert booked["cpt_code"] == "90834"
    for text in world.chart_texts:
        assert text not in response.text


def test_note_refused_when_asked_for_under_another_client(world: World) -> None:
    response = world.api.get(f"/clients/{world.g}/notes/{world.signed_note}", "clinician1")
    assert response.status_code == 404
    assert world.signed_text not in response.text


# Routes with tests of their own (test_sign_in.py); every other route must be in CASES.
ROUTES_TESTED_ELSEWHERE = {"POST /auth/token", "POST /auth/signout", "POST /auth/password"}


def test_matrix_covers_every_api_route(world: World) -> None:
    document = world.api.client.get("/api/v1/openapi.json").json()
    declared = {
        f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, operations in document["paths"].items()
        # Clients' own routes under /api/v1/portal/ are covered by the portal's isolation tests.
        if path.startswith("/api/v1/") and not path.startswith("/api/v1/portal/")
        for method in operations
    }
    assert len(declared) > 20
    # A route may be called more than once with different queries ("GET /calendar?scope=...").
    assert declared - ROUTES_TESTED_ELSEWHERE == {case.route.split("?")[0] for case in CASES}
