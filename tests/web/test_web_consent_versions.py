"""The owner's consent pages: versions, drafts edited section by section, preview, publishing
with a confirmation, and the practice's jurisdiction."""

from __future__ import annotations

import html
import re

from closeddoor.consent.jurisdictions import known_codes
from closeddoor.consent.template import SECTION_KEYS
from tests.web.helpers import Browser, Practice, visible_text

FIELD = re.compile(r'<(input|textarea) id="([^"]+)" name="([^"]+)"[^>]*>(?:([^<]*)</textarea>)?')


def form_values(page: str) -> dict[str, str]:
    """The edit form's text fields and textareas, as a browser would post them back."""
    values = {}
    for tag, _, name, text in FIELD.findall(page):
        if tag == "textarea":
            values[name] = html.unescape(text)
        else:
            value = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', page)
            values[name] = html.unescape(value.group(1)) if value else ""
    return values


def new_draft(owner: Browser) -> tuple[str, str]:
    """Start a draft through the page; returns its path and the edit page's HTML."""
    created = owner.post("/practice/consent/drafts")
    assert created.status_code == 200
    path = created.url.path
    assert re.fullmatch(r"/practice/consent/versions/[0-9a-f-]{36}", path)
    return path, created.text


def record_review(owner: Browser, path: str, today: str) -> None:
    """Record the review through the publish page's form, with the hash the page shows."""
    page = owner.get(f"{path}/publish").text
    digest = re.search(r'name="text_sha256" value="([0-9a-f]{64})"', page)
    assert digest, "the publish page offers the review form"
    recorded = owner.post(f"{path}/review", {"reviewed_by": "Synthetic Counsel (test)",
                                             "reviewed_on": today,
                                             "text_sha256": digest.group(1)})
    assert recorded.status_code == 200 and recorded.url.path == f"{path}/publish"
    assert "Reviewed by Synthetic Counsel (test) on " + today in recorded.text


def versions(practice: Practice) -> list[tuple[int, str]]:
    return [(v.number, v.status) for v in practice.services.consent.list_versions(
        practice.user("owner").actor)]


def test_owner_sees_versions_and_jurisdiction_in_the_navigation(practice: Practice) -> None:
    owner = practice.browser("owner")
    page = owner.get("/practice/consent").text
    assert 'href="/practice/consent" aria-current="page"' in page
    text = visible_text(page)
    assert "Consent forms" in text and "Versions" in text
    assert re.search(r"<td>1</td>\s*<td><span class=\"badge signed\">published</span>", page)
    for code in known_codes():
        assert f'<option value="{code}"' in page
    assert '<label for="jurisdiction">' in page
    assert "every client will need to consent again" in text


def test_draft_is_edited_section_by_section_previewed_and_published(
    practice: Practice,
) -> None:
    owner = practice.browser("owner")
    path, edit = new_draft(owner)
    assert versions(practice) == [(2, "draft"), (1, "published")]
    for key in SECTION_KEYS:
        for part in ("title", "body", "citations"):
            assert f'<label for="{key}-{part}">' in edit and f'id="{key}-{part}"' in edit
    values = form_values(edit)
    values["danger_to_self-body"] += "\n\nA synthetic sentence the owner added."
    saved = owner.post(path, values | {"action": "save"})
    assert saved.status_code == 200 and "The draft was saved." in saved.text
    assert "A synthetic sentence the owner added." in saved.text

    preview = owner.post(path, form_values(saved.text) | {"action": "preview"})
    assert preview.url.path == f"{path}/preview"
    assert "A synthetic sentence the owner added." in visible_text(preview.text)
    assert 'class="consent-document"' in preview.text

    confirm = owner.get(f"{path}/publish")
    assert "Nobody's review of this text is recorded yet." in html.unescape(confirm.text)
    assert '<label for="reviewed_by">' in confirm.text
    assert '<label for="confirm">' not in confirm.text
    unreviewed = owner.post(f"{path}/publish", {"confirm": "on"})
    assert unreviewed.status_code == 403 and versions(practice)[0] == (2, "draft")
    record_review(owner, path, practice.clock.now().date().isoformat())
    confirm = owner.get(f"{path}/publish")
    assert "Publishing is final." in confirm.text and '<label for="confirm">' in confirm.text
    unconfirmed = owner.post(f"{path}/publish", {})
    assert unconfirmed.status_code == 422
    assert versions(practice)[0] == (2, "draft")
    published = owner.post(f"{path}/publish", {"confirm": "on"})
    assert published.url.path == "/practice/consent"
    assert versions(practice) == [(2, "published"), (1, "published")]
    # Published is final: the edit page now shows the text only.
    assert owner.get(path).url.path == f"{path}/preview"
    refused = owner.post(path, values | {"action": "save"})
    assert refused.status_code == 409
    assert "published versions are final" in refused.text
    assert owner.post(f"{path}/publish", {"confirm": "on"}).status_code == 409


def test_invalid_draft_is_refused_naming_the_section_and_nothing_changes(
    practice: Practice,
) -> None:
    owner = practice.browser("owner")
    path, edit = new_draft(owner)
    values = form_values(edit)
    version_id = path.rsplit("/", 1)[1]
    before = practice.services.consent.version_template(practice.user("owner").actor,
                                                        version_id)
    refused = owner.post(path, values | {"child_abuse-title": "", "intro": "Changed intro."})
    assert refused.status_code == 422
    assert "section 'child_abuse' has an empty title" in html.unescape(refused.text)
    assert "Changed intro." in refused.text  # what was typed stays on the page
    unknown = owner.post(path, values | {"recordings-body": "{{ facts.no_such_fact.value }}"})
    assert unknown.status_code == 422 and "no_such_fact" in unknown.text
    assert practice.services.consent.version_template(
        practice.user("owner").actor, version_id) == before


def test_publishing_makes_signed_clients_reconsent_needed_on_their_chart(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    clinician = practice.browser("clinician1")
    form = practice.services.consent.form(practice.user("clinician1").actor, client_id)
    practice.services.consent.sign(practice.user("clinician1").actor, client_id,
                                   version_id=form.version_id,
                                   text_sha256=form.rendered.sha256, signer_name="Alex Signer")
    assert "Consent: current." in visible_text(clinician.get(f"/clients/{client_id}").text)
    owner = practice.browser("owner")
    path, edit = new_draft(owner)
    values = form_values(edit)
    values["intro"] += "\n\nA new paragraph."
    owner.post(path, values | {"action": "save"})
    record_review(owner, path, practice.clock.now().date().isoformat())
    owner.post(f"{path}/publish", {"confirm": "on"})
    chart = visible_text(clinician.get(f"/clients/{client_id}").text)
    assert "Consent: re-consent needed." in chart
    assert "now uses version 2" in chart


def test_jurisdiction_is_chosen_from_the_known_codes(practice: Practice) -> None:
    owner = practice.browser("owner")
    saved = owner.post("/practice/consent/jurisdiction", {"jurisdiction": "US-TX"})
    assert saved.status_code == 200
    assert "The practice's jurisdiction was saved." in html.unescape(saved.text)
    assert practice.services.consent.jurisdiction_code() == "US-TX"
    assert '<option value="US-TX" selected>' in saved.text
    refused = owner.post("/practice/consent/jurisdiction", {"jurisdiction": "XX-ZZ"})
    assert refused.status_code == 422 and "unknown jurisdiction code" in refused.text
    assert practice.services.consent.jurisdiction_code() == "US-TX"


def test_consent_pages_refuse_csrf_less_posts_and_change_nothing(practice: Practice) -> None:
    owner = practice.browser("owner")
    path, _ = new_draft(owner)
    assert owner.post("/practice/consent/drafts", with_token=False).status_code == 403
    assert owner.post(f"{path}/publish", {"confirm": "on"}, with_token=False).status_code == 403
    assert owner.post("/practice/consent/jurisdiction", {"jurisdiction": "US-FL"},
                      with_token=False).status_code == 403
    assert versions(practice) == [(2, "draft"), (1, "published")]
    assert practice.services.consent.jurisdiction_code() == "generic"


def test_staff_other_than_the_owner_are_refused(practice: Practice) -> None:
    for username in ("clinician1", "supervisor", "billing"):
        browser = practice.browser(username)
        assert 'href="/practice/consent"' not in browser.get("/").text
        assert browser.get("/practice/consent").status_code == 403
        assert browser.post("/practice/consent/drafts").status_code == 403
        assert browser.post("/practice/consent/jurisdiction",
                            {"jurisdiction": "US-CA"}).status_code == 403
    assert versions(practice) == [(1, "published")]
    assert practice.services.consent.jurisdiction_code() == "generic"
