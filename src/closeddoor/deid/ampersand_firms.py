"""Businesses named with an ampersand, for a note without case (issue 13): "crown & glory
braids", "hope & anchor moving llc", "high desert memory & mood clinic".

In running text "&" joins the words of a firm's name far more often than anything else; capitals
would say where such a name begins, and without them the kind of business that ends it does
("braids", "llc", "clinic"). Every word must be able to stand in a name (no shorthand, function
word or cue, so adding shorthand never adds a tag), and one at least must name rather than say a
kind: "child & family therapy" and "mood & anxiety clinic" are kinds of service, not names.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import WORD, word_before
from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.place_kinds import (
    BUSINESS,
    GENERIC,
    HEADS,
    INNER,
    KIND_WORDS,
    TRADES,
    UNIT_HEADS,
)
from closeddoor.deid.spans import Label
from closeddoor.deid.word_reader import WordReader

_ENDS = (BUSINESS | TRADES | HEADS) - UNIT_HEADS  # the kinds that close such a name (not a
# hospital's unit: "adolescent & young adult unit")
# "& sons", "& co.": a firm named for its family, read by `facilities.find_firms`.
_FAMILY_FIRM = re.compile(r"[ \t]*(?:sons|daughters|co|bros|brothers|associates)(?![\w'\u2019-])")
_MOST_BEFORE = 3  # words before the ampersand, and after it up to the kind
_MOST_AFTER = 3


def find_ampersand_firms(reader: WordReader, lowered: str, hits: list[Hit]) -> None:
    """Add each business named with " & " and closed by its kind (see the module's
    docstring)."""
    at = lowered.find("&")
    while at >= 0:
        _firm_at(reader, lowered, at, hits)
        at = lowered.find("&", at + 1)


def _firm_at(reader: WordReader, lowered: str, at: int, hits: list[Hit]) -> None:
    """The firm around the ampersand at `at`, if its words and its kind say one."""
    before: list[tuple[int, str]] = []
    edge = at
    while len(before) < _MOST_BEFORE:
        word = word_before(lowered, edge, 30)
        if word is None or not _may_stand(reader, word[1]):
            break
        before.append(word)
        edge = word[0]
    if not before or _FAMILY_FIRM.match(lowered, at + 1):
        return
    after: list[str] = []
    pos, end = at + 1, 0
    while len(after) <= _MOST_AFTER:
        while lowered[pos:pos + 1] in (" ", "\t"):
            pos += 1
        m = WORD.match(lowered, pos)
        if m is None:
            break
        if m.group() in _ENDS and after:  # the kind that closes the name
            after.append(m.group())
            end = m.end()
            break
        if not _may_stand(reader, m.group()):
            break
        after.append(m.group())
        pos = m.end()
    words = [w for _, w in before] + after
    if end and any(w not in INNER and w not in GENERIC and w not in KIND_WORDS for w in words):
        hits.append((edge, end, Label.ORGANIZATION, CONTEXT))


def _may_stand(reader: WordReader, word: str) -> bool:
    """A word that may stand in a firm's name (an owner's possessive too: "rocky's"): no
    shorthand, function word, follower or cue."""
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    return reader.plain_word(word)
