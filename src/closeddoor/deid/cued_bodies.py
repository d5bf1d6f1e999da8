"""A body named by everyday words alone, between a cue and the kind that closes its name, in a
note without case (issue 13): "aide with | garden state home care |,", "seen at | rural health
psychiatric associates |,". The finders read a name back from its kind and stop at an everyday
word; here the cue before it and the clause's end after it say where the name begins and ends.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import FUNCTION_WORDS
from closeddoor.deid.cues import split_words
from closeddoor.deid.dates import MONTHS, WEEKDAYS
from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.place_kinds import GENERIC, KIND_WORDS, WHICH
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

# The kinds that close such a name (the cheap test first).
_KINDS = ("partners", "associates", "helpers", "home care", "home health", "services")
_CUED_BODY = re.compile(
    r"\b(?:at|with|via|through|thru|attends|attended|employer|from)[ \t]+"
    r"((?:[a-z][a-z'\u2019-]*[ \t]+){1,3}"
    r"(?:partners|associates|helpers|home[ \t]+care|home[ \t]+health|services))"
    r"(?=[ \t]*(?:[,;:)]|\.(?:\s|$)|$)|[ \t]+(?:in|on|at|for|and|since|until|from|to|with|x|"
    r"\d)\b)")
# Words that say what kind of partners or associates, not whose ("met with | business
# partners"), or when ("at sunday dinner after | services").
_NOT_NAMES = frozenset(split_words("""
business sexual romantic multiple former new life domestic dance tennis sales work school
research sparring training study writing accountability after before during
""")) | frozenset(WEEKDAYS) | frozenset(MONTHS)


def find_cued_bodies(reader: WordReader, lowered: str, hits: list[Hit]) -> None:
    """Add each body named by plain words between a cue and its kind (a note without case):
    one word at least is no kind word ("garden state | home care"), and none is a function
    word, a clinical word or a word that says which ("at her associates", "prior partners")."""
    if not any(kind in lowered for kind in _KINDS):
        return
    for m in _CUED_BODY.finditer(lowered):
        words = m.group(1).split()
        own = words[:-2] if words[-2] == "home" else words[:-1]
        if any(w in FUNCTION_WORDS or w in WHICH or w in GENERIC or w in _NOT_NAMES
               or reader.clinical(w) for w in own):
            continue
        if all(w in KIND_WORDS for w in own):
            continue  # "with | mental health associates": what kind, not which
        hits.append((m.start(1), m.end(1), Label.ORGANIZATION, CONTEXT))
