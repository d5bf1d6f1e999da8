"""What an identifier already found says about the words right after it (issue 13).

A place is the context of the ZIP code after it ("YAKIMA 98902") and a street address of its
town ("12 orchard st apt 2, peru"), where no capital or state code is; a code's first groups
are the context of its last ("claim no. C-31 447 902"); an organisation's name is the context
of its acronym in brackets ("Prairie Lark Medical Center (PLMC)", and a name of its initials),
and that acronym then names it wherever else the note uses it ("called PLMC at 1530").
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical import NOT_STREET_NAMES
from closeddoor.deid.cues import US_STATES
from closeddoor.deid.hits import CONTEXT, STRUCTURED, Hit, occurrences
from closeddoor.deid.lexicon import lexicon
from closeddoor.deid.spans import Label

_ZIP_AFTER = re.compile(r",?[ \t]{1,2}(\d{5}(?:-\d{4})?)(?![\w-])")
# More digit groups of a code, not a number with a unit: "C-31 447 902"; not "4471 2 mg".
_MORE_GROUPS = re.compile(r"(?:[ ]\d{3,4}(?![\w.%/-]|,\d))+(?![ \t]*[A-Za-z%])")
# The town after a street address, before the clause ends.
_TOWN_AFTER = re.compile(r",[ \t]*([A-Za-z][A-Za-z'\u2019-]+(?:[ \t]+[A-Za-z][A-Za-z'\u2019-]+)?)"
                         r"(?=[ \t]*(?:[.;:)\n]|,[ \t]*[A-Za-z]{2}\b|$))")
_ACRONYM_AFTER = re.compile(r"[ \t]*\(([A-Za-z]{2,6})\)")
_INITIALS = re.compile(r"[^\W\d_]+")


def after_hits(text: str, lowered: str, hits: list[Hit]) -> None:
    """Add to `hits` what the places, codes and organisations among them say follows them
    (`lowered` is `text` in lower case)."""
    acronyms: dict[str, Label] = {}
    found = [(start, end, label) for start, end, label, _ in hits]
    for start, end, label in found:
        if label is Label.ID:
            groups = _MORE_GROUPS.match(text, end)
            if groups is not None:
                hits.append((start, groups.end(), Label.ID, STRUCTURED))
        elif label is Label.ORGANIZATION or label is Label.NAME:
            acronym = _ACRONYM_AFTER.match(text, end)
            if acronym is not None and _abbreviates(acronym.group(1).lower(),
                                                    lowered[max(0, start - 20):end]):
                acronyms[acronym.group(1).lower()] = label
        elif label is Label.LOCATION:
            m = _ZIP_AFTER.match(text, end)
            if m is not None:
                hits.append((m.start(1), m.end(1), Label.LOCATION, STRUCTURED))
            elif text[start].isdigit():  # a street address
                town = _TOWN_AFTER.match(text, end)
                if town is not None and _town(town.group(1).lower().split()):
                    hits.append((town.start(1), town.end(1), Label.LOCATION, CONTEXT))
    if acronyms:
        hits.extend((start, end, acronyms[acronym], CONTEXT)
                    for start, end, acronym in occurrences(lowered, acronyms))


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether the letters of `acronym` are, in order, first letters of words of `name` (and
    of a word or two before it that the name's span left out: "Our Lady of the Marsh (OLM)"),
    the last letter from the last word ("ED" after a hospital's name is a department)."""
    firsts = [w[0] for w in _INITIALS.findall(name)]
    if not firsts or firsts[-1] != acronym[-1]:
        return False
    at = 0
    for letter in acronym:
        while at < len(firsts) and firsts[at] != letter:
            at += 1
        if at == len(firsts):
            return False
        at += 1
    return True


def _town(words: list[str]) -> bool:
    """Whether the words after a street address may be its town: a town of the gazetteer, or
    words none of them everyday or shorthand ("12 orchard st, peru"; not "44 main st, daily")."""
    lex = lexicon()
    if " ".join(words) in US_STATES:
        return False  # "3012 glen ellen rd, sergeant bluff, iowa."
    return tuple(words) in lex.multiword_cities.get(words[0], ()) or all(
        w not in NOT_STREET_NAMES and (w in lex.cities or w not in lex.everyday) for w in words)
