"""Nicknames in quotes: after a word that says one follows ('prefers "Mikey"', 'goes by
"Tash"', 'aka "Shorty"'), right after a relation word, a word for the client or a name
('roommate "Bex"', 'res "jojo"', 'Wendell "Skip" Abernathy'), or in brackets after a name or a
relation word ('Crystal Nguyen ("Cricket")', 'her boyfriend ("Shorty")') (issue 13).

A nickname is often an everyday word ("Cricket", "Shorty", "Big Jim"): no word list knows it,
the quotes and the cue say it names someone. Shorthand and little words in quotes do not
('pt ("fine")' is a quoted answer).
"""

from __future__ import annotations

import re

from closeddoor.deid import cues
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon
from closeddoor.deid.spans import Label

_QUOTED = r"[\"\u201c]([A-Za-z][A-Za-z'\u2019.-]*(?:[ \t][A-Za-z][A-Za-z'\u2019.-]*)?)[\"\u201d]"
# ("known as", and who knows the name so: "known in the family as")
_AFTER_CUE = re.compile(
    r"\b(?i:prefers(?:[ \t]+to[ \t]+be[ \t]+called)?|goes[ \t]+by|aka|a\.k\.a\.|nicknamed|"
    r"known(?:[ \t]+(?:in|to|among)[ \t]+(?:the[ \t]+|his[ \t]+|her[ \t]+)?[a-z]+)?[ \t]+as|"
    r"calls[ \t]+(?:him|her|them)sel(?:f|ves))[ \t]*:?[ \t]*" + _QUOTED)
# 'a classmate he calls "Tank."': read only where "call" is written (a cheap test first).
# 'Kevin (family calls him "Khang")': whoever calls, the one called.
_CALLS_CUE = re.compile(r"\b(?:(?i:he|she|they|i|we)[ \t]+(?i:calls?)|(?i:calls?|called)[ \t]+"
                        r"(?i:him|her|them))[ \t]*:?[ \t]*" + _QUOTED)
_CALLS_QUOTE = ('calls "', 'call "', 'CALLS "', 'CALL "', "calls \u201c", "call \u201c",
                'him "', 'her "', 'them "', 'HIM "', 'HER "', 'THEM "', "him \u201c",
                "her \u201c", "them \u201c")
# '("Bia", 6)' too, and who says it: '("Hopie" to her friends)', '("Chintu" at home, "AJ" at
# school)' (each nickname in the bracket).
_BRACKET_GOES_ON = r"[ \t]*(?:[),]|(?i:to|per|at|in|among|by)[ \t])"
_IN_BRACKETS = re.compile(r"\([ \t]*" + _QUOTED + _BRACKET_GOES_ON)
_NEXT_IN_BRACKETS = re.compile(r",[ \t]*" + _QUOTED + _BRACKET_GOES_ON)
# A name's suffix between it and the bracket: 'Kerson Mori Jr. ("Junior")'.
_SUFFIX_BEFORE = re.compile(r",?[ \t]+(?i:jr|sr)\.?$|[ \t]+(?:II|III|IV)$")
_QUOTED_ALONE = re.compile(_QUOTED)
# A word or two in single quotes, read as in double quotes (same length, so offsets hold): not
# an apostrophe ("bailey's", "don't"), which has a letter before it.
_SINGLE_QUOTED = re.compile(r"(?<![\w'\u2019])['\u2018]"
                            r"([A-Za-z][A-Za-z.-]*(?:[ \t][A-Za-z][A-Za-z.-]*)?)"
                            r"([,.]?)['\u2019](?![\w'\u2019])")
_UNQUOTED_CUES = ("goes by", "aka", "a.k.a", "nicknamed", "known as", "be called")
_UNQUOTED_AFTER_CUE = re.compile(
    r"\b(?:prefers[ \t]+to[ \t]+be[ \t]+called|goes[ \t]+by|aka|a\.k\.a\.|nicknamed|"
    r"known[ \t]+as)[ \t]*:?[ \t]*([a-z][a-z'\u2019-]*[a-z])(?=[ \t]*(?:[),;]|\.(?:\s|$)|$))")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z'\u2019-]*)[ \t]*$")
_SURNAME_AFTER = re.compile(r"[ \t]+([A-Za-z][A-Za-z'\u2019-]+)")
_SELDOM = 1_000  # a word written less often than this may be a nickname
# Words for the person a note is about, before a quoted nickname: 'res "jojo"', 'pt "Tink"'.
_PERSON_WORDS = frozenset({"pt", "patient", "client", "res", "resident", "member", "youth",
                           "consumer", "guest"})


def find_quoted_names(text: str, hits: list[Hit], lex: Lexicon, never: frozenset[str]) -> None:
    """Add the quoted nicknames in `text` to `hits`, given the hits found so far (a name
    before the brackets is one of them); `never` holds the lower-case words that are no name
    here (shorthand, little words)."""
    if " '" in text or "('" in text or "\u2018" in text:  # 'Dale 'Buck' Muncy', "goes by
        # 'Jessie,'" (an opening quote has a space or a bracket before it)
        text = _SINGLE_QUOTED.sub(_as_double_quotes, text)
    if '"' not in text and "\u201c" not in text:
        return
    cued = list(_AFTER_CUE.finditer(text))
    if any(form in text for form in _CALLS_QUOTE):
        cued += _CALLS_CUE.finditer(text)
    for m in cued:
        if _name_like(m.group(1), never):
            hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
    name_ends = {end for _, end, label, _ in hits if label is Label.NAME}
    # (a surname may have been read as a town so far, after a given name: 'Lorna Vale
    # ("Sparrow")'; not 'family in Chicago "needs him"')
    name_ends |= {end for start, end, label, _ in hits
                  if label is Label.LOCATION and start - 1 in name_ends}
    nicknames: set[str] = set()  # as written, to be found again: 'Dwayne "DJ" Nuñez ... DJ'
    for m in _QUOTED_ALONE.finditer(text):  # 'roommate "bex"', 'res "jojo"', 'Wendell "Skip"'
        word = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if word is None or not _name_like(m.group(1), never):
            continue
        cue = word.group(1).lower()
        if _between_capitalised(text, word, m, lex, never):  # 'Patient: Oluwaseun "Shay"
            surname = _SURNAME_AFTER.match(text, m.end())  # Adebayo-Strand'
            hits.append((word.start(1), surname.end(1) if surname else m.end(1), Label.NAME,
                         CONTEXT))
            nicknames.add(m.group(1))
            continue
        if (cue in cues.RELATIONS and (_not_a_phrase(m.group(1), lex)
                                       or _before_surname(text, m, lex, never))) or (
                cue in _PERSON_WORDS and _nickname(m.group(1), lex)) or word.end(1) in name_ends:
            hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
            nicknames.add(m.group(1))
            surname = (None if m.group(1).endswith(".")  # '"Big Mike." Cravings 3/10'
                       else _SURNAME_AFTER.match(text, m.end()))  # 'Buford "Bucky" Caudill'
            if surname is not None and _surname(surname.group(1).lower(), lex, never):
                hits.append((surname.start(1), surname.end(1), Label.NAME, CONTEXT))
    for nickname in nicknames:
        if nickname[:1].isupper() and nickname.lower() not in never:
            hits.extend((m.start(), m.end(), Label.NAME, CONTEXT) for m in re.finditer(
                r"(?<![\w'\u2019])" + re.escape(nickname) + r"(?![\w'\u2019])", text))
    if "(" not in text:
        return
    for m in _IN_BRACKETS.finditer(text):
        window = text[max(0, m.start() - 40):m.start()]  # (not a copy of the text before it)
        before = window.rstrip(" \t")
        after_name = m.start() - (len(window) - len(before)) in name_ends
        suffix = _SUFFIX_BEFORE.search(before)
        if suffix is not None and not after_name:
            after_name = m.start() - (len(window) - suffix.start()) in name_ends
            before = before[:suffix.start()]
        nickname = m.group(1)
        if not (_name_like(nickname, never) or (  # right after a name and written as one,
                after_name and nickname.isalpha() and nickname.istitle()  # even shorthand is
                and len(nickname) > 2 and not text.isupper())):  # one: 'Margaret ("Peg")'
            continue
        word = _WORD_BEFORE.search(before)
        if after_name or (word is not None and word.group(1).lower() in cues.RELATIONS):
            hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
            close = text.find(")", m.end(1), m.end(1) + 60)
            hits.extend((more.start(1), more.end(1), Label.NAME, CONTEXT)
                        for more in _NEXT_IN_BRACKETS.finditer(text, m.end(1), max(close + 1, 0))
                        if _name_like(more.group(1), never))
            if (after_name and nickname.isalpha() and nickname.istitle()  # and each mention
                    and nickname.lower() not in cues.NOT_NAMES and not text.isupper()):
                hits.extend((again.start(), again.end(), Label.NAME, CONTEXT)  # so written
                            for again in re.finditer(r"(?<![\w'\u2019])" + re.escape(nickname)
                                                     + r"(?![\w'\u2019])", text))


def find_unquoted_nicknames(lowered: str, hits: list[Hit], lex: Lexicon,
                            never: frozenset[str]) -> None:
    """A nickname without quotes after a word that says one follows, in any case: "(goes by
    mica)", "aka Shorty,". Without the quotes, only a name or a word seldom written, and only
    where the nickname ends (a bracket, a comma, a full stop): not "goes by bus to work"."""
    if not any(cue in lowered for cue in _UNQUOTED_CUES):
        return
    found = {m.group(1) for m in _UNQUOTED_AFTER_CUE.finditer(lowered)}
    nicknames = {word for word in found if word not in never and not word.endswith(
        ("ing", "ed", "ly")) and (lex.is_name(word) or lex.freq(word) < _SELDOM)}
    if nicknames:  # each mention: "(goes by mica) ... mica asks that mail go to a po box"
        hits.extend((start, end, Label.NAME, CONTEXT)
                    for start, end, _ in occurrences(lowered, nicknames))


def _as_double_quotes(m: re.Match[str]) -> str:
    """'Jessie,' as "Jessie", (the comma moved outside): the same length."""
    return '"' + m.group(1) + '"' + m.group(2)


def _between_capitalised(text: str, word: re.Match[str], quoted: re.Match[str], lex: Lexicon,
                         never: frozenset[str]) -> bool:
    """Whether a capitalised nickname in quotes stands between a capitalised given name and a
    capitalised surname, with only a space either side: 'Tomasina "Tommi" Acquaviva' (a given
    name or a word seldom written before; a name or an unlisted word after)."""
    if word.end(1) != quoted.start() - 1 or not (word.group(1)[:1].isupper()
                                                 and quoted.group(1)[:1].isupper()):
        return False
    surname = _SURNAME_AFTER.match(text, quoted.end())
    if surname is None or surname.start(1) != quoted.end() + 1 or not (
            surname.group(1)[:1].isupper()):
        return False
    given, last = word.group(1).lower(), surname.group(1).lower()
    return (given not in never and (given in lex.first_names or lex.freq(given) < _SELDOM)
            and _surname(last, lex, never))


def _before_surname(text: str, quoted: re.Match[str], lex: Lexicon,
                    never: frozenset[str]) -> bool:
    """Whether a capitalised nickname stands right before a capitalised surname: 'cousin "Boy"
    Pascua' (an everyday word is a nickname there too)."""
    surname = _SURNAME_AFTER.match(text, quoted.end())
    return (quoted.group(1)[:1].isupper() and " " not in quoted.group(1) and surname is not None
            and surname.group(1).lower() not in cues.NOT_NAMES
            and surname.start(1) == quoted.end() + 1 and surname.group(1)[:1].isupper()
            and _surname(surname.group(1).lower(), lex, never))


def _not_a_phrase(quoted: str, lex: Lexicon) -> bool:
    """Whether quoted words after a relation can be a nickname, not the relative's words
    ('her mother "felt fine"'): a name, or a word seldom written, among them."""
    return any(lex.is_name(word) or word not in lex.everyday for word in quoted.lower().split())


def _surname(word: str, lex: Lexicon, never: frozenset[str]) -> bool:
    """Whether the word after a nickname is a surname: a name, or no shorthand, everyday word
    or verb form ('"Tink" moving out')."""
    return lex.is_name(word) or (word not in never and word not in lex.everyday
                                 and not word.endswith(("ing", "ed", "ly")))


def _nickname(quoted: str, lex: Lexicon) -> bool:
    """Whether quoted words after "pt" or "client" name the person, not quote them ('pt
    "exhausted"'): a name, or a word seldom written that is no past tense or adverb."""
    return any(lex.is_name(word) or (lex.freq(word) < _SELDOM and not word.endswith(
        ("ed", "ing", "ly"))) for word in quoted.lower().split())


def _name_like(quoted: str, never: frozenset[str]) -> bool:
    return not all(word.lower().strip(".") in never for word in quoted.split())
