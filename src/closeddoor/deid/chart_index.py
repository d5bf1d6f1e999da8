"""What a chart's identifiers look like once taken apart: name words, initials, address parts.

Shared by the chart matcher (which finds them) and the surrogates (which replace them
consistently: every way of writing one person maps to the same stand-in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from closeddoor.deid import cues
from closeddoor.deid.chart import ChartIdentifiers
from closeddoor.deid.cues import split_words
from closeddoor.deid.lexicon import Lexicon, fold

_EVERYDAY = 20_000
_SPLIT = re.compile(r"[\s,/]+")
_CREDENTIALS = cues.TITLES | frozenset(split_words("""
jr sr ii iii iv esq ma ms ba bs phd psyd edd lcsw licsw lpc lpcc lmft lmhc lmsw msw md do rn np
pa lcpc mft ncc aprn pmhnp dnp
"""))
_ORG_WORDS = cues.ORG_SUFFIXES | {"the", "of", "and", "&", "high", "middle", "community",
                                  "general", "memorial", "st", "st.", "saint", "first"}


@dataclass
class NameWord:
    canonical: str  # the folded word this one stands for ("bobby" -> "robert")
    role: str  # "first" or "last": which surrogate list replaces it
    everyday: bool  # also an everyday word: matched only when capitalised
    derived: bool = False  # a nickname the chart did not list: capitalised, mid-sentence only


@dataclass
class ChartIndex:
    names: dict[str, NameWord] = field(default_factory=dict)  # folded word -> meaning
    initials: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "MV" -> canonicals
    client_initials: tuple[str, ...] = ()  # single letters for "M." forms
    places: list[str] = field(default_factory=list)  # "412 Alder Street", "Alder Street", cities
    place_words: dict[str, bool] = field(default_factory=dict)  # city words -> everyday
    org_names: list[str] = field(default_factory=list)
    org_words: dict[str, bool] = field(default_factory=dict)
    zips: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)  # last ten digits
    emails: set[str] = field(default_factory=set)
    email_users: set[str] = field(default_factory=set)
    codes: list[str] = field(default_factory=list)
    code_digits: set[str] = field(default_factory=set)
    birth_date: date | None = None
    forbidden: set[str] = field(default_factory=set)  # folded words surrogates must not use


def build_index(chart: ChartIdentifiers, lex: Lexicon) -> ChartIndex:
    index = ChartIndex()
    client_names = [chart.legal_name, chart.preferred_name, *chart.nicknames]
    people = [client_names] + [[p.name] for p in chart.contacts]
    if chart.guardian:
        people.append([chart.guardian.name])
    people += [[name] for name in chart.care_team]
    for i, names in enumerate(people):
        words = [_words(n) for n in names if n]
        first_canonical = _add_person(index, words, lex)
        if i == 0 and words and words[0]:
            legal = words[0]
            index.client_initials = tuple({w[0].upper() for w in (legal[0], legal[-1])})
            for extra in words[1:]:  # preferred name and nicknames stand for the first name
                for word in extra:
                    _add_word(index, word, first_canonical or word, "first", lex)
    for address in [chart.address] + [p.address for p in chart.contacts if p.address]:
        _add_address(index, address, lex)
    for org in (chart.employer, chart.school):
        if org:
            index.org_names.append(org)
            for word in _words(org):
                if word not in _ORG_WORDS and len(word) > 2:
                    index.org_words[word] = _everyday(word, lex)
    for phone in [chart.phone] + [p.phone for p in chart.contacts] + (
            [chart.guardian.phone] if chart.guardian else []):
        digits = re.sub(r"\D", "", phone)
        if len(digits) >= 7:
            index.phones.add(digits[-10:])
    for email in [chart.email] + [p.email for p in chart.contacts]:
        if "@" in email:
            index.emails.add(email.lower())
            user = email.split("@", 1)[0].lower()
            if len(user) >= 4 and lex.freq(user) < _EVERYDAY:
                index.email_users.add(user)
    for code in chart.identifiers:
        index.codes.append(code)
        index.code_digits |= {d for d in re.findall(r"\d+", code) if len(d) >= 4}
    try:
        index.birth_date = date.fromisoformat(chart.date_of_birth) if chart.date_of_birth else None
    except ValueError:
        index.birth_date = None
    index.forbidden |= set(index.names) | set(index.place_words) | set(index.org_words)
    index.forbidden |= index.zips | index.phones | index.code_digits | index.email_users
    return index


def _words(name: str) -> list[str]:
    return [w for w in (fold(p.strip(".'\u2019()\"")) for p in _SPLIT.split(name))
            if len(w) > 1 and w not in _CREDENTIALS and not w.isdigit()]


def _everyday(word: str, lex: Lexicon) -> bool:
    return lex.freq(word) >= _EVERYDAY or len(word) <= 2


def _add_word(index: ChartIndex, word: str, canonical: str, role: str, lex: Lexicon,
              derived: bool = False) -> None:
    if word in index.names and not index.names[word].derived:
        return  # the first meaning wins: a client's word before a contact's
    index.names[word] = NameWord(canonical, role, _everyday(word, lex) or derived, derived)
    if "-" in word:  # "Vasquez-Lopez": each part alone is the same person
        for part in word.split("-"):
            if len(part) > 1:
                _add_word(index, part, part, role, lex, derived)
    for mark in ("'", "\u2019"):  # "O'Brien": text is read in letter runs, "o" and "brien"
        if mark in word:
            head, _, tail = word.partition(mark)
            if len(tail) > 2:
                _add_word(index, tail, canonical, role, lex, derived)
            _add_word(index, head + tail, canonical, role, lex, derived)


def _add_person(index: ChartIndex, names: list[list[str]], lex: Lexicon) -> str:
    if not names or not names[0]:
        return ""
    legal = names[0]
    first, last = legal[0], legal[-1]
    for position, word in enumerate(legal):
        role = "last" if position == len(legal) - 1 and len(legal) > 1 else "first"
        _add_word(index, word, word, role, lex)
    for nickname in lex.nicknames.get(first, frozenset()):
        if len(nickname) > 2 and nickname not in cues.NOT_NAMES:
            _add_word(index, nickname, first, "first", lex, derived=True)
    if len(legal) > 1:
        letters = [w[0].upper() for w in legal]
        index.initials[letters[0] + letters[-1]] = (first, last)
        if len(legal) > 2:
            index.initials["".join(letters)] = tuple(legal)
    return first


def _add_address(index: ChartIndex, address: str, lex: Lexicon) -> None:
    parts = [p.strip() for p in address.split(",") if p.strip()]
    for position, part in enumerate(parts):
        zips = re.findall(r"\b\d{5}(?:-\d{4})?\b", part)
        index.zips |= {z[:5] for z in zips}
        words = _words(re.sub(r"\b\d{5}(?:-\d{4})?\b", "", part))
        if any(c.isdigit() for c in part.split()[0]) and len(words) >= 1:
            index.places.append(part)
            street_words = [w for w in words if w not in lex.street_suffixes]
            index.places.append(" ".join(part.split()[1:]))
            for word in street_words:
                if not _everyday(word, lex):
                    index.place_words[word] = False
        elif not zips or words:
            if all(w in lex.not_identifiers or w.upper() in lex.state_abbreviations
                   for w in words) and not _state_follows(parts[position + 1:], lex):
                continue  # the state (or the country): not an identifier
            index.places.append(part)
            for word in words:
                if word.upper() not in lex.state_abbreviations:
                    index.place_words[word] = _everyday(word, lex)


def _state_follows(rest: list[str], lex: Lexicon) -> bool:
    """Whether the next part of an address is its state ("IA 21773", "Oregon 97201"): then
    this part is the city, even when a country or a state shares its name ("Lebanon, IA")."""
    if not rest:
        return False
    first = rest[0].split()[0]
    return (first.upper() in lex.state_abbreviations or fold(first) in lex.not_identifiers
            or re.search(r"\b\d{5}\b", rest[0]) is not None)
