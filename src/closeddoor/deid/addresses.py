"""Street addresses ("412 Alder St., Apt 3, Springfield, OR 97477") and PO boxes.

A number starts one; a street suffix from faker's US list ("Street", "Ave", "Harbors") must
follow within a few words, which is checked cheaply before the full pattern is tried. A note in
capitals or lower case gives no capitals to go by, so there only the suffixes that are seldom
anything else count ("14 mill pond rd", "88 ORCHARD ST APT 2"), and only after words that are
not shorthand or little words ("2 x at st. mary's" is no address).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from closeddoor.deid.clinical_words import CLINICAL_WORDS, FUNCTION_WORDS, word_before
from closeddoor.deid.cues import split_words
from closeddoor.deid.foreign_letters import LATIN_CAPITALS, OKINAS
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon
from closeddoor.deid.spans import Label

_ADDRESS_START = re.compile(r"\d{1,6}[A-Z]?(?:-\d+)?[ \t]+(?:(?:[NS][EW]|[NSEW])\.?[ \t]+)?"
                            rf"[{OKINAS}]?[A-Z0-9À-ÖØ-Þ{LATIN_CAPITALS}]")
# Without case: a suffix that is seldom a word ("st", "rd", "avenue"); one that often is ("drive",
# "court", "way") only where the address ends (punctuation, a line's end, an apartment).
_PLAIN_STREETS = ("street|st|avenue|ave|road|rd|lane|ln|boulevard|blvd|terrace|ter|highway|hwy|"
                  "parkway|pkwy|circle|cir|pike|turnpike|tpke|tpk")
_ENDING_STREETS = ("drive|dr|court|ct|place|pl|way|square|sq|trail|trl|row|loop|plaza|cove|alley|"
                   "landing|path|bend|concourse")
UNIT_WORDS = r"(?:apt|apartment|suite|ste|unit|fl|floor|lot|#)"  # ("lot 22": a trailer's lot)
_STREET_TYPES = frozenset((_PLAIN_STREETS + "|" + _ENDING_STREETS).split("|"))
_UNCASED_ADDRESS = re.compile(
    r"\d{1,6}[a-z]?(?:-\d+)?[ \t]+(?:(?:[ns][ew]|[nsew])\.?[ \t]+)?"
    r"(?P<words>(?:(?:[^\W\d_][\w'\u2019-]*|\d+(?:st|nd|rd|th))[ \t]+){1,3}"
    r"(?:(?:jr|sr)\.?[ \t]+)?)"  # "2217 martin luther king jr st"
    rf"(?:(?:{_PLAIN_STREETS})\b\.?"
    rf"|(?:{_ENDING_STREETS})\b\.?(?=[ \t]*(?:[,;:)\n]|$|{UNIT_WORDS}\b)"
    rf"|[ \t]+(?:[ns][ew]|[nsew])\.?(?:,|[ \t]+{UNIT_WORDS}\b)))"  # "lake dr | sw apt 3c"
    rf"(?:[ \t]+(?:[ns][ew]|[nsew])\.?(?=,?[ \t]+{UNIT_WORDS}\b))?"  # "2nd ave s | apt 4"
    rf"(?:,?[ \t]+{UNIT_WORDS}\.?[ \t]*#?[ \t]*\d[\w-]*"
    rf"|,?[ \t]+{UNIT_WORDS}\.?[ \t]*#?[ \t]*[a-z]\b"
    r"|,?[ \t]+\d{1,2}(?:st|nd|rd|th)[ \t]+(?:fl|floor)\b\.?)?")


# A street's type before its name (French addresses): the number, the type, the name up to a
# comma or the end of a clause.
_TYPE_FIRST = frozenset(split_words("rue boul boulevard chemin montée"))
_TYPE_FIRST_ADDRESS = re.compile(
    r"(?<![\w/.-])\d{1,6}[a-z]?,?[ \t]+(rue|boul\.?|boulevard|chemin|montée)[ \t]+"
    r"(?:(?:de|du|des)[ \t]+(?:la[ \t]+)?)?[^\W\d_][\w'\u2019-]*(?:[ \t]+[^\W\d_][\w'\u2019-]*)?"
    r"(?=[ \t]*(?:[,;.)\n]|$))")


_DATE_THEN_SPACE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?[ \t]+$")


class AddressFinder:
    def __init__(self, lex: Lexicon) -> None:
        suffixes = sorted({s.title() for s in lex.street_suffixes}, key=len, reverse=True)
        self._street_words = frozenset(suffixes)
        states = "|".join(sorted(lex.state_abbreviations))
        self.address = re.compile(
            r"\d{1,6}[A-Z]?(?:-\d+)?\s+(?:[NSEW]\.?\s+)?"
            rf"(?:[{OKINAS}]?[A-Z0-9À-ÖØ-Þ{LATIN_CAPITALS}][\w'\u2019.-]*\s+){{0,4}}"
            rf"(?:{'|'.join(suffixes)})\b\.?"  # "King Jr Blvd"
            r"(?:\s+(?:[NS][EW]?|[EW])\b\.?)?"
            r"(?:,?\s+(?:(?i:apt|apartment|suite|ste|unit|fl|floor)|#)\.?\s*#?\s*[\w-]+"
            r"|,?\s+\d{1,2}(?i:st|nd|rd|th)\s+(?i:fl|floor)\b\.?)?"  # "40-22 75th St, 2nd Fl"
            # the town: its words end at a full stop, which ends the sentence ("Lane, Mansfield.
            # Resident ..."), unless it shortens a word of the name ("St. Louis")
            rf"(?:,\s*(?:(?:St|Ste|Ft|Mt|Pt)\.[ \t]+)?[A-Z][\w'\u2019-]*"
            rf"(?:[ \t]+[A-Z][\w'\u2019-]*){{0,3}})?(?:,\s*(?:{states})\b)?"
            r"(?:,?\s*\d{5}(?:-\d{4})?)?")
        # A post-office box, or a rural route and its box: "PO Box 1462", "RR 2 BOX 118",
        # "Rural Route 3, Box 44", "HC 61 Box 9".
        # ("RR 16" alone is a respiratory rate: only a rural route written out stands alone.)
        self.po_box = re.compile(r"\b(?i:p\.?\s?o\.?\s+box\s+\d+"
                                 r"|(?:rr|rt|rte|r\.r\.|hcr?)\s*#?\d{1,3},?\s*box\s*#?\d{1,5}[a-z]?"
                                 r"(?!\w)"
                                 r"|(?:rural|star)\s+route\s*#?\d{1,3}"
                                 r"(?:,?\s*box\s*#?\d{1,5})?(?!\w))")

    def find(self, text: str, hits: list[Hit], digit_runs: Iterable[re.Match[str]]) -> None:
        """Addresses in `text`, given its runs of digits (an address starts with one)."""
        consumed = 0
        for run in digit_runs:
            start = run.start()
            if start < consumed or _glued(text, start):
                continue
            if _ADDRESS_START.match(text, start) is None:
                continue  # a number, then a capitalised word: "412 Alder", "18B Kestrel"
            if run.end() - start == 4 and _DATE_THEN_SPACE.search(text, max(0, start - 11), start):
                continue  # a time after a date: "nsg note 11/14/26 | 0340 Potomac Valley ..."
            following = text[start:start + 64].split()[1:6]
            if not any(w.rstrip(".,;:)") in self._street_words for w in following):
                continue  # no "Street", "Ave." ... close behind the number
            m = self.address.match(text, start)
            if m is not None:
                hits.append((start, m.end(), Label.LOCATION, CONTEXT))
                consumed = m.end()
        if "ox" in text or "OX" in text or "oute" in text or "OUTE" in text:
            hits.extend((m.start(), m.end(), Label.LOCATION, CONTEXT)
                        for m in self.po_box.finditer(text))


def _glued(text: str, start: int) -> bool:
    """Whether the number at `start` goes on from what stands before it ("3/14", "x12")."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-./")


def find_uncased_addresses(lowered: str, hits: list[Hit], digit_runs: Iterable[re.Match[str]],
                           never: frozenset[str], cased: str | None = None,
                           words: set[str] | None = None) -> None:
    """Street addresses without case, read on a note's lower-cased text (same offsets);
    `never` holds the words no street name is made of here (shorthand, little words). In a
    cased note (`cased`, as written) only those typed in lower case: "1450 kietzke lane".
    `words`, the note's set of lower-case words, saves the work when no street's type is
    among them."""
    digit_runs = list(digit_runs)
    grid = any(direction in lowered for direction in _GRID_DIRECTIONS)  # (cheap tests first)
    for run in digit_runs if grid else ():  # "4820 w 12600 s"
        if run.end() - run.start() >= 3 and lowered[run.end() + 1:run.end() + 2] in _GRID_FIRSTS:
            m = _GRID_ADDRESS.match(lowered, run.start())
            if m is not None:
                hits.append((m.start(), m.end(), Label.LOCATION, CONTEXT))
    if words is None or "broadway" in words:  # a street without a type: "3415 broadway"
        hits.extend((m.start(), m.end(), Label.LOCATION, CONTEXT)
                    for m in _BROADWAY.finditer(lowered))
    if words is None or not _ROAD_CODES.isdisjoint(words):  # "on cr 215", "on us-56"
        hits.extend((m.start(1), m.end(1), Label.LOCATION, CONTEXT)
                    for m in _CODED_ROAD.finditer(lowered))
        hits.extend((m.start(), m.end(), Label.LOCATION, CONTEXT)  # "home 1870 cr 211"
                    for m in _HOUSE_ON_CODED_ROAD.finditer(lowered))
    if words is not None and _STREET_TYPES.isdisjoint(words) and _ROAD_WORDS.isdisjoint(words):
        return  # most notes name no street
    consumed = 0
    for run in digit_runs:
        start = run.start()
        if cased is not None and not cased[run.end() + 1:run.end() + 2].islower():
            continue  # (a cased address has its own finder)
        if start < consumed or _glued(lowered, start):
            continue
        m = _UNCASED_ADDRESS.match(lowered, start)
        if m is None or any(w in never for w in m.group("words").split()):
            continue
        hits.append((start, m.end(), Label.LOCATION, CONTEXT))
        consumed = m.end()
    _ordinal_streets(lowered, hits)
    if words is None or not _ROAD_WORDS.isdisjoint(words):
        hits.extend((m.start(), m.end(), Label.LOCATION, CONTEXT)
                    for m in _NUMBERED_ROAD.finditer(lowered))
        hits.extend((m.start(), m.end(), Label.LOCATION, CONTEXT)
                    for m in _ROAD_NUMBER.finditer(lowered))


# A street named by its number, without a house number: "on West 26th Street", "lot on W 1st
# St", "3rd ave n": an ordinal before a street's type is a street in any case.
# (a type that is often a word too - "2nd place", "3rd way" - only after a compass letter:
# "on s 57th ct")
_ORDINAL_STREET = re.compile(
    rf"\d{{1,3}}(?:st|nd|rd|th)[ \t]+(?:{_PLAIN_STREETS}|(?P<ending>{_ENDING_STREETS}))\b"
    r"(?![ \t]+of\b)"
    r"(?:\.?[ \t]+(?:[ns][ew]?|[ew])\b)?")  # not "2nd rd of chemo", a round
# A farm's address on a numbered county road: "2718 road 19", "4410 county rd 12", "6621
# township road 410", "88 state route 37".
_ROAD_WORDS = frozenset({"road", "rd", "highway", "hwy", "route", "rte"})
# A numbered road without a house number: "off state road 434", "a wreck on hwy 70".
_ROAD_NUMBER = re.compile(r"\b(?:(?:state|county|us|farm)[ \t]+)?(?:road|rd|route|rte|highway|hwy)"
                          r"[ \t]+\d{1,4}[a-z]?\b(?![.,:]\d)")
# A county, farm-to-market or US road by its code after a word of where: "on cr 215", "on
# us-56", "off fm 1788" (not "cr 1.2", a creatinine).
_ROAD_CODES = frozenset({"cr", "fm", "us"})
_CODED_ROAD = re.compile(r"\b(?:on|off|near|along|at|from|of)[ \t]+((?:cr|fm|us)[ \t-]?\d{1,4}"
                         r"[a-z]?)\b(?![.,:/]\d)")
# ... or after a house number: "1870 cr 211, giddings" (not "bun 18 cr 1.2").
_HOUSE_ON_CODED_ROAD = re.compile(r"(?<![\w/.-])\d{1,6}[ \t]+(?:cr|fm)[ \t-]?\d{1,4}[a-z]?\b"
                                  r"(?![.,:/]\d)")
_NUMBERED_ROAD = re.compile(r"\b\d{1,6}[ \t]+(?:old[ \t]+)?(?:(?:county|township|twp|state|us)"
                            r"[ \t]+)?(?:road|rd|highway|hwy|route|rte)[ \t]+\d{1,4}[a-z]?\b")
# An address on a grid of numbered streets (Utah, Idaho): "4820 w 12600 s", "350 north 400 east".
_GRID_FIRSTS = frozenset("nsew")
_GRID_DIRECTIONS = (" n ", " s ", " e ", " w ", " n.", " s.", " e.", " w.", " north ", " south ",
                    " east ", " west ")
_GRID_ADDRESS = re.compile(r"(?<![\w/.-])\d{3,5}[ \t]+(?:[nsew]|north|south|east|west)\.?[ \t]+"
                           r"\d{3,5}[ \t]+(?:[nsew]|north|south|east|west)\b\.?"
                           rf"(?:,?[ \t]+{UNIT_WORDS}\.?[ \t]*#?[ \t]*\d[\w-]*)?")  # ", apt 210"
_BROADWAY = re.compile(r"(?<![\w/.-])\d{1,6}[ \t]+(?:[nsew]\.?[ \t]+)?broadway\b")
_DIRECTION_BEFORE = re.compile(r"(?<![\w'\u2019-])(?:north|south|east|west|[ns][ew]|[nsew]\.?)"
                               r"[ \t]+$")


def _ordinal_streets(lowered: str, hits: list[Hit]) -> None:
    for m in _ORDINAL_STREET.finditer(lowered):  # (a scan led by a digit is cheap)
        if _glued(lowered, m.start()):
            continue
        direction = _DIRECTION_BEFORE.search(lowered, max(0, m.start() - 7), m.start())
        if m.group("ending") is not None and (
                direction is None or len(direction.group().strip(" \t.")) > 1):
            continue  # "came in 2nd place"; but "on s 57th ct"
        hits.append((m.start() if direction is None else direction.start(), m.end(),
                     Label.LOCATION, CONTEXT))


# A street named without a number, in a note without case: a word that says where ("on",
# "off", "near"), one or two words, and a street's type ("kroger on military rd", "lives off
# linden avenue"). "st" and "dr" also stand before a name ("st. luke's", "dr. amaral"): "st"
# counts only where the clause ends after it, "dr" never.
_NUMBERLESS_TYPES = frozenset({"street", "st", "avenue", "ave", "road", "rd", "lane", "ln",
                               "boulevard", "blvd", "highway", "hwy", "parkway", "pkwy",
                               "turnpike", "pike", "tpke", "dr", "drive"})
_WHERE_BEFORE = re.compile(r"(?<![\w'\u2019-])(?:on|off|near|along|down|onto|at)[ \t]+"
                           r"((?:(?:[nsew]|north|south|east|west)\.?[ \t]+)?"  # "e army post rd"
                           r"(?:(?!(?:on|off|near|along|down|onto|at)[ \t])"  # (from the last
                           r"[a-z][a-z'\u2019-]*[ \t]+){1,3})$")  # cue: "at publix | on | ...")
# A corner named by two streets, the first a numbered one: "near 24th and l", "at 5th & main"
# (read from the number on, the word before it checked apart).
_CORNER = re.compile(r"(?:st|nd|rd|th)[ \t]+(?:and|&)[ \t]+([a-z]+)(?![\w'\u2019/-])")
_CORNER_CUES = frozenset({"on", "off", "near", "at", "of"})
_STREET_KINDS = frozenset({"avenue", "street", "st", "ave"})
# A street named by one letter after a word of place, in any case: "works on O Street".
_LETTERED_STREET = re.compile(r"\b(?:on|off|near|down|along)[ \t]+((?![ai][ \t])[a-z][ \t]+"
                              r"(?:street|st|avenue|ave))\b(?![\w'\u2019-])")
# An ordinal's ending, a word of its own in a note's words ("24th": "th").
ORDINAL_ENDS = frozenset({"st", "nd", "rd", "th"})
_LETTERED_AVENUE = re.compile(r"\b(?:on|off|near|down|along|at)[ \t]+((?:\d{1,5}[ \t]+)?"
                              r"(?:avenue|ave)\.?[ \t]+[a-z])(?![\w'\u2019-])")
_OTHER_BEFORE = re.compile(r"(?<![\w'\u2019-])([a-z]{3,})[ \t]+(?:and|&)[ \t]+$")
_ORDINAL_END = re.compile(r"(?:st|nd|rd|th)(?![\w'\u2019-])")
_NOT_CORNERS = frozenset(split_words("final last only a i x"))  # "on 2nd and final try"
# What may follow a street's "st" when it ends a clause (not "st. luke's", "st mary's"): a
# little word of where or when, or a new sentence that opens with no saint's possessive.
_CLAUSE_ENDS_NO_DOT = re.compile(r"[ \t]*(?:[,;:)?!\n]|$)")
_CLAUSE_ENDS = re.compile(r"\.?[ \t]*(?:[,;:)?!\n]|$|(?:in|apt|and|with|where|near|by|for|to|"
                          r"from|across|behind|when|since|until|after|before|or|but|because|"
                          r"so|who|which|that|around|past|off|between)\b)"
                          r"|\.[ \t]+[a-z]+(?![\w'\u2019.])")


def find_uncased_streets(lowered: str, words: set[str], hits: list[Hit],
                         never: frozenset[str]) -> None:
    """Streets named without a number in a note without case, read on its lower-cased text;
    `never` holds the words no street name is made of here (shorthand, little words)."""
    for start, end, kind in occurrences(lowered, _NUMBERLESS_TYPES.intersection(words)):
        if (kind == "st" and _CLAUSE_ENDS.match(lowered, end) is None) or (
                kind == "dr" and _CLAUSE_ENDS_NO_DOT.match(lowered, end) is None):
            continue  # "st. luke's", "st mary's"; "dr. lee" (a full stop ends no "dr" here)
        m = _WHERE_BEFORE.search(lowered, max(0, start - 40), start)
        if m is None:
            continue
        named = m.group(1).split()
        if len(named) == 1 and len(named[0]) == 1 and named[0] not in _NOT_CORNERS:
            hits.append((m.start(1), end, Label.LOCATION, CONTEXT))  # "off l st"
            continue
        if any((w in FUNCTION_WORDS or len(w) < 2) and (
                w not in _COMPASS_LETTERS) for w in named) or (
                all(w in never for w in named) or (kind in ("st", "street") and any(
                    w in never for w in named))):
            continue  # (a road's name may hold shorthand: "on dry creek rd"; not "st")
        hits.append((m.start(1), end, Label.LOCATION, CONTEXT))


def find_lettered_avenues(lowered: str, words: set[str], hits: list[Hit]) -> None:
    """A street named by a letter after a word of place: "shot at on avenue f in ensley", "a
    bakery on o street" (read from the street's word: the cheap anchor)."""
    for start, end, kind in occurrences(lowered, _STREET_KINDS.intersection(words)):
        if kind in ("avenue", "ave"):  # "on avenue f", "at 905 ave f"
            m = _LETTERED_AVENUE.search(lowered, max(0, start - 14), end + 4)
        else:  # "o street": one letter, then the kind
            m = (_LETTERED_STREET.search(lowered, max(0, start - 10), end)
                 if start > 2 and lowered[start - 3] == " " else None)
        if m is not None:
            hits.append((m.start(1), m.end(1), Label.LOCATION, CONTEXT))


def find_type_first_streets(lowered: str, words: set[str], hits: list[Hit]) -> None:
    """A street address whose type comes before its name, as in French: "9001 boul.
    saint-michel", "1200 rue sherbrooke" (read from the type's word: the cheap anchor)."""
    for start, _, _ in occurrences(lowered, _TYPE_FIRST.intersection(words)):
        m = _TYPE_FIRST_ADDRESS.search(lowered, max(0, start - 9), start + 40)
        if m is not None and m.start(1) <= start:
            hits.append((m.start(), m.end(), Label.LOCATION, CONTEXT))


def find_corners(lowered: str, digit_runs: Iterable[re.Match[str]], hits: list[Hit],
                 never: frozenset[str]) -> None:
    """A corner named by a numbered street and another, in any case: "near 24th and l"."""
    for run in digit_runs:
        if run.end() - run.start() > 3 or lowered[run.end():run.end() + 2] not in ORDINAL_ENDS:
            continue  # (the cheap test first: both shapes need an ordinal)
        m = _CORNER.match(lowered, run.end())
        if m is None:  # "near bergenline & 32nd": the numbered street second
            _corner_ending_in(lowered, run, hits, never)
            continue
        if run.start() and lowered[run.start() - 1] not in " \t":
            continue
        other = m.group(1)
        cue = word_before(lowered, run.start(), 8)
        if cue is not None and cue[1] in _CORNER_CUES and other not in _NOT_CORNERS and not (
                other.endswith("est")) and (len(other) == 1 or other not in never):
            hits.append((run.start(), m.end(), Label.LOCATION, CONTEXT))


def _corner_ending_in(lowered: str, run: re.Match[str], hits: list[Hit],
                      never: frozenset[str]) -> None:
    """A corner whose numbered street comes second: "near bergenline & | 32nd"."""
    ordinal = _ORDINAL_END.match(lowered, run.end())
    first = _OTHER_BEFORE.search(lowered, max(0, run.start() - 30), run.start())
    if ordinal is None or first is None or first.group(1) in never:
        return
    cue = word_before(lowered, first.start(1), 8)
    if cue is not None and cue[1] in _CORNER_CUES:
        hits.append((first.start(1), ordinal.end(), Label.LOCATION, CONTEXT))


# A state's code after a comma, then the end of a clause or a ZIP code: ", sd.", ", nh 03820".
STATE_CLOSES = re.compile(r",[ \t]*([a-z]{2})\.?(?=[ \t]*(?:$|[,.;:)\n]|\d{5}))")
_TOWN_WORD = re.compile(r"([a-z][a-z'\u2019.-]*)[ \t]*$")


def find_uncased_towns(lowered: str, hits: list[Hit], lex: Lexicon) -> None:
    """Towns before a state's code in a note without case, read on its lower-cased text: "sioux
    falls, sd", "grew up in petal, ms.", "benton, ar 72015". Only towns of the gazetteer, one
    word or several ("southern pines"): a state's code in lower case is often a word ("in",
    "me", "or"), so the town must be known."""
    if "," not in lowered:
        return
    states = _lower_case(lex.state_abbreviations)
    for m in STATE_CLOSES.finditer(lowered):
        if m.group(1) not in states:
            continue
        end = m.start()
        words: list[tuple[int, str]] = []  # the last words before the comma, nearest first
        at = end
        while len(words) < 3:
            word = _TOWN_WORD.search(lowered, max(0, at - 30), at)
            if word is None:
                break
            words.append((word.start(1), word.group(1).rstrip(".")))
            at = word.start(1)
        start = _known_town(words, lex)
        if (start is None or start == words[0][0]) and len(words) > 1 and (
                words[0][1] in _TOWN_TAILS) and (
                _town_word(words[1][1], lex)):  # "wright city, ok", "elm springs, ar"
            start = words[1][0]
        if start is None and words and _unknown_town(words[0][1], lex) and len(words) > 1 and (
                words[1][1] in _TOWN_PREPOSITIONS):  # "from kidron, oh": a word no list
            start = words[0][0]  # holds, between a word of place and a state's code
        if start is not None:
            hits.append((start, end, Label.LOCATION, CONTEXT))


_COMPASS_LETTERS = frozenset("nsew")  # "off n harvest rd", "off e colfax ave"
_TOWN_PREPOSITIONS = frozenset(split_words("in from near outside to of"))


def _unknown_town(word: str, lex: Lexicon) -> bool:
    """A word that may be a small town's name though no gazetteer holds it: rare, no
    shorthand ("kidron", "akiachak")."""
    return word.isalpha() and len(word) > 2 and lex.freq(word) < 100 and (
        word not in CLINICAL_WORDS and word not in FUNCTION_WORDS and word not in lex.things)


_TOWN_WORD_FREQUENCY = 20_000  # a word more common than this opens no small town's name
# The last words of many small towns' names, which no gazetteer of cities holds.
_TOWN_TAILS = frozenset(split_words("""
city springs spring grove falls heights beach harbor harbour hills valley junction creek ridge
bend landing mills crossing station
"""))


def _town_word(word: str, lex: Lexicon) -> bool:
    """A word that may open a small town's name before one of `_TOWN_TAILS`: a name, a
    place, or a word no more common than `_TOWN_WORD_FREQUENCY` ("wright", "elm"; not "the",
    "in", "lives")."""
    return word.isalpha() and len(word) > 2 and (
        lex.is_name(word) or word in lex.cities or lex.freq(word) < _TOWN_WORD_FREQUENCY)


@cache
def _lower_case(codes: frozenset[str]) -> frozenset[str]:
    return frozenset(code.lower() for code in codes)


def _known_town(words: list[tuple[int, str]], lex: Lexicon) -> int | None:
    """Where the longest known town among the words before a state's code starts (`words`
    nearest first), or None."""
    for size in range(len(words), 0, -1):
        parts = tuple(word for _, word in reversed(words[:size]))
        if size == 1 and "-" in parts[0]:  # "wilkes-barre": the gazetteer's words
            parts = tuple(parts[0].split("-"))
            if parts in lex.multiword_cities.get(parts[0], ()):
                return words[0][0]
            continue
        if size == 1 and parts[0] in lex.cities and parts[0] not in lex.not_identifiers:
            return words[0][0]
        if size > 1 and parts in lex.multiword_cities.get(parts[0], ()):
            return words[size - 1][0]
    return None
