"""Workplaces and businesses named by what is said about them: work, owning, being sent (issue 13).

A workplace's name is often everyday words that no list knows ("northern tier sugar", "good
hands home health"); the words before it say one follows: a verb of work and "at" or "for"
("works nights at", "aide for"), a job and "with" ("lost job with"), whose business it is ("his
store", "co-owner of"), being sent ("referral to"). `facilities.find_named_after_cue` reads
these cues before a type word; `find_employers_after_work` takes the words after "works ... at"
whatever they are, when the clause ends after them.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import KIN, ROLES, word_before
from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.place_kinds import GENERIC, KIND_WORDS
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

# A job said before "at", perhaps with a few words and a number between: "worked 14 yrs at".
WORK_BEFORE = re.compile(r"\b(?:works?|worked|working|job|employed|cashier|clerk|shifts?|"
                         r"part-time|full-time|machinist|welder|cook|mechanic|supervisor)\b:?"
                         r"(?:[ \t]+[a-z0-9/-]+){0,3}[ \t]+$")
# The words `WORK_BEFORE` opens with: a note without one names no workplace by its trade.
WORK_WORDS = frozenset(split_words("""
work works worked working job employed cashier clerk shift shifts part-time full-time machinist
welder cook mechanic supervisor
"""))
# Verbs of owning a business right before its name, and owners before "of" and its name.
OWNER_CUES = frozenset(split_words("owns owned co-owns runs ran manages managed"))
OWNERS = frozenset(split_words("owner co-owner owners manager"))
# Kinds of business whose name may follow them after whose they are: "dad's barbershop |
# Golden Scissors", "at his store | big bear market".
OWNED_KINDS = frozenset(split_words("""
store shop restaurant barbershop salon bakery business company diner cafe deli market
"""))
WHOSE_BEFORE = re.compile(r"\b(?:his|her|their|family|[a-z]+'s)[ \t]+$")
# A note with none of these words names no workplace by its trade or its kind of shop.
WORK_OR_OWNING = WORK_WORDS | OWNER_CUES | OWNERS | OWNED_KINDS
# Words of a job before "with" and an employer: "lost job with high country landscaping".
JOB_BEFORE_WITH = frozenset(split_words("job jobs works worked working employed employment"))
# Words before "to" that send someone to an organisation: "referral to | north loop anxiety
# center", "transferred to ...".
SENT_BEFORE_TO = frozenset(split_words("""
referral referrals referred refer transferred transfer admitted discharged
"""))
# Kinds of business a name may be set beside after a comma: "his store, sunrise bakery".
_APPOSITION_KINDS = OWNED_KINDS | frozenset(split_words("""
employer church clinic practice agency firm
"""))
_KIND_AND_COMMA = re.compile(r"([a-z]+),[ \t]*$")
# Verbs of work and jobs before "for", "from" or "by" and an employer: "retired from blue
# diamond coal", "aide for good hands home health".
_WORK_VERBS = frozenset(split_words("""
works worked working work retired employed hired laid fired quit contracts contracted drives
drove hha cna pca lpn aide driver cook cashier caregiver housekeeper nanny janitor mechanic
cleaning cleans hauler operator loader picker packer welder machinist laborer server waitress
bartender dishwasher stocker
"""))
# When one works, between the verb and its employer: "works nights | for ...".
_WORK_TIMES = frozenset(split_words("""
days nights weekends evenings mornings overtime doubles shifts full-time part-time houses
delivery deliveries
"""))
# One to three words after "works ... at", up to the end of a clause: an employer's name
# ("&" may join two of them: "salt & cedar coffee").
_EMPLOYER_AFTER = re.compile(r"[ \t]+([a-z][a-z'\u2019&-]*"
                             r"(?:[ \t]+(?:&[ \t]+)?[a-z][a-z'\u2019&-]*){0,2}?)"
                             r"(?=[ \t]*(?:[,;:()\n]|\.(?:\s|$)|$|[ \t](?:in|on|for|since|until|"
                             r"as|where|and|from|x|last|this|before|after|yesterday|today|\d)\b))")
# Words after "works at" that name no employer: "works at home", "at night", "at times".
_NOT_EMPLOYERS = frozenset(split_words("""
home night nights times least all first last once school church work camp
"""))


def find_employers_after_work(reader: WordReader, lowered: str, words: set[str],
                              hits: list[Hit]) -> None:
    """An employer named right after "works ... at", for a note without case, whatever its
    words: "works nights at northern tier sugar;", "14 yrs at vireo analytics in ...". One to
    three words that may stand in a name, one at least no kind of place, then the clause ends
    (not "works at home", "works at the hospital", "works at night")."""
    if WORK_WORDS.isdisjoint(words) or "at" not in words:
        return
    for start, end, _ in occurrences(lowered, ("at",)):
        if WORK_BEFORE.search(lowered, max(0, start - 30), start) is None:
            continue
        names = _EMPLOYER_AFTER.match(lowered, end)
        if names is None:
            continue
        named = [w for w in names.group(1).split() if w != "&"]
        if all(reader.plain_word(w) and w not in KIN and w not in ROLES
               and w not in _NOT_EMPLOYERS for w in named) and not all(
                w in KIND_WORDS or w in GENERIC for w in named):
            hits.append((names.start(1), names.end(1), Label.ORGANIZATION, CONTEXT))


def kind_before_comma(lowered: str, begin: int) -> bool:
    """Whether a kind of business and a comma come right before `begin`, the name set beside
    it: "after closing his store, | sunrise bakery", "her aunt's salon, | crown & glory"."""
    kind = _KIND_AND_COMMA.search(lowered, max(0, begin - 24), begin)
    return kind is not None and kind.group(1) in _APPOSITION_KINDS


def after_work_verb(lowered: str, at: int) -> bool:
    """Whether a verb of work comes right before `at` ("retired | from", "works | for"), or
    before a word of when ("works nights | for")."""
    before = word_before(lowered, at, 16)
    if before is not None and before[1] in _WORK_TIMES:
        at = before[0]
    return after_word_in(lowered, at, _WORK_VERBS)


def after_word_in(lowered: str, at: int, kinds: frozenset[str]) -> bool:
    """Whether one of `kinds` is the word right before `at`."""
    before = word_before(lowered, at, 16)
    return before is not None and before[1] in kinds
