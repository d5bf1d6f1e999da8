"""Properties of scoring: the score is the sum of the answers, the band never goes down as the
score goes up, and the PHQ-9 flag is exactly "question 9 above 0"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from closeddoor.measures.model import DEFINITIONS, PHQ_9, Definition, band_of, score

SPECS = st.sampled_from(list(DEFINITIONS.values()))


@st.composite
def completed(draw: st.DrawFn) -> tuple[Definition, list[int]]:
    spec = draw(SPECS)
    answers = draw(st.lists(st.integers(0, spec.highest_answer), min_size=len(spec.items),
                            max_size=len(spec.items)))
    return spec, answers


@given(completed())
def test_score_is_the_sum_of_answers_when_any_valid_answers(case: tuple[Definition, list[int]]
                                                             ) -> None:
    spec, answers = case
    result = score(spec.instrument.value, answers)
    assert result.score == sum(answers)
    assert result.severity == band_of(spec, sum(answers))
    assert result.safety_flag is (spec is PHQ_9 and answers[8] > 0)


@given(SPECS, st.data())
def test_band_is_monotone_when_score_rises(spec: Definition, data: st.DataObject) -> None:
    low = data.draw(st.integers(0, spec.highest_score))
    high = data.draw(st.integers(low, spec.highest_score))
    names = [b.name for b in spec.bands]
    assert names.index(band_of(spec, low)) <= names.index(band_of(spec, high))


@given(completed(), st.integers(0, 30), st.integers(1, 4))
def test_raising_one_answer_never_lowers_score_or_band_when_scored(
        case: tuple[Definition, list[int]], index: int, step: int) -> None:
    spec, answers = case
    i = index % len(answers)
    raised = list(answers)
    raised[i] = min(spec.highest_answer, raised[i] + step)
    before, after = score(spec.instrument.value, answers), score(spec.instrument.value, raised)
    names = [b.name for b in spec.bands]
    assert after.score >= before.score
    assert names.index(after.severity) >= names.index(before.severity)
