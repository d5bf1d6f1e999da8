"""The client's own record (HIPAA right of access): demographics, appointments and signed
progress notes with addenda, on a page and as JSON and PDF downloads. PortalService.record
never returns psychotherapy notes or drafts; nothing here asks for anything else."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import Response

from closeddoor.api.routers.portal import record_out
from closeddoor.bootstrap import Services
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.record_pdf import CONTACT_LABELS, DEMOGRAPHIC_LABELS, record_pdf
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import PORTAL_PATH, PortalPage, PortalSession
from closeddoor.web.session import ServicesDep

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)


def _download(body: bytes, media_type: str, filename: str) -> Response:
    # The file name carries the date only, never the client's name.
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _amendments(services: Services, session: PortalSession) -> dict[str, tuple[str, ...]]:
    """What 164.526 links to each note ("" for the details): it goes with every copy."""
    return services.amendments.travelling(session.actor, session.principal.client_id)


@router.get("/record")
def record(request: Request, services: ServicesDep, session: PortalPage) -> Response:
    export = services.portal.record(session.principal)
    context = {"export": export, "names": services.accounts.display_names(),
               "amendments": _amendments(services, session),
               "demographic_labels": DEMOGRAPHIC_LABELS, "contact_labels": CONTACT_LABELS}
    return portal_render(request, "record.html", context, session=session, section="record")


@router.get("/record.json")
def record_json(services: ServicesDep, session: PortalPage) -> Response:
    export = services.portal.record(session.principal)
    document = record_out(export, services.accounts.display_names(),
                          _amendments(services, session)).model_dump(mode="json")
    body = json.dumps(document, indent=2, ensure_ascii=False).encode()
    return _download(body, "application/json",
                     f"my-record-{export.exported_at.date().isoformat()}.json")


@router.get("/record.fhir.json")
def record_fhir(services: ServicesDep, session: PortalPage) -> Response:
    """The same record as a FHIR R4 Bundle, to take to another provider or app."""
    export = services.exports.portal_bundle(session.actor, session.principal.client_id)
    return _download(export.to_bytes(), "application/fhir+json",
                     f"my-record-{services.runtime.now().date().isoformat()}.fhir.json")


@router.get("/record.pdf")
def record_as_pdf(services: ServicesDep, session: PortalPage) -> Response:
    export = services.portal.record(session.principal)
    return _download(record_pdf(export, services.accounts.display_names(),
                                _amendments(services, session)),
                     "application/pdf", f"my-record-{export.exported_at.date().isoformat()}.pdf")
