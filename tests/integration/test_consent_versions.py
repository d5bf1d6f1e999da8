"""Consent versions through the API, on SQLite and PostgreSQL: drafts, publishing, immutability
(the service's refusal and the database trigger behind it), and re-consent when the text moves.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from sqlalchemy.exc import DBAPIError

from tests.factories import ClientFactory, Practice
from tests.integration.helpers import Api, scalar, sql
from tests.web.helpers import Browser, visible_text


def versions(api: Api) -> list[dict[str, Any]]:
    response = api.get("/consent/versions", "owner")
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def document_of(api: Api, version_id: str) -> dict[str, Any]:
    response = api.get(f"/consent/versions/{version_id}", "owner")
    assert response.status_code == 200, response.text
    return dict(response.json())


def editable(document: dict[str, Any]) -> dict[str, Any]:
    """The parts of a version document that a PUT takes (a copy, free to change)."""
    return copy.deepcopy({key: document[key] for key in ("name", "title", "intro", "sections")})


def new_draft(api: Api) -> str:
    created = api.post("/consent/versions", "owner")
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def record_review(api: Api, version_id: str, reviewed_by: str = "Synthetic Counsel (test)"
                  ) -> None:
    """The owner records that the draft's text, as it renders now, was reviewed today."""
    shown = document_of(api, version_id)
    recorded = api.post(f"/consent/versions/{version_id}/review", "owner", {
        "reviewed_by": reviewed_by, "reviewed_on": api.practice.clock.now().date().isoformat(),
        "text_sha256": shown["rendered_sha256"]})
    assert recorded.status_code == 204, recorded.text


def publish_reviewed(api: Api, version_id: str) -> None:
    record_review(api, version_id)
    published = api.post(f"/consent/versions/{version_id}/publish", "owner")
    assert published.status_code == 204, published.text


def publish_revision(api: Api, words: str = "Synthetic revision.") -> str:
    """A new published (reviewed) version whose intro ends with `words`."""
    draft = new_draft(api)
    changed = editable(document_of(api, draft))
    changed["intro"] += f"\n\n{words}"
    assert api.put(f"/consent/versions/{draft}", "owner", changed).status_code == 204
    publish_reviewed(api, draft)
    return draft


def sign_current(api: Api, client_id: str, who: str = "clinician1") -> dict[str, Any]:
    form = api.get(f"/clients/{client_id}/consent/form", who).json()
    signed = api.post(f"/clients/{client_id}/consent/signatures", who, {
        "version_id": form["version_id"], "text_sha256": form["text_sha256"],
        "signer_name": "Synthetic Signer", "signer_kind": "client"})
    assert signed.status_code == 201, signed.text
    return dict(form)


def status_of(api: Api, client_id: str) -> dict[str, Any]:
    response = api.get(f"/clients/{client_id}/consent", "clinician1")
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_practice_starts_with_the_shipped_default_published_as_version_1(api: Api) -> None:
    (first,) = versions(api)
    assert (first["number"], first["status"]) == (1, "published")
    document = document_of(api, first["id"])
    assert document["name"] == "default"
    assert [s["key"] for s in document["sections"]][:2] == ["danger_to_self", "danger_to_others"]


def test_draft_starts_from_current_text_and_is_edited_then_published(api: Api) -> None:
    (first,) = versions(api)
    draft = new_draft(api)
    listed = {v["id"]: v for v in versions(api)}
    assert (listed[draft]["number"], listed[draft]["status"]) == (2, "draft")
    assert editable(document_of(api, draft)) == editable(document_of(api, first["id"]))

    changed = editable(document_of(api, draft))
    changed["sections"][0]["body"] += "\n\nA synthetic added paragraph."
    assert api.put(f"/consent/versions/{draft}", "owner", changed).status_code == 204
    assert document_of(api, draft)["sections"][0]["body"].endswith("synthetic added paragraph.")

    publish_reviewed(api, draft)
    published = {v["id"]: v for v in versions(api)}[draft]
    assert published["status"] == "published" and published["published_at"]
    form = api.get(f"/clients/{ClientFactory.create(api.practice)}/consent/form", "clinician1")
    assert form.json()["version_number"] == 2
    assert "A synthetic added paragraph." in form.json()["canonical_text"]


def test_publishing_twice_answers_409(api: Api) -> None:
    draft = new_draft(api)
    publish_reviewed(api, draft)
    again = api.post(f"/consent/versions/{draft}/publish", "owner")
    assert again.status_code == 409
    assert "already published" in again.json()["detail"]


def test_editing_a_published_version_answers_409_and_changes_nothing(api: Api) -> None:
    (first,) = versions(api)
    before = document_of(api, first["id"])
    changed = editable(before)
    changed["title"] = "A synthetic title that must never land"
    refused = api.put(f"/consent/versions/{first['id']}", "owner", changed)
    assert refused.status_code == 409
    assert document_of(api, first["id"]) == before


def test_database_refuses_update_or_delete_of_published_version_through_raw_sql(
    practice: Practice, api: Api,
) -> None:
    (first,) = versions(api)
    stored = scalar(practice, "SELECT document FROM consent_versions WHERE id = :id",
                    id=first["id"])
    with pytest.raises(DBAPIError, match="immutable"):
        sql(practice, "UPDATE consent_versions SET document = 'tampered' WHERE id = :id",
            id=first["id"])
    with pytest.raises(DBAPIError, match="immutable"):
        sql(practice, "UPDATE consent_versions SET status = 'draft' WHERE id = :id",
            id=first["id"])
    with pytest.raises(DBAPIError, match="immutable"):
        sql(practice, "DELETE FROM consent_versions WHERE id = :id", id=first["id"])
    assert scalar(practice, "SELECT document FROM consent_versions WHERE id = :id",
                  id=first["id"]) == stored
    # A draft is still the practice's to change: the trigger guards published rows only.
    draft = new_draft(api)
    sql(practice, "UPDATE consent_versions SET created_by = 'owner' WHERE id = :id", id=draft)


def test_invalid_draft_answers_422_naming_the_problem_and_changes_nothing(api: Api) -> None:
    draft = new_draft(api)
    before = document_of(api, draft)
    missing = editable(before)
    missing["sections"] = missing["sections"][1:]
    refused = api.put(f"/consent/versions/{draft}", "owner", missing)
    assert refused.status_code == 422
    assert "danger_to_self" in refused.json()["detail"]

    unknown_fact = editable(before)
    unknown_fact["sections"][0]["body"] = "{{ facts.no_such_fact.value }}"
    refused = api.put(f"/consent/versions/{draft}", "owner", unknown_fact)
    assert refused.status_code == 422
    assert "refers to a fact the jurisdiction lacks" in refused.json()["detail"]
    assert "no_such_fact" not in refused.json()["detail"]  # errors never echo what was sent
    assert document_of(api, draft) == before


def test_editing_a_version_that_does_not_exist_answers_404(api: Api) -> None:
    (first,) = versions(api)
    document = editable(document_of(api, first["id"]))
    missing = "00000000-0000-4000-8000-000000000000"
    assert api.put(f"/consent/versions/{missing}", "owner", document).status_code == 404


def test_new_published_version_makes_signers_reconsent_needed_and_chart_shows_it(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    never = ClientFactory.create(practice)
    assert status_of(api, client_id)["state"] == "never-signed"
    sign_current(api, client_id)
    assert status_of(api, client_id) | {"signed_at": None} == {
        "state": "current", "current_version": 1, "signed_version": 1, "signed_at": None}

    browser = Browser(practice.services)
    assert browser.sign_in("clinician1", practice.password).status_code == 200
    assert "Consent: current." in visible_text(browser.get(f"/clients/{client_id}").text)

    publish_revision(api)
    status = status_of(api, client_id)
    assert (status["state"], status["current_version"], status["signed_version"]) == (
        "reconsent-needed", 2, 1)
    assert status_of(api, never)["state"] == "never-signed"
    chart = visible_text(browser.get(f"/clients/{client_id}").text)
    assert "Consent: re-consent needed." in chart
    assert "signed version 1" in chart and "now uses version 2" in chart
    assert "Therapy may still go ahead." in chart
    assert "Consent: never signed." in visible_text(browser.get(f"/clients/{never}").text)

    sign_current(api, client_id)
    assert status_of(api, client_id)["state"] == "current"
    assert "Consent: current." in visible_text(browser.get(f"/clients/{client_id}").text)


def test_status_is_current_when_signed_again_at_the_same_instant(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    sign_current(api, client_id)
    publish_revision(api)
    sign_current(api, client_id)  # the clock has not moved
    assert status_of(api, client_id)["state"] == "current"


def test_changing_jurisdiction_makes_signers_reconsent_needed(api: Api) -> None:
    client_id = ClientFactory.create(api.practice)
    sign_current(api, client_id)
    assert api.get("/settings/jurisdiction", "billing").json()["code"] == "generic"
    assert api.put("/settings/jurisdiction", "owner", {"code": "US-NY"}).status_code == 204
    assert api.get("/settings/jurisdiction", "clinician1").json()["code"] == "US-NY"
    assert status_of(api, client_id)["state"] == "reconsent-needed"
    # Nobody reviewed the text under New York's facts: it is not offered until someone does.
    assert api.get(f"/clients/{client_id}/consent/form", "clinician1").status_code == 404
    (current,) = [v for v in versions(api) if v["status"] == "published"]
    assert current["is_stale"]
    publish_reviewed(api, new_draft(api))
    form = api.get(f"/clients/{client_id}/consent/form", "clinician1").json()
    assert form["jurisdiction_code"] == "US-NY"


def test_unknown_jurisdiction_answers_422_listing_known_codes(api: Api) -> None:
    refused = api.put("/settings/jurisdiction", "owner", {"code": "XX-ZZ"})
    assert refused.status_code == 422
    assert "US-CA" in refused.json()["detail"]
    answer = api.get("/settings/jurisdiction", "owner").json()
    assert answer["code"] == "generic"
    assert {"US-CA", "US-TX", "US-NY", "US-FL", "US-IL", "generic"} <= set(answer["known_codes"])
