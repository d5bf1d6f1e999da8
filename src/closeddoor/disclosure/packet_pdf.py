"""The disclosure packet as a PDF: a cover sheet, then exactly the packet's sections.

Same font approach as the consent PDF (core Helvetica, text through `pdf_safe`). The bytes are
reproducible from the Packet, since the service stores their SHA-256 and regenerates to compare:
the creation date (fpdf2's default is "now") is set from `released_at`, and fpdf2's trailer /ID
is an MD5 of the finished body plus that date, so it depends on content only. No producer (and
so no fpdf2 version) is written; fpdf2's layout may still change between its releases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from closeddoor.consent.document_pdf import (
    BODY_SIZE,
    ENCODING,
    FONT,
    INK,
    LINE,
    MUTED,
    RULE,
    pdf_safe,
)
from closeddoor.disclosure.packet import Packet, PacketCover, PacketSection

# fpdf2 replaces its total-pages alias wherever it appears in text. Ours holds control
# characters, which `printable` strips from all text, so a note that happens to contain the
# default "{nb}" is printed as written instead of becoming a page count.
TOTAL_PAGES = "\x1fnb\x1f"
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # all but the newline
# Short lines ending in a colon ("Plan:", "Addendum 2026-03-04:", as the packet puts before
# note sections) are set as small bold labels; the words stay exactly as written.
_LABEL = re.compile(r"\S.{0,38}:")
LABEL_WIDTH, FIELD_GAP = 34.0, 1.8  # mm: the label column, the space under each field
BANNER = (52, 58, 64)
PANEL = (244, 245, 247)


class DisclosurePdf(FPDF):
    """US Letter, core font, and a footer naming the document on every page."""

    def __init__(self, footer_before: str, footer_after: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        self.core_fonts_encoding = ENCODING
        self.footer_before = printable(footer_before)
        self.footer_after = printable(footer_after)
        self.alias_nb_pages(TOTAL_PAGES)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 4, f"{self.footer_before}page {self.page_no()} of {TOTAL_PAGES}"
                        f"{self.footer_after}", align="C")


def printable(text: str) -> str:
    """`text` within Windows-1252 (see pdf_safe), without control characters: the core font
    has no glyphs for them, and the total-pages alias relies on their absence."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", pdf_safe(text))


def utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive value is taken to be UTC already (the service stores UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def utc_text(moment: datetime) -> str:
    return utc(moment).strftime("%Y-%m-%d %H:%M UTC")


def start(pdf: DisclosurePdf, title: str, author: str, created_at: datetime) -> None:
    """Fixed metadata and margins, and the creation date that makes the bytes reproducible."""
    pdf.set_creation_date(utc(created_at))
    pdf.set_margins(left=22, top=18, right=22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(printable(title))
    pdf.set_author(printable(author))
    pdf.set_creator("closeddoor")
    pdf.set_lang("en")
    pdf.add_page()


def paragraph(pdf: FPDF, text: str, *, size: float = BODY_SIZE, style: str = "",
              color: tuple[int, int, int] = INK, x: float | None = None,
              inset: float = 0) -> None:
    """Wrapped text from `x` (default the left margin) to `inset` short of the right margin."""
    pdf.set_font(FONT, style=style, size=size)
    pdf.set_text_color(*color)
    left = pdf.l_margin if x is None else x
    pdf.set_x(left)
    pdf.multi_cell(pdf.w - pdf.r_margin - inset - left, LINE, printable(text), align="L",
                   new_x=XPos.LEFT, new_y=YPos.NEXT)


def field(pdf: FPDF, label: str, values: Sequence[str], *, bold_first: bool = False) -> None:
    """A label in the left column and its values, one paragraph each, beside it."""
    if pdf.will_page_break(2 * LINE):
        pdf.add_page()
    pdf.set_font(FONT, style="B", size=8.5)
    pdf.set_text_color(*MUTED)
    pdf.set_x(pdf.l_margin)
    pdf.cell(LABEL_WIDTH, LINE, printable(label))
    for index, value in enumerate(_present(values)):
        style = "B" if bold_first and index == 0 else ""
        paragraph(pdf, value, style=style, x=pdf.l_margin + LABEL_WIDTH)
    pdf.ln(FIELD_GAP)


def field_height(pdf: FPDF, values: Sequence[str]) -> float:
    """How tall `field` would draw these values (measured in bold, the wider case)."""
    pdf.set_font(FONT, style="B", size=BODY_SIZE)
    height = FIELD_GAP
    for value in _present(values):
        lines = pdf.multi_cell(pdf.epw - LABEL_WIDTH, LINE, printable(value), dry_run=True,
                               output=MethodReturnValue.LINES)
        height += LINE * (len(lines) if isinstance(lines, list) else 1)
    return height


def _present(values: Sequence[str]) -> list[str]:
    return [v for v in values if v.strip()] or ["-"]


def rule(pdf: FPDF, gap: float = 3) -> None:
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(gap)


def render_packet_pdf(packet: Packet) -> bytes:
    """The packet as PDF bytes: cover sheet on page 1 (recipient, purpose, authority, contents,
    redisclosure notice and nothing of the record), then each section in order. The same
    Packet always gives the same bytes."""
    cover = packet.cover
    pdf = DisclosurePdf(f"Disclosure {cover.disclosure_id} \u00b7 ", " \u00b7 CONFIDENTIAL")
    start(pdf, f"Disclosure {cover.disclosure_id}", cover.practice_name, cover.released_at)
    _cover(pdf, cover)
    pdf.add_page()
    for section in packet.sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _cover(pdf: DisclosurePdf, cover: PacketCover) -> None:
    pdf.set_fill_color(*BANNER)
    pdf.set_text_color(255)  # white on the dark band
    pdf.set_font(FONT, style="B", size=11)
    pdf.cell(0, 10, "CONFIDENTIAL \u2014 disclosure of protected health information",
             align="C", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)
    paragraph(pdf, cover.practice_name, size=15, style="B")
    pdf.ln(0.8)
    paragraph(pdf, f"Disclosure {cover.disclosure_id}, released {utc_text(cover.released_at)}",
              size=9.5, color=MUTED)
    pdf.ln(2.5)
    rule(pdf, gap=4)
    recipient = cover.recipient
    field(pdf, "To", [recipient.name, recipient.organization, recipient.contact],
          bold_first=True)
    dob = cover.client_date_of_birth
    field(pdf, "Client", [cover.client_name, f"Date of birth: {dob}" if dob else ""],
          bold_first=True)
    field(pdf, "Purpose", [cover.purpose])
    field(pdf, "Authority", [cover.authority_title, *cover.authority_lines], bold_first=True)
    field(pdf, "Records dated", [cover.records_dated])
    field(pdf, "Contents", [f"{n}. {title}" for n, title in enumerate(cover.contents, 1)])
    field(pdf, "Disclosed by", [cover.disclosed_by])
    if cover.approved_by.strip():
        field(pdf, "Approved by", [cover.approved_by])
    pdf.ln(2)
    _notice_box(pdf, "Notice to the recipient: no further disclosure",
                cover.redisclosure_notice)


def _notice_box(pdf: FPDF, title: str, text: str) -> None:
    """A shaded, outlined panel; moved whole to the next page rather than split."""
    pad, width = 4.0, pdf.epw
    pdf.set_font(FONT, size=9.5)
    lines = pdf.multi_cell(width - 2 * pad, LINE, printable(text), dry_run=True,
                           output=MethodReturnValue.LINES)
    height = 2 * pad + LINE + 1 + LINE * (len(lines) if isinstance(lines, list) else 1)
    if pdf.will_page_break(height):
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_line_width(0.3)
    pdf.set_fill_color(*PANEL)
    pdf.set_draw_color(*RULE)
    pdf.rect(pdf.l_margin, top, width, height, style="DF")
    pdf.set_y(top + pad)
    paragraph(pdf, title, size=9.5, style="B", x=pdf.l_margin + pad, inset=pad)
    pdf.ln(1)
    paragraph(pdf, text, size=9.5, x=pdf.l_margin + pad, inset=pad)
    pdf.set_y(top + height)


def _section(pdf: FPDF, section: PacketSection) -> None:
    # Keep the heading with its first entry heading and a few lines of text.
    if pdf.will_page_break(14 + 4 * LINE):
        pdf.add_page()
    elif pdf.get_y() > pdf.t_margin + 1:
        pdf.ln(4)
    paragraph(pdf, section.title, size=13, style="B")
    pdf.ln(1)
    rule(pdf, gap=2.5)
    if not section.entries:
        paragraph(pdf, section.empty_note or "Nothing in this section.", style="I",
                  color=MUTED)
        return
    for entry in section.entries:
        if pdf.will_page_break(3 * LINE + 2):
            pdf.add_page()
        paragraph(pdf, entry.heading, size=11, style="B")
        pdf.ln(1)
        _lines(pdf, entry.lines)
        pdf.ln(3)


def _lines(pdf: FPDF, lines: Sequence[str]) -> None:
    """Each line a paragraph; a run of blank lines becomes one small gap, and none at the ends."""
    printed = pending_gap = False
    for line in lines:
        if not line.strip():
            pending_gap = printed
            continue
        if pending_gap:
            pdf.ln(LINE / 2)
            pending_gap = False
        text = line.rstrip()
        if _LABEL.fullmatch(text):
            if pdf.will_page_break(3 * LINE):
                pdf.add_page()  # keep the label with the text under it
            elif printed:
                pdf.ln(1.2)
            paragraph(pdf, text, size=9.5, style="B", color=MUTED)
        else:
            paragraph(pdf, text)
        printed = True
