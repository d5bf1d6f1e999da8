"""Break the glass: the emergency lookup off the caseload and the banner on every chart visit."""

from __future__ import annotations

from datetime import timedelta

from closeddoor.records.views import ClientRecord
from tests.web.helpers import Practice, visible_text

REASON = "Client called in crisis; covering clinician."


def _record(practice: Practice, client_id: str) -> ClientRecord:
    return practice.services.charts.get_client(practice.user("clinician1").actor, client_id)


def _identity(record: ClientRecord) -> dict[str, str]:
    demo = record.demographics
    return {"full_name": f"{demo['given_name']} {demo['family_name']}",
            "date_of_birth": demo["date_of_birth"]}


def test_banner_shows_expiry_on_every_chart_page_when_grant_holds(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician2")
    browser.post(f"/clients/{client_id}/break-glass", {"reason": REASON})
    expires = practice.clock.now() + practice.services.settings.break_glass_duration
    banner = f"Emergency access — expires at {expires:%H:%M} UTC"
    practice.clock.advance(timedelta(minutes=10))  # a later visit, not the opening response
    for path in ("", "/psychotherapy-notes"):
        page = browser.get(f"/clients/{client_id}{path}")
        assert page.status_code == 200, path
        assert banner in visible_text(page.text), path
        assert f'datetime="{expires.isoformat()}"' in page.text


def test_banner_gone_and_offer_back_when_grant_has_expired(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician2")
    browser.post(f"/clients/{client_id}/break-glass", {"reason": REASON})
    duration = practice.services.settings.break_glass_duration
    # Keep the session alive past the grant, one visit every 10 minutes.
    for _ in range(int(duration / timedelta(minutes=10)) + 1):
        practice.clock.advance(timedelta(minutes=10))
        page = browser.get(f"/clients/{client_id}")
    assert page.status_code == 404
    assert "Emergency access (break the glass)" in page.text
    assert "expires at" not in page.text


def test_banner_absent_when_viewer_is_on_the_care_team(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    page = practice.browser("clinician1").get(f"/clients/{client_id}")
    assert "Emergency access" not in page.text


def test_caseload_links_emergency_access_for_clinicians_only(practice: Practice) -> None:
    assert 'href="/emergency-access"' in practice.browser("clinician2").get("/clients").text
    for username in ("supervisor", "billing", "owner"):
        assert 'href="/emergency-access"' not in practice.browser(username).get("/clients").text


def test_emergency_lookup_offers_break_glass_when_name_and_birth_date_match(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    identity = _identity(_record(practice, client_id))
    browser = practice.browser("clinician2")
    form = browser.get("/emergency-access")
    assert form.status_code == 200
    assert '<label for="full_name">' in form.text and '<label for="date_of_birth">' in form.text

    found = browser.post("/emergency-access", identity)
    assert found.status_code == 200
    assert found.url.path == "/emergency-access"  # the name went in the body, not the URL
    assert identity["full_name"] not in str(found.url)
    assert "One client matches" in found.text
    assert f'action="/clients/{client_id}/break-glass"' in found.text
    assert 'name="reason"' in found.text and "required" in found.text

    opened = browser.post(f"/clients/{client_id}/break-glass", {"reason": REASON, "found": "1"})
    assert opened.url.path == f"/clients/{client_id}"
    assert "Emergency access — expires at" in visible_text(opened.text)


def test_emergency_lookup_keeps_wording_with_422_when_reason_is_too_short(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician2")
    browser.post("/emergency-access", _identity(_record(practice, client_id)))
    short = browser.post(f"/clients/{client_id}/break-glass", {"reason": "urgent", "found": "1"})
    assert short.status_code == 422
    assert "One client matches" in short.text
    assert ">urgent</textarea>" in short.text


def test_emergency_lookup_answers_404_and_keeps_input_when_nothing_matches(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    identity = _identity(_record(practice, client_id))
    browser = practice.browser("clinician2")
    wrong_birth = browser.post("/emergency-access", {**identity, "date_of_birth": "1901-01-01"})
    assert wrong_birth.status_code == 404
    assert "no single client matches that name and date of birth" in wrong_birth.text
    assert f'value="{identity["full_name"]}"' in wrong_birth.text
    assert "break-glass" not in wrong_birth.text
    missing = browser.post("/emergency-access", {"full_name": "", "date_of_birth": ""})
    assert missing.status_code == 422
    assert "full_name and date_of_birth: both required" in missing.text


def test_emergency_lookup_goes_straight_to_chart_when_viewer_already_sees_client(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    found = practice.browser("clinician1").post(
        "/emergency-access", _identity(_record(practice, client_id)))
    assert found.status_code == 200
    assert found.url.path == f"/clients/{client_id}"
    assert "Emergency access" not in found.text


def test_emergency_lookup_refused_with_403_when_viewer_is_not_a_clinician(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    identity = _identity(_record(practice, client_id))
    for username in ("supervisor", "billing", "owner"):
        browser = practice.browser(username)
        assert browser.get("/emergency-access").status_code == 403, username
        refused = browser.post("/emergency-access", identity)
        assert refused.status_code == 403, username
        assert client_id not in refused.text


def test_emergency_lookup_refused_with_403_when_csrf_token_missing(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician2")
    response = browser.post("/emergency-access", _identity(_record(practice, client_id)),
                            with_token=False)
    assert response.status_code == 403
    assert client_id not in response.text
