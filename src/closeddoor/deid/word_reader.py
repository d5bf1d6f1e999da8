"""What a word can be in a note without case, and the note written with capitals (issue 13).

Case restoration (`WordReader.truecase`): a note with no case information (all capitals, or no
capitalised word at all) is read with name-list words capitalised, so the rest of the engine
sees "dr Okafor" where the note says "DR OKAFOR" or "dr okafor". Offsets do not move. The
other questions (`name_like`, `anchor`, `loose` ...) are the word tests the case-blind cues
(`clinical.py`, `facilities.py`, `person_cues.py`) share.
"""

from __future__ import annotations

import re

from closeddoor.deid import cues
from closeddoor.deid.clinical_words import (
    CLINICAL_WORDS,
    CUE_WORDS,
    EVERYDAY,
    FOLLOWERS,
    FUNCTION_WORDS,
    LETTERS,
    LOOSE,
    NAMING_COLOURS,
    PLAIN_FOLLOWERS,
    RARE,
    VERB_LIKE,
    VOWEL,
    WORD,
    WORKS_AS_VERB,
    word_before,
)
from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import occurrences
from closeddoor.deid.lexicon import Lexicon, fold
from closeddoor.deid.place_kinds import (
    GENERIC,
    HEADS,
    INNER,
    KIND_WORDS,
    NAMING_HEADS,
    PLACE_ANCHORS,
)

# Given names that are also shorthand or everyday words, read as names after a relation word
# only when what follows is what follows a name (`person_cues._KIN_NAME_THEN`, or the clause
# ends): "uncle art showed up", "wife hope plays piano", "girlfriend amber and her son"; not
# "son will call".
_NOT_KIN_NAMES = frozenset(split_words("""
ab brown cap doctor echo ed green haven infant le lue may pink said senna sunday tab tan trace us
"""))
# Unknown words that are no names: acronyms written in lower case, and what words are made of.
_ACRONYMS = frozenset(w.lower() for w in cues.NOT_INITIALS | cues.NOT_NAMES)
_CONSONANTS = re.compile(r"^[^aeiouy]{3}|[^aeiouy]{3}$")  # "emdr", "fmla": letters, not a word
_ENDINGS = ("s", "es", "ed", "ing", "er", "ers", "ly", "al", "ness", "ment", "ity", "ize",
            "izing", "ized", "ise", "ising", "ic", "ia", "y")
_PREFIXES = ("hyper", "hypo", "super", "sub", "pre", "post", "anti", "non", "un", "re", "over",
             "under", "uro", "neuro", "psycho", "tele", "micro", "cardio", "gastro", "dys", "mis")
_DOTTED = re.compile(r"(?<![\w.])[a-z]\.[ ]?[a-z]\.(?:[ ]?[a-z]\.)?(?!\w)")
_DOTTED_WORDS = frozenset(split_words("""
am pm eg ie po bid tid qid qd hs ac pc os od ou nb ps dc md rn np pa er us uk do id aa na la
ny cc ad as au qh tv ok vs pt ot sw iv im sq sl pr rx dx hx tx sx fx bm uo
"""))
_PLACE_PREPS = frozenset(split_words("in to from near outside of at"))
_SAINT_WORDS = frozenset({"st", "saint"})
_SAINT_LEAD = re.compile(r"(?:st\.?|saint)[ \t]+")  # "st. cloud", "saint paul"
# Two words joined by a hyphen ("brown-hernandez"), neither part of a longer chain.
_HYPHENED = re.compile(r"(?<![\w-])([a-z]{2,})-([a-z]{2,})(?![\w-])")
# Words joined by hyphens, two or more: "port-au-prince".
_HYPHEN_CHAIN = re.compile(r"(?<![\w-])[a-z]{2,}(?:-[a-z]{2,})+(?![\w-])")
# Street types that are verbs or little words after a name far more often: "john drives
# truck", "thuy via language line", "kim walks daily".
_VERB_TAILS = frozenset(split_words("drives via walks views"))
# Places a person attends, after a possessive: "jake's school", "ruby's church".
_ATTENDED = frozenset({"school", "church", "academy", "college"})
_ARTICLES = frozenset(split_words("a an the this that these those some any more most very no"))


def _longest_at(low: str, start: int, candidates: tuple[tuple[str, ...], ...]) -> int | None:
    """The end of the first of `candidates` (word tuples, longest first) written as words from
    `start`, spaces between, or None. The words at `start` are read once, then each candidate
    is one tuple comparison: a note reads hundreds of candidates ("new ...", "lake ...")."""
    if not candidates:
        return None
    words: list[str] = []
    ends: list[int] = []
    pos = start
    while len(words) < len(candidates[0]):
        word = WORD.match(low, pos)
        if word is None:
            break
        words.append(word.group())
        ends.append(word.end())
        pos = word.end()
        while low[pos:pos + 1] == " ":
            pos += 1
    read = {n: tuple(words[:n]) for n in range(1, len(words) + 1)}
    for parts in candidates:
        if read.get(len(parts)) == parts:
            return ends[len(parts) - 1]
    return None


def _shorthand_opens_only_rare_cities(lex: Lexicon, first: str) -> bool:
    """Whether every city of several words that opens with a word of shorthand goes on with a
    rare word of five letters or more: "des | moines", "des | plaines" (not "clear | lake")."""
    return first not in PLAIN_FOLLOWERS and len(first) > 2 and all(
        len(city[1]) > 4 and lex.freq(city[1]) < RARE and city[1] not in CLINICAL_WORDS
        for city in lex.multiword_cities[first])


class WordReader:
    """What a word can be in a note without case, by the word lists: a name, a place, shorthand,
    a word that may stand in a name. One per process (through `clinical.cue_finder`)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        # One memo per question: a word's answer must not depend on which was asked first.
        self._caps: dict[str, bool] = {}
        self._unknown: dict[str, bool] = {}
        # Not a function word or shorthand: "the colony", "in" and "st" would cost a look at
        # every "the" (and "st" is read by the saint pattern).
        self._city_firsts = frozenset(k for k in lex.multiword_cities if k.isascii() and (
            k not in FOLLOWERS or k in NAMING_COLOURS or _shorthand_opens_only_rare_cities(
                lex, k)) and k not in FUNCTION_WORDS)  # ("green bay", "des moines")
        self._tails = frozenset((cues.ORG_SUFFIXES | lex.street_suffixes | {"county"})
                                - CLINICAL_WORDS - FUNCTION_WORDS - _VERB_TAILS)
        # The ASCII words `capitalise` says yes to, as one set: a note's words are then
        # intersected with it instead of looked up one by one (truecasing is on the hot path).
        self._capitalised = frozenset(
            w for w in lex.first_names | lex.last_names | lex.cities | lex.world_first_names
            if w.isascii() and len(w) > 1 and not self.clinical(w) and lex.freq(w) < EVERYDAY)
        # Those that are common words too: capitalised only where the words around say a name.
        self._common = frozenset(w for w in self._capitalised if lex.freq(w) >= RARE)
        self._cities: tuple[str, list[tuple[int, int]]] = ("", [])  # the last note's cities
        # The first words of hyphenated towns ("wilkes" of "wilkes-barre"): a note holding
        # none is not scanned for them.
        self._hyphen_town_firsts = frozenset(c.split("-", 1)[0] for c in lex.cities if "-" in c)
        self._odd_city_firsts = frozenset(k for k in self._city_firsts if lex.freq(k) < EVERYDAY)
        # Towns named for a saint, by the word after "saint" ("cloud": ("cloud",)), however
        # the gazetteer writes "saint": read at every "st" of a note, so looked up, not scanned.
        saints: dict[str, set[tuple[str, ...]]] = {}
        for key in ("st.", "st", "saint"):
            for city in lex.multiword_cities.get(key, ()):
                saints.setdefault(city[1], set()).add(city[1:])
        self._saint_cities = {word: tuple(sorted(rests, key=len, reverse=True))
                              for word, rests in saints.items()}

    # --- what a word can be -------------------------------------------------------------------
    def clinical(self, word: str) -> bool:
        """A known non-identifier of clinical text: shorthand, a unit, a drug."""
        return word in CLINICAL_WORDS or word in self.lex.things

    def name_like(self, word: str, strong: bool, titled: bool = False) -> bool:
        lex = self.lex
        if titled and len(word) > 1 and word not in PLAIN_FOLLOWERS:
            return True  # "mr. foley", "ms. brown", "mrs. green": shorthand, but a surname here
        if not word[0].isalpha() or len(word) < 2 or word in FUNCTION_WORDS:
            return False
        if word in FOLLOWERS:  # "md aware", "wife called"; and shorthand: "niece lue" is
            return False  # left upper extremity first (only the chart can say otherwise)
        freq = lex.freq(word)
        if strong:  # "dr keys", "dr brown": whatever the word, unless a follower
            return True
        if word in lex.things:
            return False  # "meds per son: metformin": a drug
        if "-" in word and word.split("-", 1)[0] in _PREFIXES and not any(
                lex.is_name(p) for p in word.split("-")):
            return False  # "mother, non-emergent", "post-ictal": a prefix and a word
        if lex.is_name(word):
            return freq < 200_000
        return freq < LOOSE and not (freq >= RARE and VERB_LIKE.search(word))  # "switched"

    def anchor(self, word: str) -> bool:
        """A word that can be a facility's proper part: a name, a place, a rare word."""
        lex = self.lex
        if word in FOLLOWERS or word in HEADS or word in INNER or self.clinical(word):
            return word in PLACE_ANCHORS
        return (lex.is_name(word) or word in lex.cities or lex.freq(word) < RARE
                or word in PLACE_ANCHORS)

    def intro_word(self, word: str) -> bool:
        """A word that can be part of the name a note opens its story with ("___ is a 97 y/o
        man"): not a function word, a follower, shorthand or an everyday word."""
        return (word.isalpha() and len(word) > 1 and word not in FUNCTION_WORDS
                and word not in FOLLOWERS and word not in CUE_WORDS and not self.clinical(word)
                and (self.lex.freq(word) < EVERYDAY or self.lex.is_name(word)))

    def loose(self, word: str) -> bool:
        """A word that may stand in a name when a cue says a name is there."""
        return (word not in FOLLOWERS and not self.clinical(word)
                and (word not in HEADS or word in NAMING_HEADS)
                and self.lex.freq(word) < LOOSE)

    def everyday_given_name(self, word: str) -> bool:
        """A given name that may be one even where it is also a word ("art", "hope", "will"):
        in the lists, no function word, and not among `_NOT_KIN_NAMES` ("said", "ed")."""
        return (word in self.lex.first_names and word not in FUNCTION_WORDS
                and word not in _NOT_KIN_NAMES)

    def name_word(self, word: str) -> bool:
        """A word of a name that a shape says comes (a note's subject, a newborn's chart
        name): a name or a rare word of more than one letter, none shorthand, a function word
        or a kind of place ("baby boy born at 0300", "baby girl a" of twins)."""
        return len(word) > 1 and not (word in FOLLOWERS or word in FUNCTION_WORDS
                                      or word in CUE_WORDS or word in KIND_WORDS
                                      or self.clinical(word)) and (
            self.lex.is_name(word) or self.lex.freq(word) < RARE)

    def proper(self, word: str) -> bool:
        """A word that may name, not one that says which kind: "lakeshore", "holcomb",
        "child"; not "detox", "subacute", "nursing" nor shorthand."""
        return word not in GENERIC and word not in INNER and not self.clinical(word)

    def hospital_acronym(self, word: str) -> bool:
        """A hospital's initials ("mgh", "bwh", "bidmc", "ummc"): letters only, no word, name or
        shorthand ("osh", an outside hospital, names none)."""
        return (word.isalpha() and word not in FOLLOWERS and not self.clinical(word)
                and not self.lex.is_name(word) and self.lex.freq(word) < RARE)

    def past_tense(self, word: str) -> bool:
        """A verb's past: "escorted", "updated", "e-mailed"; not "speed", "reed"."""
        known, last = self.lex.vocabulary, word.rsplit("-", 1)[-1]
        return last.endswith("ed") and len(last) > 4 and (
            last[:-2] in known or last[:-1] in known)

    def uncommon_surname(self, word: str) -> bool:
        """A surname seldom written as a word, no shorthand: "begay", "tubbs"."""
        return (word not in FOLLOWERS and not self.clinical(word) and self.lex.freq(word) < RARE
                and (word in self.lex.last_names or self.unknown_name(word)))

    def kin_name(self, word: str) -> bool:
        """A word that may be part of a relative's name: a given name, a surname or a rare
        word, and no function word, follower, cue word or shorthand."""
        lex = self.lex
        return self.plain_word(word) and (word in lex.first_names or word in lex.last_names
                                           or lex.freq(word) < RARE)

    def plain_word(self, word: str) -> bool:
        """Letters, more than one, and no function word, follower, cue word or shorthand."""
        return (word.isalpha() and len(word) > 1 and word not in FUNCTION_WORDS
                and word not in FOLLOWERS and word not in CUE_WORDS and not self.clinical(word))

    # --- truecasing ---------------------------------------------------------------------------
    def capitalise(self, word: str) -> bool:
        """Whether a word of a note without case information is written with a capital."""
        found = self._caps.get(word)
        if found is None:
            lex = self.lex
            found = (not self.clinical(word) and len(word) > 1
                     and (lex.is_name(word) or word in lex.cities
                          or word in lex.world_first_names)
                     and lex.freq(word) < EVERYDAY)
            if len(self._caps) < 200_000:
                self._caps[word] = found
        return found

    def unknown_name(self, word: str) -> bool:
        """Whether a word no word list holds may be a name: not shorthand, a drug or an
        acronym ("emdr", "qtc": no vowel, or a known one), and not made of known words
        ("journaling", "hyperarousal", "voicemail", "urosepsis")."""
        found = self._unknown.get(word)
        if found is None:
            found = (len(word) > 2 and not self.clinical(word) and word not in FOLLOWERS
                     and word not in CUE_WORDS  # "stepdad wade": the relation is no name
                     and word not in _ACRONYMS and VOWEL.search(word) is not None
                     and not self._derived(word))
            if len(self._unknown) < 200_000:
                self._unknown[word] = found
        return found

    def _derived(self, word: str) -> bool:
        """Whether an unknown word is a known word with an ending, a prefix, or two known
        words joined."""
        known = self.lex.vocabulary
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[:-len(ending)]
                if stem in known or stem + "e" in known or (
                        len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in known):
                    return True
        for prefix in _PREFIXES:
            if word.startswith(prefix) and word[len(prefix):] in known:
                return True
        everyday = self.lex.everyday
        return _CONSONANTS.search(word) is not None or any(
            (word[:i] in everyday and word[i:] in known)
            or (word[:i] in known and word[i:] in everyday) for i in range(4, len(word) - 3))

    def truecase(self, text: str, words: set[str] | None = None) -> str:
        """`text` lower-cased, with words that may be names capitalised; same length.
        `words`, the set of its lower-case words, saves a scan when the caller has it."""
        low = text.lower()
        if len(low) != len(text):
            return text
        if words is None or not text.isascii():
            words = {m.group() for m in LETTERS.finditer(low)}
        names: set[str] | frozenset[str]
        unknown: set[str] = set()
        if text.isascii():
            names = self._capitalised.intersection(words)
            # A word no English word list holds (nor shorthand, nor a drug) is written with a
            # capital in a cased note more often than not: "zoila", "kendrys" (issue 13).
            unknown = words.difference(self.lex.vocabulary)
            if unknown:
                unknown = {w for w in unknown if self.unknown_name(w)}
                names = names | unknown
        else:
            names = {w for w in words if self.capitalise(w if w.isascii() else fold(w))
                     and (w.isascii() or w not in CUE_WORDS)}  # not "née" (folded, a surname)
            # One accented word ("diné man from naschitti") leaves the others as unknown as
            # in an ASCII note; an accented unknown word is more often a language's word.
            unknown = {w for w in words if w.isascii() and w not in self.lex.vocabulary
                       and self.unknown_name(w)}
            names |= unknown
        if not names and "." not in low:
            return low
        chars = list(low)
        for start, _, name in occurrences(low, names):
            if name in self._common and not self._named_here(low, start, name):
                continue
            chars[start] = chars[start].upper()
            if name in unknown:  # "justice oyelaran", "storm whitehorse": a given name that
                before = word_before(low, start, 16)  # is an everyday word, before a surname
                if before is not None and self._given_before_unknown(before[1]):  # no list
                    chars[before[0]] = chars[before[0]].upper()  # holds
        if "-" in low:  # "brown-hernandez": a surname joined to a capitalised one is one too
            for m in _HYPHENED.finditer(low):
                left, right = m.start(1), m.start(2)
                if self.clinical(m.group()):  # "cheyne-stokes": shorthand, though both are names
                    chars[left], chars[right] = low[left], low[right]
                elif chars[left].isupper() != chars[right].isupper():
                    other = m.group(1) if chars[right].isupper() else m.group(2)
                    if other in self.lex.last_names and other not in FUNCTION_WORDS:
                        chars[left] = chars[left].upper()
                        chars[right] = chars[right].upper()
            for m in (_HYPHEN_CHAIN.finditer(low)  # "wilkes-barre", "port-au-prince": a
                      if not self._hyphen_town_firsts.isdisjoint(words) else ()):  # town of
                if m.group() in self.lex.cities:  # the gazetteer, hyphens and all
                    for part in LETTERS.finditer(low, m.start(), m.end()):
                        if len(part.group()) > 2:  # (not "au")
                            chars[part.start()] = chars[part.start()].upper()
        if "." in low:  # "c.m.", "s.h., lpc": initials, unless an abbreviation ("a.m.", "p.o.")
            for m in _DOTTED.finditer(low):
                letters = "".join(c for c in m.group() if c.isalpha())
                if letters not in _DOTTED_WORDS or cues.CREDENTIAL_AFTER.match(low, m.end()):
                    for i in range(m.start(), m.end()):
                        chars[i] = chars[i].upper()
        for start, end in self.cities_after_cue(low, words):
            for word in WORD.finditer(low, start, end):
                chars[word.start()] = chars[word.start()].upper()
        # An organisation's or a street's last word after a capitalised word joins its run:
        # "williams ltd", "lowe counseling", "madison county", "herrera street methodist".
        tails = self._tails.intersection(words)
        for start, end, tail in sorted(occurrences(low, tails)):
            if tail == "works" and WORKS_AS_VERB.match(low, end):
                continue  # "echevarría works at": a verb
            before = word_before(low, start, 30)
            if before is not None and chars[before[0]].isupper() and not (
                    tail in _ATTENDED and before[1].endswith(("'s", "\u2019s"))):
                chars[start] = chars[start].upper()  # (not "jake's school": the one he attends)
        return "".join(chars)

    def cities_after_cue(self, low: str, words: set[str]) -> list[tuple[int, int]]:
        """Cities of several words after a word that says a place follows, or after a comma:
        "grew up in belle glade", "moving to new city", "gilbert, port richmond", "clinic, eau
        claire" (issue 13); `low` is a note in lower case, `words` the set of its words."""
        memo = self._cities  # (read once: the finder is shared between threads)
        if memo[0] == low:
            return memo[1]  # (asked twice of a note: by `truecase` and the engine)
        found = []
        firsts = self._city_firsts.intersection(words) | _SAINT_WORDS.intersection(words)
        for start, _, first in occurrences(low, firsts):
            end = (self.saint_city_at(low, start) if first in _SAINT_WORDS
                   else self.city_at(low, start, first))  # (the cheaper test first)
            if end is None:
                continue
            if self.place_cue_before(low, start):
                found.append((start, end))
        self._cities = (low, found)
        return found

    def lower_case_cities(self, text: str, low: str, words: set[str]) -> list[tuple[int, int]]:
        """Cities of several words typed in lower case in a cased note, after a word that says
        a place follows (not a comma: "Clinic, cut off 2021"): "sister in san jose". Only
        cities whose first word is no everyday word: every cased note has "new" or "north"."""
        found = []  # (read from the note as written: only the words typed in lower case)
        for start, _, first in occurrences(text, self._odd_city_firsts.intersection(words)):
            before = word_before(low, start, 12)  # (the cheaper test first)
            if before is None or before[1] not in _PLACE_PREPS:
                continue
            end = self.city_at(low, start, first)
            if end is not None and " " in low[start:end] and text[start:end].islower():
                found.append((start, end))
        return found

    @staticmethod
    def place_cue_before(low: str, start: int) -> bool:
        """Whether a word that says a place follows ("in", "from", "near") or a comma comes
        right before `start`."""
        before = word_before(low, start, 12)
        return (before is not None and before[1] in _PLACE_PREPS) or (
            low[max(0, start - 2):start].rstrip(" ") == ",")

    def city_at(self, low: str, start: int, first: str) -> int | None:
        """The end of the longest city of the gazetteer written at `start` whose first word is
        `first` ("fall" of "fall river"), or None."""
        return _longest_at(low, start, self.lex.multiword_cities.get(first, ()))

    def city_before(self, low: str, end: int) -> int | None:
        """The start of the longest city of the gazetteer that ends at `end` (spaces after it
        allowed): "north miami" of "north miami pd", or None."""
        words: list[tuple[int, str]] = []
        at = end
        while len(words) < 4 and (before := word_before(low, at, 30)) is not None:
            words.insert(0, before)
            at = before[0]
        for i, (start, first) in enumerate(words):  # (the longest first)
            city = tuple(w for _, w in words[i:])
            if (city in self.lex.multiword_cities.get(first, ()) if len(city) > 1
                    else first in self.lex.cities and first not in FUNCTION_WORDS):
                return start
        return None

    def saint_city_at(self, low: str, start: int) -> int | None:
        """The end of the longest city named for a saint written at `start`, however "saint"
        is written there and in the gazetteer ("st. cloud", "saint cloud", "st cloud"), or
        None. (The gazetteer's "st." is no word of `WORD`, so `city_at` never reads it.)"""
        lead = _SAINT_LEAD.match(low, start)
        name = WORD.match(low, lead.end()) if lead is not None else None
        if lead is None or name is None:
            return None
        return _longest_at(low, lead.end(), self._saint_cities.get(name.group(), ()))

    def _given_before_unknown(self, word: str) -> bool:
        """A given name of the lists, however common a word, that is no shorthand, cue or
        little word: "justice", "blue", "storm" before a surname no list holds."""
        return (word in self.lex.first_names and word not in FOLLOWERS
                and word not in FUNCTION_WORDS and word not in CUE_WORDS
                and not self.clinical(word) and len(word) > 2)

    def _named_here(self, low: str, start: int, word: str) -> bool:
        """Whether a name-word that is also a common word ("frank", "triangle") is a name
        where it stands: not after an article or a quantity word ("a frank talk", "the
        cognitive triangle"); a place only after a word that says a place follows ("in
        triangle")."""
        before = word_before(low, start, 16)
        if word in self.lex.first_names or word in self.lex.last_names:
            return before is None or before[1] not in _ARTICLES
        return before is not None and before[1] in _PLACE_PREPS  # (after a comma it is as
        # often shorthand in a list: "asa, nitro sl")
