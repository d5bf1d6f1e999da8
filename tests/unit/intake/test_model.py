"""The intake form's pure rules: the owner's one-question-a-line syntax (every problem at once),
checking answers (drafts for format, submissions for completeness, never cut short) and the
contact details an intake would bring to the chart."""

from __future__ import annotations

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.intake.model import (
    DEFAULT_FORM,
    FieldKind,
    IntakeForm,
    contact_changes,
    parse_form,
    problems,
    questions_as_text,
)


def test_default_form_round_trips_through_json_and_the_editing_syntax() -> None:
    assert IntakeForm.from_json(DEFAULT_FORM.to_json()) == DEFAULT_FORM
    again = parse_form(DEFAULT_FORM.title, list(DEFAULT_FORM.sections),
                       questions_as_text(DEFAULT_FORM.questions))
    assert [(q.label, q.kind, q.choices) for q in again.questions] == [
        (q.label, q.kind, q.choices) for q in DEFAULT_FORM.questions]
    assert [p.key for p in DEFAULT_FORM.pages()][-1] == "questions"


def test_owner_form_reports_every_problem_at_once_when_lines_are_wrong() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_form("", ["nonsense"], "Age? | number\nColour? | choice | red\nOk | date | a, b")
    message = str(refused.value)
    assert message.startswith("title: give the form a title")
    assert "sections: choose from the built-in sections" in message
    assert "questions: line 1: after the question put | and one of text" in message
    assert "questions: line 2: a choice needs | and 2 to 20 answers" in message
    assert "questions: line 3: only a choice lists answers" in message


def test_owner_form_keeps_kinds_choices_and_required_when_valid() -> None:
    form = parse_form("Short", ["referral"], "When? | date | required\nTea? | yes/no\n"
                      "Slot | choice | Early, Late")
    assert [(q.kind, q.required, q.choices) for q in form.questions] == [
        (FieldKind.DATE, True, ()), (FieldKind.YES_NO, False, ()),
        (FieldKind.CHOICE, False, ("Early", "Late"))]


def test_draft_checks_format_only_and_submission_needs_required_answers() -> None:
    assert problems(DEFAULT_FORM, {}, complete=False) == {}
    missing = problems(DEFAULT_FORM, {}, complete=True)
    assert set(missing) == {"emergency_name", "emergency_phone", "insurance_uses",
                            "presenting_concern"}
    assert missing["insurance_uses"].endswith("choose an answer before you submit")


@pytest.mark.parametrize(("key", "value", "words"), [
    ("phone", "call me", "Phone number: digits, spaces"),
    ("email", "nobody", "E-mail address: an e-mail address such as"),
    ("referral_source", "A billboard", "choose one of the answers listed"),
    ("insurance_uses", "maybe", "choose yes or no"),
    ("presenting_concern", "x" * 4001, "at most 4000 characters (you have 4001); shorten it"),
    ("referral_detail", "x" * 201, "at most 200 characters"),
])
def test_bad_answer_is_named_with_how_to_fix_it_when_checked(key: str, value: str,
                                                           words: str) -> None:
    assert words in problems(DEFAULT_FORM, {key: value}, complete=False)[key]


def test_date_question_wants_a_calendar_date() -> None:
    form = parse_form("D", [], "Born? | date")
    assert "a date such as 2026-05-14" in problems(form, {"q1": "14/05/2026"}, complete=False)["q1"]
    assert problems(form, {"q1": "2026-05-14"}, complete=False) == {}


def test_contact_changes_name_only_what_differs_and_what_was_filled_in() -> None:
    current = {"phone": "555-010-0100", "email": "a@example.org", "address": "",
               "emergency_contact": ""}
    answers = {"phone": "555-010-0100", "email": "", "emergency_name": "Sam",
               "emergency_phone": "555-010-0101"}
    assert contact_changes(answers, current) == {"emergency_contact": "Sam\n555-010-0101"}
    assert contact_changes({}, current) == {}
