"""The API application: /api/v1 routers, the error table and the OpenAPI document."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.requests import Request

from closeddoor.api import errors
from closeddoor.api.routers import (
    auth,
    clients,
    consent,
    disclosures,
    excerpts,
    notes,
    portal,
    practice,
)
from closeddoor.errors import ClosedDoorError


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    # Name the fields and what is wrong; never echo the submitted values back.
    assert isinstance(exc, RequestValidationError)
    problems = [{"field": ".".join(str(p) for p in e["loc"][1:]), "problem": e["msg"]}
                for e in exc.errors()]
    return JSONResponse({"detail": "invalid request", "errors": problems}, status_code=422)


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    for module in (auth, clients, consent, disclosures, excerpts, notes, practice):
        router.include_router(module.router)
    router.include_router(portal.router)  # clients' own API: portal tokens, never staff ones
    return router


def install_api(app: FastAPI) -> None:
    app.include_router(api_router())
    app.add_exception_handler(ClosedDoorError, errors.domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
