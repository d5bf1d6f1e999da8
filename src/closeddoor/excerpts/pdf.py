"""A de-identified excerpt as a PDF: a header saying what it is and for what, then the text.

Made with fpdf2 and the consent PDF's core font and `pdf_safe` (Windows-1252), like every PDF
closeddoor makes; deterministic for the same excerpt (creation date from the excerpt's time).
"""

from __future__ import annotations

from datetime import UTC

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from closeddoor.consent.document_pdf import FONT, INK, MUTED, pdf_safe
from closeddoor.excerpts.service import Excerpt

PURPOSE_LINES = {
    "consultation": "For consultation with a colleague",
    "supervision": "For clinical supervision",
    "teaching": "For teaching",
}


class _ExcerptPdf(FPDF):
    excerpt_id = ""
    kind = "de-identified"

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, pdf_safe(f"Excerpt {self.excerpt_id} - page {self.page_no()} of "
                                 f"{{nb}} - {self.kind}"), align="C")


def render_excerpt_pdf(excerpt: Excerpt) -> bytes:
    pdf = _ExcerptPdf(format="letter")
    pdf.excerpt_id = excerpt.excerpt_id
    disclosed = bool(excerpt.disclosure_id)
    title = "Excerpt disclosed under the client's authorization" if disclosed \
        else "De-identified excerpt"
    if disclosed:
        pdf.kind = f"disclosure {excerpt.disclosure_id}, identifiable"
    pdf.set_creation_date(excerpt.created_at.astimezone(UTC))
    pdf.set_title(pdf_safe(title))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, style="B", size=15)
    pdf.cell(0, 9, pdf_safe(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9.5)
    pdf.set_text_color(*MUTED)
    for line in (PURPOSE_LINES[excerpt.purpose.value],
                 f"Made {excerpt.created_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC; "
                 f"SHA-256 of the text {excerpt.sha256[:16]}...",
                 (f"Disclosure {excerpt.disclosure_id} to {excerpt.recipient} only, under the "
                  "client's signed authorization; it keeps identifying detail and is listed in "
                  "the client's accounting of disclosures." if disclosed else
                  "Identifiers are replaced by category tags or by invented stand-ins; dates "
                  "may be shifted. Do not try to identify the client.")):
        pdf.multi_cell(0, 5, pdf_safe(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, size=10.5)
    for paragraph in excerpt.text.split("\n"):
        pdf.multi_cell(0, 5.4, pdf_safe(paragraph) or " ", new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
    return bytes(pdf.output())
