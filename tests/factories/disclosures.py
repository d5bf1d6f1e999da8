"""AuthorizationFactory and disclosure request bodies: synthetic recipients and purposes."""

from __future__ import annotations

from typing import Any

from closeddoor.disclosure.authorization import DEFAULT_STATEMENTS
from tests.factories.practice import Practice


class AuthorizationFactory:
    @staticmethod
    def data(**overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "categories": ["attendance", "progress_notes"],
            "records_from": "2026-01-01",
            "records_to": "2026-06-30",
            "discloser": "Test practice (synthetic)",
            "recipient_name": "Dr. Casey Synthetic",
            "recipient_organization": "Synthetic Psychiatry Group",
            "recipient_contact": "fax 555-0100",
            "purpose": "Coordination of care with the client's psychiatrist",
            "expires_on": "2027-03-01",
            "statements": dict(DEFAULT_STATEMENTS),
        }
        data.update(overrides)
        return data

    @staticmethod
    def create(practice: Practice, client_id: str, who: str = "clinician1", *,
               sign: bool = True, **overrides: Any) -> str:
        services = practice.services
        actor = practice.actor(who)
        authorization_id = services.authorizations.create(
            actor, client_id, AuthorizationFactory.data(**overrides))
        if sign:
            form = services.authorizations.form(actor, client_id, authorization_id)
            services.authorizations.sign(actor, client_id, authorization_id,
                                         text_sha256=form.sha256, signer_name="Alex Synthetic",
                                         signer_kind="client")
        return authorization_id


def authorized_request(authorization_id: str, **overrides: Any) -> dict[str, Any]:
    """A disclosure request for exactly what AuthorizationFactory.data authorizes."""
    body: dict[str, Any] = {
        "authority": "authorization",
        "authorization_id": authorization_id,
        "recipient_name": "Dr. Casey Synthetic",
        "recipient_organization": "Synthetic Psychiatry Group",
        "recipient_contact": "fax 555-0100",
        "categories": ["attendance", "progress_notes"],
        "records_from": "2026-01-01",
        "records_to": "2026-06-30",
        "purpose": "Coordination of care with the client's psychiatrist",
    }
    body.update(overrides)
    return body


def duty_to_warn_request(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "authority": "legal-basis",
        "legal_basis": "serious_threat",
        "threatened_party": "The client's former coworker (synthetic)",
        "threat_to": "person",
        "threat": "The client described a plan and the means to harm the coworker this week.",
        "good_faith_belief": "Warning the police is necessary to prevent the harm: the plan is "
                             "specific and the client declined a safety plan.",
        "recipient_type": "law_enforcement",
        "recipient_name": "Officer Jordan Synthetic",
        "recipient_organization": "Synthetic City Police Department",
        "recipient_contact": "phone 555-0199",
        "categories": ["demographics"],
        "purpose": "Warn and protect an identified person from a serious and imminent threat",
        "justification": "In session the client stated a specific plan and the means to harm an "
                         "identified person this week; the state duty-to-protect statute applies.",
    }
    body.update(overrides)
    return body


def oversight_request(**overrides: Any) -> dict[str, Any]:
    """A disclosure to a health oversight agency (45 CFR 164.512(d)): one an agency may ask to
    keep out of the client's accounting for a while (164.528(a)(2))."""
    body: dict[str, Any] = {
        "authority": "legal-basis",
        "legal_basis": "health_oversight",
        "agency": "Synthetic State Licensing Board",
        "recipient_name": "Investigator Sam Synthetic",
        "recipient_organization": "Synthetic State Licensing Board",
        "recipient_contact": "secure portal of the board",
        "categories": ["attendance"],
        "purpose": "The licensing board's audit of the practice's records",
        "justification": "The board's written audit demand names this chart; the oversight "
                         "exception of 164.512(d) applies.",
    }
    body.update(overrides)
    return body
