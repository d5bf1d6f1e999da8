"""Render a synthetic disclosure packet and accounting report, and save page 1 of each as PNG.

Run from the repository root: `.venv/bin/python docs/screenshots/make_disclosure_pictures.py`.
Needs `pdftoppm` (poppler-utils). Every person and practice here is made up.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from closeddoor.disclosure.accounting import AccountingEntry, AccountingReport, newest_first
from closeddoor.disclosure.accounting_pdf import render_accounting_pdf
from closeddoor.disclosure.categories import Category, describe
from closeddoor.disclosure.packet import ChartExtract, Packet, PacketCover, build_sections
from closeddoor.disclosure.packet_pdf import render_packet_pdf
from closeddoor.disclosure.scope import DisclosureScope, Recipient
from closeddoor.records.views import AppointmentView, NoteView

HERE = Path(__file__).resolve().parent
PRACTICE = "Harbor Light Counseling (synthetic)"
CLINICIAN = "Rowan Example, LMFT (synthetic)"
PSYCHIATRIST = Recipient("Dr. Jordan Placeholder, MD", "Bayside Psychiatry (synthetic)",
                         "Secure fax 555-0142, attn. intake")


def _session(day: int, fmt: str, sections: dict[str, str]) -> NoteView:
    return NoteView(note_id=f"n-{day}", client_id="c-1", kind="progress", author_id="u-1",
                    session_date=date(2026, 3, day), body="", note_format=fmt,
                    sections=sections, status="signed",
                    signed_at=datetime(2026, 3, day, 18, 0, tzinfo=UTC))


def packet() -> Packet:
    scope = DisclosureScope(PSYCHIATRIST, (Category.ATTENDANCE, Category.PROGRESS_NOTES),
                            date(2026, 3, 1), date(2026, 3, 31),
                            "Medication evaluation requested by the client", {})
    visits = [AppointmentView(f"a-{d}", "c-1", "u-1", datetime(2026, 3, d, 15, 0, tzinfo=UTC),
                              50, "in_person" if d != 17 else "telehealth", "attended", {})
              for d in (3, 10, 17)]
    notes = [
        _session(3, "soap", {
            "subjective": "Client reports poor sleep for three weeks and low energy at work.",
            "objective": "Alert, oriented, flat affect. PHQ-9 score 14.",
            "assessment": "Depressive symptoms, moderate. No safety concerns reported.",
            "plan": "Weekly sessions; behavioural activation; discussed referral for a "
                    "medication evaluation, which the client would like."}),
        _session(10, "dap", {
            "data": "Client completed two of three planned activities and kept a sleep log.",
            "assessment": "Some improvement in energy; sleep still broken after 3 a.m.",
            "plan": "Continue activation; sleep hygiene handout; client signed authorization "
                    "for records to go to the psychiatrist."}),
    ]
    chart = ChartExtract({}, {}, visits, notes, [], {"u-1": CLINICIAN})
    sections = build_sections(scope, chart)
    cover = PacketCover(
        practice_name=PRACTICE, disclosure_id="DSC-2026-0042",
        client_name="Avery Synthetic", client_date_of_birth="1990-04-12",
        recipient=PSYCHIATRIST, purpose=scope.purpose,
        authority_title="Authorization signed by the client",
        authority_lines=("Authorization AUT-2026-0007, signed 2026-03-10",
                         "Expires 2026-09-10 or on written revocation"),
        contents=tuple(s.title for s in sections), records_dated="2026-03-01 to 2026-03-31",
        disclosed_by=CLINICIAN, approved_by="",
        released_at=datetime(2026, 3, 12, 16, 30, tzinfo=UTC))
    return Packet(cover, sections)


def report() -> AccountingReport:
    entries = [
        AccountingEntry("DSC-2026-0042", datetime(2026, 3, 12, 16, 30, tzinfo=UTC),
                        PSYCHIATRIST.display, PSYCHIATRIST.contact,
                        describe((Category.ATTENDANCE, Category.PROGRESS_NOTES))
                        + ", 2026-03-01 to 2026-03-31",
                        "Medication evaluation requested by the client", "authorization",
                        "AUT-2026-0007", date(2026, 3, 10), False, None, "n/a"),
        AccountingEntry("DSC-2026-0051", datetime(2026, 4, 2, 21, 5, tzinfo=UTC),
                        "Sam Placeholder (the person threatened)", "Telephone 555-0188",
                        "Client's name and the nature of the threat",
                        "Duty to warn (Cal. Civ. Code 43.92): a serious threat of violence "
                        "against a reasonably identifiable person, made in session 2026-04-02",
                        "legal-basis", "", None, True, None, "told"),
        AccountingEntry("DSC-2026-0063", datetime(2026, 5, 20, 14, 0, tzinfo=UTC),
                        "Clerk of the Superior Court, County of Example (synthetic)",
                        "Delivered under seal to Dept. 12",
                        describe((Category.ATTENDANCE, Category.DIAGNOSIS))
                        + ", 2026-01-01 to 2026-04-30",
                        "Court order (45 CFR 164.512(e)(1)(i)), case EX-2026-114, signed "
                        "2026-05-15 by the presiding judge", "legal-basis", "", None, True,
                        None, "pending"),
    ]
    return AccountingReport(PRACTICE, "Avery Synthetic", datetime(2026, 6, 1, 9, 0, tzinfo=UTC),
                            newest_first(entries), for_staff=False)


def first_page_png(pdf: bytes, target: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm not found: apt-get install -y poppler-utils")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        # Fixed arguments and our own temporary file: no untrusted input reaches the command.
        subprocess.run([pdftoppm, "-png", "-r", "80", "-singlefile", "-f", "1", "-l", "1",  # noqa: S603
                        str(source), str(target.with_suffix(""))], check=True)


if __name__ == "__main__":
    first_page_png(render_packet_pdf(packet()), HERE / "disclosure-packet-cover.png")
    first_page_png(render_accounting_pdf(report()), HERE / "accounting-report.png")
