"""Finds what one chart already knows, however it is written: any case, possessive, initials,
parts of a name, nicknames, near misspellings, the birth date or a phone number in any format.

Built once per chart and reused. Speed: the text's words arrive as a set; a set intersection
says which chart words occur, and only those are then located, with a literal pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from closeddoor.deid.chart import ChartIdentifiers
from closeddoor.deid.chart_index import ChartIndex, build_index
from closeddoor.deid.context import lower_case_name_use, starts_sentence
from closeddoor.deid.cues import NOT_INITIALS
from closeddoor.deid.fuzzy import FuzzyNames
from closeddoor.deid.hits import CHART, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon, fold
from closeddoor.deid.spans import Label

_LETTERS = re.compile(r"[^\W\d_]+")
_PUNCTUATION_OUT = str.maketrans("", "", " \t().-/+")
_DIGITS = re.compile(r"\d+")
_DIGITY = re.compile(r"[\d(+][\d \t().\-/]{5,24}\d")
_EVERYDAY = 20_000


class ChartMatcher:
    def __init__(self, chart: ChartIdentifiers, lex: Lexicon) -> None:
        self.index: ChartIndex = build_index(chart, lex)
        self._lex = lex
        self._fuzzy = FuzzyNames(
            w for w, meaning in self.index.names.items()
            if not meaning.everyday and not meaning.derived and w.isalpha())
        self._words: dict[str, Label] = {w: Label.NAME for w in self.index.names}
        for word in self.index.place_words:
            self._words.setdefault(word, Label.LOCATION)
        for word in self.index.org_words:
            self._words.setdefault(word, Label.ORGANIZATION)
        # Plain string searches only: compiling patterns would cost more than one note's search.
        self._phrases = [(p.lower().split(), label) for p, label in (
            [(o, Label.ORGANIZATION) for o in self.index.org_names]
            + [(p, Label.LOCATION) for p in self.index.places]) if p.split()]
        self._codes = [parts for parts in (re.findall(r"[a-z0-9]+", c.lower())
                                           for c in self.index.codes) if parts]
        literals = [(e, Label.EMAIL) for e in self.index.emails | self.index.email_users]
        literals += [(z, Label.LOCATION) for z in self.index.zips]
        literals += [(c, Label.ID) for c in self.index.code_digits]
        literals += [(f, Label.DATE) for f in _compact_dates(self.index.birth_date)]
        self._literals = literals
        self._ruled_out: set[str] = set()  # words no misspelling check needs to see again
        self._last_seven = frozenset(p[-7:] for p in self.index.phones)
        self._literal_labels = dict(literals)
        # Initials and the short birthday, case as written: one literal alternation (a single
        # compile per chart; scanning for literals that start the pattern is fast).
        exact = [(f, "INIT") for f in _initials(self.index)]
        exact += [(f, "DOB") for f in _short_dates(self.index.birth_date)]
        self._exact_kinds = dict(exact)
        self._exact = re.compile("|".join(re.escape(f) for f, _ in sorted(
            exact, key=lambda fk: len(fk[0]), reverse=True))) if exact else None

    def find(self, text: str, lowered: str, words: set[str],
             digit_runs: Iterable[re.Match[str]] | None = None) -> list[Hit]:
        """Hits in `text`; `lowered` is `text` in lower case (same length), `words` the set
        of its lower-case letter-only words (accent-free forms included) and `digit_runs` its
        runs of digits (`\\d+`), when the caller has them."""
        hits: list[Hit] = []
        self._names(text, lowered, words, hits)
        for parts, label in self._phrases:
            hits.extend((a, b, label, CHART) for a, b in _sequences(lowered, parts, " \t\n,", 1))
        for parts in self._codes:
            hits.extend((a, b, Label.ID, CHART) for a, b in _sequences(lowered, parts,
                                                                       " -#:./", 0))
        for start, end, literal in occurrences(lowered, [x for x, _ in self._literals]):
            hits.append((start, end, self._literal_labels[literal], CHART))
        if self._exact is not None:
            self._exact_forms(text, hits)
        if self.index.phones:
            self._phones(text, hits, _DIGITS.finditer(text) if digit_runs is None
                         else digit_runs)
        return hits

    def _exact_forms(self, text: str, hits: list[Hit]) -> None:
        assert self._exact is not None
        for m in self._exact.finditer(text):
            start, end, form = m.start(), m.end(), m.group()
            if not _bounded(text, start, end):
                continue
            if self._exact_kinds[form] == "DOB":
                if text[start - 1:start] not in ("/", ".", "-") and not (
                        text[end:end + 1] in ("/", ".", "-") and text[end + 1:end + 2].isdigit()):
                    hits.append((start, end, Label.DATE, CHART))
            elif len(form) != 2 or form[1] != "." or _lone_initial_ok(text, end):
                hits.append((start, end, Label.NAME, CHART))

    def _names(self, text: str, lowered: str, words: set[str], hits: list[Hit]) -> None:
        known = words & self._words.keys()
        near: dict[str, str] = {}
        if self._fuzzy:
            # Only words no English word list holds: "Vasqeuz", not "mania" (near "Maria").
            # A word ruled out once is remembered (one client's notes repeat their words).
            fresh = words - self._ruled_out
            candidates = self._fuzzy.candidates(fresh - known - self._lex.vocabulary)
            if len(self._ruled_out) < 100_000:
                self._ruled_out |= fresh - candidates
            for word in candidates:
                name = self._fuzzy.match(word)
                if name is not None:
                    near[word] = name
        if not known and not near:
            return
        found = occurrences(lowered, known | near.keys())
        if not text.isascii():  # "José" in the text, "Jose" in the chart, or the reverse
            accented = {w for w in _LETTERS.findall(text) if not w.isascii() and fold(w) in known}
            found += occurrences(text, accented)
        for start, end, _ in found:
            word = text[start:end]
            key = word.lower() if word.isascii() else fold(word)
            if start > 1 and text[start - 1] in "'\u2019" and text[start - 2].isalpha() and (
                    start == 2 or not text[start - 3].isalnum()):
                start -= 2  # "O'Brien": the "O'" too
            meaning = self.index.names.get(key)
            everyday_place = self.index.place_words.get(key) or self.index.org_words.get(key)
            if (meaning is None and word.islower() and everyday_place
                    and not lower_case_name_use(text, start)):
                continue  # "the summit of": an everyday word that is also the employer's
            if meaning is not None and meaning.everyday:
                if word.islower() and not lower_case_name_use(text, start):
                    continue  # "she may return": the everyday word, not the client May
                if meaning.derived and (word.islower() or starts_sentence(text, start)):
                    continue  # "Will continue CBT": a nickname nobody wrote in the chart
            hits.append((start, end, self._words.get(key, Label.NAME), CHART))

    def _phones(self, text: str, hits: list[Hit], digit_runs: Iterable[re.Match[str]]) -> None:
        """The chart's phone numbers in any format. A number starts at a run of digits, or
        just before it at "(" or "+"; a letter glued before it rules it out."""
        consumed = 0
        phones, last_seven = self.index.phones, self._last_seven
        for run in digit_runs:
            start = run.start()
            if start < consumed:
                continue
            opening = start > 0 and text[start - 1] in "(+"
            begin = start - 1 if opening else start
            if begin and text[begin - 1].isalnum():
                continue
            m = _DIGITY.match(text, begin) or (_DIGITY.match(text, start) if opening else None)
            if m is None:
                continue
            consumed = m.end()
            digits = m.group().translate(_PUNCTUATION_OUT)
            if digits in last_seven if len(digits) == 7 else any(p in digits for p in phones):
                hits.append((m.start(), m.end(), Label.PHONE, CHART))

    def canonical_name(self, word: str) -> tuple[str, str] | None:
        """(canonical word, role) of a chart name as written, misspelt or not."""
        folded = fold(word)
        meaning = self.index.names.get(folded)
        if meaning is None and self._fuzzy:
            near = self._fuzzy.match(folded)
            meaning = self.index.names.get(near) if near else None
        return (meaning.canonical, meaning.role) if meaning is not None else None


def _bounded(text: str, start: int, end: int) -> bool:
    """No letter or digit glued to either side (a possessive or a hyphen is fine)."""
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum())


def _lone_initial_ok(text: str, end: int) -> bool:
    """"Client M. reported" yes; "vitamin D." at a sentence's end, no."""
    rest = text[end:end + 3]
    return bool(re.match(r"\s+[a-z]|\s*[,;:)]", rest))


def _sequences(lowered: str, parts: list[str], separators: str,
               least: int) -> list[tuple[int, int]]:
    """Where `parts` occur in order, joined by runs (at least `least` long) of `separators`:
    "412 Alder Street" as "412  alder street,", "MRN-00412" as "mrn 00412"."""
    found = []
    first = parts[0]
    start = lowered.find(first)
    while start >= 0:
        end = -1
        if start == 0 or not lowered[start - 1].isalnum():
            end = _follow(lowered, start + len(first), parts[1:], separators, least)
        if end > 0 and (end == len(lowered) or not lowered[end].isalnum()):
            found.append((start, end))
        start = lowered.find(first, start + 1)
    return found


def _follow(lowered: str, end: int, parts: list[str], separators: str, least: int) -> int:
    """Where the rest of a sequence ends, or -1 if it does not follow at `end`."""
    for part in parts:
        gap = end
        while gap < len(lowered) and lowered[gap] in separators:
            gap += 1
        if gap - end < least or not lowered.startswith(part, gap):
            return -1
        end = gap + len(part)
    return end


def _initials(index: ChartIndex) -> list[str]:
    forms = []
    for letters in index.initials:
        for joiner in (".", ". "):
            dotted = joiner.join(letters)
            forms += [dotted + ".", dotted]
        if letters not in NOT_INITIALS:
            forms.append(letters)
    return forms + [f"{letter}." for letter in index.client_initials]


def _compact_dates(born: date | None) -> set[str]:
    if born is None:
        return set()
    mm, dd, yy = f"{born.month:02}", f"{born.day:02}", f"{born.year % 100:02}"
    return {f"{mm}{dd}{born.year}", f"{mm}{dd}{yy}", f"{born.year}{mm}{dd}",
            f"{dd}{mm}{born.year}"}


def _short_dates(born: date | None) -> list[str]:
    """The birthday without a year in numbers ("3/14"), which alone reads like a rating."""
    if born is None:
        return []
    months = {str(born.month), f"{born.month:02}"}
    days = {str(born.day), f"{born.day:02}"}
    return [f"{m}{sep}{d}" for m in months for sep in "/.-" for d in days]
