"""Scoring de-identification output against gold spans, by token and by character.

Tokens are `\\w+` runs. A token is gold-positive if it overlaps a gold span and predicted-positive
if it overlaps a predicted span; the binary scores ask only "identifier or not", so a token found
under the wrong label still counts as found (it is redacted all the same). Per-category recall
counts a gold token of label L as found if any prediction covers it; per-category precision asks,
of the tokens predicted as L, how many are gold L.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from closeddoor.deid.spans import Label, Span
from devdata.deid.devset import DevRecord

TOKEN = re.compile(r"\w+")


@dataclass
class Counts:
    """Confusion counts for one binary decision."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self


@dataclass
class Scores:
    tokens: Counts = field(default_factory=Counts)
    chars: Counts = field(default_factory=Counts)
    recall_by_label: dict[Label, Counts] = field(default_factory=dict)  # tp and fn only
    precision_by_label: dict[Label, Counts] = field(default_factory=dict)  # tp and fp only
    recall_by_group: dict[str, Counts] = field(default_factory=dict)  # tp and fn only
    # (label, group, token) of each leaked gold token, for reading what was missed
    leaked_examples: list[tuple[Label, str, str]] = field(default_factory=list)

    @property
    def leaked(self) -> int:
        return self.tokens.fn

    @property
    def leaked_by_group(self) -> Counter[str]:
        """Gold tokens of each group that no prediction covers."""
        return Counter({group: c.fn for group, c in self.recall_by_group.items()})

    def __iadd__(self, other: Scores) -> Scores:
        self.tokens += other.tokens
        self.chars += other.chars
        pairs: tuple[tuple[dict[Any, Counts], dict[Any, Counts]], ...] = (
            (self.recall_by_label, other.recall_by_label),
            (self.precision_by_label, other.precision_by_label),
            (self.recall_by_group, other.recall_by_group))
        for mine, theirs in pairs:
            for key, counts in theirs.items():
                mine.setdefault(key, Counts()).__iadd__(counts)
        self.leaked_examples += other.leaked_examples
        return self


@dataclass
class Run:
    """One system over the whole set: its scores and the time detection alone took."""

    name: str
    scores: Scores
    cpu_seconds: float
    wall_seconds: float
    text_bytes: int

    @property
    def mb_per_s(self) -> float:
        """UTF-8 megabytes (10**6) of note text per CPU second of this process."""
        return self.text_bytes / self.cpu_seconds / 1e6 if self.cpu_seconds else float("inf")

    @property
    def wall_mb_per_s(self) -> float:
        return self.text_bytes / self.wall_seconds / 1e6 if self.wall_seconds else float("inf")


def evaluate(name: str, records: Sequence[DevRecord],
             find: Callable[[DevRecord], Iterable[Span]], warmup: int = 10,
             min_cpu_seconds: float = 0.0) -> Run:
    """Run `find` over every record (after `warmup` untimed calls), timing only those calls,
    then score the first pass. Passes repeat until `min_cpu_seconds` of CPU time, so a fast
    system is timed over long enough to be steady. Gold spans are grouped by origin ("chart",
    "variant") and, for held-out values, "held-out <LABEL>"."""
    for record in records[:warmup]:
        list(find(record))
    size = sum(len(r.text.encode()) for r in records)
    cpu = wall = 0.0
    timed_bytes = 0
    predictions: list[list[Span]] = []
    while not timed_bytes or cpu < min_cpu_seconds:
        began_cpu, began_wall = time.process_time(), time.perf_counter()
        found = [list(find(record)) for record in records]
        cpu += time.process_time() - began_cpu
        wall += time.perf_counter() - began_wall
        predictions = predictions or found
        timed_bytes += size
    total = Scores()
    for record, predicted in zip(records, predictions, strict=True):
        groups = {g.span: (g.origin.value, f"held-out {g.span.label}") if g.held_out
                  else (g.origin.value,) for g in record.gold}
        total += score(record.text, record.spans, predicted, groups)
    return Run(name, total, cpu, wall, timed_bytes)


def score(text: str, gold: Sequence[Span], predicted: Iterable[Span],
          groups: Mapping[Span, Collection[str]] | None = None) -> Scores:
    """Scores for one text. `groups` puts some gold spans in named groups (e.g. "chart"): the
    recall of each group's tokens is in `recall_by_group` (a token overlapping spans of several
    groups counts once in each)."""
    predicted = list(predicted)
    gold_mask, predicted_mask = _mask(len(text), gold), _mask(len(text), predicted)
    gold_by_label = {label: _mask(len(text), [s for s in gold if s.label is label])
                     for label in {s.label for s in gold}}
    predicted_by_label = {label: _mask(len(text), [s for s in predicted if s.label is label])
                          for label in {s.label for s in predicted}}
    result = Scores()
    for match in TOKEN.finditer(text):
        start, end = match.span()
        is_gold, is_predicted = any(gold_mask[start:end]), any(predicted_mask[start:end])
        _tally(result.tokens, is_gold, is_predicted)
        for label, mask in gold_by_label.items():
            if any(mask[start:end]):
                _tally(result.recall_by_label.setdefault(label, Counts()), True, is_predicted)
                if not is_predicted:
                    result.leaked_examples.append(
                        (label, ",".join(sorted(_groups(gold, groups, start, end))),
                         match.group()))
        for label, mask in predicted_by_label.items():
            if any(mask[start:end]):
                own = gold_by_label.get(label)
                _tally(result.precision_by_label.setdefault(label, Counts()),
                       own is not None and any(own[start:end]), True)
        if is_gold and groups:
            for name in _groups(gold, groups, start, end):
                _tally(result.recall_by_group.setdefault(name, Counts()), True, is_predicted)
    both = sum(g & p for g, p in zip(gold_mask, predicted_mask, strict=True))
    result.chars = Counts(both, sum(predicted_mask) - both, sum(gold_mask) - both)
    return result


def _mask(length: int, spans: Iterable[Span]) -> bytearray:
    mask = bytearray(length)
    for span in spans:
        mask[span.start:span.end] = b"\x01" * (min(span.end, length) - span.start)
    return mask


def _tally(counts: Counts, is_gold: bool, is_predicted: bool) -> None:
    if is_gold and is_predicted:
        counts.tp += 1
    elif is_predicted:
        counts.fp += 1
    elif is_gold:
        counts.fn += 1


def _groups(gold: Sequence[Span], groups: Mapping[Span, Collection[str]] | None, start: int,
            end: int) -> set[str]:
    """The groups of the gold spans a token overlaps."""
    if not groups:
        return set()
    return {name for s in gold if s.start < end and start < s.end for name in groups.get(s, ())}


# --- the negative control: identifier-free text ---------------------------------------------
@dataclass
class ControlScores:
    """What a system flagged in text that holds no identifier: every flag is a false positive.

    `tokens`/`flagged` count `\\w+` tokens; `slots`/`slots_flagged` count the vocabulary words
    of each kind (a drug, an eponym ...) that a prediction overlaps."""

    tokens: int = 0
    flagged: int = 0
    slots: Counter[str] = field(default_factory=Counter)
    slots_flagged: Counter[str] = field(default_factory=Counter)
    flagged_words: Counter[str] = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return self.flagged / self.tokens if self.tokens else 0.0

    def slot_rate(self, kind: str) -> float:
        return self.slots_flagged[kind] / self.slots[kind] if self.slots[kind] else 0.0

    def __iadd__(self, other: ControlScores) -> ControlScores:
        self.tokens += other.tokens
        self.flagged += other.flagged
        self.slots.update(other.slots)
        self.slots_flagged.update(other.slots_flagged)
        self.flagged_words.update(other.flagged_words)
        return self


def score_control(text: str, predicted: Iterable[Span],
                  slots: Sequence[tuple[int, int, str]] = ()) -> ControlScores:
    """False positives in one identifier-free text; `slots` are (start, end, kind)."""
    mask = _mask(len(text), predicted)
    result = ControlScores()
    for match in TOKEN.finditer(text):
        result.tokens += 1
        if any(mask[match.start():match.end()]):
            result.flagged += 1
            result.flagged_words[match.group()] += 1
    for start, end, kind in slots:
        result.slots[kind] += 1
        result.slots_flagged[kind] += any(mask[start:end])
    return result


def evaluate_control(records: Sequence[Any], find: Callable[[Any], Iterable[Span]]
                     ) -> ControlScores:
    """`find` over every identifier-free record (with `.text` and `.slots`), scored."""
    total = ControlScores()
    for record in records:
        total += score_control(record.text, list(find(record)), record.slots)
    return total
