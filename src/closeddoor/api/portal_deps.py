"""The signed-in client behind a portal bearer token. Portal tokens live in their own table and
resolve only through PortalService.resolve(kind="api"), so a staff token is no portal token and
a portal token is no staff token (closeddoor.api.deps never accepts one)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from closeddoor.api.deps import ServicesDep
from closeddoor.errors import AuthenticationFailed
from closeddoor.portal.model import PortalPrincipal

portal_bearer = HTTPBearer(auto_error=False, scheme_name="PortalBearer",
                           description="a client's token from POST /api/v1/portal/token")
PortalCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(portal_bearer)]


def current_client(services: ServicesDep, credentials: PortalCredentials) -> PortalPrincipal:
    if credentials is None:
        raise AuthenticationFailed("sign in: send Authorization: Bearer <portal token>")
    principal = services.portal.resolve(credentials.credentials, kind="api")
    if principal is None or not principal.mfa_passed:
        raise AuthenticationFailed("the token is not valid or has expired; sign in again")
    return principal


ClientDep = Annotated[PortalPrincipal, Depends(current_client)]
