"""Words written with letters English does not use (issue 13).

In a US note a word with a letter outside ASCII is almost always a name brought from another
language: "her husband Bảo", "Nguyễn Thị Hoa", "raised in Pāhoa", "Chùa Bồ Đề temple". The
capitals are no help in a note without case, and the words are in no English list, so the
letters are the cue. Words English borrowed with their accents ("résumé", "señor", "tūtū")
are common once folded, and countries and states ("México") are allowed, so neither is taken.
"""

from __future__ import annotations

import re

from closeddoor.deid import cues
from closeddoor.deid.clinical_words import KIN
from closeddoor.deid.cues import TITLES
from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.lexicon import Lexicon, fold
from closeddoor.deid.spans import Label


def _latin_letters(upper: bool) -> str:
    """The Latin letters past Latin-1 of one case, for a character class: "Ā", "Ł", "Š",
    "Đ", "Ồ" open a name as "A" does ("Mākua", "Łukasz", "Đặng")."""
    blocks = (range(0x100, 0x250), range(0x1E00, 0x1F00))
    return "".join(c for block in blocks for c in map(chr, block)
                   if (c.isupper() if upper else c.islower()))


LATIN_CAPITALS = _latin_letters(upper=True)
LATIN_SMALLS = _latin_letters(upper=False)
OKINAS = "\u02bb"  # the Hawaiian okina, which may stand before a capital
# A word with at least one letter outside ASCII (the Hawaiian okina, U+02BB, is a letter).
_MARKED_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")
_BORROWED = 100  # a folded word this common is English's too: "tutu", "senor", "naive"
# Borrowed words that say a name follows, though their folded forms are surnames: "(née Raposo)".
_BEFORE_NAMES = frozenset({"née", "né", "doña", "señora", "señor", "señorita"})


def find_marked_words(text: str, cased: bool, lex: Lexicon) -> list[Hit]:
    """Names written with letters English does not use. In a cased note a capitalised word
    so written is one unless it is a common word folded; in a note without case the folded
    word must also be a name or a town, or in no English list at all."""
    if text.isascii():
        return []
    hits: list[Hit] = []
    for m in _MARKED_WORD.finditer(text):
        word = m.group()
        folded = fold(word).replace("\u02bb", "")
        if folded in lex.not_identifiers or len(folded) < 2 or word.lower() in _BEFORE_NAMES:
            continue  # "México", "Perú": larger than a state
        if folded in cues.NOT_NAMES or word.lower() in TITLES or word.lower() in KIN:
            continue  # "Kreyòl", "Diné": a language or a people; "hataałii", "shimásání"
        named = lex.is_name(folded) or folded in lex.cities
        if not named and (lex.freq(folded) >= _BORROWED or lex.freq(word.lower()) >= _BORROWED):
            continue  # "Résumé", "Café"
        if cased and not word[0].isupper():
            continue  # "tūtū": a word, written in lower case in a cased note
        if not cased and not named and (folded in lex.vocabulary
                                        or word.lower() in lex.vocabulary):
            continue  # "café", "kīlauea": in an English list, and no capital says more
        label = Label.LOCATION if folded in lex.cities and not lex.is_name(folded) else Label.NAME
        hits.append((m.start(), m.end(), label, CONTEXT))  # the letters are the cue
    return hits
