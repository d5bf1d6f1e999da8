"""The day's pages: the time-zone setting, booking a series and moving one session on the
chart's pages (errors beside fields, a clash refused with what it clashes with), the calendar
(busy blocks for other clinicians' clients) and today."""

from __future__ import annotations

import re

from tests.web.helpers import Practice, visible_text

SERIES = {"date": "2031-03-03", "time": "10:00", "duration_minutes": "50",
          "modality": "in_person", "status": "scheduled", "room": "Room 7",
          "cpt_code": "90834", "repeat": "weekly", "repeat_count": "3"}


def _use_chicago(practice: Practice) -> None:
    owner = practice.browser("owner")
    saved = owner.post("/practice/settings", {"time_zone": "America/Chicago",
                                              "late_cancel_hours": "24", "rooms": "Room 7"})
    assert saved.status_code == 200 and "The settings were saved." in saved.text


def test_owner_sets_the_time_zone_and_a_bad_one_is_refused_beside_its_field(
        practice: Practice) -> None:
    owner = practice.browser("owner")
    bad = owner.post("/practice/settings", {"time_zone": "Mars/Olympus",
                                            "late_cancel_hours": "500"})
    assert bad.status_code == 422
    assert 'id="time_zone-error"' in bad.text and 'id="late_cancel_hours-error"' in bad.text
    assert practice.services.charts.scheduling_settings().time_zone == "UTC"
    _use_chicago(practice)
    assert practice.services.charts.scheduling_settings().time_zone == "America/Chicago"
    assert 'value="America/Chicago"' in owner.get("/practice/settings").text


def test_book_a_series_see_it_in_the_week_move_one_and_hit_a_clash(practice: Practice) -> None:
    _use_chicago(practice)
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    booked = browser.post(f"/clients/{client_id}/appointments/new", SERIES)
    assert booked.status_code == 200, visible_text(booked.text)
    assert "America/Chicago" in booked.text  # the chart's caption names the zone
    week = browser.get("/calendar?day=2031-03-03&span=week")
    text = visible_text(week.text)
    assert "10:00\u201310:50" in text  # an en dash and "Room 7" in text
    ids = re.findall(rf"/clients/{client_id}/appointments/([0-9a-f-]{{36}})", week.text)
    assert ids
    moved = browser.post(f"/clients/{client_id}/appointments/{ids[0]}", {
        **SERIES, "time": "11:30", "scope": "one"})
    assert moved.status_code == 200 and "The appointment was saved." in moved.text
    # A second client in the same room at 11:45 clashes with the moved session.
    other = next(c.client_id for c in
                 practice.services.charts.list_clients(practice.user("clinician1").actor)
                 if c.client_id != client_id)
    clash = browser.post(f"/clients/{other}/appointments/new", {
        **SERIES, "time": "11:45", "repeat": "none", "repeat_count": ""})
    assert clash.status_code == 409
    assert 'id="time-error"' in clash.text and "already has a session" in clash.text


def test_a_colleagues_sessions_are_busy_blocks_without_names(practice: Practice) -> None:
    theirs = practice.first_client_of("clinician2")
    practice.services.charts.create_appointment(
        practice.user("clinician2").actor, theirs,
        {"starts_at": "2031-05-06T15:00:00+00:00", "room": "Room 2"})
    name = practice.services.charts.get_client(practice.user("clinician2").actor,
                                               theirs).demographics["family_name"]
    colleague = practice.user("clinician2").user_id
    page = practice.browser("clinician1").get(
        f"/calendar?scope=clinician&target={colleague}&day=2031-05-06&span=day")
    assert page.status_code == 200
    assert "Busy" in page.text and name not in page.text and theirs not in page.text
    desk = practice.browser("billing").get("/calendar?scope=practice&day=2031-05-06&span=day")
    assert name in desk.text
    refused = practice.browser("clinician1").get("/calendar?scope=practice&day=2031-05-06")
    assert refused.status_code == 422 and name not in refused.text


def test_today_is_first_in_the_nav_and_lists_unsigned_past_sessions(
        practice: Practice) -> None:
    page = practice.browser("clinician1").get("/today")
    assert page.status_code == 200
    nav = page.text[page.text.index('<nav aria-label="Main">'):]
    assert nav.index('href="/today"') < nav.index('href="/clients"')
    assert "Past sessions with no signed note" in page.text
    assert "Write the note for" in page.text  # the demo's last week has no note


def test_a_clinician_adds_their_own_time_off_and_it_blocks_booking(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    bad = browser.post("/calendar/time-off", {"off_day": "2031-06-02", "off_from": "noon",
                                              "off_to": ""})
    assert bad.status_code == 422
    assert 'id="off_from-error"' in bad.text and 'id="off_to-error"' in bad.text
    other = practice.user("clinician2").user_id
    refused = browser.post("/calendar/time-off", {"user_id": other, "off_day": "2031-06-02",
                                                  "off_from": "09:00", "off_to": "12:00"})
    assert refused.status_code == 422 and "yourself only" in refused.text
    saved = browser.post("/calendar/time-off", {"off_day": "2031-06-02", "off_from": "09:00",
                                                "off_to": "12:00"})
    assert saved.status_code == 200 and "The time off was saved." in saved.text
    assert "away" in visible_text(saved.text)
    client_id = practice.first_client_of("clinician1")
    clash = browser.post(f"/clients/{client_id}/appointments/new", {
        "date": "2031-06-02", "time": "10:00", "duration_minutes": "50"})
    assert clash.status_code == 409 and "is away" in clash.text


def test_a_clinician_removes_their_own_time_off_and_not_a_colleagues(
        practice: Practice) -> None:
    browser = practice.browser("clinician1")
    saved = browser.post("/calendar/time-off", {"off_day": "2031-06-03", "off_from": "09:00",
                                                "off_to": "12:00"})
    [own] = re.findall(r'action="/calendar/time-off/([0-9a-f-]+)/remove"', saved.text)
    colleague = practice.browser("clinician2").post(f"/calendar/time-off/{own}/remove")
    assert colleague.status_code == 403 and "your own time off only" in colleague.text
    removed = browser.post(f"/calendar/time-off/{own}/remove")
    assert removed.status_code == 200 and "The time off was removed." in removed.text
    day = browser.get("/calendar?day=2031-06-03&span=day")
    assert f"/calendar/time-off/{own}/remove" not in day.text


def test_home_is_today_for_a_clinician_and_the_practices_day_for_the_front_desk(
        practice: Practice) -> None:
    clinician = practice.browser("clinician1").get("/")
    assert clinician.status_code == 200 and "Past sessions with no signed note" in clinician.text
    desk = practice.browser("billing").get("/")
    assert desk.status_code == 200 and 'aria-current="page">Calendar' in desk.text
    owner = practice.browser("owner").get("/")
    assert owner.status_code == 200 and "<h1>Clients</h1>" in owner.text
    caseload = practice.browser("clinician1").get("/clients")
    assert caseload.status_code == 200 and "My caseload" in caseload.text


def test_time_off_is_moved_on_the_page_and_a_bad_move_names_each_field_and_changes_nothing(
        practice: Practice) -> None:
    browser = practice.browser("clinician1")
    saved = browser.post("/calendar/time-off", {"off_day": "2031-06-04", "off_from": "09:00",
                                                "off_to": "12:00"})
    [own] = re.findall(r'action="/calendar/time-off/([0-9a-f-]+)/move"', saved.text)
    assert f'id="off_day-{own}" name="off_day" type="date" value="2031-06-04"' in saved.text
    refused = browser.post(f"/calendar/time-off/{own}/move", {
        "off_day": "June the fifth", "off_from": "14:00", "off_to": "half past",
        "block_day": "2031-06-04"})
    assert refused.status_code == 422
    text = visible_text(refused.text)
    assert "New day: enter the date as YYYY-MM-DD" in text  # every problem, named in words
    assert "Until: enter the time as HH:MM" in text
    assert f'aria-describedby="off_to-{own}-error"' in refused.text
    assert 'value="June the fifth"' in refused.text  # what was typed stays
    backwards = browser.post(f"/calendar/time-off/{own}/move", {
        "off_day": "2031-06-05", "off_from": "14:00", "off_to": "13:00",
        "block_day": "2031-06-04"})
    assert backwards.status_code == 422
    assert "Until: make the end later than the start" in visible_text(backwards.text)
    unchanged = browser.get("/calendar?day=2031-06-04&span=day")
    assert f'action="/calendar/time-off/{own}/move"' in unchanged.text  # still on the 4th
    colleague = practice.browser("clinician2").post(f"/calendar/time-off/{own}/move", {
        "off_day": "2031-06-05", "off_from": "14:00", "off_to": "16:00"})
    assert colleague.status_code == 403 and "your own time off only" in colleague.text
    moved = browser.post(f"/calendar/time-off/{own}/move", {
        "off_day": "2031-06-05", "off_from": "14:00", "off_to": "16:00"})
    assert moved.status_code == 200 and "The time off was moved." in moved.text
    assert f'id="off_from-{own}" name="off_from" type="time" value="14:00"' in moved.text
    assert f"/calendar/time-off/{own}/move" not in browser.get(
        "/calendar?day=2031-06-04&span=day").text


def test_time_off_refused_keeps_what_was_typed_in_the_add_form(practice: Practice) -> None:
    refused = practice.browser("clinician1").post("/calendar/time-off", {
        "off_day": "2031-06-06", "off_from": "nine", "off_to": "12:00"})
    assert refused.status_code == 422
    assert 'id="off_day" name="off_day" type="date" value="2031-06-06"' in refused.text
    assert 'value="nine"' in refused.text
    assert "From (" in visible_text(refused.text)
