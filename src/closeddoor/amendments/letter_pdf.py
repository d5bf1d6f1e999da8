"""The notice of an accepted amendment, as a letter (45 CFR 164.526(c)(3)): who the record is
about, what was amended and the amendment itself, nothing more of the record. The bytes are
reproducible from the inputs (the creation date is the acceptance time)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from closeddoor.disclosure.packet_pdf import DisclosurePdf, paragraph, rule, start

TITLE = "Notice of an amendment to health information"


def render_letter_pdf(amendment_id: str, practice_name: str, accepted_at: datetime,
                      lines: Sequence[str]) -> bytes:
    pdf = DisclosurePdf(f"Amendment {amendment_id} \u00b7 ", " \u00b7 CONFIDENTIAL")
    start(pdf, TITLE, practice_name, accepted_at)
    paragraph(pdf, practice_name, size=12, style="B")
    paragraph(pdf, TITLE, size=15, style="B")
    pdf.ln(2)
    rule(pdf)
    for line in lines:
        paragraph(pdf, line)
    return bytes(pdf.output())
