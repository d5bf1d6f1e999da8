"""Legal bases for a disclosure without the client's authorization: a closed list, each with the
facts it needs (HIPAA 164.512 and state duty-to-warn and reporting statutes). Pure.

Which bases enter the accounting of disclosures (45 CFR 164.528(a)(1)): every basis here except
the medical emergency, which is a disclosure for treatment (164.506(c)) or to people involved in
the client's care in an emergency (164.510(b)), both exempt under 164.528(a)(1)(i) and (v), as
disclosures under an authorization are under (a)(1)(iv). The other exemptions of (a)(1) (to the
client, incidental, facility directory, national security 164.512(k)(2), correctional
institutions 164.512(k)(5), limited data sets, before the compliance date) are not bases
closeddoor offers. Only disclosures to a health oversight agency (164.512(d)) or a law
enforcement official (164.512(f)) may be withheld from the client at that agency's request
(164.528(a)(2)).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from closeddoor.disclosure.scope import parse_date, text_field
from closeddoor.errors import InvalidInput, join_problems

MIN_JUSTIFICATION = 40  # a sentence or two: why the law requires or permits this, now


class LegalBasisKind(StrEnum):
    SERIOUS_THREAT = "serious_threat"
    CHILD_ABUSE_REPORT = "child_abuse_report"
    ADULT_ABUSE_REPORT = "adult_abuse_report"
    COURT_ORDER = "court_order"
    MEDICAL_EMERGENCY = "medical_emergency"
    HEALTH_OVERSIGHT = "health_oversight"
    LAW_ENFORCEMENT = "law_enforcement"
    REQUIRED_BY_LAW = "required_by_law"

    @property
    def requires_accounting(self) -> bool:
        """164.528(a)(1)(i), (v): a medical-emergency disclosure (treatment, 164.506(c), or to
        those involved in care, 164.510(b)) need not be accounted for; the others must."""
        return self is not LegalBasisKind.MEDICAL_EMERGENCY

    @property
    def is_suspendable(self) -> bool:
        """164.528(a)(2): only disclosures to health oversight (164.512(d)) or law enforcement
        (164.512(f)) may be withheld from the client at the agency's request."""
        return self in (LegalBasisKind.HEALTH_OVERSIGHT, LegalBasisKind.LAW_ENFORCEMENT)


class RecipientType(StrEnum):
    """164.512(j)(1)(i)(B): a person or persons reasonably able to prevent or lessen the threat,
    including the target of the threat."""

    PERSON_THREATENED = "person_threatened"
    LAW_ENFORCEMENT = "law_enforcement"
    FAMILY = "family"
    TREATING_PROFESSIONAL = "treating_professional"


class ThreatTo(StrEnum):
    PERSON = "person"
    PUBLIC = "public"


# Choice facts: (name, allowed values, what to choose).
CHOICES: dict[str, tuple[tuple[str, ...], str]] = {
    "threat_to": (tuple(t.value for t in ThreatTo), "whom the threat is to"),
    "recipient_type": (tuple(t.value for t in RecipientType),
                       "who receives it (reasonably able to prevent or lessen the threat)"),
}
# The clinician's own statements: on the record and the packet's cover, not in the one-line
# summary of the accounting (the justification for more than a summary stays on the record).
LONG_FACTS = frozenset({"threat", "good_faith_belief", "more_than_summary"})
MIN_STATEMENT = 20  # the threat and the belief, in a sentence each
# 164.514(d) minimum necessary for a serious-threat disclosure: a summary the clinician writes
# (and who the client is), not the chart, unless the clinician justifies more.
THREAT_SUMMARY_CATEGORIES = frozenset({"demographics", "treatment_summary"})


@dataclass(frozen=True)
class BasisSpec:
    title: str
    citation: str
    fields: tuple[tuple[str, str], ...]  # (name, what to write)


SPECS: dict[LegalBasisKind, BasisSpec] = {
    LegalBasisKind.SERIOUS_THREAT: BasisSpec(
        "Serious and imminent threat to health or safety (duty to warn or protect)",
        "45 CFR 164.512(j)(1)(i); state duty-to-warn statute",
        (("threatened_party", "who is threatened"),
         ("threat_to", "whether the threat is to a person or to the public"),
         ("threat", "the serious and imminent threat to health or safety"),
         ("good_faith_belief", "why, in good faith, disclosure is necessary to prevent or "
                               "lessen the threat"),
         ("recipient_type", "person_threatened, law_enforcement, family or "
                            "treating_professional"))),
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
    LegalBasisKind.LAW_ENFORCEMENT: BasisSpec(
        "Disclosure to a law enforcement official", "45 CFR 164.512(f)",
        (("agency", "the law enforcement agency"),
         ("legal_process", "the warrant, summons or written request relied on"))),
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
            limit = 2000 if name in ("threat", "good_faith_belief") else 200
            value = text_field(data.get(name), name, problems, limit=limit)
            if name in CHOICES and value:
                allowed, _ = CHOICES[name]
                if value not in allowed:
                    problems.append(f"{name}: choose one of {', '.join(allowed)}")
            elif name in ("threat", "good_faith_belief") and value \
                    and len(value) < MIN_STATEMENT:
                problems.append(f"{name}: a sentence at least ({what})")
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
        if kind is LegalBasisKind.SERIOUS_THREAT:
            more = text_field(data.get("more_than_summary"), "more_than_summary", problems,
                              limit=2000)
            if more:
                facts["more_than_summary"] = more
        justification = text_field(data.get("justification"), "justification", problems,
                                   limit=4000)
        if len(justification) < MIN_JUSTIFICATION:
            problems.append(f"justification: a written justification of at least "
                            f"{MIN_JUSTIFICATION} characters is required")
        if problems:
            raise InvalidInput(join_problems(problems))
        return cls(kind, facts, justification)

    def to_json(self) -> dict[str, Any]:
        return {"legal_basis": self.kind.value, **self.facts, "justification": self.justification}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LegalBasis:
        kind = LegalBasisKind(data["legal_basis"])
        names = [n for n, _ in SPECS[kind].fields] + (
            ["instrument"] if kind is LegalBasisKind.COURT_ORDER else []) + (
            ["more_than_summary"] if "more_than_summary" in data else [])
        # A disclosure recorded before a basis gained a fact (migration 0009) reads it as "".
        return cls(kind, {n: data.get(n, "") for n in names}, data["justification"])

    @property
    def recipient_type(self) -> str:
        return self.facts.get("recipient_type", "")

    def minimum_necessary_refusal(self, categories: tuple[str, ...]) -> str:
        """45 CFR 164.514(d), 164.502(b): a serious-threat disclosure carries a summary the
        clinician writes (and who the client is), not progress notes or test results, unless
        the clinician wrote why more is needed (`more_than_summary`)."""
        if self.kind is not LegalBasisKind.SERIOUS_THREAT or self.facts.get("more_than_summary"):
            return ""
        if set(categories) - THREAT_SUMMARY_CATEGORIES:
            return ("categories: for a serious threat, disclose a summary you write "
                    "(treatment_summary) and demographics only, or write in more_than_summary "
                    "why more is necessary (45 CFR 164.514(d))")
        return ""

    def summary(self) -> str:
        """One line for the cover sheet and the accounting: the basis and its facts."""
        facts = ", ".join(f"{name.replace('_', ' ')}: {value}" for name, value in self.facts.items()
                          if value and name not in LONG_FACTS)
        return f"{self.spec.title} ({self.spec.citation}); {facts}"

