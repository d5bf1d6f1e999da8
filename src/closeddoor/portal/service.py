"""Client portal use cases. Clients are their own principal type: separate accounts, separate
sessions (a client token never resolves as staff), and policy gives them `portal:*`
permissions on their own record only."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.accounts.authn import Audience, Authenticator, AuthTags
from closeddoor.accounts.passwords import Hasher
from closeddoor.audit.chain import ChainedEvent
from closeddoor.audit.tags import AuditTag
from closeddoor.crypto import exact_index
from closeddoor.errors import AuthenticationFailed
from closeddoor.gate import Gate
from closeddoor.mail import Mailer, NoMailer
from closeddoor.policy import Actor, Permission
from closeddoor.portal.enrolment import Enrolment
from closeddoor.portal.history import REPRESENTATIVE_READS, VIEWED, group_visits
from closeddoor.portal.model import (
    AccessVisit,
    InvitationSent,
    OfficeEnrolment,
    PortalPrincipal,
    PortalSignedIn,
    RecordExport,
    Representation,
)
from closeddoor.records.notes import NoteService
from closeddoor.records.representative_service import representative_under
from closeddoor.records.service import ChartService
from closeddoor.runtime import Runtime
from closeddoor.store import portal_repository as repo
from closeddoor.store.credentials import CLIENT_TABLES
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.types import RecordKind

P = Permission
log = logging.getLogger(__name__)


class PortalService:
    def __init__(self, runtime: Runtime, gate: Gate, hasher: Hasher, charts: ChartService,
                 notes: NoteService, mailer: Mailer | None = None) -> None:
        self._rt = runtime
        self._gate = gate
        self._hasher = hasher
        self._charts = charts
        self._notes = notes
        self._authn = Authenticator(runtime, gate, hasher, Audience(
            name="client",
            tables=CLIENT_TABLES,
            tags=AuthTags(AuditTag.PORTAL_SESSION_SIGNIN, AuditTag.PORTAL_SESSION_SIGNIN_FAILED,
                          AuditTag.PORTAL_SESSION_SIGNOUT, AuditTag.PORTAL_MFA_ENROL,
                          AuditTag.PORTAL_PASSWORD_CHANGE),
            username_key=self._username_index,
            actor_id=lambda row: f"portal:{row.id}",
            audit_client=lambda row: str(row.client_id),
            key_scope=lambda row: str(row.client_id),
            credential_kind=RecordKind.PORTAL_ACCOUNT,
        ))
        self._enrolment = Enrolment(runtime, gate, hasher, mailer or NoMailer())

    # --- invitations and recovery (portal/enrolment.py) ----------------------------------------
    def invite(self, actor: Actor, client_id: str, *,
               forms_waiting: bool = False) -> InvitationSent:
        """E-mail the client a single-use link; any earlier unused invitation stops working.
        `forms_waiting`: an intake form waits for them in the portal (the e-mail says only
        that)."""
        return self._enrolment.invite(actor, client_id, forms_waiting=forms_waiting)

    def invite_representative(self, actor: Actor, client_id: str,
                              representative_id: str) -> InvitationSent:
        """E-mail a personal representative a link for a portal account of their own."""
        return self._enrolment.invite_representative(actor, client_id, representative_id)

    def enrol_in_office(self, actor: Actor, client_id: str) -> OfficeEnrolment:
        """Open the office-tablet enrolment; the client gets the one-time code by e-mail."""
        return self._enrolment.enrol_in_office(actor, client_id)

    def invitation_is_open(self, token: str) -> bool:
        return self._enrolment.open_invitation_kind(token) is not None

    def invitation_needs_code(self, token: str) -> bool:
        return self._enrolment.open_invitation_kind(token) == "office"

    def accept_invitation(self, token: str, username: str, password: str, *,
                          code: str | None = None, address: str = "unknown") -> PortalSignedIn:
        """Create the client's account from an open invitation and sign in. Never replaces an
        existing account (ConflictError: sign in, or use "forgot password")."""
        name = self._enrolment.accept(token, username, password, code=code)
        return self.sign_in(name, password, address=address)

    def request_password_reset(self, username: str) -> None:
        """"Forgot password": a one-hour link to the address on file; the same answer whether
        or not the account exists."""
        self._enrolment.request_password_reset(username)

    def password_reset_job(self, username: str) -> Callable[[], None]:
        """"Forgot password" as a job to run after the answer has gone: whether the account
        exists decides whether the audit is written and a mail sent, and doing that before
        answering would let the answer's timing tell who has an account. Refuses at once only
        what does not depend on the user name (no mail configured)."""
        self._enrolment.require_mail()

        def job() -> None:
            try:
                self._enrolment.request_password_reset(username)
            except Exception as exc:  # after the answer: log the kind only, never the name
                log.error("password reset request failed after the answer was sent (%s)",
                          type(exc).__name__)

        return job

    def reset_is_open(self, token: str) -> bool:
        return self._enrolment.reset_is_open(token)

    def reset_password(self, token: str, new_password: str) -> None:
        """A new password through a reset link; all the account's sessions end."""
        self._enrolment.reset_password(token, new_password)

    # --- sign-in and sessions: the shared core, for the client audience -----------------------
    def sign_in(self, username: str, password: str, *, address: str, kind: str = "web",
                totp: str | None = None, device: str | None = None) -> PortalSignedIn:
        opened = self._authn.sign_in(username, password, address=address, kind=kind, totp=totp,
                                     device=device)
        row = opened.account
        with read_transaction(self._rt.engine) as conn:
            representation = self._representation(conn, row)
        principal = PortalPrincipal(row.id, row.client_id, username.strip().lower(),
                                    opened.csrf_token, opened.mfa_passed, bool(row.totp_enabled),
                                    representation)
        return PortalSignedIn(principal, opened.token, opened.device)

    def pass_mfa(self, token: str, code: str, *, address: str, device: str | None = None) -> str:
        """Check the code of a session still waiting for it; returns the device cookie."""
        principal = self.resolve(token)
        if principal is None:
            raise AuthenticationFailed("your session has ended; sign in again")
        return self._authn.pass_mfa(token, code, address=address, username=principal.username,
                             device=device)

    def resolve(self, token: str, *, kind: str | None = None) -> PortalPrincipal | None:
        """The client behind a portal token, or None once unknown, idle too long or too old."""
        row = self._authn.resolve(token, kind=kind)
        if row is None:
            return None
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            username = rt.keyring.unseal_credential(conn, row.client_id,
                                                    RecordKind.PORTAL_ACCOUNT, row.id,
                                                    "username", row.username_sealed).decode()
            representation = self._representation(conn, row)
        return PortalPrincipal(row.id, row.client_id, username, row.csrf_token,
                               bool(row.mfa_passed), bool(row.totp_enabled), representation)

    def _representation(self, conn: Connection, row: Any) -> Representation | None:
        """For a representative's account, whom it acts as (sealed under the representative's
        id when the invitation was made); None for the client's own account."""
        if row.representative_id is None:
            return None
        loaded = json.loads(self._rt.keyring.unseal_credential(
            conn, row.client_id, RecordKind.PORTAL_ACCOUNT, row.representative_id,
            "representation", row.representation_sealed))
        return Representation(str(row.representative_id), str(loaded["kind"]),
                              tuple(str(s) for s in loaded["scope"]))

    def end_session(self, token: str) -> None:
        self._authn.end_session(token)

    def change_password(self, principal: PortalPrincipal, current: str, new: str, *,
                        address: str = "unknown") -> None:
        """Change one's own password; every session of the account ends."""
        self._authn.change_password(principal.account_id, principal.username, current, new,
                                    address=address)

    # --- two-step sign-in for clients ----------------------------------------------------------
    def begin_totp_enrolment(self, principal: PortalPrincipal, current_password: str, *,
                             address: str = "unknown") -> str:
        """A pending TOTP secret (the password is asked again); returns the otpauth URI."""
        return self._authn.begin_totp_enrolment(
            principal.account_id, principal.username, issuer="closeddoor portal",
            current_password=current_password, address=address, password_needed=True)

    def confirm_totp_enrolment(self, principal: PortalPrincipal, code: str,
                               session_token: str) -> None:
        self._authn.confirm_totp_enrolment(principal.account_id, code,
                                           session_token=session_token)

    def _username_index(self, username: str) -> str:
        return exact_index(self._rt.keyring.blind_index_key(), "portal-username",
                           username.strip().lower())

    def unsafe_totp_secret(self, account_id: str) -> str:
        """The raw (pending, else active) TOTP secret; for tests and scripted demos only."""
        return self._authn.unsafe_totp_secret(account_id)

    # --- the client's own record ---------------------------------------------------------------
    def record(self, principal: PortalPrincipal) -> RecordExport:
        """HIPAA right of access: demographics, appointments and signed progress notes, never
        psychotherapy notes or unsigned drafts."""
        actor = principal.actor
        access = self._gate.authorize_read(actor, P.PORTAL_RECORD_READ,
                                           AuditTag.PORTAL_RECORD_READ, principal.client_id,
                                           resource_id=principal.client_id)
        demographics, contacts = self._charts.profile_under(access)
        return RecordExport(
            principal.client_id, demographics, contacts,
            self._charts.appointments_under(access),
            self._notes.progress_notes_under(access), self._rt.now())

    def _all_chart_reads(self, client_id: str) -> list[ChainedEvent]:
        """Every chart-read event of this client, oldest first, fetched page by page."""
        pages: list[list[ChainedEvent]] = []
        before: int | None = None
        while page := self._rt.audit.events(limit=5000, before=before, client_id=client_id,
                                            tags=(*VIEWED, *REPRESENTATIVE_READS)):
            pages.append(page)
            before = page[-1].seq
        return [event for page in reversed(pages) for event in reversed(page)]

    def access_history(self, principal: PortalPrincipal) -> list[AccessVisit]:
        """Each time staff opened this client's chart: who (name and role), when and why."""
        rt = self._rt
        client_id = principal.client_id
        access = self._gate.authorize_read(principal.actor, P.PORTAL_ACCESS_HISTORY_READ,
                                           AuditTag.PORTAL_ACCESS_HISTORY_READ, client_id,
                                           resource_id=client_id)
        events = self._all_chart_reads(client_id)
        with read_transaction(rt.engine) as conn:
            process_note_reads = repo.history_shows_process_notes(conn)
            staff = repo.staff_names_and_roles(conn)
            grants = repo.break_glass_grants_of(conn, client_id)
            reasons = {g.id: rt.keyring.unseal_field(conn, client_id, RecordKind.BREAK_GLASS, g.id,
                                                     "reason", g.reason_sealed,
                                                     access).decode()
                       for g in grants}
            representatives = {
                f"portal:{account_id}": representative_under(
                    conn, rt.keyring, access, representative_id).details.name
                for account_id, representative_id
                in repo.representative_account_ids(conn, client_id).items()}

        def reason_for(actor_id: str, at: datetime) -> str:
            for grant in grants:
                if grant.actor_id == actor_id and grant.opened_at <= at <= grant.expires_at:
                    return reasons[grant.id]
            return ""

        return group_visits(events, lambda a: staff.get(a, ("a former staff member", "staff")),
                            reason_for, process_note_reads=process_note_reads,
                            representatives=representatives)

    # --- the practice's choice for the history ----------------------------------------------------
    def history_shows_process_notes(self) -> bool:
        """Whether a psychotherapy note's author's own work on it shows in the client's access
        history (off unless the owner turns it on; docs/disclosures.md gives the reason)."""
        with read_transaction(self._rt.engine) as conn:
            return repo.history_shows_process_notes(conn)

    def set_history_shows_process_notes(self, actor: Actor, shown: bool) -> None:
        self._gate.require(actor, P.PRACTICE_SETTINGS_MANAGE, AuditTag.PRACTICE_SETTINGS_UPDATE,
                           audit_allow=False)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            repo.set_history_shows_process_notes(conn, shown)
            self._gate.record_in(conn, [rt.entry(
                actor.actor_id, AuditTag.PRACTICE_SETTINGS_UPDATE, "ok",
                setting="history_shows_process_notes", value=int(shown))])

