"""One table from domain errors to HTTP answers. Messages are the errors' own safe phrases; an
unexpected error shows only a correlation id, never str(exc)."""

from __future__ import annotations

import logging
import uuid

from fastapi import Request
from fastapi.responses import JSONResponse

from closeddoor import errors

log = logging.getLogger("closeddoor.api")

STATUS_BY_ERROR: tuple[tuple[type[errors.ClosedDoorError], int], ...] = (
    (errors.NotFound, 404),
    (errors.PolicyDenied, 403),
    (errors.InvalidInput, 422),
    (errors.ConflictError, 409),
    (errors.AuthenticationFailed, 401),
    (errors.MfaRequired, 401),
    (errors.Throttled, 429),
    (errors.KeyDestroyed, 410),  # before DecryptionFailed, of which it is one
    (errors.DecryptionFailed, 500),
    (errors.AuditUnavailable, 503),
    (errors.StorageFull, 503),
    (errors.MailUnavailable, 503),
    (errors.AuditChainBroken, 500),
)


def status_for(exc: errors.ClosedDoorError) -> int:
    for error_type, status in STATUS_BY_ERROR:
        if isinstance(exc, error_type):
            return status
    return 500


def correlation_id() -> str:
    return uuid.uuid4().hex[:12]


async def domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.ClosedDoorError)
    status = status_for(exc)
    body: dict[str, str] = {"detail": str(exc)}
    if status >= 500 and not isinstance(exc, errors.MailUnavailable):  # fixed phrases
        cid = correlation_id()
        log.error("request failed: %s correlation=%s", type(exc).__name__, cid)
        body = {"detail": "the request could not be completed", "correlation_id": cid}
        if isinstance(exc, errors.DecryptionFailed):
            body["detail"] = "this record could not be decrypted; it has been withheld"
        if isinstance(exc, errors.StorageFull):
            body["detail"] = errors.StorageFull.MESSAGE
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    if errors.is_storage_full(exc):  # a full disk met outside a transaction's own translation
        return await domain_error(request, errors.StorageFull())
    cid = correlation_id()
    log.error("unexpected error: %s correlation=%s", type(exc).__name__, cid)
    return JSONResponse({"detail": "internal error", "correlation_id": cid}, status_code=500)
