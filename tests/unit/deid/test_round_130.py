"""Round 130 of issue 13, from what the hundred-and-fifty-first to -fourth sets (Serer, Dogon
and Songhai; Tuareg, Kanuri, Ijaw, Efik and Ibibio; Urhobo, Itsekiri, Nupe and Temne; Grebo,
Kpelle, Fante and Nzema families) lost, and what the same shapes lost on every set read before:
a nickname in brackets with who uses it ('("Efua" to family)'), after a name's suffix, and a
second one in the same bracket; a body of everyday words in a note without case after more
cues (employed by, of after a person, a header's comma, "to:"), and schools closed by
"elementary" or "high"; a street without a number closed by "dr" or of three words; a given
name that is an everyday word, where a sentence begins with it and a verb follows (synthetic
text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ('Client Ama Boateng-Ofori ("Efua" to family), 38, self-referred.', "Efua"),
    ("Client: Kwabena Asante Jr. ('Junior'), 16, with his mother.", "Junior"),
    ('Client: Rohan K. Mehta ("Bunty" at home, "RK" at school), 13.', "RK"),
])
def test_finds_nicknames_in_brackets(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "identifier"), [
    ("results interpreted by tavita of harbor bridge language services. bai 22.",
     "harbor bridge language services"),
    ("home health aide employed by brightside home attendant services, referred by pcp.",
     "brightside home attendant services"),
    ("sud intake, open road treatment services, dec 3.", "open road treatment services"),
    ("kids attend hollow tree elementary. reports nightmares.", "hollow tree elementary"),
    ("junior at tamarack valley regional high. referred by counselor.",
     "tamarack valley regional high"),
    ("a letter from rev. samuel park of good news fellowship, dated 3/1, is on file.",
     "good news fellowship"),
    ("referred by dr. anna wells, open arms counseling associates, after two falls.",
     "open arms counseling associates"),
    ("to: driftwood newcomer services, attn: intake.", "driftwood newcomer services"),
    ("the benefits office on memorial dr, across from the bank.", "memorial dr"),
    ("drove past her ex's place on old pine ridge rd; member t.w. said stop.",
     "old pine ridge rd"),
    ("client hope adeyemi, 15, grade 9. hope disclosed being teased at lunch.", "hope"),
    ("wife grace mensah attended. grace replied that the move was hard.", "grace"),
])
def test_finds_in_a_note_without_case(text: str, identifier: str) -> None:
    assert covered(text, identifier)
    assert covered(text.upper(), identifier.upper())


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("History: left school in 11th grade, then farm work.", "left school"),
    ("She came for graduate school; her father works nights.", "graduate school"),
    ("Seen by Dr. Samuel Adjei, developmental pediatrics, at the visit.",
     "developmental pediatrics"),
    ("Pt agreed to see Dr. Hamm at the clinic next week.", "see"),
    ("Client Grace Obi, 30. We hope to meet weekly. Hope is a theme.", "hope to"),
    ("Intake for supported living services, open since May.", "supported living services"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
