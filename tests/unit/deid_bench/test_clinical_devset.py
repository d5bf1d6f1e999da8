"""The clinical development set (issue 13) is deterministic, its gold spans say what the text
says in every case version, and its held-out part shares no template or name with tuning."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest

from closeddoor.deid.spans import Label
from devdata.deid import devset_clinical
from devdata.deid.devset_clinical import CASES, REGISTERS, SPLITS, ClinicalRecord


@pytest.fixture(scope="module")
def records() -> list[ClinicalRecord]:
    return devset_clinical.generate_clinical(seed=3, n_notes=12)


def test_same_seed_gives_same_records() -> None:
    assert devset_clinical.generate_clinical(5, 2) == devset_clinical.generate_clinical(5, 2)
    assert (devset_clinical.generate_clinical(5, 2)[0].text
            != devset_clinical.generate_clinical(6, 2)[0].text)


def test_every_register_split_and_case_is_present(records: list[ClinicalRecord]) -> None:
    groups = Counter((r.register, r.split, r.case) for r in records)
    assert set(groups) == set(itertools.product(REGISTERS, SPLITS, CASES))
    assert set(groups.values()) == {12}


def test_case_versions_share_gold_spans_and_differ_only_in_case(
        records: list[ClinicalRecord]) -> None:
    by_note: dict[str, list[ClinicalRecord]] = {}
    for r in records:
        by_note.setdefault(r.record_id.rsplit("-", 1)[0], []).append(r)
    for versions in by_note.values():
        assert len(versions) == 3
        written, upper, lower = versions
        assert upper.text == written.text.upper() and lower.text == written.text.lower()
        assert written.gold == upper.gold == lower.gold


def test_gold_spans_are_disjoint_on_word_boundaries_and_not_blank(
        records: list[ClinicalRecord]) -> None:
    for record in records:
        spans = record.spans
        for before, after in itertools.pairwise(spans):
            assert before.end <= after.start
        for span in spans:
            value = record.text[span.start:span.end]
            assert value.strip() == value and value
            assert span.start == 0 or not record.text[span.start - 1].isalnum()
            assert span.end == len(record.text) or not record.text[span.end].isalnum()


def test_notes_hold_the_bait_and_the_identifiers(records: list[ClinicalRecord]) -> None:
    labels = Counter(g.span.label for r in records for g in r.gold)
    assert {Label.NAME, Label.ORGANIZATION, Label.DATE, Label.PHONE} <= set(labels)
    text = "\n".join(r.text.lower() for r in records)
    for bait in ("peep 5", " cc", " mg", "7a-7p", "meq", "units"):
        assert bait in text


def test_held_out_names_and_templates_never_appear_while_tuning(
        records: list[ClinicalRecord]) -> None:
    names = {split: {w.lower() for r in records if r.split == split for g in r.gold
                     if g.span.label is Label.NAME
                     for w in re.findall(r"[A-Za-z]+", r.text[g.span.start:g.span.end])}
             for split in SPLITS}
    assert names["tuning"] and names["held-out"]
    assert not names["tuning"] & names["held-out"]
    assert all(devset_clinical.held_out_name(n) for n in names["held-out"])
    assert all(g.held_out == (r.split == "held-out") for r in records for g in r.gold)
    for register, families in (("nursing", devset_clinical._NURSING),
                               ("intake", devset_clinical._INTAKE)):
        cut = devset_clinical._TUNING_FAMILIES[register]
        tuning = {line for family in families[:cut] for line in family}
        held_out = {line for family in families[cut:] for line in family}
        assert tuning and held_out and not tuning & held_out
