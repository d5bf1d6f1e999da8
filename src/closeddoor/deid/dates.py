"""Written dates: finding every form, and shifting one by N days while keeping how it was written.

Each form is one branch of a single regular expression, named `F_<form>`; the same expression
finds dates in a note and, matched against one span, tells which parts (weekday, month, day,
year) were written and how, so a shifted date can be written the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import STRUCTURED, Hit, occurrences
from closeddoor.deid.hits import lowered as lower
from closeddoor.deid.spans import Label

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HOLIDAYS = ("Christmas(?: Eve| Day)?", "Xmas", "Thanksgiving(?: Day)?", "Easter(?: Sunday)?",
            "Halloween", "New Year's(?: Eve| Day)?", "Valentine's Day", "Fourth of July",
            "Independence Day", "Memorial Day", "Labor Day", "Mother's Day", "Father's Day",
            "Veterans Day", "Juneteenth", "Hanukkah", "Chanukah", "Passover", "Rosh Hashanah",
            "Yom Kippur", "Ramadan", "Eid(?: al-Fitr| al-Adha)?", "Diwali", "Kwanzaa",
            "Good Friday", "Palm Sunday", "Ash Wednesday", "Cinco de Mayo", "Lunar New Year",
            "Chinese New Year", "St\\. Patrick's Day", "Presidents'? Day", "MLK Day",
            "Martin Luther King(?: Jr\\.)? Day", "Columbus Day", "Indigenous Peoples'? Day")
_MON = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WD = (r"(?i:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|"
       r"Sat(?:urday)?|Sun(?:day)?)\.?")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_ORD = r"(?i:st|nd|rd|th)"  # "9th", "9TH" (a note in capitals)
_YEAR = r"(?:1[89]\d\d|2[01]\d\d|['\u2019]\d\d)(?!\d)"
_NUM_START = r"(?<![\w/.-])"
_NUM_END = r"(?![\w/]|[.-]\d)"
_FORMS = {
    "YMD": rf"{_NUM_START}(?P<y_a>\d{{4}})(?P<s_a>[-/.])(?P<m_a>1[0-2]|0?[1-9])(?P=s_a)"
           rf"(?P<d_a>{_DAY})(?=T\d|{_NUM_END})",
    # (either end of a range, "6/14/2021-6/23/2021", is one)
    "MDY": rf"(?:{_NUM_START}|(?<=/\d\d\d\d-)|(?<=/\d\d-))(?P<m_b>1[0-2]|0?[1-9])(?P<s_b>[-/.])"
           rf"(?P<d_b>{_DAY})(?P=s_b)(?P<y_b>\d{{4}}|\d\d)"
           rf"(?:{_NUM_END}|(?=-(?:1[0-2]|0?[1-9])/{_DAY}/\d))",
    "DMY": rf"{_NUM_START}(?P<d_c>3[01]|2\d|1[3-9])(?P<s_c>[-/.])(?P<m_c>1[0-2]|0?[1-9])"
           rf"(?P=s_c)(?P<y_c>\d{{4}}|\d\d){_NUM_END}",
    "MONDAY": rf"(?:(?P<w_d>{_WD}),?\s+)?\b(?P<m_d>{_MON})\.?\s+(?:the\s+)?(?P<d_d>{_DAY})"
              rf"(?P<o_d>{_ORD})?\b(?:\s*[-\u2013]\s*(?P<e_d>{_DAY})(?:{_ORD})?\b)?"
              rf"(?:,?\s+(?P<y_d>{_YEAR}))?",
    "DAYMON": rf"(?:(?P<w_e>{_WD}),?\s+)?(?:the\s+)?\b(?P<d_e>{_DAY})(?P<o_e>{_ORD})?\s+"
              rf"(?:(?i:of)\s+)?(?P<m_e>{_MON})\b\.?(?:,?\s+(?P<y_e>{_YEAR}))?",
    "DMON": rf"{_NUM_START}(?P<d_k>{_DAY})(?P<s_k>-?)(?P<m_k>{_MON})(?![A-Za-z])"
            rf"(?:(?P=s_k)(?P<y_k>\d{{4}}|\d\d))?{_NUM_END}",  # "14-mar", "14MAR19"
    "MONYEAR": rf"\b(?P<m_f>{_MON})\b\.?,?\s+(?:(?i:of)\s+)?(?P<y_f>{_YEAR})",
    "MY": rf"{_NUM_START}(?P<m_l>1[0-2]|0?[1-9])/(?P<y_l>(?:19|20)\d\d){_NUM_END}",  # "2/2014"
    # (either end of a range of dates, "10/3-10/17", is one)
    "MD": rf"(?:{_NUM_START}|(?<=\d/\d-)|(?<=\d/\d\d-))(?P<m_g>1[0-2]|0?[1-9])/(?P<d_g>{_DAY})"
          rf"(?:{_NUM_END}|(?=-(?:1[0-2]|0?[1-9])/{_DAY}(?:/(?:\d{{4}}|\d\d))?{_NUM_END}))",
    "NTH": rf"\b(?i:the)\s+(?P<d_h>{_DAY})(?P<o_h>{_ORD})\b",
    "HOLIDAY": rf"\b(?:{'|'.join(HOLIDAYS)})(?![\w'])",
    "MONTH": r"\b(?P<m_j>(?i:January|February|March|April|May|June|July|August|September|"
             r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec))\b",
}
_SUFFIX = {"F_YMD": "a", "F_MDY": "b", "F_DMY": "c", "F_MONDAY": "d", "F_DAYMON": "e",
           "F_MONYEAR": "f", "F_MD": "g", "F_NTH": "h", "F_HOLIDAY": "i", "F_MONTH": "j",
           "F_DMON": "k", "F_MY": "l"}
DATE_PATTERN = re.compile("|".join(f"(?P<F_{name}>{body})" for name, body in _FORMS.items()))
# "rated 7/10", "1/2 tablet": ratings and fractions unless a word before says it is a date, or
# a shift's hours do ("nsg 7a-7p 3/4:").
_DATE_CUE = re.compile(r"(?i:(?:\b(?:on|since|dated?|from|until|till|due|next|last|before|"
                       r"after|DOS|DOB|seen|session|appointment|appt|visit|admit|admitted|admission|"
                       r"set[ \t]+for|scheduled(?:[ \t]+for)?|booked[ \t]+for|"
                       r"discharged?|monday|tuesday|wednesday|thursday|friday|saturday|"
                       r"sunday|mon|tues?|wed|thu|thur|thurs|fri|enc|encounter)"  # "msg thu 3/4",
                       # "tel enc 3/4" (not "sat")
                       r"|\b\d{1,2}[ap]-\d{1,2}[ap])"
                       r"\s*[:,]?\s*)$")  # ("next session tuesday, 12/10")
# Words that say a date follows even among a ventilator's settings: "wean fio2, exam due 11/20".
_STRONG_DATE_CUE = re.compile(r"(?i:\b(?:due|dated?|since|until|till|next|appointment|seen|"
                              r"DOS|DOB)\s*:?\s*)$")
_TITLE_BEFORE = re.compile(r"(?i:\b(?:intake|assessment|evaluation)[ \t]*:?[ \t]*)$")
_RANGE_AFTER = re.compile(r"[ \t]*[-\u2013][ \t]*(\d{1,2}/\d{1,2})(?!\d|/\d{3})")
# The wholes a count is out of before "days", "sessions": "5/7 days", "3/4 groups", "20/30
# days"; "6/17 days" is a date and a shift ("2 east 6/17 days").
_WHOLES = frozenset({2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 21, 28, 30, 31})


def _of_a_whole(written: str) -> bool:
    """Whether "a/b" (perhaps "a/b/c") reads as a count out of a usual whole: "5/7"."""
    parts = written.split("/")
    return len(parts) == 2 and parts[1].isdigit() and int(parts[1]) in _WHOLES


# A month or a day written with a leading zero is a date, whatever follows: "12/03 days".
_ZERO_PADDED = re.compile(r"(?:^|/)0\d")
# ("2/2" is "secondary to": "ards 2/2 influenza")
_FRACTIONS = frozenset({"1/2", "1/3", "1/4", "2/3", "3/4", "24/7", "1/10", "2/2"})
# "the 3rd session" counts things, and "the 1st of each month" is every month's first day;
# "the 3rd" alone, or "the 3rd at noon", is a date.
_COUNTED = re.compile(r"\s+(?i:time|times|session|sessions|visit|grade|floor|attempt|week|"
                      r"weeks|day|days|year|month|percentile|step|person|one|child|kid|"
                      r"place|round|cycle|dose|hospitali[sz]ation|admission|episode|"
                      r"appointment|trimester|quarter|period|class|birthday|anniversary|ward|"
                      r"district|precinct)\b"
                      r"|\s+(?i:of|on)\s+(?i:each|every|the)\s+(?i:month|week)\b")
_BARE_ORDINAL = re.compile(rf"{_DAY}{_ORD}")
_NTH = re.compile(rf"{_DAY}{_ORD}\b")
_THE_BEFORE = re.compile(r"\b(?i:the)\s+$")
# Digits that can start a date: "3/", "14th", "14 March", "14 of"; most numbers are not.
_DIGIT_ANCHOR = re.compile(
    r"\d\d{0,3}(?=[/.\-]\d|(?i:st|nd|rd|th)\b|[ \xa0](?:(?i:of)\s|[JFMASONDjfmasond])"
    r"|-?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))")
_DIGITS = re.compile(r"\d+")
# A month and a day with a full stop or a dash between, right after a shift's hours: "7a-7p
# 11.30", "1500-2330 12-2".
_DOTTED_MD = re.compile(rf"(?:1[0-2]|0?[1-9])(?P<sep>[.-]){_DAY}"
                        rf"(?:-(?:1[0-2]|0?[1-9])(?P=sep){_DAY})?"  # (a range: "11.30-12.01")
                        r"(?!\w|[.-]\d|[ \t]*(?i:l|ml|cc|mg|mcg|kg|g|%|units?|meq|times|x|days?|"
                        r"weeks?|wks?|hrs?|hours?|mins?|minutes|per|of|sessions?)\b)")
_SHIFT_BEFORE = re.compile(r"\b(?:\d{1,2}[apAP]-\d{1,2}[apAP]|[0-2]\d{3}-[0-2]\d{3}"
                           r"|(?i:note|adm|admitted|seen|session|visit|next))"
                           r"(?:[ \t]+|[ \t]*[-\u2013:][ \t]*)$")  # (or a note's title: "PACU RN
# NOTE 11.03", or an admission: "ADM 11.02")
# A time on a 24-hour clock after a month and a day says they are a date: "detox, 12-4 1410".
_CLOCK_AFTER = re.compile(r"[ \t]+(?:[01]\d|2[0-3])[0-5]\d(?![\w:/-]|\.\d)"
                          r"(?![ \t]*(?i:ml|cc|mg|mcg|l|g|kcal|cal|units?|meq|steps|ft)\b)")
# Every way a month or a weekday is written, as a whole word, lower case (see `find_dates`).
_DATE_WORDS = frozenset({"jan", "january", "feb", "february", "mar", "march", "apr", "april",
                         "may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept",
                         "september", "oct", "october", "nov", "november", "dec", "december",
                         "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu",
                         "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun",
                         "sunday"})
_HOLIDAY = re.compile(rf"(?:{'|'.join(HOLIDAYS)})(?![\w'])")
_HOLIDAY_HINT = re.compile(r"Christ|Xmas|Thanksg|Easter|Hallow|New Y|Valent|Fourth|Indep|"
                           r"Memorial D|Labor|Mother|Father|Veteran|Juneteenth|Hanuk|Chanuk|"
                           r"Passover|Rosh|"
                           r"Yom|Ramadan|Eid|Diwali|Kwanzaa|Good F|Palm S|Ash W|Cinco|Lunar|"
                           r"Chinese N|Patrick|Presidents|MLK|Martin L|Columbus|Indigenous")
# Without case, a holiday is read only where its first word stands (a holiday's own word,
# or the first of two everyday words the note holds both of: "memorial" and "day"), in a few
# characters around it: set tests, then short matches, cheaper than a look through the note
# ("memorial", "labor" and "day" alone are in too many notes).
_HOLIDAY_ANY_CASE = re.compile(_HOLIDAY.pattern, re.IGNORECASE)
_HOLIDAY_WORDS = frozenset(split_words("""
christmas xmas thanksgiving easter halloween juneteenth hanukkah chanukah passover ramadan eid
diwali kwanzaa"""))
_DAY_FIRSTS = split_words("""mother father memorial labor veterans independence columbus
presidents indigenous mlk martin valentine patrick""")
_HOLIDAY_PAIRS = (*((first, "day") for first in _DAY_FIRSTS),
                  ("new", "year"), ("lunar", "year"), ("chinese", "year"), ("good", "friday"),
                  ("palm", "sunday"), ("ash", "wednesday"), ("fourth", "july"), ("cinco", "mayo"),
                  ("yom", "kippur"), ("rosh", "hashanah"))
_RATING = re.compile(r"(?i:rat(?:e|ed|es|ing)|urges?|anxiety|mood|pain|relief|depression|suds|"
                     r"\bha\b|h/a|headache|"
                     r"scor(?:e|ed)|scale|level|intensity|craving|distress|stress|energy|sleep|\d/10|out\s+of)")
_ABBREVIATION_CUE = re.compile(r"(?i:\b(?:since|until|till|til|thru|through|early|late|mid)"
                               r"[\s-]*)$")
_MAY_CUE = re.compile(r"(?i:\b(?:in|since|until|till|til|by|during|early|late|mid|of|from|"
                      r"through|thru|last|next|this|before|after|around|throughout)[\s-]*)$")


def find_dates(text: str, words: set[str] | None = None, lowered: str | None = None,
               digit_runs: Iterable[re.Match[str]] | None = None) -> list[Hit]:
    """Every date element in `text` (a year written alone is not one). A caller that has them
    passes the text's lower-case words, the text lower-cased (same length) and its runs of
    digits, which saves three scans.

    The full expression is tried only where a date can start: a run of digits, a month or
    weekday name, a holiday (see patterns.py for why)."""
    hits: list[Hit] = []
    consumed = 0
    if digit_runs is None:
        digit_runs = _DIGITS.finditer(text)
    # Only the first digit of a run can start a date (a digit before it is glued on).
    anchors = [m.start() for m in digit_runs if _DIGIT_ANCHOR.match(text, m.start())]
    if lowered is None or words is None:
        lowered = lower(text)
        words = set(re.findall(r"[a-z]+", lowered))
    # Month and weekday names start a date only as whole words, so the word set says which
    # occur and a plain search finds them: cheaper than scanning for every capital "Mar".
    names = _DATE_WORDS.intersection(words)
    if names:
        anchors += [start for start, _, _ in occurrences(lowered, names)]
    anchors.sort()
    for start in anchors:
        if start < consumed or (start > 0 and (text[start - 1].isalnum()
                                               or text[start - 1] in "_/")):
            continue
        m = DATE_PATTERN.match(text, start)
        if m is None and text[start].isdigit():
            dotted = _DOTTED_MD.match(text, start)  # "rn note 7a-7p 11.30": a shift's date
            if dotted is not None and (_SHIFT_BEFORE.search(text, max(0, start - 16), start)
                                       or _CLOCK_AFTER.match(text, dotted.end())):
                hits.append((start, dotted.end(), Label.DATE, STRUCTURED))
                consumed = dotted.end()
                continue
        if text[start].isdigit() and (m is None or m.lastgroup == "F_NTH"):
            nth = _NTH.match(text, start)  # "the 14th", found from its digits
            the = _THE_BEFORE.search(text, max(0, start - 5), start) if nth else None
            if nth and the and not _COUNTED.match(text, nth.end()):
                hits.append((the.start(), nth.end(), Label.DATE, STRUCTURED))  # the whole
                consumed = nth.end()  # expression, "the" with it
            continue
        if m is None or m.lastgroup == "F_NTH":
            continue
        if m.lastgroup == "F_DAYMON" and m.group("y_e") is None and m.group("o_e") is None:
            whole = DATE_PATTERN.match(text, m.start("m_e"))  # "day 2 | aug 14 2026": the
            if whole is not None and whole.lastgroup == "F_MONDAY" and whole.group("y_d") and (
                    whole.end() > m.end()):  # month's own day and year, not "2 aug"
                m = whole
                start = m.start()
        if _keep(text, m):
            the = (_THE_BEFORE.search(text, max(0, start - 5), start)
                   if m.lastgroup == "F_DAYMON" and text[start].isdigit() else None)
            hits.append((start if the is None else the.start(), m.end(), Label.DATE,
                         STRUCTURED))  # "the 9th of August": "the" with it
            consumed = m.end()
    # Each hint is a capital and small letters, but "MLK": none is in a note without capitals
    # nor in one in capitals without "MLK" (two cheap tests before a scan of the whole note).
    if text.islower() or text.isupper():  # a holiday is a date whatever the case
        firsts = _HOLIDAY_WORDS.intersection(words) | {
            first for first, last in _HOLIDAY_PAIRS if first in words and last in words}
        for at, _, _ in occurrences(lowered, firsts) if firsts else ():
            m = _HOLIDAY_ANY_CASE.search(lowered, max(0, at - 4), at + 40)  # ("st. | patrick's")
            if m is not None and m.start() <= at:
                hits.append((m.start(), m.end(), Label.DATE, STRUCTURED))
    elif _HOLIDAY_HINT.search(text):
        hits.extend((m.start(), m.end(), Label.DATE, STRUCTURED) for m in _HOLIDAY.finditer(text))
    return hits


# Ventilator settings and motor strength are written like dates: "ps 10/5", "cpap 5/5",
# "ac 500x14/5", "10/5/40" (pressure support / PEEP / FiO2), "5/5 strength" (issue 13).
_VENT_BEFORE = re.compile(
    r"(?i:\b(?:ps|peep|cpap|bipap|ac|simv|prvc|imv|psv|apap|vent|vented|fio2|"
    r"(?<!next )(?<!court )(?<!trial )settings?|"
    r"ratio|i:e|pc|pcv|vc|aprv|hfov|trach\s+collar|weaned\s+to|mode)\b)[^.;\n]*$")
# A date said when something began or happened, after the ventilator's words: "CPAP started
# 11/1", "vent was 10/5/40, extubated 8/28".
_STARTED_BEFORE = re.compile(r"(?i:\b(?:started|began|begun|initiated|since|extubated|intubated|"
                             r"trached|decannulated|admitted|discharged|transferred)[ \t]+)$")
_STRENGTH_AFTER = re.compile(r"(?i:\s*(?:strength|motor|grip|in\s+all|bilat|throughout|"
                             r"[blr]?[ul]e\b|x\s?4))")
# A score is written like a date just after its name: "Apgar 8/9", "MMSE 27/30", "pain 7/10";
# and a rating out of ten just before the pain it rates: "c/o 7/10 abd pain".
_SCORE_BEFORE = re.compile(r"(?i:\b(?:apgars?|mmse|moca|slums|gcs|gds|sls|pain|cp|scored?|rated?|"
                           r"si|hi|urges?|self-harm|cravings?|suds|inattentive|hyperactive|arm|leg|"
                           r"inattention|hyperactivity|impulsivity|odd|"
                           r"grip|recall|cued|free)"
                           r"[ \t:=]*(?:of[ \t]+|at[ \t]+)?)$")
# A count out of a whole, before what it counts: "attended 2/4 groups", "4/4 sessions".
_COUNT_AFTER = re.compile(r"(?i:[ \t]+(?:groups?|sessions?|meetings?|classes|doses|visits|"
                          r"appointments|attempts|items|questions|days|nights|shifts)\b)")
_DOSE_AFTER = re.compile(r"(?i:[ \t]*(?:mg|mcg|ml)\b)")  # "buprenorphine-naloxone 8/2 mg"
# What a score out of a whole rates, after it: "teacher 7/9 inattentive", "6/10 importance".
_SCORED_AFTER = re.compile(r"(?i:[ \t]+(?:inattentive|hyperactive|impulsive|importance|"
                           r"confidence|readiness|symptoms?|criteria|correct|trials)\b)")
_PAIN_AFTER = re.compile(r"(?i:[ \t]+(?:[a-z]+[ \t]+)?pain\b)")


def _out_of(written: str) -> bool:
    """Whether "a/b" can be a score out of a whole: no more than the whole ("7/10", "27/30"; not
    "last self-harm 10/8", a date)."""
    parts = written.split("/")
    return not (parts[0].isdigit() and parts[1].isdigit()) or int(parts[0]) <= int(parts[1])


def _same_whole_nearby(text: str, m: re.Match[str]) -> bool:
    """Whether another count out of the same whole (ten at most) stands near "a/b": a series
    of scores ("7/9 inattentive, 5/9 hyperactive; parent 3/9 and 2/9"), not dates (which
    seldom share a day)."""
    written = m.group()
    if written.count("/") != 1:
        return False
    whole = written.split("/")[1]
    if not whole.isdigit() or int(whole) > 10:
        return False  # (a whole past ten is likelier a day: "appts 2/14, 3/14 and 4/14")
    window = text[max(0, m.start() - 48):m.start()] + " " + text[m.end():m.end() + 48]
    tail = "/" + whole
    at = window.find(tail)
    while at >= 0:  # (plain substring tests: "c/b", a digit before, none after)
        after = window[at + len(tail):at + len(tail) + 1]
        if at > 0 and window[at - 1].isdigit() and not (after.isdigit() or after == "/") and (
                at < 3 or not (window[at - 3].isdigit() or window[at - 3] == "/")):
            return True
        at = window.find(tail, at + 1)
    return False


def _keep(text: str, m: re.Match[str]) -> bool:
    start = m.start()
    if m.lastgroup in ("F_MD", "F_MDY", "F_DMY") and "/" in m.group() and (
            (_VENT_BEFORE.search(text, max(0, start - 32), start)
             and not _STARTED_BEFORE.search(text, max(0, start - 14), start)
             and not _STRONG_DATE_CUE.search(text, max(0, start - 16), start))  # "fio2 ...,
            # exam due 11/20"; but "vent settings on 10/5"
            or _STRENGTH_AFTER.match(text, m.end())
            or (_SCORE_BEFORE.search(text, max(0, start - 12), start) and _out_of(m.group()))
            or (_COUNT_AFTER.match(text, m.end()) and not _ZERO_PADDED.search(m.group())
                and _of_a_whole(m.group()))
            or _DOSE_AFTER.match(text, m.end())
            or (m.group().endswith("/10") and _PAIN_AFTER.match(text, m.end()))
            or (_out_of(m.group()) and (_SCORED_AFTER.match(text, m.end())
                                         or _same_whole_nearby(text, m)))):
        return False
    if m.lastgroup == "F_MD":
        written = m.group()
        if written in _FRACTIONS or written.endswith("/10"):
            before = text[max(0, start - 60):start]  # "pain 6/10 at 2000 -> oxycodone ..., 3/10"
            if _DATE_CUE.search(before) or (not written.endswith("/10") and (
                    _TITLE_BEFORE.search(before) or _CLOCK_AFTER.match(text, m.end()))):
                return True  # "adolescent intake 3/4", "phone msg 3/4 0910" (not "pain
                # assessment 2/10")
            range_end = _RANGE_AFTER.match(text, m.end())  # "2/3-2/4": a range of dates (not
            if range_end is not None and range_end.group(1) not in _FRACTIONS:  # "1/2-3/4")
                return True
            return written not in _FRACTIONS and not _RATING.search(before)
    elif m.lastgroup == "F_MONTH" and len(m.group()) <= 4 and m.group().lower() not in (
            "may", "june", "july"):
        # A month's abbreviation alone only after a word that says so ("since sept",
        # "mid-Nov"); "mar" and "dec" are also a record and "decreased", so after fewer.
        cue = _MAY_CUE if m.group().lower() not in ("mar", "dec") else _ABBREVIATION_CUE
        return bool(cue.search(text, max(0, start - 12), start))
    elif m.lastgroup == "F_MONTH" and (m.group().lower() == "may" or m.group() == "march"):
        # A verb as often as a month in any case ("may", "MAY"), and "march" in lower case:
        # a month only after a word that says so ("in may", "SINCE MAY", "by march").
        return bool(_MAY_CUE.search(text, max(0, start - 12), start))
    return m.lastgroup != "F_HOLIDAY"


def shift_date_text(written: str, days: int) -> str | None:
    """`written` (one date as found) moved by `days`, in the same form; None if it is not a
    date this module can read (a holiday, say): then the caller uses a neutral phrase."""
    if _BARE_ORDINAL.fullmatch(written):  # "the 14th" was found as "14th"
        shifted = shift_date_text(f"the {written}", days)
        return shifted[4:] if shifted else None
    m = DATE_PATTERN.fullmatch(written)
    if m is None or m.lastgroup is None or m.lastgroup == "F_HOLIDAY":
        return None
    k = _SUFFIX[m.lastgroup]  # the branch's group-name suffix
    year_text = _group(m, f"y_{k}")
    month_text = _group(m, f"m_{k}")
    day_text = _group(m, f"d_{k}")
    year = _year(year_text) if year_text else 2001  # a common year stands in for none
    month = _month(month_text) if month_text else 1
    day = int(day_text) if day_text else 15  # mid-month when only the month is known
    try:
        original = date(year, month, day)
    except ValueError:
        original = date(2004 if (month, day) == (2, 29) else 2001, month, min(day, 28))
    moved = original + timedelta(days=days)
    replacements: list[tuple[int, int, str]] = []
    padded = any(len(t) == 2 and t[0] == "0" for t in (month_text, day_text))  # "03/14/2024"
    if year_text:
        replacements.append((*m.span(f"y_{k}"), _format_year(year_text, moved.year)))
    if month_text:
        replacements.append((*m.span(f"m_{k}"), _format_month(month_text, moved.month, padded)))
    if day_text:
        replacements.append((*m.span(f"d_{k}"), _pad(day_text, moved.day, padded)))
        if _group(m, f"o_{k}"):
            replacements.append((*m.span(f"o_{k}"), _ordinal(moved.day)))
    end_day = _group(m, f"e_{k}")
    if end_day and day_text:
        moved_end = moved + timedelta(days=int(end_day) - day)
        replacements.append((*m.span(f"e_{k}"), _pad(end_day, moved_end.day, padded)))
    weekday = _group(m, f"w_{k}")
    if weekday:
        old = next(i for i, w in enumerate(WEEKDAYS) if w.startswith(weekday[:3].lower()))
        new = (old + days) % 7 if not year_text else moved.weekday()
        replacements.append((*m.span(f"w_{k}"), _restyle(weekday, WEEKDAYS[new])))
    out = written
    for start, end, value in sorted(replacements, reverse=True):
        out = out[:start] + value + out[end:]
    return out


def parse_date_text(written: str) -> date | None:
    """The full date `written` names, when it has a year, month and day (tests use this)."""
    m = DATE_PATTERN.fullmatch(written)
    if m is None or m.lastgroup is None or m.lastgroup == "F_HOLIDAY":
        return None
    k = _SUFFIX[m.lastgroup]
    parts = (_group(m, f"y_{k}"), _group(m, f"m_{k}"), _group(m, f"d_{k}"))
    if not all(parts):
        return None
    try:
        return date(_year(parts[0]), _month(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _group(m: re.Match[str], name: str) -> str:
    try:
        return m.group(name) or ""
    except IndexError:
        return ""


def _year(text: str) -> int:
    digits = text.lstrip("'\u2019")
    if len(digits) == 2:
        return 2000 + int(digits) if int(digits) < 50 else 1900 + int(digits)
    return int(digits)


def _month(text: str) -> int:
    if text.isdigit():
        return int(text)
    return next(i for i, name in enumerate(MONTHS, 1) if name.startswith(text[:3].lower()))


def _format_year(original: str, year: int) -> str:
    if original[0] in "'\u2019":
        return f"{original[0]}{year % 100:02}"
    return f"{year % 100:02}" if len(original) == 2 else str(year)


def _format_month(original: str, month: int, padded: bool) -> str:
    if original.isdigit():
        return _pad(original, month, padded)
    name = MONTHS[month - 1]
    if len(original) < len(MONTHS[_month(original) - 1]):  # abbreviated: keep its length
        name = name[:4] if len(original) == 4 and name.startswith("sep") else name[:3]
    return _restyle(original, name)


def _pad(original: str, value: int, padded: bool) -> str:
    return f"{value:02}" if padded and len(original) <= 2 else str(value)


def _ordinal(day: int) -> str:
    return "th" if 10 < day % 100 < 14 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _restyle(original: str, word: str) -> str:
    """`word` in the case `original` was written in (MARCH, march, March)."""
    stripped = original.rstrip(".")
    suffix = original[len(stripped):]
    if stripped.isupper() and len(stripped) > 1:
        return word.upper() + suffix
    if stripped.islower():
        return word + suffix
    return word.capitalize() + suffix
