"""A printable PDF of a rendered consent document, made with fpdf2 (pure Python).

Font choice: fpdf2's built-in Helvetica, a PDF core font, so the app ships no font file and
depends on no system font that a fresh machine may lack. Core fonts cover Windows-1252 only, so
text is passed through `pdf_safe`: characters outside Windows-1252 become their closest plain
form (accents dropped, typographic symbols spelled out) or "?". The shipped templates and
jurisdiction files are written within Windows-1252 (it has §, en dash and curly quotes), so only
unusual names are affected. The signature binds to the canonical text's hash, which the PDF
prints in every page footer; the PDF is a faithful view of that text, not the thing hashed.
A non-Latin template language would need a Unicode TTF shipped as a package dependency instead.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from closeddoor.consent.model import (
    ACKNOWLEDGEMENT,
    ACKNOWLEDGEMENT_TITLE,
    Block,
    RenderedConsent,
    RenderedSection,
)

PageSize = Literal["letter", "a4"]
ENCODING = "cp1252"
_REPLACEMENTS = {"\u2010": "-", "\u2011": "-", "\u2212": "-", "\u2264": "<=", "\u2265": ">=",
                 "\u2192": "->", "\u00a0": " ", "\u202f": " ", "\u2009": " "}
FONT = "Helvetica"
BODY_SIZE = 10.5
LINE = 5.2
INK = (33, 37, 41)
MUTED = (90, 96, 104)
RULE = (180, 186, 192)


def pdf_safe(text: str) -> str:
    """`text` limited to Windows-1252, with a readable replacement for anything outside it."""
    try:
        text.encode(ENCODING)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
            continue
        try:
            char.encode(ENCODING)
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        plain = "".join(c for c in unicodedata.normalize("NFKD", char)
                        if not unicodedata.combining(c))
        try:
            plain.encode(ENCODING)
            out.append(plain or "?")
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


class FingerprintedPdf(FPDF):
    """FPDF with a footer carrying the page number and the document fingerprint (shared with
    the Notice of Privacy Practices, notice/document_pdf.py)."""

    def __init__(self, fingerprint: str, page_size: PageSize, notice: str = "") -> None:
        super().__init__(orientation="portrait", unit="mm", format=page_size)
        self.fingerprint = fingerprint
        self.notice = notice
        self.core_fonts_encoding = ENCODING

    def footer(self) -> None:
        if self.notice:
            self.set_y(-18)
            self.set_font(FONT, style="B", size=7.5)
            self.set_text_color(*INK)
            self.cell(0, 4, pdf_safe(self.notice), align="C")
        self.set_y(-14)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*MUTED)
        half = self.epw / 2
        self.cell(half * 1.4, 4, f"Document fingerprint (SHA-256): {self.fingerprint}")
        self.cell(half * 0.6, 4, f"Page {self.page_no()} of {{nb}}", align="R")


def to_pdf(rendered: RenderedConsent, page_size: PageSize | None = None,
           created_at: datetime | None = None, notice: str = "") -> bytes:
    """A readable PDF: title, practice, jurisdiction, sections with their sources in small
    print, a signature block, and page numbers. US jurisdictions default to Letter, others to
    A4. Pass `created_at` for byte-identical output (otherwise fpdf2 stamps the current time).
    A `notice` (the demo's "not reviewed") is printed at the foot of every page."""
    size: PageSize = page_size or ("letter" if rendered.jurisdiction_code.startswith("US-")
                                   else "a4")
    pdf = FingerprintedPdf(rendered.sha256, size, notice)
    if created_at is not None:
        pdf.set_creation_date(created_at)
    pdf.set_margins(left=22, top=20, right=22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(pdf_safe(rendered.title))
    pdf.set_subject(pdf_safe(f"Informed consent - {rendered.jurisdiction_name}"))
    pdf.set_author(pdf_safe(rendered.practice_name))
    pdf.set_creator("closeddoor")
    pdf.set_lang(rendered.language)
    pdf.add_page()
    _header(pdf, rendered)
    write_blocks(pdf, rendered.intro)
    write_sections(pdf, rendered.sections)
    _signature_block(pdf)
    return bytes(pdf.output())


def _header(pdf: FingerprintedPdf, rendered: RenderedConsent) -> None:
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, style="B", size=16)
    pdf.multi_cell(0, 7.5, pdf_safe(rendered.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font(FONT, size=9.5)
    pdf.set_text_color(*MUTED)
    lines = [rendered.practice_name]
    if rendered.clinician_name:
        lines.append(f"Therapist: {rendered.clinician_name}")
    lines.append(f"Law: {rendered.jurisdiction_name} ({rendered.jurisdiction_code}), facts "
                 f"compiled {rendered.facts_compiled_on.isoformat()}")
    for line in lines:
        pdf.multi_cell(0, 4.6, pdf_safe(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    write_rule(pdf)


def write_rule(pdf: FingerprintedPdf) -> None:
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(3)


def write_heading(pdf: FingerprintedPdf, title: str) -> None:
    # Keep a heading with the first four lines of its text (the most that
    # _keep_short_text_together moves), so no heading is left alone at a page foot.
    if pdf.will_page_break(12 + 4 * LINE):
        pdf.add_page()
    pdf.ln(2.5)
    pdf.set_font(FONT, style="B", size=12)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 6, pdf_safe(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(0.8)


def write_sections(pdf: FingerprintedPdf, sections: Sequence[RenderedSection]) -> None:
    """Each section's heading and blocks, then its sources in small italics."""
    for section in sections:
        write_heading(pdf, section.title)
        write_blocks(pdf, section.blocks)
        if section.citations:
            label = "Source" if len(section.citations) == 1 else "Sources"
            pdf.set_font(FONT, style="I", size=8)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(0, 3.8, pdf_safe(f"{label}: " + "; ".join(section.citations)),
                           align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)


def write_blocks(pdf: FingerprintedPdf, blocks: tuple[Block, ...]) -> None:
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.set_text_color(*INK)
    for block in blocks:
        if block.kind == "paragraph":
            text = pdf_safe(block.items[0])
            _keep_short_text_together(pdf, text, pdf.epw)
            pdf.multi_cell(0, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            for item in block.items:
                _keep_short_text_together(pdf, pdf_safe(item), pdf.epw - 7)
                pdf.set_x(pdf.l_margin + 3)
                pdf.cell(4, LINE, "\u2022")
                pdf.multi_cell(pdf.epw - 7, LINE, pdf_safe(item), align="L", new_x=XPos.LMARGIN,
                               new_y=YPos.NEXT)
                pdf.ln(0.6)
        pdf.ln(1.8)


def _keep_short_text_together(pdf: FingerprintedPdf, text: str, width: float) -> None:
    """Start a new page rather than split a paragraph of up to four lines across two."""
    lines = pdf.multi_cell(width, LINE, text, align="L", dry_run=True,
                           output=MethodReturnValue.LINES)
    count = len(lines) if isinstance(lines, list) else 1
    if count <= 4 and pdf.will_page_break(count * LINE):
        pdf.add_page()


def _signature_block(pdf: FingerprintedPdf) -> None:
    rows = ("Client", "Parent or guardian (if the client is a minor)", "Therapist")
    needed = 7 + 4 * LINE + len(rows) * 16
    if pdf.will_page_break(needed):
        pdf.add_page()
    write_heading(pdf, ACKNOWLEDGEMENT_TITLE)
    write_blocks(pdf, (Block("paragraph", (ACKNOWLEDGEMENT,)),))
    for label in rows:
        pdf.ln(9)
        y = pdf.get_y()
        left, name_end = pdf.l_margin, pdf.l_margin + pdf.epw * 0.62
        date_start, right = name_end + 8, pdf.w - pdf.r_margin
        pdf.set_draw_color(*INK)
        pdf.set_line_width(0.25)
        pdf.line(left, y, name_end, y)
        pdf.line(date_start, y, right, y)
        pdf.set_font(FONT, size=8.5)
        pdf.set_text_color(*MUTED)
        pdf.set_xy(left, y + 0.8)
        pdf.cell(name_end - left, 4, pdf_safe(f"{label}: name and signature"))
        pdf.set_xy(date_start, y + 0.8)
        pdf.cell(right - date_start, 4, "Date")
        pdf.set_xy(left, y + 4.8)
