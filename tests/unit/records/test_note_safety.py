"""Notes that are safe to write: switching a note's format keeps every word, and a session date
after today is refused with a message naming the field."""

from __future__ import annotations

from datetime import date

import pytest

from closeddoor.errors import InvalidInput, split_problems
from closeddoor.records.model import NoteFormat, convert_sections, parse_session_date

TODAY = date(2026, 3, 9)


def test_shared_sections_keep_their_text_when_soap_becomes_dap() -> None:
    placed = convert_sections({"subjective": "S words", "objective": "O words",
                               "assessment": "A words", "plan": "P words"}, NoteFormat.DAP)
    assert set(placed) == {"data", "assessment", "plan"}
    assert placed["assessment"] == "A words"
    assert placed["plan"] == "P words"
    # Sections DAP lacks go, labelled, to its first section: nothing typed is lost.
    assert placed["data"] == "Subjective: S words\n\nObjective: O words"


def test_every_word_kept_when_switched_through_every_format() -> None:
    typed = {"behavior": "B words", "intervention": "I words", "response": "R words",
             "plan": "P words"}
    current = typed
    for target in (NoteFormat.SOAP, NoteFormat.FREE, NoteFormat.DAP, NoteFormat.BIRP):
        current = convert_sections(current, target)
        joined = " ".join(current.values())
        for words in typed.values():
            assert words in joined


def test_free_text_goes_to_the_first_section_when_structured() -> None:
    assert convert_sections({"body": "All of it"}, NoteFormat.SOAP) == {
        "subjective": "All of it", "objective": "", "assessment": "", "plan": ""}


def test_sections_become_labelled_free_text_when_switched_to_free() -> None:
    placed = convert_sections({"data": "D", "assessment": "", "plan": "P"}, NoteFormat.FREE)
    assert placed == {"body": "Data: D\n\nPlan: P"}


def test_empty_note_stays_empty_when_switched() -> None:
    assert convert_sections({"body": "  "}, NoteFormat.DAP) == {
        "data": "", "assessment": "", "plan": ""}


def test_session_date_refused_when_after_today() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_session_date("2026-03-10", TODAY)
    message = str(refused.value)
    assert message.startswith("session_date: ")
    assert "a future date is not allowed" in message
    assert "today (2026-03-09) or earlier" in message
    assert len(split_problems(message)) == 1


@pytest.mark.parametrize(("given", "expected"), [
    ("2026-03-09", TODAY), ("2026-03-08", date(2026, 3, 8)), ("", TODAY), (None, TODAY)])
def test_session_date_accepted_when_today_or_earlier(given: str | None, expected: date) -> None:
    assert parse_session_date(given, TODAY) == expected
