"""HTML of a rendered notice: an `<article>` fragment for the app's pages (staff, portal and the
public `/notice` page). Semantic headings, no inline style or script (strict CSP), every value
escaped, like consent/document_html.py."""

from __future__ import annotations

from html import escape

from closeddoor.notice.model import CONTACT_TITLE, EFFECTIVE_TITLE, Block, RenderedNotice


def to_html_fragment(rendered: RenderedNotice, heading_level: int = 2) -> str:
    """The title at `heading_level` (1-5), sections one level below, sources in small print,
    then the contact, the effective date and the fingerprint (SHA-256) acknowledgments bind."""
    if not 1 <= heading_level <= 5:
        raise ValueError("heading_level must be 1 to 5")
    top, sub = f"h{heading_level}", f"h{heading_level + 1}"
    effective = rendered.effective_on.isoformat() if rendered.effective_on else "not set"
    parts = [
        '<article class="consent-document notice-document" lang="en" '
        'aria-labelledby="notice-title">',
        f'<{top} id="notice-title">{escape(rendered.title)}</{top}>',
        f'<p class="consent-meta">{escape(rendered.practice_name)}<br>Effective '
        f"{escape(effective)}</p>",
    ]
    for section in rendered.sections:
        anchor = f"notice-{escape(section.key)}"
        parts += [f'<section class="consent-section" id="{anchor}" '
                  f'aria-labelledby="{anchor}-title">',
                  f'<{sub} id="{anchor}-title">{escape(section.title)}</{sub}>',
                  *_blocks_html(section.blocks)]
        if section.citations:
            label = "Source" if len(section.citations) == 1 else "Sources"
            sources = "; ".join(escape(c) for c in section.citations)
            parts.append(f'<p class="consent-sources"><small>{label}: {sources}</small></p>')
        parts.append("</section>")
    parts += [
        '<section class="consent-section" id="notice-contact" '
        'aria-labelledby="notice-contact-title">',
        f'<{sub} id="notice-contact-title">{escape(CONTACT_TITLE)}</{sub}>',
        f"<p>{escape(rendered.contact or 'not set')}</p>", "</section>",
        '<section class="consent-section" id="notice-effective" '
        'aria-labelledby="notice-effective-title">',
        f'<{sub} id="notice-effective-title">{escape(EFFECTIVE_TITLE)}</{sub}>',
        f"<p>This notice takes effect on {escape(effective)}.</p>", "</section>",
        '<footer class="consent-fingerprint"><p><small>Document fingerprint (SHA-256): '
        f"<code>{escape(rendered.sha256)}</code></small></p></footer>",
        "</article>",
    ]
    return "\n".join(parts) + "\n"


def _blocks_html(blocks: tuple[Block, ...]) -> list[str]:
    out = []
    for block in blocks:
        if block.kind == "paragraph":
            out.append(f"<p>{escape(block.items[0])}</p>")
        else:
            out.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>")
    return out
