"""Towns and hamlets no gazetteer holds: "Blackberry Fork", "Oxbow Bend", "Hazelmoor, WA"
(issue 13).

A relative calls or drives in "from" such a place, a client lives "in" it. A word that may be
a name before a word that names a kind of place, right after such a preposition, is one, in
any case; so is a seldom-written word before a state's code there. Shorthand, little words and
kinds of care ("from home health") are not.

Places and bodies whose shape names them in any case are read here too, each from a cheap
anchor in the note's words: a pueblo "of" its name, a tribal nation one is a member of, a
numbered judicial district court ("32nd jdc"), a saint's church "of" or "by" a place, a temple
named after "sri", a hotel after its kind ("at hotel carrington"), an association named in
French ("association des ressortissants de ...").
"""

from __future__ import annotations

import re
from functools import cache

from closeddoor.deid.clinical_words import EVERYDAY
from closeddoor.deid.cues import US_STATES, split_words
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.lexicon import lexicon
from closeddoor.deid.spans import Label

_PLACE_KINDS = (r"fork|bend|creek|falls|springs|hollow|ridge|junction|crossing|landing|gap|"
                r"mills|ferry|heights|bluff|flats|corners|forks|crossroads|wash|canyon|mesa|butte|"
                r"stadium|arena|reservation|rancheria")
_AFTER_PREPOSITION = re.compile(
    r"\b(?:from|in|near|outside|to)[ \t]+((?:(?!(?:from|in|near|outside|to|the|an?|left|right)\b)"
    r"[^\W\d_][\w'\u2019-]*[ \t]+){1,2}"
    rf"(?:{_PLACE_KINDS}))(?![\w'\u2019-])")
_KINDS = frozenset(_PLACE_KINDS.split("|"))
# A church, school or hospital named for a saint "of" or "by" a place: "st. anthony of the
# desert mission", "saint mary of the woods college", "st. joseph by the narrows church".
_SAINTS = frozenset({"st", "saint", "ste"})
# An association or a savings club named in French: "association des ressortissants de
# yélimané", "union des ressortissants de boghé", "tontine des maliens de cincinnati".
_FRENCH_GROUPS = frozenset(split_words("""
association union tontine amicale collectif comité comite fédération federation
"""))
_FRENCH_GROUP = re.compile(r"\b(?:association|union|tontine|amicale|collectif|comit[eé]|"
                           r"f[eé]d[eé]ration)[ \t]+(?:des|du|de[ \t]+la|de)[ \t]+"
                           r"[^\W\d_][\w'\u2019-]*(?:[ \t]+(?:de|du|des|d')[ \t]*"
                           r"[^\W\d_][\w'\u2019-]*)*")
_SAINT_OF_PLACE = re.compile(r"(?:st|saint|ste)\.?[ \t]+[a-z'\u2019]+(?:[ \t]+[a-z'\u2019]+)?"
                             r"[ \t]+(?:of|by)[ \t]+(?:the[ \t]+)?[a-z'\u2019]+"
                             r"(?:[ \t]+[a-z'\u2019]+)?[ \t]+"
                             r"(?:mission|church|parish|school|hospital|academy|chapel|cathedral|"
                             r"shrine|college|medical[ \t]+center)\b")
# A temple named for a god after "sri": "sri venkatesa devasthanam", "sri bhramaramba
# mallikarjuna temple".
_HINDU_TEMPLES = frozenset(split_words("temple mandir devasthanam kovil koil alayam"))
_SRI_TEMPLE = re.compile(r"\bsri[ \t]+(?:[a-z][a-z'\u2019-]+[ \t]+){1,3}"
                         rf"(?:{'|'.join(sorted(_HINDU_TEMPLES))})\b")
# A hotel named after its kind, after a word of where: "family unit at hotel marbury".
_HOTEL_NAMED = re.compile(r"\b(?:at|from|to|in)[ \t]+((?:hotel|motel)[ \t]+)([a-z][a-z'\u2019-]+)"
                          r"(?![\w'\u2019-])")
_NUMBERED_DISTRICT_COURT = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)[ \t]+jdc\b")
# A tribal nation one is a member or a citizen of: "member of the united houma nation".
_TRIBAL_NATION = re.compile(r"\b(?:member|members|enrolled|citizen|citizens)[ \t]+(?:of[ \t]+)?"
                            r"(?:the[ \t]+)?((?:united[ \t]+)?([a-z][a-z'\u2019-]+)[ \t]+nation)\b")
_PUEBLO_OF = re.compile(r"\bpueblo[ \t]+of[ \t]+([a-z][a-z'\u2019-]+)(?![\w'\u2019-])")
_STATE_WORDS = frozenset(w for state in US_STATES for w in state.split()) - {  # (the cheap
    "new", "north", "south", "west", "island"}  # test: "york" says "new york")
_SELDOM = 1_000  # a word written less often than this may be a town's name
# A town no list holds, before a state's code, after a preposition: "called from hazelmoor,
# wa", "joined from home in fernhollow, wa" (codes that are also English words excluded).
_TOWN_STATE = re.compile(r"\b(?:from|in|near|outside)[ \t]+([a-z][a-z'\u2019-]{3,}),[ \t]*"
                         r"([a-z]{2})\b(?![ \t]*[a-z])")
_WORDLIKE_CODES = frozenset({"in", "me", "or", "hi", "oh", "ok", "pa", "md", "la", "co", "de",
                             "id", "al", "ma", "mt", "ga", "va", "ar", "mo", "ne", "wi", "ct"})


@cache
def _state_codes() -> frozenset[str]:
    """States' codes in lower case that are no English word ("wa", "ks"; not "in", "or")."""
    return frozenset(c.lower() for c in lexicon().state_abbreviations) - _WORDLIKE_CODES


@cache
def _state_after_comma() -> re.Pattern[str]:
    """A state's name after a comma (led by the comma, so the scan skips ahead by it)."""
    states = "|".join(sorted(US_STATES, key=len, reverse=True))
    return re.compile(rf",[ \t]*(?:{states})\b")


_TOWN_BEFORE_COMMA = re.compile(r"\b(?:from|in|near|outside|of)[ \t]+([a-z][a-z'\u2019-]{3,})$")


def find_place_words(lowered: str, words: set[str], hits: list[Hit],
                     never: frozenset[str], kinds: frozenset[str]) -> None:
    """Add to `hits` the places named by a word and a place's kind after a preposition
    (`lowered`, the note in lower case; `words`, its words; `never`, words no name is made
    of; `kinds`, words that say which kind of place, not which one)."""
    if "," in lowered and not _state_codes().isdisjoint(words):
        lex = lexicon()
        for m in _TOWN_STATE.finditer(lowered):
            town, code = m.group(1), m.group(2)
            if code in _state_codes() and town not in never and (
                    lex.freq(town) < _SELDOM or town in lex.cities):
                hits.append((m.start(1), m.end(1), Label.LOCATION, CONTEXT))
    if "," in lowered and not _STATE_WORDS.isdisjoint(words):
        lex = lexicon()  # a town of the lists, though a people's name too: "seminole, texas"
        for state in _state_after_comma().finditer(lowered):
            town = _TOWN_BEFORE_COMMA.search(lowered, max(0, state.start() - 30), state.start())
            if town is not None and town.group(1) in lex.cities and town.group(1) not in never:
                hits.append((town.start(1), town.end(1), Label.LOCATION, CONTEXT))
    if ("of" in words or "by" in words) and not _SAINTS.isdisjoint(words):  # "st. anthony of
        for start, _, _ in occurrences(lowered, _SAINTS.intersection(words)):  # the desert"
            saint = _SAINT_OF_PLACE.match(lowered, start)
            if saint is not None:
                hits.append((saint.start(), saint.end(), Label.ORGANIZATION, CONTEXT))
    if not _FRENCH_GROUPS.isdisjoint(words) and ("des" in words or "du" in words
                                                 or "de" in words):
        hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)  # "association des
                    for m in _FRENCH_GROUP.finditer(lowered))  # ressortissants de boghé"
    if "jdc" in words:  # "32nd jdc": a judicial district court by its number
        hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                    for m in _NUMBERED_DISTRICT_COURT.finditer(lowered))
    if "nation" in words:  # "enrolled member of the united houma nation"
        hits.extend((m.start(1), m.end(1), Label.ORGANIZATION, CONTEXT)
                    for m in _TRIBAL_NATION.finditer(lowered) if m.group(2) not in never)
    if "sri" in words and not _HINDU_TEMPLES.isdisjoint(words):  # "sri venkatesa
        hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)  # devasthanam"
                    for m in _SRI_TEMPLE.finditer(lowered))
    if "hotel" in words or "motel" in words:  # "staying at hotel carrington"
        lex = lexicon()
        for m in _HOTEL_NAMED.finditer(lowered):
            name = m.group(2)
            if name not in never and (lex.freq(name) < _SELDOM or (
                    (lex.is_name(name) or name in lex.cities) and lex.freq(name) < EVERYDAY)):
                hits.append((m.start(1), m.end(2), Label.ORGANIZATION, CONTEXT))
    if "pueblo" in words:  # "the pueblo of zuni": a place, in any case
        hits.extend((m.start(), m.end(), Label.LOCATION, CONTEXT)
                    for m in _PUEBLO_OF.finditer(lowered) if m.group(1) not in never)
    if _KINDS.isdisjoint(words):
        return
    for m in _AFTER_PREPOSITION.finditer(lowered):
        named = m.group(1).split()[:-1]
        if not any(w in never or w in kinds for w in named):
            hits.append((m.start(1), m.end(1), Label.LOCATION, CONTEXT))
