"""Round 84 of issue 13, written from the eightieth hand-written set then seen: contractors and
arcades by their type word (synthetic text only)."""

from __future__ import annotations

from tests.unit.deid.helpers import covered


def test_contractors_as_a_business_kind() -> None:
    assert covered("Fight w/ supervisor at Bright Thread Sewing Contractors in Koreatown.",
                   "Bright Thread Sewing Contractors")


def test_an_arcade_as_a_workplace() -> None:
    assert covered("works weekends at silver coin arcade on the boardwalk", "silver coin arcade")
