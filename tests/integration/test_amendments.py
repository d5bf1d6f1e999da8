"""The right to amend (45 CFR 164.526) through the services on SQLite and PostgreSQL: the client
asks about a note they can read or their details, the care team extends once, accepts (linked,
never overwriting the signed note) or denies on a 164.526(a)(2) ground, the client files a
statement of disagreement, the practice rebuts, and what must travel with the note does, in the
next packet. Wrong roles, wrong clients and moved ciphertexts are refused."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from closeddoor.amendments.rules import DENIAL_RIGHTS, DenialGround, Status, denial_rights
from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, DecryptionFailed, InvalidInput, NotFound, PolicyDenied
from closeddoor.policy import Actor, Role
from tests.factories import (
    START,
    AuthorizationFactory,
    ClientFactory,
    NoteFactory,
    Practice,
    authorized_request,
    marker,
    publish_notice,
)
from tests.factories.notice import CONTACT as NOTICE_CONTACT
from tests.integration.helpers import scalar
from tests.integration.test_destruction import add_second_owner
from tests.integration.test_disclosures import pdf_text


def client_actor(client_id: str) -> Actor:
    """The client's own portal principal (the portal resolves it from their session)."""
    return Actor(f"portal:{client_id[:8]}", Role.CLIENT, client_id=client_id)


def ask(practice: Practice, client_id: str, note_id: str = "", **overrides: Any) -> str:
    data: dict[str, Any] = {"target": "note" if note_id else "details", "note_id": note_id,
                            "change": marker("change"), "reason": marker("reason")}
    data.update(overrides)
    return practice.services.amendments.ask(client_actor(client_id), client_id, data)


def deny(practice: Practice, client_id: str, amendment_id: str, who: str = "clinician1",
         **overrides: Any) -> None:
    data = {"decision": "deny", "ground": "accurate-and-complete",
            "explanation": marker("explanation")}
    data.update(overrides)
    practice.services.amendments.answer(practice.actor(who), client_id, amendment_id, data)


def count(practice: Practice) -> int:
    return int(scalar(practice, "SELECT count(*) FROM amendment_requests"))


@pytest.fixture
def chart(practice: Practice) -> dict[str, str]:
    client_id = ClientFactory.create(practice)
    return {"client_id": client_id,
            "note_id": NoteFactory.progress(practice, client_id),
            "draft_id": NoteFactory.progress(practice, client_id, sign=False),
            "process_id": NoteFactory.psychotherapy(practice, client_id)}


# --- asking -------------------------------------------------------------------------------------
def test_client_asks_to_amend_a_signed_note_and_staff_see_it_due_in_60_days(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    change, reason = marker("change"), marker("reason")
    amendment_id = ask(practice, client_id, chart["note_id"], change=change, reason=reason)
    [view] = practice.services.amendments.list_requests(practice.actor("clinician1"), client_id)
    assert view.amendment_id == amendment_id
    assert (view.change, view.reason, view.status) == (change, reason, Status.OPEN)
    assert view.note_id == chart["note_id"]
    assert view.due_on == START.date() + timedelta(days=60)
    assert view.received_via == "portal"
    with practice.services.engine.connect() as conn:
        raw = conn.execute(text("SELECT request_sealed FROM amendment_requests")).scalar_one()
    assert change.encode() not in bytes(raw) and reason.encode() not in bytes(raw)


@pytest.mark.parametrize("which", ["draft_id", "process_id", "other"])
def test_request_refused_when_the_note_is_not_a_signed_progress_note_of_this_client(
        practice: Practice, chart: dict[str, str], which: str) -> None:
    # Drafts and psychotherapy notes are not the client's to read (164.501, 164.524), nor is
    # another client's note: the same answer for each, and nothing written.
    note_id = (NoteFactory.progress(practice, ClientFactory.create(practice))
               if which == "other" else chart[which])
    with pytest.raises(InvalidInput, match="note_id: not a signed progress note"):
        ask(practice, chart["client_id"], note_id)
    assert count(practice) == 0


def test_bad_request_names_every_field_at_once_and_changes_nothing(
        practice: Practice, chart: dict[str, str]) -> None:
    with pytest.raises(InvalidInput) as refused:
        practice.services.amendments.ask(client_actor(chart["client_id"]), chart["client_id"],
                                         {"target": "note", "change": " ", "reason": 7})
    message = str(refused.value)
    for name in ("note_id:", "change:", "reason:"):
        assert name in message
    assert count(practice) == 0


def test_staff_record_a_paper_request_whose_60_days_run_from_receipt(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    received = START.date() - timedelta(days=5)
    amendment_id = practice.services.amendments.ask(
        practice.actor("clinician1"), client_id,
        {"target": "details", "change": marker("c"), "reason": marker("r"),
         "received_on": received.isoformat()})
    view = practice.services.amendments.get(practice.actor("clinician1"), client_id, amendment_id)
    assert view.received_via == "paper"
    assert view.due_on == received + timedelta(days=60)
    with pytest.raises(InvalidInput, match="received_on: must not be in the future"):
        practice.services.amendments.ask(
            practice.actor("clinician1"), client_id,
            {"target": "details", "change": "x", "reason": "y",
             "received_on": (START.date() + timedelta(days=1)).isoformat()})


# --- answering ----------------------------------------------------------------------------------
def test_accepted_amendment_is_linked_and_the_signed_note_is_never_overwritten(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id, note_id = chart["client_id"], chart["note_id"]
    before = scalar(practice, "SELECT body_sealed FROM progress_notes WHERE id = :n", n=note_id)
    amendment_id = ask(practice, client_id, note_id)
    words = marker("amendment")
    practice.services.amendments.answer(practice.actor("clinician1"), client_id, amendment_id,
                                        {"decision": "accept", "amendment": words})
    after = scalar(practice, "SELECT body_sealed FROM progress_notes WHERE id = :n", n=note_id)
    assert bytes(after) == bytes(before)
    [view] = practice.services.amendments.list_requests(client_actor(client_id), client_id)
    assert (view.status, view.response, view.note_id) == (Status.ACCEPTED, words, note_id)
    assert view.decided_by == practice.user_id("clinician1")
    with pytest.raises(ConflictError, match="answered"):
        deny(practice, client_id, amendment_id)


def test_denial_needs_a_ground_from_the_rule_and_an_explanation(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    amendment_id = ask(practice, client_id, chart["note_id"])
    with pytest.raises(InvalidInput) as refused:
        deny(practice, client_id, amendment_id, ground="i-prefer-not", explanation="")
    assert "ground:" in str(refused.value) and "explanation:" in str(refused.value)
    view = practice.services.amendments.get(practice.actor("clinician1"), client_id, amendment_id)
    assert view.status is Status.OPEN
    deny(practice, client_id, amendment_id, ground="not-created-by-practice")
    view = practice.services.amendments.get(client_actor(client_id), client_id, amendment_id)
    assert view.status is Status.DENIED and view.ground is DenialGround.NOT_CREATED_HERE
    assert len(DENIAL_RIGHTS) == 3  # the (d)(1)(ii)-(iv) statements shown with every denial


def test_client_disagrees_once_with_a_denial_and_the_practice_rebuts_once(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    amendments = practice.services.amendments
    amendment_id = ask(practice, client_id, chart["note_id"])
    with pytest.raises(ConflictError, match="answers a denied request"):
        amendments.disagree(client_actor(client_id), client_id, amendment_id,
                            {"statement": "too soon"})
    deny(practice, client_id, amendment_id)
    with pytest.raises(ConflictError, match="answers a statement of disagreement"):
        amendments.rebut(practice.actor("clinician1"), client_id, amendment_id,
                         {"rebuttal": "nothing to rebut"})
    statement, rebuttal = marker("statement"), marker("rebuttal")
    amendments.disagree(client_actor(client_id), client_id, amendment_id,
                        {"statement": statement})
    with pytest.raises(ConflictError, match="has been filed"):
        amendments.disagree(client_actor(client_id), client_id, amendment_id,
                            {"statement": "again"})
    amendments.rebut(practice.actor("clinician1"), client_id, amendment_id,
                     {"rebuttal": rebuttal})
    with pytest.raises(ConflictError, match="has been written"):
        amendments.rebut(practice.actor("clinician1"), client_id, amendment_id,
                         {"rebuttal": "again"})
    view = amendments.get(client_actor(client_id), client_id, amendment_id)
    assert (view.disagreement, view.rebuttal) == (statement, rebuttal)


def test_one_extension_within_60_days_with_its_reason_and_overdue_requests_are_flagged(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    amendments = practice.services.amendments
    first = ask(practice, client_id, chart["note_id"])
    second = ask(practice, client_id)
    with pytest.raises(InvalidInput, match="reason:"):
        amendments.extend(practice.actor("clinician1"), client_id, first, {"reason": ""})
    new_due = amendments.extend(practice.actor("clinician1"), client_id, first,
                                {"reason": marker("why")})
    assert new_due == START.date() + timedelta(days=90)
    with pytest.raises(ConflictError, match="one 30-day extension"):
        amendments.extend(practice.actor("clinician1"), client_id, first, {"reason": "more"})
    practice.clock.advance(timedelta(days=61))
    with pytest.raises(ConflictError, match="within the first 60 days"):
        amendments.extend(practice.actor("clinician1"), client_id, second, {"reason": "late"})
    queue = {i.amendment_id: i for i in amendments.open_queue(practice.actor("clinician1"))}
    assert queue[second].is_overdue and not queue[first].is_overdue
    assert queue[first].current_due == date.fromordinal(START.date().toordinal() + 90)
    view = amendments.get(client_actor(client_id), client_id, first)
    assert view.extended_due_on == new_due and view.extension_reason


# --- who may -----------------------------------------------------------------------------------
def test_billing_and_outsiders_never_read_or_answer_and_supervisors_only_read(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    amendments = practice.services.amendments
    amendment_id = ask(practice, client_id, chart["note_id"])
    with pytest.raises(PolicyDenied):
        amendments.list_requests(practice.actor("billing"), client_id)
    with pytest.raises(PolicyDenied):
        deny(practice, client_id, amendment_id, who="billing")
    with pytest.raises(NotFound):  # not on the team: may not know the client exists
        amendments.get(practice.actor("clinician2"), client_id, amendment_id)
    with pytest.raises(NotFound):
        deny(practice, client_id, amendment_id, who="clinician2")
    assert amendments.list_requests(practice.actor("supervisor"), client_id)
    with pytest.raises(PolicyDenied):
        deny(practice, client_id, amendment_id, who="supervisor")
    assert amendments.open_queue(practice.actor("clinician2")) == []
    assert amendments.get(practice.actor("clinician1"), client_id,
                          amendment_id).status is Status.OPEN


def test_a_client_never_sees_or_acts_on_another_clients_request(
        practice: Practice, chart: dict[str, str]) -> None:
    alice = chart["client_id"]
    bob = ClientFactory.create(practice)
    amendment_id = ask(practice, alice, chart["note_id"])
    deny(practice, alice, amendment_id)
    amendments = practice.services.amendments
    # Bob naming Alice's chart is refused by policy; naming his own, her request is not there.
    with pytest.raises((PolicyDenied, NotFound)):
        amendments.list_requests(client_actor(bob), alice)
    with pytest.raises((PolicyDenied, NotFound)):
        amendments.disagree(client_actor(bob), alice, amendment_id, {"statement": "mine"})
    with pytest.raises(NotFound):
        amendments.get(client_actor(bob), bob, amendment_id)
    with pytest.raises(NotFound):
        amendments.disagree(client_actor(bob), bob, amendment_id, {"statement": "mine"})
    with pytest.raises(InvalidInput, match="note_id"):  # nor ask about her note
        ask(practice, bob, chart["note_id"])
    assert amendments.list_requests(client_actor(bob), bob) == []
    assert amendments.get(practice.actor("clinician1"), alice,
                          amendment_id).disagreement == ""
    with pytest.raises(NotFound):  # a client never answers a request, not even their own
        amendments.answer(client_actor(alice), alice, amendment_id,
                          {"decision": "accept", "amendment": "x"})


def test_sealed_text_moved_to_another_request_fails_to_decrypt(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    first = ask(practice, client_id, chart["note_id"])
    second = ask(practice, client_id)
    with practice.services.engine.begin() as conn:
        conn.execute(text("UPDATE amendment_requests SET request_sealed = "
                          "(SELECT request_sealed FROM amendment_requests WHERE id = :a) "
                          "WHERE id = :b"), {"a": first, "b": second})
    with pytest.raises(DecryptionFailed):
        practice.services.amendments.get(practice.actor("clinician1"), client_id, second)


def test_every_step_is_audited_by_id_with_no_text(practice: Practice,
                                                  chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    change = marker("change")
    amendment_id = ask(practice, client_id, chart["note_id"], change=change)
    deny(practice, client_id, amendment_id)
    practice.services.amendments.disagree(client_actor(client_id), client_id, amendment_id,
                                          {"statement": marker("statement")})
    events = practice.services.runtime.audit.events(limit=50, client_id=client_id)
    tags = {e.entry.tag for e in events if e.entry.resource_id == amendment_id}
    assert {AuditTag.PORTAL_AMENDMENT_CREATE.value, AuditTag.RECORD_AMENDMENT_DECIDE.value,
            AuditTag.PORTAL_AMENDMENT_DISAGREE.value} <= tags
    assert all(change not in e.entry.details for e in events)
    [decided] = [e for e in events if e.entry.tag == AuditTag.RECORD_AMENDMENT_DECIDE.value]
    assert '"ground":"accurate-and-complete"' in decided.entry.details


# --- what travels with the note ------------------------------------------------------------------
def test_accepted_amendments_and_statements_of_disagreement_travel_in_the_next_packet(
        practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    amended = practice.services.notes.create_note(practice.actor("clinician1"), client_id, {
        "kind": "progress", "format": "free", "body": marker("one"), "sign": True,
        "session_date": "2026-01-20"})
    disputed = practice.services.notes.create_note(practice.actor("clinician1"), client_id, {
        "kind": "progress", "format": "free", "body": marker("two"), "sign": True,
        "session_date": "2026-02-20"})
    words = {k: marker(k) for k in ("amendment", "change", "statement", "rebuttal", "open",
                                    "details")}
    accepted = ask(practice, client_id, amended)
    practice.services.amendments.answer(practice.actor("clinician1"), client_id, accepted,
                                        {"decision": "accept", "amendment": words["amendment"]})
    denied = ask(practice, client_id, disputed, change=words["change"])
    deny(practice, client_id, denied)
    practice.services.amendments.disagree(client_actor(client_id), client_id, denied,
                                          {"statement": words["statement"]})
    practice.services.amendments.rebut(practice.actor("clinician1"), client_id, denied,
                                       {"rebuttal": words["rebuttal"]})
    ask(practice, client_id, amended, change=words["open"])  # open: nothing travels yet
    details = ask(practice, client_id, change=words["details"])
    practice.services.amendments.answer(practice.actor("clinician1"), client_id, details,
                                        {"decision": "accept", "amendment": words["details"]})
    categories = ["demographics", "progress_notes"]
    authorization_id = AuthorizationFactory.create(practice, client_id, categories=categories)
    view = practice.services.disclosures.request(
        practice.actor("clinician1"), client_id,
        authorized_request(authorization_id, categories=categories))
    packet = practice.services.disclosures.release(practice.actor("clinician1"), client_id,
                                                   view.disclosure_id)
    flat = " ".join(pdf_text(packet.pdf).split())
    for key in ("amendment", "change", "statement", "rebuttal", "details"):
        assert words[key] in flat, key
    assert words["open"] not in flat
    assert "Statement of disagreement filed by the client" in flat


def test_destroying_the_chart_removes_its_amendment_requests(practice: Practice) -> None:
    # Crypto-shredding (docs/adr/0003): the requests go with the chart, disputed ones included.
    add_second_owner(practice)
    client_id = ClientFactory.create(practice)
    note_id = NoteFactory.progress(practice, client_id)
    amendment_id = ask(practice, client_id, note_id)
    deny(practice, client_id, amendment_id)
    practice.services.amendments.disagree(client_actor(client_id), client_id, amendment_id,
                                          {"statement": marker("statement")})
    request_id = practice.services.destruction.request(
        practice.actor("owner"), client_id,
        {"basis": "created-in-error", "reason": "Synthetic chart opened in error."})
    practice.services.destruction.approve(practice.actor("owner2"), request_id)
    assert count(practice) == 0
    with pytest.raises(NotFound):
        practice.services.amendments.list_requests(practice.actor("clinician1"), client_id)


# --- a denial without a statement, on the client's request (164.526(d)(5)(ii)) -------------------
def _released_packet_text(practice: Practice, client_id: str) -> str:
    categories = ["demographics", "progress_notes"]
    authorization_id = AuthorizationFactory.create(practice, client_id, categories=categories)
    view = practice.services.disclosures.request(
        practice.actor("clinician1"), client_id,
        authorized_request(authorization_id, categories=categories))
    packet = practice.services.disclosures.release(practice.actor("clinician1"), client_id,
                                                   view.disclosure_id)
    return " ".join(pdf_text(packet.pdf).split())


def test_request_and_denial_travel_only_once_the_client_without_a_statement_asks(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    change, explanation = marker("change"), marker("explanation")
    amendment_id = ask(practice, client_id, chart["note_id"], change=change)
    with pytest.raises(ConflictError):  # an open request has no denial to send along
        practice.services.amendments.ask_to_travel(client_actor(client_id), client_id,
                                                   amendment_id)
    deny(practice, client_id, amendment_id, explanation=explanation)
    before = _released_packet_text(practice, client_id)
    assert change not in before and explanation not in before  # (d)(5)(ii): only if asked
    practice.services.amendments.ask_to_travel(client_actor(client_id), client_id, amendment_id)
    [view] = practice.services.amendments.list_requests(practice.actor("clinician1"), client_id)
    assert view.travels_asked_at is not None and not view.can_ask_to_travel
    after = _released_packet_text(practice, client_id)
    assert change in after and explanation in after
    assert "164.526(d)(5)(ii)" in after and "Statement of disagreement" not in after
    with pytest.raises(ConflictError):  # once
        practice.services.amendments.ask_to_travel(client_actor(client_id), client_id,
                                                   amendment_id)
    # A statement filed later still may be (164.526(d)(5)(i)); it then travels with them.
    statement = marker("statement")
    practice.services.amendments.disagree(client_actor(client_id), client_id, amendment_id,
                                          {"statement": statement})
    assert statement in _released_packet_text(practice, client_id)


def test_asking_to_travel_is_refused_after_a_statement_for_another_client_and_for_billing(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    other = ClientFactory.create(practice)
    amendment_id = ask(practice, client_id, chart["note_id"])
    deny(practice, client_id, amendment_id)
    with pytest.raises((NotFound, PolicyDenied)):  # another client's principal
        practice.services.amendments.ask_to_travel(client_actor(other), client_id, amendment_id)
    with pytest.raises(NotFound):  # their own record holds no such request
        practice.services.amendments.ask_to_travel(client_actor(other), other, amendment_id)
    with pytest.raises((NotFound, PolicyDenied)):
        practice.services.amendments.ask_to_travel(practice.actor("billing"), client_id,
                                                   amendment_id)
    assert scalar(practice, "SELECT count(*) FROM amendment_requests "
                            "WHERE travels_asked_at IS NOT NULL") == 0
    practice.services.amendments.disagree(client_actor(client_id), client_id, amendment_id,
                                          {"statement": marker("statement")})
    with pytest.raises(ConflictError):  # the statement already carries them
        practice.services.amendments.ask_to_travel(client_actor(client_id), client_id,
                                                   amendment_id)


def test_every_denial_names_the_notices_complaint_contact_and_the_secretary(
        practice: Practice, chart: dict[str, str]) -> None:
    # 164.526(d)(1)(iv): how to complain to the practice, with the name or title and telephone
    # number of its contact (164.530(a)(1)(ii)), and to the Secretary of HHS.
    client_id = chart["client_id"]
    assert "the practice's privacy officer" in denial_rights("")[2]  # before any notice
    publish_notice(practice.services, practice.actor("owner"))
    contact = practice.services.amendments.complaint_contact()
    assert contact == NOTICE_CONTACT
    rights = denial_rights(contact)
    assert NOTICE_CONTACT in rights[2] and "Secretary" in rights[2]
    assert "164.526(d)(1)(iv)" in rights[2] and "164.526(d)(1)(iii)" in rights[1]
    amendment_id = ask(practice, client_id, chart["note_id"])
    deny(practice, client_id, amendment_id)
    page = practice.services.amendments.get(client_actor(client_id), client_id, amendment_id)
    assert page.status is Status.DENIED


# --- whom to tell of an accepted amendment (164.526(c)(3)) ---------------------------------------
def _release(practice: Practice, client_id: str, categories: list[str], name: str,
             **dates: str) -> str:
    authorization_id = AuthorizationFactory.create(practice, client_id, categories=categories,
                                                   recipient_name=name, **dates)
    body = authorized_request(authorization_id, categories=categories, recipient_name=name,
                              **dates)
    view = practice.services.disclosures.request(practice.actor("clinician1"), client_id, body)
    practice.services.disclosures.release(practice.actor("clinician1"), client_id,
                                          view.disclosure_id)
    return str(view.disclosure_id)


def test_recipients_to_tell_are_earlier_releases_that_held_the_amended_note_or_details(
        practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    clinician = practice.actor("clinician1")
    note_id = practice.services.notes.create_note(clinician, client_id, {
        "kind": "progress", "format": "free", "body": marker("note"), "sign": True,
        "session_date": "2026-01-20"})
    held = _release(practice, client_id, ["progress_notes"], "Dr. Held Synthetic",
                    records_from="2026-01-01", records_to="2026-01-31")
    _release(practice, client_id, ["progress_notes"], "Dr. Outside Synthetic",
             records_from="2026-02-01", records_to="2026-02-28")
    details_only = _release(practice, client_id, ["demographics"], "Synthetic Insurer")
    on_note = ask(practice, client_id, note_id)
    on_details = ask(practice, client_id)
    for amendment_id in (on_note, on_details):
        practice.services.amendments.answer(clinician, client_id, amendment_id,
                                            {"decision": "accept", "amendment": marker("text")})
    practice.clock.advance(timedelta(minutes=5))
    _release(practice, client_id, ["progress_notes", "demographics"], "Dr. Later Synthetic",
             records_from="2026-01-01", records_to="2026-01-31")  # carries the amendment itself
    views = {v.amendment_id: v for v in
             practice.services.amendments.list_requests(clinician, client_id)}
    found = practice.services.oversight.amendment_recipients(clinician, client_id, [
        (a, views[a].decided_at, views[a].note_session_date) for a in (on_note, on_details)])
    assert [r.disclosure_id for r in found[on_note]] == [held]
    assert "Dr. Held Synthetic" in found[on_note][0].recipient
    assert [r.disclosure_id for r in found[on_details]] == [details_only]
    for who in ("billing", "clinician3"):
        with pytest.raises((PolicyDenied, NotFound)):
            practice.services.oversight.amendment_recipients(practice.actor(who), client_id, [
                (on_note, views[on_note].decided_at, views[on_note].note_session_date)])
    with pytest.raises((PolicyDenied, NotFound)):
        practice.services.oversight.amendment_recipients(client_actor(client_id), client_id, [])


def _accepted(practice: Practice, client_id: str, note_id: str, text: str) -> str:
    amendment_id = ask(practice, client_id, note_id)
    practice.services.amendments.answer(practice.actor("clinician1"), client_id, amendment_id,
                                        {"decision": "accept", "amendment": text})
    return amendment_id


def test_notice_of_an_accepted_amendment_is_recorded_sealed_and_shown_to_staff_and_client(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id, clinician = chart["client_id"], practice.actor("clinician1")
    amendments = practice.services.amendments
    amendment_id = _accepted(practice, client_id, chart["note_id"], marker("amendment"))
    with pytest.raises(InvalidInput) as refused:  # every field at once, nothing written
        amendments.record_notice(clinician, client_id, amendment_id,
                                 {"recipient": "", "sent_on": "2999-01-01", "method": "pigeon"})
    for name in ("recipient:", "sent_on:", "method:"):
        assert name in str(refused.value)
    person = marker("person")
    amendments.record_notice(clinician, client_id, amendment_id, {
        "recipient": person, "sent_on": START.date().isoformat(), "method": "mail"})
    assert scalar(practice, "SELECT count(*) FROM amendment_notices") == 1
    with practice.services.engine.connect() as conn:
        raw = conn.execute(text("SELECT recipient_sealed FROM amendment_notices")).scalar_one()
    assert person.encode() not in bytes(raw)
    for who in (clinician, client_actor(client_id)):
        [view] = amendments.list_requests(who, client_id)
        assert [(n.recipient, n.method) for n in view.notices] == [(person, "mail")]
    open_id = ask(practice, client_id, chart["note_id"])
    with pytest.raises(ConflictError):  # only an accepted amendment is sent to others
        amendments.record_notice(clinician, client_id, open_id,
                                 {"recipient": person, "method": "fax"})
    other = ClientFactory.create(practice)
    with pytest.raises(InvalidInput, match="disclosure_id"):
        amendments.record_notice(clinician, client_id, amendment_id, {
            "recipient": person, "method": "fax", "disclosure_id": other})
    for actor in (practice.actor("billing"), practice.actor("supervisor"),
                  practice.actor("clinician3"), client_actor(client_id)):
        with pytest.raises((PolicyDenied, NotFound)):
            amendments.record_notice(actor, client_id, amendment_id,
                                     {"recipient": person, "method": "fax"})
    with pytest.raises(NotFound):  # another client's chart holds no such amendment
        amendments.record_notice(practice.actor("clinician1"), other, amendment_id,
                                 {"recipient": person, "method": "fax"})
    assert scalar(practice, "SELECT count(*) FROM amendment_notices") == 1


def test_client_is_not_shown_a_notice_to_the_recipient_of_a_suspended_disclosure(
        practice: Practice, chart: dict[str, str]) -> None:
    # 164.528(a)(2): telling the client who was sent the amendment must not reveal a disclosure
    # an agency asked to withhold from their accounting for now.
    from tests.factories import oversight_request

    client_id, clinician, owner = (chart["client_id"], practice.actor("clinician1"),
                                   practice.actor("owner"))
    view = practice.services.disclosures.request(clinician, client_id, oversight_request())
    practice.services.disclosures.release(clinician, client_id, view.disclosure_id)
    practice.services.oversight.update_setting(owner, "accounting_suspension", True)
    practice.services.oversight.suspend_in_accounting(
        owner, client_id, view.disclosure_id, until=START.date() + timedelta(days=60),
        agency="Synthetic Board", statement="Telling the client would impede the audit.")
    amendment_id = _accepted(practice, client_id, chart["note_id"], marker("amendment"))
    practice.services.amendments.record_notice(clinician, client_id, amendment_id, {
        "recipient": "Investigator Sam Synthetic", "method": "secure-email",
        "disclosure_id": view.disclosure_id})
    [staff_view] = practice.services.amendments.list_requests(clinician, client_id)
    assert len(staff_view.notices) == 1
    [client_view] = practice.services.amendments.list_requests(client_actor(client_id), client_id)
    assert client_view.notices == ()
    practice.clock.advance(timedelta(days=61))  # the suspension has ended
    [client_view] = practice.services.amendments.list_requests(client_actor(client_id), client_id)
    assert len(client_view.notices) == 1


def test_notice_letter_holds_the_amendment_and_the_clients_name_and_nothing_else(
        practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    clinician = practice.actor("clinician1")
    body = marker("body")
    note_id = practice.services.notes.create_note(clinician, client_id, {
        "kind": "progress", "format": "free", "body": body, "sign": True,
        "session_date": "2026-01-20"})
    words = marker("amendment")
    amendment_id = _accepted(practice, client_id, note_id, words)
    flat = " ".join(pdf_text(practice.services.amendments.letter_pdf(
        clinician, client_id, amendment_id)).split())
    names = practice.services.charts.get_client(clinician, client_id)
    assert words in flat and "2026-01-20" in flat and "164.526(c)(3)" in flat
    assert names.demographics["family_name"] in flat
    assert body not in flat
    denied = ask(practice, client_id, note_id)
    deny(practice, client_id, denied)
    with pytest.raises(ConflictError):
        practice.services.amendments.letter_pdf(clinician, client_id, denied)
    with pytest.raises((PolicyDenied, NotFound)):
        practice.services.amendments.letter_pdf(practice.actor("billing"), client_id,
                                                amendment_id)
