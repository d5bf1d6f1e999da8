"""The duty to warn and protect, as the practice's state law shapes a serious-threat disclosure
(45 CFR 164.512(j)(1)(i) and the state statutes in the jurisdiction files). Pure.

Federal law permits a disclosure the clinician believes in good faith is necessary to prevent or
lessen a serious and imminent threat, to anyone reasonably able to prevent or lessen it. A state
may make it a duty (`duty_to_warn`), allow fewer recipients (`threat_recipients`: Texas, Tex.
Health & Safety Code 611.004(a)(2), names medical or law enforcement personnel only) and require a
separate report by a deadline (`danger_report`, `danger_report_deadline_hours`: California, Welf.
& Inst. Code 8105(c), local law enforcement within 24 hours). The facts and their citations live in
consent/jurisdictions/*.toml, never here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from closeddoor.consent.jurisdictions import Jurisdiction, split_items
from closeddoor.disclosure.legal import LegalBasis, LegalBasisKind


@dataclass(frozen=True)
class ThreatRules:
    jurisdiction: str  # its name, for messages
    duty: str  # mandatory | permitted | none
    recipients: tuple[str, ...]  # recipient types the state allows
    recipients_citation: str
    report_to: str  # "" when the state requires no separate danger report
    report_hours: int  # 0: no fixed deadline
    report_citation: str

    def recipient_refusal(self, basis: LegalBasis) -> str:
        """Why the state does not allow this serious-threat disclosure's recipient, or ""."""
        if basis.kind is not LegalBasisKind.SERIOUS_THREAT:
            return ""
        if basis.recipient_type and basis.recipient_type not in self.recipients:
            return (f"recipient_type: {self.jurisdiction} allows a serious-threat disclosure "
                    f"only to {', '.join(self.recipients)} ({self.recipients_citation})")
        return ""

    def report_json(self, basis: LegalBasis | None) -> dict[str, Any]:
        """What the disclosure record keeps of the state's danger report, for its deadline."""
        if basis is None or basis.kind is not LegalBasisKind.SERIOUS_THREAT \
                or not self.report_to:
            return {}
        return {"report_to": self.report_to, "hours": self.report_hours,
                "citation": self.report_citation}


@dataclass(frozen=True)
class ReportDue:
    report_to: str
    due_by: datetime | None  # None: "as soon as practicable" or no fixed hours
    citation: str


def threat_rules(jurisdiction: Jurisdiction) -> ThreatRules:
    facts = jurisdiction.facts
    report = facts["danger_report"]
    hours = facts["danger_report_deadline_hours"].value
    return ThreatRules(
        jurisdiction=jurisdiction.name, duty=str(facts["duty_to_warn"].value),
        recipients=split_items(facts["threat_recipients"].value),
        recipients_citation=facts["threat_recipients"].citation,
        report_to=report.report_to if report.value == "mandatory" else "",
        report_hours=hours if isinstance(hours, int) else 0,
        report_citation=facts["danger_report_deadline_hours"].citation
        if isinstance(hours, int) and hours else report.citation)


def report_due(basis: LegalBasis | None, report: Mapping[str, Any],
               recorded_at: datetime) -> ReportDue | None:
    """The separate report a serious threat calls for in the practice's state, due `hours`
    after the threat was recorded (the clock starts when the clinician records it; a threat
    learned earlier is due earlier, which the clinician must judge)."""
    if basis is None or basis.kind is not LegalBasisKind.SERIOUS_THREAT or not report:
        return None
    hours = int(report.get("hours") or 0)
    return ReportDue(str(report["report_to"]),
                     recorded_at + timedelta(hours=hours) if hours else None,
                     str(report.get("citation", "")))
