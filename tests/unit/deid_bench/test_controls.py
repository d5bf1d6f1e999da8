"""The negative control: identifier-free notes whose vocabulary the engine's lists do not hold."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from closeddoor.deid import vocabulary
from closeddoor.deid.chart import ChartIdentifiers
from closeddoor.deid.dates import find_dates
from closeddoor.deid.patterns import find_patterns
from devdata.deid import devset_controls
from devdata.deid.devset_controls import ControlRecord, generate_controls


@pytest.fixture(scope="module")
def controls() -> list[ControlRecord]:
    return generate_controls(seed=5, n_notes=40)


def test_same_seed_gives_same_notes_when_generated_twice() -> None:
    assert generate_controls(2, 4) == generate_controls(2, 4)
    assert generate_controls(2, 4)[0].text != generate_controls(3, 4)[0].text


def test_each_note_read_with_a_chart_in_turn_when_charts_given() -> None:
    charts = [ChartIdentifiers(legal_name="Ann Lee"), ChartIdentifiers(legal_name="Bo Li")]
    notes = generate_controls(1, 3, charts)
    assert [n.chart for n in notes] == [charts[0], charts[1], charts[0]]
    assert generate_controls(1, 1)[0].chart == ChartIdentifiers()


def test_slots_point_at_vocabulary_words_of_every_kind(controls: list[ControlRecord]) -> None:
    vocabulary_words = {
        "medication": set(devset_controls.MEDICATIONS),
        "condition": {p for pair in devset_controls.CONDITIONS for p in pair if p},
        "instrument": {p for pair in devset_controls.INSTRUMENTS for p in pair},
        "method": set(devset_controls.METHODS),
        "product": set(devset_controls.PRODUCTS),
        "word-name": {w for w, _ in devset_controls.WORD_NAMES}
        | {w.lower() for w, _ in devset_controls.WORD_NAMES}}
    kinds = set()
    for note in controls:
        for start, end, kind in note.slots:
            written = note.text[start:end]
            kinds.add(kind)
            assert written in vocabulary_words[kind] or (
                written[0].lower() + written[1:]) in vocabulary_words[kind], written
    assert kinds == set(devset_controls.KINDS)


def test_notes_hold_no_shaped_identifier_or_date(controls: list[ControlRecord]) -> None:
    for note in controls:
        assert find_patterns(note.text) == []
        assert find_dates(note.text) == []


def test_vocabulary_disjoint_from_the_engine_lists_when_compared_word_by_word() -> None:
    phrases = [*(p for pair in devset_controls.CONDITIONS for p in pair),
               *(p for pair in devset_controls.INSTRUMENTS for p in pair),
               *devset_controls.METHODS, *devset_controls.PRODUCTS,
               *(w for w, _ in devset_controls.WORD_NAMES)]
    words = {w.lower() for p in phrases for w in re.findall(r"[A-Za-z]+", p)}
    engine = vocabulary.EPONYMS | vocabulary.DISEASE_EPONYMS | vocabulary.PRODUCTS
    assert not words & {w for e in engine for w in e.split("-")}


def test_controls_import_nothing_from_the_engine_vocabulary() -> None:
    tree = ast.parse(Path(devset_controls.__file__).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert imported <= {"__future__", "random", "re", "collections.abc", "dataclasses",
                        "closeddoor.deid.chart"}
