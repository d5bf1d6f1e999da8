"""A chart's requests for restrictions on the staff pages (45 CFR 164.522(a)): each request with
what it limits and its state, and the forms to record a written or oral request, agree (a
self-pay one once paid in full), refuse a general one with a reason the client sees, and end one
(for the client, or by the practice telling the client; never a self-pay one). The services
decide every submit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from closeddoor.bootstrap import Services
from closeddoor.disclosure.categories import CATEGORY_TITLES
from closeddoor.disclosure.restrictions import (
    PURPOSE_TITLES,
    RECIPIENT_TITLES,
    REQUEST_FIELDS,
    RecipientKind,
)
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
NOTICES = {
    "recorded": "The request is recorded.",
    "agreed": "Agreed. Matching disclosures are refused from now on; the client sees it.",
    "refused": "Refused. The client sees the reason in the portal.",
    "ended": "Ended from today.",
}
_DONE = {"record": "recorded", "agree": "agreed", "refuse": "refused", "end": "ended"}


def _page(request: Request, services: Services, session: WebSession, client_id: str, *,
          failed: str = "", action: str = "", values: dict[str, Any] | None = None,
          error: str = "", notice: str | None = None, status_code: int = 200) -> Response:
    record = services.charts.get_client(session.actor, client_id)
    restrictions = services.restrictions.list_restrictions(session.actor, client_id)
    context = chart_context(
        services, session, record, "restrictions", restrictions=restrictions,
        recipients=[(k.value, RECIPIENT_TITLES[k]) for k in RecipientKind],
        purposes=[(p.value, t) for p, t in PURPOSE_TITLES.items()],
        categories=[(c.value, t) for c, t in CATEGORY_TITLES.items()], failed=failed,
        action=action, values=values or {},
        errors=forms.field_errors(error) if error else {}, notice=notice)
    return render(request, "pages/restrictions.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/restrictions")
def restrictions_page(client_id: str, request: Request, services: ServicesDep, session: Page,
                      done: str = "") -> Response:
    return _page(request, services, session, client_id, notice=NOTICES.get(done))


def _submit(request: Request, services: Services, session: WebSession, client_id: str,
            failed: str, action: str, values: dict[str, Any], call: Any) -> Response:
    return forms.submit(
        call, lambda error, status: _page(request, services, session, client_id, failed=failed,
                                          action=action, values=values, error=error,
                                          status_code=status),
        f"/clients/{client_id}/restrictions?done={_DONE[action]}")


@router.post("/clients/{client_id}/restrictions")
def record_request(client_id: str, request: Request, services: ServicesDep, session: FormPost,
                   form: PostedForm) -> Response:
    values: dict[str, Any] = dict(forms.values(form, (*REQUEST_FIELDS, "received_via")))
    values["purposes"] = forms.all_values(form, "purposes")
    values["categories"] = forms.all_values(form, "categories")
    return _submit(request, services, session, client_id, "new", "record", values,
                   lambda: services.restrictions.ask(session.actor, client_id, values))


@router.post("/clients/{client_id}/restrictions/{restriction_id}/agreement")
def agree(client_id: str, restriction_id: str, request: Request, services: ServicesDep,
          session: FormPost, form: PostedForm) -> Response:
    values = {"paid_in_full": forms.text(form, "paid_in_full") == "yes"}
    return _submit(request, services, session, client_id, restriction_id, "agree", values,
                   lambda: services.restrictions.agree(session.actor, client_id,
                                                       restriction_id, values))


@router.post("/clients/{client_id}/restrictions/{restriction_id}/refusal")
def refuse(client_id: str, restriction_id: str, request: Request, services: ServicesDep,
           session: FormPost, form: PostedForm) -> Response:
    values = forms.values(form, ("reason",))
    return _submit(request, services, session, client_id, restriction_id, "refuse", values,
                   lambda: services.restrictions.refuse(session.actor, client_id,
                                                        restriction_id, values))


@router.post("/clients/{client_id}/restrictions/{restriction_id}/termination")
def end(client_id: str, restriction_id: str, request: Request, services: ServicesDep,
        session: FormPost, form: PostedForm) -> Response:
    values = forms.values(form, ("ended_by", "received_via", "note"))
    return _submit(request, services, session, client_id, restriction_id, "end", values,
                   lambda: services.restrictions.terminate(session.actor, client_id,
                                                           restriction_id, values))
