"""Wire models for authorizations, disclosures and the accounting.

Request bodies accept loose values on purpose: the domain names each missing 164.508 element or
legal-basis fact in one error, which a schema-level rejection could not do. Extra fields are
still refused.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Query
from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict
from closeddoor.api.schemas.consent import SignerKind

Text = str | None
# The accounting's period (164.528(a)(1)): `?from=YYYY-MM-DD&to=YYYY-MM-DD`, the last six years
# when absent.
PeriodFrom = Annotated[date | None, Query(alias="from")]
PeriodTo = Annotated[date | None, Query(alias="to")]


class StatementsIn(Strict):
    revocation: Text = Field(default=None, max_length=1000)
    conditioning: Text = Field(default=None, max_length=1000)
    redisclosure: Text = Field(default=None, max_length=1000)


class AuthorizationIn(Strict):
    categories: list[str] = Field(default_factory=list, max_length=7)
    records_from: Text = Field(default=None, max_length=10)
    records_to: Text = Field(default=None, max_length=10)
    discloser: Text = Field(default=None, max_length=200)
    recipient_name: Text = Field(default=None, max_length=200)
    recipient_organization: Text = Field(default=None, max_length=200)
    recipient_contact: Text = Field(default=None, max_length=400)
    purpose: Text = Field(default=None, max_length=400)
    expires_on: Text = Field(default=None, max_length=10)
    expiry_event: Text = Field(default=None, max_length=300)
    statements: StatementsIn = Field(default_factory=StatementsIn)


class AuthorizationOut(BaseModel):
    id: str
    status: str  # unsigned | active | expired | revoked
    categories: list[str]
    records_from: date | None
    records_to: date | None
    discloser: str
    recipient_name: str
    recipient_organization: str
    recipient_contact: str
    purpose: str
    expires_on: date | None
    expiry_event: str
    created_at: datetime
    signed_at: datetime | None
    sign_method: str | None
    signer_kind: str | None
    text_sha256: str | None
    revoked_at: datetime | None
    revoke_method: str | None


class AuthorizationFormOut(BaseModel):
    authorization: AuthorizationOut
    text: str
    text_sha256: str
    signer_rule: str
    signer_reason: str = ""
    witness_required: bool = False


class AuthorizationSignatureIn(Strict):
    text_sha256: str = Field(min_length=64, max_length=64)
    signer_name: str = Field(max_length=200)
    signer_kind: SignerKind = "client"
    guardian_relation: str = Field(default="", max_length=80)
    representative_id: str = Field(default="", max_length=36)  # signer_kind "representative"
    witness_name: str = Field(default="", max_length=200)  # where the state asks for a witness


class DisclosureIn(Strict):
    authority: str = Field(max_length=16)  # authorization | legal-basis
    authorization_id: Text = Field(default=None, max_length=36)
    recipient_name: Text = Field(default=None, max_length=200)
    recipient_organization: Text = Field(default=None, max_length=200)
    recipient_contact: Text = Field(default=None, max_length=400)
    categories: list[str] = Field(default_factory=list, max_length=7)
    records_from: Text = Field(default=None, max_length=10)
    records_to: Text = Field(default=None, max_length=10)
    purpose: Text = Field(default=None, max_length=400)
    # What a restriction (164.522(a)) matches on: family | health_plan | provider, and
    # treatment | payment | operations | care_involvement. Unstated, an agreed restriction
    # that names a kind of recipient or a purpose is taken to match.
    recipient_kind: Text = Field(default=None, max_length=16)
    purpose_kind: Text = Field(default=None, max_length=16)
    treatment_summary: Text = Field(default=None, max_length=20_000)
    test_results: Text = Field(default=None, max_length=20_000)
    # Legal basis and its facts (each basis needs its own; the service names what is missing).
    legal_basis: Text = Field(default=None, max_length=32)
    justification: Text = Field(default=None, max_length=4000)
    threatened_party: Text = Field(default=None, max_length=200)
    # 164.512(j)(1)(i): the threat, the good-faith belief and who receives it.
    threat_to: Text = Field(default=None, max_length=16)  # person | public
    threat: Text = Field(default=None, max_length=2000)
    good_faith_belief: Text = Field(default=None, max_length=2000)
    recipient_type: Text = Field(default=None, max_length=32)
    more_than_summary: Text = Field(default=None, max_length=2000)  # why more than a summary
    legal_process: Text = Field(default=None, max_length=200)  # 164.512(f)
    # An oral disclosure (a phone warning, a hotline report): no packet, what was said.
    channel: Text = Field(default=None, max_length=8)  # packet | oral
    oral_summary: Text = Field(default=None, max_length=4000)
    agency: Text = Field(default=None, max_length=200)
    report_number: Text = Field(default=None, max_length=200)
    court: Text = Field(default=None, max_length=200)
    case_number: Text = Field(default=None, max_length=200)
    order_date: Text = Field(default=None, max_length=10)
    instrument: Text = Field(default=None, max_length=16)
    treating_provider: Text = Field(default=None, max_length=200)
    citation: Text = Field(default=None, max_length=200)


class LegalBasisOut(BaseModel):
    kind: str
    title: str
    citation: str
    facts: dict[str, str]
    justification: str


class DisclosureEventOut(BaseModel):
    """One change of state of the append-only record (no sealed note)."""

    kind: str
    occurred_at: datetime
    actor_id: str


class DisclosureOut(BaseModel):
    id: str
    status: str  # pending-approval | ready | released | declined
    authority: str
    authorization_id: str
    legal_basis: LegalBasisOut | None
    recipient_name: str
    recipient_organization: str
    recipient_contact: str
    categories: list[str]
    records_from: date | None
    records_to: date | None
    purpose: str
    requested_at: datetime
    requested_by: str
    approved_at: datetime | None
    approved_by: str | None
    released_at: datetime | None
    packet_sha256: str | None
    client_told: str
    client_told_at: datetime | None
    reviewed_at: datetime | None
    suspended_until: date | None
    suspension_kind: str = ""  # oral | written
    channel: str = "packet"  # packet | oral
    required_in_accounting: bool = True
    report_to: str = ""  # a state's danger report this threat calls for
    report_due_by: datetime | None = None
    events: list[DisclosureEventOut] = Field(default_factory=list)
    # An emergency disclosure of restricted information asks the recipient not to use or
    # disclose it further (45 CFR 164.522(a)(1)(iv)).
    restriction_statement: str = ""


class ApprovalIn(Strict):
    approve: bool
    comment: str = Field(default="", max_length=2000)


class ClientToldIn(Strict):
    told: bool
    note: str = Field(max_length=1000)


class SuspensionIn(Strict):
    until: date
    agency: str = Field(max_length=200)
    statement: str = Field(max_length=2000)
    form: Literal["oral", "written"] = "written"  # 164.528(a)(2)(ii): oral lasts 30 days at most
    official: str = Field("", max_length=200)  # who asked; required for an oral request


class ReviewIn(Strict):
    comment: str = Field(max_length=2000)


class PortalAccountingEntryOut(BaseModel):
    """One entry of the accounting as the client reads it."""

    id: str
    disclosed_at: datetime
    recipient: str
    recipient_contact: str
    description: str
    purpose: str
    authority: str
    authorization_id: str
    authorization_signed_on: date | None
    required_in_accounting: bool
    channel: str = "packet"  # packet | oral


class AccountingEntryOut(PortalAccountingEntryOut):
    """Staff also see a suspension at an agency's request and whether the client was told."""

    suspended_until: date | None
    client_told: str


class DisclosureSettings(Strict):
    disclosure_two_person: bool
    accounting_suspension: bool
    # The notice shown with a second accounting within twelve months; left as is when absent.
    accounting_fee_notice: str | None = Field(default=None, max_length=1000)


def drop_unset(body: BaseModel) -> dict[str, Any]:
    """The body as the service's input mapping, fields never sent left out."""
    return body.model_dump(exclude_none=True)
