"""Identifiers with a recognisable shape: e-mail, URL, IP, phone, SSN, codes, ZIP, ages over 89.

Not identifiers, by choice: scores and ratings ("PHQ-9 score 14", "7/10"), doses ("20 mg"), CPT
and ICD codes ("90834", "F33.1"), clock times, and a number under 90 as an age. A bare number of
six digits or more, or a code mixing capitals and two or more digits, is taken as an ID.

Speed: a regular expression that starts with a lookbehind or an alternation is tried at every
position of the text. So each pass here starts from a cheap anchor (a run of digits, an "@",
"http", ":") and runs the detailed expression only there, checking the left boundary in Python.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from itertools import pairwise

from closeddoor.deid.cues import CANADIAN_POSTAL_CODE, PROVINCE_CODES, STATE_CODES, split_words
from closeddoor.deid.hits import STRUCTURED, Hit
from closeddoor.deid.spans import Label

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_DIGITS = re.compile(r"\d+")
_NUMERIC = re.compile("|".join((
    r"(?P<SSN>\d{3}(?P<sep>[- ])\d{2}(?P=sep)\d{4}(?![\w-]))",
    r"(?P<PHONE>(?:(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s./-]?)\d{3}(?:[\s.-]?|(?<=\d/\d{3})/)\d{4}"
    r"|\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}|\d{3}[.-]\d{4})"
    r"(?:,?\s*(?i:x|ext\.?|extension)\s*\d{1,6})?(?![\w-]|\.\d))",
    r"(?P<ZIP4>\d{5}-\d{4}(?![\w-]))",
    rf"(?P<IP4>{_OCTET}(?:\.{_OCTET}){{3}}(?!\d|\.\d))",
    r"(?P<CODE>(?=[A-Z0-9-]*\d[A-Z0-9-]*\d)(?=[0-9-]*[A-Z])"
    r"(?![FCSA]Y-?(?:19|20)\d\d(?![\w-]))"  # (a fiscal, calendar or school year: "FY-2025")
    r"[A-Z0-9]{2,}(?:-[A-Z0-9]+)*"
    r"(?![\w-]|\.\d))",
    # A code typed in lower case: "aps-26-1190", "df-2026-33871", "hsp-448120", "irc-3307" (not
    # a year: "fy-2025"), "va0049-221873", "d41-229-0871", a receipt's "ioe0917732481".
    r"(?P<LCODE>[a-z]{1,5}(?:-\d{2,}){2,}(?![\w-]|\.\d)"
    r"|[a-z]{2,5}(?:-[a-z]{2,5})?-\d{5,}(?![\w-]|\.\d)"  # "fc-era-771203"
    r"|[a-z]{2}\d{5,}[a-z]?(?![\w-]|\.\d)"  # a Medicaid CIN, a licence: "kx44819t", "rt448127"
    r"|\d{7,}[a-z](?![\w-]|\.\d)"  # a Medi-Cal CIN: "93184472a"
    r"|(?<=case )(?:19|20)\d\d[ \t][a-z]{2,4}[ \t]\d{4,}(?![\w-]|\.\d)"  # "case 2026 trc 118244"
    r"|[a-z]{2,5}-(?!(?:19|20)\d\d(?!\d))\d{4}(?![\w-]|\.\d)"
    r"|[a-z]{1,4}\d{2,}(?:-\d{3,})+(?![\w-]|\.\d)|[a-z]{2,5}\d{7,}(?![\w-]|\.\d)"
    r"|\d{2,4}-[a-z]{1,4}(?:-\d{2,})*-\d{3,}(?![\w-]|\.\d))",  # "2026-mh-04418", "27-fa-26-1188"
    # A long number, before a comma too ("from 5550162, updated", "report # 2026-061-04418,");
    # numbers in groups of two or three only before no comma: a trend ("18-14-11, improving").
    r"(?P<NUMBER>(?:\d{6,}|\d{3,}(?:-\d{3,})+-\d{4,})(?![\w/-]|[.,]\d)"
    r"|(?:\d{2,}(?:-\d{2,}){2,}|\d{3,}(?: \d{3,}){2,}"
    r"|\d{2}-\d-\d{4,6}-\d)(?![\w,/-]|\.\d)"  # (a Washington court's case: "26-8-01342-9")
    r"|[A-Z](?:-\d{3}){3}(?![\w/-]|\.\d))",  # (an alien number: "A-209-448-317")
    r"(?P<INT>\d+(?![\w.]\w))",
)))
_INT = re.compile(r"(?P<INT>\d+(?![\w.]\w))")  # the last branch alone (see `_only_int`)
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
_NOT_BEFORE_NUMBER = frozenset("./-_$")
_NOT_CODE_TAILS = frozenset({"DOB", "DOS", "MRN", "SSN", "ID", "PHQ", "GAD", "AND", "THE", "PER"})
_ID_CUE_WORDS = frozenset(split_words("""
mrn record chart acct account member subscriber policy group claim case license licence lic dl
plate tag vin serial s/n sn device imei passport medicaid medicare insurance beneficiary patient
npi dea id identifier badge employee student confirmation reference ref invoice docket tracking
no num number # ssn ss security booking inmate mbi cause incident matter
"""))
_SSN_WORDS = frozenset({"ssn", "security", "ss"})
_ID_VALUE = re.compile(r"(?:[A-Za-z]{2,4}\s)?(?:[A-Za-z0-9][A-Za-z0-9•·]*-[A-Za-z0-9•·-]*\d"
                       r"/\d{2,4}\b|[A-Za-z0-9][A-Za-z0-9•·-]*[A-Za-z0-9])"  # (a year after a
                       # slash only in a code with a hyphen: "docket O-04417/25")
                       r"(?:\s(?P<tail>[A-Z0-9]{2,4})(?![\w-]))?")
# A ZIP code after a state code, a place name or "zip"; in lower case a state code is a word
# ("in", "me", "or"), so there only after a comma: "shreveport, ia 33872", "harrisburg, 69079".
_ZIP_BEFORE = re.compile(rf"(?:\b(?:{STATE_CODES})\.?,?|,[ \t]*(?i:{STATE_CODES})\.?,?"
                         r"|\b[A-Z][a-z]+,?|\b[a-z]{3,},|(?i:\bzip(?:\s*code)?:?))\s+$")
# The state code before a ZIP code is part of the address in any case: ", IA 33872", ", ia 33872".
# So is the city between the commas before it (a note in lower case or capitals has no capital
# to find it by): "..., belle glade, vt 85372".
_CITY_WORDS = r"[A-Za-z][A-Za-z'.-]*(?:[ \t][A-Za-z][A-Za-z'.-]*){0,2}"
_STATE_BEFORE = re.compile(rf"(?:,[ \t]*({_CITY_WORDS}))?,[ \t]*((?i:{STATE_CODES}))\.?,?[ \t]+$")
_AGE_BEFORE = re.compile(r"(?:\b(?i:age[ds]?|turn(?:ed|ing|s)?|now|at|is|was|of|be|"
                         r"being|lived[ \t]+to|reached)\b:?|[,(:])[ \t]*$")  # "lived to 96"
_AGE_UNIT = re.compile(r"\s*-?\s*(?i:years?|yrs?|y/?o[mf]?|y\.o\.)(?![a-zA-Z])")  # "91 YOF"
# A birthday that numbers the years: "his 95th birthday" (the ordinal's ending is the age's).
_BIRTHDAY_AFTER = re.compile(r"((?i:st|nd|rd|th))[ \t]+(?i:birthday|bday|b-day)\b")
# A vital sign or a lab value before a number of 90-119 says it is no age: "hr 96", "bp: 112",
# "glucose was 104", "sats 98%" (issue 13). Read on the few characters before the number.
_VITAL_BEFORE = re.compile(
    r"(?i:\b(?:hr|bp|sbp|dbp|map|rr|sat|sats|spo2|o2|pulse|p|t|temp|tmax|wt|weight|ht|"
    r"glucose|glu|bs|fsbs|bg|na|k|cl|bun|cr|hct|hgb|plt|wbc|cvp|ci|ef|uop|fio2|peep|ps|"
    r"vt|tv|ac|rate|level|score|lytes|abg|nsr|sr|st|rsbi|pao2|pco2|po2|ldl|hdl|tsh)\b"
    r"[ \t:=]*(?:[a-z&/-]{1,12}[ \t]+)?(?:was|is|of|at|now|~|>|<|-)?[ \t:=]*)$")
# (one short word may stand between: "sbp a&o now 104", "sbp a-line now 104", "hr up to 112")
_NOT_AGE_UNIT = re.compile(  # in any case: "IS 94 MINUTES" is no age either
    r"\s*-?(?i:%|mg|mcg|g\b|kg|lbs?|pounds|min|mins|minutes|hours?|hrs?|days?|weeks?|months?|"
    r"sec|seconds|ml|cc|units?|degrees|°|bpm|mm|points?|percent|times|x\b|/|dollars)")
# An age over 89 in words: before a unit of age ("ninety-two years", "ninety two yo"), or after
# a word that says an age follows ("who is ninety-one", "turned one hundred one") and before no
# other unit ("ninety minutes", "ninety-one points"); a decade ("in her nineties").
_AGE_WORDS = re.compile(
    r"(?P<number>(?i:ninety|one\s+hundred(?:\s+and)?)"
    r"(?:[- ](?i:one|two|three|four|five|six|seven|eight|nine)(?![a-zA-Z]))?)"
    r"|(?i:nineties|90s|90's)(?<=\w)")
_DECADE_BEFORE = re.compile(r"(?i:\bin\s+(?:his|her|their|my|your)\s+)$")
# Letters joined by an underscore: a user name (a note has no code identifiers).
_HANDLE = re.compile(r"(?<![\w@.])[A-Za-z][A-Za-z0-9.]*_[A-Za-z0-9_.]*[A-Za-z0-9](?![\w@])")
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")
_URL = re.compile(r"(?i:https?://|www\.)[^\s<>\"'()]+")
_TLD = re.compile(r"\.(?i:com|org|net|edu|gov|io|us|info|biz|me|co|ca|uk|health|care|app|"
                  r"example)(?![\w-])(?:/[^\s<>\"'()]*)?")
_IPV6_ANCHOR = re.compile(r":[0-9A-Fa-f]{0,4}:")
# Written in capitals, these look like codes and are not (issue 13): shift times ("7A-7P",
# "10PM"), numbers with units ("500CC", "20MG", "4L"), settings and decades ("500X14", "80S").
_UNIT = (r"(?:CC|ML|MG|MCG|MEQ|MMOL|UNITS?|U|L|LPM|G|KG|LBS?|MM|CM|HRS?|H|MIN|MINS|SEC|S|X|AM|"
         r"PM|A|P|K)")  # (K: thousands, "PLT 168K")
_NOT_CODE = re.compile(
    rf"\d{{1,4}}(?:\.\d+)?{_UNIT}?(?:X\d+)*{_UNIT}?(?:[-/]\d{{1,4}}(?:\.\d+)?{_UNIT}?)*"
    r"|Q\d+(?:H|HRS?|MINS?|D)?|X\d+|\d{1,2}T"  # (a GCS while intubated: "10T")
    r"|G\d{1,2}P\d{1,4}"  # gravida and para: "G2P2", "G3P2012"
    r"|\d{1,2}WKS?|\d{1,2}W\d?D?|Q\d+-\d+(?:H|MIN)?"  # weeks of gestation "38W2D", "Q3-4 MIN"
    r"|E[1-4]V[1-5T]M[1-6]|D(?:5|10|25|50|70)W?|B(?:1|2|3|6|9|12)|\d{1,2}-LEAD")  # a GCS's
# parts ("E3V4M6"), dextrose ("D10"), vitamins ("B12"), an ECG ("12-LEAD")
# An alien registration number after its cue, its "A" apart or not: "A# A 220 614 077",
# "a-number a 219-884-310", "A-Number: A219884310".
_ALIEN_NUMBER = re.compile(r"\b(?i:a-?(?:number|no\.?)|a[ \t]?#|alien[ \t]+(?:registration[ \t]+)?"
                           r"(?:number|no\.?|#))[ \t]*[:#]?[ \t]*((?i:a[ \t-]?)?\d{3}[ \t-]?\d{3}"
                           r"[ \t-]?\d{3})(?![\w-])")
_LAST_DIGITS_BEFORE = re.compile(r"\b(?i:(?:ssn|social|security|account|acct|card|number|phone|"
                                 r"policy|member|id|checking|savings)\b[^.\n]{0,12}?"
                                 r"(?:last[ \t]+(?:four|4)(?:[ \t]+digits)?|ending(?:[ \t]+in)?))"
                                 r"[ \t]*[:#]?[ \t]*$")
_ALIEN_CUES = ("a#", "A#", "a #", "A #", "-number", "-Number", "-NUMBER", "lien ", "LIEN ")
_NUMBER_SIGN_BEFORE = re.compile(r"(?<![\w#])#[ \t]?$")
_AMOUNT_UNIT = re.compile(r"[ \t]*(?i:kcal|cal|steps|ft|feet|miles?)\b")
# An ordinal in capitals is no code: "HER 80TH BIRTHDAY", "2ND SHIFT".
_ORDINAL = re.compile(r"(\d{1,3})(?:ST|ND|RD|TH)")
# Age and sex in a note's opening ("58M", "29F"): no code; only an age over 89 identifies.
_AGE_AND_SEX = re.compile(r"(\d{1,3})(?:[MF]|YO[MF]?|Y/O)")  # "29F", "67YO"
# A bed, room or locker is a place in the building, not the person's: "bed 12B", "RM 4A".
_PLACE_IN_BUILDING = re.compile(r"(?i:\b(?:bed|room|rm|bay|locker|pod|bunk|cell|chair))[ \t#:]*$")
# The extension a phone number may end with (`_NUMERIC`'s PHONE branch): "x207", "ext. 214",
# ", ext. 7".
_EXTENSION_TAIL = re.compile(r",?\s*(?:(?P<glued>[xX](?=\d))|(?i:x|ext\.?|extension)\s*)"
                             r"(?P<number>\d{1,6})$")
_TIMES = re.compile(r"\d{1,2}[xX]")  # "3x this week": how often, not which
_MEASURE_NAME = re.compile(r"[A-Za-z]{1,5}\d")  # "fio2", "spo2", "etco2"; not "2N-VEAW"
_DOSES = "mg|mcg|ml|cc|meq|mmol|units?"  # the units a dose is written in
_DOSE_UNIT = re.compile(rf"(?i:{_DOSES}|kg)")  # a code's tail word ("25-100 MG")
_DOSE_AFTER = re.compile(rf"%|[ \t]?(?:{_DOSES})(?![a-z])", re.IGNORECASE)
_SLASHED_PHONE = re.compile(r"/\d{3}[\s./-]?\d{4}(?!\d)")  # after an area code: "/555-0143",
# "/555/0181" (a second slash only after a first)
_DECIMAL = re.compile(r"\.\d")  # "101.2": an identifier has no decimals
_VITAL_SIGNS = frozenset(split_words("tmax tc temp hr bp rr sbp dbp map wt spo2 sat sats glu fsbs"))
# Instruments named with their number of items, which are shaped like codes.
_CODE_EXCEPTIONS = frozenset({"COVID-19", "ICD-10", "ICD-9", "PCL-5", "DSM-5", "DSM-IV",
                              "GDS-15", "GDS-30", "SCL-90", "BSI-18", "CORE-10", "DASS-21",
                              "PSS-10", "PG-13", "RHS-15", "PSC-17", "PSC-35", "CDI-2",
                              "ASQ-3", "DERS-16", "DERS-36", "AUDIT-C", "CSI-4", "CSI-16",
                              "CSI-32"})
# A number with its unit glued on, in capitals: "96BPM", "100MMHG", "95KG" (never an identifier).
_GLUED_UNIT = re.compile(r"\d+(?:\.\d+)?(?i:bpm|mmhg|kgs?|lbs?|mg|mcg|ml|cm|mm|meq|iu|units?|cc|"
                         r"hrs?|mins?|secs?|g|l)")
# Levels of the spine, shaped like codes: "L4-5", "L4-L5", "C5-C6", "T12-L1".
_SPINE_LEVELS = re.compile(r"(?i:[ctls]\d{1,2}-[ctls]?\d{1,2})")
# An age or a length of time in capitals is shaped like a code: "34-YEAR-OLD", "10-DAY HX".
_SPAN_OF_TIME = re.compile(r"(\d{1,3})-(?:YEARS?|YRS?|YO|MONTHS?|MOS?|WEEKS?|WKS?|DAYS?|"
                           r"HOURS?|HRS?|MINUTES?|MINS?|SECONDS?|SECS?)(?:-OLD)?")


_NUMBERED_CODE = re.compile(r"#[ \t]?(\d{1,4}[A-Za-z]{1,4}\d{3,}[A-Za-z\d]*"
                            r"|[A-Za-z]{0,3}\d{2,4}-\d{4,}(?:-\d+)?)(?![\w-])")  # "ems run
# #25-03318", "call #e26-04417"


def find_patterns(text: str, digit_runs: Iterable[re.Match[str]] | None = None) -> list[Hit]:
    """Every shaped identifier in `text`; `digit_runs`, its runs of digits (`\\d+`) if the
    caller has them, saves a scan."""
    hits: list[Hit] = []
    runs = list(_DIGITS.finditer(text) if digit_runs is None else digit_runs)
    _numbers(text, hits, runs)
    _extensions(text, hits, runs)
    if "@" in text:
        _at_signs(text, hits)
    if "#" in text:  # a docket's or a case's number in small letters: "court #26jv000311"
        hits.extend((m.start(1), m.end(1), Label.ID, STRUCTURED)
                    for m in _NUMBERED_CODE.finditer(text))
    if _alien_cue(text):  # "A# A 220 614 077", "a-number a 219-884-310"
        hits.extend((m.start(1), m.end(1), Label.ID, STRUCTURED)
                    for m in _ALIEN_NUMBER.finditer(text))
    if "_" in text:  # a user name without its "@": "huckleberry_hank"
        hits.extend((m.start(), m.end(), Label.ID, STRUCTURED) for m in _HANDLE.finditer(text))
    _urls(text, hits)
    _ipv6(text, hits)
    _age_words(text, hits)
    return hits


def find_postcodes_abroad(text: str, words: set[str]) -> list[Hit]:
    """British postcodes, only in a note that names the country or a part of it ("Douglas,
    Isle of Man IM2 3RT", "London SW1A 1AA"), and Canadian postal codes after a province's
    code ("prince rupert, bc v8j 2a6", though the town is not found); `words` are the note's
    words in lower case."""
    hits: list[Hit] = []
    if not _UK_WORDS.isdisjoint(words):
        hits.extend((m.start(), m.end(), Label.LOCATION, STRUCTURED)
                    for m in _UK_POSTCODE.finditer(text))
    if not _PROVINCE_CODES.isdisjoint(words):
        hits.extend((m.start(1), m.end(1), Label.LOCATION, STRUCTURED)
                    for m in _CANADIAN_POSTAL_CODE.finditer(text))
    return hits


# A British postcode (its last two letters never C, I, K, M, O or V), only in a note that names
# the country or a part of it: the shape alone is shorthand too often.
_UK_WORDS = frozenset(split_words("uk kingdom england scotland wales isle ireland london guernsey"))
# A Canadian postal code after its province's code ("on" too, though only another code opens
# the scan: "on" is everywhere).
_PROVINCE_CODES = frozenset(PROVINCE_CODES.split("|")) - {"on"}
_CANADIAN_POSTAL_CODE = re.compile(rf"\b(?i:{PROVINCE_CODES})\.?,?[ \t]+"
                                   rf"((?i:{CANADIAN_POSTAL_CODE}))(?![\w-])")
_UK_POSTCODE = re.compile(r"\b(?i:[a-z]{1,2}\d[a-z\d]?[ \t]?(?!\d(?:st|nd|rd|th)\b)"
                          r"\d[abd-hjlnp-uw-z]{2})\b")  # (not "b12 3rd")


def _alien_cue(text: str) -> bool:
    """Whether an alien registration number's cue may be in `text` ("A#", "a-number",
    "alien"): plain substring tests, cheaper than a scan of the whole note."""
    return any(cue in text for cue in _ALIEN_CUES)


def _numbers(text: str, hits: list[Hit], digit_runs: Iterable[re.Match[str]]) -> None:
    consumed = 0
    for run in digit_runs:
        start, end = run.span()
        if start < consumed:
            continue
        if end - start <= 2 and int(run.group()) < 90 and (end == len(text) or (
                text[end] not in "-./:()" and not text[end].isupper())) and (
                start == 0 or (text[start - 1] not in _CODE_CHARS and text[start - 1] not in "(+")):
            continue  # "3 times", "x4 weeks": a small number, nothing glued to it
        token = start
        while token > 0 and text[token - 1] in _CODE_CHARS and start - token < 24:
            token -= 1
        if start > 0 and text[start - 1] in "(+" and token == start:
            token = start - 1
        if token > 0 and (text[token - 1].isalnum() or text[token - 1] in _NOT_BEFORE_NUMBER):
            continue
        m = (_INT.match(text, start) if token == start and _only_int(text, start, end)
             else _NUMERIC.match(text, token))
        if token < start:  # "member id ffw849529874", "serial sn-9274-ts2": letters glued on
            cue = _cue_at(text, token)  # (in lower case the code has no capital to go by)
            value = _ID_VALUE.match(text, cue[0]) if cue else None
            if value is not None and value.end() >= end and not _measure(text, value):
                hits.append((value.start(), value.end(), Label.SSN if cue and cue[1]
                             else Label.ID, STRUCTURED))
                consumed = value.end()
                continue
        if m is None or (m.lastgroup == "INT" and token != start):
            m = _NUMERIC.match(text, start)
            token = start
        if m is None and token == start and 2 <= end - start <= 3 and 90 <= int(run.group()) <= 119:
            _age(text, start, end, hits)  # "91yo m": the unit glued on (only with it: `_age`)
        if m is None:
            cue = _cue_at(text, token)  # "plate, 0EPN 18": the code need not parse as a number
            value = _ID_VALUE.match(text, cue[0]) if cue else None
            if value is not None:
                hits.append((value.start(), value.end(), Label.ID, STRUCTURED))
                consumed = value.end()
            continue
        consumed = m.end()
        _number(text, m, hits)


# A hospital's internal extension or a pager: "x4-3312", "x43312", "ext 4-5521", "pager 12345",
# "beeper #55102", "page np at #4-5521". Only after its cue: a bare "4-5521" is a range.
EXTENSION_CUES = ("ext", "extension", "pager", "beeper", "pgr")  # cues, so never names
_EXTENSION_CUE = re.compile(rf"(?:(?P<word>\b(?i:{'|'.join(EXTENSION_CUES)})\.?)"
                            r"[ \t]*[#:]?[ \t]*"
                            r"|(?P<paged>\b(?i:paged?)[ \t]*(?:(?i:me|him|her|us|them)[ \t]+)?"
                            r"(?P<how>[#@(]|(?i:at|to)\b)?[ \t]*)"
                            r"|(?P<x>\b[xX])(?P<gap>[ \t])?|(?<![\w#])#)$")
_EXTENSION_CUE_ENDS = frozenset(  # the last character of each cue: "ext", "ext.", "x", "#",
    # "paged", "paged @", "paged at", "page to", "paged ("
    {c[-1] for c in EXTENSION_CUES} | {c[-1].upper() for c in EXTENSION_CUES}
    | set(".xX#@dDeEtToO("))
_EXT_WORD_BEFORE = re.compile(r"\b(?i:ext|extension)\.?[ \t]*[#:]?[ \t]*$")
_EXTENSION_SHORT = re.compile(r"\d{1,2}-\d{4}(?![\w-]|\.\d)")  # "4-3312"
_EXTENSION_WORD = re.compile(r"\d{2,7}(?![\w-]|\.\d)")  # after "ext": two digits or more
_EXTENSION_LONG = re.compile(r"\d{4,7}(?![\w-]|\.\d)")  # "43312": after a word cue, or "x"


def _clock_time(digits: str) -> bool:
    """Whether four digits read as a time of day on a 24-hour clock ("1530"; not "4417")."""
    return len(digits) == 4 and int(digits[:2]) < 24 and int(digits[2:]) < 60


def _extensions(text: str, hits: list[Hit], digit_runs: list[re.Match[str]]) -> None:
    for run in digit_runs:
        start, end = run.span()
        short = end - start <= 2 and text[end:end + 1] == "-"
        few = not short and end - start < 4
        if few and (end - start < 2 or start < 4 or text[start - 1] not in " .#:"):
            continue  # most numbers: vitals, doses, "x3"; but "ext. 305" reads on
        before = start - 1
        while before > 0 and text[before] in " \t:":
            before -= 1
        if few and not (text[before] in ".tTnN#" and _EXT_WORD_BEFORE.search(
                text, max(0, start - 12), start)):
            continue
        if before < 0 or text[before] not in _EXTENSION_CUE_ENDS:
            continue  # the cheap test first: "hr 104", "at 0800" end in no cue's letter
        cue = _EXTENSION_CUE.search(text, max(0, start - 14), start)
        if cue is None:
            continue
        if cue.group("paged") is not None:  # "paged #2290", "PAGED @ 4417"; not "paged at 1530"
            value = _EXTENSION_LONG.match(text, start) if end - start in (4, 5) else None
            if value is not None and cue.group("how") != "#" and _clock_time(text[start:end]):
                value = None
        elif short:
            value = _EXTENSION_SHORT.match(text, start)
        elif cue.group("word") and cue.group("word")[:1] in "eE":  # "ext. 305", "ext 4471"
            value = _EXTENSION_WORD.match(text, start)
        elif cue.group("word") or (cue.group("x") and not cue.group("gap")
                                   and end - start == 5):  # "x43312"; "ns x 1000" a volume
            value = _EXTENSION_LONG.match(text, start)
        else:
            value = None
        if value is not None:  # "x4" is one word with its digit: the span takes the x
            glued = cue.group("x") and not cue.group("gap")
            hits.append((cue.start() if glued else start, value.end(), Label.PHONE, STRUCTURED))


def _only_int(text: str, start: int, end: int) -> bool:
    """Whether no branch of `_NUMERIC` but the last can match the run of digits `start:end`:
    every other shape has six digits or more, or goes on after its first digits with a space,
    "-", ".", "(", a capital, or a slash and a phone's seven digits. (Most numbers are such;
    the whole expression costs far more.)"""
    if end - start > 5:
        return False
    if end == len(text):
        return True
    after = text[end]
    if after == "/":  # "617/555-0143"; not "120/80"
        return end - start != 3 or _SLASHED_PHONE.match(text, end) is None
    return not (after.isspace() or after in "-.(" or "A" <= after <= "Z")


def _number(text: str, m: re.Match[str], hits: list[Hit]) -> None:
    kind, start, end = m.lastgroup, m.start(), m.end()
    cue = _cue_at(text, start)
    if cue:  # "MRN: 4471023", "plate, PCY G97": the code after the cue is the identifier
        value = _ID_VALUE.match(text, cue[0])
        if value is not None and any(c.isdigit() for c in value.group()) and not _measure(
                text, value):
            label = Label.SSN if cue[1] or kind == "SSN" else Label.ID
            value_end = value.end()
            if value.group("tail") in _NOT_CODE_TAILS:
                value_end = value.start("tail") - 1
            hits.append((value.start(), max(value_end, end if kind != "INT" else 0),
                         label, STRUCTURED))
            return
    if kind == "SSN":
        hits.append((start, end, Label.SSN, STRUCTURED))
    elif kind == "PHONE":
        if sum(c.isdigit() for c in m.group()) >= 7:
            extension = _EXTENSION_TAIL.search(m.group())
            if extension is None or extension.group("glued"):  # "x207" is one word: all of it
                hits.append((start, end, Label.PHONE, STRUCTURED))
            else:  # "ext. 214": the number and its extension; the cue word names no one
                hits.append((start, start + extension.start(), Label.PHONE, STRUCTURED))
                hits.append((start + extension.start("number"), end, Label.PHONE, STRUCTURED))
    elif kind == "ZIP4":
        hits.append((start, end, Label.LOCATION, STRUCTURED))
    elif kind == "IP4":
        hits.append((start, end, Label.IP, STRUCTURED))
    elif kind == "CODE":
        span_of_time = _SPAN_OF_TIME.fullmatch(m.group())
        age_and_sex = _AGE_AND_SEX.fullmatch(m.group())
        if span_of_time is not None:  # only an age over 89 identifies: "92-YEAR-OLD"
            if 90 <= int(span_of_time.group(1)) <= 119:
                _age(text, start, start + span_of_time.end(1), hits)
        elif age_and_sex is not None:  # the letter is the age's context: "92F"
            if 90 <= int(age_and_sex.group(1)) <= 119:
                hits.append((start, start + age_and_sex.end(1), Label.AGE, STRUCTURED))
        elif (ordinal := _ORDINAL.fullmatch(m.group())) is not None:
            if 90 <= int(ordinal.group(1)) <= 119:  # "HER 92ND BIRTHDAY" (`_age` says)
                _age(text, start, start + ordinal.end(1), hits)
        elif m.group() not in _CODE_EXCEPTIONS and not _NOT_CODE.fullmatch(m.group()) and (
                not _GLUED_UNIT.fullmatch(m.group())) and (
                not _SPINE_LEVELS.fullmatch(m.group())) and (
                _PLACE_IN_BUILDING.search(text, max(0, start - 10), start) is None):
            hits.append((start, end, Label.ID, STRUCTURED))
    elif kind == "NUMBER" or kind == "LCODE":
        hits.append((start, end, Label.ID, STRUCTURED))
    elif kind == "INT":
        digits = m.group()
        if len(digits) >= 4 and "#" in text[max(0, start - 2):start] and (
                _NUMBER_SIGN_BEFORE.search(text, max(0, start - 3), start)) and (
                _PLACE_IN_BUILDING.search(text, max(0, start - 12), start) is None) and (
                not _NOT_AGE_UNIT.match(text, end)) and not _AMOUNT_UNIT.match(text, end):
            hits.append((start, end, Label.ID, STRUCTURED))  # "licensed psychologist #38217",
            return  # "interpreter rustam, #2291" (not "room #1204": a place in the building)
        if len(digits) == 4 and _last_digits_cue(text, start):
            hits.append((start, end, Label.ID, STRUCTURED))  # "ssn last four 4417",
            return  # "account ending 8812": the end of a number is the number's
        if len(digits) == 5 and _ZIP_BEFORE.search(text, max(0, start - 24), start):
            state = _STATE_BEFORE.search(text, max(0, start - 40), start)
            begin = start if state is None else state.start(1 if state.group(1) else 2)
            hits.append((begin, end, Label.LOCATION, STRUCTURED))
        elif len(digits) in (2, 3) and 90 <= int(digits) <= 119:
            _age(text, start, end, hits)


def _last_digits_cue(text: str, start: int) -> bool:
    """Whether "last four" or "ending" after a number's cue comes right before `start`."""
    window = text[max(0, start - 24):start].lower()
    return ("last" in window or "ending" in window) and (
        _LAST_DIGITS_BEFORE.search(text, max(0, start - 40), start) is not None)


def _measure(text: str, value: re.Match[str]) -> bool:
    """Whether what follows an identifier's cue is a measurement, not a code: a name with one
    digit ("no fio2 ectopy"), a count ("record 3x"), or a number with a unit ("seroquel vin
    25-100 mg", "sat id 120%": numbers with units are never identifiers)."""
    tail = value.group("tail")
    code = value.group() if tail is None else text[value.start():value.start("tail")].rstrip()
    if _MEASURE_NAME.fullmatch(code) or _TIMES.fullmatch(code):
        return True  # "no fio2", "thought record 3x this week"
    digits = sum(c.isdigit() for c in code)
    if code.split()[0].lower() in _VITAL_SIGNS or (
            _DECIMAL.match(text, value.end()) and digits <= 3):
        return True  # "ID: TMAX 101.2", "ID: 101.2": the infectious-disease heading, a vital
    if digits > 5:
        return False  # a dose has few digits: "mrn 4471023 unit 4" names a record
    return (tail is not None and _DOSE_UNIT.fullmatch(tail) is not None) or (
        _DOSE_AFTER.match(text, value.end()) is not None)


_STATE_CODE = re.compile(rf"(?i:{STATE_CODES})")
_VOWELS = frozenset("aeiouyAEIOUY")
_LINKS = frozenset({"is", "was", "are", "were"})
_RECORD_CUE_BEFORE = re.compile(r"\b(?i:mrn|acct|account|member|subscriber|policy|claim|case|"
                                r"medicaid|medicare|beneficiary|docket|record|chart)"
                                r"(?:[ \t]+(?i:id|no\.?|number|#))?[ \t]*[:#]?[ \t]*$")
_PLATE_ENDS = frozenset("eEgGsS")  # the last letter of a plate's cue ("plate", "tags")
_PLATE_BEFORE = re.compile(r"(?i:plates?|tags?)[ \t,:#(.]*$")  # a plate's letters may be small
_PLAIN = frozenset({"was", "is", "are", "were", "has", "had", "no", "not", "on", "in", "at",
                    "of", "the", "and", "for", "to", "be", "ends", "end"})  # ("plate was 4471")


def _cue_at(text: str, start: int) -> tuple[int, bool] | None:
    """(where the code starts, whether it is an SSN) when a cue word comes right before."""
    if start and text[start - 1] in "-0123456789":
        return None  # "3-4", "5-4-3-2-1": glued to a number, so no word before it
    i = start
    lead = start
    upper_lead = False
    for _ in range(2):  # the cue, or a letters-only first part of the code and then the cue
        gap = i
        while i > 0 and text[i - 1] in " \t,:#(.":
            i -= 1
        j = i
        while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "/#'"):
            j -= 1
        word = text[j:i].lower().removesuffix("'s")
        if word == "id" and ". " in text[i:gap] and text[start:start + 1].isalpha():
            return None  # "referred to ID. PHQ-9 12": infectious disease, then a sentence
        if word in _ID_CUE_WORDS:
            plain = text[lead:start].strip().lower() if lead != start else ""
            if plain in _LINKS and text[lead:start].strip().isupper():
                return start, word in _SSN_WORDS  # "CLAIM NUMBER IS C-28-441-907": the
                # code after "is"
            if plain in _PLAIN:
                return None  # "plate was 4471", "GROUP IN 2020", "INCIDENT ON 11/19"
            return lead, word in _SSN_WORDS or text[j:i].lower() == "ssn"
        if not 2 <= i - j <= 4 or lead != start:
            return None
        upper_lead = text[j:i].isupper()  # "PCY G97"; in small letters only after a plate's
        # cue ("plate jkr 4471", not "record was 1234"), or with no vowel right after a
        # record's cue ("acct wmf 0033 7812"; not "no bm x2", "policy. vs 2000")
        if not upper_lead and (not _VOWELS.isdisjoint(text[j:i]) or (
                _RECORD_CUE_BEFORE.search(text, max(0, j - 24), j) is None)):
            k = j
            while k > 0 and text[k - 1] in " \t,:#(.":
                k -= 1
            if k == 0 or text[k - 1] not in _PLATE_ENDS or not text[j:i].isalpha() or (
                    _PLATE_BEFORE.search(text, max(0, j - 10), j) is None):
                return None
            if _STATE_CODE.fullmatch(text[j:i]):
                i = j  # "plate wv 7hx412": the state is no part of the code
                continue
        lead, i = j, j
    return None


def _age(text: str, start: int, end: int, hits: list[Hit]) -> None:
    """An age over 89 only with age context: "93 yo", "age 94", "turned 91", "now 92," - never
    a vital sign, a lab value or a number with a unit (45 CFR 164.514(b)(2)(i)(C))."""
    if start > 1 and text[start - 1] == "," and text[start - 2].isdigit():
        return  # the thousands of a count: "ANC 3,100"
    birthday = _BIRTHDAY_AFTER.match(text, end)
    if birthday is not None:  # "her tutu's 90th birthday"
        hits.append((start, birthday.end(1), Label.AGE, STRUCTURED))
        return
    unit = _AGE_UNIT.match(text, end)
    if unit is None and (_NOT_AGE_UNIT.match(text, end) or text[end:end + 1] in ("s", "S", "%")):
        return
    if unit is None and not _AGE_BEFORE.search(text, max(0, start - 12), start):
        return
    # The vital sign last: its pattern costs the most, and most numbers are ruled out above.
    if not _VITAL_BEFORE.search(text, max(0, start - 30), start):
        hits.append((start, end, Label.AGE, STRUCTURED))


def _age_words(text: str, hits: list[Hit]) -> None:
    """"ninety-two years old", "in her nineties", "in his 90s": found from a few plain
    substrings (a case-blind pattern would be tried at every position)."""
    lowered = text.lower()
    for needle in ("ninet", "one hundred", "one  hundred", "90s", "90's"):
        at = lowered.find(needle)
        while at >= 0:
            m = _AGE_WORDS.match(text, at) if at == 0 or not text[at - 1].isalnum() else None
            if m is None:
                pass
            elif m.group("number") is None:  # a decade
                if _DECADE_BEFORE.search(text, max(0, at - 16), at):
                    hits.append((m.start(), m.end(), Label.AGE, STRUCTURED))
            elif _AGE_UNIT.match(text, m.end()) or (
                    _AGE_BEFORE.search(text, max(0, at - 12), at)
                    and not _NOT_AGE_UNIT.match(text, m.end())):
                hits.append((m.start(), m.end(), Label.AGE, STRUCTURED))
            at = lowered.find(needle, at + 1)


def _at_signs(text: str, hits: list[Hit]) -> None:
    for m in _EMAIL_DOMAIN.finditer(text):
        start = m.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._%+-"):
            start -= 1
        domain = m.group()
        if start < m.start() and "." in domain[1:]:
            end = m.start() + len(domain.rstrip("."))
            hits.append((start, end, Label.EMAIL, STRUCTURED))
        elif start == m.start() and (start == 0 or not text[start - 1].isalnum()) and not (
                domain[1:].isdigit()):  # a handle: @maria_v; not a time, "@0355", "@125 ml/hr"
            hits.append((start, m.end(), Label.ID, STRUCTURED))


def _urls(text: str, hits: list[Hit]) -> None:
    # A literal test first: the scan costs far more. Capitals too ("HTTP://", "WWW.").
    if "http" in text or "www." in text or "HTTP" in text or "WWW." in text:
        for m in _URL.finditer(text):
            end = m.start() + len(m.group().rstrip(".,;:!?"))
            hits.append((m.start(), end, Label.URL, STRUCTURED))
    for m in _TLD.finditer(text):
        start = m.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".-"):
            start -= 1
        if start < m.start() and (start == 0 or text[start - 1] not in "@/"):
            end = m.start() + len(m.group().rstrip(".,;:!?"))
            hits.append((start, end, Label.URL, STRUCTURED))


def _ipv6(text: str, hits: list[Hit]) -> None:
    consumed = 0
    for m in _IPV6_ANCHOR.finditer(text):
        if m.start() < consumed:
            continue
        start, end = m.start(), m.end()
        while start > 0 and (text[start - 1] in "0123456789abcdefABCDEF:"):
            start -= 1
        while end < len(text) and text[end] in "0123456789abcdefABCDEF:.":
            end += 1
        candidate = text[start:end].rstrip(".")
        consumed = end
        try:
            if isinstance(ipaddress.ip_address(candidate), ipaddress.IPv6Address):
                hits.append((start, start + len(candidate), Label.IP, STRUCTURED))
        except ValueError:
            continue


# A phone number said aloud, as a voicemail's transcript writes it: digits in words ("seven one
# two, five five five ...") or in groups with fillers between ("508, um, 555, 0177").
_DIGIT_WORDS = frozenset({"zero", "oh", "one", "two", "three", "four", "five", "six", "seven",
                          "eight", "nine"})
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN_GAP = r"(?:[ \t,.-]+(?:(?:um|uh|er|like)[ \t,.-]+)?)"
_SPOKEN_DIGITS = re.compile(rf"\b{_DIGIT_WORD}(?:{_SPOKEN_GAP}{_DIGIT_WORD}){{6,}}\b")
_GROUPS_WITH_FILLERS = re.compile(
    r"\b\d{3},?[ \t]+(?:um|uh|er),?[ \t]+\d{3},?[ \t]+(?:(?:um|uh|er),?[ \t]+)?\d{4}\b"
    r"|\b\d{3},[ \t]+\d{3},[ \t]+\d{4}\b")


def find_spoken_phones(lowered: str, words: set[str]) -> list[Hit]:
    """Phone numbers said aloud in `lowered` (a note in lower case, with its set of words):
    seven digit words or more in a row (read only when three kinds of digit word occur: most
    notes have none), or groups of digits parted by commas or fillers (tried only at three
    digits before a comma)."""
    hits: list[Hit] = []
    if len(_DIGIT_WORDS.intersection(words)) >= 3:
        hits += [(m.start(), m.end(), Label.PHONE, STRUCTURED)
                 for m in _SPOKEN_DIGITS.finditer(lowered) if not _counting(m.group())]
    comma = lowered.find(", ")
    while comma >= 0:  # fewer commas than numbers in most notes
        start = comma - 3
        if start >= 0 and lowered[start:comma].isdigit() and (
                start == 0 or not lowered[start - 1].isalnum()):
            m = _GROUPS_WITH_FILLERS.match(lowered, start)
            if m is not None:
                hits.append((start, m.end(), Label.PHONE, STRUCTURED))
        comma = lowered.find(", ", comma + 1)
    return hits


# A local number, its area code left out: "(555)0139" anywhere; "555 0178" after a word that
# says a number follows ("her # 555 0178", "called from 555 0178 x31").
_LOCAL_PHONE = re.compile(r"(?<![\d-])(?:(\()\d{3}\)[ ]?|\d{3}[ ])\d{4}(?![\d-])"
                          r"(?:[ ]?x\d{1,5}\b)?")
_LOCAL_PHONE_CUE = re.compile(r"(?:#|:|\b(?:from|at|call|called|cell|phone|number|tel|ph|text|is|"
                              r"no\.?))[ \t]*$")


def find_local_phones(text: str, digit_runs: Iterable[re.Match[str]] | None = None) -> list[Hit]:
    """Phone numbers written without their area code (see `_LOCAL_PHONE`). The runs of three
    digits lead the search (a scan of the whole note for the pattern costs more); `digit_runs`,
    the runs of digits of `text` (`\\d+`) if the caller has them, saves finding them."""
    runs = _DIGITS.finditer(text) if digit_runs is None else digit_runs
    starts = [run.start() - (text[run.start() - 1:run.start()] == "(")
              for run in runs if run.end() - run.start() == 3]
    found = [m for m in (_LOCAL_PHONE.match(text, at) for at in starts) if m is not None]
    return [(m.start(), m.end(), Label.PHONE, STRUCTURED) for m in found
            if m.group(1) or _LOCAL_PHONE_CUE.search(text, max(0, m.start() - 12), m.start())]


_DIGIT_VALUES = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9}


def _counting(spoken: str) -> bool:
    """Whether digit words count up one by one ("one two three four ..."): no number."""
    values = [_DIGIT_VALUES[w] for w in re.findall(r"[a-z]+", spoken) if w in _DIGIT_VALUES]
    return all(b == a + 1 for a, b in pairwise(values))
