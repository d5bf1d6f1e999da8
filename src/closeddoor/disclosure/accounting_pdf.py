"""The accounting of disclosures (45 CFR 164.528) as a PDF, for the client or for staff.

Built on the packet PDF's page, footer and field helpers, and reproducible the same way: the
creation date comes from `generated_at`, and fpdf2's /ID is a hash of the content.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from closeddoor.consent.document_pdf import FONT, LINE, MUTED
from closeddoor.disclosure.accounting import AccountingEntry, AccountingReport
from closeddoor.disclosure.packet_pdf import (
    DisclosurePdf,
    field,
    field_height,
    paragraph,
    printable,
    rule,
    start,
    utc,
    utc_text,
)

TITLE = "Accounting of disclosures"
EXPLANATION = (
    "This lists every disclosure of your records that this practice has made to someone "
    "outside it, including those the law does not require us to list. Entries marked "
    '"required" are the ones 45 CFR 164.528 requires in an accounting of disclosures. '
    "If you have questions about an entry, ask the practice and give its reference."
)
STAFF_NOTE = (
    "Staff copy. It also shows entries withheld from the client at an agency's request, and "
    "whether the client has been told. Do not give this copy to the client."
)
CLIENT_TOLD = {"n/a": "not applicable", "pending": "not yet", "told": "yes",
               "not-told": "no, decided not to tell"}
HEADING_HEIGHT = 2.5 + LINE + 1.5 + 2.5  # rule gap, date line, gap; and the gap after


def render_accounting_pdf(report: AccountingReport) -> bytes:
    """The report as PDF bytes, entries in the order given (newest first). Staff copies add
    each entry's suspension and whether the client was told. The same report always gives the
    same bytes."""
    pdf = DisclosurePdf(f"{TITLE} \u00b7 ", " \u00b7 CONFIDENTIAL")
    start(pdf, TITLE, report.practice_name, report.generated_at)
    _header(pdf, report)
    if not report.entries:
        paragraph(pdf, "No disclosures have been made.", style="I")
    for entry in report.entries:
        _entry(pdf, entry, for_staff=report.for_staff)
    return bytes(pdf.output())


def _header(pdf: FPDF, report: AccountingReport) -> None:
    paragraph(pdf, TITLE, size=16, style="B")
    pdf.ln(1.5)
    lines = [report.practice_name, f"Client: {report.client_name}",
             f"Generated {utc_text(report.generated_at)}"]
    if report.period_from and report.period_to:
        lines.append(f"Disclosures made from {report.period_from.isoformat()} to "
                     f"{report.period_to.isoformat()}")
    for line in lines:
        paragraph(pdf, line, size=9.5, color=MUTED)
    pdf.ln(2.5)
    rule(pdf, gap=3.5)
    paragraph(pdf, EXPLANATION)
    if not report.is_free:
        pdf.ln(1.5)
        paragraph(pdf, fee_text(report), size=9.5, style="I")
    if report.for_staff:
        pdf.ln(1.5)
        paragraph(pdf, STAFF_NOTE, size=9.5, style="I", color=MUTED)
    pdf.ln(5)


def _entry(pdf: FPDF, entry: AccountingEntry, *, for_staff: bool) -> None:
    fields = _fields(entry, for_staff=for_staff)
    # Keep each entry on one page: measure it first (an entry taller than a page still breaks).
    height = HEADING_HEIGHT + sum(field_height(pdf, values) for _, values in fields)
    if pdf.will_page_break(height):
        pdf.add_page()
    rule(pdf, gap=2.5)
    top = pdf.get_y()
    paragraph(pdf, utc(entry.disclosed_at).date().isoformat(), size=11.5, style="B")
    pdf.set_xy(pdf.l_margin, top)
    pdf.set_font(FONT, size=8.5)
    pdf.set_text_color(*MUTED)
    required = "yes" if entry.required_in_accounting else "no"
    pdf.cell(0, LINE, printable(f"Required in accounting: {required} \u00b7 "
                                f"Reference {entry.disclosure_id}"), align="R",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    for index, (label, values) in enumerate(fields):
        field(pdf, label, values, bold_first=index == 0)
    pdf.ln(2.5)


def _fields(entry: AccountingEntry, *, for_staff: bool) -> list[tuple[str, list[str]]]:
    is_authorized = entry.authority == "authorization"
    fields = [("To", [entry.recipient, entry.recipient_contact]),
              ("What", [entry.description + ("; disclosed orally" if entry.is_oral else "")]),
              ("Purpose" if is_authorized else "Legal basis", [entry.purpose]),
              ("Authority", [_authority(entry)])]
    if for_staff:
        until = entry.suspended_until
        fields.append(("Suspension", [
            f"Withheld from the client until {until.isoformat()} at an agency's request"
            if until else "None"]))
        fields.append(("Client told", [CLIENT_TOLD.get(entry.client_told, entry.client_told)]))
    return fields


def fee_text(report: AccountingReport) -> str:
    """45 CFR 164.528(c)(2): the fee notice for a second accounting within twelve months."""
    notice = report.fee_notice or ("This practice may charge a reasonable, cost-based fee for "
                                   "this accounting.")
    return (f"This is not your first accounting in twelve months. {notice} You may withdraw or "
            "narrow your request to avoid or reduce the fee.")


def _authority(entry: AccountingEntry) -> str:
    if entry.authority != "authorization":
        return "Legal basis (made without an authorization, as the law permits)"
    signed = entry.authorization_signed_on
    return (f"Authorization {entry.authorization_id}"
            + (f", signed {signed.isoformat()}" if signed else ""))
