"""Names of people, places and organisations the chart does not know, found without a model.

The text is read as runs of capitalised words ("Lincoln Elementary", "Dr. Maria Vasquez").
A run is judged as a whole first (an organisation or street suffix, a cue before it such as
"works at" or "lives in", a state after it), then word by word: a capitalised word that is rare
in English, or a dictionary name that is not an everyday word, is a name. A word opening a
sentence must be a dictionary name and not an everyday word ("Will continue CBT" is safe), and
not a common word that reads as one ("Frank psychosis is not present").
Capitalised words that name a thing (a drug, an app, an instrument or condition named after
someone: `vocabulary.py`) are not names unless a person cue says so ("her friend Beck").
Lower-case names, initials, firms and street addresses get their own passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from closeddoor.deid import cues, place_kinds
from closeddoor.deid.addresses import AddressFinder
from closeddoor.deid.context import (
    context,
    lower_case_name_use,
    plainly_opens_sentence,
    reads_as_word,
)
from closeddoor.deid.foreign_letters import LATIN_CAPITALS, LATIN_SMALLS, OKINAS
from closeddoor.deid.hits import CONTEXT, GUESS, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon, fold, lexicon
from closeddoor.deid.spans import Label

_UPPER = "A-ZÀ-ÖØ-Þ" + LATIN_CAPITALS
_SMALL = "a-zß-öø-ÿ" + LATIN_SMALLS
_LETTER = r"[^\W\d_]"
# (a possessive stays inside the run only before a facility's type: "Children's Hospital of
# Michigan", "Women's Health Center", a shop's: "Funmi's Kitchen"; not "Maria's Mom")
_WORD = (rf"{_LETTER}*(?:['\u2019][{_UPPER}]{_LETTER}*|['\u2019]s(?=[ \t](?:Hospital|Clinic|"
         rf"Center|Centre|Home|School|Church|Academy|Institute|Health|Medical|Pavilion|Recovery|"
         rf"Court|Kitchen|Bakery|Diner|Pizza|Cafe|Grill|Salon|Deli|Market|Restaurant|Place|"
         rf"Hardware|Garage|Tavern|Pub|Auto|Barbershop|Laundromat|Cleaners|Tire)\b))?"  # not "Shop"
         rf"(?:-{_LETTER}+)*")
_TOKEN = rf"[{OKINAS}]?[{_UPPER}]{_WORD}(?:(?<=s)['\u2019](?=[ \t][{_UPPER}]))?"  # "Workers' Comp"
_JOIN = r"(?:of|the|de|del|la|las|los|da|dos|van|von|der|du|le|y|&)"
# Starts with a character class (so the regex engine can skip ahead); the left boundary is the
# lookbehind after the first letter. "Dr." and "St." end a run; `_context` reads them.
# A run starts with a capital and a small letter ("Maria", "McKay", "O'Brien"): "I", "SI/HI",
# "LCSW" start none (there are many); names in capitals have their own pass (`_SHAPES`).
# Between the words of one run: a space or two; a wider gap parts a form's columns
# ("Riverbend Counseling Associates    Fax (617) 555-0111").
_GAP = r"[ \t] ?"
_RUN = re.compile(
    rf"[{_UPPER}{OKINAS}](?<![\w'\u2019-].)(?:(?<=[{OKINAS}])[{_UPPER}])?(?<![{OKINAS}])"
    rf"[{_SMALL}'\u2019]{_WORD}"  # (one class first, which the scan can skip ahead by)
    rf"(?:(?<=s)['\u2019](?=[ \t][{_UPPER}]))?(?:{_GAP}(?:{_JOIN}{_GAP})*{_TOKEN})*(?!\w)")
_DIGITS = re.compile(r"\d+")
_SHORT_PLACE_WORD = re.compile(r"(?<![\w.])(?i:st|mt|ft)\.?[ \t]+$")
_PIECE = re.compile(rf"{_TOKEN}|{_JOIN}")
# Names in capitals, initials and firms named for people, in one scan (each scan of the whole
# text costs about as much as the rest of the work on it).
_SHAPES = re.compile(
    r"[A-Z](?:(?P<caps>[A-Z]{2,})"
    r"|(?P<initials>\.\s?[A-Z]\.(?:\s?[A-Z]\.)?(?!\w))"
    r"|(?P<firm>[a-z]+(?:, [A-Z][a-z]+,? (?:and|&) [A-Z][a-z]+| (?:and|&) Sons)\b))")
_EVERYDAY = 20_000  # a word this frequent is an everyday word first
_LOWER_RARE = 1_500  # a lower-case word in a long name list and rarer than this is a name
_RARE = 1_000  # a capitalised word in no name list and rarer than this is likely a name
_LOWER_NAME_RARE = 5_000  # a lower-case name rarer than this is taken anywhere
_WORDLIKE = 1_000  # a name this frequent as a word ("Frank", "Sandy") may open a sentence as one
_DETERMINERS = frozenset({"the", "a", "an", "her", "his", "my", "our", "their", "your", "this",
                          "that", "at", "in", "from", "to", "with"})
_TOO_COMMON = frozenset({"will", "can", "little", "love", "ever", "long", "else", "guy", "son",
                         "job", "case", "true", "less", "early", "major", "general"})
# "Socratic", "Freudian", "Buddhism": from a proper noun, but naming no one.
# Not "Lindqvist", "Bergkvist", "Ahlquist": a Swedish surname's ending.
_ADJECTIVE = re.compile(r"(?:ic|ian|ism|(?<![kvu])ist|ese|ity)$")
_CUE_ENDS = frozenset({"at", "for", "by", "with", "from", "to", "in", "on", "near", "the",
                       "of", "attends", "attend", "attending", "attended", "joined", "left",
                       "quit", "up", "out", "back"})
_CITY_PREFIXES = frozenset({"north", "south", "east", "west", "new", "lake", "port", "fort",
                            "mount", "saint", "st.", "san", "santa", "el", "los", "las"})
_Word = tuple[int, int, str, str]  # start, end, as written, folded
# What a run's own letters say before any context is read (cached per distinct run):
_NEVER = 0  # "Dr", "Client", "LCSW": never a name on its own
_UNLESS_OPENING = 1  # "She", "Plan": nothing, when it plainly opens a sentence
_READ = 2  # read the context: a name, a city, a rare word, or a run of several words


# The last word of a note's title, not of an organisation's name: "Geriatric Psychiatry Consult".
_DOCUMENT_WORDS = frozenset({"intake", "evaluation", "consult", "consultation", "note", "notes",
                             "assessment", "report", "summary", "screening"})
_NAME_AFTER = re.compile(r"\.?[ \t]+[A-Z]")  # after "Dr": a title, unless a comma or an end


class _Info:
    """What the word lists say about one folded word (cached: words repeat a lot)."""

    __slots__ = (
        "city",
        "core",
        "disease",
        "eponym",
        "everyday",
        "excluded",
        "first",
        "freq",
        "name",
        "not_id",
        "org",
        "plain",
        "street",
        "thing",
        "title",
    )

    def __init__(self, folded: str, lex: Lexicon) -> None:
        parts = folded.split("-") if "-" in folded else [folded]
        self.freq = min(lex.freq(p) for p in parts)
        self.everyday = self.freq >= _EVERYDAY
        self.name = any(lex.is_name(p) for p in parts)
        self.core = folded in lex.core_first_names
        self.first = folded in lex.first_names
        self.city = folded in lex.cities
        self.not_id = folded in lex.not_identifiers
        self.thing = folded in lex.things  # a drug, an app: never a name or a place
        self.eponym = folded in lex.eponyms  # a surname that may name a method or a condition
        self.disease = folded in lex.disease_eponyms
        self.org = folded in cues.ORG_SUFFIXES
        self.street = folded in lex.street_suffixes
        self.excluded = folded in cues.NOT_NAMES or (  # "Haitian-born", "Tongan-American"
            len(parts) > 1 and any(p in cues.NOT_NAMES for p in parts)
            and all(p in cues.NOT_NAMES or lex.freq(p) >= _EVERYDAY for p in parts))
        self.title = folded.rstrip(".") in cues.TITLES
        # A state, a country, a drug, "Client", "Dr": nothing that a run of them could name.
        self.plain = self.not_id or self.thing or self.excluded or self.title


class ProperNounFinder:
    """Stateless apart from caches; one per process (see `proper_noun_finder`)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._info: dict[str, _Info] = {}
        self._shapes: dict[str, tuple[list[_Word], list[_Info]]] = {}
        self._kinds: dict[str, int] = {}
        self.lower_names = frozenset(  # a name typed in lower case: common names, rare words
            n for n in lex.first_names
            if len(n) > 2 and n not in cues.NOT_NAMES and n not in cues.TITLES  # not "imam"
            and lex.freq(n) < (
                _EVERYDAY if n in lex.core_first_names else _LOWER_RARE))
        # Everyday words that are also common names: names only after "my sister" and the like.
        self.cued_lower_names = frozenset(lex.core_first_names - self.lower_names - _TOO_COMMON)
        self._addresses = AddressFinder(lex)

    def find(self, text: str, words: set[str],
             digit_runs: Iterable[re.Match[str]] | None = None) -> list[Hit]:
        """Hits in `text`; `words` is the set of its lower-case letter-only words and
        `digit_runs` its runs of digits (`\\d+`), when the caller has them."""
        hits: list[Hit] = []
        self._addresses.find(text, hits, _DIGITS.finditer(text) if digit_runs is None
                             else digit_runs)
        kinds = self._kinds
        for m in _RUN.finditer(text):  # most runs end here, on a cached verdict: keep it lean
            run = m.group()
            kind = kinds.get(run)
            if kind is None:
                kind = self._kind(run)
            if kind == _NEVER:
                continue
            start = m.start()
            if kind == _UNLESS_OPENING and plainly_opens_sentence(text, start):
                continue
            self._run(text, start, m.end(), run, hits)
        for m in _SHAPES.finditer(text):  # one scan for three shapes that start with a capital
            shape = m.lastgroup
            start, end = m.start(), m.end()
            if shape == "caps":  # "MARIA LOPEZ" in a heading
                word = m.group()
                if (start and text[start - 1].isalnum()) or (
                        end < len(text) and text[end].isalnum()):
                    continue
                info = self.info(word.lower())
                if info.name and info.freq < 2_000 and not info.excluded and (
                        word not in cues.NOT_INITIALS):
                    hits.append((start, end, Label.NAME, GUESS))
            elif shape == "initials":
                if (start == 0 or (not text[start - 1].isalnum() and text[start - 1] != "."))\
                        and (re.sub(r"[.\s]", "", m.group()) not in cues.NOT_DOTTED_INITIALS
                             or context(text, start)[1] in cues.RELATIONS  # "daughter M.D."
                             or cues.CREDENTIAL_AFTER.match(text, end)):  # "N.P., LPC"
                    hits.append((start, end, Label.NAME, GUESS))
            else:  # "Hall, Palmer and Farley", "Walker and Sons"
                names = re.findall(r"[A-Z][a-z]+", m.group())
                if all(fold(w) in self.lex.last_names or w == "Sons" for w in names):
                    hits.append((start, end, Label.ORGANIZATION, CONTEXT))
        self._lower_case_names(text, words, hits)
        return hits

    def info(self, folded: str) -> _Info:
        found = self._info.get(folded)
        if found is None:
            found = _Info(folded, self.lex)
            if len(self._info) < 500_000:
                self._info[folded] = found
        return found

    def _kind(self, run: str) -> int:
        """What `run` alone says (see `_NEVER` ...), remembered for the next time."""
        kind = _READ
        if " " not in run and "\t" not in run:
            folded = run.lower() if run.isascii() else fold(run)
            info = self.info(folded)
            if info.title or (info.excluded and folded not in cues.MONTH_NAMES) or (
                    run.isupper() and not info.name):
                kind = _NEVER
            elif not (info.name or info.city or info.org or info.street or info.freq == 0):
                kind = _UNLESS_OPENING
        if len(self._kinds) < 200_000:
            self._kinds[run] = kind
        return kind

    def _run(self, text: str, start: int, end: int, run: str, hits: list[Hit]) -> None:
        """Judge one run of capitalised words that `_kind` left to be read in context."""
        single = " " not in run and "\t" not in run
        if single:
            folded = run.lower() if run.isascii() else fold(run)
            info = self._info.get(folded) or self.info(folded)
        initial, w1, w2 = context(text, start)
        if single:
            cued_month = folded in cues.MONTH_NAMES and w1 in cues.RELATIONS  # "daughter May"
            if (info.excluded and not cued_month) or info.title or (
                    not info.name and w1 not in cues.RELATIONS
                    and (run.isupper() or (_ADJECTIVE.search(folded) and not info.city))):
                return  # "Client", "Dr", "SUDS", "Socratic": not a name on its own
            if not (info.name or info.city or info.org or info.street):
                if initial and not w1 and not (
                        info.freq == 0 and cues.PERSON_AFTER.match(text, end)):
                    return  # the common case: "She", "Plan", "Writer" opening a sentence
                if info.everyday and w1 not in _CUE_ENDS and not cues.STATE_AFTER.match(
                        text, end):
                    return  # an everyday word, capitalised for no reason a cue explains
            words: list[_Word] = [(start, end, run, folded)]
            infos = [info]
        else:
            if fold(run).lower() in self.lex.not_identifiers:
                return  # "El Salvador", "New Mexico": larger than a state
            shape = self._shapes.get(run)
            if shape is None:  # headings and names recur: split each distinct run once
                pieces = [(p.start(), p.end(), p.group(), fold(p.group()))
                          for p in _PIECE.finditer(run) if p.group()[0].isupper()]
                shape = (pieces, [self.info(piece[3]) for piece in pieces])
                if len(self._shapes) < 100_000:
                    self._shapes[run] = shape
            words = [(start + a, start + b, w, f) for a, b, w, f in shape[0]]
            infos = shape[1]
        label = self._run_label(text, end, words, infos, w1, w2, initial)
        if label is Label.ORGANIZATION and len(words) > 2 and words[-1][2] in ("ED", "ER"):
            end = words[-2][1]  # "Palmetto Children's Hospital | ED": its department
            words, infos = words[:-1], infos[:-1]
        if label is not None:
            first = _trim(words, infos, initial and not w1, label is Label.ORGANIZATION)
            begin = words[first][0]
            if label is Label.ORGANIZATION and (w1 in cues.TITLES or infos[first].name or (
                    first and infos[first - 1].title)):
                of = _person_of_place(text, words, first)  # "Pastor Jelton Lomae | of |
                if of is not None:  # Bethel Marshallese Church": a person, then the place
                    hits.append((begin, words[of][1], Label.NAME, CONTEXT))
                    begin = words[of + 1][0]
            if first == 0 and w1 in ("st", "mt", "ft"):  # "St. Anne Medical Center"; not
                short = _SHORT_PLACE_WORD.search(text, max(0, begin - 6), begin)  # "Elm St, Troy"
                if short is not None:
                    begin = short.start()
            hits.append((begin, end, label, CONTEXT))
            return
        person_cue = w1 in cues.RELATIONS or w1 in cues.TITLES or (w2, w1) in cues.PERSON_PAIRS
        if not person_cue and (cues.THING_AFTER.match(text, end)
                               or _names_a_thing(text, end, words, infos, w1)
                               or (not infos[-1].core and _method_use(text, end))):
            return  # "Crohn's disease", "Zoloft", "Beck Depression Inventory": not naming
        # "takes Adderall", "hours on Temu": a rare word there is a thing (not "takes Jo's
        # side", "relies on Tavish"); a word of the name lists is still read as a name.
        thing = (w1 in cues.THING_VERBS or (w1 == "on" and w2 in cues.APP_BEFORE_ON) or (
            w1 == "the" and w2 in cues.THING_VERBS)) and (
            text[end:end + 1] not in ("'", "\u2019"))
        flagged = self._flag_words(text, words, infos, initial, person_cue, thing)
        if not person_cue and len(words) > 1 and _eponym_use(text, end, infos[-1], words[-2][3]):
            flagged[-1] = None  # "Reviewed Ellis's ABC model", "The Vanderbilt scales"
        self._places_in_run(words, flagged, w1)
        i = 0
        while i < len(words):  # one hit per stretch of one label: "Grace Harper"
            j = i
            while (j + 1 < len(words) and flagged[i] is not None and flagged[j + 1] is flagged[i]
                   and (flagged[i] is not Label.NAME
                        or text.find(" of ", words[j][1] - 1, words[j + 1][0] + 1) < 0)):
                j += 1  # (a person is no "X of Y": "bishop halverson | of the | lehi 22nd ward")
            label_i = flagged[i]
            if label_i is not None:
                hits.append((words[i][0], words[j][1], label_i, GUESS))
            i = j + 1

    def _flag_words(self, text: str, words: list[_Word], infos: list[_Info], initial: bool,
                    cued: bool, thing: bool) -> list[Label | None]:
        flagged: list[Label | None] = [None] * len(words)
        for i, ((_, end, word, folded), info) in enumerate(zip(words, infos, strict=True)):
            if info.title or (folded in cues.RELATIONS and i + 1 < len(words)):
                cued = True  # "Dr. ...", and "Husband Will" opening a sentence
                continue
            if cued and (not info.excluded or words[i][3] in cues.MONTH_NAMES):
                flagged[i] = Label.NAME
            elif word.isupper() and len(word) > 1:
                if (len(word) > 2 and info.name and info.freq < 2_000 and not info.excluded
                        and word not in cues.NOT_INITIALS):
                    flagged[i] = Label.NAME
            elif info.excluded or info.thing or (
                    not info.name and not info.city and _ADJECTIVE.search(folded)) or (
                    info.not_id and not (info.first and cues.PERSON_AFTER.match(text, end))):
                pass  # a state or country, unless it acts as a person: "Chad lives out"
            elif i == 0 and initial:
                if ((info.name or info.city) and not info.everyday and not (
                        len(words) == 1 and info.freq >= _WORDLIKE and reads_as_word(text, end))
                    ) or (
                        (info.core or info.freq == 0) and cues.PERSON_AFTER.match(text, end)):
                    flagged[i] = Label.LOCATION if info.city and not info.name else Label.NAME
            elif info.name or info.city:
                if not info.everyday or ((info.first or info.city) and len(words) == 1):
                    flagged[i] = Label.LOCATION if info.city and not info.name else Label.NAME
            elif info.freq < _RARE and not (thing and i == 0):  # "takes Adderall": a drug
                flagged[i] = Label.NAME
            cued = cued and flagged[i] is not None
        for i, info in enumerate(infos):  # "call Chase Uber": a drug or an app beside a given
            if info.thing and any(infos[j].name for j in (i - 1, i + 1) if 0 <= j < len(infos)):
                flagged[i] = Label.NAME  # name or a surname is a surname ("Tylenol PM" is not)
        for i, info in enumerate(infos):  # "Grace Harper", "April Myers": a name beside a name
            if flagged[i] is None and info.name and not info.title and (
                    not info.excluded or words[i][3] in cues.MONTH_NAMES) and (
                    (i > 0 and flagged[i - 1] is Label.NAME)
                    or (i + 1 < len(words) and flagged[i + 1] is Label.NAME
                        and not (i == 0 and words[0][3] in cues.RELATIONS))):
                flagged[i] = Label.NAME  # (not "Cousin Edwin", "Judge Ward": a relation or a
                # title names no one)
        return flagged

    def _run_label(self, text: str, end: int, words: list[_Word], infos: list[_Info],
                   w1: str, w2: str, initial: bool) -> Label | None:
        """What the whole run is, when its shape or a cue says so."""
        if len(words) == 1:  # the common case, without the loops
            if infos[0].plain or (words[0][2].isupper() and len(words[0][2]) < 6):
                return None  # a state, a country, a title or an acronym alone
        else:
            if all(i.plain or (w[2].isupper() and len(w[2]) < 6)
                   for w, i in zip(words, infos, strict=True)):
                return None
            if words[-1][3] in _DOCUMENT_WORDS:
                return None  # a note's title: "Perinatal Behavioral Health Intake"
            if any(i.org for i in infos[1:]):
                return Label.ORGANIZATION
            if infos[-1].street and (any(not i.everyday or i.name for i in infos[:-1])
                                     or w1 in cues.STREET_WORDS) and not (
                    words[-1][2] in ("Dr", "DR") and _NAME_AFTER.match(text, end)):
                return Label.LOCATION  # not "Hospitalist Dr. Adeyemi": a title, a name
        if w1.startswith("label:"):
            return Label.ORGANIZATION if w1[6:] in cues.ORG_LABELS else None
        if w1:
            if w1 == "the":
                w1, w2 = w2, ""
            if w1 in cues.ORG_VERBS_ALONE or (w2, w1) in cues.ORG_PAIRS:
                return Label.ORGANIZATION
            if (w2, w1) in cues.PLACE_PAIRS:
                return Label.LOCATION
        if cues.STATE_AFTER.match(text, end) and not (
                initial and len(words) == 1 and infos[0].everyday):
            return Label.LOCATION
        return None

    def _places_in_run(self, words: list[_Word], flagged: list[Label | None], w1: str) -> None:
        lex = self.lex
        if len(words) == 1:  # the common case; the rest needs two words or more
            if w1 in cues.WEAK_PLACE and words[0][3] in lex.cities:
                flagged[0] = Label.LOCATION
            return
        folded = [w[3] for w in words]
        for i, f in enumerate(folded):
            for city in lex.multiword_cities.get(f, ()):
                if tuple(folded[i:i + len(city)]) == city:
                    for j in range(i, i + len(city)):
                        flagged[j] = Label.LOCATION
                    break
            if f == "county" and i > 0:
                flagged[i - 1] = flagged[i] = Label.LOCATION
            if i == 0 and w1 in cues.WEAK_PLACE and f in lex.cities:
                flagged[i] = Label.LOCATION
            if (flagged[i] is not None and i > 0 and folded[i - 1] in _CITY_PREFIXES
                    and flagged[i - 1] is None):
                flagged[i - 1] = flagged[i] = Label.LOCATION

    def _lower_case_names(self, text: str, words: set[str], hits: list[Hit]) -> None:
        cued = self.cued_lower_names.intersection(words)
        for start, end, _ in occurrences(text, cued):  # "her daughter florence", "(bill)"
            if context(text, start)[1] in cues.RELATIONS:
                hits.append((start, end, Label.NAME, CONTEXT))
        found = self.lower_names.intersection(words)
        if not found:
            return
        for start, end, word in occurrences(text, found):
            if (start and text[start - 1] in "'\u2019-") or (end < len(text) and text[end] == "-"):
                continue
            if (self.lex.freq(word) >= _LOWER_NAME_RARE
                    and not lower_case_name_use(text, start)):
                continue  # "a frank talk", "she may": the everyday word
            hits.append((start, end, Label.NAME, GUESS))


def _person_of_place(text: str, words: list[_Word], first: int) -> int | None:
    """The last word of a person's name before "of" and an organisation in one run ("Jelton
    Lomae of Bethel ... Church", "Dr. Eze of Uplift Psychological Services"): two words or
    one after a title, none a kind of place; None if the run is one name ("Bank of America",
    "Our Lady of Lourdes Hospital")."""
    for k in range(first, min(first + 3, len(words) - 1)):
        if text[words[k][1]:words[k + 1][0]].strip() == "of":
            if any(w[3] in place_kinds.KIND_WORDS or w[3] in cues.ORG_SUFFIXES
                   for w in words[first:k + 1]):
                return None
            return k
    return None


def _names_a_thing(text: str, end: int, words: list[_Word], infos: list[_Info], w1: str) -> bool:
    """Whether a run names a drug, an app, an instrument or a condition (no person cue came
    before it): "Zoloft", "TikTok", "Beck Depression Inventory", "the Rorschach"."""
    if len(words) > 1:
        return (words[-1][3] in cues.THING_TAILS or all(i.thing for i in infos)
                or words[-1][2] == "Act")  # a law: "Baker Act" (not an "ACT team")
    return infos[0].thing or _eponym_use(text, end, infos[0], w1)


_METHOD_WORD = re.compile(r"[ \t]+([A-Za-z][\w'\u2019-]*)")
# Past participles that stand inside a method's name: "Lindqvist's graded exposure".
_METHOD_PARTICIPLES = frozenset(cues.split_words("""
graded guided prolonged structured modified integrated focused extended paced based centered
centred informed oriented assisted
"""))


def _method_use(text: str, end: int) -> bool:
    """Whether a run ending at `end` names a method, a theory or an instrument: its possessive
    or the run itself before at most three words and a method noun (`cues.METHOD_HEADS`), none
    of the words a function word, a relation or a past tense ("Jacobson's progressive muscle
    relaxation", "Kessler scores", "Hendrix's Imago dialogue"; not "Ortiz's son started
    therapy")."""
    i = end
    if text.startswith(("'s", "\u2019s"), i):
        i += 2
    for _ in range(4):
        m = _METHOD_WORD.match(text, i)
        if m is None:
            return False
        word = m.group(1).lower()
        if word.endswith(("'s", "\u2019s")):
            word = word[:-2]
        if word in cues.METHOD_HEADS:
            return True
        if word in cues.METHOD_BREAKS or word in cues.RELATIONS or (
                word.endswith("ed") and "-" not in word and word not in _METHOD_PARTICIPLES):
            return False
        i = m.end()
    return False


def _eponym_use(text: str, end: int, info: _Info, before: str) -> bool:
    """Whether an eponym ending at `end` names a method, an instrument or a condition:
    "Linehan's DBT", "Wechsler testing", "the Rorschach", "diagnosed with Hashimoto's"."""
    if not info.eponym:
        return False
    if before in ("the", "a", "an") and not info.name:  # "the Rorschach"; not "the Hamilton house"
        return True
    return cues.EPONYM_USE.match(text, end) is not None or (
        info.disease and cues.DISEASE_ELLIPSIS.match(text, end) is not None)


def _trim(words: list[_Word], infos: list[_Info], initial: bool, organisation: bool) -> int:
    """Index of the first word that belongs to the name ("The Oak Clinic" -> "Oak Clinic"; an
    organisation keeps a people's name: "Hmong Alliance Church")."""
    i = 0
    while i < len(words) - 1:
        info = infos[i]
        if words[i][3] in _DETERMINERS or info.title or (info.excluded and not (
                organisation and words[i][3] in cues.PEOPLES)) or (
                i == 0 and initial and (info.everyday or words[i][3] in _CUE_ENDS)
                and not info.name):  # "Attends Masjid Al-Huda": the verb opens the sentence
            i += 1
        else:
            break
    return i


@cache
def proper_noun_finder() -> ProperNounFinder:
    return ProperNounFinder(lexicon())
