"""Legal bases for a disclosure without the client's authorization: a closed list, each with the
facts it needs (HIPAA 164.512 and state duty-to-warn and reporting statutes). Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from closeddoor.disclosure.scope import parse_date, text_field
from closeddoor.errors import InvalidInput

MIN_JUSTIFICATION = 40  # a sentence or two: why the law requires or permits this, now


class LegalBasisKind(StrEnum):
    SERIOUS_THREAT = "serious_threat"
    CHILD_ABUSE_REPORT = "child_abuse_report"
    ADULT_ABUSE_REPORT = "adult_abuse_report"
    COURT_ORDER = "court_order"
    MEDICAL_EMERGENCY = "medical_emergency"
    HEALTH_OVERSIGHT = "health_oversight"
    REQUIRED_BY_LAW = "required_by_law"


@dataclass(frozen=True)
class BasisSpec:
    title: str
    citation: str
    fields: tuple[tuple[str, str], ...]  # (name, what to write)


SPECS: dict[LegalBasisKind, BasisSpec] = {
    LegalBasisKind.SERIOUS_THREAT: BasisSpec(
        "Serious and imminent threat to health or safety (duty to warn or protect)",
        "45 CFR 164.512(j)(1)(i); state duty-to-warn statute",
        (("threatened_party", "who is threatened"),)),
    LegalBasisKind.CHILD_ABUSE_REPORT: BasisSpec(
        "Mandated report of child abuse or neglect", "45 CFR 164.512(b)(1)(ii); state statute",
        (("agency", "the agency reported to"), ("report_number", "the report number"))),
    LegalBasisKind.ADULT_ABUSE_REPORT: BasisSpec(
        "Mandated report of elder or dependent-adult abuse",
        "45 CFR 164.512(c); state statute",
        (("agency", "the agency reported to"), ("report_number", "the report number"))),
    LegalBasisKind.COURT_ORDER: BasisSpec(
        "Order of a court", "45 CFR 164.512(e)(1)(i)",
        (("court", "the court"), ("case_number", "the case number"),
         ("order_date", "the date of the order (YYYY-MM-DD)"))),
    LegalBasisKind.MEDICAL_EMERGENCY: BasisSpec(
        "Medical emergency", "45 CFR 164.510(b)(3); 164.506(c) treatment",
        (("treating_provider", "the provider treating the emergency"),)),
    LegalBasisKind.HEALTH_OVERSIGHT: BasisSpec(
        "Health oversight activity", "45 CFR 164.512(d)",
        (("agency", "the oversight agency"),)),
    LegalBasisKind.REQUIRED_BY_LAW: BasisSpec(
        "Required by other law", "45 CFR 164.512(a)",
        (("citation", "the statute or regulation that requires it"),)),
}
COURT_INSTRUMENTS = ("order", "subpoena")


@dataclass(frozen=True)
class LegalBasis:
    kind: LegalBasisKind
    facts: Mapping[str, str]
    justification: str

    @property
    def spec(self) -> BasisSpec:
        return SPECS[self.kind]

    @property
    def needs_authorization(self) -> bool:
        """A subpoena without a court order is not enough on its own (164.512(e)(1)(ii))."""
        return self.kind is LegalBasisKind.COURT_ORDER and self.facts["instrument"] == "subpoena"

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> LegalBasis:
        raw_kind = str(data.get("legal_basis") or "")
        try:
            kind = LegalBasisKind(raw_kind)
        except ValueError:
            choices = ", ".join(k.value for k in LegalBasisKind)
            raise InvalidInput(f"legal_basis: choose one of {choices}") from None
        problems: list[str] = []
        facts: dict[str, str] = {}
        for name, what in SPECS[kind].fields:
            value = text_field(data.get(name), name, problems)
            if name == "order_date" and value:
                order_date = parse_date(value, name, problems)
                value = order_date.isoformat() if order_date else ""
            elif not value:
                problems.append(f"{name}: required for this legal basis ({what})")
            facts[name] = value
        if kind is LegalBasisKind.COURT_ORDER:
            instrument = data.get("instrument") or "order"
            if instrument not in COURT_INSTRUMENTS:
                problems.append("instrument: order or subpoena")
            facts["instrument"] = str(instrument)
        justification = text_field(data.get("justification"), "justification", problems,
                                   limit=4000)
        if len(justification) < MIN_JUSTIFICATION:
            problems.append(f"justification: a written justification of at least "
                            f"{MIN_JUSTIFICATION} characters is required")
        if problems:
            raise InvalidInput(" | ".join(problems))
        return cls(kind, facts, justification)

    def to_json(self) -> dict[str, Any]:
        return {"legal_basis": self.kind.value, **self.facts, "justification": self.justification}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LegalBasis:
        kind = LegalBasisKind(data["legal_basis"])
        names = [n for n, _ in SPECS[kind].fields] + (
            ["instrument"] if kind is LegalBasisKind.COURT_ORDER else [])
        return cls(kind, {n: data[n] for n in names}, data["justification"])

    def summary(self) -> str:
        """One line for the cover sheet and the accounting: the basis and its facts."""
        facts = ", ".join(f"{name.replace('_', ' ')}: {value}" for name, value in self.facts.items()
                          if value)
        return f"{self.spec.title} ({self.spec.citation}); {facts}"

