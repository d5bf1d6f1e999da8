"""A printable copy of the client's own record (HIPAA right of access), made with fpdf2.

Plain and readable: who the client is, how to reach them, appointments, and signed progress
notes with their addenda. It is built from a RecordExport, which never holds psychotherapy
notes or drafts. Text goes through consent.document_pdf.pdf_safe (the core font is
Windows-1252 only), so an unusual character becomes its nearest plain form, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from closeddoor.consent.document_pdf import ENCODING, FONT, INK, MUTED, RULE, pdf_safe
from closeddoor.portal.model import RecordExport
from closeddoor.records.views import AppointmentView, NoteView

DEMOGRAPHIC_LABELS = (("given_name", "Given name"), ("family_name", "Family name"),
                      ("preferred_name", "Preferred name"), ("pronouns", "Pronouns"),
                      ("gender_identity", "Gender identity"), ("date_of_birth", "Date of birth"))
CONTACT_LABELS = (("phone", "Phone"), ("email", "E-mail"), ("address", "Address"),
                  ("emergency_contact", "Emergency contact"))
FORMER_STAFF = "a former staff member"
ABOUT = ("This is a copy of your record at the practice: your details, your appointments and "
         "your signed progress notes. Psychotherapy notes (a therapist's private process "
         "notes) are kept apart by law and are not part of this record.")
LINE = 5.0


class _RecordPdf(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        self.core_fonts_encoding = ENCODING

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*MUTED)
        self.cell(self.epw / 2, 4, "Confidential: your own health record")
        self.cell(self.epw / 2, 4, f"Page {self.page_no()} of {{nb}}", align="R")


def record_pdf(export: RecordExport, names: Mapping[str, str],
               amendments: Mapping[str, Sequence[str]] | None = None) -> bytes:
    """The record as a PDF; `names` maps staff ids to display names; `amendments` what 45 CFR
    164.526 links to each note (by note id; "" for the details)."""
    amendments = amendments or {}
    pdf = _RecordPdf()
    pdf.set_creation_date(export.exported_at)
    pdf.set_margins(left=22, top=20, right=22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title("My record")
    pdf.set_creator("closeddoor")
    pdf.set_lang("en")
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, style="B", size=16)
    pdf.multi_cell(0, 8, "My record", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _text(pdf, f"Copied {export.exported_at.strftime('%Y-%m-%d %H:%M')} UTC", muted=True)
    _text(pdf, ABOUT, muted=True)
    _rule(pdf)
    _heading(pdf, "About you")
    _facts(pdf, export.demographics, DEMOGRAPHIC_LABELS)
    _heading(pdf, "How to reach you")
    _facts(pdf, export.contacts, CONTACT_LABELS)
    for line in amendments.get("", ()):
        _text(pdf, line, indent=6)
    _heading(pdf, "Appointments")
    if not export.appointments:
        _text(pdf, "No appointments yet.")
    for appointment in export.appointments:
        _text(pdf, _appointment_line(appointment, names))
    _heading(pdf, "Progress notes")
    if not export.notes:
        _text(pdf, "No signed progress notes yet.")
    for note in export.notes:
        _note(pdf, note, names, amendments.get(note.note_id, ()))
    return bytes(pdf.output())


def _appointment_line(appointment: AppointmentView, names: Mapping[str, str]) -> str:
    parts = [f"{appointment.starts_at.strftime('%Y-%m-%d %H:%M')} UTC",
             f"{appointment.duration_minutes} min", appointment.modality.replace("_", " ")]
    room = str(appointment.details.get("room", ""))
    if room:
        parts.append(room)
    parts += [appointment.status.replace("_", " "),
              f"with {names.get(appointment.clinician_id, FORMER_STAFF)}"]
    return " - ".join(parts)


def _note(pdf: _RecordPdf, note: NoteView, names: Mapping[str, str],
          amended: Sequence[str] = ()) -> None:
    if pdf.will_page_break(24):
        pdf.add_page()
    pdf.ln(1.5)
    pdf.set_font(FONT, style="B", size=10.5)
    pdf.set_text_color(*INK)
    title = f"Session of {note.session_date.isoformat()} ({note.note_format.upper()})"
    pdf.multi_cell(0, LINE, pdf_safe(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    signed = f", signed {note.signed_at.strftime('%Y-%m-%d')}" if note.signed_at else ""
    _text(pdf, f"By {names.get(note.author_id, FORMER_STAFF)}{signed}", muted=True)
    if note.note_format == "free":
        _text(pdf, note.body)
    else:
        for name, value in note.sections.items():
            if value:
                _text(pdf, f"{name.capitalize()}: {value}")
    for addendum in note.addenda:
        author = names.get(addendum.author_id, FORMER_STAFF)
        _text(pdf, f"Addendum by {author}, {addendum.created_at.strftime('%Y-%m-%d')}:",
              muted=True, indent=6)
        _text(pdf, addendum.body, indent=6)
    for line in amended:
        _text(pdf, line, indent=6)
    pdf.ln(1.5)


def _heading(pdf: _RecordPdf, title: str) -> None:
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, style="B", size=12.5)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 6.5, pdf_safe(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(0.8)


def _facts(pdf: _RecordPdf, values: Mapping[str, str],
           labels: tuple[tuple[str, str], ...]) -> None:
    for key, label in labels:
        value = str(values.get(key) or "")
        if value:
            _text(pdf, f"{label}: {value}")


def _text(pdf: _RecordPdf, text: str, *, muted: bool = False, indent: float = 0) -> None:
    pdf.set_font(FONT, size=9 if muted else 10.5)
    pdf.set_text_color(*(MUTED if muted else INK))
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, LINE, pdf_safe(text), align="L", new_x=XPos.LMARGIN,
                   new_y=YPos.NEXT)
    pdf.ln(0.8)


def _rule(pdf: _RecordPdf) -> None:
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
