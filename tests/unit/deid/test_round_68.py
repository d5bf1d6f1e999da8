"""Round 68 of issue 13, written from the sixty-fourth hand-written set then seen: a signer
before a slash and a second signer, a town's police by its initials after a cue (never a
personality disorder's), a high school's "HS" after its name in a cased note, and canoe
rentals (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("plan: recheck. -dr s. morgenthal/t. amankwah, np", "s. morgenthal"),
    ("bib lcpd after a fight downtown", "lcpd"),
    ("summers at current river canoe rental", "current river canoe rental"),
])
def test_round_sixty_eight_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_a_high_school_abbreviated_after_its_name() -> None:
    assert covered("Son doing ok at Lincoln Park HS this fall.", "Lincoln Park HS")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("dx: bpd, referred by dbt team", "bpd"),
    ("history of npd traits per prior eval, called by apd? no", "npd"),
    ("d/c home, f/u with pcp", "d/c"),
    ("trazodone 50 mg hs prn insomnia", "hs"),
])
def test_round_sixty_eight_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
