"""Agencies named by their place: field offices, rescue services, courts, a town's police, a
county's agencies, school districts and military bases (issue 13).

A child-welfare office is named by the agency's initials, a place and "office" ("the DCF
Holyoke Area Office", "ACS Brooklyn Field Office"), or by a place before "Office of Children's
Services" ("the Bethel Office of Children's Services"); an ambulance service or fire district
by its place before "EMS" or "Fire-Rescue" ("via Kestrel Co EMS"); a court of two kinds by its
place ("the Buzzards Bay Probate and Family Court"); a town's police and a county's agency
after the place found ("Hyattsville City Police", "Passaic County Division on Aging"); a
school district before its acronym ("Fort Bend ISD"); a base by its place ("Clark Air Base").
The place says where the client lives, in any case.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import kept_words, word_before
from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.spans import Label

_INITIALS_OFFICE = re.compile(
    r"\b(?:dcf|acs|dcs|dss|dhs|cps|dcfs|dfcs|dhr|djj|ocs|dys|dcyf|cyfd|dfps|dcbs)[ \t]+"
    r"(?:[^\W\d_][\w'\u2019.-]*[ \t]+){1,3}office\b")
_PLACE_OFFICE = re.compile(
    r"\b([^\W\d_][\w'\u2019.-]*[ \t]+)office[ \t]+of[ \t]+(?:children['\u2019]?s|child|"
    r"family|human|social|youth)(?:[ \t]+and[ \t]+family)?[ \t]+services\b")
# An ambulance service or fire district named by its place: "via Kestrel Co EMS", "bib
# lakeshore ems", "Riverbend Fire-Rescue". Found from its last words back (each regular
# expression anchored there: a scan of the whole note for a name's words costs more).
_RESCUE_TAIL = re.compile(r"fire(?:[- ]|[ \t]+&[ \t]+)rescue|fire/ems\b|"
                          r"fire[ \t]+(?:dept|department|district)\b|rescue[ \t]+squad|"
                          r"ambulance[ \t]+(?:service|district)|volunteer[ \t]+rescue\b")
# A county's court named for its kind in Texas ("court at law") and Pennsylvania or Ohio
# ("court of common pleas").
_COURT_AT_LAW = re.compile(r"\b([a-z][a-z'\u2019-]+)[ \t]+county[ \t]+court[ \t]+"
                           r"(?:at[ \t]+law(?:[ \t]+(?:no\.?|number|#)[ \t]*\d{1,2}\b)?"
                           r"|of[ \t]+common[ \t]+pleas)")
# ... and by its county after its kind, or its place before it: "court of common pleas of
# philadelphia county", "philadelphia court of common pleas".
_COMMON_PLEAS = re.compile(r"\b(?:([a-z][a-z'\u2019-]+)[ \t]+)?court[ \t]+of[ \t]+common[ \t]+pleas"
                           r"(?:[ \t]+of[ \t]+(?:[a-z][a-z'\u2019-]+[ \t]+){1,2}county)?\b")
# A military unit by its number (a small group of people, as identifying as an employer):
# "2nd bn", "9th marines", "101st airborne", "3rd infantry division", "1st marine division".
_MILITARY_KINDS = ("bn|battalion|marines|infantry|cavalry|airborne|armored|brigade|regiment|"
                   "squadron|artillery|marine[ \t]+(?:division|regiment|expeditionary)")
_MILITARY_WORDS = frozenset(split_words("""
bn battalion marines infantry cavalry airborne armored brigade regiment squadron artillery marine
"""))
_MILITARY_UNIT = re.compile(rf"(?<![\w/.-])\d{{1,3}}(?:st|nd|rd|th)[ \t]+(?:{_MILITARY_KINDS})\b"
                            r"(?:[ \t]+(?:division|regiment|brigade|battalion|group))?")
# A base after "stationed": "stationed camp halstead", "stationed at fort drum".
_STATIONED_AT = re.compile(r"\bstationed[ \t]+(?:(?:at|in|on)[ \t]+)?"
                           r"((?:camp|fort|ft\.?|joint[ \t]+base)[ \t]+[a-z][a-z'\u2019-]+)")
_NAME_WORDS = r"((?:[^\W\d_][\w'\u2019.-]*[ \t]+){1,2})(?:co\.?[ \t]+|county[ \t]+)?$"
_NAME_BEFORE = re.compile(r"(?<![\w'\u2019.-])" + _NAME_WORDS)
# A county names its service without a cue: "granite county ems".
_COUNTY_BEFORE = re.compile(r"(?<![\w'\u2019.-])([^\W\d_][\w'\u2019-]*[ \t]+county)[ \t]+$")
_CUED_NAME_BEFORE = re.compile(r"\b(?:bib|via|by|from|per)[ \t]+" + _NAME_WORDS)  # "bib ___ ems"
# A court of two kinds, named by its place: "the Buzzards Bay Probate and Family Court".
_TWO_KIND_COURT = re.compile(r"((?:[^\W\d_][\w'\u2019.-]*[ \t]+){1,3})(?:probate|juvenile|district|"
                             r"superior|circuit|county)[ \t]+and[ \t]+family[ \t]+court\b")
# A town's police after the town: "| city police dept", "| division of police", and "| of
# police" after a "division" read with the town.
_POLICE_AFTER = re.compile(r"[ \t]+(?:(?:city|county|township|borough|village)[ \t]+)?"
                           r"(police(?:[ \t]+(?:department|dept\b\.?)|(?![ \t]+report))"
                           r"|division[ \t]+of[ \t]+"
                           r"police|of[ \t]+police)\b")
# A county's agency after the county: words of what it does, then the kind that closes its
# name ("| adult psychiatric support services", "| board of health", "| rent assistance
# program", "| division on aging").
_COUNTY_WORDS = (" county", " parish", " borough")
_AGENCY_WORDS = split_words("""
adult adults child children's children family families juvenile public mental behavioral human
social health welfare protective rent assistance relief community healthy homes housing
psychiatric support crisis mobile aging elder elderly senior veterans workforce and of on for
the domestic relations probate probation district superior circuit victim victims
""")
_AGENCY_CLOSERS = split_words("""
services service program programs department dept board office court defender association
agency intake screening protection clerk treasurer division assist authority commission aging
""")
_AGENCY_VOCABULARY = frozenset(_AGENCY_WORDS) | frozenset(_AGENCY_CLOSERS)
_LITTLE = frozenset(split_words("and of on for the"))
_WORDS_AFTER = re.compile(r"(?:[ \t]+[a-z][a-z'\u2019-]*){1,5}")
# A base's kind ("air base", "naval station"), and one or two words of its place after it
# (capitalised in a cased note: the same pattern reads both).
_BASE_KIND = re.compile(r"\b(?:(?:u\.s\.|us)[ \t]+)?(?:naval[ \t]+air|naval|air|army|marine[ \t]+"
                        r"corps|coast[ \t]+guard|joint|air[ \t]+force)[ \t]+(?:base|station|air"
                        r"[ \t]+station|reserve[ \t]+base)\b")
_NAME_AFTER_BASE = re.compile(r"[ \t]+((?:[A-Za-z][\w'\u2019-]*)(?:[ \t]+[A-Za-z][\w'\u2019-]*)?)"
                              r"(?=[ \t]*(?:[,;:.()]|$|[ \t](?:in|until|from|since|and|for|on|"
                              r"at|to|with|where|when|after|before|during)\b))")
_DISTRICT = re.compile(r"\b((?:[A-Z][\w'\u2019-]*[ \t]+){1,3})C?(?:ISD|USD)\b")
_NOT_PLACES = frozenset({"the", "an", "a", "local", "county", "state", "regional", "area",
                         "field", "district", "our", "their", "her", "his"})


def find_agency_offices(lowered: str, words: set[str], hits: list[Hit],
                        never: frozenset[str]) -> None:
    """Add to `hits` the field offices and rescue services named in `lowered`, a note in lower
    case (`words`, the set of its words; `never`, the words no name is made of)."""
    if "ems" in words:
        for start, _, _ in occurrences(lowered, ("ems",)):
            _named_before(lowered, start, start + 3, _CUED_NAME_BEFORE, hits, never)
            county = _COUNTY_BEFORE.search(lowered, max(0, start - 30), start)
            if county is not None:  # "granite county ems"; not "the county ems"
                place = county.group(1).split()[0]
                if place not in never and place not in _NOT_PLACES:
                    hits.append((county.start(1), start + 3, Label.ORGANIZATION, CONTEXT))
    for anchor in ("fire", "rescue", "ambulance", "volunteer"):
        if anchor in words:
            for start, _, _ in occurrences(lowered, (anchor,)):
                tail = _RESCUE_TAIL.match(lowered, start)
                if tail is not None:
                    _named_before(lowered, start, tail.end(), _NAME_BEFORE, hits, never)
    if "court" in words and "family" in words:
        for m in _TWO_KIND_COURT.finditer(lowered):
            named = m.group(1).split()
            cut = [i for i, w in enumerate(named) if w in never or w in _NOT_PLACES]
            named = named[cut[-1] + 1:] if cut else named  # "before the | buzzards bay"
            if named:
                hits.append((m.end(1) - len(" ".join(named)) - 1, m.end(), Label.ORGANIZATION,
                             CONTEXT))
    if "court" in words and ("law" in words or "pleas" in words):  # "coyote county court at
        # law no. 2" (Texas), "schuyler county court of common pleas" (Pennsylvania, Ohio)
        for m in _COURT_AT_LAW.finditer(lowered):
            if m.group(1) not in never and m.group(1) not in _NOT_PLACES:
                hits.append((m.start(), m.end(), Label.ORGANIZATION, CONTEXT))
        for m in _COMMON_PLEAS.finditer(lowered):
            place = m.group(1) is not None and m.group(1) not in never and (
                m.group(1) not in _NOT_PLACES)
            if place or m.group().endswith("county"):
                hits.append((m.start() if place else lowered.index("court", m.start()), m.end(),
                             Label.ORGANIZATION, CONTEXT))
    if not _MILITARY_WORDS.isdisjoint(words):  # "2nd bn, 9th marines", "1st cavalry division"
        hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                    for m in _MILITARY_UNIT.finditer(lowered))
    if "stationed" in words:  # "stationed camp halstead", "stationed at fort drum"
        hits.extend((m.start(1), m.end(), Label.LOCATION, CONTEXT)
                    for m in _STATIONED_AT.finditer(lowered))
    if "office" not in words:
        return
    hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                for m in _INITIALS_OFFICE.finditer(lowered))
    for m in _PLACE_OFFICE.finditer(lowered):
        if m.group(1).strip() not in _NOT_PLACES:
            hits.append((m.start(), m.end(), Label.ORGANIZATION, CONTEXT))


def _named_before(lowered: str, start: int, end: int, before: re.Pattern[str], hits: list[Hit],
                  never: frozenset[str]) -> None:
    """Add the body from its place's words before `start` to `end`: the words after the last
    that names no place ("bib | miami-dade fire rescue", "the | kestrel co ems")."""
    m = before.search(lowered, max(0, start - 50), start)
    if m is None:
        return
    named = kept_words(m.group(1), lambda word: word not in never and word not in _NOT_PLACES)
    if named:
        hits.append((m.start(1) + named[0].start(), end, Label.ORGANIZATION, CONTEXT))


def find_police_by_town(text: str, lowered: str, hits: list[Hit], cased: bool) -> None:
    """Add to `hits` a town's police named whole after the town a finder read: "Hyattsville
    City Police", "Columbus Division of Police", "lackawanna police dept". In a cased note only
    where "Police" is capitalised: "brought by Glenhaven police" names the town alone; and "pd"
    after a town stays the town's (writers part on whether "PD" is in the name)."""
    for start, end, label, _ in list(hits):
        m = _POLICE_AFTER.match(lowered, end) if lowered[end - 1].isalpha() else None
        if m is None or (label is Label.NAME and not (  # ("Columbus Division" read as a name)
                lowered.endswith("division", start, end) or m.group(1).startswith("division"))):
            continue
        if not (cased and text[lowered.index("police", m.start(1))].islower()):
            hits.append((start, m.end(), Label.ORGANIZATION, CONTEXT))


def find_county_bodies(text: str, lowered: str, hits: list[Hit], cased: bool) -> None:
    """Add to `hits` a county's agency named after the county a finder read: "Merced County |
    Child Welfare Services", "passaic county | division on aging", "hennepin county | adult
    protection" (in a cased note only where the agency's first word is capitalised)."""
    for start, end, _, _ in list(hits):
        if not lowered.endswith(_COUNTY_WORDS, start, end):
            continue
        run = _WORDS_AFTER.match(lowered, end)
        if run is None:
            continue
        stop, at = None, end
        for word in run.group().split():  # the agency's words, to the last kind that closes
            at = lowered.index(word, at) + len(word)
            if word not in _AGENCY_VOCABULARY or (stop is None and at - len(word) == end + 1
                                                  and word in _LITTLE):
                break
            if word in _AGENCY_CLOSERS:
                stop = at
        if stop is not None and not (cased and text[end + 1].islower()):
            hits.append((start, stop, Label.ORGANIZATION, CONTEXT))


def find_school_districts(text: str, hits: list[Hit]) -> None:
    """Add to `hits` a school district named by capitalised words before its acronym, in a
    cased note: "a paraprofessional with Fort Bend ISD", "Pajaro Valley USD" (the town need
    not be one a finder read)."""
    for m in _DISTRICT.finditer(text):
        words = m.group(1).split()
        while words and words[0].lower() in _NOT_PLACES:
            words.pop(0)  # ("The Garland ISD")
        if words:
            hits.append((m.end(1) - len(" ".join(words)) - 1, m.end(), Label.ORGANIZATION,
                         CONTEXT))


def find_military_bases(text: str, lowered: str, hits: list[Hit], cased: bool,
                        never: frozenset[str]) -> None:
    """Add to `hits` a military base or station named by its place before or after its kind:
    "Clark Air Base", "Naval Base San Diego", "naval station norfolk" (a kind with no name
    beside it, "an army base", stays; `never` holds the words no name is made of)."""
    for m in _BASE_KIND.finditer(lowered):
        start, end = m.start(), m.end()
        before = word_before(lowered, start, 24)
        if before is not None and before[1] not in never and before[1] not in _NOT_PLACES and (
                not cased or text[before[0]].isupper()):
            start = before[0]
        after = _NAME_AFTER_BASE.match(text if cased else lowered, end)
        if after is not None and not any(w.lower() in never or w.lower() in _NOT_PLACES
                                         for w in after.group(1).split()):
            end = after.end(1)
        if (start, end) != (m.start(), m.end()):
            hits.append((start, end, Label.ORGANIZATION, CONTEXT))
