"""The client's signed copy of an authorization (45 CFR 164.508(c)(4)) as a PDF."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

from pypdf import PdfReader

from closeddoor.disclosure.authorization_pdf import SignedAuthorization, render_authorization_pdf

COPY = SignedAuthorization(
    authorization_id="a1", practice_name="Harbor Light Counseling (synthetic)",
    text="Authorization to release information\nYour right to revoke: in writing.\n",
    text_sha256="ab" * 32, signed_sha256="ab" * 32, signed_at=datetime(2026, 3, 2, 15, tzinfo=UTC),
    sign_method="office", signer_kind="client", signer_name="Alex Synthetic", relation="",
    witness="", status="active")


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_copy_shows_the_text_the_signer_and_the_hash() -> None:
    shown = text_of(render_authorization_pdf(COPY))
    for expected in ("Your right to revoke", "Alex Synthetic", "ab" * 32, "office", "active"):
        assert expected in shown
    assert "changed after signing" not in shown
    assert COPY.filename == "authorization-a1-signed.pdf"


def test_copy_names_the_witness_and_a_changed_text_when_they_apply() -> None:
    shown = text_of(render_authorization_pdf(replace(COPY, witness="Wren Witness",
                                                     signed_sha256="cd" * 32)))
    assert "Wren Witness" in shown
    assert "changed after signing" in shown


def test_copy_bytes_are_reproducible() -> None:
    assert render_authorization_pdf(COPY) == render_authorization_pdf(COPY)
