"""Facilities, businesses, churches and firms named in a note without case (issue 13).

A facility is found from its type word back ("millbrook medical center", "county mental
health"), a business from its kind ("blue heron logistics", "first baptist church"), a firm from
its surnames ("morales and sons"), an organisation from the cue before it ("at ___ gym",
"employer: ___"). Each walk reads words back from the type word while they can stand in a name
(`WordReader`), and keeps the name only if one word says which place, not which kind.
"""

from __future__ import annotations

import re

from closeddoor.deid import cues
from closeddoor.deid.clinical_words import (
    CLINICAL_WORDS,
    CUE_WORDS,
    EVERYDAY,
    FACILITY_PREPOSITIONS,
    FOLLOWERS,
    FUNCTION_WORDS,
    GLUED,
    KIN,
    LOOSE,
    NAMING_COLOURS,
    NEXT_WORD,
    RARE,
    ROLES,
    VERB_LIKE,
    WORD,
    WORKS_AS_VERB,
    word_before,
)
from closeddoor.deid.cues import split_words
from closeddoor.deid.dates import WEEKDAYS
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.place_kinds import (
    BUSINESS,
    BUSINESS_INNER,
    CHURCH_NAME_WORDS,
    CHURCHES,
    DENOMINATION_ONLY,
    DENOMINATION_WORDS,
    GENERIC,
    HEADS,
    INNER,
    NAMED_ONLY,
    NAMING_HEADS,
    NEEDS_INNER,
    PLACE_ANCHORS,
    SHOPS,
    SPECIALTIES,
    STRONG_BUSINESS,
    STRONG_HEADS,
    TRADE_INNER,
    TRADES,
    UNIT_HEADS,
    WEAK_HEADS,
    WHICH,
)
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader
from closeddoor.deid.workplaces import (
    JOB_BEFORE_WITH,
    OWNED_KINDS,
    OWNER_CUES,
    OWNERS,
    SENT_BEFORE_TO,
    WHOSE_BEFORE,
    WORK_BEFORE,
    WORK_OR_OWNING,
    after_word_in,
    after_work_verb,
    kind_before_comma,
)

_PHARMACY_BEFORE = re.compile(r"(?:\b(?:at|to|from|the|and)|@)[ \t]+"
                              r"((?:(?!(?:the|and|at|to|from)\b)[a-z][a-z'\u2019-]+[ \t]+){1,2})$")
_PHARMACY_KINDS = frozenset(split_words("""
discount compounding retail specialty mail order online hospital outpatient inpatient local
family community village main generic brand
"""))
_NOT_PHARMACIES = frozenset(split_words("""
illicit recreational street urine prescription any no other new same her his their my your our
over-the-counter counter designer club party gateway
"""))
_PHARMACY_RARE = 5_000
# A prescription sent to a pharmacy: then everyday words name it ("rx to corner drug").
_SENT_TO_PHARMACY = re.compile(r"\b(?:rx|rxs|script|scripts|sent|faxed|e-?prescribed|"
                               r"called[ \t]+in|refills?|transmitted)(?:[ \t]+[a-z0-9]+){0,3}"
                               r"[ \t]+to$")
_ORDINAL_BEFORE = re.compile(r"(?<![\w/.-])\d{1,3}(?:st|nd|rd|th)[ \t]+$")
# The type word that ends an organisation's name, and the words just before such a name that
# say one follows ("works at ___ gym", "employer: ___ logistics").
_ORG_TAILS = frozenset((cues.ORG_SUFFIXES | BUSINESS | HEADS) - {
    "co", "co.", "group", "care", "body", "home", "unit", "services", "service", "health", "county",
    "department", "dept", "court", "market", "store", "shop", "plant", "union", "trust", "works"})
# Employers' trades and care kinds that end a name after "at" ("works at desert sun
# distribution", "aide at harbor point home care"): the cue makes everyday words a name.
_EMPLOYER_TAILS = frozenset(split_words("""
distribution distributors wholesale fulfillment meatpacking packing packers processing poultry
staffing shipping catering homecare janitorial care shipyard shipyards mining coal correctional
detention beef buffet cab
"""))
# Kinds of workplace that also name a kind of place ("the market", "a store"): a name only
# after a verb of work before "at".
_WORKPLACE_TAILS = frozenset({"market", "store", "shop", "plant"})
# Trades and shops, which name a workplace after a verb of work and "at" (`_WORKPLACE_TAILS`).
_TRADE_TAILS = (TRADES | SHOPS) - {"house", "lodge", "shelter", "iop", "otp", "therapy"}
# Homes for the old or the sick named as a residence: "cna at linden hills senior residence".
_RESIDENCE_TAILS = frozenset({"residence", "residences", "manor"})
_ORG_TAILS = _ORG_TAILS | _EMPLOYER_TAILS | _RESIDENCE_TAILS | {"aid"}
# Type words that end many a kind of service as well as a name ("at adult protective
# services", "at county health"): a name only with a name, a place or a rare word before
# them ("at potomac newcomer services", "at oneida county refugee health").
_KIND_TAILS = frozenset({"services", "health"})
# What stands before "care" when it ends a name: "harbor point home care"; not "at bedside care".
_CARE_KINDS = frozenset(split_words("home health senior day child memory respite elder hospice"))
_HEALTH_KINDS = frozenset(split_words("home mental behavioral behavioural community family"))
_ORG_CUES = frozenset(split_words("at attends attended via thru through from"))
_ORG_LABEL_BEFORE = re.compile(r"\b(?:employer|school|workplace|agency|program|facility):"
                               r"[ \t]*$")
# An intake form's field whose value names an organisation, up to the end of its clause.
_FIELD_WORDS = frozenset({"employer", "workplace", "school", "parish", "church", "congregation",
                          "provider", "agency", "practice", "pharmacy"})
_FIELD = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(_FIELD_WORDS)) + r")[ \t]*:[ \t]*")
_NAME_GAP = re.compile(r"[ \t]*(?:[-&][ \t]*)?")  # between the words of a name: "gates-north"
# Values of such a field that say there is no organisation, or only a kind of one.
_NO_VALUE = frozenset(split_words("""
none n/a na unemployed retired self self-employed student disabled disability homemaker
unknown not no currently between unable seeking looking some graduated dropped completed ged
diploma grade part-time full-time homeschooled homeschool online declined deferred pending
previous prior former local another same other different our your my their his her its any
"""))
_TRADE_AFTER = re.compile(r"\.?[ \t]+([a-z]+)")  # "bros. | plumbing", "& sons | imports"
_FIRM_BEFORE = re.compile(r"(?<![\w'\u2019-])(?:([a-z]{2,}),[ \t]+)?([a-z]{2,})[ \t]+$")
_UNIT_BEFORE = re.compile(r"(?:\b(?:the|on|to|from)|,)[ \t]+([a-z]+)[ \t]+$")
_ABBREVIATED_PLACE_WORDS = frozenset({"st.", "mt.", "ft.", "ste."})  # "st. luke's hospital"
# Kinds of a practice that may stand before "group" with no name among its words: "kingfisher
# lake medical group" (not "bhutanese women's group").
_PRACTICE_KINDS = frozenset({"medical", "dental", "surgical", "psychiatric", "behavioral",
                             "orthopedic", "orthopaedic", "pediatric", "podiatry"})
# Compound adjectives that end a facility's name before it begins: "haitian-born home health".
_COMPOUND_ADJECTIVES = ("-born", "-based", "-speaking", "-american", "-run", "-owned")
# Heads that a county or a state alone does not name: "the county courthouse", "county ems".
_NAMED_BY_PLACE = frozenset({"courthouse", "ems"})
# An amount after a verb that is also a trade: "mom thuy pumping 60 ml".
_AMOUNT_AFTER = re.compile(r"[ \t]+(?:~[ \t]*)?\d+(?:\.\d+)?[ \t]*(?:ml|cc|oz|mg|l|lbs?|kg|min|"
                           r"mins|minutes|hrs?|hours|times|x)\b")
# Kinds of business that are common surnames too: "story & hall immigration law".
_SURNAME_KINDS = frozenset({"hall"})
# Little words of place and time, no nouns: "enactment around | ranch chores".
_PREPOSITIONS = frozenset(split_words("""
around behind near toward towards across along outside inside without within between beyond
beside against among through throughout past upon below above under after before since until
"""))
# Verbs in the past with no "-ed": "kim began school" names no school.
_IRREGULAR_PASTS = frozenset(split_words("""
began became went came got took made gave ran saw left quit found kept lost won sold bought
built brought taught caught fought thought felt heard held met paid put read said sent set
sat spent stood told understood wore wrote chose drove rode spoke broke
"""))
_SPANISH_ARTICLES = frozenset({"la", "el", "las", "los"})
# An Arabic article joined to a name ("al-furat grocery", "el-nour bakery"): the name is a word.
_ARTICLED = re.compile(r"^(?:al|el|ad|ar|as|at|an|ash|adh)-")
_SHORTHAND_LETTERS = frozenset("wxcsrl")  # with, times, with, without, right, left
# Kinds of technology firm right before its type word: "ojas it services", "pratham software
# consultants" (then a word before must name it).
_TECH_KINDS = frozenset(split_words("it tech software staffing data cloud digital technology"))
_TECH_TAILS = frozenset(split_words("""
services solutions consulting consultants partners labs staffing group systems inc llc
"""))
_WEEKDAYS = frozenset(WEEKDAYS)  # "goes to | sunday school": a day, not a name opening one
# Denominations that name a church without "church" after a word of the denomination.
_DENOMINATION_NAMES = frozenset({"baptist", "methodist", "pentecostal", "holiness", "adventist",
                                 "orthodox"})
_CHURCH_AFTER = tuple(f" {kind}" for kind in sorted(CHURCHES))
# Common words of a place's name: "seekonk river | php", "cedar valley | senior high".
_LANDFORMS = frozenset(split_words("""
river lake valley bay creek mountain mountains hill hills ridge point harbor harbour springs
spring park grove woods forest island islands prairie plains meadow meadows rivers lakes falls
hollow canyon mesa
"""))
# The grades a school is named for without "school": "senior high", "junior-senior high".
_GRADES_BEFORE = re.compile(r"(?<![\w-])(?:junior[ \t-]+)?(?:junior|senior)[ \t-]+$")
_SIZES = frozenset({"big", "small", "large", "old", "new"})  # "big | creek", "new | river"
# Kinds of school a landform and the word before it name: "big creek high school".
_SCHOOL_TAILS = frozenset({"school", "elementary", "academy"})
_ACTION_WORD = re.compile(r"(?:ize|ise|ing|ly|es)$")  # "i authorize | greenway medical center"
_ADJECTIVE_END = re.compile(r"(?:ive|al|ic|ed|ory|ary)$")


def find_facility(reader: WordReader, lowered: str, head_start: int, head: str,
                  hits: list[Hit]) -> None:
    """A facility ending in `head`: "millbrook medical center", "county mental health"."""
    lex = reader.lex
    begin = head_start
    anchored = False
    inner: set[str] = set()
    past_ampersand = 0  # words read since an "&"
    named_past = False  # whether one of them is a proper word
    past_join = by_and = False  # past an "&" or an "and" (then a name, a place or a rare
    # word must follow)
    typed = last = False  # (last: the word read opens the name)
    loose_words, strong = 0, False  # proper words read, and whether one is a name, a place
    # or a rare word
    for _ in range(4):
        ampersand = lowered.endswith(" & ", 0, begin)  # "couples & family institute",
        conjoined = not (ampersand or anchored) and lowered.endswith(" and ", 0, begin)  # "sea
        joined = (inner or begin == head_start) and (ampersand or conjoined)  # view nursing
        before = word_before(  # & rehab", "seaview gardens nursing and rehab"
            lowered, begin - (2 if ampersand else 4) if joined else begin, 30)
        if before is None:
            break
        at, word = before
        if joined and conjoined and word not in INNER:
            break  # "pt and family", "detox and rehab": "and" joins kinds, not names
        by_and = by_and or (joined and conjoined)
        past_join = past_join or joined
        if past_join and word not in INNER:
            past_ampersand += 1  # then only a proper word: not "has chosen holcomb & sons"
            if past_ampersand > 1 and not (
                    reader.anchor(word) and lex.freq(word) < LOOSE):
                break
        if at and lowered[at - 1] not in " \t\n(\"":
            break  # "mg/dl greenfield cmhc": a piece of "mg/dl" is no part of a name
        if len(word) == 1 and word in _SHORTHAND_LETTERS:
            break  # "coordinate w | youth court": "with", not a name's initial
        if word[-1] == "." and len(word) > 2 and word not in _ABBREVIATED_PLACE_WORDS:
            break  # "discharge summary. unit: ...": a sentence ended there
        if word.endswith(("'s", "\u2019s")) and word[:-2] in lex.first_names:
            word = word[:-2]
        if word in INNER and word not in PLACE_ANCHORS:
            inner.add(word)
        elif word in GENERIC and word not in WHICH and not anchored and word not in HEADS:
            pass  # a kind inside the name: "kestrel regional burn center"
        elif begin == head_start and word in NEEDS_INNER.get(head, ()):
            inner.add(word)  # a kind that is a type too: "golden lotus home health" (then
            typed = True  # two proper words or a name: not "arrange home health")
        elif word == "va" and begin != head_start and not anchored:
            inner.add(word)  # "chugach va outpatient clinic"; but "ridgewood pines
            # hospital | adolescent unit": a hospital's name ends at its type
        elif anchored and reader.clinical(word) and not (
                word in NAMING_COLOURS and _named_at(reader, lowered, at, word)):
            break  # "transferred to cheyne-stokes | byers rehab": shorthand ends the name
            # (not "at brown | county juvenile court": a colour that opens it)
        elif word.endswith(_COMPOUND_ADJECTIVES):
            break  # "haitian-born | home health aide"
        elif (reader.anchor(word) and lex.freq(word) < LOOSE) or (
                (inner or anchored) and reader.loose(word) and word not in WHICH and not (
                    lex.freq(word) >= RARE and _ACTION_WORD.search(word))) or (
                (inner or head in STRONG_HEADS) and not anchored and word not in FOLLOWERS
                and word not in GENERIC and (word not in HEADS or word in NAMING_HEADS)
                and "'" not in word
                and "\u2019" not in word):  # "hay nursing home", "king rehab"
            anchored = True
            loose_words += 1
            strong = strong or (reader.anchor(word) and lex.freq(word) < LOOSE)
        elif (inner or anchored or head in STRONG_HEADS) and _named_at(
                reader, lowered, at, word):  # "at brown memorial hospital": a colour, a surname
            anchored = last = True  # that opens the name: none goes on before it
        elif lowered.startswith(("county ", "parish "), at + len(word) + 1) and (
                word not in GENERIC and reader.plain_word(word)):  # "king county superior
            anchored = last = True  # court": a county's name, however common a word
        else:
            break
        named_past = named_past or (past_join and reader.proper(word) and (
                not by_and or reader.anchor(word)))
        begin = at
        if last:
            break
    if (typed or head in WEAK_HEADS) and not strong and loose_words < 2:
        return  # "arrange home health"; but "golden lotus home health"
    if past_join and not named_past:
        return  # "detox & rehab", "subacute nursing & rehab": kinds, no name
    if head in UNIT_HEADS and begin == head_start:  # "the moon unit"
        m = _UNIT_BEFORE.search(lowered, max(0, head_start - 30), head_start)
        if m is not None and m.group(1) not in GENERIC and (reader.loose(m.group(1)) or (
                lex.is_name(m.group(1)) and m.group(1) not in FOLLOWERS)):
            begin, anchored = m.start(1), True
    if not anchored and inner and head in NAMING_HEADS | {"circuit"}:
        ordinal = _ORDINAL_BEFORE.search(lowered, max(0, begin - 8), begin)
        if ordinal is not None:  # "58th district court", "the 3rd judicial circuit"
            begin, anchored = ordinal.start(), True
    needs = NEEDS_INNER.get(head)
    if not anchored or (needs is not None and not needs & inner):
        return
    if head in _NAMED_BY_PLACE and PLACE_ANCHORS.issuperset(lowered[begin:head_start].split()):
        return  # "the county courthouse", "the county ems"; but "buncombe county courthouse"
    if head in UNIT_HEADS and begin == head_start:
        return
    hits.append((landform_opener(reader, lowered, begin), head_start + len(head),
                 Label.ORGANIZATION, CONTEXT))


def _named_at(reader: WordReader, lowered: str, at: int, word: str) -> bool:
    """A surname or a place that is also an everyday word or a colour of clinical text
    ("brown", "green"), opening a facility's name right after "at", "from", "to" or "in".
    Not other shorthand: "at art ashford behavioral health" is art therapy."""
    if word in FUNCTION_WORDS or word in GENERIC or word in HEADS or not word.isalpha() or (
            word in _WEEKDAYS) or (
            not (reader.lex.is_name(word) or word in reader.lex.cities)) or (
            word in CLINICAL_WORDS and word not in NAMING_COLOURS):
        return False
    preposition = word_before(lowered, at, 12)
    return preposition is not None and preposition[1] in FACILITY_PREPOSITIONS


def find_businesses(reader: WordReader, lowered: str, words: set[str], hits: list[Hit]) -> None:
    """Businesses, schools and counties by their type word, for a note without case
    (`BUSINESS`): the proper part must hold a name, a place or a rare word, or stand
    before a type word no common phrase ends in (`STRONG_BUSINESS`), or be two words; a
    trade's name (`TRADES`) needs two words before its type word, one at least a proper
    one, or one rare word."""
    tails = (BUSINESS.intersection(words) | TRADES.intersection(words)
             | SPECIALTIES.intersection(words))
    if not DENOMINATION_ONLY.isdisjoint(words):
        tails = tails | DENOMINATION_ONLY.intersection(words)
    for start, end, tail in occurrences(lowered, tails):
        if lowered[end:end + 1] in ("-", "#"):
            continue  # "post-stroke", "shop-vac": a word's first part; "pcr inc# 26-..."
        if tail.endswith("ing") and _AMOUNT_AFTER.match(lowered, end):
            continue  # "mom thuy pumping 60 ml": a verb and its amount, not a trade
        if tail == "works" and WORKS_AS_VERB.match(lowered, end):
            continue  # "son jomar works nights at ...": a verb after a name, not "iron works"
        trade = tail in TRADES or tail in SPECIALTIES
        begin = None
        if tail in CHURCHES:  # "mount olive free will baptist church"
            begin = _business_begin(reader, lowered, start, tail, trade, True)
        if begin is None and tail not in DENOMINATION_ONLY:  # else read as any business's
            begin = _business_begin(reader, lowered, start, tail, trade, False)  # name: "first
            # united methodist church" (a temple only with its denomination: not "r temple")
        if begin is not None:
            label = Label.LOCATION if tail == "county" else Label.ORGANIZATION
            article = word_before(lowered, begin, 6) if tail[-1] == "a" else None
            if article is not None and article[1] in _SPANISH_ARTICLES:  # "la famosa
                begin = article[0]  # tortilleria", "el rancho taqueria"
            hits.append((begin, end, label, CONTEXT))
    for start, end, _ in occurrences(lowered, _DENOMINATION_NAMES.intersection(words)):
        kind = word_before(lowered, start, 20)  # "little zion freewill baptist", "thornton
        if kind is not None and kind[1] in DENOMINATION_WORDS and not lowered.startswith(
                _CHURCH_AFTER, end):  # regular baptist": a church with no "church" (one
            begin = _business_begin(reader, lowered, start, "church", False, True)  # with it
            if begin is not None:  # is read as a church's name above)
                hits.append((begin, end, Label.ORGANIZATION, CONTEXT))
    if "high" in words:  # "biscayne gardens senior high", "moenkopi junior-senior high"
        for start, end, _ in occurrences(lowered, ("high",)):
            grade = _GRADES_BEFORE.search(lowered, max(0, start - 20), start)
            if grade is not None and not lowered.startswith(" school", end):
                begin = name_begin_before(reader, lowered, grade.start())
                if begin is not None:
                    hits.append((begin, end, Label.ORGANIZATION, CONTEXT))


def name_begin_before(reader: WordReader, lowered: str, start: int) -> int | None:
    """Where a name begins before the kind of place at `start` ("biscayne gardens | senior
    high", "seekonk river | php"): three words at most that may stand in a name, one a name,
    a place or a rare word (not "the local | senior high", "completed | iop")."""
    begin, anchored = start, False
    for _ in range(3):
        before = word_before(lowered, begin, 30)
        if before is None or (before[0] and lowered[before[0] - 1] not in " \t\n(\""):
            break
        at, word = before
        if word in FUNCTION_WORDS or word in GENERIC or word in KIN or word in ROLES or not (
                word.isalpha() and (reader.loose(word) or word in PLACE_ANCHORS
                                    or word in _LANDFORMS)) or (
                word.endswith(("ed", "ing")) and not reader.lex.is_name(word)) or (
                word in _IRREGULAR_PASTS or word in _PREPOSITIONS):
            break  # "graduated | biscayne gardens senior high"
        anchored = anchored or (reader.anchor(word) and reader.lex.freq(word) < LOOSE)
        begin = at
    return begin if anchored else None


def _business_begin(reader: WordReader, lowered: str, start: int, tail: str, trade: bool,
                    denominations: bool) -> int | None:
    """Where the name before a business's type word at `start` begins, if its words make
    one: three words at most, besides a church's denomination when `denominations`."""
    lex = reader.lex
    begin, anchored, rare, proper, inner = start, False, False, 0, 0
    steps, denominated, named = 0, False, False
    while steps < 3:
        steps += 1
        joined = (trade or begin < start) and lowered.endswith(" & ", 0, begin)  # "lumber &
        # supply", "lovell & sons paving"
        before = word_before(lowered, begin - 2 if joined else begin, 30)
        if before is None or (before[0] and lowered[before[0] - 1] not in " \t\n(\""):
            break
        at, word = before
        if len(word) == 1:
            break  # "r temple", "a school": a letter names nothing here
        owner = (word.endswith(("'s", "\u2019s")) and not proper and tail in SHOPS
                 and word[:-2] not in CUE_WORDS)  # not "her cousin's shop"
        if owner:  # "mike's pizza", "mike's tire & lube"; not "jake's school"
            word = word[:-2]
        if tail == "body" and begin == start and word != "auto":
            break  # "his body"; only "auto body" names a shop
        if tail == "union" and begin == start and word != "credit":
            break  # "the union"; only "credit union" names a business
        if denominations and not proper and word in DENOMINATION_WORDS:
            begin, inner, steps = at, inner + 1, steps - 1
            denominated = True
            continue
        if not proper and ((word in TRADE_INNER or word in TRADES) if trade else (
                word in BUSINESS_INNER or word in BUSINESS)):  # "counseling associates",
            # "grain co-op"
            begin, inner = at, inner + 1
            continue
        if not (_trade_word(reader, word) if trade else _business_word(reader, word)) and not (
                owner and word in lex.first_names):  # "rich's diner": a name, however
            # common a word; and a church's everyday words before its denomination
            if denominated and (word in CHURCH_NAME_WORDS or (  # "greater new hope
                    lex.is_name(word) and not reader.clinical(word))):  # missionary
                begin, proper = at, proper + 1  # baptist church"
                continue
            city = _city_through(reader, lowered, at, word, start)
            if city is not None:  # "fall river | psychiatric associates"
                begin, proper, anchored, rare, named = city, proper + 1, True, True, True
                break
            named_word = None if proper or tail in NAMED_ONLY else _name_before_everyday_word(
                reader, lowered, at, word)
            if named_word is not None:  # "puget sound roofing", "golden heart grocery"
                begin, proper, anchored, rare = named_word, 2, True, True
                named = named or lex.is_name(lowered[begin:at].rstrip()) or (
                    lowered[begin:at].rstrip() in lex.cities)
            break
        anchor = reader.anchor(word) and (  # "dbt": shorthand is rare
            len(word) > 3 or lex.is_name(word))
        anchored = anchored or anchor
        rare = rare or (anchor and lex.freq(word) < EVERYDAY)
        named = named or (anchor and lex.freq(word) < RARE and (
            lex.is_name(word) or word in lex.cities))
        proper += 1
        begin = at
    if trade and (not proper or (proper + inner < 2 and (not rare or tail == "shop"))):
        return None  # "toilet paper", "fresh poultry", "carpentry shop"; but "bighorn
        # behavioral", "yoder & sons harness shop"
    if tail in DENOMINATION_ONLY and not denominated:
        return None  # "the igbo community", "a congolese congregation"
    if tail in NAMED_ONLY and not named:  # "dbt skills group", "our peer group"; but
        kind = word_before(lowered, start, 16)  # "hollis property group", "kingfisher
        if not (rare and kind is not None and kind[1] in _PRACTICE_KINDS):  # lake medical
            return None  # group"
    if proper and (anchored or trade or proper > 1 or tail in STRONG_BUSINESS):
        return landform_opener(reader, lowered, begin)
    if proper == 1 and not trade and tail in _SCHOOL_TAILS and (
            landform_opener(reader, lowered, begin) < begin):
        return landform_opener(reader, lowered, begin)  # "left big creek high school"
    return None


def landform_opener(reader: WordReader, lowered: str, begin: int) -> int:
    """Where a place's name begins that a name found opens with a landform: the everyday word
    before it is the place's own ("big | creek high school", "hope | valley high school",
    "three | rivers treatment center"); else `begin`. Not a little word, a kind, a verb or
    shorthand: "attended | valley high", "left | creek high"."""
    first = WORD.match(lowered, begin)
    if first is None or first.group() not in _LANDFORMS:
        return begin
    before = word_before(lowered, begin, 16)
    if before is None or (before[0] and lowered[before[0] - 1] not in " \t\n(\""):
        return begin
    at, word = before
    if (not word.isalpha() or len(word) < 3 or word.endswith("s") or word in FUNCTION_WORDS
            or (word in GENERIC and word not in _SIZES) or word in KIN or word in ROLES
            or word in CUE_WORDS or word in FOLLOWERS or reader.clinical(word)
            or VERB_LIKE.search(word) or word in _IRREGULAR_PASTS or word in _PREPOSITIONS
            or word in _LANDFORMS):
        return begin
    return at


def _city_through(reader: WordReader, lowered: str, at: int, word: str,
                  stop: int) -> int | None:
    """Where a city of several words begins that takes in the word at `at` and ends before
    `stop`, the type word: "fall river | psychiatric associates" read back from "river"."""
    need = at + len(word)  # the city must take in the word the walk stopped at
    for _ in range(2):
        end = reader.city_at(lowered, at, word)
        if end is not None and need <= end <= stop:
            return at
        before = word_before(lowered, at, 30)
        if before is None:
            return None
        at, word = before
    return None


def _name_before_everyday_word(reader: WordReader, lowered: str, at: int,
                               word: str) -> int | None:
    """Where a name, a place or a rare word begins right before an everyday word at `at`
    that, with it, names a business: "puget | sound roofing", "golden | heart grocery". The
    everyday word must read as a noun (no verb's ending, no "-s": not "lucy enjoys school")."""
    if (not reader.plain_word(word) or word in GENERIC or word in KIN or word in ROLES
            or word.endswith("s") or VERB_LIKE.search(word) or word in _IRREGULAR_PASTS
            or word in _PREPOSITIONS):
        return None
    before = word_before(lowered, at, 30)
    if before is None or (before[0] and lowered[before[0] - 1] not in " \t\n(\""):
        return None
    name, lex = before[1], reader.lex
    if len(name) > 2 and reader.plain_word(name) and name not in GENERIC and (
            name in lex.cities or (lex.is_name(name) and lex.freq(name) < EVERYDAY)
            or (lex.freq(name) < RARE and not _ADJECTIVE_END.search(name))):
        return before[0]  # (not an adjective: "ambulatory withdrawal management")
    return None


def _business_word(reader: WordReader, word: str) -> bool:
    """A word that may stand in a business's name before its type word ("green mountain
    counseling": a colour too; "immanuel reformed church")."""
    lex = reader.lex
    return word in NAMING_COLOURS or word == "reformed" or not (
        word in FUNCTION_WORDS or word in FOLLOWERS or word in GENERIC or word in KIN
        or word in ROLES or word in cues.ORG_VERBS_ALONE  # "attend | al-huda academy"
        or word in BUSINESS or word in TRADES or reader.clinical(word)
        or not _ARTICLED.sub("", word).isalpha() or lex.freq(word) >= LOOSE
        or word in lex.not_identifiers
        or (lex.freq(word) >= RARE and VERB_LIKE.search(word)))


def _trade_word(reader: WordReader, word: str) -> bool:
    """A word that may stand in a trade's name: a name or a place however common ("red
    river poultry", "utah wellness"), or a word of four letters or more that may stand in
    a business's name ("bees knees storage"; not the shorthand of "abt toilet paper")."""
    if word in NAMING_COLOURS or word in _SURNAME_KINDS:
        return True  # "brown river paper", "story & hall immigration law"
    if (word in FUNCTION_WORDS or word in FOLLOWERS or word in GENERIC or word in BUSINESS
            or word in TRADES or reader.clinical(word) or not _ARTICLED.sub("", word).isalpha()
            or word in KIN or word in ROLES):
        return False
    lex = reader.lex
    return (lex.is_name(word) or word in lex.cities or word in lex.not_identifiers
            or (len(word) > 3 and _business_word(reader, word)
                and (not _ADJECTIVE_END.search(word)  # "rational emotive behavioral";
                     or reader.lex.freq(word) == 0)))  # but "jalal halal meat & grocery"


def find_named_after_cue(reader: WordReader, lowered: str, words: set[str],
                         hits: list[Hit]) -> None:
    """An organisation between a cue and its type word, for a note without case: "at first
    baptist church", "employer: blue heron logistics", "school: bryn mawr community
    college", "attends ...", "referral to ...", "aide for ...", "runs ...", "his store, ..."
    (the cues of work and owning are `workplaces`'). Every word between must be able to stand
    in a name (everyday words may: "iron works gym"; kinds too, beside a word that names),
    none a function word, a follower or shorthand (so adding shorthand never adds a tag), and
    one at least must say which place, not which kind."""
    tails = _ORG_TAILS.intersection(words) | _KIND_TAILS.intersection(words)
    if not WORK_OR_OWNING.isdisjoint(words):  # (the cheap test first)
        tails |= _WORKPLACE_TAILS.intersection(words) | _TRADE_TAILS.intersection(words)
    for start, end, tail in occurrences(lowered, tails):
        begin, named, count = start, False, 0
        anchored = employed = False  # whether a word is a name, a place or a rare word; and
        # whether the cue is a verb of work and "for"
        workplace = tail in _WORKPLACE_TAILS or (  # then only after a verb of work: "works
            tail in _TRADE_TAILS and tail not in _ORG_TAILS)  # part time at lucky star
        # market", "working again at happy nails"; not "met at the farmers market"
        if tail == "aid":  # "mott haven | legal aid": only legal aid names one
            kind = word_before(lowered, start, 8)
            if kind is None or kind[1] != "legal":
                continue
            begin = kind[0]
        elif tail == "care":  # read from its kind ("home" is a cue word too); not "bedside care"
            kind = word_before(lowered, start, 12)
            if kind is None or kind[1] not in _CARE_KINDS:
                continue
            begin = kind[0]
        elif tail == "health":  # "good hands | home health": its kind is no part of the walk
            kind = word_before(lowered, start, 16)
            if kind is not None and kind[1] in _HEALTH_KINDS:
                begin = kind[0]
        cue = False
        while count < 4:
            if count and _ORG_LABEL_BEFORE.search(lowered, max(0, begin - 20), begin):
                first = WORD.match(lowered, begin)  # "school: some college" names none
                cue = first is None or first.group() not in _NO_VALUE
                break
            before = word_before(lowered, begin, 30)
            if before is None:
                cue = count > 0 and not workplace and (tail in BUSINESS or tail in TRADES) and (
                    kind_before_comma(lowered, begin))  # "his store, | sunrise bakery"
                break
            at, word = before
            if at and lowered[at - 1] not in " \t\n(\"":
                break
            if count and word in OWNED_KINDS and (tail in BUSINESS or tail in TRADES) and (
                    WHOSE_BEFORE.search(lowered, max(0, at - 20), at)):
                cue = True  # "at his store | big bear market": whose, then which
                break
            if word in OWNER_CUES or (word == "of" and after_word_in(lowered, at, OWNERS)):
                cue = count > 0  # "runs main street market", "co-owner of corner auto repair"
                break
            employed = word in ("for", "from", "by") and after_work_verb(lowered, at)
            if word in _ORG_CUES or employed or (word in ("to", "by") and after_word_in(
                    lowered, at, SENT_BEFORE_TO)) or (word == "with" and after_word_in(
                    lowered, at, JOB_BEFORE_WITH)):  # "lost job with | high country ..."
                cue = count > 0 and (not workplace or WORK_BEFORE.search(
                    lowered, max(0, at - 30), at) is not None)
                break
            if count == 0 and word in _TECH_KINDS and tail in _TECH_TAILS:
                begin = at  # "at ojas | it | services", "sahyadri | tech | staffing": the
                count += 1  # kind of firm, which a word before must name
                continue
            if word in NAMING_COLOURS and named:  # "at green mountain counseling"
                begin = at
                count += 1
                continue
            if word in GENERIC and word not in WHICH and word not in FUNCTION_WORDS and (
                    not reader.clinical(word)):  # "at clear path | anxiety | center": a
                begin = at  # kind inside a name, which another word must name
                count += 1
                continue
            if (word in FUNCTION_WORDS or word in FOLLOWERS or word in GENERIC
                    or word in CUE_WORDS or reader.clinical(word) or not word.isalpha()):
                if not named and _named_at(reader, lowered, at, word):  # "at brown counseling"
                    begin, named, cue = at, True, True
                break
            named = named or not (word in INNER or word in BUSINESS_INNER
                                  or word in _ORG_TAILS)
            anchored = anchored or (reader.anchor(word) and word not in PLACE_ANCHORS)
            begin = at
            count += 1
        if cue and named and (anchored or tail not in _KIND_TAILS or employed):  # "aide for
            # good hands home health": an employer's services or health, whatever its words
            hits.append((begin, end, Label.ORGANIZATION, CONTEXT))


def find_firms(reader: WordReader, lowered: str, words: set[str], hits: list[Hit]) -> None:
    """Firms named by surnames, for a note without case: "morales and sons", "obi & sons
    imports", "mac giolla bros. plumbing", "stone, byrd and miller" (three surnames, the last
    after "and"). Before "sons" or "bros" one word is enough, a surname or any name or rare
    word; three in a row must all be surnames."""
    lex = reader.lex
    joins = [join for join in ("and", "&") if join in words or join in lowered]
    for start, end, _ in occurrences(lowered, joins) if joins else ():
        before = _FIRM_BEFORE.search(lowered, max(0, start - 40), start)
        after = NEXT_WORD.match(lowered, end)
        if before is None or after is None:
            continue
        if after.group(1) == "sons":
            if _firm_name(reader, before.group(2)):
                hits.append((before.start(2), _trade_after(lowered, after.end(1)),
                             Label.ORGANIZATION, CONTEXT))
        elif before.group(1) is not None and all(
                n in lex.last_names and n not in FOLLOWERS and n not in FUNCTION_WORDS
                for n in (before.group(1), before.group(2), after.group(1))):
            hits.append((before.start(1), after.end(1), Label.ORGANIZATION, CONTEXT))
    if "bros" in words:
        for start, end, _ in occurrences(lowered, ("bros",)):
            name = word_before(lowered, start, 30)
            if name is not None and _firm_name(reader, name[1]):
                hits.append((name[0], _trade_after(lowered, end), Label.ORGANIZATION, CONTEXT))


def _firm_name(reader: WordReader, word: str) -> bool:
    """A word that names a firm before "sons" or "bros": a surname, a name, a rare word."""
    lex = reader.lex
    return reader.plain_word(word) and (word in lex.last_names or lex.is_name(word)
                                        or lex.freq(word) < RARE)


def _trade_after(lowered: str, end: int) -> int:
    """Where a firm's name ends: after its trade if one follows ("obi & sons | imports")."""
    trade = _TRADE_AFTER.match(lowered, end)
    if trade is not None and (trade.group(1) in BUSINESS or trade.group(1) in TRADES):
        return trade.end(1)
    return end


def find_fields(reader: WordReader, lowered: str, words: set[str], hits: list[Hit]) -> None:
    """The value of an intake form's employer, workplace or school field, for a note
    without case: "employer: cascade credit union". The name runs to the first function
    word, follower or shorthand ("... union since 2019"); a value that says there is none
    ("none", "retired", "some college") is no name."""
    if _FIELD_WORDS.isdisjoint(words):
        return
    for m in _FIELD.finditer(lowered):
        pos = end = m.end()
        for count in range(5):
            word = WORD.match(lowered, pos)
            if word is None:
                break
            text = word.group()
            if (count == 0 and text in _NO_VALUE) or text in FUNCTION_WORDS or (
                    text in FOLLOWERS or reader.clinical(text)
                    or GLUED.match(lowered, word.end())):
                break
            end = word.end()
            gap = _NAME_GAP.match(lowered, end)  # (always matches, perhaps nothing)
            pos = gap.end() if gap is not None else end
            if pos == end:  # a comma or a full stop ends the name
                break
        end = len(lowered[:end].rstrip("-'\u2019"))
        if end > m.end():
            hits.append((m.end(), end, Label.ORGANIZATION, CONTEXT))


def find_pharmacy(reader: WordReader, lowered: str, tail: int, tail_end: int,
                  hits: list[Hit]) -> None:
    """A pharmacy named by a word or two before "drug", "rx" or "pharmacy", after "at",
    "to", "from", "the" or "and": "the hilltop drug in mandan", "at hometown rx". One word
    at least must be a name, a place or uncommon (`_PHARMACY_KINDS` only say which kind),
    and none may say what a drug is ("illicit drug", "urine drug screen")."""
    m = _PHARMACY_BEFORE.search(lowered, max(0, tail - 40), tail)
    if m is None:
        return
    named = m.group(1).split()
    if any(w in _NOT_PHARMACIES or w in FUNCTION_WORDS or reader.clinical(w) for w in named):
        return
    lex = reader.lex
    sent = _SENT_TO_PHARMACY.search(lowered, max(0, m.start() - 24), m.start() + 2)
    if any(w not in _PHARMACY_KINDS and w not in GENERIC and (
            sent is not None or lex.is_name(w) or w in lex.cities
            or lex.freq(w) < _PHARMACY_RARE) for w in named):
        hits.append((m.start(1), tail_end, Label.ORGANIZATION, CONTEXT))
