"""Organisations read beside a place or an organisation found (issue 13).

A note's heading gives its practice like an address block: "Couples therapy, Front Range
Family Therapy, Colorado Springs, CO." The words between commas right before a town and its
state code name the practice when their last word is a practice's kind ("therapy",
"guidance", "partners") and another word says which one, in any case. A county's agencies
follow its name: "Harrison County EMS", "Frederick County DSS", "Custer County Home Health";
a department's name goes on past "and": "Department of Children | and Family Services". A
family therapy practice is named after a comma or "at" in a cased note ("DOS 10/22/26, Queens
Crossroads Family Therapy, Middle Village"), and a letterhead's body before its street address
("HIGHLANDS COMMUNITY PSYCHIATRY | 2280 Wadsworth Blvd").
"""

from __future__ import annotations

import re

from closeddoor.deid.addresses import STATE_CLOSES
from closeddoor.deid.clinical import cue_finder
from closeddoor.deid.clinical_words import EVERYDAY, NOT_STREET_NAMES, RARE
from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.lexicon import Lexicon
from closeddoor.deid.place_kinds import HEADS, KIND_WORDS
from closeddoor.deid.spans import Label

# The clause before the town: one to five words between a comma (or the note's start) and
# the comma before the town.
_CLAUSE_BEFORE = re.compile(r"(?:^|(?<=[\n,.;:(]))[ \t]*((?:[^\W\d_][\w'\u2019&.-]*[ \t]+){0,4}"
                            r"[^\W\d_][\w'\u2019.-]*),[ \t]*$")
# A note's title at its start ("... progress note", "iop process group"), then the clauses of
# its heading, one of which may be the practice: "intake, | second wind recovery |, des plaines".
_TITLE = re.compile(r"[^\n]{0,60}?\b(?:note|evaluation|intake|assessment|consult|consultation|"
                    r"summary|report|group)\b")
_CLAUSE_END = re.compile(r"[ \t]*(?:[,;:(\n]|[-\u2013\u2014][ \t]|\.(?:\s|$)|$)")
_HEADING_CLAUSES = 4
# The last word of a practice's name.
_PRACTICE_TAILS = frozenset(split_words("""
therapy therapies psychiatry psychology counseling counselling guidance partners associates
clinic clinics center centre services health group practice program institute wellness care
consultants collective network alliance agency hospital behavioral behavioural recovery
"""))
# Words of a treatment's or a department's heading, not of a practice's name: "Couples therapy,
# Flint, MI", "... middle school, student services, 2750 mesa verde dr".
_MODALITIES = frozenset(split_words("""
individual couples couple group marital child adolescent adult play art music occupational
physical speech cognitive dialectical supportive psychodynamic trauma-focused outpatient
inpatient intensive session sessions skills brief telehealth video initial follow-up student
patient member customer client guest human domestic violence co-occurring centered
child-centered dual diagnosis substance use abuse
"""))
# A county's agencies: "county dss", "county adult probation", "county home health".
_AGENCY_AFTER = re.compile(
    r"[ \t]+((?:(?:adult|juvenile|home|public|mental|human|social|family|children'?s?|youth|"
    r"child|protective|community)[ \t]+){0,2}"
    r"(?:ems|dss|dhs|dhr|cps|aps|dcfs|dcs|dfcs|djj|hhs|cws|cmh|cmhc|health|services|jail|"
    r"detention|fire[ \t]+(?:and|&)[ \t]+rescue|fire[ \t]+rescue|"
    r"job[ \t]+and[ \t]+family[ \t]+services|children[ \t]+and[ \t]+youth(?:[ \t]+services)?|"
    r"juvenile[ \t]+and[ \t]+domestic[ \t]+relations(?:[ \t]+district)?[ \t]+court|"
    r"corrections|sheriff(?:'s)?(?:[ \t]+office)?|"
    r"(?:probation|parole)(?:[ \t]+and[ \t]+(?:probation|parole))?|"
    r"(?:division|department|dept\.?|office)[ \t]+of[ \t]+[a-z']+(?:[ \t]+(?!and\b)[a-z']+)?"
    r"(?:[ \t]+and[ \t]+[a-z]+(?:[ \t]+(?:services|affairs|protection|supervision))?)?"
    r"))(?![\w'\u2019-])")  # "division of parole and probation", "community corrections"
# The subject and verb a sentence naming a practice opens with: "I authorize | Piedmont Pathways
# Counseling, 1400 West ...".
_SENTENCE_OPENER = re.compile(r"(?:(?:i|we|please|[a-z]+i[sz]e[sd]?)[ \t]+)+")
_AND_MORE = re.compile(r"[ \t]+and[ \t]+(?:families\b|[a-z]+[ \t]+(?:services|affairs|protection|"
                       r"supervision)\b)")
_COUNTIES = ("county", "parish")


# A family therapy practice named in a cased note's heading or after "at", before a comma, a
# full stop or "in" ("DOS 10/22/26, Queens Crossroads Family Therapy, Middle Village", "CBT at
# Uplands Family Therapy in Dodgeville"); not a method ("Structural Family Therapy").
_FAMILY_PRACTICE = re.compile(r"(?:(?<=, )|(?<=\bat ))((?:[A-Z][a-z][\w'\u2019-]*[ \t]+){1,3}"
                              r"Family[ \t]+(?:Therapy|Counseling|Counselling))"
                              r"(?=[ \t]*[,.;]|[ \t]+in[ \t]+[A-Z])")
_METHODS = frozenset(split_words("""
structural strategic bowen bowenian functional brief emotionally focused attachment based
attachment-based emotionally-focused multidimensional multisystemic narrative solution
solution-focused systemic contextual experiential integrative behavioral behavioural cognitive
internal milan satir symbolic psychoeducational medical trauma informed trauma-informed
collaborative conjoint intensive outpatient home in-home ecosystemic transgenerational
intergenerational short-term long-term
"""))


# A letterhead: the body's name opens the note, and after a bar or a dot (and perhaps its
# department) its street address: "HIGHLANDS COMMUNITY PSYCHIATRY | 2280 Wadsworth Blvd".
_LETTERHEAD = re.compile(r"[ \t]*([^\W\d_][\w'\u2019&.,-]*(?:[ \t]+[^\W\d_][\w'\u2019&.,-]*){0,7})"
                         r"[ \t]+[|\u00b7][ \t]+(?:[^|\u00b7\n\d]{1,40}[ \t]+[|\u00b7][ \t]+)?"
                         r"\d{1,6}[ \t]+[^\W\d_]")  # (a house number and its street)


def letterhead(text: str, hits: list[Hit]) -> None:
    """Add the body whose letterhead opens the note (`_LETTERHEAD`), in any case: a name of
    two words or more that ends in a kind ("... behavioral health", "... psychiatry group";
    not "Progress Note | 12/1", "Session 4 | 50 minutes")."""
    m = _LETTERHEAD.match(text)
    if m is None:
        return
    words = m.group(1).lower().replace(",", " ").split()
    if len(words) > 1 and (words[-1] in _PRACTICE_TAILS or words[-1] in KIND_WORDS):
        hits.append((m.start(1), m.end(1), Label.ORGANIZATION, CONTEXT))


def family_practices(text: str, hits: list[Hit]) -> None:
    """Add each family therapy practice a cased note names (`_FAMILY_PRACTICE`)."""
    for m in _FAMILY_PRACTICE.finditer(text):
        words = m.group(1).lower().split()[:-2]
        if not any(w in _METHODS or w in NOT_STREET_NAMES for w in words):
            hits.append((m.start(1), m.end(1), Label.ORGANIZATION, CONTEXT))


def address_blocks(text: str, lowered: str, found: list[tuple[int, int, Label]],
                   hits: list[Hit]) -> None:
    """Add to `hits` the practices before the towns found, and the agencies after counties."""
    for start, end, label in found:
        if label is Label.ORGANIZATION and lowered.find(" of ", start, end) >= 0:
            more = _AND_MORE.match(lowered, end)  # "department of children | and family services"
            if more is not None:
                hits.append((start, more.end(), Label.ORGANIZATION, CONTEXT))
        if label is not Label.LOCATION:
            continue
        if lowered.endswith(_COUNTIES, start, end):
            agency = _AGENCY_AFTER.match(lowered, end)
            if agency is not None:
                hits.append((start, agency.end(1), Label.ORGANIZATION, CONTEXT))
            continue
        street = lowered[start].isdigit() and lowered[start:end].isascii() and any(
            c.isalpha() for c in lowered[start:end])  # "..., 2210 lantern way"
        if not street and (text[end:end + 1] != "," or not lowered[start].isalpha() or (
                STATE_CLOSES.match(lowered, end) is None)):  # "Flint, MI", "pocatello, id 83201"
            continue
        clause = _CLAUSE_BEFORE.search(lowered, max(0, start - 80), start)
        if clause is None:
            continue
        opener = _SENTENCE_OPENER.match(lowered, clause.start(1))  # "i authorize | ..."
        begin = clause.start(1) if opener is None else opener.end()
        if _names_a_practice(lowered[begin:clause.end(1)].split()):
            hits.append((begin, clause.end(1), Label.ORGANIZATION, CONTEXT))


def practice_in_heading(lowered: str, hits: list[Hit]) -> None:
    """The practice a note names in its heading, in any case: "Couples Therapy Progress Note,
    Mid-City Family Therapy, Nov 20th", "psychotherapy progress note, session 7, 12/1, new leaf
    counseling.", "iop process group - harbor light recovery, 12/1" (a clause whose last word
    is a practice's kind, one of the first few after the title)."""
    title = _TITLE.match(lowered)
    if title is None:
        return
    lex = cue_finder().lex
    at = title.end()
    for _ in range(_HEADING_CLAUSES):
        end = _CLAUSE_END.search(lowered, at)
        if end is None or end.end() == at:
            return
        clause = lowered[at:end.start()].strip(" \t-\u2013\u2014")
        words = clause.split()
        if 2 <= len(words) <= 5 and words[-1] != "group" and _names_a_practice(words) and not any(
                w in HEADS for w in words[:-1]) and _says_which(words[:-1], lex):  # (not
            # "... hospital outpatient psychiatry": a department; not "dbt skills group")
            begin = lowered.index(clause, at)
            hits.append((begin, begin + len(clause), Label.ORGANIZATION, CONTEXT))
            return
        at = end.end()


def _says_which(words: list[str], lex: Lexicon) -> bool:
    """Whether the words before a practice's kind in a heading say which practice: a name, a
    place or a rare word, or two words that are no kind ("harbor light | recovery"), or one
    that is not an everyday word ("new leaf | counseling"; not "relapse prevention")."""
    if any("/" in w for w in words):
        return False  # "adolescent substance use/mental health": a list of kinds
    proper = [w for w in words if w not in KIND_WORDS and w not in _MODALITIES and w != "&"]
    return any(len(w) > 3 and (lex.is_name(w) or w in lex.cities or lex.freq(w) < RARE)
               for w in proper) or len(proper) > 1 or (
        len(proper) == 1 and len(proper[0]) > 3 and lex.freq(proper[0]) < EVERYDAY)


def _names_a_practice(words: list[str]) -> bool:
    """Whether a heading's clause names a practice: its last word a practice's kind, and a
    word before it that is neither a kind, a treatment, shorthand nor a sentence's word."""
    if len(words) < 2 or words[-1].rstrip(".") not in _PRACTICE_TAILS:
        return False
    finder = cue_finder()
    proper = [w for w in words[:-1] if w not in KIND_WORDS and w not in _MODALITIES
              and w != "&"]
    return bool(proper) and all(w not in NOT_STREET_NAMES and not finder.clinical(w)
                                for w in proper)
