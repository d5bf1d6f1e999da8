"""A client's authorization to release information: its elements, text, status and coverage.

Every core element and required statement of HIPAA 164.508(c) is a field; a request missing any
of them is refused with one error naming each missing element. Pure; no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from closeddoor.consent.jurisdictions import Jurisdiction
from closeddoor.disclosure.categories import (
    CATEGORY_TITLES,
    DATED,
    NEEDS_RANGE,
    Category,
)
from closeddoor.disclosure.scope import (
    DisclosureScope,
    Recipient,
    name_field,
    parse_categories,
    parse_date,
    text_field,
    within,
)
from closeddoor.errors import InvalidInput, join_problems

# Prefilled on the form; the client may not sign without all three (164.508(c)(2)).
DEFAULT_STATEMENTS = {
    "revocation": (
        "You may revoke this authorization at any time, in writing: sign in to the client "
        "portal and choose Revoke, or give or send a signed letter to the practice. Revocation "
        "takes effect when the practice receives it; it does not undo a disclosure already made "
        "in reliance on this authorization."),
    "conditioning": (
        "Your treatment, payment, enrollment or eligibility for benefits does not depend on "
        "whether you sign this authorization."),
    "redisclosure": (
        "Information disclosed under this authorization may be redisclosed by the recipient "
        "and may then no longer be protected by federal privacy law."),
}

# Element name -> where the law asks for it; error messages name both.
ELEMENTS = {
    "categories": "a specific description of the information, 164.508(c)(1)(i)",
    "discloser": "who may disclose, 164.508(c)(1)(ii)",
    "recipient_name": "the recipient, 164.508(c)(1)(iii)",
    "recipient_contact": "the recipient's address or secure contact, 164.508(c)(1)(iii)",
    "purpose": "the purpose of the disclosure, 164.508(c)(1)(iv)",
    "expiry": "an expiration date or event, 164.508(c)(1)(v)",
    "revocation_statement": "the right to revoke in writing and how, 164.508(c)(2)(i)",
    "conditioning_statement": "whether treatment is conditioned on signing, 164.508(c)(2)(ii)",
    "redisclosure_statement": "the possibility of redisclosure, 164.508(c)(2)(iii)",
}


# The substance each required statement keeps however it is reworded (164.508(c)(2)): every
# group must be met by at least one of its words (case-insensitive), and the statement must be a
# sentence, not a token. The defaults above meet them; "x" does not.
STATEMENT_SUBSTANCE: dict[str, tuple[tuple[str, ...], ...]] = {
    "revocation": (("revoke", "revocation"), ("writing", "written")),
    "conditioning": (("treatment",), ("condition", "depend")),
    "redisclosure": (("redisclosed", "redisclosure", "re-disclos", "disclosed again"),
                     ("protected", "protect")),
}
STATEMENT_RULES = {
    "revocation": "the right to revoke in writing and how (164.508(c)(2)(i))",
    "conditioning": "that treatment is not conditioned on signing (164.508(c)(2)(ii))",
    "redisclosure": "that the recipient may redisclose it and it may then no longer be "
                    "protected (164.508(c)(2)(iii))",
}
MIN_STATEMENT_LENGTH = 40


def statement_problems(name: str, text: str) -> list[str]:
    """Why a required statement, as edited, no longer says what 164.508(c)(2) requires."""
    if not text:
        return []  # reported as a missing element
    lowered = text.lower()
    if len(text) < MIN_STATEMENT_LENGTH or not all(
            any(word in lowered for word in group) for group in STATEMENT_SUBSTANCE[name]):
        words = " and ".join(f"'{group[0]}'" for group in STATEMENT_SUBSTANCE[name])
        return [f"statements.{name}: must state {STATEMENT_RULES[name]}, in a full sentence "
                f"using {words}"]
    return []


def state_law_problems(terms: AuthorizationTerms, jurisdiction: Jurisdiction) -> list[str]:
    """What the practice's state adds to 164.508 for the terms (the `authorization_expiry`
    fact: e.g. Cal. Civ. Code 56.11(h), 740 ILCS 110/5(b) ask for a specific expiry date)."""
    fact = jurisdiction.facts["authorization_expiry"]
    if fact.value == "specific-date" and terms.expires_on is None:
        return [f"expires_on: {jurisdiction.name} law requires a specific expiry date "
                f"({fact.citation})"]
    return []


def needs_witness(jurisdiction: Jurisdiction) -> bool:
    """Whether a witness must attest the signer's identity (e.g. 740 ILCS 110/5(b))."""
    return jurisdiction.facts["authorization_witness"].value == "required"


@dataclass(frozen=True)
class AuthorizationTerms:
    """What the client is asked to sign; sealed as JSON, rendered to the text they see."""

    categories: tuple[Category, ...]
    records_from: date | None
    records_to: date | None
    discloser: str
    recipient: Recipient
    purpose: str
    expires_on: date | None
    expiry_event: str
    revocation_statement: str
    conditioning_statement: str
    redisclosure_statement: str

    @classmethod
    def parse(cls, data: Mapping[str, Any], today: date,
              jurisdiction: Jurisdiction | None = None) -> AuthorizationTerms:
        """Check every element at once; with `jurisdiction`, also its state's rules."""
        missing: list[str] = []
        problems: list[str] = []

        def need(name: str, value: str) -> str:
            if not value:
                missing.append(name)
            return value

        categories = parse_categories(data.get("categories"), problems)
        if not categories and "categories" not in {p.split(":")[0] for p in problems}:
            missing.append("categories")
        records_from = parse_date(data.get("records_from"), "records_from", problems)
        records_to = parse_date(data.get("records_to"), "records_to", problems)
        if NEEDS_RANGE & set(categories) and (records_from is None or records_to is None):
            problems.append("records_from, records_to: notes need a date range "
                            "(the first and last session date to release)")
        if records_from and records_to and records_from > records_to:
            problems.append("records_to: must not be before records_from")
        if Category.PSYCHOTHERAPY_NOTES in categories and len(categories) > 1:
            problems.append("categories: psychotherapy notes need an authorization of their own, "
                            "naming nothing else (45 CFR 164.508(b)(3)(ii))")
        expires_on = parse_date(data.get("expires_on"), "expires_on", problems)
        expiry_event = text_field(data.get("expiry_event"), "expiry_event", problems, limit=300)
        if expires_on is None and not expiry_event:
            missing.append("expiry")
        if expires_on is not None and expires_on <= today:
            problems.append("expires_on: must be a future date")
        statements = data.get("statements") or {}
        if not isinstance(statements, Mapping):
            problems.append("statements: must be an object with revocation, conditioning "
                            "and redisclosure")
            statements = {}
        terms = cls(
            categories=categories,
            records_from=records_from,
            records_to=records_to,
            discloser=need("discloser", text_field(data.get("discloser"), "discloser", problems)),
            recipient=Recipient(
                name=need("recipient_name", name_field(
                    data.get("recipient_name"), "recipient_name", "the recipient's name",
                    problems)),
                organization=name_field(data.get("recipient_organization"),
                                        "recipient_organization",
                                        "the recipient's organization", problems),
                contact=need("recipient_contact", text_field(
                    data.get("recipient_contact"), "recipient_contact", problems, limit=400)),
            ),
            purpose=need("purpose", text_field(data.get("purpose"), "purpose", problems,
                                               limit=400)),
            expires_on=expires_on,
            expiry_event=expiry_event,
            revocation_statement=need("revocation_statement", text_field(
                statements.get("revocation"), "statements.revocation", problems, limit=1000)),
            conditioning_statement=need("conditioning_statement", text_field(
                statements.get("conditioning"), "statements.conditioning", problems,
                limit=1000)),
            redisclosure_statement=need("redisclosure_statement", text_field(
                statements.get("redisclosure"), "statements.redisclosure", problems,
                limit=1000)),
        )
        for name in STATEMENT_SUBSTANCE:
            problems.extend(statement_problems(
                name, getattr(terms, f"{name}_statement")))
        if jurisdiction is not None:
            problems.extend(state_law_problems(terms, jurisdiction))
        if missing:
            problems.insert(0, "missing elements: " + ", ".join(
                f"{name} ({ELEMENTS[name]})" for name in missing))
        if problems:
            raise InvalidInput(join_problems(problems))
        return terms

    def to_json(self) -> dict[str, Any]:
        return {
            "categories": [c.value for c in self.categories],
            "records_from": _iso(self.records_from),
            "records_to": _iso(self.records_to),
            "discloser": self.discloser,
            "recipient_name": self.recipient.name,
            "recipient_organization": self.recipient.organization,
            "recipient_contact": self.recipient.contact,
            "purpose": self.purpose,
            "expires_on": _iso(self.expires_on),
            "expiry_event": self.expiry_event,
            "statements": {"revocation": self.revocation_statement,
                           "conditioning": self.conditioning_statement,
                           "redisclosure": self.redisclosure_statement},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AuthorizationTerms:
        """Stored terms, trusted: they passed `parse` when written."""
        statements = data["statements"]
        return cls(
            categories=tuple(Category(c) for c in data["categories"]),
            records_from=_date(data["records_from"]),
            records_to=_date(data["records_to"]),
            discloser=data["discloser"],
            recipient=Recipient(data["recipient_name"], data["recipient_organization"],
                                data["recipient_contact"]),
            purpose=data["purpose"],
            expires_on=_date(data["expires_on"]),
            expiry_event=data["expiry_event"],
            revocation_statement=statements["revocation"],
            conditioning_statement=statements["conditioning"],
            redisclosure_statement=statements["redisclosure"],
        )


def authorization_text(terms: AuthorizationTerms, client_name: str, practice_name: str) -> str:
    """The canonical text the client reads and signs; its SHA-256 binds the signature."""
    lines = [
        f"Authorization to release information: {practice_name}",
        f"Client: {client_name}",
        f"Who may disclose: {terms.discloser}",
        f"Recipient: {terms.recipient.display}",
        f"Recipient's address or secure contact: {terms.recipient.contact}",
        "Information to be disclosed:",
        *(f"- {CATEGORY_TITLES[c]}" for c in terms.categories),
        f"Records dated: {date_range_text(terms.records_from, terms.records_to)}",
        f"Purpose: {terms.purpose}",
        f"This authorization expires: {expiry_text(terms)}",
        f"Your right to revoke: {terms.revocation_statement}",
        f"Conditioning: {terms.conditioning_statement}",
        f"Redisclosure: {terms.redisclosure_statement}",
    ]
    return "\n".join(lines) + "\n"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def date_range_text(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "all dates"
    return f"{_iso(start) or 'the first record'} to {_iso(end) or 'the latest record'}"


def expiry_text(terms: AuthorizationTerms) -> str:
    parts = []
    if terms.expires_on:
        parts.append(f"on {terms.expires_on.isoformat()}")
    if terms.expiry_event:
        parts.append(f"upon {terms.expiry_event}")
    return " or ".join(parts) + (", whichever comes first" if len(parts) > 1 else "")


@dataclass(frozen=True)
class AuthorizationState:
    """An authorization's terms with what has happened to it since."""

    terms: AuthorizationTerms
    signed_at: datetime | None
    revoked_at: datetime | None
    event_occurred_at: datetime | None  # staff recorded that the expiry event happened


def authorization_status(state: AuthorizationState, now: datetime) -> str:
    """unsigned | active | expired | revoked: only `active` authorizes anything."""
    if state.revoked_at is not None and state.revoked_at <= now:
        return "revoked"
    if state.signed_at is None:
        return "unsigned"
    if state.terms.expires_on is not None and now.date() >= state.terms.expires_on:
        return "expired"
    if state.event_occurred_at is not None and state.event_occurred_at <= now:
        return "expired"
    return "active"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def coverage_refusal(state: AuthorizationState, scope: DisclosureScope, now: datetime) -> str:
    """Why this authorization does not cover `scope` at `now`, or "" when it does."""
    status = authorization_status(state, now)
    if status != "active":
        return f"authorization-{'not-signed' if status == 'unsigned' else status}"
    terms = state.terms
    if not scope.recipient.same_as(terms.recipient):
        return "authorization-wrong-recipient"
    if not set(scope.categories) <= set(terms.categories):
        return "authorization-wrong-category"
    if Category.PSYCHOTHERAPY_NOTES in scope.categories and len(scope.categories) > 1:
        return "psychotherapy-notes-alone"
    if DATED & set(scope.categories) and not within(
            scope.records_from, scope.records_to, terms.records_from, terms.records_to):
        return "authorization-wrong-dates"
    return ""
