"""A seeded development set: synthetic therapy notes with gold identifier spans and charts.

Needs faker (a runtime dependency, through the engine's lexicon) and names, the 1990 US Census
name lists, from the `test` or `bench` extra (read once from that package's data). Only tests,
`bench/deid.py` and demos import this module, never the engine.
Deterministic for a seed under one installed faker version; no other I/O. Every person, number
and address is synthetic: phones are 555-01xx numbers, e-mail and web addresses use example.*
domains, IP addresses come from the documentation ranges.

This module writes the notes; `devset_world` makes the people, places and numbers around each
client, `devset_templates` holds the sentences, and `devset_controls` writes the identifier-free
negative control.

Most names come from faker's en_US lists. A share of people (`HELD_OUT_SHARE`) instead get
names drawn by frequency from the Census lists, and a share of workplaces get invented business
names, so their spans are marked `held_out`: an engine whose own dictionaries come from faker is
then also measured on names it has not seen.

Gold span conventions (what the benchmark scores against):
- Titles and the possessive `'s` stay outside NAME spans ("Mrs. [Vasquez]", "[Rosa]'s").
- A written date is one DATE span, its year included; a year alone, a weekday alone, a time of
  day and ratings that look like dates ("7/10") are not identifiers. A month alone is a DATE.
- Ages over 89 are AGE; other ages are plain text. State names are plain text; a whole street
  address is one LOCATION span, and so is a city, a county, a street or a ZIP code on its own.
- ID spans hold the code only ("MRN [4471023]"); the label word before it is plain text.
- Each span's origin tells whether the client's chart holds that identifier (`CHART`: as in the
  chart or written another regular way: case, part of a name, another date or phone format),
  holds something it derives from (`VARIANT`: a misspelling, initials or a common nickname of a
  chart name), or does not hold it at all (`NEW`).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from faker import Faker

from closeddoor.deid.chart import ChartIdentifiers
from closeddoor.deid.spans import Label, Span
from devdata.deid.devset_templates import KINDS, PLANS
from devdata.deid.devset_world import (
    DATE_FORMATS,
    HELD_OUT_SHARE,
    MONTH_FORMATS,
    PHONE_FORMATS,
    Person,
    World,
    phone,
    typo,
)

__all__ = ["HELD_OUT_SHARE", "DevRecord", "GoldSpan", "Origin", "generate"]


class Origin(StrEnum):
    CHART = "chart"
    VARIANT = "variant"
    NEW = "new"



@dataclass(frozen=True)
class GoldSpan:
    span: Span
    origin: Origin
    value: str  # what the generator meant: a person's full name, an ISO date, a number's digits
    held_out: bool = False  # a Census name or an invented business name, not from faker


@dataclass(frozen=True)
class DevRecord:
    record_id: str
    chart: ChartIdentifiers
    text: str
    gold: tuple[GoldSpan, ...]

    @property
    def spans(self) -> list[Span]:
        return [g.span for g in self.gold]


def generate(seed: int, n_clients: int, notes_per_client: int) -> list[DevRecord]:
    """`n_clients` synthetic clients, each with a chart and `notes_per_client` notes (the first
    an intake note). The same arguments give the same records."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    records: list[DevRecord] = []
    for c in range(n_clients):
        world = World.make(rng, fake)
        for n in range(notes_per_client):
            kind = "intake" if n == 0 else rng.choice(KINDS)
            text, gold = _Note(rng, world, world.start + timedelta(days=7 * n + rng.randint(0, 2)),
                               ).write(kind)
            records.append(DevRecord(f"client{c:04d}-note{n:02d}", world.chart, text, gold))
    return records


# --- writing one note --------------------------------------------------------------------------
_Piece = tuple[str, "tuple[Label, Origin, str] | None"]
_SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")
_LOCATIONS = {"address", "street", "city", "zip", "city2", "county", "address2"}
_ORGS = {"employer", "oldjob", "newjob", "partnerwork", "school", "childschool", "hospital",
         "church", "gym", "clinic"}
_CODES = {"mrn": Label.ID, "member": Label.ID, "ssn": Label.SSN, "dl": Label.ID,
          "plate": Label.ID, "vin": Label.ID, "serial": Label.ID, "ip": Label.IP, "url": Label.URL}


class _Note:
    def __init__(self, rng: random.Random, world: World, session: date) -> None:
        self.rng, self.world, self.session = rng, world, session
        self.parts: list[str] = []
        self.gold: list[GoldSpan] = []
        self.length = 0

    def write(self, kind: str) -> tuple[str, tuple[GoldSpan, ...]]:
        for heading, bank, low, high, separator in PLANS[kind]:
            self.template(heading)
            for line in self.rng.sample(bank, min(len(bank), self.rng.randint(low, high))):
                self.template(line)
                self.add(separator)
            self.parts[-1] = self.parts[-1].rstrip(" ")  # no trailing space before the break
            self.length = sum(map(len, self.parts))
            self.add("\n")
        return "".join(self.parts).rstrip() + "\n", tuple(self.gold)

    def add(self, text: str, gold: tuple[Label, Origin, str] | None = None) -> None:
        if gold is not None:
            self.gold.append(GoldSpan(Span(self.length, self.length + len(text), gold[0]),
                                      gold[1], gold[2], gold[2] in self.world.held_out))
        self.parts.append(text)
        self.length += len(text)

    def template(self, line: str) -> None:
        cursor = 0
        for match in _SLOT.finditer(line):
            self.add(line[cursor:match.start()])
            for text, gold in self.slot(match.group(1), match.group(2) or ""):
                self.add(text, gold)
            cursor = match.end()
        self.add(line[cursor:])

    def slot(self, name: str, form: str) -> list[_Piece]:
        w, rng = self.world, self.rng
        she = w.client.sex == "f"
        pronouns = {"she": "she" if she else "he", "She": "She" if she else "He",
                    "her": "her" if she else "his", "Her": "Her" if she else "His",
                    "herobj": "her" if she else "him"}
        if name in pronouns:
            return [(pronouns[name], None)]
        if name in w.people:
            return self.person(w.people[name], name, form)
        held = Origin.CHART if name in w.in_chart else Origin.NEW
        if name in ("date", "month", "dob", "session"):
            day = {"dob": w.dob, "session": self.session}.get(
                name, self.session + timedelta(days=rng.randint(-150, 30)))
            text = rng.choice(MONTH_FORMATS if name == "month" else DATE_FORMATS)(day)
            return [(text, (Label.DATE, held if name == "dob" else Origin.NEW, day.isoformat()))]
        if name in ("age", "age90"):
            years = (self.session - w.dob).days // 365 if name == "age" else rng.randint(90, 104)
            age = str(years)
            return [(age, (Label.AGE, Origin.NEW, age) if years > 89 else None)]
        if name in ("phone", "email"):
            value = getattr(w.client, name)
            text = _phone_text(value, rng) if name == "phone" else value
            return [(text, (Label[name.upper()], held, value))]
        if name == "fax":
            value = phone(rng)
            return [(_phone_text(value, rng), (Label.PHONE, Origin.NEW, value))]
        if name in _LOCATIONS:
            value = {"address": w.address, "street": w.street.split(" ", 1)[1],
                     "city": w.city, "zip": w.zip}.get(name) or w.places[name]
            origin = Origin.CHART if "address" in w.in_chart and name in (
                "address", "street", "city", "zip") else Origin.NEW
            return [(value, (Label.LOCATION, origin, value))]
        if name in _ORGS:
            value = w.places[name]
            return [(value, (Label.ORGANIZATION, held, value))]
        if name in _CODES:
            value = w.codes[name]
            text = value.replace("-", rng.choice(("-", " ", ""))) if name == "ssn" else value
            return [(text, (_CODES[name], held, value))]
        if name == "state":
            return [(rng.choice(("Ohio", "Texas", "Oregon", "Georgia", "Michigan")), None)]
        raise KeyError(name)

    def person(self, who: Person, role: str, form: str) -> list[_Piece]:
        rng = self.rng
        if form == "rel":
            return [(who.rel, None)]
        if form in ("phone", "email"):
            value = getattr(who, form)
            origin = (Origin.CHART if who.in_chart and f"{role}.no{form}" not in self.world.in_chart
                      else Origin.NEW)
            text = _phone_text(value, rng) if form == "phone" else value
            return [(text, (Label[form.upper()], origin, value))]
        chart = Origin.CHART if who.in_chart or role == "client" else Origin.NEW
        variant = Origin.VARIANT if chart is Origin.CHART else Origin.NEW
        first = self.world.preferred if role == "client" and self.world.preferred else who.first
        if form in ("", "poss"):
            form = rng.choices(("first", "full", "lower", "typo", "nick", "initials", "title"),
                               (55, 10, 7, 6, 8 if who.nickname else 0, 4, 10))[0] + (
                                   "'s" if form == "poss" else "")
        possessive = form.endswith("'s")
        form = form.removesuffix("'s")
        if form == "nick" and not who.nickname:
            form = "first"
        if form == "nick" and role == "client":
            surface, origin = who.nickname, Origin.CHART  # the chart lists the client's nicknames
        else:
            surface, origin = {
                "first": (first, chart), "full": (f"{first} {who.last}", chart),
                "lower": (first.lower(), chart), "typo": (typo(first, rng), variant),
                "nick": (who.nickname, variant), "title": (who.last, chart),
                "initials": (f"{who.first[0]}.{who.last[0]}.", variant),
            }[form]
        pieces: list[_Piece] = []
        if form == "title":
            pieces.append((f"{who.title} ", None))
        value = self.world.chart.legal_name if role == "client" else who.full
        pieces.append((surface, (Label.NAME, origin, value)))
        if possessive:
            pieces.append(("'s", None))
        return pieces


def _phone_text(value: str, rng: random.Random) -> str:
    digits = re.sub(r"\D", "", value)
    return rng.choice(PHONE_FORMATS).format(a=digits[:3], b=digits[3:6], c=digits[6:])
