"""A state's or a town's department named whole, its place first (issue 13): "the Massachusetts
Department of Children and Families", "ND DEPARTMENT OF CORRECTIONS AND REHABILITATION",
"referral to california department of rehabilitation", "the Sunnyvale Department of Public
Safety"; and a state's police, troopers or university after its name ("washington state
patrol", "western kentucky university"), and its regional human service centres ("west central
human service center"). The state alone is never marked; the body it names is (the writers
mark every one). Read in any case; in a cased note only where the body's kind is capitalised.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import EVERYDAY, RARE
from closeddoor.deid.cues import STATE_CODES, US_STATES, split_words
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon
from closeddoor.deid.societies import REGION_LEADS
from closeddoor.deid.spans import Label

KINDS = frozenset({"department", "dept", "division", "office", "bureau"})
# What such a body does: the words its name is made of after "of" ("| of financial and
# professional regulation"); the name ends at the last of them that is no little word.
SUBJECT_WORDS = frozenset(split_words("""
children children's child family families human services social mental health behavioral
public safety corrections correction rehabilitation rehabilitative vocational aging adult adults
disability disabilities developmental youth affairs juvenile justice financial professional
regulation transportation education labor workforce employment economic security revenue motor
vehicles insurance environmental protection natural resources agriculture commerce housing
community development veterans military welfare protective probation parole police emergency
management medical assistance income refugee refugees licensing elder senior seniors hearings
administrative
"""))
_LITTLE = frozenset({"and", "of", "the", "for", "on"})
_NAME_WORDS = SUBJECT_WORDS | _LITTLE
_LINK = re.compile(r"\.?[ \t]+(?:of|for|on(?=[ \t]+aging\b))[ \t]+")  # (not "police
# department on emergency detention")
_WORD = re.compile(r"[a-z][a-z'\u2019]*")
# The state before the kind: its name (one to three words) or, written in capitals, its code
# ("pa" in lower case is a physician assistant).
_STATE_BEFORE = re.compile(
    r"(?<![\w'\u2019-])(" + "|".join(sorted((s.replace(" ", r"[ \t]+") for s in US_STATES),
                                            key=len, reverse=True))
    + r")[ \t]+$")
_CODE_BEFORE = re.compile(rf"(?<![\w'\u2019.-])(?:{STATE_CODES})[ \t]+$")
# Codes that are also words or shorthand: "seen in | office for ...", "md | office of ...".
_CODES_IN_WORDS = frozenset(split_words("in or me ok hi oh la ma de co al id md ms mo pa ne"))
# A state's police or university after its name: "| state patrol", "| state university".
_STATE_FORCE = re.compile(r"\b(?:state[ \t]+(?:patrol|police|troopers|university)|highway[ \t]+"
                          r"patrol|university)\b")
# A region of the state before its university: "western | kentucky university".
_COMPASS_BEFORE = re.compile(r"(?<![\w'\u2019-])(?:" + "|".join(sorted(REGION_LEADS))
                             + r")[ \t]+$")
# A state's regional human service centre: "west central | human service center".
_SERVICE_CENTRE = re.compile(r"\bhuman[ \t]+services?[ \t]+center\b")
_REGION_WORD = re.compile(r"(?<![\w'\u2019-])([a-z]{3,})[ \t]+$")
_TOWN_BEFORE = re.compile(r"(?<![\w'\u2019.-])([a-z][a-z'\u2019-]+)[ \t]+$")


def find_state_bodies(text: str, lowered: str, words: set[str], hits: list[Hit], lex: Lexicon,
                      cased: bool) -> None:
    """Add to `hits` each department named after its state or town (a one-word town no
    everyday word: not "police | department of ..."), with what it does after "of", "for" or
    "on"."""
    for start, end, _ in occurrences(lowered, KINDS.intersection(words)):
        if cased and not text[start].isupper():
            continue  # "the state's department of health": no name in a cased note
        link = _LINK.match(lowered, end)
        if link is None:
            continue
        stop, at = None, link.end()
        for _ in range(6):
            word = _WORD.match(lowered, at)
            if word is None or word.group() not in _NAME_WORDS:
                break
            if word.group() not in _LITTLE:
                stop = word.end()
            if lowered[word.end():word.end() + 1] not in (" ", "\t"):
                break
            at = word.end() + 1
        if stop is None:
            continue
        window = max(0, start - 30)
        place = _STATE_BEFORE.search(lowered, window, start)
        if place is None:  # "ND Department of ...": a code, written in capitals
            code = _CODE_BEFORE.search(text, window, start)
            place = code if code is not None and text[code.start():code.start() + 2].isupper(
                ) and lowered[code.start():code.start() + 2] not in _CODES_IN_WORDS else None
        if place is None:
            town = _TOWN_BEFORE.search(lowered, window, start)
            place = town if town is not None and town.group(1) in lex.cities and lex.freq(
                town.group(1)) < EVERYDAY else None
        if place is not None:
            hits.append((place.start(), stop, Label.ORGANIZATION, CONTEXT))


def find_state_forces(text: str, lowered: str, hits: list[Hit], cased: bool) -> None:
    """Add to `hits` a state's police or university named whole after the state's name:
    "washington state patrol", "the Ohio State University", "california highway patrol"."""
    for m in _STATE_FORCE.finditer(lowered):
        if cased and not text[m.start()].isupper():
            continue  # ("called state police": no name)
        place = _STATE_BEFORE.search(lowered, max(0, m.start() - 30), m.start())
        if place is not None:
            lead = _COMPASS_BEFORE.search(lowered, max(0, place.start() - 16), place.start())
            hits.append((place.start() if lead is None else lead.start(), m.end(),
                         Label.ORGANIZATION, CONTEXT))


def find_service_centres(text: str, lowered: str, hits: list[Hit], lex: Lexicon,
                         cased: bool) -> None:
    """Add to `hits` a state's human service centre named for its region or town: "west
    central human service center", "badlands human service center" (not "the human service
    center"); in a cased note only where "Human" is capitalised."""
    for m in _SERVICE_CENTRE.finditer(lowered):
        if cased and not text[m.start()].isupper():
            continue
        begin = m.start()
        for _ in range(2):
            word = _REGION_WORD.search(lowered, max(0, begin - 24), begin)
            if word is None or word.group(1) in _LITTLE or not (
                    word.group(1) in REGION_LEADS or word.group(1) in lex.cities
                    or lex.freq(word.group(1)) < RARE):
                break
            begin = word.start()
        if begin < m.start():
            hits.append((begin, m.end(), Label.ORGANIZATION, CONTEXT))
