"""Issue 12, requests for restrictions (45 CFR 164.522(a)), on SQLite and PostgreSQL: asking,
agreeing, refusing and ending; the self-pay kind the practice must agree to and may not end;
the append-only record and its database guards; and enforcement where disclosures leave: a
matching disclosure refused, a legal basis allowed, an emergency allowed with the statement,
an authorization signed after the restriction allowed and one signed before refused."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy.exc import DBAPIError

from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
from closeddoor.policy import Actor, Role
from tests.factories import (
    AuthorizationFactory,
    ClientFactory,
    Practice,
    authorized_request,
    duty_to_warn_request,
    marker,
)
from tests.integration.helpers import is_postgres, scalar, sql

PSYCHIATRY = {"recipient_kind": "named", "recipient_organization": "Synthetic Psychiatry Group",
              "details": "Please keep my records from the psychiatry group (synthetic)."}
SELF_PAY = {"kind": "self_pay", "services_from": "2026-02-01", "services_to": "2026-02-28",
            "details": "I paid for February myself (synthetic)."}
HEALTH_PLAN_CLAIM = {
    "authority": "authorization", "recipient_name": "Claims Unit",
    "recipient_organization": "Synthetic Health Plan", "recipient_contact": "fax 555-0123",
    "recipient_kind": "health_plan", "purpose_kind": "payment",
    "categories": ["attendance"], "purpose": "Claim for payment (synthetic)"}


@pytest.fixture
def client_id(practice: Practice) -> str:
    return ClientFactory.create(practice, "clinician1")


def the_client(client_id: str) -> Actor:
    return Actor("portal:synthetic", Role.CLIENT, client_id=client_id)


def ask(practice: Practice, client_id: str, terms: dict[str, Any]) -> str:
    return practice.services.restrictions.ask(the_client(client_id), client_id, terms)


def agreed(practice: Practice, client_id: str, terms: dict[str, Any], **answer: Any) -> str:
    restriction_id = ask(practice, client_id, terms)
    practice.services.restrictions.agree(practice.actor("clinician1"), client_id,
                                         restriction_id, answer)
    return restriction_id


def status(practice: Practice, client_id: str, restriction_id: str) -> str:
    view = practice.services.restrictions.get(the_client(client_id), client_id, restriction_id)
    return view.status.value


def disclose(practice: Practice, client_id: str, body: dict[str, Any]) -> Any:
    return practice.services.disclosures.request(practice.actor("clinician1"), client_id, body)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# --- asking and answering ---------------------------------------------------------------------
def test_client_sees_the_answer_when_a_request_is_agreed_or_refused_with_a_reason(
        practice: Practice, client_id: str) -> None:
    services = practice.services
    words = marker("limit")
    kept = agreed(practice, client_id, {"recipient_kind": "family", "details": words})
    refused = ask(practice, client_id, {"recipient_kind": "provider",
                                        "categories": ["diagnosis"]})
    reason = "Your psychiatrist needs the diagnosis to prescribe safely (synthetic)."
    services.restrictions.refuse(practice.actor("clinician1"), client_id, refused,
                                 {"reason": reason})
    views = {v.restriction_id: v
             for v in services.restrictions.list_restrictions(the_client(client_id), client_id)}
    assert views[kept].status.value == "agreed" and views[kept].terms.details == words
    assert views[refused].status.value == "refused" and views[refused].state.answer == reason
    # Answered once: a second answer is a conflict and changes nothing.
    with pytest.raises(ConflictError):
        services.restrictions.refuse(practice.actor("clinician1"), client_id, kept,
                                     {"reason": reason})
    assert status(practice, client_id, kept) == "agreed"
    # Sealed: the client's words are not in the database in the clear.
    rows = sql(practice, "SELECT terms_sealed FROM restrictions")
    assert all(words.encode() not in bytes(r[0]) for r in rows)


def test_staff_record_an_oral_request_when_the_client_asks_in_the_office(
        practice: Practice, client_id: str) -> None:
    services = practice.services
    with pytest.raises(InvalidInput, match="received_via: written or oral"):
        services.restrictions.ask(practice.actor("clinician1"), client_id,
                                  {"recipient_kind": "family", "details": "Synthetic."})
    restriction_id = services.restrictions.ask(
        practice.actor("clinician1"), client_id,
        {"recipient_kind": "family", "details": "Synthetic.", "received_via": "oral"})
    assert services.restrictions.get(practice.actor("clinician1"), client_id,
                                     restriction_id).received_via.value == "oral"


def test_every_problem_named_at_once_when_a_request_is_incomplete(
        practice: Practice, client_id: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        ask(practice, client_id, {"recipient_kind": "insurer", "purposes": ["marketing"]})
    assert "recipient_kind: choose one of" in str(refused.value)
    assert "purposes: choose one of" in str(refused.value)
    with pytest.raises(InvalidInput, match="services_from: give the first and last dates"):
        ask(practice, client_id, {"kind": "self_pay"})
    assert scalar(practice, "SELECT count(*) FROM restrictions") == 0


# --- the self-pay kind, 164.522(a)(1)(vi) and (a)(2)(iii) -------------------------------------
def test_self_pay_restriction_cannot_be_refused_when_the_client_paid_in_full(
        practice: Practice, client_id: str) -> None:
    services = practice.services
    restriction_id = ask(practice, client_id, SELF_PAY)
    with pytest.raises(ConflictError, match=r"164\.522\(a\)\(1\)\(vi\)"):
        services.restrictions.refuse(practice.actor("clinician1"), client_id, restriction_id,
                                     {"reason": "We bill every visit to the plan (synthetic)."})
    with pytest.raises(InvalidInput, match="paid_in_full"):
        services.restrictions.agree(practice.actor("clinician1"), client_id, restriction_id, {})
    assert status(practice, client_id, restriction_id) == "requested"
    services.restrictions.agree(practice.actor("owner"), client_id, restriction_id,
                                {"paid_in_full": True})
    assert status(practice, client_id, restriction_id) == "agreed"


def test_self_pay_restriction_cannot_be_ended_by_the_practice_when_agreed(
        practice: Practice, client_id: str) -> None:
    services = practice.services
    restriction_id = agreed(practice, client_id, SELF_PAY, paid_in_full=True)
    with pytest.raises(ConflictError, match=r"164\.522\(a\)\(2\)\(iii\)"):
        services.restrictions.terminate(practice.actor("clinician1"), client_id, restriction_id,
                                        {"ended_by": "practice",
                                         "note": "Told the client by letter (synthetic)."})
    assert status(practice, client_id, restriction_id) == "agreed"
    services.restrictions.terminate(the_client(client_id), client_id, restriction_id, {})
    assert status(practice, client_id, restriction_id) == "terminated"


def test_self_pay_services_withheld_from_the_health_plan_when_agreed(
        practice: Practice, client_id: str) -> None:
    authorization = AuthorizationFactory.create(
        practice, client_id, recipient_name="Claims Unit",
        recipient_organization="Synthetic Health Plan", categories=["attendance"],
        records_from="2026-01-01", records_to="2026-06-30")
    practice.clock.advance(timedelta(minutes=1))
    restriction_id = ask(practice, client_id, SELF_PAY)
    claim = {**HEALTH_PLAN_CLAIM, "authorization_id": authorization}
    # In force as soon as it is asked: the practice may not refuse it.
    with pytest.raises(ConflictError, match=f"restriction {restriction_id}"):
        disclose(practice, client_id, {**claim, "records_from": "2026-02-10",
                                       "records_to": "2026-02-10"})
    practice.services.restrictions.agree(practice.actor("owner"), client_id, restriction_id,
                                         {"paid_in_full": True})
    # A claim touching the February services the client paid for is refused, naming the
    # restriction; one for January alone goes.
    with pytest.raises(ConflictError, match=f"restriction {restriction_id}"):
        disclose(practice, client_id, {**claim, "records_from": "2026-02-10",
                                       "records_to": "2026-03-10"})
    january = disclose(practice, client_id, {**claim, "records_from": "2026-01-05",
                                             "records_to": "2026-01-30"})
    assert january.status == "ready"
    # Not stating that the recipient is a health plan does not slip past it (fail closed).
    unstated = {k: v for k, v in claim.items() if k not in ("recipient_kind", "purpose_kind")}
    with pytest.raises(ConflictError, match="recipient_kind"):
        disclose(practice, client_id, {**unstated, "records_from": "2026-02-01",
                                       "records_to": "2026-02-28"})


# --- ending, 164.522(a)(2) --------------------------------------------------------------------
def test_practice_ends_a_restriction_only_for_information_created_after_it_told_the_client(
        practice: Practice, client_id: str) -> None:
    services = practice.services
    restriction_id = agreed(practice, client_id, PSYCHIATRY)
    authorization = AuthorizationFactory.create(practice, client_id,
                                                records_from="2026-01-01",
                                                records_to="2026-12-31")
    with pytest.raises(InvalidInput, match="note: say how and when the client was told"):
        services.restrictions.terminate(practice.actor("clinician1"), client_id,
                                        restriction_id, {"ended_by": "practice"})
    services.restrictions.terminate(practice.actor("clinician1"), client_id, restriction_id,
                                    {"ended_by": "practice",
                                     "note": "Told the client in session on 2 March (synthetic)."})
    practice.clock.advance(timedelta(days=30))
    older = authorized_request(authorization, records_from="2026-01-01",
                               records_to="2026-03-31")
    with pytest.raises(ConflictError, match=f"restriction {restriction_id}"):
        disclose(practice, client_id, older)
    newer = authorized_request(authorization, records_from="2026-03-03",
                               records_to="2026-03-31")
    assert disclose(practice, client_id, newer).status == "ready"


def test_client_ends_a_restriction_at_once_when_they_ask_orally_and_staff_document_it(
        practice: Practice, client_id: str) -> None:
    services = practice.services
    restriction_id = agreed(practice, client_id, PSYCHIATRY)
    services.restrictions.terminate(practice.actor("clinician1"), client_id, restriction_id,
                                    {"ended_by": "client", "received_via": "oral",
                                     "note": "Client asked in session to lift it (synthetic)."})
    view = services.restrictions.get(practice.actor("clinician1"), client_id, restriction_id)
    assert (view.status.value, view.ended_via, view.state.ended_by.value
            if view.state.ended_by else "") == ("terminated", "oral", "client")
    authorization = AuthorizationFactory.create(practice, client_id)
    practice.clock.advance(timedelta(minutes=1))
    assert disclose(practice, client_id, authorized_request(authorization)).status == "ready"
    with pytest.raises(ConflictError):
        services.restrictions.terminate(the_client(client_id), client_id, restriction_id, {})


# --- enforcement at the door ------------------------------------------------------------------
def test_matching_disclosure_refused_when_its_authorization_was_signed_before_the_restriction(
        practice: Practice, client_id: str) -> None:
    authorization = AuthorizationFactory.create(practice, client_id)
    practice.clock.advance(timedelta(minutes=1))
    restriction_id = agreed(practice, client_id, PSYCHIATRY)
    with pytest.raises(ConflictError) as refused:
        disclose(practice, client_id, authorized_request(authorization))
    message = str(refused.value)
    assert f"restriction {restriction_id}" in message
    assert "signing a new authorization" in message
    assert scalar(practice, "SELECT count(*) FROM disclosures") == 0
    # The client confirms by signing a new authorization after the restriction: it goes.
    practice.clock.advance(timedelta(minutes=1))
    confirmed = AuthorizationFactory.create(practice, client_id)
    assert disclose(practice, client_id, authorized_request(confirmed)).status == "ready"


def test_disclosure_refused_at_release_when_a_restriction_was_agreed_after_the_request(
        practice: Practice, client_id: str) -> None:
    authorization = AuthorizationFactory.create(practice, client_id)
    view = disclose(practice, client_id, authorized_request(authorization))
    practice.clock.advance(timedelta(minutes=1))
    agreed(practice, client_id, PSYCHIATRY)
    with pytest.raises(ConflictError, match="restriction"):
        practice.services.disclosures.release(practice.actor("clinician1"), client_id,
                                              view.disclosure_id)


def test_unrelated_disclosure_allowed_when_the_restriction_names_someone_else(
        practice: Practice, client_id: str) -> None:
    authorization = AuthorizationFactory.create(practice, client_id)
    practice.clock.advance(timedelta(minutes=1))
    agreed(practice, client_id, {"recipient_kind": "named",
                                 "recipient_name": "Robin Relative (synthetic)"})
    agreed(practice, client_id, {"recipient_kind": "provider", "categories": ["diagnosis"]})
    assert disclose(practice, client_id, authorized_request(authorization)).status == "ready"


def test_legal_basis_disclosure_allowed_when_a_restriction_covers_it(
        practice: Practice, client_id: str) -> None:
    agreed(practice, client_id, {"recipient_kind": "any", "details": "Share nothing (synthetic)."})
    view = disclose(practice, client_id, duty_to_warn_request())
    assert view.status in ("ready", "pending-approval")
    assert view.restriction_statement == ""


def test_emergency_disclosure_allowed_with_the_statement_when_restricted(
        practice: Practice, client_id: str) -> None:
    agreed(practice, client_id, {"recipient_kind": "provider", "details": "Synthetic."})
    view = disclose(practice, client_id, duty_to_warn_request(
        legal_basis="medical_emergency", treating_provider="Synthetic General ED",
        recipient_kind="provider", threatened_party=None, threat_to=None, threat=None,
        good_faith_belief=None, recipient_type=None))
    assert "not to use or disclose it further" in view.restriction_statement
    packet = practice.services.disclosures.release(practice.actor("clinician1"), client_id,
                                                   view.disclosure_id)
    assert "not to use or disclose it" in " ".join(pdf_text(packet.pdf).split())


# --- who may --------------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["billing", "clinician2", "supervisor2"])
def test_restrictions_refused_when_the_caller_is_not_on_the_care_team(
        practice: Practice, client_id: str, who: str) -> None:
    restriction_id = ask(practice, client_id, PSYCHIATRY)
    services = practice.services
    with pytest.raises((NotFound, PolicyDenied)):
        services.restrictions.list_restrictions(practice.actor(who), client_id)
    with pytest.raises((NotFound, PolicyDenied)):
        services.restrictions.agree(practice.actor(who), client_id, restriction_id, {})
    assert status(practice, client_id, restriction_id) == "requested"


def test_another_clients_restriction_is_not_found_when_asked_under_this_client(
        practice: Practice, client_id: str) -> None:
    other = ClientFactory.create(practice, "clinician1")
    restriction_id = ask(practice, other, PSYCHIATRY)
    services = practice.services
    with pytest.raises(NotFound):
        services.restrictions.get(the_client(client_id), client_id, restriction_id)
    with pytest.raises(NotFound):
        services.restrictions.agree(practice.actor("clinician1"), client_id, restriction_id, {})
    with pytest.raises(NotFound):  # a client may not learn that another chart exists
        services.restrictions.ask(the_client(client_id), other, PSYCHIATRY)
    assert status(practice, other, restriction_id) == "requested"


# --- the append-only record -------------------------------------------------------------------
@pytest.mark.parametrize("table", ["restrictions", "restriction_events"])
@pytest.mark.parametrize("verb", ["UPDATE", "DELETE"])
def test_database_refuses_change_when_a_restriction_row_is_edited_or_deleted(
        practice: Practice, client_id: str, table: str, verb: str) -> None:
    agreed(practice, client_id, PSYCHIATRY)
    before = scalar(practice, f"SELECT count(*) FROM {table}")
    assert before == 1
    statement = {"UPDATE": f"UPDATE {table} SET kind = 'forged'",
                 "DELETE": f"DELETE FROM {table} WHERE client_id = :c"}[verb]
    with pytest.raises(DBAPIError, match="append-only"):
        sql(practice, statement, c=client_id)
    assert scalar(practice, f"SELECT count(*) FROM {table}") == before
    assert scalar(practice, f"SELECT count(*) FROM {table} WHERE kind = 'forged'") == 0
    wipe = f"TRUNCATE {table} CASCADE" if is_postgres(practice) else f"DELETE FROM {table}"
    with pytest.raises(DBAPIError, match="append-only"):
        sql(practice, wipe)


def test_billing_sees_self_paid_appointments_marked_and_nothing_of_the_request(
        practice: Practice, client_id: str) -> None:
    charts = practice.services.charts
    clinician = practice.actor("clinician1")
    for starts_at in ("2026-03-09T10:00:00", "2026-04-06T10:00:00"):
        charts.create_appointment(clinician, client_id, {"starts_at": starts_at,
                                                         "cpt_code": "90834"})
    words = marker("selfpay")
    ask(practice, client_id, {"kind": "self_pay", "services_from": "2026-03-01",
                              "services_to": "2026-03-31", "details": words})
    views = charts.list_appointments(practice.actor("billing"), client_id)
    marked = {v.starts_at.date().isoformat(): v.paid_by_client for v in views}
    assert marked == {"2026-03-09": True, "2026-04-06": False}
    with pytest.raises((NotFound, PolicyDenied)):
        practice.services.restrictions.list_restrictions(practice.actor("billing"), client_id)
    assert all(words not in str(v) for v in views)
