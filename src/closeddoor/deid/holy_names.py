"""Churches and schools named for saints and holy names (issue 13): two saints after "SS." ("SS.
Peter and Paul", "Sts. Cyril & Methodius": the finders read each saint as a person), and a holy
name before a denomination or "of" a place found ("Holy Ghost Orthodox", "Holy Cross of
Polonia": everyday words the finders leave).
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import NOT_STREET_NAMES
from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.lexicon import Lexicon
from closeddoor.deid.spans import Label

_SAINTS_CUES = frozenset({"ss", "sts", "saints"})
HOLY_CUES = _SAINTS_CUES | {"holy"}  # (the cheap test, on the note's words)
_TWIN_SAINTS = re.compile(r"\b(?:ss|sts)\.?[ \t]+|\bsaints[ \t]+")
_HOLY = re.compile(
    r"\bholy[ \t]+(?:cross|ghost|trinity|spirit|family|name|redeemer|rosary|innocents|angels|"
    r"apostles|sepulchre|saviou?r|comforter|resurrection|transfiguration|protection|assumption)"
    r"(?:[ \t]+(?P<denomination>orthodox|catholic|lutheran|episcopal|byzantine|greek|ukrainian|"
    r"russian|polish|armenian|coptic|antiochian|serbian|romanian|maronite|melkite)"
    r"(?![\w'\u2019-])"
    r"|(?=[ \t]+of[ \t]+)|)")  # (or nothing after it: then a church's kind before it)
# A church's kind before its holy name or its saint: "cathedral of the | holy spirit", "church
# of | st. nicholas".
CHURCH_OF_BEFORE = re.compile(r"\b(?:church|cathedral|basilica|chapel|shrine|parish)[ \t]+of"
                               r"(?:[ \t]+the)?[ \t]+$")
_PAIR = re.compile(r"([^\W\d_][\w'\u2019-]*)[ \t]+(?:and|&)[ \t]+([^\W\d_][\w'\u2019-]*)"
                   r"(?![\w'\u2019-])")


def find_holy_names(text: str, lowered: str, words: set[str], cased: bool, hits: list[Hit],
                    lexicon: Lexicon) -> None:
    """Add the churches named for saints or a holy name (see the module's doc); `words` are
    the note's words."""
    if "holy" in words:
        _holy_names(text, lowered, cased, hits)
    if not _SAINTS_CUES.isdisjoint(words):
        _twin_saints(text, lowered, cased, hits, lexicon)


def _holy_names(text: str, lowered: str, cased: bool, hits: list[Hit]) -> None:
    """A holy name before a denomination ("holy ghost orthodox"), or before "of" and a place
    found ("holy cross of | polonia"); capitalised in a cased note (not "the Holy Spirit of
    God", "filled with the holy ghost")."""
    places = {start: end for start, end, label, _ in hits  # (a small town may be read as a
              if label is Label.LOCATION or label is Label.NAME}  # surname: "polonia")
    for m in _HOLY.finditer(lowered):
        if cased and not text[m.start()].isupper():
            continue
        end = m.end()
        kind = CHURCH_OF_BEFORE.search(lowered, max(0, m.start() - 20), m.start())
        if kind is not None:  # "the cathedral of the | holy spirit"
            hits.append((kind.start(), end, Label.ORGANIZATION, CONTEXT))
            continue
        if m.group("denomination") is None:
            end = places.get(end + 4, end) if lowered.startswith(" of ", end) else end  # "holy
            # cross of | polonia"
            if end == m.end():
                continue
        hits.append((m.start(), end, Label.ORGANIZATION, CONTEXT))


def _twin_saints(text: str, lowered: str, cased: bool, hits: list[Hit],
                 lexicon: Lexicon) -> None:
    """Add each pair of saints after "SS.", "Sts." or "Saints" as one organisation: one of them
    a given name, neither a word of the note's own (in a cased note, both capitalised); not
    "SS 4417" (a number), nor "saints and sinners"."""
    for cue in _TWIN_SAINTS.finditer(lowered):
        pair = _PAIR.match(lowered, cue.end())
        if pair is None or any(pair.group(i) in NOT_STREET_NAMES for i in (1, 2)) or not any(
                pair.group(i) in lexicon.first_names for i in (1, 2)):
            continue
        if cased and not (text[pair.start(1)].isupper() and text[pair.start(2)].isupper()):
            continue
        hits.append((cue.start(), pair.end(), Label.ORGANIZATION, CONTEXT))
