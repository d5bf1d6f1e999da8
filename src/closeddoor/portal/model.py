"""What the portal services hand to adapters."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from closeddoor.policy import Actor, Role
from closeddoor.records.views import AppointmentView, NoteView


@dataclass(frozen=True)
class InvitationSent:
    """What staff learn about an invitation: never its link or code, only where it went."""

    sent_to: str  # the client's address on file, masked: s***@example.org
    expires_at: datetime


@dataclass(frozen=True)
class OfficeEnrolment:
    """Enrolling on the office tablet. The token opens the enrolment page and is useless
    without the one-time code that was e-mailed to the client."""

    token: str
    sent_to: str
    expires_at: datetime


@dataclass(frozen=True)
class Representation:
    """Whom a representative's portal account acts as (45 CFR 164.502(g)): the representative
    record, its kind and the document's scope. Sealed on the account as a credential."""

    representative_id: str
    kind: str
    scope: tuple[str, ...]


@dataclass(frozen=True)
class PortalPrincipal:
    """A signed-in client, or a client's personal representative signed in with their own
    account: a principal of its own type, never a staff user. The two never resolve as each
    other: an account either names a representative record or is the client's own."""

    account_id: str
    client_id: str
    username: str
    csrf_token: str
    mfa_passed: bool
    totp_enabled: bool
    representation: Representation | None = None

    @property
    def is_representative(self) -> bool:
        return self.representation is not None

    @property
    def actor(self) -> Actor:
        if self.representation is not None:
            return Actor(f"portal:{self.account_id}", Role.REPRESENTATIVE,
                         client_id=self.client_id,
                         representative_id=self.representation.representative_id,
                         representative_kind=self.representation.kind,
                         representative_scope=self.representation.scope)
        return Actor(f"portal:{self.account_id}", Role.CLIENT, client_id=self.client_id)


@dataclass(frozen=True)
class PortalSignedIn:
    principal: PortalPrincipal
    token: str
    device: str = ""  # device cookie for this browser (see closeddoor.accounts.authn)

    @property
    def mfa_passed(self) -> bool:
        return self.principal.mfa_passed


@dataclass(frozen=True)
class RecordExport:
    """The client's designated record set: never psychotherapy notes, never drafts."""

    client_id: str
    demographics: dict[str, str]
    contacts: dict[str, str]
    appointments: list[AppointmentView]
    notes: list[NoteView]
    exported_at: datetime


@dataclass(frozen=True)
class AccessVisit:
    """One look at the chart by one staff member: consecutive reads within a short gap."""

    first_at: datetime
    last_at: datetime
    staff_id: str
    staff_name: str
    staff_role: str
    basis: str  # care-team, supervision, break-glass, billing-role, ...
    viewed: tuple[str, ...]  # what was opened: chart, notes, appointments, ...
    stated_reason: str = ""  # break-glass only: the reason the clinician gave


def visit_key(visit: AccessVisit) -> str:
    """A visit's place in the access history (who, and when it began), as an opaque digest:
    visits have no id, and a page link need not show a staff member's id."""
    return hashlib.sha256(f"{visit.staff_id}\x00{visit.first_at.isoformat()}".encode()
                          ).hexdigest()[:32]
