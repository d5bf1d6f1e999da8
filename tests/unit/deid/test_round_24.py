"""Round 24 of issue 13, written from the nineteenth hand-written set then seen: hospitals
written "hosp", visiting nurses, health systems, programs and practices by their trade,
denominations and places of worship, a saint's place, and initials after their field
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Admitted via Laurel Ridge Community Hosp ED for sepsis.", "Laurel Ridge Community Hosp"),
    ("Home health with Keystone Visiting Nurses after discharge.", "Keystone Visiting Nurses"),
    ("Records from Tamarack Pines Health System, HIM department.",
     "Tamarack Pines Health System"),
    ("Group note, Juniper Ridge IOP, relapse prevention.", "Juniper Ridge IOP"),
    ("Eight sessions at Olathe Family Therapy, stopped in May.", "Olathe Family Therapy"),
    ("Hormones started at Joplin Gender Health this fall.", "Joplin Gender Health"),
    ("Church: Millard Free Wesleyan Church; uncle is the pastor.",
     "Millard Free Wesleyan Church"),
    ("Goes to Shree Durga Mandir twice a week.", "Shree Durga Mandir"),
    ("She arrived in St. Louis in 1998 with her sister.", "St. Louis"),
    ("Part 2 records (patient initials: RK). Purpose: continuity.", "RK"),
])
def test_round_twenty_four_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Sent to hosp by ambulance at 0200.", "hosp"),
    ("Night nurses aware of the plan.", "nurses"),
    ("She wants family therapy; referred to speech therapy too.", "family therapy"),
    ("Started IOP Monday after discharge.", "IOP"),
    ("Checked with the health system's billing office.", "health system"),
    ("Initials to be added on the next page.", "to be"),
    ("The old church on the hill closed.", "old church"),
])
def test_round_twenty_four_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
