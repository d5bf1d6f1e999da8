"""Who signed a note: an initial and a surname, or initials alone, beside a credential or at a
line's end after a dash: "J. Amaral, LICSW", "-- a. o'neil rn", "ND, RN", "JKL/RN", "--cq rn",
"KN/mm", "-tg" (issue 13).

Nurses and clinicians sign in every case and often with initials only; no capital says a name
is there, the credential or the signature's place does. A candidate must not be shorthand, a
credential or a little word ("-- pt rn", "IV, RN" are no signatures).
"""

from __future__ import annotations

import re

from closeddoor.deid import cues
from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.lexicon import Lexicon
from closeddoor.deid.spans import Label

_WORDLIKE = 1_000  # letters written this often are a word ("ok", "na"), not initials
_NOT_INITIALS = frozenset(w.lower() for w in cues.NOT_INITIALS | cues.NOT_DOTTED_INITIALS)

_CREDENTIALS = (r"rn|lpn|lvn|cna|md|do|np|pa|pa-c|aprn|crnp|lcsw|licsw|lmhc|lmft|lpc|lcpc|lmsw|"
                r"msw|psyd|phd|edd|rph|pharmd|mhw|ladc|cadc|bcba|otr|otr/l|slp|rrt|rt|ma")
_CREDENTIAL = rf"(?i:{_CREDENTIALS})(?![\w-])"
# "J. Amaral, LICSW", "a. o'neil rn", "K. BOATENG, RN"
_INITIAL_AND_SURNAME = re.compile(
    rf"(?<![\w.])([A-Za-z]\.[ \t]?([A-Za-z][A-Za-z'\u2019-]+)),?[ \t]+{_CREDENTIAL}")
# At a line's start, or after a dash or a slash: "ND, RN", "JKL/RN", "--cq rn", "-mw rn".
_INITIALS_AND_CREDENTIAL = re.compile(
    rf"(?:^|(?<=[-\u2013\u2014/])|(?<=[-\u2013\u2014/][ \t]))([A-Za-z]{{2,3}})"
    rf"(?:[ \t]*[,/][ \t]*|[ \t]+){_CREDENTIAL}", re.MULTILINE)
# Initials alone closing a line after a dash ("-tg"), or a typist's pair ("KN/mm").
_INITIALS_ALONE = re.compile(
    r"(?:(?:^|(?<=[ \t]))[-\u2013\u2014]{1,2}[ \t]*([A-Za-z]{2,3})"
    r"|^([A-Za-z]{2,3})/([A-Za-z]{2,3}))[ \t]*$", re.MULTILINE)


def find_signatures(text: str, hits: list[Hit], lex: Lexicon, never: frozenset[str]) -> None:
    """Add the signatures in `text` to `hits`; `never` holds the lower-case words that are no
    name here (shorthand, little words)."""
    if "\n" not in text and "-" not in text and "," not in text and "/" not in text:
        return
    for m in _INITIAL_AND_SURNAME.finditer(text):
        if m.group(2).lower() not in never:
            hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
    for m in _INITIALS_AND_CREDENTIAL.finditer(text):
        if _initials(m.group(1), lex, never):
            hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
    for m in _INITIALS_ALONE.finditer(text):
        for group in (1, 2, 3):
            if m.group(group) is not None and _initials(m.group(group), lex, never):
                hits.append((m.start(group), m.end(group), Label.NAME, CONTEXT))


def _initials(letters: str, lex: Lexicon, never: frozenset[str]) -> bool:
    """Whether two or three letters can be someone's initials: no word, shorthand or
    credential ("ok", "pt", "RN")."""
    folded = letters.lower()
    return (folded not in never and folded not in _NOT_INITIALS
            and lex.freq(folded) < _WORDLIKE)
