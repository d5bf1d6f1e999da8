"""Names listed after a label: "Attendees (6): A.R., Hope M., Will, Dionne, P.K., Beto.",
"Absent: Grace T." (issue 13).

A group note lists its members by first name, initials or a first name and an initial; the
label, not a capital, says they are people, so everyday words ("Will", "Hope") and letters
that are also shorthand count there. The list ends at the first item that is no name.
"""

from __future__ import annotations

import re

from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon
from closeddoor.deid.spans import Label

_LABELS = frozenset({"attendees", "present", "absent", "participants", "members", "attendance"})
_AFTER_LABEL = re.compile(r"(?:[ \t]*\(\d{1,2}\))?[ \t]*:[ \t]*")
# One listed person: initials ("A.R."), or one or two words and perhaps an initial ("Hope M.").
_ITEM = re.compile(r"(?:[a-z]\.){1,3}(?![a-z])|[a-z][a-z'\u2019-]+(?:[ \t]+[a-z][a-z'\u2019-]+)?"
                   r"(?:[ \t]+[a-z]\.(?![a-z]))?")
_INITIALS = re.compile(r"(?:[a-z]\.){1,3}")
_SEPARATOR = re.compile(r"[ \t]*(?:,|;|\band\b|&)[ \t]*")
_RARE = 1_000


def find_listed_names(lowered: str, words: set[str], lex: Lexicon, never: frozenset[str],
                      cues: frozenset[str]) -> list[Hit]:
    """The people listed after a label in `lowered` (the note in lower case, `words` the set
    of its words); `never` holds shorthand and little words, `cues` roles and relations
    ("mother", "IP"), which end the list: the finders that read relations take those."""
    hits: list[Hit] = []
    for _, label_end, _ in occurrences(lowered, _LABELS.intersection(words)):
        label = _AFTER_LABEL.match(lowered, label_end)
        if label is None:
            continue
        at = label.end()
        found: list[tuple[int, int]] = []
        while True:
            item = _ITEM.match(lowered, at)
            if item is None or not _listed_person(item.group(), lex, never, cues):
                break
            found.append(item.span())
            sep = _SEPARATOR.match(lowered, item.end())
            if sep is None:
                break
            at = sep.end()
        if len(found) > 1 or (found and _named(lowered[found[0][0]:found[0][1]], lex)):
            hits.extend((start, end, Label.NAME, CONTEXT) for start, end in found)
    return hits


def _listed_person(item: str, lex: Lexicon, never: frozenset[str],
                   cues: frozenset[str]) -> bool:
    """Initials, or words each a name or a rare word, none shorthand, a little word or a cue."""
    if _INITIALS.fullmatch(item):
        return True  # "a.r.", "p.k."
    words = [w.rstrip(".") for w in item.split()]
    if words[0] in cues:
        return False
    return all(len(w) == 1 or (w not in never and (lex.is_name(w) or lex.freq(w) < _RARE))
               for w in words)


def _named(item: str, lex: Lexicon) -> bool:
    """Whether a lone listed item opens with a given name ("Absent: Grace T.")."""
    return item.split()[0] in lex.first_names
