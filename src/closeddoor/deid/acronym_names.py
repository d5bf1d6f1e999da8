"""Bodies named with their acronym in brackets, for a note without case (issue 13): "kings
harbor hospital center (khhc)", then "records from khhc".

Capitals would say where such a name begins; without them the acronym does: its letters are the
first letters of the name's last words (little words may be left out). The name must end in a
kind of body and hold a word that names rather than says a kind, so "intensive outpatient
program (iop)" and "chronic obstructive pulmonary disease (copd)" stay words.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import RARE, word_before
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.place_kinds import GENERIC, INNER, KIND_WORDS
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

_ACRONYM = re.compile(r"[ \t]\(([a-z]{2,6})\)")
_LITTLE = frozenset({"of", "the", "and", "&", "for"})  # words an acronym may leave out
# The kinds that end such a name (not a program's or a unit's: "intensive outpatient program
# (iop)", "emergency department (ed)" are kinds of service).
_ENDS = frozenset({"hospital", "center", "centre", "clinic", "services", "associates", "church",
                   "school", "college", "university", "academy", "society", "institute",
                   "foundation", "agency", "coalition", "alliance", "network", "partners",
                   "group", "llc", "inc", "company", "corporation", "ministries", "cooperative"})


def find_named_by_acronym(reader: WordReader, lowered: str, hits: list[Hit]) -> None:
    """Add each body named before its acronym in brackets, and the acronym where it is used
    again (see the module's docstring)."""
    acronyms: set[str] = set()
    for m in _ACRONYM.finditer(lowered):
        begin = _name_begin(reader, lowered, m.start() + 1, m.group(1))  # (at the bracket)
        if begin is not None:
            hits.append((begin, m.start(), Label.ORGANIZATION, CONTEXT))
            if reader.lex.freq(m.group(1)) < RARE:  # (not an everyday word: "(hope)")
                acronyms.add(m.group(1))
    if acronyms:
        hits.extend((start, end, Label.ORGANIZATION, CONTEXT)
                    for start, end, _ in occurrences(lowered, acronyms))


def _name_begin(reader: WordReader, lowered: str, end: int, acronym: str) -> int | None:
    """Where the name whose initials spell `acronym` begins, ending at `end`; None if the words
    before do not spell it, or do not name a body."""
    letters = list(acronym)
    words: list[str] = []
    at = end
    while letters:
        before = word_before(lowered, at, 30)
        if before is None:
            return None
        at, word = before
        if word in _LITTLE and not word.startswith(letters[-1]):
            continue
        if not word.startswith(letters[-1]) or not (reader.plain_word(word) or word in _ENDS
                                                    or word in INNER):
            return None
        letters.pop()
        words.append(word)
    if words[0] not in _ENDS or all(
            w in INNER or w in GENERIC or w in KIND_WORDS for w in words):
        return None  # (`words` is read backwards: its first is the name's last)
    return at
