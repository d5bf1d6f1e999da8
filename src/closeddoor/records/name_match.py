"""Matching a typed part of a name against names already decrypted in memory (a clinician's own
caseload). Pure: case, accents, punctuation and spacing do not matter (NFKD, casefold), and
every word typed must appear somewhere in the client's given, family or preferred name."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

NAME_FIELDS = ("given_name", "family_name", "preferred_name")
MAX_QUERY_CHARS = 200


def fold(value: str) -> str:
    """Casefolded, accents and punctuation removed, runs of spaces made one."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    letters = "".join(c if c.isalnum() or c.isspace() else " " for c in decomposed
                      if not unicodedata.combining(c))
    return " ".join(letters.split())


def matches(query: str, demographics: Mapping[str, object]) -> bool:
    """True when every word of `query` is part of one of the client's names."""
    words = fold(query).split()
    if not words:
        return False
    names = " ".join(fold(str(demographics.get(field) or "")) for field in NAME_FIELDS)
    return all(word in names for word in words)
