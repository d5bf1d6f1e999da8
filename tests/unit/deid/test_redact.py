"""Tags, consistent stand-ins and date shifting."""

from __future__ import annotations

import re

import pytest

from closeddoor.deid import (
    ChartIdentifiers,
    Label,
    Span,
    Surrogates,
    date_shift_for,
    find_identifiers,
    redact,
    redactions,
)
from closeddoor.deid.dates import parse_date_text
from closeddoor.errors import InvalidInput
from tests.unit.deid.helpers import CHART

NOTE = ("Maria Vasquez-Lopez (DOB 3/14/1988) was seen 2024-03-04. Maria said Ms. Vasquez-Lopez "
        "is tired; M.V. called from (541) 555-0142 and wrote from mvasquez@example.com. Her "
        "sister Rosa Vasquez lives at 412 Alder Street, Springfield, OR 97477. MRN-00412. "
        "Maria's boss at Cascade Millworks, Dr. Whitfield, saw her on March 11, 2024.")


def test_tags_replace_each_span_with_its_label() -> None:
    text = "Maria called 555-0142 on 3/4/2024."
    out = redact(text, find_identifiers(text))
    assert out == "[NAME] called [PHONE] on [DATE]."


def test_no_spans_leaves_the_text_unchanged() -> None:
    assert redact(NOTE, []) == NOTE
    assert redact(NOTE, [], output="surrogates", chart=CHART, key=b"k") == NOTE


def test_overlapping_or_outside_spans_are_refused() -> None:
    with pytest.raises(InvalidInput):
        redact("abc", [Span(0, 2, Label.NAME), Span(1, 3, Label.NAME)])
    with pytest.raises(InvalidInput):
        redact("abc", [Span(2, 9, Label.NAME)])


def test_surrogates_never_reuse_a_chart_identifier() -> None:
    out = redact(NOTE, find_identifiers(NOTE, CHART), output="surrogates", chart=CHART,
                 key=b"test-key")
    lowered = out.lower()
    for word in ("maria", "vasquez", "lopez", "rosa", "whitfield", "alder", "springfield",
                 "cascade", "millworks", "mvasquez", "97477", "00412", "0142", "1988"):
        assert not re.search(rf"\b{word}\b", lowered), word


def test_surrogates_keep_one_stand_in_per_person() -> None:
    text = "Maria arrived. Later Maria Vasquez-Lopez said Ms. Vasquez-Lopez was fine."
    out = redact(text, find_identifiers(text, CHART), output="surrogates", chart=CHART, key=b"k")
    m = re.fullmatch(r"(\w+) arrived\. Later (\w+) ([\w-]+) said Ms\. ([\w-]+) was fine\.", out)
    assert m is not None, out
    assert m.group(1) == m.group(2)
    assert m.group(3) == m.group(4)


def test_surrogate_initials_follow_the_stand_in_name() -> None:
    text = "Maria Vasquez-Lopez arrived; M.V. signed."
    out = redact(text, find_identifiers(text, CHART), output="surrogates", chart=CHART, key=b"k")
    m = re.fullmatch(r"(\w)\w* (\w)[\w-]* arrived; (\w)\.(\w)\. signed\.", out)
    assert m is not None, out
    assert (m.group(1), m.group(2)) == (m.group(3), m.group(4))


def test_surrogates_are_deterministic_for_a_key_and_differ_across_keys() -> None:
    spans = find_identifiers(NOTE, CHART)
    first = redact(NOTE, spans, output="surrogates", chart=CHART, key=b"one")
    assert first == redact(NOTE, spans, output="surrogates", chart=CHART, key=b"one")
    assert first != redact(NOTE, spans, output="surrogates", chart=CHART, key=b"two")


@pytest.mark.parametrize(("label", "original", "shape"), [
    (Label.PHONE, "(541) 555-0142", r"\(555\) 555-01\d\d"),
    (Label.PHONE, "541.555.0142", r"555\.555\.01\d\d"),
    (Label.EMAIL, "someone@example.org", r"[a-z-]+\.[a-z-]+@example\.com"),
    (Label.SSN, "123-45-6789", r"9\d\d-\d\d-\d\d\d\d"),
    (Label.IP, "203.0.113.9", r"192\.0\.2\.\d+"),
    (Label.IP, "2001:db8::1f", r"2001:db8::[0-9a-f]+"),
    (Label.URL, "www.example.org/x", r"https://www\.example\.com/page-\d+"),
    (Label.AGE, "93", r"90\+"),
    (Label.ID, "SN-4821-AB3", r"[A-Z]{2}-\d{4}-[A-Z]{2}\d"),
    (Label.LOCATION, "97477", r"\d{5}"),
    (Label.DATE, "Christmas", r"the holiday"),
])
def test_surrogate_is_realistic_for_its_category(label: Label, original: str, shape: str) -> None:
    stand_in = Surrogates(b"k").replace(label, original)
    assert re.fullmatch(shape, stand_in), stand_in
    assert stand_in != original


def test_organisation_keeps_its_kind() -> None:
    stand_in = Surrogates(b"k").replace(Label.ORGANIZATION, "Lincoln Elementary School")
    assert stand_in.endswith(" Elementary School")
    assert "Lincoln" not in stand_in


def test_date_shift_is_deterministic_nonzero_and_bounded() -> None:
    shifts = {date_shift_for(b"key", f"client-{i}") for i in range(200)}
    assert all(30 <= abs(s) <= 335 for s in shifts)
    assert date_shift_for(b"key", "client-1") == date_shift_for(b"key", "client-1")
    assert len(shifts) > 50
    assert any(s < 0 for s in shifts) and any(s > 0 for s in shifts)


def test_dates_shift_together_and_keep_their_interval() -> None:
    text = "Seen 3/4/2024 and again on March 18, 2024."
    out = redact(text, find_identifiers(text), output="surrogates", key=b"k", date_shift_days=45)
    assert out == "Seen 4/18/2024 and again on May 2, 2024."
    first, second = re.findall(r"\d+/\d+/\d+|[A-Z][a-z]+ \d+, \d+", out)
    before, after = parse_date_text(first), parse_date_text(second)
    assert before is not None and after is not None
    assert (after - before).days == 14


def test_redactions_report_what_was_replaced() -> None:
    text = "Maria called."
    [only] = redactions(text, find_identifiers(text))
    assert only.span == Span(0, 5, Label.NAME)
    assert only.replacement == "[NAME]"


def test_surrogates_without_chart_still_replace_every_span() -> None:
    text = "Jennifer Okafor called from 555-0142 on 3/4/2024."
    out = redact(text, find_identifiers(text), output="surrogates", key=b"k")
    assert "Jennifer" not in out and "Okafor" not in out and "0142" not in out
    assert "3/4/2024" not in out


def test_empty_chart_for_surrogates_is_fine() -> None:
    text = "Maria called."
    out = redact(text, find_identifiers(text), output="surrogates", chart=ChartIdentifiers(),
                 key=b"k")
    assert "Maria" not in out


@pytest.mark.parametrize(("label", "original"), [(Label.NAME, "Maria 4471023"),
                                                  (Label.ORGANIZATION, "Unit 4 Harper Group")])
def test_numbers_inside_a_name_or_organisation_span_are_replaced_too(label: Label,
                                                                     original: str) -> None:
    stand_in = Surrogates(b"k").replace(label, original)
    assert "4471023" not in stand_in and "Maria" not in stand_in and "Harper" not in stand_in


def test_surrogate_never_contains_the_replaced_text() -> None:
    stand_ins = Surrogates(b"k", CHART)
    for label, original in ((Label.ORGANIZATION, "First Baptist Church"),
                            (Label.LOCATION, "Lane County"), (Label.NAME, "J."),
                            (Label.LOCATION, "Cedar Rapids"), (Label.ID, "0080")):
        assert original.lower() not in stand_ins.replace(label, original).lower()


def test_phone_stand_in_never_keeps_the_real_line_number() -> None:
    # Stand-ins are 555-0100..0199; a real 555-01xx number must not come back by chance.
    for original in ("(541) 555-0142", "555-0100", "312.555.0199"):
        line = original[-4:]
        for n in range(300):
            assert not Surrogates(f"key-{n}".encode()).replace(Label.PHONE, original).endswith(
                line)
