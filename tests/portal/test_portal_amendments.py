"""Amendment requests (45 CFR 164.526) on the pages, as the client and the clinician use them:
the client asks in the portal, problems are named beside their fields and change nothing, the
clinician answers on the chart tab, the client reads the denial with their rights and files a
statement of disagreement, the clinician rebuts. Billing never opens the tab."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import httpx
from pypdf import PdfReader

from closeddoor.amendments.rules import GROUND_TEXT, DenialGround
from tests.factories import NoteFactory, Practice, marker
from tests.portal.helpers import PortalClient
from tests.web.helpers import Browser, visible_text


def staff(practice: Practice, username: str) -> Browser:
    browser = Browser(practice.services)
    response = browser.sign_in(username, practice.password)
    assert response.status_code == 200, response.text
    return browser


def landed(response: httpx.Response, done: str) -> bool:
    """Whether a form post succeeded: redirected (303, followed) to the list with its notice."""
    return response.status_code == 200 and response.url.params.get("done") == done


def only_request_id(practice: Practice, client_id: str) -> str:
    [view] = practice.services.amendments.list_requests(practice.actor("clinician1"), client_id)
    return view.amendment_id


def test_client_asks_clinician_denies_client_disagrees_clinician_rebuts_on_the_pages(
        practice: Practice, client_a: PortalClient) -> None:
    client_id = client_a.client_id
    note_id = NoteFactory.progress(practice, client_id)
    page = client_a.browser.get("/portal/amendments")
    assert page.status_code == 200
    assert f'value="{note_id}"' in page.text  # the signed note is offered
    change, reason = marker("change"), marker("reason")
    asked = client_a.browser.post("/portal/amendments", {
        "note_id": note_id, "change": change, "reason": reason})
    assert landed(asked, "asked")
    shown = visible_text(asked.text)
    assert change in shown and "Answer due by" in shown and "waiting for an answer" in shown
    amendment_id = only_request_id(practice, client_id)

    clinician = staff(practice, "clinician1")
    tab = clinician.get(f"/clients/{client_id}/amendments")
    assert tab.status_code == 200 and change in tab.text and reason in tab.text
    refused = clinician.post(f"/clients/{client_id}/amendments/{amendment_id}/answer",
                             {"decision": "deny", "ground": "", "explanation": ""})
    assert refused.status_code == 422
    assert re.search(r'class="field-error" id="ground-[^"]+-error">Ground:', refused.text)
    assert re.search(r'class="field-error" id="explanation-[^"]+-error">', refused.text)
    explanation = marker("explanation")
    denied = clinician.post(f"/clients/{client_id}/amendments/{amendment_id}/answer", {
        "decision": "deny", "ground": "accurate-and-complete", "explanation": explanation})
    assert landed(denied, "answered")

    shown = visible_text(client_a.browser.get("/portal/amendments").text)
    assert GROUND_TEXT[DenialGround.ACCURATE_AND_COMPLETE] in shown and explanation in shown
    assert "statement of disagreement" in shown and "Secretary" in shown  # (d)(1)(ii)-(iv)
    empty = client_a.browser.post(f"/portal/amendments/{amendment_id}/disagreement",
                                  {"statement": " "})
    assert empty.status_code == 422
    assert f'id="statement-{amendment_id}-error"' in empty.text
    statement = marker("statement")
    filed = client_a.browser.post(f"/portal/amendments/{amendment_id}/disagreement",
                                  {"statement": statement})
    assert landed(filed, "filed")
    again = client_a.browser.post(f"/portal/amendments/{amendment_id}/disagreement",
                                  {"statement": "twice"})
    assert again.status_code == 409

    rebuttal = marker("rebuttal")
    assert clinician.post(f"/clients/{client_id}/amendments/{amendment_id}/rebuttal",
                          {"rebuttal": rebuttal}).url.params.get("done") == "rebutted"
    shown = visible_text(client_a.browser.get("/portal/amendments").text)
    assert statement in shown and rebuttal in shown
    # 164.526(d)(5): the statement and rebuttal go with the note in the client's own copies.
    record = client_a.browser.get("/portal/record.json").json()
    [note] = [n for n in record["progress_notes"] if n["id"] == note_id]
    linked = " ".join(note["amendments"])
    assert statement in linked and rebuttal in linked and explanation in linked
    assert statement in visible_text(client_a.browser.get("/portal/record").text)
    pdf = client_a.browser.get("/portal/record.pdf")
    flat = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
                    .split())
    assert statement in flat and rebuttal in flat


def test_client_without_a_statement_asks_on_the_page_that_request_and_denial_travel(
        practice: Practice, client_a: PortalClient) -> None:
    # 164.526(d)(1)(iii), (d)(5)(ii): the denial offers the choice; once chosen it is shown to
    # the client and the clinician, the offer goes, and the request and denial go with the note.
    client_id = client_a.client_id
    note_id = NoteFactory.progress(practice, client_id)
    change = marker("change")
    client_a.browser.post("/portal/amendments", {"note_id": note_id, "change": change,
                                                 "reason": marker("reason")})
    amendment_id = only_request_id(practice, client_id)
    practice.services.amendments.answer(practice.actor("clinician1"), client_id, amendment_id, {
        "decision": "deny", "ground": "accurate-and-complete", "explanation": marker("why")})
    page = client_a.browser.get("/portal/amendments").text
    assert f'action="/portal/amendments/{amendment_id}/travel"' in page
    chosen = client_a.browser.post(f"/portal/amendments/{amendment_id}/travel", {})
    assert landed(chosen, "travels")
    shown = visible_text(chosen.text)
    assert "will go with your record" in shown and "You asked" in shown
    assert f'action="/portal/amendments/{amendment_id}/travel"' not in chosen.text
    again = client_a.browser.post(f"/portal/amendments/{amendment_id}/travel", {})
    assert again.status_code == 409 and "already asked" in visible_text(again.text)
    tab = visible_text(staff(practice, "clinician1").get(f"/clients/{client_id}/amendments").text)
    assert "164.526(d)(5)(ii)" in tab
    record = client_a.browser.get("/portal/record.json").json()
    [note] = [n for n in record["progress_notes"] if n["id"] == note_id]
    assert change in " ".join(note["amendments"])


def test_bad_request_is_named_beside_each_field_and_changes_nothing(
        practice: Practice, client_a: PortalClient) -> None:
    response = client_a.browser.post("/portal/amendments",
                                     {"note_id": "", "change": "", "reason": ""})
    assert response.status_code == 422
    assert 'id="change-error"' in response.text and 'id="reason-error"' in response.text
    assert practice.services.amendments.list_requests(
        practice.actor("clinician1"), client_a.client_id) == []


def test_clinician_records_a_paper_request_extends_it_and_accepts_it(
        practice: Practice, client_a: PortalClient) -> None:
    client_id = client_a.client_id
    clinician = staff(practice, "clinician1")
    change = marker("change")
    recorded = clinician.post(f"/clients/{client_id}/amendments", {
        "note_id": "", "change": change, "reason": marker("why"), "received_on": ""})
    assert landed(recorded, "recorded")
    amendment_id = only_request_id(practice, client_id)
    why = marker("extension")
    assert clinician.post(f"/clients/{client_id}/amendments/{amendment_id}/extension",
                          {"reason": why}).url.params.get("done") == "extended"
    shown = visible_text(client_a.browser.get("/portal/amendments").text)
    assert why in shown and "first due" in shown
    text = marker("amendment")
    assert clinician.post(f"/clients/{client_id}/amendments/{amendment_id}/answer",
                          {"decision": "accept", "amendment": text}).url.params.get(
                              "done") == "answered"
    shown = visible_text(client_a.browser.get("/portal/amendments").text)
    assert text in shown and "accepted" in shown
    record = client_a.browser.get("/portal/record.json").json()
    assert any(text in line for line in record["details_amendments"])
    assert text in visible_text(client_a.browser.get("/portal/record").text)


def test_billing_never_opens_the_amendment_tab(practice: Practice,
                                               client_a: PortalClient) -> None:
    billing = staff(practice, "billing")
    response = billing.get(f"/clients/{client_a.client_id}/amendments")
    assert response.status_code == 403
    chart = billing.get(f"/clients/{client_a.client_id}")
    assert "/amendments" not in chart.text


def test_open_requests_page_lists_due_and_overdue_requests_of_visible_charts_only(
        practice: Practice, client_a: PortalClient) -> None:
    change = marker("change")
    client_a.browser.post("/portal/amendments", {"note_id": "", "change": change,
                                                  "reason": marker("why")})
    practice.clock.advance(timedelta(days=61))
    queue = staff(practice, "clinician1").get("/amendments")
    assert queue.status_code == 200
    shown = visible_text(queue.text)
    assert client_a.data["family_name"] in shown and "overdue" in shown
    assert change not in shown  # dates and names only, never the request's words
    other = visible_text(staff(practice, "clinician2").get("/amendments").text)
    assert "No open requests" in other and client_a.data["family_name"] not in other


def test_clinician_records_a_notice_of_an_accepted_amendment_and_the_client_sees_it(
        practice: Practice, client_a: PortalClient) -> None:
    # 164.526(c)(3): the tab lists whom to tell, offers the letter, records each notice sent
    # (problems beside their fields); the client sees who was told.
    client_id = client_a.client_id
    note_id = NoteFactory.progress(practice, client_id)
    client_a.browser.post("/portal/amendments", {"note_id": note_id, "change": marker("c"),
                                                 "reason": marker("r")})
    amendment_id = only_request_id(practice, client_id)
    words = marker("amendment")
    practice.services.amendments.answer(practice.actor("clinician1"), client_id, amendment_id,
                                        {"decision": "accept", "amendment": words})
    clinician = staff(practice, "clinician1")
    tab = clinician.get(f"/clients/{client_id}/amendments")
    assert "164.526(c)(3)" in visible_text(tab.text)
    assert f"/amendments/{amendment_id}/letter.pdf" in tab.text
    letter = clinician.get(f"/clients/{client_id}/amendments/{amendment_id}/letter.pdf")
    assert letter.headers["content-type"] == "application/pdf"
    assert client_id not in letter.headers["content-disposition"]
    path = f"/clients/{client_id}/amendments/{amendment_id}/notices"
    refused = clinician.post(path, {"recipient": "", "sent_on": "", "method": "",
                                    "disclosure_id": ""})
    assert refused.status_code == 422
    for name in ("recipient", "method"):
        assert f'id="{name}-{amendment_id}-error"' in refused.text, name
    person = "Dr. Named Synthetic, Synthetic Clinic"
    saved = clinician.post(path, {"recipient": person, "sent_on": "", "method": "fax",
                                  "disclosure_id": ""})
    assert landed(saved, "notified") and person in visible_text(saved.text)
    shown = visible_text(client_a.browser.get("/portal/amendments").text)
    assert "Told of the correction" in shown and person in shown
    billing = staff(practice, "billing")
    assert billing.post(path, {"recipient": "x", "method": "fax"}).status_code in (403, 404)
    assert billing.get(f"/clients/{client_id}/amendments/{amendment_id}/letter.pdf"
                       ).status_code in (403, 404)
