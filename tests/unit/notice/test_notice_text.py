"""The Notice of Privacy Practices' pure core: default texts per jurisdiction hold every element
45 CFR 164.520(b)(1) requires, rendering is deterministic and binds every visible character,
documents are checked field by field, HTML escapes and the PDF carries the fingerprint."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from closeddoor.consent.jurisdictions import known_codes
from closeddoor.notice.defaults import default_document, default_text
from closeddoor.notice.document_html import to_html_fragment
from closeddoor.notice.document_pdf import to_pdf
from closeddoor.notice.errors import NoticeError
from closeddoor.notice.model import REQUIRED_SECTIONS, NoticeDocument
from closeddoor.notice.render import (
    blocks,
    document_from_json,
    document_to_json,
    missing_elements,
    parse_document,
    render_notice,
)

SHIPPED = sorted(known_codes())
STATES = [code for code in SHIPPED if code.startswith("US-")]


def complete(code: str = "US-TX") -> NoticeDocument:
    return replace(default_document(code, "Synthetic Practice (test)"),
                   contact="Privacy officer, 555-0100", effective_on=date(2026, 3, 1))


@pytest.mark.parametrize("code", SHIPPED)
def test_default_text_holds_every_required_element_when_jurisdiction_is_shipped(
        code: str) -> None:
    document = default_document(code, "Synthetic Practice (test)")
    keys = [s.key for s in document.sections]
    assert set(REQUIRED_SECTIONS) <= set(keys)
    assert len(keys) == len(set(keys))
    assert missing_elements(replace(document, contact="Officer, 555-0100",
                                    effective_on=date(2026, 3, 1))) == []
    header = next(s for s in document.sections if s.key == "header")
    assert "THIS NOTICE DESCRIBES HOW MEDICAL INFORMATION ABOUT YOU MAY BE USED AND DISCLOSED" \
        in " ".join(header.body.split())
    assert all(s.citations for s in document.sections)
    assert default_text(code).review_notes


@pytest.mark.parametrize("code", STATES)
def test_state_text_adds_its_law_after_uses_when_state_is_shipped(code: str) -> None:
    keys = [s.key for s in default_document(code, "Synthetic Practice (test)").sections]
    assert keys[keys.index("uses_and_disclosures") + 1] == "state_law"
    assert "state_law" not in [s.key for s in default_document("generic", "P").sections]


def test_texas_text_names_the_emotional_injury_branch_when_rendered() -> None:
    # Tex. Health & Safety Code 611.004(a)(2): the notice never promises more than the law gives.
    text = render_notice(complete("US-TX")).canonical_text
    assert "immediate mental or emotional injury" in text


def test_missing_elements_named_in_words_when_document_is_incomplete() -> None:
    document = default_document("generic", "Synthetic Practice (test)")
    document = replace(document, sections=tuple(s for s in document.sections
                                                if s.key != "rights"))
    problems = missing_elements(document)
    assert any(p.startswith("sections:") and "164.520(b)(1)(iv)" in p for p in problems)
    assert any(p.startswith("contact:") for p in problems)
    assert any(p.startswith("effective_on:") for p in problems)


def test_render_is_deterministic_and_round_trips_when_stored() -> None:
    document = complete()
    assert render_notice(document) == render_notice(document)
    assert document_from_json(document_to_json(document)) == document
    assert render_notice(document).canonical_text.endswith("2026-03-01\n")


@pytest.mark.parametrize("change", [
    {"contact": "Privacy officer, 555-0101"},
    {"effective_on": date(2026, 3, 2)},
    {"title": "Notice of Privacy Practices."},
    {"practice_name": "Synthetic Practice (test2)"},
])
def test_hash_changes_when_a_visible_fact_changes(change: dict[str, object]) -> None:
    document = complete()
    assert render_notice(replace(document, **change)).sha256 != render_notice(document).sha256  # type: ignore[arg-type]


def test_hash_changes_when_one_word_of_a_section_changes() -> None:
    document = complete()
    first, *rest = document.sections
    changed = replace(document, sections=(replace(first, body=first.body + " Thanks."), *rest))
    assert render_notice(changed).sha256 != render_notice(document).sha256


def test_hash_ignores_layout_when_only_line_breaks_move() -> None:
    document = complete()
    first, *rest = document.sections
    moved = replace(document, sections=(replace(first, body=first.body.replace(" ", "\n", 1)),
                                        *rest))
    assert render_notice(moved).sha256 == render_notice(document).sha256


def test_blocks_split_paragraphs_and_lists_when_body_is_plain_text() -> None:
    parsed = blocks("One\nline.\n\n- a\n  continued\n- b\n\nLast.")
    assert [(b.kind, b.items) for b in parsed] == [
        ("paragraph", ("One line.",)), ("list", ("a continued", "b")),
        ("paragraph", ("Last.",))]


def test_document_refused_naming_every_field_when_input_is_bad() -> None:
    with pytest.raises(NoticeError) as refused:
        parse_document({"title": "", "practice_name": "Bad\u202ename", "jurisdiction_code": "",
                        "effective_on": "2026-13-01",
                        "sections": [{"key": "x y", "title": "", "body": ""},
                                     {"key": "dup", "title": "T", "body": "B"},
                                     {"key": "dup", "title": "T", "body": "B"}, "nope"]})
    message = str(refused.value)
    for field in ("title:", "practice_name:", "jurisdiction_code:", "effective_on:",
                  "section 1 key:", "section 1 title:", "section 1 body:", "section 3 key:",
                  "section 4 is not a section"):
        assert field in message
    assert "\u202e" not in message


def test_html_escapes_every_value_when_text_has_markup() -> None:
    document = complete()
    first, *rest = document.sections
    hostile = replace(document, contact="<script>alert(1)</script>",
                      sections=(replace(first, title="<b>x</b>"), *rest))
    html = to_html_fragment(render_notice(hostile))
    assert "<script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;" in html
    assert render_notice(hostile).sha256 in html


def test_pdf_carries_text_and_fingerprint_when_printed() -> None:
    rendered = render_notice(complete("US-CA"))
    pdf = to_pdf(rendered, created_at=datetime(2026, 3, 1, tzinfo=UTC))
    assert pdf == to_pdf(rendered, created_at=datetime(2026, 3, 1, tzinfo=UTC))
    words = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "California law" in words and "Privacy officer, 555-0100" in words
    assert rendered.sha256 in words.replace("\n", "")
