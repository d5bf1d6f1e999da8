"""A town abroad named before its country's part, in a note without case (issue 13): "from
cherán, michoacán", "outside jorhat, assam". Without capitals no list says that "cherán" is a
town; the part after it and a comma does, from the word lists of such parts (a state, province
or department abroad), with a word of where before the town. Both are tagged: the part narrows
the town down (alone, a part is left as a US state is).
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import NOT_STREET_NAMES
from closeddoor.deid.cues import PEOPLES, split_words
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon, fold
from closeddoor.deid.spans import Label

_WHERE = frozenset(split_words("in from near outside of around"))
_WORD = re.compile(r"[^\s,]+")
# The kinds of a country's part after its name: "kayah state", "punjab province".
_KINDS = frozenset(split_words("state province region district governorate oblast prefecture "
                               "department"))
_COMPASS = frozenset(split_words("north south east west northern southern eastern western upper "
                                 "lower central"))
_KIND_AFTER = re.compile(r"[ \t]+([a-z]+)")
# A word of where, a town and a comma before the part: "from | cherán, | michoacán" (one to
# three words).
_TOWN_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_WHERE)) + r")[ \t]+"
                          r"([a-z][\w'\u2019.-]*(?:[ \t]+[\w'\u2019.-]+){0,2}),[ \t]*$")


def find_regions(lowered: str, words: set[str], hits: list[Hit], lex: Lexicon) -> None:
    """Add each country's part abroad after a town and a comma that a word of where opens,
    and the town ("from | cherán, | michoacán"). Alone ("he left michoacán") a part is left,
    as a US state is: Safe Harbor allows a state, and the writers of the sets disagree."""
    firsts = words & lex.region_names.keys()
    if not firsts:
        return
    if not lowered.isascii():  # "michoacán": the lists hold names without accents
        folded = fold(lowered)
        lowered = folded if len(folded) == len(lowered) else lowered
    for start, _, first in occurrences(lowered, firsts):
        name_end = _region_end(lowered, start, first, lex)
        if name_end is None:
            continue
        town = _TOWN_BEFORE.search(lowered, max(0, start - 60), start)
        if town is None:
            continue
        town_start = town.start(1)
        for word in reversed(list(_WORD.finditer(lowered, town_start, town.end(1)))):
            if word.group().strip(".") in _WHERE:  # the last word of where opens the town:
                town_start = word.end() + 1  # "from village near | moga"
                break
        name = lowered[town_start:town.end(1)].split()
        if name and not any(w.strip(".") in NOT_STREET_NAMES for w in name):  # (not "dr."
            hits.append((town_start, town.end(1), Label.LOCATION, CONTEXT))  # bartók)
            hits.append((start, name_end, Label.LOCATION, CONTEXT))


def is_region(name: str, lex: Lexicon) -> bool:
    """Whether `name` (lower case) is a country's part abroad: "assam", "north sikkim" (a
    compass word before one), "udmurt republic" (a people's republic)."""
    first, _, rest = name.partition(" ")
    return name in lex.regions or (first in _COMPASS and rest in lex.regions) or (
        rest == "republic" and first in PEOPLES)


def _region_end(lowered: str, start: int, first: str, lex: Lexicon) -> int | None:
    """Where the part's name that begins with `first` at `start` ends (with its kind after
    it: "punjab | province"), or None when no part's name is written there."""
    stop = None
    for name in lex.region_names[first]:  # longest first
        if lowered.startswith(name, start) and not lowered[start + len(name):][:1].isalnum():
            stop = start + len(name)
            break
    if stop is None:
        return None
    kind = _KIND_AFTER.match(lowered, stop)
    return kind.end() if kind is not None and kind.group(1) in _KINDS else stop
