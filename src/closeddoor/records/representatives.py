"""Personal representatives (45 CFR 164.502(g)): who may act for a client, and when they may not.

Pure; no I/O. A representative is recorded by staff from the document on file: the kind, the
person's name, the document's date and what it lets them do (its scope). Under 164.502(g)(1)-(2)
a person with authority under law to make health-care decisions for the client (an adult's
guardian or health-care agent, a minor's parent or guardian) is treated as the client for the
purposes that authority covers. Two limits apply:

- 164.502(g)(3)(i): a parent, guardian or other person in loco parentis is not the
  representative for care the minor lawfully consented to alone; for those records the minor
  acts (`MinorStanding.consented_alone`).
- 164.502(g)(5): the covered entity may elect not to treat a person as the representative when a
  licensed professional reasonably believes that doing so could endanger the client (domestic
  violence, abuse or neglect by that person) and decides in their professional judgment that it
  is not in the client's best interest. Such a refusal is recorded with its reason and ends the
  person's standing at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from closeddoor.errors import InvalidInput, join_problems
from closeddoor.names import clean_name

# Kind -> words a page shows. A parent acts for a minor child only; a guardian or a health-care
# agent acts for an adult (a guardian may also be a minor's).
KINDS = {
    "guardian": "court-appointed guardian",
    "health-care-agent": "health-care agent (power of attorney for health care)",
    "parent": "parent of a minor",
}
# What the document lets the representative do for the client.
SCOPES = {
    "consent": "consent to treatment",
    "authorizations": "sign and revoke authorizations to release records",
    "records": "see the client's records",
}
ACTIONS = tuple(SCOPES)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Why a representative may not act, in words (the codes `representative_refusal` returns).
REFUSALS = {
    "representative-refused": "the clinician decided not to treat this person as the client's "
                              "representative (45 CFR 164.502(g)(5))",
    "representative-ended": "this person's authority as representative has ended",
    "outside-representative-scope": "the document on file does not give this person that "
                                    "authority",
    "parent-of-an-adult": "a parent acts for a minor child only",
    "minor-controls-these-records": "the minor consented to this care alone, so the minor, not a "
                                    "parent or guardian, decides about these records (45 CFR "
                                    "164.502(g)(3)(i))",
}


@dataclass(frozen=True)
class RepresentativeDetails:
    """What staff record from the document; sealed under the client's key as JSON."""

    kind: str
    name: str
    document_date: date
    document: str  # what the document is (e.g. "letters of guardianship"), optional
    scope: tuple[str, ...]
    # The representative's own e-mail address, for their portal invitation (never the
    # client's); optional.
    email: str = ""

    @classmethod
    def parse(cls, data: Mapping[str, Any], today: date) -> RepresentativeDetails:
        """Check every field; raise one InvalidInput naming each problem, field by field."""
        problems: list[str] = []
        kind = str(data.get("kind") or "").strip()
        if kind not in KINDS:
            problems.append("kind: choose guardian, health-care-agent or parent")
        name = ""
        try:
            name = " ".join(clean_name(data.get("name"), "name", "the representative's name",
                                       limit=200).split())
        except InvalidInput as exc:
            problems.append(str(exc))
        else:
            if not name:
                problems.append("name: the representative's full name is required")
        document_date: date | None = None
        raw_date = str(data.get("document_date") or "").strip()
        try:
            document_date = date.fromisoformat(raw_date)
        except ValueError:
            problems.append("document_date: the date on the document, as YYYY-MM-DD")
        else:
            if document_date > today:
                problems.append("document_date: must not be in the future")
        document = ""
        try:
            document = " ".join(clean_name(data.get("document"), "document",
                                           "the document's description", limit=300).split())
        except InvalidInput as exc:
            problems.append(str(exc))
        email = str(data.get("email") or "").strip()
        if email and (len(email) > 254 or not EMAIL.match(email)):
            problems.append("email: the representative's own e-mail address, like "
                            "name@example.org, or leave it empty")
        raw_scope = data.get("scope")
        scope: tuple[str, ...] = ()
        if not isinstance(raw_scope, list | tuple) or not raw_scope:
            problems.append("scope: choose at least one of consent, authorizations, records")
        else:
            unknown = [s for s in raw_scope if s not in SCOPES]
            if unknown:
                problems.append("scope: each must be consent, authorizations or records")
            scope = tuple(s for s in ACTIONS if s in raw_scope)
        if problems or document_date is None:
            raise InvalidInput(join_problems(problems))
        return cls(kind, name, document_date, document, scope, email)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name,
                "document_date": self.document_date.isoformat(), "document": self.document,
                "scope": list(self.scope), "email": self.email}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RepresentativeDetails:
        """Stored details, trusted: they passed `parse` when written."""
        return cls(data["kind"], data["name"], date.fromisoformat(data["document_date"]),
                   data["document"], tuple(data["scope"]), data.get("email", ""))


@dataclass(frozen=True)
class Representative:
    representative_id: str
    client_id: str
    details: RepresentativeDetails
    recorded_at: datetime
    ended_at: datetime | None
    refused_at: datetime | None
    # The representative's own portal account: "" (none), "active" or "revoked".
    portal: str = ""

    @property
    def status(self) -> str:
        """active | ended | refused (164.502(g)(5))."""
        if self.refused_at is not None:
            return "refused"
        if self.ended_at is not None:
            return "ended"
        return "active"


def representative_refusal(representative: Representative, action: str, *, client_is_minor: bool,
                           minor_consented_alone: bool) -> str:
    """Why this representative may not do `action` for the client now, or "" when they may.

    `action` is one of SCOPES. The answer is a reason code a service turns into an error.
    """
    if action not in SCOPES:
        raise ValueError("unknown representative action")
    if representative.status == "refused":
        return "representative-refused"  # 164.502(g)(5)
    if representative.status == "ended":
        return "representative-ended"
    details = representative.details
    if action not in details.scope:
        return "outside-representative-scope"
    if details.kind == "parent" and not client_is_minor:
        return "parent-of-an-adult"  # an adult child's parent has no standing as a parent
    if client_is_minor and minor_consented_alone and action in ("authorizations", "records"):
        # 164.502(g)(3)(i): a parent, guardian or other person in loco parentis is not the
        # representative for care the minor lawfully consented to alone.
        return "minor-controls-these-records"
    return ""


def parse_refusal_reason(data: Mapping[str, Any]) -> str:
    """The documented 164.502(g)(5) determination: the professional's reason, required."""
    reason = " ".join(str(data.get("reason") or "").split())
    if len(reason) < 20:
        raise InvalidInput("reason: state the professional determination under 45 CFR "
                           "164.502(g)(5) (why treating this person as the representative could "
                           "endanger the client), at least 20 characters")
    if len(reason) > 2000:
        raise InvalidInput("reason: at most 2000 characters")
    return reason
