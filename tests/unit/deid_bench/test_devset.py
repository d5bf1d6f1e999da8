"""The synthetic development set is deterministic, and its gold spans say what the text says."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date

import pytest

from closeddoor.deid.chart import ChartIdentifiers, ChartPerson
from closeddoor.deid.spans import Label
from devdata.deid import devset, devset_world
from devdata.deid.devset import DevRecord, GoldSpan, Origin


@pytest.fixture(scope="module")
def records() -> list[DevRecord]:
    return devset.generate(seed=11, n_clients=30, notes_per_client=3)


def test_same_seed_gives_same_records_when_generated_twice() -> None:
    assert devset.generate(5, 3, 2) == devset.generate(5, 3, 2)
    assert devset.generate(5, 3, 2)[0].text != devset.generate(6, 3, 2)[0].text


def test_size_and_order_when_generated(records: list[DevRecord]) -> None:
    assert len(records) == 90
    assert len({r.record_id for r in records}) == 90
    assert all("INTAKE" in r.text for r in records[::3])


def test_gold_spans_are_sorted_disjoint_and_on_token_boundaries(records: list[DevRecord]) -> None:
    for record in records:
        spans = record.spans
        assert spans == sorted(spans)
        for before, after in itertools.pairwise(spans):
            assert before.end <= after.start
        for span in spans:
            assert 0 <= span.start < span.end <= len(record.text)
            surface = record.text[span.start:span.end]
            assert surface == surface.strip()
            assert not re.match(r"\w", record.text[span.end:span.end + 1])
            assert not re.match(r"\w", record.text[max(0, span.start - 1):span.start] or " ")


def test_every_span_is_the_identifier_it_claims_to_be(records: list[DevRecord]) -> None:
    for record in records:
        for gold in record.gold:
            surface = record.text[gold.span.start:gold.span.end]
            assert _matches(surface, gold), (record.record_id, surface, gold)


def test_chart_known_spans_are_in_the_chart(records: list[DevRecord]) -> None:
    for record in records:
        chart = record.chart
        names = " ".join([chart.legal_name, chart.preferred_name, *chart.nicknames,
                          *(p.name for p in chart.contacts), *chart.care_team,
                          chart.guardian.name if chart.guardian else ""]).split()
        phones = {_digits(p) for p in [chart.phone, *(c.phone for c in _people(chart))] if p}
        emails = {chart.email, *(c.email for c in _people(chart))}
        for gold in (g for g in record.gold if g.origin is Origin.CHART):
            label, value = gold.span.label, gold.value
            if label is Label.NAME:
                assert all(part in names for part in value.split()), value
            elif label is Label.PHONE:
                assert _digits(value) in phones
            elif label is Label.EMAIL:
                assert value in emails
            elif label is Label.DATE:
                assert value == chart.date_of_birth
            elif label is Label.LOCATION:
                assert value in chart.address
            elif label is Label.ORGANIZATION:
                assert value in (chart.employer, chart.school)
            else:
                assert value in chart.identifiers, (label, value)


def test_every_chart_round_trips_through_json(records: list[DevRecord]) -> None:
    for record in records[::3]:
        wire = json.loads(json.dumps(record.chart.to_json()))
        assert ChartIdentifiers.from_json(wire) == record.chart


def test_set_covers_every_category_origin_held_out_source_and_word_name(
        records: list[DevRecord]) -> None:
    labels = {g.span.label for r in records for g in r.gold}
    origins = {g.origin for r in records for g in r.gold}
    assert labels == set(Label)
    assert origins == set(Origin)
    held_out = {g.span.label for r in records for g in r.gold if g.held_out}
    assert held_out == {Label.NAME, Label.ORGANIZATION}
    words = " ".join(_outside_spans(r) for r in records)
    assert re.search(r"\b[Hh]ope\b", words) and re.search(r"\b(May|may)\b", words)


def _matches(surface: str, gold: GoldSpan) -> bool:
    label, value = gold.span.label, gold.value
    if label is Label.NAME:
        parts = value.split()
        nicknames = (devset_world.NICKNAMES.get(p, "") for p in parts)
        forms = {*parts, value, f"{parts[0]} {parts[-1]}", f"{parts[1]} {parts[-1]}",
                 f"{parts[0][0]}.{parts[-1][0]}.", *nicknames}
        return (surface in forms or surface.lower() in {f.lower() for f in forms}
                or any(_one_edit(surface, p) for p in parts))
    if label is Label.DATE:
        day = date.fromisoformat(value)
        return surface in {f(day) for f in devset_world.DATE_FORMATS + devset_world.MONTH_FORMATS}
    if label in (Label.PHONE, Label.SSN):
        return _digits(surface)[-len(_digits(value)):] == _digits(value)
    return surface == value


def _one_edit(a: str, b: str) -> bool:
    """Damerau distance exactly 1: the generator's misspellings."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _people(chart: ChartIdentifiers) -> list[ChartPerson]:
    return [*chart.contacts, *([chart.guardian] if chart.guardian else [])]


def _outside_spans(record: DevRecord) -> str:
    text, cursor, pieces = record.text, 0, []
    for span in record.spans:
        pieces.append(text[cursor:span.start])
        cursor = span.end
    return "".join(pieces) + text[cursor:]
