"""Surnames of two everyday words, after a given name or a title (issue 13).

Many Lakota, Dakota, Crow and other Plains families carry surnames made of two English words:
"Two Bulls", "Runs Above", "Little Thunder", "Iron Cloud". Each word alone is a word of the
note ("two", "above"), so a name's cue reads only the given name before them ("winona | two
bulls"). A pair from the lists below, right after a person's name found or a title, is the
rest of that name, in any case; the lists are closed, so "maria two weeks ago" stays words.
"""

from __future__ import annotations

import re

from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.spans import Label

_FIRSTS = frozenset(split_words("""
two three four little black white red yellow iron spotted running runs kills many lone
standing brave good high long bad crow eagle bear american young old walking looking plenty
chasing strong walks sitting flying swift stands medicine
"""))
_SECONDS = frozenset(split_words("""
bulls bull bears bear hawk hawks eagle eagles elk crow crows horse horses thunder cloud clouds
feather feathers wolf wolves shield arrows arrow moon moons lance knife heart hearts bird birds
buffalo deer dog dogs fox owl boy above enemy hand hands eyes ears tail wings far calf guns gun
robe chief hat shell
"""))
_PAIR = re.compile(r"[ \t](" + "|".join(sorted(_FIRSTS)) + r")[ \t](" + "|".join(sorted(_SECONDS))
                   + r")(?![\w'\u2019-])")
_TITLE_BEFORE = re.compile(r"(?<![\w.])(?:dr|mr|mrs|ms|mx)\.?$")


def find_compound_surnames(lowered: str, words: set[str], hits: list[Hit]) -> None:
    """Add to `hits` the two-word surnames after a name found or a title (`lowered` is the
    note in lower case, `words` the set of its words)."""
    if _FIRSTS.isdisjoint(words) or _SECONDS.isdisjoint(words):
        return  # most notes: no word of the pairs at all
    names = {end: start for start, end, label, _ in hits if label is Label.NAME}
    for m in _PAIR.finditer(lowered):
        if m.start() in names:  # "winona | two bulls"
            hits.append((names[m.start()], m.end(), Label.NAME, CONTEXT))
        elif m.end(1) in names and names[m.end(1)] < m.start(1):  # "janine black | elk"
            hits.append((names[m.end(1)], m.end(), Label.NAME, CONTEXT))
        elif _TITLE_BEFORE.search(lowered, max(0, m.start() - 4), m.start()):  # "dr. runs above"
            hits.append((m.start(1), m.end(), Label.NAME, CONTEXT))
