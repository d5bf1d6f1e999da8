"""Scoring and banding as published, at every band boundary; the PHQ-9 item-9 flag; checking
answers (all problems at once, each naming its field); reliable change (Jacobson-Truax)."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from closeddoor.errors import InvalidInput, split_problems
from closeddoor.measures.chart import trend_svg
from closeddoor.measures.model import (
    DEFINITIONS,
    GAD_7,
    PCL_5,
    PHQ_9,
    Change,
    Definition,
    Instrument,
    band_of,
    definition,
    jacobson_truax_threshold,
    reliable_change,
    score,
)

# (instrument, score) -> band, written out by hand from the published cut-offs: every edge.
PHQ_9_EDGES = [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
               (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"),
               (20, "severe"), (27, "severe")]
GAD_7_EDGES = [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
               (14, "moderate"), (15, "severe"), (21, "severe")]
PCL_5_EDGES = [(0, "below threshold"), (32, "below threshold"), (33, "probable ptsd"),
               (80, "probable ptsd")]


def answers_totalling(spec: Definition, total: int, *, item_9: int | None = None
                      ) -> list[int]:
    """Answers that add up to `total`, filling from the first question (question 9 fixed
    when given)."""
    answers = [0] * len(spec.items)
    if item_9 is not None:
        answers[8] = item_9
    left = total - sum(answers)
    for i in range(len(answers)):
        if item_9 is not None and i == 8:
            continue
        step = min(spec.highest_answer - answers[i], left)
        answers[i] += step
        left -= step
    assert left == 0 and sum(answers) == total
    return answers


@pytest.mark.parametrize(("spec", "total", "band"),
                         [(PHQ_9, s, b) for s, b in PHQ_9_EDGES]
                         + [(GAD_7, s, b) for s, b in GAD_7_EDGES]
                         + [(PCL_5, s, b) for s, b in PCL_5_EDGES],
                         ids=lambda v: getattr(v, "instrument", v))
def test_score_is_banded_as_published_when_at_each_band_edge(
        spec: Definition, total: int, band: str) -> None:
    result = score(spec.instrument.value, answers_totalling(spec, total))
    assert (result.score, result.severity) == (total, band)


def test_bands_cover_every_score_once_when_listed() -> None:
    for spec in DEFINITIONS.values():
        covered = [s for band in spec.bands for s in range(band.low, band.high + 1)]
        assert covered == list(range(spec.highest_score + 1)), spec.instrument


def test_instruments_have_their_published_shape_when_defined() -> None:
    assert (len(PHQ_9.items), PHQ_9.highest_answer, PHQ_9.highest_score) == (9, 3, 27)
    assert (len(GAD_7.items), GAD_7.highest_answer, GAD_7.highest_score) == (7, 3, 21)
    assert (len(PCL_5.items), PCL_5.highest_answer, PCL_5.highest_score) == (20, 4, 80)


@pytest.mark.parametrize("item_9", [1, 2, 3])
def test_phq9_raises_safety_flag_when_question_9_is_above_zero(item_9: int) -> None:
    result = score("PHQ-9", answers_totalling(PHQ_9, item_9, item_9=item_9))
    assert result.safety_flag
    assert result.severity == "minimal"  # the flag does not depend on the total


def test_phq9_raises_no_flag_when_question_9_is_zero_however_high_the_rest() -> None:
    result = score("PHQ-9", [3, 3, 3, 3, 3, 3, 3, 3, 0])
    assert (result.score, result.severity, result.safety_flag) == (24, "severe", False)


@pytest.mark.parametrize("instrument", ["GAD-7", "PCL-5"])
def test_no_flag_when_instrument_is_not_phq9_even_if_ninth_answer_high(instrument: str) -> None:
    spec = definition(instrument)
    answers = [0] * len(spec.items)
    answers[8 % len(answers)] = spec.highest_answer
    assert not score(instrument, answers).safety_flag


def test_out_of_range_answers_refused_when_scoring_naming_each_question() -> None:
    with pytest.raises(InvalidInput) as caught:
        score("PHQ-9", [0, 4, 0, -1, 0, 0, 0, 0, 0])
    problems = split_problems(str(caught.value))
    assert [p.split(":")[0] for p in problems] == ["item_2", "item_4"]
    assert all("from 0 to 3" in p for p in problems)


@pytest.mark.parametrize("bad", ["2", 1.5, None, True])
def test_non_integer_answer_refused_when_scoring(bad: object) -> None:
    with pytest.raises(InvalidInput, match="item_1"):
        score("GAD-7", [bad, 0, 0, 0, 0, 0, 0])


@pytest.mark.parametrize("count", [0, 6, 8])
def test_wrong_number_of_answers_refused_when_scoring(count: int) -> None:
    with pytest.raises(InvalidInput, match="answers: give exactly 7 answers"):
        score("GAD-7", [0] * count)


def test_pcl5_answer_of_four_is_accepted_and_five_refused_when_scoring() -> None:
    assert score("PCL-5", [4] * 20).score == 80
    with pytest.raises(InvalidInput, match=r"item_20: .*from 0 to 4"):
        score("PCL-5", [4] * 19 + [5])


@pytest.mark.parametrize("name", ["phq9", "PHQ-2", "", "BDI-II"])
def test_unknown_instrument_refused_when_named(name: str) -> None:
    with pytest.raises(InvalidInput, match="instrument: choose PHQ-9, GAD-7 or PCL-5"):
        definition(name)


def test_band_of_refuses_score_outside_range_when_asked() -> None:
    with pytest.raises(InvalidInput):
        band_of(PHQ_9, 28)


@pytest.mark.parametrize(("spec", "threshold"), [(PHQ_9, 6), (GAD_7, 4), (PCL_5, 10)])
def test_reliable_change_turns_at_threshold_when_scores_move(spec: Definition,
                                                             threshold: int) -> None:
    assert reliable_change(spec, 20, 20 - threshold) is Change.IMPROVED
    assert reliable_change(spec, 20, 20 - threshold + 1) is Change.NONE
    assert reliable_change(spec, 10, 10 + threshold) is Change.WORSE
    assert reliable_change(spec, 10, 10 + threshold - 1) is Change.NONE


def test_jacobson_truax_threshold_matches_formula_when_given_sd_and_reliability() -> None:
    # 1.96 * sqrt(2) * SD * sqrt(1 - r): SD 5, r 0.84 gives 1.96 * sqrt(2) * 5 * 0.4 = 5.54.
    assert math.isclose(jacobson_truax_threshold(5.0, 0.84), 5.5437, abs_tol=1e-3)
    with pytest.raises(ValueError):
        jacobson_truax_threshold(0, 0.8)
    with pytest.raises(ValueError):
        jacobson_truax_threshold(5, 1.0)


def test_every_instrument_is_defined_when_listed() -> None:
    assert set(DEFINITIONS) == set(Instrument)


def test_trend_svg_draws_target_and_points_when_rendered() -> None:
    svg = trend_svg(PHQ_9, [(datetime(2026, 1, 5), 18), (datetime(2026, 2, 5), 9)],
                    target=10, reliable_band=(12, 24)).decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<script" not in svg.lower()
    empty = trend_svg(GAD_7, []).decode()
    assert "<svg" in empty
