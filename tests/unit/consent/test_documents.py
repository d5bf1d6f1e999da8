from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from closeddoor.consent.document_pdf import pdf_safe
from closeddoor.consent.jurisdictions import known_codes, load_jurisdiction
from closeddoor.consent.model import RenderedConsent
from closeddoor.consent.render import render_consent, to_html, to_html_fragment, to_pdf
from closeddoor.consent.template import SECTION_KEYS, ConsentTemplate
from tests.unit.consent.conftest import CLINICIAN, PRACTICE


class Outline(HTMLParser):
    """Collects tag names, headings and attributes: enough to check structure without a DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.headings: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        self._in_heading = bool(re.fullmatch(r"h[1-6]", tag))
        if self._in_heading:
            self.headings.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self._in_heading = False


def outline(markup: str) -> Outline:
    parser = Outline()
    parser.feed(markup)
    return parser


def render(template: ConsentTemplate, code: str, practice: str = PRACTICE) -> RenderedConsent:
    return render_consent(template, load_jurisdiction(code), practice, CLINICIAN)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("code", known_codes())
def test_html_page_is_complete_and_accessible_when_rendered(template: ConsentTemplate,
                                                            code: str) -> None:
    rendered = render(template, code)
    page = to_html(rendered)
    assert page.startswith("<!doctype html>\n<html lang=\"en\">")
    parsed = outline(page)
    assert parsed.headings.count("h1") == 1
    assert parsed.headings.count("h2") == len(SECTION_KEYS) + 1  # + the signature section
    assert "style" not in parsed.tags and "script" not in parsed.tags
    assert all(name != "style" for name, _ in parsed.attrs)
    assert rendered.jurisdiction_name in page and rendered.sha256 in page
    assert page.count('<p class="consent-sources"><small>') == len(SECTION_KEYS)


def test_html_escapes_every_value_when_names_contain_markup(template: ConsentTemplate) -> None:
    page = to_html(render(template, "US-CA", practice='<script>alert("x")</script> & Co'))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in page


def test_html_links_a_stylesheet_only_when_given_one(template: ConsentTemplate) -> None:
    rendered = render(template, "US-TX")
    assert "<link" not in to_html(rendered)
    assert '<link rel="stylesheet" href="/static/consent.css">' in to_html(
        rendered, stylesheet_href="/static/consent.css")


def test_fragment_uses_the_heading_level_asked_for(template: ConsentTemplate) -> None:
    fragment = to_html_fragment(render(template, "US-NY"), heading_level=3)
    assert fragment.startswith('<article class="consent-document" lang="en"')
    parsed = outline(fragment)
    assert set(parsed.headings) == {"h3", "h4"}
    assert "html" not in parsed.tags and "body" not in parsed.tags
    assert 'id="consent-client_rights"' in fragment
    with pytest.raises(ValueError, match="heading_level"):
        to_html_fragment(render(template, "US-NY"), heading_level=6)


@pytest.mark.parametrize("code", known_codes())
def test_pdf_is_readable_when_rendered(template: ConsentTemplate, code: str) -> None:
    rendered = render(template, code)
    data = to_pdf(rendered)
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    reader = PdfReader(io.BytesIO(data))
    assert rendered.jurisdiction_name in text
    assert PRACTICE in text
    assert "Your rights" in text and "If you might hurt someone else" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "Client: name and signature" in text
    assert rendered.sha256 in text.replace("\n", "")


def test_pdf_page_size_follows_the_jurisdiction_when_not_given(
        template: ConsentTemplate) -> None:
    def size(data: bytes) -> tuple[int, int]:
        box = PdfReader(io.BytesIO(data)).pages[0].mediabox
        return round(float(box.width)), round(float(box.height))

    assert size(to_pdf(render(template, "US-FL"))) == (612, 792)   # US Letter
    assert size(to_pdf(render(template, "generic"))) == (595, 842)  # A4
    assert size(to_pdf(render(template, "US-FL"), page_size="a4")) == (595, 842)


def test_pdf_bytes_identical_when_creation_time_is_fixed(template: ConsentTemplate) -> None:
    rendered = render(template, "US-IL")
    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert to_pdf(rendered, created_at=at) == to_pdf(rendered, created_at=at)


def test_pdf_survives_names_outside_latin_when_rendered(template: ConsentTemplate) -> None:
    rendered = render(template, "US-NY", practice="Dvořák & Łukasiewicz 心理 Praxis")
    text = pdf_text(to_pdf(rendered))
    assert "Dvorák & ?ukasiewicz ?? Praxis" in text


def test_pdf_safe_replaces_only_what_windows_1252_lacks() -> None:
    kept = "Caf\u00e9 \u00a7 43.92 \u2013 \u201cquoted\u201d \u2022 ok"  # all in cp1252
    assert pdf_safe(kept) == kept
    assert pdf_safe("Dvořák\u2011Smith ≥ 18\u00a0years") == "Dvorák-Smith >= 18 years"


@given(st.text())
def test_pdf_safe_output_always_encodes_when_given_any_text(text: str) -> None:
    pdf_safe(text).encode("cp1252")
