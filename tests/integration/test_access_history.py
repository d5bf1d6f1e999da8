"""What the client sees of who looked (the portal's access history), on both databases: every
staff access to the record shows — authorizations, disclosure requests, excerpts with their
purpose, consent — and a psychotherapy note's author's own work shows only when the practice
chooses (docs/disclosures.md)."""

from __future__ import annotations

import secrets

from closeddoor.excerpts.model import ExcerptRequest
from closeddoor.portal.model import AccessVisit, PortalPrincipal
from tests.factories import (
    AuthorizationFactory,
    ClientFactory,
    NoteFactory,
    Practice,
    authorized_request,
)
from tests.integration.helpers import Api


def history(practice: Practice, client_id: str) -> list[AccessVisit]:
    principal = PortalPrincipal(account_id=secrets.token_hex(8), client_id=client_id,
                                username="client.synthetic", csrf_token="", mfa_passed=True,
                                totp_enabled=False)
    return practice.services.portal.access_history(principal)


def seen_by(practice: Practice, client_id: str, username: str) -> set[str]:
    staff_id = practice.user_id(username)
    return {what for visit in history(practice, client_id) if visit.staff_id == staff_id
            for what in visit.viewed}


def test_release_work_shows_authorizations_and_requests(practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    authorization_id = AuthorizationFactory.create(practice, client_id)
    supervisor = practice.actor("supervisor")
    before = seen_by(practice, client_id, "supervisor")
    practice.services.authorizations.list_authorizations(supervisor, client_id)
    practice.services.disclosures.list_disclosures(supervisor, client_id)
    practice.services.disclosures.request(practice.actor("clinician1"), client_id,
                                          authorized_request(authorization_id))
    assert "authorizations to release records" not in before
    assert {"authorizations to release records", "requests to send your records"} <= seen_by(
        practice, client_id, "supervisor")
    assert "asked to send your records" in seen_by(practice, client_id, "clinician1")


def test_an_excerpt_shows_with_its_purpose(practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    note_id = NoteFactory.progress(practice, client_id, body="Synthetic session text only.")
    practice.services.excerpts.create(practice.actor("clinician1"), client_id,
                                      ExcerptRequest.parse({"note_ids": [note_id],
                                                            "purpose": "consultation"}))
    assert "an excerpt of notes, for consultation" in seen_by(practice, client_id, "clinician1")


def test_consent_records_show(practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    practice.services.consent.status(practice.actor("supervisor"), client_id)
    assert "consent" in seen_by(practice, client_id, "supervisor")


def test_the_authors_process_notes_stay_out_unless_the_practice_chooses(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    note_id = NoteFactory.psychotherapy(practice, client_id)
    practice.services.notes.get_note(practice.actor("clinician1"), client_id, note_id)
    private = {"the therapist's private notes", "wrote the therapist's private notes"}
    assert not private & seen_by(practice, client_id, "clinician1")

    shown = {"process_note_reads_shown": True}
    assert api.put("/settings/access-history", "billing", shown).status_code == 403
    assert api.put("/settings/access-history", "clinician1", shown).status_code == 403
    assert not practice.services.portal.history_shows_process_notes()
    assert api.put("/settings/access-history", "owner", shown).status_code == 204
    assert api.get("/settings/access-history", "owner").json() == shown
    assert private <= seen_by(practice, client_id, "clinician1")
