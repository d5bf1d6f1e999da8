"""Candidate spans from the detectors, and how they are merged into the final answer."""

from __future__ import annotations

import re
from collections.abc import Iterable

from closeddoor.deid.spans import Label, Span

_LETTERS = re.compile(r"[^\W\d_]+")
# (start, end, label, rank): a lower rank wins a tie; the chart's own findings rank first.
Hit = tuple[int, int, Label, int]

CHART = 0
STRUCTURED = 1  # e-mails, phones, dates ...: unambiguous shapes
CONTEXT = 2  # a cue said what it is ("works at", "Dr.")
GUESS = 3  # a dictionary or a capitalised word

_LABEL_ORDER = {label: i for i, label in enumerate((
    Label.SSN, Label.EMAIL, Label.URL, Label.IP, Label.PHONE, Label.DATE, Label.AGE, Label.ID,
    Label.NAME, Label.ORGANIZATION, Label.LOCATION))}


def merge(hits: Iterable[Hit], text: str) -> list[Span]:
    """Sorted, non-overlapping spans: overlapping hits become one span (labelled by the longest,
    then the best-ranked hit), and hits of one label separated only by spaces join up, so
    "Maria Vasquez" is one NAME and not two (see `_joins`)."""
    ordered = sorted(hits, key=lambda h: (h[0], -h[1], h[3]))
    out: list[tuple[int, int, Label, tuple[int, int, int]]] = []
    for start, end, label, rank in ordered:
        if start >= end:
            continue
        key = (start - end, rank, _LABEL_ORDER[label])
        if out:
            last_start, last_end, last_label, last_key = out[-1]
            gap = text[last_end:start]
            if start <= last_end or (label is last_label and _joins(gap, label)):
                best_label, best_key = (label, key) if key < last_key else (last_label, last_key)
                out[-1] = (last_start, max(end, last_end), best_label, best_key)
                continue
        out.append((start, end, label, key))
    spans: list[Span] = []
    for s, e, lab, _ in out:  # a label settled late may now match its neighbour's
        if spans and spans[-1].label is lab and _joins(text[spans[-1].end:s], lab):
            spans[-1] = Span(spans[-1].start, e, lab)
        else:
            spans.append(Span(s, e, lab))
    return spans


def _joins(gap: str, label: Label) -> bool:
    """Whether two spans of `label` with `gap` between them are one: an owner's "'s" joins an
    organisation's parts ("hausman | 's | department store")."""
    return gap == "-" or (gap.isspace() and "\n" not in gap) or (
        label is Label.ORGANIZATION and gap in _OWNERS)


_OWNERS = frozenset({"'s ", "\u2019s ", "'S ", "\u2019S "})


def lowered(text: str) -> str:
    """`text` in lower case, each character in its place (a few letters grow when lowered,
    "İ" into two: those stay as written so offsets into the lowered text still hold)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def occurrences(text: str, forms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where each of `forms` occurs in `text` as a whole word (no letter or digit glued to
    either side), longest forms first. `str.find` per form beats compiling a pattern per text."""
    found: list[tuple[int, int, str]] = []
    ordered = sorted(forms, key=len, reverse=True)
    if len(ordered) > 24 and all(f.isalpha() for f in ordered):  # many words: read once
        wanted = set(ordered)
        return [(m.start(), m.end(), m.group()) for m in _LETTERS.finditer(text)
                if m.group() in wanted]
    taken: set[int] = set()
    for form in ordered:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if ((start == 0 or not text[start - 1].isalnum())
                    and (end == len(text) or not text[end].isalnum()) and start not in taken):
                found.append((start, end, form))
                taken.add(start)
            start = text.find(form, start + 1)
    return found


def by_first_word(names: frozenset[str], split: str) -> dict[str, tuple[str, ...]]:
    """The names by their first word as the note's word set holds it ("h" of "h-e-b": a note's
    words are split at hyphens and apostrophes), so a note is searched only for its own."""
    found: dict[str, list[str]] = {}
    for name in names:
        found.setdefault(re.split(split, name)[0], []).append(name)
    return {first: tuple(forms) for first, forms in found.items()}
