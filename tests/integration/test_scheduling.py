"""Booking and the calendar on SQLite and PostgreSQL: clashes (409, touching accepted, no other
client's name), the schedule lock under two threads, series across a DST change, reschedule and
cancel (late by the window), telehealth consent, zone settings, and who sees whom."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
from tests.factories import ClientFactory, Practice
from tests.integration.helpers import Api

CHICAGO = ZoneInfo("America/Chicago")


def test_overlapping_clinician_booking_is_409_and_touching_is_accepted(
        practice: Practice, api: Api) -> None:
    a = ClientFactory.create(practice)
    b = ClientFactory.create(practice)
    first = api.post(f"/clients/{a}/appointments", "clinician1",
                     {"starts_at": "2026-04-06T15:00:00+00:00", "duration_minutes": 50})
    assert first.status_code == 201
    clash = api.post(f"/clients/{b}/appointments", "clinician1",
                     {"starts_at": "2026-04-06T15:30:00+00:00"})
    assert clash.status_code == 409
    assert "already has a session" in clash.text
    touching = api.post(f"/clients/{b}/appointments", "clinician1",
                        {"starts_at": "2026-04-06T15:50:00+00:00"})
    assert touching.status_code == 201
    # Rescheduling onto the other session is refused the same way; cancelling frees the slot.
    moved = api.put(f"/clients/{b}/appointments/{touching.json()['id']}", "clinician1",
                    {"starts_at": "2026-04-06T15:20:00+00:00"})
    assert moved.status_code == 409
    cancelled = api.post(f"/clients/{a}/appointments/{first.json()['id']}/cancel",
                         "clinician1", {})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert api.put(f"/clients/{b}/appointments/{touching.json()['id']}", "clinician1",
                   {"starts_at": "2026-04-06T15:20:00+00:00"}).status_code == 204


def test_a_room_clash_names_the_room_never_the_other_client(practice: Practice) -> None:
    charts = practice.services.charts
    other = ClientFactory.create(practice, "clinician2", given_name="Zyxqhidden")
    mine = ClientFactory.create(practice, "clinician1")
    charts.create_appointment(practice.actor("clinician2"), other,
                              {"starts_at": "2026-04-07T15:00:00+00:00", "room": "Room 9"})
    with pytest.raises(ConflictError) as refused:
        charts.create_appointment(practice.actor("clinician1"), mine,
                                  {"starts_at": "2026-04-07T15:10:00+00:00", "room": "Room 9"})
    assert "room Room 9 is booked" in str(refused.value)
    assert "Zyxqhidden" not in str(refused.value)
    # Another room at the same time is fine; cancelled sessions do not block.
    charts.create_appointment(practice.actor("clinician1"), mine,
                              {"starts_at": "2026-04-07T15:10:00+00:00", "room": "Room 8"})


def test_two_threads_cannot_both_book_the_same_slot(practice: Practice) -> None:
    charts = practice.services.charts
    clients = [ClientFactory.create(practice) for _ in range(2)]
    results: list[str] = []
    barrier = threading.Barrier(2)

    def book(client_id: str) -> None:
        barrier.wait()
        try:
            charts.create_appointment(practice.actor("clinician1"), client_id,
                                      {"starts_at": "2026-04-08T15:00:00+00:00"})
            results.append("ok")
        except ConflictError:
            results.append("clash")

    threads = [threading.Thread(target=book, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["clash", "ok"]


def test_weekly_series_keeps_local_time_across_dst_and_cancels_late(practice: Practice) -> None:
    owner = practice.actor("owner")
    charts = practice.services.charts
    charts.update_scheduling_settings(owner, "America/Chicago", 24)
    client = ClientFactory.create(practice)
    ids = practice.services.charts.book(practice.actor("clinician1"), client, {
        "starts_at": "2026-03-02T10:00", "repeat": "weekly", "repeat_count": 3})
    views = sorted(charts.list_appointments(practice.actor("clinician1"), client),
                   key=lambda v: v.starts_at)
    assert [v.appointment_id for v in views] == ids
    assert [v.starts_at.astimezone(CHICAGO).hour for v in views] == [10, 10, 10]
    assert [v.starts_at.hour for v in views] == [16, 15, 15]
    assert len({v.series_id for v in views}) == 1
    # The clock is 2026-03-02 15:00 UTC: the first session (16:00 UTC) is inside 24 hours.
    assert charts.cancel_appointment(practice.actor("clinician1"), client, ids[0]) == \
        "late_cancelled"
    assert charts.cancel_appointment(practice.actor("clinician1"), client, ids[1]) == \
        "cancelled"
    # Move the rest of the series ("this and following") to 11:30 local.
    charts.update_appointment(practice.actor("clinician1"), client, ids[2],
                              {"starts_at": "2026-03-16T11:30"}, scope="following")
    moved = charts.get_appointment(practice.actor("clinician1"), client, ids[2])
    assert moved.starts_at.astimezone(CHICAGO).replace(tzinfo=None) == \
        datetime(2026, 3, 16, 11, 30)


def test_a_gap_time_is_refused_and_settings_are_validated(practice: Practice) -> None:
    owner = practice.actor("owner")
    charts = practice.services.charts
    with pytest.raises(InvalidInput) as bad:
        charts.update_scheduling_settings(owner, "Mars/Olympus", 999)
    assert "time_zone:" in str(bad.value) and "late_cancel_hours:" in str(bad.value)
    with pytest.raises(PolicyDenied):
        charts.update_scheduling_settings(practice.actor("clinician1"), "UTC", 24)
    charts.update_scheduling_settings(owner, "America/Chicago", 48)
    assert charts.scheduling_settings().late_cancel_hours == 48
    client = ClientFactory.create(practice)
    with pytest.raises(InvalidInput, match="does not exist"):
        charts.create_appointment(practice.actor("clinician1"), client,
                                  {"starts_at": "2026-03-08T02:30"})


def test_telehealth_needs_the_clients_consent(practice: Practice) -> None:
    charts = practice.services.charts
    clinician = practice.actor("clinician1")
    client = ClientFactory.create(practice)
    booking = {"starts_at": "2026-04-09T15:00:00+00:00", "modality": "telehealth",
               "telehealth_link": "https://video.example.org/room/abc"}
    with pytest.raises(InvalidInput, match="telehealth consent"):
        charts.create_appointment(clinician, client, booking)
    practice.services.consent.update_preferences(clinician, client, {"telehealth": "granted"})
    appointment_id = charts.create_appointment(clinician, client, booking)
    view = charts.get_appointment(clinician, client, appointment_id)
    assert view.details["telehealth_link"] == "https://video.example.org/room/abc"


def test_calendar_shows_names_only_to_those_who_may_see_them(practice: Practice) -> None:
    charts = practice.services.charts
    calendar = practice.services.calendar
    mine = ClientFactory.create(practice, "clinician1", given_name="Zyxqmine")
    theirs = ClientFactory.create(practice, "clinician2", given_name="Zyxqtheirs")
    charts.create_appointment(practice.actor("clinician1"), mine,
                              {"starts_at": "2026-03-03T15:00:00+00:00", "room": "Room 5"})
    charts.create_appointment(practice.actor("clinician2"), theirs,
                              {"starts_at": "2026-03-03T17:00:00+00:00", "room": "Room 5"})
    day = date(2026, 3, 3)
    # A clinician looking at a colleague's day: a busy block with no client.
    colleague = calendar.view(practice.actor("clinician1"), scope="clinician",
                              target=practice.user_id("clinician2"), day=day)
    [block] = colleague.entries
    assert block.busy_only and block.client_id == "" and block.client_name == ""
    own = calendar.view(practice.actor("clinician1"), scope="clinician", day=day, week=True)
    assert [e.client_name for e in own.entries if e.kind == "session"] == [
        next(e.client_name for e in own.entries if e.client_id == mine)]
    assert "Zyxqmine" in own.entries[0].client_name
    # Front desk: the whole practice, with names (who and when).
    desk = calendar.view(practice.actor("billing"), scope="room", target="Room 5", day=day)
    assert {e.client_id for e in desk.entries} == {mine, theirs}
    assert all(e.client_name for e in desk.entries)
    # Clinicians and supervisors may not open the practice or a room view.
    for who in ("clinician1", "supervisor"):
        with pytest.raises(PolicyDenied):
            calendar.view(practice.actor(who), scope="practice", day=day)
    # Every client on a calendar is audited as a list.
    events = practice.services.runtime.audit.events(limit=500,
                                                   tags=["record:appointment:read"])
    listed = [e for e in events if "calendar" in e.entry.details]
    assert {e.entry.client_id for e in listed} >= {mine, theirs}


def test_today_lists_past_sessions_without_a_signed_note(practice: Practice) -> None:
    charts = practice.services.charts
    client = ClientFactory.create(practice, "clinician1")
    past = charts.create_appointment(practice.actor("clinician1"), client,
                                     {"starts_at": datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
                                      "status": "attended"})
    today = practice.services.calendar.today(practice.actor("clinician1"))
    assert past in [e.entry_id for e in today.unsigned]


# --- time off: removed or moved by its clinician, or by the owner and front desk ---------------
def _block(practice: Practice, who: str = "clinician1") -> str:
    starts = datetime(2026, 3, 10, 9, 0)
    return practice.services.calendar.add_time_off(
        practice.actor(who), practice.user_id(who), starts, starts.replace(hour=12))


def _blocks_of(practice: Practice, who: str) -> list[tuple[datetime, datetime]]:
    view = practice.services.calendar.view(practice.actor(who), scope="clinician",
                                           day=date(2026, 3, 10), week=False)
    return [(e.starts_at, e.ends_at) for e in view.entries if e.kind == "time_off"]


def test_clinician_removes_own_time_off_and_the_removal_is_audited(
        practice: Practice) -> None:
    calendar = practice.services.calendar
    block = _block(practice)
    assert _blocks_of(practice, "clinician1")
    calendar.remove_time_off(practice.actor("clinician1"), block)
    assert _blocks_of(practice, "clinician1") == []
    events = practice.services.runtime.audit.events(limit=50,
                                                   tags=["practice:time-off:update"])
    removed = [e.entry for e in events if e.entry.resource_id == block
               and '"change":"remove"' in e.entry.details]
    assert [(e.actor_id, e.outcome) for e in removed] == [
        (practice.user_id("clinician1"), "ok")]
    with pytest.raises(NotFound):
        calendar.remove_time_off(practice.actor("clinician1"), block)


def test_removing_or_moving_time_off_is_refused_when_it_is_another_clinicians(
        practice: Practice) -> None:
    calendar = practice.services.calendar
    block = _block(practice, "clinician2")
    before = _blocks_of(practice, "clinician2")
    with pytest.raises(PolicyDenied):
        calendar.remove_time_off(practice.actor("clinician1"), block)
    with pytest.raises(PolicyDenied):
        calendar.change_time_off(practice.actor("clinician1"), block,
                                 datetime(2026, 3, 10, 13, 0), datetime(2026, 3, 10, 14, 0))
    with pytest.raises(PolicyDenied):
        calendar.remove_time_off(practice.actor("supervisor"), block)
    assert _blocks_of(practice, "clinician2") == before
    denied = [e.entry for e in practice.services.runtime.audit.events(
        limit=50, tags=["practice:time-off:update"]) if e.entry.outcome == "deny"]
    assert {e.actor_id for e in denied} >= {practice.user_id("clinician1")}


def test_front_desk_moves_and_removes_a_clinicians_time_off_when_asked(
        practice: Practice, api: Api) -> None:
    block = _block(practice, "clinician2")
    moved = api.put(f"/calendar/time-off/{block}", "billing",
                    {"starts_at": "2026-03-10T13:00:00", "ends_at": "2026-03-10T15:00:00"})
    assert moved.status_code == 204, moved.text
    [(starts, ends)] = _blocks_of(practice, "clinician2")
    assert (ends - starts).total_seconds() == 2 * 3600
    backwards = api.put(f"/calendar/time-off/{block}", "billing",
                        {"starts_at": "2026-03-10T15:00:00", "ends_at": "2026-03-10T13:00:00"})
    assert backwards.status_code == 422
    assert api.delete(f"/calendar/time-off/{block}", "clinician1").status_code == 403
    assert api.delete(f"/calendar/time-off/{block}", "billing").status_code == 204
    assert api.delete(f"/calendar/time-off/{block}", "billing").status_code == 404
    assert _blocks_of(practice, "clinician2") == []
