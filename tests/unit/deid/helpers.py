"""Shared helpers for the de-identification tests: synthetic text only."""

from __future__ import annotations

from closeddoor.deid import ChartIdentifiers, ChartPerson, Label, find_identifiers

# A note as written, in capitals and in lower case, and their test ids (issue 13).
CASES = (str, str.upper, str.lower)
IDS = ("as-written", "upper", "lower")

CHART = ChartIdentifiers(
    legal_name="Maria Elena Vasquez-Lopez", preferred_name="Lena", nicknames=("Mari",),
    date_of_birth="1988-03-14", address="412 Alder Street, Springfield, OR 97477",
    phone="(541) 555-0142", email="mvasquez@example.com", employer="Cascade Millworks",
    school="Thurston High School",
    contacts=(ChartPerson("Rosa Vasquez", "sister", "541-555-0177"),),
    guardian=None, care_team=("Dana Whitfield",), identifiers=("MRN-00412",))


def covered(text: str, needle: str, chart: ChartIdentifiers | None = None) -> bool:
    """Whether every character of every occurrence of `needle` lies inside a found span."""
    spans = find_identifiers(text, chart)
    start = text.find(needle)
    assert start >= 0, "the test text must contain the needle"
    while start >= 0:
        for i in range(start, start + len(needle)):
            if not any(s.start <= i < s.end for s in spans):
                return False
        start = text.find(needle, start + 1)
    return True


def untouched(text: str, needle: str, chart: ChartIdentifiers | None = None) -> bool:
    """Whether no found span overlaps any occurrence of `needle`."""
    spans = find_identifiers(text, chart)
    start = text.find(needle)
    assert start >= 0, "the test text must contain the needle"
    while start >= 0:
        end = start + len(needle)
        if any(s.start < end and start < s.end for s in spans):
            return False
        start = text.find(needle, start + 1)
    return True


def label_of(text: str, needle: str, chart: ChartIdentifiers | None = None) -> Label | None:
    start = text.index(needle)
    for s in find_identifiers(text, chart):
        if s.start <= start < s.end:
            return s.label
    return None
