"""Requests for restrictions (45 CFR 164.522(a)) on the pages, as the client and the clinician
use them: the client asks in the portal, problems are named beside their fields and change
nothing, the clinician agrees or refuses on the chart tab, the client reads the answer and ends
an agreed restriction. Billing never opens the tab."""

from __future__ import annotations

import httpx

from tests.factories import Practice, marker
from tests.portal.helpers import PortalClient
from tests.web.helpers import Browser, visible_text


def staff(practice: Practice, username: str) -> Browser:
    browser = Browser(practice.services)
    response = browser.sign_in(username, practice.password)
    assert response.status_code == 200, response.text
    return browser


def landed(response: httpx.Response, done: str) -> bool:
    return response.status_code == 200 and response.url.params.get("done") == done


def ids(practice: Practice, client_id: str) -> list[str]:
    return [v.restriction_id for v in practice.services.restrictions.list_restrictions(
        practice.actor("clinician1"), client_id)]


def test_client_asks_clinician_answers_client_ends_a_restriction_on_the_pages(
        practice: Practice, client_a: PortalClient) -> None:
    client_id = client_a.client_id
    page = client_a.browser.get("/portal/restrictions")
    assert page.status_code == 200 and "Limits on sharing" in page.text
    words = marker("limit")
    asked = client_a.browser.post("/portal/restrictions", {
        "kind": "general", "recipient_kind": "family", "purposes": ["care_involvement"],
        "categories": ["diagnosis", "progress_notes"], "details": words})
    assert landed(asked, "asked")
    assert "waiting for an answer" in visible_text(asked.text)
    refused_words = marker("refuse")
    refusing = client_a.browser.post("/portal/restrictions", {
        "kind": "general", "recipient_kind": "provider", "details": refused_words})
    assert landed(refusing, "asked")
    newer, older = ids(practice, client_id)

    clinician = staff(practice, "clinician1")
    tab = clinician.get(f"/clients/{client_id}/restrictions")
    assert tab.status_code == 200 and words in tab.text
    assert f"/clients/{client_id}/restrictions" in clinician.get(f"/clients/{client_id}").text
    agreed = clinician.post(f"/clients/{client_id}/restrictions/{older}/agreement", {})
    assert landed(agreed, "agreed")
    empty = clinician.post(f"/clients/{client_id}/restrictions/{newer}/refusal", {"reason": ""})
    assert empty.status_code == 422 and f'id="reason-{newer}-error"' in empty.text
    reason = "The psychiatrist needs it to prescribe safely (synthetic)."
    assert landed(clinician.post(f"/clients/{client_id}/restrictions/{newer}/refusal",
                                 {"reason": reason}), "refused")

    shown = visible_text(client_a.browser.get("/portal/restrictions").text)
    assert "agreed" in shown and reason in shown and "not agreed" in shown
    ended = client_a.browser.post(f"/portal/restrictions/{older}/termination", {})
    assert landed(ended, "ended")
    again = client_a.browser.post(f"/portal/restrictions/{older}/termination", {})
    assert again.status_code == 409


def test_bad_request_is_named_beside_each_field_and_changes_nothing(
        practice: Practice, client_a: PortalClient) -> None:
    response = client_a.browser.post("/portal/restrictions", {
        "kind": "general", "recipient_kind": "", "details": ""})
    assert response.status_code == 422
    assert 'id="recipient_kind-error"' in response.text
    selfpay = client_a.browser.post("/portal/restrictions", {"kind": "self_pay"})
    assert selfpay.status_code == 422 and 'id="services_from-error"' in selfpay.text
    assert ids(practice, client_a.client_id) == []


def test_self_pay_request_agreed_once_paid_and_never_refused_on_the_chart_tab(
        practice: Practice, client_a: PortalClient) -> None:
    client_id = client_a.client_id
    assert landed(client_a.browser.post("/portal/restrictions", {
        "kind": "self_pay", "services_from": "2026-02-01", "services_to": "2026-02-28"}),
        "asked")
    [restriction_id] = ids(practice, client_id)
    clinician = staff(practice, "clinician1")
    tab = clinician.get(f"/clients/{client_id}/restrictions")
    assert f"/restrictions/{restriction_id}/refusal" not in tab.text  # no refusal offered
    unpaid = clinician.post(f"/clients/{client_id}/restrictions/{restriction_id}/agreement", {})
    assert unpaid.status_code == 422
    assert f'id="paid_in_full-{restriction_id}-error"' in unpaid.text
    assert landed(clinician.post(f"/clients/{client_id}/restrictions/{restriction_id}/agreement",
                                 {"paid_in_full": "yes"}), "agreed")
    ending = clinician.post(f"/clients/{client_id}/restrictions/{restriction_id}/termination",
                            {"ended_by": "practice", "note": "Told by letter (synthetic)."})
    assert ending.status_code == 409


def test_billing_never_opens_the_restrictions_tab(practice: Practice,
                                                  client_a: PortalClient) -> None:
    billing = staff(practice, "billing")
    response = billing.get(f"/clients/{client_a.client_id}/restrictions")
    assert response.status_code == 403
    chart = billing.get(f"/clients/{client_a.client_id}")
    assert "/restrictions" not in chart.text
