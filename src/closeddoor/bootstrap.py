"""The composition root: build_services(settings) wires adapters to the services, once."""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from urllib.parse import urlsplit

from sqlalchemy import Engine

from closeddoor.accounts.lifecycle import StaffLifecycle
from closeddoor.accounts.passwords import Hasher
from closeddoor.accounts.service import AccountService
from closeddoor.amendments.service import AmendmentService
from closeddoor.backup.service import BackupService
from closeddoor.clock import Clock, SystemClock
from closeddoor.config import Settings
from closeddoor.consent.service import ConsentService
from closeddoor.crypto import LocalKeyFile, LocalSubjectSecrets
from closeddoor.disclosure.authorization_service import AuthorizationService
from closeddoor.disclosure.oversight import DisclosureOversight
from closeddoor.disclosure.restriction_service import RestrictionService
from closeddoor.disclosure.service import DisclosureService
from closeddoor.excerpts.service import ExcerptService
from closeddoor.export.service import ExportService
from closeddoor.gate import Gate
from closeddoor.intake.service import IntakeService
from closeddoor.mail import Mailer, NoMailer, SmtpMailer, mailer_for
from closeddoor.measures.service import MeasureService
from closeddoor.notice.service import NoticeService
from closeddoor.paging import CURSOR_PURPOSE, Pager
from closeddoor.portal.service import PortalService
from closeddoor.portal.sessions import PortalSessions
from closeddoor.practice.service import PracticeService
from closeddoor.records.break_glass import BreakGlassService
from closeddoor.records.calendar import CalendarService
from closeddoor.records.destruction import DestructionService
from closeddoor.records.form_access import FormAccess
from closeddoor.records.lifecycle import LifecycleService
from closeddoor.records.notes import NoteService
from closeddoor.records.representative_service import RepresentativeService
from closeddoor.records.service import ChartService
from closeddoor.reminders.ports import NoTextSender, TextSender
from closeddoor.reminders.service import ReminderService
from closeddoor.reminders.sms_http import HttpTextSender
from closeddoor.runtime import Runtime, iso
from closeddoor.store.audit_log import AuditLog
from closeddoor.store.checkpointer import AuditCheckpointer
from closeddoor.store.db import make_engine, one_read_snapshot
from closeddoor.store.keyring import KeyRing
from closeddoor.treatment.plans import PlanService
from closeddoor.treatment.problems import ProblemService


@dataclass(frozen=True)
class Services:
    settings: Settings
    runtime: Runtime
    keys: LocalKeyFile
    accounts: AccountService
    staff: StaffLifecycle
    charts: ChartService
    calendar: CalendarService
    notes: NoteService
    break_glass: BreakGlassService
    practice: PracticeService
    consent: ConsentService
    notice: NoticeService
    portal: PortalService
    authorizations: AuthorizationService
    disclosures: DisclosureService
    oversight: DisclosureOversight
    excerpts: ExcerptService
    forms: FormAccess  # may this person use a form, asked before it is drawn
    lifecycle: LifecycleService
    destruction: DestructionService
    amendments: AmendmentService  # the right to amend, 45 CFR 164.526
    restrictions: RestrictionService  # requests for restrictions, 45 CFR 164.522(a)
    reminders: ReminderService
    representatives: RepresentativeService
    backups: BackupService  # backups, the end of a restore, restore drills
    intake: IntakeService  # intake packets through the portal (docs/intake.md)
    portal_sessions: PortalSessions  # the client's upcoming sessions in the portal
    exports: ExportService  # FHIR R4 exports: a chart, the client's own, the practice's
    measures: MeasureService  # PHQ-9, GAD-7, PCL-5 and safety flags (docs/measures.md)
    pager: Pager  # signs and checks list cursors (closeddoor.paging)
    problems: ProblemService  # the problem list: ICD-10-CM diagnoses (docs/treatment-plans.md)
    plans: PlanService  # versioned treatment plans, signed by clinician and client
    # The hottest reads run on the event loop's thread, their audit wait an await
    # (`closeddoor.inline`): on SQLite, whose reads are local and short. On PostgreSQL each
    # read is a network round trip, which must not hold up the event loop.
    reads_inline: bool = False

    @property
    def engine(self) -> Engine:
        return self.runtime.engine

    def close(self) -> None:
        self.runtime.engine.dispose()

    def one_read_snapshot(self) -> AbstractContextManager[None]:
        """One read transaction for the block's reads (see `store.db.one_read_snapshot`)."""
        return one_read_snapshot(self.runtime.engine)

    def audit_checkpointer(self) -> AuditCheckpointer:
        """The background signer/anchorer of the audit head, for a serving process."""
        return AuditCheckpointer(self.runtime.audit, self.settings.audit_checkpoint_interval)


def build_services(
    settings: Settings, *, clock: Clock | None = None, engine: Engine | None = None
) -> Services:
    clock = clock or SystemClock()
    keys = LocalKeyFile(settings.key_dir)
    practice_id = keys.practice_id()
    engine = engine or make_engine(settings.database_url,
                                   worker_threads=settings.worker_threads)
    audit = AuditLog(
        engine,
        practice_id,
        keys.audit_signing_key,
        lambda: iso(clock.now()),
        settings.audit_checkpoint_every,
        anchor_path=keys.anchor_path,
    )
    keyring = KeyRing(keys, practice_id, subject_secrets=LocalSubjectSecrets(settings.key_dir))
    runtime = Runtime(settings, engine, keyring, audit, clock)
    gate = Gate(runtime)
    hasher = Hasher(fast_for_tests=settings.fast_password_hashing)
    mailer = mailer_for(settings)
    charts = ChartService(runtime, gate, mailer)
    notes = NoteService(runtime, gate)
    authorizations = AuthorizationService(runtime, gate)
    restrictions = RestrictionService(runtime, gate)
    disclosures = DisclosureService(runtime, gate, authorizations, charts, notes, restrictions)
    consent = ConsentService(runtime, gate)
    accounts = AccountService(runtime, gate, hasher)
    measures = MeasureService(runtime, gate)
    return Services(
        settings=settings,
        runtime=runtime,
        keys=keys,
        accounts=accounts,
        staff=StaffLifecycle(runtime, gate),
        charts=charts,
        calendar=CalendarService(runtime, gate, charts.practice_zone),
        notes=notes,
        break_glass=BreakGlassService(runtime, gate),
        practice=PracticeService(runtime, gate, keys),
        consent=consent,
        notice=NoticeService(runtime, gate),
        portal=PortalService(runtime, gate, hasher, charts, notes, mailer),
        authorizations=authorizations,
        disclosures=disclosures,
        oversight=DisclosureOversight(runtime, gate, disclosures, authorizations),
        excerpts=ExcerptService(runtime, gate, charts, notes, disclosures),
        forms=FormAccess(runtime, gate),
        lifecycle=LifecycleService(runtime, gate),
        destruction=DestructionService(runtime, gate),
        problems=ProblemService(runtime, gate),
        plans=PlanService(runtime, gate),
        amendments=AmendmentService(runtime, gate),
        restrictions=restrictions,
        reminders=ReminderService(runtime, gate, reminder_mailer(settings),
                                  text_sender(settings)),
        representatives=RepresentativeService(runtime, gate),
        backups=BackupService(runtime, gate, keys),
        intake=IntakeService(runtime, gate, charts),
        portal_sessions=PortalSessions(runtime, gate, charts, accounts.display_names),
        exports=ExportService(runtime, gate, charts, notes, consent, measures),
        measures=measures,
        pager=Pager(keyring.purpose_key(CURSOR_PURPOSE)),
        reads_inline=engine.dialect.name == "sqlite",
    )


def reminder_mailer(settings: Settings) -> Mailer:
    """Reminders need only CLOSEDDOOR_SMTP_URL (they hold no link, so no public URL); the
    sender is CLOSEDDOOR_SMTP_FROM, else no-reply at the public URL's host or localhost."""
    if not settings.smtp_url:
        return NoMailer()
    host = urlsplit(settings.public_url).hostname or "localhost"
    return SmtpMailer(settings.smtp_url, settings.smtp_from or f"no-reply@{host}")


def text_sender(settings: Settings) -> TextSender:
    if not settings.texts_are_configured:
        return NoTextSender()
    return HttpTextSender(settings.sms_url, settings.sms_token)


def configure_logging(settings: Settings, file_name: str = "closeddoor.log") -> None:
    """Log to a rotating file in the data folder. Log lines carry ids and error types only.

    Each serving process rotates its own file (`closeddoor serve --workers N` gives each worker
    a file of its own): two processes rotating one file would lose lines."""
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        settings.log_dir / file_name, maxBytes=10_000_000, backupCount=5
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
