"""The detector: shaped identifiers, dates, proper nouns and - given a chart - what it knows."""

from __future__ import annotations

import re
from functools import lru_cache

from closeddoor.deid.acronym_names import find_named_by_acronym
from closeddoor.deid.addresses import (
    ORDINAL_ENDS,
    find_corners,
    find_lettered_avenues,
    find_type_first_streets,
    find_uncased_addresses,
    find_uncased_streets,
    find_uncased_towns,
)
from closeddoor.deid.after_hits import after_hits
from closeddoor.deid.agencies import (
    find_agency_offices,
    find_county_bodies,
    find_military_bases,
    find_police_by_town,
    find_school_districts,
)
from closeddoor.deid.ampersand_firms import find_ampersand_firms
from closeddoor.deid.chains import find_chains
from closeddoor.deid.chart import ChartIdentifiers
from closeddoor.deid.chart_matcher import ChartMatcher
from closeddoor.deid.clinical import cue_finder, uncased
from closeddoor.deid.clinical_guesses import drop_clinical_guesses
from closeddoor.deid.clinical_words import CUE_WORDS, NOT_STREET_NAMES
from closeddoor.deid.compound_surnames import find_compound_surnames
from closeddoor.deid.cued_bodies import find_cued_bodies
from closeddoor.deid.dates import find_dates
from closeddoor.deid.facilities import (
    find_businesses,
    find_fields,
    find_firms,
    find_named_after_cue,
)
from closeddoor.deid.foreign_letters import find_marked_words
from closeddoor.deid.hits import CONTEXT, Hit, merge
from closeddoor.deid.hits import lowered as lower
from closeddoor.deid.holy_names import HOLY_CUES, find_holy_names
from closeddoor.deid.initials import find_initialled_names
from closeddoor.deid.inverted_names import hyphenated_given_names, surnames_before_given_names
from closeddoor.deid.kind_first_names import find_kind_first_names
from closeddoor.deid.lexicon import fold, lexicon
from closeddoor.deid.name_lists import find_listed_names
from closeddoor.deid.patterns import (
    find_local_phones,
    find_patterns,
    find_postcodes_abroad,
    find_spoken_phones,
)
from closeddoor.deid.person_cues import (
    find_full_names,
    find_hyphenated_given_names,
    find_initials_as_names,
    find_listed_kin,
    find_names_again,
    find_names_with_ages,
    find_repeated_names,
)
from closeddoor.deid.place_kinds import KIND_WORDS
from closeddoor.deid.place_words import find_place_words
from closeddoor.deid.proper_nouns import proper_noun_finder
from closeddoor.deid.quoted_names import find_quoted_names, find_unquoted_nicknames
from closeddoor.deid.regions import find_regions
from closeddoor.deid.signatures import find_signatures
from closeddoor.deid.societies import (
    BODY_WORDS,
    UNIVERSITY_SYSTEMS,
    find_bodies_of_places,
    find_peoples_centres,
    find_societies,
)
from closeddoor.deid.spans import Label, Span
from closeddoor.deid.state_bodies import KINDS as STATE_BODY_KINDS
from closeddoor.deid.state_bodies import (
    find_service_centres,
    find_state_bodies,
    find_state_forces,
)
from closeddoor.deid.tribal_bodies import NATION_WORDS as TRIBAL_NATIONS
from closeddoor.deid.tribal_bodies import find_tribal_bodies
from closeddoor.deid.workplaces import find_employers_after_work

_WORDS = re.compile(r"[a-zß-öø-ÿ]+")
_DIGITS = re.compile(r"\d+")
# "M. Vasquez", "Maria E. Vasquez"; and the prefixes of a given name, written as capitals
# even without case: Filipino "Ma." (María), Rhade "Y" (a man) and "H'" (a woman): "Ma.
# Corazon Obias", "Y-Ben Adrơng", "H'Bia Ayŭn".
_PREFIX = r"|Ma\.\s?|MA\.\s?|Y[ \t-]|H['\u2019]"
_INITIAL_BEFORE = re.compile(r"(?<![\w.'\u2019])(?:[A-Z]\.\s?" + _PREFIX + r")$")
# Without case: not "v." (versus), "i." (a numeral), a unit after a number ("300 s."), nor a
# letter glued to a word ("opal's.", "lisw-s.", "f/u.").
_ANY_INITIAL_BEFORE = re.compile(r"(?<![\w.'\u2019/])(?<!\w-)(?<!\d )(?:[A-HJ-UW-Za-hj-uw-z]\.\s?"
                                 + _PREFIX + r")$")
class Deidentifier:
    """Finds identifiers in text; holds the compiled matcher for one chart, so reuse it.

    Thread-safe for reading: its caches only ever gain entries.
    """

    def __init__(self, chart: ChartIdentifiers | None = None) -> None:
        self._proper_nouns = proper_noun_finder()
        self._cues = cue_finder()
        self.chart = chart
        self.matcher = (ChartMatcher(chart, lexicon())
                        if chart is not None and chart != ChartIdentifiers() else None)

    def find(self, text: str) -> list[Span]:
        """Every identifier in `text`: sorted, non-overlapping spans (adjacent words of one
        label joined), offsets into `text`."""
        lowered = lower(text)
        words = set(_WORDS.findall(lowered))
        if not text.isascii():
            words |= {fold(w) for w in words if not w.isascii()}
        digit_runs = list(_DIGITS.finditer(text))  # shared: numbers, dates, addresses, phones
        hits: list[Hit] = find_patterns(text, digit_runs)
        hits += find_dates(text, words, lowered, digit_runs)
        hits += find_spoken_phones(lowered, words)
        hits += find_local_phones(lowered, digit_runs)
        hits += find_postcodes_abroad(text, words)
        # A note in capitals or without any capitalised word is read with the words that may
        # be names capitalised (same offsets): capitals cannot be the cue there (issue 13).
        no_case = uncased(text)
        hits += self._proper_nouns.find(self._cues.truecase(text, words) if no_case else text,
                                        words, digit_runs)
        hits += find_marked_words(text, not no_case, lexicon())
        find_kind_first_names(lowered, words, hits, lexicon())
        find_agency_offices(lowered, words, hits, NOT_STREET_NAMES)
        find_place_words(lowered, words, hits, NOT_STREET_NAMES, KIND_WORDS)
        if self.matcher is not None:
            hits += self.matcher.find(text, lowered, words, digit_runs)
        hits += self._cues.find(lowered, words, digit_runs)
        if no_case:  # in a cased note the capitals say where such a name starts
            find_businesses(self._cues, lowered, words, hits)
            find_named_after_cue(self._cues, lowered, words, hits)
            find_employers_after_work(self._cues, lowered, words, hits)
            find_full_names(self._cues, lowered, words, hits)
            find_listed_kin(self._cues, lowered, words, hits)
            find_initialled_names(self._cues, lowered, hits)
            if "-" in lowered:
                find_hyphenated_given_names(self._cues, lowered, hits)
            find_firms(self._cues, lowered, words, hits)
            find_cued_bodies(self._cues, lowered, words, hits)  # "with | garden state home care"
            if "&" in lowered:
                find_ampersand_firms(self._cues, lowered, hits)
            if "(" in lowered:
                find_named_by_acronym(self._cues, lowered, hits)
            find_fields(self._cues, lowered, words, hits)
            find_repeated_names(self._cues, lowered, hits)
            find_uncased_towns(lowered, hits, lexicon())
            find_regions(lowered, words, hits, lexicon())  # "from cherán, michoacán"
            hits.extend((start, end, Label.LOCATION, CONTEXT)  # "clinic, eau claire"
                        for start, end in self._cues.cities_after_cue(lowered, words)
                        if " " in lowered[start:end])  # (one word: "lalo point, guam")
            find_uncased_streets(lowered, words, hits, NOT_STREET_NAMES)
            if "cultural" in words or "heritage" in words or "community" in words:
                find_peoples_centres(self._cues, lowered, hits)  # "finnish american heritage
                # center"
        else:  # a town typed in lower case in a cased note: "sister lives in san jose"
            hits.extend((start, end, Label.LOCATION, CONTEXT)
                        for start, end in self._cues.lower_case_cities(text, lowered, words))
        # Typed in lower case even in a cased note: "it's like 1450 kietzke lane".
        find_uncased_addresses(lowered, hits, digit_runs, NOT_STREET_NAMES,
                               None if no_case else text, words)
        if not ORDINAL_ENDS.isdisjoint(words) and ("and" in words or "&" in lowered):  # "near
            # 24th and l", "bergenline & 32nd" (an ordinal's ending is a word of its own here)
            find_corners(lowered, digit_runs, hits, NOT_STREET_NAMES)
        find_lettered_avenues(lowered, words, hits)  # "on avenue f", "on o street"
        find_type_first_streets(lowered, words, hits)  # "9001 boul. saint-michel"
        find_signatures(text, lowered, words, hits, lexicon(), NOT_STREET_NAMES)
        find_quoted_names(text, hits, lexicon(), NOT_STREET_NAMES)
        find_unquoted_nicknames(lowered, hits, lexicon(), NOT_STREET_NAMES)
        if ":" in text:
            hits += find_listed_names(lowered, words, lexicon(), NOT_STREET_NAMES, CUE_WORDS)
        if "," in text:
            hits += surnames_before_given_names(text, hits, lexicon(), not no_case,
                                                NOT_STREET_NAMES)
            hits += hyphenated_given_names(text, hits, lexicon(), not no_case, NOT_STREET_NAMES)
        if not HOLY_CUES.isdisjoint(words):  # "ss. peter and paul", "holy cross of polonia"
            find_holy_names(text, lowered, words, not no_case, hits, lexicon())
        find_chains(self._cues, lowered, words, hits)  # "works nights at amazon", "rx to
        # walgreens on 5th", "hyatt regency long beach"
        after_hits(text, lowered, words, hits, not no_case)
        find_compound_surnames(lowered, words, hits)
        if "police" in words:
            find_police_by_town(text, lowered, hits, not no_case)
        if "base" in words or "station" in words:  # "clark air base", "naval station norfolk"
            find_military_bases(text, lowered, hits, not no_case, NOT_STREET_NAMES)
        if not no_case and ("ISD" in text or "USD" in text):  # "with Fort Bend ISD"
            find_school_districts(text, hits)
        if "county" in words or "parish" in words or "borough" in words:  # "| division on aging"
            find_county_bodies(text, lowered, hits, not no_case)
        if not STATE_BODY_KINDS.isdisjoint(words):  # "the massachusetts department of ..."
            find_state_bodies(text, lowered, words, hits, lexicon(), not no_case)
        if "patrol" in words or "university" in words or ("state" in words and (
                "police" in words or "troopers" in words)):  # "washington state patrol"
            find_state_forces(text, lowered, hits, not no_case)
        if not TRIBAL_NATIONS.isdisjoint(words):  # "hualapai nation police department"
            find_tribal_bodies(text, lowered, words, hits, lexicon(), not no_case)
        if "human" in words:  # "west central human service center"
            find_service_centres(text, lowered, hits, lexicon(), not no_case)
        if "of" in words and not BODY_WORDS.isdisjoint(words):  # "the dogon community of ohio"
            find_societies(self._cues, text, lowered, words, hits, not no_case)
        if "port" in words or "college" in words or "aid" in words or not (
                UNIVERSITY_SYSTEMS.isdisjoint(words)):  # "the port of long beach", "uc davis"
            find_bodies_of_places(self._cues, text, lowered, words, hits, not no_case)
        hits = drop_clinical_guesses(hits, text, lowered, not no_case)
        if not no_case:
            if ")" in text:
                find_names_with_ages(self._cues, text, hits)
            find_initials_as_names(self._cues, text, lowered, words, hits)
            find_names_again(self._cues, text, lowered, hits)
        return _with_initials(_across_particles(_whole_codes(merge(hits, text), text), text),
                              text, no_case)


# Little words inside a name, between two of its parts found: "Parroquia Santa Rosa | de |
# Lima", "Nioro | du | Sahel", "Casals | i | Ferrer". Not "and", "of": "Dr. Rao and Longleaf
# Regional", "Dr. Obi of Organ Mountain Clinic" are two; nor "y", "i", "e" between two people
# ("Pedro y Ana").
_PARTICLE = re.compile(r"[ \t]+(de|del|della|degli|di|da|do|dos|das|du|des|la|le|van|von|der|den|"
                       r"und|im|am|zu|ag|al|el|bin|ibn|y|i|e)[ \t]+", re.IGNORECASE)
_AND_WORDS = frozenset({"y", "i", "e"})
_NAMED = frozenset({Label.NAME, Label.ORGANIZATION, Label.LOCATION})


def _across_particles(spans: list[Span], text: str) -> list[Span]:
    """Two spans found with one little word of a name between them, taken as one span."""
    out: list[Span] = []
    for span in spans:
        if out:
            last = out[-1]
            m = _PARTICLE.fullmatch(text, last.end, span.start) if (
                span.start - last.end < 9) else None
            if m is not None and last.label in _NAMED and span.label in _NAMED and not (
                    m.group(1).lower() in _AND_WORDS and last.label is Label.NAME
                    and span.label is Label.NAME):
                label = (Label.ORGANIZATION if Label.ORGANIZATION in (last.label, span.label)
                         else last.label)
                out[-1] = Span(last.start, span.end, label)
                continue
        out.append(span)
    return out


def _whole_codes(spans: list[Span], text: str) -> list[Span]:
    """Each code found inside a word taken whole, with up to four letters glued before it and
    up to four digits before them: the digits of "ol rt448127" were found, the licence is
    "rt448127"."""
    if not any(s.label is Label.ID and s.start and text[s.start - 1].isalpha() for s in spans):
        return spans  # (the common case: read once)
    out: list[Span] = []
    for span in spans:
        start = span.start
        if span.label is Label.ID and start and text[start - 1].isalpha():
            while start > max(0, span.start - 4) and text[start - 1].isalpha():
                start -= 1
            letters = start
            while start > max(0, letters - 4) and text[start - 1].isdigit():
                start -= 1  # digits before the letters: a court's index "2025na | 011742"
            if (start and text[start - 1].isalnum()) or (out and out[-1].end > start):
                start = span.start  # (a longer word: not a code's letters)
            span = Span(start, span.end, span.label)
        out.append(span)
    return out


def _with_initials(spans: list[Span], text: str, no_case: bool) -> list[Span]:
    """Names found, each with the initial before it ("M. | Vasquez"; without case, any letter
    with a full stop: "cps worker a. | tolliver")."""
    initial_before = _ANY_INITIAL_BEFORE if no_case else _INITIAL_BEFORE
    out: list[Span] = []
    for span in spans:
        if span.label is Label.NAME:
            m = initial_before.search(text, max(0, span.start - 4), span.start)
            if m and (not out or out[-1].end <= m.start()):
                span = Span(m.start(), span.end, span.label)
                if out and out[-1].label is Label.NAME and text[out[-1].end:m.start()].isspace():
                    span = Span(out.pop().start, span.end, span.label)
        out.append(span)
    return out


@lru_cache(maxsize=32)
def _deidentifier(chart: ChartIdentifiers | None) -> Deidentifier:
    return Deidentifier(chart)


def find_identifiers(text: str, chart: ChartIdentifiers | None = None) -> list[Span]:
    """Every Safe Harbor identifier in `text` (see `Deidentifier.find`); keeps the matchers of
    the last few charts, so calling it note after note for one client builds one matcher."""
    return _deidentifier(chart).find(text)
