"""The detector: shaped identifiers, dates, proper nouns and - given a chart - what it knows."""

from __future__ import annotations

import re
from functools import lru_cache

from closeddoor.deid.addresses import (
    find_uncased_addresses,
    find_uncased_streets,
    find_uncased_towns,
)
from closeddoor.deid.chart import ChartIdentifiers
from closeddoor.deid.chart_matcher import ChartMatcher
from closeddoor.deid.clinical import (
    NOT_STREET_NAMES,
    cue_finder,
    drop_clinical_guesses,
    uncased,
)
from closeddoor.deid.cues import US_STATES
from closeddoor.deid.dates import find_dates
from closeddoor.deid.hits import CONTEXT, STRUCTURED, Hit, merge
from closeddoor.deid.hits import lowered as lower
from closeddoor.deid.inverted_names import surnames_before_given_names
from closeddoor.deid.lexicon import fold, lexicon
from closeddoor.deid.patterns import find_patterns, find_spoken_phones
from closeddoor.deid.proper_nouns import proper_noun_finder
from closeddoor.deid.quoted_names import find_quoted_names
from closeddoor.deid.signatures import find_signatures
from closeddoor.deid.spans import Label, Span

_WORDS = re.compile(r"[a-zß-öø-ÿ]+")
_DIGITS = re.compile(r"\d+")
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]\.\s?$")  # "M. Vasquez", "Maria E. Vasquez"
# A ZIP code right after a town or a street address, in any case: "YAKIMA 98902", "apt 2, 49001".
_ZIP_AFTER = re.compile(r",?[ \t]{1,2}(\d{5}(?:-\d{4})?)(?![\w-])")
# More digit groups of a code, not a number with a unit: "C-31 447 902"; not "4471 2 mg".
_MORE_GROUPS = re.compile(r"(?:[ ]\d{3,4}(?![\w.%/-]|,\d))+(?![ \t]*[A-Za-z%])")
# The town after a street address, before the clause ends: "12 orchard st apt 2, peru."
_TOWN_AFTER = re.compile(r",[ \t]*([A-Za-z][A-Za-z'\u2019-]+(?:[ \t]+[A-Za-z][A-Za-z'\u2019-]+)?)"
                         r"(?=[ \t]*(?:[.;:)\n]|,[ \t]*[A-Za-z]{2}\b|$))")


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
        # A note in capitals or without any capitalised word is read with the words that may
        # be names capitalised (same offsets): capitals cannot be the cue there (issue 13).
        no_case = uncased(text)
        hits += self._proper_nouns.find(self._cues.truecase(text, words) if no_case else text,
                                        words, digit_runs)
        if self.matcher is not None:
            hits += self.matcher.find(text, lowered, words, digit_runs)
        hits += self._cues.find(lowered, words, digit_runs)
        if no_case:  # in a cased note the capitals say where such a name starts
            self._cues.businesses(lowered, words, hits)
            self._cues.named_after_cue(lowered, words, hits)
            self._cues.full_names(lowered, words, hits)
            self._cues.firms(lowered, words, hits)
            self._cues.fields(lowered, words, hits)
            self._cues.repeated_names(lowered, hits)
            find_uncased_towns(lowered, hits, lexicon())
            find_uncased_streets(lowered, words, hits, NOT_STREET_NAMES)
        # Typed in lower case even in a cased note: "it's like 1450 kietzke lane".
        find_uncased_addresses(lowered, hits, digit_runs, NOT_STREET_NAMES,
                               None if no_case else text, words)
        find_signatures(text, lowered, words, hits, lexicon(), NOT_STREET_NAMES)
        find_quoted_names(text, hits, lexicon(), NOT_STREET_NAMES)
        if "," in text:
            hits += surnames_before_given_names(text, hits, lexicon(), not no_case,
                                                NOT_STREET_NAMES)
        _after_places_and_codes(text, hits)
        hits = drop_clinical_guesses(hits, text, lowered, not no_case)
        if not no_case:
            self._cues.names_again(text, lowered, hits)
        return _with_initials(merge(hits, text), text)


def _after_places_and_codes(text: str, hits: list[Hit]) -> None:
    """Add the ZIP codes that follow a place found by any finder, the town after a street
    address (the place is their context where no capital or state code is), and the last
    groups of a code written in groups ("claim no. C-31 447 902")."""
    found = [(start, end, label) for start, end, label, _ in hits
             if label is Label.LOCATION or label is Label.ID]
    for start, end, label in found:
        if label is Label.ID:
            groups = _MORE_GROUPS.match(text, end)
            if groups is not None:
                hits.append((start, groups.end(), Label.ID, STRUCTURED))
            continue
        m = _ZIP_AFTER.match(text, end)
        if m is not None:
            hits.append((m.start(1), m.end(1), Label.LOCATION, STRUCTURED))
        elif text[start].isdigit():  # a street address
            town = _TOWN_AFTER.match(text, end)
            if town is not None and _town(town.group(1).lower().split()):
                hits.append((town.start(1), town.end(1), Label.LOCATION, CONTEXT))


def _town(words: list[str]) -> bool:
    """Whether the words after a street address may be its town: a town of the gazetteer, or
    words none of them everyday or shorthand ("12 orchard st, peru"; not "44 main st, daily")."""
    lex = lexicon()
    if " ".join(words) in US_STATES:
        return False  # "3012 glen ellen rd, sergeant bluff, iowa."
    return tuple(words) in lex.multiword_cities.get(words[0], ()) or all(
        w not in NOT_STREET_NAMES and (w in lex.cities or w not in lex.everyday) for w in words)


def _with_initials(spans: list[Span], text: str) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if span.label is Label.NAME:
            m = _INITIAL_BEFORE.search(text, max(0, span.start - 4), span.start)
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
