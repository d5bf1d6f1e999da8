"""Societies named for a people, a faith or a trade and the place they gather in (issue 13):
"the Dogon Community of Ohio", "inuit circle of new england", "Bong County Association of Rhode
Island", "Mongolian Community Association of Virginia". The body's word ("community",
"fellowship", "society") and "of" and a place say a name is written; the words before it say
whose. In a cased note the capitals say where it begins and how far its place goes; without
case the place after "of" must be one the gazetteer knows (a state, a region, a town). Bodies
named by their kind and their place alone are read the same way ("the port of long beach",
"legal aid of north carolina", "uc davis"), and so is a people's cultural centre ("finnish
american heritage center").
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import (
    FUNCTION_WORDS,
    KIN,
    RARE,
    ROLES,
    WORD,
    kept_words,
    word_before,
)
from closeddoor.deid.cues import PEOPLES, US_STATES, split_words
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.place_kinds import DENOMINATION_WORDS, GENERIC
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

BODY_WORDS = frozenset(split_words("""
community association fellowship society circle club council alliance federation network
congregation service services initiative coalition collaborative project tribe band nation
village league sangha koota sabha samaj sangam mandal parishad
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
# A state university's system before its campus's town: "uc | davis", "uw-| la crosse".
UNIVERSITY_SYSTEMS = frozenset(split_words("uc ut umass suny cuny uw cal"))
_SYSTEM_CAMPUS = re.compile(r"\b(?:uc|ut|umass|suny|cuny|uw|cal[ \t]+state|cal[ \t]+poly)"
                            r"(?:[ \t]+|-)(?=[a-z])")
_CAMPUS_WORDS = frozenset(split_words("la downstate upstate"))  # ("cal state la", "suny
# downstate": no town's name)
# A centre's kind, and one or two words before it that say whose: "finnish | american heritage
# center", "hmong | cultural center".
_CENTRE_BEFORE = re.compile(r"(?<![\w'\u2019-])((?:[a-z][a-z'\u2019-]*[ \t]+){1,2})"
                            r"(?:american[ \t]+)?(cultural|heritage|community)[ \t]+$")
# Kinds of body named by their place alone: "port | of long beach", "legal aid | society".
_PLACE_NAMED = re.compile(r"\b(?:port|community[ \t]+college|(?:immigrant[ \t]+|immigration"
                          r"[ \t]+)?legal[ \t]+aid(?:[ \t]+(?:society|project|clinic))?)\b")


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


def find_bodies_of_places(reader: WordReader, text: str, lowered: str, words: set[str],
                          hits: list[Hit], cased: bool) -> None:
    """Add to `hits` each body named by its kind and its place after "of", no one's name
    before it ("the port of long beach", "community college of philadelphia", "legal aid of
    north carolina"), a legal aid named by the words before it ("mott haven legal aid"), and a
    state university named by its campus ("uc davis", "umass dartmouth", "cal state la")."""
    for m in _PLACE_NAMED.finditer(lowered):
        if cased and not text[m.start()].isupper():
            continue  # ("the Hidalgo port of entry")
        of = _OF_AFTER.match(lowered, m.end())
        if of is not None:
            place_end = (_capitalised_run(text, of.end()) if cased
                         else _known_place(reader, lowered, of.end()))
            if place_end is not None:
                hits.append((m.start(), place_end, Label.ORGANIZATION, CONTEXT))
        if "legal" in m.group():
            begin = _place_words_before(reader, text, lowered, m.start(), cased)
            if begin is not None:
                hits.append((begin, m.end(), Label.ORGANIZATION, CONTEXT))
    for m in _SYSTEM_CAMPUS.finditer(lowered) if not UNIVERSITY_SYSTEMS.isdisjoint(words) else ():
        at = m.end()  # a state university by its campus: "uc davis", "cal state long beach"
        word = WORD.match(lowered, at)
        place_end = _known_place(reader, lowered, at)
        if place_end is None and word is not None and word.group() in _CAMPUS_WORDS:
            place_end = word.end()
        if place_end is not None and (not cased or text[at].isupper()):
            hits.append((m.start(), place_end, Label.ORGANIZATION, CONTEXT))


def find_peoples_centres(reader: WordReader, lowered: str, hits: list[Hit]) -> None:
    """Add to `hits` each people's or town's centre in a note without case: "finnish american
    heritage center", "polynesian cultural center", "lincoln ezidi community center" (a
    community centre only for a people, a faith, a town or a rare word: not "the senior
    community center")."""
    for start, end, _ in occurrences(lowered, ("center", "centre")):
        m = _CENTRE_BEFORE.search(lowered, max(0, start - 60), start)
        if m is None:
            continue
        named = kept_words(m.group(1), lambda word: _may_name_a_centre(reader, word))
        if not named:
            continue  # (none left, or one not a name's: "at | polynesian cultural center")
        if m.group(2) == "community" and not any(
                w.group() in PEOPLES or w.group() in DENOMINATION_WORDS
                or w.group() in reader.lex.cities or reader.lex.freq(w.group()) < RARE
                for w in named):
            continue
        hits.append((m.start(1) + named[0].start(), end, Label.ORGANIZATION, CONTEXT))


def _may_name_a_centre(reader: WordReader, word: str) -> bool:
    return word.isalpha() and not (word in FUNCTION_WORDS or word in GENERIC or word in KIN
                                   or word in ROLES or word in _BEFORE_A_NAME
                                   or reader.clinical(word))


def _place_words_before(reader: WordReader, text: str, lowered: str, start: int,
                        cased: bool) -> int | None:
    """Where one to three words before `start` begin that name a place or a people, each a
    town, a name, a rare word or a compass lead ("mott haven | legal aid", "north texas |
    immigrant legal aid"; not "gave him | legal aid"), capitalised in a cased note."""
    begin, named, at = None, False, start
    lex = reader.lex
    for _ in range(3):
        if lowered[at - 1:at] != " ":
            break
        before = word_before(lowered, at, 24)
        if before is None:
            break
        word_start, word = before
        place = word in lex.cities or word in US_STATES or lex.is_name(word) or (
            lex.freq(word) < RARE and not reader.clinical(word))
        if not (place or word in REGION_LEADS) or word in _BEFORE_A_NAME or (
                cased and not text[word_start].isupper()):
            break
        named = named or place
        begin = at = word_start
    return begin if named else None


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
