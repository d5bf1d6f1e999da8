"""The consent pages of a chart: status at a glance, signing in the office, the signature
history, the printable form and the portal invitation."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import httpx

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.policy import Actor
from tests.factories.consent import publish_reviewed_version
from tests.mailbox import code_in, link_path, mail_server
from tests.web.helpers import Browser, Practice, visible_text

NOTE_TEXT = "Client described"  # every demo progress note says this
HIDDEN = re.compile(r'<input type="hidden" name="(version_id|text_sha256)" value="([^"]+)">')


def shown_form(html: str) -> dict[str, str]:
    """The version id and text hash the signing page binds its form to."""
    found = dict(HIDDEN.findall(html))
    assert set(found) == {"version_id", "text_sha256"}, "the signing form is not on the page"
    return found


def sign_in_office(browser: Browser, client_id: str, **fields: str) -> httpx.Response:
    page = browser.get(f"/clients/{client_id}/consent/sign")
    assert page.status_code == 200
    data = shown_form(page.text) | {"signer_name": "Alex Synthetic", "signer_kind": "client",
                                    "confirm": "on"}
    return browser.post(f"/clients/{client_id}/consent/sign", data | fields)


def owner(practice: Practice) -> Actor:
    return practice.user("owner").actor


def publish_new_version(practice: Practice) -> None:
    consent = practice.services.consent
    draft = consent.create_draft(owner(practice))
    template = consent.version_template(owner(practice), draft)
    document = {"name": template.name, "title": template.title,
                "intro": template.intro + "\n\nOne synthetic sentence more.",
                "sections": [{"key": s.key, "title": s.title, "body": s.body,
                              "citations": list(s.citations)} for s in template.sections]}
    consent.update_draft(owner(practice), draft, document)
    publish_reviewed_version(practice.services, owner(practice), draft)


def test_chart_warns_when_client_never_signed_but_therapy_may_proceed(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    text = visible_text(practice.browser("clinician1").get(f"/clients/{client_id}").text)
    assert "Consent: never signed." in text
    assert "Therapy may still go ahead." in text
    assert "Sign in the office" in text


def test_office_signing_page_shows_the_form_bound_to_its_hash_without_site_navigation(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    page = practice.browser("clinician1").get(f"/clients/{client_id}/consent/sign").text
    form = practice.services.consent.form(practice.user("clinician1").actor, client_id)
    assert shown_form(page) == {"version_id": form.version_id,
                                "text_sha256": form.rendered.sha256}
    assert 'class="consent-document"' in page and form.rendered.sha256 in page
    assert '<label for="signer_name">' in page and 'id="signer_name"' in page
    assert '<label for="confirm">' in page
    assert 'aria-label="Main"' not in page  # no way from the tablet to other charts
    assert 'aria-label="Chart"' not in page
    assert "<script" not in page and "style=" not in page


def test_office_signature_is_recorded_and_chart_shows_consent_current(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    done = sign_in_office(browser, client_id, signer_name="Alex  Synthetic")
    assert done.status_code == 200
    assert "Please hand the device back" in done.text
    (signature,) = practice.services.consent.signatures(practice.user("owner").actor, client_id)
    assert (signature.signer_name, signature.method, signature.version_number) == (
        "Alex Synthetic", "office", 1)
    history = visible_text(browser.get(f"/clients/{client_id}/consent?signed=1").text)
    assert "The signature was recorded." in history
    assert "Alex Synthetic (client)" in history and "in the office" in history
    assert "Consent: current." in visible_text(browser.get(f"/clients/{client_id}").text)
    # Staff can hand the client a copy of exactly what was signed: its SHA-256 is the one kept.
    path = f"/clients/{client_id}/consent/signatures/{signature.signature_id}.txt"
    assert f'href="{path}"' in browser.get(f"/clients/{client_id}/consent").text
    text = browser.get(path)
    assert text.status_code == 200
    assert hashlib.sha256(text.content).hexdigest() == signature.text_sha256
    assert "filename=" in text.headers["content-disposition"]
    assert "Synthetic" not in text.headers["content-disposition"]
    assert practice.browser("clinician2").get(path).status_code == 404


def test_office_signing_refused_without_csrf_token_and_nothing_stored(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    fields = shown_form(browser.get(f"/clients/{client_id}/consent/sign").text)
    refused = browser.post(f"/clients/{client_id}/consent/sign",
                           fields | {"signer_name": "Alex Synthetic", "confirm": "on"},
                           with_token=False)
    assert refused.status_code == 403
    assert "Nothing was changed" in refused.text
    assert practice.services.consent.signatures(practice.user("owner").actor, client_id) == []


def test_office_signing_shows_the_new_text_when_a_version_was_published_meanwhile(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    shown = shown_form(browser.get(f"/clients/{client_id}/consent/sign").text)
    publish_new_version(practice)
    refused = browser.post(f"/clients/{client_id}/consent/sign",
                           shown | {"signer_name": "Alex Synthetic", "confirm": "on"})
    assert refused.status_code == 409
    assert "changed after it was shown" in refused.text
    now_shown = shown_form(refused.text)
    assert now_shown["text_sha256"] != shown["text_sha256"]
    assert "One synthetic sentence more." in refused.text
    assert 'value="Alex Synthetic"' in refused.text  # the typed name stays; sign again
    assert practice.services.consent.signatures(practice.user("owner").actor, client_id) == []
    again = browser.post(f"/clients/{client_id}/consent/sign",
                         now_shown | {"signer_name": "Alex Synthetic", "confirm": "on"})
    assert again.status_code == 200 and "hand the device back" in again.text


def test_office_signing_needs_the_confirmation_box(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    refused = sign_in_office(practice.browser("clinician1"), client_id, confirm="")
    assert refused.status_code == 422
    assert "confirm: tick the box" in refused.text
    assert practice.services.consent.signatures(practice.user("owner").actor, client_id) == []


def test_guardian_signs_for_a_ten_year_old_in_california(practice: Practice) -> None:
    practice.services.consent.set_jurisdiction(owner(practice), "US-CA")
    publish_reviewed_version(practice.services, owner(practice))
    today = practice.clock.now().date()
    client_id = practice.services.charts.create_client(practice.user("clinician1").actor, {
        "given_name": "Robin", "family_name": "Minor",
        "date_of_birth": date(today.year - 10, 1, 1).isoformat()})
    browser = practice.browser("clinician1")
    page = browser.get(f"/clients/{client_id}/consent/sign").text
    assert 'name="signer_kind" value="guardian"' in page
    assert 'id="signer_kind-client"' not in page
    assert "a parent or guardian signs this form" in visible_text(page)
    refused = sign_in_office(browser, client_id, signer_kind="client")
    assert refused.status_code == 422
    done = sign_in_office(browser, client_id, signer_kind="guardian", guardian_relation="aunt")
    assert done.status_code == 200
    history = visible_text(browser.get(f"/clients/{client_id}/consent").text)
    assert "(guardian: aunt)" in history


def test_billing_sees_consent_status_and_signs_in_office_but_never_note_text(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    billing = practice.browser("billing")
    chart = billing.get(f"/clients/{client_id}").text
    assert "Consent: never signed." in visible_text(chart)
    done = sign_in_office(billing, client_id)
    assert done.status_code == 200
    pages = [billing.get(f"/clients/{client_id}{path}").text
             for path in ("", "/consent", "/consent/sign", "/preferences")]
    assert "Consent: current." in visible_text(pages[0])
    for page in pages:
        assert NOTE_TEXT not in page
        assert "/notes" not in page and "/psychotherapy-notes" not in page


def test_supervisor_reads_consent_but_gets_no_signing_form(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    supervisor = practice.browser("supervisor")
    consent = visible_text(supervisor.get(f"/clients/{client_id}/consent").text)
    assert "Consent: never signed." in consent
    assert "Sign in the office" not in consent and "Invite to the portal" not in consent
    page = supervisor.get(f"/clients/{client_id}/consent/sign")  # refused on opening
    assert page.status_code == 403 and "access denied: not-on-care-team" in page.text
    assert 'name="text_sha256"' not in page.text


def test_unrelated_clinician_gets_no_consent_pages(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician2")
    assert browser.get(f"/clients/{client_id}/consent").status_code == 404
    assert browser.get(f"/clients/{client_id}/consent/form.pdf").status_code == 404
    assert browser.post(f"/clients/{client_id}/consent/sign",
                        {"signer_name": "Alex Synthetic", "confirm": "on"}).status_code == 404
    assert browser.post(f"/clients/{client_id}/portal-invitation").status_code == 404


def test_form_pdf_downloads_named_by_version_only(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    pdf = practice.browser("billing").get(f"/clients/{client_id}/consent/form.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert pdf.headers["content-disposition"] == 'attachment; filename="consent-v1.pdf"'


def test_portal_invitation_page_says_where_it_went_and_holds_no_link_when_invited(
        practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    assert "Invite to the portal" in browser.get(f"/clients/{client_id}/consent").text
    page = browser.post(f"/clients/{client_id}/portal-invitation")
    assert page.status_code == 200
    address = practice.services.charts.get_client(SYSTEM_ACTOR, client_id).contacts["email"]
    token = link_path(mail_server().latest(address)).removeprefix("/portal/invite/")
    assert practice.services.portal.invitation_is_open(token)
    assert token not in page.text and "/portal/invite/" not in page.text
    shown = visible_text(page.text)
    masked = f"{address[0]}***@example.org"
    assert (f"Invitation sent to the client's e-mail address on file ({masked}); it expires on"
            in shown)
    assert address not in page.text
    assert page.headers["Cache-Control"] == "no-store"


def test_office_enrolment_page_opens_sign_up_that_needs_the_mailed_code(
        practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    page = browser.post(f"/clients/{client_id}/portal-enrolment")
    assert page.status_code == 200
    address = practice.services.charts.get_client(SYSTEM_ACTOR, client_id).contacts["email"]
    code = code_in(mail_server().latest(address))
    assert code not in visible_text(page.text)
    match = re.search(r'href="(/portal/invite/[A-Za-z0-9_-]+)"', page.text)
    assert match, "no link to the sign-up page"
    sign_up = browser.get(match.group(1))
    assert '<label for="code">Code from your e-mail</label>' in sign_up.text


def test_portal_invitation_refused_without_csrf_or_for_billing(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    refused = practice.browser("clinician1").post(f"/clients/{client_id}/portal-invitation",
                                                  with_token=False)
    assert refused.status_code == 403
    billing = practice.browser("billing")
    assert "Invite to the portal" not in billing.get(f"/clients/{client_id}/consent").text
    assert billing.post(f"/clients/{client_id}/portal-invitation").status_code == 403
    assert "/portal/invite/" not in refused.text
