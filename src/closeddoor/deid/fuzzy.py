"""Near misspellings of a chart's names (Damerau-Levenshtein distance), found by set lookups.

Two words within distance d share a form once each has lost at most d letters (the SymSpell
idea), so a lookup costs a few dozen slices instead of a comparison with every name.
"""

from __future__ import annotations

from collections.abc import Iterable


def allowed_distance(name: str) -> int:
    """How far a misspelling may stray: 1 edit for names of 5-7 letters, 2 from 8 letters."""
    return 2 if len(name) >= 8 else 1 if len(name) >= 5 else 0


def _deletions(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


class FuzzyNames:
    """Which chart name, if any, a lower-case word misspells.

    Each name is indexed by the forms it takes after losing up to its allowed number of letters
    (a few dozen strings); a word is looked up the same way. A first cheap filter on length and
    on the two letters at either end (two slips rarely touch both ends) keeps most words out.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._index: dict[str, set[str]] = {}
        self._lengths: set[int] = set()
        self._ends: set[str] = set()
        self._seen: dict[str, str | None] = {}
        for name in names:
            depth = allowed_distance(name)
            if depth == 0 or not name.isascii():
                continue
            self._lengths |= set(range(len(name) - depth, len(name) + depth + 1))
            self._ends |= {"<" + name[:2], ">" + name[-2:], name[0] + name[-1]}
            for variant in _deletions(name, depth):
                self._index.setdefault(variant, set()).add(name)

    def __bool__(self) -> bool:
        return bool(self._index)

    def candidates(self, words: set[str]) -> set[str]:
        """The words (lower case) that might misspell a name."""
        lengths, ends = self._lengths, self._ends
        return {w for w in words if len(w) in lengths and (
            "<" + w[:2] in ends or ">" + w[-2:] in ends or w[0] + w[-1] in ends)}

    def match(self, word: str) -> str | None:
        if not (self._index and len(word) in self._lengths):
            return None
        if word in self._seen:  # one client's notes repeat their words
            return self._seen[word]
        found = self._match(word)
        if len(self._seen) < 50_000:
            self._seen[word] = found
        return found

    def _match(self, word: str) -> str | None:
        names: set[str] = set()
        for variant in _deletions(word, 2 if len(word) >= 6 else 1):
            names |= self._index.get(variant, set())
        close = sorted((distance(word, n), n) for n in names)
        if close and 0 < close[0][0] <= allowed_distance(close[0][1]):
            return close[0][1]
        return None
