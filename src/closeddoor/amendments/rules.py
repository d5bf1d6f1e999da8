"""The rules of the right to amend, 45 CFR 164.526. Pure: no I/O, no clock.

- (a)(1): a client may ask the practice to amend protected health information about them in the
  designated record set: here a signed progress note they can read in the portal, or their
  details (demographics and contacts). Psychotherapy notes are not in the designated record set
  (164.501), so no request names one.
- (b)(1): the practice may require the request in writing with a reason; the portal form asks
  for both, and staff record a written request received on paper the same way.
- (b)(2): the practice acts within 60 days of receipt; (b)(2)(ii) once only, it may extend by
  at most 30 days if, within the first 60, it tells the client in writing why and by when.
- (c)(1): an accepted amendment is appended or linked to the record; the signed note itself is
  never overwritten. (c)(2): the client is told.
- (a)(2), (d)(1): a denial gives one of four grounds and a plain-language explanation, and
  tells the client of their right to file a statement of disagreement, of what happens if they
  do not, and how to complain to the practice and to the Secretary of HHS.
- (d)(1)(ii), (d)(3), (d)(4), (d)(5)(i): the client may file a statement of disagreement; the
  practice may write a rebuttal; both are linked to the record and go with every later
  disclosure of it.
- (d)(1)(iii), (d)(5)(ii): a client who files no statement may instead ask that the request and
  the denial go with every later disclosure; then they do.
- (d)(1)(iv): the denial names how to complain to the practice, with the name or title and
  telephone number of its contact (164.530(a)(1)(ii)), and to the Secretary of HHS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from closeddoor.disclosure.scope import text_field
from closeddoor.errors import ConflictError, InvalidInput

E = TypeVar("E", bound=StrEnum)
RESPONSE_DAYS = 60  # 164.526(b)(2)
EXTENSION_DAYS = 30  # 164.526(b)(2)(ii)
TEXT_LIMIT = 4000  # characters, for each free-text field
REASON_LIMIT = 1000


class Target(StrEnum):
    NOTE = "note"  # a signed progress note the client can read
    DETAILS = "details"  # the client's demographics and contacts


class Status(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DENIED = "denied"


class Via(StrEnum):
    PORTAL = "portal"  # asked by the client in the portal
    PAPER = "paper"  # a written request received in the office, recorded by staff


class DenialGround(StrEnum):
    """The only grounds on which a request may be denied, 164.526(a)(2)(i)-(iv)."""

    NOT_CREATED_HERE = "not-created-by-practice"
    NOT_IN_RECORD_SET = "not-in-designated-record-set"
    NOT_OPEN_TO_INSPECTION = "not-available-for-inspection"
    ACCURATE_AND_COMPLETE = "accurate-and-complete"


GROUND_TEXT: Mapping[DenialGround, str] = {
    DenialGround.NOT_CREATED_HERE: (
        "The information was not created by this practice (45 CFR 164.526(a)(2)(i)); "
        "its originator is available to act on your request."),
    DenialGround.NOT_IN_RECORD_SET: (
        "The information is not part of the designated record set "
        "(45 CFR 164.526(a)(2)(ii))."),
    DenialGround.NOT_OPEN_TO_INSPECTION: (
        "The information would not be available for you to inspect under 45 CFR 164.524 "
        "(45 CFR 164.526(a)(2)(iii))."),
    DenialGround.ACCURATE_AND_COMPLETE: (
        "The information is accurate and complete (45 CFR 164.526(a)(2)(iv))."),
}

# 164.526(d)(1)(ii)-(iv): what every denial tells the client, after the ground and explanation.
DENIAL_RIGHTS = (
    "You may file a written statement disagreeing with this denial and saying why. We will "
    "link it to the record, may write a reply that we will also give you, and will include "
    "your statement (or an accurate summary) whenever we later disclose the information "
    "(45 CFR 164.526(d)(1)(ii), (d)(5)).",
    "If you do not file a statement of disagreement, you may ask us to include your request "
    "and this denial whenever we later disclose the information (45 CFR 164.526(d)(1)(iii)).",
    "You may complain to the practice's privacy officer, or to the Secretary of the U.S. "
    "Department of Health and Human Services (Office for Civil Rights, "
    "www.hhs.gov/ocr/complaints) (45 CFR 164.526(d)(1)(iv), 164.530(d)). Filing a complaint "
    "never affects your care.",
)


GENERIC_CONTACT = "the practice's privacy officer"


def denial_rights(contact: str) -> tuple[str, ...]:
    """What every denial tells the client after its ground and explanation, 164.526(d)(1)(ii)-
    (iv). `contact` is the person or office the practice names for complaints, with a telephone
    number (164.526(d)(1)(iv), 164.530(a)(1)(ii)): the contact of the Notice of Privacy
    Practices in effect, which must give both (164.520(b)(1)(vii)). Without one the line names
    the privacy officer generically."""
    who = " ".join(contact.split()) or GENERIC_CONTACT
    return (DENIAL_RIGHTS[0], DENIAL_RIGHTS[1],
            DENIAL_RIGHTS[2].replace(GENERIC_CONTACT, who, 1))


def due_on(received: date) -> date:
    """The day by which the practice must act, 164.526(b)(2): 60 days after receipt."""
    return received + timedelta(days=RESPONSE_DAYS)


def extended_due_on(due: date) -> date:
    """The one extension allowed, 164.526(b)(2)(ii): at most 30 days more."""
    return due + timedelta(days=EXTENSION_DAYS)


@dataclass(frozen=True)
class AmendmentAsk:
    """What the client asks to change, and why (164.526(b)(1))."""

    target: Target
    note_id: str  # "" for the client's details
    change: str
    reason: str

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> AmendmentAsk:
        problems: list[str] = []
        target = _choice(data.get("target"), Target, "target",
                         "choose a note or your details", problems)
        note_id = text_field(data.get("note_id"), "note_id", problems, limit=36)
        if target is Target.NOTE and not note_id and not _named(problems, "note_id"):
            problems.append("note_id: choose the note to amend")
        if target is Target.DETAILS and note_id:
            problems.append("note_id: leave empty when amending your details")
        change = _required(data.get("change"), "change", "say what should change", problems)
        reason = _required(data.get("reason"), "reason", "say why it should change", problems,
                           limit=REASON_LIMIT)
        _raise(problems)
        assert target is not None
        return cls(target, note_id if target is Target.NOTE else "", change, reason)


@dataclass(frozen=True)
class Extension:
    """Why the practice needs more time (stated to the client, 164.526(b)(2)(ii)(A))."""

    reason: str

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Extension:
        problems: list[str] = []
        reason = _required(data.get("reason"), "reason", "say why more time is needed", problems,
                           limit=REASON_LIMIT)
        _raise(problems)
        return cls(reason)


@dataclass(frozen=True)
class Answer:
    """The clinician's answer: accept with the amendment text, or deny with a ground from
    164.526(a)(2) and a plain-language explanation (164.526(d)(1)(i))."""

    accepted: bool
    text: str  # the amendment appended to the record, or the explanation of the denial
    ground: DenialGround | None

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Answer:
        problems: list[str] = []
        decision = data.get("decision")
        if decision not in ("accept", "deny"):
            problems.append("decision: choose accept or deny")
            _raise(problems)
        if decision == "accept":
            text = _required(data.get("amendment"), "amendment",
                             "write the amendment to append to the record", problems)
            if data.get("ground"):
                problems.append("ground: only a denial has a ground")
            _raise(problems)
            return cls(True, text, None)
        ground = _choice(data.get("ground"), DenialGround, "ground",
                         "choose the ground for the denial (45 CFR 164.526(a)(2))", problems)
        text = _required(data.get("explanation"), "explanation",
                         "explain the denial in plain language", problems)
        _raise(problems)
        return cls(False, text, ground)


def parse_statement(data: Mapping[str, Any], name: str, words: str) -> str:
    """A statement of disagreement (164.526(d)(1)(ii)) or a rebuttal (164.526(d)(3))."""
    problems: list[str] = []
    text = _required(data.get(name), name, words, problems)
    _raise(problems)
    return text


@dataclass(frozen=True)
class AmendmentState:
    """The clear facts of a request that the rules look at."""

    status: Status
    due_on: date
    extended_due_on: date | None
    has_disagreement: bool
    has_rebuttal: bool
    asked_to_travel: bool = False  # 164.526(d)(5)(ii): the request and denial go along

    @property
    def current_due(self) -> date:
        return self.extended_due_on or self.due_on

    def is_overdue_on(self, today: date) -> bool:
        return self.status is Status.OPEN and today > self.current_due


def check_can_extend(state: AmendmentState, today: date) -> None:
    """164.526(b)(2)(ii): once only, for an open request, before the 60 days run out."""
    if state.status is not Status.OPEN:
        raise ConflictError("this request has been answered")
    if state.extended_due_on is not None:
        raise ConflictError("the one 30-day extension the rule allows has been taken")
    if today > state.due_on:
        raise ConflictError("an extension must be given within the first 60 days")


def check_can_answer(state: AmendmentState) -> None:
    if state.status is not Status.OPEN:
        raise ConflictError("this request has been answered")


def check_can_disagree(state: AmendmentState) -> None:
    """164.526(d)(1)(ii): a statement of disagreement answers a denial, once."""
    if state.status is not Status.DENIED:
        raise ConflictError("a statement of disagreement answers a denied request")
    if state.has_disagreement:
        raise ConflictError("a statement of disagreement has been filed for this request")


def check_can_ask_to_travel(state: AmendmentState) -> None:
    """164.526(d)(1)(iii), (d)(5)(ii): a client who has filed no statement of disagreement may
    ask, once, that the request and the denial go with later disclosures. (A statement filed
    later carries them anyway, (d)(5)(i).)"""
    if state.status is not Status.DENIED:
        raise ConflictError("only a denied request can go with later disclosures")
    if state.has_disagreement:
        raise ConflictError("your statement of disagreement already goes with the request and "
                            "the denial")
    if state.asked_to_travel:
        raise ConflictError("you have already asked for this request to go with disclosures")


def check_can_rebut(state: AmendmentState) -> None:
    """164.526(d)(3): the practice may rebut a statement of disagreement, once."""
    if not state.has_disagreement:
        raise ConflictError("a rebuttal answers a statement of disagreement")
    if state.has_rebuttal:
        raise ConflictError("a rebuttal has been written for this request")


@dataclass(frozen=True)
class LinkedText:
    """What a packet or export carries with the record it amends (164.526(c)(1), (d)(5))."""

    status: Status
    requested_at: datetime
    change: str
    reason: str
    decided_at: datetime | None
    ground: DenialGround | None
    response: str
    disagreement: str
    disagreement_at: datetime | None
    rebuttal: str
    rebuttal_at: datetime | None
    travels_asked_at: datetime | None = None  # 164.526(d)(5)(ii)


def travelling_lines(item: LinkedText) -> tuple[str, ...]:
    """The lines that go with the amended record in every later release and export: an
    accepted amendment (164.526(c)(1)); for a denial with a statement of disagreement, the
    request, the denial, the statement and any rebuttal (164.526(d)(4), (d)(5)(i)); for a
    denial without one, the request and the denial when the client asked for them to go along
    (164.526(d)(5)(ii)). An open request, or a denial without either, adds nothing."""
    day = _day
    if item.status is Status.ACCEPTED:
        return (f"Amendment accepted {day(item.decided_at)} at the client's request "
                "(45 CFR 164.526(c)):", *item.response.splitlines())
    if item.status is not Status.DENIED or not (item.disagreement or item.travels_asked_at):
        return ()
    lines = [f"Amendment requested by the client {day(item.requested_at)} "
             "(45 CFR 164.526(d)(4)):", *item.change.splitlines(),
             "Reason given:", *item.reason.splitlines(),
             f"Denied {day(item.decided_at)}: "
             f"{GROUND_TEXT[item.ground] if item.ground else ''}", *item.response.splitlines()]
    if not item.disagreement:
        return (*lines, f"Included at the client's request of {day(item.travels_asked_at)}; "
                "the client filed no statement of disagreement (45 CFR 164.526(d)(5)(ii)).")
    lines += [f"Statement of disagreement filed by the client {day(item.disagreement_at)}:",
              *item.disagreement.splitlines()]
    if item.rebuttal:
        lines += [f"Practice's rebuttal {day(item.rebuttal_at)}:", *item.rebuttal.splitlines()]
    return tuple(lines)


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""


# --- input helpers: every problem named by its field, all at once -------------------------------
def _required(value: Any, name: str, words: str, problems: list[str], *,
              limit: int = TEXT_LIMIT) -> str:
    text = text_field(value, name, problems, limit=limit)
    if not text and not _named(problems, name):
        problems.append(f"{name}: {words}")
    return text


def _choice(value: Any, enum: type[E], name: str, words: str,
            problems: list[str]) -> E | None:
    try:
        return enum(value)
    except ValueError:
        problems.append(f"{name}: {words}")
        return None


def _named(problems: list[str], name: str) -> bool:
    return any(p.startswith(f"{name}:") for p in problems)


def _raise(problems: list[str]) -> None:
    if problems:
        raise InvalidInput("; ".join(problems))
