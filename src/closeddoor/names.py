"""One check for every human-entered name (clients, contacts, staff, recipients, the practice).

A name is stored as typed, in Unicode NFC, and shown exactly as stored on pages and in PDFs, so
what is refused here is what could make a name look like something else: control characters
(NUL, newlines, escapes), invisible format characters, and above all the bidirectional overrides
and isolates (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C) that reorder the letters a
reader sees ("Trojan Source", CVE-2021-42574). The joiners U+200C/U+200D stay allowed: some
scripts (Persian, the Indic scripts) need them inside ordinary names.
"""

from __future__ import annotations

import unicodedata

from closeddoor.errors import InvalidInput

JOINERS = frozenset({"\u200c", "\u200d"})
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def is_name_character(ch: str) -> bool:
    """False for control, format (bidi included), surrogate, private-use, unassigned and
    line/paragraph separator characters; the zero-width joiners are allowed."""
    return ch in JOINERS or unicodedata.category(ch) not in REFUSED_CATEGORIES


def clean_name(value: object, field: str, words: str, *, required: bool = False,
               limit: int = 200) -> str:
    """`value` trimmed and in NFC, or InvalidInput naming `field` (and, for people, `words`,
    e.g. "the given name") and saying how to fix it. Never echoes the value."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(f"{field}: {words} must be text")
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise InvalidInput(f"{field}: {words} is required")
    if len(text) > limit:
        raise InvalidInput(f"{field}: {words} can be at most {limit} characters")
    if not all(is_name_character(ch) for ch in text):
        raise InvalidInput(f"{field}: {words} contains a control character or a text-direction "
                           "mark (these can disguise a name) — type it again without them")
    return text
