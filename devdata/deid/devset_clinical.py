"""A second development set: inpatient and nursing shorthand, and intake histories that cite
hospitals, clinics, units and prior providers; each note also in all capitals and all lower case.

Issue 13: the engine scored 0.999/0.999 on its own synthetic therapy notes and 0.667/0.199 on
real nursing notes. This set is written in the registers that failed, with gold spans, seeded:

- `nursing`: shift notes in shorthand ("pt on ps 10/5, peep 5. k 3.9 repleted w/ 40 meq kcl.
  dr okafor aware. wife mary called 555.0143").
- `intake`: intake histories ("admitted to St. Mary's 3/14/19, followed by dr. okafor at county
  mental health").

Each note is bait as much as identifiers: clinical abbreviations, short drug names, numbers with
units, shift times, vitals and labs of 90-120 with no age context, ventilator settings written
like dates (5/5, 10/5/40), section headers.

**Split.** Every template family and every surrogate name belongs to exactly one part, by a
fixed rule (family index; a hash of the name), so a `held-out` note uses templates and names
never seen in a `tuning` note. Tune on `tuning` only; report both.

**Case.** `generate` returns each note three times: as written, `upper` and `lower`. The gold
spans are the same (case changes no offset in ASCII text).

Gold conventions are those of `devset.py`, plus: a hospital, clinic, agency or unit ("St. Mary's",
"county mental health", "4 West", "MICU") is one ORGANIZATION span; role words (dr, np, rn) and
titles stay outside NAME spans. Every name, number and place is synthetic (phones in 555-01xx).
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass
from datetime import date, timedelta

from closeddoor.deid.chart import ChartIdentifiers
from closeddoor.deid.spans import Label, Span
from devdata.deid.devset import DevRecord, GoldSpan, Origin
from devdata.deid.devset_world import _census_lists

__all__ = ["CASES", "REGISTERS", "SPLITS", "ClinicalRecord", "generate_clinical"]

REGISTERS = ("nursing", "intake")
SPLITS = ("tuning", "held-out")
CASES = ("as written", "upper", "lower")
_NAME_POOL = 2_500  # the most common Census names of each list are the pool


@dataclass(frozen=True)
class ClinicalRecord(DevRecord):
    register: str = "nursing"
    split: str = "tuning"
    case: str = "as written"


def held_out_name(name: str) -> bool:
    """One name in three is held out, by a fixed hash of its lower-case letters."""
    return zlib.crc32(name.lower().encode()) % 3 == 0


def _pool(key: str, held_out: bool) -> tuple[str, ...]:
    names = _census_lists()[key][0][:_NAME_POOL]
    return tuple(n for n in names if held_out_name(n) == held_out and n.isalpha() and len(n) > 2)


# --- templates -------------------------------------------------------------------------------
# Slots: {pt} patient surname (in the chart), {ptfirst} patient given name (chart),
# {dr} a clinician's surname, {rel} a relative's given name, {relfull} given name and surname,
# {hosp} a hospital, {clinic} a clinic or agency, {unit} a unit, {phone}, {date} a shorthand
# date, {age90} an age over 89, {v} a number 90-120 (plain), {n} a small number (plain),
# {role} a role word, {kin} a relation word. Text outside slots is plain.
# Each family is a list of lines; a note takes a few lines of a few families of its register.
_NURSING: tuple[tuple[str, ...], ...] = (
    (  # 0 neuro / header lines
        "NEURO: a&ox3, mae, perrla. ativan 1 mg iv x1 for agitation at 0200 w/ good effect.",
        "neuro: lethargic but arousable, follows commands. no sz activity noted 7a-7p.",
        "NEURO- sedated on propofol 30 mcg/kg/min, rass -2. pupils 3mm brisk.",
    ),
    (  # 1 resp / vent
        "RESP: on ps {n}/5, peep 5, fio2 40%. rr 18-22, sats {v}%. suctioned for thick tan sputum.",
        "resp: vent settings ac 500x14/5/40%, abg 7.38/42/{v}. ls coarse bilat.",
        "RESP- weaned to cpap 5/5 at 0800, tol well. o2 sat {v}-100% on 4l nc.",
        "placed back on ac overnight, 10/5/40 by 0400. rsbi 62.",
    ),
    (  # 2 cv / vitals
        "CV: hr {v}-110 st, bp 112/60, map 70s. k 3.9 repleted w/ 40 meq kcl. mg 2.1.",
        "cv: nsr 80s-{v}s, sbp {v}-130. lopressor 25 mg po held for sbp < 100.",
        "hemodynamics stable, hr {v} sr, no ectopy. levophed off since 0600.",
    ),
    (  # 3 gi/gu/labs
        "GI/GU: tf at goal 60 cc/hr, residuals < 30 cc. foley draining clear yellow 50-80 cc/hr.",
        "gi: abd soft, +bs. ngt to lcs with 200 ml bilious output. lasix 40 mg iv given.",
        "labs: glucose {v}, bun 22, cr 1.1, hct 28. riss 4 units sq at 2200.",
        "fsbs {v}-{v}, covered per sliding scale. heparin 5000 units sq tid.",
    ),
    (  # 4 people at the bedside / covering
        "dr {dr} aware of hypotension, new orders for ns bolus 500 cc.",
        "covering np {dr} notified re: low uop, 250 cc fluid given.",
        "pt's {kin} {rel} in to visit, updated on plan of care by rn.",
        "{kin} ({rel}) called for update, # {phone}.",
        "resident {dr} paged x2 at 10pm re: k 3.2, repleted.",
        "attending dr. {dr} in to see pt, plan to extubate in am.",
    ),
    (  # 5 social / dispo
        "SOCIAL: {kin} {relfull} is hcp, can be reached at {phone}.",
        "social: pt lives with {kin} {rel}. plan d/c to {hosp} when medically cleared.",
        "dispo: screening for rehab at {hosp}, cm following. f/u with dr {dr} at {clinic}.",
    ),
    (  # 6 transfers and dates
        "pt transferred from {unit} to {unit} on {date} for closer monitoring.",
        "admitted {date} from {hosp} ed with urosepsis, started on zosyn and vanc.",
        "s/p fall at home {date}, brought in by ems. ct head neg.",
    ),
    (  # 7 patient named
        "mr. {pt} resting comfortably, {age90} yo male w/ hx chf, cad, afib on coumadin.",
        "{ptfirst} {pt} is a {age90} y/o woman admitted w/ pna. full code.",
        "pt ({pt}) oob to chair w/ assist x2 for 1 hr, tol well.",
    ),
    (  # 8 held-out family: skin / plan
        "SKIN: stage 2 coccyx, duoderm intact. turned q2h. tylenol 650 mg pr for t 101.2.",
        "PLAN: cont abx (flagyl, cipro), wean vent as tol, f/u bcx. call {dr} with cx results.",
        "{kin} {rel} updated by phone at {phone}, aware of plan.",
    ),
    (  # 9 held-out family: handoff
        "report given to {role} {dr} at 7p. pt moved to {unit}, bed 12.",
        "seen by dr {dr} from renal, hd tomorrow. k 5.1, bicarb 19, wbc 11.2.",
        "transferred to {hosp} on {date}. {kin} {relfull} aware, # {phone}.",
        "hr {v}s, bp {v}/58, rr 24, sat {v}% on 50% face tent. dilt gtt at 10 mg/hr.",
    ),
    (  # 10 held-out family: overnight
        "overnight: uneventful, slept 4-5 hrs. prn haldol 2 mg im x1 at 0300.",
        "per {kin} {rel}, pt was at {hosp} {date} for same. dr {dr} is pcp.",
        "icu team (dr {dr}) aware of sbp {v}s. 1l lr bolus given, sbp now 104.",
    ),
)
_INTAKE: tuple[tuple[str, ...], ...] = (
    (  # 0 prior admissions
        "Admitted to {hosp} in {date} after an overdose; followed by dr. {dr} at {clinic}.",
        "first psych admission at age 19 ({hosp}, {unit}); second {date}.",
        "PRIOR TREATMENT: {clinic} 2015-2018, then dr {dr} (psychiatry) until {date}.",
    ),
    (  # 1 meds
        "MEDICATIONS: sertraline 100 mg qd, trazodone 50 mg qhs prn, lithium 300 mg bid.",
        "meds: zoloft 50 mg, abilify 5 mg, klonopin 0.5 mg tid prn. no known allergies.",
        "Med trials: prozac, lexapro (gi upset), wellbutrin 150 mg xl, seroquel 25-100 mg.",
    ),
    (  # 2 family
        "FAMILY HX: {kin} with bipolar d/o, treated at {clinic}. {kin} {rel} supportive.",
        "lives with {kin} {relfull} ({phone}) and two kids, ages 7 and 10.",
        "{kin} {rel} drove pt to the ed; {rel} can be reached at {phone}.",
    ),
    (  # 3 referral
        "Referred by {role} {dr} from {hosp}; records requested {date}.",
        "referral source: {clinic}, case manager {relfull}, # {phone}.",
        "Pt was seen by np {dr} at {clinic} on {date}; labs at that time wnl.",
    ),
    (  # 4 substance / vitals / labs
        "SUBSTANCE USE: etoh 6-8 beers/day, last drink {date}. ciwa {n}, no dts.",
        "vitals: bp 118/76, hr {v}, t 98.6, wt 72 kg. a1c 5.9, tsh 2.1, lithium level 0.8.",
        "UDS neg. bal 0. ekg: nsr, qtc 440. pt reports 10 cigs/day x 20 yrs.",
    ),
    (  # 5 patient
        "{ptfirst} {pt} is a {age90} y/o widowed man referred for grief.",
        "mr {pt} states he was at {hosp} {date}, \"they kept me 3 days\".",
        "Ms. {pt} arrived 10 min late w/ {kin} {rel}.",
    ),
    (  # 6 held-out family: history narrative
        "HISTORY: pt treated at {hosp} ({unit}) {date}, then transferred to {clinic}.",
        "previously followed by attending {dr} and covering md {dr}; last seen {date}.",
        "{kin} {relfull} ({phone}) reports pt stopped depakote 500 mg in {date}.",
    ),
    (  # 7 held-out family: plan / contacts
        "PLAN: f/u w/ dr {dr} at {clinic} in 2 wks; crisis line {phone}.",
        "ROI signed for {hosp} and {clinic}. {kin} {rel} to attend family session.",
        "Pt ({ptfirst}) agrees to iop at {clinic} starting {date}, m/w/f 9a-12p.",
    ),
    (  # 8 held-out family: risk
        "RISK: denies si/hi. prior attempt {date} (od on tylenol), admitted to {unit} at {hosp}.",
        "hx of 2 psych admissions ({hosp}, {clinic}); last {date}. no access to firearms.",
    ),
)
# Tuning part: the first families of each register; held-out: the rest.
_TUNING_FAMILIES = {"nursing": 8, "intake": 6}
_KIN = ("wife", "husband", "daughter", "son", "sister", "brother", "mother", "father", "niece",
        "son-in-law", "friend", "partner")
_ROLES = ("dr", "np", "rn", "pa", "resident", "covering np", "attending", "md", "fellow")
_HOSPITALS = ("St. {S}'s", "St {S}'s Hospital", "{L} Memorial", "{L} General Hospital",
              "{C} Medical Center", "{C} Regional", "Mercy {C}", "{S} Psychiatric Hospital",
              "{L} Rehab", "{C} Community Hospital", "{L} Nursing Home")
_CLINICS = ("county mental health", "{C} County Mental Health", "{L} Counseling Center",
            "{C} Health Center", "the {C} VA", "{L} Family Practice", "{C} Behavioral Health",
            "{L} Clinic", "{C} Recovery Services", "{C} CMHC")
_UNITS = ("4 West", "7 North", "{L} 5", "MICU", "SICU", "CCU", "{L} 3 East", "CSRU", "11 South",
          "the {L} unit")
_PLACES = ("Riverside", "Oakdale", "Millbrook", "Fairview", "Cedar Falls", "Brookhaven",
           "Westfield", "Pine Ridge", "Harborview", "Elm Grove", "Stonebridge", "Maplewood",
           "Clearwater", "Ashford", "Lakeview", "Kingsbury", "Northgate", "Greenfield")
_SAINTS = ("Mary", "Luke", "Anne", "Elizabeth", "Joseph", "Vincent", "Jude", "Francis",
           "Catherine", "Margaret", "Agnes", "Clare", "Benedict", "Rita")
_MON = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _split_of(items: tuple[str, ...], held_out: bool) -> tuple[str, ...]:
    part = tuple(x for x in items if held_out_name(x) == held_out)
    return part or items


def _phone(rng: random.Random) -> str:
    area = rng.choice(("617", "508", "413", "978", "781"))
    line = f"01{rng.randint(0, 99):02d}"
    return rng.choice((f"{area}.555.{line}", f"({area})555-{line}", f"{area} 555 {line}",
                       f"555-{line}", f"{area}-555-{line} x{rng.randint(2, 99)}",
                       f"{area}555{line}", f"555.{line}", f"1-{area}-555-{line}"))


def _date(rng: random.Random, when: date) -> str:
    m, d, y = when.month, when.day, when.year % 100
    return rng.choice((f"{m}/{d}", f"{m}/{d}/{y:02d}", f"{m}-{d}-{when.year}",
                       f"{m:02d}/{d:02d}/{when.year}", f"{m}.{d}.{y:02d}",
                       f"{_MON[(m - 1) % 11]} {d}", f"{d} {_MON[(m - 1) % 11]} {when.year}",
                       f"{m}/{d}/{when.year}"))


class _Writer:
    def __init__(self, rng: random.Random, held_out: bool) -> None:
        self.rng = rng
        self.first = _pool("f", held_out) + _pool("m", held_out)
        self.last = _pool("last", held_out)
        self.held_out = held_out
        self.places = _split_of(_PLACES, held_out)
        self.saints = _split_of(_SAINTS, held_out)
        self.pt_first = rng.choice(self.first)
        self.pt_last = rng.choice(self.last)
        self.pt_phone = _phone(rng)
        self.parts: list[str] = []
        self.gold: list[GoldSpan] = []
        self.length = 0
        self.day = date(2019, 1, 1) + timedelta(days=rng.randint(0, 1500))

    def chart(self) -> ChartIdentifiers:
        return ChartIdentifiers(legal_name=f"{self.pt_first} {self.pt_last}", phone=self.pt_phone)

    def add(self, text: str, label: Label | None = None, origin: Origin = Origin.NEW) -> None:
        if label is not None:
            self.gold.append(GoldSpan(Span(self.length, self.length + len(text), label), origin,
                                      text, self.held_out))
        self.parts.append(text)
        self.length += len(text)

    def facility(self, forms: tuple[str, ...]) -> str:
        return self.rng.choice(forms).format(S=self.rng.choice(self.saints),
                                             L=self.rng.choice(self.last),
                                             C=self.rng.choice(self.places))

    def line(self, template: str) -> None:
        rng = self.rng
        at = 0
        for m in re.finditer(r"\{(\w+)\}", template):
            self.add(template[at:m.start()])
            at = m.end()
            slot = m.group(1)
            if slot == "pt":
                self.add(self.pt_last, Label.NAME, Origin.CHART)
            elif slot == "ptfirst":
                self.add(self.pt_first, Label.NAME, Origin.CHART)
            elif slot == "dr":
                self.add(rng.choice(self.last), Label.NAME)
            elif slot == "rel":
                self.add(rng.choice(self.first), Label.NAME)
            elif slot == "relfull":
                self.add(f"{rng.choice(self.first)} {rng.choice(self.last)}", Label.NAME)
            elif slot in ("hosp", "clinic", "unit"):
                place = self.facility({"hosp": _HOSPITALS, "clinic": _CLINICS,
                                       "unit": _UNITS}[slot])
                if place.startswith("the "):  # "the" stays outside the span
                    self.add("the ")
                    place = place[4:]
                self.add(place, Label.ORGANIZATION)
            elif slot == "phone":
                self.add(_phone(rng), Label.PHONE)
            elif slot == "date":
                self.add(_date(rng, self.day - timedelta(days=rng.randint(1, 900))), Label.DATE)
            elif slot == "age90":
                self.add(str(rng.randint(90, 104)), Label.AGE)
            elif slot == "v":
                self.add(str(rng.randint(90, 120)))
            elif slot == "n":
                self.add(str(rng.randint(5, 18)))
            elif slot == "role":
                self.add(rng.choice(_ROLES))
            elif slot == "kin":
                self.add(rng.choice(_KIN))
            else:  # pragma: no cover - a typo in a template
                raise ValueError(f"unknown slot {slot!r}")
        self.add(template[at:])


def _styled(line: str, rng: random.Random, register: str) -> str:
    """Intake histories are written in sentence case more often than nursing notes."""
    if register == "intake" and rng.random() < 0.6 and line[:1].islower():
        return line[:1].upper() + line[1:]
    return line


def _capitalise_names(text: str, gold: tuple[GoldSpan, ...], rng: random.Random) -> str:
    """As written: about half of the notes spell names with capitals, the rest not."""
    if rng.random() < 0.5:
        return text
    chars = list(text)
    for g in gold:
        if g.span.label in (Label.NAME, Label.ORGANIZATION):
            for i in range(g.span.start, g.span.end):
                if i == g.span.start or not chars[i - 1].isalpha():
                    chars[i] = chars[i].upper()
    return "".join(chars)


def generate_clinical(seed: int, n_notes: int) -> list[ClinicalRecord]:
    """`n_notes` notes per register and split, each in three cases (as written, upper, lower):
    `12 * n_notes` records. The same arguments give the same records."""
    rng = random.Random(seed)
    out: list[ClinicalRecord] = []
    for register, families in (("nursing", _NURSING), ("intake", _INTAKE)):
        cut = _TUNING_FAMILIES[register]
        for split, pool in (("tuning", families[:cut]), ("held-out", families[cut:])):
            held_out = split == "held-out"
            for i in range(n_notes):
                writer = _Writer(rng, held_out)
                lines = [line for family in rng.sample(pool, min(len(pool), rng.randint(3, 5)))
                         for line in rng.sample(family, rng.randint(1, len(family)))]
                rng.shuffle(lines)
                for line in lines:
                    writer.line(_styled(line, rng, register))
                    writer.add("\n" if rng.random() < 0.6 else " ")
                text = "".join(writer.parts).rstrip() + "\n"
                gold = tuple(writer.gold)
                written = _capitalise_names(text, gold, rng)
                record_id = f"{register}-{split}-{i:04d}"
                for case, version in (("as written", written), ("upper", written.upper()),
                                      ("lower", written.lower())):
                    out.append(ClinicalRecord(f"{record_id}-{case.replace(' ', '')}",
                                              writer.chart(), version, gold, register, split,
                                              case))
    return out
