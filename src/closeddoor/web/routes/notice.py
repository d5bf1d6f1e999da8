"""The Notice of Privacy Practices pages (45 CFR 164.520).

* `/notice` and `/notice.pdf`: the notice in effect, to anyone, without signing in
  (164.520(c)(1)(i)(C): given to any person who asks; (c)(3)(i): posted on the practice's web
  site). It is the same text for every client and holds no PHI (docs/threat-model.md), so the
  page reads nothing of any client and is not audited.
* `/practice/notice...`: the owner's versions: start a draft (from the notice in effect, or the
  jurisdiction's default text), edit it, record who reviewed its text, publish it. The service
  refuses everyone but the owner (practice:notice:manage).
* `/clients/{id}/notice`: the chart's notice status, and recording the acknowledgment signed in
  the office or the good-faith effort and why it failed (164.520(c)(2)(ii)).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.datastructures import FormData

from closeddoor.api.errors import status_for
from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
from closeddoor.notice.document_html import to_html_fragment
from closeddoor.notice.document_pdf import to_pdf
from closeddoor.notice.service import NoticeVersion
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context, open_chart
from closeddoor.web.session import (
    FormPost,
    OptionalSession,
    Page,
    PostedForm,
    ServicesDep,
    WebSession,
)

router = APIRouter()
DONE = {"acknowledged": "The acknowledgment is recorded.",
        "effort": "The good-faith effort is recorded.",
        "saved": "The draft was saved.",
        "published": "The notice is published: it is now the notice in effect."}


def document_html(version: NoticeVersion) -> Markup:
    # to_html_fragment escapes every value it places in its markup.
    return Markup(to_html_fragment(version.rendered))  # noqa: S704


def notice_pdf_response(version: NoticeVersion) -> Response:
    # The file name carries the version only.
    disposition = f'attachment; filename="notice-of-privacy-practices-v{version.number}.pdf"'
    return Response(to_pdf(version.rendered, notice=version.page_notice),
                    media_type="application/pdf",
                    headers={"Content-Disposition": disposition})


# --- anyone -----------------------------------------------------------------------------------
@router.get("/notice")
def public_notice(request: Request, services: ServicesDep,
                  session: OptionalSession) -> Response:
    current = services.notice.current()
    return render(request, "pages/notice_public.html",
                  {"version": current, "document": document_html(current) if current else None},
                  session=session, status_code=200 if current else 404)


@router.get("/notice.pdf")
def public_notice_pdf(services: ServicesDep) -> Response:
    current = services.notice.current()
    if current is None:
        raise NotFound("the practice has not published a notice of privacy practices yet")
    return notice_pdf_response(current)


# --- the owner's versions ---------------------------------------------------------------------
def _versions_page(request: Request, services: Services, session: WebSession, *,
                   error: str | None = None, notice: str | None = None,
                   status_code: int = 200) -> Response:
    context = {"versions": services.notice.list_versions(session.actor),
               "info": services.notice.default_text_info(session.actor),
               "error": error, "notice": notice}
    return render(request, "pages/notice_versions.html", context, session=session,
                  section="notice", status_code=status_code)


@router.get("/practice/notice")
def versions(request: Request, services: ServicesDep, session: Page,
             done: str = "") -> Response:
    return _versions_page(request, services, session, notice=DONE.get(done))


@router.post("/practice/notice/drafts")
def create_draft(services: ServicesDep, session: FormPost, form: PostedForm) -> Response:
    version_id = services.notice.create_draft(
        session.actor, from_default=forms.text(form, "from") == "default")
    return RedirectResponse(f"/practice/notice/versions/{version_id}", status_code=303)


def _document(version: NoticeVersion) -> dict[str, Any]:
    d = version.document
    return {"title": d.title, "contact": d.contact,
            "effective_on": d.effective_on.isoformat() if d.effective_on else "",
            "sections": [{"key": s.key, "title": s.title, "body": s.body,
                          "citations": "\n".join(s.citations)} for s in d.sections]}


def _posted(form: FormData, keys: list[str]) -> dict[str, Any]:
    return {"title": forms.text(form, "title"), "contact": forms.text(form, "contact"),
            "effective_on": forms.text(form, "effective_on"),
            "sections": [{"key": key, "title": forms.text(form, f"{key}-title"),
                          "body": forms.text(form, f"{key}-body", strip=False),
                          "citations": [line.strip() for line in
                                        forms.text(form, f"{key}-citations").splitlines()
                                        if line.strip()]} for key in keys]}


def _version_page(request: Request, services: Services, session: WebSession, version_id: str,
                  *, document: dict[str, Any] | None = None, error: str | None = None,
                  notice: str | None = None, status_code: int = 200) -> Response:
    version = services.notice.version(session.actor, version_id)
    context = {"version": version, "document": document or _document(version),
               "rendered": document_html(version), "error": error, "notice": notice,
               "info": services.notice.default_text_info(session.actor)}
    return render(request, "pages/notice_version.html", context, session=session,
                  section="notice", status_code=status_code)


@router.get("/practice/notice/versions/{version_id}")
def version(version_id: str, request: Request, services: ServicesDep, session: Page,
            done: str = "") -> Response:
    return _version_page(request, services, session, version_id, notice=DONE.get(done))


@router.post("/practice/notice/versions/{version_id}")
def save_draft(version_id: str, request: Request, services: ServicesDep, session: FormPost,
               form: PostedForm) -> Response:
    stored = services.notice.version(session.actor, version_id)
    posted = _posted(form, [s.key for s in stored.document.sections])
    try:
        services.notice.update_draft(session.actor, version_id, posted)
    except InvalidInput as exc:
        shown = {**posted, "sections": [{**s, "citations": "\n".join(s["citations"])}
                                        for s in posted["sections"]]}
        return _version_page(request, services, session, version_id, document=shown,
                             error=str(exc), status_code=422)
    except ConflictError as exc:
        return _version_page(request, services, session, version_id, error=str(exc),
                             status_code=409)
    return RedirectResponse(f"/practice/notice/versions/{version_id}?done=saved",
                            status_code=303)


@router.post("/practice/notice/versions/{version_id}/review")
def record_review(version_id: str, request: Request, services: ServicesDep, session: FormPost,
                  form: PostedForm) -> Response:
    try:
        services.notice.record_review(
            session.actor, version_id, reviewed_by=forms.text(form, "reviewed_by"),
            reviewed_on=forms.text(form, "reviewed_on"),
            text_sha256=forms.text(form, "text_sha256"))
    except (InvalidInput, ConflictError) as exc:
        return _version_page(request, services, session, version_id, error=str(exc),
                             status_code=status_for(exc))
    return RedirectResponse(f"/practice/notice/versions/{version_id}#publish", status_code=303)


@router.post("/practice/notice/versions/{version_id}/publish")
def publish(version_id: str, request: Request, services: ServicesDep, session: FormPost,
            form: PostedForm) -> Response:
    if forms.text(form, "confirm") != "on":
        return _version_page(request, services, session, version_id, status_code=422,
                             error="confirm: tick the box to confirm you mean to publish")
    try:
        services.notice.publish(session.actor, version_id)
    except PolicyDenied:
        return _version_page(request, services, session, version_id, status_code=403,
                             error="Record who reviewed this text, and when, before "
                                   "publishing it.")
    except (InvalidInput, ConflictError) as exc:
        return _version_page(request, services, session, version_id, error=str(exc),
                             status_code=status_for(exc))
    return RedirectResponse("/practice/notice?done=published", status_code=303)


# --- one client's acknowledgment ----------------------------------------------------------------
def _client_page(request: Request, services: Services, session: WebSession, client_id: str, *,
                 error: str | None = None, notice: str | None = None,
                 entered: dict[str, str] | None = None, status_code: int = 200) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    current = services.notice.current()
    context = chart_context(
        services, session, record, "notice",
        status=services.notice.status(session.actor, client_id),
        records=services.notice.records(session.actor, client_id),
        current=current, names=services.accounts.display_names(),
        entered=entered or {}, error=error, notice=notice)
    return render(request, "pages/client_notice.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/notice")
def client_notice(client_id: str, request: Request, services: ServicesDep, session: Page,
                  done: str = "") -> Response:
    return _client_page(request, services, session, client_id, notice=DONE.get(done))


@router.post("/clients/{client_id}/notice/acknowledgment")
def record_acknowledgment(client_id: str, request: Request, services: ServicesDep,
                          session: FormPost, form: PostedForm) -> Response:
    entered = {"signer_name": forms.text(form, "signer_name")}
    try:
        services.notice.acknowledge(session.actor, client_id,
                                    version_id=forms.text(form, "version_id"),
                                    text_sha256=forms.text(form, "text_sha256"),
                                    signer_name=entered["signer_name"])
    except (InvalidInput, ConflictError) as exc:
        return _client_page(request, services, session, client_id, error=str(exc),
                            entered=entered, status_code=status_for(exc))
    return RedirectResponse(f"/clients/{client_id}/notice?done=acknowledged", status_code=303)


@router.post("/clients/{client_id}/notice/effort")
def record_effort(client_id: str, request: Request, services: ServicesDep,
                  session: FormPost, form: PostedForm) -> Response:
    entered = {"effort": forms.text(form, "effort"), "reason": forms.text(form, "reason")}
    try:
        services.notice.record_effort(session.actor, client_id,
                                      version_id=forms.text(form, "version_id"),
                                      text_sha256=forms.text(form, "text_sha256"),
                                      effort=entered["effort"], reason=entered["reason"])
    except (InvalidInput, ConflictError) as exc:
        return _client_page(request, services, session, client_id, error=str(exc),
                            entered=entered, status_code=status_for(exc))
    return RedirectResponse(f"/clients/{client_id}/notice?done=effort", status_code=303)
