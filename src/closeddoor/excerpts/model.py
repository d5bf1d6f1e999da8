"""An excerpt request and the clinician's changes to what the engine found. Pure.

The clinician may redact more (phrases, every occurrence) and may un-redact a detected span only
with a stated reason. Spans are named by their offsets into the source text, which the service
rebuilds the same way on every request, so a preview and the excerpt that follows agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from closeddoor.deid import Label, Span
from closeddoor.errors import InvalidInput, join_problems

MAX_NOTES = 20
MIN_REASON = 10
OUTPUTS = ("tags", "surrogates")


class Purpose(StrEnum):
    CONSULTATION = "consultation"
    SUPERVISION = "supervision"
    TEACHING = "teaching"


@dataclass(frozen=True)
class Unredaction:
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class ExcerptRequest:
    note_ids: tuple[str, ...]
    purpose: Purpose
    passage: str  # "" for the whole of the chosen notes; else a part of them, verbatim
    extra: tuple[str, ...]  # phrases to redact wherever they occur
    extra_label: Label
    unredact: tuple[Unredaction, ...]
    output: str  # tags | surrogates
    # Who may see identifiers kept visible: for supervision, the staff id of the supervisor of a
    # clinician on the care team (inside the practice: not a disclosure); for consultation or
    # teaching, the client's signed authorization naming the recipient (then it is a disclosure).
    supervisor_id: str = ""
    authorization_id: str = ""

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> ExcerptRequest:
        problems: list[str] = []
        note_ids = data.get("note_ids") or []
        if isinstance(note_ids, str):
            note_ids = [note_ids]
        if not isinstance(note_ids, list) or not all(isinstance(n, str) for n in note_ids):
            problems.append("note_ids: a list of note ids")
            note_ids = []
        note_ids = list(dict.fromkeys(n for n in note_ids if n))
        if not note_ids:
            problems.append("note_ids: choose at least one note")
        if len(note_ids) > MAX_NOTES:
            problems.append(f"note_ids: at most {MAX_NOTES} notes")
        try:
            purpose = Purpose(str(data.get("purpose") or ""))
        except ValueError:
            problems.append("purpose: consultation, supervision or teaching")
            purpose = Purpose.CONSULTATION
        output = data.get("output") or "tags"
        if output not in OUTPUTS:
            problems.append("output: tags or surrogates")
        passage = data.get("passage") or ""
        if not isinstance(passage, str):
            problems.append("passage: text")
            passage = ""
        extra = _phrases(data.get("extra"), problems)
        try:
            extra_label = Label(data.get("extra_label") or Label.NAME)
        except ValueError:
            problems.append("extra_label: one of " + ", ".join(label.value for label in Label))
            extra_label = Label.NAME
        unredact = _unredactions(data.get("unredact"), problems)
        supervisor_id = _identifier(data.get("supervisor_id"), "supervisor_id", problems)
        authorization_id = _identifier(data.get("authorization_id"), "authorization_id",
                                       problems)
        if supervisor_id and purpose is not Purpose.SUPERVISION:
            problems.append("supervisor_id: only a supervision excerpt names a supervisor")
        if authorization_id and purpose is Purpose.SUPERVISION:
            problems.append("authorization_id: supervision inside the practice needs no "
                            "authorization — name the supervisor instead")
        if problems:
            raise InvalidInput(join_problems(problems))
        return cls(tuple(note_ids), purpose, passage.strip(), extra, extra_label, unredact,
                   str(output), supervisor_id, authorization_id)


def _identifier(value: Any, field: str, problems: list[str]) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or len(value) > 36:
        problems.append(f"{field}: an id of at most 36 characters")
        return ""
    return value.strip()


def _phrases(value: Any, problems: list[str]) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    items = value.splitlines() if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        problems.append("extra: phrases to redact, one per line")
        return ()
    phrases = tuple(dict.fromkeys(p.strip() for p in items if len(p.strip()) >= 2))
    if len(phrases) > 100:
        problems.append("extra: at most 100 phrases")
    return phrases


def _unredactions(value: Any, problems: list[str]) -> tuple[Unredaction, ...]:
    if not value:
        return ()
    if not isinstance(value, list):
        problems.append("unredact: a list of {start, end, reason}")
        return ()
    found: list[Unredaction] = []
    for item in value:
        try:
            start, end = int(item["start"]), int(item["end"])
            reason = " ".join(str(item.get("reason") or "").split())
        except (KeyError, TypeError, ValueError):
            problems.append("unredact: each needs start, end and reason")
            return ()
        if len(reason) < MIN_REASON or len(reason) > 500:
            problems.append(f"unredact: each un-redacted span needs a reason of {MIN_REASON} to "
                            "500 characters")
            return ()
        found.append(Unredaction(start, end, reason))
    return tuple(found)


@dataclass(frozen=True)
class SpanChange:
    """What the clinician changed, for the audit (offsets and labels; the reason is sealed)."""

    start: int
    end: int
    label: Label
    change: str  # added | unredacted
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label.value,
                "change": self.change, "reason": self.reason}


def apply_changes(text: str, detected: Sequence[Span], request: ExcerptRequest
                  ) -> tuple[list[Span], list[SpanChange]]:
    """The spans to redact after the clinician's changes, and the changes themselves."""
    changes: list[SpanChange] = []
    added: list[Span] = []
    lowered = text.casefold()
    for phrase in request.extra:
        needle, start = phrase.casefold(), 0
        while (at := lowered.find(needle, start)) >= 0:
            added.append(Span(at, at + len(needle), request.extra_label))
            start = at + len(needle)
    covered = _merged([*detected, *added])
    detected_set = set(detected)
    changes += [SpanChange(s.start, s.end, s.label, "added") for s in covered
                if s not in detected_set]
    by_offsets = {(s.start, s.end): s for s in covered}
    for item in request.unredact:
        span = by_offsets.pop((item.start, item.end), None)
        if span is None:
            raise InvalidInput("unredact: that span is not in the preview any more — "
                               "preview again")
        changes.append(SpanChange(span.start, span.end, span.label, "unredacted", item.reason))
    return sorted(by_offsets.values()), changes


def _merged(spans: Sequence[Span]) -> list[Span]:
    """Overlapping spans become one (the earlier span's label), so nothing is half-redacted."""
    out: list[Span] = []
    for span in sorted(spans):
        if out and span.start < out[-1].end:
            last = out[-1]
            out[-1] = Span(last.start, max(last.end, span.end), last.label)
        else:
            out.append(span)
    return out
