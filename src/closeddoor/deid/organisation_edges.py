"""Where an organisation found in a note without case begins and ends (issue 13).

The finders read an organisation's name back from its type word, and stop at an everyday
word: "works at open | hands anxiety clinic". Capitals would say where the name begins; in a
note without case the words around what was found say it instead: a cue before the name
("at", "attends"), a second type word after it ("four corners recovery | program"), or the
subject of a college or a church after "of" ("santa rosario college | of nursing").
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import word_before
from closeddoor.deid.cues import split_words
from closeddoor.deid.dates import MONTHS, WEEKDAYS
from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.place_kinds import CHURCH_BODIES, GENERIC, KIND_WORDS, SPECIALTIES
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

# Words after which an organisation's name starts: "attends | first chinese baptist church".
_CUES = frozenset(split_words("at attends attended via through thru"))
_NOT_OPENERS = frozenset(WEEKDAYS) | frozenset(MONTHS)  # "at | sunday mass"
# A court is named for its place, after more words of where and whence: "in | silver bow |
# justice court", "referred by | window | rock district court".
_COURT_CUES = _CUES | frozenset(split_words("in from by of to"))
# A second type word after a name that ends in one, before the clause goes on: "four corners
# recovery | program", "wheatland grain | exchange"; not "harbor counseling | group therapy".
_CLOSING_TYPE = re.compile(
    r"[ \t]+(group|services|associates|program|agency|exchange|board|club|collaborative|"
    r"clinic|center|centre|school|academy|department|co|company|llc|inc|pllc|pc|district)\.?"
    r"(?=[ \t]*(?:[,;:()\n]|\.(?:\s|$)|$|[ \t](?:in|on|at|for|and|since|until|from|to|with|"
    r"where|by|who|which|x|is|was|has|had|after|before|\d)\b))")
# Types whose name goes on with what they teach or whom they serve, after "of".
_SUBJECT_TYPES = frozenset(split_words("""
college institute school university academy seminary board assembly department church
"""))
_SUBJECT_AFTER = re.compile(
    rf"[ \t]+of[ \t]+(?:{CHURCH_BODIES}|nursing|technology|engineering|"
    r"pharmacy|medicine|health|law|music|arts?|sciences?|design|business|education|"
    r"dentistry|theology|mines)(?![\w'\u2019-])")


def organisation_edges(reader: WordReader, lowered: str, start: int, end: int,
                       hits: list[Hit]) -> None:
    """Add the organisation found at `start`..`end` again, with the words at its edges that
    are its own (`lowered` is the note, lower case)."""
    last = lowered[start:end].rsplit(maxsplit=1)[-1]
    begin = _begin_after_cue(reader, lowered, start, _COURT_CUES if last == "court" else _CUES)
    stop = end
    if last in KIND_WORDS or last in SPECIALTIES:  # "fort bend cardiology | associates"
        closing = _CLOSING_TYPE.match(lowered, end)
        if closing is not None:
            stop = closing.end(1)
    if last in _SUBJECT_TYPES or lowered[start:stop].rsplit(maxsplit=1)[-1] in _SUBJECT_TYPES:
        subject = _SUBJECT_AFTER.match(lowered, stop)
        if subject is not None:
            stop = subject.end()
    if begin < start or stop > end:
        hits.append((begin, stop, Label.ORGANIZATION, CONTEXT))


def _begin_after_cue(reader: WordReader, lowered: str, start: int, cues: frozenset[str]) -> int:
    """Where the name begins if one or two words that may stand in a name come between a cue
    and `start`: "works at | open | hands anxiety clinic"; else `start`. None may say which
    kind ("at outpatient"), how often ("at weekly") or when ("at sunday")."""
    begin = start
    if start < 2 or lowered[start - 1] != " " or lowered[start].isdigit():
        return start
    for _ in range(3):
        before = word_before(lowered, begin, 24)
        if before is None:
            return start
        at, word = before
        if word in cues:
            return begin
        if not reader.plain_word(word) or word in GENERIC or word.endswith("ly") or (
                word in _NOT_OPENERS):
            return start
        begin = at
    return start
