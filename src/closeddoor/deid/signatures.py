"""Who signed a note: an initial and a surname, or initials alone, beside a credential or at a
line's end after a dash: "J. Amaral, LICSW", "-- a. o'neil rn", "ND, RN", "JKL/RN", "--cq rn",
"KN/mm", "-tg" (issue 13).

Nurses and clinicians sign in every case and often with initials only; no capital says a name
is there, the credential or the signature's place does. A candidate must not be shorthand, a
credential or a little word ("-- pt rn", "IV, RN" are no signatures).
"""

from __future__ import annotations

import re

from closeddoor.deid import cues
from closeddoor.deid.cues import split_words
from closeddoor.deid.hits import CONTEXT, Hit, occurrences
from closeddoor.deid.lexicon import Lexicon
from closeddoor.deid.spans import Label

_WORDLIKE = 1_000  # letters written this often are a word ("ok", "na"), not initials
# (titles too: "f/u w/ dr lvn nelson"; but "MR" and "MS" are someone's initials as often)
_NOT_INITIALS = frozenset(w.lower() for w in cues.NOT_INITIALS | cues.NOT_DOTTED_INITIALS) | {
    "dr", "mrs", "mx", "fr", "st"}

# Credentials a signer writes after the name; a hyphenated one ("pa-c", "otr/l") by its first
# part. They anchor the search: each is found with `str.find`, and only the few characters
# before it are read (a pattern tried at every position of a note costs more than the rest).
_CREDENTIALS = frozenset(split_words("""
rn lpn lvn cna md do np pa aprn crnp lcsw licsw lmhc lmft lpc lcpc lmsw msw psyd phd edd rph
pharmd mhw ladc cadc bcba otr slp rrt rt ma pmhnp fnp dnp cnp lisw lsw lcdc lac ncc mft
lmhp lpcc lcmhc cpss mht lcadc cadc-ii lac lpc-a emt dsp pgy qmhp cnm acnp agacnp crna cns
whnp pnp anp dpt rhit ibclc aemt casac paramedic ff nrp bhp chw llpc llp lpca lcswa lscsw
lcmhcs lpcs lmhca
"""))
# Before a credential: "J. Amaral, " or "a. o'neil " (an initial and a surname), or two or three
# letters at a line's start or after a dash or a slash ("ND, ", "JKL/", "--cq ", "/ VW, ").
_BEFORE_CREDENTIAL = re.compile(
    r"(?:(?<![\w.])([A-Za-z]\.[ \t]?((?:(?i:van|von|de|der|den|ten|ter|op|le|la|du|da|del|di)"
    r"[ \t]+)*[^\W\d_](?:[^\W\d_]|['\u2019-])+))"  # "n. pagán", "c. ten napel"
    r"|(?:^|(?<=[-\u2013\u2014/])|(?<=[-\u2013\u2014/][ \t]))([A-Za-z]{2,3}))"
    r"(?:[ \t]*[,/][ \t]*|[ \t]+)$", re.MULTILINE)
# A whole name after a dash, before a credential: "-Nell Strand, LMFT", "-- hannah voss lcpc".
# An initial may open or close it: "— b. yellow robe, rn", "— lani k., rn".
_DASHED_NAME = re.compile(
    r"(?:^|(?<=\s))[-\u2013\u2014]{1,2}[ \t]*"
    r"((?:[A-Za-z]\.[ \t]?)?[A-Za-z][A-Za-z'\u2019-]+(?:[ \t]+[A-Za-z][A-Za-z'\u2019-]+){0,2}"
    r"(?:[ \t]+[A-Za-z]\.)?)"
    r"(?:[ \t]*,[ \t]*|[ \t]+)$", re.MULTILINE)
# Jobs a signer may give after a comma instead of a credential, with an initial before the
# surname: "-- j. heemsah, case mgr", "- j. crowell, intake coord".
_DASH_ROLES = frozenset(split_words("""
case intake coord coordinator mgr manager advocate navigator therapist counselor clinician
chaplain caseworker
"""))
_COMMA_BEFORE_ROLE = re.compile(r",[ \t]*(?:[a-z]+[ \t]+)?$")  # ", case mgr", ", crisis counselor"
# A credential that opens a name instead of closing one: "kealoha updated, np yamashiro-pua".
_ROLE_BEFORE_NAME = re.compile(r"[a-z-]+[ \t]+[a-z]")
# A given name and a surname before a comma and a credential: "referral to Grace Hope, PhD"
# (not before "MA" or "PA", states too: "drove off in silver sedan, ma plate").
_FULL_NAME_BEFORE = re.compile(r"(?<![\w'\u2019.-])([A-Za-z][a-z'\u2019]+|[A-Z][A-Z'\u2019]+)"
                               r"[ \t]+([A-Za-z][A-Za-z'\u2019-]+)[ \t]*,[ \t]*$")
# An attorney's whole name before ", Esq.": "public defender Grace O'Malley-Brandt, Esq.".
_BEFORE_ESQUIRE = re.compile(r"((?:[A-Za-z][A-Za-z'\u2019.-]*[ \t]+){0,2}[A-Za-z][A-Za-z'\u2019-]+)"
                             r"[ \t]*,[ \t]*$")
_NAME_PARTS = re.compile(r"[a-z]{2,}")
_CLAUSE_BEFORE = re.compile(r"(?:^|[.;:\n]|\b(?i:sincerely|regards|thanks),)[ \t]*$")
# The firm or the office after an attorney's "Esq.,", up to the clause's end: "Ms. Tavarez, Esq.,
# Safe Passage Legal." (letters first: not an address's number).
_FIRM_AFTER_ESQUIRE = re.compile(r"(?i:esq)\.?,[ \t]*(?:(?i:of)[ \t]+)?([A-Za-z][\w'\u2019&.-]*"
                                 r"(?:[ \t]+(?:&[ \t]+)?[A-Za-z][\w'\u2019&-]*){0,5}?)"
                                 r"(?=[ \t]*(?:[,;()\n]|\.(?:\s|$)|$))")
_GREETING = re.compile(r"(?:re|dear|cc|attn|date|dob|phone|tel|fax|email)\b")
_FIRM_KINDS = frozenset(split_words("""
legal law services project aid coalition center clinic office llp llc pllc pc group associates
partners firm
"""))
_RARE = 5_000  # a word written less often than this may be a surname
_LEGAL_ROLES = frozenset(split_words("""
defender counsel attorney lawyer guardian litem prosecutor assistant
"""))
# Initials after a dash, then a comma and the signer's role: "-LB, intake coord.".
# (The dash first, so the scan skips ahead to each dash; the look-behind then asks that a space,
# a line's end or the text's start stands before it.)
_DASHED_INITIALS = re.compile(r"[-\u2013\u2014](?<![^\s][-\u2013\u2014])[-\u2013\u2014]?[ \t]*"
                              r"([A-Za-z]{2,3}|[A-Za-z]\.[ ]?[A-Za-z]\.)[ \t]*,[ \t]*"
                              r"([A-Za-z]+)")
# A signer's role after the comma: initials that are also shorthand ("-LB, intake coord.",
# "-ab, MA") are a signature there.
_SIGNER_ROLES = frozenset(split_words("""
intake coord coordinator front clerk scribe secretary tech peer pss cm sw admin receptionist
""")) | _CREDENTIALS
# Initials or one name after a dash that closes a quoted message: 'see you then. -LP"'.
_QUOTE_SIGNED = re.compile(r"(?:^|(?<=\s))[-\u2013\u2014]{1,2}[ \t]*([A-Za-z]{1,3}|[A-Z][a-z]+)"
                           r"[\"\u201d]")
# A line's end: initials alone after a dash ("-tg"), or a typist's pair alone ("KN/mm").
# An initial and a surname alone after a dash at a line's end: "... on 12/4. -h. mirza".
_DASHED_SIGNER = re.compile(r"[-\u2013\u2014](?<![^\s][-\u2013\u2014])[-\u2013\u2014]?[ \t]*"
                            r"([A-Za-z]\.[ ]?([A-Za-z][A-Za-z'\u2019-]+))[ \t]*$", re.MULTILINE)
_LINE_TAIL = re.compile(r"(?:(?:^|(?<=[ \t]))[-\u2013\u2014]{1,2}[ \t]*([A-Za-z]{2,3})"
                        r"|^([A-Za-z]{2,3})/([A-Za-z]{2,3}))[ \t]*$", re.MULTILINE)


def find_signatures(text: str, lowered: str, words: set[str], hits: list[Hit], lex: Lexicon,
                    never: frozenset[str]) -> None:
    """Add the signatures in `text` to `hits` (`lowered` is `text` in lower case, `words` the
    set of its words); `never` holds the lower-case words that are no name here (shorthand,
    little words)."""
    for start, _, _ in occurrences(lowered, _DASH_ROLES.intersection(words)):
        comma = _COMMA_BEFORE_ROLE.search(lowered, max(0, start - 24), start)
        if comma is not None:
            dashed = _DASHED_NAME.search(text, max(0, comma.start() - 60), comma.start() + 1)
            if dashed is not None and "." in dashed.group(1) and _signed_name(  # case mgr"
                    dashed.group(1), lex, never):
                hits.append((dashed.start(1), dashed.end(1), Label.NAME, CONTEXT))
    for start, _, _ in occurrences(lowered, _CREDENTIALS.intersection(words)):
        dashed = _DASHED_NAME.search(text, max(0, start - 60), start)
        if dashed is not None and _signed_name(dashed.group(1), lex, never):
            hits.append((dashed.start(1), dashed.end(1), Label.NAME, CONTEXT))
            continue
        m = _BEFORE_CREDENTIAL.search(text, max(0, start - 40), start)
        if m is None:
            full = (_FULL_NAME_BEFORE.search(text, max(0, start - 40), start)
                    if lowered[start:start + 2] not in ("ma", "pa")
                    and not _ROLE_BEFORE_NAME.match(lowered, start) else None)
            if full is not None and (_full_name(full.group(1), full.group(2), lex, never) or (
                    _signed_at_clause_start(text, full, lex, never))):
                hits.append((full.start(1), full.end(2), Label.NAME, CONTEXT))
            continue
        if m.group(1) is not None:
            if _surname_after_initial(m.group(2).lower(), lex, never):
                hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
        elif _initials(m.group(3), lex, never):
            hits.append((m.start(3), m.end(3), Label.NAME, CONTEXT))
    if "esq" in words:
        for start, _, _ in occurrences(lowered, ("esq",)):
            _attorney(text, lowered, start, hits, lex, never)
            firm = _FIRM_AFTER_ESQUIRE.match(text, start)  # "Ms. Tavarez, Esq., | Safe
            if firm is not None and _names_a_firm(text, lowered, firm):  # Passage Legal"
                hits.append((firm.start(1), firm.end(1), Label.ORGANIZATION, CONTEXT))
    if "," in text:
        for m in _DASHED_INITIALS.finditer(text):
            signer = m.group(2).lower() in _SIGNER_ROLES and not text[m.start(1) - 1].isspace()
            if _initials(m.group(1), lex, frozenset() if signer else never):
                hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
    if '"' in text or "\u201d" in text:
        for m in _QUOTE_SIGNED.finditer(text):
            signed = m.group(1)
            if len(signed) > 1 and signed[1:].islower() and signed[0].isupper():
                named = lex.is_name(signed.lower())  # '-Ali"'; not '-Thanks"'
            else:
                named = len(signed) == 1 or _initials(signed, lex, frozenset())
            if named:
                hits.append((m.start(1), m.end(1), Label.NAME, CONTEXT))
    for dashed in _DASHED_SIGNER.finditer(text):  # (one scan: a dash is rare at a line's end)
        if dashed.group(2).lower() not in never and dashed.group(2).lower() not in _CREDENTIALS:
            hits.append((dashed.start(1), dashed.end(1), Label.NAME, CONTEXT))
    end = len(text)
    while end > 0:  # each line's last few characters, from the last line up
        line_start = text.rfind("\n", 0, end) + 1
        m = _LINE_TAIL.search(text, max(line_start, end - 12), end)
        if m is not None:
            for group in (1, 2, 3):
                if m.group(group) is not None and _initials(m.group(group), lex, never):
                    hits.append((m.start(group), m.end(group), Label.NAME, CONTEXT))
        end = line_start - 1


def _names_a_firm(text: str, lowered: str, firm: re.Match[str]) -> bool:
    """Whether the words after an attorney's "Esq.," name a firm or an office: capitalised in
    a cased note, ending in a firm's kind in one without case; never an attorney's title
    ("Assistant Public Defender") nor a sentence ("Esq., has requested records")."""
    words = lowered[firm.start(1):firm.end(1)].split()
    if not _LEGAL_ROLES.isdisjoint(words) or _GREETING.match(words[0]):
        return False
    if any(c.isupper() for c in text) and any(c.islower() for c in text):  # a cased note
        return all(w[0].isupper() or w in ("&", "of", "and", "for") for w in
                   text[firm.start(1):firm.end(1)].split())
    return words[-1].rstrip(".") in _FIRM_KINDS


def _attorney(text: str, lowered: str, esquire: int, hits: list[Hit], lex: Lexicon,
              never: frozenset[str]) -> None:
    """The name before ", Esq.": its last words, each a name or a rare word, up to three
    ("public defender grace o'malley-brandt, esq." gives "grace o'malley-brandt")."""
    m = _BEFORE_ESQUIRE.search(text, max(0, esquire - 50), esquire)
    if m is None:
        return
    begin = m.end(1)
    for word in reversed(list(re.finditer(r"[^ \t]+", lowered[m.start(1):m.end(1)]))):
        parts = _NAME_PARTS.findall(word.group())
        if not parts or any(p in never or p in _LEGAL_ROLES for p in parts) or not all(
                lex.is_name(p) or lex.freq(p) < _RARE for p in parts):
            break
        begin = m.start(1) + word.start()
    if begin < m.end(1):
        hits.append((begin, m.end(1), Label.NAME, CONTEXT))


def _signed_name(name: str, lex: Lexicon, never: frozenset[str]) -> bool:
    """Whether the words between a dash and a credential are a name: none shorthand, a little
    word or a credential ("-- pt rn", "- per md"); one word alone must be a name or a rare word
    (two or three letters are read as initials instead)."""
    folded = [w for w in name.lower().split() if len(w.rstrip(".")) > 1]  # no initial
    if not folded or any(w in _CREDENTIALS or w in _NOT_INITIALS for w in folded):
        return False
    if name[1:2] == "." and any(_surname_after_initial(w, lex, never) for w in folded):
        return True  # "b. yellow robe", "p. day": after an initial, a surname even if a word
    if any(w in never for w in folded):
        return False
    if len(folded) == 1:
        word = folded[0]
        return len(word) > 3 and (lex.is_name(word) or lex.freq(word) < _WORDLIKE)
    return True


def _full_name(given: str, surname: str, lex: Lexicon, never: frozenset[str]) -> bool:
    """Whether two words before ", PhD" are a name: a given name of the lists or a rare word,
    then a surname of the lists or a rare word, however common either is as a word ("Grace
    Hope", "Rizalina Ocampo"; not "Social Work, MSW", "clinical director, LCSW")."""
    given, surname = given.lower(), surname.lower()
    return ((given in lex.first_names or given in lex.world_first_names
             or lex.freq(given) < _WORDLIKE) and given not in never
            and given not in _NOT_INITIALS
            and surname not in _CREDENTIALS and (
                surname in lex.last_names or (surname not in never
                                              and lex.freq(surname) < _RARE)))


def _signed_at_clause_start(text: str, full: re.Match[str], lex: Lexicon,
                            never: frozenset[str]) -> bool:
    """Whether a given name of the lists and any plain word, opening a clause before ",
    LCSW", sign the note: "6pm. summer lake, lcsw", "sincerely, hope field, lpc" (a
    signature's surname may be an everyday word; not "pt will follow, lcsw")."""
    given, surname = full.group(1).lower(), full.group(2).lower()
    return (given in lex.first_names and given not in never and given not in _NOT_INITIALS
            and surname.isalpha() and surname not in never and surname not in _CREDENTIALS
            and _CLAUSE_BEFORE.search(text, max(0, full.start(1) - 12), full.start(1))
            is not None)


def _surname_after_initial(word: str, lex: Lexicon, never: frozenset[str]) -> bool:
    """Whether a word after an initial, before a credential, is a surname: any word but
    shorthand or a little word, and a surname of the lists even then ("t. day lcsw", "k.
    brown, rn"; not "c. diff, md aware")."""
    return word not in never or (len(word) > 2 and word in lex.last_names)


def _initials(letters: str, lex: Lexicon, never: frozenset[str]) -> bool:
    """Whether two or three letters can be someone's initials: no word, shorthand or
    credential ("ok", "pt", "RN")."""
    folded = letters.lower()
    return (folded not in never and folded not in _NOT_INITIALS
            and lex.freq(folded) < _WORDLIKE)
