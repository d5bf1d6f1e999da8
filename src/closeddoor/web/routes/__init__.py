"""The page routers, one module per area."""

from __future__ import annotations

from fastapi import APIRouter

from closeddoor.web.routes import auth, clients, notes, practice


def pages_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    for module in (auth, clients, notes, practice):
        router.include_router(module.router)
    return router
