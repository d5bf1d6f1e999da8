"""Round 124 of issue 13, from what the hundred-and-twenty-seventh to -thirtieth sets (Kalmyk
and Kyrgyz; Rusyn, Lemko and Kashubian; Galician, Asturian and Cornish; Gagauz, Moldovan and
Aromanian families) lost, each rule a general one: a neighbourhood between a street address and
its ZIP code, long codes with letters, a one-digit extension after a comma, a body named by its
town and a specialty, a polyclinic or a legal aid office, numbered and lettered units, a public
school's number, roads named by letters, churches named for two saints or a holy name, and,
without case, a body named by everyday words between a cue and its kind (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Mailing: 88 W 7th Ave Apt 2, Seminole Heights, Tampa FL 33604.", "Seminole Heights"),
    ("Medi-Cal CIN 90417736b on file.", "90417736b"),
    ("Family court index 2026NA004417 pending.", "2026NA004417"),
    ("Incident report # 2025-114-07731, filed by officer.", "2025-114-07731"),
    ("Call the front desk at 608-555-0142, ext. 4, after noon.", "4"),
    ("Seen last spring at Freehold Pines Neurology for headaches.", "Freehold Pines Neurology"),
    ("Treated at Rural Health Counseling Associates, twice.",
     "Rural Health Counseling Associates"),
    ("Connected with Dayton Legal Aid about the eviction.", "Dayton Legal Aid"),
    ("Treated for nerves at Samarkand City Polyclinic No. 4 in 2012.",
     "Samarkand City Polyclinic No. 4"),
    ("Buried at St. Casimir's Cemetery beside her father.", "St. Casimir's Cemetery"),
    ("Transferred from BHU-2 overnight; calm.", "BHU-2"),
    ("Admitted to Marshfield Behavioral Health Unit D on Tuesday.",
     "Marshfield Behavioral Health Unit D"),
    ("Letter from the principal of PS 217 Harborview Academy, in Brooklyn.",
     "PS 217 Harborview Academy"),
    ("Grade 7, Point Loma Middle School, referred by counselor.", "Point Loma Middle School"),
    ("Parish: SS. Cyril and Methodius Church, where she sings.",
     "SS. Cyril and Methodius Church"),
    ("Brought food from the Holy Trinity Orthodox bake sale.", "Holy Trinity Orthodox"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES[1:], ids=IDS[1:])
@pytest.mark.parametrize(("text", "identifier"), [
    ("Lives on the farm at 5512 Hwy K, Marathon, WI 54448.", "5512 Hwy K"),
    ("Home visit to W4410 Cty Rd JJ, west of town.", "W4410 Cty Rd JJ"),
    ("Aide via Golden State Home Helpers, three mornings a week.", "Golden State Home Helpers"),
    ("Employer Hartwell Ground Services, laid off in May.", "Hartwell Ground Services"),
    ("Cashier at Kowalczyk's Department Store on weekends.", "Kowalczyk's Department Store"),
])
def test_finds_without_case(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("PHQ-9 trend 18-14-11, improving; glucose 110-145-160, stable.", "18-14-11"),
    ("PHQ-9 trend 18-14-11, improving; glucose 110-145-160, stable.", "110-145-160"),
    ("Admitted 11/24 to 6 West s/p fall from a ladder.", "s/p"),
    ("On 6 West x 2 days before the move.", "x 2"),
    ("Met with business partners, then at sunday dinner after services.", "business"),
    ("Met with business partners, then at sunday dinner after services.", "services"),
    ("She felt filled with the Holy Spirit of God at the revival.", "Holy Spirit"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
