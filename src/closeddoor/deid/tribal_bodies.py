"""A tribal government's body, named by the nation or tribe and what the body does (issue 13):
"Hualapai Nation Police Department", "sac and fox nation elder services", "the Kiowa Tribe
Finance Office", "Houlton Band of Maliseet Indians Health Dept". The writers leave a people's
name alone unmarked and mark every such body: the nation's name says where the client lives.
In a cased note the body's words must be capitalised.
"""

from __future__ import annotations

import re

from closeddoor.deid.clinical_words import FUNCTION_WORDS, NOT_STREET_NAMES, RARE, word_before
from closeddoor.deid.cues import PEOPLES, split_words
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon
from closeddoor.deid.spans import Label
from closeddoor.deid.state_bodies import SUBJECT_WORDS

NATION_WORDS = frozenset({"nation", "tribe", "indians"})
# What the body does, after the nation: "| elder services", "| healing to wellness court".
_BODY_WORDS = SUBJECT_WORDS | frozenset(split_words("""
elder elders finance tourism gaming healing to wellness enrollment health care police
department dept office services service court program authority commission clinic center
representative and of tribal
"""))
# The words that close such a body's name.
_CLOSERS = frozenset(split_words("""
department dept office services service court police program authority commission clinic center
care
""")) | SUBJECT_WORDS
_LITTLE = frozenset(split_words("and of the to"))
_WORD = re.compile(r"[a-z][a-z'\u2019-]*")
# Words that may stand in a nation's name before "nation", besides a people or a rare word:
# "united | houma nation", "houlton band of | maliseet indians", "sac and | fox nation".
_NAME_LINKS = frozenset(split_words("united eastern band of and"))
# Nations whose names are everyday words: "sac and fox", "crow", "creek".
_EVERYDAY_NATIONS = frozenset(split_words("sac fox crow creek"))


def find_tribal_bodies(text: str, lowered: str, words: set[str], hits: list[Hit], lex: Lexicon,
                       cased: bool) -> None:
    """Add to `hits` each body named after a nation or tribe (see the module's doc)."""
    for start, end, _ in occurrences(lowered, NATION_WORDS.intersection(words)):
        stop = _body_end(lowered, end)
        if stop is None or (cased and not text[end + 1].isupper()):
            continue
        begin = _name_begin(lowered, start, lex)
        if begin is not None and not (cased and not text[begin].isupper()):
            hits.append((begin, stop, Label.ORGANIZATION, CONTEXT))


def _body_end(lowered: str, end: int) -> int | None:
    """The end of the body's words after the nation (up to six, the last a closer), or None."""
    stop, at = None, end
    for _ in range(6):
        if lowered[at:at + 1] != " ":
            break
        word = _WORD.match(lowered, at + 1)
        if word is None or word.group() not in _BODY_WORDS:
            break
        if word.group() in _CLOSERS and word.group() not in _LITTLE:
            stop = word.end()
        at = word.end()
    return stop


def _name_begin(lowered: str, start: int, lex: Lexicon) -> int | None:
    """Where the nation's name begins before `start`: one to four words, each a people, a
    rare word or a link inside the name ("sac and fox"), the first no link."""
    begin, at = None, start
    for _ in range(4):
        before = word_before(lowered, at, 24)
        if before is None or lowered[before[0] + len(before[1]):at].strip():
            break
        word_start, word = before
        named = word in PEOPLES or word in _EVERYDAY_NATIONS or (
            len(word) > 2 and lex.freq(word) < RARE and word not in FUNCTION_WORDS
            and word not in NOT_STREET_NAMES)  # (not "bib | hualapai nation")
        if not (named or word in _NAME_LINKS):
            break
        at = word_start
        if named or word == "united" or word == "eastern":
            begin = word_start
    return begin
