"""A printable PDF of a rendered notice (164.520(c)(3): the electronic notice, and the paper
copy a client may always ask for), drawn with the consent form's PDF helpers (fpdf2 core font,
Windows-1252 text through `pdf_safe`, the fingerprint in every page footer)."""

from __future__ import annotations

from datetime import datetime

from fpdf.enums import XPos, YPos

from closeddoor.consent.document_pdf import (
    FONT,
    INK,
    MUTED,
    FingerprintedPdf,
    PageSize,
    pdf_safe,
    write_blocks,
    write_heading,
    write_rule,
    write_sections,
)
from closeddoor.notice.model import CONTACT_TITLE, EFFECTIVE_TITLE, Block, RenderedNotice


def to_pdf(rendered: RenderedNotice, created_at: datetime | None = None,
           notice: str = "") -> bytes:
    """Letter for US jurisdictions, A4 otherwise; `created_at` for byte-identical output;
    `notice` (the demo's "not reviewed") at the foot of every page."""
    size: PageSize = "letter" if rendered.jurisdiction_code.startswith("US-") else "a4"
    pdf = FingerprintedPdf(rendered.sha256, size, notice)
    if created_at is not None:
        pdf.set_creation_date(created_at)
    pdf.set_margins(left=22, top=20, right=22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(pdf_safe(rendered.title))
    pdf.set_subject("Notice of Privacy Practices")
    pdf.set_author(pdf_safe(rendered.practice_name))
    pdf.set_creator("closeddoor")
    pdf.set_lang("en")
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, style="B", size=16)
    pdf.multi_cell(0, 7.5, pdf_safe(rendered.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font(FONT, size=9.5)
    pdf.set_text_color(*MUTED)
    effective = rendered.effective_on.isoformat() if rendered.effective_on else "not set"
    for line in (rendered.practice_name, f"Effective {effective}"):
        pdf.multi_cell(0, 4.6, pdf_safe(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    write_rule(pdf)
    write_sections(pdf, rendered.sections)
    write_heading(pdf, CONTACT_TITLE)
    write_blocks(pdf, (Block("paragraph", (rendered.contact or "not set",)),))
    write_heading(pdf, EFFECTIVE_TITLE)
    write_blocks(pdf, (Block("paragraph", (f"This notice takes effect on {effective}.",)),))
    return bytes(pdf.output())
