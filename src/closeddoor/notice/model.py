"""A Notice of Privacy Practices: its document (what a version stores) and the rendered text.

45 CFR 164.520(b)(1) lists what a notice must contain; `REQUIRED_SECTIONS` names the section
that carries each element written as text, and the document carries the two that are facts of
the version: the contact (b)(1)(vii) and the effective date (b)(1)(viii). Plain values, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from closeddoor.consent.model import Block, RenderedSection

__all__ = ["REQUIRED_SECTIONS", "Block", "NoticeDocument", "NoticeSection", "RenderedNotice",
           "RenderedSection"]

# section key -> the element of 45 CFR 164.520(b)(1) it carries, in words.
REQUIRED_SECTIONS = {
    "header": "the header 164.520(b)(1)(i) prescribes",
    "uses_and_disclosures": "the uses and disclosures (164.520(b)(1)(ii))",
    "rights": "the individual's rights (164.520(b)(1)(iv))",
    "duties": "the practice's duties (164.520(b)(1)(v))",
    "complaints": "how to complain (164.520(b)(1)(vi))",
}
MAX_SECTIONS = 40
MAX_BODY = 20_000
MAX_LINE = 300


@dataclass(frozen=True)
class NoticeSection:
    key: str
    title: str
    body: str  # paragraphs separated by blank lines; "- " starts a list item
    citations: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoticeDocument:
    """What one version stores: the whole text, with no placeholders left, so a published
    version reads the same forever (a later change of the practice's name is a new version)."""

    title: str
    practice_name: str
    jurisdiction_code: str
    contact: str  # 164.520(b)(1)(vii): who to ask, by name or title, and a telephone number
    effective_on: date | None  # 164.520(b)(1)(viii)
    sections: tuple[NoticeSection, ...]


@dataclass(frozen=True)
class RenderedNotice:
    """The exact text offered to clients, its canonical form and SHA-256. An acknowledgment
    binds to `sha256`; any visible change gives another hash."""

    title: str
    practice_name: str
    jurisdiction_code: str
    contact: str
    effective_on: date | None
    sections: tuple[RenderedSection, ...]
    canonical_text: str
    sha256: str


CONTACT_TITLE = "Questions and contact"
EFFECTIVE_TITLE = "Effective date"
