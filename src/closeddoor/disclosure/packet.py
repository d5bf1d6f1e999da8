"""The packet that leaves: a cover sheet and exactly the sections in scope. Pure assembly.

Minimum necessary: every section is filtered here by category and date range, so nothing the
scope does not name can reach the PDF, whatever the caller passed in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from closeddoor.disclosure.categories import CATEGORY_TITLES, Category
from closeddoor.disclosure.scope import DisclosureScope, Recipient
from closeddoor.records.model import NOTE_SECTIONS, NoteFormat
from closeddoor.records.views import AppointmentView, NoteView

REDISCLOSURE_NOTICE = (
    "This information has been disclosed to you from records protected by federal and state "
    "confidentiality law (including 45 CFR Parts 160 and 164). It is disclosed only for the "
    "purpose stated on this cover sheet. Do not disclose it further without the written "
    "authorization of the person it concerns or as the law otherwise permits. If you received "
    "it in error, destroy it and tell the sender."
)


@dataclass(frozen=True)
class PacketEntry:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class PacketSection:
    category: Category
    title: str
    entries: tuple[PacketEntry, ...]
    empty_note: str  # shown when the scope holds nothing of this kind


@dataclass(frozen=True)
class PacketCover:
    practice_name: str
    disclosure_id: str
    client_name: str
    client_date_of_birth: str
    recipient: Recipient
    purpose: str
    authority_title: str  # "Authorization signed by the client" or the legal basis
    authority_lines: tuple[str, ...]
    contents: tuple[str, ...]
    records_dated: str
    disclosed_by: str
    approved_by: str  # "" when no second approval was needed
    released_at: datetime
    redisclosure_notice: str = REDISCLOSURE_NOTICE


@dataclass(frozen=True)
class Packet:
    cover: PacketCover
    sections: tuple[PacketSection, ...]


@dataclass(frozen=True)
class ChartExtract:
    """What the service read for the packet (already limited by its own queries)."""

    demographics: Mapping[str, str]
    contacts: Mapping[str, str]
    appointments: Sequence[AppointmentView]
    progress_notes: Sequence[NoteView]
    psychotherapy_notes: Sequence[NoteView]
    author_names: Mapping[str, str]
    # What travels with the record it amends (45 CFR 164.526(c)(1), (d)(5)): lines by note id,
    # "" for the client's details. Built by closeddoor.amendments.service.travelling_under.
    amendments: Mapping[str, Sequence[str]] = field(default_factory=dict)


def in_range(day: date, scope: DisclosureScope) -> bool:
    return ((scope.records_from is None or day >= scope.records_from)
            and (scope.records_to is None or day <= scope.records_to))


def build_sections(scope: DisclosureScope, chart: ChartExtract) -> tuple[PacketSection, ...]:
    builders = {
        Category.DEMOGRAPHICS: _demographics,
        Category.ATTENDANCE: _attendance,
        Category.DIAGNOSIS: _diagnosis,
        Category.TREATMENT_SUMMARY: lambda s, c: _written(s, Category.TREATMENT_SUMMARY),
        Category.PROGRESS_NOTES: _progress_notes,
        Category.TEST_RESULTS: lambda s, c: _written(s, Category.TEST_RESULTS),
        Category.PSYCHOTHERAPY_NOTES: _psychotherapy_notes,
    }
    return tuple(builders[category](scope, chart) for category in scope.categories)


def _section(category: Category, entries: list[PacketEntry], empty: str) -> PacketSection:
    return PacketSection(category, CATEGORY_TITLES[category], tuple(entries), empty)


def _demographics(scope: DisclosureScope, chart: ChartExtract) -> PacketSection:
    d, c = chart.demographics, chart.contacts
    lines = [f"Name: {d.get('given_name', '')} {d.get('family_name', '')}".rstrip(),
             f"Date of birth: {d.get('date_of_birth', '')}"]
    for label, value in (("Preferred name", d.get("preferred_name")),
                         ("Pronouns", d.get("pronouns")), ("Phone", c.get("phone")),
                         ("E-mail", c.get("email")), ("Address", c.get("address"))):
        if value:
            lines.append(f"{label}: {value}")
    entries = [PacketEntry("Identifying information", tuple(lines))]
    if chart.amendments.get(""):  # amendments of the client's details travel with them
        entries.append(PacketEntry("Amendments (45 CFR 164.526)", tuple(chart.amendments[""])))
    return _section(Category.DEMOGRAPHICS, entries, "")


def _attended(scope: DisclosureScope, chart: ChartExtract) -> list[AppointmentView]:
    return sorted((a for a in chart.appointments
                   if a.status == "attended" and in_range(a.starts_at.date(), scope)),
                  key=lambda a: a.starts_at)


def _attendance(scope: DisclosureScope, chart: ChartExtract) -> PacketSection:
    lines = tuple(f"{a.starts_at.date().isoformat()}: {a.duration_minutes} minutes, "
                  f"{a.modality.replace('_', ' ')}" for a in _attended(scope, chart))
    entries = [PacketEntry("Sessions attended", lines)] if lines else []
    return _section(Category.ATTENDANCE, entries, "No attended sessions in this date range.")


def _diagnosis(scope: DisclosureScope, chart: ChartExtract) -> PacketSection:
    first_seen: dict[str, date] = {}
    for appointment in _attended(scope, chart):
        code = str(appointment.details.get("icd10_code") or "")
        if code and code not in first_seen:
            first_seen[code] = appointment.starts_at.date()
    lines = tuple(f"ICD-10 {code} (first recorded {day.isoformat()})"
                  for code, day in first_seen.items())
    entries = [PacketEntry("Diagnoses recorded for sessions in range", lines)] if lines else []
    return _section(Category.DIAGNOSIS, entries, "No diagnosis recorded in this date range.")


def _written(scope: DisclosureScope, category: Category) -> PacketSection:
    text = scope.written.get(category, "")
    entries = [PacketEntry("Written for this disclosure", tuple(text.splitlines()))] if text else []
    return _section(category, entries, "Nothing written.")


def _note_lines(note: NoteView) -> list[str]:
    try:
        keys = NOTE_SECTIONS[NoteFormat(note.note_format)]
    except ValueError:
        keys = ()
    if note.sections and keys and keys != ("body",):
        lines = []
        for key in keys:
            lines.append(f"{key.capitalize()}:")
            lines.extend(note.sections.get(key, "").splitlines() or [""])
        return lines
    return note.body.splitlines()


def _progress_notes(scope: DisclosureScope, chart: ChartExtract) -> PacketSection:
    entries = []
    for note in sorted(chart.progress_notes, key=lambda n: n.session_date):
        if note.status != "signed" or not in_range(note.session_date, scope):
            continue  # drafts never leave; nor does anything outside the authorized dates
        author = chart.author_names.get(note.author_id, "a former clinician")
        lines = _note_lines(note)
        for addendum in note.addenda:
            lines.append(f"Addendum {addendum.created_at.date().isoformat()}:")
            lines.extend(addendum.body.splitlines())
        lines.extend(chart.amendments.get(note.note_id, ()))  # 164.526(c)(1), (d)(5)
        signed = note.signed_at.date().isoformat() if note.signed_at else ""
        entries.append(PacketEntry(
            f"Session {note.session_date.isoformat()}: {note.note_format.upper()} note by "
            f"{author}, signed {signed}", tuple(lines)))
    return _section(Category.PROGRESS_NOTES, entries, "No signed progress notes in this range.")


def _psychotherapy_notes(scope: DisclosureScope, chart: ChartExtract) -> PacketSection:
    entries = [PacketEntry(f"Session {n.session_date.isoformat()}: psychotherapy note by "
                           f"{chart.author_names.get(n.author_id, 'its author')}",
                           tuple(n.body.splitlines()))
               for n in sorted(chart.psychotherapy_notes, key=lambda n: n.session_date)
               if in_range(n.session_date, scope)]
    return _section(Category.PSYCHOTHERAPY_NOTES, entries,
                    "No psychotherapy notes by the releasing clinician in this range.")
