"""A chart's diagnoses and treatment plan on the staff pages: the problem list (search the
ICD-10-CM code set by code or words with a plain GET form whose results fill a datalist; add,
resolve, make primary), the current plan revision with its text and signatures, the clinician's
signature (with a confirmation that says what signing binds), and a form that saves a revised
plan as a new revision. The services decide every submit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from closeddoor.bootstrap import Services
from closeddoor.errors import InvalidInput, NotFound, PolicyDenied, split_problems
from closeddoor.policy import Role
from closeddoor.treatment.plan import MEASURES, MODALITIES
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
NOTICES = {
    "added": "The diagnosis is on the problem list.",
    "resolved": "The diagnosis is marked resolved.",
    "primary": "The primary diagnosis is changed.",
    "saved": "Saved as a new revision. Sign it when it is ready; the client signs after you.",
    "signed": "Signed. The client can now read and sign the plan in the portal.",
}
GOAL_FIELDS = ("goal_id", "goal_code", "goal_text", "measure", "target", "criterion",
               "target_on", "objective_text", "objective_target_on", "intervention_text",
               "modality")
BLANK_ROWS = 2


def _rows(view: Any) -> list[dict[str, Any]]:
    """The current plan as the form's goal rows (one objective and intervention each)."""
    rows: list[dict[str, Any]] = []
    if view is None:
        return rows
    for problem in view.document.problems:
        for goal in problem.goals:
            objective = goal.objectives[0] if goal.objectives else None
            intervention = objective.interventions[0] if objective and objective.interventions \
                else None
            rows.append({
                "goal_id": goal.goal_id, "goal_code": problem.code, "goal_text": goal.text,
                "measure": goal.measure, "target": goal.target or "",
                "criterion": goal.criterion,
                "target_on": goal.target_on.isoformat() if goal.target_on else "",
                "objective_text": objective.text if objective else "",
                "objective_target_on": objective.target_on.isoformat()
                if objective and objective.target_on else "",
                "intervention_text": intervention.text if intervention else "",
                "modality": intervention.modality if intervention else ""})
    return rows


def plan_from_form(form: FormData) -> dict[str, Any]:
    """The goal rows as the plan document the service checks: rows grouped by diagnosis, a row
    with no goal text left out."""
    columns = {name: forms.all_values(form, name) for name in GOAL_FIELDS}
    problems: dict[str, list[dict[str, Any]]] = {}
    for i in range(max((len(v) for v in columns.values()), default=0)):
        row = {name: (values[i].strip() if i < len(values) else "")
               for name, values in columns.items()}
        if not row["goal_text"]:
            continue
        objective: dict[str, Any] = {"text": row["objective_text"],
                                     "target_on": row["objective_target_on"] or None,
                                     "interventions": []}
        if row["intervention_text"] or row["modality"]:
            objective["interventions"].append({"text": row["intervention_text"],
                                               "modality": row["modality"]})
        target: Any = row["target"]
        problems.setdefault(row["goal_code"], []).append({
            "id": row["goal_id"] or None, "text": row["goal_text"], "measure": row["measure"],
            "target": int(target) if target.isdigit() else (target or None),
            "criterion": row["criterion"], "target_on": row["target_on"] or None,
            "objectives": [objective] if row["objective_text"] or objective["interventions"]
            else []})
    return {"review_on": forms.text(form, "review_on"),
            "problems": [{"code": code, "goals": goals} for code, goals in problems.items()]}


def _page(request: Request, services: Services, session: WebSession, client_id: str, *,
          q: str = "", failed: str = "", values: dict[str, Any] | None = None,
          rows: list[dict[str, Any]] | None = None, error: str = "",
          notice: str | None = None, status_code: int = 200) -> Response:
    actor = session.actor
    record = services.charts.get_client(actor, client_id)
    problems = services.problems.list_problems(actor, client_id)
    current = services.plans.current(actor, client_id)
    revisions = services.plans.revisions(actor, client_id)
    found = services.problems.search_codes(actor, q) if q.strip() else []
    may_write = _treats(session, record)
    shown_rows = rows if rows is not None else _rows(current)
    context = chart_context(
        services, session, record, "plan", problems=problems, plan=current,
        revisions=revisions, q=q, found=found, may_write=may_write,
        rows=shown_rows + [{} for _ in range(BLANK_ROWS)],
        review_on=(values or {}).get("review_on") or (
            current.review_on.isoformat() if current else ""),
        measures=list(MEASURES), modalities=list(MODALITIES.items()),
        names=services.accounts.display_names(), failed=failed, values=values or {},
        errors=forms.field_errors(error) if error else {},
        problems_message=split_problems(error) if failed == "plan" and error else [],
        notice=notice)
    return render(request, "pages/plan.html", context, session=session, section="caseload",
                  status_code=status_code)


def _treats(session: WebSession, record: Any) -> bool:
    """Whether to offer the forms (the service decides each submit all the same)."""
    return session.user.role.value in ("clinician", "owner") and any(
        m.user_id == session.user.user_id for m in record.care_team)


@router.get("/clients/{client_id}/plan")
def plan_page(client_id: str, request: Request, services: ServicesDep, session: Page,
              done: str = "") -> Response:
    return _page(request, services, session, client_id, notice=NOTICES.get(done))


@router.post("/clients/{client_id}/plan/code-search")
def search_codes(client_id: str, request: Request, services: ServicesDep, session: FormPost,
                 form: PostedForm) -> Response:
    """The code search is posted, not a GET, so the words searched for (a diagnosis, beside a
    client's id) never land in an address, a browser's history or a log."""
    q = forms.text(form, "q")
    if len(q) > 100:
        return _page(request, services, session, client_id, failed="search",
                     error="q: at most 100 characters", status_code=422)
    return _page(request, services, session, client_id, q=q)


def _submit(request: Request, services: Services, session: WebSession, client_id: str,
            failed: str, done: str, call: Any, values: dict[str, Any] | None = None,
            rows: list[dict[str, Any]] | None = None) -> Response:
    return forms.submit(
        call, lambda error, status: _page(request, services, session, client_id,
                                          failed=failed, values=values, rows=rows,
                                          error=error, status_code=status),
        f"/clients/{client_id}/plan?done={done}")


@router.post("/clients/{client_id}/problems")
def add_problem(client_id: str, request: Request, services: ServicesDep, session: FormPost,
                form: PostedForm) -> Response:
    values: dict[str, Any] = dict(forms.values(form, ("code", "onset_on", "primary")))
    return _submit(request, services, session, client_id, "problem", "added",
                   lambda: services.problems.add(session.actor, client_id, values), values)


@router.post("/clients/{client_id}/problems/{problem_id}/resolution")
def resolve_problem(client_id: str, problem_id: str, request: Request, services: ServicesDep,
                    session: FormPost, form: PostedForm) -> Response:
    values: dict[str, Any] = dict(forms.values(form, ("resolved_on",)))
    return _submit(request, services, session, client_id, problem_id, "resolved",
                   lambda: services.problems.resolve(session.actor, client_id, problem_id,
                                                     values), values)


@router.post("/clients/{client_id}/problems/{problem_id}/primary")
def make_primary(client_id: str, problem_id: str, request: Request, services: ServicesDep,
                 session: FormPost) -> Response:
    return _submit(request, services, session, client_id, problem_id, "primary",
                   lambda: services.problems.make_primary(session.actor, client_id,
                                                          problem_id))


@router.post("/clients/{client_id}/plan")
def save_plan(client_id: str, request: Request, services: ServicesDep, session: FormPost,
              form: PostedForm) -> Response:
    data = plan_from_form(form)
    columns = {name: forms.all_values(form, name) for name in GOAL_FIELDS}
    rows = [{name: (values[i] if i < len(values) else "") for name, values in columns.items()}
            for i in range(len(columns["goal_text"])) if columns["goal_text"][i].strip()]
    return _submit(request, services, session, client_id, "plan", "saved",
                   lambda: services.plans.save(session.actor, client_id, data),
                   {"review_on": data["review_on"]}, rows)


@router.post("/clients/{client_id}/plan/{revision_id}/signature")
def sign_plan(client_id: str, revision_id: str, request: Request, services: ServicesDep,
              session: FormPost, form: PostedForm) -> Response:
    def sign() -> None:
        if forms.text(form, "confirm") != "yes":
            raise InvalidInput("confirm: tick the box to confirm you have read the plan and "
                               "want to sign it")
        services.plans.sign(session.actor, client_id, revision_id,
                            text_sha256=forms.text(form, "text_sha256"))

    return _submit(request, services, session, client_id, "sign", "signed", sign)




# --- the goals a progress note addressed (a fragment of the note page) ---------------------------
def note_goal_choices(services: Services, session: WebSession, client_id: str, note_id: str,
                      *, is_draft_author: bool) -> dict[str, Any] | None:
    """The current plan's goals and those this note named, for `_fragments/note_goals.html`;
    None when the viewer may not read the plan or the client has none."""
    try:
        goals, chosen = services.plans.goals_for_note(session.actor, client_id, note_id)
    except (PolicyDenied, NotFound):
        return None
    if not goals:
        return None
    return {"goals": [(g.goal_id, g.text, g.measurable) for g in goals],
            "chosen": chosen, "editable": is_draft_author}


@router.post("/clients/{client_id}/notes/{note_id}/goals")
def set_note_goals(client_id: str, note_id: str, services: ServicesDep, session: FormPost,
                   form: PostedForm) -> Response:
    services.plans.set_note_goals(session.actor, client_id, note_id,
                                  forms.all_values(form, "goal_ids"))
    return RedirectResponse(f"/clients/{client_id}/notes/{note_id}?saved=goals#goals-heading",
                            status_code=303)


def diagnosis_choices(services: Services, session: WebSession,
                      client_id: str) -> list[tuple[str, str]]:
    """The client's active diagnoses for the appointment form's code field; empty for those who
    may not read the problem list (front desk types the code; the service checks it)."""
    if session.user.role is Role.BILLING:  # never asks: a refusal would only fill the audit
        return []
    try:
        problems = services.problems.list_problems(session.actor, client_id)
    except (PolicyDenied, NotFound):
        return []
    return [(p.code, p.description) for p in problems if p.status == "active"]
