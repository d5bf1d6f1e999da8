"""The problem list (ICD-10-CM diagnoses), the code-set search, treatment plan revisions and
their signatures, and the goals a progress note addressed. The client's side (reading the
plan their clinician signed and signing it) is `portal_router`, under /portal."""

from __future__ import annotations

from fastapi import APIRouter

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.portal_deps import ClientDep
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.treatment import (
    CodeOut,
    NoteGoalsIn,
    NoteGoalsOut,
    PlanIn,
    PlanOut,
    PlanSignatureOut,
    PlanSignIn,
    PlanSummaryOut,
    PortalPlanSignIn,
    ProblemIn,
    ProblemOut,
    ResolutionIn,
)
from closeddoor.errors import NotFound
from closeddoor.paging import DEFAULT_LIMIT
from closeddoor.treatment.plans import PlanView
from closeddoor.treatment.problems import ProblemView

router = APIRouter(tags=["treatment"])
portal_router = APIRouter(prefix="/portal", tags=["portal"])
PROBLEMS = "/clients/{client_id}/problems"
PLANS = "/clients/{client_id}/plans"


def problem_out(view: ProblemView) -> ProblemOut:
    return ProblemOut(id=view.problem_id, code=view.code, description=view.description,
                      onset_on=view.onset_on, resolved_on=view.resolved_on, status=view.status,
                      primary=view.is_primary)


def summary_out(view: PlanView) -> PlanSummaryOut:
    return PlanSummaryOut(id=view.revision_id, revision=view.number, created_at=view.created_at,
                          review_on=view.review_on, state=view.state,
                          text_sha256=view.text_sha256, is_latest=view.is_latest)


def plan_out(view: PlanView) -> PlanOut:
    return PlanOut(**summary_out(view).model_dump(), text=view.text,
                   document=view.document.to_json(),
                   signatures=[PlanSignatureOut(signer_kind=s.signer_kind, signed_at=s.signed_at,
                                                signed_by=s.actor_id, text_sha256=s.text_sha256)
                               for s in view.signatures])


@router.get("/diagnosis-codes", response_model=PageOut[CodeOut])
def search_codes(services: ServicesDep, actor: ActorDep, q: str = "",
                 cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                 ) -> PageOut[CodeOut]:
    """Billable ICD-10-CM codes whose code starts with `q` or whose description holds its
    words (at most 25), a page at a time; a cursor belongs to its `q`."""
    return page_of(services.pager, lambda: services.problems.search_codes(actor, q),
                   lambda c: c.code, lambda c: CodeOut(code=c.code, description=c.description),
                   cursor=cursor, limit=limit,
                   sort=f"diagnosis-codes:{services.pager.scope(q)}")


@router.get(PROBLEMS, response_model=PageOut[ProblemOut])
def list_problems(client_id: str, services: ServicesDep, actor: ActorDep,
                  cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                  ) -> PageOut[ProblemOut]:
    """The client's problem list, a page at a time."""
    return page_of(services.pager, lambda: services.problems.list_problems(actor, client_id),
                   lambda v: v.problem_id, problem_out, cursor=cursor, limit=limit,
                   sort=f"problems:{client_id}")


@router.post(PROBLEMS, status_code=201, response_model=Created)
def add_problem(client_id: str, body: ProblemIn, services: ServicesDep,
                actor: ActorDep) -> Created:
    return Created(id=services.problems.add(actor, client_id, body.model_dump()))


@router.post(PROBLEMS + "/{problem_id}/resolution", status_code=204)
def resolve_problem(client_id: str, problem_id: str, body: ResolutionIn, services: ServicesDep,
                    actor: ActorDep) -> None:
    services.problems.resolve(actor, client_id, problem_id, body.model_dump())


@router.post(PROBLEMS + "/{problem_id}/primary", status_code=204)
def make_primary(client_id: str, problem_id: str, services: ServicesDep,
                 actor: ActorDep) -> None:
    services.problems.make_primary(actor, client_id, problem_id)


@router.get(PLANS, response_model=PageOut[PlanSummaryOut])
def list_plan_revisions(client_id: str, services: ServicesDep, actor: ActorDep,
                        cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                        ) -> PageOut[PlanSummaryOut]:
    """The treatment plan's revisions, a page at a time."""
    return page_of(services.pager, lambda: services.plans.revisions(actor, client_id),
                   lambda v: v.revision_id, summary_out, cursor=cursor, limit=limit,
                   sort=f"plans:{client_id}")


@router.post(PLANS, status_code=201, response_model=Created)
def save_plan(client_id: str, body: PlanIn, services: ServicesDep, actor: ActorDep) -> Created:
    """Save the plan as a new, unsigned revision."""
    return Created(id=services.plans.save(actor, client_id, body.model_dump()))


@router.get(PLANS + "/{revision_id}", response_model=PlanOut)
def get_plan_revision(client_id: str, revision_id: str, services: ServicesDep,
                      actor: ActorDep) -> PlanOut:
    return plan_out(services.plans.get(actor, client_id, revision_id))


@router.post(PLANS + "/{revision_id}/signature", status_code=201, response_model=Created)
def sign_plan(client_id: str, revision_id: str, body: PlanSignIn, services: ServicesDep,
              actor: ActorDep) -> Created:
    """The clinician signs the newest revision; 409 when the text changed since shown."""
    return Created(id=services.plans.sign(actor, client_id, revision_id,
                                          text_sha256=body.text_sha256))


@router.get("/clients/{client_id}/notes/{note_id}/goals", response_model=NoteGoalsOut)
def note_goals(client_id: str, note_id: str, services: ServicesDep,
               actor: ActorDep) -> NoteGoalsOut:
    return NoteGoalsOut(goal_ids=services.plans.note_goals(actor, client_id, note_id))


@router.put("/clients/{client_id}/notes/{note_id}/goals", status_code=204)
def set_note_goals(client_id: str, note_id: str, body: NoteGoalsIn, services: ServicesDep,
                   actor: ActorDep) -> None:
    """The plan's goals a draft progress note addressed (its author, before signing)."""
    services.plans.set_note_goals(actor, client_id, note_id, body.goal_ids)


# --- the client's side ---------------------------------------------------------------------------
@portal_router.get("/me/plan", response_model=PlanOut)
def my_plan(services: ServicesDep, client: ClientDep) -> PlanOut:
    """The newest plan the clinician signed (404 while there is none)."""
    view = services.plans.current(client.actor, client.client_id)
    if view is None:
        raise NotFound("no treatment plan to read yet")
    return plan_out(view)


@portal_router.post("/me/plan/{revision_id}/signature", status_code=201, response_model=Created)
def sign_my_plan(revision_id: str, body: PortalPlanSignIn, services: ServicesDep,
                 client: ClientDep) -> Created:
    return Created(id=services.plans.sign(client.actor, client.client_id, revision_id,
                                          text_sha256=body.text_sha256,
                                          signer_name=body.signer_name))
