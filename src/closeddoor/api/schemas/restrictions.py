"""Wire models for requests for restrictions (45 CFR 164.522(a)). Inputs take values as sent;
the rules in closeddoor.disclosure.restrictions name each problem by its field."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict

LONG = 2000
Text = str | None


class RestrictionRequestIn(Strict):
    """The client's request (portal). `kind` general or self_pay; a general one names the
    recipient kind (any, family, health_plan, named, provider), purposes and categories (empty:
    all); a self-pay one the dates of the services paid in full."""

    kind: str = Field(default="general", max_length=16)
    recipient_kind: Text = Field(default=None, max_length=16)
    recipient_name: Text = Field(default=None, max_length=200)
    recipient_organization: Text = Field(default=None, max_length=200)
    purposes: list[str] = Field(default_factory=list, max_length=4)
    categories: list[str] = Field(default_factory=list, max_length=7)
    services_from: Text = Field(default=None, max_length=10)
    services_to: Text = Field(default=None, max_length=10)
    details: Text = Field(default=None, max_length=LONG)


class StaffRestrictionRequestIn(RestrictionRequestIn):
    """A request received in writing or said to staff (documented)."""

    received_via: Text = Field(default=None, max_length=8)  # written | oral


class AgreeIn(Strict):
    paid_in_full: bool = False  # self-pay: the services were paid in full out of pocket


class RefuseIn(Strict):
    reason: Text = Field(default=None, max_length=LONG)  # the client sees it


class TerminateIn(Strict):
    ended_by: Text = Field(default=None, max_length=8)  # client | practice
    received_via: Text = Field(default=None, max_length=8)  # client: written | oral
    note: Text = Field(default=None, max_length=LONG)


class RestrictionOut(BaseModel):
    id: str
    kind: str
    status: str  # requested | agreed | refused | terminated
    summary: str
    recipient_kind: str
    recipient_name: str
    recipient_organization: str
    purposes: list[str]
    categories: list[str]
    services_from: date | None
    services_to: date | None
    details: str
    received_via: str
    requested_at: datetime
    answered_at: datetime | None
    paid_in_full: bool
    refusal_reason: str
    terminated_on: date | None
    ended_by: str
    ended_note: str
