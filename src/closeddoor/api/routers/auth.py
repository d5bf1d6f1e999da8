"""POST /auth/token: a bearer token for the API (password, plus TOTP once enrolled)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from closeddoor.api.deps import ActorDep, ServicesDep, bearer
from closeddoor.api.schemas.auth import PasswordChangeIn, TokenRequest, TokenResponse

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token", response_model=TokenResponse)
def issue_token(body: TokenRequest, request: Request, services: ServicesDep) -> TokenResponse:
    address = request.client.host if request.client else "unknown"
    signed_in = services.accounts.sign_in(body.username, body.password, address=address,
                                          kind="api", totp=body.totp)
    idle = int(services.settings.session_idle_timeout.total_seconds())
    return TokenResponse(access_token=signed_in.token, expires_in_idle_seconds=idle)


@router.post("/signout", status_code=204)
async def sign_out(request: Request, services: ServicesDep, actor: ActorDep) -> Response:
    credentials = await bearer(request)
    if credentials is not None:
        services.accounts.end_session(credentials.credentials)
    return Response(status_code=204)


@router.post("/password", status_code=204)
def change_password(body: PasswordChangeIn, request: Request, services: ServicesDep,
                    actor: ActorDep) -> Response:
    """Change your own password; every session of yours ends, this token included."""
    address = request.client.host if request.client else "unknown"
    services.accounts.change_password(actor.actor_id, body.current_password, body.new_password,
                                      address=address)
    return Response(status_code=204)
