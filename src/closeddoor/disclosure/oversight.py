"""The accounting of disclosures (client and staff; 45 CFR 164.528), the owner's review of
legal-basis disclosures, temporary suspensions at an agency's request (164.528(a)(2)), and the
practice's settings (including the fee notice, 164.528(c)(2))."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from closeddoor.amendments.notify import PriorRecipient, prior_recipients
from closeddoor.audit.tags import AuditTag
from closeddoor.disclosure.accounting import (
    AccountingEntry,
    AccountingReport,
    Period,
    for_client,
    free_window_start,
    newest_first,
    parse_period,
    within_period,
)
from closeddoor.disclosure.accounting_pdf import render_accounting_pdf
from closeddoor.disclosure.authorization import date_range_text
from closeddoor.disclosure.authorization_service import AuthorizationService
from closeddoor.disclosure.categories import DATED, describe
from closeddoor.disclosure.history import (
    ORAL,
    REVIEWED_EVENT,
    SUSPENDED_EVENT,
    WRITTEN,
    Suspension,
    suspensions,
)
from closeddoor.disclosure.service import (
    RELEASED,
    DisclosureService,
    DisclosureView,
)
from closeddoor.errors import ConflictError, InvalidInput, NotFound, join_problems
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission, Role
from closeddoor.policy.decide import AUTHORITY_LEGAL_BASIS
from closeddoor.records.clients import demographics_under
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import disclosure_repository as repo
from closeddoor.store.db import read_transaction, write_transaction

P = Permission
SETTINGS = ("disclosure_two_person", "accounting_suspension")


@dataclass(frozen=True)
class SuspendableDisclosure:
    """A released disclosure to a health oversight agency or a law enforcement official
    (164.512(d), (f)): the only kind an agency may ask to withhold from the client's accounting
    (164.528(a)(2)), with every suspension recorded for it, oldest first."""

    disclosure: DisclosureView
    suspensions: tuple[Suspension, ...]

    def active_on(self, day: date) -> Suspension | None:
        return next((s for s in self.suspensions if s.is_active_on(day)), None)


class DisclosureOversight:
    def __init__(self, runtime: Runtime, gate: Gate, disclosures: DisclosureService,
                 authorizations: AuthorizationService) -> None:
        self._rt = runtime
        self._gate = gate
        self._disclosures = disclosures
        self._authorizations = authorizations

    # --- the accounting ------------------------------------------------------------------------
    def accounting(self, actor: Actor, client_id: str, *, period_from: date | None = None,
                   period_to: date | None = None, as_request: bool | None = None
                   ) -> AccountingReport:
        """Every released disclosure in the period (the last six years unless asked for less;
        164.528(a)(1)), newest first. The client sees all of them except those an agency asked
        to withhold for now; staff see those too, marked.

        An accounting the client asks for (any the client reads, or the staff PDF given to
        them: `as_request`) is recorded so the first in twelve months is free and a later one
        carries the practice's fee notice (164.528(c)(2)); the same period asked again within
        the twelve months keeps that accounting's answer. Raises InvalidInput naming `from` or
        `to` when the period reaches back more than six years or is out of order."""
        is_client = actor.role in (Role.CLIENT, Role.REPRESENTATIVE)
        rt = self._rt
        # The period is judged first: a bad one changes nothing, not even the audit, and its
        # refusal depends on the dates alone, so it tells a stranger nothing about the client.
        period = parse_period(period_from, period_to, rt.now().date())
        access = self._gate.authorize_read(
            actor, P.PORTAL_DISCLOSURE_READ if is_client else P.CHART_DISCLOSURE_READ,
            AuditTag.RECORD_DISCLOSURE_READ, client_id, resource_id=client_id)
        released = [v for v in self._disclosures.list_under(access) if v.status == RELEASED]
        with read_transaction(rt.engine) as conn:
            entries = newest_first([self._entry(conn, access, v) for v in released])
            names = demographics_under(conn, rt.keyring, access)
            practice_name = repo.practice_name(conn)
            fee_notice = repo.accounting_fee_notice(conn)
        if is_client:
            entries = for_client(entries, rt.now().date())
        is_free = self._record_request(actor, client_id, period) \
            if (is_client if as_request is None else as_request) else True
        return AccountingReport(practice_name, f"{names['given_name']} {names['family_name']}",
                                rt.now(), within_period(entries, period),
                                for_staff=not is_client, period_from=period.start,
                                period_to=period.end, is_free=is_free,
                                fee_notice="" if is_free else fee_notice)

    def accounting_pdf(self, actor: Actor, client_id: str, *, period_from: date | None = None,
                       period_to: date | None = None) -> bytes:
        """The accounting as the PDF given to the client: recorded as their request."""
        return render_accounting_pdf(self.accounting(
            actor, client_id, period_from=period_from, period_to=period_to, as_request=True))

    def _record_request(self, actor: Actor, client_id: str, period: Period) -> bool:
        """Record one accounting given; whether it is free (none other in twelve months)."""
        rt = self._rt
        now = rt.now()
        since = free_window_start(now)
        with write_transaction(rt.engine) as conn:
            same = repo.same_accounting_request(conn, client_id, since, period.start, period.end)
            if same is not None:
                return same
            is_free = repo.accounting_requests_since(conn, client_id, since) == 0
            repo.insert_accounting_request(
                conn, id=new_id(), client_id=client_id, requested_at=now,
                requested_by=actor.actor_id, period_from=period.start, period_to=period.end,
                is_free=is_free)
        return is_free

    def _entry(self, conn: Connection, access: Access, view: DisclosureView
               ) -> AccountingEntry:
        signed_on = None
        if view.authorization_id:
            auth = self._authorizations.view_under(conn, access, view.authorization_id)
            signed_on = auth.signed_at.date() if auth.signed_at else None
        scope = view.scope
        return AccountingEntry(
            disclosure_id=view.disclosure_id, disclosed_at=view.released_at or view.requested_at,
            recipient=scope.recipient.display, recipient_contact=scope.recipient.contact,
            description=describe(scope.categories) + (
                f"; records dated {date_range_text(scope.records_from, scope.records_to)}"
                if DATED & set(scope.categories) else ""),
            purpose=view.purpose_or_basis, authority=view.authority,
            authorization_id=view.authorization_id, authorization_signed_on=signed_on,
            # 164.528(a)(1)(iv): disclosures the client authorized need not be accounted for,
            # nor (a)(1)(i), (v) a medical emergency's (164.506(c), 164.510(b)); those under
            # 164.512 must be. closeddoor lists them all and marks the difference.
            required_in_accounting=view.legal_basis is not None
            and view.legal_basis.kind.requires_accounting,
            suspended_until=view.suspended_until, client_told=view.client_told,
            is_oral=view.is_oral)

    # --- the owner's review queue --------------------------------------------------------------
    def review_queue(self, actor: Actor, *, include_reviewed: bool = False
                     ) -> list[DisclosureView]:
        """Legal-basis disclosures for the privacy officer to review, oldest first: one gate
        decision per client shown, each audited naming the client, before anything is
        decrypted."""
        self._gate.require(actor, P.PRACTICE_REVIEW_MANAGE, AuditTag.PRACTICE_REVIEW_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            rows = repo.legal_basis_disclosures(conn, AUTHORITY_LEGAL_BASIS,
                                                include_reviewed=include_reviewed)
        batch = self._gate.authorize_many(actor, P.PRACTICE_REVIEW_MANAGE,
                                          AuditTag.PRACTICE_REVIEW_READ,
                                          [row.client_id for row in rows], reason="disclosure")
        return [self._disclosures.get_under(batch.allowed[row.client_id], row.id)
                for row in rows if row.client_id in batch.allowed]

    def complete_review(self, actor: Actor, disclosure_id: str, comment: str) -> None:
        self._gate.require(actor, P.PRACTICE_REVIEW_MANAGE, AuditTag.PRACTICE_REVIEW_COMPLETE,
                           audit_allow=False)
        text = " ".join(str(comment).split())
        if not text or len(text) > 2000:
            raise InvalidInput("comment: say what the review found (at most 2000 characters)")
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            row = repo.disclosure_client_and_authority(conn, disclosure_id)
        if row is None or row.authority != AUTHORITY_LEGAL_BASIS:
            raise NotFound("no such disclosure awaiting review")

        def work(conn: Connection, access: Access) -> None:
            if not self._disclosures.append_event(conn, access, disclosure_id, REVIEWED_EVENT,
                                                  once="reviewed", note=text,
                                                  field="review_comment"):
                raise ConflictError("this disclosure has already been reviewed")

        self._gate.write(actor, P.PRACTICE_REVIEW_MANAGE, AuditTag.PRACTICE_REVIEW_COMPLETE,
                         row.client_id, work, resource_id=disclosure_id, kind="disclosure")

    def suspend_in_accounting(self, actor: Actor, client_id: str, disclosure_id: str, *,
                              until: date | None, agency: str, statement: str,
                              form: str = WRITTEN, official: str = "") -> None:
        """164.528(a)(2): withhold one entry from the client's accounting at a health oversight
        agency's or law enforcement official's request (164.512(d), (f) disclosures only), for
        the period the agency states (`until`). An oral request (`form` "oral") lasts at most
        30 days from today unless a written statement is recorded later, which then sets the
        period. An oral request names the official who made it (`official`,
        164.528(a)(2)(ii)(A)); a written one may. Off unless the practice allows it. Each request
        is a new event. Raises InvalidInput naming every bad field at once."""
        self._gate.require(actor, P.PRACTICE_REVIEW_MANAGE, AuditTag.RECORD_DISCLOSURE_UPDATE,
                           audit_allow=False)
        rt = self._rt
        agency_text, statement_text = " ".join(agency.split()), " ".join(statement.split())
        official_text = " ".join(official.split())
        problems = []
        if not agency_text or len(agency_text) > 200:
            problems.append("agency: which agency asked (at most 200 characters)")
        if not statement_text or len(statement_text) > 2000:
            problems.append("statement: the agency's statement that telling the client would "
                            "impede its activities, and how long for")
        if form == ORAL and not official_text:
            problems.append("official: the name or title of the official who asked by "
                            "telephone or in person (45 CFR 164.528(a)(2)(ii)(A))")
        if len(official_text) > 200:
            problems.append("official: at most 200 characters")
        if until is None or until <= rt.now().date():
            problems.append("until: a date after today (the end of the period the agency "
                            "stated)")
        if form not in (ORAL, WRITTEN):
            problems.append("form: oral or written (the agency's request)")
        if problems:
            raise InvalidInput(join_problems(problems))
        who = f"{agency_text} ({official_text})" if official_text else agency_text

        def work(conn: Connection, access: Access) -> None:
            if not repo.allows_accounting_suspension(conn):
                raise ConflictError("the practice does not allow suspending accounting entries; "
                                    "turn the setting on first")
            if not repo.has_disclosure(conn, client_id, disclosure_id):
                raise NotFound("no such disclosure")
            view = self._disclosures.view_in(conn, access, disclosure_id)
            if view.legal_basis is None or not view.legal_basis.kind.is_suspendable:
                raise InvalidInput(
                    "disclosure: only a disclosure to a health oversight agency or a law "
                    "enforcement official (45 CFR 164.512(d), (f)) can be withheld from the "
                    "client's accounting (164.528(a)(2)) — this one cannot be suspended")
            self._disclosures.append_event(
                conn, access, disclosure_id, SUSPENDED_EVENT, until=until, detail=form,
                note=f"{who}: {statement_text}", field="suspension")

        self._gate.write(actor, P.PRACTICE_REVIEW_MANAGE, AuditTag.RECORD_DISCLOSURE_UPDATE,
                         client_id, work, resource_id=disclosure_id,
                         change="accounting-suspended", until=str(until), form=form)

    def suspension_register(self, actor: Actor) -> list[SuspendableDisclosure]:
        """The owner's register of suspensions (164.528(a)(2)): every released disclosure to a
        health oversight agency or a law enforcement official, newest first, with its active and
        ended suspensions. One gate decision per client shown, each audited naming the client,
        before anything is decrypted (as the review queue)."""
        self._gate.require(actor, P.PRACTICE_REVIEW_MANAGE, AuditTag.PRACTICE_REVIEW_READ,
                           audit_allow=False)
        with read_transaction(self._rt.engine) as conn:
            rows = repo.legal_basis_disclosures(conn, AUTHORITY_LEGAL_BASIS, include_reviewed=True)
        if not rows:
            return []
        batch = self._gate.authorize_many(actor, P.PRACTICE_REVIEW_MANAGE,
                                          AuditTag.PRACTICE_REVIEW_READ,
                                          [row.client_id for row in rows], reason="suspension")
        found = []
        for row in rows:
            if row.client_id not in batch.allowed:
                continue
            view = self._disclosures.get_under(batch.allowed[row.client_id], row.id)
            if (view.status == RELEASED and view.legal_basis is not None
                    and view.legal_basis.kind.is_suspendable):
                found.append(SuspendableDisclosure(view, suspensions(view.events)))
        return sorted(found, key=lambda s: s.disclosure.released_at or s.disclosure.requested_at,
                      reverse=True)

    def amendment_recipients(
            self, actor: Actor, client_id: str,
            accepted: Iterable[tuple[str, datetime | None, date | None]]
    ) -> dict[str, tuple[PriorRecipient, ...]]:
        """For each accepted amendment (`(id, accepted at, the amended note's session date or
        None for the details)`), the recipients of earlier released disclosures whose packet
        held what it amends: those the practice must make reasonable efforts to tell
        (164.526(c)(3)(ii)). One read of the chart's disclosures (`chart:disclosure:read`,
        audited); a role that may not read them is refused (PolicyDenied or NotFound)."""
        access = self._gate.authorize_read(actor, P.CHART_DISCLOSURE_READ,
                                           AuditTag.RECORD_DISCLOSURE_READ, client_id,
                                           resource_id=client_id)
        released = [(v.disclosure_id, v.scope, v.released_at)
                    for v in self._disclosures.list_under(access)
                    if v.status == RELEASED and v.released_at is not None]
        return {amendment_id: prior_recipients(accepted_at, note_day, released)
                for amendment_id, accepted_at, note_day in accepted}

    def set_fee_notice(self, actor: Actor, text: str) -> None:
        """The practice's notice of its fee for a second accounting within twelve months
        (164.528(c)(2)); shown to the client with such an accounting."""
        self._gate.require(actor, P.PRACTICE_SETTINGS_MANAGE, AuditTag.PRACTICE_SETTINGS_UPDATE,
                           audit_allow=False)
        notice = " ".join(str(text).split())
        if len(notice) > 1000:
            raise InvalidInput("accounting_fee_notice: at most 1000 characters")
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            repo.set_accounting_fee_notice(conn, notice)
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.PRACTICE_SETTINGS_UPDATE,
                                               "ok", setting="accounting_fee_notice")])

    def fee_notice(self) -> str:
        with read_transaction(self._rt.engine) as conn:
            return repo.accounting_fee_notice(conn)

    # --- settings ------------------------------------------------------------------------------
    def practice_name(self) -> str:
        """Who discloses, as an authorization names them by default."""
        with read_transaction(self._rt.engine) as conn:
            return repo.practice_name(conn)

    def settings(self) -> dict[str, bool]:
        with read_transaction(self._rt.engine) as conn:
            row = repo.disclosure_settings(conn)
        return {"disclosure_two_person": bool(row.disclosure_two_person),
                "accounting_suspension": bool(row.accounting_suspension)}

    def update_setting(self, actor: Actor, name: str, value: bool) -> None:
        self._gate.require(actor, P.PRACTICE_SETTINGS_MANAGE, AuditTag.PRACTICE_SETTINGS_UPDATE,
                           audit_allow=False)
        if name not in SETTINGS:
            raise InvalidInput(f"setting: one of {', '.join(SETTINGS)}")
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            repo.set_practice_setting(conn, name, bool(value))
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.PRACTICE_SETTINGS_UPDATE,
                                               "ok", setting=name, value=int(bool(value)))])

