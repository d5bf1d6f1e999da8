"""The benchmark's scoring (bench/_deid_scoring.py) on hand-made spans with known answers."""

from __future__ import annotations

import re

import pytest

from closeddoor.deid.spans import Label, Span
from devdata.deid.devset import DevRecord, generate
from tests.unit.deid_bench.bench_modules import bench_module

scoring = bench_module("_deid_scoring")

TEXT = "Rosa called 555-0142 on May 3. Hope is high."
ROSA, PHONE, MAY3 = Span(0, 4, Label.NAME), Span(12, 20, Label.PHONE), Span(24, 29, Label.DATE)
GOLD = [ROSA, PHONE, MAY3]
# Finds Rosa and half the date, misses the phone, and takes the word "Hope" for a name.
PREDICTED = [Span(0, 4, Label.NAME), Span(24, 27, Label.DATE), Span(31, 35, Label.NAME)]


def test_spans_cover_the_intended_text() -> None:
    assert [TEXT[s.start:s.end] for s in GOLD] == ["Rosa", "555-0142", "May 3"]
    assert [TEXT[s.start:s.end] for s in PREDICTED] == ["Rosa", "May", "Hope"]


def test_token_scores_when_some_found_some_missed_one_false_alarm() -> None:
    result = scoring.score(TEXT, GOLD, PREDICTED)
    tokens = result.tokens
    assert (tokens.tp, tokens.fp, tokens.fn) == (2, 1, 3)  # Rosa May | Hope | 555 0142 3
    assert tokens.precision == pytest.approx(2 / 3)
    assert tokens.recall == pytest.approx(2 / 5)
    assert tokens.f1 == pytest.approx(0.5)
    assert result.leaked == 3


def test_character_scores_count_every_character_in_spans() -> None:
    chars = scoring.score(TEXT, GOLD, PREDICTED).chars
    assert (chars.tp, chars.fp, chars.fn) == (7, 4, 10)  # gold 17 chars, predicted 11


def test_per_label_recall_and_precision() -> None:
    result = scoring.score(TEXT, GOLD, PREDICTED)
    recall = {label: (c.tp, c.fn) for label, c in result.recall_by_label.items()}
    precision = {label: (c.tp, c.fp) for label, c in result.precision_by_label.items()}
    assert recall == {Label.NAME: (1, 0), Label.PHONE: (0, 2), Label.DATE: (1, 1)}
    assert precision == {Label.NAME: (1, 1), Label.DATE: (1, 0)}


def test_leaks_counted_per_group_when_groups_given() -> None:
    result = scoring.score(TEXT, GOLD, PREDICTED, {ROSA: ("chart",), PHONE: ("chart", "held")})
    assert result.leaked_by_group == {"chart": 2, "held": 2}
    assert {k: (c.tp, c.fn) for k, c in result.recall_by_group.items()} == {
        "chart": (1, 2), "held": (0, 2)}
    assert sorted(result.leaked_examples) == [
        (Label.DATE, "", "3"), (Label.PHONE, "chart,held", "0142"),
        (Label.PHONE, "chart,held", "555")]


def test_wrong_label_still_counts_as_found_when_scoring_binary() -> None:
    result = scoring.score(TEXT, [ROSA], [Span(0, 4, Label.DATE)])
    assert (result.tokens.tp, result.tokens.fp, result.tokens.fn) == (1, 0, 0)
    assert (result.recall_by_label[Label.NAME].tp, result.recall_by_label[Label.NAME].fn) == (1, 0)
    assert (result.precision_by_label[Label.DATE].tp,
            result.precision_by_label[Label.DATE].fp) == (0, 1)


def test_partial_token_overlap_counts_the_whole_token() -> None:
    result = scoring.score("Rosalind", [Span(0, 8, Label.NAME)], [Span(0, 4, Label.NAME)])
    assert (result.tokens.tp, result.tokens.fn) == (1, 0)
    assert (result.chars.tp, result.chars.fn) == (4, 4)


def test_scores_add_up_over_texts() -> None:
    total = scoring.Scores()
    total += scoring.score(TEXT, GOLD, PREDICTED, {PHONE: ("chart",)})
    total += scoring.score(TEXT, GOLD, GOLD, {PHONE: ("chart",)})
    assert (total.tokens.tp, total.tokens.fp, total.tokens.fn) == (7, 1, 3)
    assert (total.recall_by_label[Label.PHONE].tp, total.recall_by_label[Label.PHONE].fn) == (2, 2)
    assert total.leaked_by_group == {"chart": 2}
    assert (total.recall_by_group["chart"].tp, total.recall_by_group["chart"].fn) == (2, 2)


def test_empty_prediction_has_no_recall_and_vacuous_precision() -> None:
    tokens = scoring.score(TEXT, GOLD, []).tokens
    assert (tokens.recall, tokens.precision, tokens.f1) == (0.0, 1.0, 0.0)


def test_evaluate_runs_a_stand_in_engine_over_the_devset() -> None:
    records = generate(seed=3, n_clients=4, notes_per_client=2)
    digits = re.compile(r"\d[\d\-/.() ]*\d")

    def stand_in(record: DevRecord) -> list[Span]:  # number-like runs, all labelled ID
        return [Span(m.start(), m.end(), Label.ID) for m in digits.finditer(record.text)]

    run = scoring.evaluate("digits", records, stand_in, warmup=2)
    gold_tokens = sum(c.tp + c.fn for c in run.scores.recall_by_label.values())
    assert run.name == "digits" and run.text_bytes == sum(len(r.text) for r in records)
    assert 0 < run.scores.tokens.recall < 1 and 0 < run.scores.tokens.precision < 1
    assert run.scores.recall_by_label[Label.PHONE].recall == 1.0  # every phone is digits
    assert run.scores.recall_by_label[Label.NAME].recall == 0.0
    assert run.scores.leaked_by_group["chart"] > 0
    assert gold_tokens >= run.scores.tokens.tp + run.scores.tokens.fn
    assert run.cpu_seconds >= 0 and run.mb_per_s > 0


def test_evaluate_repeats_timed_passes_but_scores_the_first() -> None:
    records = generate(seed=3, n_clients=1, notes_per_client=2)
    calls: list[str] = []

    def counting(record: DevRecord) -> list[Span]:
        calls.append(record.record_id)
        return list(record.spans) if len(calls) <= 3 else []  # later passes find nothing

    run = scoring.evaluate("counting", records, counting, warmup=1, min_cpu_seconds=1e-9)
    size = sum(len(r.text) for r in records)
    assert run.scores.tokens.recall == 1.0
    assert run.text_bytes % size == 0 and run.text_bytes // size == (len(calls) - 1) // 2


CONTROL = "Started Zoloft and Headspace. Sunny mornings help."
SLOTS = [(8, 14, "medication"), (19, 28, "product"), (30, 35, "word-name")]


def test_control_counts_every_flag_as_a_false_positive_when_text_has_no_identifier() -> None:
    assert [CONTROL[s:e] for s, e, _ in SLOTS] == ["Zoloft", "Headspace", "Sunny"]
    result = scoring.score_control(CONTROL, [Span(8, 14, Label.NAME), Span(30, 35, Label.NAME)],
                                   SLOTS)
    assert (result.tokens, result.flagged) == (7, 2)
    assert result.rate == pytest.approx(2 / 7)
    assert result.slots == {"medication": 1, "product": 1, "word-name": 1}
    assert result.slots_flagged == {"medication": 1, "product": 0, "word-name": 1}
    assert result.slot_rate("product") == 0.0 and result.slot_rate("word-name") == 1.0
    assert result.flagged_words == {"Zoloft": 1, "Sunny": 1}


def test_control_scores_add_up_when_evaluated_over_records() -> None:
    class Record:
        text, slots = CONTROL, SLOTS

    total = scoring.evaluate_control([Record(), Record()], lambda r: [Span(19, 28, Label.NAME)])
    assert (total.tokens, total.flagged) == (14, 2)
    assert total.slots_flagged == {"medication": 0, "product": 2, "word-name": 0}
    assert scoring.ControlScores().rate == 0.0
