"""What stands around a place found (issue 13): a state's code and a ZIP code after a town, a
unit after a street address and a neighbourhood before its ZIP code ("2nd fl, mayfair, 19135"),
a Canadian postal code, a town or a country's part after a place ("jackson heights, queens",
"rodez (aveyron)", "Kayah State"), a road's letters ("4470 hwy b"); and the bodies a town names:
a hospital by its town and brand ("lakeside mercy ed"), a utility ("lakeland power & light"), a
court's part ("passaic county, family part"), a kind of body after a town ("park river area
school", "potomac legal aid", "monmouth pines cardiology") or before "of" and a town
("children's center of clifton").
"""

from __future__ import annotations

import re

from closeddoor.deid.addresses import UNIT_WORDS
from closeddoor.deid.clinical_words import NEXT_WORD, NOT_STREET_NAMES, word_before
from closeddoor.deid.cues import (
    CANADIAN_POSTAL_CODE,
    PEOPLES,
    PROVINCE_CODES,
    STATE_CODES,
    US_STATES,
    split_words,
)
from closeddoor.deid.hits import CONTEXT, STRUCTURED, Hit
from closeddoor.deid.lexicon import CANADIAN_PROVINCES, fold, lexicon
from closeddoor.deid.place_kinds import (
    BRANDS,
    DENOMINATION_WORDS,
    INNER,
    KIND_WORDS,
    OF_PLACE_TAILS,
    SPECIALTIES,
)
from closeddoor.deid.regions import is_region
from closeddoor.deid.spans import Label

# A state's code and a ZIP code after a town found, with no comma, in any case: "monsey |
# ny 10952" (a lower-case code alone is too often a word: "in", "me", "or").
CODE_AND_ZIP_AFTER = re.compile(rf"[ \t]+(?i:{STATE_CODES})\.?[ \t]+"
                                r"(\d{5}(?:-\d{4})?)(?![\w-])")
# ... and after a street address found, the town before them: "7 truman ave | new square ny
# 10977".
_TOWN_CODE_AND_ZIP_AFTER = re.compile(r"[ \t]+([a-z][a-z'.-]+(?:[ \t]+[a-z][a-z'.-]+){0,2})"
                                      + CODE_AND_ZIP_AFTER.pattern)
# A unit after a street address and a comma: "480 broadway | , suite 300".
_UNIT_AFTER = re.compile(rf",[ \t]*{UNIT_WORDS}\.?[ \t]*#?[ \t]*\d[\w-]*(?![\w-])")
# A neighbourhood between a street address and its ZIP code, or its town, state and ZIP code:
# "4417 tyson ave, 2nd fl | , mayfair, | 19135", "1712 e 9th ave apt 3 | , ybor city, | tampa fl".
_PLACE_WORDS = r"[a-z][a-z'.-]+(?:[ \t]+[a-z][a-z'.-]+){0,2}"
_NEIGHBOURHOOD_AFTER = re.compile(
    rf",[ \t]*({_PLACE_WORDS}),[ \t]*(?:\d{{5}}|{_PLACE_WORDS},?[ \t]+(?i:{STATE_CODES})\.?,?"
    r"[ \t]+\d{5})(?![\w-])")
# A town of the word lists or a country's part after a place found and a comma, where the
# clause ends, without case: "jackson heights | , queens.", "jorhat | , assam;" (not a US
# state: "akron, ohio").
_TOWN_AFTER_COMMA = re.compile(r",[ \t]*([a-z][a-z'.-]+(?:[ \t]+[a-z][a-z'.-]+)?)"
                               r"(?=[ \t]*(?:[.;:)]|,|$|[ \t]and\b))")
# A country's part named with its kind after it, capitalised: "Kayah | State", "Punjab |
# Province".
_REGION_KINDS = (" State", " Province", " Region", " District", " Governorate", " Oblast",
                 " Prefecture")  # (the cheap test)
_REGION_KIND_AFTER = re.compile(r" (?:" + "|".join(k.strip() for k in _REGION_KINDS)
                                + r")(?![\w'\u2019-])")
# ... or in brackets: "rodez | (aveyron)", "anchorage | (mountain view)".
_PLACE_IN_BRACKETS = re.compile(r"[ \t]*\(([a-z][a-z'.-]+(?:[ \t]+[a-z][a-z'.-]+)?)\)")
# A Canadian postal code after a town and its province: "montreal | , qc h1z 3g4".
_PROVINCE_AND_POSTAL_CODE_AFTER = re.compile(
    rf",?[ \t]+(?:{PROVINCE_CODES}|quebec|québec|ontario)\.?,?[ \t]+"
    rf"({CANADIAN_POSTAL_CODE})(?![\w-])")
# A body's kind before "of" and a town found ("greater" may open the town's area).
_OF_BEFORE_TOWN = (" of ", " of greater ")
_OF_TOWN_KINDS = OF_PLACE_TAILS | {"services", "charities", "clinic", "hospital"}
# A hospital named by its town and its brand, or "general", before what a hospital has or a
# clause's end: "lakeside mercy ed", "cypress creek general hr", "seen at tacoma general."
HOSPITAL_BRANDS = BRANDS | {"general"}
_BRAND_AFTER = re.compile(
    rf"[ \t]+(?:{'|'.join(sorted(HOSPITAL_BRANDS))})(?=[ \t]+(?:ed|er|hospital|icu|hr|campus|"
    r"clinic|medical|nicu|picu|psych|er's)\b|[ \t]*[,.;:)]|$)")
# Without case, words of what a body serves and then its kind after a town or a body found:
# "park river | area school", "sioux center | community hospital", "| family medicine".
_KIND_RUN_OPENERS = tuple(f" {word} " for word in sorted(INNER | {"area"}))  # (tested first)
_KINDS_AFTER_TOWN = re.compile(
    r"(?:[ \t]+(?:" + "|".join(re.escape(w) for w in sorted(INNER | {"area"})) + r")){1,3}"
    r"[ \t]+(?:hospital|clinic|school|health|medicine|center|centre|services|practice|academy|"
    r"college)(?![\w'\u2019-])")
# A body named by its town and a kind that never stands alone after a town: a specialty's
# practice, a legal aid office, a polyclinic, an ACT team, an adult day centre ("monmouth pines
# | cardiology", "potomac | legal aid", "bishkek city | polyclinic", "bronx | act team");
# "psychiatric" ends such a name only where a clause or a list goes on ("wausau river |
# psychiatric in wausau"). A town may be found without its "city" ("bishkek | city polyclinic").
_BODY_KINDS = (*sorted(SPECIALTIES), r"legal[ \t]+aid",
               r"polyclinic(?:[ \t]+no\.?[ \t]*\d{1,3}(?![\w/-]|\.\d))?", r"act[ \t]+team",
               r"adult[ \t]+day[ \t]+(?:services|center|centre|program|health)",
               r"psychiatric(?=[ \t]*[,.;:)]|[ \t]+(?:and|in|at|on|for|with|since|until)\b)")
_BODY_AFTER_PLACE = re.compile(r"(?:[ \t]+city)?[ \t]+(?P<kind>" + "|".join(_BODY_KINDS)
                               + r")(?![\w'\u2019-])")
_BODY_FIRSTS = tuple(sorted({f" {kind[:3]}" for kind in _BODY_KINDS} | {" cit"}))  # (the
# cheap test: each kind's first letters, or "city")
# A county road or highway named by letters (Wisconsin, Missouri): "4470 hwy | b", "cty rd |
# j", "county road | jj"; a rural grid number may open it: "n8842 | cty rd j".
_LETTERED_ROADS = (" hwy", " highway", " cty rd", " county road", " county rd", " co rd",
                   " co. rd")
_ROAD_LETTERS = re.compile(r"[ \t]+([a-z]{1,2})(?=[ \t]*(?:[,;)]|\.(?:\s|$)|$))")
_NOT_ROAD_LETTERS = frozenset(split_words("a i in on at to or of is be so as"))
_GRID_NUMBER_BEFORE = re.compile(r"(?<![\w-])[nsew]\d{3,6}[ \t]+$")
# A part of a New Jersey Superior Court, after its county: "passaic county, family part".
_PART_OPENERS = (" family", " chancery", " criminal", " civil", ", family", ", chancery",
                 ", criminal", ", civil")
_PART_AFTER = re.compile(r",?[ \t]+(?:family|chancery|criminal|civil)[ \t]+part(?![\w'\u2019-])")
# A utility named for its town: "lakeland power & light", "dayton power and light".
_UTILITY_FIRSTS = (" power", " gas", " electric", " water")
_UTILITY_AFTER = re.compile(r"[ \t]+(?:power|gas|electric|water)[ \t]*(?:&|and)[ \t]*"
                            r"(?:light|electric|power|gas|water)(?![\w'\u2019-])")


def around_place(text: str, lowered: str, start: int, end: int, label: Label, cased: bool,
                 brands: bool, hits: list[Hit]) -> None:
    """Add what stands around the place or body found at `start`..`end` (`brands`: whether
    the note holds a hospital's brand word)."""
    run = (_KINDS_AFTER_TOWN.match(lowered, end) if not cased
           and lowered.startswith(_KIND_RUN_OPENERS, end) else None)
    if run is not None and (label is Label.LOCATION or _a_town(lowered[start:end])):
        hits.append((start, run.end(), Label.ORGANIZATION, CONTEXT))  # "park river | area
        # school", "sioux center | community hospital" (a town, though "center" ends a
        # body's name)
    if label is not Label.LOCATION:
        return
    if not cased and lowered.endswith(_OF_BEFORE_TOWN, 0, start):
        _kind_of_town_before(lowered, start, end, hits)
    if lowered.startswith(_PART_OPENERS, end) and lowered.endswith("county", start, end):
        part = _PART_AFTER.match(lowered, end)  # "passaic county | family part"
        if part is not None:
            hits.append((start, part.end(), Label.ORGANIZATION, CONTEXT))
    if start and lowered.endswith(_LETTERED_ROADS, start - 1, end):
        _lettered_road(lowered, start, end, hits)
    if lowered.startswith(" ", end):
        _town_and_zip_after(lowered, start, end, hits)
        if cased:
            region_kind_after(text, lowered, start, end, hits)
        if not cased and lowered.startswith(" (", end):
            _place_after(_PLACE_IN_BRACKETS.match(lowered, end), hits)
        body_after(text, lowered, start, end, label, cased, hits)
        brand = _BRAND_AFTER.match(lowered, end) if brands else None
        if brand is None and lowered.startswith(_UTILITY_FIRSTS, end):
            brand = _UTILITY_AFTER.match(lowered, end)  # "lakeland | power & light"
        if brand is not None:  # "lakeside | mercy ed", "cypress creek | general hr"
            hits.append((start, brand.end(), Label.ORGANIZATION, CONTEXT))
    elif lowered.startswith(",", end):
        _unit_or_postal_code_after(lowered, start, end, hits)
        if not cased and not lowered[start].isdigit():
            _place_after(_TOWN_AFTER_COMMA.match(lowered, end), hits)


def region_kind_after(text: str, lowered: str, start: int, end: int, hits: list[Hit]) -> None:
    """The kind of a country's part, or of a state's university, after the place or the name
    found, in a cased note: "Hpruso, Kayah | State", "at Wayne | State" (not "New York State",
    a US state)."""
    if text.startswith(_REGION_KINDS, end) and lowered[start:end] not in US_STATES:
        kind = _REGION_KIND_AFTER.match(text, end)
        if kind is not None:
            hits.append((start, kind.end(), Label.LOCATION, CONTEXT))


def body_after(text: str, lowered: str, start: int, end: int, label: Label, cased: bool,
               hits: list[Hit]) -> None:
    """A body named by the town or the person found at `start`..`end` and a kind that never
    stands alone there (`_BODY_AFTER_PLACE`): "potomac | legal aid", "dayton | legal aid" (a
    town read as a surname), "ridgefield | cardiology"; capitalised in a cased note."""
    if not lowered.startswith(_BODY_FIRSTS, end):
        return
    body = _BODY_AFTER_PLACE.match(lowered, end)
    if body is None or (cased and not text[body.start("kind")].isupper()) or (
            label is Label.NAME and body.group("kind") == "psychiatric"):
        return  # (not "per dr. lowe | psychiatric and medical history")
    hits.append((start, body.end(), Label.ORGANIZATION, CONTEXT))


def _lettered_road(lowered: str, start: int, end: int, hits: list[Hit]) -> None:
    """The letters that name a county road or highway found, and a rural grid number before
    it: "4470 hwy | b", "| n8842 | cty rd | j"."""
    letters = _ROAD_LETTERS.match(lowered, end)
    if letters is not None and letters.group(1) not in _NOT_ROAD_LETTERS:
        end = letters.end()
    else:
        letters = None
    grid = _GRID_NUMBER_BEFORE.search(lowered, max(0, start - 10), start)
    if letters is not None or grid is not None:
        hits.append((start if grid is None else grid.start(), end, Label.LOCATION, CONTEXT))


def _place_after(place: re.Match[str] | None, hits: list[Hit]) -> None:
    """A town or a country's part after a place found, without case, where the clause ends:
    "jackson heights | , queens.", "jorhat | , assam;", "rodez | (aveyron)" (not a US state
    nor a Canadian province, not a country, nor a word of the note's own)."""
    if place is None:
        return
    name = place.group(1)
    folded = fold(name)
    if name in US_STATES or folded in CANADIAN_PROVINCES or folded in lexicon().not_identifiers:
        return
    if (_a_town(name) or is_region(name, lexicon())) and not any(
            word in NOT_STREET_NAMES for word in name.split()):
        hits.append((place.start(1), place.end(1), Label.LOCATION, CONTEXT))


def _a_town(name: str) -> bool:
    """Whether `name` (lower case) is a town of the word lists: "sioux center"."""
    words = tuple(name.split())
    lex = lexicon()
    return words in lex.multiword_cities.get(words[0], ()) if len(words) > 1 else (
        name in lex.cities)


def _kind_of_town_before(lowered: str, start: int, end: int, hits: list[Hit]) -> None:
    """Without case, a body named by its kind "of" a town found, one word or more of what it
    serves before the kind: "children's center | of | clifton", "jewish family services of
    | tucson" (not "the center of clifton": nothing says a name)."""
    of = lowered.rfind(" of ", 0, start)
    kind = word_before(lowered, of + 1, 14)
    if kind is None or kind[1] not in _OF_TOWN_KINDS:
        return
    after = NEXT_WORD.match(lowered, end)
    if after is not None and after.group(1) in KIND_WORDS:
        return  # the town opens another body's name: "senior clinic of | rouge river | general"
    opens = None
    at = kind[0]
    for _ in range(3):
        before = word_before(lowered, at, 16)
        if before is None or not (before[1] in INNER or before[1] in DENOMINATION_WORDS
                                  or before[1] in PEOPLES or before[1] == "cultural"):
            break  # (a people's cultural centre: "kazakh cultural center of bethesda")
        opens = at = before[0]
    if opens is not None:
        hits.append((opens, end, Label.ORGANIZATION, CONTEXT))


def _town_and_zip_after(lowered: str, start: int, end: int, hits: list[Hit]) -> None:
    """A state's code and a ZIP code after a town found ("monsey | ny 10952"), and a town
    before them after a street address found ("7 truman ave | new square ny 10977")."""
    zip_code = CODE_AND_ZIP_AFTER.match(lowered, end)
    if zip_code is not None:
        hits.append((zip_code.start(1), zip_code.end(1), Label.LOCATION, STRUCTURED))
        return
    if not lowered[start].isdigit():
        return
    town = _TOWN_CODE_AND_ZIP_AFTER.match(lowered, end)
    if town is not None and all(word not in NOT_STREET_NAMES for word in town.group(1).split()):
        hits.append((town.start(1), town.end(1), Label.LOCATION, CONTEXT))
        hits.append((town.start(2), town.end(2), Label.LOCATION, STRUCTURED))


def _unit_or_postal_code_after(lowered: str, start: int, end: int, hits: list[Hit]) -> None:
    """A unit after a street address found, after a comma ("480 broadway | , suite 300"),
    and a Canadian postal code after a town found and its province ("montreal | , qc h1z
    3g4"; the province, like a state, is not marked)."""
    unit = _UNIT_AFTER.match(lowered, end) if lowered[start].isdigit() else None
    if unit is not None:
        hits.append((start, unit.end(), Label.LOCATION, CONTEXT))
        end = unit.end()
    if lowered[start].isdigit():
        part = _NEIGHBOURHOOD_AFTER.match(lowered, end)
        if part is not None and not any(word in NOT_STREET_NAMES
                                        for word in part.group(1).split()):
            hits.append((part.start(1), part.end(1), Label.LOCATION, CONTEXT))
    if unit is not None:
        return
    postal = _PROVINCE_AND_POSTAL_CODE_AFTER.match(lowered, end)
    if postal is not None:
        hits.append((postal.start(1), postal.end(1), Label.LOCATION, STRUCTURED))
    elif lowered[start].isdigit():  # "1107 n kansas ave lot 22 | , liberal ks 67901"
        _town_and_zip_after(lowered, start, end + 1, hits)
