"""What a reminder says, and what it leaves out (pure; closeddoor.reminders.message)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from closeddoor.reminders import message
from closeddoor.reminders.message import ReminderFacts

START = datetime(2026, 3, 3, 16, 30, tzinfo=UTC)


def facts(**overrides: object) -> ReminderFacts:
    values: dict[str, object] = {"practice_name": "Lakeside Practice", "starts_at": START,
                                 "zone_name": "", "is_video": False, "room": "Room 2"}
    values.update(overrides)
    return ReminderFacts(**values)  # type: ignore[arg-type]


def test_email_holds_date_time_place_practice_and_how_to_cancel_when_in_person() -> None:
    mail = message.email(facts(portal_url="https://portal.practice.test"))
    assert mail.subject == "Appointment reminder from Lakeside Practice"
    assert "When: Tuesday 3 March 2026 at 16:30 (UTC)" in mail.body
    assert "Where: in person, Room 2" in mail.body
    assert "sign in at https://portal.practice.test/portal or contact Lakeside Practice" \
        in mail.body
    assert repr(mail) == "ReminderText(...)"


def test_time_is_given_in_the_practice_time_zone_when_one_is_set() -> None:
    text = message.text_message(facts(zone_name="America/Chicago", is_video=True, room=""))
    assert "Tuesday 3 March 2026 at 10:30 (America/Chicago)" in text
    assert "video session" in text and "Room" not in text


@pytest.mark.parametrize("room", ["Depression group room", "F41.1", "Room F32", "90834",
                                  "Trauma suite", "Therapy room 3", "Counselling 1",
                                  "<script>", "x" * 41])
def test_room_left_out_when_it_looks_clinical_or_like_a_code(room: str) -> None:
    assert message.place(facts(room=room)) == "in person"


@pytest.mark.parametrize("room", ["Room 2", "Suite 204, 2nd floor", "Blue room", "#3"])
def test_room_kept_when_it_is_plainly_a_place(room: str) -> None:
    assert message.place(facts(room=room)) == f"in person, {room}"


def test_service_named_only_when_allowed() -> None:
    assert "therapy appointment" in message.email(facts(may_name_service=True)).body
    for text in (message.email(facts()).body, message.text_message(facts())):
        assert "therap" not in text.lower()


@pytest.mark.parametrize(("name", "allowed", "expected"), [
    ("Lakeside Therapy Group", False, message.NEUTRAL_SENDER),
    ("Lakeside Therapy Group", True, "Lakeside Therapy Group"),
    ("Anxiety Care Center", True, message.NEUTRAL_SENDER),
    ("Suite 90834 Partners", False, message.NEUTRAL_SENDER),
    ("  Lakeside   Practice ", False, "Lakeside Practice"),
    ("", False, message.NEUTRAL_SENDER),
])
def test_sender_is_the_practice_name_unless_the_name_itself_would_say_too_much(
    name: str, allowed: bool, expected: str,
) -> None:
    assert message.sender_name(facts(practice_name=name, may_name_service=allowed)) == expected


def test_looks_clinical_catches_a_code_inside_a_word_when_a_negative_control_passes() -> None:
    assert message.looks_clinical("RoomF41x")
    assert not message.looks_clinical("Room 2")


def test_check_in_line_is_neutral_and_only_there_when_asked() -> None:
    # docs/measures.md: a client asked to complete a measure gets a neutral line and link;
    # no questionnaire's name, nothing clinical, and nothing at all when nothing was asked.
    asked = facts(portal_url="https://portal.practice.test", check_in=True)
    mail, text = message.email(asked), message.text_message(asked)
    line = ("Please complete a short check-in before your visit: "
            "https://portal.practice.test/portal/measures")
    assert line in mail.body and line in text
    for said in (mail.body, mail.subject, text):
        lowered = said.lower()
        assert not message.looks_clinical(said.replace("2026", "").replace(
            "portal.practice.test", ""))
        for word in ("phq", "gad", "pcl", "questionnaire", "mood", "anxi", "depress"):
            assert word not in lowered
    for plain in (facts(portal_url="https://portal.practice.test"), facts()):
        assert "check-in" not in message.email(plain).body
        assert "check-in" not in message.text_message(plain)
    assert "short check-in before your visit, in the portal." in message.email(
        facts(check_in=True)).body
