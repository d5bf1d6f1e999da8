"""FHIR R4 downloads of a client's record: the care team's chart export (docs/operations.md).
The client's own is `GET /api/v1/portal/me/record/fhir` (routers/portal.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.export.service import FhirExport

router = APIRouter(tags=["exports"])

FHIR_MEDIA_TYPE = "application/fhir+json"
FHIR_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {FHIR_MEDIA_TYPE: {}},
          "description": "a FHIR R4 Bundle (type collection); plaintext: keep it safe"}}


def fhir_download(export: FhirExport, filename: str) -> Response:
    """The Bundle as a download; the file name carries a date, never the client's name."""
    return Response(export.to_bytes(), media_type=FHIR_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/clients/{client_id}/fhir", response_class=Response, responses=FHIR_RESPONSE)
def chart_fhir(client_id: str, services: ServicesDep, actor: ActorDep,
               own_psychotherapy_notes: Annotated[bool, Query(
                   description="also the caller's own psychotherapy notes for this client "
                               "(never anyone else's)")] = False) -> Response:
    """The chart as a FHIR R4 Bundle: details, appointments and encounters, diagnoses, signed
    progress notes with addenda, signed consents. The treating care team only."""
    export = services.exports.chart_bundle(
        actor, client_id, with_own_psychotherapy_notes=own_psychotherapy_notes)
    return fhir_download(export, f"chart-{client_id}.fhir.json")
