"""Render a consent template for a jurisdiction into the exact text a client signs, and hash it.

The canonical plain-text form (version 1), which `sha256` is computed over as UTF-8:

* Header lines, in this order: ``closeddoor consent document; canonical form 1``,
  ``template: <name>``, ``jurisdiction: <code> (<name>); facts compiled <YYYY-MM-DD>``,
  ``language: <code>``, ``practice: <name>``, ``clinician: <name or nothing>``.
* Then ``# <document title>``, the introduction's blocks, and for each section in template
  order ``## <section title>``, its blocks and one ``Source: <citation>`` line per citation;
  last, ``## Your signature`` and the fixed acknowledgement (`model.ACKNOWLEDGEMENT`).
* A block is a paragraph (one line) or a list (one ``- <item>`` line per item). Inside a
  paragraph or item every run of whitespace, line breaks included, becomes one space: whitespace
  is layout, not content, so two texts that read the same hash the same.
* All text is Unicode NFC; lines end in ``\\n`` only; no line has leading or trailing spaces;
  exactly one blank line separates headings and blocks; the text ends with one ``\\n``.

So the same template, jurisdiction and names always give the same bytes and hash, and changing
any visible character (a letter, digit, punctuation mark, or a word break) changes the hash.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import replace

from closeddoor.consent.document_html import to_html, to_html_fragment
from closeddoor.consent.document_pdf import to_pdf
from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import Jurisdiction
from closeddoor.consent.model import (
    ACKNOWLEDGEMENT,
    ACKNOWLEDGEMENT_TITLE,
    Block,
    RenderedConsent,
    RenderedSection,
)
from closeddoor.consent.template import (
    ConsentTemplate,
    fact_views,
    referenced_facts,
    render_body,
)

__all__ = ["canonical_text", "render_consent", "to_html", "to_html_fragment", "to_pdf"]

CANONICAL_FORM = "closeddoor consent document; canonical form 1"
MAX_NAME_LENGTH = 200


def render_consent(template: ConsentTemplate, jurisdiction: Jurisdiction, practice_name: str,
                   clinician_name: str = "") -> RenderedConsent:
    """Render every section of `template` with `jurisdiction`'s facts.

    Raises ConsentError when the template is malformed, a body refers to a fact the jurisdiction
    lacks (naming the section and the fact), or a name is empty, too long or has control
    characters. Deterministic: same inputs, same canonical text and hash.
    """
    template.validate()
    practice = _clean_name(practice_name, "practice name", required=True)
    clinician = _clean_name(clinician_name, "clinician name", required=False)
    context = {
        "facts": fact_views(jurisdiction.facts),
        "jurisdiction": {"name": jurisdiction.name, "code": jurisdiction.code},
        "practice": {"name": practice},
        "clinician": {"name": clinician},
    }
    where = "template"
    intro = _blocks(render_body(template.intro, context, f"{where}: intro"))
    sections = []
    for section in template.sections:
        text = render_body(section.body, context, f"{where}: section {section.key!r}")
        # A fact whose value is "none" imposes no limit, so it is no source for the text.
        fact_citations = [jurisdiction.facts[key].citation
                          for key in referenced_facts(section.body)
                          if jurisdiction.facts[key].value != "none"]
        citations = tuple(dict.fromkeys(_nfc(c) for c in (*fact_citations, *section.citations)))
        sections.append(RenderedSection(section.key, _nfc(section.title), _blocks(text),
                                        citations))
    draft = RenderedConsent(
        template_name=template.name, title=_nfc(template.title),
        jurisdiction_code=jurisdiction.code, jurisdiction_name=_nfc(jurisdiction.name),
        facts_compiled_on=jurisdiction.compiled_on, language=jurisdiction.language,
        practice_name=practice, clinician_name=clinician, intro=intro,
        sections=tuple(sections), canonical_text="", sha256="",
    )
    canonical = canonical_text(draft)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return replace(draft, canonical_text=canonical, sha256=digest)


def canonical_text(rendered: RenderedConsent) -> str:
    """The canonical plain-text form described in this module's docstring."""
    lines = [
        CANONICAL_FORM,
        f"template: {rendered.template_name}",
        f"jurisdiction: {rendered.jurisdiction_code} ({rendered.jurisdiction_name}); "
        f"facts compiled {rendered.facts_compiled_on.isoformat()}",
        f"language: {rendered.language}",
        f"practice: {rendered.practice_name}",
        f"clinician: {rendered.clinician_name}",
        "",
        f"# {rendered.title}",
        *_block_lines(rendered.intro),
    ]
    for section in rendered.sections:
        lines += ["", f"## {section.title}", *_block_lines(section.blocks)]
        if section.citations:
            lines += ["", *(f"Source: {citation}" for citation in section.citations)]
    lines += ["", f"## {ACKNOWLEDGEMENT_TITLE}", "", ACKNOWLEDGEMENT]
    text = "\n".join(_nfc(line).strip() for line in lines)
    return text.strip("\n") + "\n"


def _block_lines(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        yield ""
        if block.kind == "paragraph":
            yield block.items[0]
        else:
            yield from (f"- {item}" for item in block.items)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _words(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def _blocks(text: str) -> tuple[Block, ...]:
    """Split rendered text into paragraphs and lists (blank line: new block; "- ": new item)."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", (_words(paragraph),)))
            paragraph.clear()
        if items:
            blocks.append(Block("list", tuple(_words(item) for item in items)))
            items.clear()

    for raw in _nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- "):
            if paragraph:
                flush()
            items.append([line[2:]])
        elif items:
            items[-1].append(line)
        else:
            paragraph.append(line)
    flush()
    return tuple(blocks)


def _clean_name(name: str, label: str, *, required: bool) -> str:
    cleaned = _nfc(" ".join(name.split()))
    if required and not cleaned:
        raise ConsentError(f"{label} is empty")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ConsentError(f"{label} is longer than {MAX_NAME_LENGTH} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise ConsentError(f"{label} contains control or unassigned characters")
    return cleaned
