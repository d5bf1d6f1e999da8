"""Round 128 of issue 13, from what the hundred-and-forty-third to -forty-sixth sets (Mapuche,
Paraguayan and Aymara; Comorian, Malagasy, Mauritian and Seychellois; Crimean Tatar, Nogai and
Hadhrami; Acholi, Lango, Shilluk and Zande families) lost, one general rule: a body's name that
goes on with "of" and a place opened by "the", "greater", a compass word or "fort" ("Church of
the Twin Cities", "Islamic Center of Greater Portland", "Mandir of Central Jersey"), and more
kinds of body that may ("fellowship", "mandir", "masjid", "network") (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Attends FJKM Malagasy Church of the Twin Cities; pastor visits.",
     "FJKM Malagasy Church of the Twin Cities"),
    ("Friday prayer at Islamic Center of Greater Portland with his sons.",
     "Islamic Center of Greater Portland"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES[1:], ids=IDS[1:])
@pytest.mark.parametrize(("text", "identifier"), [
    ("Diwali at Ganesh Mandir of Central Jersey with the priest.",
     "Ganesh Mandir of Central Jersey"),
    ("Women from CCAP Fellowship of Southern Indiana bring meals.",
     "CCAP Fellowship of Southern Indiana"),
])
def test_finds_without_case(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES[1:], ids=IDS[1:])
@pytest.mark.parametrize(("text", "word"), [
    ("Raised in the Church of the Nazarene; no longer attends.", "Nazarene"),
    ("Joined the Association of the Deaf last spring.", "Deaf"),
])
def test_leaves_a_faith_or_a_people_after_of_the(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
