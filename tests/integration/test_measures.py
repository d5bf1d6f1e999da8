"""Outcome measures (issue 15, docs/measures.md), on SQLite and PostgreSQL: the API contract
(201 with score, band and flag; 422 naming each bad answer, nothing stored), the care team
reads and billing never does, the PHQ-9 item-9 flag raised at once (audited) for the treating
clinician only and reviewed once, the client completes what was asked in the portal (their own
requests only, once), results sealed and the tables append-only."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
from closeddoor.portal.model import PortalPrincipal
from tests.factories import ClientFactory, Practice
from tests.integration.helpers import Api, sql
from tests.portal.helpers import CLIENT_PASSWORD, PortalClient, portal_client

PHQ9_FLAGGED = [1, 1, 2, 1, 0, 1, 0, 0, 1]  # 7, mild, question 9 above 0
GAD7_SEVERE = [3, 3, 3, 2, 2, 2, 1]  # 16


def principal_of(practice: Practice, client: PortalClient) -> PortalPrincipal:
    return practice.services.portal.sign_in(client.username, CLIENT_PASSWORD,
                                            address="192.0.2.45").principal


def audit_rows(practice: Practice, client_id: str) -> list[tuple[str, str, str]]:
    return [(r[0], r[1], r[2]) for r in sql(
        practice, "SELECT tag, outcome, details FROM audit_events WHERE client_id = :c "
        "ORDER BY seq", c=client_id)]


def test_post_scores_and_bands_when_clinician_enters_a_measure(
        shared_practice: Practice, shared_api: Api) -> None:
    client_id = ClientFactory.create(shared_practice, "clinician1")
    path = f"/clients/{client_id}/measures"
    made = shared_api.post(path, "clinician1", {"instrument": "GAD-7", "answers": GAD7_SEVERE})
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["score"], body["severity"], body["safety_flag"]) == (16, "severe", False)
    assert body["id"] and body["answers"] == GAD7_SEVERE and body["source"] == "session"
    phq = shared_api.post(path, "clinician1", {"instrument": "PHQ-9",
                                               "answers": [2, 2, 2, 2, 2, 2, 2, 1, 0]})
    assert phq.json()["severity"] == "moderately severe" and not phq.json()["safety_flag"]
    listed = shared_api.get(path, "supervisor")  # the supervisor of clinician1 reads
    assert listed.status_code == 200
    assert [m["score"] for m in listed.json()["items"]] == [16, 15]


@pytest.mark.parametrize(("who", "status"), [("billing", 403), ("owner", 403),
                                             ("clinician2", 404), ("supervisor2", 404)])
def test_measures_refused_when_caller_is_not_the_care_team(
        shared_practice: Practice, shared_api: Api, who: str, status: int) -> None:
    client_id = ClientFactory.create(shared_practice, "clinician1")
    path = f"/clients/{client_id}/measures"
    shared_api.post(path, "clinician1", {"instrument": "PHQ-9", "answers": PHQ9_FLAGGED})
    for response in (shared_api.get(path, who),
                     shared_api.post(path, who, {"instrument": "PHQ-9", "answers": [0] * 9}),
                     shared_api.get(f"/clients/{client_id}/safety-flags", who)):
        assert response.status_code == status, response.text
        assert "score" not in response.text and "mild" not in response.text
    denied = [r for r in audit_rows(shared_practice, client_id) if r[1] == "deny"]
    assert {r[0] for r in denied} >= {"record:measure:read", "record:measure:create"}


def test_out_of_range_answers_get_422_naming_each_and_store_nothing(
        shared_practice: Practice, shared_api: Api) -> None:
    client_id = ClientFactory.create(shared_practice, "clinician1")
    path = f"/clients/{client_id}/measures"
    refused = shared_api.post(path, "clinician1",
                              {"instrument": "PHQ-9", "answers": [0, 4, 0, 0, 0, 0, 0, 0, -1]})
    assert refused.status_code == 422
    assert "item_2" in refused.text and "item_9" in refused.text
    assert shared_api.post(path, "clinician1", {"instrument": "PCL-5", "answers": [1] * 19}
                           ).status_code == 422
    assert shared_api.post(path, "clinician1", {"instrument": "BDI", "answers": [1] * 21}
                           ).status_code == 422
    assert shared_api.post(path, "clinician1", {"instrument": "GAD-7",
                                                "answers": [True, 0, 0, 0, 0, 0, 0]}
                           ).status_code == 422
    assert sql(shared_practice, "SELECT id FROM measures WHERE client_id = :c", c=client_id) == []
    assert not [r for r in audit_rows(shared_practice, client_id)
                if r[0] == "record:measure:create"]


def test_item_9_raises_flag_at_once_for_treating_clinician_only(
        shared_practice: Practice, shared_api: Api) -> None:
    services = shared_practice.services
    client_id = ClientFactory.create(shared_practice, "clinician1")
    made = shared_api.post(f"/clients/{client_id}/measures", "clinician1",
                           {"instrument": "PHQ-9", "answers": PHQ9_FLAGGED})
    assert made.json()["safety_flag"] is True and made.json()["severity"] == "mild"
    [flag] = shared_api.get(f"/clients/{client_id}/safety-flags", "clinician1").json()["items"]
    assert flag["measure_id"] == made.json()["id"] and flag["reviewed_at"] is None
    raised = [r for r in audit_rows(shared_practice, client_id)
              if r[0] == "record:safety-flag:raise"]
    assert len(raised) == 1 and raised[0][1] == "ok"
    assert json.loads(raised[0][2])["measure"] == made.json()["id"]
    # The treating clinician's home page lists it; nobody else's does.
    mine = services.measures.open_flags_for(shared_practice.actor("clinician1"))
    assert client_id in {f.client_id for f in mine}
    assert next(f for f in mine if f.client_id == client_id).client_name
    for other in ("billing", "supervisor", "clinician2"):
        assert client_id not in {f.client_id for f in services.measures.open_flags_for(
            shared_practice.actor(other))}
    # A supervisor may read the flag on the chart but not review it; billing neither.
    assert shared_api.post(f"/clients/{client_id}/safety-flags/{flag['id']}/review",
                           "supervisor").status_code == 403
    assert shared_api.post(f"/clients/{client_id}/safety-flags/{flag['id']}/review",
                           "billing").status_code == 403
    reviewed = shared_api.post(f"/clients/{client_id}/safety-flags/{flag['id']}/review",
                               "clinician1")
    assert reviewed.status_code == 204
    again = shared_api.post(f"/clients/{client_id}/safety-flags/{flag['id']}/review",
                            "clinician1")
    assert again.status_code == 409
    [closed] = shared_api.get(f"/clients/{client_id}/safety-flags", "clinician1").json()["items"]
    assert closed["reviewed_at"] is not None
    assert client_id not in {f.client_id for f in services.measures.open_flags_for(
        shared_practice.actor("clinician1"))}
    assert ("record:safety-flag:review", "ok") in [
        (r[0], r[1]) for r in audit_rows(shared_practice, client_id)]


def test_flag_of_another_client_is_not_found_when_reviewed_through_this_chart(
        shared_practice: Practice, shared_api: Api) -> None:
    mine = ClientFactory.create(shared_practice, "clinician1")
    theirs = ClientFactory.create(shared_practice, "clinician1")
    shared_api.post(f"/clients/{theirs}/measures", "clinician1",
                    {"instrument": "PHQ-9", "answers": PHQ9_FLAGGED})
    [flag] = shared_api.get(f"/clients/{theirs}/safety-flags", "clinician1").json()["items"]
    assert shared_api.post(f"/clients/{mine}/safety-flags/{flag['id']}/review",
                           "clinician1").status_code == 404


def test_client_completes_what_was_asked_in_the_portal_once(shared_practice: Practice) -> None:
    services = shared_practice.services
    client = portal_client(shared_practice, "measures.alpha")
    me = principal_of(shared_practice, client)
    clinician = shared_practice.actor("clinician1")
    request_id = services.measures.request(clinician, client.client_id, "PHQ-9")
    with pytest.raises(ConflictError):  # the same instrument is already waiting
        services.measures.request(clinician, client.client_id, "PHQ-9")
    [asked] = services.measures.client_requests(me)
    assert (asked.request_id, asked.instrument) == (request_id, "PHQ-9")
    with pytest.raises(InvalidInput, match="item_3"):
        services.measures.complete(me, request_id, [0, 0, 9, 0, 0, 0, 0, 0, 0])
    assert services.measures.client_requests(me)  # bad answers changed nothing
    services.measures.complete(me, request_id, PHQ9_FLAGGED)
    assert services.measures.client_requests(me) == []
    with pytest.raises(ConflictError):
        services.measures.complete(me, request_id, PHQ9_FLAGGED)
    [measure] = services.measures.measures(clinician, client.client_id)
    assert (measure.source, measure.score, measure.safety_flag) == ("portal", 7, True)
    assert [f.measure_id for f in services.measures.flags(clinician, client.client_id)] == [
        measure.measure_id]
    tags = [(r[0], r[1]) for r in audit_rows(shared_practice, client.client_id)]
    assert ("portal:measure:create", "ok") in tags
    assert ("record:safety-flag:raise", "ok") in tags


def test_client_cannot_reach_another_clients_request_when_guessing_its_id(
        shared_practice: Practice) -> None:
    services = shared_practice.services
    alice = portal_client(shared_practice, "measures.beta")
    bob = portal_client(shared_practice, "measures.gamma")
    bobs = services.measures.request(shared_practice.actor("clinician1"), bob.client_id, "GAD-7")
    alice_me = principal_of(shared_practice, alice)
    with pytest.raises(NotFound):
        services.measures.client_request(alice_me, bobs)
    with pytest.raises(NotFound):
        services.measures.complete(alice_me, bobs, [0] * 7)
    assert services.measures.client_requests(alice_me) == []
    # Nor may a client read the chart's measures through the staff service.
    with pytest.raises((NotFound, PolicyDenied)):
        services.measures.measures(alice_me.actor, bob.client_id)


def test_results_are_sealed_and_rows_append_only_when_stored(
        shared_practice: Practice, shared_api: Api) -> None:
    client_id = ClientFactory.create(shared_practice, "clinician1")
    shared_api.post(f"/clients/{client_id}/measures", "clinician1",
                    {"instrument": "PHQ-9", "answers": PHQ9_FLAGGED})
    [row] = sql(shared_practice, "SELECT result_sealed FROM measures WHERE client_id = :c",
                c=client_id)
    sealed = bytes(row[0])
    for plain in (b"score", b"mild", b"answers", b"safety_flag"):
        assert plain not in sealed
    for table in ("measures", "safety_flags"):
        with pytest.raises(DBAPIError, match="append-only"), \
                shared_practice.services.engine.begin() as conn:
            conn.execute(text(f"UPDATE {table} SET client_id = client_id "
                              "WHERE client_id = :c"), {"c": client_id})


def test_trend_carries_points_change_and_target_when_asked(shared_practice: Practice) -> None:
    services = shared_practice.services
    clinician = shared_practice.actor("clinician1")
    client_id = ClientFactory.create(shared_practice, "clinician1")
    for answers in ([3, 3, 2, 2, 2, 2, 2, 2, 0], [1, 1, 1, 1, 1, 1, 1, 1, 0]):
        services.measures.record(clinician, client_id, "PHQ-9", answers)
    services.measures.record(clinician, client_id, "GAD-7", [0] * 7)
    trend = services.measures.trend(clinician, client_id, "PHQ-9", target=10)
    assert [p.score for p in trend.points] == [18, 8]
    assert trend.target == 10 and trend.change is not None
    assert trend.change.value == "reliable improvement"
    assert services.measures.trend(clinician, client_id, "PHQ-9", target=99).target is None
    every = services.measures.trends(clinician, client_id, target=10)
    assert [(t.definition.instrument.value, [p.score for p in t.points]) for t in every] == [
        ("GAD-7", [0]), ("PCL-5", []), ("PHQ-9", [18, 8])]
    with pytest.raises(PolicyDenied):
        services.measures.trend(shared_practice.actor("billing"), client_id, "PHQ-9")
