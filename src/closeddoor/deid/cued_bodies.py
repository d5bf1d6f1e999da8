"""A body named by everyday words alone, between a cue and the kind that closes its name, in a
note without case (issue 13): "aide with | garden state home care |,", "seen at | rural health
psychiatric associates |,". The finders read a name back from its kind and stop at an everyday
word; here the cue before it and the clause's end after it say where the name begins and ends.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import FUNCTION_WORDS, KIN
from closeddoor.deid.cues import split_words
from closeddoor.deid.dates import MONTHS, WEEKDAYS
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.place_kinds import (
    CHURCH_BODIES,
    DENOMINATION_WORDS,
    GENERIC,
    KIND_WORDS,
    SPECIALTIES,
    WHICH,
)
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

# The kinds that close such a name.
_CLOSERS = (*split_words("""
partners associates helpers services clinic pharmacy florist cafe recovery ranch house lodge
school academy church center centre hospital program counseling distribution logistics club court
market bakery restaurant kitchen grill diner salon studio farm farms shelter mission temple mosque
ministries fellowship company foundation institute college library gym fitness pantry store shop
motel inn hotel tech mandal hospice detox campus residential endocrine museum iop php elementary
high foods alliance nails spa barbershop braiding elevator co-op supply
"""), *sorted(SPECIALTIES), "home care", "home health", "primary care", "integrated care",
             "hair braiding")
# The name: up to three words and its kind, read back from each closing word found, in a
# window before it.
_BODY = (r"[ \t]+((?:[a-z][a-z'\u2019-]*[ \t]+){1,3}"
         + r"(?:(?:" + "|".join(sorted(DENOMINATION_WORDS)) + r")[ \t]+){0,2}(?:"  # ("shining
         # road | full gospel | church")
         + "|".join(k.replace(" ", r"[ \t]+") for k in _CLOSERS) + r"))$")
_CUED_BODY = re.compile(
    r"(?:\b(?:at|with|w/|via|through|thru|attend|attends|attended|attending|employer|from|"
    r"graduated|authorize|for|completed)"
    r"|\b(?:belongs|playing|plays|member|members|elder|hearing|petition)[ \t]+(?:to|for|of|at|in)"
    r"|\b(?:referral|referred|refer|transfer|transferred|admitted|admit|discharged|sent)[ \t]+to"
    r"|\b(?:employed|referred|run|seen|followed|evaluated|translation|translated|interpreted)"
    r"[ \t]+by"
    r"|\b(?:to|location|agency|facility|from|program|clinic|prior|follow-up|"
    r"reviewed|church)[ \t]*:"
    r"|\b(?:intake|evaluation|history|consultation|summary|note)[ \t]*[,:\u2014\u2013-])" + _BODY)
# Cues and little words that stand before a body's name, never inside it.
_CUES_INSIDE = frozenset(split_words("""
via through thru at with w/ from for since vs versus to attend attends attended attending never
graduated completed
"""))
# Who works there or leads it, before: "rev. samuel hwang of | open gate korean church",
# "dr. thomas rabideaux, | lakehead geriatric associates" (the name is a hit so far).
_AFTER_A_NAME = re.compile(r"(?:[ \t]+of|,)" + _BODY)
# The church a congregation belongs to, after its kind: "attends friendship church | of the
# brethren".
_CHURCH_OF = re.compile(rf"[ \t]+of[ \t]+(?:{CHURCH_BODIES})(?![\w'\u2019-])")
_CLAUSE_GOES_ON = re.compile(r"[ \t]*(?:[,;:)]|\.(?:\s|$)|$)|[ \t]+(?:in|on|at|for|and|since|"
                             r"until|from|to|with|x\d*|\d)\b")  # ("detox x3")
# Words that say what kind of partners, counseling or school, not whose ("met with | business
# partners", "with | lethal-means counseling", "attended | boarding school"), or when ("at
# sunday dinner after | services").
_NOT_NAMES = frozenset(split_words("""
business sexual romantic multiple former new life domestic dance tennis sales work school
research sparring training study writing accountability after before during boarding homework
employer job lethal means grief couples marriage marital career debt financial pastoral genetic
nutrition nutritional vocational peer bereavement addiction credit lactation premarital crisis
diabetes weight smoking tobacco parenting anger partial intensive inpatient outpatient evening
graduate supported assisted independent sliding both per attends attending left who which whose
runs suggested recommended developmental individual
""")) | frozenset(WEEKDAYS) | frozenset(MONTHS) | KIN


_PARTS = re.compile(r"[-'\u2019]")  # "ko'olau", "mid-south": each part is checked
_OWNER = re.compile(r"(?:['\u2019]s|s['\u2019])$")
_PLACES_OF_ONES_OWN = frozenset(split_words("house farm farms store shop camp"))


_CLOSING_WORDS = frozenset(closer.split()[-1] for closer in _CLOSERS)
_WINDOW = 90  # characters before a closing word: a cue, three words and a two-word kind


def find_cued_bodies(reader: WordReader, lowered: str, words: set[str], hits: list[Hit]) -> None:
    """Add each body named by plain words between a cue and its kind (a note without case):
    one word at least is no kind word ("garden state | home care"), and none is a function
    word, a clinical word or a word that says which ("at her associates", "prior partners")."""
    closing = _CLOSING_WORDS.intersection(words)
    name_ends = {end for _, end, label, _ in hits if label is Label.NAME}
    for _, end, closer in occurrences(lowered, closing) if closing else ():
        body = _CHURCH_OF.match(lowered, end) if closer == "church" else None
        stop = end if body is None else body.end()
        if not _CLAUSE_GOES_ON.match(lowered, stop):
            continue
        window = max(0, end - _WINDOW)
        m = _CUED_BODY.search(lowered[window:end])
        while m is not None and not _CUES_INSIDE.isdisjoint(m.group(1).split()):
            m = _CUED_BODY.search(lowered[window:end], m.start(1))  # the last cue: "hh pt
            # via | plains home health"
        if m is None and name_ends:
            m = _AFTER_A_NAME.search(lowered[window:end])
            if m is not None and (window + m.start() not in name_ends
                                  or not _CUES_INSIDE.isdisjoint(m.group(1).split())):
                m = None
        if m is None or (m.start() == 0 and window and lowered[window - 1].isalnum()):
            continue  # (a cue cut from a longer word at the window's edge: "comb|at")
        name = m.group(1).split()
        own = name[:-2] if name[-2] == "home" else name[:-1]
        while len(own) > 1 and (reader.clinical(own[-1]) or own[-1] in KIND_WORDS):
            own = own[:-1]  # what the body treats, before its kind: "pacific haven | trauma
            # center" (the words before it say which)
        parts = [part for w in own for part in _PARTS.split(_OWNER.sub("", w)) if len(part) > 2]
        if any(w in FUNCTION_WORDS for w in own) or any(
                w in FUNCTION_WORDS or w in WHICH or w in GENERIC or w in _NOT_NAMES
                or reader.clinical(w) for w in parts):
            continue  # (nor "at school-based clinic", "at brother-in-law's store")
        if all(w in KIND_WORDS for w in parts) or (
                name[-1] in _PLACES_OF_ONES_OWN and any(_OWNER.search(w) for w in own)):
            continue  # "with | mental health associates": what kind, not which; "at | rafe's
            # mother's house": whose
        hits.append((window + m.start(1), stop, Label.ORGANIZATION, CONTEXT))
