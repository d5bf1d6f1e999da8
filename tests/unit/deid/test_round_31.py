"""Round 31 of issue 13, written from the twenty-sixth hand-written set then seen: a signer's
everyday surname after an initial, a full name before a credential, facilities and businesses
of everyday words (correctional facilities, health stations, bait & tackle), places of worship
named kind first, a place after "of" that no list knows, a name typed again in small letters,
a middle name that is shorthand too, and "the 9TH OF AUGUST" in capitals (synthetic text
only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Handoff to dr Amosa 0700. -P. Day, MD", "P. Day"),
    ("SW T. Day LCSW to see family tomorrow.", "T. Day"),
    ("CBT-I referral to Grace Hope, PhD; return in two weeks.", "Grace Hope"),
    ("Father incarcerated at Ridgeway Correctional Facility; visit next week.",
     "Ridgeway Correctional Facility"),
    ("Transferred from Cedar Point Health Station w/ sob.", "Cedar Point Health Station"),
    ("Visits supervised through Safe Harbor Visitation Center.", "Harbor Visitation Center"),
    ("Works as a lab technician at Corvane Diagnostics, on leave.", "Corvane Diagnostics"),
    ("Work note for Ridgeview Electronics through Friday.", "Ridgeview Electronics"),
    ("Mornings at Thibodeaux's Bait & Tackle again soon.", "Thibodeaux's Bait & Tackle"),
    ("She taught piano at Oakridge Conservatory for 31 years.", "Oakridge Conservatory"),
    ("We spoke with Rabbi Adler of Congregation Beth Shalom, who agreed.",
     "Congregation Beth Shalom"),
    ("Studied at Yeshivas Ohr Tzion until 2022.", "Yeshivas Ohr Tzion"),
    ("He prays at the Islamic Center of Greenhill and has talked with the imam.",
     "Islamic Center of Greenhill"),
    ("Interprets for pt's mother Ella Mae Begay, who also came.", "Ella Mae Begay"),
    ("Client born the 9th of August 1982, referred by her PCP.", "the 9th of August 1982"),
    ("Her mamaw Opal Caudill keeps the kids after school.", "Opal Caudill"),
    ("Braden Morse visited with his mom.", "Braden Morse"),
    ("Skills group starting the 8th of December.", "the 8th of December"),
])
def test_round_thirty_one_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Eleni and Kostas Pappas attend. Eleni is up at night; kostas has been helping.",
     "kostas"),
    ("Her brother Min-jun disagrees; min-jun wants to keep the shop open.", "min-jun"),
])
def test_round_thirty_one_finds_a_name_typed_again_in_small_letters(text: str,
                                                                    needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Valet says he drove off in silver sedan, MA plate on file.", "silver sedan"),
    ("Pt w/ c. diff, md aware.", "diff"),
    ("Dept of Social Work, MSW intern to see pt.", "Social Work"),
    ("Seen by the nurse practitioner, NP, this morning.", "practitioner"),
    ("The congregation sang; congregation members visited.", "congregation members"),
    ("Call light at nurses station; the health station is closed.", "health station"),
    ("Took the 3rd visit slot; moved to the 2nd floor.", "3rd"),
    ("Skin: sternal dsg c/d/i, Braden 13, Morse fall 45, bed alarm on.", "Braden"),
    ("Skin: sternal dsg c/d/i, Braden 13, Morse fall 45, bed alarm on.", "Morse"),
    ("GCS 13 (E3V4M6), BGL 54 -> D10 25 g IV; 12-lead no STEMI; B12 normal.", "E3V4M6"),
    ("GCS 13 (E3V4M6), BGL 54 -> D10 25 g IV; 12-lead no STEMI; B12 normal.", "D10"),
    ("GCS 13 (E3V4M6), BGL 54 -> D10 25 g IV; 12-lead no STEMI; B12 normal.", "12-lead"),
    ("GCS 13 (E3V4M6), BGL 54 -> D10 25 g IV; 12-lead no STEMI; B12 normal.", "B12"),
    ("Discussed Al-Anon; PG-13 score 31; amio load; s/p r TKA, steri-strips on.", "Al-Anon"),
    ("Discussed Al-Anon; PG-13 score 31; amio load; s/p r TKA, steri-strips on.", "PG-13"),
])
def test_round_thirty_one_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
