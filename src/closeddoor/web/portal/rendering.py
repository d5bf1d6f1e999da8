"""Rendering portal pages: the shared autoescaping Jinja2 environment, the portal's own frame
(templates/portal/), and the words a client reads for staff roles and reasons for access."""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from closeddoor.web.portal.session import PortalSession
from closeddoor.web.rendering import environment

# How a client reads who looked at their chart and why (policy.decide's bases).
ROLE_WORDS = {
    "billing": "Front desk / billing",
    "clinician": "Clinician",
    "owner": "Practice owner",
    "representative": "Personal representative (their own portal account)",
    "supervisor": "Clinical supervisor",
}
BASIS_WORDS = {
    "care-team": "Part of your care team",
    "supervision": "Supervises a member of your care team",
    "break-glass": "Emergency access",
    "billing-role": "Front desk and billing work",
    "practice-administration": "Running the practice",
    "personal-representative": "Acts for you under the document on file",
}
CONSENT_STATES = {
    "current": "Signed",
    "reconsent-needed": "Please sign the updated form",
    "never-signed": "Not signed yet",
    "no-published-version": "No form yet",
}


def role_words(role: str) -> str:
    return ROLE_WORDS.get(role, "Staff member")


def basis_words(basis: str) -> str:
    return BASIS_WORDS.get(basis, basis.replace("-", " ").capitalize())


def portal_render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    session: PortalSession | None = None,
    status_code: int = 200,
    section: str = "",
) -> HTMLResponse:
    """Render a page from templates/portal/. `section` marks the current navigation item."""
    values: dict[str, Any] = {
        "request": request,
        "portal": session,
        "principal": session.principal if session else None,
        "csrf_token": session.csrf_token if session else "",
        "section": section,
        "error": None,
        "notice": None,
        "role_words": role_words,
        "basis_words": basis_words,
        "consent_states": CONSENT_STATES,
        "time_zone": _portal_zone(request, session),
    }
    values.update(context or {})
    values.setdefault("zone_name", str(values["time_zone"]))
    # A bare name is a portal page; a name with a folder ("auth/signin.html") is a page shared
    # with the staff side, rendered in the portal's frame.
    path = template if "/" in template else f"portal/{template}"
    html = environment().get_template(path).render(values)
    return HTMLResponse(html, status_code=status_code)


def _portal_zone(request: Request, session: PortalSession | None) -> tzinfo:
    """The client's own zone when they chose one, else the practice's."""
    services = getattr(request.app.state, "services", None)
    if services is None:
        return UTC
    client_id = session.principal.client_id if session else ""
    zone: tzinfo = services.charts.zone_for_client(client_id)
    return zone
