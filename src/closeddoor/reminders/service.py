"""The reminder use case: queue what is due in the outbox, claim it, send it through the gate.

`ReminderService.send_due()` is what `closeddoor reminders send` runs (from cron or a systemd
timer every few minutes). Each run:
1. queues one outbox row per scheduled appointment starting within the lead time, per channel
   the practice can send (the unique key makes queueing idempotent);
2. claims ready rows with a compare-and-set inside a transaction, so two runs at once never
   take the same row;
3. for each claimed row: skips it (recorded as `stale`) when the appointment was cancelled or
   moved; otherwise asks the gate (`chart:reminder:send`, audited) before reading the client's
   preferences and the appointment's room; sends only by a channel the client chose, to the
   address or number they gave for reminders, a text never in quiet hours; records the outcome
   and audits it (channel and outcome; never content, never the address).
A failed send is retried with exponential back-off up to `schedule.MAX_ATTEMPTS` times.

Appointment reminders are communications about the client's own treatment (45 CFR 164.506(c)),
sent by the means and at the place the client asked for (45 CFR 164.522(b)), holding the
minimum necessary (45 CFR 164.502(b)); see `message` for what they may say.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.preferences import Preferences
from closeddoor.errors import MailUnavailable, NotFound, PolicyDenied
from closeddoor.gate import Access, Gate
from closeddoor.mail import Mail, Mailer
from closeddoor.policy import Actor, Permission, Role
from closeddoor.reminders import message, schedule
from closeddoor.reminders.ports import TextMessage, TextNotSent, TextSender
from closeddoor.reminders.settings import ReminderSettings
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import consent_repository, measure_repository
from closeddoor.store import reminder_repository as repo
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.types import RecordKind

log = logging.getLogger("closeddoor.reminders")
P = Permission
TAG = AuditTag.RECORD_REMINDER_SEND
# The principal that sends reminders: the CLI run by the practice's operator with the key
# files in hand. Policy lets it read what a reminder needs and nothing is shown to anyone.
REMINDER_ACTOR = Actor("system:reminders", Role.OWNER)
EMAIL, SMS = "email", "sms"
KIND_UPCOMING = "upcoming"
BATCH = 200


@dataclass
class SendSummary:
    """What one run did, in counts (the command prints these; no ids, no names)."""

    queued: int = 0
    sent: int = 0
    failed: int = 0  # this attempt failed (it is retried later unless it gave up)
    skipped: int = 0  # the client did not choose this channel
    deferred: int = 0  # a text waiting for quiet hours to end
    stale: int = 0  # the appointment was cancelled, moved or has begun


@dataclass(frozen=True)
class _Outcome:
    state: str
    outcome: str  # the audit outcome: ok | fail | skip | defer
    reason: str  # fixed words
    next_attempt_at: datetime | None = None
    attempted: bool = False


class ReminderService:
    def __init__(self, runtime: Runtime, gate: Gate, mailer: Mailer, texts: TextSender) -> None:
        self._rt = runtime
        self._gate = gate
        self._mailer = mailer
        self._texts = texts

    # --- the owner's settings ------------------------------------------------------------------
    def settings(self) -> ReminderSettings:
        with read_transaction(self._rt.engine) as conn:
            return _settings_of(repo.practice_settings(conn))

    def update_settings(self, actor: Actor, data: dict[str, Any]) -> ReminderSettings:
        """Validate first (bad input changes nothing), then check the owner's permission and
        save with its audit event in one transaction."""
        chosen = ReminderSettings.parse(data)
        self._gate.require(actor, P.PRACTICE_SETTINGS_MANAGE, AuditTag.PRACTICE_SETTINGS_UPDATE,
                           audit_allow=False)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            repo.set_practice_settings(
                conn, reminder_lead_hours=chosen.lead_hours,
                reminders_may_name_service=chosen.may_name_service,
                quiet_hours_start=chosen.quiet_start, quiet_hours_end=chosen.quiet_end)
            self._gate.record_in(conn, [rt.entry(
                actor.actor_id, AuditTag.PRACTICE_SETTINGS_UPDATE, "ok", setting="reminders",
                lead_hours=chosen.lead_hours, may_name_service=int(chosen.may_name_service),
                quiet_start=chosen.quiet_start, quiet_end=chosen.quiet_end)])
        return chosen

    # --- sending -------------------------------------------------------------------------------
    def channels(self) -> tuple[str, ...]:
        """The channels this practice can send by (e-mail when SMTP is set, texts when an SMS
        provider is)."""
        return tuple(name for name, ready in ((EMAIL, self._mailer.is_configured),
                                              (SMS, self._texts.is_configured)) if ready)

    def send_due(self, actor: Actor = REMINDER_ACTOR) -> SendSummary:
        """Queue, claim and send every reminder due now. Safe to run often and concurrently."""
        summary = SendSummary()
        summary.queued = self.queue_due()
        token = new_id()
        claimed = self._claim(token)
        for done, row in enumerate(claimed):
            try:
                outcome = self._deliver(actor, row)
            except Exception:
                # The audit could not be written, a key is missing, ...: hand the rows not yet
                # sent back at once (no 30-minute wait for the claim to expire), then fail loudly.
                self._release(claimed[done:], token)
                raise
            self._finish(actor, row, token, outcome)
            if outcome.state == "sent":
                summary.sent += 1
            elif outcome.outcome == "fail":
                summary.failed += 1
            elif outcome.state == "stale":
                summary.stale += 1
            elif outcome.outcome == "defer":
                summary.deferred += 1
            else:
                summary.skipped += 1
        return summary

    def queue_due(self) -> int:
        """Add an outbox row for each channel of each scheduled appointment starting within
        the lead time that has none yet. Returns how many were added."""
        rt = self._rt
        now = rt.now()
        channels = self.channels()
        added = 0
        with write_transaction(rt.engine) as conn:
            lead = _settings_of(repo.practice_settings(conn)).lead
            for appointment in repo.scheduled_between(conn, now, now + lead):
                for channel in channels:
                    added += repo.queue(
                        conn, id=new_id(), appointment_id=appointment.id,
                        client_id=appointment.client_id, channel=channel, kind=KIND_UPCOMING,
                        starts_at=appointment.starts_at, state=repo.PENDING, attempts=0,
                        next_attempt_at=now, reason="", created_at=now, updated_at=now)
        return added

    def _claim(self, token: str) -> list[Row[Any]]:
        rt = self._rt
        now = rt.now()
        with write_transaction(rt.engine) as conn:
            return [row for row in repo.ready(conn, now, now - schedule.CLAIM_EXPIRES, BATCH)
                    if repo.claim(conn, row, token, now)]

    def _deliver(self, actor: Actor, row: Row[Any]) -> _Outcome:
        rt = self._rt
        now = rt.now()
        with read_transaction(rt.engine) as conn:
            appointment = repo.appointment_now(conn, row.appointment_id)
            practice = repo.practice_settings(conn)
        if appointment is None or appointment.status != "scheduled" \
                or appointment.client_status != "active":
            return _Outcome("stale", "skip", "cancelled")
        if appointment.starts_at != row.starts_at:
            return _Outcome("stale", "skip", "rescheduled")
        if appointment.starts_at <= now:
            return _Outcome("stale", "skip", "already-started")
        if row.channel not in self.channels():
            return _Outcome("skipped", "skip", "channel-not-configured")
        try:
            access = self._gate.authorize_read(actor, P.CHART_REMINDER_SEND, TAG, row.client_id,
                                               resource_id=row.appointment_id)
        except (NotFound, PolicyDenied):
            # The gate recorded the refusal. The row stays for the reminder sender: a caller
            # who may not send cannot use up someone's reminder either.
            return _Outcome(repo.PENDING, "skip", "refused")
        preferences, room = self._what_we_may_use(access, row.appointment_id,
                                                  appointment.details_sealed)
        address = _address(preferences, row.channel)
        if not address:
            return _Outcome("skipped", "skip", "channel-not-chosen")
        settings = _settings_of(practice)
        zone_name = _zone_of(practice)
        if row.channel == SMS and settings.quiet_hours.contains(schedule.local(now, zone_name)):
            return _Outcome(repo.PENDING, "defer", "quiet-hours",
                            settings.quiet_hours.next_end(now, zone_name))
        facts = message.ReminderFacts(
            practice_name=practice.name, starts_at=appointment.starts_at, zone_name=zone_name,
            is_video=appointment.modality == "telehealth", room=room,
            may_name_service=settings.may_name_service and preferences.reminders_may_name_service,
            portal_url=rt.settings.public_url,
            check_in=self._asked_to_check_in(row.client_id))
        try:
            if row.channel == EMAIL:
                text = message.email(facts)
                self._mailer.send(Mail(address, text.subject, text.body))
            else:
                self._texts.send(TextMessage(address, message.text_message(facts)))
        except (MailUnavailable, TextNotSent):
            attempts = row.attempts + 1
            if schedule.gives_up(attempts):
                return _Outcome("failed", "fail", "gave-up", attempted=True)
            return _Outcome(repo.PENDING, "fail", "not-accepted",
                            now + schedule.retry_delay(attempts), attempted=True)
        return _Outcome("sent", "ok", "sent", attempted=True)

    def _asked_to_check_in(self, client_id: str) -> bool:
        """Whether the practice asked the client to complete a measure they have not yet: the
        reminder then carries a neutral link, never the questionnaire's name."""
        with read_transaction(self._rt.engine) as conn:
            return client_id in measure_repository.clients_with_open_requests(conn, [client_id])

    def _release(self, rows: list[Row[Any]], token: str) -> None:
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            for row in rows:
                repo.finish(conn, row.id, token, state=repo.PENDING, attempts=row.attempts,
                            next_attempt_at=row.next_attempt_at, reason="interrupted",
                            updated_at=rt.now())

    def _what_we_may_use(self, access: Access, appointment_id: str, details_sealed: bytes
                         ) -> tuple[Preferences, str]:
        """The client's preferences and the appointment's room, unsealed under the gate's
        proof. The details also hold codes and the fee: only the room leaves this function."""
        rt = self._rt
        client_id = access.client_id
        with read_transaction(rt.engine) as conn:
            sealed = consent_repository.preferences_sealed(conn, client_id)
            preferences = Preferences() if sealed is None else Preferences.from_json(json.loads(
                rt.keyring.unseal_field(conn, client_id, RecordKind.PREFERENCES, client_id,
                                        "preferences", sealed, access)))
            details = json.loads(rt.keyring.unseal_field(
                conn, client_id, RecordKind.APPOINTMENT, appointment_id, "details",
                details_sealed, access))
        return preferences, str(details.get("room") or "")

    def _finish(self, actor: Actor, row: Row[Any], token: str, outcome: _Outcome) -> None:
        """Record the outcome on the row and audit it, together (channel, outcome and fixed
        reason only)."""
        rt = self._rt
        now = rt.now()
        attempts = row.attempts + (1 if outcome.attempted else 0)
        with write_transaction(rt.engine) as conn:
            if not repo.finish(conn, row.id, token, state=outcome.state, attempts=attempts,
                               next_attempt_at=outcome.next_attempt_at or row.next_attempt_at,
                               reason=outcome.reason, updated_at=now):
                return  # the claim expired and another run took the row: it records its own
            self._gate.record_in(conn, [rt.entry(
                actor.actor_id, TAG, outcome.outcome, client_id=row.client_id,
                resource_id=row.appointment_id, reason=outcome.reason, channel=row.channel,
                kind=row.kind, attempt=attempts)])


def _settings_of(row: Row[Any]) -> ReminderSettings:
    return ReminderSettings(row.reminder_lead_hours, bool(row.reminders_may_name_service),
                            row.quiet_hours_start, row.quiet_hours_end)


def _zone_of(practice: Row[Any]) -> str:
    """The practice's IANA time zone once the practice row keeps one (the calendar work adds
    it, in parallel with this); "" (UTC) until then."""
    values = practice._mapping
    return str(values.get("time_zone") or values.get("timezone") or "")


def _address(preferences: Preferences, channel: str) -> str:
    """Where the client asked reminders to go by `channel`; "" when they did not choose it."""
    if channel == EMAIL:
        return preferences.reminder_email if preferences.email_reminders else ""
    return preferences.reminder_phone if preferences.text_reminders else ""

