"""Round 30 of issue 13, written from the twenty-fifth hand-written set then seen: trades and
facilities named with everyday words (catering, casinos, health plans, residential treatment,
"nursing and rehab"), a kind inside a facility's name ("regional burn center"), a surname that
is an everyday word after a clinician's role, languages, shorthand, and quoted nicknames said
again (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Husband works nights at Skyport Catering by the airport.", "Skyport Catering"),
    ("Weekend trips to Coastal Bend Star Casino, lost $38,000.", "Coastal Bend Star Casino"),
    ("Daily pens from Green Heron Dispensary on 5th.", "Green Heron Dispensary"),
    ("Insurer Blue Pines Health Plan, member ID on file.", "Blue Pines Health Plan"),
    ("60-day stay at Northern Lights Residential Treatment in 2024.",
     "Northern Lights Residential Treatment"),
    ("ICWA worker from Nunapitsinaq Traditional Council involved.",
     "Nunapitsinaq Traditional Council"),
    ("To: Hollis Property Group, attn: property manager.", "Hollis Property Group"),
    ("Lost job at Big Cypress Cattle Co. last month.", "Big Cypress Cattle Co"),
    ("CNA at Seaview Gardens Nursing and Rehab, referred after a hold.",
     "Seaview Gardens Nursing and Rehab"),
    ("KESTREL REGIONAL BURN CENTER 7A-7P: PT RESTING.", "KESTREL REGIONAL BURN CENTER"),
    ("VA PCP at Chugach VA Outpatient Clinic monthly.", "Chugach VA Outpatient Clinic"),
    ("Intake, Compass Early Psychosis Clinic, this week.", "Compass Early Psychosis Clinic"),
    ("Report called to RN Little 1710. Pt resting.", "Little"),
    ("PNC with CNM Best, records faxed.", "Best"),
    ("Referred by lactation consultant Jen Short.", "Jen Short"),
    ('Calling for "Bubba" (son Cuffee Love Jr., lives nearby).', "Cuffee Love Jr"),
    ("A monk from Wat Dhammaram of Merrimack will come.", "Wat Dhammaram of Merrimack"),
    ("Husband driving in from Wright City, OK, tonight.", "Wright City"),
    ("Lives Elm Springs, AR. Sister visits.", "Elm Springs"),
    ("Legal: next court setting 10/14, PO aware.", "10/14"),
    ("Inpt psych nsg 7a-7p 3/4: pt calm.", "3/4"),
    ("Rev. Simmons from Ebenezer Praise House will bring communion.", "Ebenezer Praise House"),
    ("Suspended 3 days from Bronx Collegiate Prep after a fight.", "Bronx Collegiate Prep"),
    ("Release to: Carolina Disability Determination Services, attn: claims.",
     "Carolina Disability Determination Services"),
])
def test_round_thirty_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str, str.upper), ids=("as-written", "upper"))
@pytest.mark.parametrize(("text", "needle"), [
    ('Son Dwayne "DJ" Nunez (15). DJ suspended 3 days; DJ watches his sister.', "DJ"),
    ('Cousin "Boy" Pascua drives him to work; ride with Boy on Saturday.', "Boy"),
    ('Cousin "Boy" Pascua drives him to work; ride with Boy on Saturday.', "Pascua"),
])
def test_round_thirty_finds_quoted_nicknames_every_time(case: type[str], text: str,
                                                        needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Referred to DBT skills group on Tuesdays.", "skills group"),
    ("Plan: skilled nursing and rehab for two weeks.", "skilled nursing and rehab"),
    ("Appeal of the denial of continued residential treatment.",
     "continued residential treatment"),
    ("Transfer to a local burn center advised.", "burn center"),
    ("Called md, md aware, rn present at bedside.", "aware"),
    ("Family speaks Garifuna, Kriol and English; Pashto interpreter.", "Garifuna"),
    ("Family speaks Garifuna, Kriol and English; Pashto interpreter.", "Pashto"),
    ("Xeroform to face, SROM 0415 clear, no decels, substernal cp.", "Xeroform"),
    ("Xeroform to face, SROM 0415 clear, no decels, substernal cp.", "substernal"),
    ("Genogram updated; verbal de-esc worked.", "Genogram"),
    ("Her health plan denied the claim; Medicaid health plan pending.", "health plan"),
    ('Her mother "Felt Fine" Sunday, she said.', "Sunday"),
    ("Pt's son fem Cori in to visit; covering md fem Benjamin aware.", "fem"),
    ("Cp 7/10 -> 3/10 after ntg; vent settings 10/5 unchanged.", "7/10"),
    ("Cp 7/10 -> 3/10 after ntg; vent settings 10/5 unchanged.", "10/5"),
    ("Took 3/4 tab; moved back to the city, ok? she asked.", "city"),
    ("Wife Mary and jr high teachers met today.", "jr high"),
    ("Referred by her employee assistance program; prior residential ptsd program.",
     "assistance program"),
])
def test_round_thirty_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]

