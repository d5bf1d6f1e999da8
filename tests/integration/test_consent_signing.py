"""Signing the consent form in the office, through the API on SQLite and PostgreSQL: the
signature binds to the exact text shown, the jurisdiction decides who signs for a minor, the
wrong roles store nothing, and the typed name never lands on disk in plaintext.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.factories import (
    START,
    ClientFactory,
    NoteFactory,
    Practice,
    marker,
    publish_reviewed_version,
)
from tests.integration.helpers import Api, is_postgres, scalar, sql
from tests.integration.test_consent_versions import publish_revision
from tests.integration.test_plaintext_scan import database_as_text, files_under, leaks


def form_of(api: Api, client_id: str, who: str = "clinician1") -> dict[str, Any]:
    response = api.get(f"/clients/{client_id}/consent/form", who)
    assert response.status_code == 200, response.text
    return dict(response.json())


def signature(form: dict[str, Any], **overrides: str) -> dict[str, str]:
    body = {"version_id": form["version_id"], "text_sha256": form["text_sha256"],
            "signer_name": "Synthetic Signer", "signer_kind": "client"}
    return body | overrides


def sign(api: Api, client_id: str, body: dict[str, str], who: str = "clinician1") -> Any:
    return api.post(f"/clients/{client_id}/consent/signatures", who, body)


def stored_signatures(practice: Practice, client_id: str) -> int:
    return int(scalar(practice, "SELECT count(*) FROM consent_signatures WHERE client_id = :c",
                      c=client_id))


def one_character_changed(text: str) -> str:
    index = text.index("private")
    return text[:index] + "P" + text[index + 1:]


def test_form_hash_is_the_sha256_of_its_canonical_text(api: Api) -> None:
    form = form_of(api, ClientFactory.create(api.practice))
    assert hashlib.sha256(form["canonical_text"].encode()).hexdigest() == form["text_sha256"]
    assert form["signer_rule"] == "client"  # born 1987: an adult
    assert form["sections"][0]["key"] == "danger_to_self"
    assert form["sections"][0]["text"] in form["canonical_text"]


def test_signature_on_the_shown_text_is_stored_and_listed(practice: Practice, api: Api) -> None:
    client_id = ClientFactory.create(practice)
    form = form_of(api, client_id)
    created = sign(api, client_id, signature(form, signer_name="Alex  Synthetic"))
    assert created.status_code == 201, created.text
    listed = api.get(f"/clients/{client_id}/consent/signatures", "clinician1").json()["items"]
    assert [(s["id"], s["version_number"], s["text_sha256"], s["method"], s["signer_kind"],
             s["signer_name"]) for s in listed] == [
        (created.json()["id"], 1, form["text_sha256"], "office", "client", "Alex Synthetic")]
    assert api.get(f"/clients/{client_id}/consent", "billing").json()["state"] == "current"


def test_signature_refused_with_409_when_one_character_of_the_text_differs(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    form = form_of(api, client_id)
    altered = hashlib.sha256(one_character_changed(form["canonical_text"]).encode()).hexdigest()
    assert altered != form["text_sha256"]
    refused = sign(api, client_id, signature(form, text_sha256=altered))
    assert refused.status_code == 409
    assert "changed" in refused.json()["detail"]
    assert stored_signatures(practice, client_id) == 0
    assert api.get(f"/clients/{client_id}/consent", "clinician1").json()["state"] == (
        "never-signed")


def test_signature_refused_with_409_when_a_new_version_was_published_since_shown(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    shown = form_of(api, client_id)
    publish_revision(api, "One synthetic sentence more.")
    current = form_of(api, client_id)
    assert current["text_sha256"] != shown["text_sha256"]
    # The old version with its own hash, and the new version with the old hash: both refused.
    assert sign(api, client_id, signature(shown)).status_code == 409
    assert sign(api, client_id, signature(current, text_sha256=shown["text_sha256"])
                ).status_code == 409
    assert sign(api, client_id, signature(shown, version_id=current["version_id"])
                ).status_code == 409
    assert stored_signatures(practice, client_id) == 0
    assert sign(api, client_id, signature(current)).status_code == 201
    assert stored_signatures(practice, client_id) == 1


def ten_year_old(practice: Practice) -> str:
    born = date(START.year - 10, 1, 15).isoformat()
    return ClientFactory.create(practice, date_of_birth=born)


def test_minor_in_california_must_be_signed_for_by_a_guardian(
    practice: Practice, api: Api,
) -> None:
    assert api.put("/settings/jurisdiction", "owner", {"code": "US-CA"}).status_code == 204
    publish_reviewed_version(practice.services, practice.actor("owner"))
    client_id = ten_year_old(practice)
    form = form_of(api, client_id)
    assert (form["jurisdiction_code"], form["signer_rule"]) == ("US-CA", "guardian")

    by_client = sign(api, client_id, signature(form, signer_kind="client"))
    assert by_client.status_code == 422
    assert "guardian" in by_client.json()["detail"]
    no_relation = sign(api, client_id, signature(form, signer_kind="guardian"))
    assert no_relation.status_code == 422
    assert "guardian_relation" in no_relation.json()["detail"]
    assert stored_signatures(practice, client_id) == 0

    by_guardian = sign(api, client_id, signature(form, signer_kind="guardian",
                                                 guardian_relation="mother"))
    assert by_guardian.status_code == 201, by_guardian.text
    (listed,) = api.get(f"/clients/{client_id}/consent/signatures", "billing").json()["items"]
    assert (listed["signer_kind"], listed["guardian_relation"], listed["jurisdiction"]) == (
        "guardian", "mother", "US-CA")


def test_adult_client_may_not_have_a_guardian_sign(practice: Practice, api: Api) -> None:
    client_id = ClientFactory.create(practice)
    refused = sign(api, client_id, signature(form_of(api, client_id), signer_kind="guardian",
                                             guardian_relation="father"))
    assert refused.status_code == 422
    assert stored_signatures(practice, client_id) == 0


@pytest.mark.parametrize(("who", "status"), [
    ("owner", 403), ("supervisor", 403), ("clinician2", 404), ("supervisor2", 404)])
def test_signature_refused_and_nothing_stored_when_role_may_not_sign(
    practice: Practice, api: Api, who: str, status: int,
) -> None:
    client_id = ClientFactory.create(practice)
    refused = sign(api, client_id, signature(form_of(api, client_id)), who=who)
    assert refused.status_code == status
    assert stored_signatures(practice, client_id) == 0
    denials = sql(practice, "SELECT count(*) FROM audit_events WHERE tag = :t AND "
                  "outcome = 'deny' AND client_id = :c", t="consent:signature:create",
                  c=client_id)
    assert denials[0][0] == 1


def test_billing_sees_consent_status_and_form_but_never_note_text(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    note_text = marker("note")
    NoteFactory.progress(practice, client_id, body=note_text)
    answers = [api.get(f"/clients/{client_id}{path}", "billing") for path in
               ("/consent", "/consent/form", "/consent/signatures", "/preferences")]
    assert [a.status_code for a in answers] == [200, 200, 200, 200]
    assert all(note_text not in a.text for a in answers)
    assert api.get(f"/clients/{client_id}/notes", "billing").status_code == 403


def test_form_pdf_is_a_pdf_named_by_version_only(practice: Practice, api: Api) -> None:
    data = ClientFactory.data()
    client_id = practice.services.charts.create_client(practice.actor("clinician1"), data)
    pdf = api.get(f"/clients/{client_id}/consent/form.pdf", "billing")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert pdf.headers["content-disposition"] == 'attachment; filename="consent-v1.pdf"'
    assert data["family_name"] not in pdf.headers["content-disposition"]


def test_typed_name_and_relation_never_stored_in_plaintext(
    practice: Practice, api: Api, tmp_path: Path,
) -> None:
    assert api.put("/settings/jurisdiction", "owner", {"code": "US-CA"}).status_code == 204
    publish_reviewed_version(practice.services, practice.actor("owner"))
    client_id = ten_year_old(practice)
    name, relation = marker("signer"), marker("relation")[:80]
    created = sign(api, client_id, signature(form_of(api, client_id), signer_name=name,
                                             signer_kind="guardian", guardian_relation=relation))
    assert created.status_code == 201, created.text
    listed = api.get(f"/clients/{client_id}/consent/signatures", "clinician1").text
    assert name in listed and relation in listed  # positive control: it was stored, sealed
    markers = [name, relation]
    assert leaks(files_under(tmp_path), markers) == []
    if is_postgres(practice):
        dump = database_as_text(practice)
        assert [m for m in markers if m in dump or m.encode().hex() in dump] == []
    practice.close()  # SQLite folds its WAL back into the file: look again
    assert leaks(files_under(tmp_path), markers) == []
