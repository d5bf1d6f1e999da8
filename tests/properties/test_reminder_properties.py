"""Whatever an appointment holds (codes, a diagnosis typed into the room, a date of birth, a
practice named for its speciality), a reminder never carries an ICD-10 or CPT code, a diagnosis
word or a date of birth, and says "therapy" only when allowed (issue 14)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from closeddoor.reminders import message
from closeddoor.reminders.message import ReminderFacts

DIAGNOSIS_WORDS = ["depression", "Anxiety", "PTSD", "bipolar disorder", "schizophrenia",
                   "eating disorder", "ADHD", "OCD", "substance use", "alcohol", "grief",
                   "trauma", "suicidal", "Autism", "panic disorder", "diagnosis"]
SERVICE_WORDS = ["therapy", "Therapist", "counseling", "Counselling", "psychotherapy",
                 "psychiatric", "Psychology"]
ZONES = ["", "UTC", "America/New_York", "America/Chicago", "America/Los_Angeles",
         "Europe/London", "Pacific/Auckland"]

cpt_codes = st.from_regex(r"\A[0-9]{5}\Z")
icd_codes = st.from_regex(r"\A[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?\Z")
births = st.dates(date(1920, 1, 1), date(2012, 12, 31))
word = st.sampled_from(DIAGNOSIS_WORDS + SERVICE_WORDS + ["Room 2", "Suite", "Lakeside",
                                                          "North", "B", "floor"])


@st.composite
def appointments(draw: st.DrawFn) -> tuple[ReminderFacts, list[str], list[str]]:
    """Facts for a reminder, with the secrets the appointment held mixed into the free text the
    practice typed (room, practice name); and the secrets and forbidden words to look for."""
    cpt, icd, born = draw(cpt_codes), draw(icd_codes), draw(births)
    secrets = [cpt, icd, icd.split(".")[0] + icd.split(".")[1] if "." in icd else icd,
               born.isoformat(), born.strftime("%m/%d/%Y"), f"{born.day} {born:%B %Y}",
               born.strftime("%B %d, %Y")]
    pieces = st.one_of(word, st.sampled_from(secrets), st.text(max_size=8))
    room = " ".join(draw(st.lists(pieces, max_size=4)))
    name = " ".join(draw(st.lists(pieces, min_size=1, max_size=4)))
    starts = draw(st.datetimes(datetime(2026, 1, 1), datetime(2030, 12, 31),
                               timezones=st.just(UTC)))
    facts = ReminderFacts(practice_name=name, starts_at=starts, zone_name=draw(
        st.sampled_from(ZONES)), is_video=draw(st.booleans()), room=room,
        may_name_service=draw(st.booleans()),
        portal_url=draw(st.sampled_from(["", "https://portal.practice.test"])))
    return facts, secrets, DIAGNOSIS_WORDS


def _texts(facts: ReminderFacts) -> list[str]:
    mail = message.email(facts)
    return [mail.subject, mail.body, message.text_message(facts)]


@settings(max_examples=400, deadline=None)
@given(appointments())
def test_reminder_never_holds_a_code_a_diagnosis_word_or_a_date_of_birth(
    case: tuple[ReminderFacts, list[str], list[str]],
) -> None:
    facts, secrets, diagnosis_words = case
    for text in _texts(facts):
        lowered = text.lower()
        for secret in secrets:
            assert secret.lower() not in lowered
        for term in diagnosis_words:
            assert term.lower() not in lowered
        for stem in message.CLINICAL_WORDS:
            if stem not in message.SERVICE_WORDS:
                assert stem not in lowered
        if not facts.may_name_service:
            for stem in message.SERVICE_WORDS:
                assert stem not in lowered


@settings(max_examples=200, deadline=None)
@given(appointments())
def test_reminder_always_says_when_and_where_and_how_to_cancel(
    case: tuple[ReminderFacts, list[str], list[str]],
) -> None:
    facts = case[0]
    for text in _texts(facts)[1:]:
        assert message.when(facts) in text
        assert ("video session" in text) is facts.is_video
        assert "To cancel or change it" in text
