"""A rendered consent document: plain values only, ready to hash, show, print and sign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal


@dataclass(frozen=True)
class Block:
    """A paragraph (one item of text) or a bulleted list (one item per bullet)."""

    kind: Literal["paragraph", "list"]
    items: tuple[str, ...]


@dataclass(frozen=True)
class RenderedSection:
    """A section after rendering: its key, title, text blocks and the sources shown under it."""

    key: str
    title: str
    blocks: tuple[Block, ...]
    citations: tuple[str, ...]


@dataclass(frozen=True)
class RenderedConsent:
    """The exact text a client is asked to sign, with its canonical form and SHA-256 hash.

    `canonical_text` and `sha256` are derived by `render.render_consent`; the signature binds to
    `sha256`, so any change in what the client reads gives a different hash.
    """

    template_name: str
    title: str
    jurisdiction_code: str
    jurisdiction_name: str
    facts_compiled_on: date
    language: str
    practice_name: str
    clinician_name: str
    intro: tuple[Block, ...]
    sections: tuple[RenderedSection, ...]
    canonical_text: str
    sha256: str


ACKNOWLEDGEMENT_TITLE = "Your signature"
ACKNOWLEDGEMENT = (
    "By signing, you confirm that you have read this form (or had it read to you), that you had "
    "the chance to ask questions, and that you understand when what you say in therapy may not "
    "stay private. You can ask for a copy at any time."
)
