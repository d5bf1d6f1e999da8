"""Writing the de-identified text: category tags, or consistent realistic stand-ins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from closeddoor.deid.chart import ChartIdentifiers
from closeddoor.deid.spans import Span
from closeddoor.deid.surrogates import Surrogates
from closeddoor.errors import InvalidInput

Output = Literal["tags", "surrogates"]


@dataclass(frozen=True)
class Redaction:
    """One replacement: `span` of the input became `replacement` in the output."""

    span: Span
    replacement: str


def redactions(text: str, spans: Sequence[Span], *, output: Output = "tags",
               chart: ChartIdentifiers | None = None, key: bytes = b"",
               date_shift_days: int | None = None) -> list[Redaction]:
    """What `redact` would replace, span by span (for showing a reviewer what changed).

    Raises InvalidInput if a span lies outside the text or overlaps another."""
    ordered = sorted(spans)
    previous_end = 0
    for span in ordered:
        if not 0 <= span.start < span.end <= len(text) or span.start < previous_end:
            raise InvalidInput("spans: each must lie inside the text, without overlapping")
        previous_end = span.end
    if output == "tags":
        return [Redaction(s, f"[{s.label.value}]") for s in ordered]
    if output != "surrogates":
        raise InvalidInput("output: must be tags or surrogates")
    stand_ins = Surrogates(key, chart, date_shift_days)
    return [Redaction(s, stand_ins.replace(s.label, text[s.start:s.end])) for s in ordered]


def redact(text: str, spans: Sequence[Span], *, output: Output = "tags",
           chart: ChartIdentifiers | None = None, key: bytes = b"",
           date_shift_days: int | None = None) -> str:
    """`text` with every span replaced: by its tag ("[NAME]") or by a stand-in.

    Stand-ins come from `key` (same key, same stand-ins) and never reuse one of `chart`'s
    identifiers; dates move by `date_shift_days` (default: `date_shift_for(key, legal name)`;
    pass the client's own offset from `date_shift_for(key, client id)` to keep intervals across
    excerpts). With no spans the text comes back unchanged."""
    parts: list[str] = []
    cursor = 0
    for r in redactions(text, spans, output=output, chart=chart, key=key,
                        date_shift_days=date_shift_days):
        parts += [text[cursor:r.span.start], r.replacement]
        cursor = r.span.end
    parts.append(text[cursor:])
    return "".join(parts)
