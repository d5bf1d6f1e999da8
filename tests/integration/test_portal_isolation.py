"""Portal isolation, on SQLite and PostgreSQL: between two clients, and between clients and staff.

The world (one practice per database, shared by this module; the clock never moves here):
  client A  clinician1's client: a signed note with an addendum, a draft, a psychotherapy note
            and an appointment. clinician1 opens the chart and the note; clinician2 breaks the
            glass on A with a stated reason and reads the chart.
  client B  clinician3's client with the same kinds of records; clinician3 (on B's team only)
            opens B's chart.
Each client is invited, accepts in a browser (their own cookie jar) and holds an API token.
Every free-text value is a unique marker, so "B's data never appears to A" is a string search.
"""

from __future__ import annotations

import dataclasses
import io
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from pypdf import PdfReader

from closeddoor.errors import NotFound, PolicyDenied
from tests.factories import (
    AuthorizationFactory,
    ClientFactory,
    NoteFactory,
    Practice,
    PracticeFactory,
    marker,
)
from tests.factories.treatment import TreatmentFactory
from tests.integration.fhir_helpers import readable, validated
from tests.integration.helpers import sql
from tests.mailbox import link_path, mail_server
from tests.portal.helpers import CLIENT_PASSWORD, PortalBrowser, hidden_value, invite, portal_client

PORTAL_PAGES = ("/portal", "/portal/consent", "/portal/consent.pdf", "/portal/record",
                "/portal/record.json", "/portal/record.pdf", "/portal/record.fhir.json",
                "/portal/preferences",
                "/portal/access-history", "/portal/security", "/portal/authorizations",
                "/portal/disclosures", "/portal/disclosures.pdf", "/portal/amendments",
                "/portal/notice", "/portal/notice.pdf", "/portal/sessions", "/portal/intake",
                "/portal/restrictions", "/portal/measures", "/portal/plan")
PORTAL_API = ("/api/v1/portal/me/record", "/api/v1/portal/me/record/fhir",
              "/api/v1/portal/me/consent", "/api/v1/portal/me/consent/signatures",
              "/api/v1/portal/me/preferences", "/api/v1/portal/me/notice/acknowledgments",
              "/api/v1/portal/me/access-history",
              "/api/v1/portal/me/authorizations", "/api/v1/portal/me/disclosures",
              "/api/v1/portal/me/amendments", "/api/v1/portal/me/notice",
              "/api/v1/portal/me/restrictions", "/api/v1/portal/me/sessions",
              "/api/v1/portal/me/intake-packets", "/api/v1/portal/me/plan")
# Pages anyone may open: signing in, accepting an invitation, "forgot password" and its reset
# link, and the portal's not-found page.
PUBLIC = {"GET /signin", "POST /signin", "GET /portal/signin", "POST /portal/signin",
          "GET /portal/invite/{token}", "POST /portal/invite/{token}", "GET /portal/{path:path}",
          "GET /portal/forgot-password", "POST /portal/forgot-password",
          "GET /portal/reset/{token}", "POST /portal/reset/{token}",
          # The Notice of Privacy Practices is given to anyone who asks (164.520(c)(1)(i)(C)):
          # the same text for every client, no PHI (docs/notice-of-privacy-practices.md).
          "GET /notice", "GET /notice.pdf"}
# Portal API routes that take no token at all (the answer never depends on who asks).
PUBLIC_API = {("POST", "/api/v1/portal/token"), ("POST", "/api/v1/portal/password-reset"),
              ("POST", "/api/v1/portal/password-reset/confirmation")}


@dataclass
class Person:
    """One client: ids, every marker of their chart, a signed-in browser and an API token."""

    client_id: str
    username: str
    markers: dict[str, str]
    note_id: str
    amendment_id: str
    browser: PortalBrowser
    token: str
    secrets: list[str] = field(default_factory=list)
    packet_id: str = ""  # an intake packet with a draft answer (texts["concern"])
    appointment_id: str = ""  # an upcoming session in texts["room"]
    restriction_id: str = ""
    measure_request_id: str = ""  # a check-in (PHQ-9) the practice asked of this client
    plan_revision_id: str = ""  # a treatment plan their clinician signed (texts["goal"])

    def api(self, method: str, path: str, json: Any = None) -> Any:
        return self.browser.http.request(method, path, json=json,
                                         headers={"Authorization": f"Bearer {self.token}"})

    @property
    def session(self) -> str:
        return str(self.browser.http.cookies.get("cd_portal"))


@dataclass
class World:
    practice: Practice
    a: Person
    b: Person
    glass_reason: str


def _person(practice: Practice, username: str, clinician: str) -> Person:
    names = ("given", "family", "mail", "signed", "addendum", "draft", "process", "room",
             "change", "why", "explanation", "concern",
             "limit", "goal")
    texts = {name: marker(name) for name in names}
    texts["room"] = texts["room"][:20]
    client = portal_client(practice, username, clinician, given_name=texts["given"],
                           family_name=texts["family"], email=f"{texts['mail']}@example.org")
    signed = NoteFactory.progress(practice, client.client_id, clinician, body=texts["signed"])
    NoteFactory.addendum(practice, client.client_id, signed, clinician, body=texts["addendum"])
    NoteFactory.progress(practice, client.client_id, clinician, body=texts["draft"], sign=False)
    NoteFactory.psychotherapy(practice, client.client_id, clinician, body=texts["process"])
    appointment_id = practice.services.charts.create_appointment(
        practice.actor(clinician), client.client_id, {
            "starts_at": datetime(2026, 3, 9, 10, tzinfo=UTC), "room": texts["room"],
            "cpt_code": "90834", "fee_cents": 15000})
    # An intake packet with a draft answer: the client's alone until they submit it.
    packet_id = practice.services.intake.send(practice.actor(clinician), client.client_id)
    practice.services.intake.save_draft(
        practice.services.portal.sign_in(username, CLIENT_PASSWORD,
                                         address="192.0.2.7").principal,
        packet_id, "presenting_concern", {"presenting_concern": texts["concern"]})
    # A request to amend the signed note (164.526), denied: its words are this client's alone.
    asked = client.browser.http.post("/api/v1/portal/token", json={
        "username": username, "password": CLIENT_PASSWORD}).json()["access_token"]
    made = client.browser.http.post("/api/v1/portal/me/amendments", json={
        "target": "note", "note_id": signed, "change": texts["change"], "reason": texts["why"]},
        headers={"Authorization": f"Bearer {asked}"})
    assert made.status_code == 201, made.text
    practice.services.amendments.answer(practice.actor(clinician), client.client_id,
                                        made.json()["id"], {
        "decision": "deny", "ground": "accurate-and-complete",
        "explanation": texts["explanation"]})
    # A request to limit what goes to a named person (164.522(a)), agreed.
    limited = client.browser.http.post("/api/v1/portal/me/restrictions", json={
        "recipient_kind": "named", "recipient_name": "Robin Relative", "details": texts["limit"]},
        headers={"Authorization": f"Bearer {asked}"})
    assert limited.status_code == 201, limited.text
    practice.services.restrictions.agree(practice.actor(clinician), client.client_id,
                                         limited.json()["id"], {})
    # A treatment plan signed by the clinician, waiting for the client's signature.
    plan_revision_id = TreatmentFactory.plan(practice, client.client_id, who=clinician,
                                             sign=True, goal_text=texts["goal"])
    response = client.browser.http.post("/api/v1/portal/token", json={
        "username": username, "password": CLIENT_PASSWORD})
    assert response.status_code == 200, response.text
    # A check-in (PHQ-9) asked of the client (docs/measures.md).
    measure_request_id = practice.services.measures.request(practice.actor(clinician),
                                                            client.client_id, "PHQ-9")
    return Person(client.client_id, username, texts, signed, made.json()["id"], client.browser,
                  response.json()["access_token"],
                  [texts[n] for n in names] + [f"{texts['mail']}@example.org"],
                  packet_id, appointment_id, limited.json()["id"], measure_request_id,
                  plan_revision_id)


@pytest.fixture(scope="module")
def world(module_database_url: str,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    practice = PracticeFactory.create(module_database_url, tmp_path_factory.mktemp("portal"))
    a = _person(practice, "client.a", "clinician1")
    b = _person(practice, "client.b", "clinician3")
    services = practice.services
    services.charts.get_client(practice.actor("clinician1"), a.client_id)
    services.notes.get_note(practice.actor("clinician1"), a.client_id, a.note_id)
    reason = f"Synthetic emergency cover {marker('why')}"
    services.break_glass.open(practice.actor("clinician2"), a.client_id, reason)
    services.charts.get_client(practice.actor("clinician2"), a.client_id)
    services.charts.get_client(practice.actor("clinician3"), b.client_id)
    yield World(practice, a, b, reason)
    for person in (a, b):
        person.browser.http.close()
    practice.close()


def visible(response: Any) -> str:
    """What a response shows: its text, the text inside a PDF, or a FHIR Bundle with its
    attachments decoded (validated with fhir.resources on the way)."""
    if response.headers.get("content-type") == "application/pdf":
        pages = PdfReader(io.BytesIO(response.content)).pages
        return " ".join(page.extract_text() or "" for page in pages)
    if response.headers.get("content-type") == "application/fhir+json":
        validated(response.json())
        return readable(response.json())
    return str(response.text)


def pairs(world: World) -> list[tuple[Person, Person]]:
    return [(world.a, world.b), (world.b, world.a)]


# --- client against client ------------------------------------------------------------------------
def test_no_portal_route_takes_a_client_id(world: World) -> None:
    app = world.a.browser.http.app
    for route in iter_route_contexts(app.routes):  # type: ignore[attr-defined]
        path = route.path or ""
        if path.startswith(("/portal", "/api/v1/portal")):
            # An authorization or signature id is looked up among the signed-in client's own alone.
            # So is an amendment request's id (164.526), an intake packet's, an upcoming
            # session's and a check-in's (a measure request, docs/measures.md).
            assert set(re.findall(r"{(\w+)", path)) <= {"token", "path", "authorization_id",
                                                               "signature_id",
                                                               "amendment_id", "packet_id",
                                                               "restriction_id",
                                                               "appointment_id",
                                                               "request_id", "revision_id"}, path


@pytest.mark.parametrize("path", PORTAL_PAGES)
def test_portal_page_shows_only_the_signed_in_clients_data(world: World, path: str) -> None:
    for me, other in pairs(world):
        response = me.browser.get(path)
        assert response.status_code == 200, path
        shown = visible(response)
        for secret in other.secrets:
            assert secret not in shown, (path, secret)
        assert me.markers["process"] not in shown and me.markers["draft"] not in shown
        if path.startswith("/portal/record"):
            assert me.markers["signed"] in shown and me.markers["room"] in shown


@pytest.mark.parametrize("path", PORTAL_API)
def test_portal_api_shows_only_the_token_holders_data(world: World, path: str) -> None:
    for me, other in pairs(world):
        response = me.api("GET", path)
        assert response.status_code == 200, path
        shown = visible(response)
        for secret in other.secrets:
            assert secret not in shown, (path, secret)
        assert me.markers["process"] not in shown
        assert me.markers["draft"] not in shown


def test_smuggled_client_id_is_ignored_when_signing_on_the_page(world: World) -> None:
    a, b, services = world.a, world.b, world.practice.services
    page = a.browser.get("/portal/consent").text
    response = a.browser.post(f"/portal/consent/sign?client_id={b.client_id}", {
        "client_id": b.client_id, "version_id": hidden_value(page, "version_id"),
        "text_sha256": hidden_value(page, "text_sha256"), "signer_name": "Synthetic A",
        "has_read": "yes"})
    assert response.status_code == 200
    owner = world.practice.actor("owner")
    assert services.consent.signatures(owner, b.client_id) == []
    assert [s.signer_name for s in services.consent.signatures(owner, a.client_id)] == [
        "Synthetic A"]


def test_smuggled_client_id_is_ignored_when_choosing_on_the_page(world: World) -> None:
    a, b, services = world.a, world.b, world.practice.services
    response = a.browser.post(f"/portal/preferences?client_id={b.client_id}", {
        "client_id": b.client_id, "telehealth": "refused", "email_reminders": "yes",
        "reminder_email": "a-only@example.org"})
    assert response.status_code == 200
    owner = world.practice.actor("owner")
    assert services.consent.preferences(owner, b.client_id).to_json()["telehealth"] == (
        "unanswered")
    assert services.consent.preferences(owner, a.client_id).reminder_email == (
        "a-only@example.org")


def test_smuggled_client_id_is_refused_by_the_api(world: World) -> None:
    a, b, services = world.a, world.b, world.practice.services
    consent = a.api("GET", "/api/v1/portal/me/consent").json()["form"]
    signing = a.api("POST", "/api/v1/portal/me/consent/signatures", {
        "client_id": b.client_id, "version_id": consent["version_id"],
        "text_sha256": consent["text_sha256"], "signer_name": "Synthetic A"})
    choosing = a.api("PUT", "/api/v1/portal/me/preferences",
                     {"client_id": b.client_id, "telehealth": "granted"})
    assert (signing.status_code, choosing.status_code) == (422, 422)
    owner = world.practice.actor("owner")
    assert services.consent.signatures(owner, b.client_id) == []
    assert services.consent.preferences(owner, b.client_id).telehealth == "unanswered"


def test_another_clients_amendment_request_is_never_shown_or_answered(world: World) -> None:
    # 45 CFR 164.526: a client reads and disagrees with their own requests only; another
    # client's request id answers exactly as a random one, by page and by API, and changes
    # nothing.
    services = world.practice.services
    for me, other in pairs(world):
        for path in (f"/api/v1/portal/me/amendments/{other.amendment_id}",
                     f"/api/v1/portal/me/amendments/{uuid.uuid4()}"):
            response = me.api("GET", path)
            assert response.status_code == 404, path
            for secret in other.secrets:
                assert secret not in response.text
        filed = me.api("POST", f"/api/v1/portal/me/amendments/{other.amendment_id}/disagreement",
                       {"statement": "Synthetic: not mine to file."})
        assert filed.status_code == 404
        page = me.browser.post(f"/portal/amendments/{other.amendment_id}/disagreement",
                               {"statement": "Synthetic: not mine to file."})
        assert page.status_code == 404
        for secret in other.secrets:
            assert secret not in page.text
        # Nor may they ask that another client's request and denial travel (164.526(d)(5)(ii)).
        travel = me.api("POST", f"/api/v1/portal/me/amendments/{other.amendment_id}/travel")
        assert travel.status_code == 404
        travel_page = me.browser.post(f"/portal/amendments/{other.amendment_id}/travel", {})
        assert travel_page.status_code == 404
        for secret in other.secrets:
            assert secret not in travel_page.text
        asked = me.api("POST", "/api/v1/portal/me/amendments", {
            "target": "note", "note_id": other.note_id, "change": "x", "reason": "y"})
        assert asked.status_code == 422  # not a note of their record: nothing written
        smuggled = me.api("POST", "/api/v1/portal/me/amendments", {
            "target": "details", "change": "x", "reason": "y", "client_id": other.client_id})
        assert smuggled.status_code == 422
        treating = world.practice.actor("clinician1" if other is world.a else "clinician3")
        untouched = services.amendments.get(treating, other.client_id, other.amendment_id)
        assert untouched.disagreement == "" and untouched.travels_asked_at is None
        assert [r.amendment_id for r in services.amendments.list_requests(
            treating, other.client_id)] == [other.amendment_id]


def test_another_clients_restriction_is_never_shown_asked_for_or_ended(world: World) -> None:
    # 45 CFR 164.522(a): a client reads, asks for and ends their own restrictions only; another
    # client's restriction id answers exactly as a random one and changes nothing.
    services = world.practice.services
    for me, other in pairs(world):
        for path in (f"/api/v1/portal/me/restrictions/{other.restriction_id}",
                     f"/api/v1/portal/me/restrictions/{uuid.uuid4()}"):
            response = me.api("GET", path)
            assert response.status_code == 404, path
            for secret in other.secrets:
                assert secret not in response.text
        ended = me.api("POST", f"/api/v1/portal/me/restrictions/{other.restriction_id}/termination")
        assert ended.status_code == 404
        smuggled = me.api("POST", "/api/v1/portal/me/restrictions", {
            "recipient_kind": "family", "details": "Synthetic.", "client_id": other.client_id})
        assert smuggled.status_code == 422
        treating = world.practice.actor("clinician1" if other is world.a else "clinician3")
        views = services.restrictions.list_restrictions(treating, other.client_id)
        assert [(v.restriction_id, v.status.value) for v in views] == [
            (other.restriction_id, "agreed")]


def test_another_clients_plan_is_never_shown_or_signed(world: World) -> None:
    # A plan revision id is looked up among the signed-in client's own: another client's answers
    # exactly as a random one, on the API and the page, and nothing is signed.
    services = world.practice.services
    for me, other in pairs(world):
        mine = me.api("GET", "/api/v1/portal/me/plan")
        assert mine.status_code == 200 and me.markers["goal"] in mine.text
        shown = services.plans.get(world.practice.actor(
            "clinician1" if other is world.a else "clinician3"), other.client_id,
            other.plan_revision_id)
        for revision_id in (other.plan_revision_id, str(uuid.uuid4())):
            signed = me.api("POST", f"/api/v1/portal/me/plan/{revision_id}/signature", {
                "text_sha256": shown.text_sha256, "signer_name": "Synthetic Smuggler"})
            assert signed.status_code == 404, signed.text
            for secret in other.secrets:
                assert secret not in signed.text
        page = me.browser.get("/portal/plan").text
        posted = me.browser.post(f"/portal/plan/{other.plan_revision_id}/signature", {
            "csrf_token": hidden_value(page, "csrf_token"), "text_sha256": shown.text_sha256,
            "signer_name": "Synthetic Smuggler", "confirm": "yes"})
        assert posted.status_code == 404
        smuggled = me.api("POST", f"/api/v1/portal/me/plan/{me.plan_revision_id}/signature", {
            "text_sha256": shown.text_sha256, "signer_name": "Synthetic Smuggler",
            "client_id": other.client_id})
        assert smuggled.status_code == 422
        assert services.plans.get(world.practice.actor(
            "clinician1" if other is world.a else "clinician3"), other.client_id,
            other.plan_revision_id).state == "awaiting-client"


def test_smuggled_client_id_is_refused_when_acknowledging_the_notice(world: World) -> None:
    a, b, services = world.a, world.b, world.practice.services
    notice = a.api("GET", "/api/v1/portal/me/notice").json()["notice"]
    smuggled = a.api("POST", "/api/v1/portal/me/notice/acknowledgments", {
        "client_id": b.client_id, "version_id": notice["version_id"],
        "text_sha256": notice["text_sha256"]})
    assert smuggled.status_code == 422
    page = a.browser.get("/portal/notice").text
    posted = a.browser.post(f"/portal/notice/acknowledge?client_id={b.client_id}", {
        "version_id": notice["version_id"], "text_sha256": notice["text_sha256"],
        "has_read": "yes", "client_id": b.client_id})
    assert posted.status_code in (200, 303), posted.text
    assert "csrf" in page.lower()
    owner = world.practice.actor("owner")
    assert services.notice.records(owner, b.client_id) == []
    assert [r.kind for r in services.notice.records(owner, a.client_id)] == ["acknowledged"]


def test_signed_authorization_copy_is_the_signers_alone(world: World) -> None:
    """164.508(c)(4): the client gets a copy of what they signed, in the portal (page and API);
    another client's id answers exactly as a random one does, and nothing of it is shown."""
    a, b = world.a, world.b
    theirs = AuthorizationFactory.create(world.practice, b.client_id, "clinician3")
    unsigned = AuthorizationFactory.create(world.practice, a.client_id, sign=False)
    mine = AuthorizationFactory.create(world.practice, a.client_id)
    for path in (f"/portal/authorizations/{mine}/signed.pdf",
                 f"/api/v1/portal/me/authorizations/{mine}/signed.pdf"):
        response = (a.browser.http.get(path) if path.startswith("/portal")
                    else a.api("GET", path))
        assert response.status_code == 200, path
        shown = visible(response)
        assert "Your right to revoke" in shown and "Alex Synthetic" in shown
        assert a.markers["given"] in shown
        assert b.markers["given"] not in shown
    for other in (theirs, unsigned, str(uuid.uuid4())):
        page = a.browser.http.get(f"/portal/authorizations/{other}/signed.pdf")
        api = a.api("GET", f"/api/v1/portal/me/authorizations/{other}/signed.pdf")
        assert (page.status_code, api.status_code) == (404, 404), other
        for secret in b.secrets:
            assert secret not in page.text + api.text


def test_another_clients_intake_packet_is_never_shown_or_filled(world: World) -> None:
    for me, other in pairs(world):
        own = me.browser.get(f"/portal/intake/{me.packet_id}?page=presenting_concern")
        assert own.status_code == 200 and me.markers["concern"] in own.text
        page = me.browser.get(f"/portal/intake/{other.packet_id}?page=presenting_concern")
        saved = me.browser.post(f"/portal/intake/{other.packet_id}", {
            "page": "presenting_concern", "action": "save", "presenting_concern": "Synthetic."})
        sent = me.browser.post(f"/portal/intake/{other.packet_id}", {
            "page": "presenting_concern", "action": "submit", "presenting_concern": "Synthetic."})
        assert (page.status_code, saved.status_code, sent.status_code) == (404, 404, 404)
        for secret in other.secrets:
            assert secret not in page.text + saved.text + sent.text


def test_another_clients_check_in_is_never_shown_or_completed(world: World) -> None:
    services = world.practice.services
    for me, other in pairs(world):
        listed = me.browser.get("/portal/measures")
        assert listed.status_code == 200
        assert f"/portal/measures/{me.measure_request_id}" in listed.text
        assert other.measure_request_id not in listed.text
        page = me.browser.get(f"/portal/measures/{other.measure_request_id}")
        sent = me.browser.post(f"/portal/measures/{other.measure_request_id}",
                               {f"item_{n}": "0" for n in range(1, 10)})
        assert (page.status_code, sent.status_code) == (404, 404)
        for secret in other.secrets:
            assert secret not in page.text + sent.text
    # Nothing was recorded for either client by the other.
    for person in (world.a, world.b):
        assert services.measures.client_requests(services.portal.sign_in(
            person.username, CLIENT_PASSWORD, address="192.0.2.8").principal)


def test_another_clients_session_is_never_shown_or_cancelled(world: World) -> None:
    for me, other in pairs(world):
        assert other.appointment_id not in me.browser.get("/portal/sessions").text
        refused = me.browser.post(f"/portal/sessions/{other.appointment_id}/cancel",
                                  {"confirm": "yes"})
        assert refused.status_code == 404
        for secret in other.secrets:
            assert secret not in refused.text
    statuses = {r[0] for r in sql(world.practice, "SELECT status FROM appointments WHERE id IN "
                                  "(:a, :b)", a=world.a.appointment_id, b=world.b.appointment_id)}
    assert statuses == {"scheduled"}


def test_another_clients_packet_is_404_on_the_portal_api(world: World) -> None:
    for me, other in pairs(world):
        own = me.api("GET", f"/api/v1/portal/me/intake-packets/{me.packet_id}")
        assert own.status_code == 200 and own.json()["answers"]["presenting_concern"] == \
            me.markers["concern"]
        listed = me.api("GET", "/api/v1/portal/me/intake-packets").json()["items"]
        assert [p["id"] for p in listed] == [me.packet_id]
        refused = [
            me.api("GET", f"/api/v1/portal/me/intake-packets/{other.packet_id}"),
            me.api("PUT", f"/api/v1/portal/me/intake-packets/{other.packet_id}/draft",
                   {"page": "referral", "answers": {"referral_source": "Other"}}),
            me.api("POST", f"/api/v1/portal/me/intake-packets/{other.packet_id}/submission",
                   {"page": "presenting_concern", "answers": {"presenting_concern": "Synth."}}),
        ]
        assert [r.status_code for r in refused] == [404, 404, 404]
        for secret in other.secrets:
            assert secret not in "".join(r.text for r in refused)
    # Neither packet moved: B's draft is still B's draft, with B's words.
    for person in (world.a, world.b):
        [row] = sql(world.practice, "SELECT status FROM intake_packets WHERE id = :p",
                    p=person.packet_id)
        assert row[0] == "draft"


def test_another_clients_session_is_404_on_the_portal_api(world: World) -> None:
    for me, other in pairs(world):
        mine = me.api("GET", "/api/v1/portal/me/sessions").json()
        assert [s["id"] for s in mine["sessions"]] == [me.appointment_id]
        assert mine["sessions"][0]["place"] == me.markers["room"]
        refused = me.api("POST", f"/api/v1/portal/me/sessions/{other.appointment_id}"
                                 "/cancellation")
        assert refused.status_code == 404
        for secret in other.secrets:
            assert secret not in refused.text
    statuses = {r[0] for r in sql(world.practice, "SELECT status FROM appointments WHERE id IN "
                                  "(:a, :b)", a=world.a.appointment_id, b=world.b.appointment_id)}
    assert statuses == {"scheduled"}


# --- clients against staff, staff against clients ---------------------------------------------
def _routes(world: World, prefix: str = "") -> list[tuple[str, str]]:
    app = world.a.browser.http.app
    found = []
    for route in iter_route_contexts(app.routes):  # type: ignore[attr-defined]
        path, methods = route.path or "", route.methods or set()
        if path.startswith(prefix):
            found += [(method, path) for method in sorted(methods - {"HEAD"})]
    return found


def _fill(path: str, person: Person) -> str:
    values = {"client_id": person.client_id, "note_id": person.note_id}
    return re.sub(r"{(\w+)(:\w+)?}", lambda m: values.get(m.group(1), str(uuid.uuid4())), path)


def test_client_session_never_reaches_a_staff_page(world: World) -> None:
    a = world.a
    staff_pages = [(m, p) for m, p in _routes(world)
                   if not p.startswith(("/api", "/portal", "/static", "/docs"))]
    assert len(staff_pages) > 30
    probe = PortalBrowser(world.practice.services)
    # The portal token under every cookie name a page might read, and the portal's CSRF token.
    probe.http.cookies.set("cd_session", a.session)
    probe.http.cookies.set("cd_portal", a.session)
    for method, template in staff_pages:
        path = _fill(template, a)
        response = probe.http.request(method, path, data={"csrf_token": a.browser.token},
                                      follow_redirects=False)
        if f"{method} {template}" in PUBLIC:
            assert response.status_code in (200, 403), (method, path)
        else:
            assert response.status_code == 303, (method, path, response.status_code)
            assert response.headers["location"] == "/signin", (method, path)
        for secret in a.secrets:
            assert secret not in response.text


def test_client_token_is_refused_by_every_staff_api_route(world: World) -> None:
    a = world.a
    document = a.browser.http.get("/api/v1/openapi.json").json()
    operations = [(method.upper(), path) for path, ops in document["paths"].items()
                  if not path.startswith("/api/v1/portal") for method in ops]
    assert len(operations) > 30
    for token in (a.token, a.session):  # an API token and a web session token alike
        for method, template in operations:
            if (method, template) == ("POST", "/api/v1/auth/token"):
                continue
            response = a.browser.http.request(method, _fill(template, a), json={},
                                              headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 401, (method, template, response.status_code)


def test_client_credentials_do_not_sign_in_as_staff(world: World) -> None:
    http = world.a.browser.http
    response = http.post("/api/v1/auth/token", json={"username": world.a.username,
                                                     "password": CLIENT_PASSWORD})
    assert response.status_code == 401


def test_staff_session_never_reaches_a_portal_page(world: World) -> None:
    practice = world.practice
    staff = practice.services.accounts.sign_in("clinician1", practice.password,
                                               address="testclient", kind="web")
    probe = PortalBrowser(practice.services)
    probe.http.cookies.set("cd_session", staff.token)
    probe.http.cookies.set("cd_portal", staff.token, path="/portal")
    pages = _routes(world, "/portal")
    assert len(pages) > 15
    for method, template in pages:
        if f"{method} {template}" in PUBLIC:
            continue
        response = probe.http.request(method, _fill(template, world.a), follow_redirects=False,
                                      data={"csrf_token": staff.csrf_token})
        assert response.status_code == 303, (method, template)
        assert response.headers["location"] == "/portal/signin", (method, template)


def test_staff_token_is_refused_by_every_portal_api_route(world: World) -> None:
    practice = world.practice
    staff = practice.services.accounts.sign_in("clinician1", practice.password,
                                               address="testclient", kind="api")
    http = world.a.browser.http
    routes = [r for r in _routes(world, "/api/v1/portal") if r not in PUBLIC_API]
    assert len(routes) >= 7
    for method, path in routes:
        response = http.request(method, path, json={},
                                headers={"Authorization": f"Bearer {staff.token}"})
        assert response.status_code == 401, (method, path)


# --- access history ------------------------------------------------------------------------------
def test_access_history_shows_the_care_team_visit(world: World) -> None:
    history = world.a.api("GET", "/api/v1/portal/me/access-history?limit=200").json()["items"]
    casey = [v for v in history if v["staff_name"] == "Casey Clinician (demo)"]
    # Other tests of this module add later visits of Casey's (amendment work, for one).
    assert casey and {(v["staff_role"], v["basis"]) for v in casey} == {("clinician", "care-team")}
    assert {"chart", "progress notes"} <= {what for v in casey for what in v["viewed"]}
    page = world.a.browser.get("/portal/access-history").text
    assert "Casey Clinician (demo)" in page and "Part of your care team" in page


def test_access_history_shows_break_glass_with_its_stated_reason(world: World) -> None:
    history = world.a.api("GET", "/api/v1/portal/me/access-history?limit=200").json()["items"]
    glass = [v for v in history if v["basis"] == "break-glass"]
    assert [(v["staff_name"], v["stated_reason"]) for v in glass] == [
        ("Jordan Clinician (demo)", world.glass_reason)]
    page = world.a.browser.get("/portal/access-history").text
    assert "Emergency access" in page and world.glass_reason in page


def test_access_history_shows_nothing_of_another_clients_chart(world: World) -> None:
    a_page = world.a.browser.get("/portal/access-history").text
    b_page = world.b.browser.get("/portal/access-history").text
    assert "Robin Teammate (test)" not in a_page  # clinician3 opened B's chart only
    assert "Robin Teammate (test)" in b_page
    assert world.glass_reason not in b_page and "Emergency access</span>" not in b_page
    assert "Casey Clinician (demo)</td>" not in b_page


def test_psychotherapy_notes_never_appear_in_the_record_or_its_downloads(world: World) -> None:
    for me, _ in pairs(world):
        views = [visible(me.browser.get(p)) for p in ("/portal/record", "/portal/record.json",
                                                       "/portal/record.pdf")]
        views.append(me.api("GET", "/api/v1/portal/me/record").text)
        for shown in views:
            assert me.markers["signed"] in shown
            assert me.markers["process"] not in shown
            assert "Process note" not in shown


# --- a personal representative of A (45 CFR 164.502(g)), with an account of their own ------------
@pytest.fixture(scope="module")
def representative_of_a(world: World) -> Iterator[Person]:
    """A guardian of A with every scope, invited to their own address and signed in: a Person
    whose markers are A's (what they may see) and whose secrets are A's too."""
    practice, a = world.practice, world.a
    email = f"{marker('repmail')}@example.org"
    representative_id = practice.services.representatives.record(
        practice.actor("billing"), a.client_id, {
            "kind": "guardian", "name": "Morgan Guardian (synthetic)",
            "document_date": "2025-10-01", "document": "Letters (synthetic)",
            "scope": ["consent", "authorizations", "records"], "email": email})
    practice.services.portal.invite_representative(practice.actor("clinician1"), a.client_id,
                                                   representative_id)
    token = link_path(mail_server().latest(email)).removeprefix("/portal/invite/")
    browser = PortalBrowser(practice.services)
    assert browser.accept(token, "guardian.of.a").status_code == 200
    api_token = browser.http.post("/api/v1/portal/token", json={
        "username": "guardian.of.a", "password": CLIENT_PASSWORD}).json()["access_token"]
    yield Person(a.client_id, "guardian.of.a", a.markers, a.note_id, a.amendment_id, browser,
                 api_token, a.secrets)
    browser.http.close()


def test_representative_of_a_never_sees_b_on_any_portal_page_or_api(
        world: World, representative_of_a: Person) -> None:
    rep, a, b = representative_of_a, world.a, world.b
    for path in PORTAL_PAGES:
        shown = visible(rep.browser.get(path))
        for secret in b.secrets:
            assert secret not in shown, (path, secret)
        assert a.markers["process"] not in shown and a.markers["draft"] not in shown
    for path in PORTAL_API:
        response = rep.api("GET", path)
        for secret in b.secrets:
            assert secret not in response.text, (path, secret)
        assert a.markers["process"] not in response.text
    # A's record is theirs to see (records scope); B's is no one's here, smuggled or not.
    assert a.markers["signed"] in visible(rep.browser.get("/portal/record"))
    smuggled = rep.browser.get(f"/portal/record?client_id={b.client_id}")
    assert b.markers["signed"] not in smuggled.text


def test_representative_sees_sessions_per_scope_but_never_the_intake_or_a_cancel(
        world: World, representative_of_a: Person) -> None:
    """The document covers records: the upcoming sessions are part of them. Intake answers and
    cancelling stay the client's own (outside every representative scope): 404, as for an id
    the representative may not know."""
    rep, a = representative_of_a, world.a
    sessions = rep.api("GET", "/api/v1/portal/me/sessions")
    assert sessions.status_code == 200
    assert [s["id"] for s in sessions.json()["sessions"]] == [a.appointment_id]
    refused = [rep.api("GET", "/api/v1/portal/me/intake-packets"),
               rep.api("GET", f"/api/v1/portal/me/intake-packets/{a.packet_id}"),
               rep.api("PUT", f"/api/v1/portal/me/intake-packets/{a.packet_id}/draft",
                       {"page": "referral", "answers": {"referral_source": "Other"}}),
               rep.api("POST", f"/api/v1/portal/me/sessions/{a.appointment_id}/cancellation")]
    assert [r.status_code for r in refused] == [404, 404, 404, 404]
    assert a.markers["concern"] not in "".join(r.text for r in refused)
    [row] = sql(world.practice, "SELECT status FROM appointments WHERE id = :a",
                a=a.appointment_id)
    assert row[0] == "scheduled"


def test_representative_of_a_is_refused_by_the_gate_on_b(
        world: World, representative_of_a: Person) -> None:
    services = world.practice.services
    principal = services.portal.resolve(representative_of_a.token, kind="api")
    assert principal is not None and principal.is_representative
    smuggled = dataclasses.replace(principal, client_id=world.b.client_id)
    with pytest.raises((NotFound, PolicyDenied)):
        services.portal.record(smuggled)


def test_representative_session_never_reaches_staff_or_signs_in_as_staff(
        world: World, representative_of_a: Person) -> None:
    rep = representative_of_a
    http = rep.browser.http
    assert http.post("/api/v1/auth/token", json={"username": rep.username,
                                                 "password": CLIENT_PASSWORD}).status_code == 401
    for token in (rep.token, rep.session):
        response = http.get(f"/api/v1/clients/{rep.client_id}",
                            headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
    probe = PortalBrowser(world.practice.services)
    probe.http.cookies.set("cd_session", rep.session)
    response = probe.http.get(f"/clients/{rep.client_id}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/signin"


# --- invitations ---------------------------------------------------------------------------------
def test_invitation_works_once_and_expires(practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    token = invite(practice, client_id)
    browser = PortalBrowser(practice.services)
    assert browser.accept(token, "first.client").status_code == 200
    assert PortalBrowser(practice.services).accept(token, "someone.else").status_code == 410
    # A new invitation never replaces the account (it used to reset it): 409, sign in instead.
    again = PortalBrowser(practice.services).accept(invite(practice, client_id), "first.client")
    assert again.status_code == 409 and "Forgot password" in again.text
    later = invite(practice, client_id)
    practice.clock.advance(timedelta(hours=72, seconds=1))
    assert PortalBrowser(practice.services).get(f"/portal/invite/{later}").status_code == 410
    assert PortalBrowser(practice.services).accept(later, "first.client").status_code == 410
    assert PortalBrowser(practice.services).sign_in("someone.else").status_code == 401
