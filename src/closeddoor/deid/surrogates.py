"""Realistic stand-ins for identifiers, consistent within an excerpt and drawn from a key.

Every choice is an HMAC of the key and what is replaced, so the same key gives the same
stand-ins, and a reader without the key cannot tell which real value a stand-in replaced.
A person keeps one stand-in however written: "Maria", "Maria Vasquez", "Ms. Vasquez", "M.V.".
A stand-in is never one of the chart's own identifiers, nor the word it replaces.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence

from closeddoor.deid import cues
from closeddoor.deid.chart import ChartIdentifiers
from closeddoor.deid.chart_matcher import ChartMatcher
from closeddoor.deid.dates import shift_date_text
from closeddoor.deid.lexicon import Lexicon, fold, lexicon
from closeddoor.deid.spans import Label

_NAME_PART = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_INITIALS = re.compile(r"(?:[A-Z]\.?\s?){1,3}")
_KEEP_IN_PLACES = frozenset({"county", "parish", "apt", "apartment", "suite", "ste", "unit", "fl",
                             "floor", "rm", "room", "po", "p", "o", "box", "of", "the", "and"})
_GENERIC_ORG_SUFFIXES = ("Group", "Partners", "Services", "Associates", "Company")


def date_shift_for(key: bytes, client_ref: str) -> int:
    """The days by which every date of one client moves: derived from `key` and the client's
    reference, between 30 and 335 days either way, never 0. Intervals between the client's
    dates are kept because all move together."""
    digest = hmac.new(key, b"closeddoor.deid.date-shift\x00" + client_ref.encode(),
                      hashlib.sha256).digest()
    magnitude = 30 + int.from_bytes(digest[:8], "big") % 306  # 30..335: a day and month
    # written without a year must change too, so no shift is (nearly) a whole year
    return magnitude if digest[8] & 1 else -magnitude


class Surrogates:
    """Stand-ins for one excerpt; ask it for each span in order."""

    def __init__(self, key: bytes, chart: ChartIdentifiers | None = None,
                 date_shift_days: int | None = None) -> None:
        self._key = key
        self._lex: Lexicon = lexicon()
        self._matcher = (ChartMatcher(chart, self._lex)
                         if chart is not None and chart != ChartIdentifiers() else None)
        self._forbidden: set[str] = set(self._matcher.index.forbidden) if self._matcher else set()
        self._chart_values = {re.sub(r"\W", "", v).lower() for v in _chart_values(chart)}
        self.shift = (date_shift_days if date_shift_days is not None
                      else date_shift_for(key, chart.legal_name if chart else ""))
        self._chosen: dict[tuple[str, str], str] = {}  # (kind, what was replaced) -> stand-in
        self._used: set[tuple[str, str]] = set()

    def replace(self, label: Label, original: str) -> str:
        """The stand-in for `original`, found in the text as `label`."""
        if label in (Label.NAME, Label.ORGANIZATION) and any(c.isdigit() for c in original):
            # a merged span may carry a number along ("Unit 4 Harper"): never pass it through
            letters = re.sub(r"\d", "", original).strip()
            words = self.replace(label, letters) if any(c.isalpha() for c in letters) else ""
            number = self._reshape("".join(c for c in original if c.isdigit()))
            return f"{words} {number}".strip()
        if label is Label.NAME:
            return self._name(original)
        if label is Label.DATE:
            moved = shift_date_text(original, self.shift)
            return moved or ("the holiday" if original[:1].isalpha() else "a date withheld")
        if label is Label.AGE:
            return "90+" if original[:1].isdigit() else "ninety-plus"
        if label is Label.LOCATION:
            return self._place(original)
        if label is Label.ORGANIZATION:
            return self._organization(original)
        if label is Label.EMAIL:
            first, last = (self._pick(role, original.lower()) for role in ("first", "last"))
            return f"{fold(first)}.{fold(last)}@example.com"
        if label is Label.URL:
            return f"https://www.example.com/page-{self._digits('url', original, 6)}"
        if label is Label.IP:
            if ":" in original:
                return f"2001:db8::{int(self._digits('ip6', original, 4)):x}"
            return f"192.0.2.{1 + int(self._digits('ip4', original, 3)) % 254}"
        if label is Label.PHONE:
            return self._phone(original)
        if label is Label.SSN:
            return self._reshape(original, first_digit="9")
        return self._reshape(original)

    # --- names --------------------------------------------------------------------------------
    def _name(self, original: str) -> str:
        compact = original.replace(" ", "")
        if _INITIALS.fullmatch(original) and len(compact.replace(".", "")) <= 3:
            return self._initials(original)
        parts = list(_NAME_PART.finditer(original))
        out, cursor = [], 0
        for i, part in enumerate(parts):
            out.append(original[cursor:part.start()])
            role = "last" if i == len(parts) - 1 and len(parts) > 1 else "first"
            pieces = [self._name_word(p, role if len(parts) > 1 else "") for p in
                      part.group().split("-")]
            out.append("-".join(pieces))
            cursor = part.end()
        out.append(original[cursor:])
        return "".join(out)

    def _name_word(self, word: str, role: str) -> str:
        if len(word) == 1:
            return self._letter(word)
        known = self._matcher.canonical_name(word) if self._matcher else None
        if known is not None:
            canonical, role = known
        else:
            canonical = fold(word)
            if not role:
                lex = self._lex
                role = "first" if canonical in lex.first_names or (
                    canonical not in lex.last_names) else "last"
        return _same_case(word, self._pick(role, canonical))

    def _initials(self, original: str) -> str:
        letters = [c for c in original if c.isalpha()]
        known = self._matcher.index.initials.get("".join(letters)) if self._matcher else None
        if known:
            stand_ins = [self._pick("last" if i == len(known) - 1 else "first",
                                    w.split("-")[0])[0] for i, w in enumerate(known)]
        else:
            stand_ins = [self._letter(c) for c in letters]
        it = iter(stand_ins)
        return "".join(next(it, c) if c.isalpha() else c for c in original)

    def _letter(self, letter: str) -> str:
        value = self._digits("letter", letter, 2)
        choice = "ABCDEFGHJKLMNPRSTW"[int(value) % 18]
        if choice == letter.upper():
            choice = "ABCDEFGHJKLMNPRSTW"[(int(value) + 1) % 18]
        return choice if letter.isupper() else choice.lower()

    def _pick(self, role: str, canonical: str) -> str:
        """A stand-in from the name lists, the same one every time for the same word."""
        key = (role, canonical)
        if key in self._chosen:
            return self._chosen[key]
        pool: Sequence[str] = {
            "first": self._lex.surrogate_first_names, "last": self._lex.surrogate_last_names,
            "city": self._lex.surrogate_cities}[role]
        start = int(self._digits(role, canonical, 9))
        for step in range(len(pool)):
            candidate = pool[(start + step) % len(pool)]
            folded = fold(candidate)
            if (folded != canonical and folded not in self._forbidden
                    and (role, candidate) not in self._used):
                break
        self._used.add((role, candidate))
        self._chosen[key] = candidate
        return candidate

    # --- places and organisations -------------------------------------------------------------
    def _place(self, original: str) -> str:
        if not any(c.isalpha() for c in original):
            return self._reshape(original)
        lex = self._lex
        whole = fold(original)
        if whole.endswith(" county") and whole.count(" ") == 1:
            return f"{self._pick('last', whole)} {original.split()[-1]}"
        if whole in lex.cities or tuple(whole.split()) in lex.multiword_cities.get(
                whole.split()[0], ()):
            return self._pick("city", whole)
        tokens = [(m.start(), m.end(), m.group())
                  for m in re.finditer(r"[^\W\d_][\w'\u2019.-]*|\d+", original)]

        def kept(k: int) -> bool:  # "Street", "County", "OR": not identifying alone
            word = tokens[k][2]
            bare = fold(word.rstrip("."))
            if k + 1 < len(tokens) and fold(tokens[k + 1][2]) in ("county", "parish"):
                return False
            return ((bare in lex.street_suffixes and k > 0 and not tokens[k - 1][2].isdigit())
                    or bare in _KEEP_IN_PLACES
                    or (word.isupper() and word in lex.state_abbreviations)
                    or bare in lex.not_identifiers)

        out, cursor, i = [], 0, 0
        while i < len(tokens):
            start, end, word = tokens[i]
            out.append(original[cursor:start])
            if word.isdigit() or kept(i):
                out.append(self._reshape(word) if word.isdigit() else word)
                cursor, i = end, i + 1
                continue
            j = i  # a place's name may be several words: "Cedar Rapids", "Oak Hill"
            while (j + 1 < len(tokens) and not tokens[j + 1][2].isdigit()
                   and not kept(j + 1) and original[tokens[j][1]:tokens[j + 1][0]]
                   in (" ", "-")):
                j += 1
            name = fold(original[start:tokens[j][1]])
            street = j + 1 < len(tokens) and fold(tokens[j + 1][2].rstrip(".")) in (
                lex.street_suffixes)
            out.append(self._pick("last", name) if street else self._pick("city", name))
            cursor, i = tokens[j][1], j + 1
        out.append(original[cursor:])
        return "".join(out)

    def _organization(self, original: str) -> str:
        words = list(re.finditer(r"[^\W\d_][\w'\u2019.&-]*", original))
        out, cursor, replaced = [], 0, False
        for m in words:
            word = m.group()
            out.append(original[cursor:m.start()])
            bare = fold(word.rstrip("."))
            generic = bare in cues.ORG_SUFFIXES or bare in _KEEP_IN_PLACES or bare == "st"
            if generic and bare not in self._forbidden:
                out.append(word)
            else:
                out.append(_same_case(word, self._pick("last", bare)))
                replaced = True
            cursor = m.end()
        out.append(original[cursor:])
        text = "".join(out)
        if not replaced:
            suffix = _GENERIC_ORG_SUFFIXES[int(self._digits("org", original, 2)) % 5]
            text = f"{self._pick('last', fold(original))} {suffix}"
        return text

    # --- numbers ------------------------------------------------------------------------------
    def _phone(self, original: str) -> str:
        digits = sum(c.isdigit() for c in original)
        pick = int(self._digits("phone", original, 2))
        if f"{pick + 100:04d}" == "".join(c for c in original if c.isdigit())[-4:]:
            pick = (pick + 1) % 100  # never hand back the real line number, even by chance
        line = f"555555{pick + 100:04d}"  # 555-0100..0199
        first = next(c for c in original if c.isdigit())
        fill = list(line[-digits:] if digits <= 10 else (
            "1" + line if digits == 11 and first == "1" else line.rjust(digits, "5")))
        return "".join(fill.pop(0) if c.isdigit() else c for c in original)

    def _reshape(self, original: str, first_digit: str = "") -> str:
        """Same shape, other characters: digits for digits, letters for letters."""
        for attempt in range(10):
            stream = self._digits(f"shape{attempt}", original, 2 * len(original) + 2)
            out: list[str] = []
            for i, c in enumerate(original):
                n = int(stream[2 * i:2 * i + 2])
                if c.isdigit():
                    out.append(first_digit if not out and first_digit else str(n % 10))
                elif c.isalpha():
                    letter = "ABCDEFGHJKLMNPRSTUVWXYZ"[n % 23]
                    out.append(letter if c.isupper() else letter.lower())
                else:
                    out.append(c)
            candidate = "".join(out)
            flat = re.sub(r"\W", "", candidate).lower()
            if candidate != original and flat not in self._chart_values and not any(
                    flat and flat in v for v in self._chart_values):
                return candidate
        return candidate

    def _digits(self, kind: str, value: str, count: int) -> str:
        """`count` decimal digits from HMAC(key, kind, value): the randomness of every choice."""
        out = ""
        block = 0
        while len(out) < count:
            digest = hmac.new(self._key, f"{kind}\x00{value}\x00{block}".encode(),
                              hashlib.sha256).digest()
            out += str(int.from_bytes(digest, "big"))[1:40]
            block += 1
        return out[:count]


def _same_case(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original.islower():
        return word.lower()
    return word


def _chart_values(chart: ChartIdentifiers | None) -> list[str]:
    if chart is None:
        return []
    values = [chart.phone, chart.email, chart.date_of_birth, *chart.identifiers]
    for person in (*chart.contacts, *([chart.guardian] if chart.guardian else [])):
        values += [person.phone, person.email]
    values += re.findall(r"\d{3,}", chart.address)
    return [v for v in values if v]
