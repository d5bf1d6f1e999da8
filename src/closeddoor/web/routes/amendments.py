"""A chart's amendment requests on the staff pages (45 CFR 164.526): due dates (60 days, one
30-day extension) with overdue ones marked, and the care team's forms to extend, accept (the
amendment is appended and linked, never written over the signed note) or deny (a ground from
164.526(a)(2) and an explanation), to record a request or a statement of disagreement received
on paper, and to rebut a statement. The services decide every submit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from closeddoor.amendments.rules import GROUND_TEXT, DenialGround, Status, denial_rights
from closeddoor.bootstrap import Services
from closeddoor.errors import NotFound, PolicyDenied
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
NOTICES = {
    "recorded": "The request is recorded. The 60 days run from the day it was received.",
    "extended": "Extended once by 30 days. The client sees the reason and the new date.",
    "answered": "Answered. The client sees the answer in the portal.",
    "disagreement": "The statement of disagreement is linked to the record.",
    "rebutted": "The rebuttal is linked to the record; the client sees it in the portal.",
    "notified": "The notice is recorded. The client sees who was told in the portal.",
}


def _page(request: Request, services: Services, session: WebSession, client_id: str, *,
          failed: str = "", action: str = "", values: dict[str, str] | None = None,
          error: str = "", notice: str | None = None, status_code: int = 200) -> Response:
    record = services.charts.get_client(session.actor, client_id)
    requests = services.amendments.list_requests(session.actor, client_id)
    try:  # the signed notes a paper request may name (for the care team's form only)
        notes = [n for n in services.notes.list_progress_notes(session.actor, client_id)
                 if n.status == "signed"]
    except PolicyDenied:
        notes = []
    # 164.526(c)(3)(ii): whom to tell of each accepted amendment, from the record of disclosures
    # (read only when there is one, and only by a role that may read the chart's disclosures).
    accepted = [(a.amendment_id, a.decided_at, a.note_session_date)
                for a in requests if a.status is Status.ACCEPTED]
    try:
        to_tell = services.oversight.amendment_recipients(session.actor, client_id, accepted) \
            if accepted else {}
    except (PolicyDenied, NotFound):
        to_tell = {}
    context = chart_context(
        services, session, record, "amendments", requests=requests, notes=notes, to_tell=to_tell,
        today=services.runtime.now().date(), grounds=list(DenialGround), ground_text=GROUND_TEXT,
        rights=denial_rights(services.amendments.complaint_contact()), failed=failed,
        action=action, values=values or {},
        errors=forms.field_errors(error) if error else {}, notice=notice)
    return render(request, "pages/amendments.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/amendments")
def open_requests(request: Request, services: ServicesDep, session: Page) -> Response:
    """Every open request in the charts the viewer may read, soonest due first, overdue ones
    marked (164.526(b)(2)): dates and names only, never the request's words."""
    queue = services.amendments.open_queue(session.actor)
    names = ({c.client_id: c.display_name for c in services.charts.list_clients(session.actor)}
             if queue else {})
    return render(request, "pages/amendment_queue.html", {"queue": queue, "names": names},
                  session=session, section="caseload")


@router.get("/clients/{client_id}/amendments")
def amendments_page(client_id: str, request: Request, services: ServicesDep, session: Page,
                    done: str = "") -> Response:
    return _page(request, services, session, client_id, notice=NOTICES.get(done))


def _submit(request: Request, services: Services, session: WebSession, client_id: str,
            failed: str, action: str, values: dict[str, str], call: Any) -> Response:
    return forms.submit(
        call, lambda error, status: _page(request, services, session, client_id, failed=failed,
                                          action=action, values=values, error=error,
                                          status_code=status),
        f"/clients/{client_id}/amendments?done={_DONE[action]}")


_DONE = {"paper": "recorded", "extend": "extended", "answer": "answered",
         "disagree": "disagreement", "rebut": "rebutted", "notify": "notified"}


@router.post("/clients/{client_id}/amendments")
def record_paper_request(client_id: str, request: Request, services: ServicesDep,
                         session: FormPost, form: PostedForm) -> Response:
    values = forms.values(form, ("note_id", "change", "reason", "received_on"))
    values["target"] = "note" if values["note_id"] else "details"
    return _submit(request, services, session, client_id, "", "paper", values,
                   lambda: services.amendments.ask(session.actor, client_id, values))


@router.post("/clients/{client_id}/amendments/{amendment_id}/extension")
def extend(client_id: str, amendment_id: str, request: Request, services: ServicesDep,
           session: FormPost, form: PostedForm) -> Response:
    values = forms.values(form, ("reason",))
    return _submit(request, services, session, client_id, amendment_id, "extend", values,
                   lambda: services.amendments.extend(session.actor, client_id, amendment_id,
                                                      values))


@router.post("/clients/{client_id}/amendments/{amendment_id}/answer")
def answer(client_id: str, amendment_id: str, request: Request, services: ServicesDep,
           session: FormPost, form: PostedForm) -> Response:
    values = forms.values(form, ("decision", "amendment", "ground", "explanation"))
    data = {k: v for k, v in values.items() if v}
    return _submit(request, services, session, client_id, amendment_id, "answer", values,
                   lambda: services.amendments.answer(session.actor, client_id, amendment_id,
                                                      data))


@router.post("/clients/{client_id}/amendments/{amendment_id}/disagreement")
def record_paper_disagreement(client_id: str, amendment_id: str, request: Request,
                              services: ServicesDep, session: FormPost,
                              form: PostedForm) -> Response:
    values = forms.values(form, ("statement",))
    return _submit(request, services, session, client_id, amendment_id, "disagree", values,
                   lambda: services.amendments.disagree(session.actor, client_id,
                                                        amendment_id, values))


@router.post("/clients/{client_id}/amendments/{amendment_id}/rebuttal")
def rebut(client_id: str, amendment_id: str, request: Request, services: ServicesDep,
          session: FormPost, form: PostedForm) -> Response:
    values = forms.values(form, ("rebuttal",))
    return _submit(request, services, session, client_id, amendment_id, "rebut", values,
                   lambda: services.amendments.rebut(session.actor, client_id, amendment_id,
                                                     values))


@router.post("/clients/{client_id}/amendments/{amendment_id}/notices")
def record_notice(client_id: str, amendment_id: str, request: Request, services: ServicesDep,
                  session: FormPost, form: PostedForm) -> Response:
    """164.526(c)(3): a notice of the accepted amendment, recorded as sent."""
    values = forms.values(form, ("recipient", "disclosure_id", "sent_on", "method"))
    return _submit(request, services, session, client_id, amendment_id, "notify", values,
                   lambda: services.amendments.record_notice(session.actor, client_id,
                                                             amendment_id, values))


@router.get("/clients/{client_id}/amendments/{amendment_id}/letter.pdf")
def notice_letter(client_id: str, amendment_id: str, services: ServicesDep,
                  session: Page) -> Response:
    """The letter telling others of the accepted amendment (164.526(c)(3)); ids only in the
    file name."""
    pdf = services.amendments.letter_pdf(session.actor, client_id, amendment_id)
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="amendment-{amendment_id}-notice.pdf"',
        "Cache-Control": "no-store"})
