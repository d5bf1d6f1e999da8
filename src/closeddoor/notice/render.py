"""Render a notice document into the exact text clients are offered, and hash it.

The canonical plain-text form (version 1), which `sha256` is computed over as UTF-8:
``closeddoor notice of privacy practices; canonical form 1``, ``practice: <name>``,
``jurisdiction: <code>``, then ``# <title>``, for each section ``## <title>``, its blocks and one
``Source: <citation>`` line per citation, then ``## Questions and contact`` with the contact and
``## Effective date`` with the date (YYYY-MM-DD) or ``not set``. Blocks, whitespace and line
ends follow the consent form's canonical form (consent/render.py): a paragraph is one line, a
list item one ``- `` line, runs of whitespace are one space, text is NFC, one blank line between.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import date
from typing import Any

from closeddoor.errors import InvalidInput
from closeddoor.names import clean_name
from closeddoor.notice.errors import NoticeError
from closeddoor.notice.model import (
    CONTACT_TITLE,
    EFFECTIVE_TITLE,
    MAX_BODY,
    MAX_LINE,
    MAX_SECTIONS,
    REQUIRED_SECTIONS,
    Block,
    NoticeDocument,
    NoticeSection,
    RenderedNotice,
    RenderedSection,
)

CANONICAL_FORM = "closeddoor notice of privacy practices; canonical form 1"


def _one_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def blocks(body: str) -> tuple[Block, ...]:
    """Paragraphs split on blank lines; consecutive "- " lines make one list."""
    out: list[Block] = []
    for chunk in unicodedata.normalize("NFC", body).strip().split("\n\n"):
        lines = chunk.strip().splitlines()
        if not lines:
            continue
        if lines[0].lstrip().startswith("- "):
            items: list[str] = []
            for line in lines:
                stripped = line.strip()
                if stripped.startswith("- "):
                    items.append(stripped[2:])
                elif items:
                    items[-1] += " " + stripped
            out.append(Block("list", tuple(_one_line(i) for i in items if _one_line(i))))
        else:
            out.append(Block("paragraph", (_one_line(chunk),)))
    return tuple(b for b in out if b.items and b.items[0])


def body_text(section_blocks: tuple[Block, ...]) -> str:
    """The editable form of blocks: paragraphs separated by blank lines, items as "- " lines."""
    return "\n\n".join(b.items[0] if b.kind == "paragraph"
                       else "\n".join(f"- {item}" for item in b.items) for b in section_blocks)


def render_notice(document: NoticeDocument) -> RenderedNotice:
    """Render and hash. Deterministic: the same document always gives the same bytes."""
    sections = tuple(RenderedSection(s.key, _one_line(s.title), blocks(s.body),
                                     tuple(_one_line(c) for c in s.citations if c.strip()))
                     for s in document.sections)
    contact = _one_line(document.contact)
    lines = [CANONICAL_FORM, f"practice: {_one_line(document.practice_name)}",
             f"jurisdiction: {document.jurisdiction_code}", "", f"# {_one_line(document.title)}"]
    for section in sections:
        lines += ["", f"## {section.title}"]
        for block in section.blocks:
            lines.append("")
            if block.kind == "paragraph":
                lines.append(block.items[0])
            else:
                lines += [f"- {item}" for item in block.items]
        if section.citations:
            lines.append("")
            lines += [f"Source: {c}" for c in section.citations]
    effective = document.effective_on.isoformat() if document.effective_on else "not set"
    lines += ["", f"## {CONTACT_TITLE}", "", contact or "not set",
              "", f"## {EFFECTIVE_TITLE}", "", effective]
    canonical = "\n".join(lines) + "\n"
    return RenderedNotice(_one_line(document.title), _one_line(document.practice_name),
                          document.jurisdiction_code, contact, document.effective_on, sections,
                          canonical, hashlib.sha256(canonical.encode("utf-8")).hexdigest())


def missing_elements(document: NoticeDocument) -> list[str]:
    """What keeps the text from being offered: each element of 164.520(b)(1) it lacks, in
    words (empty when it is complete). Review and publication are refused until it is."""
    problems = []
    keys = {s.key: s for s in document.sections}
    for key, element in REQUIRED_SECTIONS.items():
        if key not in keys or not blocks(keys[key].body):
            problems.append(f"sections: a section `{key}` with {element}")
    if not _one_line(document.contact):
        problems.append("contact: the name or title and the telephone number of the person "
                        "who answers questions (164.520(b)(1)(vii))")
    if document.effective_on is None:
        problems.append("effective_on: the date the notice takes effect (164.520(b)(1)(viii))")
    return problems


# --- the stored form ----------------------------------------------------------------------------
def document_to_json(document: NoticeDocument) -> str:
    return json.dumps({
        "title": document.title, "practice_name": document.practice_name,
        "jurisdiction_code": document.jurisdiction_code, "contact": document.contact,
        "effective_on": document.effective_on.isoformat() if document.effective_on else None,
        "sections": [{"key": s.key, "title": s.title, "body": s.body,
                      "citations": list(s.citations)} for s in document.sections]},
        sort_keys=True)


def document_from_json(text: str) -> NoticeDocument:
    return parse_document(json.loads(text))


def parse_document(data: dict[str, Any]) -> NoticeDocument:
    """A document from submitted or stored values, checked; every problem at once, each naming
    its field in words (NoticeError, a 422)."""
    problems: list[str] = []

    def text(value: Any, field: str, words: str, limit: int, *, empty: bool = False) -> str:
        if not isinstance(value, str) or (not value.strip() and not empty):
            problems.append(f"{field}: {words} is required")
            return ""
        if len(value) > limit:
            problems.append(f"{field}: {words} is at most {limit} characters")
            return ""
        return value

    title = text(data.get("title"), "title", "the notice's title", MAX_LINE)
    try:
        practice_name = clean_name(data.get("practice_name"), "practice_name",
                                   "the practice's name", required=True, limit=MAX_LINE)
    except InvalidInput as exc:
        problems.append(str(exc))
        practice_name = ""
    code = text(data.get("jurisdiction_code"), "jurisdiction_code", "the jurisdiction", 16)
    contact = text(data.get("contact", ""), "contact", "the contact", 1000, empty=True)
    effective_on = None
    raw_day = data.get("effective_on")
    if raw_day not in (None, ""):
        try:
            effective_on = date.fromisoformat(str(raw_day))
        except ValueError:
            problems.append("effective_on: the effective date, as YYYY-MM-DD")
    raw_sections = data.get("sections")
    sections: list[NoticeSection] = []
    if not isinstance(raw_sections, list) or not raw_sections:
        problems.append("sections: at least one section is required")
        raw_sections = []
    if len(raw_sections) > MAX_SECTIONS:
        problems.append(f"sections: at most {MAX_SECTIONS}")
        raw_sections = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_sections, start=1):
        where = f"section {number}"
        if not isinstance(raw, dict):
            problems.append(f"sections: {where} is not a section")
            continue
        key = text(raw.get("key"), f"{where} key", "a short key", 40)
        if key and (not key.replace("_", "").isalnum() or not key.isascii()):
            problems.append(f"{where} key: letters, digits and _ only")
        if key in seen:
            problems.append(f"{where} key: `{key}` is used twice")
        seen.add(key)
        section_title = text(raw.get("title"), f"{where} title", "a title", MAX_LINE)
        body = text(raw.get("body"), f"{where} body", "the text", MAX_BODY)
        citations = raw.get("citations", [])
        if not isinstance(citations, list) or not all(
                isinstance(c, str) and len(c) <= MAX_LINE for c in citations):
            problems.append(f"{where} citations: a list of short texts")
            citations = []
        sections.append(NoticeSection(key, section_title, body, tuple(citations)))
    if problems:
        raise NoticeError("; ".join(problems))
    return NoticeDocument(title, practice_name, code, contact, effective_on, tuple(sections))
