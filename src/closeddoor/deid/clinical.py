"""Clinical text written in shorthand, all capitals or all lower case (issue 13).

Nursing notes, inpatient notes and the intake histories that quote them are often typed without
capitals ("dr okafor aware", "wife mary called") or entirely in them ("PT TRANSFERRED FROM 4
WEST TO MICU"), so capitalisation cannot be what says a word names someone. What works
regardless of case is spread over these modules:

- **Known non-identifiers of clinical text** (`clinical_words.CLINICAL_WORDS`): shorthand and
  abbreviations ("mae", "perrla", "foley", "abx", "ngt"), units, colours and common nursing
  words that are also in the name lists ("tan sputum", "ed", "mae"). A guess (a word read as a
  name because of its shape or a dictionary) that is one of these is dropped
  (`clinical_guesses.py`); a cue ("dr ___", "wife ___") or the chart still wins. The drug
  dictionary (`vocabulary.py`) is consulted the same way.
- **Case restoration** (`word_reader.WordReader.truecase`): a note with no case information
  is read with name-list words capitalised. Offsets do not move.
- **Cues that do not depend on case** (`CueFinder`, here): a role word or a relation word
  before a word that can be a name (`person_cues.py`); a facility named by its type
  ("Millbrook Medical Center", "county mental health", "St. Agnes's", "the Fairview VA";
  `facilities.py`); a unit ("4 West", "MICU").

Safe Harbor, 45 CFR 164.514(b)(2)(i): names (A), geographic subdivisions smaller than a state
(B, which covers facilities named for a place), dates other than years (C), telephone numbers
(D), and (C) again for ages over 89. Numbers with units, vital signs and ventilator settings are
none of these, so `patterns.py` and `dates.py` leave them alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from closeddoor.deid.clinical_words import (
    CUE_WORDS,
    EVERYDAY,
    FACILITY_PREPOSITIONS,
    FOLLOWERS,
    FUNCTION_WORDS,
    KIN,
    LOOSE,
    RARE,
    ROLES,
    TITLES,
    WORD,
    word_before,
)
from closeddoor.deid.cues import split_words
from closeddoor.deid.dates import MONTHS
from closeddoor.deid.facilities import find_facility, find_pharmacy, name_begin_before
from closeddoor.deid.hits import CONTEXT, Hit, by_first_word, occurrences
from closeddoor.deid.holy_names import CHURCH_OF_BEFORE
from closeddoor.deid.lexicon import lexicon
from closeddoor.deid.person_cues import (
    find_name_before_relation,
    find_person_after,
    find_person_fields,
    find_subject_given_name,
)
from closeddoor.deid.place_kinds import (
    BRANDS,
    COURT_KINDS,
    GENERIC,
    HEADS,
    HEALTH_SYSTEMS,
    INNER,
    KIND_WORDS,
    NEEDS_INNER,
    UNIT_TYPES,
)
from closeddoor.deid.societies import REGION_LEADS
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

# The type words of a pharmacy's name (`facilities.find_pharmacy`).
_PHARMACY_TAILS = frozenset({"drug", "drugs", "rx", "pharmacy"})
# Roles that are also shorthand ("rt" right, "cm" centimetres) and the words of a form's
# signature, named with an initial and a surname: "- rt d. harjo", "witness k. ocampo".
_INITIAL_CUES = frozenset(split_words("""
rt cm ot slp rd crna signed signature witness witnessed per cc crew sitter aide interpreter po
"""))
_INITIAL_AND_SURNAME = (r"([a-z]\.[ \t]?)([a-z][a-z'\u2019]*(?:-[a-z][a-z'\u2019]*)?)"
                        r"(?![\w'\u2019-])")  # "d. harjo", "m. quintanilla-reyes"
_INITIALLED = re.compile(r"\.?:?[ \t]+" + _INITIAL_AND_SURNAME)  # after its cue
_MORE_SIGNERS = re.compile(r"[ \t]*(?:/|,|&|and)[ \t]*" + _INITIAL_AND_SURNAME)  # "/ r. slone"
_INITIALS_FIELD = re.compile(r"\binitials[ \t]*(?:[:=]|are|of)?[ \t]*"
                             r"([a-z]\.?[ \t]?[a-z]\.?(?:[ \t]?[a-z]\.?)?)(?![\w'\u2019-])")
# The person a note opens with, after its heading and before a date of birth or an age:
# "psychiatric intake — anahit sarkisyan, dob 4/17/1958", "note — dimitra kalogeropoulos, 52".
_OPENING_SUBJECT = re.compile(r"(?:[\u2014\u2013:.]|[ \t]-)[ \t]+"
                              r"((?:[a-z]\.[ \t]?)?(?:[a-z][a-z'\u2019-]+[ \t]+){0,3}"
                              r"[a-z][a-z'\u2019-]+)"  # ("w. halabi, 34m": an initial first)
                              r"(?:[ \t]+\([^)\n]{1,24}\))?,[ \t]*(?:dob\b|age\b|\d{1,3}[mf]?\b)")
_OPENING_END = re.compile(r",[ \t]*(?:dob\b|age\b|\d)")  # the cheap test first
# A hospital unit's number after its acronym and a hyphen: "bhu-3", "micu-2b".
_UNIT_NUMBER = re.compile(r"-\d{1,2}[a-z]?(?![\w-])")
_WHO_WORDS = frozenset(split_words("""
res resident participant patient client member student inmate caller pt veteran vet
"""))  # words before the person a note opens with, who they are
_NEWBORN = re.compile(r"\bbaby[ \t]+(?:girl|boy)[ \t]+([a-z][a-z'\u2019-]*)"
                      r"(?:[ \t]+([a-z][a-z'\u2019-]*))?")
# Words before a person who is the subject of what follows (`person_cues.find_subject_given_name`).
_SUBJECT_CUES = frozenset({"pt", "patient", "client", "officer", "participant", "student"})
_KIN_IN_BRACKETS = re.compile(r"[ \t]\((?:ex-|former[ \t]|step)?(?:" + "|".join(
    sorted((re.escape(k) for k in KIN), key=len, reverse=True)) + r")\)")
# Children or siblings listed in brackets with their ages: "2 sons (kervens 19, woodly 15)".
_CHILDREN = frozenset(split_words("""
sons daughters kids children grandchildren grandkids siblings brothers sisters boys girls
"""))
_CHILDREN_LIST = re.compile(r"\b(?:" + "|".join(sorted(_CHILDREN)) + r")[ \t]*\(((?:[ \t]*"
                            r"[a-z][a-z'\u2019-]+[ \t]*,?[ \t]*\(?\d{1,2}\)?[ \t]*"
                            r"(?:,|;|and|&)?)+)\)")
_CHILD = re.compile(r"([a-z][a-z'\u2019-]+)[ \t]*,?[ \t]*\(?\d")
# ... or after a colon, each with an age: "children: ajak, 16, at hoover high; achan, 12".
_CHILDREN_FIELD = re.compile(r"\b(?:" + "|".join(sorted(_CHILDREN)) + r")[ \t]*:([^\n]{1,160})")
_LISTED_CHILD = re.compile(r"(?:^|[;,(]|\band\b)[ \t]*([a-z][a-z'\u2019-]+)[ \t]*,?[ \t]*\(?"
                           r"\d{1,2}(?![\d/:]|\.\d)")
# "... is a 97 y/o", "... is a 45-year-old": the words before name the patient.
_INTRO = re.compile(r"(?<=[ \t])is[ \t]+an?[ \t]+\d{1,3}[ \t-]*"
                    r"(?:y/o|yo|y\.o\.|year[ -]old|yr[ -]old)\b")
_DIRECTIONS = re.compile(r"\d{1,2}[ \t]?(?:west|east|north|south|tower)\b")
_OUR_LADY = re.compile(r"\bour[ \t]+lady[ \t]+of[ \t]+(?:the[ \t]+)?"
                       r"(?:perpetual[ \t]+help|good[ \t]+[a-z]+|mount[ \t]+carmel|[a-z]+)"
                       r"(?:[ \t]+(?:catholic[ \t]+)?(?:church|school|academy|chapel|"
                       r"cathedral|shrine|hospital|high[ \t]+school))?")  # "... harbor church"
# The value of a "unit:" field: "Unit: Harbor 3", "UNIT: LINDEN 4 (ADULT ...)".
_UNIT_FIELD = re.compile(r"\bunit:[ \t]*([a-z][a-z'\u2019-]+)(?:[ \t]+(\d{1,2}[a-z]?))?(?![\w/.-])")
# A unit named by a code of a number and a letter: "ward 7b", "unit 6s", "pod c2".
_UNIT_CODE = re.compile(r"\b(?:ward|unit|pod)[ \t]+(?:\d{1,2}[a-z]|[a-z]\d{1,2})(?![\w/-]|\.\w)"
                        r"|\bpod[ \t]+[a-z](?![\w/.'\u2019-])")  # a jail's "pod b"
_STATION = re.compile(r"(?<!nurses[ \t])(?<!nurses'[ \t])(?<!nursing[ \t])"
                      r"\bstation[ \t]+\d{1,2}(?![\w/.:-]|[ \t]*(?:mins?|minutes|sec))")
_NAMED_UNIT = re.compile(r"(?:\bfrom|\bto|,)[ \t]+([a-z]+)[ \t]+$")
_REACHED = re.compile(r"(?<![\w'\u2019/&-])([a-z][a-z'\u2019-]+)[ \t]+(?:can|may|could)[ \t]+"
                      r"be[ \t]+$")
_UNIT_AFTER = re.compile(r"[\w.%/:-]")
_MEASURE_AFTER = re.compile(r"[ \t]+(?:s|secs?|seconds?|mins?|minutes?|hrs?|hours?|x|times|"
                            r"reps|breaths|mg|mcg|ml|cc|units?|kg|lbs?|%)(?![\w/])")
# ... or an age: "pt stojanovski, blagoja | 67 yo m" (a given name before it, no unit).
_AGE_AFTER_NUMBER = re.compile(r"[ \t]*(?:y/?o|yrs?|years?|[mf])\b")
_DIGITS = re.compile(r"\d+")
# "st. mary's", "saint luke's hospital", "st vincent medical center"; not "hr 110 st, bp 92".
_SAINT = re.compile(r"(?:st\.?|saint)[ \t]+([a-z]+)(?:['\u2019]s(?![a-z])|(?=[ \t]+(?:hospital|"
                    r"medical|health|healthcare|regional|memorial|general|clinic|rehab|"
                    r"behavioral|psychiatric|home|center)\b))")
# A church or school named for a saint, in a few words: "st. mary star of the sea parish".
# Programs named by a place and their kind's acronym: "olentangy iop", "seekonk river php".
_PROGRAMS = frozenset({"iop", "php", "bip"})
# A saint named with a place or an epithet, a parish's name: "st. catherine of siena".
_SAINT_OF = re.compile(r"(?:st\.?|saint)[ \t]+([a-z]+)[ \t]+(?:of|the|de)[ \t]+([a-z]{3,})\b")
_SAINTS = frozenset({"st", "saint", "sts", "saints", "ste"})  # "sts. peter and paul church"
# A church named for its saint after "of": "church of | st. nicholas", "cathedral of | saint paul".
_SAINT_NAMED = re.compile(r"(?:st\.?|saint)[ \t]+([a-z]+)\b")
_SAINT_CHURCH = re.compile(r"(?:sts?\.?|ste\.?|saints?)[ \t]+[a-z]+(?:['\u2019]s)?"
                           r"((?:[ \t]+[a-z]+){0,4}?)"
                           r"[ \t]+(?:parish|church|cathedral|chapel|basilica|shrine|academy|"
                           r"school)\b")
_AT_PHONE = re.compile(r"(?:^|[(;,:][ \t]*|\b(?:call|with|reach|reached|text|contact)[ \t]+)"
                       r"([a-z][a-z'\u2019-]+)[ \t]+at[ \t]+(?:\+?1[ .-]?)?\(?$")
_PAREN_WORD = re.compile(r"\([ \t]*([a-z][a-z'\u2019-]+)[ \t]*\)")
# An initial and a surname alone in brackets: "(d. arceneaux)" (not "(r. wrist)": an everyday
# word is no surname here).
_SIDES = frozenset({"r.", "l."})  # "(r. wrist)": right and left
_MONTH_WORDS = frozenset(MONTHS) | frozenset(split_words("""
jan feb mar apr jun jul aug sep sept oct nov dec
"""))  # "(d. feb)": died in February
_INITIALLED_IN_BRACKETS = re.compile(r"\([ \t]*([a-z]\.)[ \t]?([a-z][a-z'\u2019-]{2,})[ \t]*\)")
_PT_BEFORE = re.compile(r"\b(?:pt|patient)[ \t]*$")
# Words before a hospital's initials that say it is one: "transferred from mgh", "called cph".
_ACRONYM_CUES = FACILITY_PREPOSITIONS | frozenset({"called", "via", "paged", "arr", "arrived",
                                                  "transported"})
# A prison named by its code and its place: a state's correctional institution (MCI), a
# federal one (FCI) or a federal medical centre (FMC).
_PRISON_CODES = frozenset({"mci", "fci", "fmc"})
_PRISON = re.compile(r"\b(?:mci|fci|fmc)[ \t]*[- ][ \t]*([a-z][a-z'\u2019]+)(?:-[a-z]+)?"
                     r"(?![\w'\u2019-])")
_NUMBERED_WARD = re.compile(r"(?<![\w/.-])\d{1,3}(?:st|nd|rd|th)[ \t]+(?:ward|precinct|district)\b"
                            r"(?![ \t]+court)")  # ("58th district court": a court's own finder)
# A New York public school by its number: "p.s. 318", "i.s. 145", "jhs 217".
_NUMBERED_SCHOOL = re.compile(r"(?<![\w.])(?:p\.s\.|i\.s\.|m\.s\.|j\.?h\.?s\.?)[ \t]*\d{1,3}\b")
_SCHOOL_NUMBER = re.compile(r"\b(?:school|lyceum|gymnasium)[ \t]+(?:no\.?|#|number)[ \t]*"
                            r"\d{1,4}(?![\w-]|\.\d)")
# A run report's number, the year first: "pcr 26-04417", "incident # 26-118734".
_REPORT_NUMBER = re.compile(r"\b(?:pcr|incident|inc)[ \t]*(?:run[ \t]*)?(?:#|no\.?|number)?"
                            r"[ \t]*:?[ \t]*(\d{2,4}-\d{4,7})(?![\w-])")  # "pcr run # 26-..."
_UNIVERSITY_OF = re.compile(r"\buniversity[ \t]+of[ \t]+(?:the[ \t]+)?([a-z]+(?:[ \t][a-z]+)?)")
_SHIP = re.compile(r"(?:\buss|(?<![\w/])[fm]/v)[ \t]+"  # a navy ship, a fishing or motor vessel
                   r"([a-z][a-z'\u2019-]+(?:[ \t]+[a-z][a-z'\u2019-]+){0,3}?)"
                   r"(?=[ \t]*(?:[,;.()]|$|[ \t](?:and|for|since|until|in|on|at|as|out)\b))")
_RECORDS_AFTER = re.compile(r"[ \t]+records\b")
# Personality disorders and tests written like a police department's initials ("hx bpd").
_NOT_POLICE = frozenset(split_words("bpd apd npd hpd dpd ocpd stpd avpd spd ppd cpd opd ipd mpd"))
_POLICE_CUES = frozenset(split_words("bib by called per notified with from to via contacted"))
_OFFICER_AFTER = re.compile(r"[ \t]+(?:officers?|ofc|det|detective|sgt|report|case|patrol)\b")
# A church named for a mystery or a saint after "church of", after a word that says a place
# follows: "from | church of the nativity", "attends | church of st. ..." (not "church of god",
# a denomination read elsewhere, nor "church of christ").
_CHURCH_OF = re.compile(r"\b(?:from|at|attends|attended|to)[ \t]+"
                        r"(church[ \t]+of[ \t]+(?:the[ \t]+)?([a-z]+))\b")
_CHURCH_OF_KINDS = frozenset(split_words("god christ england scotland jesus latter-day"))
# A township after a word of place: "from coal township", "in upper darby township".
_TOWNSHIP = re.compile(r"\b(?:from|in|of|near|to)[ \t]+((?:[a-z]+[ \t]+){1,2}township)\b")
_TOWNSHIP_WORDS = frozenset(split_words("coal upper lower middle north south east west new old"))
# An agency for the old, named by its region: "panhandle | area agency on aging".
_ON_AGING = re.compile(r"(?<![\w-])(?:area[ \t]+)?(?:agency|office|council|commission)[ \t]+"
                       r"on[ \t]+aging\b")
_EMERGENCY_AFTER = re.compile(r"[ \t]+(?:(?:adult|peds|pediatric|main)[ \t]+)?(?:ed|er)\b"
                              r"(?![ \t]*(?:[a-z]+[ \t]+)?(?:says|said|is|was))")
# A court named by its circuit or district: "family court of the first circuit".
_COURT_OF_CIRCUIT = re.compile(
    rf"\b(?:(?:{COURT_KINDS})[ \t]+)?"
    r"court[ \t]+of[ \t]+the[ \t]+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))[ \t]+(?:judicial[ \t]+)?"
    r"(?:circuit|district)\b")
_FORT = re.compile(r"\b(?:fort|ft\.)[ \t]+([a-z][a-z'\u2019-]+)")
_NOT_BEFORE_FORT = frozenset(split_words("a an the his her their my pillow blanket snow sand"))
# A town's own services, named by the town: "delray beach pd", "erie police", "mesa fire".
_CITY_AGENCIES = frozenset(split_words("pd police sheriff sheriff's fd fire"))
_UNION_LOCAL = re.compile(r"\b(?:(?:[a-z]+(?:ers|ors)|teamsters|ibew|seiu|uaw|afscme|ufcw|liuna)"
                          r"[ \t]+)?local[ \t]+#?\d{2,4}"  # ("roofers local 411")
                          r"(?![\d%.,/]\d|[\d%]|[ \t]*(?:mg|ml|cc|mcg|units?)\b)")
# A numbered school without its full stops, after a word that says one follows.
_PS_AFTER_CUE = re.compile(r"\b(?:at|to|from|attends|attended|attend)[ \t]+"
                           r"((?:ps|jhs)[ \t]*\d{1,3}|school[ \t]+\d{1,3})\b"  # "school 6"
                           r"(?![/.]\d|[ \t]*(?:cm|mmhg|/|days?|times|x|hours?|hrs?|weeks?|"
                           r"wks?|periods?|classes|mins?|minutes|am|pm|a|p|of|out)\b)")
# (not "from ps 5/5": support; not "at school 2 days", "went to school 4 of 5 days")


# A health system's word after its brand, before the branch: "adventist | health | rideout".
_SYSTEM_WORDS = frozenset({"health", "healthcare"})
_SYSTEMS_BY_FIRST = by_first_word(HEALTH_SYSTEMS, r"[ -]")  # ("cedars", "mount")


class CueFinder(WordReader):
    """Case-blind cues: roles, relations, facilities, units. One per process (`cue_finder`)."""

    def _branch_word(self, word: str) -> bool:
        """Whether `word` may name a health system's branch: a town, a kind of place or a rare
        word that is not clinical ("wyoming valley", "fairfax", "medical center")."""
        return word in self.lex.cities or word in KIND_WORDS or word in REGION_LEADS or (
            self.lex.freq(word) < RARE and not self.clinical(word))

    def find(self, lowered: str, words: set[str],
             digit_runs: Iterable[re.Match[str]] | None = None) -> list[Hit]:
        """Hits in a note, read from its lower-case form `lowered`, its set of words and, when
        the caller has them, its runs of digits (each regular expression here starts from a
        cheap anchor: a word in `words`, a "(", a digit run; a scan of the whole note for an
        alternation would cost more than the rest)."""
        hits: list[Hit] = []
        cued = (ROLES | KIN).intersection(words)
        for _, end, word in occurrences(lowered, cued):
            find_person_after(self, lowered, end, word, hits)
        for _, end, _ in occurrences(lowered, _SUBJECT_CUES.intersection(words)):
            find_subject_given_name(self, lowered, end, hits)
        find_person_fields(self, lowered, words, hits)
        if "honorable" in words:  # "to: the honorable harriet lomax-green" (not "honorable
            for start, end, _ in occurrences(lowered, ("honorable",)):  # discharge")
                if lowered.endswith("the ", 0, start):
                    find_person_after(self, lowered, end, "judge", hits)
        for start, end, _ in occurrences(lowered, _PHARMACY_TAILS.intersection(words)):
            find_pharmacy(self, lowered, start, end, hits)
        titles = TITLES.intersection(words)  # "ms. brown": a title with its full stop
        for _, end, word in occurrences(lowered, titles):
            if lowered[end:end + 1] == ".":
                find_person_after(self, lowered, end, word, hits)
        if "at" in words:  # "people to call (dawn at 312.555.0111; hope at (541) 555-0158)"
            for run in (_DIGITS.finditer(lowered) if digit_runs is None else digit_runs):
                if run.end() - run.start() < 3:
                    continue
                if "at" not in lowered[max(0, run.start() - 8):run.start()]:
                    continue  # the cheap test first: most numbers are vitals, doses, dates
                who = _AT_PHONE.search(lowered, max(0, run.start() - 40), run.start())
                if who is not None:
                    name = who.group(1)
                    listed = who.group()[0] in "(;"  # "(will at ...", "; may at ...": a list
                    if ((name not in FOLLOWERS or (listed and name in self.lex.first_names))
                            and name not in FUNCTION_WORDS and len(name) > 1
                            and name not in CUE_WORDS and (
                                name in self.lex.first_names or self.lex.freq(name) < RARE)):
                        hits.append((who.start(1), who.end(1), Label.NAME, CONTEXT))
        if "(" in lowered and not KIN.isdisjoint(words):  # "with hope (ex-partner)"
            for m in _KIN_IN_BRACKETS.finditer(lowered):
                find_name_before_relation(self, lowered, m.start() + 1, hits)
        children: set[int] = set()  # where each child's name starts: no unit "woodly 15"
        if not _CHILDREN.isdisjoint(words):  # "2 sons (kervens 19, woodly 15)", "children:
            listings = ([(_CHILDREN_LIST, _CHILD)] if "(" in lowered else []) + (  # ajak, 16"
                [(_CHILDREN_FIELD, _LISTED_CHILD)] if ":" in lowered else [])
            for listing, child in listings:
                for m in listing.finditer(lowered):
                    for item in child.finditer(m.group(1)):
                        if self.name_word(item.group(1)):
                            at = m.start(1) + item.start(1)
                            children.add(at)
                            hits.append((at, at + len(item.group(1)), Label.NAME, CONTEXT))
        if "(" in lowered:  # "social work (d. arceneaux) consulted": a person by initial
            for m in _INITIALLED_IN_BRACKETS.finditer(lowered):
                surname = m.group(2)
                if m.group(1) not in _SIDES and surname not in _MONTH_WORDS and (
                        self.plain_word(surname)) and (self.lex.is_name(surname) or self.lex.freq(
                        surname) < EVERYDAY):
                    hits.append((m.start(1), m.end(2), Label.NAME, CONTEXT))
        if "pt" in words or "patient" in words:  # "pt (kitchen) oob to chair"
            for m in _PAREN_WORD.finditer(lowered):
                if _PT_BEFORE.search(lowered, max(0, m.start() - 10), m.start()) and (
                        m.group(1) not in FOLLOWERS and m.group(1) not in FUNCTION_WORDS):
                    hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
        heads = HEADS.intersection(words)
        for start, _, word in occurrences(lowered, heads):
            if word in NEEDS_INNER:  # "to court", "in medicine": the word before says no
                before = word_before(lowered, start, 20)
                if before is None or (before[1] not in INNER
                                      and before[1] not in NEEDS_INNER[word]):
                    continue
            find_facility(self, lowered, start, word, hits)
        for at, _, _ in occurrences(lowered, _SAINTS.intersection(words)):
            city = self.saint_city_at(lowered, at)  # "home in st. cloud"
            if city is not None and self.place_cue_before(lowered, at):
                hits.append((at, city, Label.LOCATION, CONTEXT))
            saint = _SAINT.match(lowered, at)
            if saint is not None and (
                    saint.group(1) in self.lex.first_names or saint.group(1) in INNER or (
                        len(saint.group(1)) > 3 and self.lex.freq(saint.group(1)) < RARE
                        and not self.clinical(saint.group(1)))):  # "st. columba's"
                hits.append((saint.start(), saint.end(), Label.ORGANIZATION, CONTEXT))
            epithet = _SAINT_OF.match(lowered, at)  # "st. anthony of padua", "st. john the
            if epithet is not None and epithet.group(1) in self.lex.first_names and (  # baptist"
                    self.plain_word(epithet.group(2)) or epithet.group(2) in self.lex.cities):
                hits.append((at, epithet.end(), Label.ORGANIZATION, CONTEXT))
            kind = CHURCH_OF_BEFORE.search(lowered, max(0, at - 20), at)
            patron = _SAINT_NAMED.match(lowered, at) if kind is not None else None
            if kind is not None and patron is not None and (  # "church of | st. nicholas"
                    patron.group(1) in self.lex.first_names):
                hits.append((kind.start(), patron.end(), Label.ORGANIZATION, CONTEXT))
            church = _SAINT_CHURCH.match(lowered, at)
            if church is not None and all(
                    w in ("of", "the", "and") or not (w in FOLLOWERS or w in FUNCTION_WORDS)
                    for w in church.group(1).split()):
                hits.append((church.start(), church.end(), Label.ORGANIZATION, CONTEXT))
        if "fort" in words or "ft." in lowered:  # an army post: "processed at fort pickett"
            for m in _FORT.finditer(lowered):
                name = m.group(1)
                before = word_before(lowered, m.start(), 12)
                if (before is None or before[1] not in _NOT_BEFORE_FORT) and self.plain_word(
                        name) and (self.lex.is_name(name) or self.lex.freq(name) < RARE):
                    hits.append((m.start(), m.end(), Label.LOCATION, CONTEXT))
        for start, _, _ in occurrences(lowered, _CITY_AGENCIES.intersection(words)):
            city = self.city_before(lowered, start)  # "brought by north miami pd"
            if city is not None:
                end = start
                while lowered[end - 1] in " \t":
                    end -= 1
                hits.append((city, end, Label.LOCATION, CONTEXT))
        if "local" in words:  # a union's local by its number: "pipefitter, local 537"
            hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                        for m in _UNION_LOCAL.finditer(lowered))
        if "ps" in words or "jhs" in words:  # "bullied at ps 28": a numbered school
            hits.extend((m.start(1), m.end(), Label.ORGANIZATION, CONTEXT)
                        for m in _PS_AFTER_CUE.finditer(lowered))
        if "school" in words:  # "attend school 6" (read from "school": the cheap anchor)
            for start, end, _ in occurrences(lowered, ("school",)):
                if lowered[end + 1:end + 2].isdigit():
                    numbered = _PS_AFTER_CUE.search(lowered, max(0, start - 12), end + 24)
                    if numbered is not None and numbered.start(1) == start:
                        hits.append((start, numbered.end(), Label.ORGANIZATION, CONTEXT))
        systems = {name for first in _SYSTEMS_BY_FIRST.keys() & words
                   for name in _SYSTEMS_BY_FIRST[first]}
        for brand in BRANDS.intersection(words) | systems:
            for start, end, _ in occurrences(lowered, (brand,)):
                stop = end
                for _ in range(2):  # "mercy pine ridge"
                    after = (WORD.match(lowered, stop + 1) if lowered[stop:stop + 1] == " "
                             else None)
                    if after is None or len(after.group()) < 2 or not (
                            self.loose(after.group()) or after.group() in _SYSTEM_WORDS):
                        break  # (not "baptist | w/ mamaw"; but "adventist | health rideout")
                    if brand in systems and not self._branch_word(after.group()):
                        break  # "geisinger | wyoming valley"; not "the geisinger eap | covers"
                    stop = after.end()
                if stop > end or brand in systems:
                    hits.append((start, stop, Label.ORGANIZATION, CONTEXT))
        for start, end, _ in occurrences(lowered, _PROGRAMS.intersection(words)):
            begin = name_begin_before(self, lowered, start)  # "then quequechan php 3 wks"
            if begin is not None:
                hits.append((begin, end, Label.ORGANIZATION, CONTEXT))
        for start, end, _ in occurrences(lowered, UNIT_TYPES.intersection(words)):
            number = _UNIT_NUMBER.match(lowered, end) if lowered.startswith("-", end) else None
            hits.append((start, end if number is None else number.end(),  # "bhu-3"
                         Label.ORGANIZATION, CONTEXT))
        police = [w for w in words if 3 <= len(w) <= 6 and w.endswith("pd")
                  and self.hospital_acronym(w)] if "pd" in lowered else []
        for start, end, word in occurrences(lowered, police):  # a town's police by its
            before = word_before(lowered, start, 14)  # initials: "bib fwpd", "called nypd"
            cue = before[1] if before is not None else ""
            if (cue == "bib" or _OFFICER_AFTER.match(lowered, end)) or (
                    cue in _POLICE_CUES and word not in _NOT_POLICE):  # (not "dx bpd")
                hits.append((start, end, Label.ORGANIZATION, CONTEXT))
        acronyms = [w for w in words if 3 <= len(w) <= 5 and (w[-1] == "h" or w[-2:] == "mc")
                    and self.hospital_acronym(w)]
        if "mhc" in lowered:  # a mental health centre's initials: "amhc", "mhcgm" (not "cmhc")
            hits.extend((start, end, Label.ORGANIZATION, CONTEXT) for start, end, _ in occurrences(
                lowered, [w for w in words if 4 <= len(w) <= 6 and "mhc" in w
                          and w != "cmhc" and self.hospital_acronym(w)]))
        for start, end, _ in occurrences(lowered, acronyms):  # "transferred from mgh"
            before = word_before(lowered, start, 12)
            if (before is not None and before[1] in _ACRONYM_CUES) or (
                    lowered[max(0, start - 2):start].strip() == "@") or (
                    _RECORDS_AFTER.match(lowered, end)) or (  # "@ umc", "roi for camc records"
                    _EMERGENCY_AFTER.match(lowered, end)):  # "visit was mwmc ed for ..."
                hits.append((start, end, Label.ORGANIZATION, CONTEXT))
        for run in (_DIGITS.finditer(lowered) if digit_runs is None else digit_runs):
            start, end = run.span()  # "from keller 5 to micu", "(eason memorial, sumner 5)"
            if end - start > 2 or _UNIT_AFTER.match(lowered, end):
                continue
            lead = _NAMED_UNIT.search(lowered, max(0, start - 30), start)
            if lead is None or lead.start(1) in children or _MEASURE_AFTER.match(lowered, end):
                continue  # "hyperventilation 30 s": an exercise and how long
            word = lead.group(1)
            if _AGE_AFTER_NUMBER.match(lowered, end):
                if self.name_word(word):
                    hits.append((lead.start(1), lead.end(1), Label.NAME, CONTEXT))
                continue
            if len(word) > 1 and word not in FOLLOWERS and not self.clinical(word) and (
                    self.lex.is_name(word) or self.lex.freq(word) < RARE or (
                        lead.group()[0] != "," and word not in GENERIC
                        and self.lex.freq(word) < LOOSE)):  # "to seals 5"
                hits.append((lead.start(1), end, Label.ORGANIZATION, CONTEXT))
        if "reached" in words:  # "...; jenise can be reached at 555-0143"
            for at, _, _ in occurrences(lowered, ("reached",)):
                who = _REACHED.search(lowered, max(0, at - 40), at)
                if who is not None:
                    name = who.group(1)
                    if name not in FOLLOWERS and name not in CUE_WORDS and (
                            name not in GENERIC and name not in FUNCTION_WORDS and len(name) > 1):
                        hits.append((who.start(1), who.end(1), Label.NAME, CONTEXT))
        if "y/o" in lowered or "year" in words or "yo" in words:  # "zoila lucero is a 97 y/o"
            for m in _INTRO.finditer(lowered):
                end = m.start()
                begin = end
                for _ in range(2):
                    before = word_before(lowered, begin, 30)
                    if before is None or not self.intro_word(before[1]) or (
                            before[0] and lowered[before[0] - 1] not in " \t\n(\""):
                        break
                    begin = before[0]
                if begin < end:
                    hits.append((begin, len(lowered[:end].rstrip(" \t")), Label.NAME,
                                 CONTEXT))
        if not _INITIAL_CUES.isdisjoint(words):  # "- rt d. harjo", "signed m. quintanilla-reyes"
            for _, cue_end, cue in occurrences(lowered, _INITIAL_CUES.intersection(words)):
                signer = _INITIALLED.match(lowered, cue_end)
                if signer is None:
                    continue
                surname = signer.group(2)
                signed = cue.startswith(("sign", "witness"))  # a form's field: any surname
                while signer is not None and len(surname) > 1 and not (  # ("signature: k. price")
                        surname in FOLLOWERS or surname in FUNCTION_WORDS or surname in CUE_WORDS
                        or self.clinical(surname)) and (signed or self.lex.freq(surname) < LOOSE):
                    hits.append((signer.start(1), signer.end(2), Label.NAME, CONTEXT))
                    signer = _MORE_SIGNERS.match(lowered, signer.end())  # "crew j. calloway /
                    surname = signer.group(2) if signer is not None else ""  # r. slone"
        if "initials" in words:  # "(patient initials: TK)", "client initials j.w."
            for m in _INITIALS_FIELD.finditer(lowered):
                letters = m.group(1)
                if "." in letters or self.lex.freq(letters.replace(" ", "")) < RARE:
                    hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))  # not "initials
                    # to be added", "initials ok"
        for m in (_OPENING_SUBJECT.finditer(lowered, 0, 160)  # "intake — anahit sarkisyan, dob"
                  if _OPENING_END.search(lowered, 0, 200) else ()):
            named = m.group(1).split()
            start = m.start(1)
            if named[0] in _WHO_WORDS:  # "res tyler o'brien-mcgee, 24": the name after it
                start = m.start(1) + len(named[0]) + 1
                named = named[1:]
            if len(named) > 1 and all(self.name_word(w) for w in named
                                      if not (len(w) == 2 and w[1] == ".")):
                hits.append((start, m.end(1), Label.NAME, CONTEXT))
        if "baby" in words:  # a newborn's chart name: "baby girl hsa moo", "BABY BOY TALLCHIEF"
            for m in _NEWBORN.finditer(lowered):
                if self.name_word(m.group(1)):
                    last = 2 if m.group(2) and self.name_word(m.group(2)) else 1
                    hits.append((m.start(1), m.end(last), Label.NAME, CONTEXT))
        if not _PRISON_CODES.isdisjoint(words):  # "incarcerated at mci-norfolk", "fci dublin"
            for m in _PRISON.finditer(lowered):
                if self.plain_word(m.group(1)):
                    hits.append((m.start(), m.end(), Label.ORGANIZATION, CONTEXT))
        if "circuit" in words or "district" in words:
            hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                        for m in _COURT_OF_CIRCUIT.finditer(lowered))
        if "church" in words:  # "a priest from church of the nativity in gervais"
            for m in _CHURCH_OF.finditer(lowered):
                if self.plain_word(m.group(2)) and m.group(2) not in _CHURCH_OF_KINDS:
                    hits.append((m.start(1), m.end(2), Label.ORGANIZATION, CONTEXT))
        if "township" in words:  # "retired miner from coal township"
            for m in _TOWNSHIP.finditer(lowered):
                if all(self.plain_word(w) or w in _TOWNSHIP_WORDS
                       for w in m.group(1).split()[:-1]):
                    hits.append((m.start(1), m.end(1), Label.LOCATION, CONTEXT))
        if "aging" in words:  # "panhandle area agency on aging": named by the word before
            for m in _ON_AGING.finditer(lowered):
                place = word_before(lowered, m.start(), 30)
                if place is not None and self.plain_word(place[1]) and (
                        place[1] not in GENERIC) and place[1] not in KIN:
                    hits.append((place[0], m.end(), Label.ORGANIZATION, CONTEXT))
        if "ward" in words or "precinct" in words or "district" in words:  # a congregation's
            # or a city's ward, a police precinct or district, by its number: "lehi 22nd
            # ward", "the 68th precinct", "cpd 24th district"
            for m in _NUMBERED_WARD.finditer(lowered):
                place = word_before(lowered, m.start(), 30)
                start = place[0] if place is not None and self.plain_word(place[1]) and (
                    place[1] not in GENERIC) else m.start()
                hits.append((start, m.end(), Label.ORGANIZATION, CONTEXT))
        if "p.s." in lowered or "i.s." in lowered or "jhs" in words:  # "4th grade at p.s. 318"
            hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                        for m in _NUMBERED_SCHOOL.finditer(lowered))
        if "school" in words or "lyceum" in words or "gymnasium" in words:
            hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)  # "kherson school
                        for m in _SCHOOL_NUMBER.finditer(lowered))  # no. 12", "lyceum #5"
        if "pcr" in words or "incident" in words or "inc" in words:  # "pcr 26-04417", "inc#
            # 2611-04417", "incident # 26-118734"
            hits.extend((m.start(1), m.end(1), Label.ID, CONTEXT)
                        for m in _REPORT_NUMBER.finditer(lowered))
        if "university" in words:  # "a pharmacy student at university of the pacific"
            for m in _UNIVERSITY_OF.finditer(lowered):
                named = m.group(1).split()
                while named and not self.plain_word(named[-1]):
                    named.pop()  # "university of utah in": the name ends before "in"
                if named and all(self.plain_word(w) for w in named):
                    end = m.start(1) + len(" ".join(named))
                    hits.append((m.start(), end, Label.ORGANIZATION, CONTEXT))
        if "uss" in words or "/v " in lowered:  # a ship, named for someone: "assigned to uss
            # harold kessler", "deckhand on f/v lady cristina"
            for m in _SHIP.finditer(lowered):
                if all(self.plain_word(w) for w in m.group(1).split()):
                    hits.append((m.start(), m.end(), Label.ORGANIZATION, CONTEXT))
        if "lady" in words:  # "our lady of the marsh", "our lady of lourdes hospital"
            hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                        for m in _OUR_LADY.finditer(lowered))
        if "ward" in words or "unit" in words or "pod" in words:  # "ward 7b", "unit 6s"
            hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                        for m in _UNIT_CODE.finditer(lowered))
            for m in _UNIT_FIELD.finditer(lowered):
                name = m.group(1)
                if not (name in GENERIC or name in FUNCTION_WORDS or self.clinical(name)) and (
                        m.group(2) is not None or name not in KIND_WORDS):
                    hits.append((m.start(1), m.end(), Label.ORGANIZATION, CONTEXT))
        if "station" in words:  # a hospital's unit by its number: "then station 22 adult psych"
            hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                        for m in _STATION.finditer(lowered))
        if "west" in words or "east" in words or "north" in words or "south" in words or (
                "tower" in words):
            for m in _DIRECTIONS.finditer(lowered):
                if m.start() and lowered[m.start() - 1].isalnum():
                    continue
                start = m.start()
                before = word_before(lowered, start, 20)
                if before and self.loose(before[1]) and (
                        before[0] == 0 or lowered[before[0] - 1] in " \t\n(\""):
                    start = before[0]  # "Moffett 3 East"; not the "o" of "a&o"
                hits.append((start, m.end(), Label.ORGANIZATION, CONTEXT))
        return hits


@cache


def cue_finder() -> CueFinder:
    return CueFinder(lexicon())


def uncased(text: str) -> bool:
    """Whether a note carries no case information: all (or nearly all) capitals, or no word
    written with a capital and then small letters."""
    if text.isupper() or text.islower():  # (no capital at all: the scans below find none)
        return True
    if _TITLE.search(text) is None:
        return text.isascii() or not any(  # "Émile said": a capital outside ASCII
            m.group()[0].isupper() and m.group()[1].islower() for m in _PAIRS.finditer(text))
    # Counts of the letters A-Z and a-z. Deleting them from the UTF-8 bytes counts them in C
    # (every byte of a non-ASCII character is >= 0x80, so none is counted by mistake).
    data = text.encode("utf-8", "surrogatepass")
    upper = len(data) - len(data.translate(None, _ASCII_UPPER))
    return upper > 4 * (len(data) - len(data.translate(None, _ASCII_LOWER)))


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_PAIRS = re.compile(r"\b[^\W\d_]{2}")
# "Mary", "A frank talk"; not the pronoun "I", which phones capitalise in a note typed in
# lower case ("skipping the water pill when I go out").
_TITLE = re.compile(r"(?<![A-Za-z])(?:[A-Z][a-z]|A(?![A-Za-z]))")
