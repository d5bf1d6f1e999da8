"""Break the glass: the emergency lookup (exact full name and date of birth, POST only, so a
name never goes in a URL) for a clinician off the care team, and opening the chart with a
stated reason. The services decide and audit; these pages only carry the form."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.errors import InvalidInput, NotFound
from closeddoor.policy import Role
from closeddoor.web import forms
from closeddoor.web.errors import error_page
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import break_glass_offer
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
ONLY_CLINICIANS = "Only clinicians can open a chart in an emergency."


def _lookup_page(request: Request, session: WebSession, values: dict[str, str], *,
                 error: str | None = None, status_code: int = 200) -> Response:
    return render(request, "pages/emergency.html", {"values": values, "error": error},
                  session=session, section="caseload", status_code=status_code)


@router.get("/emergency-access")
def lookup_form(request: Request, session: Page) -> Response:
    # Presentation only: the service refuses anyone else when the form is posted.
    if session.user.role is not Role.CLINICIAN:
        return error_page(request, 403, ONLY_CLINICIANS)
    return _lookup_page(request, session, {})


@router.post("/emergency-access")
def lookup(request: Request, services: ServicesDep, session: FormPost,
           form: PostedForm) -> Response:
    values = forms.values(form, ("full_name", "date_of_birth"))
    try:
        client_id = services.break_glass.find_client_for_emergency(
            session.actor, values["full_name"], values["date_of_birth"])
    except (InvalidInput, NotFound) as exc:
        return _lookup_page(request, session, values, error=str(exc),
                            status_code=status_for(exc))
    if any(c.client_id == client_id for c in services.charts.list_clients(session.actor)):
        # On the care team already, or a grant still holds: no new grant is needed.
        return RedirectResponse(f"/clients/{client_id}", status_code=303)
    return break_glass_offer(request, session, client_id, status_code=200, found=True)


@router.post("/clients/{client_id}/break-glass")
def break_glass(client_id: str, request: Request, services: ServicesDep, session: FormPost,
                form: PostedForm) -> Response:
    reason = forms.text(form, "reason")
    try:
        services.break_glass.open(session.actor, client_id, reason)
    except InvalidInput as exc:
        return break_glass_offer(request, session, client_id, status_code=422, reason=reason,
                                 error=str(exc), found=forms.text(form, "found") == "1")
    # The chart shows the grant's expiry on every visit while it holds.
    return RedirectResponse(f"/clients/{client_id}", status_code=303)
