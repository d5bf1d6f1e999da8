"""Getting into the portal through the client's own contact channel: invitations e-mailed to the
address on file, enrolling on the office tablet with a one-time code from that e-mail, and
"forgot password". Staff start an invitation but never hold what completes it.

Order of work, for every message: the database transaction commits first, then the mail is
handed to the server. When the server does not take it, the invitation (or reset link) is
expired at once and the caller is told plainly; the link's token existed only in the message,
so nothing else could use it anyway, and the expiry keeps the database honest about that.

An invitation never replaces an existing account: a client who has one is told to sign in or
use "forgot password", which sends a one-hour link to their own address.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row

from closeddoor.accounts.passwords import Hasher, check_password_strength
from closeddoor.accounts.tokens import token_hash
from closeddoor.audit.tags import AuditTag
from closeddoor.crypto import exact_index
from closeddoor.errors import (
    ClosedDoorError,
    ConflictError,
    InvalidInput,
    MailNotConfigured,
    MailNotSent,
    NotFound,
    join_problems,
)
from closeddoor.gate import Access, Gate
from closeddoor.mail import (
    Mail,
    Mailer,
    enrolment_code,
    mask_address,
    password_reset,
    portal_invitation,
    representative_invitation,
)
from closeddoor.policy import Actor, Permission, Role
from closeddoor.portal.model import InvitationSent, OfficeEnrolment
from closeddoor.records.clients import contacts_under
from closeddoor.records.representative_service import representative_under
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import portal_repository as repo
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.store.records_repository import practice_name
from closeddoor.types import RecordKind

log = logging.getLogger("closeddoor.portal")
# Builds the message once the address and the practice's name are known: (to, practice name).
Compose = Callable[[str, str], Mail]
INVITATION_LIFETIME = timedelta(hours=72)
OFFICE_CODE_LIFETIME = timedelta(minutes=15)
OFFICE_CODE_TRIES = 5
RESET_LIFETIME = timedelta(hours=1)
RESETS_PER_HOUR = 3
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{2,63}$")
CLOSED = ("this invitation link has expired or was already used; "
          "ask the practice for a new one")
REPRESENTATIVE_HAS_ACCOUNT = ("this representative already has a portal account; revoke it "
                              "first to invite them again")
HAS_ACCOUNT = ("you already have a portal account: sign in with your user name and password, "
               "or use \u201cForgot password\u201d on the sign-in page")
RESET_CLOSED = ("this password reset link has expired or was already used; ask for a new one "
                "with \u201cForgot password\u201d on the sign-in page")


@dataclass(frozen=True)
class _Pending:
    """An invitation row written, and its mail still to send."""

    invitation_id: str
    client_id: str
    address: str
    mail: Mail


class Enrolment:
    def __init__(self, runtime: Runtime, gate: Gate, hasher: Hasher, mailer: Mailer) -> None:
        self._rt = runtime
        self._gate = gate
        self._hasher = hasher
        self._mailer = mailer

    # --- staff: invite by e-mail, or start enrolling in the office ------------------------------
    def invite(self, actor: Actor, client_id: str, *,
               forms_waiting: bool = False) -> InvitationSent:
        """E-mail a single-use, 72-hour link to the client's address on file; any earlier open
        invitation stops working. Staff learn only the masked address and the expiry. With
        `forms_waiting` the e-mail says a form waits in the portal (never what it asks)."""
        token = secrets.token_urlsafe(32)
        expires_at = self._rt.now() + INVITATION_LIFETIME
        link = f"{self._rt.settings.public_url}/portal/invite/{token}"
        pending = self._create(actor, client_id, token, expires_at, code_hash=None,
                               compose=lambda to, name: portal_invitation(
                                   to, name, link, expires_at, forms_waiting=forms_waiting))
        self._send_or_expire(actor, pending, "the invitation e-mail could not be sent; "
                                             "try again")
        return InvitationSent(mask_address(pending.address), expires_at)

    def enrol_in_office(self, actor: Actor, client_id: str) -> OfficeEnrolment:
        """Open a 15-minute enrolment for the office tablet and e-mail the client a one-time
        code; the returned token opens the page, and only the code completes it."""
        token = secrets.token_urlsafe(32)
        code = f"{secrets.randbelow(10**6):06d}"
        invitation_id = new_id()
        expires_at = self._rt.now() + OFFICE_CODE_LIFETIME
        minutes = int(OFFICE_CODE_LIFETIME.total_seconds() // 60)
        pending = self._create(actor, client_id, token, expires_at,
                               code_hash=self._code_hash(invitation_id, code),
                               invitation_id=invitation_id,
                               compose=lambda to, name: enrolment_code(to, name, code, minutes))
        self._send_or_expire(actor, pending, "the e-mail with the code could not be sent; "
                                             "try again")
        return OfficeEnrolment(token, mask_address(pending.address), expires_at)

    def invite_representative(self, actor: Actor, client_id: str,
                              representative_id: str) -> InvitationSent:
        """E-mail a personal representative (45 CFR 164.502(g)) a single-use, 72-hour link to
        their own address on file, for an account of their own: never the client's account or
        password. Only a standing representative whose document covers seeing records or
        signing authorizations is invited; what they then see is policy's decision, each time."""
        token = secrets.token_urlsafe(32)
        expires_at = self._rt.now() + INVITATION_LIFETIME
        link = f"{self._rt.settings.public_url}/portal/invite/{token}"
        pending = self._create(
            actor, client_id, token, expires_at, code_hash=None,
            compose=lambda to, name: representative_invitation(to, name, link, expires_at),
            representative_id=representative_id)
        self._send_or_expire(actor, pending, "the invitation e-mail could not be sent; "
                                             "try again")
        return InvitationSent(mask_address(pending.address), expires_at)

    def _create(self, actor: Actor, client_id: str, token: str, expires_at: datetime, *,
                code_hash: str | None, compose: Compose,
                invitation_id: str | None = None,
                representative_id: str | None = None) -> _Pending:
        if not self._mailer.is_configured:
            raise MailNotConfigured()
        rt = self._rt
        invitation_id = invitation_id or new_id()
        now = rt.now()

        def work(conn: Connection, access: Access) -> _Pending:
            representation: bytes | None = None
            if representative_id is None:
                address = contacts_under(conn, rt.keyring, access).get("email", "")
                if not address:
                    raise InvalidInput("email: this client has no e-mail address on file — add "
                                       "it to the client's contact details, then invite again")
            else:
                address, representation = self._representation(conn, access,
                                                                representative_id)
            repo.expire_open_invitations(conn, client_id, now,
                                         representative_id=representative_id)
            repo.insert_invitation(
                conn, id=invitation_id, client_id=client_id, token_hash=token_hash(token),
                created_by=actor.actor_id, created_at=now, expires_at=expires_at,
                code_hash=code_hash, code_failures=0, representative_id=representative_id,
                representation_sealed=representation)
            name = practice_name(conn)
            return _Pending(invitation_id, client_id, address, compose(address, name))

        kind = ("representative" if representative_id else "office" if code_hash else "link")
        return self._gate.write(actor, Permission.CHART_PORTAL_INVITE,
                                AuditTag.PORTAL_INVITATION_CREATE, client_id, work,
                                resource_id=invitation_id, kind=kind)

    def _representation(self, conn: Connection, access: Access, representative_id: str
                        ) -> tuple[str, bytes]:
        """The representative's own address and their kind and scope, sealed as the account's
        credential (under the representative's id, so it moves to the account unchanged)."""
        rt = self._rt
        representative = representative_under(conn, rt.keyring, access, representative_id)
        details = representative.details
        problems = []
        if representative.status != "active":
            problems.append("representative: this person no longer acts for the client")
        elif not {"records", "authorizations"} & set(details.scope):
            problems.append("representative: the document on file lets this person neither see "
                            "records nor sign authorizations, so the portal has nothing for "
                            "them")
        if not details.email:
            problems.append("email: this representative has no e-mail address on file — record "
                            "it with the representative, then invite again")
        if repo.representative_has_account(conn, representative_id):
            problems.append(f"representative: {REPRESENTATIVE_HAS_ACCOUNT}")
        if problems:
            raise InvalidInput(join_problems(problems))
        sealed = rt.keyring.seal_credential(
            conn, access.client_id, RecordKind.PORTAL_ACCOUNT, representative_id,
            "representation", json.dumps({"kind": details.kind,
                                          "scope": list(details.scope)}).encode())
        return details.email, sealed

    def _send_or_expire(self, actor: Actor, pending: _Pending, message: str) -> None:
        try:
            self._mailer.send(pending.mail)
        except MailNotSent:
            rt = self._rt
            with write_transaction(rt.engine) as conn:
                repo.expire_invitation(conn, pending.invitation_id, rt.now())
                self._gate.record_in(conn, [rt.entry(
                    actor.actor_id, AuditTag.PORTAL_INVITATION_EXPIRE, "ok",
                    client_id=pending.client_id, resource_id=pending.invitation_id,
                    reason="mail-not-sent")])
            raise MailNotSent(message) from None

    # --- the client: accept ----------------------------------------------------------------
    def open_invitation_kind(self, token: str) -> str | None:
        """"link" or "office" (a code is needed) for an open invitation, else None."""
        with read_transaction(self._rt.engine) as conn:
            row = self._open(conn, token)
        if row is None:
            return None
        return "link" if row.code_hash is None else "office"

    def _open(self, conn: Connection, token: str) -> Row[Any] | None:
        return repo.open_invitation(conn, token_hash(token), self._rt.now(),
                                    max_code_failures=OFFICE_CODE_TRIES)

    def accept(self, token: str, username: str, password: str, *,
               code: str | None = None) -> str:
        """Create the client's account from an open invitation (an office one also needs the
        e-mailed code). Refused when the client already has an account: an invitation never
        replaces credentials. Returns the normalized user name."""
        rt = self._rt
        name = username.strip().lower()
        if not USERNAME.match(name):
            raise InvalidInput("username: 3-64 characters: letters, digits and . _ @ + -")
        check_password_strength(password, username=name)
        password_hash = self._hasher.hash(password)
        refusal: ClosedDoorError | None = None
        with write_transaction(rt.engine) as conn:
            invitation = self._open(conn, token)
            if invitation is None:
                raise NotFound(CLOSED)
            if invitation.code_hash is not None and not hmac.compare_digest(
                    self._code_hash(invitation.id, (code or "").strip()), invitation.code_hash):
                refusal = self._reject_code(conn, invitation.id, invitation.client_id)
            else:
                self._create_account(conn, invitation, name, password_hash)
        if refusal is not None:
            raise refusal
        return name

    def _create_account(self, conn: Connection, invitation: Row[Any], name: str,
                        password_hash: str) -> None:
        rt = self._rt
        now = rt.now()
        client_id = str(invitation.client_id)
        if repo.use_invitation(conn, invitation.id, now) != 1:
            raise NotFound(CLOSED)
        representative_id = invitation.representative_id
        if representative_id is not None:
            # The representative's standing is checked again by the gate on every request;
            # here an account is simply never made twice.
            if repo.representative_has_account(conn, representative_id):
                raise ConflictError(REPRESENTATIVE_HAS_ACCOUNT)
        elif repo.client_has_account(conn, client_id):
            raise ConflictError(HAS_ACCOUNT)
        index = self._username_index(name)
        if repo.username_index_taken(conn, index):
            raise ConflictError("username: already taken; choose another")
        account_id = new_id()
        sealed_name = rt.keyring.seal_credential(conn, client_id, RecordKind.PORTAL_ACCOUNT,
                                                 account_id, "username", name.encode())
        repo.insert_account(
            conn, id=account_id, client_id=client_id, username_index=index,
            username_sealed=sealed_name, password_hash=password_hash,
            totp_enabled=False, is_active=True, created_at=now,
            representative_id=representative_id,
            representation_sealed=invitation.representation_sealed)
        self._gate.record_in(conn, [rt.entry(f"portal:{account_id}", AuditTag.PORTAL_ACCOUNT_CREATE,
                                           "ok", client_id=client_id,
                                           resource_id=str(invitation.id))])

    def _reject_code(self, conn: Connection, invitation_id: str,
                     client_id: str) -> ClosedDoorError:
        """Count a wrong code (atomically, so parallel guesses cannot exceed the limit); the
        last allowed one ends the enrolment. The caller raises after the commit."""
        rt = self._rt
        failures = repo.add_code_failure(conn, invitation_id)
        events = [rt.entry("portal:enrolment", AuditTag.PORTAL_ENROLMENT_CODE_REJECT, "deny",
                           client_id=client_id, resource_id=invitation_id, failures=failures)]
        if failures >= OFFICE_CODE_TRIES:
            repo.expire_invitation(conn, invitation_id, rt.now())
            events.append(rt.entry("portal:enrolment", AuditTag.PORTAL_INVITATION_EXPIRE, "ok",
                                   client_id=client_id, resource_id=invitation_id,
                                   reason="too-many-wrong-codes"))
        self._gate.record_in(conn, events)
        if failures >= OFFICE_CODE_TRIES:
            return NotFound("too many wrong codes: this sign-up has ended; ask the practice to "
                            "start again")
        left = OFFICE_CODE_TRIES - failures
        return InvalidInput(f"code: that is not the code from the e-mail — {left} "
                            f"{'try' if left == 1 else 'tries'} left")

    # --- the client: forgot password ----------------------------------------------------------
    def request_password_reset(self, username: str) -> None:
        """E-mail a single-use, one-hour reset link to the address on file of the account with
        this user name. Answers the same (returns None) whether or not such an account exists,
        has an address, or asked too often; at most RESETS_PER_HOUR links per account."""
        self.require_mail()
        rt = self._rt
        name = username.strip().lower()
        if not USERNAME.match(name):
            return
        token = secrets.token_urlsafe(32)
        now = rt.now()
        expires_at = now + RESET_LIFETIME
        reset_id = new_id()
        with read_transaction(rt.engine) as conn:
            account = repo.active_account(conn, self._username_index(name))
        if account is None or account.representative_id is not None:
            # A representative asks the practice, who revokes the account and invites them
            # again: their address lives in the client's sealed record, which a request that
            # proves nothing must not open.
            return
        client_id = str(account.client_id)
        # The client acts for themselves (knowing their user name is all the request proves):
        # the gate decides and audits that, and its proof unseals the address on file.
        client = Actor(f"portal:{account.id}", Role.CLIENT, client_id=client_id)

        def work(conn: Connection, access: Access) -> tuple[str, Mail | None]:
            recent = repo.resets_since(conn, account.id, now - timedelta(hours=1))
            address = contacts_under(conn, rt.keyring, access).get("email", "")
            outcome = ("throttled" if recent >= RESETS_PER_HOUR
                       else "no-address" if not address else "ok")
            if outcome != "ok":
                return outcome, None
            repo.expire_open_resets(conn, account.id, now)
            repo.insert_reset(conn, id=reset_id, account_id=account.id,
                              token_hash=token_hash(token), created_at=now,
                              expires_at=expires_at)
            name_of_practice = practice_name(conn)
            return outcome, password_reset(
                address, name_of_practice, f"{rt.settings.public_url}/portal/reset/{token}",
                expires_at)

        _, mail = self._gate.write(
            client, Permission.PORTAL_ACCOUNT_RECOVER, AuditTag.PORTAL_PASSWORD_RESET_REQUEST,
            client_id, work, resource_id=reset_id,
            outcome=lambda result: {"result": result[0]})
        if mail is None:
            return
        try:
            self._mailer.send(mail)
        except MailNotSent:  # the answer stays the same; the link is never usable
            log.warning("password reset mail not sent")
            with write_transaction(rt.engine) as conn:
                repo.expire_reset(conn, reset_id, rt.now())

    def require_mail(self) -> None:
        if not self._mailer.is_configured:
            raise MailNotConfigured()

    def reset_is_open(self, token: str) -> bool:
        with read_transaction(self._rt.engine) as conn:
            return self._open_reset(conn, token) is not None

    def _open_reset(self, conn: Connection, token: str) -> Row[Any, Any, Any, Any] | None:
        return repo.open_reset(conn, token_hash(token), self._rt.now())

    def reset_password(self, token: str, new_password: str) -> None:
        """Set a new password through an open reset link; every session of the account ends.
        Two-step sign-in, when on, stays on."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            reset = self._open_reset(conn, token)
            if reset is None:
                raise NotFound(RESET_CLOSED)
            username = rt.keyring.unseal_credential(conn, str(reset.client_id),
                                                    RecordKind.PORTAL_ACCOUNT,
                                                    str(reset.account_id), "username",
                                                    bytes(reset.username_sealed)).decode()
        check_password_strength(new_password, username=username)
        password_hash = self._hasher.hash(new_password)
        now = rt.now()
        with write_transaction(rt.engine) as conn:
            if repo.use_reset(conn, reset.id, now) != 1:
                raise NotFound(RESET_CLOSED)
            repo.expire_open_resets(conn, reset.account_id, now)
            repo.set_password_hash(conn, reset.account_id, password_hash)
            ended = repo.end_sessions(conn, reset.account_id)
            self._gate.record_in(conn, [rt.entry(
                f"portal:{reset.account_id}", AuditTag.PORTAL_PASSWORD_RESET, "ok",
                client_id=str(reset.client_id), resource_id=str(reset.id),
                sessions_ended=ended)])

    # --- helpers ----------------------------------------------------------------------------
    def _username_index(self, username: str) -> str:
        return exact_index(self._rt.keyring.blind_index_key(), "portal-username", username)

    def _code_hash(self, invitation_id: str, code: str) -> str:
        """Keyed, so a copy of the database does not give the code away by brute force."""
        return exact_index(self._rt.keyring.purpose_key("portal-enrolment-code"),
                           invitation_id, code)


