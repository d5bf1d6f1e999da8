"""The hand-written held-out notes (bench/deid_handwritten.py): the marks parse into spans of
the text they marked, and the scorer counts leaked and wrongly tagged tokens."""

from __future__ import annotations

import pytest

from closeddoor.deid.spans import Label, Span
from tests.unit.deid_bench.bench_modules import bench_module

handwritten = bench_module("deid_handwritten")


def test_marks_become_spans_of_the_text_they_marked() -> None:
    notes = handwritten.parse("# a comment\n---\nWife {{Ada}} called {{555-0100}}.\n---\n"
                              "NO IDENTIFIER HERE.\n")
    assert [n.text for n in notes] == ["Wife Ada called 555-0100.", "NO IDENTIFIER HERE."]
    first = notes[0]
    assert [first.text[a:b] for a, b in first.gold] == ["Ada", "555-0100"]
    assert notes[1].gold == ()


def test_the_held_out_files_parse_with_marks_on_every_note() -> None:
    sizes = []
    for path in handwritten.NOTE_SETS:
        notes = handwritten.parse(path.read_text())
        sizes.append(len(notes))
        assert all(n.gold and "{{" not in n.text and "}}" not in n.text for n in notes)
    assert sizes == [12] + [24] * 201


def test_through_keeps_only_the_sets_already_read() -> None:
    kept = handwritten.sets_through(handwritten.NOTE_SETS, 3)
    assert [p.name for p in kept] == ["handwritten_heldout.txt", "handwritten_heldout_2.txt",
                                      "handwritten_heldout_3.txt"]
    assert handwritten.sets_through(handwritten.NOTE_SETS, None) == handwritten.NOTE_SETS


def test_the_score_counts_leaked_and_wrongly_tagged_tokens(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    class TagsTheFirstWord:
        def find(self, text: str) -> list[Span]:
            return [Span(0, text.index(" "), Label.NAME)]

    monkeypatch.setattr(handwritten, "Deidentifier", TagsTheFirstWord)
    notes = handwritten.parse("---\n{{Ada}} met {{Bo}} today.\n---\nCalled {{Cy}}.\n")
    tally, leaked, tagged = handwritten.score(notes, str.upper)
    assert (tally.tp, tally.fn, tally.fp) == (1, 2, 1)
    assert leaked == ["BO", "CY"] and tagged == ["CALLED"]
    assert tally.recall == pytest.approx(1 / 3) and tally.precision == pytest.approx(1 / 2)
