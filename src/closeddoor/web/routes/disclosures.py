"""Releases of information on the staff pages: the releases tab (authorizations, disclosures and
the accounting), disclosures (request under an authorization or a legal basis, approve, release
the packet, record that the client was told) and the accounting PDF. Authorizations have their
own module (web/routes/authorizations.py), included here.

Choosing the authority is a first step by plain links (no script), so the form that follows
asks exactly the facts that authority needs. The services decide everything; a refusal comes
back as the form with the reason.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.bootstrap import Services
from closeddoor.disclosure.categories import CATEGORY_TITLES, Category
from closeddoor.disclosure.legal import CHOICES, LONG_FACTS, SPECS, LegalBasisKind
from closeddoor.errors import ConflictError, InvalidInput, PolicyDenied
from closeddoor.records.form_access import NEW_DISCLOSURE
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes import authorizations
from closeddoor.web.routes.chart import chart_context, open_chart, open_form, section
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
router.include_router(authorizations.router)
DISCLOSURE_FIELDS = ("authority", "authorization_id", "legal_basis", "recipient_name",
                     "recipient_organization", "recipient_contact", "records_from",
                     "records_to", "purpose", "treatment_summary", "test_results",
                     "justification", "instrument", "more_than_summary", "channel",
                     "oral_summary", "recipient_kind", "purpose_kind",
                     *sorted({name for spec in SPECS.values() for name, _ in spec.fields}))
# The request form's fields in words, for the error summary's links (element id, label).
DISCLOSURE_LABELS = {
    "recipient_name": ("recipient_name", "Recipient's name"),
    "recipient_organization": ("recipient_organization", "Organization"),
    "recipient_contact": ("recipient_contact", "Recipient's address, fax or secure e-mail"),
    "purpose": ("purpose", "Purpose"), "recipient_kind": ("recipient_kind", "Kind of recipient"),
    "purpose_kind": ("purpose_kind", "Kind of purpose"),
    "categories": (f"category-{next(iter(Category)).value}", "Information to disclose"),
    "records_from": ("records_from", "Records dated from"),
    "records_to": ("records_to", "Records dated to"),
    "treatment_summary": ("treatment_summary", "Treatment plan and progress summary"),
    "test_results": ("test_results", "Psychological test results"),
    "channel": ("channel-packet", "How the information leaves"),
    "oral_summary": ("oral_summary", "What was said, to whom and how"),
    "instrument": ("instrument-order", "What the court sent"),
    "justification": ("justification", "Written justification"),
    "more_than_summary": ("more_than_summary", "Why more than a summary is necessary"),
}
REFUSALS = {
    "authorization-not-signed": "The authorization has not been signed yet.",
    "authorization-revoked": "The client revoked this authorization.",
    "authorization-expired": "This authorization has expired.",
    "authorization-wrong-recipient": "The authorization names a different recipient.",
    "authorization-wrong-category": "The authorization does not cover all of that information.",
    "authorization-wrong-dates": "The authorization does not cover records from those dates.",
    "psychotherapy-notes-need-an-authorization":
        "Psychotherapy notes leave only under an authorization that names them alone.",
    "subpoena-needs-court-order-or-authorization":
        "A subpoena alone is not enough: attach a court order or the client's authorization.",
    "psychotherapy-notes-released-by-their-author":
        "Only the author of the psychotherapy notes can release them.",
    "approver-must-not-be-requester":
        "The second approval must come from a different staff member.",
}


def refusal_text(exc: PolicyDenied) -> str:
    return REFUSALS.get(exc.reason, f"Not allowed ({exc.reason}).")


def refused(exc: InvalidInput | PolicyDenied | ConflictError) -> dict[str, Any]:
    """The message and status a page shows again after the service refused a request."""
    if isinstance(exc, PolicyDenied):
        return {"error": refusal_text(exc), "status_code": 403}
    return {"error": str(exc), "status_code": 409 if isinstance(exc, ConflictError) else 422}


# --- the releases page ---------------------------------------------------------------------------
@router.get("/clients/{client_id}/releases")
def releases_page(client_id: str, request: Request, services: ServicesDep, session: Page,
                  notice: str = "") -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    actor = session.actor
    context = chart_context(
        services, session, record, "releases",
        authorizations=section(lambda: services.authorizations.list_authorizations(
            actor, client_id)),
        disclosures=section(lambda: services.disclosures.list_disclosures(actor, client_id)),
        accounting=section(lambda: list(services.oversight.accounting(actor,
                                                                      client_id).entries)),
        names=services.accounts.display_names(), titles=CATEGORY_TITLES,
        notice={"revoked": "The revocation was recorded; nothing more leaves under it.",
                "signed": "The authorization was signed.",
                "event": "The expiry event was recorded; the authorization has ended.",
                }.get(notice))
    return render(request, "pages/releases.html", context, session=session, section="caseload")


@router.get("/clients/{client_id}/disclosures.pdf")
def accounting_pdf(client_id: str, services: ServicesDep, session: Page) -> Response:
    pdf = services.oversight.accounting_pdf(session.actor, client_id)
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": 'attachment; filename="accounting-of-disclosures.pdf"'})


# --- disclosures ---------------------------------------------------------------------------------
def _disclosure_form(request: Request, services: Services, session: WebSession, client_id: str,
                     values: dict[str, Any], *, error: str | None = None,
                     status_code: int = 200) -> Response:
    record = services.charts.get_client(session.actor, client_id)
    active = [a for a in services.authorizations.list_authorizations(session.actor, client_id)
              if a.status == "active"]
    basis = values.get("legal_basis", "")
    spec = SPECS.get(LegalBasisKind(basis)) if basis in set(LegalBasisKind) else None
    labels = {**DISCLOSURE_LABELS, **{name: (name, what.capitalize())
                                      for name, what in (spec.fields if spec else ())}}
    context = chart_context(services, session, record, "releases", values=values,
                            errors=forms.field_errors(error) if error else {}, labels=labels,
                            active=active, categories=list(Category), titles=CATEGORY_TITLES,
                            specs=SPECS, spec=spec, choices=CHOICES, long_facts=LONG_FACTS,
                            threat=services.disclosures.threat_rules())
    return render(request, "pages/disclosure_new.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/disclosures/new")
def new_disclosure(client_id: str, request: Request, services: ServicesDep, session: Page,
                   authorization_id: str = "", legal_basis: str = "") -> Response:
    """Step one (no parameters): choose the authority. Step two: the form for it, prefilled
    from the authorization chosen."""
    record = open_form(request, services, session, client_id, NEW_DISCLOSURE)
    if isinstance(record, Response):
        return record
    values: dict[str, Any] = {"categories": []}
    if authorization_id:
        terms = services.authorizations.form(session.actor, client_id,
                                             authorization_id).view.terms
        values = {"authority": "authorization", "authorization_id": authorization_id,
                  "recipient_name": terms.recipient.name,
                  "recipient_organization": terms.recipient.organization,
                  "recipient_contact": terms.recipient.contact, "purpose": terms.purpose,
                  "categories": [c.value for c in terms.categories],
                  "records_from": forms_date(terms.records_from),
                  "records_to": forms_date(terms.records_to)}
    elif legal_basis in set(LegalBasisKind):
        values = {"authority": "legal-basis", "legal_basis": legal_basis, "categories": []}
    return _disclosure_form(request, services, session, client_id, values)


def forms_date(value: object) -> str:
    return str(value) if value else ""


@router.post("/clients/{client_id}/disclosures")
def request_disclosure(client_id: str, request: Request, services: ServicesDep,
                       session: FormPost, form: PostedForm) -> Response:
    values: dict[str, Any] = {**forms.values(form, DISCLOSURE_FIELDS),
                              "categories": forms.all_values(form, "categories")}
    data = {key: value for key, value in values.items() if value not in ("", [])}
    data.setdefault("categories", [])
    try:
        view = services.disclosures.request(session.actor, client_id, data)
    except (InvalidInput, PolicyDenied, ConflictError) as exc:  # a restriction: 409
        return _disclosure_form(request, services, session, client_id, values, **refused(exc))
    return RedirectResponse(f"/clients/{client_id}/disclosures/{view.disclosure_id}",
                            status_code=303)


def _disclosure_page(request: Request, services: Services, session: WebSession,
                     client_id: str, disclosure_id: str, *, error: str | None = None,
                     notice: str | None = None, told_errors: dict[str, str] | None = None,
                     told_values: dict[str, str] | None = None,
                     status_code: int = 200) -> Response:
    record = services.charts.get_client(session.actor, client_id)
    view = services.disclosures.get(session.actor, client_id, disclosure_id)
    context = chart_context(services, session, record, "releases", disclosure=view,
                            error=error, notice=notice, names=services.accounts.display_names(),
                            titles=CATEGORY_TITLES, told_errors=told_errors or {},
                            told_values=told_values or {})
    return render(request, "pages/disclosure.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/disclosures/{disclosure_id}")
def disclosure_page(client_id: str, disclosure_id: str, request: Request,
                    services: ServicesDep, session: Page) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    return _disclosure_page(request, services, session, client_id, disclosure_id)


@router.post("/clients/{client_id}/disclosures/{disclosure_id}/packet")
def release_packet(client_id: str, disclosure_id: str, request: Request,
                   services: ServicesDep, session: FormPost) -> Response:
    """The packet leaves as a download; the page is unchanged, so it is shown again on error."""
    try:
        packet = services.disclosures.release(session.actor, client_id, disclosure_id)
    except (PolicyDenied, ConflictError) as exc:
        return _disclosure_page(request, services, session, client_id, disclosure_id,
                                **refused(exc))
    return Response(packet.pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{packet.filename}"'})


@router.post("/clients/{client_id}/disclosures/{disclosure_id}/approval")
def approve(client_id: str, disclosure_id: str, request: Request, services: ServicesDep,
            session: FormPost, form: PostedForm) -> Response:
    decision = forms.text(form, "decision")
    try:
        services.disclosures.approve(session.actor, client_id, disclosure_id,
                                     approve=decision == "approve",
                                     comment=forms.text(form, "comment"))
    except (PolicyDenied, ConflictError) as exc:
        return _disclosure_page(request, services, session, client_id, disclosure_id,
                                **refused(exc))
    return RedirectResponse(f"/clients/{client_id}/disclosures/{disclosure_id}",
                            status_code=303)


@router.post("/clients/{client_id}/disclosures/{disclosure_id}/client-told")
def client_told(client_id: str, disclosure_id: str, request: Request, services: ServicesDep,
                session: FormPost, form: PostedForm) -> Response:
    try:
        services.disclosures.record_client_told(
            session.actor, client_id, disclosure_id, told=forms.text(form, "told") == "yes",
            note=forms.text(form, "note"))
    except InvalidInput as exc:  # the problem beside the note's field, what was typed kept
        return _disclosure_page(request, services, session, client_id, disclosure_id,
                                told_errors=forms.field_errors(str(exc)),
                                told_values=forms.values(form, ("told", "note")),
                                status_code=422)
    return RedirectResponse(f"/clients/{client_id}/disclosures/{disclosure_id}",
                            status_code=303)
