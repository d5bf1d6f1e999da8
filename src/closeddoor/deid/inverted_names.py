"""A surname written before the given name, after a word that says a person's name follows:
"Patient: Okonjo, Adaeze", "PT DELACROIX, JEAN-BAPTISTE", "re: tran, minh chau" (issue 13).

The given name is found by the other passes; this finds the surname before its comma. The
word must look like a name: capitalised in a note with case, and in one without, a surname
or a word seldom written ("pt alert, mary at bedside" names only mary).
"""

from __future__ import annotations

import re

from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.lexicon import Lexicon, fold
from closeddoor.deid.spans import Label

_SELDOM = 100  # a word written less often than this (wordfreq's scale) may be a surname
# Words that say a person's name follows: "Patient:", "re:", "resident".
_PERSON_CUES = "pt|patient|client|name|re|resident|member"
_CUED_SURNAME = re.compile(
    r"\b(?i:" + _PERSON_CUES + r"|subscriber|insured)\.?"
    r"(?:[ \t]+(?i:name))?[ \t]*[:#-]?[ \t]*"
    r"([^\W\d_][\w'\u2019-]*),[ \t]*$")


def surnames_before_given_names(text: str, hits: list[Hit], lex: Lexicon, cased: bool,
                                never: frozenset[str]) -> list[Hit]:
    """The surnames before a comma and a found given name, after a cue; `never` holds the
    words that are no surname here (shorthand, little words)."""
    found: list[Hit] = []
    for start, _, label, _ in hits:
        if label is not Label.NAME or text[max(0, start - 2):start].rstrip(" \t")[-1:] != ",":
            continue
        m = _CUED_SURNAME.search(text, max(0, start - 48), start)
        if m is None:
            continue
        word = m.group(1)
        folded = fold(word.lower())
        if folded in never:
            continue
        if (word[0].isupper() if cased else (
                folded in lex.last_names or lex.freq(folded) < _SELDOM)):
            found.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
    return found


# A hyphenated given name after a cued surname and its comma: "PT ZHENG, | WEI-MING",
# "resident fong, | yuk-lan" (Chinese and Korean given names of two syllables).
_CUE_BEFORE = re.compile(r"\b(?i:" + _PERSON_CUES + r")\.?[ \t]*[:#-]?[ \t]*$")
_NOT_GIVEN = frozenset({"co-op", "self-pay", "e-mail", "t-shirt", "x-ray", "post-acute"})
_HYPHENATED_GIVEN = re.compile(r",[ \t]*([^\W\d_]{2,6}-[^\W\d_]{2,6})(?![\w'\u2019-])")


def hyphenated_given_names(text: str, hits: list[Hit], lex: Lexicon, cased: bool,
                           never: frozenset[str]) -> list[Hit]:
    """The hyphenated given names after a cued surname found and a comma (without case, no
    part an everyday word: not "follow-up")."""
    found: list[Hit] = []
    for start, end, label, _ in hits:
        if label is not Label.NAME or text[end:end + 1] != ",":
            continue
        m = _HYPHENATED_GIVEN.match(text, end)
        if m is None or _CUE_BEFORE.search(text, max(0, start - 16), start) is None:
            continue
        parts = m.group(1).lower().split("-")
        if any(part in never for part in parts) or m.group(1).lower() in _NOT_GIVEN or (
                cased and not all(part[:1].isupper() for part in m.group(1).split("-"))) or (
                not cased and any(part in lex.everyday for part in parts)):
            continue
        found.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
    return found
