"""A demo practice of synthetic people from a fixed seed: five staff, N clients with
appointments and notes. Names come from zxcvbn's frequency lists; nobody here is real."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.bootstrap import Services
from closeddoor.disclosure.authorization import DEFAULT_STATEMENTS
from closeddoor.policy import Actor

DEMO_PASSWORD = "demo-practice-insecure-passphrase"  # noqa: S105 (public, demo data only)
DEMO_TIME_ZONE = "America/Chicago"  # the demo practice's zone (docs/scheduling.md)
STAFF = (
    ("owner", "Olive Owner (demo)", "owner", None),
    ("supervisor", "Sam Supervisor (demo)", "supervisor", None),
    ("clinician1", "Casey Clinician (demo)", "clinician", "supervisor"),
    ("clinician2", "Jordan Clinician (demo)", "clinician", None),
    ("billing", "Bailey Billing (demo)", "billing", None),
)
FULL_CHARTS = 100  # clients with sessions and notes (a week of slots for each clinician)
BULK_BATCH = 500  # the others, registered this many to a transaction
_CONCERNS = ("work stress", "sleep trouble", "grief after a loss", "panic in crowded places",
             "conflict with a sibling", "low mood in winter", "adjusting to a move")
_INTERVENTIONS = ("cognitive restructuring", "behavioural activation", "sleep hygiene planning",
                  "graded exposure", "values clarification", "breathing practice")


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    password: str
    usernames: tuple[str, ...]


def _names(kind: str) -> list[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return [n.capitalize() for n in FREQUENCY_LISTS[kind][:400] if n.isalpha() and len(n) > 2]


def _release_to_psychiatrist(services: Services, actor: Actor, client_id: str,
                             today: date) -> None:
    """The first client authorized a release to a (synthetic) psychiatrist, and it left."""
    authorization_id = services.authorizations.create(actor, client_id, {
        "categories": ["attendance", "progress_notes"],
        "records_from": (today - timedelta(weeks=8)).isoformat(),
        "records_to": today.isoformat(), "discloser": "Demo practice (synthetic data)",
        "recipient_name": "Dr. Morgan Example (demo)",
        "recipient_organization": "Example Psychiatry (synthetic)",
        "recipient_contact": "secure fax 555-0142", "purpose": "Medication evaluation",
        "expires_on": (today + timedelta(days=180)).isoformat(),
        "statements": dict(DEFAULT_STATEMENTS)})
    form = services.authorizations.form(actor, client_id, authorization_id)
    services.authorizations.sign(actor, client_id, authorization_id, text_sha256=form.sha256,
                                 signer_name="Demo client", signer_kind=form.signer_rule
                                 if form.signer_rule != "either" else "client",
                                 guardian_relation="parent" if form.signer_rule == "guardian"
                                 else "")
    terms = form.view.terms
    disclosure = services.disclosures.request(actor, client_id, {
        "authority": "authorization", "authorization_id": authorization_id,
        "recipient_name": terms.recipient.name,
        "recipient_organization": terms.recipient.organization,
        "recipient_contact": terms.recipient.contact, "categories": ["attendance"],
        "purpose": terms.purpose})
    services.disclosures.release(actor, client_id, disclosure.disclosure_id)


def populate(services: Services, *, password: str = DEMO_PASSWORD, clients: int = 20,
             seed: int = 7, time_zone: str | None = None) -> DemoSummary:
    """Staff, clients, a month of sessions and notes (for the first FULL_CHARTS clients; the
    rest of a large practice is registered in bulk, on no caseload). With `time_zone` the
    practice runs in it (`closeddoor demo` uses DEMO_TIME_ZONE) and the sessions are booked in
    its local hours; without, in UTC (the tests' practices)."""
    rng = random.Random(seed)
    users = {}
    for username, display_name, role, supervisor in STAFF:
        users[username] = services.accounts.add_user(
            SYSTEM_ACTOR, username=username, display_name=display_name, role=role,
            password=password, supervisor_username=supervisor)
    # The demo's consent form is published unreviewed, and its text says so (a real practice's
    # first version waits for the owner to record its review: see docs/consent.md).
    services.consent.publish_demo_version(users["owner"].actor)
    # So is its Notice of Privacy Practices (docs/notice-of-privacy-practices.md).
    services.notice.publish_demo_version(users["owner"].actor)
    if time_zone is not None:
        services.charts.update_scheduling_settings(users["owner"].actor, time_zone, 24)
        services.calendar.set_rooms(users["owner"].actor, ["Room 1", "Room 2"])
    given = _names("female_names") + _names("male_names")
    family = _names("surnames")
    today = services.runtime.now().date()
    clinicians = (users["clinician1"], users["clinician2"])
    charted = min(clients, FULL_CHARTS)
    for index in range(charted):
        clinician = clinicians[0] if index < (charted + 1) // 2 else clinicians[1]
        actor = clinician.actor
        first, last = rng.choice(given), rng.choice(family)
        client_id = services.charts.create_client(actor, {
            "given_name": first, "family_name": last,
            "date_of_birth": date(rng.randint(1950, 2004), rng.randint(1, 12),
                                  rng.randint(1, 28)).isoformat(),
            "phone": f"555-01{rng.randint(0, 99):02d}",
            "email": f"{first.lower()}.{last.lower()}@example.org",
        })
        concern = rng.choice(_CONCERNS)
        # Video sessions need the client's telehealth consent (records/appointments.py).
        services.consent.update_preferences(actor, client_id, {"telehealth": "granted"})
        # Each clinician's clients get their own slot (no double booking): a weekday and an
        # hour from the client's place on the caseload, and the clinician's own room.
        slot = index if clinician is clinicians[0] else index - (charted + 1) // 2
        room = "Room 1" if clinician is clinicians[0] else "Room 2"
        # The diagnosis billed is picked from the client's problem list (docs/treatment-plans.md).
        diagnosis = rng.choice(["F41.1", "F32.1", "F43.21"])
        services.problems.add(actor, client_id, {"code": diagnosis})
        if index % 2 == 0:  # every other client has a treatment plan, signed by the clinician
            _demo_plan(services, actor, client_id, diagnosis, today)
        for weeks_ago in (3, 2, 1, -1):
            day = today - timedelta(weeks=weeks_ago) + timedelta(days=slot // 8)
            # A wall-clock time: the booking reads it in the practice's zone.
            starts_at = datetime.combine(day, time(9 + slot % 8, 0))
            appointment_id = services.charts.create_appointment(actor, client_id, {
                "starts_at": starts_at, "duration_minutes": 50,
                "modality": "telehealth" if weeks_ago == 2 else "in_person",
                "room": "" if weeks_ago == 2 else room,
                "status": "scheduled" if weeks_ago < 0 else "attended",
                "cpt_code": "90834", "icd10_code": diagnosis,
                "fee_cents": 15000,
            })
            if weeks_ago > 1:
                services.notes.create_note(actor, client_id, {
                    "kind": "progress", "format": "soap", "session_date": day.isoformat(),
                    "appointment_id": appointment_id, "sign": True,
                    "sections": {
                        "subjective": f"Client described {concern} this week.",
                        "objective": "Alert, engaged, affect congruent with content.",
                        "assessment": "Making steady progress toward treatment goals.",
                        "plan": f"Continue {rng.choice(_INTERVENTIONS)}; meet next week.",
                    },
                })
        if index % 3 == 0:
            services.notes.create_note(actor, client_id, {
                "kind": "psychotherapy", "format": "free",
                "body": f"Process note: my own reactions while we explored {concern}.",
            })
        if index == 0:
            _release_to_psychiatrist(services, actor, client_id, today)
    _register_many(services, users["owner"].actor, clients - charted, rng, given, family)
    return DemoSummary(clients, password, tuple(u for u, *_ in STAFF))


def _register_many(services: Services, owner: Actor, count: int, rng: random.Random,
                   given: list[str], family: list[str]) -> None:
    """A large practice's other clients: registered by the owner (on no one's caseload yet),
    with demographics and contacts only, `BULK_BATCH` to a transaction."""
    for start in range(0, count, BULK_BATCH):
        rows = []
        for _ in range(min(BULK_BATCH, count - start)):
            first, last = rng.choice(given), rng.choice(family)
            rows.append({
                "given_name": first, "family_name": last,
                "date_of_birth": date(rng.randint(1950, 2004), rng.randint(1, 12),
                                      rng.randint(1, 28)).isoformat(),
                "phone": f"555-01{rng.randint(0, 99):02d}",
                "email": f"{first.lower()}.{last.lower()}@example.org",
            })
        services.charts.create_clients(owner, rows)


def _demo_plan(services: Services, actor: Actor, client_id: str, diagnosis: str,
               today: date) -> None:
    """A synthetic one-goal plan measured by the PHQ-9 or GAD-7, signed by the clinician."""
    measure = "GAD-7" if diagnosis == "F41.1" else "PHQ-9"
    revision_id = services.plans.save(actor, client_id, {
        "review_on": (today + timedelta(days=5 if measure == "GAD-7" else 60)).isoformat(),
        "problems": [{"code": diagnosis, "goals": [{
            "text": "Feel well enough to keep up with work and friends (synthetic)",
            "measure": measure, "target": 10,
            "target_on": (today + timedelta(days=120)).isoformat(),
            "objectives": [{"text": "Practise one coping skill most days (synthetic)",
                            "target_on": None, "interventions": [
                                {"text": "Skills practice in session (synthetic)",
                                 "modality": "cbt"}]}]}]}]})
    view = services.plans.get(actor, client_id, revision_id)
    services.plans.sign(actor, client_id, revision_id, text_sha256=view.text_sha256)
