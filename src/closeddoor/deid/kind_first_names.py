"""Places and institutions named with their kind first, as in Spanish (issue 13).

Notes from Puerto Rico and from Spanish-speaking clients name their clinics, schools,
churches and streets in Spanish, with the kind first: "Clínica Salud Mental del Oeste",
"Escuela Intermedia Las Palmas", "Calle Betances 22". Other languages name places of worship
the same way: "Igreja Batista Nova Vida", "Masjid Al-Noor", "Wat Khmer Samaki", "Chùa Từ
Quang", "Khal Adas Yereim", "Beit Shalom". The kind word says a name follows, in any case; the
name runs over the words after it and the little words that join them ("de", "del", "la"),
and ends at an English word, shorthand or punctuation ("... de Añasco until 2025").
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical import cue_finder
from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon, fold
from closeddoor.deid.spans import Label

# Kinds that open a name (in Spanish, and places of worship in other languages), and the
# streets among them.
_KINDS = frozenset(split_words("""
clínica clinica centro escuela colegio iglesia departamento universidad instituto parroquia
hogar calle avenida barrio urbanización urbanizacion
igreja église eglise masjid wat chùa chua khal beit gurdwara temple congregation yeshiva yeshivas
supermercado tienda panadería panaderia taquería taqueria carnicería carniceria restaurante
farmacia botánica botanica cooperativa
"""))
# Kinds that are English words too: a name must open right after them ("temple beth shalom",
# "congregation b'nai israel", "yeshivas ohr tzion"; not "r temple", "the congregation sang").
_ENGLISH_KINDS = frozenset({"temple", "congregation", "yeshiva", "yeshivas"})
_STREETS = frozenset(split_words("calle avenida barrio urbanización urbanizacion"))
# "Hospital" is English too: a name in Spanish follows it only with one of these first.
_SPANISH_OPENERS = frozenset(split_words("de del san santa santo nuestra la el los las"))
_JOINERS = frozenset(split_words("de del la las los el y"))
# English words a Spanish name never runs into: "... de Añasco until", "... Familia office".
_ENGLISH = frozenset(split_words("""
in at on for to until from with and or the a an of is was by as office unit program since
after before when where who which that this his her their ward floor will would can could
may might should must has have had said says visited called came went helped offered
attends attended
"""))
_WORD = re.compile(r"[ \t]+([^\W\d_][\w'\u2019-]*)")
_NUMBER = re.compile(r"[ \t]+\d{1,5}[a-z]?(?![\w/.-]|\.\d)")
_NUMBER_BEFORE = re.compile(r"(?<![\w/.-])\d{1,6}[ \t]+(?:[nsew]\.?[ \t]+)?$")
_LOOSE = 50_000  # an English word this common ends the name ("hospital staff")
_NAME_AFTER_KIND = 10_000  # a name this common is an English word after "temple" ("sang")


def find_kind_first_names(lowered: str, words: set[str], hits: list[Hit], lex: Lexicon) -> None:
    """Add to `hits` the names that a kind word opens (`lowered` is the note in lower case,
    `words` the set of its words)."""
    kinds = set(_KINDS.intersection(words))
    if "hospital" in words:
        kinds.add("hospital")
    if not kinds:
        return
    finder = cue_finder()
    for start, end, kind in occurrences(lowered, kinds):
        stop, named, at = end, False, end
        for _ in range(6):
            m = _WORD.match(lowered, at)
            if m is None:
                break
            word = m.group(1)
            if kind == "hospital" and at == end and word not in _SPANISH_OPENERS and (
                    word.isascii()):
                break  # "hospital staff", "hospital chaplain": English
            if kind in _ENGLISH_KINDS and at == end and (finder.clinical(word) or not (
                    ((lex.is_name(word) or fold(word) in lex.cities)
                     and lex.freq(word) < _NAME_AFTER_KIND) or lex.freq(word) == 0)):
                break  # "temple beth shalom"; not "r temple laceration", "temple radiating",
                # "the congregation sang"
            if word in _JOINERS:
                at = m.end()
                continue
            if word in _ENGLISH or finder.clinical(word) or (
                    word.isascii() and lex.freq(word) >= _LOOSE
                    and fold(word) not in lex.cities and not lex.is_name(word)):
                break
            named, at, stop = True, m.end(), m.end()
        if not named:
            continue
        if kind in _STREETS:
            number = _NUMBER.match(lowered, stop)
            if number is not None:
                stop = number.end()
            else:  # the house number first, as in English: "1450 w calle mariposa"
                before = _NUMBER_BEFORE.search(lowered, max(0, start - 12), start)
                if before is not None:
                    start = before.start()
        label = Label.LOCATION if kind in _STREETS else Label.ORGANIZATION
        hits.append((start, stop, label, CONTEXT))
