"""A seeded development set: synthetic therapy notes with gold identifier spans and charts.

Needs faker (a runtime dependency, through the engine's lexicon) and names, the 1990 US Census
name lists, from the `test` or `bench` extra (read once from that package's data). Only tests,
`bench/deid.py` and demos import this module, never the engine.
Deterministic for a seed under one installed faker version; no other I/O. Every person, number
and address is synthetic: phones are 555-01xx numbers, e-mail and web addresses use example.*
domains, IP addresses come from the documentation ranges.

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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources

from faker import Faker
from faker.providers.geo import Provider as GeoProvider

from closeddoor.deid.chart import ChartIdentifiers, ChartPerson
from closeddoor.deid.spans import Label, Span


class Origin(StrEnum):
    CHART = "chart"
    VARIANT = "variant"
    NEW = "new"


HELD_OUT_SHARE = 0.3


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
        world = _World.make(rng, fake)
        for n in range(notes_per_client):
            kind = "intake" if n == 0 else rng.choice(_KINDS)
            text, gold = _Note(rng, world, world.start + timedelta(days=7 * n + rng.randint(0, 2)),
                               ).write(kind)
            records.append(DevRecord(f"client{c:04d}-note{n:02d}", world.chart, text, gold))
    return records


# --- vocabulary ------------------------------------------------------------------------------
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_AREA_CODES = ("207", "212", "206", "303", "312", "401", "404", "415", "480", "502", "503", "505",
               "512", "541", "602", "608", "614", "615", "617", "619", "651", "702", "704", "713",
               "720", "801", "813", "816", "919", "971")
_COUNTIES = ("Washington", "Jefferson", "Franklin", "Lincoln", "Jackson", "Madison", "Marion",
             "Montgomery", "Monroe", "Clay", "Lake", "Polk", "Greene", "Union", "Wayne", "Warren")
_SAINTS = ("Anne", "Mary", "Joseph", "Luke", "Francis", "Vincent", "Jude", "Catherine")
# Names that are also everyday words: a precise engine tells "Hope called" from "expressed hope".
_WORD_NAMES = {"f": ("Hope", "Joy", "Faith", "May", "Rose", "Grace", "Summer", "Dawn", "Ivy"),
               "m": ("Will", "Grant", "Mark", "Bill", "Frank", "Miles", "Drew", "Chase", "Guy")}
_NICKNAMES = {"Robert": "Bobby", "William": "Billy", "Elizabeth": "Liz", "Katherine": "Katie",
              "Michael": "Mike", "Jennifer": "Jen", "Christopher": "Chris", "Margaret": "Maggie",
              "James": "Jimmy", "Joseph": "Joey", "Richard": "Rick", "Thomas": "Tommy",
              "Daniel": "Danny", "Anthony": "Tony", "Patricia": "Trish", "Rebecca": "Becky",
              "Samantha": "Sam", "Alexander": "Alex", "Nicholas": "Nick", "Jonathan": "Jon",
              "Matthew": "Matt", "Benjamin": "Ben", "Andrew": "Andy", "Victoria": "Tori",
              "Jessica": "Jess", "Stephanie": "Steph", "Deborah": "Deb", "Susan": "Sue",
              "Barbara": "Barb", "Kimberly": "Kim", "Jacqueline": "Jackie", "Abigail": "Abby"}
# Businesses named the way small local ones are: words, no surname (held-out workplaces).
_BUSINESS_WORDS = ("Cascade", "Blue Heron", "Summit", "Riverbend", "Cedar Hollow", "Northside",
                   "Evergreen", "Three Rivers", "Copper Kettle", "Lakeshore", "Old Mill", "Prairie")
_BUSINESS_KINDS = ("Millworks", "Bakery", "Dental", "Auto Body", "Logistics", "Landscaping",
                   "Roofing", "Credit Union", "Market", "Brewing", "Home Care", "Veterinary Clinic")
_US_CITIES = tuple(sorted({place[2] for place in GeoProvider.land_coords if place[3] == "US"}))

_DateFormat = Callable[[date], str]
_ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
_DATE_FORMATS: tuple[_DateFormat, ...] = (
    lambda d: f"{d.month}/{d.day}/{d.year}",
    lambda d: f"{d.month:02}/{d.day:02}/{d.year}",
    lambda d: f"{d.month}/{d.day}/{d.year % 100:02}",
    lambda d: f"{d.month:02}-{d.day:02}-{d.year % 100:02}",
    lambda d: d.isoformat(),
    lambda d: f"{_MONTHS[d.month - 1]} {d.day}{_ORD.get(d.day, 'th')}",
    lambda d: f"{_MONTHS[d.month - 1]} {d.day}",
    lambda d: f"{_MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day} {_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{_MONTHS[d.month - 1][:3]}. {d.day}",
    lambda d: f"{_MONTHS[d.month - 1][:3]} {d.day}, {d.year}",
    lambda d: f"{_DAYS[d.weekday()]}, {_MONTHS[d.month - 1]} {d.day}",
    lambda d: f"{d.month}/{d.day}",
    lambda d: f"{d.month}.{d.day}.{d.year % 100:02}",
)
_MONTH_FORMATS: tuple[_DateFormat, ...] = (
    lambda d: f"{_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{_MONTHS[d.month - 1][:3]} {d.year}",
    lambda d: _MONTHS[d.month - 1],
)
_PHONE_FORMATS: tuple[str, ...] = ("({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "{a}{b}{c}",
                                   "+1 {a} {b} {c}", "1-{a}-{b}-{c}", "{a} {b} {c}")


def _date_text(d: date, rng: random.Random) -> str:
    return rng.choice(_DATE_FORMATS)(d)


def _typo(name: str, rng: random.Random) -> str:
    """A slip a hurried clinician might make: a dropped, doubled, swapped or wrong letter."""
    if len(name) < 4:
        return name + name[-1]
    i = rng.randrange(1, len(name) - 1)
    edits = (name[:i] + name[i + 1:], name[:i] + name[i] + name[i:],
             name[:i] + name[i + 1] + name[i] + name[i + 2:],
             name[:i] + ("e" if name[i] in "aiouy" else "a") + name[i + 1:])
    return next(e for e in rng.sample(edits, len(edits)) if e != name)


# --- the people and places around one client ---------------------------------------------------
@dataclass
class _Person:
    first: str
    last: str
    sex: str  # "f" or "m": pronouns and titles
    rel: str  # "mother", "wife", "friend" ...; plain text, never an identifier
    in_chart: bool = False
    nickname: str = ""
    phone: str = ""  # as the chart holds it, or as first written
    email: str = ""
    title: str = ""  # "Dr." for clinicians; otherwise Mr./Ms./Mrs. by sex

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class _World:
    client: _Person
    middle: str
    preferred: str
    dob: date
    start: date
    street: str
    city: str
    state: str
    zip: str
    people: dict[str, _Person]
    places: dict[str, str]
    codes: dict[str, str]
    in_chart: set[str]  # names of non-person slots the chart holds ("employer", "ssn", ...)
    held_out: set[str]  # values (full names, business names) not drawn from faker
    chart: ChartIdentifiers = field(default_factory=ChartIdentifiers)

    @property
    def address(self) -> str:
        return f"{self.street}, {self.city}, {self.state} {self.zip}"

    @classmethod
    def make(cls, rng: random.Random, fake: Faker) -> _World:
        sex = rng.choice("fm")
        census_family = rng.random() < HELD_OUT_SHARE
        family = _census_name("last", rng) if census_family else fake.last_name()
        held_out: set[str] = set()

        def person(rel: str, sex: str, last: str = "", *, wordy: float = 0.0,
                   chart: float = 0.0, title: str = "") -> _Person:
            # Relatives share the client's surname and its source; others draw their own.
            census = census_family if last == family else rng.random() < HELD_OUT_SHARE
            first = (rng.choice(_WORD_NAMES[sex]) if rng.random() < wordy else
                     _census_name(sex, rng) if census else
                     rng.choice(tuple(_NICKNAMES)) if rng.random() < 0.2 else
                     fake.first_name_female() if sex == "f" else fake.first_name_male())
            surname = last or (_census_name("last", rng) if census else fake.last_name())
            who = _Person(first, surname, sex, rel, rng.random() < chart,
                          _NICKNAMES.get(first, ""), _phone(rng),
                          title=title or ("Mr." if sex == "m" else rng.choice(("Ms.", "Mrs."))))
            who.email = _email(who, rng)
            if census:
                held_out.add(who.full)
            return who

        client = person("client", sex, family, wordy=0.1)
        partner_sex = rng.choice("fm")
        partner_rel = {"f": rng.choice(("wife", "partner", "girlfriend")),
                       "m": rng.choice(("husband", "partner", "boyfriend"))}[partner_sex]
        sibling_sex = rng.choice("fm")
        child_sex = rng.choice("fm")
        age = rng.choice((rng.randint(15, 17), *[rng.randint(19, 75)] * 6, rng.randint(90, 97)))
        people = {
            "client": client,
            "partner": person(partner_rel, partner_sex, family, chart=0.7),
            "mother": person("mother", "f", family if rng.random() < 0.7 else "",
                             chart=0.9 if age < 18 else 0.5),
            "father": person("father", "m", family, chart=0.3),
            "sibling": person("sister" if sibling_sex == "f" else "brother", sibling_sex, family,
                              wordy=0.3, chart=0.5),
            "child": person("daughter" if child_sex == "f" else "son", child_sex, family,
                            wordy=0.3),
            "grandparent": person(*rng.choice((("grandmother", "f"), ("grandfather", "m"))),
                                  family),
            "friend": person("friend", rng.choice("fm"), wordy=0.3, chart=0.1),
            "newfriend": person("friend", rng.choice("fm"), wordy=0.3),
            "ex": person("ex", rng.choice("fm")),
            "aunt": person("aunt", "f"),
            "boss": person("boss", rng.choice("fm"), wordy=0.3),
            "newboss": person("supervisor", rng.choice("fm")),
            "coworker": person("coworker", rng.choice("fm"), wordy=0.2),
            "clinician": person("therapist", rng.choice("fm"), chart=1.0),
            "prescriber": person("psychiatrist", rng.choice("fm"), chart=0.5, title="Dr."),
            "pcp": person("primary care physician", rng.choice("fm"), chart=0.3, title="Dr."),
        }
        city = rng.choice(_US_CITIES)
        workplaces = {}
        for role in ("employer", "oldjob", "newjob", "partnerwork"):
            if rng.random() < HELD_OUT_SHARE:
                workplaces[role] = f"{rng.choice(_BUSINESS_WORDS)} {rng.choice(_BUSINESS_KINDS)}"
                held_out.add(workplaces[role])
            else:
                workplaces[role] = fake.company()
        places = {
            **workplaces,
            "school": rng.choice((f"{city} High School", f"{fake.last_name()} Academy",
                                  f"{city} Community College")),
            "childschool": f"{fake.last_name()} {rng.choice(('Elementary', 'Middle School'))}",
            "hospital": rng.choice((f"{city} General Hospital", f"{fake.last_name()} Memorial "
                                    "Hospital", f"St. {rng.choice(_SAINTS)} Medical Center")),
            "church": rng.choice((f"First Baptist Church of {city}", f"St. {rng.choice(_SAINTS)}"
                                  " Catholic Church", f"{fake.last_name()} Street Methodist")),
            "gym": rng.choice((f"{city} YMCA", f"{fake.last_name()} CrossFit",
                               f"Iron {rng.choice(('Valley', 'Ridge', 'Works'))} Gym")),
            "clinic": f"{fake.last_name()} {rng.choice(('Counseling', 'Behavioral Health'))}",
            "city2": rng.choice(_US_CITIES),
            "county": f"{rng.choice(_COUNTIES)} County",
            "address2": f"{fake.building_number()} {fake.street_name()}, "
                        f"{rng.choice(_US_CITIES)}, {_state(fake)} {fake.zipcode()}",
        }
        codes = {
            "mrn": str(rng.randint(1_000_000, 99_999_999)),
            "member": fake.bothify("???#########").upper(),
            "ssn": fake.ssn(),
            "dl": fake.bothify("?#######").upper(),
            "plate": fake.license_plate(),
            "vin": fake.vin(),
            "serial": fake.bothify("SN-####-??#").upper(),
            "ip": rng.choice((f"192.0.2.{rng.randint(1, 254)}", f"198.51.100.{rng.randint(1, 254)}",
                              f"203.0.113.{rng.randint(1, 254)}",
                              f"2001:db8::{rng.randint(1, 0xffff):x}")),
            "url": rng.choice((f"https://www.example.com/~{client.email.split('@')[0]}",
                               f"http://{fake.user_name()}.example.net/blog",
                               f"www.example.org/fundraiser/{fake.user_name()}")),
        }
        in_chart = {"employer"} if rng.random() < 0.7 else {"oldjob"}
        in_chart |= {name for name, p in (("school", 1.0 if age < 18 else 0.2), ("mrn", 0.9),
                                          ("member", 0.6), ("ssn", 0.3), ("phone", 0.95),
                                          ("email", 0.8), ("address", 0.95), ("dob", 0.95))
                     if rng.random() < p}
        middle = fake.first_name_female() if sex == "f" else fake.first_name_male()
        today = date(2023, 1, 2) + timedelta(days=rng.randint(0, 900))
        world = cls(client, middle, middle if rng.random() < 0.2 else "",
                    today - timedelta(days=365 * age + rng.randint(0, 364)), today,
                    f"{fake.building_number()} {fake.street_name()}", city, _state(fake),
                    fake.zipcode(), people, places, codes, in_chart, held_out)
        if client.full in held_out:
            held_out.add(f"{client.first} {middle} {client.last}")  # the client's spans' value
        world.chart = world.build_chart(rng, age)
        return world

    def build_chart(self, rng: random.Random, age: int) -> ChartIdentifiers:
        held = self.in_chart
        guardian_role = "mother" if age < 18 else ""
        if guardian_role:
            self.people[guardian_role].in_chart = True
        persons: list[tuple[str, ChartPerson]] = []
        for role, p in self.people.items():
            if not p.in_chart or role in ("client", "clinician", "prescriber"):
                continue
            keep_phone, keep_email = role == guardian_role or rng.random() < 0.7, rng.random() < 0.3
            if not keep_phone:  # then a phone number of theirs in a note is news to the chart
                held.add(f"{role}.nophone")
            if not keep_email:
                held.add(f"{role}.noemail")
            persons.append((role, ChartPerson(p.full, p.rel, p.phone if keep_phone else "",
                                              p.email if keep_email else "")))
        guardian = next((c for role, c in persons if role == guardian_role), None)
        return ChartIdentifiers(
            legal_name=f"{self.client.first} {self.middle} {self.client.last}",
            preferred_name=self.preferred,
            nicknames=(self.client.nickname,) if self.client.nickname else (),
            date_of_birth=self.dob.isoformat() if "dob" in held else "",
            address=self.address if "address" in held else "",
            phone=self.client.phone if "phone" in held else "",
            email=self.client.email if "email" in held else "",
            employer=self.places["employer" if "employer" in held else "oldjob"],
            school=self.places["school"] if "school" in held else "",
            contacts=tuple(c for role, c in persons if role != guardian_role),
            guardian=guardian,
            care_team=tuple(self.people[r].full for r in ("clinician", "prescriber")
                            if self.people[r].in_chart),
            identifiers=tuple(self.codes[k] for k in ("mrn", "member", "ssn") if k in held),
        )


@cache
def _census_lists() -> dict[str, tuple[tuple[str, ...], tuple[float, ...]]]:
    """Census names with cumulative frequencies, for `random.choices(cum_weights=...)`."""
    lists = {}
    for key, file in (("f", "dist.female.first"), ("m", "dist.male.first"),
                      ("last", "dist.all.last")):
        rows = [line.split() for line in (resources.files("names") / file).read_text().splitlines()]
        lists[key] = (tuple(_title(r[0]) for r in rows), tuple(float(r[2]) for r in rows))
    return lists


def _census_name(key: str, rng: random.Random) -> str:
    names, cumulative = _census_lists()[key]
    return rng.choices(names, cum_weights=cumulative)[0]


def _title(upper: str) -> str:
    name = upper.title()
    return "Mc" + name[2:].title() if name.startswith("Mc") and len(name) > 3 else name


def _state(fake: Faker) -> str:
    return fake.state_abbr(include_territories=False, include_freely_associated_states=False)


def _phone(rng: random.Random) -> str:
    """A fictional number: the 555-0100..0199 block, under a real area code so it parses."""
    return f"({rng.choice(_AREA_CODES)}) 555-01{rng.randint(0, 99):02}"


def _email(person: _Person, rng: random.Random) -> str:
    user = rng.choice((f"{person.first[0]}{person.last}", f"{person.first}.{person.last}",
                       f"{person.first}{rng.randint(1, 99)}")).lower()
    return f"{user}@example.{rng.choice(('com', 'net', 'org'))}"


# --- writing one note --------------------------------------------------------------------------
_Piece = tuple[str, "tuple[Label, Origin, str] | None"]
_SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")
_LOCATIONS = {"address", "street", "city", "zip", "city2", "county", "address2"}
_ORGS = {"employer", "oldjob", "newjob", "partnerwork", "school", "childschool", "hospital",
         "church", "gym", "clinic"}
_CODES = {"mrn": Label.ID, "member": Label.ID, "ssn": Label.SSN, "dl": Label.ID,
          "plate": Label.ID, "vin": Label.ID, "serial": Label.ID, "ip": Label.IP, "url": Label.URL}


class _Note:
    def __init__(self, rng: random.Random, world: _World, session: date) -> None:
        self.rng, self.world, self.session = rng, world, session
        self.parts: list[str] = []
        self.gold: list[GoldSpan] = []
        self.length = 0

    def write(self, kind: str) -> tuple[str, tuple[GoldSpan, ...]]:
        for heading, bank, low, high, separator in _PLANS[kind]:
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
            text = rng.choice(_MONTH_FORMATS if name == "month" else _DATE_FORMATS)(day)
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
            value = _phone(rng)
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

    def person(self, who: _Person, role: str, form: str) -> list[_Piece]:
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
                "lower": (first.lower(), chart), "typo": (_typo(first, rng), variant),
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
    return rng.choice(_PHONE_FORMATS).format(a=digits[:3], b=digits[3:6], c=digits[6:])


_KINDS = ("soap", "soap", "dap", "process", "contact", "risk")


# --- the prose: sentence banks with slots ------------------------------------------------------
# {role} / {role:form} is a person (forms: first full lower typo nick initials title poss rel
# phone email); {she} {her} {herobj} are the client's pronouns; other slots are in _Note.slot.
_HEADERS = (
    "Progress Note - {client:full} - DOS {session}\nMRN: {mrn}",
    "Client: {client:full} (DOB {dob})    Date of service: {session}    CPT 90837, 53 min",
    "Session 12 | {session} | Clinician: {clinician:full}, LCSW | {clinic}",
    "{clinic}\nIndividual psychotherapy, {session}, 50 minutes, in person",
    "Telehealth session {session} (video). Client located at home in {city}; consent on file.",
    "Pt: {client:initials}  MRN {mrn}  Member ID {member}  Seen: {session}",
)
_SIGNATURES = (
    "Electronically signed by {clinician:full}, LCSW on {session} at 16:42.",
    "{clinician:full}, PsyD",
    "Signed: {clinician:initials}, LPC, {session}",
    "Note completed by {clinician:full} (therapist). Co-signed by {prescriber:title}, MD.",
    "-- {clinician:lower}",
)
_SUBJECTIVE = (
    "Client reported that {her} mood has been \"up and down\" since our last session on {date}.",
    "{client} stated {she} slept 4-5 hours most nights this week and rated anxiety 7/10.",
    "Pt reports increased conflict with {her} {partner:rel} {partner} about money; {partner} has "
    "been working extra shifts at {partnerwork}.",
    "{client:poss} mother, {mother:full}, called the office on {date} asking for an update; no "
    "information was released without a signed ROI.",
    "Client described a difficult visit with {her} father ({father}) over the weekend and said "
    "\"he will never change.\"",
    "{She} shared that {her} {sibling:rel} {sibling} is moving to {city2} in {month}, which {she} "
    "experiences as another abandonment.",
    "Client said {she} has been spending more time with a new friend, {newfriend:full}, whom "
    "{she} met at {gym}.",
    "Client reports {her} boss, {boss:title}, wrote {herobj} up for lateness on {date}; {she} "
    "fears losing {her} job at {employer}.",
    "{client} described {her} coworker {coworker} as \"the only person at work who gets it.\"",
    "Client has been attending services at {church} again and said faith is \"the thing that "
    "keeps me going.\"",
    "Reports {her} {child:rel} {child} is having trouble at {childschool}; the teacher called "
    "twice last week.",
    "{She} described {her} {grandparent:rel}, now {age90}, as the most stable adult of {her} "
    "childhood.",
    "Client said {she} will try to call {friend} before the weekend instead of isolating.",
    "Client reports drinking 3-4 beers nightly; last drink was on {date}.",
    "Client recounted the argument with {ex} (ex-partner) on {date} in detail; no physical "
    "violence reported.",
    "{client} brought in a letter from {hospital} about the follow-up appointment on {date}.",
    "Client reports {she} moved out of the apartment on {street} and is staying with "
    "{friend:full} in {city2} for now.",
    "Pt states \"{mother} always takes {sibling:poss} side.\"",
    "Client was tearful when discussing {her} father's diagnosis; he was admitted to {hospital} "
    "on {date}.",
    "{She} has been walking two miles with {friend} most mornings and notices a little more joy "
    "in the afternoons.",
    "Client disclosed that {coworker:full} from {employer} has been texting {herobj} late at "
    "night.",
    "Client said the anniversary of {her} brother's death ({date}) is coming up and {she} expects "
    "a hard week.",
    "{client} reports {she} started a new job at {newjob} on {date} and likes {her} supervisor, "
    "{newboss}.",
    "{She} left {oldjob} in {month} after the layoffs and has been applying for jobs since.",
    "Client mentioned that {friend} lives out in {county} and offered {herobj} a spare room.",
    "Client talked about {her} {partner:rel}'s family; {partner:poss} mother {aunt:first} stayed "
    "with them in {month} and the house \"got tense.\"",
    "Client reports {her} {sibling:rel} ({sibling:lower}) has not spoken to {herobj} since {date}.",
    "{client:lower} says {her} {child:rel} {child:poss} birthday party on {date} went better than "
    "expected.",
    "Client said {boss} at {employer} offered {herobj} fewer hours, and {she} may accept.",
    "Client noted that {mother:title} (mother) has been calling {herobj} at work several times a "
    "day.",
)
_EVENTS = (
    "Client reports {her} ex has been following {herobj}; {she} wrote down the plate, {plate}, "
    "and filed a report with {city} police on {date}.",
    "Client's car (VIN {vin}) was repossessed on {date}, adding to the financial stress.",
    "Client's CPAP machine (serial {serial}) was recalled; {she} is waiting for a replacement.",
    "Client noticed a login to {her} e-mail from {ip}, which {she} believes was {ex}.",
    "Client shared the link to {her} fundraiser, {url}, and asked writer to share it; writer "
    "declined and explained boundaries.",
    "Client brought {her} driver's license ({dl}) so the front desk could update the file.",
    "Client gave {her} SSN, {ssn}, for the disability application; writer reminded {herobj} not "
    "to e-mail it.",
    "{partner} e-mailed writer from {partner:email} to reschedule; writer replied only to the "
    "client at {email}.",
    "Client asked that statements go to {address2} while {she} stays with {friend}.",
    "Client showed writer a post about {herobj} at {url}; we discussed how to respond.",
    "The portal flagged a sign-in from {ip}; client confirmed it was {her} own laptop.",
    "Client's {sibling:rel} can be reached at {sibling:phone} per the ROI dated {date}.",
)
_NEGATIVES = (
    "Client expressed hope that the new medication will help with sleep.",
    "Client reports {she} may return to school in the fall if money allows.",
    "{She} described a frank conversation with {her} {sibling:rel} about their father's drinking.",
    "Client said the grant for the housing program was approved, which brought some relief.",
    "Anxiety rose sharply before the family gathering but settled afterwards.",
    "Client feels little joy in activities {she} used to enjoy (anhedonia).",
    "Client described {her} faith community as a source of support.",
    "Client rated {her} urge to drink 6/10 on Tuesday and 3/10 by Friday.",
    "Client has been sober since 2019 and attends two AA meetings a week.",
    "Client grew up in {state} and has lived in the area for about 12 years.",
    "Took sertraline 100 mg daily as prescribed; no missed doses reported this week.",
    "Client said {she} will need a grace period on the copay until the next paycheck.",
    "Client made a mark on the calendar for each day {she} used a coping skill.",
    "Client and {her} {partner:rel} have been together since 2016 and married in 2018.",
    # Capitalised words that are not identifiers: eponyms, brands, programs, models, apps.
    "{Her} mother has Crohn's disease and {her} father was treated for Graves' disease.",
    "Client's tics were first attributed to Tourette's; the neurologist now suspects OCD.",
    "Prescriber switched {herobj} from Prozac to Lexapro; Trazodone at bedtime for sleep.",
    "Client takes Adderall on school days and stopped the Vyvanse because of appetite loss.",
    "Client keeps Ativan for flying only and has not needed Xanax since the summer.",
    "Lamictal was started for mood stability; a rash warning was reviewed.",
    "We mapped {her} needs onto Maslow's hierarchy and talked about the Kubler-Ross stages.",
    "Client uses Headspace for guided meditation and listens to Spotify playlists when anxious.",
    "{She} watches YouTube videos about ADHD and posts on Facebook less than before.",
    "Writer suggested the NAMI Family-to-Family class for {her} parents.",
    "Acceptance and Commitment Therapy defusion exercises were introduced (Leaves on a Stream).",
    "Client completed the Conners rating scale and the Vanderbilt forms for {her} child's doctor.",
)
_CLINICAL = (  # no identifiers: the bulk of real notes, where precision is won or lost
    "Writer used Socratic questioning to examine the belief \"if I say no, people will leave.\"",
    "Reviewed the thought record; client identified catastrophizing and all-or-nothing thinking.",
    "Practiced paced breathing (4-7-8) in session; client reported SUDS dropped from 8 to 4.",
    "Explored the link between skipped meals, poor sleep and irritability in the evenings.",
    "Client completed the behavioral activation log for 5 of 7 days and scheduled two pleasant "
    "activities for the coming week.",
    "Introduced the cognitive triangle and linked thoughts, feelings and behaviors to a recent "
    "argument.",
    "Processed the imaginal exposure from last week; distress peaked at 85 and fell to 40 within "
    "the session.",
    "Discussed sleep hygiene: consistent wake time, no screens after 10 pm, caffeine before noon "
    "only.",
    "Client identified three values (family, honesty, creativity) and one small step toward each.",
    "Reviewed the diary card: urges to self-harm 0-1/5 all week, skills used on four days.",
    "Used motivational interviewing to explore ambivalence about cutting back on alcohol.",
    "Client was able to name feelings of shame and anger without shutting down, a change from "
    "earlier sessions.",
    "Psychoeducation on the window of tolerance; client mapped {her} own signs of hyperarousal.",
    "Role-played an assertive request using the DEAR MAN skill.",
    "Client reports appetite is fair, energy low, concentration poor at work in the afternoons.",
    "Mood \"a 4 out of 10\"; affect congruent, brighter when talking about {her} dog.",
    "No medication side effects reported; client has an appointment with the prescriber next "
    "month.",
    "Client acknowledged progress but worries the improvement will not last.",
    "We agreed to revisit the exposure hierarchy once panic attacks are below two per week.",
    "Client has been journaling most nights and read two entries aloud in session.",
    "Treatment goals reviewed: reduce panic frequency by 50%, return to driving on the highway, "
    "improve sleep to 7 hours.",
    "Client described feeling \"numb\" for most of the week, then crying unexpectedly at work.",
    "Writer validated the client's grief while gently challenging the belief that {she} is to "
    "blame.",
    "Client practiced the 5-4-3-2-1 grounding exercise and said it \"took the edge off.\"",
    "Discussed the upcoming holidays as a high-risk period and planned coping strategies.",
    "Client reported two panic attacks this week, each lasting about 15 minutes.",
    "Continued EMDR preparation: resource installation with a calm-place image.",
    "Client identified avoidance of phone calls as a safety behavior and agreed to one call a day.",
    "Session focused on boundaries with family during the holidays.",
    "Client tends to minimize {her} needs; we explored where {she} learned that.",
)
_OBJECTIVE = (
    "Client arrived 10 minutes late, casually dressed, good hygiene; speech normal in rate and "
    "volume.",
    "Affect constricted, mood \"tired\"; thought process linear and goal directed.",
    "PHQ-9 = 17 (moderately severe), GAD-7 = 12, both up from {date}.",
    "PHQ-9 today 11, down from 16 in {month}.",
    "Oriented x4; no evidence of psychosis; insight fair, judgment fair.",
    "Client appeared older than {her} stated age of {age}; fidgeting, frequent sighs.",
    "Client was observed checking {her} phone repeatedly while discussing {partner}.",
    "Session 8 of 16 in the CPT protocol; 53 minutes (90837).",
    "Vitals per {pcp:title} on {date}: BP 128/84.",
)
_ASSESSMENT = (
    "Client continues to meet criteria for MDD, recurrent, moderate (F33.1); symptoms somewhat "
    "improved since {month}.",
    "Progress toward treatment goals is fair; client is more able to identify cognitive "
    "distortions such as mind reading.",
    "Conflict with {partner} appears to maintain the depressive cycle; avoidance remains the main "
    "target.",
    "Grief following {grandparent:poss} death at {age90} on {date} complicates the picture.",
    "Client's trauma history (MVA in 2019) continues to shape hypervigilance while driving.",
    "Alcohol use in early remission; client attends AA at {church} twice weekly.",
    "Client shows growing insight into the role {mother} plays in {her} self-criticism.",
    "Work stress at {employer} remains the main trigger; {boss} is described as unpredictable.",
    "Symptoms consistent with PTSD (F43.10); nightmares decreased from 5 to 2 per week.",
)
_RISK = (
    "Risk assessment: denies SI/HI, plan or intent; protective factors include {her} "
    "{child:rel} {child}, {her} faith, and future orientation.",
    "C-SSRS screen negative today; last positive screen was {date}.",
    "Risk assessed as low; client agreed to call 988 or go to {hospital} if thoughts of self-harm "
    "return.",
    "Safety plan updated: warning signs, coping skills, people to call ({friend} at "
    "{friend:phone}; {mother} at {mother:phone}), and means restriction (firearm stored with "
    "{father}).",
    "Client endorsed passive SI on {date} (\"it would be easier not to wake up\"); no plan or "
    "intent; risk moderate-low.",
    "Client denies access to firearms; {partner} removed the medications from the home.",
)
_PLAN = (
    "Will continue weekly CBT; next appointment {date} at 3:00 pm.",
    "Homework: thought record 3x this week and one walk with {friend}.",
    "Writer will send the updated treatment plan to {prescriber:title} (fax {fax}) once the ROI "
    "is signed.",
    "Coordinate with {pcp:full} at {hospital} about sleep medication; office {pcp:phone}.",
    "Client will practice TIPP skills and bring the diary card.",
    "Next session {date}; client may bring {partner} for a joint session.",
    "Writer to complete FMLA paperwork for {employer} by {date}.",
    "Hope Box and grounding skills reviewed; client will practice nightly.",
    "Will follow up with {prescriber:title} re: medication change before {date}.",
    "Refer to the DBT skills group at {clinic}; intake call {phone} left on voicemail.",
)
_PROCESS = (
    "When I asked about {mother}, {client} went quiet and looked at the floor.",
    "{She} said, \"{mother} and {father} fought every night until I was twelve.\"",
    "I noticed my own urge to rescue {herobj} when {she} talked about {sibling}; I named it and we "
    "slowed down.",
    "{client} laughed when describing how {friend} still calls {herobj} \"{client:nick}.\"",
    "There was a long silence after {she} mentioned {ex}.",
    "{She} compared me to {her} aunt {aunt}, \"who always knew what to say.\"",
    "{client:lower} kept returning to the image of {her} father's truck leaving the driveway on "
    "{date}.",
    "{She} is furious with {boss} but turns the anger inward.",
    "By the end, {she} could say that {partner:poss} criticism is not the same as {mother:poss}.",
    "{She} described the night of {date} at {hospital} in a flat voice, as if about someone else.",
    "I wondered aloud whether {she} gives {coworker} the care {she} wants from {mother}.",
    "{She} brought a photo of {her} {grandparent:rel}, {grandparent:full}, who turned {age90} "
    "this year.",
)
_INTAKE = (
    "DOB: {dob}    Age: {age}",
    "Address: {address}",
    "Phone: {phone} (cell, ok to leave a message)",
    "Email: {email}",
    "Emergency contact: {partner:full} ({partner:rel}), {partner:phone}",
    "Employer: {employer}",
    "Insurance member ID {member}; MRN {mrn}",
    "SSN: {ssn} (billing only)",
    "Referred by {pcp:title} at {hospital}, fax {fax}.",
    "Client grew up in {city2}, the second of three children; parents divorced in 1998.",
    "Lives with {her} {partner:rel} and {child:rel} {child} in a rented house on {street} in "
    "{city}, {zip}.",
    "Family history: mother ({mother:full}) with bipolar disorder; maternal grandfather, "
    "{age90}, in a nursing home in {county}.",
    "School: {school}",
    "Mother: {mother:full}, {mother:phone}",
)
_CONTACT = (
    "Phone call from {mother:title} ({mother:phone}) on {date}; writer confirmed only that an ROI "
    "is on file.",
    "Faxed records to {hospital} at {fax} per client's written request dated {date}.",
    "Client called to cancel the {date} appointment; rescheduled for {date}.",
    "Left voicemail at {phone} confirming the appointment on {date}.",
    "E-mail from {email} asking about a letter for {employer}; writer will discuss in session.",
    "Spoke with {pcp:full} at {pcp:phone} re: lab results; coordination documented.",
    "Collateral call with {partner} ({partner:phone}) with client present and consenting.",
    "Mailed superbill to {address}.",
)
_Section = tuple[str, tuple[str, ...], int, int, str]
_PLANS: dict[str, tuple[_Section, ...]] = {
    "soap": (("", _HEADERS, 1, 1, "\n"),
             ("S: ", _SUBJECTIVE + _EVENTS + _NEGATIVES + _CLINICAL, 4, 7, " "),
             ("O: ", _OBJECTIVE + _CLINICAL, 2, 4, " "),
             ("A: ", _ASSESSMENT + _RISK + _CLINICAL, 2, 4, " "),
             ("P: ", _PLAN + _CLINICAL, 2, 4, " "), ("", _SIGNATURES, 1, 1, "\n")),
    "dap": (("", _HEADERS, 1, 1, "\n"),
            ("Data: ", _SUBJECTIVE + _OBJECTIVE + _EVENTS + _CLINICAL, 5, 9, " "),
            ("Assessment: ", _ASSESSMENT + _RISK + _NEGATIVES + _CLINICAL, 2, 4, " "),
            ("Plan: ", _PLAN + _CLINICAL, 2, 4, " "), ("", _SIGNATURES, 1, 1, "\n")),
    "process": (("Process note (not part of the clinical record).\n", _PROCESS + _CLINICAL, 6, 10,
                 " "),
                ("", _SUBJECTIVE + _NEGATIVES, 2, 4, " "), ("", _SIGNATURES, 1, 1, "\n")),
    "intake": (("", _HEADERS, 1, 1, "\n"), ("INTAKE / PSYCHOSOCIAL\n", _INTAKE, 9, 14, "\n"),
               ("Presenting problem: ", _SUBJECTIVE + _NEGATIVES + _CLINICAL, 4, 7, " "),
               ("Risk: ", _RISK, 1, 2, " "), ("Plan: ", _PLAN + _CLINICAL, 2, 4, " "),
               ("", _SIGNATURES, 1, 1, "\n")),
    "contact": (("Contact note, {session}.\n", _CONTACT, 2, 4, "\n"),
                ("", _CLINICAL, 1, 2, " "), ("", _SIGNATURES, 1, 1, "\n")),
    "risk": (("", _HEADERS, 1, 1, "\n"), ("Risk assessment. ", _RISK, 3, 5, " "),
             ("", _SUBJECTIVE + _EVENTS + _CLINICAL, 3, 5, " "), ("Plan: ", _PLAN + _CLINICAL, 2, 4,
                                                                 " "),
             ("", _SIGNATURES, 1, 1, "\n")),
}
