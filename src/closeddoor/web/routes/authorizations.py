"""A client's authorizations on the staff pages: create one (every 164.508 element, missing
ones named), read it and have the client sign it in the office (bound to the text's hash),
record a written revocation or that its expiry event happened."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.bootstrap import Services
from closeddoor.disclosure.authorization import DEFAULT_STATEMENTS
from closeddoor.disclosure.categories import CATEGORY_TITLES, Category
from closeddoor.errors import ConflictError, InvalidInput, join_problems, split_problems
from closeddoor.records.form_access import NEW_AUTHORIZATION
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context, open_chart, open_form, section
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
FIELDS = ("records_from", "records_to", "discloser", "recipient_name", "recipient_organization",
          "recipient_contact", "purpose", "expires_on", "expiry_event", "revocation",
          "conditioning", "redisclosure")
STATEMENTS = ("revocation", "conditioning", "redisclosure")
# Each field of the new-authorization form in words: the page's labels, and the summary's links.
LABELS = {
    "categories": (f"category-{next(iter(Category)).value}", "Information to disclose"),
    "records_from": ("records_from", "Records dated from"),
    "records_to": ("records_to", "Records dated to"),
    "discloser": ("discloser", "Who may disclose"),
    "recipient_name": ("recipient_name", "Recipient's name"),
    "recipient_organization": ("recipient_organization", "Organization"),
    "recipient_contact": ("recipient_contact", "Recipient's address, fax or secure e-mail"),
    "purpose": ("purpose", "Purpose"),
    "expires_on": ("expires_on", "Expires on"),
    "expiry_event": ("expiry_event", "or upon this event"),
    "revocation": ("revocation", "Right to revoke, and how"),
    "conditioning": ("conditioning", "Treatment is not conditioned on signing"),
    "redisclosure": ("redisclosure", "Possibility of redisclosure"),
}
# A missing element (AuthorizationTerms.parse) and the form field that supplies it.
MISSING = {"categories": "categories", "discloser": "discloser",
           "recipient_name": "recipient_name", "recipient_contact": "recipient_contact",
           "purpose": "purpose", "expiry": "expires_on", "revocation_statement": "revocation",
           "conditioning_statement": "conditioning", "redisclosure_statement": "redisclosure"}
MISSING_FIX = {"categories": "tick at least one kind of information",
               "expires_on": "enter an expiry date, or an event that ends the authorization"}


def authorization_errors(message: str) -> dict[str, str]:
    """The refusal by form field: "missing elements: a (...), b (...)" becomes a "required"
    problem beside each missing field, so every problem stands beside its own field."""
    problems = split_problems(message)
    missing = next((p for p in problems if p.startswith("missing elements: ")), "")
    errors = forms.field_errors(join_problems(p for p in problems if p != missing))
    for element, field in MISSING.items():
        # Text refused as too long also counts as missing; its own problem says it better.
        if f"{element} (" in missing and field not in errors:
            errors[field] = MISSING_FIX.get(field, "required, fill it in")
    return errors


def _authorization_form(request: Request, services: Services, session: WebSession,
                        client_id: str, values: dict[str, Any], *, error: str | None = None,
                        status_code: int = 200) -> Response:
    record = services.charts.get_client(session.actor, client_id)
    context = chart_context(services, session, record, "releases", values=values,
                            errors=authorization_errors(error) if error else {}, labels=LABELS,
                            statements=[(name, LABELS[name][1]) for name in STATEMENTS],
                            categories=list(Category), titles=CATEGORY_TITLES)
    return render(request, "pages/authorization_new.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/authorizations/new")
def new_authorization(client_id: str, request: Request, services: ServicesDep,
                      session: Page) -> Response:
    record = open_form(request, services, session, client_id, NEW_AUTHORIZATION)
    if isinstance(record, Response):
        return record
    practice_name = services.oversight.practice_name()
    values: dict[str, Any] = {"discloser": practice_name, "categories": [],
                              **DEFAULT_STATEMENTS}
    return _authorization_form(request, services, session, client_id, values)


@router.post("/clients/{client_id}/authorizations")
def create_authorization(client_id: str, request: Request, services: ServicesDep,
                         session: FormPost, form: PostedForm) -> Response:
    values: dict[str, Any] = {**forms.values(form, FIELDS),
                              "categories": forms.all_values(form, "categories")}
    data = {key: values[key] for key in FIELDS if key not in STATEMENTS}
    data |= {"categories": values["categories"],
             "statements": {key: values[key] for key in STATEMENTS}}
    try:
        authorization_id = services.authorizations.create(session.actor, client_id, data)
    except InvalidInput as exc:
        return _authorization_form(request, services, session, client_id, values,
                                   error=str(exc), status_code=422)
    return RedirectResponse(
        f"/clients/{client_id}/authorizations/{authorization_id}?done=created", status_code=303)


SIGNING_LABELS = {"signer_kind": ("signer_kind-client", "Who is signing"),
                  "guardian_relation": ("guardian_relation", "How the signer is related"),
                  "representative_id": ("representative_id-none", "Personal representative"),
                  "signer_name": ("signer_name", "Full name"),
                  "witness_name": ("witness_name", "Witness"),
                  "confirm": ("confirm", "Read and understood")}


def _authorization_page(request: Request, services: Services, session: WebSession,
                        client_id: str, authorization_id: str, values: dict[str, str], *,
                        error: str | None = None, notice: str | None = None,
                        status_code: int = 200) -> Response:
    record = services.charts.get_client(session.actor, client_id)
    form = services.authorizations.form(session.actor, client_id, authorization_id)
    representatives = section(lambda: [  # those on file who may sign releases (164.502(g))
        r for r in services.representatives.list_representatives(session.actor, client_id)
        if r.status == "active" and "authorizations" in r.details.scope]
        if form.view.status == "unsigned" else [])
    context = chart_context(services, session, record, "releases", form=form, values=values,
                            errors=forms.field_errors(error) if error else {}, notice=notice,
                            titles=CATEGORY_TITLES, labels=SIGNING_LABELS,
                            representatives=representatives)
    return render(request, "pages/authorization.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/authorizations/{authorization_id}")
def authorization_page(client_id: str, authorization_id: str, request: Request,
                       services: ServicesDep, session: Page, done: str = "") -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    notice = ("The authorization was created. It authorizes nothing until the client signs it."
              if done == "created" else None)
    return _authorization_page(request, services, session, client_id, authorization_id, {},
                               notice=notice)


@router.post("/clients/{client_id}/authorizations/{authorization_id}/sign")
def sign_authorization(client_id: str, authorization_id: str, request: Request,
                       services: ServicesDep, session: FormPost, form: PostedForm) -> Response:
    values = forms.values(form, ("signer_name", "signer_kind", "guardian_relation",
                                 "witness_name", "representative_id"))
    # A representative chosen from those on file signs as one (the service checks them).
    kind = "representative" if values["representative_id"] else values["signer_kind"]
    try:
        problems = []  # what the page alone can tell, all at once; the service judges the rest
        if not values["signer_name"]:
            problems.append("signer_name: type the full name of the person signing")
        if forms.text(form, "confirm") != "on":
            problems.append("confirm: tick the box to confirm the authorization was read")
        if problems:
            raise InvalidInput(join_problems(problems))
        services.authorizations.sign(
            session.actor, client_id, authorization_id,
            text_sha256=forms.text(form, "text_sha256"), signer_name=values["signer_name"],
            signer_kind=kind or "client", guardian_relation=values["guardian_relation"],
            witness_name=values["witness_name"], representative_id=values["representative_id"])
    except (InvalidInput, ConflictError) as exc:
        status = 409 if isinstance(exc, ConflictError) else 422
        return _authorization_page(request, services, session, client_id, authorization_id,
                                   values, error=str(exc), status_code=status)
    return RedirectResponse(f"/clients/{client_id}/releases?notice=signed", status_code=303)


@router.get("/clients/{client_id}/authorizations/{authorization_id}/signed.pdf")
def signed_pdf(client_id: str, authorization_id: str, services: ServicesDep,
               session: Page) -> Response:
    """The signed copy to hand the client (45 CFR 164.508(c)(4))."""
    filename, pdf = services.authorizations.signed_copy(session.actor, client_id,
                                                        authorization_id)
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@router.post("/clients/{client_id}/authorizations/{authorization_id}/revoke")
def revoke_authorization(client_id: str, authorization_id: str, services: ServicesDep,
                         session: FormPost) -> Response:
    services.authorizations.revoke(session.actor, client_id, authorization_id)
    return RedirectResponse(f"/clients/{client_id}/releases?notice=revoked", status_code=303)


@router.post("/clients/{client_id}/authorizations/{authorization_id}/expiry-event")
def expiry_event(client_id: str, authorization_id: str, services: ServicesDep,
                 session: FormPost) -> Response:
    services.authorizations.record_expiry_event(session.actor, client_id, authorization_id)
    return RedirectResponse(f"/clients/{client_id}/releases?notice=event", status_code=303)
