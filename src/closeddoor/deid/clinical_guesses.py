"""Guesses that are clinical shorthand, dropped or trimmed (issue 13).

A guess (a word read as a name, a place or an organisation from its shape or a dictionary, rank
`GUESS`) that is shorthand or a drug names nothing: "Dr. Welsh NEURO:" keeps "Welsh". So do a
form's field labels, a service's heading ("Pastoral Care:") and a scale named for someone
before its score ("braden 13").
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical import CueFinder, cue_finder
from closeddoor.deid.clinical_words import RARE
from closeddoor.deid.context import context
from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import CHART, CONTEXT, GUESS, Hit
from closeddoor.deid.spans import Label

# One letter of a pair of initials ("t.d.", "r. k."): no shorthand, though "t" and "r" are.
_INITIAL = re.compile(r"(?<![\w.])[a-z]\.[ ]?[a-z]\.(?!\w)|(?<=[a-z]\.)[ ]?[a-z]\.(?!\w)")


def _whole(lowered: str, word: re.Match[str]) -> str:
    """The whole of a word a hit may cut short: "geri-psych" for the "geri" of it."""
    if lowered[word.end():word.end() + 1] != "-":
        return word.group()  # the common case: the word ends where the hit does
    whole = _GUESS_WORD.match(lowered, word.start())
    return word.group() if whole is None else whole.group()


# A word of a guess, in any alphabet: "doña carmen" is two words, not "do", "a", "carmen".
_GUESS_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019-])*")
_CONTRACTION = re.compile(r"['\u2019]t(?![a-z])")  # "don't", "won't"
# The Chin languages of Burma, named for their towns and peoples: "Hakha Chin", "tedim chin".
_CHIN_LANGUAGE = re.compile(r"\b(?:hakha|haka|falam|tedim|zomi|matu|mara|zotung|lautu|"
                            r"senthang|zophei|thantlang|mindat|kanpetlet)[ \t-]+chin\b")
_VALUE_AFTER = re.compile(r"[ \t:=]*(?:(?:of|is|was)[ \t]+)?\d")  # "MoCA of 24"


def drop_clinical_guesses(hits: list[Hit], text: str, lowered: str, cased: bool) -> list[Hit]:
    """Guesses (rank `GUESS`) lose the clinical shorthand and drugs at either end ("Dr. Welsh
    NEURO:" keeps "Welsh"), and a guess of nothing else is dropped. In a note whose case says
    something, a capitalised word inside a sentence is kept ("her friend Amber", "Dr. Brown":
    shorthand, but written as a name)."""
    finder = cue_finder()
    out: list[Hit] = []
    languages = ([(m.start(), m.end()) for m in _CHIN_LANGUAGE.finditer(lowered)]
                 if "chin" in lowered else [])
    contractions = ({m.start() for m in _CONTRACTION.finditer(lowered)}
                    if "'t" in lowered or "\u2019t" in lowered else set())
    for hit in hits:
        if hit[1] in contractions and hit[2] is not Label.ID:
            trimmed = lowered.rfind(" ", hit[0], hit[1])  # "don't", "said don't": a verb's
            if trimmed < 0:  # contraction, not the name "Don"
                continue
            hit = (hit[0], trimmed, hit[2], hit[3])
        if hit[2] is Label.ORGANIZATION and _heading(finder, lowered, hit[0], hit[1]):
            continue
        if languages and (hit[2] is Label.NAME or hit[2] is Label.LOCATION) and any(
                start <= hit[0] and hit[1] <= end for start, end in languages):
            continue  # "speaks Falam Chin": a language named for its town, not a person nor
            # the town
        scale = (_SCALE.match(lowered, hit[0], hit[1])
                 if hit[3] != CHART and lowered[hit[0]:hit[0] + 1] in _SCALE_INITIALS else None)
        if scale is not None and _SCORE_AFTER.match(lowered, scale.end()) and (
                lowered[scale.end():hit[1]].strip(" \t:=").isdigit() or scale.end() == hit[1]):
            continue  # "braden 13", "MORSE FALL 45": a scale named for someone, then its score
        if hit[3] == CONTEXT and hit[2] is Label.NAME and cased:
            hit = _cased_name(hit, text)
        if hit[3] != GUESS or hit[2] not in (Label.NAME, Label.LOCATION, Label.ORGANIZATION):
            out.append(hit)
            continue
        if _form_label(finder, text, lowered, hit):
            continue
        words = list(_GUESS_WORD.finditer(lowered, hit[0], hit[1]))
        kept = [i for i, w in enumerate(words)  # (a word read whole: "GERI" of "GERI-PSYCH";
                if not finder.clinical(_whole(lowered, w).rstrip("'\u2019-")) or (  # and
                    _INITIAL.match(lowered, w.start()) is not None) or (  # "Al-Anon" is shorthand
                    cased and w.end() - w.start() > 2 and text[w.start()].isupper()  # whole)
                    and "-" not in w.group()
                    and text[w.start() + 1:w.start() + 2].islower()
                    and not context(text, w.start())[0]
                    and not _VALUE_AFTER.match(text, w.end()))]  # "Cr 0.7": a lab's value
        if not words:
            out.append(hit)
        elif kept:
            first, last = kept[0], kept[-1]
            out.append((hit[0] if first == 0 else words[first].start(),
                        hit[1] if last == len(words) - 1 else words[last].end(), hit[2], hit[3]))
    return out


# Scales named for people, and what follows one's name when it is the scale: its score.
_SCALE_NAMES = ("braden", "morse", "norton", "waterlow")
_SCALE = re.compile("(?:" + "|".join(_SCALE_NAMES) + ")"
                    r"(?:[ \t]+(?:fall(?:[ \t]+risk)?|score|scale))?")
_SCALE_INITIALS = frozenset(name[0] for name in _SCALE_NAMES)  # a cheap test before the match
_SCORE_AFTER = re.compile(r"[ \t]*(?:(?:fall|score|scale|fall[ \t]+risk)[ \t]*)?[:=]?[ \t]*\d")
_LABEL_BEFORE = re.compile(r"(?:^|\n|[ \t]{2}|[.;|][ \t]*)$")


def _form_label(finder: CueFinder, text: str, lowered: str, hit: Hit) -> bool:
    """Whether a guessed word is a form's field label: a common word before a colon, where a
    line, a column or a sentence starts ("... LICSW        Date: 12/03", "Pages: 4")."""
    start, end = hit[0], hit[1]
    if text[end:end + 1] != ":" or not lowered[start:end].isalpha():
        return False
    word = lowered[start:end]  # (not a given name: "Maria: I feel fine" speaks)
    return finder.lex.freq(word) >= RARE and word not in finder.lex.first_names and (
        _LABEL_BEFORE.search(text, max(0, start - 3), start) is not None)


_CASED_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _cased_name(hit: Hit, text: str) -> Hit:
    """A name a cue found on the lower-cased text, in a note whose case says something: a
    word in small letters after its capitalised words is not part of it ("Daughter-in-law
    Grace stops in daily"); one inside it is ("Ana de la Cruz": only the end is cut)."""
    if not text[hit[0]].isupper() or " " not in text[hit[0]:hit[1]]:
        return hit  # the common case: one word, or a name found in small letters
    words = list(_CASED_WORD.finditer(text, hit[0], hit[1]))
    if len(words) < 2:
        return hit
    end = len(words)
    while end > 1 and words[end - 1].group().islower():  # not "al-Rashid", "d'Angelo"
        end -= 1
    return hit if end == len(words) else (hit[0], words[end - 1].end(), hit[2], hit[3])


# The last word of a service's heading, not of a place's name: "Pastoral Care:", "Resp Care
# Note:", "Case Management:"; "Lahey Clinic:" stays a place.
_HEADING_TAILS = frozenset(split_words("care note services service management"))


def _heading(finder: CueFinder, lowered: str, start: int, end: int) -> bool:
    """Whether `start:end` ends a section heading: at most four words from the line's start to
    a colon, the last one of `_HEADING_TAILS`, none a name, a city or unknown ("Riverside
    Care: 555-0100" is a place in a list of contacts)."""
    if lowered[end:end + 1] != ":":
        return False
    line_start = lowered.rfind("\n", 0, start) + 1  # "Spiritual Care:" when only "Care" is hit
    *lead, tail = lowered[line_start:end].split()
    if tail not in _HEADING_TAILS or len(lead) > 3:
        return False
    lex = finder.lex
    return all(finder.clinical(word) or word in _HEADING_TAILS or (
        lex.freq(word) > 0 and not lex.is_name(word) and word not in lex.cities)
        for word in lead)
