"""What an identifier already found says about the words right after it (issue 13).

A place is the context of the ZIP code after it ("YAKIMA 98902") and a street address of its
town ("12 orchard st apt 2, peru"), where no capital or state code is; a code's first groups
are the context of its last ("claim no. C-31 447 902"); an organisation's name is the context
of its acronym in brackets ("Prairie Lark Medical Center (PLMC)", and a name of its initials),
and that acronym then names it wherever else the note uses it ("called PLMC at 1530").
"""

from __future__ import annotations

import re
from itertools import pairwise

from closeddoor.deid.address_blocks import (
    address_blocks,
    family_practices,
    letterhead,
    practice_in_heading,
)
from closeddoor.deid.addresses import UNIT_WORDS
from closeddoor.deid.after_places import (
    CODE_AND_ZIP_AFTER,
    HOSPITAL_BRANDS,
    around_place,
    body_after,
    region_kind_after,
)
from closeddoor.deid.clinical import CueFinder, cue_finder
from closeddoor.deid.clinical_words import (
    CUE_WORDS,
    EVERYDAY,
    FOLLOWERS,
    FUNCTION_WORDS,
    KIN,
    NAMING_COLOURS,
    NOT_STREET_NAMES,
    RARE,
    VOWEL,
    WORD,
    word_before,
)
from closeddoor.deid.cues import TITLES, US_STATES, split_words
from closeddoor.deid.dates import MONTHS, WEEKDAYS
from closeddoor.deid.hits import CONTEXT, GUESS, STRUCTURED, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon, fold, lexicon
from closeddoor.deid.organisation_edges import organisation_edges
from closeddoor.deid.place_kinds import (
    BUSINESS_WORDS,
    CHURCH_BODIES,
    COURT_KINDS,
    KIND_WORDS,
    OF_PLACE_TAILS,
    TRADES,
)
from closeddoor.deid.societies import REGION_LEADS, STATE_REGIONS
from closeddoor.deid.spans import Label
from closeddoor.deid.workplaces import OWNED_KINDS, WHOSE_BEFORE, after_work_verb

_ZIP_AFTER = re.compile(r",?[ \t]{1,2}(\d{5}(?:-\d{4})?)(?![\w-])")
# More digit groups of a code, not a number with a unit: "C-31 447 902"; not "4471 2 mg".
_MORE_GROUPS = re.compile(r"(?:[ ]\d{3,5}(?![\w.%/-]|,\d))+(?![ \t]*[A-Za-z%])")
# The town after a street address, before the clause ends.
_TOWN_AFTER = re.compile(r",[ \t]*([A-Za-z][A-Za-z'\u2019-]+(?:[ \t]+[A-Za-z][A-Za-z'\u2019-]+)?)"
                         r"(?=[ \t]*(?:[.;:)\n]|,[ \t]*[A-Za-z]{2}\b|$)"
                         r"|[ \t]+[A-Za-z]{2}[ \t]+\d{5}(?!\d)"
                         r"|(?<![ \t][A-Za-z]{2})(?P<zip>[ \t]+\d{5}(?![\d-])))")
# ("po box 1462, chinle az 86503"; a ZIP code right after the town: "apt 3, seminole 79360")
# A high school's or a community mental health centre's shorthand after the place it is named
# for ("hs" ending a clause: it is also "at bedtime", but after a dose or a drug: "50 mg hs").
_SHORT_KIND_AFTER = re.compile(r" hs(?=[ \t]*[,.;:)]|[ \t]+(?:and|in|since|where|until)\b|$)"
                               r"|(?: area)? cmhc?(?![\w'\u2019-])")
# A quadrant after a street's type, before the town: "219 Third Ave NE, Northwood".
_DIRECTION_AFTER = re.compile(r"[ \t]+(?i:[ns][ew]|[nsew])\.?(?=,)"  # and an apartment after it:
                              rf"(?:,[ \t]*(?i:{UNIT_WORDS})\.?[ \t]*#?[ \t]*"
                              r"\d[\w-]*)?")  # "2718 bloomington ave s, apt 4"
_BOX_START = re.compile(r"(?i:p\.?\s?o\.?\s+box|rr\b|r\.r\.|rural\s+route|hcr?\b|star\s+route)")
_ACRONYM_AFTER = re.compile(r"[ \t]*\(([A-Za-z]{2,6})\)")
_INITIALS = re.compile(r"[^\W\d_]+")
# Capitalised words joined by "&": "Lakeshore Forge & Axle", "Crown & Glory Braids".
_JOINED_BY_AMPERSAND = re.compile(
    r"(?<![\w'\u2019&])(?:[A-Z][\w'\u2019.-]*[ \t]+){1,3}&[ \t]+"
    r"[A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*){0,3}")
_CAPITALISED = re.compile(r"[A-Z][\w'\u2019.-]*")
# "& auto", "& lube": the words after an organisation's "&" in a note without case.
_AMPERSAND_AFTER = re.compile(r"[ \t]+&[ \t]+([a-z]{3,})(?:[ \t]+([a-z]{3,}))?(?![\w'\u2019-])")
# Two to four capitalised words after "at", "from" or "to" in a cased note ("at Dollar Mania",
# "sent to Corner Drug"), and the last words of a shop's name there.
_CAPITALISED_AFTER_AT = re.compile(
    r"[ \t]+(?:the[ \t]+)?((?:[A-Z][a-z][\w'\u2019-]*[ \t]+){1,3}[A-Z][a-z][\w'\u2019-]*)"
    r"(?![\w'\u2019-])")  # (and "at the Dollar Barn")
_PLACE_CUES = frozenset(split_words("""
at from to for attends attended owns co-owns owned runs ran outside behind
"""))
# A job said just before "at": "works nights at Northern Tier Sugar", "hired at", "shift at".
_AT_WORK = re.compile(r"\b(?:works?|worked|working|employed|hired|shifts?|job)\b[^.;:\n]{0,28}"
                      r"\bat$")
_SHOP_TAILS = BUSINESS_WORDS | frozenset({"drug", "drugs", "rx", "stop", "wash", "barn", "shop",
                                          "store", "station", "kitchen", "bar", "garage",
                                          "therapy", "apartments", "program", "stand"})
# First words after which the capitalised run is a person or the start of a saint's place.
_NOT_FIRST = frozenset({"dr", "mr", "mrs", "ms", "st", "mt", "the"})
# Everyday words that open the names of places and businesses: "great lakes gear", "high
# plains recovery center", "el rancho motel", "new dawn counseling".
_NAME_OPENERS = frozenset(split_words("""
great high big blue red black white green new good central little grand upper lower el la los
las san santa mt mt. mount st st. fort ft twin first second third tri golden silver north south
east west holy good sri casa centro lake point port cape glen
"""))
# Names in the lists that are, beside a name, the note's words: "see dr fenn wednesday",
# "Then Monday Smith came" ("May" is a given name as often as a month).
_NOT_SURNAMES = (frozenset(WEEKDAYS) | frozenset(MONTHS) - {"may"}
                 | frozenset({"mr", "ms", "mrs", "dr", "pd"}))
# A generation after a name, perhaps after one more word of it: "cuffee love jr.", "ray sr".
GENERATIONS = frozenset({"jr", "sr", "iii"})
_GENERATION_AFTER = re.compile(r"(?:[ \t]+([a-z][a-z'\u2019-]+))?,?[ \t]+(?:jr|sr|iii)\b\.?")
_WORD_BEFORE = re.compile(r"(?<![\w'\u2019.-])([A-Za-z]+\.?)[ \t]+$")
# A word right after a name, in a note without case: "patient keandra bellamy)", and a
# surname of two parts: "o'brien-mcgee", "el-amin"; in any alphabet: "bartók".
_WORD_AFTER = re.compile(r"[ \t]([^\W\d_]+(?:['\u2019](?!s\b)[^\W\d_]+)?"
                         r"(?:-[^\W\d_]+(?:['\u2019](?!s\b)[^\W\d_]+)?)?)(?:'s|\u2019s)?"
                         r"(?![\w'\u2019/&-])")
_SURNAME_PARTS = re.compile(r"[a-z]+")
_ACCENTED_SURNAME_END = re.compile(r"[ \t]*(?:[,;()]|\.(?:\s|$)|$)")
# A nickname in quotation marks between a given name and a surname: 'Margaret "Peg" Nickerson'.
_QUOTED_THEN_SURNAME = re.compile(r"[ \t][\"\u201c]([^\W\d_][\w'\u2019-]*)[\"\u201d][ \t]+"
                                  r"([^\W\d_][\w'\u2019-]+)(?=[ \t]*[,.;:()]|$)")
# A capitalised word right before a name found in a cased note: "Client: Nasrin Farahani-Doyle".
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'\u2019.-])([A-Z][a-z]+)[ \t]+$")
# Words before a name that say who the person is, not what: "Participant Priya Rao".
_WHO_WORDS = frozenset(split_words("""
participant patient client member resident inmate caller student bishop deacon elder
"""))
# Little words inside a surname, between a given name and the rest found: "Siobhan Ní
# Bhriain", "Ana de la Cruz", "Omar bin Said".
_PARTICLES = re.compile(r"[ \t]+(?:(?i:n[ií]|nic|mac|mc|[oó]|u[ií]|van|von|der|den|de|da|di|du|"
                        r"del|della|le|la|bin|ibn|binti|al|el|abu|ap|ter|ten|y|viuda|vda\.?)"
                        r"[ \t]+){1,2}")  # ("viuda de": a widow's husband's surname after hers)
_PARTICLE_WORDS = frozenset(split_words("""
ni ní nic mac mc ó ui uí van von der den de da di du del della le la bin ibn binti al el abu
ap ter ten viuda vda
"""))  # (not "o" nor "y", in most notes: "o2", "y/o")
_PARTICLE_SURNAME = re.compile(_PARTICLES.pattern + r"([^\W\d_][\w'\u2019-]+)(?![\w'\u2019-])")
# A capitalised surname written with an apostrophe or a hyphen, right after a given name found
# in a cased note: "Tavita Fa'alogo-Leota" (not a possessive).
_SHAPED_SURNAME = re.compile(r"[ \t]+([A-Z][a-z]*['\u2019](?!s\b)[A-Za-z]+(?:-[A-Z][a-z]+)?"
                             r"|[A-Z][a-z]+-[A-Z][a-z]+)(?![\w'\u2019-])")
_SAINT_ENDS = ("st. ", "st ", "ste. ", "ste ", "saint ")
_SAINT_BEFORE = re.compile(r"(?<![\w.])(?:st|ste|saint)\.?[ \t]+$")
_CAPITALISED_SURNAME = re.compile(r"[ ]([A-Z][a-z]{2,})(?![\w'\u2019-])")
_TOWN_PREFIXES = frozenset(split_words("north south east west new port fort mount lake glen"))
# An organisation's "Co." after its trade: "Black Spruce Mining Co", "tri-town box co".
_CO_AFTER = re.compile(r"[ \t]+(?i:co-op|co|company)\b\.?")
# A court's number after its name: "Harris County Criminal Court | No. 9", "... Court | at Law
# No. 7" (a Texas county court).
_COURT_NUMBER = re.compile(r"[ \t]+(?i:at[ \t]+law[ \t]+)?(?i:no\.?|#)[ \t]*\d{1,3}"
                           r"(?![\w/-]|\.\d)")  # ("no. 9." ending a sentence)
# A practice's corporate form after its name, whatever its last word: "harbor bridge psychiatry pc".
_CORPORATE_AFTER = re.compile(r",?[ \t]+(?i:p\.c\.|pc|pllc|llc|inc)(?![\w.])\.?")
# A capitalised surname after a given name and a middle initial found: "Cody J. Lightfoot".
_AFTER_INITIAL = re.compile(r"[ \t]+([A-Z][a-z][\w'\u2019-]+)(?![\w'\u2019-])")
# Which campus, after the body found: "Bryan Medical Center | West Campus" (not "| campus
# police", nor a town's campus: "Akron Children's, Boardman campus" is the town's).
_CAMPUS_LEADS = REGION_LEADS | {"main", "downtown", "midtown", "uptown"}
_CAMPUS_AFTER = re.compile(r"[ \t]+((?:" + "|".join(sorted(_CAMPUS_LEADS))
                           + r")[ \t]+campus)(?![\w'\u2019-])")
# A church's denomination after its name: "Asbury Chapel | United Methodist".
_DENOMINATION_AFTER = re.compile(
    r"[ \t]+(?:(?i:united|free[ \t]+will|missionary|primitive|african)[ \t]+)?"
    r"(?i:methodist|baptist|lutheran|presbyterian|episcopal|pentecostal|catholic|"
    r"ame(?:[ \t]+zion)?)(?![\w'\u2019-])"
    # or the church it belongs to: "Faith Tabernacle | Church of God", "... | of God in Christ"
    rf"|[ \t]+(?i:church[ \t]+)?(?i:of[ \t]+(?:{CHURCH_BODIES}))(?![\w'\u2019-])")
_CHURCH_TAILS = ("church", "chapel", "tabernacle", "temple", "cathedral")
# A medical centre's kind after the part of its name found: "Brazos Valley VA | Medical Center".
_CENTER_AFTER = re.compile(r"[ \t]+(?:medical|health[ \t]*care|health)[ \t]+(?:center|centre)\b")
_OUR_LADY_BEFORE = re.compile(r"\bour[ \t]+lady[ \t]+of[ \t]+(?:the[ \t]+)?$")
_PLACE_BEFORE_ARTICLE = re.compile(r"\b(?:in|from|near|to|of)[ \t]+$")
_TYPE_WORDS = ("hospital", "clinic", "church", "parish", "school", "academy", "cemetery",
               "polyclinic")
# A unit's letter after its name: "Point Plover Behavioral Health Unit | C" (not "a", "i", "x":
# words of the sentence).
_LETTERED_TAILS = ("unit", "wing", "pod", "ward", " west", " east", " north", " south")
# A school or its district by its acronym after a name or a place found, in a cased note.
_SCHOOL_ACRONYMS = (" HS", " ISD", " USD", " CUSD")  # (the cheap test)
_SCHOOL_ACRONYM_AFTER = re.compile(r" (?:" + "|".join(a.strip() for a in _SCHOOL_ACRONYMS)
                                   + r")(?![\w'\u2019-])")
_AFTER_A_LETTER = frozenset({"", " ", ",", ".", ";", ":", ")", "\t", "\n"})
_UNIT_LETTER = re.compile(r"[ \t]+([b-hj-wyzB-HJ-WYZ])(?![\w'\u2019./&-])")
# A New York public school's number before its name: "PS 418 | Brightwater Academy".
_SCHOOL_TAILS = ("school", "academy", "elementary")
_PUBLIC_SCHOOL_BEFORE = re.compile(r"\b(?:p\.s\.|ps|i\.s\.|jhs|m\.s\.)[ \t]?\d{1,3}[ \t]+$")
# Bodies numbered after their name: a court's part, a school or a polyclinic abroad.
_NUMBER_SIGNS = (" no", " #", " at law")  # (the cheap test: "no. 2", "#2", "at law no. 1")
_NUMBERED_TAILS = ("court", "school", "polyclinic", "hospital", "lyceum", "gymnasium")
_TYPE_WORDS_AFTER = tuple(f" {word}" for word in _TYPE_WORDS)  # (the cheap test)
_TYPE_AFTER = re.compile(rf"[ \t]+(?:{'|'.join(_TYPE_WORDS)})(?![\w'\u2019-])")
_SITE_AFTER = re.compile(r"[ \t]+(?:center|centre|hub)\b")  # (a "plant" is no part of one)
_PLACE_WORD_AFTER = re.compile(r"[^\W\d_][^\W\d_'\u2019-]*")
# ... and the words that open one: "wat dhammaram | of | merrimack", "masjid al-noor of ...".
_OF_PLACE_OPENERS = frozenset(split_words("wat masjid igreja église eglise chùa chua gurdwara"))
# The second part of a surname after the first one found: "Dr. MARSZAŁEK | -DUNN".
_HYPHEN_PART = re.compile(r"-([^\W\d_][^\W\d_'\u2019]+)(?![\w'\u2019-])")
# Whom or what a centre is for, capitalised: "Brighton Center | for Recovery", "Pathways
# Center | for Children and Families".
_FOR_TAILS = ("center", "centre", "institute", "alliance", "coalition", "foundation")
_FOR_WHOM = re.compile(r"[ \t]+for[ \t]+[A-Z][a-z]+(?:(?:[ \t]+(?:and|&|of|the))*[ \t]+[A-Z][a-z]+)"
                       r"{0,3}")
_FOR_WHAT = re.compile(r"[ \t]+for[ \t]+(?:[a-z]+[ \t]+(?:and|&)[ \t]+)?(?:[a-z]+[ \t]+)?"
                       r"(?:recovery|healing|change|wellness|families|children|women|youth|"
                       r"survivors|trauma|torture|grief|hope|living|independence|justice|"
                       r"immigrants|refugees|veterans|nursing|rehab|rehabilitation|healthcare|"
                       r"aging|autism|health)(?![\w'\u2019-])"
                       r"(?![ \t]+(?:group|groups|program|programs|services|class|classes|"
                       r"meetings?|night|day|evaluations?|eval|assessment|screening|treatment|"
                       r"care|needs|issues|concerns|reasons)\b)")  # ("center | for youth
# group", "| for mental health evaluation": a purpose)
# A council's or a commission's subject: "Lowcountry Council | on Aging".
_ON_AGING_AFTER = re.compile(r"[ \t]+(?i:on[ \t]+aging)\b")
_SUBJECT_TAILS = ("council", "commission")
# "and ___ Court" going on from a court's name: "Buzzards Bay Probate | and Family Court".
_AND_COURT = re.compile(r"[ \t]+and[ \t]+[A-Za-z]+[ \t]+(?i:court)\b")
# A compass word that names part of a town: "northeast philadelphia", "south boston".
_COMPASS_ENDS = ("th ", "st ")  # how every compass word ends, a space after it
_COMPASS_BEFORE = re.compile(r"(?<![\w-])(?:north|south|east|west)(?:east|west)?[ \t]+$")
_KIN_CUES = KIN | {"member"}  # "church member loveness tembo"
# English words given as names, common in Southern and East Africa (and read as words by every
# list): "wife memory phiri", "son gift mwale".
_WORD_GIVEN_NAMES = frozenset(split_words("""
memory gift lovemore godknows knowledge talent precious blessing mercy patience prudence given
trust innocent fortune nomatter clever brilliant justice rejoice gracious beauty goodness
silence pardon wisdom learnmore luckmore marvellous loveness
"""))
# A court's kind, which with "court of" and a place names one court.
_COURT_KIND_BEFORE = re.compile(rf"\b(?:{COURT_KINDS})$")
_STATE_LENGTHS = sorted({len(state) for state in STATE_REGIONS}, reverse=True)
_ORG_PARTICLE = re.compile(r"[ \t]+(?:de|des|du|del|da|do|dos|das|di)[ \t]+")
_NICKNAME_THEN_SURNAME = re.compile(r"[ \t]\(([a-z][a-z'\u2019-]*)\)[ \t]+"
                                    r"([a-z][a-z'\u2019]+(?:-[a-z][a-z'\u2019]+)?)(?![\w'\u2019-])")
# A middle or last initial: "ernestine | p. cropper", "friend ruby | t."; not the "v." of "delgado
# v. delgado".
_INITIAL_AFTER = re.compile(r" ([a-uw-z]\.)(?=[ \t]+[a-z(]|[,;)]|[ \t]*$)")
_STREET_LETTER = re.compile(r"(?<![\w.-])[NSEW][ \t]$")
_BADGE_AFTER = re.compile(r"[ \t]*\(?#[ \t]?(\d{3,6})(?![\w/.-])")  # "deputy marrero #4410"
_HER_AFTER = re.compile(r"[ \t]+((?i:her))(?=[ \t]*(?:[,;:)]|\.(?:\s|$)|$|[ \t]\())")
_PA_CUES = frozenset({"pt", "patient", "client", "interpreter", "mother", "mom", "wife"})
_SURNAME_FREQUENCY = 50_000  # a surname more common than this is a word first: "will", "long"
_COMMON = 1_000  # a word this frequent opening a sentence is capitalised for that alone
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n])[ \t\"(]*$")
_CLAUSE_MARKS = ".!?:;\n\"("
# The kind of club or place a name goes on with: "| canoe club", "| beach park", "| boat harbor".
_KIND_OF_PLACE_AFTER = re.compile(
    r"[ \t]+(?=(\w))(?:colony|city(?:[ \t]+park)?"
    r"|(?:canoe|soccer|social|athletic|boxing|rowing|yacht|country|golf|swim|gun|"
    r"rod[ \t]+(?:and|&)[ \t]+gun|hunting|fishing|rugby|cricket|lions|rotary|elks)[ \t]+club"
    r"|(?:small[ \t]+)?boat[ \t]+(?:harbor|harbour|ramp|launch)|beach(?:[ \t]+park)?"
    r"|(?:state|county|regional|memorial)[ \t]+park)(?![\w'\u2019-])")
_KIND_OF_PLACE_FIRSTS = frozenset(split_words("""
colony city canoe soccer social athletic boxing rowing yacht country golf swim gun rod hunting
fishing rugby cricket lions rotary elks small boat beach state county regional memorial
"""))
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w'\u2019.-])([^\W\d_][^\W\d_'\u2019-]+)[ \t]+$")


def after_hits(text: str, lowered: str, words: set[str], hits: list[Hit],
               cased: bool) -> None:
    """Add to `hits` what the places, codes and organisations among them say follows them
    (`lowered` is `text` in lower case, `words` the set of its words; `cased` says whether
    its capitals mean anything)."""
    acronyms: dict[str, Label] = {}
    marked = "'" in text or "\u2019" in text or "-" in text  # a surname's apostrophe or hyphen
    generations = not GENERATIONS.isdisjoint(words)  # "jr", "sr", "iii" written anywhere
    programs = cased and ("IOP" in text or "PHP" in text or "OTP" in text)  # "Juniper Ridge IOP"
    places: list[tuple[int, int]] = []  # an organisation's name up to "of" and a place after
    kinds_here = _KIND_OF_PLACE_FIRSTS.intersection(words)  # "| canoe club", "| colony": where
    kind_starts = ({start for start, _, _ in occurrences(lowered, kinds_here)}  # such a kind
                   if kinds_here else set())  # begins
    articles = "el" in words or "al" in words  # "in el | geneina"
    brands = not HOSPITAL_BRANDS.isdisjoint(words)
    campuses = "campus" in words  # "bryan medical center | west campus"
    ladies = "lady" in words  # "our lady of | šiluva parish"
    kin_ends = ({end for _, end, _ in occurrences(lowered, _KIN_CUES.intersection(words))}
                if not cased else set())  # where each relation word ends: "wife | memory phiri"
    found = [(start, end, label) for start, end, label, rank in hits
             if rank != GUESS or not _shorthand_after_cue(lowered, start, end)]
    owners = ({end: start for start, end, label in found  # a name or place before "'s"
               if label is Label.NAME or label is Label.LOCATION}
              if not cased and "'s " in lowered else {})
    if "&" in text:
        _names_with_ampersands(text, lowered, found, hits, cased)
    if cased:
        _capitalised_places(lowered, text, words, found, hits)
    address_blocks(text, lowered, found, hits)
    practice_in_heading(lowered, hits)
    if cased and "Family " in text:  # "DOS 10/22/26, | Queens Crossroads Family Therapy |,"
        family_practices(text, hits)
    if "|" in text[:80] or "\u00b7" in text[:80]:  # "HIGHLANDS COMMUNITY PSYCHIATRY | 2280 ..."
        letterhead(text, hits)
    for start, end, label in found:
        if programs and label is not Label.ID and text.startswith(
                (" IOP", " PHP", " OTP"), end) and not text[end + 4:end + 5].isalnum():
            hits.append((start, end + 4, Label.ORGANIZATION, CONTEXT))  # "Juniper Ridge | IOP"
        if cased and label is not Label.ID and label is not Label.DATE and text.startswith(
                _SCHOOL_ACRONYMS, end):
            kind = _SCHOOL_ACRONYM_AFTER.match(text, end)  # "John Adams | HS", "Garland | ISD"
            if kind is not None:
                hits.append((start, kind.end(), Label.ORGANIZATION, CONTEXT))
        if label is Label.LOCATION or (label is Label.ORGANIZATION and not cased):
            around_place(text, lowered, start, end, label, cased, brands, hits)
        elif label is Label.NAME and lowered.startswith(" ", end):
            body_after(text, lowered, start, end, label, cased, hits)  # "dayton | legal aid"
            if cased:
                region_kind_after(text, lowered, start, end, hits)  # "Kayah | State"
        if (label is Label.LOCATION or label is Label.NAME) and lowered.startswith(
                (" hs", " cmh", " area cmh"), end):
            kind = _SHORT_KIND_AFTER.match(lowered, end)  # "friends at forest hills | hs",
            if kind is not None:  # "seen at portage lake | cmh", "marquette | area cmh"
                hits.append((start, kind.end(), Label.ORGANIZATION, CONTEXT))
        if label is Label.ID:
            groups = _MORE_GROUPS.match(text, end)
            if groups is not None:
                hits.append((start, groups.end(), Label.ID, STRUCTURED))
        elif label is Label.ORGANIZATION or label is Label.NAME:
            acronym = _ACRONYM_AFTER.match(text, end)
            if acronym is not None and _abbreviates(acronym.group(1).lower(),
                                                    lowered[max(0, start - 20):end]):
                acronyms[acronym.group(1).lower()] = label
                hits.append((acronym.start(1), acronym.end(1), label, CONTEXT))
            if label is Label.ORGANIZATION:
                owner = (owners.get(start - 3) if owners and lowered.endswith("'s ", 0, start)
                         else None)
                if owner is not None and _plain_opening(lowered, start):  # "grover's | mill
                    hits.append((owner, end, Label.ORGANIZATION, CONTEXT))  # high school" (not
                    # "maria's | lincoln high school": her school)
                if ladies and (lowered.endswith(" of ", 0, start)
                               or lowered.endswith(" the ", 0, start)):
                    lady = _OUR_LADY_BEFORE.search(lowered, max(0, start - 20), start)
                    if lady is not None:  # "from our lady of | šiluva parish"
                        hits.append((lady.start(), end, Label.ORGANIZATION, CONTEXT))
                if start > 1 and text[start - 1] == " " and not lowered[start].isdigit():
                    _opener_before(text, lowered, start, end, cased, hits)  # (not "the | 4th
                    # ward")
                if not cased:  # "at | open hands | anxiety clinic", "... counseling | group"
                    organisation_edges(cue_finder(), lowered, start, end, hits)
                corporate = _CORPORATE_AFTER.match(text, end)
                if corporate is not None:
                    hits.append((start, corporate.end(), Label.ORGANIZATION, CONTEXT))
                campus = _CAMPUS_AFTER.match(lowered, end) if campuses else None
                if campus is not None and (not cased or text[campus.start(1)].isupper()):
                    hits.append((start, campus.end(), Label.ORGANIZATION, CONTEXT))
                if lowered[end + 2:end + 3] in _AFTER_A_LETTER and lowered.endswith(
                        _LETTERED_TAILS, start, end):  # (a one-letter word next: the cheap test)
                    letter = _UNIT_LETTER.match(text, end)  # "... health unit | c", "4 west
                    if letter is not None and (not cased or letter.group(1).isupper()):  # | b"
                        hits.append((start, letter.end(), Label.ORGANIZATION, CONTEXT))
                if start > 3 and lowered[start - 2].isdigit() and lowered[start - 1] == " " and (
                        lowered.endswith(_SCHOOL_TAILS, start, end)):
                    numbered = _PUBLIC_SCHOOL_BEFORE.search(lowered, max(0, start - 12), start)
                    if numbered is not None:  # "ps 418 | brightwater academy"
                        hits.append((numbered.start(), end, Label.ORGANIZATION, CONTEXT))
                if lowered.startswith(_NUMBER_SIGNS, end) and lowered.endswith(
                        _NUMBERED_TAILS, start, end):
                    number = _COURT_NUMBER.match(text, end)  # "... court no. 2", "bishkek city
                    # polyclinic no. 6", "school no. 12"
                    if number is not None:
                        hits.append((start, number.end(), Label.ORGANIZATION, CONTEXT))
                more = _CO_AFTER.match(text, end) or _AND_COURT.match(text, end) or (
                    _ON_AGING_AFTER.match(text, end) if lowered.endswith(_SUBJECT_TAILS, start, end)
                    else None)
                if more is not None and (more.group().strip().lower().startswith(("and", "on"))
                                         or lowered[start:end].rsplit(maxsplit=1)[-1]
                                         in BUSINESS_WORDS):
                    hits.append((start, more.end(), Label.ORGANIZATION, CONTEXT))
                elif lowered.endswith(_CHURCH_TAILS, start, end):
                    more = _DENOMINATION_AFTER.match(text, end)
                    if more is not None:
                        hits.append((start, more.end(), Label.ORGANIZATION, CONTEXT))
                if lowered.endswith(_FOR_TAILS, start, end):
                    more = (_FOR_WHOM.match(text, end) if cased  # "Brighton Center | for
                            else _FOR_WHAT.match(lowered, end))  # Recovery"; "bellamy center |
                    # for trauma recovery" (without capitals only what such a centre is for)
                    if more is not None:
                        hits.append((start, more.end(), Label.ORGANIZATION, CONTEXT))
                more = _CENTER_AFTER.match(lowered, end)  # "Brazos Valley VA | Medical Center"
                if more is None and lowered.startswith(_TYPE_WORDS_AFTER, end) and (
                        lowered[start:end].rsplit(maxsplit=1)[-1] not in KIND_WORDS):
                    more = _TYPE_AFTER.match(lowered, end)  # "st. rose of lima | hospital" (in
                    if more is not None and cased and not text[
                            more.end() - len(more.group().lstrip())].isupper():
                        more = None  # a cased note, capitalised: not "Our Lady of the Reef parish")
                if more is None and lowered[start:end].rsplit(maxsplit=1)[-1] in TRADES:
                    more = _SITE_AFTER.match(lowered, end)  # "easton distribution | center"
                if more is not None:
                    hits.append((start, more.end(), Label.ORGANIZATION, CONTEXT))
                elif lowered.startswith(" of ", end) and (
                        lowered[start:end].rsplit(maxsplit=1)[-1] in OF_PLACE_TAILS
                        or lowered[start:end].split(maxsplit=1)[0] in _OF_PLACE_OPENERS):
                    places.append((start, end + 4))  # "... church | of | waipoli"
            else:
                _name_after(text, lowered, start, end, cased, marked, generations, kin_ends,
                            hits)
                if end + 1 in kind_starts:
                    _kind_of_place_after(text, lowered, start, end, hits, cased)
                if articles and start > 3 and lowered.startswith(("el ", "al "), start - 3):
                    _article_before_place(text, lowered, start, end, hits, cased, True)
                zip_code = (_ZIP_AFTER.match(text, end) if text[end:end + 1] in ", " and (
                    text[end + 1:end + 3].lstrip(" ")[:1].isdigit()) else None)
                if zip_code is not None and lowered[start:end] in lexicon().cities:
                    hits.append((start, end, Label.LOCATION, CONTEXT))  # "HOUSTON | 77099":
                    hits.append((zip_code.start(1), zip_code.end(1), Label.LOCATION,  # a town
                                 STRUCTURED))  # read as a surname, then its ZIP code
                if lowered.endswith(_COMPASS_ENDS, 0, start) and (  # "north | quincy": a town
                        lowered[start:end] in lexicon().cities):
                    _compass_before(lowered, start, end, hits)
        elif label is Label.LOCATION:
            if lowered.endswith(_COMPASS_ENDS, 0, start):  # (the cheap test first)
                _compass_before(lowered, start, end, hits)
            if end + 1 in kind_starts:
                _kind_of_place_after(text, lowered, start, end, hits, cased)
            if articles and start > 3 and lowered.startswith(("el ", "al "), start - 3):
                _article_before_place(text, lowered, start, end, hits, cased, False)
            if cased and start > 2 and text[start - 2] in "NSEW" and _STREET_LETTER.search(
                    text, max(0, start - 4), start) and lowered[start:end].rsplit(
                    maxsplit=1)[-1].rstrip(".") in lexicon().street_suffixes:
                hits.append((start - 2, end, Label.LOCATION, CONTEXT))  # "off S | Ronks Rd"
            m = _ZIP_AFTER.match(text, end)
            if m is not None:
                hits.append((m.start(1), m.end(1), Label.LOCATION, STRUCTURED))
            elif text[start].isdigit() or _BOX_START.match(text, start):  # an address
                direction = _DIRECTION_AFTER.match(text, end)
                if direction is not None:  # "219 third ave | ne, northwood bend"
                    end = direction.end()
                    hits.append((start, end, Label.LOCATION, CONTEXT))
                town = _TOWN_AFTER.match(text, end)
                zip_next = town is not None and town.group(2) is not None  # "apt 3, seminole
                if zip_next and town is not None and town.group(1).lower() in US_STATES:  # 79360"
                    zip_code = _ZIP_AFTER.match(text, town.end(1))  # "coos bay, oregon 97420":
                    if zip_code is not None:  # the state and its ZIP code, no town
                        hits.append((zip_code.start(1), zip_code.end(1), Label.LOCATION,
                                     STRUCTURED))
                    town = None
                if town is not None and (zip_next or _town(town.group(1).lower().split())):
                    hits.append((town.start(1), town.end(1), Label.LOCATION, CONTEXT))
                    zip_code = (_ZIP_AFTER if zip_next else CODE_AND_ZIP_AFTER).match(
                        text, town.end(1))
                    if zip_code is not None:  # "chinle az 86503": no comma before the state
                        hits.append((zip_code.start(1), zip_code.end(1), Label.LOCATION,
                                     STRUCTURED))
    if places:  # "First Samoan Congregational Church | of | Waipoli", found a place
        after = {start: end for start, end, label in found
                 if label is Label.LOCATION or label is Label.NAME}
        for start, of_end in places:
            lead = _PLACE_LEAD.match(lowered, of_end)  # "... center of | the | plains", "...
            at = of_end if lead is None else lead.end()  # of | greater | portland"
            end = after.get(at) or _unknown_place_after(text, lowered, at, cased,
                                                        lead is not None)
            if end:
                hits.append((start, end, Label.ORGANIZATION, CONTEXT))
    if not _PARTICLE_WORDS.isdisjoint(words):
        _joined_by_particles(text, found, hits)
        _organisations_by_particles(lowered, found, hits)
    if "of" in words:
        _organisations_of_places(lowered, found, hits)
    if acronyms:  # each later use; one that is an everyday word too ("cares", "hope") only
        # where it is written in capitals in a cased note, and never without case
        hits.extend((start, end, acronyms[acronym], CONTEXT)
                    for start, end, acronym in occurrences(lowered, acronyms)
                    if lexicon().freq(acronym) < RARE or (cased and text[start:end].isupper()))
    _organisations_again(lowered, hits)


def _organisations_again(lowered: str, hits: list[Hit]) -> None:
    """Every other mention of an organisation of two words or more that a cue or a name found:
    "Clear Path Counseling Associates, 2210 Lantern Way ... I authorize Clear Path Counseling
    Associates to release" (the second has neither the address nor a cue)."""
    names = {lowered[start:end] for start, end, label, rank in hits
             if label is Label.ORGANIZATION and end - start > 8 and rank != GUESS
             and lowered.find(" ", start, end) > 0}
    names = {name for name in names if lowered.count(name) > 1}  # (most are named once)
    if names:
        hits.extend((start, end, Label.ORGANIZATION, CONTEXT)
                    for start, end, _ in occurrences(lowered, names))


# What may open the place after "of" ("the plains", "greater portland", "north columbus"), and
# what after "the" names a faith or a people, not a place ("church of the nazarene").
_PLACE_LEAD = re.compile(r"(?:the|greater|central|north|south|east|west|northern|southern|"
                         r"eastern|western|upper|lower|metro|fort|mount|port|lake|new)[ \t]+")
_COMMON_AFTER_THE = EVERYDAY
_NOT_PLACES_AFTER_THE = frozenset(split_words("""
nazarene brethren latter god christ lord deaf blind
"""))


def _unknown_place_after(text: str, lowered: str, at: int, cased: bool, led: bool = False) -> int:
    """Where a place no list knows ends, after "of" closing a church's or a center's name:
    one or two capitalised words in a cased note, or words seldom written in one without
    case ("islamic center of greenhill"); after "the", "greater" or a compass word (`led`),
    less seldom ones too ("of the | plains", "of the | twin cities"); 0 if there is none."""
    end = 0
    common = _COMMON_AFTER_THE if led else _COMMON
    for m in _PLACE_WORD_AFTER.finditer(text, at):
        if m.start() != (end or at) + (1 if end else 0) or m.start() - at > 20:
            break
        word = lowered[m.start():m.end()]
        if word in NOT_STREET_NAMES or word in KIND_WORDS or word in _NOT_PLACES_AFTER_THE or not (
                text[m.start()].isupper() if cased else lexicon().freq(word) < common):
            break
        end = m.end()
    return end


def _shorthand_after_cue(lowered: str, start: int, end: int) -> bool:
    """Whether a guess is shorthand right after a role or a relation: "covering md fem
    benjamin", "son fem Cori". The name is the word after it; the guess is dropped later, and
    nothing must grow from it."""
    if lowered[start:end] not in NOT_STREET_NAMES:
        return False
    before = _WORD_BEFORE.search(lowered, max(0, start - 20), start)
    return before is not None and before.group(1).rstrip(".") in CUE_WORDS


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether the letters of `acronym` are, in order, first letters of words of `name` (and
    of a word or two before it that the name's span left out: "Our Lady of the Marsh (OLM)"),
    the last letter from the last word ("ED" after a hospital's name is a department)."""
    firsts = [letter for w in _INITIALS.findall(name)  # (a word of two letters may give
              for letter in (w if len(w) == 2 else w[0])]  # both: "Bayfield VA ..." (BVAMC))
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
    if len(words) == 2 and words[0] in _TOWN_PREFIXES:
        words = words[1:]  # "22 mill pond rd, north chalmsford"
    return tuple(words) in lex.multiword_cities.get(words[0], ()) or all(
        w not in NOT_STREET_NAMES and (w in lex.cities or w not in lex.everyday) for w in words)


def _names_with_ampersands(text: str, lowered: str, found: list[tuple[int, int, Label]],
                           hits: list[Hit], cased: bool) -> None:
    """Organisations whose names join words with "&". In a cased note: three capitalised
    words or more around the "&", one already found or the last a business's word ("Crown &
    Glory Braids"; not "Nausea & Vomiting", "Mom & Dad"). In a note without case: the word or
    two after an organisation found, unless shorthand or a function word ("pine state tire &
    auto")."""
    if cased:
        for m in _JOINED_BY_AMPERSAND.finditer(text):
            words = list(_CAPITALISED.finditer(text, m.start(), m.end()))
            while words and _opens_sentence(text, lowered, words[0]):
                words.pop(0)  # "Attends Smith & Sons": the sentence's first word is its own
            if len(words) < 3:
                continue
            start, end = words[0].start(), words[-1].end()
            last = lowered[words[-1].start():end].rstrip(".")
            if last in BUSINESS_WORDS or any(
                    s < end and start < e and label is not Label.DATE for s, e, label in found):
                hits.append((start, end, Label.ORGANIZATION, CONTEXT))
        return
    finder = cue_finder()
    for start, end, label in found:
        if label is not Label.ORGANIZATION:
            continue
        joined = _AMPERSAND_AFTER.match(lowered, end)
        if joined is None or not _may_name(finder, joined.group(1)):
            continue
        stop = joined.end(1)
        if joined.group(2) is not None and joined.group(2) in BUSINESS_WORDS:
            stop = joined.end(2)  # "& sons funeral": the name goes on to its type word
        hits.append((start, stop, Label.ORGANIZATION, CONTEXT))


def _opens_sentence(text: str, lowered: str, word: re.Match[str]) -> bool:
    """Whether `word` is a common word, no name, that is capitalised only as a sentence's
    first word."""
    lex = lexicon()
    folded = lowered[word.start():word.end()]
    return (lex.freq(folded) >= _COMMON and not lex.is_name(folded)
            and _SENTENCE_START.search(text, max(0, word.start() - 3), word.start()) is not None)


def _may_name(finder: CueFinder, word: str) -> bool:
    """A word that may stand in a business's name: no shorthand, drug or function word."""
    return word not in NOT_STREET_NAMES and not finder.clinical(word) and word not in {
        "then", "now", "also", "she", "he", "they", "her", "his", "their", "will", "can",
        "may", "could", "would", "should", "must", "only"}


def _capitalised_places(lowered: str, text: str, words: set[str],
                        found: list[tuple[int, int, Label]], hits: list[Hit]) -> None:
    """Capitalised words after "at", "from", "to", "attends", "owns", "ran", "outside" or
    "behind" in a cased note, taken whole as a business when the last is a shop's word, a word
    of them was found as a name, or a job is said just before: "sent to Corner Drug", "at
    Dollar Mania", "works nights at Northern Tier Sugar" (not "to Dr. Lee", nor a street found
    as a place); and after "for" once work is said ("drives nights for Island Car Service") or
    after a kind of business and whose it is ("dad's barbershop Golden Scissors")."""
    cues = _PLACE_CUES.intersection(words) | OWNED_KINDS.intersection(words)
    for cue_start, cue_end, cue in occurrences(lowered, cues):
        m = _CAPITALISED_AFTER_AT.match(text, cue_end)
        if m is None or (cue == "for" and not after_work_verb(lowered, cue_start)) or (
                cue in OWNED_KINDS and not WHOSE_BEFORE.search(
                    lowered, max(0, cue_start - 24), cue_start)):
            continue  # (an employer after "for" only after work: "works nights for ..."; a
            # business after its kind only after whose it is: "dad's barbershop Golden ...")
        start, end = m.span(1)
        first = lowered[start:end].split(maxsplit=1)[0].rstrip(".")
        last = lowered[start:end].rsplit(maxsplit=1)[-1]
        if first == "the" and text[start] == "T" and " " in lowered[start:end]:
            hits.append((start, end, Label.ORGANIZATION, CONTEXT))  # "at The Daily Grind": a
            continue  # capital "The" mid-sentence opens a name
        if first in _NOT_FIRST or (first in CUE_WORDS and not (
                first in KIN and "'s " in lowered[start:end] and last in _SHOP_TAILS)) or (
                last in lexicon().street_suffixes or first in _NOT_SURNAMES):  # (and not
            # "attends | Sunday School"; but "owns | Uncle Tony's Pizzeria")
            continue  # "to Judge Lee", "to Grand Ave": a person after a role, a street
        if all(word in KIND_WORDS for word in lowered[start:end].split()):
            continue  # "to Mental Health Services": which kind, not which one
        overlaps = [(e, label) for s, e, label in found if s < end and start < e]
        overlapping = [label for _, label in overlaps]
        if Label.DATE in overlapping or any(  # "to Grand Ave"; but "at Olathe | Family Therapy"
                label is Label.LOCATION and end <= e for e, label in overlaps):
            continue
        if (last in _SHOP_TAILS or Label.NAME in overlapping or cue in OWNED_KINDS
                or Label.ORGANIZATION in overlapping or cue == "for"  # (after work, above)
                or _AT_WORK.search(lowered, max(0, cue_end - 30), cue_end)):
            hits.append((start, end, Label.ORGANIZATION, CONTEXT))


def _opener_before(text: str, lowered: str, start: int, end: int, cased: bool,
                   hits: list[Hit]) -> None:
    """The everyday word that opens the organisation found at `start`, left out by the finder
    that read the rest (`_NAME_OPENERS`): "great lakes gear", "El Rancho Motel"; capitalised
    in a cased note."""
    before = _WORD_BEFORE.search(text, max(0, start - 8), start)
    if before is None or lowered[before.start(1):before.end(1)] not in _NAME_OPENERS:
        return
    if cased and not text[before.start(1)].isupper():
        return  # "the new Harbor Clinic": a word of the sentence
    hits.append((before.start(1), end, Label.ORGANIZATION, CONTEXT))


def _hmong_parts_and_badges(text: str, lowered: str, start: int, end: int, cased: bool,
                            hits: list[Hit]) -> None:
    """What a name found says is its own though a word or a number: the Hmong surname "Her"
    after a given name ("interpreter Kia Her."), the Hmong given name "Pa" before one
    ("cousin Pa Zoua"; not "PA Rooney", a physician assistant), a badge after a name
    ("deputy marrero #4410")."""
    badge = _BADGE_AFTER.match(lowered, end)
    if badge is not None:
        hits.append((badge.start(1), badge.end(1), Label.ID, CONTEXT))
    surname = _HER_AFTER.match(text if cased else lowered, end)
    if surname is not None and (not cased or text[end + 1:end + 4] == "Her"):
        hits.append((start, surname.end(1), Label.NAME, CONTEXT))
    if start >= 3 and lowered.startswith("pa ", start - 3) and (
            start == 3 or not lowered[start - 4].isalnum()):
        if cased:
            pa = text[start - 3:start - 1] == "Pa"
        else:
            before = word_before(lowered, start - 3, 20)
            pa = before is not None and (before[1] in KIN or before[1] in _PA_CUES)  # (not
            # "pcp pa holloway")
        if pa:
            hits.append((start - 3, end, Label.NAME, CONTEXT))


def _compass_before(lowered: str, start: int, end: int, hits: list[Hit]) -> None:
    """A compass word before a town is part of its name: "in | northeast | philadelphia"."""
    compass = (_COMPASS_BEFORE.search(lowered, max(0, start - 11), start)
               if lowered[start - 1:start] == " " else None)
    if compass is not None:
        hits.append((compass.start(), end, Label.LOCATION, CONTEXT))


def _surname_part(word: str) -> bool:
    """A word that may be a surname's part however its case: in the lists, or rare, and no
    shorthand or little word."""
    lex = lexicon()
    return len(word) > 2 and word not in NOT_STREET_NAMES and (
        word in lex.last_names or lex.freq(word) < _COMMON)


def _name_after(text: str, lowered: str, start: int, end: int, cased: bool, marked: bool,
                generations: bool, kin_ends: set[int], hits: list[Hit]) -> None:
    """What goes on from a person's name found at `start:end`: the second part of a
    hyphenated surname, a surname after a given name, a given name before it, a generation
    after it (`marked`: the note has an apostrophe or a hyphen; `generations`: "jr", "sr" or
    "iii")."""
    if text[end:end + 1] == "-":
        _hyphen_part(text, lowered, start, end, cased, hits)
    if text.startswith((' "', " \u201c"), end):  # 'Margaret | "Peg" Nickerson'
        quoted = _QUOTED_THEN_SURNAME.match(text, end)
        if quoted is not None and (text[quoted.start(2)].isupper() if cased else (
                cue_finder().plain_word(lowered[quoted.start(2):quoted.end(2)]))):
            hits.append((start, quoted.end(2), Label.NAME, CONTEXT))
    if lowered.startswith((" her", " #", " pa"), end) or lowered.startswith(" pa ", start - 4):
        _hmong_parts_and_badges(text, lowered, start, end, cased, hits)
    last_initial = (_INITIAL_AFTER.match(lowered, end)  # "friend ruby | t." (not "jones |
                    if lowered[end + 2:end + 3] == "." else None)  # a.m.")
    if last_initial is not None:
        hits.append((start, last_initial.end(1), Label.NAME, CONTEXT))
    if lowered.startswith(" (", end):  # "tadeusz (ted) | nowak-zielinski": the surname after
        surname = _NICKNAME_THEN_SURNAME.match(lowered, end)  # a nickname in brackets
        if surname is not None and surname.group(1) not in CUE_WORDS and all(  # (not "(hcp)")
                _surname_part(p) for p in surname.group(2).split("-")):
            hits.append((surname.start(2), surname.end(2), Label.NAME, CONTEXT))
    if generations:
        suffix = _GENERATION_AFTER.match(lowered, end)  # "son cuffee | love jr.": a surname
        if suffix is not None and (  # however common a word, before "jr"
                suffix.group(1) is None or suffix.group(1) not in NOT_STREET_NAMES):
            hits.append((start, suffix.end(), Label.NAME, CONTEXT))
    if start > 3 and lowered[start - 2] in ".te" and lowered.endswith(  # (cheap tests first)
            _SAINT_ENDS, max(0, start - 7), start):
        saint = _SAINT_BEFORE.search(lowered, max(0, start - 7), start)
        if saint is not None:  # "St. Louis", "st. paul": a place (or a church) named for one
            hits.append((saint.start(), end, Label.LOCATION, CONTEXT))
    if not cased:
        if lowered.startswith(("singh", "kaur"), start):
            _given_name_before_singh(lowered, start, end, hits)
        _surname_after(lowered, start, end, hits)
        if start > 1 and lowered[start - 1] == " ":
            _given_name_opening_clause(lowered, start, end, hits)
            if kin_ends:
                _given_name_after_kin(lowered, start, end, kin_ends, hits)
        return
    if start > 1 and text[start - 1] == " ":
        _given_name_before(text, lowered, start, end, hits)
    shaped = _SHAPED_SURNAME.match(text, end) if marked else None
    initial = text[end - 2:end + 1]  # " J." closing the name found
    if shaped is None and len(initial) == 3 and initial[0] == " " and (
            initial[1].isupper() and initial[2] == "."):
        shaped = _AFTER_INITIAL.match(text, end + 1)  # "Cody J | . Lightfoot"
        if shaped is not None and shaped.group(1).lower() in NOT_STREET_NAMES:
            shaped = None
    if shaped is None and text[end + 1:end + 2].isupper():  # "driver, Lavern Mast"
        shaped = _CAPITALISED_SURNAME.match(text, end)
        if shaped is not None and not (
                lowered[start:end] in lexicon().first_names
                and _plain_surname(shaped.group(1).lower())
                and not _SENTENCE_START.search(text, max(0, start - 4), start)):
            shaped = None
    if shaped is not None:
        hits.append((start, shaped.end(1), Label.NAME, CONTEXT))


def _plain_surname(word: str) -> bool:
    """Whether a capitalised word after a given name in a cased note is its surname: not a
    cue, a kind of place, a weekday or shorthand ("Grace Church", "Ana Monday", "Jo RN")."""
    return not (word in CUE_WORDS or word in NOT_STREET_NAMES or word in _NOT_SURNAMES
                or word in KIND_WORDS or cue_finder().clinical(word))


def _given_name_before_singh(lowered: str, start: int, end: int, hits: list[Hit]) -> None:
    """In a note without case, the given name before "Singh" or "Kaur" (a Sikh's middle name
    or surname) found with what follows: "harjinder | singh sandhu"."""
    before = _WORD_BEFORE.search(lowered, max(0, start - 20), start)
    if before is None:
        return
    word = before.group(1)
    lex = lexicon()
    if word.endswith(".") or word in CUE_WORDS or word in NOT_STREET_NAMES or (
            word in _NOT_SURNAMES) or not (word in lex.first_names or lex.freq(word) < _COMMON):
        return  # (not a title: "dr. singh")
    hits.append((before.start(1), end, Label.NAME, CONTEXT))


def _hyphen_part(text: str, lowered: str, start: int, end: int, cased: bool,
                 hits: list[Hit]) -> None:
    """The second part of a surname whose first part ends the name found: "Dr.
    MARSZAŁEK-DUNN", "renata wójcik-hale" (capitalised in a cased note; a name or a word
    seldom written in one without case); not "Lee-recommended"."""
    part = _HYPHEN_PART.match(text, end)
    if part is None or not text[end - 1].isalpha():
        return
    word = lowered[part.start(1):part.end(1)]
    lex = lexicon()
    if word in CUE_WORDS or word in NOT_STREET_NAMES or word in _NOT_SURNAMES or (
            cue_finder().clinical(word)):
        return
    if (text[part.start(1)].isupper() if cased
            else lex.is_name(word) or lex.freq(word) < _COMMON):
        hits.append((start, part.end(1), Label.NAME, CONTEXT))


def _surname_after(lowered: str, start: int, end: int, hits: list[Hit]) -> None:
    """In a note without case, a surname right after a given name found alone: "patient
    keandra bellamy", "participant tomasz green" (a colour, but a surname here); after a
    middle initial or a middle name ("ms. ernestine p. cropper", "ozella mae tubbs") also
    after a rare word found as a name."""
    lex = lexicon()
    given = lowered[start:end]
    if " " in given:
        return
    known = given in lex.first_names
    if not known and lex.freq(given) >= _COMMON:
        return
    initial = _INITIAL_AFTER.match(lowered, end) if lowered[end + 2:end + 3] == "." else None
    after = _WORD_AFTER.match(lowered, end if initial is None else initial.end())
    if after is None:
        return
    word = after.group(1) if after.group(1).isascii() else fold(after.group(1))
    if word in _NOT_SURNAMES:
        return
    if initial is not None:  # a surname however common: "marcus d. price"
        if _rare_surname(lex, word) or (word in lex.last_names and _may_name(cue_finder(), word)):
            hits.append((start, after.end(1), Label.NAME, CONTEXT))
        return
    if word in lex.first_names:  # "ozella mae | tubbs"
        last = _WORD_AFTER.match(lowered, after.end(1))
        if last is not None and _rare_surname(lex, fold(last.group(1))) and (
                _may_name(cue_finder(), word)):
            hits.append((start, last.end(1), Label.NAME, CONTEXT))
            return
    if "-" in word or "'" in word or "\u2019" in word:
        parts = _SURNAME_PARTS.findall(word)  # "o'brien-mcgee": o, brien, mcgee
        if all(len(p) == 1 or lex.is_name(p) or lex.freq(p) < _COMMON for p in parts) and (
                not any(cue_finder().clinical(p) or p in CUE_WORDS  # not "fontenot | emt-p"
                        for p in parts if len(p) > 1)):
            hits.append((start, after.end(1), Label.NAME, CONTEXT))
        return
    if known and (word in NAMING_COLOURS or _surname(lex, word) or (  # a rare word with
            not after.group(1).isascii() and _rare_surname(lex, word)  # accents where a name
            and _ACCENTED_SURNAME_END.match(lowered, after.end()))):  # ends: "dr anna bartók,"
        hits.append((start, after.end(1), Label.NAME, CONTEXT))  # (not "anna está bien")


def _rare_surname(lex: Lexicon, word: str) -> bool:
    """A surname of the lists (`_surname`) or a rare word that may be a name: "tubbs"."""
    return _surname(lex, word) or (len(word) > 2 and lex.freq(word) < _COMMON
                                   and word not in _NOT_SURNAMES
                                   and _may_name(cue_finder(), word))


def _surname(lex: Lexicon, word: str) -> bool:
    """A surname of the lists, not too common a word, no shorthand: "tubbs"; not "will"."""
    return (word in lex.last_names and lex.freq(word) < _SURNAME_FREQUENCY
            and word not in _NOT_SURNAMES and _may_name(cue_finder(), word))


def _given_name_before(text: str, lowered: str, start: int, end: int, hits: list[Hit]) -> None:
    """In a cased note, a capitalised given name or rare word right before a name found:
    "Client: Nasrin Farahani-Doyle" (not "Dr. Lee", "Sister Lee", nor a sentence's first
    common word)."""
    before = _CAPITALISED_BEFORE.search(text, max(0, start - 20), start)
    if before is None:
        return
    word = lowered[before.start(1):before.end(1)]
    lex = lexicon()
    if word in CUE_WORDS or word in _NOT_FIRST or word in NOT_STREET_NAMES or (
            word in _NOT_SURNAMES) or word in _WHO_WORDS or not (
            word in lex.first_names or lex.freq(word) < _COMMON):
        return
    if _opens_sentence(text, lowered, before):
        return
    hits.append((before.start(1), end, Label.NAME, CONTEXT))


def _given_name_after_kin(lowered: str, start: int, end: int, kin_ends: set[int],
                          hits: list[Hit]) -> None:
    """Without case, a word between a relation and a surname found is the given name, however
    everyday a word: "wife memory | phiri", "son gift | mwale", "church member loveness |
    banda" (not "son also | mwale": no little word, follower or shorthand)."""
    given = lowered.rfind(" ", max(0, start - 24), start - 1) + 1  # the word before's start
    if given == 0 or given - 1 not in kin_ends:  # (a relation word right before it)
        return
    word, surname = lowered[given:start - 1], lowered[start:end]
    lex = lexicon()
    if " " in surname or lex.freq(surname) >= _COMMON or not word.isalpha() or (
            word in FUNCTION_WORDS) or word in FOLLOWERS or word in CUE_WORDS or (
            word in TITLES) or cue_finder().clinical(word) or not (
            word in lex.first_names or word in _WORD_GIVEN_NAMES or lex.freq(word) < _COMMON):
        return  # (not "grandmother miss | gloria", "mother spoke | soninke"; the surname rare)
    hits.append((given, end, Label.NAME, CONTEXT))


def _article_before_place(text: str, lowered: str, start: int, end: int, hits: list[Hit],
                          cased: bool, person: bool) -> None:
    """The Arabic or Spanish article that opens a place's name found after it: "born in el |
    geneina", "Al | Mukalla" (a name found needs a word of place before the article: "from
    el | geneina", not "el | capitan said")."""
    if (start > 3 and lowered[start - 4].isalnum()) or (cased and not text[start - 3].isupper()):
        return
    if person and not _PLACE_BEFORE_ARTICLE.search(lowered, max(0, start - 12), start - 3):
        return
    if lowered[start - 3:end] in lexicon().not_identifiers:
        return  # "return to el salvador": a country
    hits.append((start - 3, end, Label.LOCATION, CONTEXT))


def _kind_of_place_after(text: str, lowered: str, start: int, end: int, hits: list[Hit],
                         cased: bool) -> None:
    """The kind of club, beach, park, harbour, colony or city that a name or a place found
    names: "kamehameha | canoe club", "mākaha | beach park", "wailoa | small boat harbor",
    "the Manitoba | Colony", "Denver | City" (capitalised, in a cased note)."""
    kind = _KIND_OF_PLACE_AFTER.match(lowered, end)
    if kind is not None and (not cased or text[kind.start(1)].isupper()):
        label = Label.ORGANIZATION if kind.group().endswith("club") else Label.LOCATION
        hits.append((start, kind.end(), label, CONTEXT))


def _given_name_opening_clause(lowered: str, start: int, end: int, hits: list[Hit]) -> None:
    """In a note without case, a given name of the lists or a rare word that opens a clause
    right before a name found: "re: tenzin | dolkar", "mn. hodan | warsame, 33" (not "seen.
    lee", "per dr. | lee": a common word, a title)."""
    lex = lexicon()
    found = lowered[start:end]
    if " " in found or found in lex.first_names:
        return  # (the cheap tests first)
    space = max(lowered.rfind(" ", 0, start - 1), lowered.rfind("\n", 0, start - 1))
    if space > 0 and start - space < 26 and lowered[space] == " " and (
            lowered[space - 1] not in _CLAUSE_MARKS and lowered[space - 1] != " "):
        return  # the word before opens no clause
    before = _LOWER_WORD_BEFORE.search(lowered, max(0, start - 24), start)
    if before is None or not _SENTENCE_START.search(lowered, max(0, before.start(1) - 4),
                                                    before.start(1)):
        return
    word = before.group(1)
    if not VOWEL.search(word) or (
            word in CUE_WORDS or word in _NOT_FIRST or word in NOT_STREET_NAMES) or (
            word in _NOT_SURNAMES) or word in _WHO_WORDS or not _may_name(cue_finder(), word) or (
            not (word in lex.first_names and lex.freq(word) < EVERYDAY) and (
                len(word) < 4 or lex.freq(word) > 0)):
        return  # (a surname of one word found: not "res | oretha mae simmons", "gf | kayla";
        # and a given name of the lists or a word no text uses: not "dx: anorexia | nervosa")
    hits.append((before.start(1), end, Label.NAME, CONTEXT))


def _organisations_by_particles(lowered: str, found: list[tuple[int, int, Label]],
                                hits: list[Hit]) -> None:
    """An organisation found, then only a little word of a Romance name and another name
    found, is one organisation: "église de dieu rocher | des | siècles"."""
    ordered = sorted((start, end, label) for start, end, label in found)
    for (start, end, label), (after, stop, _) in pairwise(ordered):
        if label is Label.ORGANIZATION and after > end and _ORG_PARTICLE.fullmatch(
                lowered, end, after):
            hits.append((start, stop, Label.ORGANIZATION, CONTEXT))


def _organisations_of_places(lowered: str, found: list[tuple[int, int, Label]],
                             hits: list[Hit]) -> None:
    """An organisation found, then "of" and a place found (or a word read as a name, or a
    state's name) is one organisation: "islamic institute of | dearborn", "community services
    of | minnesota", "pathways of the | sandhills". Not an organisation found after "of": "the
    detox unit | of | palmyra memorial hospital" names two. So is a court's kind, "court of"
    and a place: "circuit court of | cook county"."""
    before_of = [(start, end) for start, end, label in found
                 if label is Label.ORGANIZATION and lowered.startswith(" of ", end)]
    courts = lowered.find(" court of ")
    if not before_of and courts < 0:
        return  # (most notes: no dictionaries built)
    starts = {start: end for start, end, label in found
              if label is Label.LOCATION or label is Label.NAME}
    organisations = {start for start, _, label in found if label is Label.ORGANIZATION}
    for start, end in before_of:
        after = end + 8 if lowered.startswith(" of the ", end) else end + 4
        if after in organisations:  # a place opening an organisation's name
            continue
        stop = starts.get(after) or _state_at(lowered, after)
        if stop:
            hits.append((start, stop, Label.ORGANIZATION, CONTEXT))
    at = courts
    while at >= 0:  # "circuit court of | cook county", "superior court of | new jersey"
        kind = _COURT_KIND_BEFORE.search(lowered, max(0, at - 12), at)
        if kind is not None:
            after = at + 14 if lowered.startswith("the ", at + 10) else at + 10
            stop = starts.get(after) or _state_at(lowered, after)
            if stop:
                hits.append((kind.start(), stop, Label.ORGANIZATION, CONTEXT))
        at = lowered.find(" court of ", at + 10)


def _plain_opening(lowered: str, start: int) -> bool:
    """Whether the name found at `start` opens with a word that is neither a person's name nor
    a place's: "mill high school", not "lincoln high school"."""
    first = _PLACE_WORD_AFTER.match(lowered, start)
    lex = lexicon()
    return first is not None and not lex.is_name(first.group()) and (
        first.group() not in lex.cities)


def _state_at(lowered: str, at: int) -> int:
    """The end of a state's name (or a region of states: "dakotas", "new england") written at
    `at` as whole words, perhaps after a word of compass ("central ohio", "greater houston"
    is no state), or 0."""
    lead = WORD.match(lowered, at)
    starts = (at, lead.end() + 1) if lead is not None and lead.group() in REGION_LEADS and (
        lowered[lead.end():lead.end() + 1] == " ") else (at,)
    for begin in starts:
        for length in _STATE_LENGTHS:
            name = lowered[begin:begin + length]
            if name in STATE_REGIONS and not lowered[begin + length:begin + length + 1].isalnum():
                return begin + length
    return 0


def _joined_by_particles(text: str, found: list[tuple[int, int, Label]],
                         hits: list[Hit]) -> None:
    """Two names found with only a surname's little words between them are one name, and a
    name found goes on over such words and the surname after them ("NP RASHID BIN HAMZAH")."""
    names = sorted((start, end) for start, end, label in found if label is Label.NAME)
    for (_, end), (start, _) in pairwise(names):
        if start > end and _PARTICLES.fullmatch(text, end, start):
            hits.append((end, start, Label.NAME, CONTEXT))
    lex = lexicon()
    for start, end in names:
        after = _PARTICLE_SURNAME.match(text, end)
        if after is not None and after.group(1).lower() not in NOT_STREET_NAMES and (
                lex.freq(after.group(1).lower()) < _COMMON or lex.is_name(after.group(1).lower())):
            hits.append((start, after.end(1), Label.NAME, CONTEXT))
