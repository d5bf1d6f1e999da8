"""The consent form's own promises (issue 11, parts 4 and 5), on SQLite and PostgreSQL.

No unreviewed form reaches a client: `init` publishes nothing; a version is published only
after the owner records who reviewed its text and when; the owner sees each jurisdiction fact's
review status and review note. A signature stays bound to what was signed: the practice's name
and the jurisdiction's facts are part of the text, so changing them makes every signer
"re-consent needed" and the form waits for a new reviewed version.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from pathlib import Path
from types import MappingProxyType

import pytest
from pypdf import PdfReader

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.consent import current as consent_current
from closeddoor.consent import service as consent_service
from closeddoor.consent.jurisdictions import Jurisdiction, load_jurisdiction
from closeddoor.consent.service import DEMO_NOTICE
from closeddoor.setup import initialize
from tests.factories import PASSWORD, ClientFactory, Practice, marker, settings_for
from tests.integration.helpers import Api, scalar, sql
from tests.integration.test_consent_versions import (
    document_of,
    editable,
    new_draft,
    publish_reviewed,
    record_review,
    sign_current,
    status_of,
    versions,
)


def audit_denials(practice: Practice, reason: str) -> int:
    return int(scalar(practice, "SELECT count(*) FROM audit_events WHERE tag = "
                      "'consent:version:publish' AND outcome = 'deny' AND reason = :reason",
                      reason=reason))


def test_publishing_is_refused_and_audited_when_no_review_is_recorded(
    practice: Practice, api: Api,
) -> None:
    draft = new_draft(api)
    refused = api.post(f"/consent/versions/{draft}/publish", "owner")
    assert refused.status_code == 403
    assert "consent-version-not-reviewed" in refused.json()["detail"]
    assert {v["id"]: v["status"] for v in versions(api)}[draft] == "draft"
    assert audit_denials(practice, "consent-version-not-reviewed") == 1


def test_review_is_refused_when_its_hash_is_not_of_the_text_as_it_renders(api: Api) -> None:
    draft = new_draft(api)
    refused = api.post(f"/consent/versions/{draft}/review", "owner", {
        "reviewed_by": "Synthetic Counsel (test)", "reviewed_on": "2026-03-01",
        "text_sha256": "0" * 64})
    assert refused.status_code == 409
    assert document_of(api, draft)["review"] is None


def test_review_is_refused_when_it_names_nobody_or_a_future_day(api: Api) -> None:
    draft = new_draft(api)
    digest = document_of(api, draft)["rendered_sha256"]
    for body in ({"reviewed_by": "  ", "reviewed_on": "2026-03-01"},
                 {"reviewed_by": "Synthetic Counsel", "reviewed_on": "2999-01-01"},
                 {"reviewed_by": "Synthetic Counsel", "reviewed_on": "yesterday"}):
        refused = api.post(f"/consent/versions/{draft}/review", "owner",
                           body | {"text_sha256": digest})
        assert refused.status_code == 422, body
    assert document_of(api, draft)["review"] is None


def test_publishing_is_refused_when_the_draft_was_edited_after_its_review(
    practice: Practice, api: Api,
) -> None:
    draft = new_draft(api)
    record_review(api, draft)
    shown = document_of(api, draft)
    assert shown["review"]["reviewed_by"] == "Synthetic Counsel (test)"
    assert shown["review_is_current"]
    changed = editable(shown)
    changed["intro"] += "\n\nA synthetic sentence nobody reviewed."
    assert api.put(f"/consent/versions/{draft}", "owner", changed).status_code == 204
    assert document_of(api, draft)["review"] is None
    assert api.post(f"/consent/versions/{draft}/publish", "owner").status_code == 403


def test_publishing_is_refused_when_the_practice_name_changed_after_the_review(
    practice: Practice, api: Api,
) -> None:
    draft = new_draft(api)
    record_review(api, draft)
    sql(practice, "UPDATE practice SET name = 'Renamed practice (synthetic)'")
    refused = api.post(f"/consent/versions/{draft}/publish", "owner")
    assert refused.status_code == 403
    assert "consent-version-review-outdated" in refused.json()["detail"]


def test_init_leaves_version_1_an_unpublished_draft_when_a_practice_is_created(
    database_url: str, tmp_path: Path,
) -> None:
    services = initialize(settings_for(database_url, tmp_path / "data"),
                          "Fresh practice (synthetic)")
    try:
        owner, clinician = (services.accounts.add_user(
            SYSTEM_ACTOR, username=username, display_name=f"{role.title()} (synthetic)",
            role=role, password=PASSWORD).actor for username, role in (
                ("owner", "owner"), ("clinician1", "clinician")))
        (first,) = services.consent.list_versions(owner)
        assert (first.number, first.status, first.review) == (1, "draft", None)
        client_id = services.charts.create_client(clinician, ClientFactory.data())
        assert services.consent.status(clinician, client_id).state == "no-published-version"
    finally:
        services.close()


def test_demo_form_says_on_its_face_that_nobody_reviewed_it(api: Api) -> None:
    (first,) = versions(api)
    assert (first["status"], first["is_demo"]) == ("published", True)
    assert first["review"]["reviewed_by"].startswith("nobody")
    client_id = ClientFactory.create(api.practice)
    form = api.get(f"/clients/{client_id}/consent/form", "clinician1").json()
    assert DEMO_NOTICE.split(":")[0] in form["canonical_text"]
    assert "No one has reviewed it." in form["intro"]


def test_demo_form_pdf_says_so_on_every_page(api: Api) -> None:
    client_id = ClientFactory.create(api.practice)
    pdf = api.get(f"/clients/{client_id}/consent/form.pdf", "clinician1")
    assert pdf.status_code == 200
    pages = PdfReader(io.BytesIO(pdf.content)).pages
    assert len(pages) > 1
    for page in pages:
        assert "not reviewed by anyone" in " ".join(page.extract_text().split())


def test_reviewed_form_pdf_carries_no_demo_notice(api: Api) -> None:
    publish_reviewed(api, new_draft(api))
    client_id = ClientFactory.create(api.practice)
    pdf = api.get(f"/clients/{client_id}/consent/form.pdf", "clinician1")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "not reviewed by anyone" not in " ".join(text.split())


def test_owner_sees_each_facts_review_status_and_note_when_reading_a_version(
    api: Api,
) -> None:
    assert api.put("/settings/jurisdiction", "owner", {"code": "US-CA"}).status_code == 204
    (first,) = versions(api)
    shown = document_of(api, first["id"])["jurisdiction"]
    california = load_jurisdiction("US-CA")
    assert shown["code"] == "US-CA"
    assert shown["review_status"] == california.review_status
    notes = {f["key"]: f["review_note"] for f in shown["facts"]}
    assert notes["duty_to_warn"] == california.facts["duty_to_warn"].review_note != ""
    assert set(notes) == set(california.facts)
    assert api.get(f"/consent/versions/{first['id']}", "clinician1").status_code == 403


def test_clients_show_reconsent_needed_when_the_practice_name_changes(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    sign_current(api, client_id)
    assert status_of(api, client_id)["state"] == "current"
    new_name = f"Renamed practice {marker('name')[:8]} (synthetic)"
    sql(practice, "UPDATE practice SET name = :name", name=new_name)
    assert status_of(api, client_id)["state"] == "reconsent-needed"
    # The text under the new name was never reviewed: it is not offered for signing.
    assert api.get(f"/clients/{client_id}/consent/form", "clinician1").status_code == 404
    (current,) = [v for v in versions(api) if v["status"] == "published"]
    assert current["is_stale"]
    publish_reviewed(api, new_draft(api))
    form = sign_current(api, client_id)
    assert f"practice: {new_name}" in form["canonical_text"]
    assert status_of(api, client_id)["state"] == "current"


def _with_changed_fact(real: Jurisdiction) -> Jurisdiction:
    fact = real.facts["duty_to_warn"]
    changed = dataclasses.replace(fact, summary=fact.summary + " A synthetic amendment.")
    return dataclasses.replace(real, facts=MappingProxyType({**real.facts,
                                                             "duty_to_warn": changed}))


def test_clients_show_reconsent_needed_when_a_jurisdiction_fact_changes(
    practice: Practice, api: Api, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A software update that ships an amended fact changes the text clients signed."""
    assert api.put("/settings/jurisdiction", "owner", {"code": "US-CA"}).status_code == 204
    publish_reviewed(api, new_draft(api))
    client_id = ClientFactory.create(practice)
    sign_current(api, client_id)
    assert status_of(api, client_id)["state"] == "current"

    def amended(code: str) -> Jurisdiction:
        return _with_changed_fact(load_jurisdiction(code))

    for module in (consent_current, consent_service):
        monkeypatch.setattr(module, "load_jurisdiction", amended)
    assert status_of(api, client_id)["state"] == "reconsent-needed"
    assert api.get(f"/clients/{client_id}/consent/form", "clinician1").status_code == 404
    publish_reviewed(api, new_draft(api))
    assert "A synthetic amendment." in sign_current(api, client_id)["canonical_text"]
    assert status_of(api, client_id)["state"] == "current"


def test_staff_download_exactly_the_text_whose_hash_was_signed(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    form = sign_current(api, client_id)
    (signature,) = api.get(f"/clients/{client_id}/consent/signatures", "clinician1").json()[
        "items"]
    download = api.get(f"/clients/{client_id}/consent/signatures/{signature['id']}/text",
                       "billing")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/plain")
    assert download.content == form["canonical_text"].encode("utf-8")
    assert hashlib.sha256(download.content).hexdigest() == signature["text_sha256"]
    # Sealed at rest: the stored column is not the text.
    stored = scalar(practice, "SELECT text_sealed FROM consent_signatures WHERE id = :id",
                    id=signature["id"])
    assert form["canonical_text"].encode("utf-8")[:200] not in bytes(stored)
    assert api.get(f"/clients/{client_id}/consent/signatures/{signature['id']}/text",
                   "clinician2").status_code == 404
