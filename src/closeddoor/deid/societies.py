"""Societies named for a people, a faith or a trade and the place they gather in (issue 13):
"the Dogon Community of Ohio", "inuit circle of new england", "Bong County Association of Rhode
Island", "Mongolian Community Association of Virginia". The body's word ("community",
"fellowship", "society") and "of" and a place say a name is written; the words before it say
whose. In a cased note the capitals say where it begins and how far its place goes; without
case the place after "of" must be one the gazetteer knows (a state, a region, a town).
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import WORD, word_before
from closeddoor.deid.cues import US_STATES, split_words
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

BODY_WORDS = frozenset(split_words("""
community association fellowship society circle club council alliance federation network
congregation service services initiative coalition collaborative project tribe band nation
village
"""))
# Words that stand before a name, never in it: "group through | uyghur heritage society".
_BEFORE_A_NAME = frozenset(split_words("""
through thru via with from for to at by of call called calls contact contacted join joined joins
attend attends attended visit visited visits
"""))
# The body's word, perhaps a second kind, "of", perhaps "the": "community | association of the".
_OF_AFTER = re.compile(r"(?:[ \t]+(?:association|services|center|centre|fellowship|council))?"
                       r"[ \t]+of[ \t]+(?:the[ \t]+)?")
# Words that open a state's or a town's area: "central | ohio", "greater | houston".
REGION_LEADS = frozenset(split_words("""
greater north south east west central northern southern eastern western upstate middle
southeast southwest northeast northwest
"""))
# The states, and the regions of states a body may be named for ("of the dakotas").
STATE_REGIONS = US_STATES | {"dakotas", "carolinas", "new england"}
_REGIONS = STATE_REGIONS | {"puget sound", "bay area", "twin cities", "tri-state area",
                            "siouxland"}
_REGION_FIRSTS = frozenset(region.split()[0] for region in _REGIONS)
_CAPITALISED_WORD = re.compile(r"[A-Z][\w'\u2019-]*")


def find_societies(reader: WordReader, text: str, lowered: str, words: set[str],
                   hits: list[Hit], cased: bool) -> None:
    """Add to `hits` each society named by whose it is, its body word, "of" and a place."""
    for start, end, _ in occurrences(lowered, BODY_WORDS.intersection(words)):
        of = _OF_AFTER.match(lowered, end)
        if of is None or (cased and not text[start].isupper()) or (
                lowered.startswith("village", start) and not lowered.endswith("native ", 0, start)):
            continue  # (a village is a body only as a tribe: "Native Village of Noatak")
        place_end = (_capitalised_run(text, of.end()) if cased
                     else _known_place(reader, lowered, of.end()))
        begin = _whose(reader, text, lowered, start, cased)
        if place_end is not None and begin is not None:
            hits.append((begin, place_end, Label.ORGANIZATION, CONTEXT))


def _whose(reader: WordReader, text: str, lowered: str, start: int, cased: bool) -> int | None:
    """Where the words before the body's word begin (one to three words that may stand in a
    name, capitalised in a cased note), or None if there are none."""
    begin = None
    at = start
    for _ in range(3):
        before = word_before(lowered, at, 24)
        if before is None:
            break
        word_start, word = before
        own = word.removesuffix("'s").removesuffix("\u2019s")
        if not (reader.plain_word(own) or own in BODY_WORDS) or own in _BEFORE_A_NAME or (
                cased and not text[word_start].isupper()):
            break
        begin = at = word_start
    return begin


def _capitalised_run(text: str, start: int) -> int | None:
    """The end of one to three capitalised words at `start` ("Greater Houston", "New England")."""
    end = None
    at = start
    for _ in range(3):
        word = _CAPITALISED_WORD.match(text, at)
        if word is None:
            break
        end = word.end()
        if text[end:end + 1] != " ":
            break
        at = end + 1
    return end


def _known_place(reader: WordReader, lowered: str, start: int) -> int | None:
    """The end of a state, a region or a town of the gazetteer at `start`, perhaps after a word
    of compass ("central ohio", "greater houston"), or None."""
    word = WORD.match(lowered, start)
    if word is not None and word.group() in REGION_LEADS and (
            lowered[word.end():word.end() + 1] == " "):
        start = word.end() + 1
        word = WORD.match(lowered, start)
    if word is None:
        return None
    first = word.group()
    if first in _REGION_FIRSTS:
        for region in sorted(_REGIONS, key=len, reverse=True):
            if lowered.startswith(region, start) and not lowered[
                    start + len(region):start + len(region) + 1].isalnum():
                return start + len(region)
    city = reader.city_at(lowered, start, first)
    if city is not None:
        return city
    return word.end() if first in reader.lex.cities else None
