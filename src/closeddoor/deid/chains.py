"""Chains and national bodies (issue 13). A chain or platform named as a workplace or as one
store: "works nights at | amazon | fulfillment", "drives for | uber", "rx to | walgreens | on
valencia rd", "the newark ave | walgreens"; its name alone says little ("orders from amazon",
"took an uber" stay), where the client works or which store on which street says who the
client is. A big employer whose name is no word is one in any case ("laid off from
cognizant"), and one whose name is also a car or a person only after work ("engineer at ford");
so is a university by its initials ("a junior at nyu") and a hotel with its branch ("hyatt
regency long beach"). And the national and federal agencies
that resettle, house, pay and help clients, named by everyday words a finder reads only with
capitals ("arrived via world relief", "catholic charities", "the social security
administration"): each is a body that holds the client's file, found in any case.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import EVERYDAY, NOT_STREET_NAMES, RARE
from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import CONTEXT, Hit, by_first_word, occurrences
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

# Chains, platforms and stores whose names are no everyday word ("target", "giant" are).
CHAINS = frozenset(split_words("""
walgreens cvs kroger walmart costco safeway publix meijer wegmans aldi hy-vee amazon uber lyft
doordash instacart grubhub starbucks fedex h-e-b heb shoprite
""")) | {"rite aid", "dollar general", "family dollar", "dollar tree", "home depot", "lowe's",
         "mcdonald's", "food lion", "winn-dixie", "giant eagle", "stop & shop", "delta air lines",
         "alaska airlines", "american airlines", "united airlines", "southwest airlines",
         "allied universal"}
# Big employers whose names are also a car, a person or a word: only after work ("engineer at
# | ford", "a tech for | intel"; not "drives a ford", "a trip to disney in march").
CUED_EMPLOYERS = frozenset({
    "google", "intel", "ford", "honda", "toyota", "tesla", "tyson", "hilton", "disney", "nike",
    "chevron", "fidelity", "prudential", "perdue", "merck", "abbott", "adobe", "nj transit",
    "general motors", "john deere", "bank of america", "wells fargo", "fidelity investments",
    "tyson foods"})
# Big employers whose names are no everyday word, a person or a thing: the writers mark each
# (the client works there, or a relative does), found in any case without a cue.
EMPLOYERS = frozenset({
    "microsoft", "cisco", "ibm", "accenture", "cognizant", "infosys", "wipro", "deloitte",
    "jpmorgan", "jpmorgan chase", "citibank", "metlife", "allstate", "geico", "usps", "boeing",
    "lockheed martin", "raytheon", "medtronic", "qualcomm", "nvidia", "cargill",
    "smithfield foods", "hormel", "exxonmobil", "halliburton", "pfizer", "genentech", "amgen",
    "humana", "aetna", "optum", "marriott", "stellantis", "texas instruments",
    "applied materials", "western digital", "jbs"})
# Universities by their initials, a body in any case ("a junior at nyu", "studies at byu"),
# except where they name a scale: "UCLA PTSD-RI", "UCLA Loneliness Scale".
UNIVERSITIES = frozenset(split_words("""
ucla nyu byu ndsu vcu ucf umd unc msu umn usc lsu fsu uga unlv utep sdsu fiu gmu uconn
"""))
_SCALE_AFTER = re.compile(r"[ \t]+(?:ptsd|loneliness|scale)\b")
# Hotels by their brand and the branch after it ("hyatt regency long beach", "hilton hawaiian
# village", "sheraton waikiki"): a brand that is also a name ("hilton") needs its branch, and
# the branch's words are a hotel's, a town's or rare ones ("in hilton head" is a town).
HOTELS = frozenset({"hyatt", "hilton", "sheraton", "westin", "marriott", "doubletree",
                    "ritz-carlton", "embassy suites", "hampton inn", "holiday inn", "aulani"})
_HOTEL_WORDS = frozenset(split_words("""
regency grand hawaiian village resort hotel inn suites express downtown airport beach city
center centre north south east west place
"""))
_HOTELS_BY_FIRST = by_first_word(HOTELS, r"[ -]")
_WORD = re.compile(r"[a-z][a-z'\u2019-]*")
_CHAINS_BY_FIRST = by_first_word(CHAINS, r"[ '-]")
_CUED_EMPLOYERS_BY_FIRST = by_first_word(CUED_EMPLOYERS, r"[ '-]")
NATIONAL_AGENCIES = frozenset({
    "international rescue committee", "world relief", "church world service",
    "catholic charities", "jewish family service", "jewish family services",
    "lutheran social services", "lutheran family services", "salvation army", "hias",
    "red cross", "united way", "volunteers of america", "habitat for humanity",
    "big brothers big sisters", "ymca", "ywca", "episcopal migration ministries",
    "ethiopian community development council", "global refuge",
    "lutheran immigration and refugee service", "u.s. committee for refugees and immigrants",
    "us committee for refugees and immigrants", "uscri", "lutheran social service",
    "alzheimer's association", "safe horizon", "office of the public defender",
    "knights of columbus", "sons of norway", "daughters of norway", "sons of italy",
    "sikh coalition",
    # federal agencies by their whole name (their initials alone, "ssa", "ice", stay)
    "social security administration", "immigration and customs enforcement",
    "citizenship and immigration services", "customs and border protection",
    "office of refugee resettlement", "disability determination services",
    "veterans benefits administration"})
_AGENCIES_BY_FIRST = by_first_word(NATIONAL_AGENCIES | EMPLOYERS, r"[ '.]")
# A veterans' or fraternal post by its number: "VFW Post 9389", "American Legion Post 25".
_POST = re.compile(r"\b(?:vfw|american[ \t]+legion|amvets|elks|moose|knights[ \t]+of[ \t]+columbus)"
                   r"(?:[ \t]+(?:lodge|council))?[ \t]+(?:post|lodge|council)[ \t]+"
                   r"(?:no\.?[ \t]*|#[ \t]*)?\d{1,5}\b")
_POST_WORDS = frozenset({"vfw", "legion", "amvets", "elks", "moose", "knights"})
_CHAPTER_AFTER = re.compile(r",?[ \t]+(?:(?:[a-z][a-z.'\u2019-]*[ \t]+){1,3}(?:chapter|lodge)\b"
                            r"|(?:arch)?diocese[ \t]+of[ \t]+(?:[a-z][a-z'\u2019-]*)"
                            r"(?:[ \t]+(?!and\b|in\b|on\b|at\b|for\b|to\b)[a-z][a-z'\u2019-]*)?)")
# Work before it: "works nights at", "shifts at the", "drives for", "delivering for".
_WORK_BEFORE = re.compile(
    r"\b(?:(?:works?|worked|working|shifts?|nights|overnights|employed|job)(?:[ \t]+[a-z]+)?"
    r"[ \t]+(?:at|for|with)(?:[ \t]+the)?"
    r"|(?:drives?|drove|driving|driver|delivers?|delivered|delivering|shops?|stocks?|officer|"
    r"agent|guard)(?:[ \t]+(?:again|now|still|full-time|part-time))?[ \t]+for"
    r"|(?:engineer|analyst|manager|developer|scientist|technician|tech|accountant|associate|"
    r"operator|assembler|mechanic|cashier|clerk|nurse|pharmacist|supervisor|intern|worker|"
    r"employee|contractor)[ \t]+(?:at|for|with))"
    r"[ \t]+$")
# Which store: a street or town after it ("walgreens on valencia rd", "walmart in forrest
# city"), a street before it ("the newark ave walgreens"), a prescription sent to it, or the
# site of its work after it ("amazon fulfillment center").
_PLACE_AFTER = re.compile(r"[ \t]+(?:on|off|in|at)[ \t]+(?:the[ \t]+)?[a-z0-9]"
                          r"|[ \t]+(?:fulfillment|warehouse|distribution|break[ \t]+room)\b")
_SENT_BEFORE = re.compile(r"\b(?:rx|refills?|sent|called[ \t]+in|pharmacy)(?:[ \t]+(?:to|at))?"
                          r":?[ \t]+(?:the[ \t]+)?$")
_STREET_BEFORE = re.compile(r"\b(?:ave|st|rd|blvd|road|street|avenue)[ \t]+$")


def find_chains(reader: WordReader, lowered: str, words: set[str], hits: list[Hit]) -> None:
    """Add to `hits` each national agency in `lowered`, each big employer and university, each
    hotel with its branch, and each chain named as a workplace or as one of its stores."""
    hotels = [form for word in _HOTELS_BY_FIRST.keys() & words for form in _HOTELS_BY_FIRST[word]]
    for start, end, _ in occurrences(lowered, hotels) if hotels else ():
        stop = _hotel_branch_end(reader, lowered, end)
        if stop > end:
            hits.append((start, stop, Label.ORGANIZATION, CONTEXT))
    agencies = [form for word in _AGENCIES_BY_FIRST.keys() & words
                for form in _AGENCIES_BY_FIRST[word]]
    for start, end, _ in occurrences(lowered, agencies) if agencies else ():
        chapter = _CHAPTER_AFTER.match(lowered, end)  # "| georgia chapter"
        hits.append((start, chapter.end() if chapter else end, Label.ORGANIZATION, CONTEXT))
    if not _POST_WORDS.isdisjoint(words):
        hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                    for m in _POST.finditer(lowered))
    for start, end, _ in occurrences(lowered, UNIVERSITIES.intersection(words)):
        if not _SCALE_AFTER.match(lowered, end):
            hits.append((start, end, Label.ORGANIZATION, CONTEXT))
    employers = [form for word in _CUED_EMPLOYERS_BY_FIRST.keys() & words
                 for form in _CUED_EMPLOYERS_BY_FIRST[word]]
    for start, end, _ in occurrences(lowered, employers) if employers else ():
        if _WORK_BEFORE.search(lowered[max(0, start - 40):start]):
            hits.append((start, end, Label.ORGANIZATION, CONTEXT))
    chains = [form for word in _CHAINS_BY_FIRST.keys() & words for form in _CHAINS_BY_FIRST[word]]
    if not chains:
        return
    for start, end, _ in occurrences(lowered, chains):
        window = lowered[max(0, start - 40):start]
        if (_WORK_BEFORE.search(window) or _SENT_BEFORE.search(window)
                or _STREET_BEFORE.search(window) or _PLACE_AFTER.match(lowered, end)):
            hits.append((start, end, Label.ORGANIZATION, CONTEXT))


def _hotel_branch_end(reader: WordReader, lowered: str, end: int) -> int:
    """The end of up to three words of a hotel's branch after its brand at `end` (a hotel's
    word, a town no everyday word, or a rare word), or `end`."""
    lex = reader.lex
    stop = end
    for _ in range(3):
        word = _WORD.match(lowered, stop + 1) if lowered[stop:stop + 1] == " " else None
        town = reader.city_at(lowered, stop + 1, word.group()) if word is not None else None
        if town is not None:  # "| long beach"
            stop = town
            continue
        if word is None or not (word.group() in _HOTEL_WORDS or (
                word.group() in lex.cities and lex.freq(word.group()) < EVERYDAY) or (
                lex.freq(word.group()) < RARE and word.group() not in NOT_STREET_NAMES)):
            break
        stop = word.end()
    return stop
