"""The synthetic people, places and numbers around one client of the development set.

Split from `devset.py` (which writes the notes); see its docstring for what the set is for.
Most names come from faker's en_US lists; a share of people (`HELD_OUT_SHARE`) get names drawn
by frequency from the 1990 US Census lists (the `names` package) and a share of workplaces get
invented business names, so an engine whose dictionaries come from faker is also measured on
names it has not seen.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources

from faker import Faker
from faker.providers.geo import Provider as GeoProvider

from closeddoor.deid.chart import ChartIdentifiers, ChartPerson

HELD_OUT_SHARE = 0.3


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
NICKNAMES = {"Robert": "Bobby", "William": "Billy", "Elizabeth": "Liz", "Katherine": "Katie",
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
DATE_FORMATS: tuple[_DateFormat, ...] = (
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
MONTH_FORMATS: tuple[_DateFormat, ...] = (
    lambda d: f"{_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{_MONTHS[d.month - 1][:3]} {d.year}",
    lambda d: _MONTHS[d.month - 1],
)
PHONE_FORMATS: tuple[str, ...] = ("({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "{a}{b}{c}",
                                   "+1 {a} {b} {c}", "1-{a}-{b}-{c}", "{a} {b} {c}")


def _date_text(d: date, rng: random.Random) -> str:
    return rng.choice(DATE_FORMATS)(d)


def typo(name: str, rng: random.Random) -> str:
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
class Person:
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
class World:
    client: Person
    middle: str
    preferred: str
    dob: date
    start: date
    street: str
    city: str
    state: str
    zip: str
    people: dict[str, Person]
    places: dict[str, str]
    codes: dict[str, str]
    in_chart: set[str]  # names of non-person slots the chart holds ("employer", "ssn", ...)
    held_out: set[str]  # values (full names, business names) not drawn from faker
    chart: ChartIdentifiers = field(default_factory=ChartIdentifiers)

    @property
    def address(self) -> str:
        return f"{self.street}, {self.city}, {self.state} {self.zip}"

    @classmethod
    def make(cls, rng: random.Random, fake: Faker) -> World:
        sex = rng.choice("fm")
        census_family = rng.random() < HELD_OUT_SHARE
        family = _census_name("last", rng) if census_family else fake.last_name()
        held_out: set[str] = set()

        def person(rel: str, sex: str, last: str = "", *, wordy: float = 0.0,
                   chart: float = 0.0, title: str = "") -> Person:
            # Relatives share the client's surname and its source; others draw their own.
            census = census_family if last == family else rng.random() < HELD_OUT_SHARE
            first = (rng.choice(_WORD_NAMES[sex]) if rng.random() < wordy else
                     _census_name(sex, rng) if census else
                     rng.choice(tuple(NICKNAMES)) if rng.random() < 0.2 else
                     fake.first_name_female() if sex == "f" else fake.first_name_male())
            surname = last or (_census_name("last", rng) if census else fake.last_name())
            who = Person(first, surname, sex, rel, rng.random() < chart,
                          NICKNAMES.get(first, ""), phone(rng),
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


def phone(rng: random.Random) -> str:
    """A fictional number: the 555-0100..0199 block, under a real area code so it parses."""
    return f"({rng.choice(_AREA_CODES)}) 555-01{rng.randint(0, 99):02}"


def _email(person: Person, rng: random.Random) -> str:
    user = rng.choice((f"{person.first[0]}{person.last}", f"{person.first}.{person.last}",
                       f"{person.first}{rng.randint(1, 99)}")).lower()
    return f"{user}@example.{rng.choice(('com', 'net', 'org'))}"
