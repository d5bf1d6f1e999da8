"""Intake forms, pure: the small schema the practice writes its questions in, the built-in
sections, the default form, and checking a client's answers (every problem at once, each naming
its field in words and saying how to fix it). No I/O.

A form is pages: one per built-in section it includes, then one for the practice's own
questions. Answers are a flat mapping of field key to text; a draft may be incomplete (only the
format of what was typed is checked), a submission must be complete.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from closeddoor.errors import InvalidInput

MAX_TEXT = 200
MAX_LONG_TEXT = 4000
MAX_QUESTIONS = 40
MAX_CHOICES = 20
YES_NO = ("yes", "no")
_PHONE = re.compile(r"[0-9+().\-\s]{7,40}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class FieldKind(StrEnum):
    CHOICE = "choice"
    DATE = "date"
    LONG_TEXT = "long_text"
    TEXT = "text"
    YES_NO = "yes_no"


class PacketStatus(StrEnum):
    SENT = "sent"  # not opened or saved yet
    DRAFT = "draft"  # saved, not submitted
    SUBMITTED = "submitted"  # locked; waiting for the clinician
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    kind: FieldKind
    required: bool = False
    choices: tuple[str, ...] = ()
    hint: str = ""
    check: str = ""  # "phone" or "email": a format beyond the kind's

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "kind": self.kind.value,
                "required": self.required, "choices": list(self.choices), "hint": self.hint}


@dataclass(frozen=True)
class FormPage:
    key: str
    title: str
    fields: tuple[FormField, ...]


def _f(key: str, label: str, kind: FieldKind = FieldKind.TEXT, **kwargs: Any) -> FormField:
    return FormField(key, label, kind, **kwargs)


REFERRAL_SOURCES = ("Another clinician or doctor", "Insurance directory", "Online search",
                    "Friend or family", "Employer or school", "Other")

# The built-in sections, in the order a client meets them.
SECTIONS: dict[str, FormPage] = {
    "contacts": FormPage("contacts", "How to reach you", (
        _f("phone", "Phone number", check="phone",
           hint="Digits, spaces and + ( ) . - only, for example 555-010-0199"),
        _f("email", "E-mail address", check="email", hint="For example name@example.org"),
        _f("address", "Postal address", FieldKind.LONG_TEXT),
    )),
    "emergency_contact": FormPage("emergency_contact", "Emergency contact", (
        _f("emergency_name", "Emergency contact's name", required=True),
        _f("emergency_relationship", "How you know them",
           hint="For example partner, parent, friend"),
        _f("emergency_phone", "Emergency contact's phone number", required=True, check="phone",
           hint="Digits, spaces and + ( ) . - only"),
    )),
    "insurance": FormPage("insurance", "Insurance", (
        _f("insurance_uses", "Will you use health insurance for your sessions?",
           FieldKind.YES_NO, required=True),
        _f("insurance_carrier", "Insurance company"),
        _f("insurance_member_id", "Member ID", hint="As printed on your insurance card"),
        _f("insurance_group", "Group number"),
        _f("insurance_holder", "Policy holder's name", hint="Leave empty if it is you"),
    )),
    "referral": FormPage("referral", "How you found us", (
        _f("referral_source", "How did you hear about the practice?", FieldKind.CHOICE,
           choices=REFERRAL_SOURCES),
        _f("referral_detail", "Anything to add (optional)"),
    )),
    "presenting_concern": FormPage("presenting_concern", "What brings you here", (
        _f("presenting_concern", "What would you like help with?", FieldKind.LONG_TEXT,
           required=True, hint="A few sentences are enough; you can say more in person"),
    )),
}
CONTACT_KEYS = ("phone", "email", "address", "emergency_name", "emergency_relationship",
                "emergency_phone")
_RESERVED = {f.key for page in SECTIONS.values() for f in page.fields}


@dataclass(frozen=True)
class IntakeForm:
    """One version of the practice's intake form: a title, the built-in sections it includes
    and the practice's own questions."""

    title: str
    sections: tuple[str, ...]
    questions: tuple[FormField, ...] = field(default=())

    def pages(self) -> list[FormPage]:
        pages = [SECTIONS[key] for key in SECTIONS if key in self.sections]
        if self.questions:
            pages.append(FormPage("questions", "A few more questions", self.questions))
        return pages

    def fields(self) -> list[FormField]:
        return [f for page in self.pages() for f in page.fields]

    def to_json(self) -> str:
        return json.dumps({"title": self.title, "sections": list(self.sections),
                           "questions": [q.to_json() for q in self.questions]}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> IntakeForm:
        data = json.loads(text)
        return cls(str(data["title"]), tuple(data["sections"]), tuple(
            FormField(q["key"], q["label"], FieldKind(q["kind"]), bool(q["required"]),
                      tuple(q["choices"]), q.get("hint", "")) for q in data["questions"]))


DEFAULT_FORM = IntakeForm(
    "New client intake",
    tuple(SECTIONS),
    (
        _f("preferred_name", "What name would you like us to use?"),
        _f("seen_before", "Have you seen a counsellor or therapist before?", FieldKind.YES_NO),
        _f("session_time", "Which times suit you best?", FieldKind.CHOICE,
           choices=("Mornings", "Afternoons", "Evenings", "Any time")),
    ),
)


# --- the owner's definition: one question a line -------------------------------------------------
_KINDS_IN_WORDS = {"text": FieldKind.TEXT, "long text": FieldKind.LONG_TEXT,
                   "choice": FieldKind.CHOICE, "date": FieldKind.DATE, "yes/no": FieldKind.YES_NO}


def questions_as_text(questions: tuple[FormField, ...]) -> str:
    """The practice's questions in the editing syntax `parse_form` reads."""
    words = {kind: text for text, kind in _KINDS_IN_WORDS.items()}
    lines = []
    for q in questions:
        line = f"{q.label} | {words[q.kind]}"
        if q.choices:
            line += " | " + ", ".join(q.choices)
        lines.append(line + (" | required" if q.required else ""))
    return "\n".join(lines)


def parse_form(title: str, sections: list[str], questions_text: str) -> IntakeForm:
    """The owner's form: a title, the built-in sections ticked, and one question a line:
    `label | kind [| choice, choice] [| required]`, kind one of text, long text, choice, date,
    yes/no. Every problem is reported at once (InvalidInput, each naming its field)."""
    errors: list[str] = []
    title = title.strip()
    if not title:
        errors.append("title: give the form a title, for example New client intake")
    elif len(title) > MAX_TEXT:
        errors.append(f"title: at most {MAX_TEXT} characters")
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        errors.append("sections: choose from the built-in sections listed")
    questions: list[FormField] = []
    lines = [line for line in questions_text.splitlines() if line.strip()]
    if len(lines) > MAX_QUESTIONS:
        errors.append(f"questions: at most {MAX_QUESTIONS} questions")
    for number, line in enumerate(lines[:MAX_QUESTIONS], start=1):
        parts = [p.strip() for p in line.split("|")]
        required = len(parts) > 2 and parts[-1].lower() == "required"
        if required:
            parts = parts[:-1]
        label = parts[0]
        kind = _KINDS_IN_WORDS.get(parts[1].lower()) if len(parts) > 1 else None
        where = f"questions: line {number}"
        if not label or len(label) > MAX_TEXT:
            errors.append(f"{where}: start with the question, up to {MAX_TEXT} characters")
            continue
        if kind is None:
            errors.append(f"{where}: after the question put | and one of text, long text, "
                          "choice, date, yes/no")
            continue
        choices: tuple[str, ...] = ()
        if kind is FieldKind.CHOICE:
            choices = tuple(c.strip() for c in (parts[2] if len(parts) > 2 else "").split(",")
                            if c.strip())
            if not 2 <= len(choices) <= MAX_CHOICES:
                errors.append(f"{where}: a choice needs | and 2 to {MAX_CHOICES} answers "
                              "separated by commas")
                continue
        elif len(parts) > 2:
            errors.append(f"{where}: only a choice lists answers; end the line with | required "
                          "or nothing")
            continue
        questions.append(FormField(f"q{number}", label, kind, required, choices))
    if not unknown and not sections and not questions:
        errors.append("sections: include at least one section or one question")
    if errors:
        raise InvalidInput("; ".join(errors))
    return IntakeForm(title, tuple(s for s in SECTIONS if s in sections), tuple(questions))


# --- checking answers ----------------------------------------------------------------------------
def clean_answers(form: IntakeForm, posted: dict[str, str]) -> dict[str, str]:
    """The form's own fields from what was posted (anything else is dropped), trimmed."""
    return {f.key: str(posted.get(f.key, "")).strip() for f in form.fields() if f.key in posted}


def problems(form: IntakeForm, answers: dict[str, str], *, complete: bool,
             fields: tuple[FormField, ...] | None = None) -> dict[str, str]:
    """Each field's problem, in words that say how to fix it (empty: fine). A draft
    (`complete=False`) is checked for format only; a submission also for required answers.
    Text is never cut short: too long is an error."""
    found: dict[str, str] = {}
    for f in fields if fields is not None else tuple(form.fields()):
        value = answers.get(f.key, "").strip()
        if not value:
            if complete and f.required:
                found[f.key] = f"{f.label}: {'choose an answer' if f.kind in (FieldKind.CHOICE, FieldKind.YES_NO) else 'this is needed'} before you submit"  # noqa: E501
            continue
        limit = MAX_LONG_TEXT if f.kind is FieldKind.LONG_TEXT else MAX_TEXT
        if len(value) > limit:
            found[f.key] = (f"{f.label}: at most {limit} characters (you have {len(value)}); "
                            "shorten it")
        elif f.kind is FieldKind.CHOICE and value not in f.choices:
            found[f.key] = f"{f.label}: choose one of the answers listed"
        elif f.kind is FieldKind.YES_NO and value not in YES_NO:
            found[f.key] = f"{f.label}: choose yes or no"
        elif f.kind is FieldKind.DATE and not _is_date(value):
            found[f.key] = f"{f.label}: a date such as 2026-05-14 (year-month-day)"
        elif f.check == "phone" and not _PHONE.fullmatch(value):
            found[f.key] = (f"{f.label}: digits, spaces and + ( ) . - only, at least 7, "
                            "for example 555-010-0199")
        elif f.check == "email" and not _EMAIL.fullmatch(value):
            found[f.key] = f"{f.label}: an e-mail address such as name@example.org"
    return found


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def contact_changes(answers: dict[str, str], current: dict[str, str]) -> dict[str, str]:
    """The chart's contacts as the intake answers would make them (only what the client
    filled in; the emergency contact as lines: name, relationship, phone), or {} when
    nothing would change."""
    proposed = dict(current)
    for key in ("phone", "email", "address"):
        if answers.get(key):
            proposed[key] = answers[key]
    if answers.get("emergency_name"):
        lines = [answers[key] for key in ("emergency_name", "emergency_relationship",
                                          "emergency_phone") if answers.get(key)]
        proposed["emergency_contact"] = "\n".join(lines)
    changed = {k: v for k, v in proposed.items() if current.get(k, "") != v}
    return changed


def reserved_keys() -> set[str]:
    return set(_RESERVED)
