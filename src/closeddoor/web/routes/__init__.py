"""The page routers, one module per area. Order matters where paths overlap: `/clients/new`
(clients) comes before `/clients/{client_id}` (overview)."""

from __future__ import annotations

from fastapi import APIRouter

from closeddoor.web.routes import (
    account,
    amendments,
    appointments,
    auth,
    calendar,
    clients,
    consent,
    destruction,
    disclosures,
    emergency,
    excerpts,
    intake,
    measures,
    notes,
    notice,
    overview,
    plans,
    practice,
    restrictions,
)


def pages_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    for module in (auth, account, calendar, clients, overview, appointments, emergency, notes,
                   practice, consent, disclosures, excerpts, destruction, amendments, notice,
                   intake, restrictions, measures, plans):
        router.include_router(module.router)
    return router
