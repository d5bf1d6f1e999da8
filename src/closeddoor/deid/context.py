"""Reading the words around a capitalised word: does it open a sentence, what cue comes before
it ("her sister", "works at", "Dr.", "Employer:"), and does what follows read as a verb?

Reads backwards over a short slice, so each question costs one anchored match, not a search.
"""

from __future__ import annotations

import re

from closeddoor.deid import cues

_PLAIN_STOPS = frozenset("!?\n;\"\u201c|•*\u2013\u2014>[")
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b(?!['\u2019-])")
_ABBREVIATIONS = cues.TITLES | {"st", "mt", "ft"}  # a full stop after these ends no sentence
_BACKWARDS = re.compile(  # the text before a word, reversed: "her sister " -> " retsis reh"
    # ("w/" opens no sentence: "w/ Amal Osman"; but "Child/Adolescent Intake")
    r"[ \t]*(?:\.(?P<abbr>[A-Za-z]{1,4})(?![A-Za-z])|:[ \t]*(?P<label>[A-Za-z]+)"
    r"|[.!?\n:;\"\u201c|•*\u2013\u2014>\[]|\Z|-+[ \t]*(?:\n|\Z)"  # "- Will call": a bullet
    r"|(?:/(?=[wW](?![A-Za-z])))?[,(\"\u201c'\u2019]*[ \t]*(?P<w1>[A-Za-z'\u2019-]+)"
    r"(?:[ \t,(\"\u201c']+(?P<w2>[A-Za-z'\u2019-]+))?)")


def lower_case_name_use(text: str, start: int) -> bool:
    """Whether a lower-case word that is also a name reads as the name here: not after "a",
    "she", "expressed" ... ("a frank talk", "she may call", "expressed hope")."""
    initial, w1, _ = context(text, start)
    return initial or (w1 not in cues.EVERYDAY_BEFORE and not w1.isdigit())


def reads_as_word(text: str, end: int) -> bool:
    """Whether a sentence-opening word that is also a name ("Frank", "Sandy", "Pat") reads as
    the word: a lower-case word follows that is no verb and nothing a subject is followed by
    ("Frank psychosis", "Sandy soil", not "Frank said", "Sandy will call", "Pat wants")."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False  # "Frank,", "Frank's", "Frank Li", end of text: a person
    word = m.group(1)
    if word == "and":  # "Ivy and moss": a thing beside a thing; not "Frank and his wife"
        after = _NEXT_WORD.match(text, m.end())
        return after is not None and not (
            after.group(1) in cues.RELATIONS or after.group(1) in cues.EVERYDAY_BEFORE
            or after.group(1) in cues.SUBJECT_WORDS)
    verb_like = word.endswith("ed") or (word.endswith("s") and not word.endswith(
        ("ss", "is", "us")))  # "Frank feels", "Sandy texted"; not "Frank psychosis"
    if verb_like and not word.endswith("ed"):  # a plural noun, not a verb: "Misty eyes and",
        after = _NEXT_WORD.match(text, m.end())  # "Cliff edges are"; not "Frank feels sad"
        verb_like = after is None or after.group(1) not in _AFTER_PLURAL
    return not (verb_like or word in cues.SUBJECT_WORDS or cues.PERSON_AFTER.match(text, end))


# After a plural noun that opens a sentence, what shows it is the subject's noun: a conjunction,
# "of", or a verb in the plural ("Dusty boxes of papers", "Sunny days are rare").
_AFTER_PLURAL = frozenset(cues.split_words("""
and or of are were have remain remained seem seemed do did make made"""))


# Words after which a capital letter and a full stop end a sentence, not an initial: "hep C.",
# "vitamin D.", "cluster B.", "plan B.", "part D.", "a B."
_LETTER_NAMERS = frozenset(cues.split_words("""
vitamin vit hep hepatitis type grade plan part cluster group class stage phase level option step
schedule unit pod wing room bed tab exhibit appendix section axis form zone tier a an the
"""))
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w'\u2019.-])([a-z]+)[ \t]+$")
# ... or after a title or a credential, written in any case ("LISW T. | Brannigan", "Dr. R. |
# Osei"; not "do", "pa", "cm": words and a state too).
_TITLE_BEFORE = re.compile(r"(?<![\w'\u2019.-])([A-Za-z]{2,5})\.?,?[ \t]+$")
_CREDENTIALS = frozenset(cues.split_words("""
lisw lcsw licsw lmsw msw lpc lpcc lcpc lmft lmhc psyd phd rn lpn np aprn md cna
"""))


def _initial_before(text: str, start: int, reversed_letters: str) -> bool:
    """Whether the one capital letter and full stop before `start` are an initial, after a
    word of the sentence: "eligibility worker D. | Sorenson" (not "hep C. | Labs")."""
    if len(reversed_letters) != 1 or not reversed_letters.isupper():
        return False
    letter = text.rfind(reversed_letters, max(0, start - 6), start)
    word = _LOWER_WORD_BEFORE.search(text, max(0, letter - 20), letter) if letter > 0 else None
    if word is None and letter > 0:
        title = _TITLE_BEFORE.search(text, max(0, letter - 12), letter)
        return title is not None and (title.group(1).lower() in _CREDENTIALS
                                      or title.group(1).lower() in cues.TITLES)
    return word is not None and word.group(1) not in _LETTER_NAMERS


def plainly_opens_sentence(text: str, start: int) -> bool:
    """True when `start` follows sentence punctuation that no cue can come before (not ":")."""
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i < 0:
        return True
    c = text[i]
    if c == ".":
        j = i
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        return text[j:i].lower() not in _ABBREVIATIONS
    if c == "-":  # a bullet: "- Will send records"
        j = i - 1
        while j >= 0 and text[j] in " \t-":
            j -= 1
        return j < 0 or text[j] == "\n"
    return c in _PLAIN_STOPS


def starts_sentence(text: str, start: int) -> bool:
    return context(text, start)[0]


def context(text: str, start: int) -> tuple[bool, str, str]:
    """Whether `start` opens a sentence, and the two words before it (lower case).

    Reads the 40 characters before `start` backwards, so one anchored match does it."""
    m = _BACKWARDS.match(text[max(0, start - 40):start][::-1])
    if m is None:
        return True, "", ""
    abbreviation = m.group("abbr")
    if abbreviation is not None:
        word = abbreviation[::-1].lower()
        if word in _ABBREVIATIONS:
            return False, word, ""
        return (False, "", "") if _initial_before(text, start, abbreviation) else (True, "", "")
    if m.group("w1") is None:
        label = m.group("label")
        return True, ("label:" + label[::-1].lower()) if label else "", ""
    w2 = m.group("w2")
    return False, m.group("w1")[::-1].lower(), w2[::-1].lower() if w2 else ""
