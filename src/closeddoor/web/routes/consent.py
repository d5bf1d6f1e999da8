"""A client's informed consent on the staff pages: status and signature history, signing in the
office ("hand the tablet to the client"), the printable form, and the portal invitation.

The signing form carries the version id and the SHA-256 of exactly the text it shows; if the
practice publishes a new version meanwhile, the service refuses the signature (409) and the
page shows the new text to read and sign. The services decide who may do what; `Tabs` only
hides what a role cannot use. The routers of the other consent pages are included here, so
web/routes/__init__.py names one module.
"""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.datastructures import FormData

from closeddoor.bootstrap import Services
from closeddoor.consent.render import to_html_fragment, to_pdf
from closeddoor.errors import ConflictError, InvalidInput
from closeddoor.records.form_access import SIGN_CONSENT
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes import consent_preferences, consent_versions, representatives
from closeddoor.web.routes.chart import chart_context, open_chart, open_form, section
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
router.include_router(consent_preferences.router)
router.include_router(consent_versions.router)
router.include_router(representatives.router)
SIGNING_FIELDS = ("signer_name", "signer_kind", "guardian_relation", "representative_id")
CHANGED = ("The consent form changed after it was shown, so that signature was not recorded. "
           "Please read the current form below and sign again.")
NOT_CONFIRMED = "confirm: tick the box to confirm that you have read the form"


@router.get("/clients/{client_id}/consent")
def consent_page(client_id: str, request: Request, services: ServicesDep, session: Page,
                 signed: bool = False) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    actor = session.actor
    context = chart_context(
        services, session, record, "consent",
        consent=services.consent.status(actor, client_id),
        signatures=section(lambda: services.consent.signatures(actor, client_id)),
        notice="The signature was recorded." if signed else None,
    )
    return render(request, "pages/consent.html", context, session=session, section="caseload")


def _signing_page(request: Request, services: Services, session: WebSession, client_id: str,
                  values: dict[str, str], *, error: str | None = None,
                  status_code: int = 200) -> Response:
    """The current form, rendered, and the signing form bound to exactly that text."""
    record = services.charts.get_client(session.actor, client_id)
    form = services.consent.form(session.actor, client_id)
    representatives = section(lambda: [  # those on file who may consent (164.502(g))
        r for r in services.representatives.list_representatives(session.actor, client_id)
        if r.status == "active" and "consent" in r.details.scope])
    context = chart_context(
        services, session, record, "consent", form=form, values=values, error=error,
        representatives=representatives,
        document=Markup(to_html_fragment(form.rendered, heading_level=2)),  # noqa: S704 (escaped by the renderer)
    )
    return render(request, "pages/consent_sign.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/consent/sign")
def signing_form(client_id: str, request: Request, services: ServicesDep,
                 session: Page) -> Response:
    record = open_form(request, services, session, client_id, SIGN_CONSENT)
    if isinstance(record, Response):
        return record
    return _signing_page(request, services, session, client_id, {})


def _signature(form: FormData) -> dict[str, Any]:
    if forms.text(form, "confirm") != "on":
        raise InvalidInput(NOT_CONFIRMED)
    values = forms.values(form, SIGNING_FIELDS)
    # A representative chosen from those on file signs as one (the service checks them).
    kind = "representative" if values["representative_id"] else values["signer_kind"]
    return {"version_id": forms.text(form, "version_id"),
            "text_sha256": forms.text(form, "text_sha256"),
            "signer_name": values["signer_name"],
            "signer_kind": kind or "client",
            "guardian_relation": values["guardian_relation"],
            "representative_id": values["representative_id"]}


@router.post("/clients/{client_id}/consent/sign")
def sign(client_id: str, request: Request, services: ServicesDep, session: FormPost,
         form: PostedForm) -> Response:
    values = forms.values(form, SIGNING_FIELDS)
    try:
        services.consent.sign(session.actor, client_id, **_signature(form))
    except ConflictError:
        # The text changed: show the new one; the typed name stays, the reader signs again.
        return _signing_page(request, services, session, client_id, values, error=CHANGED,
                             status_code=409)
    except InvalidInput as exc:
        return _signing_page(request, services, session, client_id, values, error=str(exc),
                             status_code=422)
    return RedirectResponse(f"/clients/{client_id}/consent/signed", status_code=303)


@router.get("/clients/{client_id}/consent/signed")
def signed(client_id: str, request: Request, session: Page) -> Response:
    """Thanks, and a prompt to hand the device back; nothing of the chart is loaded."""
    return render(request, "pages/consent_signed.html", {"client_id": client_id},
                  session=session, section="caseload")


@router.get("/clients/{client_id}/consent/signatures/{signature_id}.txt")
def signed_text(client_id: str, signature_id: str, services: ServicesDep,
                session: Page) -> Response:
    """The exact text the client signed (its SHA-256 is the one recorded), for the file or to
    hand the client a copy. The file name carries the version only, never the client's name."""
    signed = services.consent.signed_text(session.actor, client_id, signature_id)
    return Response(signed.text.encode("utf-8"), media_type="text/plain; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{signed.filename}"'})


@router.get("/clients/{client_id}/consent/form.pdf")
def form_pdf(client_id: str, services: ServicesDep, session: Page) -> Response:
    form = services.consent.form(session.actor, client_id)
    # The file name carries the version only, never the client's name.
    disposition = f'attachment; filename="consent-v{form.version_number}.pdf"'
    return Response(to_pdf(form.rendered, notice=form.page_notice), media_type="application/pdf",
                    headers={"Content-Disposition": disposition})


@router.post("/clients/{client_id}/portal-invitation")
def invite(client_id: str, request: Request, services: ServicesDep,
           session: FormPost, form: PostedForm) -> Response:
    """E-mail the client a single-use link; this page says only where it went (masked). With
    "send the intake form too" ticked, the e-mail says a form waits and the packet is sent
    (one already waiting is kept)."""
    with_intake = forms.text(form, "with_intake") == "yes"
    sent = services.portal.invite(session.actor, client_id, forms_waiting=with_intake)
    if with_intake:
        # A packet already waiting is kept: the e-mail's words hold for it too.
        with contextlib.suppress(ConflictError):
            services.intake.send(session.actor, client_id)
    record = services.charts.get_client(session.actor, client_id)
    context = chart_context(services, session, record, "consent", office=False,
                            sent_to=sent.sent_to, expires_at=sent.expires_at)
    return render(request, "pages/portal_invitation.html", context, session=session,
                  section="caseload")


@router.post("/clients/{client_id}/portal-enrolment")
def enrol_in_office(client_id: str, request: Request, services: ServicesDep,
                    session: FormPost) -> Response:
    """Start enrolling on the office tablet: the client gets a one-time code by e-mail, and the
    sign-up page this one opens needs it (staff never see the code)."""
    enrolment = services.portal.enrol_in_office(session.actor, client_id)
    record = services.charts.get_client(session.actor, client_id)
    context = chart_context(services, session, record, "consent", office=True,
                            sent_to=enrolment.sent_to, expires_at=enrolment.expires_at,
                            enrol_path=f"/portal/invite/{enrolment.token}")
    return render(request, "pages/portal_invitation.html", context, session=session,
                  section="caseload")
