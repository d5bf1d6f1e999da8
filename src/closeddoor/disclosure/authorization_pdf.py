"""The client's copy of a signed authorization, as a PDF (45 CFR 164.508(c)(4): "If a covered
entity seeks an authorization from an individual ..., the covered entity must provide the
individual with a copy of the signed authorization").

Built on the packet PDF's page and field helpers; the bytes are reproducible from the inputs (the
creation date is the signing time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from closeddoor.consent.document_pdf import MUTED
from closeddoor.disclosure.packet_pdf import (
    DisclosurePdf,
    field,
    paragraph,
    rule,
    start,
    utc_text,
)

TITLE = "Authorization to release information: signed copy"
CHANGED = ("The client's details or the practice's name changed after signing, so the text "
           "above is as it reads now; the signature binds the text whose SHA-256 is shown under "
           "Signed text.")


@dataclass(frozen=True)
class SignedAuthorization:
    """What the copy shows: the text as it renders now, and the signature's record."""

    authorization_id: str
    practice_name: str
    text: str
    text_sha256: str  # of `text`
    signed_sha256: str  # the hash the signature bound
    signed_at: datetime
    sign_method: str  # office | portal
    signer_kind: str  # client | guardian | representative
    signer_name: str
    relation: str
    witness: str
    status: str  # active | expired | revoked

    @property
    def filename(self) -> str:  # ids only: no client identifier in a file name
        return f"authorization-{self.authorization_id}-signed.pdf"


def render_authorization_pdf(copy: SignedAuthorization) -> bytes:
    pdf = DisclosurePdf(f"Authorization {copy.authorization_id} \u00b7 ", " \u00b7 CONFIDENTIAL")
    start(pdf, TITLE, copy.practice_name, copy.signed_at)
    paragraph(pdf, TITLE, size=15, style="B")
    pdf.ln(2)
    rule(pdf)
    for line in copy.text.splitlines():
        paragraph(pdf, line)
    pdf.ln(2)
    rule(pdf)
    signer = copy.signer_name + (f" ({copy.relation})" if copy.relation else "")
    field(pdf, "Signed by", [signer, f"as the {copy.signer_kind}"], bold_first=True)
    field(pdf, "Signed", [f"{utc_text(copy.signed_at)}, {copy.sign_method}"])
    if copy.witness:
        field(pdf, "Witness", [copy.witness])
    field(pdf, "Status now", [copy.status])
    field(pdf, "Signed text", [f"SHA-256 {copy.signed_sha256}"])
    if copy.signed_sha256 != copy.text_sha256:
        paragraph(pdf, CHANGED, size=9, style="I", color=MUTED)
    return bytes(pdf.output())
