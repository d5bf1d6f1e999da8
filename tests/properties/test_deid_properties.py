"""De-identification never lets through what it was given, and its output is well formed."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from closeddoor.deid import ChartIdentifiers, ChartPerson, Deidentifier, redact
from closeddoor.deid.dates import parse_date_text, shift_date_text
from closeddoor.deid.lexicon import lexicon

FILLER = ("client", "reported", "the", "session", "felt", "anxious", "and", "said", "that",
          "she", "he", "called", "about", "work", "sleep", "was", "better", "today", "with",
          "plan", "continue", "weekly", "therapy", "mood", "tired", "family", "on", "in")
PUNCTUATION = (" ", " ", " ", ", ", ". ", "; ", " (", ") ", ": ", "\n", " - ")
FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# Synthetic name words: letters in a name-like shape, never an everyday English word (those
# are matched only when capitalised, by design; see chart_matcher).
name_words = st.from_regex(r"[A-Z][aeiou][bcdfghklmnprstvz][a-z]{2,6}", fullmatch=True).filter(
    lambda w: lexicon().freq(w.lower()) < 20_000 and w.lower() not in FILLER)


@st.composite
def charts(draw: st.DrawFn) -> ChartIdentifiers:
    first, last, sister, clinician = (draw(name_words) for _ in range(4))
    phone = f"({draw(st.integers(200, 989))}) 555-{draw(st.integers(100, 199)):04d}"
    return ChartIdentifiers(
        legal_name=f"{first} {last}", phone=phone, email=f"{first.lower()}@example.com",
        contacts=(ChartPerson(f"{sister} {last}", "sister"),), care_team=(f"{clinician} Zyx",),
        identifiers=(f"MRN-{draw(st.integers(10_000, 99_999))}",))


def _vary(word: str, how: int) -> str:
    return (word, word.lower(), word.upper(), word + "'s")[how]


@st.composite
def notes(draw: st.DrawFn, chart: ChartIdentifiers) -> str:
    known = [*chart.legal_name.split(), chart.contacts[0].name.split()[0], chart.phone,
             chart.email, chart.identifiers[0], chart.care_team[0].split()[0]]
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(FILLER)))
        else:
            word = draw(st.sampled_from(known))
            is_name = word.isalpha()
            parts.append(_vary(word, draw(st.integers(0, 3))) if is_name else word)
        parts.append(draw(st.sampled_from(PUNCTUATION)))
    return "".join(parts)


def _leaks(output: str, chart: ChartIdentifiers) -> list[str]:
    words = [*chart.legal_name.split(), *chart.contacts[0].name.split(),
             chart.care_team[0].split()[0]]
    found = [w for w in words if re.search(rf"(?<![\w]){re.escape(w)}(?!\w)", output, re.I)]
    digits = re.sub(r"\D", "", output)
    found += [v for v in (re.sub(r"\D", "", chart.phone), chart.identifiers[0][4:])
              if v in digits]
    found += [chart.email] if chart.email.lower() in output.lower() else []
    return found


@FAST
@given(data=st.data())
def test_chart_identifiers_never_survive_in_tags_or_surrogates(data: st.DataObject) -> None:
    chart = data.draw(charts())
    text = data.draw(notes(chart))
    spans = Deidentifier(chart).find(text)
    assert _leaks(redact(text, spans), chart) == []
    assert _leaks(redact(text, spans, output="surrogates", chart=chart, key=b"k"), chart) == []


@FAST
@given(data=st.data())
def test_one_person_gets_one_stand_in_throughout(data: st.DataObject) -> None:
    chart = data.draw(charts())
    first = chart.legal_name.split()[0]
    forms = data.draw(st.lists(st.integers(0, 2), min_size=2, max_size=5))
    text = " and then ".join(f"{_vary(first, how)} called" for how in forms) + "."
    out = redact(text, Deidentifier(chart).find(text), output="surrogates", chart=chart,
                 key=data.draw(st.binary(max_size=8)))
    stand_ins = {m.lower() for m in re.findall(r"(\w+) called", out)}
    assert len(stand_ins) == 1, out
    assert first.lower() not in stand_ins


FULL_FORMATS = (lambda d: f"{d.month}/{d.day}/{d.year}",
                lambda d: f"{d.month:02}/{d.day:02}/{d.year}",
                lambda d: d.isoformat(),
                lambda d: f"{d.month}-{d.day}-{d.year % 100:02}",
                lambda d: d.strftime("%B %d, %Y").replace(" 0", " "),
                lambda d: d.strftime("%d %B %Y").lstrip("0"),
                lambda d: d.strftime("%b %d, %Y").replace(" 0", " "),
                lambda d: d.strftime("%A, %B %d, %Y").replace(" 0", " "))
dates = st.dates(min_value=date(1951, 1, 1), max_value=date(2048, 12, 31))


@FAST
@given(first=dates, second=dates, shift=st.integers(30, 335), negative=st.booleans(),
       formats=st.tuples(st.sampled_from(FULL_FORMATS), st.sampled_from(FULL_FORMATS)))
def test_date_shift_keeps_the_interval_between_any_two_dates(
        first: date, second: date, shift: int, negative: bool,
        formats: tuple[object, object]) -> None:
    days = -shift if negative else shift
    one, two = (f(d) for f, d in zip(formats, (first, second), strict=True))  # type: ignore[operator]
    moved_one, moved_two = shift_date_text(one, days), shift_date_text(two, days)
    assert moved_one is not None and moved_two is not None
    a, b = parse_date_text(moved_one), parse_date_text(moved_two)
    assume(a is not None and b is not None)
    assert a is not None and b is not None
    assert a - first == timedelta(days=days)
    assert (b - a) == (second - first)


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                max_size=300) | st.lists(
    st.sampled_from((*FILLER, "Maria", "555-0142", "3/14/2024", "Dr.", "MRN", "12345",
                     "Springfield", ",", ".", "O'Brien", "2001:db8::1", "@x")),
    max_size=40).map(" ".join)


@FAST
@given(text=texts)
def test_spans_are_sorted_disjoint_and_inside_the_text(text: str) -> None:
    spans = Deidentifier(ChartIdentifiers(legal_name="Maria Quill")).find(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        previous_end = span.end


@FAST
@given(text=texts, output=st.sampled_from(("tags", "surrogates")))
def test_redaction_without_spans_is_identity(text: str, output: str) -> None:
    assert redact(text, [], output=output) == text  # type: ignore[arg-type]
