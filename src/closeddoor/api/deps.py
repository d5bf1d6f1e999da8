"""Request dependencies: the services and the signed-in staff member behind a bearer token."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import nullcontext
from typing import Annotated
from weakref import WeakKeyDictionary

from fastapi import Depends, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from closeddoor.accounts.service import ActiveSession
from closeddoor.bootstrap import Services
from closeddoor.errors import AuthenticationFailed, MfaRequired
from closeddoor.inline import INLINE_READS, run_inline
from closeddoor.policy import Actor

bearer = HTTPBearer(auto_error=False, description="a token from POST /api/v1/auth/token")
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


# Trivial dependencies are async so FastAPI does not hop to the thread pool for them.
async def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def current_session(services: ServicesDep, credentials: BearerDep) -> ActiveSession:
    return session_for(services, credentials)


def session_for(services: Services, credentials: HTTPAuthorizationCredentials | None
                ) -> ActiveSession:
    """The signed-in staff session behind a bearer token (blocking: it reads the database)."""
    if credentials is None:
        raise AuthenticationFailed("sign in: send Authorization: Bearer <token>")
    session = services.accounts.resolve_session(credentials.credentials, kind="api")
    if session is None or not session.mfa_passed:
        raise AuthenticationFailed("the token is not valid or has expired; sign in again")
    if session.mfa_enrolment_required:
        raise MfaRequired("multi-factor sign-in is required: enrol in the web app first")
    return session


async def current_actor(session: Annotated[ActiveSession, Depends(current_session)]) -> Actor:
    return session.user.actor


ActorDep = Annotated[Actor, Depends(current_actor)]


async def answer_as_staff(services: Services, credentials: HTTPAuthorizationCredentials | None,
                          work: Callable[[Actor], BaseModel], *,
                          one_snapshot: bool = False, short: bool = False) -> Response:
    """Resolve the bearer token, run `work` as its staff member and serialise its answer, all in
    one trip to the thread pool: for the hottest reads (a note, a chart, a page of the client
    list or the audit). A sync dependency and a sync route cost a trip each, and FastAPI
    validates a sync route's answer in a third, each a hand-off between threads competing for
    the GIL (docs/performance.md). The route keeps its `response_model` for the OpenAPI
    document; the answer is that model, built by `work`, so there is nothing to validate.
    `one_snapshot` makes the reads share one transaction (`Services.one_read_snapshot`): for
    work that never reads back what it wrote. `short` work (one record: a note, a chart) makes
    no trip at all with `Services.reads_inline` (SQLite): it runs on the event loop's thread
    and its audit wait is an await (`closeddoor.inline`). A page of a list stays in the pool:
    its milliseconds of CPU would hold up every other request on the loop."""
    def answer() -> bytes:
        with services.one_read_snapshot() if one_snapshot else nullcontext():
            return work(session_for(services, credentials).user.actor).model_dump_json().encode()

    if not (short and services.reads_inline):
        return Response(await run_in_threadpool(answer), media_type="application/json")
    async with inline_slot():
        return Response(await run_inline(answer), media_type="application/json")


# Reads beyond INLINE_READS wait here for a slot, without blocking anything: the pool has a
# connection for each slot (closeddoor.store.db.make_engine).
_slots: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = WeakKeyDictionary()


def inline_slot() -> asyncio.Semaphore:
    """This event loop's limit on inline reads (a test client runs a loop of its own)."""
    loop = asyncio.get_running_loop()
    slots = _slots.get(loop)
    if slots is None:
        slots = _slots[loop] = asyncio.Semaphore(INLINE_READS)
    return slots
