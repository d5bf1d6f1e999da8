"""The API application: /api/v1 routers, the error table and the OpenAPI document."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.requests import Request

from closeddoor.api import errors
from closeddoor.api.routers import (
    amendments,
    auth,
    calendar,
    clients,
    consent,
    destruction,
    disclosures,
    excerpts,
    exports,
    intake,
    measures,
    notes,
    notice,
    portal,
    portal_intake,
    practice,
    representatives,
    restrictions,
    treatment,
)
from closeddoor.errors import ClosedDoorError


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    # Name the fields and what is wrong; never echo the submitted values back.
    assert isinstance(exc, RequestValidationError)
    if any(e.get("type") == "json_invalid" for e in exc.errors()):
        # Not JSON at all is a malformed request (400, as documented), not invalid input (422).
        return JSONResponse({"detail": "the body is not valid JSON; send one JSON object"},
                            status_code=400)
    problems = [{"field": ".".join(str(p) for p in e["loc"][1:]), "problem": e["msg"]}
                for e in exc.errors()]
    return JSONResponse({"detail": "invalid request", "errors": problems}, status_code=422)


class ErrorBody(BaseModel):
    """Every refusal: a safe phrase naming the problem (never the submitted values)."""

    detail: str
    correlation_id: str | None = None  # server errors only, to find the log line


class FieldProblem(BaseModel):
    field: str
    problem: str


class InvalidRequestBody(BaseModel):
    detail: str
    errors: list[FieldProblem] = []  # present when the request's shape was wrong


def _error(description: str, model: type[BaseModel] = ErrorBody) -> dict[str, Any]:
    return {"model": model, "description": description}


# Documented on every operation, so clients (and the schema fuzz) know each answer's shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _error("the body is not valid JSON"),
    413: _error("the body is larger than this route accepts (see the README's API limits)"),
    401: _error("not signed in, or the token expired"),
    403: _error("signed in, but policy refuses this (the reason is named)"),
    404: _error("no such resource, or one the caller may not know exists"),
    409: _error("the request conflicts with the record's state"),
    410: _error("the client's records were destroyed and can never be read again"),
    422: _error("invalid input: each problem named, no value echoed", InvalidRequestBody),
    429: _error("too many failed sign-ins; try again later"),
    503: _error("the audit log could not record the access, or the practice's storage is full; "
                "nothing was returned or saved"),
}


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)
    for module in (amendments, auth, calendar, clients, consent, destruction, disclosures,
                   excerpts, exports, intake, measures, notes, notice, practice, representatives,
                   restrictions, treatment):
        router.include_router(module.router)
    router.include_router(portal.router)  # clients' own API: portal tokens, never staff ones
    router.include_router(portal_intake.router)
    router.include_router(treatment.portal_router)
    return router


def install_api(app: FastAPI) -> None:
    app.include_router(api_router())
    install_api_errors(app)


def install_api_errors(app: FastAPI) -> None:
    app.add_exception_handler(ClosedDoorError, errors.domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
