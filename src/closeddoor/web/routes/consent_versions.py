"""The owner's consent pages: the practice's versions (start a draft from the current text, edit
it section by section, preview it, record who reviewed it and when, publish it after a
confirmation) and the jurisdiction whose law the forms state, with each fact's review status
and review note. The service refuses everyone but the owner (practice:consent:manage).

A published version is final; publishing one asks every client on an older version to consent
again, and so does changing the jurisdiction, which the pages say before anyone commits.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.datastructures import FormData

from closeddoor.bootstrap import Services
from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import known_codes, load_jurisdiction
from closeddoor.consent.render import to_html_fragment
from closeddoor.consent.service import VersionSummary
from closeddoor.consent.template import SECTION_KEYS, ConsentTemplate
from closeddoor.errors import ConflictError, InvalidInput, PolicyDenied
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter(prefix="/practice/consent")


def _summary(services: Services, session: WebSession, version_id: str) -> VersionSummary:
    return services.consent.version(session.actor, version_id)


def _jurisdictions() -> list[tuple[str, str]]:
    return [(code, load_jurisdiction(code).name) for code in known_codes()]


def _versions_page(request: Request, services: Services, session: WebSession, *,
                   error: str | None = None, notice: str | None = None,
                   status_code: int = 200) -> Response:
    context = {"versions": services.consent.list_versions(session.actor),
               "jurisdiction": services.consent.jurisdiction_code(),
               "jurisdictions": _jurisdictions(), "error": error, "notice": notice,
               "facts": services.consent.jurisdiction_review(session.actor)}
    return render(request, "pages/consent_versions.html", context, session=session,
                  section="consent", status_code=status_code)


@router.get("")
def versions(request: Request, services: ServicesDep, session: Page,
             saved: bool = False) -> Response:
    notice = "The practice's jurisdiction was saved." if saved else None
    return _versions_page(request, services, session, notice=notice)


@router.post("/drafts")
def create_draft(services: ServicesDep, session: FormPost) -> Response:
    version_id = services.consent.create_draft(session.actor)
    return RedirectResponse(f"/practice/consent/versions/{version_id}", status_code=303)


@router.post("/jurisdiction")
def set_jurisdiction(request: Request, services: ServicesDep, session: FormPost,
                     form: PostedForm) -> Response:
    try:
        services.consent.set_jurisdiction(session.actor, forms.text(form, "jurisdiction"))
    except ConsentError as exc:
        return _versions_page(request, services, session, error=str(exc), status_code=422)
    return RedirectResponse("/practice/consent?saved=1", status_code=303)


def _document(template: ConsentTemplate) -> dict[str, Any]:
    """A template as the edit form's values (citations one per line)."""
    return {"name": template.name, "title": template.title, "intro": template.intro,
            "sections": [{"key": s.key, "title": s.title, "body": s.body,
                          "citations": "\n".join(s.citations)} for s in template.sections]}


def _posted(form: FormData) -> dict[str, Any]:
    """The edit form as a template document; the service validates it whole."""
    return {
        "name": forms.text(form, "name"), "title": forms.text(form, "title"),
        "intro": forms.text(form, "intro", strip=False),
        "sections": [{"key": key, "title": forms.text(form, f"{key}-title"),
                      "body": forms.text(form, f"{key}-body", strip=False),
                      "citations": [line.strip() for line in
                                    forms.text(form, f"{key}-citations").splitlines()
                                    if line.strip()]}
                     for key in SECTION_KEYS],
    }


def _edit_page(request: Request, session: WebSession, summary: VersionSummary,
               document: dict[str, Any], *, error: str | None = None,
               notice: str | None = None, status_code: int = 200) -> Response:
    context = {"version": summary, "document": document, "error": error, "notice": notice}
    return render(request, "pages/consent_version_edit.html", context, session=session,
                  section="consent", status_code=status_code)


@router.get("/versions/{version_id}")
def version(version_id: str, request: Request, services: ServicesDep, session: Page,
            saved: bool = False) -> Response:
    template = services.consent.version_template(session.actor, version_id)
    summary = _summary(services, session, version_id)
    if summary.status != "draft":  # published versions are final: read them, never edit
        return RedirectResponse(f"/practice/consent/versions/{version_id}/preview",
                                status_code=303)
    return _edit_page(request, session, summary, _document(template),
                      notice="The draft was saved." if saved else None)


@router.post("/versions/{version_id}")
def save_draft(version_id: str, request: Request, services: ServicesDep, session: FormPost,
               form: PostedForm) -> Response:
    posted = _posted(form)
    summary = _summary(services, session, version_id)
    try:
        services.consent.update_draft(session.actor, version_id, posted)
    except (ConsentError, InvalidInput) as exc:
        shown = {**posted, "sections": [{**s, "citations": "\n".join(s["citations"])}
                                        for s in posted["sections"]]}
        return _edit_page(request, session, summary, shown, error=str(exc), status_code=422)
    except ConflictError as exc:
        return _edit_page(request, session, summary, _document(
            services.consent.version_template(session.actor, version_id)),
            error=str(exc), status_code=409)
    page = f"/practice/consent/versions/{version_id}"
    if forms.text(form, "action") == "preview":
        return RedirectResponse(f"{page}/preview", status_code=303)
    return RedirectResponse(f"{page}?saved=1", status_code=303)


def _preview_page(request: Request, services: Services, session: WebSession, version_id: str,
                  template: str, *, error: str | None = None,
                  status_code: int = 200) -> Response:
    """A version rendered as clients will read it, under the practice's jurisdiction."""
    summary = _summary(services, session, version_id)
    document = None
    try:
        rendered = services.consent.preview(session.actor, version_id)
        document = Markup(to_html_fragment(rendered, heading_level=2))  # noqa: S704 (escaped by the renderer)
    except ConsentError as exc:
        error, status_code = str(exc), 422
    context = {"version": summary, "document": document, "error": error,
               "facts": services.consent.jurisdiction_review(session.actor)}
    return render(request, template, context, session=session, section="consent",
                  status_code=status_code)


@router.get("/versions/{version_id}/preview")
def preview(version_id: str, request: Request, services: ServicesDep,
            session: Page) -> Response:
    return _preview_page(request, services, session, version_id,
                         "pages/consent_version_preview.html")


@router.get("/versions/{version_id}/publish")
def confirm_publish(version_id: str, request: Request, services: ServicesDep,
                    session: Page) -> Response:
    return _preview_page(request, services, session, version_id,
                         "pages/consent_version_publish.html")


@router.post("/versions/{version_id}/review")
def record_review(version_id: str, request: Request, services: ServicesDep, session: FormPost,
                  form: PostedForm) -> Response:
    page = "pages/consent_version_publish.html"
    try:
        services.consent.record_review(
            session.actor, version_id, reviewed_by=forms.text(form, "reviewed_by"),
            reviewed_on=forms.text(form, "reviewed_on"),
            text_sha256=forms.text(form, "text_sha256"))
    except InvalidInput as exc:
        return _preview_page(request, services, session, version_id, page, status_code=422,
                             error=str(exc))
    except ConflictError as exc:
        return _preview_page(request, services, session, version_id, page, status_code=409,
                             error=str(exc))
    return RedirectResponse(f"/practice/consent/versions/{version_id}/publish", status_code=303)


@router.post("/versions/{version_id}/publish")
def publish(version_id: str, request: Request, services: ServicesDep, session: FormPost,
            form: PostedForm) -> Response:
    if forms.text(form, "confirm") != "on":
        return _preview_page(request, services, session, version_id,
                             "pages/consent_version_publish.html", status_code=422,
                             error="confirm: tick the box to confirm you mean to publish")
    try:
        services.consent.publish(session.actor, version_id)
    except PolicyDenied:
        return _preview_page(request, services, session, version_id,
                             "pages/consent_version_publish.html", status_code=403,
                             error="Record who reviewed this text, and when, before publishing "
                                   "it.")
    except ConflictError as exc:
        return _preview_page(request, services, session, version_id,
                             "pages/consent_version_publish.html", status_code=409,
                             error=str(exc))
    except ConsentError as exc:
        return _versions_page(request, services, session, error=str(exc), status_code=422)
    return RedirectResponse("/practice/consent", status_code=303)
