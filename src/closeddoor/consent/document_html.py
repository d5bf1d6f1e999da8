"""HTML views of a rendered consent document: a body fragment for the app, and a standalone page.

Both are accessible without any CSS (semantic headings per section, lists, `lang`), carry no
inline styles or scripts (the app's Content-Security-Policy forbids them), and escape every value.
"""

from __future__ import annotations

from html import escape

from closeddoor.consent.model import (
    ACKNOWLEDGEMENT,
    ACKNOWLEDGEMENT_TITLE,
    Block,
    RenderedConsent,
)


def to_html_fragment(rendered: RenderedConsent, heading_level: int = 2) -> str:
    """An `<article>` for embedding in a page: the title at `heading_level` (1-5), sections one
    level below, each legal source in small print under its section, then the fingerprint."""
    if not 1 <= heading_level <= 5:
        raise ValueError("heading_level must be 1 to 5")
    top, sub = f"h{heading_level}", f"h{heading_level + 1}"
    meta = [f"Practice: {rendered.practice_name}"]
    if rendered.clinician_name:
        meta.append(f"Therapist: {rendered.clinician_name}")
    meta.append(f"Law: {rendered.jurisdiction_name} ({rendered.jurisdiction_code}), facts "
                f"compiled {rendered.facts_compiled_on.isoformat()}")
    parts = [
        f'<article class="consent-document" lang="{escape(rendered.language)}" '
        f'aria-labelledby="consent-title">',
        f'<{top} id="consent-title">{escape(rendered.title)}</{top}>',
        f'<p class="consent-meta">{"<br>".join(escape(item) for item in meta)}</p>',
        *_blocks_html(rendered.intro),
    ]
    for section in rendered.sections:
        anchor = f"consent-{escape(section.key)}"
        parts += [
            f'<section class="consent-section" id="{anchor}" aria-labelledby="{anchor}-title">',
            f'<{sub} id="{anchor}-title">{escape(section.title)}</{sub}>',
            *_blocks_html(section.blocks),
        ]
        if section.citations:
            label = "Source" if len(section.citations) == 1 else "Sources"
            sources = "; ".join(escape(citation) for citation in section.citations)
            parts.append(f'<p class="consent-sources"><small>{label}: {sources}</small></p>')
        parts.append("</section>")
    parts += [
        '<section class="consent-section" id="consent-signature" '
        'aria-labelledby="consent-signature-title">',
        f'<{sub} id="consent-signature-title">{escape(ACKNOWLEDGEMENT_TITLE)}</{sub}>',
        f"<p>{escape(ACKNOWLEDGEMENT)}</p>",
        "</section>",
        '<footer class="consent-fingerprint"><p><small>Document fingerprint (SHA-256): '
        f"<code>{escape(rendered.sha256)}</code></small></p></footer>",
        "</article>",
    ]
    return "\n".join(parts) + "\n"


def to_html(rendered: RenderedConsent, stylesheet_href: str | None = None) -> str:
    """A complete standalone HTML page (no inline CSS; links `stylesheet_href` when given)."""
    title = f"{rendered.title} - {rendered.practice_name}"
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)}</title>",
    ]
    if stylesheet_href:
        head.append(f'<link rel="stylesheet" href="{escape(stylesheet_href)}">')
    return "\n".join([
        "<!doctype html>",
        f'<html lang="{escape(rendered.language)}">',
        "<head>", *head, "</head>",
        "<body>",
        "<main>",
        to_html_fragment(rendered, heading_level=1).rstrip("\n"),
        "</main>",
        "</body>",
        "</html>",
    ]) + "\n"


def _blocks_html(blocks: tuple[Block, ...]) -> list[str]:
    out = []
    for block in blocks:
        if block.kind == "paragraph":
            out.append(f"<p>{escape(block.items[0])}</p>")
        else:
            items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
            out.append(f"<ul>{items}</ul>")
    return out
