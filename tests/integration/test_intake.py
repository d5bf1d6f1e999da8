"""Intake through the portal and the client's upcoming sessions (issue 14), on SQLite and
PostgreSQL: drafts saved page by page, submit locks them and names every missing answer at once,
a packet keeps its form version, the care team reads and reviews (audited), contact details reach
the chart only when staff accept them, wrong roles and other clients are refused; upcoming
sessions in the client's zone, cancel outside the late-cancel window only (reminders withdrawn),
refused inside it with the window named, and refused when the practice turned it off."""

from __future__ import annotations

from datetime import timedelta

import pytest

from closeddoor import gate as gate_module
from closeddoor.errors import ConflictError, NotFound, PolicyDenied
from closeddoor.intake.errors import IntakeProblems
from closeddoor.intake.model import parse_form
from closeddoor.policy import Actor, Decision, Permission, Resource
from closeddoor.portal.model import PortalPrincipal
from tests.factories import ClientFactory, Practice, marker
from tests.integration.helpers import sql
from tests.mailbox import body_of, mail_server
from tests.portal.helpers import CLIENT_PASSWORD, PortalClient, email_of, portal_client

CLINICAL = ("therap", "counsel", "psych", "concern", "diagnos", "intake")


def principal_of(practice: Practice, client: PortalClient) -> PortalPrincipal:
    return practice.services.portal.sign_in(client.username, CLIENT_PASSWORD,
                                            address="192.0.2.44").principal


def audit_tags(practice: Practice, client_id: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in sql(
        practice, "SELECT tag, outcome FROM audit_events WHERE client_id = :c ORDER BY seq",
        c=client_id)]


def test_draft_is_saved_page_by_page_and_submit_locks_it(practice: Practice) -> None:
    client = portal_client(practice, "intake.alpha")
    me = principal_of(practice, client)
    intake = practice.services.intake
    packet_id = intake.send(practice.actor("clinician1"), client.client_id)
    concern = marker("concern")
    intake.save_draft(me, packet_id, "presenting_concern", {"presenting_concern": concern})
    intake.save_draft(me, packet_id, "referral", {"referral_source": "Online search"})
    draft = intake.client_packet(me, packet_id)
    assert draft.status == "draft"
    assert draft.answers["presenting_concern"] == concern  # the earlier page is kept
    # The care team does not see a draft's answers: only what the client sent.
    [seen] = intake.packets(practice.actor("clinician1"), client.client_id)
    assert seen.status == "draft" and seen.answers == {}

    with pytest.raises(IntakeProblems) as missing:
        intake.submit(me, packet_id, "questions", {"session_time": "Evenings"})
    # Every missing required answer, each named in words, at once; the draft is kept.
    assert set(missing.value.fields) == {"emergency_name", "emergency_phone", "insurance_uses"}
    assert "Emergency contact's name: this is needed before you submit" in str(missing.value)
    assert intake.client_packet(me, packet_id).answers["session_time"] == "Evenings"

    intake.save_draft(me, packet_id, "emergency_contact", {
        "emergency_name": "Sam Example (synthetic)", "emergency_phone": "555-010-0100"})
    intake.submit(me, packet_id, "insurance", {"insurance_uses": "no"})
    assert intake.client_packet(me, packet_id).status == "submitted"
    with pytest.raises(ConflictError, match="submitted and can no longer be changed"):
        intake.save_draft(me, packet_id, "referral", {"referral_source": "Other"})
    tags = audit_tags(practice, client.client_id)
    assert ("portal:intake:save", "ok") in tags and ("portal:intake:submit", "ok") in tags


def test_bad_answers_are_named_beside_their_fields_and_change_nothing(
        practice: Practice) -> None:
    client = portal_client(practice, "intake.beta")
    me = principal_of(practice, client)
    intake = practice.services.intake
    packet_id = intake.send(practice.actor("clinician1"), client.client_id)
    typed = marker("notanemail")
    with pytest.raises(IntakeProblems) as refused:
        intake.save_draft(me, packet_id, "contacts", {"phone": "call me", "email": typed,
                                                      "address": "x" * 5000})
    assert set(refused.value.fields) == {"phone", "email", "address"}
    assert "Phone number: digits, spaces" in refused.value.fields["phone"]
    assert "at most 4000 characters" in refused.value.fields["address"]  # never cut short
    assert typed not in str(refused.value)  # the message never echoes what was typed
    assert intake.client_packet(me, packet_id).status == "sent"


def test_packet_keeps_the_form_version_it_was_sent_with(practice: Practice) -> None:
    first = ClientFactory.create(practice)
    second = ClientFactory.create(practice)
    intake = practice.services.intake
    clinician = practice.actor("clinician1")
    assert intake.current_form().number == 0  # the built-in form until first sent
    old = intake.send(clinician, first)
    assert intake.current_form().number == 1
    number = intake.publish_form(practice.actor("owner"), parse_form(
        "Short form", ["presenting_concern"], "Best day to call? | choice | Mon, Tue | required"))
    assert number == 2
    new = intake.send(clinician, second)
    assert intake.packet(clinician, first, old).form_number == 1
    assert intake.packet(clinician, first, old).form.title == "New client intake"
    kept = intake.packet(clinician, second, new)
    assert kept.form_number == 2 and [p.key for p in kept.form.pages()] == [
        "presenting_concern", "questions"]
    with pytest.raises(ConflictError, match="already has an intake form waiting"):
        intake.send(clinician, first)
    with pytest.raises(PolicyDenied):
        intake.publish_form(clinician, parse_form("Mine", ["referral"], ""))


def test_care_team_reviews_and_wrong_roles_are_refused(practice: Practice) -> None:
    client = portal_client(practice, "intake.gamma")
    me = principal_of(practice, client)
    intake = practice.services.intake
    cid = client.client_id
    packet_id = intake.send(practice.actor("clinician1"), cid)
    intake.save_draft(me, packet_id, "emergency_contact", {
        "emergency_name": "Sam Example (synthetic)", "emergency_phone": "555-010-0100"})
    intake.save_draft(me, packet_id, "insurance", {"insurance_uses": "no"})
    concern = marker("concern")
    intake.submit(me, packet_id, "presenting_concern", {"presenting_concern": concern})
    for outsider in ("billing", "clinician2"):  # front desk; a clinician off the care team
        with pytest.raises((PolicyDenied, NotFound)):
            intake.packet(practice.actor(outsider), cid, packet_id)
        with pytest.raises((PolicyDenied, NotFound)):
            intake.mark_reviewed(practice.actor(outsider), cid, packet_id)
    # The front desk may send a packet (a new one: the last was submitted), never read one.
    assert intake.send(practice.actor("billing"), cid) != packet_id
    with pytest.raises(PolicyDenied):
        intake.send(practice.actor("supervisor"), cid)
    with pytest.raises(PolicyDenied):  # a supervisor reads, never reviews
        intake.mark_reviewed(practice.actor("supervisor"), cid, packet_id)
    assert intake.packet(practice.actor("clinician1"), cid, packet_id).answers[
        "presenting_concern"] == concern
    intake.mark_reviewed(practice.actor("clinician1"), cid, packet_id)
    reviewed = intake.packet(practice.actor("clinician1"), cid, packet_id)
    assert reviewed.status == "reviewed" and reviewed.reviewed_at is not None
    tags = audit_tags(practice, cid)
    assert ("record:intake:review", "ok") in tags and ("record:intake:read", "deny") in tags
    assert ("record:intake:review", "deny") in tags


def test_contact_details_reach_the_chart_only_when_staff_accept_them(
        practice: Practice) -> None:
    client = portal_client(practice, "intake.delta")
    me = principal_of(practice, client)
    intake = practice.services.intake
    cid = client.client_id
    clinician = practice.actor("clinician1")
    before = practice.services.charts.get_client(clinician, cid).contacts
    packet_id = intake.send(clinician, cid)
    intake.save_draft(me, packet_id, "contacts", {"phone": "555-010-0177"})
    intake.save_draft(me, packet_id, "insurance", {"insurance_uses": "no"})
    intake.save_draft(me, packet_id, "presenting_concern", {"presenting_concern": "Synthetic."})
    intake.submit(me, packet_id, "emergency_contact", {
        "emergency_name": "Sam Example", "emergency_relationship": "sibling",
        "emergency_phone": "555-010-0100"})
    assert practice.services.charts.get_client(clinician, cid).contacts == before  # not silently
    proposed = intake.proposed_contacts(clinician, cid, packet_id)
    assert proposed == {"phone": "555-010-0177",
                        "emergency_contact": "Sam Example\nsibling\n555-010-0100"}
    with pytest.raises((PolicyDenied, NotFound)):
        intake.accept_contacts(practice.actor("billing"), cid, packet_id)
    assert intake.accept_contacts(clinician, cid, packet_id) == 2
    after = practice.services.charts.get_client(clinician, cid).contacts
    assert after["phone"] == "555-010-0177" and after["email"] == before["email"]
    assert after["emergency_contact"].startswith("Sam Example")
    assert intake.packet(clinician, cid, packet_id).contacts_accepted_at is not None
    assert ("record:intake:accept-contacts", "ok") in audit_tags(practice, cid)


def test_one_client_cannot_read_fill_or_submit_anothers_packet(practice: Practice) -> None:
    a = portal_client(practice, "intake.owner.a")
    b = portal_client(practice, "intake.owner.b")
    intake = practice.services.intake
    b_packet = intake.send(practice.actor("clinician1"), b.client_id)
    a_me = principal_of(practice, a)
    with pytest.raises(NotFound):
        intake.client_packet(a_me, b_packet)
    with pytest.raises(NotFound):
        intake.save_draft(a_me, b_packet, "referral", {"referral_source": "Other"})
    with pytest.raises(NotFound):
        intake.submit(a_me, b_packet, "referral", {"referral_source": "Other"})
    assert intake.client_packets(a_me) == []
    assert a.browser.get(f"/portal/intake/{b_packet}").status_code == 404
    posted = a.browser.post(f"/portal/intake/{b_packet}",
                            {"page": "referral", "action": "save", "referral_source": "Other"})
    assert posted.status_code == 404
    assert intake.client_packet(principal_of(practice, b), b_packet).status == "sent"


def test_invitation_with_intake_says_only_that_a_form_waits(practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    practice.services.portal.invite(practice.actor("clinician1"), client_id, forms_waiting=True)
    practice.services.intake.send(practice.actor("clinician1"), client_id)
    body = body_of(mail_server().latest(email_of(practice, client_id))).lower()
    assert "a short form from the practice is waiting" in body
    for word in CLINICAL:
        assert word not in body, word


# --- upcoming sessions ---------------------------------------------------------------------------
def book(practice: Practice, client_id: str, hours: float, **data: object) -> str:
    starts = practice.clock.now() + timedelta(hours=hours)
    return practice.services.charts.create_appointment(
        practice.actor("clinician1"), client_id, {"starts_at": starts.isoformat(), **data})


def test_upcoming_sessions_show_in_the_clients_zone_with_place(practice: Practice) -> None:
    client = portal_client(practice, "sessions.alpha")
    me = principal_of(practice, client)
    cid = client.client_id
    soon = book(practice, cid, 30, room="Room 3")
    later = book(practice, cid, 80, modality="in_person")
    gone = book(practice, cid, 50)
    practice.services.charts.cancel_appointment(practice.actor("clinician1"), cid, gone)
    book(practice, cid, -30)  # past
    practice.services.charts.set_client_time_zone(me.actor, cid, "America/Chicago")
    upcoming = practice.services.portal_sessions.upcoming(me)
    assert [s.appointment_id for s in upcoming.sessions] == [soon, later]
    first = upcoming.sessions[0]
    assert first.place == "Room 3" and str(first.starts_at.tzinfo) == "America/Chicago"
    assert first.starts_at == practice.clock.now() + timedelta(hours=30)
    assert upcoming.zone_name == "America/Chicago" and first.can_cancel


def test_client_cancels_outside_the_window_and_its_reminders_are_withdrawn(
        practice: Practice) -> None:
    owner = practice.actor("owner")
    practice.services.charts.update_scheduling_settings(owner, "UTC", 2)
    client = portal_client(practice, "sessions.beta")
    cid = client.client_id
    practice.services.consent.update_preferences(practice.actor("clinician1"), cid, {
        "email_reminders": True, "reminder_email": "sessions.beta@example.org"})
    appointment = book(practice, cid, 6)
    assert practice.services.reminders.queue_due() == 1
    page = client.browser.get("/portal/sessions")
    assert page.status_code == 200 and "Cancel this session" in page.text
    refused = client.browser.post(f"/portal/sessions/{appointment}/cancel", {})
    assert refused.status_code == 422 and "tick the box" in refused.text
    done = client.browser.post(f"/portal/sessions/{appointment}/cancel", {"confirm": "yes"})
    assert done.status_code == 200 and "Your session is cancelled" in done.text
    status = sql(practice, "SELECT status FROM appointments WHERE id = :a", a=appointment)
    assert status[0][0] == "cancelled"
    assert [tuple(r) for r in sql(practice, "SELECT state, reason FROM reminder_outbox WHERE "
                                  "appointment_id = :a", a=appointment)] == [
        ("stale", "cancelled")]
    assert ("portal:appointment:cancel", "ok") in audit_tags(practice, cid)


def test_cancel_inside_the_window_is_refused_with_the_window_named(practice: Practice) -> None:
    client = portal_client(practice, "sessions.gamma")
    me = principal_of(practice, client)
    appointment = book(practice, client.client_id, 5)  # the default window is 24 hours
    page = client.browser.get("/portal/sessions")
    assert "Cancel this session" not in page.text
    assert "starts within 24 hours" in page.text and "call the office" in page.text
    with pytest.raises(ConflictError, match=r"within 24 hours.*call the office"):
        practice.services.portal_sessions.cancel(me, appointment)
    forced = client.browser.post(f"/portal/sessions/{appointment}/cancel", {"confirm": "yes"})
    assert forced.status_code == 409 and "call the office" in forced.text
    assert sql(practice, "SELECT status FROM appointments WHERE id = :a",
               a=appointment)[0][0] == "scheduled"
    assert ("portal:appointment:cancel", "fail") in audit_tags(practice, client.client_id)


def test_cancel_refused_when_the_practice_takes_cancellations_by_phone(
        practice: Practice) -> None:
    sessions = practice.services.portal_sessions
    with pytest.raises(PolicyDenied):
        sessions.set_cancellation_allowed(practice.actor("clinician1"), False)
    sessions.set_cancellation_allowed(practice.actor("owner"), False)
    client = portal_client(practice, "sessions.delta")
    me = principal_of(practice, client)
    appointment = book(practice, client.client_id, 72)
    upcoming = sessions.upcoming(me)
    assert not upcoming.cancellation_allowed and not upcoming.sessions[0].can_cancel
    with pytest.raises(ConflictError, match="by phone"):
        sessions.cancel(me, appointment)


def test_one_client_cannot_cancel_or_see_anothers_session(practice: Practice) -> None:
    a = portal_client(practice, "sessions.owner.a")
    b = portal_client(practice, "sessions.owner.b")
    theirs = book(practice, b.client_id, 72, room="Room 7")
    a_me = principal_of(practice, a)
    assert practice.services.portal_sessions.upcoming(a_me).sessions == []
    with pytest.raises(NotFound):
        practice.services.portal_sessions.cancel(a_me, theirs)
    assert a.browser.post(f"/portal/sessions/{theirs}/cancel",
                          {"confirm": "yes"}).status_code == 404
    assert sql(practice, "SELECT status FROM appointments WHERE id = :a",
               a=theirs)[0][0] == "scheduled"
    # Staff cannot use the client's permission, even on their own client.
    with pytest.raises((PolicyDenied, NotFound)):
        practice.services.charts.cancel_for_client(practice.actor("clinician1"), theirs)


# --- accepting contact details is one unit of work ----------------------------------------------
def _submitted_with_new_contacts(practice: Practice, username: str) -> tuple[str, str]:
    client = portal_client(practice, username)
    me = principal_of(practice, client)
    intake = practice.services.intake
    packet_id = intake.send(practice.actor("clinician1"), client.client_id)
    intake.save_draft(me, packet_id, "contacts", {"phone": "555-010-0166",
                                                  "email": f"{username}.new@example.org"})
    intake.save_draft(me, packet_id, "insurance", {"insurance_uses": "no"})
    intake.save_draft(me, packet_id, "presenting_concern", {"presenting_concern": "Synthetic."})
    intake.submit(me, packet_id, "emergency_contact", {
        "emergency_name": "Sam Example", "emergency_phone": "555-010-0100"})
    return client.client_id, packet_id


def _accept_state(practice: Practice, cid: str, packet_id: str) -> tuple[object, ...]:
    """Everything accepting could change: the chart's sealed profile, the packet, the audit."""
    [profile] = sql(practice, "SELECT contacts_sealed, demographics_sealed, full_name_index "
                    "FROM clients WHERE id = :c", c=cid)
    [packet] = sql(practice, "SELECT contacts_accepted_at, contacts_accepted_by FROM "
                   "intake_packets WHERE id = :p", p=packet_id)
    tags = [t for t in audit_tags(practice, cid) if t[1] in ("ok", "allow")]
    return tuple(profile), tuple(packet), tags


def test_accepting_contacts_leaves_nothing_when_it_fails_in_the_middle(
        practice: Practice, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chart's update (and its e-mail-change audit) ran; marking the packet then fails:
    the chart, the packet and the audit's allows are as before, and no notice was mailed."""
    cid, packet_id = _submitted_with_new_contacts(practice, "intake.crash")
    clinician = practice.actor("clinician1")
    before = _accept_state(practice, cid, packet_id)
    mails = mail_server().count()

    def crash(*_: object, **__: object) -> None:
        raise RuntimeError("synthetic crash after the chart update")

    monkeypatch.setattr("closeddoor.intake.service.repo.update_packet", crash)
    with pytest.raises(RuntimeError, match="synthetic crash"):
        practice.services.intake.accept_contacts(clinician, cid, packet_id)
    monkeypatch.undo()
    assert _accept_state(practice, cid, packet_id) == before
    assert mail_server().count() == mails  # the old address is told only of a committed change
    contacts = practice.services.charts.get_client(clinician, cid).contacts
    assert contacts["phone"] != "555-010-0166" and "intake.crash.new" not in contacts["email"]
    # Nothing half-done stands in the way: accepting again does all of it.
    assert practice.services.intake.accept_contacts(clinician, cid, packet_id) == 3
    tags = audit_tags(practice, cid)
    assert ("record:client:update", "ok") in tags and ("record:client-email:update", "ok") in tags
    assert ("record:intake:accept-contacts", "ok") in tags


def test_accepting_contacts_is_refused_whole_when_the_chart_update_is_refused(
        practice: Practice, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second decision (chart:demographics:write) is taken inside the same unit: refused,
    it rolls back the packet too and is audited as a denial of the acceptance."""
    cid, packet_id = _submitted_with_new_contacts(practice, "intake.refused")
    clinician = practice.actor("clinician1")
    before = _accept_state(practice, cid, packet_id)
    real = gate_module.decide

    def no_chart_writes(actor: Actor, permission: Permission, resource: Resource) -> Decision:
        if permission is Permission.CHART_DEMOGRAPHICS_WRITE:
            return Decision(False, "synthetic-refusal")
        return real(actor, permission, resource)

    monkeypatch.setattr(gate_module, "decide", no_chart_writes)
    with pytest.raises(PolicyDenied):
        practice.services.intake.accept_contacts(clinician, cid, packet_id)
    monkeypatch.undo()
    assert _accept_state(practice, cid, packet_id) == before
    assert ("record:intake:accept-contacts", "deny") in audit_tags(practice, cid)


def test_front_desk_sends_a_packet_but_never_reads_one(practice: Practice) -> None:
    cid = ClientFactory.create(practice)
    intake = practice.services.intake
    billing = practice.actor("billing")
    packet_id = intake.send(billing, cid)
    assert ("record:intake:send", "ok") in audit_tags(practice, cid)
    with pytest.raises((PolicyDenied, NotFound)):
        intake.packets(billing, cid)
    with pytest.raises((PolicyDenied, NotFound)):
        intake.packet(billing, cid, packet_id)
    with pytest.raises(ConflictError, match="already has an intake form waiting"):
        intake.send(billing, cid)


def test_only_the_owner_opens_the_form_editor_or_publishes(practice: Practice) -> None:
    intake = practice.services.intake
    assert intake.editor_form(practice.actor("owner")).number == 0
    for who in ("clinician1", "supervisor", "billing"):
        with pytest.raises(PolicyDenied, match="owner-only"):
            intake.editor_form(practice.actor(who))
        with pytest.raises(PolicyDenied, match="owner-only"):
            intake.publish_definition(practice.actor(who), "Mine", ["referral"], "")
    refusals = sql(practice, "SELECT tag FROM audit_events WHERE outcome = 'deny' AND tag LIKE "
                   "'practice:intake-form:%'")
    assert sorted({r[0] for r in refusals}) == ["practice:intake-form:publish",
                                                "practice:intake-form:read"]
    assert intake.current_form().number == 0  # nothing was published
    assert intake.publish_definition(practice.actor("owner"), "Short", ["referral"], "") == 1
