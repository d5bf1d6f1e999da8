"""Appointment reminders (issue 14) on SQLite and PostgreSQL: e-mail through a real SMTP server
(tests/mailbox.py), texts through a local HTTP server standing in for a provider
(tests/sms_server.py). A reminder goes out once per appointment and channel, only by a channel
the client chose, never in quiet hours by text, never for a cancelled or moved appointment, and
holds nothing clinical; every send is audited without content or address."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from closeddoor.bootstrap import Services, configure_logging
from closeddoor.errors import AuditUnavailable, InvalidInput, PolicyDenied
from tests.factories import ClientFactory, Practice
from tests.factories.records import marker, marker_digits
from tests.integration.helpers import is_postgres, open_api, run_cli, sql
from tests.integration.test_plaintext_scan import (
    STAFF_DISPLAY_NAME,
    database_as_text,
    files_under,
    leaks,
)
from tests.mailbox import body_of, mail_server
from tests.sms_server import TOKEN, SmsInbox, sms_server

CPT, ICD = "90837", "F33.1"
DOB = "1987-06-15"
CLINICAL = ("therap", "counsel", "psych", "diagnos", "depress", "anxi", "disorder")


@contextmanager
def data_folder_logging(practice: Practice) -> Iterator[None]:
    """Log to <data>/logs as `closeddoor serve` does; undone afterwards."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    configure_logging(practice.settings)
    try:
        yield
    finally:
        for handler in root.handlers:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)


def reminder_client(practice: Practice, **preferences: Any) -> tuple[str, str]:
    """A client who asked for e-mail reminders at an address of their own: (id, address)."""
    client_id = ClientFactory.create(practice, date_of_birth=DOB)
    address = f"{marker('remind').lower()}@example.org"
    chosen = {"email_reminders": True, "reminder_email": address, **preferences}
    practice.services.consent.update_preferences(practice.actor("clinician1"), client_id, chosen)
    return client_id, address


def book(practice: Practice, client_id: str, starts_at: datetime, **data: Any) -> str:
    problems, clinician = practice.services.problems, practice.actor("clinician1")
    if ICD not in {p.code for p in problems.list_problems(clinician, client_id)}:
        problems.add(clinician, client_id, {"code": ICD})  # an appointment's code is listed
    values = {"starts_at": starts_at.isoformat(), "room": "Room 2", "cpt_code": CPT,
              "icd10_code": ICD, "fee_cents": 15_000, **data}
    return practice.services.charts.create_appointment(practice.actor("clinician1"), client_id,
                                                       values)


def outbox(practice: Practice, appointment_id: str) -> list[tuple[str, str, int]]:
    return [(r[0], r[1], r[2]) for r in sql(
        practice, "SELECT channel, state, attempts FROM reminder_outbox "
                  "WHERE appointment_id = :a ORDER BY channel", a=appointment_id)]


def assert_says_nothing_clinical(text: str, practice: Practice, client_id: str) -> None:
    lowered = text.lower()
    for secret in (CPT, ICD, ICD.replace(".", ""), "1987", "06/15", "15 june", "june 15",
                   "150.00", "15000", *CLINICAL):
        assert secret.lower() not in lowered, secret
    demographics = practice.services.charts.get_client(practice.actor("clinician1"), client_id)
    for name in (demographics.demographics["given_name"], demographics.demographics["family_name"]):
        assert name.lower() not in lowered


def test_email_reminder_goes_once_per_appointment_when_the_run_is_repeated(
    practice: Practice,
) -> None:
    now = practice.clock.now()
    client_id, address = reminder_client(practice)
    due = book(practice, client_id, now + timedelta(hours=20))
    later = book(practice, client_id, now + timedelta(hours=30))  # outside the 24-hour lead
    before = len(mail_server().to(address))
    summary = practice.services.reminders.send_due()
    assert summary.sent == 1
    arrived = mail_server().to(address)[before:]
    assert len(arrived) == 1
    text = f"{arrived[0]['Subject']}\n{body_of(arrived[0])}"
    assert "Tuesday 3 March 2026 at 11:00 (UTC)" in text
    assert "Room 2" in text and "Test practice (synthetic)" in text
    assert "To cancel or change it" in text
    assert_says_nothing_clinical(text, practice, client_id)
    assert outbox(practice, due) == [("email", "sent", 1)]
    assert outbox(practice, later) == []
    again = practice.services.reminders.send_due()
    assert (again.sent, again.queued) == (0, 0)
    assert len(mail_server().to(address)) == before + 1


def test_nothing_is_sent_when_the_client_did_not_choose_email(practice: Practice) -> None:
    now = practice.clock.now()
    client_id = ClientFactory.create(practice)  # e-mail on file, no reminder preference
    appointment = book(practice, client_id, now + timedelta(hours=2))
    before = mail_server().count()
    summary = practice.services.reminders.send_due()
    assert summary.skipped == 1 and summary.sent == 0
    assert mail_server().count() == before
    assert outbox(practice, appointment) == [("email", "skipped", 0)]


def test_reminder_for_the_old_time_is_not_sent_when_cancelled_or_moved(
    practice: Practice,
) -> None:
    now = practice.clock.now()
    client_id, address = reminder_client(practice)
    cancelled = book(practice, client_id, now + timedelta(hours=3))
    moved = book(practice, client_id, now + timedelta(hours=4))
    assert practice.services.reminders.queue_due() == 2
    practice.services.charts.set_appointment_status(practice.actor("clinician1"), client_id,
                                                    cancelled, "cancelled")
    new_time = now + timedelta(days=3)
    sql(practice, "UPDATE appointments SET starts_at = :t WHERE id = :a", t=new_time, a=moved)
    before = len(mail_server().to(address))
    summary = practice.services.reminders.send_due()
    assert (summary.sent, summary.stale) == (0, 2)
    assert len(mail_server().to(address)) == before
    assert outbox(practice, cancelled) == [("email", "stale", 0)]
    reasons = {r[0] for r in sql(practice, "SELECT reason FROM reminder_outbox "
                                           "WHERE client_id = :c", c=client_id)}
    assert reasons == {"cancelled", "rescheduled"}
    # The moved appointment is reminded of at its new time, once.
    practice.clock.advance(new_time - now - timedelta(hours=2))
    assert practice.services.reminders.send_due().sent == 1
    assert len(mail_server().to(address)) == before + 1


def test_failed_send_is_retried_with_back_off_then_given_up(practice: Practice) -> None:
    now = practice.clock.now()
    client_id, address = reminder_client(practice)
    appointment = book(practice, client_id, now + timedelta(hours=23))
    mailbox = mail_server()
    mailbox.refuse = True
    try:
        assert practice.services.reminders.send_due().failed == 1
        assert outbox(practice, appointment) == [("email", "pending", 1)]
        assert practice.services.reminders.send_due().failed == 0  # not before the back-off
        delays = []
        for _ in range(4):
            when = sql(practice, "SELECT next_attempt_at FROM reminder_outbox "
                                 "WHERE appointment_id = :a", a=appointment)[0][0]
            when = datetime.fromisoformat(when) if isinstance(when, str) else when
            when = when if when.tzinfo else when.replace(tzinfo=UTC)
            delays.append(when - practice.clock.now())
            practice.clock.advance(delays[-1])
            assert practice.services.reminders.send_due().failed == 1
    finally:
        mailbox.refuse = False
    assert delays == [timedelta(minutes=5), timedelta(minutes=10), timedelta(minutes=20),
                      timedelta(minutes=40)]
    assert outbox(practice, appointment) == [("email", "failed", 5)]
    practice.clock.advance(timedelta(hours=3))
    assert practice.services.reminders.send_due().sent == 0
    assert mail_server().to(address) == []


def test_two_runs_at_once_send_each_reminder_once(practice: Practice) -> None:
    now = practice.clock.now()
    addresses = []
    for hours in (1, 2, 3, 5, 8, 13):
        client_id, address = reminder_client(practice)
        book(practice, client_id, now + timedelta(hours=hours))
        addresses.append(address)
    runs: list[Services] = [practice.reopen(), practice.reopen()]
    start = threading.Barrier(len(runs))
    results: list[int] = []
    errors: list[BaseException] = []

    def run(services: Services) -> None:
        try:
            start.wait()
            results.append(services.reminders.send_due().sent)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(results) == len(addresses)
    assert all(len(mail_server().to(a)) == 1 for a in addresses)


def test_every_send_is_audited_with_channel_and_outcome_but_no_content(
    practice: Practice,
) -> None:
    now = practice.clock.now()
    client_id, address = reminder_client(practice)
    appointment = book(practice, client_id, now + timedelta(hours=6))
    practice.services.reminders.send_due()
    events = sql(practice, "SELECT actor_id, tag, outcome, reason, details FROM audit_events "
                           "WHERE tag = 'record:reminder:send' AND resource_id = :a",
                 a=appointment)
    assert [(e[0], e[2]) for e in events] == [("system:reminders", "allow"),
                                              ("system:reminders", "ok")]
    assert '"channel":"email"' in events[1][4]
    everything = " ".join(str(part) for e in sql(
        practice, "SELECT reason, details FROM audit_events WHERE client_id = :c",
        c=client_id) for part in e)
    assert address not in everything and address.split("@")[0] not in everything
    assert "Room 2" not in everything and CPT not in everything


def test_reminder_says_therapy_only_when_practice_and_client_both_allow(
    practice: Practice,
) -> None:
    now = practice.clock.now()
    owner = practice.actor("owner")
    reminders = practice.services.reminders
    allowing, allowing_address = reminder_client(practice, reminders_may_name_service=True)
    silent, silent_address = reminder_client(practice)
    book(practice, allowing, now + timedelta(hours=2))
    book(practice, silent, now + timedelta(hours=3))
    reminders.update_settings(owner, {**reminders.settings().as_form(),
                                      "reminders_may_name_service": True})
    reminders.send_due()
    assert "therapy appointment" in body_of(mail_server().latest(allowing_address))
    assert "therap" not in body_of(mail_server().latest(silent_address)).lower()


def test_reminder_settings_refused_for_staff_and_bad_input_names_every_field(
    practice: Practice,
) -> None:
    reminders = practice.services.reminders
    with pytest.raises(PolicyDenied):
        reminders.update_settings(practice.actor("clinician1"), {
            "reminder_lead_hours": "48", "quiet_hours_start": "22:00", "quiet_hours_end": "07:00"})
    with pytest.raises(InvalidInput) as refused:
        reminders.update_settings(practice.actor("owner"), {
            "reminder_lead_hours": "0", "quiet_hours_start": "25:00", "quiet_hours_end": "7"})
    message = str(refused.value)
    for field in ("reminder_lead_hours", "quiet_hours_start", "quiet_hours_end"):
        assert f"{field}: " in message
    assert reminders.settings().lead_hours == 24
    saved = reminders.update_settings(practice.actor("owner"), {
        "reminder_lead_hours": "48", "quiet_hours_start": "22:00", "quiet_hours_end": "07:30"})
    assert reminders.settings() == saved and saved.lead_hours == 48


def _with_texts(practice: Practice, inbox: SmsInbox) -> Services:
    return practice.reopen(dataclasses.replace(practice.settings, sms_url=inbox.url,
                                               sms_token=TOKEN))


def test_text_waits_for_quiet_hours_to_end_then_goes_once(practice: Practice) -> None:
    now = practice.clock.now()  # 15:00 UTC
    phone = "+1 555 0100 " + str(now.microsecond % 10)
    client_id = ClientFactory.create(practice, date_of_birth=DOB)
    practice.services.consent.update_preferences(practice.actor("clinician1"), client_id, {
        "text_reminders": True, "reminder_phone": phone, "telehealth": "granted"})
    appointment = book(practice, client_id, now + timedelta(hours=20), room="",
                       modality="telehealth")
    with sms_server() as inbox:
        services = _with_texts(practice, inbox)
        services.reminders.update_settings(practice.actor("owner"), {
            "reminder_lead_hours": "24", "quiet_hours_start": "14:00",
            "quiet_hours_end": "16:30"})
        summary = services.reminders.send_due()
        assert (summary.deferred, summary.sent) == (1, 0)
        assert inbox.received == []
        assert outbox(practice, appointment) == [("email", "skipped", 0), ("sms", "pending", 0)]
        practice.clock.advance(timedelta(hours=1, minutes=29))
        assert services.reminders.send_due().sent == 0
        practice.clock.advance(timedelta(minutes=1))
        assert services.reminders.send_due().sent == 1
        assert services.reminders.send_due().sent == 0
    assert len(inbox.received) == 1 and inbox.tokens == [f"Bearer {TOKEN}"]
    assert inbox.received[0]["to"] == phone
    text = inbox.received[0]["body"]
    assert "video session" in text and "Test practice (synthetic)" in text
    assert_says_nothing_clinical(text, practice, client_id)


def test_text_refused_by_the_provider_is_retried(practice: Practice) -> None:
    now = practice.clock.now()
    client_id = ClientFactory.create(practice)
    practice.services.consent.update_preferences(practice.actor("clinician1"), client_id, {
        "text_reminders": True, "reminder_phone": "+1 555 0101"})
    appointment = book(practice, client_id, now + timedelta(hours=5))
    with sms_server() as inbox:
        inbox.status = 503
        services = _with_texts(practice, inbox)
        assert services.reminders.send_due().failed == 1
        assert ("sms", "pending", 1) in outbox(practice, appointment)
        inbox.status = 200
        practice.clock.advance(timedelta(minutes=5))
        assert services.reminders.send_due().sent == 1
    assert len(inbox.received) == 2


def test_cli_emails_each_appointment_in_the_next_24_hours_once(
    practice: Practice, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The interface contract: `closeddoor reminders send --data-dir DIR` with
    CLOSEDDOOR_SMTP_URL set (and nothing else about mail), on the real clock."""
    monkeypatch.setenv("CLOSEDDOOR_SMTP_URL", mail_server().url)
    monkeypatch.delenv("CLOSEDDOOR_PUBLIC_URL", raising=False)
    real_now = datetime.now(UTC)
    client_id, address = reminder_client(practice)
    book(practice, client_id, real_now + timedelta(hours=3))
    book(practice, client_id, real_now + timedelta(hours=23))
    book(practice, client_id, real_now + timedelta(hours=25))
    first = run_cli(practice, "reminders", "send")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "2 sent" in first.stdout
    arrived = mail_server().to(address)
    assert len(arrived) == 2
    for mail in arrived:
        assert_says_nothing_clinical(f"{mail['Subject']}\n{body_of(mail)}", practice, client_id)
    second = run_cli(practice, "reminders", "send")
    assert second.returncode == 0 and "0 sent" in second.stdout
    assert len(mail_server().to(address)) == 2
    assert address not in first.stdout + second.stdout


def test_no_address_number_or_room_on_disk_or_in_the_database_when_reminders_run(
    practice: Practice, tmp_path: Path,
) -> None:
    now = practice.clock.now()
    client_id, address = reminder_client(practice)
    phone = marker_digits()
    practice.services.consent.update_preferences(practice.actor("clinician1"), client_id, {
        "email_reminders": True, "reminder_email": address, "text_reminders": True,
        "reminder_phone": phone})
    room = marker("room")
    book(practice, client_id, now + timedelta(hours=2), room=room)
    mailbox = mail_server()
    with data_folder_logging(practice), sms_server() as inbox:
        services = _with_texts(practice, inbox)
        mailbox.refuse = True
        inbox.status = 500
        try:
            assert services.reminders.send_due().failed == 2  # the failure paths log
        finally:
            mailbox.refuse = False
            inbox.status = 200
        practice.clock.advance(timedelta(minutes=5))
        assert services.reminders.send_due().sent == 2
    markers = [address, address.split("@")[0], phone, room]
    on_disk = files_under(tmp_path)
    assert "text not sent" in (practice.settings.log_dir / "closeddoor.log").read_text()
    if not is_postgres(practice):  # positive control: plaintext by design is found
        assert STAFF_DISPLAY_NAME.encode() in b"".join(on_disk.values())
    assert leaks(on_disk, markers) == []
    if is_postgres(practice):
        dump = database_as_text(practice)
        assert [m for m in markers if m in dump or m.encode().hex() in dump] == []


def test_rows_are_handed_back_at_once_when_the_audit_fails_mid_run(
    practice: Practice, monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = practice.clock.now()
    client_id, address = reminder_client(practice)
    appointment = book(practice, client_id, now + timedelta(hours=2))
    gate = practice.services.reminders._gate

    def audit_down(*args: Any, **kwargs: Any) -> Any:
        raise AuditUnavailable("audit log unavailable")

    with monkeypatch.context() as patched:
        patched.setattr(gate, "authorize_read", audit_down)
        with pytest.raises(AuditUnavailable):
            practice.services.reminders.send_due()
    assert outbox(practice, appointment) == [("email", "pending", 0)]
    assert mail_server().to(address) == []
    assert practice.services.reminders.send_due().sent == 1  # no wait for a claim to expire


def test_staff_member_cannot_send_reminders_and_the_refusal_is_audited(
    practice: Practice,
) -> None:
    now = practice.clock.now()
    client_id, address = reminder_client(practice)
    appointment = book(practice, client_id, now + timedelta(hours=2))
    clinician = practice.actor("clinician1")  # on the care team, still not the sender
    summary = practice.services.reminders.send_due(clinician)
    assert (summary.sent, summary.skipped) == (0, 1)
    assert mail_server().to(address) == []
    assert sql(practice, "SELECT outcome, reason FROM audit_events WHERE tag = "
                         "'record:reminder:send' AND resource_id = :a ORDER BY seq",
               a=appointment)[0][:2] == ("deny", "owner-only")
    assert practice.services.reminders.send_due().sent == 1  # the sender still can
    assert len(mail_server().to(address)) == 1


def test_api_reminder_settings_name_every_bad_field_and_change_nothing(
    practice: Practice,
) -> None:
    with open_api(practice) as api:
        assert api.get("/settings/reminders", "billing").json() == {
            "lead_hours": 24, "quiet_hours_start": "21:00", "quiet_hours_end": "08:00",
            "may_name_service": False}
        refused = api.put("/settings/reminders", "owner", {
            "lead_hours": -3, "quiet_hours_start": "21:00", "quiet_hours_end": "8am"})
        assert refused.status_code == 422
        detail = refused.json()["detail"]
        assert "reminder_lead_hours: " in detail and "quiet_hours_end: " in detail
        assert "quiet_hours_start" not in detail
        assert api.put("/settings/reminders", "owner", {
            "lead_hours": 12, "quiet_hours_start": "20:00", "quiet_hours_end": "09:00",
            "may_name_service": True}).status_code == 204
    chosen = practice.services.reminders.settings()
    assert (chosen.lead_hours, chosen.quiet_start, chosen.may_name_service) == (12, 1200, True)


def test_reminder_carries_a_neutral_check_in_link_only_while_a_measure_waits(
    practice: Practice,
) -> None:
    # docs/measures.md: the practice asked for a PHQ-9; the reminder says only "a short
    # check-in", with the portal link, and nothing once the client has completed it.
    now = practice.clock.now()
    client_id, address = reminder_client(practice)
    practice.services.measures.request(practice.actor("clinician1"), client_id, "PHQ-9")
    book(practice, client_id, now + timedelta(hours=20))
    before = len(mail_server().to(address))
    assert practice.services.reminders.send_due().sent == 1
    [mail] = mail_server().to(address)[before:]
    text = f"{mail['Subject']}\n{body_of(mail)}"
    assert "Please complete a short check-in before your visit" in text
    assert "/portal/measures" in text
    assert_says_nothing_clinical(text, practice, client_id)
    for word in ("phq", "questionnaire", "mood", "measure:"):
        assert word not in text.lower()
    other, other_address = reminder_client(practice)
    book(practice, other, now + timedelta(hours=21))
    practice.services.reminders.send_due()
    [plain] = mail_server().to(other_address)
    assert "check-in" not in body_of(plain)
