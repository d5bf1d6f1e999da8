"""People named after a cue in a note without case (issue 13).

A role word (dr, np, rn, md, resident, covering, attending ...) or a relation word (wife, son,
sister ...) before a word that can be a name; a note's subject after "pt" or "client"; a
relative before a relation in brackets; a given name then a surname; and, once a name is found,
its other mentions.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import (
    CLINICAL_WORDS,
    CUE_WORDS,
    EVERYDAY,
    FOLLOWERS,
    FUNCTION_WORDS,
    GLUED,
    KIN,
    LETTERS,
    LOOSE,
    NEXT_WORD,
    PLAIN_FOLLOWERS,
    RARE,
    ROLES,
    TITLES,
    VERB_LIKE,
    VOWEL,
    WORD,
    word_before,
)
from closeddoor.deid.cues import PEOPLES, split_words
from closeddoor.deid.hits import CONTEXT, GUESS, Hit, occurrences
from closeddoor.deid.place_kinds import GENERIC, KIND_WORDS
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

_VERB_ROLES = frozenset({"attending", "covering"})  # "attending services at", "covering shifts"
# Words that follow a name in these notes: "np call notified", "daughter hope in to visit".
_AFTER_NAME = frozenset(split_words("""
aware notified paged called updated informed in at from here present drove supportive visited
visiting agrees agreed states stated said reports reported is was will can to and who
""" ))
# Words after a relative's name that no verb or other word after "son", "daughter" is
# followed by: "daughter hope lives in", "son will in laramie", "husband will is" (not "son
# will call").
_WHERE_AFTER_KIN = frozenset({"lives", "lived", "in", "moved", "stays", "stayed", "is", "was",
                              "has", "had"})
_KIN_NAME_THEN = frozenset(split_words("""
and who showed died passed plays played drives drove works worked helps helped brought came
comes visits lives stays called says said wants asked asks has had is was will can aware
"""))
# A verb in the past after a name ("Will reported", "Hope shared"); not "Will need".
_NAME_VERB_AFTER = re.compile(r"[ \t]+(?:[a-z]{2,}(?<!e)ed|said|told|drew|came|went|made|took|"
                              r"felt|left|spoke|wrote|brought)\b")
_SUBJECT_VERB_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,20}\)[ \t]*)?[ \t]+(?:reports|states|says|"
                                 r"denies|endorses|agrees|wants|is|was|has|had|slept|ate|woke|"
                                 r"sat|ran|got)\b")
_CLAUSE_END = re.compile(r"[ \t]*(?:[,;:()]|\.(?:\s|$)|$)")
# An age between commas or in brackets after a name: "sister hope, 97,", "son will (23)".
_AGE_BETWEEN_COMMAS = re.compile(r"[ \t]*(?:,[ \t]*|\([ \t]*)\d{1,3}[ \t]*(?:[,)]|y)")
# Roles that also stand in lists of services: "CPT with interpreter, community health worker".
_LISTED_ROLES = frozenset({"interpreter", "aide", "advocate"})
_STATE_CODES = frozenset({"pa", "md"})  # roles that are also states: "Erie, PA."
_STRONG_ROLES = frozenset({"dr", "doctor", "mr", "mrs"})  # almost always a surname follows
_PERSONAL_TITLES = frozenset({"mr", "mrs", "ms", "mx"})  # a surname follows, even "foley"
_BEFORE_INITIALS = ROLES | TITLES  # "dr. j. amaral", "fr. m. delacroix", "mhw d. fox"
# Verbs of work after a relative: not followers, since "works" also ends a business's name
# ("iron works gym").
_WORK_VERBS = frozenset({"works", "worked", "working"})
_HYPHENED_NAME = re.compile(r"[^\W\d_]{2,}-[^\W\d_]{2,}")
_SURNAME = re.compile(r"[ \t]+([a-z][a-z'\u2019-]+)(?![\w/&])")
# A surname after a given name, perhaps possessive: "pt denise cook's husband".
_INITIAL_THEN_NAME = re.compile(r"[ \t]+([a-z])\.[ \t]?([a-z]{3,})(?![\w'\u2019.-])")
_SURNAME_OR_POSSESSIVE = re.compile(r"[ \t]+([a-z]{2,})(?:['\u2019]s)?(?![\w'\u2019/&-])")
# What ends a list of who was called right after a surname: a time, a comma, a bracket.
_ROLL_END = re.compile(r"[ \t]*(?:\d|[,;)]|\.(?:\s|\Z)|\Z)")
# A surname shaped like one: "owusu-mensah", "o'halloran", "d'angelo-reyes".
# Fields whose value is one person's name (`find_person_fields`), and the value: one to five
# words from the colon to where a name ends.
PERSON_FIELDS = frozenset(split_words("""
client patient pt defendant child student resident youth minor respondent petitioner claimant
veteran employee consumer participant infant juvenile inmate caller name family clients
parents examinee witness id signature contact present
"""))
# "ID:" opens a psychiatric evaluation's identifying data ("ID: tolu bankole, 16 y/o") and an
# infectious-disease note ("ID: pseudomonas in sputum"): a name only with an age after it.
_AGE_AFTER = re.compile(r"[ \t]*,?[ \t]*\d{1,3}[ \t-]*(?:y/?o|yrs?|years?|[mf]\b)")
_VALUE = (r"((?:(?:[^\W\d_][\w'\u2019-]*|[^\W\d_]\.|[\"\u201c][^\W\d_][\w'\u2019-]*[\"\u201d])"
          r"[ \t]+){0,4}[^\W\d_][\w'\u2019-]*)"  # (a nickname in quotes: 'tolulope "tolu" bankole')
          r"(?=[ \t]*(?:[,;(\n]|\.(?:\s|$)|$"
          r"|[ \t](?:dob|age|mrn|d\.o\.b|and|cell|phone|ph|tel)\b))")
# Two syllables of two to five letters joined by a hyphen: "min-ho", "soon-ja", "xiao-ling".
# Relations in the plural, and the given names listed after one: "sons aimal and wisal".
_PLURAL_KIN = frozenset(split_words("""
sons daughters kids children grandchildren grandkids siblings brothers sisters twins cousins
grandsons granddaughters nieces nephews parents grandparents clients partners spouses
"""))  # (and the couple or the family seen together: "clients mendel and shterna gurary")
_KIN_LIST = re.compile(r"\b(?:" + "|".join(sorted(_PLURAL_KIN)) + r")[ \t]*:?[ \t]+"
                       r"([a-z][a-z'\u2019-]+(?:[ \t]*,[ \t]*[a-z][a-z'\u2019-]+){0,3},?[ \t]+"
                       r"(?:and|&)[ \t]+[a-z][a-z'\u2019-]+)(?![\w'\u2019-])")
_LIST_PARTS = re.compile(r"[ \t]*(?:,|\band\b|&)[ \t]*|[ \t]+")
_SYLLABLES = re.compile(r"(?<![\w'\u2019-])([a-z]{2,5})-([a-z]{2,5})(?![\w'\u2019-])")
_SURNAME_AND_COMMA = re.compile(r"(?<![\w'\u2019-])([a-z]{2,5}), $")
_FIELD_VALUE = re.compile(r"[ \t]*:[ \t]*" + _VALUE)
# Words for who a person is that open a field's value before the name ("present: parents
# nhia vue and lia khang", "present: ip chidera okafor (15)").
_WHO_PRESENT = frozenset(split_words("client pt patient ip parents parent youth child"))
_LIST_VALUE = re.compile(r"[ \t]*" + _VALUE)
_QUOTES = re.compile(r"[\"\u201c\u201d]")
# Another person in the same field: "Clients: Narek Avakian (38) and Talin Avakian (35)".
_NEXT_VALUE = re.compile(r"[ \t]*(?:\([^()\n]{1,20}\))?[ \t]*(?:and|&)[ \t]+" + _VALUE)
_PARTS = re.compile(r"['\u2019-]")  # "saint-fleur", "o'brien": each part a word
# Values of such a field that name no one: "Patient: male, 34".
_NOT_FIELD_NAMES = frozenset(split_words("""
male female man woman boy girl unknown none same self withheld redacted anonymous declined
pending deceased adult
"""))
# Little words inside a surname: "yunior alcántara de la rosa".
_PARTICLE_WORDS = frozenset(split_words("""
de da del della di du dos das van von der den le la bin al el
"""))
_SHAPED_SURNAME = re.compile(r"(?:[a-z]{1,2}['\u2019](?!s\b)[a-z]{3,}|[a-z]{2,}-[a-z]{2,})"
                             r"(?:-[a-z]{2,})?(?![\w'\u2019-])")
# What says the word after a role is a clinician's surname, however common a word: what was
# done after it ("pa gold consulted"), or a call before the role and a time after the word
# ("notified np gold 1725").
_CALLED_AFTER = frozenset(split_words("consulted paged notified aware called updated informed"))
_CALL_BEFORE = re.compile(r"\b(?:notified|paged|called|updated|informed|texted)[ \t]+$")
_TIME_AFTER = re.compile(r"[ \t]+(?:@[ \t]*)?\d{3,4}(?![\d/:.-])")
# Surnames of two letters, which the lists of surnames leave out and shorthand may spell ("ng"
# tube, "le" extremity): a name only after "dr" and before a name's end ("dr ng at ...").
_TWO_LETTER_SURNAMES = frozenset(split_words("ng ma wu xu hu lu li yu ho le vu ly ta ko yi im"))
# What follows a person's full name in these notes: a phone in brackets, "is hcp", "aware".
_NAME_ENDS = re.compile(r"[ \t]*(?:\(|,|#|(?:is|was|aware|called|can|at|notified|updated)\b)")
# ... and what else follows one of the two-letter surnames, which after a strong role is never
# shorthand: "intake w/ dr ng 12/10 0900", "f/u with dr ng."
_SHORT_SURNAME_ENDS = re.compile(r"[ \t]*(?:\d|[.;)]|$|(?:on|for|re|in|to|today|tomorrow)\b)")
# A second signer after a slash: "-dr s. goldfarb | /t. amankwah, np".
_COSIGNER_AFTER = re.compile(r"/[a-z]\.[ \t]?[a-z]")
# A person in a list with an age in brackets: ", IP Ploy (17)", "and Mehreen (6)", in a list
# that is one of people (not "Screens: GAD-7 (12), Insomnia (16)").
_PEOPLE_BEFORE = re.compile(r"(?i:\b(?:IP|client|patient|pt|present|kids|children|sons|daughters|"
                            r"siblings|mother|father|mom|dad|sister|brother|wife|husband|son|"
                            r"daughter|aunt|uncle|grandmother|grandfather|cousin|partner)\b)")
_NAME_WITH_AGE = re.compile(r"(?:[,;:]|\band|\bIP|\b[Cc]lient|\b[Pp]atient|\b[Pp]t)[ \t]+"
                            r"([A-Z][a-z]{2,})[ \t]+$")
_AGE_IN_BRACKETS = re.compile(r"\(\d{1,2}\)")
_VERB_AFTER_NAME = re.compile(r"[ \t]+(?:works|worked|said|says|called|lives|reports|drives|"
                              r"cleans|cooks|runs|visits|visited|came)\b")
# Two capitals before a verb of a person or a "+": "KD says", "KD + mom Tamara".
_PERSON_VERBS = frozenset(split_words("""
says said reports reported states stated brought came went wants wanted denies denied shuts
agreed shared admits admitted cried laughed
"""))
_SENTENCE_BEFORE = re.compile(r"[.;!?][ \t]+$")
_VERB_AFTER = re.compile(r"(?:,|[ \t]+(?:" + "|".join(sorted(_PERSON_VERBS | set(split_words("""
replied disclosed arrived spent shared described noted spoke asked drew attended completed is
was has had felt feels identified""")))) + r")\b)")
_INITIALS_BEFORE = re.compile(r"(?<![\w.'-])([A-Z]{2})[ \t]+$")
_NOT_INITIALS = frozenset(split_words("""
us uk tv aa na ok dj mc gp md do dv ba bs pe ot ld sa ip op ai ta ra hw cc rx tx dx hx sx fx px
ms hs ss sw cm ct mr gi iv er ed pt np rn pa ma cs ps ap ad
"""))  # shorthand in capitals: "DV screen", "BA reviewed", "HW given"


def _plus_signs(text: str) -> list[int]:
    """Where each " +" of a note is (a "+" between two people: "KD + mom")."""
    found, at = [], text.find(" +")
    while at >= 0:
        found.append(at)
        at = text.find(" +", at + 2)
    return found


def find_person_after(reader: WordReader, lowered: str, end: int, cue: str,
                      hits: list[Hit]) -> None:
    """A name after a role or relation word: "dr okafor", "covering np lee", "wife mary",
    "son (james)", "attending: dr. brown"."""
    lex = reader.lex
    cue_start = end - len(cue)
    strong = cue in _STRONG_ROLES
    i = end
    if cue in _STATE_CODES and lowered[max(0, end - 4):end - 2].rstrip(" \t").endswith(","):
        return  # "Erie, PA. Date of service": a state after its town, no role
    if cue in _LISTED_ROLES and lowered[end:end + 1] == ",":
        return
    for _ in range(3):  # "covering md", "attending dr.": roles in a row
        dotted = lowered[i:i + 1] == "." and (len(cue) <= 3 or cue == "atty")  # "dr.",
        # "atty.", not "doctor."
        # "mrs. green": a surname even if shorthand (only with the full stop: a word put
        # between "mrs" and a name must not become one)
        titled = dotted and (cue in _PERSONAL_TITLES or cue == "dr")
        if dotted:
            i += 1
        elif lowered.startswith("-in-law", i):  # "son-in-law": the words set splits it
            i += 7
        while i < len(lowered) and (lowered[i] in " \t:(,\u02bb\u2018" or (
                lowered[i] == "'" and lowered[i - 1:i] in (" ", "\t"))):  # "mother 'ana
            # finau": an okina before a Tongan or Hawaiian name
            i += 1
        m = WORD.match(lowered, i)
        if m is not None and m.end() - m.start() == 1 and (
                lowered.startswith(". ", m.end()) and cue in _BEFORE_INITIALS):
            found = len(hits)  # "dr. j. amaral": the surname after the initial, with it
            find_person_after(reader, lowered, m.end() + 1, cue, hits)
            if len(hits) > found and hits[-1][0] > m.start():
                hits[-1] = (m.start(), *hits[-1][1:])
            return
        if m is None or (GLUED.match(lowered, m.end())
                         and not _COSIGNER_AFTER.match(lowered, m.end())):
            return  # "aox3", "d5w", "d/c": shorthand, not a word (but "dr s. goldfarb/t.
            # amankwah": two signers)
        word = m.group().rstrip("'\u2019-")
        if word.endswith(("'s", "\u2019s")):
            word = word[:-2]
        if word in ROLES or word in TITLES or (word in KIN and cue in KIN):
            strong = strong or word in _STRONG_ROLES or word in TITLES  # "hcp: nephew walt"
            i = m.end()
            cue = word
            continue
        if word in PEOPLES and not (cue in KIN and _VERB_AFTER_NAME.match(lowered, m.end())):
            return  # "speaks pa dutch": a people or its language (not "french": a surname;
            # not "mother maya works at ...": a name before its verb)
        start, stop = m.start(), m.start() + len(word)
        if (lowered[start - 1:start] == "(" and lowered[stop:stop + 1] == ")"
                and word in lex.first_names and not reader.clinical(word)
                and cue in KIN):  # "his sister (hope) has not called"
            hits.append((start, stop, Label.NAME, CONTEXT))
            return
        after = NEXT_WORD.match(lowered, stop)
        if (cue in KIN and word in lex.first_names and word not in CLINICAL_WORDS
                and ((after is not None and after.group(1) in _WHERE_AFTER_KIN)
                     or _AGE_BETWEEN_COMMAS.match(lowered, stop))):
            hits.append((start, stop, Label.NAME, CONTEXT))  # "son will in laramie"
            return
        if cue in KIN and _kin_given_name(reader, word, lowered, stop, after):
            hits.append((start, stop, Label.NAME, CONTEXT))  # "uncle art showed up"
            return
        if not reader.name_like(word, strong, titled) and after is not None and (
                after.group(1) in _AFTER_NAME) and word not in FOLLOWERS and (
                word not in FUNCTION_WORDS and len(word) > 1 and cue not in _VERB_ROLES) and not (
                cue in KIN and (word in _WORK_VERBS or (
                    VERB_LIKE.search(word) and lex.freq(word) >= RARE))
                ):  # "uncle treated at", "mother works at"; but "md bowling at 7p"
            hits.append((start, stop, Label.NAME, CONTEXT))  # "resident chance paged"
            return
        if (cue not in KIN and word in lex.last_names and len(word) > 2
                and word not in FOLLOWERS and not reader.clinical(word)
                and _ROLL_END.match(lowered, stop)):  # "report called to rn little
            hits.append((start, stop, Label.NAME, CONTEXT))  # 1710", "cnm best, records"
            return
        if (cue not in KIN and len(word) > 2 and word.isalpha() and word not in FOLLOWERS
                and word not in FUNCTION_WORDS and not reader.clinical(word) and (
                    (after is not None and after.start() == stop
                     and after.group(1) in _CALLED_AFTER)
                    or (_TIME_AFTER.match(lowered, stop) and _CALL_BEFORE.search(
                        lowered, max(0, cue_start - 14), cue_start)))):
            hits.append((start, stop, Label.NAME, CONTEXT))  # "pa gold consulted",
            return  # "notified np gold 1725": what was done says a person, whatever the word
        if (strong and (word in _TWO_LETTER_SURNAMES or (
                word in lex.last_names and reader.clinical(word)))
                and (_NAME_ENDS.match(lowered, stop) or (
                    word in _TWO_LETTER_SURNAMES and _SHORT_SURNAME_ENDS.match(lowered, stop)))):
            hits.append((start, stop, Label.NAME, CONTEXT))  # "peds f/u dr ng at main street
            return  # pediatrics": a surname that is shorthand too, then where or how
        if not reader.name_like(word, strong, titled):
            surname = NEXT_WORD.match(lowered, stop)  # "wife hope abrams": a surname says so
            if not (word in lex.first_names
                    and word not in CLINICAL_WORDS  # a plain follower may be: "friend may nix"
                    and surname is not None and (
                        (surname.group(1) in lex.last_names
                         and lex.freq(surname.group(1)) < EVERYDAY)
                        or lex.freq(surname.group(1)) < RARE)  # "partner lanita nobles"
                    and surname.group(1) not in FOLLOWERS
                    and not reader.clinical(surname.group(1))):
                return
            hits.append((start, surname.end(1), Label.NAME, CONTEXT))
            return
        nxt = _SURNAME.match(lowered[stop:stop + 40])
        if nxt is not None:  # a surname after the given name: "wife mary santos"
            second = nxt.group(1)
            if second.endswith(("'s", "\u2019s")):
                second = second[:-2]
            freq = lex.freq(second)
            end = stop + nxt.start(1) + len(second)
            if second not in FOLLOWERS and not reader.clinical(second) and (
                    second not in GENERIC) and second not in FUNCTION_WORDS and (
                    second not in _WORK_VERBS) and second not in _AFTER_NAME and not (
                    reader.past_tense(second) and second not in lex.last_names) and (
                    (second in lex.last_names and (
                        freq < 200_000 or (cue not in KIN and not VERB_LIKE.search(second)
                                           and _ROLL_END.match(lowered, end) is not None))) or (
                        freq < LOOSE and not (
                            freq >= RARE and VERB_LIKE.search(second)))
                    or (lex.freq(word) < (EVERYDAY if word in lex.first_names else RARE)
                        and _NAME_ENDS.match(lowered, end) is not None)):
                stop = end  # "son kasha speed is hcp": an everyday surname, then "is"
            elif strong and reader.clinical(second) and second in lex.last_names and (
                    word in lex.first_names and word not in lex.last_names) and (
                    _NAME_ENDS.match(lowered, end)):
                stop = end  # "dr. harjit bal at sutter buttes pediatrics": shorthand, but a
                # surname between a doctor's given name and where they work
            elif second in lex.first_names and second not in PLAIN_FOLLOWERS:
                third = _SURNAME.match(lowered, end)  # "mother ella mae begay": a middle
                if third is not None and reader.uncommon_surname(third.group(1)):  # name that
                    stop = third.end(1)  # is shorthand too, then a surname
        hits.append((start, stop, Label.NAME, CONTEXT))
        return


def _kin_given_name(reader: WordReader, word: str, lowered: str, stop: int,
                    after: re.Match[str] | None) -> bool:
    """A given name that is also shorthand or an everyday word, right after a relation
    word, when a name's verb or the clause's end follows it (`_KIN_NAME_THEN`): "son will
    will be visiting", "granddaughter mae (sissy)"; "will" itself only before such a verb."""
    if not reader.everyday_given_name(word):
        return False
    if after is not None and after.start() == stop:
        return after.group(1) in _KIN_NAME_THEN
    return word != "will" and _CLAUSE_END.match(lowered, stop) is not None


def find_subject_given_name(reader: WordReader, lowered: str, end: int, hits: list[Hit]) -> None:
    """A given name that is also a word, after "pt", "client" or "officer", when a verb
    follows it: "pt rose slept poorly", "officer major (probation) wants"; not "pt rose
    from bed"."""
    lex = reader.lex
    initialled = _INITIAL_THEN_NAME.match(lowered, end)
    if initialled is not None and lex.freq(initialled.group(2)) < RARE and (
            not reader.clinical(initialled.group(2))):  # (a germ's species is shorthand)
        hits.append((initialled.start(1), initialled.end(2), Label.NAME, CONTEXT))  # "pt b.
        return  # munkhzul, 44 f": a patronymic's initial, then a rare given name
    m = NEXT_WORD.match(lowered, end)
    if m is None:
        return
    word = m.group(1)
    if word in FOLLOWERS or word in FUNCTION_WORDS:
        return
    stop = m.end(1)
    spaced = lowered[stop:stop + 1] == " "
    surname = _SHAPED_SURNAME.match(lowered, stop + 1) if spaced else None
    if surname is not None and (word in lex.first_names or lex.freq(word) < RARE) and (
            not reader.clinical(word)) and all(
            len(part) < 3 or ((lex.is_name(part) or lex.freq(part) < RARE)
                              and not reader.clinical(part))
            for part in LETTERS.findall(surname.group())):
        hits.append((m.start(1), surname.end(), Label.NAME, CONTEXT))  # "pt abena
        return  # owusu-mensah", "patient faith oyelowo-bennett"
    second = NEXT_WORD.match(lowered, stop)
    if second is not None and _AGE_AFTER.match(lowered, second.end(1)) and _given_and_surname(
            reader, word, second.group(1)):  # "pt khamphoui sisouphanthong, 71 f", "pt shmiel
        hits.append((m.start(1), second.end(1), Label.NAME, CONTEXT))  # stern 4 y/o m"
        return
    if reader.everyday_given_name(word) and (
            _NAME_VERB_AFTER.match(lowered, stop) or _SUBJECT_VERB_AFTER.match(lowered, stop)):
        hits.append((m.start(1), stop, Label.NAME, CONTEXT))


def _given_and_surname(reader: WordReader, given: str, surname: str) -> bool:
    """Whether two words before an age may be a given name and a surname: no shorthand nor
    little word, the first rare or a given name of the lists, the second rare, a surname of
    the lists, or (after a rare first) any word but an everyday one."""
    lex = reader.lex
    if any(reader.clinical(w) or w in FOLLOWERS or w in FUNCTION_WORDS for w in (given, surname)):
        return False
    rare_given = lex.freq(given) < RARE
    return (rare_given or given in lex.first_names) and (
        lex.freq(surname) < (EVERYDAY if rare_given else RARE) or surname in lex.last_names)


def find_name_before_relation(reader: WordReader, lowered: str, bracket: int,
                              hits: list[Hit]) -> None:
    """One or two words before a relation in brackets: "hope (ex-partner)", "grace heath
    (sister)". The word next to the bracket must be a given name or a rare word (a surname
    after a given name), none a function word, a follower or a cue word."""
    found = word_before(lowered, bracket, 30)
    if found is None or not reader.kin_name(found[1]):
        return
    begin = found[0]
    if found[1] not in reader.lex.first_names:  # a surname: its given name comes first
        given = word_before(lowered, begin, 30)
        if given is None or given[1] not in reader.lex.first_names or not reader.kin_name(
                given[1]):
            return
        begin = given[0]
    if begin and lowered[begin - 1] not in " \t\n(\"":
        return
    hits.append((begin, len(lowered[:bracket].rstrip(" \t")), Label.NAME, CONTEXT))


def find_person_fields(reader: WordReader, lowered: str, words: set[str],
                       hits: list[Hit]) -> None:
    """The value of a field that names one person: "Client: Widelene Saint-Fleur (...)",
    "DEFENDANT: YUNIOR ALCÁNTARA DE LA ROSA, 31", "Child: Paw Htoo Say (family calls her
    ...)". The label says a person follows, so everyday words count ("Paw", "Say"); the value
    must end where a name ends (a comma, a bracket, a full stop, "dob", an age) and hold a
    name or a rare word, and none of its words may be shorthand, a follower or a cue ("Client:
    seen today", "Patient: male, 34")."""
    if ":" not in lowered or PERSON_FIELDS.isdisjoint(words):
        return
    colon = lowered.find(":")
    while colon >= 0:  # (few in a note: read the word before each)
        end = colon
        while end and lowered[end - 1] in " \t":
            end -= 1
        start = end
        while start and lowered[start - 1].isalpha():
            start -= 1
        colon = lowered.find(":", colon + 1)
        if lowered[start:end] not in PERSON_FIELDS:
            continue
        value = _FIELD_VALUE.match(lowered, end)
        if value is not None and lowered[start:end] == "id" and not _AGE_AFTER.match(
                lowered, value.end()):
            continue
        if value is not None and " " in value.group(1):
            lead = value.group(1).split(maxsplit=1)[0]  # "present: client | daphné lafortune"
            if lead in _WHO_PRESENT:
                value = _LIST_VALUE.match(lowered, value.start(1) + len(lead))
        for _ in range(3):  # the person, and up to two more: "clients: ... and ..."
            if value is None or not _names_one(reader, _QUOTES.sub("", value.group(1)).split()):
                break
            hits.append((value.start(1), value.end(1), Label.NAME, CONTEXT))
            value = _NEXT_VALUE.match(lowered, value.end())


def _names_one(reader: WordReader, named: list[str]) -> bool:
    """Whether a field's value names a person (see `find_person_fields`)."""
    lex = reader.lex
    parts = [p for w in named if w not in _PARTICLE_WORDS and not w.endswith(".")  # ("j.")
             for p in _PARTS.split(w) if p]
    if not parts or not _NOT_FIELD_NAMES.isdisjoint(parts):
        return False
    # A given name that is also a word after names may open the value before a rare surname:
    # "examinee: said malsagov" (not "client: said nothing").
    verb_first = (len(parts) > 1 and parts[0] in FOLLOWERS and parts[0] in lex.first_names
                  and lex.freq(parts[-1]) < RARE)
    if not all(reader.plain_word(p) or p == "saint" or (i == 0 and verb_first)  # "saint-fleur"
               for i, p in enumerate(parts)):
        return False
    return any(lex.freq(p) < RARE for p in parts) or (  # one word: a name no everyday word
        any(lex.is_name(p) for p in parts) and (len(named) > 1 or lex.freq(parts[0]) < EVERYDAY))


def find_full_names(reader: WordReader, lowered: str, words: set[str], hits: list[Hit]) -> None:
    """A given name and then a surname, for a note without case: "hope heath", "holly
    brown", "douglas bedor". Both must be in the name lists (the surname may be rare
    instead), neither a function word nor shorthand (adding shorthand to a note must not
    add a tag), and not both everyday words."""
    lex = reader.lex
    firsts = {w for w in words if w in lex.first_names and len(w) > 1
              and w not in FOLLOWERS and w not in FUNCTION_WORDS and w not in CUE_WORDS}
    for start, end, first in occurrences(lowered, firsts):
        nxt = _SURNAME_OR_POSSESSIVE.match(lowered, end)
        if nxt is None:
            continue
        last = nxt.group(1)
        if (last in FOLLOWERS or last in FUNCTION_WORDS or last in CUE_WORDS
                or reader.clinical(last)):  # "holly brown" is lost: "brown" is shorthand
            third = NEXT_WORD.match(lowered, nxt.end(1)) if (
                last in lex.first_names and reader.clinical(last)
                and last not in PLAIN_FOLLOWERS and last not in CUE_WORDS) else None
            if third is not None and reader.plain_word(third.group(1)) and (
                    lex.freq(third.group(1)) < RARE or (third.group(1) in lex.last_names
                                                        and lex.freq(third.group(1)) < EVERYDAY)):
                hits.append((start, third.end(1), Label.NAME, CONTEXT))  # "dorothy mae
            continue  # slone": a middle name that is shorthand, between two names
        if (last in lex.last_names or (  # "james grillo": a rare word after a given name
                lex.freq(last) < RARE and (first in lex.core_first_names
                                           or lex.freq(first) < RARE))) and not (
                lex.freq(first) >= EVERYDAY and lex.freq(last) >= EVERYDAY):
            hits.append((start, nxt.end(1), Label.NAME, CONTEXT))


def find_listed_kin(reader: WordReader, lowered: str, words: set[str], hits: list[Hit]) -> None:
    """Given names listed after a plural relation word, for a note without case: "sons aimal
    and wisal", "daughters: hira, sana and zoya". Every name listed must be a given name of
    the lists or a rare word (not "kids were and", "brothers mom and dad")."""
    if _PLURAL_KIN.isdisjoint(words) or "and" not in words:
        return
    lex = reader.lex
    for m in _KIN_LIST.finditer(lowered):
        names = [n for n in _LIST_PARTS.split(m.group(1)) if n]
        if all(n not in FUNCTION_WORDS and n not in FOLLOWERS and n not in CUE_WORDS
               and n not in KIN and n not in PEOPLES and not reader.clinical(n)
               and reader.plain_word(n)
               and ((n in lex.first_names and lex.freq(n) < EVERYDAY) or lex.freq(n) < RARE)
               for n in names):
            for part in re.finditer(r"[a-z][a-z'\u2019-]+", m.group(1)):
                if part.group() not in ("and",):
                    hits.append((m.start(1) + part.start(), m.start(1) + part.end(),
                                 Label.NAME, CONTEXT))


def find_hyphenated_given_names(reader: WordReader, lowered: str, hits: list[Hit]) -> None:
    """Korean and Chinese given names of two short syllables joined by a hyphen, for a note
    without case: after a surname of the lists or a relation word, or before a surname
    ("parents park min-ho and lee soon-ja", "wife min-ah", "ji-hoon kim"). The syllables are
    often English words ("soon", "min"), so only the shape and a neighbour say a name."""
    lex = reader.lex
    for m in _hyphened_syllables(lowered):
        token, first, second = m.group(), m.group(1), m.group(2)
        if (token in lex.vocabulary or reader.clinical(token) or first in FUNCTION_WORDS
                or second in FUNCTION_WORDS or first in CUE_WORDS or second in CUE_WORDS
                or not (VOWEL.search(first) and VOWEL.search(second))
                or (lex.freq(first) >= EVERYDAY and lex.freq(second) >= EVERYDAY)):
            continue  # "x-ray", "ex-wife", "tf-cbt", "move-out": no syllables of a name
        inverted = (_SURNAME_AND_COMMA.search(lowered, max(0, m.start() - 16), m.start())
                    if lowered.endswith(", ", 0, m.start()) else None)  # "choi, min-jun"
        before = (word_before(lowered, m.start(), 16) if inverted is None
                  else (inverted.start(1), inverted.group(1)))
        after = NEXT_WORD.match(lowered, m.end())
        if before is not None and _east_asian_surname(reader, before[1]):
            hits.append((before[0], m.end(), Label.NAME, CONTEXT))  # "lee soon-ja"
        elif after is not None and _east_asian_surname(reader, after.group(1)):
            hits.append((m.start(), after.end(1), Label.NAME, CONTEXT))  # "ji-hoon kim"
        elif before is not None and before[1] in KIN:
            hits.append((m.start(), m.end(), Label.NAME, CONTEXT))  # "wife min-ah"


def _hyphened_syllables(lowered: str) -> list[re.Match[str]]:
    """`_SYLLABLES` read from each hyphen (a scan of the whole note tries every letter)."""
    found = []
    hyphen = lowered.find("-")
    while hyphen >= 0:
        m = _SYLLABLES.search(lowered, max(0, hyphen - 5), hyphen + 7)
        if m is not None and m.end(1) == hyphen:
            found.append(m)
        hyphen = lowered.find("-", hyphen + 1)
    return found


def _east_asian_surname(reader: WordReader, word: str) -> bool:
    """A short surname of the lists that is no little word or shorthand: "park", "lee"."""
    return (len(word) <= 5 and word in reader.lex.last_names and word not in FUNCTION_WORDS
            and word not in FOLLOWERS and word not in CUE_WORDS and not reader.clinical(word))


def find_repeated_names(reader: WordReader, lowered: str, hits: list[Hit]) -> None:
    """Every other mention of a name a cue found, for a note without case, and of each word
    of a longer one: "wife kasia called ... kasia brought lunch", "husband travis dupree ...
    travis to bring son". Only a word no more common than `EVERYDAY`: after "wife hope
    called", "we hope to" stays a verb."""
    lex = reader.lex
    named = {lowered[start:end] for start, end, label, rank in hits
             if label is Label.NAME and rank == CONTEXT}
    named |= {name for name in (lowered[start:end] for start, end, label, rank in hits
                                if label is Label.NAME and rank == GUESS)
              if " " in name and name.split(maxsplit=1)[0] in lex.core_first_names}  # a full
    # name read by its words alone: "client kevin hernández blanco ... kevin cut back"
    parts = {w for name in named if " " in name for w in name.split()
             if (lex.is_name(w) or lex.freq(w) < RARE) and w not in PEOPLES}  # not "chaldean"
    names = {w for w in named | parts
             if len(w) > 2 and reader.plain_word(w) and lex.freq(w) < EVERYDAY}
    if names:
        hits.extend((start, end, Label.NAME, CONTEXT)
                    for start, end, _ in occurrences(lowered, names))
    # A name that is an everyday word ("hope", "grace", "will"), only where a sentence begins
    # with it and a person's verb follows: "... hope kowa ... hope disclosed", "grace replied".
    common = {w for w in named | parts if len(w) > 2 and lex.freq(w) >= EVERYDAY
              and lex.is_name(w) and w not in FUNCTION_WORDS}
    for start, end, _ in occurrences(lowered, common) if common else ():
        if (start == 0 or _SENTENCE_BEFORE.search(lowered, max(0, start - 3), start)) and (
                _VERB_AFTER.match(lowered, end)):
            hits.append((start, end, Label.NAME, CONTEXT))


def find_names_with_ages(reader: WordReader, text: str, hits: list[Hit]) -> None:
    """A capitalised word in a list of people with an age in brackets after it, in a cased
    note: "mother Malee Wongsuwan, IP Ploy (17)", "Kids: Ayaan (10) and Mehreen (6)" (the
    word may be an everyday one; not shorthand nor a kind of place)."""
    for age in _AGE_IN_BRACKETS.finditer(text):  # read back from the age: the cheap anchor
        m = _NAME_WITH_AGE.search(text, max(0, age.start() - 40), age.start())
        if m is None:
            continue
        word = m.group(1).lower()
        people = _PEOPLE_BEFORE.search(text, max(0, m.start() - 60), m.start(1))
        if people is not None and reader.plain_word(word) and word not in KIND_WORDS:
            hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))


def find_initials_as_names(reader: WordReader, text: str, lowered: str, words: set[str],
                           hits: list[Hit]) -> None:
    """A client called by two capital initials in a cased note, read where a verb of a person
    follows ("KD says", "KD + mom"), then found wherever the note writes them again. Not
    shorthand, a role or a state's code ("PT says", "MA reports")."""
    seen: set[str] = set()
    starts = [start for start, _, _ in occurrences(lowered, _PERSON_VERBS.intersection(
        words))] + [i + 1 for i in _plus_signs(text)]
    for start in starts:  # read back from the verb or the "+": the cheap anchor
        m = _INITIALS_BEFORE.search(text, max(0, start - 6), start)
        if m is None:
            continue
        letters = m.group(1)
        low = letters.lower()
        if letters in seen or reader.clinical(low) or low in ROLES or low in TITLES or (
                low in KIN or low in FOLLOWERS or letters in reader.lex.state_abbreviations
                or low in _NOT_INITIALS):
            continue
        seen.add(letters)
        hits.extend((w.start(), w.end(), Label.NAME, CONTEXT)
                    for w in re.finditer(rf"(?<![\w.'-]){letters}(?![\w'-])", text))


def find_names_again(reader: WordReader, text: str, lowered: str, hits: list[Hit]) -> None:
    """Every other capitalised mention of a word of a name found in a cased note: "Re:
    Jordan Pierce ... Jordan has attended" (a country alone, "Jordan" is read as one).
    Only words no more common than `EVERYDAY`, so "Will" opening a sentence stays a verb
    after "son Will Ortiz"."""
    lex = reader.lex
    names: set[str] = set()
    everyday: set[str] = set()  # "Will", "Hope": again only before a name's verb
    typed: set[str] = set()  # again even in small letters: "Kostas ... kostas has been"
    for start, end, label, _ in hits:
        if label is Label.NAME:
            for w in LETTERS.findall(lowered, start, end):
                if len(w) > 2 and reader.plain_word(w) and lex.freq(w) < EVERYDAY:
                    names.add(w)
                    if lex.freq(w) < RARE and (lex.is_name(w) or lex.freq(w) == 0):
                        typed.add(w)
                elif len(w) > 2 and w in lex.first_names and not reader.clinical(w):
                    everyday.add(w)
            if "-" in lowered[start:end]:
                typed.update(_HYPHENED_NAME.findall(lowered, start, end))  # "min-jun"
    if names or typed:
        hits.extend((start, end, Label.NAME, CONTEXT)
                    for start, end, word in occurrences(lowered, names | typed)
                    if text[start].isupper() or word in typed)
    if everyday:
        hits.extend((start, end, Label.NAME, CONTEXT)
                    for start, end, _ in occurrences(lowered, everyday)
                    if text[start].isupper() and _NAME_VERB_AFTER.match(lowered, end))
