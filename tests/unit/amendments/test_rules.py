"""The pure rules of the right to amend (45 CFR 164.526): the clock, the one extension, what a
request and an answer must hold, and what travels with the record."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from closeddoor.amendments.rules import (
    DENIAL_RIGHTS,
    GROUND_TEXT,
    AmendmentAsk,
    AmendmentState,
    Answer,
    DenialGround,
    Extension,
    LinkedText,
    Status,
    Target,
    check_can_answer,
    check_can_disagree,
    check_can_extend,
    check_can_rebut,
    due_on,
    extended_due_on,
    parse_statement,
    travelling_lines,
)
from closeddoor.errors import ConflictError, InvalidInput

RECEIVED = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 15, tzinfo=UTC)


def state(status: Status = Status.OPEN, *, extended: date | None = None,
          disagreement: bool = False, rebuttal: bool = False) -> AmendmentState:
    return AmendmentState(status, due_on(RECEIVED), extended, disagreement, rebuttal)


def linked(status: Status, **overrides: object) -> LinkedText:
    values: dict[str, object] = {
        "status": status, "requested_at": AT, "change": "change words", "reason": "reason words",
        "decided_at": AT, "ground": None, "response": "response words", "disagreement": "",
        "disagreement_at": None, "rebuttal": "", "rebuttal_at": None}
    values.update(overrides)
    return LinkedText(**values)  # type: ignore[arg-type]


def test_practice_acts_within_60_days_and_may_extend_once_by_30() -> None:
    assert due_on(RECEIVED) == date(2026, 5, 1)
    assert extended_due_on(due_on(RECEIVED)) == date(2026, 5, 31)


def test_extension_refused_when_answered_already_extended_or_after_day_60() -> None:
    check_can_extend(state(), date(2026, 5, 1))  # the 60th day still counts
    with pytest.raises(ConflictError, match="within the first 60 days"):
        check_can_extend(state(), date(2026, 5, 2))
    with pytest.raises(ConflictError, match="one 30-day extension"):
        check_can_extend(state(extended=date(2026, 5, 31)), RECEIVED)
    with pytest.raises(ConflictError, match="answered"):
        check_can_extend(state(Status.DENIED), RECEIVED)


def test_overdue_only_when_open_and_past_the_current_due_date() -> None:
    assert not state().is_overdue_on(date(2026, 5, 1))
    assert state().is_overdue_on(date(2026, 5, 2))
    assert not state(extended=date(2026, 5, 31)).is_overdue_on(date(2026, 5, 2))
    assert not state(Status.ACCEPTED).is_overdue_on(date(2027, 1, 1))


def test_request_needs_a_note_for_a_note_and_none_for_details_with_change_and_reason() -> None:
    ask = AmendmentAsk.parse({"target": "note", "note_id": "n1", "change": " c ", "reason": "r"})
    assert (ask.target, ask.note_id, ask.change) == (Target.NOTE, "n1", "c")
    with pytest.raises(InvalidInput) as refused:
        AmendmentAsk.parse({"target": "note", "change": "", "reason": None})
    assert [p.split(":")[0] for p in str(refused.value).split("; ")] == [
        "note_id", "change", "reason"]
    with pytest.raises(InvalidInput, match="note_id: leave empty"):
        AmendmentAsk.parse({"target": "details", "note_id": "n1", "change": "c", "reason": "r"})
    with pytest.raises(InvalidInput, match="target:"):
        AmendmentAsk.parse({"target": "psychotherapy", "change": "c", "reason": "r"})
    with pytest.raises(InvalidInput, match="change: at most"):
        AmendmentAsk.parse({"target": "details", "change": "x" * 4001, "reason": "r"})


def test_answer_accepts_with_text_or_denies_only_on_a_ground_of_the_rule() -> None:
    assert Answer.parse({"decision": "accept", "amendment": "a"}) == Answer(True, "a", None)
    denied = Answer.parse({"decision": "deny", "ground": "not-created-by-practice",
                           "explanation": "e"})
    assert denied.ground is DenialGround.NOT_CREATED_HERE and not denied.accepted
    with pytest.raises(InvalidInput, match="ground: only a denial"):
        Answer.parse({"decision": "accept", "amendment": "a", "ground": "accurate-and-complete"})
    with pytest.raises(InvalidInput) as refused:
        Answer.parse({"decision": "deny", "ground": "because", "explanation": " "})
    assert "ground:" in str(refused.value) and "explanation:" in str(refused.value)
    with pytest.raises(InvalidInput, match="decision:"):
        Answer.parse({"decision": "maybe"})
    with pytest.raises(InvalidInput, match="reason:"):
        Extension.parse({"reason": ""})
    with pytest.raises(InvalidInput, match="statement: must be text"):
        parse_statement({"statement": 3}, "statement", "say why")


def test_every_ground_of_164_526_a_2_is_listed_with_its_citation() -> None:
    assert len(DenialGround) == 4
    for ground, text in GROUND_TEXT.items():
        assert "164.526(a)(2)" in text, ground
    assert any("Secretary" in line for line in DENIAL_RIGHTS)


def test_disagreement_follows_a_denial_once_and_a_rebuttal_follows_a_statement_once() -> None:
    check_can_disagree(state(Status.DENIED))
    for refused in (state(), state(Status.ACCEPTED), state(Status.DENIED, disagreement=True)):
        with pytest.raises(ConflictError):
            check_can_disagree(refused)
    check_can_rebut(state(Status.DENIED, disagreement=True))
    for refused in (state(Status.DENIED), state(Status.DENIED, disagreement=True,
                                                rebuttal=True)):
        with pytest.raises(ConflictError):
            check_can_rebut(refused)
    with pytest.raises(ConflictError):
        check_can_answer(state(Status.ACCEPTED))


def test_what_travels_accepted_amendments_and_disputed_denials_only() -> None:
    assert travelling_lines(linked(Status.OPEN)) == ()
    assert travelling_lines(linked(Status.DENIED, ground=DenialGround.ACCURATE_AND_COMPLETE)) == ()
    accepted = travelling_lines(linked(Status.ACCEPTED))
    assert accepted[0].startswith("Amendment accepted 2026-03-02")
    assert "response words" in accepted and "change words" not in accepted
    disputed = travelling_lines(linked(
        Status.DENIED, ground=DenialGround.ACCURATE_AND_COMPLETE, disagreement="my words",
        disagreement_at=AT, rebuttal="our words", rebuttal_at=AT))
    for words in ("change words", "reason words", "response words", "my words", "our words"):
        assert words in disputed
    assert any(GROUND_TEXT[DenialGround.ACCURATE_AND_COMPLETE] in line for line in disputed)
