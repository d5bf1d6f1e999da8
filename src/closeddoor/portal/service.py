"""Client portal use cases. Clients are their own principal type: separate accounts, separate
sessions (a client token never resolves as staff), and policy gives them `portal:*`
permissions on their own record only."""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

import pyotp
from sqlalchemy import Connection, delete, insert, select, update

from closeddoor.accounts.passwords import Hasher, check_password_strength
from closeddoor.accounts.throttle import (
    SignInGuard,
    matching_totp_step,
    spend_totp_step,
    token_hash,
)
from closeddoor.audit.chain import ChainedEvent
from closeddoor.audit.tags import AuditTag
from closeddoor.crypto import blind_index, exact_index
from closeddoor.errors import AuthenticationFailed, ConflictError, InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission
from closeddoor.portal.history import VIEWED, group_visits
from closeddoor.portal.model import (
    AccessVisit,
    Invitation,
    PortalPrincipal,
    PortalSignedIn,
    RecordExport,
)
from closeddoor.records.break_glass import KIND_BREAK_GLASS
from closeddoor.records.notes import NoteService
from closeddoor.records.service import ChartService
from closeddoor.runtime import Runtime, new_id
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.store.tables import (
    break_glass,
    portal_accounts,
    portal_invitations,
    portal_sessions,
    users,
)

P = Permission
INVITATION_LIFETIME = timedelta(hours=72)
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{2,63}$")


class PortalService:
    def __init__(self, runtime: Runtime, gate: Gate, hasher: Hasher, charts: ChartService,
                 notes: NoteService) -> None:
        self._rt = runtime
        self._gate = gate
        self._hasher = hasher
        self._charts = charts
        self._notes = notes
        self._guard = SignInGuard(runtime, AuditTag.PORTAL_SESSION_SIGNIN_FAILED)

    # --- invitations ---------------------------------------------------------------------------
    def invite(self, actor: Actor, client_id: str) -> Invitation:
        """A single-use link that expires; any earlier unused link for the client stops working."""
        rt = self._rt
        token = secrets.token_urlsafe(32)
        invitation_id = new_id()
        now = rt.now()

        def work(conn: Connection, _: Access) -> None:
            conn.execute(update(portal_invitations).where(
                portal_invitations.c.client_id == client_id,
                portal_invitations.c.used_at.is_(None),
                portal_invitations.c.expires_at > now,
            ).values(expires_at=now))
            conn.execute(insert(portal_invitations).values(
                id=invitation_id, client_id=client_id, token_hash=token_hash(token),
                created_by=actor.actor_id, created_at=now, expires_at=now + INVITATION_LIFETIME))

        self._gate.write(actor, P.CHART_PORTAL_INVITE, AuditTag.PORTAL_INVITATION_CREATE,
                         client_id, work, resource_id=invitation_id)
        return Invitation(token, client_id, now + INVITATION_LIFETIME)

    def invitation_is_open(self, token: str) -> bool:
        now = self._rt.now()
        with read_transaction(self._rt.engine) as conn:
            return conn.execute(select(portal_invitations.c.id).where(
                portal_invitations.c.token_hash == token_hash(token),
                portal_invitations.c.used_at.is_(None),
                portal_invitations.c.expires_at > now)).first() is not None

    def accept_invitation(self, token: str, username: str, password: str, *,
                          address: str = "unknown") -> PortalSignedIn:
        """Set up (or reset) the client's account from an open invitation, and sign in."""
        rt = self._rt
        if not self.invitation_is_open(token):
            raise NotFound("this invitation link has expired or was already used; "
                           "ask the practice for a new one")
        name = username.strip().lower()
        if not USERNAME.match(name):
            raise InvalidInput("username: 3-64 characters: letters, digits and . _ @ + -")
        check_password_strength(password, username=name)
        now = rt.now()
        password_hash = self._hasher.hash(password)
        with write_transaction(rt.engine) as conn:
            invitation = conn.execute(select(portal_invitations).where(
                portal_invitations.c.token_hash == token_hash(token))).first()
            used = conn.execute(update(portal_invitations).where(
                portal_invitations.c.token_hash == token_hash(token),
                portal_invitations.c.used_at.is_(None),
                portal_invitations.c.expires_at > now).values(used_at=now))
            if invitation is None or used.rowcount != 1:
                raise NotFound("this invitation link has expired or was already used; "
                               "ask the practice for a new one")
            index = self._username_index(name)
            taken = conn.execute(select(portal_accounts.c.client_id).where(
                portal_accounts.c.username_index == index)).scalar_one_or_none()
            if taken is not None and taken != invitation.client_id:
                raise ConflictError("username: already taken; choose another")
            account_id = conn.execute(select(portal_accounts.c.id).where(
                portal_accounts.c.client_id == invitation.client_id)).scalar_one_or_none()
            is_new = account_id is None
            account_id = account_id or new_id()
            sealed_name = rt.keyring.seal_field(conn, invitation.client_id, "portal_account",
                                                account_id, "username", name.encode())
            if is_new:
                conn.execute(insert(portal_accounts).values(
                    id=account_id, client_id=invitation.client_id, username_index=index,
                    username_sealed=sealed_name, password_hash=password_hash,
                    totp_enabled=False, is_active=True, created_at=now))
            else:  # a new invitation resets a forgotten password; old sessions end
                conn.execute(update(portal_accounts).where(portal_accounts.c.id == account_id)
                             .values(username_index=index, username_sealed=sealed_name,
                                     password_hash=password_hash, is_active=True))
                conn.execute(delete(portal_sessions).where(
                    portal_sessions.c.account_id == account_id))
            rt.audit.append_in(conn, [rt.entry(f"portal:{account_id}",
                                               AuditTag.PORTAL_ACCOUNT_CREATE, "ok",
                                               client_id=invitation.client_id,
                                               resource_id=invitation.id)])
        return self.sign_in(name, password, address=address)

    # --- sign-in and sessions ------------------------------------------------------------------
    def sign_in(self, username: str, password: str, *, address: str, kind: str = "web",
                totp: str | None = None) -> PortalSignedIn:
        rt = self._rt
        now = rt.now()
        account_key = blind_index(rt.keyring.blind_index_key(), "portal-account", username)
        self._guard.check(account_key, address, now)
        with read_transaction(rt.engine) as conn:
            row = conn.execute(select(portal_accounts).where(
                portal_accounts.c.username_index == self._username_index(username),
                portal_accounts.c.is_active.is_(True))).first()
        if not self._hasher.verify(row.password_hash if row else None, password) or row is None:
            self._guard.fail(account_key, address, now,
                             f"portal:{row.id}" if row else "", "bad-password")
            raise AuthenticationFailed("user name or password is not right")
        mfa_passed = not row.totp_enabled
        if row.totp_enabled and (kind == "api" or totp is not None):
            if not totp or not self._totp_ok(row.id, row.totp_secret_sealed, totp):
                self._guard.fail(account_key, address, now, f"portal:{row.id}", "bad-totp")
                raise AuthenticationFailed("the authentication code is not right")
            mfa_passed = True
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with write_transaction(rt.engine) as conn:
            conn.execute(delete(portal_sessions).where(portal_sessions.c.expires_at < now))
            conn.execute(insert(portal_sessions).values(
                token_hash=token_hash(token), account_id=row.id, kind=kind, csrf_token=csrf,
                mfa_passed=mfa_passed, created_at=now, last_seen_at=now,
                expires_at=now + rt.settings.session_absolute_limit))
            rt.audit.append_in(conn, [rt.entry(f"portal:{row.id}", AuditTag.PORTAL_SESSION_SIGNIN,
                                               "ok", client_id=row.client_id, reason=kind)])
        principal = PortalPrincipal(row.id, row.client_id, username.strip().lower(), csrf,
                                    mfa_passed,
                                    bool(row.totp_enabled))
        return PortalSignedIn(principal, token)

    def pass_mfa(self, token: str, code: str, *, address: str) -> None:
        rt = self._rt
        principal = self.resolve(token)
        if principal is None:
            raise AuthenticationFailed("your session has ended; sign in again")
        account_key = blind_index(rt.keyring.blind_index_key(), "portal-account",
                                  principal.username)
        self._guard.check(account_key, address, rt.now())
        with read_transaction(rt.engine) as conn:
            sealed = conn.execute(select(portal_accounts.c.totp_secret_sealed).where(
                portal_accounts.c.id == principal.account_id)).scalar_one()
        if not self._totp_ok(principal.account_id, sealed, code):
            self._guard.fail(account_key, address, rt.now(), principal.actor.actor_id,
                             "bad-totp")
            raise AuthenticationFailed("the authentication code is not right")
        with write_transaction(rt.engine) as conn:
            conn.execute(update(portal_sessions).where(
                portal_sessions.c.token_hash == token_hash(token)).values(mfa_passed=True))

    def resolve(self, token: str, *, kind: str | None = None) -> PortalPrincipal | None:
        """The client behind a portal token, or None once unknown, idle too long or too old."""
        rt = self._rt
        now = rt.now()
        with read_transaction(rt.engine) as conn:
            row = conn.execute(
                select(portal_sessions, portal_accounts.c.client_id,
                       portal_accounts.c.username_sealed,
                       portal_accounts.c.totp_enabled, portal_accounts.c.is_active)
                .join(portal_accounts, portal_accounts.c.id == portal_sessions.c.account_id)
                .where(portal_sessions.c.token_hash == token_hash(token))).first()
        if row is None or not row.is_active or (kind is not None and row.kind != kind):
            return None
        if now >= row.expires_at or now - row.last_seen_at >= rt.settings.session_idle_timeout:
            self.end_session(token)
            return None
        if now - row.last_seen_at >= timedelta(seconds=30):
            with write_transaction(rt.engine) as conn:
                conn.execute(update(portal_sessions).where(
                    portal_sessions.c.token_hash == token_hash(token)).values(last_seen_at=now))
        with read_transaction(rt.engine) as conn:
            username = rt.keyring.unseal_field(conn, row.client_id, "portal_account",
                                               row.account_id, "username",
                                               row.username_sealed).decode()
        return PortalPrincipal(row.account_id, row.client_id, username, row.csrf_token,
                               bool(row.mfa_passed), bool(row.totp_enabled))

    def end_session(self, token: str) -> None:
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            row = conn.execute(select(portal_sessions.c.account_id, portal_accounts.c.client_id)
                               .join(portal_accounts,
                                     portal_accounts.c.id == portal_sessions.c.account_id)
                               .where(portal_sessions.c.token_hash == token_hash(token))).first()
            if row is None:
                return
            conn.execute(delete(portal_sessions).where(
                portal_sessions.c.token_hash == token_hash(token)))
            rt.audit.append_in(conn, [rt.entry(f"portal:{row.account_id}",
                                               AuditTag.PORTAL_SESSION_SIGNOUT, "ok",
                                               client_id=row.client_id)])

    # --- two-step sign-in for clients ----------------------------------------------------------
    def begin_totp_enrolment(self, principal: PortalPrincipal, current_password: str, *,
                             address: str = "unknown") -> str:
        """A pending TOTP secret (the password is asked again); returns the otpauth URI."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            stored = conn.execute(select(portal_accounts.c.password_hash).where(
                portal_accounts.c.id == principal.account_id)).scalar_one()
        account_key = blind_index(rt.keyring.blind_index_key(), "portal-account",
                                  principal.username)
        self._guard.check(account_key, address, rt.now())
        if not self._hasher.verify(stored, current_password):
            self._guard.fail(account_key, address, rt.now(), principal.actor.actor_id,
                             "bad-current-password")
            raise AuthenticationFailed("current_password: not right")
        secret = pyotp.random_base32()
        with write_transaction(rt.engine) as conn:
            sealed = rt.keyring.seal_field(conn, principal.client_id, "portal_account",
                                           principal.account_id, "totp_pending", secret.encode())
            conn.execute(update(portal_accounts).where(
                portal_accounts.c.id == principal.account_id).values(totp_pending_sealed=sealed))
        return pyotp.TOTP(secret).provisioning_uri(name=principal.username,
                                                   issuer_name="closeddoor portal")

    def confirm_totp_enrolment(self, principal: PortalPrincipal, code: str,
                               session_token: str) -> None:
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            pending = conn.execute(select(portal_accounts.c.totp_pending_sealed).where(
                portal_accounts.c.id == principal.account_id)).scalar_one()
            secret = None if pending is None else rt.keyring.unseal_field(
                conn, principal.client_id, "portal_account", principal.account_id,
                "totp_pending", pending)
        step = None if secret is None else matching_totp_step(secret.decode(), code, rt.now())
        if secret is None or step is None:
            raise InvalidInput("code: that code does not match; check the time on your device")
        with write_transaction(rt.engine) as conn:
            active = rt.keyring.seal_field(conn, principal.client_id, "portal_account",
                                           principal.account_id, "totp_secret", secret)
            conn.execute(update(portal_accounts).where(
                portal_accounts.c.id == principal.account_id).values(
                totp_secret_sealed=active, totp_pending_sealed=None, totp_enabled=True,
                totp_last_step=step))
            conn.execute(delete(portal_sessions).where(
                portal_sessions.c.account_id == principal.account_id,
                portal_sessions.c.token_hash != token_hash(session_token)))
            rt.audit.append_in(conn, [rt.entry(principal.actor.actor_id,
                                               AuditTag.PORTAL_MFA_ENROL, "ok",
                                               client_id=principal.client_id)])

    def _username_index(self, username: str) -> str:
        return exact_index(self._rt.keyring.blind_index_key(), "portal-username",
                           username.strip().lower())

    def unsafe_totp_secret(self, account_id: str) -> str:
        """The raw (pending, else active) TOTP secret; for tests and scripted demos only."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            row = conn.execute(select(portal_accounts).where(
                portal_accounts.c.id == account_id)).one()
            field, sealed = (("totp_pending", row.totp_pending_sealed)
                             if row.totp_pending_sealed is not None
                             else ("totp_secret", row.totp_secret_sealed))
            return rt.keyring.unseal_field(conn, row.client_id, "portal_account", account_id,
                                           field, sealed).decode()

    def _totp_ok(self, account_id: str, sealed: bytes | None, code: str) -> bool:
        rt = self._rt
        if sealed is None:
            return False
        with read_transaction(rt.engine) as conn:
            client_id = conn.execute(select(portal_accounts.c.client_id).where(
                portal_accounts.c.id == account_id)).scalar_one()
            secret = rt.keyring.unseal_field(conn, client_id, "portal_account", account_id,
                                             "totp_secret", sealed).decode()
        step = matching_totp_step(secret, code, rt.now())
        return step is not None and spend_totp_step(rt.engine, portal_accounts, account_id, step)

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
                                            tags=tuple(VIEWED)):
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
            staff = {r.id: (r.display_name, r.role) for r in conn.execute(
                select(users.c.id, users.c.display_name, users.c.role))}
            grants = conn.execute(select(break_glass).where(
                break_glass.c.client_id == client_id)).all()
            reasons = {g.id: rt.keyring.unseal_field(conn, client_id, KIND_BREAK_GLASS, g.id,
                                                     "reason", g.reason_sealed,
                                                     access).decode()
                       for g in grants}

        def reason_for(actor_id: str, at: datetime) -> str:
            for grant in grants:
                if grant.actor_id == actor_id and grant.opened_at <= at <= grant.expires_at:
                    return reasons[grant.id]
            return ""

        return group_visits(events, lambda a: staff.get(a, ("a former staff member", "staff")),
                            reason_for)

