"""Requests for restrictions, 45 CFR 164.522(a), as pure rules: what a restriction names, what
the practice may answer, how it ends, and whether a disclosure falls under it. No I/O.

- 164.522(a)(1)(i): the client may ask the practice to restrict uses and disclosures for
  treatment, payment or health-care operations, and to people involved in their care
  (164.510(b)).
- 164.522(a)(1)(ii): the practice need not agree to a general request (`refuse`, with a reason
  the client sees); (a)(1)(vi): it MUST agree to withhold from a health plan, for payment or
  operations, what concerns a service the client paid for in full out of pocket. Refusing that
  kind is an error here (`check_can_refuse`).
- 164.522(a)(1)(v): a restriction does not stop disclosures required by law or made under
  164.512 (legal bases), nor the client's own access (164.524, which never goes through the
  disclosure workflow). (a)(1)(iii)-(iv): in an emergency the restricted information may go to
  a provider for treatment, and the practice asks that provider not to use or disclose it
  further (`EMERGENCY_STATEMENT`, printed on the packet and kept on the record).
- 164.522(a)(2): the client ends a restriction (in writing, in the portal, or orally, recorded
  by staff), at once; the practice ends one by telling the client, effective only for
  information created after that day, and never a self-pay restriction ((a)(2)(iii)).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from closeddoor.disclosure.categories import Category
from closeddoor.disclosure.scope import (
    Recipient,
    name_field,
    parse_categories,
    parse_date,
    text_field,
)
from closeddoor.errors import ConflictError, InvalidInput


class RestrictionKind(StrEnum):
    GENERAL = "general"  # 164.522(a)(1)(i): the practice may agree or refuse
    SELF_PAY = "self_pay"  # 164.522(a)(1)(vi): paid in full out of pocket; must be agreed


class RecipientKind(StrEnum):
    """Whom the restriction keeps information from."""

    ANY = "any"
    FAMILY = "family"  # family or friends involved in care, 164.510(b)
    HEALTH_PLAN = "health_plan"
    NAMED = "named"  # a named person or organisation
    PROVIDER = "provider"  # another health-care provider


class Purpose(StrEnum):
    CARE_INVOLVEMENT = "care_involvement"  # 164.510(b)
    OPERATIONS = "operations"
    PAYMENT = "payment"
    TREATMENT = "treatment"


class Status(StrEnum):
    REQUESTED = "requested"
    AGREED = "agreed"
    REFUSED = "refused"
    TERMINATED = "terminated"


class Via(StrEnum):
    PORTAL = "portal"  # in writing, by the client
    WRITTEN = "written"  # a letter or form, recorded by staff
    ORAL = "oral"  # said to staff, documented by them


class EndedBy(StrEnum):
    CLIENT = "client"
    PRACTICE = "practice"


RECIPIENT_TITLES: dict[RecipientKind, str] = {
    RecipientKind.ANY: "anyone",
    RecipientKind.FAMILY: "family or friends involved in your care",
    RecipientKind.HEALTH_PLAN: "your health plan",
    RecipientKind.NAMED: "a person or organisation you named",
    RecipientKind.PROVIDER: "other health-care providers",
}
PURPOSE_TITLES: dict[Purpose, str] = {
    Purpose.TREATMENT: "treatment",
    Purpose.PAYMENT: "payment",
    Purpose.OPERATIONS: "running the practice (health-care operations)",
    Purpose.CARE_INVOLVEMENT: "telling people involved in the client's care",
}
REQUEST_FIELDS = ("kind", "recipient_kind", "recipient_name", "recipient_organization",
                  "services_from", "services_to", "details")  # besides purposes, categories
SELF_PAY_PURPOSES = (Purpose.OPERATIONS, Purpose.PAYMENT)  # 164.522(a)(1)(vi)(A)
EMERGENCY_STATEMENT = (
    "The client asked the practice to restrict this information and the practice agreed "
    "(45 CFR 164.522(a)). It is disclosed for emergency treatment only; the practice asks the "
    "recipient not to use or disclose it further (45 CFR 164.522(a)(1)(iv)).")
MAX_TEXT = 2000
E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class RestrictionTerms:
    """What one request limits. Empty `purposes` or `categories` mean all of them; a self-pay
    request names the services (a date range) the client paid for in full."""

    kind: RestrictionKind
    recipient_kind: RecipientKind
    recipient: Recipient | None  # only for RecipientKind.NAMED
    purposes: tuple[Purpose, ...]
    categories: tuple[Category, ...]
    services_from: date | None
    services_to: date | None
    details: str  # the client's own words

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> RestrictionTerms:
        """Every problem at once, each naming its field and how to fix it."""
        problems: list[str] = []
        kind = _choice(data.get("kind") or RestrictionKind.GENERAL.value, RestrictionKind,
                       "kind", problems)
        details = text_field(data.get("details"), "details", problems, limit=MAX_TEXT)
        if kind is RestrictionKind.SELF_PAY:
            services_from = parse_date(data.get("services_from"), "services_from", problems)
            services_to = parse_date(data.get("services_to"), "services_to", problems)
            if services_from is None or services_to is None:
                problems.append("services_from: give the first and last dates of the services "
                                "you paid for in full yourself (YYYY-MM-DD)")
            elif services_from > services_to:
                problems.append("services_to: must not be before services_from")
            if problems:
                raise InvalidInput("; ".join(problems))
            return cls(RestrictionKind.SELF_PAY, RecipientKind.HEALTH_PLAN, None,
                       SELF_PAY_PURPOSES, (),
                       services_from, services_to, details)
        recipient_kind = _choice(data.get("recipient_kind") or "", RecipientKind,
                                 "recipient_kind", problems)
        recipient = None
        if recipient_kind is RecipientKind.NAMED:
            recipient = Recipient(
                name=_optional_name(data.get("recipient_name"), "recipient_name",
                                    "the person's name", problems),
                organization=_optional_name(data.get("recipient_organization"),
                                            "recipient_organization", "the organisation",
                                            problems),
                contact="")
            if not recipient.name and not recipient.organization:
                problems.append("recipient_name: name the person or organisation not to "
                                "share with")
        purposes = tuple(_choice(p, Purpose, "purposes", problems)
                         for p in _listed(data.get("purposes")))
        categories = parse_categories(data.get("categories") or [], problems)
        if not details and recipient_kind is RecipientKind.ANY and not categories:
            problems.append("details: say what you want us to limit")
        if problems or recipient_kind is None:
            raise InvalidInput("; ".join(problems))
        return cls(RestrictionKind.GENERAL, recipient_kind, recipient,
                   tuple(p for p in purposes if p is not None), categories, None, None, details)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "recipient_kind": self.recipient_kind.value,
                "recipient": None if self.recipient is None else {
                    "name": self.recipient.name,
                    "organization": self.recipient.organization},
                "purposes": [p.value for p in self.purposes],
                "categories": [c.value for c in self.categories],
                "services_from": self.services_from.isoformat() if self.services_from else None,
                "services_to": self.services_to.isoformat() if self.services_to else None,
                "details": self.details}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RestrictionTerms:
        recipient = data.get("recipient")
        return cls(RestrictionKind(data["kind"]), RecipientKind(data["recipient_kind"]),
                   None if recipient is None else Recipient(recipient["name"],
                                                            recipient["organization"], ""),
                   tuple(Purpose(p) for p in data["purposes"]),
                   tuple(Category(c) for c in data["categories"]),
                   date.fromisoformat(data["services_from"]) if data["services_from"] else None,
                   date.fromisoformat(data["services_to"]) if data["services_to"] else None,
                   data.get("details", ""))

    def summary(self) -> str:
        """One plain line: what is limited, for whom (no client identifier)."""
        if self.kind is RestrictionKind.SELF_PAY:
            return (f"services from {self.services_from} to {self.services_to}, paid in full "
                    "by the client: not to be told to the health plan")
        who = (self.recipient.display if self.recipient and self.recipient_kind
               is RecipientKind.NAMED else RECIPIENT_TITLES[self.recipient_kind])
        what = ", ".join(c.value.replace("_", " ") for c in self.categories) or "all information"
        why = ", ".join(p.value.replace("_", " ") for p in self.purposes) or "any purpose"
        return f"{what}; not to {who}; for {why}"


@dataclass(frozen=True)
class RestrictionState:
    """A request's state, folded from its append-only events."""

    restriction_id: str
    terms: RestrictionTerms
    requested_at: datetime
    status: Status
    agreed_at: datetime | None = None
    paid_in_full: bool = False
    answer: str = ""  # the refusal's reason, which the client sees
    terminated_on: date | None = None
    ended_by: EndedBy | None = None

    def is_in_force_for(self, records_from: date | None) -> bool:
        """Agreed and not ended; or ended by the practice, which leaves it in force for
        information created before that day (164.522(a)(2)(iii)). Records without a start
        date (the whole chart, demographics) reach back before it. A self-pay request is in
        force from the moment it is asked: the practice may not refuse it ((a)(1)(vi)), so
        nothing goes to the health plan while staff confirm the payment."""
        if self.status is Status.AGREED or (self.status is Status.REQUESTED
                                            and self.terms.kind is RestrictionKind.SELF_PAY):
            return True
        if self.status is Status.TERMINATED and self.ended_by is EndedBy.PRACTICE \
                and self.terminated_on is not None:
            return records_from is None or records_from < self.terminated_on
        return False


# --- answering and ending -----------------------------------------------------------------------
def check_can_agree(state: RestrictionState, *, paid_in_full: bool) -> None:
    """Only an open request is answered; a self-pay one is agreed once it is paid in full."""
    if state.status is not Status.REQUESTED:
        raise ConflictError(f"this restriction request is {state.status.value}, not open")
    if state.terms.kind is RestrictionKind.SELF_PAY and not paid_in_full:
        raise InvalidInput("paid_in_full: confirm the services were paid in full out of "
                           "pocket, and leave the request open until they are")


def check_can_refuse(state: RestrictionState) -> None:
    """164.522(a)(1)(vi): a self-pay restriction from a health plan must be agreed."""
    if state.status is not Status.REQUESTED:
        raise ConflictError(f"this restriction request is {state.status.value}, not open")
    if state.terms.kind is RestrictionKind.SELF_PAY:
        raise ConflictError("the practice must agree not to tell the health plan about "
                            "services the client paid for in full (45 CFR 164.522(a)(1)(vi)); "
                            "it cannot be refused")


def check_can_terminate(state: RestrictionState, ended_by: EndedBy) -> None:
    """164.522(a)(2): an agreed restriction ends once; the practice may not end a self-pay one
    on its own ((a)(2)(iii))."""
    if state.status is not Status.AGREED:
        raise ConflictError(f"this restriction is {state.status.value}, not in force")
    if ended_by is EndedBy.PRACTICE and state.terms.kind is RestrictionKind.SELF_PAY:
        raise ConflictError("the practice cannot end a self-pay restriction on its own "
                            "(45 CFR 164.522(a)(2)(iii)); only the client can")


def parse_reason(data: Mapping[str, Any], field: str, what: str) -> str:
    problems: list[str] = []
    text = text_field(data.get(field), field, problems, limit=MAX_TEXT)
    if not problems and len(text) < 10:
        problems.append(f"{field}: {what} (a sentence at least)")
    if problems:
        raise InvalidInput("; ".join(problems))
    return text


def parse_via(value: Any) -> Via:
    """How a request or a client's ending reached staff: written or oral (documented)."""
    if value in (Via.WRITTEN.value, Via.ORAL.value):
        return Via(value)
    raise InvalidInput("received_via: written or oral")


# --- a disclosure under a restriction -----------------------------------------------------------
@dataclass(frozen=True)
class Outgoing:
    """What a disclosure would release, as far as restrictions care."""

    recipient: Recipient
    recipient_kind: RecipientKind | None  # as the requester stated it; None = not stated
    purpose: Purpose | None
    categories: tuple[Category, ...]
    records_from: date | None
    records_to: date | None


class Verdict(StrEnum):
    CLEAR = "clear"  # no agreed restriction concerns it
    EXEMPT = "exempt"  # required by law or a 164.512 basis: (a)(1)(v)
    EMERGENCY = "emergency"  # allowed, with EMERGENCY_STATEMENT: (a)(1)(iii)-(iv)
    REFUSED = "refused"


@dataclass(frozen=True)
class Check:
    verdict: Verdict
    restriction_ids: tuple[str, ...] = ()
    message: str = ""


def matches(state: RestrictionState, out: Outgoing) -> bool:
    """Whether this restriction (in force for these records) concerns the disclosure. A
    recipient or purpose the requester did not state counts as matching (fail closed)."""
    terms = state.terms
    if not state.is_in_force_for(out.records_from):
        return False
    if terms.recipient_kind is RecipientKind.NAMED:
        assert terms.recipient is not None
        if not _same_party(terms.recipient, out.recipient):
            return False
    elif terms.recipient_kind is not RecipientKind.ANY and out.recipient_kind is not None \
            and out.recipient_kind is not terms.recipient_kind:
        return False
    if terms.purposes and out.purpose is not None and out.purpose not in terms.purposes:
        return False
    if terms.categories and not set(terms.categories) & set(out.categories):
        return False
    if terms.kind is RestrictionKind.SELF_PAY:
        return _overlaps(terms.services_from, terms.services_to, out.records_from,
                         out.records_to)
    return True


def check_disclosure(states: Collection[RestrictionState], out: Outgoing, *,
                     legal_basis: str | None, authorization_signed_at: datetime | None
                     ) -> Check:
    """The rules table of 164.522(a) at the door: a legal basis other than an emergency is
    exempt; an emergency goes with the statement; under an authorization the client signed
    after agreeing the restriction, the client has chosen again; otherwise refused, naming the
    restriction (never the client)."""
    hits = [s for s in states if matches(s, out)]
    if not hits:
        return Check(Verdict.CLEAR)
    ids = tuple(s.restriction_id for s in hits)
    hint = ("; if the recipient or purpose differ from the restriction's, state "
            "recipient_kind and purpose_kind" if out.recipient_kind is None or out.purpose is None
            else "")
    if legal_basis == "medical_emergency":
        return Check(Verdict.EMERGENCY, ids, EMERGENCY_STATEMENT)
    if legal_basis:
        return Check(Verdict.EXEMPT, ids)
    if authorization_signed_at is not None:
        unanswered = [s for s in hits
                      if s.agreed_at is None or authorization_signed_at <= s.agreed_at]
        if not unanswered:
            return Check(Verdict.CLEAR, ids)
        hits = unanswered
        ids = tuple(s.restriction_id for s in hits)
        return Check(Verdict.REFUSED, ids, (
            f"restriction {', '.join(ids)}: the client asked the practice not to share this "
            "and it agreed after the authorization was signed; the client should confirm by "
            f"signing a new authorization (45 CFR 164.522(a)){hint}"))
    return Check(Verdict.REFUSED, ids, (
        f"restriction {', '.join(ids)}: the client asked the practice not to share this and it "
        f"agreed (45 CFR 164.522(a)); change the recipient, purpose or records{hint}"))


def parse_outgoing_kinds(data: Mapping[str, Any]) -> tuple[RecipientKind | None, Purpose | None]:
    """The disclosure request's optional `recipient_kind` and `purpose_kind`."""
    problems: list[str] = []
    recipient_kind = _choice(data.get("recipient_kind"), RecipientKind, "recipient_kind",
                             problems) if data.get("recipient_kind") else None
    purpose = _choice(data.get("purpose_kind"), Purpose, "purpose_kind", problems) \
        if data.get("purpose_kind") else None
    if recipient_kind in (RecipientKind.ANY, RecipientKind.NAMED):
        problems.append("recipient_kind: family, health_plan or provider (or leave it out)")
    if problems:
        raise InvalidInput("; ".join(problems))
    return recipient_kind, purpose


# --- helpers ------------------------------------------------------------------------------------
def _optional_name(value: Any, field: str, words: str, problems: list[str]) -> str:
    return name_field(value, field, words, problems) if value not in (None, "") else ""


def _same_party(restricted: Recipient, recipient: Recipient) -> bool:
    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    names = {norm(restricted.name), norm(restricted.organization)} - {""}
    return bool(names & {norm(recipient.name), norm(recipient.organization)})


def _overlaps(a_from: date | None, a_to: date | None, b_from: date | None,
              b_to: date | None) -> bool:
    return (b_to is None or a_from is None or a_from <= b_to) and \
        (b_from is None or a_to is None or b_from <= a_to)


def _listed(value: Any) -> list[Any]:
    if value in (None, ""):
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _choice(value: Any, enum: type[E], field: str, problems: list[str]) -> E | None:
    try:
        return enum(str(value))
    except ValueError:
        problems.append(f"{field}: choose one of {', '.join(e.value for e in enum)}")
        return None
