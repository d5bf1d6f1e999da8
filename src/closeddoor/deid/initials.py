"""A given name's initial and a surname in a note without case (issue 13): "taken by k.
bowekaty", "weekly therapy with l. harju", "case worker t. rahkola", "-r. parker, admin".

In a cased note the capitals say it ("K. Bowekaty"). Without them a letter and a full stop
are as often shorthand ("s. aureus", "p. 4", "a.m."), so the initial counts only after a word
that says a person follows (a role, a relation, "by", "with") or opening a signature, and the
word after it only when it may be a surname: no shorthand, no everyday word.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import (
    EVERYDAY,
    FOLLOWERS,
    FUNCTION_WORDS,
    KIN,
    RARE,
    ROLES,
    VOWEL,
    word_before,
)
from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

# A letter, a full stop, a surname (not "a.m.", "s/p", "p.o.": no letter or stop before it).
_INITIAL_AND_SURNAME = re.compile(r"(?<![\w.'\u2019/-])[a-z]\.[ \t]?([a-z][a-z'\u2019-]+)"
                                  r"(?![\w'\u2019]|\.\w)")
# Words after which a person is named.
_PERSON_CUES = ROLES | KIN | frozenset(split_words("""
by with w/ per to cc worker student scribe crew referee justice dcr signed psychologist navigator
liaison coordinator specialist teacher principal lisw lcsw licsw lmsw msw lpc lpcc lcpc lmft lmhc
"""))
# Marks that open a signature or a crew's next member: "-r. parker", "— k. ferris", "crew m.
# ortiz / s. bloom", "/s/ c. pruitt".
_SIGNATURE_MARKS = ("-", "\u2014", "/")


def find_initialled_names(reader: WordReader, lowered: str, hits: list[Hit]) -> None:
    """An initial and a surname after a person's cue or opening a signature (see the module's
    docstring); for a note without case."""
    lex = reader.lex
    for m in _INITIAL_AND_SURNAME.finditer(lowered):
        surname = m.group(1)
        if (surname in FUNCTION_WORDS or surname in FOLLOWERS or reader.clinical(surname)
                or not VOWEL.search(surname)):
            continue
        freq = lex.freq(surname)
        if not (freq < RARE or (surname in lex.last_names and freq < EVERYDAY)):
            continue
        if _after_cue(lowered, m.start()):
            hits.append((m.start(), m.end(1), Label.NAME, CONTEXT))


def _after_cue(lowered: str, start: int) -> bool:
    """Whether a person's cue or a signature's mark stands right before `start`."""
    before = word_before(lowered, start, 16)
    if before is not None and before[0] + len(before[1]) >= start - 2:
        return before[1].rstrip(".:,") in _PERSON_CUES
    head = lowered[max(0, start - 4):start].rstrip(" \t")
    return head.endswith(_SIGNATURE_MARKS)
