"""The portal shows times in the client's own zone when they chose one, else the practice's;
a zone that does not exist is refused and saves nothing."""

from __future__ import annotations

from tests.factories import Practice
from tests.portal.helpers import PortalClient


def test_times_follow_the_clients_zone_else_the_practices(practice: Practice,
                                                          client_a: PortalClient) -> None:
    charts = practice.services.charts
    charts.update_scheduling_settings(practice.actor("owner"), "America/Chicago", 24)
    charts.create_appointment(practice.actor("clinician1"), client_a.client_id,
                              {"starts_at": "2026-07-07T15:00:00+00:00"})
    page = client_a.browser.get("/portal/record").text
    assert "10:00 CDT" in page and "times in America/Chicago" in page
    saved = client_a.browser.post("/portal/preferences", {"time_zone": "America/New_York"})
    assert saved.status_code == 200
    assert charts.client_time_zone(client_a.client_id) == "America/New_York"
    page = client_a.browser.get("/portal/record").text
    assert "11:00 EDT" in page and "times in America/New_York" in page
    refused = client_a.browser.post("/portal/preferences", {"time_zone": "Atlantis/Deep",
                                                            "voicemail": "yes",
                                                            "reminder_phone": "555 0100 200"})
    assert refused.status_code == 422 and "time_zone" in refused.text
    assert charts.client_time_zone(client_a.client_id) == "America/New_York"
    assert not practice.services.consent.preferences(practice.actor("owner"),
                                                     client_a.client_id).voicemail
