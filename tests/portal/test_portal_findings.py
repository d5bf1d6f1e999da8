"""Service defects the portal once showed to clients, kept as regression tests."""

from __future__ import annotations

from tests.factories import NoteFactory, Practice
from tests.portal.helpers import PortalClient

KNOWN_BASES = {"care-team", "supervision", "break-glass", "billing-role",
               "practice-administration"}


def test_listing_notes_under_break_glass_shows_as_emergency_access(
    practice: Practice, client_a: PortalClient,
) -> None:
    NoteFactory.progress(practice, client_a.client_id)
    clinician2 = practice.actor("clinician2")
    practice.services.break_glass.open(clinician2, client_a.client_id,
                                       "Synthetic emergency: covering tonight.")
    practice.services.notes.list_progress_notes(clinician2, client_a.client_id)
    principal = practice.services.portal.resolve(
        str(client_a.browser.http.cookies.get("cd_portal")))
    assert principal is not None
    visits = practice.services.portal.access_history(principal)
    assert {v.basis for v in visits} <= KNOWN_BASES
    emergency = [v for v in visits if v.staff_id == clinician2.actor_id]
    assert emergency and all(v.basis == "break-glass" and v.stated_reason for v in emergency)
