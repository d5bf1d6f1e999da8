"""Measures on the pages, as the clinician and the client use them (docs/measures.md): the
clinician enters a PHQ-9 in session (problems beside each question, nothing saved), a flagged
one shows on Today and the chart with the prompt and is marked reviewed; the trend chart is an
SVG image with a CSP of its own and its numbers in a table; the client completes a check-in in
the portal; billing never sees the tab, the flag or the chart."""

from __future__ import annotations

import httpx

from tests.factories import Practice
from tests.portal.helpers import PortalClient
from tests.web.helpers import Browser, visible_text

FLAGGED = {f"item_{i}": v for i, v in enumerate(["1", "1", "2", "1", "0", "1", "0", "0", "1"],
                                                 start=1)}


def staff(practice: Practice, username: str) -> Browser:
    browser = Browser(practice.services)
    response = browser.sign_in(username, practice.password)
    assert response.status_code == 200, response.text
    return browser


def landed(response: httpx.Response, done: str) -> bool:
    return response.status_code == 200 and response.url.params.get("done") == done


def test_clinician_enters_phq9_names_missing_answers_then_flag_is_shown_and_reviewed(
        practice: Practice, client_a: PortalClient) -> None:
    client_id = client_a.client_id
    clinician = staff(practice, "clinician1")
    form = clinician.get(f"/clients/{client_id}/measures/new?instrument=PHQ-9")
    assert form.status_code == 200 and "Little interest or pleasure" in form.text
    partial = {k: v for k, v in FLAGGED.items() if k not in ("item_3", "item_7")}
    refused = clinician.post(f"/clients/{client_id}/measures",
                             {"instrument": "PHQ-9", **partial})
    assert refused.status_code == 422
    assert 'id="item_3-error"' in refused.text and 'id="item_7-error"' in refused.text
    assert 'value="2" checked' not in refused.text  # question 3 was not answered
    assert practice.services.measures.measures(practice.actor("clinician1"), client_id) == []
    saved = clinician.post(f"/clients/{client_id}/measures", {"instrument": "PHQ-9", **FLAGGED})
    assert landed(saved, "flagged")
    text = visible_text(saved.text)
    assert "a safety flag is raised" in text and "Mark this flag reviewed" in text
    assert "7 of 27" in text and "mild (safety flag)" in text
    assert f"/clients/{client_id}/measures/PHQ-9/chart.svg" in saved.text
    # Today (the clinician's home) and the chart both show it.
    home = visible_text(clinician.get("/").text)
    assert "Safety flags to review" in home
    assert "Safety flag" in visible_text(clinician.get(f"/clients/{client_id}").text)
    [flag] = practice.services.measures.flags(practice.actor("clinician1"), client_id)
    reviewed = clinician.post(f"/clients/{client_id}/safety-flags/{flag.flag_id}/review")
    assert landed(reviewed, "reviewed")
    assert "Safety flags to review" not in visible_text(clinician.get("/").text)
    again = clinician.post(f"/clients/{client_id}/safety-flags/{flag.flag_id}/review")
    assert again.status_code == 409 and "already reviewed" in visible_text(again.text)


def test_trend_chart_is_an_svg_image_with_its_own_csp_and_a_table_beside_it(
        practice: Practice, client_a: PortalClient) -> None:
    client_id = client_a.client_id
    clinician = staff(practice, "clinician1")
    for answers in (["3"] * 6 + ["0"] * 3, ["1"] * 8 + ["0"]):
        clinician.post(f"/clients/{client_id}/measures", {
            "instrument": "PHQ-9", **{f"item_{i}": a for i, a in enumerate(answers, start=1)}})
    page = clinician.get(f"/clients/{client_id}/measures?target=10")
    text = visible_text(page.text)
    assert "reliable improvement" in text and "18 of 27" in text and "8 of 27" in text
    assert "chart.svg?target=10" in page.text and "<table" in page.text
    assert "style=" not in page.text  # the page itself keeps to style-src 'self'
    svg = clinician.get(f"/clients/{client_id}/measures/PHQ-9/chart.svg?target=10")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    csp = svg.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "<svg" in svg.text and "<script" not in svg.text
    assert svg.headers["cache-control"] == "no-store"


def test_billing_never_sees_measures_flags_or_the_chart(
        practice: Practice, client_a: PortalClient) -> None:
    client_id = client_a.client_id
    staff(practice, "clinician1").post(f"/clients/{client_id}/measures",
                                       {"instrument": "PHQ-9", **FLAGGED})
    billing = staff(practice, "billing")
    chart = billing.get(f"/clients/{client_id}")
    assert chart.status_code == 200
    assert "Safety flag" not in chart.text and f"/clients/{client_id}/measures" not in chart.text
    tab = billing.get(f"/clients/{client_id}/measures")  # reached by address: nothing shown
    assert tab.status_code == 200 and "care team only" in visible_text(tab.text)
    assert "of 27" not in tab.text and "Mark this flag" not in tab.text
    assert billing.get(f"/clients/{client_id}/measures/PHQ-9/chart.svg").status_code == 403
    assert billing.post(f"/clients/{client_id}/measures",
                        {"instrument": "PHQ-9", **FLAGGED}).status_code == 403
    assert "Safety flag" not in billing.get("/").text
    assert "Safety flag" not in billing.get("/today").text


def test_client_completes_a_check_in_in_the_portal_with_problems_beside_questions(
        practice: Practice, client_a: PortalClient) -> None:
    client_id = client_a.client_id
    clinician = staff(practice, "clinician1")
    asked = clinician.post(f"/clients/{client_id}/measure-requests", {"instrument": "GAD-7"})
    assert landed(asked, "requested")
    assert "GAD-7, asked" in visible_text(asked.text)
    again = clinician.post(f"/clients/{client_id}/measure-requests", {"instrument": "GAD-7"})
    assert again.status_code == 409
    listing = client_a.browser.get("/portal/measures")
    assert listing.status_code == 200 and "988" in listing.text
    [request] = practice.services.measures.pending_requests(practice.actor("clinician1"),
                                                            client_id)
    form = client_a.browser.get(f"/portal/measures/{request.request_id}")
    assert form.status_code == 200 and "Trouble relaxing" in form.text
    refused = client_a.browser.post(f"/portal/measures/{request.request_id}",
                                    {"item_1": "3", "item_2": "9"})
    assert refused.status_code == 422
    for n in range(2, 8):
        assert f'id="item_{n}-error"' in refused.text
    assert 'id="item_1-0"' in refused.text and 'value="3" checked' in refused.text
    sent = client_a.browser.post(f"/portal/measures/{request.request_id}",
                                 {f"item_{n}": "2" for n in range(1, 8)})
    assert landed(sent, "sent") and "nothing for you to answer" in visible_text(sent.text)
    [measure] = practice.services.measures.measures(practice.actor("clinician1"), client_id)
    assert (measure.score, measure.severity, measure.source) == (14, "moderate", "portal")
    assert client_a.browser.get(f"/portal/measures/{request.request_id}").status_code == 409
