"""Keep-alive while writing: typing in a note form touches the session; nothing else does."""

from __future__ import annotations

from datetime import timedelta

from tests.web.helpers import Practice

SCRIPT_TAG = '<script src="/static/keepalive.js" defer></script>'


def test_keepalive_script_loads_only_on_the_writing_forms(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    draft = browser.post(f"/clients/{client_id}/notes/new",
                         {"format": "free", "body": "keepalive draft", "action": "draft"})
    signed = browser.post(f"{draft.url.path}/sign", {"confirm": "sign"})
    writing = {
        "new note": browser.get(f"/clients/{client_id}/notes/new").text,
        "draft": draft.text,
        "addendum": signed.text,
        "psychotherapy": browser.get(f"/clients/{client_id}/psychotherapy-notes").text,
    }
    for name, page in writing.items():
        assert SCRIPT_TAG in page, name
        assert "data-keepalive" in page and "data-session-lost" in page, name
    for path in ("/", f"/clients/{client_id}", "/account"):
        assert "<script" not in browser.get(path).text, path
    supervisor_view = practice.browser("supervisor").get(signed.url.path).text
    assert "<script" not in supervisor_view  # reads the note, has no form to keep alive


def test_keepalive_script_is_served_as_a_static_file(practice: Practice) -> None:
    response = practice.browser().get("/static/keepalive.js")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert "/session/keepalive" in response.text and "csrf_token" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_keepalive_answers_204_when_session_and_token_are_good(practice: Practice) -> None:
    response = practice.browser("clinician1").post("/session/keepalive")
    assert response.status_code == 204
    assert response.content == b""


def test_keepalive_keeps_session_past_idle_timeout_when_user_keeps_typing(
    practice: Practice,
) -> None:
    browser = practice.browser("clinician1")
    idle = practice.services.settings.session_idle_timeout
    for _ in range(3):  # 3 x 14 minutes of writing, well past the 15-minute idle time-out
        practice.clock.advance(idle - timedelta(minutes=1))
        assert browser.post("/session/keepalive").status_code == 204
    practice.clock.advance(idle - timedelta(minutes=1))
    assert browser.get("/", follow_redirects=False).status_code == 200


def test_session_still_times_out_when_page_is_left_untouched(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    practice.clock.advance(practice.services.settings.session_idle_timeout)
    response = browser.post("/session/keepalive")
    assert response.status_code != 204
    assert response.url.path == "/signin"
    assert browser.get("/", follow_redirects=False).headers["location"] == "/signin"


def test_keepalive_refused_with_403_when_csrf_token_missing(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    assert browser.post("/session/keepalive", with_token=False).status_code == 403
    forged = browser.post("/session/keepalive", {"csrf_token": "forged"}, with_token=False)
    assert forged.status_code == 403


def test_keepalive_redirects_to_signin_when_signed_out(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    browser.sign_out()
    response = browser.http.post("/session/keepalive", data={"csrf_token": browser.token},
                                 follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/signin"
